//! # A001 missing-index
//!
//! **Group:** indexing · **Default severity:** warning
//!
//! A hot access pattern (one that runs at least once a second, or carries at least 1% of the
//! worksheet's weight) reads a large table through columns that no primary key, unique
//! constraint or index leads with, so the database scans the table.
//!
//! The diagnostic names the pattern, the table and the columns, and proposes the index the
//! advisor recommends for it (equality columns first, most selective first, then one range or
//! sort column) as a fix, with its `CREATE INDEX` statement.
//!
//! ```sql
//! -- name: ListOrdersOfCustomer :many
//! -- rate: 40/s
//! SELECT id, placed_at FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC LIMIT 20;
//! -- orders has no index leading with customer_id: add
//! CREATE INDEX CONCURRENTLY ix_orders_customer_id_placed_at ON orders (customer_id, placed_at DESC);
//! ```

use schemata_model::{Diagnostic, Severity};

use super::{pattern_target, statement_path};
use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "A001",
    name: "missing-index",
    group: Group::Indexing,
    severity: Severity::Warning,
    summary: "A hot pattern scans a large table that no index serves",
    source: include_str!("a001_missing_index.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ni, need) in cx.advice.needs.iter().enumerate() {
        let info = &cx.patterns[need.pattern];
        if need.served_by.is_some() || !cx.is_hot(info) {
            continue;
        }
        let Some(rec) = cx.advice.need_index.get(ni).copied().flatten() else {
            continue;
        };
        let Some((_, table)) = cx.table(&need.table) else {
            continue;
        };
        let rec = &cx.advice.indexes[rec];
        let pattern = cx.pattern(info);
        let mut cols: Vec<&str> = need.eq.iter().map(|c| table.column_name(c)).collect();
        cols.extend(need.tail.iter().map(|(c, _)| table.column_name(c)));
        out.push(
            RULE.diag(format!(
                "pattern `{}` reads {} (~{} rows) by {} and no index serves it",
                pattern.name,
                table.name,
                cx.rows(table) as u64,
                cols.join(", ")
            ))
            .with_help(format!(
                "add the index {} ({})",
                rec.name,
                rec.columns.join(", ")
            ))
            .with_target(pattern_target(cx, info.index))
            .with_path(statement_path(info.index, need.statement))
            .with_fix(format!("create index {}", rec.name), Some(rec.ddl.clone())),
        );
    }
}
