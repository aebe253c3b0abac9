//! # A016 polymorphic-association
//!
//! **Group:** integrity · **Default severity:** warning
//!
//! A table has a `<x>_type` column beside a `<x>_id` column (`commentable_type`,
//! `commentable_id`): a polymorphic association. The id points into a different table depending
//! on the type, so no foreign key can protect it, joins need a `CASE`, and indexes serve it
//! poorly.
//!
//! Fix: one nullable foreign-key column per target table with a CHECK that exactly one is set,
//! or one junction table per target.

use schemata_model::{Diagnostic, Severity};

use super::{column_path, column_target};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A016",
    name: "polymorphic-association",
    group: Group::Integrity,
    severity: Severity::Warning,
    summary: "A `*_type` + `*_id` pair points into several tables",
    source: include_str!("a016_polymorphic_association.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        for c in &t.columns {
            // Only names ending in `_type` (in any case) are lower-cased.
            let bytes = c.name.as_bytes();
            if bytes.len() < 5 || !bytes[bytes.len() - 5..].eq_ignore_ascii_case(b"_type") {
                continue;
            }
            let lower = c.name.to_lowercase();
            let Some(stem) = lower.strip_suffix("_type") else {
                continue;
            };
            let Some(id) = t
                .columns
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(&format!("{stem}_id")))
            else {
                continue;
            };
            out.push(
                RULE.diag(format!(
                    "{}.{} and {} form a polymorphic association that no foreign key can check",
                    t.name, id.name, c.name
                ))
                .with_help(
                    "use one foreign-key column per target table, or a junction table per target",
                )
                .with_target(column_target(t, &id.id))
                .with_path(column_path(ti, t, &id.id)),
            );
        }
    }
}
