//! Text exports of a design for other tools: a Mermaid `erDiagram` and DBML.
//!
//! Both are deterministic (tables, columns and keys in design order) and drawn from the design
//! alone, with no dialect: the column types are the design's logical types.

mod dbml;
mod mermaid;

pub use dbml::dbml;
pub use mermaid::mermaid;

use schemata_model::{Design, ForeignKey, Table};

/// How a foreign key's two ends are drawn: whether a child row must have a parent, and whether a
/// parent has at most one child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ends {
    /// Every FK column is NOT NULL: each child row has exactly one parent.
    pub mandatory: bool,
    /// The FK columns are exactly a unique key (the primary key or a UNIQUE constraint or
    /// index) of the child: a parent has at most one child.
    pub one_to_one: bool,
    /// The FK columns are all part of the child's primary key (an identifying relationship).
    pub identifying: bool,
}

/// The ends of `fk`, a foreign key of `table`.
pub(crate) fn ends(table: &Table, fk: &ForeignKey) -> Ends {
    let mandatory = fk
        .columns
        .iter()
        .all(|id| table.column(id).is_some_and(|c| !c.nullable));
    let same_set = |cols: &[String]| {
        cols.len() == fk.columns.len() && cols.iter().all(|c| fk.columns.contains(c))
    };
    let pk = table.primary_key_columns();
    let one_to_one = same_set(pk)
        || table.uniques.iter().any(|u| same_set(&u.columns))
        || table.indexes.iter().any(|ix| {
            ix.unique
                && ix.predicate.is_none()
                && ix.parts.iter().all(|p| p.column.is_some())
                && same_set(
                    &ix.parts
                        .iter()
                        .filter_map(|p| p.column.clone())
                        .collect::<Vec<_>>(),
                )
        });
    let identifying = !fk.columns.is_empty() && fk.columns.iter().all(|c| pk.contains(c));
    Ends {
        mandatory,
        one_to_one,
        identifying,
    }
}

/// The verb phrase of the relationship that `fk` implements, if the design names one.
pub(crate) fn relationship_name<'a>(design: &'a Design, fk: &ForeignKey) -> Option<&'a str> {
    design
        .relationships
        .iter()
        .find(|r| r.foreign_key.as_deref() == Some(fk.id.as_str()))
        .and_then(|r| r.name.as_deref())
}

#[cfg(test)]
mod tests;
