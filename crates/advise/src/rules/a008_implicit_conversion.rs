//! # A008 implicit-conversion
//!
//! **Group:** queries · **Default severity:** warning
//!
//! A statement compares a column with a literal or a cast of another type family: a text column
//! with a number (`WHERE phone = 5551234`), a numeric column with a non-numeric string, a
//! boolean with a number. The database converts one side on every row; when it converts the
//! column (MySQL does for strings against numbers), no index on the column can be used, and the
//! comparison may not mean what it seems (`'0012' = 12`).
//!
//! Fix: write the literal in the column's type, or bind the parameter with the column's type.

use schemata_model::{Diagnostic, Severity};

use super::{pattern_target, statement_path};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A008",
    name: "implicit-conversion",
    group: Group::Queries,
    severity: Severity::Warning,
    summary: "A column is compared with a value of another type",
    source: include_str!("a008_implicit_conversion.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for info in &cx.patterns {
        for (si, a) in &info.statements {
            for access in a.tables.iter().filter(|t| !t.type_mismatches.is_empty()) {
                let Some((_, t)) = cx.table(&access.table) else {
                    continue;
                };
                for m in &access.type_mismatches {
                    let col_type = t
                        .column(&m.column)
                        .map(|c| c.data_type.to_string())
                        .unwrap_or_default();
                    out.push(
                        RULE.diag(format!(
                            "pattern `{}` compares {} ({col_type}) with the {} {}",
                            cx.pattern(info).name,
                            cx.column_label(t, &m.column),
                            m.value_type,
                            m.value
                        ))
                        .with_help("write the value in the column's type")
                        .with_target(pattern_target(cx, info.index))
                        .with_path(statement_path(info.index, *si)),
                    );
                }
            }
        }
    }
}
