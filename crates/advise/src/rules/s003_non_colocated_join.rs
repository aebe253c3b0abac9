//! # S003 non-colocated-join
//!
//! **Group:** sharding · **Default severity:** warning
//!
//! A hot pattern (at least once a second, or 1% of the worksheet's weight) joins distributed
//! tables other than on their co-located distribution columns. The engine must repartition or
//! broadcast rows between nodes on every execution, the most expensive thing a distributed
//! query does.
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: join on the distribution columns (add the key to the join: `ON c.post_id = p.id AND
//! c.user_id = p.user_id` once both carry it), distribute one side by the join column, or make
//! the smaller side a reference table.

use schemata_model::{Diagnostic, Severity};

use super::{pattern_target, statement_path};
use crate::context::Cx;
use crate::registry::{Group, Rule};
use crate::shard::{Cause, Routing};

pub const RULE: Rule = Rule {
    code: crate::shard::codes::NON_COLOCATED_JOIN,
    name: "non-colocated-join",
    group: Group::Sharding,
    severity: Severity::Warning,
    summary: "A hot pattern joins distributed tables that are not co-located",
    source: include_str!("s003_non_colocated_join.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    for (info, v) in cx.patterns.iter().zip(&plan.patterns) {
        if !cx.is_hot(info) {
            continue;
        }
        for s in &v.statements {
            if s.routing != Routing::MultiShard || s.cause != Some(Cause::NonColocatedJoin) {
                continue;
            }
            out.push(
                RULE.diag(format!(
                    "pattern {} (statement {}) {}",
                    v.name,
                    s.statement + 1,
                    s.reason
                        .as_deref()
                        .unwrap_or("joins tables that are not co-located")
                ))
                .with_help(
                    "join on the distribution columns, distribute one side by the join column, \
                     or make the smaller side a reference table",
                )
                .with_target(pattern_target(cx, info.index))
                .with_path(statement_path(info.index, s.statement)),
            );
        }
    }
}
