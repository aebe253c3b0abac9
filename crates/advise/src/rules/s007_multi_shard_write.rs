//! # S007 multi-shard-write
//!
//! **Group:** sharding · **Default severity:** warning
//!
//! A hot pattern writes rows on several shards in one transaction: its write statements route
//! by different values, write a reference table (copied to every node), insert several rows,
//! or write without an equality on the distribution column. Every execution then needs a
//! two-phase commit across nodes, holds locks on each, and fails when any one is down.
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: bind every write of the transaction to one distribution value (carry the key in each
//! table), or split the work into single-shard transactions.

use schemata_model::{Diagnostic, Severity};

use super::pattern_target;
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: crate::shard::codes::MULTI_SHARD_WRITE,
    name: "multi-shard-write",
    group: Group::Sharding,
    severity: Severity::Warning,
    summary: "A hot pattern writes on several shards in one transaction",
    source: include_str!("s007_multi_shard_write.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    for (info, v) in cx.patterns.iter().zip(&plan.patterns) {
        if !cx.is_hot(info) || !v.write_fanout {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "pattern {} writes on several shards in one transaction: {}",
                v.name,
                v.reason
                    .as_deref()
                    .unwrap_or("its writes route by different values")
            ))
            .with_help("bind every write of the transaction to one distribution value, or split it")
            .with_target(pattern_target(cx, info.index))
            .with_path(format!("/worksheet/patterns/{}", info.index)),
        );
    }
}
