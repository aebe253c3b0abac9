//! # A003 redundant-index
//!
//! **Group:** indexing · **Default severity:** warning
//!
//! A B-tree index whose key columns are the leftmost prefix of another key or index of the same
//! table (same directions, no partial predicate, not unique). Every query it can serve, the
//! longer one serves too, while every write pays to maintain both.
//!
//! ```json
//! "indexes": [{"parts": [{"column": "customer_id"}]},
//!             {"parts": [{"column": "customer_id"}, {"column": "placed_at"}]}]
//! ```
//!
//! Fix: drop the shorter index.

use schemata_model::{Diagnostic, Severity, Target};

use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A003",
    name: "redundant-index",
    group: Group::Indexing,
    severity: Severity::Warning,
    summary: "An index is a leftmost prefix of another",
    source: include_str!("a003_redundant_index.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        let Some(keys) = cx.keys.get(t.id.as_str()) else {
            continue;
        };
        for (xi, x) in t.indexes.iter().enumerate() {
            let Some(k) = keys
                .iter()
                .find(|k| k.id == x.id && k.kind == crate::context::KeyKind::Index)
            else {
                continue;
            };
            if k.unique
                || k.partial.is_some()
                || !k.btree
                || !k.expressions.is_empty()
                || k.columns.is_empty()
            {
                continue;
            }
            let covering = keys.iter().find(|o| {
                o.id != k.id
                    && o.btree
                    && o.partial.is_none()
                    && o.columns.len() >= k.columns.len()
                    && (o.columns.len() > k.columns.len() || o.unique)
                    && o.columns[..k.columns.len()] == k.columns[..]
            });
            if let Some(o) = covering {
                let cols = k
                    .columns
                    .iter()
                    .map(|(c, _)| t.column_name(c))
                    .collect::<Vec<_>>()
                    .join(", ");
                let other = o
                    .columns
                    .iter()
                    .map(|(c, _)| t.column_name(c))
                    .collect::<Vec<_>>()
                    .join(", ");
                let name = x.name.clone().unwrap_or_else(|| x.id.clone());
                out.push(
                    RULE.diag(format!(
                        "index {name} on {}({cols}) is a prefix of {}({other})",
                        t.name, t.name
                    ))
                    .with_help("drop it: the longer key serves the same lookups")
                    .with_target(Target::Index {
                        table: t.id.clone(),
                        index: x.id.clone(),
                    })
                    .with_path(format!("/tables/{ti}/indexes/{xi}"))
                    .with_fix(
                        format!("drop index {name}"),
                        Some(format!("DROP INDEX {name};")),
                    ),
                );
            }
        }
    }
}
