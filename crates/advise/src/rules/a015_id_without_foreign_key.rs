//! # A015 id-without-foreign-key
//!
//! **Group:** integrity · **Default severity:** info
//!
//! A column named `<something>_id` is not part of any foreign key (and not the table's own
//! primary key, nor half of a polymorphic `<x>_type` / `<x>_id` pair, which A016 reports).
//! Nothing guarantees that the row it points to exists.
//!
//! Fix: add a foreign key to the referenced table, or rename the column if it holds an external
//! identifier (`stripe_customer_ref`).

use std::collections::HashMap;

use schemata_model::{Diagnostic, Severity};

use super::{column_path, column_target};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A015",
    name: "id-without-foreign-key",
    group: Group::Integrity,
    severity: Severity::Info,
    summary: "A `*_id` column has no foreign key",
    source: include_str!("a015_id_without_foreign_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    // Table names by their lower-cased name and singular, for the "to which table?" hint; built
    // lazily because most designs have no such column.
    let mut names: Option<HashMap<String, &str>> = None;
    for (ti, t) in cx.design.tables.iter().enumerate() {
        for c in &t.columns {
            // Only names ending in `_id` (in any case) are lower-cased.
            let bytes = c.name.as_bytes();
            if bytes.len() < 3 || !bytes[bytes.len() - 3..].eq_ignore_ascii_case(b"_id") {
                continue;
            }
            let lower = c.name.to_lowercase();
            let Some(stem) = lower.strip_suffix("_id") else {
                continue;
            };
            if stem.is_empty()
                || t.primary_key_columns() == std::slice::from_ref(&c.id)
                || t.foreign_keys.iter().any(|fk| fk.columns.contains(&c.id))
                || t.columns
                    .iter()
                    .any(|o| o.name.eq_ignore_ascii_case(&format!("{stem}_type")))
            {
                continue;
            }
            let names = names.get_or_insert_with(|| {
                let mut m = HashMap::new();
                for r in &cx.design.tables {
                    let lower = r.name.to_lowercase();
                    m.entry(schemata_sql::naming::singular(&lower))
                        .or_insert(r.name.as_str());
                    m.insert(lower, r.name.as_str());
                }
                m
            });
            let guess = names
                .get(stem)
                .map(|name| format!(" (to {name}?)"))
                .unwrap_or_default();
            out.push(
                RULE.diag(format!(
                    "{} has no foreign key{guess}",
                    cx.column_label(t, &c.id)
                ))
                .with_help(
                    "add a foreign key, or rename the column if it holds an outside identifier",
                )
                .with_target(column_target(t, &c.id))
                .with_path(column_path(ti, t, &c.id)),
            );
        }
    }
}
