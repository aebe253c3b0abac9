//! # A005 low-cardinality-index
//!
//! **Group:** indexing · **Default severity:** warning
//!
//! A single-column, non-partial B-tree index on a column with few distinct values: a boolean,
//! an enum, or a column whose scale notes declare at most 10 distinct values. A lookup by one
//! value matches a large share of the table, so the planner prefers a scan and the index only
//! costs writes.
//!
//! ```json
//! {"name": "is_active", "type": "boolean"}  "indexes": [{"parts": [{"column": "is_active"}]}]
//! ```
//!
//! Fix: drop it; put the column after a selective one in a composite index; or, when one rare
//! value is what queries look for, use a partial index (`WHERE status = 'pending'`).

use schemata_model::{Diagnostic, Severity, Target};

use crate::context::Cx;
use crate::registry::{Group, Rule};

/// At most this many distinct values is low cardinality.
const LOW: f64 = 10.0;

pub const RULE: Rule = Rule {
    code: "A005",
    name: "low-cardinality-index",
    group: Group::Indexing,
    severity: Severity::Warning,
    summary: "A single-column index on a column with few distinct values",
    source: include_str!("a005_low_cardinality_index.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        for (xi, x) in t.indexes.iter().enumerate() {
            let [part] = x.parts.as_slice() else {
                continue;
            };
            let Some(col) = &part.column else {
                continue;
            };
            if x.unique || x.predicate.is_some() || x.method != schemata_model::IndexMethod::Btree {
                continue;
            }
            let distinct = cx.distinct(t, col);
            if distinct > LOW {
                continue;
            }
            out.push(
                RULE.diag(format!(
                    "index on {} alone: about {} distinct values, so each value matches ~{:.0}% of the rows",
                    cx.column_label(t, col),
                    distinct as u64,
                    100.0 / distinct.max(1.0)
                ))
                .with_help("drop it, lead a composite index with a selective column, or use a partial index for the rare value")
                .with_target(Target::Index { table: t.id.clone(), index: x.id.clone() })
                .with_path(format!("/tables/{ti}/indexes/{xi}")),
            );
        }
    }
}
