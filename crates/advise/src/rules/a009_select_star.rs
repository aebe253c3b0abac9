//! # A009 select-star
//!
//! **Group:** queries · **Default severity:** info
//!
//! A pattern's query returns `*` (or `alias.*`). It reads every column, including wide ones it
//! may not need, so no index can cover it; and the application silently starts receiving every
//! column added to the table later.
//!
//! Fix: list the columns the pattern uses.

use schemata_model::{Diagnostic, Severity};

use super::{pattern_target, statement_path};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A009",
    name: "select-star",
    group: Group::Queries,
    severity: Severity::Info,
    summary: "A query returns every column with `*`",
    source: include_str!("a009_select_star.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for info in &cx.patterns {
        for (si, a) in &info.statements {
            if !a.select_star {
                continue;
            }
            out.push(
                RULE.diag(format!("pattern `{}` selects *", cx.pattern(info).name))
                    .with_help("list the columns the pattern needs")
                    .with_target(pattern_target(cx, info.index))
                    .with_path(statement_path(info.index, *si)),
            );
        }
    }
}
