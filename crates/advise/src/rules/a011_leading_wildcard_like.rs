//! # A011 leading-wildcard-like
//!
//! **Group:** queries · **Default severity:** warning
//!
//! A `LIKE` or `ILIKE` pattern starts with `%` or `_` (`WHERE name LIKE '%smith%'`). No B-tree
//! index can serve it: the whole table is read and every value matched.
//!
//! Fix: search by prefix (`'smith%'`), or use a trigram index (PostgreSQL `pg_trgm`, `GIN (name
//! gin_trgm_ops)`) or full-text search.

use schemata_model::{Diagnostic, Severity};
use schemata_sql::query::LikeKind;

use super::{pattern_target, statement_path};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A011",
    name: "leading-wildcard-like",
    group: Group::Queries,
    severity: Severity::Warning,
    summary: "LIKE with a leading wildcard cannot use a B-tree index",
    source: include_str!("a011_leading_wildcard_like.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for info in &cx.patterns {
        for (si, a) in &info.statements {
            for access in a.tables.iter().filter(|t| !t.likes.is_empty()) {
                let Some((_, t)) = cx.table(&access.table) else {
                    continue;
                };
                for l in access
                    .likes
                    .iter()
                    .filter(|l| l.kind == LikeKind::LeadingWildcard)
                {
                    out.push(
                        RULE.diag(format!(
                            "pattern `{}` matches {} with a leading wildcard, which reads the whole table",
                            cx.pattern(info).name,
                            cx.column_label(t, &l.column)
                        ))
                        .with_help("search by prefix, or use a trigram or full-text index")
                        .with_target(pattern_target(cx, info.index))
                        .with_path(statement_path(info.index, *si)),
                    );
                }
            }
        }
    }
}
