//! # S001 unique-without-distribution-key
//!
//! **Group:** sharding · **Default severity:** warning
//!
//! A primary key or unique constraint of a distributed table does not contain the table's
//! distribution column. A distributed engine checks uniqueness shard by shard, so Citus refuses
//! such a constraint and Vitess cannot enforce it: the constraint has to be widened with the
//! distribution column (the Citus DDL does so), and then it no longer guarantees that the
//! original columns alone are unique.
//!
//! Runs when the design plans for sharding (`settings.sharding`) or under `schemata shard`.
//!
//! Fix: accept the wider key (uniqueness per distribution value, e.g. per tenant, is often what
//! the domain means), or choose a distribution column that is part of the key.

use schemata_model::{Diagnostic, Severity, Target};

use super::table_target;
use crate::context::Cx;
use crate::registry::{Group, Rule};
use crate::shard::TableMode;

pub const RULE: Rule = Rule {
    code: crate::shard::codes::UNIQUE_WITHOUT_KEY,
    name: "unique-without-distribution-key",
    group: Group::Sharding,
    severity: Severity::Warning,
    summary: "A unique key of a distributed table lacks the distribution column",
    source: include_str!("s001_unique_without_distribution_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = cx.shard_plan() else { return };
    for (ti, t) in cx.design.tables.iter().enumerate() {
        let Some(tp) = plan
            .tables
            .get(ti)
            .filter(|p| p.mode == TableMode::Distributed)
        else {
            continue;
        };
        let Some(key) = tp.key.as_deref() else {
            continue;
        };
        let key_name = t.column_name(key);
        // Parts by column id, or `None` with the expression's text.
        let mut report =
            |what: String, parts: Vec<(Option<&str>, String)>, target: Target, path: String| {
                if parts.iter().any(|(c, _)| *c == Some(key)) {
                    return;
                }
                let list = parts
                    .iter()
                    .map(|(_, l)| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                RULE.diag(format!(
                    "{what} of {} ({list}) does not contain the distribution column {key_name}",
                    t.name,
                ))
                .with_help(format!(
                    "uniqueness is checked per shard: the key becomes ({list}, {key_name}), unique \
                     per {key_name} value only"
                ))
                .with_target(target)
                .with_path(path),
            );
            };
        if let Some(pk) = &t.primary_key {
            report(
                "the primary key".into(),
                named(t, &pk.columns),
                table_target(t),
                format!("/tables/{ti}/primary_key"),
            );
        }
        for (ui, u) in t.uniques.iter().enumerate() {
            report(
                format!("unique constraint {}", u.name.as_deref().unwrap_or(&u.id)),
                named(t, &u.columns),
                Target::Constraint {
                    table: t.id.clone(),
                    constraint: u.id.clone(),
                },
                format!("/tables/{ti}/uniques/{ui}"),
            );
        }
        for (xi, x) in t.indexes.iter().enumerate().filter(|(_, x)| x.unique) {
            let parts = x
                .parts
                .iter()
                .map(|p| match (&p.column, &p.expr) {
                    (Some(c), _) => (Some(c.as_str()), t.column_name(c).to_string()),
                    (None, Some(e)) => (None, e.clone()),
                    (None, None) => (None, "?".to_string()),
                })
                .collect();
            report(
                format!("unique index {}", x.name.as_deref().unwrap_or(&x.id)),
                parts,
                Target::Index {
                    table: t.id.clone(),
                    index: x.id.clone(),
                },
                format!("/tables/{ti}/indexes/{xi}"),
            );
        }
    }
}

/// Key parts by column id, with their names.
fn named<'t>(t: &'t schemata_model::Table, ids: &'t [String]) -> Vec<(Option<&'t str>, String)> {
    ids.iter()
        .map(|c| (Some(c.as_str()), t.column_name(c).to_string()))
        .collect()
}
