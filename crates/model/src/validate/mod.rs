//! Semantic validation of a design: duplicates, dangling references, keys and foreign keys that
//! no database would accept, identifiers the target dialects refuse.
//!
//! Every diagnostic has a stable code (see [`codes`]), a message naming tables and columns by
//! their names, a `target` by id and a JSON pointer `path` into the design file. Errors are what
//! a database would refuse or what makes the design contradict itself; warnings are legal but
//! likely mistakes.

pub mod codes;
mod domains;
mod foreign_keys;
mod identifiers;
mod names;
mod partitions;
mod relations;
mod tables;
mod worksheet;

use std::collections::HashMap;

use crate::design::{Design, Table};
use crate::diag::{Diagnostic, Target};

/// Check a design. Returns diagnostics with paths (and no locations: the loader adds them).
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    let cx = Cx::new(design);
    let mut out = Vec::new();
    tables::check(&cx, &mut out);
    foreign_keys::check(&cx, &mut out);
    names::check(&cx, &mut out);
    identifiers::check(&cx, &mut out);
    relations::check(&cx, &mut out);
    domains::check(&cx, &mut out);
    partitions::check(&cx, &mut out);
    worksheet::check(&cx, &mut out);
    // Enum types, domains, the layout and the design's own settings have no narrower target.
    for d in &mut out {
        if d.target.is_none() {
            d.target = Some(Target::Design);
        }
    }
    out
}

/// The design with look-ups the checks share.
pub(crate) struct Cx<'d> {
    pub design: &'d Design,
    /// Tables by id: the first table with each id and its position.
    tables: HashMap<&'d str, (usize, &'d Table)>,
}

impl<'d> Cx<'d> {
    fn new(design: &'d Design) -> Self {
        let mut tables = HashMap::new();
        for (i, t) in design.tables.iter().enumerate() {
            tables.entry(t.id.as_str()).or_insert((i, t));
        }
        Cx { design, tables }
    }

    /// The table with this id and its position.
    pub fn table(&self, id: &str) -> Option<(usize, &'d Table)> {
        self.tables.get(id).copied()
    }

    /// The tables with their positions.
    pub fn tables(&self) -> impl Iterator<Item = (usize, &'d Table)> + use<'d> {
        self.design.tables.iter().enumerate()
    }
}

/// `schema.name` or `name`, for messages.
pub(crate) fn table_label(t: &Table) -> String {
    match &t.schema {
        Some(s) if !s.is_empty() => format!("{s}.{}", t.name),
        _ => t.name.clone(),
    }
}

/// `table.column` by names, for messages; the id when the column does not exist.
pub(crate) fn column_label(t: &Table, column_id: &str) -> String {
    format!("{}.{}", table_label(t), t.column_name(column_id))
}

/// The schema a table or type lives in, folded for comparisons (`""` is the default schema).
pub(crate) fn schema_key(schema: &Option<String>) -> String {
    schema.as_deref().unwrap_or("").to_lowercase()
}

pub(crate) fn table_target(t: &Table) -> Target {
    Target::Table {
        table: t.id.clone(),
    }
}

pub(crate) fn column_target(t: &Table, column_id: &str) -> Target {
    Target::Column {
        table: t.id.clone(),
        column: column_id.to_string(),
    }
}

pub(crate) fn constraint_target(t: &Table, constraint_id: &str) -> Target {
    Target::Constraint {
        table: t.id.clone(),
        constraint: constraint_id.to_string(),
    }
}

pub(crate) fn index_target(t: &Table, index_id: &str) -> Target {
    Target::Index {
        table: t.id.clone(),
        index: index_id.to_string(),
    }
}

/// The id a primary key is known by in targets.
pub(crate) const PRIMARY_KEY_ID: &str = "pk";

#[cfg(test)]
mod tests;
