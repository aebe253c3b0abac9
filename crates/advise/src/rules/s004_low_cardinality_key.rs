//! # S004 low-cardinality-key
//!
//! **Group:** sharding · **Default severity:** warning
//!
//! A table is distributed by a column with fewer distinct values than there are shards, or by a
//! boolean or status-like enumeration. Each value lives on one shard, so most shards stay empty
//! and the few used ones take all the load; adding shards does not help.
//!
//! Distinct counts come from the column's `distinct` note, its type (boolean, enum), its keys, or
//! the row count of the table a foreign key on it references.
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: distribute by a column with many values (an entity id), or declare the column's real
//! `distinct` count if the estimate is wrong.

use schemata_model::{Diagnostic, Severity};

use super::{column_path, column_target};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: crate::shard::codes::LOW_CARDINALITY_KEY,
    name: "low-cardinality-key",
    group: Group::Sharding,
    severity: Severity::Warning,
    summary: "A distribution key has fewer distinct values than shards",
    source: include_str!("s004_low_cardinality_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    for (ti, t) in cx.design.tables.iter().enumerate() {
        let Some(key) = plan.tables.get(ti).and_then(|p| p.key.as_deref()) else {
            continue;
        };
        let Some(c) = plan
            .candidates
            .iter()
            .find(|tc| tc.table == t.id)
            .and_then(|tc| tc.candidates.iter().find(|c| c.column == key))
        else {
            continue;
        };
        if !c.low_cardinality {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "{} is distributed by {}, which has about {} distinct values for {} shards",
                t.name,
                t.column_name(key),
                c.distinct.round() as u64,
                plan.shards
            ))
            .with_help("distribute by a column with many values, such as an entity id")
            .with_target(column_target(t, key))
            .with_path(column_path(ti, t, key)),
        );
    }
}
