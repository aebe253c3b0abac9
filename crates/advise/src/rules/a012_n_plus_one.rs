//! # A012 n-plus-one
//!
//! **Group:** queries · **Default severity:** warning
//!
//! A pattern is declared as issued once per result row of another pattern (`"per_row_of"` in
//! the design, `-- per-row-of:` in a worksheet file): the N+1 shape. Each parent execution
//! costs one round trip per row instead of one in all.
//!
//! Fix: fetch the children of all parent rows at once (`WHERE order_id = ANY($1)`, or a join in
//! the parent query).

use schemata_model::{Diagnostic, Severity};

use super::pattern_target;
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A012",
    name: "n-plus-one",
    group: Group::Queries,
    severity: Severity::Warning,
    summary: "A pattern is issued once per row of another (N+1)",
    source: include_str!("a012_n_plus_one.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (pi, p) in cx.design.worksheet.patterns.iter().enumerate() {
        let Some(parent) = p
            .per_row_of
            .as_deref()
            .and_then(|id| cx.design.worksheet.pattern(id))
        else {
            continue;
        };
        out.push(
            RULE.diag(format!(
                "pattern `{}` runs once per row of `{}` (N+1 round trips)",
                p.name, parent.name
            ))
            .with_help("fetch the rows for all parent rows in one statement (= ANY($1), or a join)")
            .with_target(pattern_target(cx, pi))
            .with_path(format!("/worksheet/patterns/{pi}/per_row_of")),
        );
    }
}
