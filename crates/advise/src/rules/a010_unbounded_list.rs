//! # A010 unbounded-list
//!
//! **Group:** queries · **Default severity:** warning
//!
//! A SELECT that can return many rows has no `LIMIT` (or `FETCH FIRST`). It is a list when it
//! is not aggregate-only, its equality conditions do not cover the primary key or a unique
//! constraint of the table it reads from, and they leave more than 100 rows per value (by the
//! scale notes' distinct counts). As the table grows, so do the response and its cost.
//!
//! ```sql
//! SELECT id, placed_at FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC;
//! ```
//!
//! Fix: page the list (`LIMIT 50`, keyset pagination on the sort columns).

use schemata_model::{Diagnostic, Severity};
use schemata_sql::query::StatementKind;

use super::{pattern_target, statement_path};
use crate::context::Cx;
use crate::registry::{Group, Rule};

/// At most this many rows per equality value is not a list worth paging.
const FEW: f64 = 100.0;

pub const RULE: Rule = Rule {
    code: "A010",
    name: "unbounded-list",
    group: Group::Queries,
    severity: Severity::Warning,
    summary: "A query that returns a list has no LIMIT",
    source: include_str!("a010_unbounded_list.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for info in &cx.patterns {
        for (si, a) in &info.statements {
            if a.kind != StatementKind::Select
                || a.limited
                || a.aggregate_only
                || a.tables.is_empty()
            {
                continue;
            }
            // One row when some table is pinned by a key and every other table is reached from it.
            let single_row = a.tables.iter().any(|access| {
                let eq = access.equality_columns();
                !eq.is_empty()
                    && cx.keys.get(access.table.as_str()).is_some_and(|keys| {
                        keys.iter().any(|k| {
                            k.unique
                                && k.partial.is_none()
                                && !k.columns.is_empty()
                                && k.columns.iter().all(|(c, _)| eq.contains(&c.as_str()))
                        })
                    })
            });
            // Or a handful of rows: the equality columns leave at most FEW rows per value.
            let few = a.tables.iter().any(|access| {
                let eq = access.equality_columns();
                !eq.is_empty()
                    && cx.table(&access.table).is_some_and(|(_, t)| {
                        let d: f64 = eq.iter().map(|c| cx.distinct(t, c)).product();
                        cx.rows(t) / d.max(1.0) <= FEW
                    })
            });
            if single_row || few {
                continue;
            }
            let big = a
                .tables
                .iter()
                .filter_map(|t| cx.table(&t.table))
                .any(|(_, t)| cx.rows(t) >= 1_000.0);
            if !big {
                continue;
            }
            out.push(
                RULE.diag(format!(
                    "pattern `{}` returns a list without LIMIT",
                    cx.pattern(info).name
                ))
                .with_help("page the result with LIMIT (keyset pagination on the sort columns)")
                .with_target(pattern_target(cx, info.index))
                .with_path(statement_path(info.index, *si)),
            );
        }
    }
}
