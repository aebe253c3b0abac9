//! # V013 no-primary-key
//!
//! **Group:** integrity · **Default severity:** warning
//!
//! A table has no primary key. Rows cannot be addressed one by one, duplicates creep in,
//! replication and most tools need a key, and every foreign key to the table is impossible.
//!
//! This is the validation check of the same code, listed in the registry so that its level can
//! be configured and it counts in the score like the other rules.
//!
//! Fix: add a primary key (a surrogate `id`, or the natural key).

use schemata_model::{Diagnostic, Severity};

use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "V013",
    name: "no-primary-key",
    group: Group::Integrity,
    severity: Severity::Warning,
    summary: "A table has no primary key",
    source: include_str!("v013_no_primary_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        if t.primary_key
            .as_ref()
            .is_some_and(|pk| !pk.columns.is_empty())
        {
            continue;
        }
        out.push(
            RULE.diag(format!("table {} has no primary key", t.name))
                .with_help("add a primary key: a surrogate id or the natural key")
                .with_target(super::table_target(t))
                .with_path(format!("/tables/{ti}")),
        );
    }
}
