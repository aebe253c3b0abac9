//! # A007 function-on-indexed-column
//!
//! **Group:** queries · **Default severity:** warning
//!
//! A statement compares, joins or sorts by a function or a cast of a column that leads an
//! index (`lower(email) = $1`, `created_at::date = $1`). A B-tree on the column cannot serve
//! the expression, so the index is skipped.
//!
//! Fix: compare the bare column (`created_at >= $1 AND created_at < $1 + interval '1 day'`),
//! store the normalised value in its own column, or add an expression index
//! (`CREATE INDEX ON customers (lower(email))`).

use schemata_model::{Diagnostic, Severity};

use super::{has_leading, pattern_target, statement_path};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A007",
    name: "function-on-indexed-column",
    group: Group::Queries,
    severity: Severity::Warning,
    summary: "A function or cast around an indexed column defeats its index",
    source: include_str!("a007_function_on_indexed_column.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for info in &cx.patterns {
        for (si, a) in &info.statements {
            for access in a.tables.iter().filter(|t| !t.wrapped.is_empty()) {
                let Some((_, t)) = cx.table(&access.table) else {
                    continue;
                };
                for w in &access.wrapped {
                    if !has_leading(cx, t, std::slice::from_ref(&w.column)) {
                        continue;
                    }
                    let expression_index = cx.keys.get(t.id.as_str()).is_some_and(|ks| {
                        ks.iter()
                            .any(|k| k.expressions.iter().any(|e| e.starts_with(&w.function)))
                    });
                    if expression_index {
                        continue;
                    }
                    out.push(
                        RULE.diag(format!(
                            "pattern `{}` applies {}() to the indexed column {}, so its index cannot be used",
                            cx.pattern(info).name,
                            w.function,
                            cx.column_label(t, &w.column)
                        ))
                        .with_help("compare the bare column, or add an expression index")
                        .with_target(pattern_target(cx, info.index))
                        .with_path(statement_path(info.index, *si)),
                    );
                }
            }
        }
    }
}
