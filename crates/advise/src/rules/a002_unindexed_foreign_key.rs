//! # A002 unindexed-foreign-key
//!
//! **Group:** indexing · **Default severity:** warning
//!
//! A foreign key whose columns are not the leading columns of any primary key, unique
//! constraint or index. Deleting or updating a referenced row then scans the referencing table
//! to check the constraint (or to cascade), and joins from the parent to its children have no
//! access path.
//!
//! ```json
//! {"name": "order_items", "foreign_keys": [{"columns": ["order_id"], "references": "orders"}]}
//! ```
//!
//! Fix: add an index on the foreign-key columns (`CREATE INDEX ON order_items (order_id)`), or
//! make them the leading columns of an existing key.

use schemata_model::{Diagnostic, Severity};

use super::has_leading;
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A002",
    name: "unindexed-foreign-key",
    group: Group::Indexing,
    severity: Severity::Warning,
    summary: "A foreign key's columns lead no key or index",
    source: include_str!("a002_unindexed_foreign_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        for (fi, fk) in t.foreign_keys.iter().enumerate() {
            if fk.columns.is_empty() || has_leading(cx, t, &fk.columns) {
                continue;
            }
            let names = t.column_names(&fk.columns).join(", ");
            let referenced = cx
                .table(&fk.references)
                .map_or(fk.references.as_str(), |(_, r)| r.name.as_str());
            let index = crate::ddl::index_name(
                cx.design,
                t,
                &t.column_names(&fk.columns)
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
            );
            out.push(
                RULE.diag(format!(
                    "foreign key {}({names}) -> {referenced} has no index on its columns",
                    t.name
                ))
                .with_help("index the foreign-key columns so that deletes of the referenced rows and joins do not scan the table")
                .with_target(schemata_model::Target::Constraint {
                    table: t.id.clone(),
                    constraint: fk.id.clone(),
                })
                .with_path(format!("/tables/{ti}/foreign_keys/{fi}"))
                .with_fix(format!("create index {index}"), Some(format!("CREATE INDEX {index} ON {} ({names});", t.name))),
            );
        }
    }
}
