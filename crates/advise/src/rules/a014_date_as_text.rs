//! # A014 date-as-text
//!
//! **Group:** integrity · **Default severity:** warning
//!
//! A column whose name says date or time (`*_at`, `*_date`, `*_on`, `*_time`, `date`,
//! `birthday`, `dob`) has a text type. Nothing stops `'31/02/2024'` or `'soon'`; ranges and
//! sorting compare strings, not instants; and every reader must parse it.
//!
//! Fix: use `date`, `timestamp` or `timestamptz`.

use schemata_model::{Diagnostic, Severity};

use super::{column_path, column_target};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A014",
    name: "date-as-text",
    group: Group::Integrity,
    severity: Severity::Warning,
    summary: "A date or time column has a text type",
    source: include_str!("a014_date_as_text.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        for c in t.columns.iter().filter(|c| c.data_type.is_textual()) {
            let n = c.name.to_lowercase();
            let temporal = ["_at", "_date", "_on", "_time"]
                .iter()
                .any(|s| n.ends_with(s))
                || ["date", "birthday", "dob", "timestamp"].contains(&n.as_str());
            if !temporal {
                continue;
            }
            out.push(
                RULE.diag(format!(
                    "{} looks like a date or time but is stored as {}",
                    cx.column_label(t, &c.id),
                    c.data_type
                ))
                .with_help("use date, timestamp or timestamptz")
                .with_target(column_target(t, &c.id))
                .with_path(format!("{}/type", column_path(ti, t, &c.id)))
                .with_fix(
                    if n.ends_with("_at") || n.ends_with("_time") {
                        "change the type to timestamptz"
                    } else {
                        "change the type to date"
                    },
                    None,
                ),
            );
        }
    }
}
