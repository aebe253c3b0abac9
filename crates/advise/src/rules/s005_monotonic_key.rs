//! # S005 monotonic-key
//!
//! **Group:** sharding · **Default severity:** info
//!
//! A table is distributed by a column whose values grow with time: an identity or sequence, or
//! a timestamp or date. Under hash distribution (Citus, Vitess `hash`) consecutive values land
//! on different shards and the load spreads; under range distribution (Citus `append`/range
//! tables, a Vitess `numeric` vindex, ordered key ranges) every new row goes to the last shard,
//! which becomes the hot spot, and a time-keyed table sends every "recent rows" query there.
//!
//! Both engines the advisor plans for hash the key, so sequential ids are reported only through
//! the candidate list; this rule fires for time-valued keys, whose recent rows all share a
//! narrow range of values that time-range queries then scan on every shard.
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: keep hash distribution for such keys; prefer an entity id the queries bind by equality.

use schemata_model::{Diagnostic, Severity};

use super::{column_path, column_target};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: crate::shard::codes::MONOTONIC_KEY,
    name: "monotonic-key",
    group: Group::Sharding,
    severity: Severity::Info,
    summary: "A distribution key grows with time: a hot spot under range distribution",
    source: include_str!("s005_monotonic_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    for (ti, t) in cx.design.tables.iter().enumerate() {
        let Some(key) = plan.tables.get(ti).and_then(|p| p.key.as_deref()) else {
            continue;
        };
        let monotonic = plan
            .candidates
            .iter()
            .find(|tc| tc.table == t.id)
            .and_then(|tc| tc.candidates.iter().find(|c| c.column == key))
            .is_some_and(|c| c.monotonic);
        let temporal = t.column(key).is_some_and(|c| c.data_type.is_temporal());
        if !monotonic || !temporal {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "{} is distributed by {}, whose values grow with time",
                t.name,
                t.column_name(key)
            ))
            .with_help("use hash distribution for this key; under range distribution new rows all land on one shard")
            .with_target(column_target(t, key))
            .with_path(column_path(ti, t, key)),
        );
    }
}
