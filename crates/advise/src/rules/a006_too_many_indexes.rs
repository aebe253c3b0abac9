//! # A006 too-many-indexes
//!
//! **Group:** indexing · **Default severity:** warning
//!
//! A write-heavy table carries more than five secondary indexes. Every insert, and every update
//! of an indexed column, writes to each of them. A table is write-heavy when the worksheet's
//! rate-weighted writes to it are at least its reads, or, without worksheet evidence, when its
//! scale notes say it grows by at least 100,000 rows a day.
//!
//! Fix: drop the indexes no pattern uses (A004), merge those that share leading columns (A003),
//! or move reporting queries to a replica with its own indexes.

use schemata_model::{Diagnostic, Severity};

use super::table_target;
use crate::context::Cx;
use crate::registry::{Group, Rule};

/// More secondary indexes than this is too many on a write-heavy table.
const MAX_INDEXES: usize = 5;

pub const RULE: Rule = Rule {
    code: "A006",
    name: "too-many-indexes",
    group: Group::Indexing,
    severity: Severity::Warning,
    summary: "A write-heavy table has more than five secondary indexes",
    source: include_str!("a006_too_many_indexes.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        if t.indexes.len() <= MAX_INDEXES {
            continue;
        }
        let load = cx.load(&t.id);
        let growth = t.scale.as_ref().and_then(|s| s.growth_per_day).unwrap_or(0);
        let write_heavy = if load.read + load.write > 0.0 {
            load.write >= load.read
        } else {
            growth >= 100_000
        };
        if !write_heavy {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "{} has {} secondary indexes and is write-heavy; each write maintains all of them",
                t.name,
                t.indexes.len()
            ))
            .with_help("drop indexes no pattern uses and merge those sharing leading columns")
            .with_target(table_target(t))
            .with_path(format!("/tables/{ti}/indexes")),
        );
    }
}
