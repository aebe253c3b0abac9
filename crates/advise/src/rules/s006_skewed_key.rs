//! # S006 skewed-key
//!
//! **Group:** sharding · **Default severity:** warning
//!
//! A table is distributed by a column whose declared skew (the share of rows or traffic its most
//! common value owns: one tenant with 30% of the rows, a celebrity's followers) is larger than
//! one shard's fair share (1 / shards). That value's shard holds and serves more than its
//! share whatever the shard count.
//!
//! Declare skew on the column (`"skew": 0.3`).
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: isolate the large value on its own shard (Citus `isolate_tenant_to_new_shard`), or
//! distribute by a finer-grained column.

use schemata_model::{Diagnostic, Severity};

use super::{column_path, column_target};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: crate::shard::codes::SKEWED_KEY,
    name: "skewed-key",
    group: Group::Sharding,
    severity: Severity::Warning,
    summary: "A distribution key's most common value owns more than one shard's share",
    source: include_str!("s006_skewed_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    let fair = 1.0 / f64::from(plan.shards.max(1));
    for (ti, t) in cx.design.tables.iter().enumerate() {
        let Some(key) = plan.tables.get(ti).and_then(|p| p.key.as_deref()) else {
            continue;
        };
        let Some(skew) = t.column(key).and_then(|c| c.skew) else {
            continue;
        };
        if skew.is_nan() || skew <= fair {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "{} is distributed by {}, whose most common value owns {:.0}% of the rows \
                 (one shard's fair share is {:.1}%)",
                t.name,
                t.column_name(key),
                skew * 100.0,
                fair * 100.0
            ))
            .with_help(
                "isolate the large value on its own shard, or distribute by a finer-grained column",
            )
            .with_target(column_target(t, key))
            .with_path(column_path(ti, t, key)),
        );
    }
}
