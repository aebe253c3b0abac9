//! # S008 fan-out-read
//!
//! **Group:** sharding · **Default severity:** info
//!
//! A hot pattern reads every shard (or several): no equality on the distribution column of a
//! table it reads, or an IN list on it. Each execution costs one query per shard and is as slow
//! as the slowest shard; its cost grows with the cluster.
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: bind the distribution column in the query, add a lookup (a Vitess lookup vindex, or a
//! small table mapping the looked-up value to the key), or accept the fan-out for rare reports.

use schemata_model::{Diagnostic, Severity};

use super::pattern_target;
use crate::context::Cx;
use crate::registry::{Group, Rule};
use crate::shard::Cause;

pub const RULE: Rule = Rule {
    code: crate::shard::codes::FAN_OUT_READ,
    name: "fan-out-read",
    group: Group::Sharding,
    severity: Severity::Info,
    summary: "A hot pattern reads every shard",
    source: include_str!("s008_fan_out_read.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    for (info, v) in cx.patterns.iter().zip(&plan.patterns) {
        let fans_out = matches!(v.cause, Some(Cause::NoKeyFilter | Cause::InList));
        if !cx.is_hot(info) || v.single_shard || v.write_fanout || !fans_out {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "pattern {} reads several shards: {}",
                v.name,
                v.reason.as_deref().unwrap_or("no equality on the distribution column")
            ))
            .with_help("bind the distribution column, add a lookup from the filtered column to the key, or accept it for rare reads")
            .with_target(pattern_target(cx, info.index))
            .with_path(format!("/worksheet/patterns/{}", info.index)),
        );
    }
}
