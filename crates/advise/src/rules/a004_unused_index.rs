//! # A004 unused-index
//!
//! **Group:** indexing · **Default severity:** info
//!
//! The design has a worksheet, and an index serves none of its patterns: no statement's
//! equality, range or sort columns lead with the index's columns (and it does not back a foreign
//! key). The index costs a write on every insert and on every update of its columns, for
//! nothing the worksheet asks for.
//!
//! This rule says nothing when the worksheet is empty: without access patterns there is no
//! evidence either way.
//!
//! Fix: drop the index, or add the pattern that needs it to the worksheet.

use schemata_model::{Diagnostic, Severity, Target};

use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A004",
    name: "unused-index",
    group: Group::Indexing,
    severity: Severity::Info,
    summary: "No worksheet pattern uses the index",
    source: include_str!("a004_unused_index.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for e in &cx.advice.existing {
        if e.verdict != "unused" {
            continue;
        }
        let Some((ti, t)) = cx.table(&e.table_id) else {
            continue;
        };
        let Some((xi, x)) = t.indexes.iter().enumerate().find(|(_, x)| x.id == e.index) else {
            continue;
        };
        let cols: Vec<String> = x.parts.iter().filter_map(|p| p.column.clone()).collect();
        let backs_fk = t.foreign_keys.iter().any(|fk| {
            !fk.columns.is_empty()
                && cols.len() >= fk.columns.len()
                && cols[..fk.columns.len()]
                    .iter()
                    .all(|c| fk.columns.contains(c))
        });
        if backs_fk || x.unique {
            continue;
        }
        let name = x.name.clone().unwrap_or_else(|| x.id.clone());
        out.push(
            RULE.diag(format!(
                "index {name} on {}({}) serves no pattern of the worksheet",
                t.name,
                t.column_names(&cols).join(", ")
            ))
            .with_help("drop it, or add the access pattern that needs it to the worksheet")
            .with_target(Target::Index {
                table: t.id.clone(),
                index: x.id.clone(),
            })
            .with_path(format!("/tables/{ti}/indexes/{xi}"))
            .with_fix(
                format!("drop index {name}"),
                Some(format!("DROP INDEX {name};")),
            ),
        );
    }
}
