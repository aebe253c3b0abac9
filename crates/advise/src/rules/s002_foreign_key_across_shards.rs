//! # S002 foreign-key-across-shards
//!
//! **Group:** sharding · **Default severity:** warning
//!
//! A foreign key the shard plan cannot keep. A distributed engine enforces a foreign key only
//! when both rows live on the same node: the child references a reference table, or both tables
//! are distributed in one co-located family and the key carries the distribution column on both
//! sides (`(tenant_id, project_id) → projects (tenant_id, id)`). A foreign key between two
//! families, from a reference or local table to a distributed one, or one that does not carry
//! the distribution column, has to be dropped (the Citus DDL leaves it out) and enforced by the
//! application.
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: add the distribution column to the child and to the key (`(tenant_id, id)`), make the
//! parent a reference table, or accept an unenforced reference.

use schemata_model::{Diagnostic, Severity, Target};

use crate::context::Cx;
use crate::registry::{Group, Rule};
use crate::shard::{TableMode, TablePlan};

pub const RULE: Rule = Rule {
    code: crate::shard::codes::FK_ACROSS_FAMILIES,
    name: "foreign-key-across-shards",
    group: Group::Sharding,
    severity: Severity::Warning,
    summary: "A foreign key the shard plan cannot enforce",
    source: include_str!("s002_foreign_key_across_shards.rs"),
    check,
};

/// Why the plan cannot keep a foreign key from `child` to `parent` with these column pairs;
/// `None` when it can.
pub(crate) fn unkept_reason(
    child: &TablePlan,
    parent: &TablePlan,
    pairs: &[(&str, &str)],
) -> Option<String> {
    match (child.mode, parent.mode) {
        (_, TableMode::Reference) | (TableMode::Local, TableMode::Local) => None,
        (TableMode::Distributed, TableMode::Distributed) => {
            if child.family != parent.family {
                return Some(format!(
                    "{} and {} are distributed in different families",
                    child.name, parent.name
                ));
            }
            let (Some(ck), Some(pk)) = (child.key.as_deref(), parent.key.as_deref()) else {
                return Some("a key is missing".into());
            };
            if pairs.iter().any(|&(c, p)| c == ck && p == pk) {
                None
            } else {
                Some(format!(
                    "the key does not carry the distribution columns ({}.{ck} → {}.{pk})",
                    child.name, parent.name
                ))
            }
        }
        (TableMode::Reference, TableMode::Distributed) => Some(format!(
            "reference table {} cannot reference distributed table {}",
            child.name, parent.name
        )),
        (TableMode::Local, _) | (_, TableMode::Local) => Some(format!(
            "{} is local and {} is not",
            if child.mode == TableMode::Local {
                &child.name
            } else {
                &parent.name
            },
            if child.mode == TableMode::Local {
                &parent.name
            } else {
                &child.name
            }
        )),
    }
}

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    let design = cx.design;
    for (ti, t) in design.tables.iter().enumerate() {
        let Some(child) = plan.tables.get(ti) else {
            continue;
        };
        for (fi, fk) in t.foreign_keys.iter().enumerate() {
            let Some((pi, _)) = cx.table(&fk.references) else {
                continue;
            };
            let Some(parent) = plan.tables.get(pi) else {
                continue;
            };
            let pairs: Vec<(&str, &str)> = fk
                .columns
                .iter()
                .map(String::as_str)
                .zip(fk.target_columns(design).iter().map(String::as_str))
                .collect();
            let Some(why) = unkept_reason(child, parent, &pairs) else {
                continue;
            };
            out.push(
                RULE.diag(format!(
                    "foreign key {} of {} ({}) → {} cannot be enforced: {why}",
                    fk.name.as_deref().unwrap_or(&fk.id),
                    t.name,
                    t.column_names(&fk.columns).join(", "),
                    parent.name
                ))
                .with_help(
                    "carry the distribution column in both tables and in the key, make the \
                     parent a reference table, or enforce the reference in the application",
                )
                .with_target(Target::Constraint {
                    table: t.id.clone(),
                    constraint: fk.id.clone(),
                })
                .with_path(format!("/tables/{ti}/foreign_keys/{fi}")),
            );
        }
    }
}
