//! The drop script: the statements that undo the generated DDL.
//!
//! PostgreSQL and MySQL: the foreign keys that closed a cycle are dropped first, then the tables
//! in reverse creation order, then (PostgreSQL) the domains and the enum types.
//!
//! SQLite cannot drop a constraint, and its `DROP TABLE` runs the `ON DELETE` actions of the
//! tables that refer to the dropped one; compiling such an action fails ("no such table") when
//! the table it changes refers to a table that is already gone. So tables are dropped children
//! first, and a foreign-key cycle is entered at a table whose drop does not run actions on a
//! table with a missing parent. When no such order exists (two tables of a cycle that both act
//! on themselves, say), the script switches foreign keys off around the drops, with a note.

use std::collections::HashSet;

use schemata_model::{Design, DialectName, FkAction};

use super::{Ddl, Statement, StatementKind, order};
use crate::dialect::dialect_for;
use crate::physical::view::PTable;
use crate::physical::{self, FastMap};

pub(super) fn generate_down(design: &Design, dialect: DialectName) -> Ddl {
    let d = dialect_for(dialect);
    let p = physical::build(design, d);
    let tables = &p.tables;
    let by_id: FastMap<&str, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_ref(), i))
        .collect();
    let order = order::order(tables, &by_id);
    let name = |ti: usize| d.quote_qualified(tables[ti].schema.as_deref(), &tables[ti].name);
    let mut statements = Vec::new();
    let drop_table = |ti: usize| Statement {
        kind: StatementKind::DropTable,
        sql: format!("DROP TABLE {}", name(ti)),
        note: None,
        table: Some(tables[ti].id.to_string()),
    };
    let reverse: Vec<usize> = order.tables.iter().rev().copied().collect();
    if d.supports_forward_references() {
        let safe = sqlite_drop_order(tables, &by_id, &order.tables);
        let pragma = |on: u8, note: Option<String>| Statement {
            kind: StatementKind::Pragma,
            sql: format!("PRAGMA foreign_keys = {on}"),
            note,
            table: None,
        };
        if safe.is_none() {
            statements.push(pragma(
                0,
                Some(
                    "The ON DELETE actions of a foreign-key cycle make every drop order fail while foreign keys are enforced, so they are switched off for this script (and on again at its end). SQLite ignores this PRAGMA inside a transaction: run the script outside one."
                        .to_string(),
                ),
            ));
        }
        for &ti in safe.as_ref().unwrap_or(&reverse) {
            statements.push(drop_table(ti));
        }
        if safe.is_none() {
            statements.push(pragma(1, None));
        }
    } else {
        for &(ti, k) in order.deferred.iter().rev() {
            let fk = &tables[ti].foreign_keys[k];
            if let Some(sql) = fk
                .name
                .as_deref()
                .and_then(|n| d.drop_foreign_key_sql(&name(ti), n))
            {
                statements.push(Statement {
                    kind: StatementKind::DropForeignKey,
                    sql,
                    note: None,
                    table: Some(tables[ti].id.to_string()),
                });
            }
        }
        for &ti in &reverse {
            statements.push(drop_table(ti));
        }
    }
    for dom in p.domains.iter().rev() {
        statements.push(Statement {
            kind: StatementKind::DropType,
            sql: format!(
                "DROP DOMAIN {}",
                d.quote_qualified(dom.schema.as_deref(), &dom.name)
            ),
            note: None,
            table: None,
        });
    }
    if d.supports_enum_type() {
        for e in p.enums.iter().rev() {
            statements.push(Statement {
                kind: StatementKind::DropType,
                sql: format!(
                    "DROP TYPE {}",
                    d.quote_qualified(e.schema.as_deref(), &e.name)
                ),
                note: None,
                table: None,
            });
        }
    }
    Ddl {
        dialect,
        design_name: design.name.clone(),
        down: true,
        statements,
        diagnostics: Vec::new(),
    }
}

/// Drop order for SQLite: every table dropped when its drop is safe (see the module
/// documentation), found by a depth-first search that takes a safe table no other table refers
/// to whenever there is one (that never closes a way out) and otherwise tries the safe tables in
/// reverse creation order. `None` when there is no safe order (or the search gives up).
fn sqlite_drop_order(
    tables: &[PTable<'_>],
    by_id: &FastMap<&str, usize>,
    creation: &[usize],
) -> Option<Vec<usize>> {
    let n = tables.len();
    let mut g = DropGraph {
        parents: vec![Vec::new(); n],
        acting: vec![Vec::new(); n],
        creation: creation.iter().rev().copied().collect(),
        failed: HashSet::new(),
        budget: 20_000,
    };
    for (c, t) in tables.iter().enumerate() {
        for fk in &t.foreign_keys {
            if let Some(&p) = by_id.get(fk.def.references.as_str()) {
                g.parents[c].push(p);
                if !matches!(fk.def.on_delete, FkAction::NoAction | FkAction::Restrict) {
                    g.acting[p].push(c);
                }
            }
        }
    }
    let mut remaining = vec![true; n];
    let mut order = Vec::with_capacity(n);
    g.search(&mut remaining, &mut order).then_some(order)
}

struct DropGraph {
    /// `parents[c]`: the tables `c` refers to.
    parents: Vec<Vec<usize>>,
    /// `acting[p]`: the tables whose rows a delete in `p` changes (ON DELETE actions).
    acting: Vec<Vec<usize>>,
    /// Table indexes in reverse creation order.
    creation: Vec<usize>,
    /// Sets of remaining tables known to lead nowhere.
    failed: HashSet<Vec<bool>>,
    budget: usize,
}

impl DropGraph {
    fn referenced_by_other(&self, t: usize, remaining: &[bool]) -> bool {
        (0..remaining.len()).any(|c| c != t && remaining[c] && self.parents[c].contains(&t))
    }

    /// Dropping `t` is safe when every table its delete actions reach has all its parents.
    fn safe(&self, t: usize, remaining: &[bool]) -> bool {
        let mut seen = vec![false; remaining.len()];
        let mut stack = vec![t];
        while let Some(x) = stack.pop() {
            for &c in &self.acting[x] {
                if remaining[c] && !seen[c] {
                    seen[c] = true;
                    if self.parents[c].iter().any(|&p| !remaining[p]) {
                        return false;
                    }
                    stack.push(c);
                }
            }
        }
        true
    }

    /// Extend `order` until every table is dropped; `false` (with `remaining` and `order` as
    /// they were) when there is no safe way.
    fn search(&mut self, remaining: &mut Vec<bool>, order: &mut Vec<usize>) -> bool {
        let start = order.len();
        // Safe tables nobody else refers to can always go first.
        while let Some(t) = self.creation.iter().copied().find(|&t| {
            remaining[t] && !self.referenced_by_other(t, remaining) && self.safe(t, remaining)
        }) {
            remaining[t] = false;
            order.push(t);
        }
        if remaining.iter().all(|r| !r) {
            return true;
        }
        if self.budget > 0 && !self.failed.contains(remaining.as_slice()) {
            let choices: Vec<usize> = self
                .creation
                .iter()
                .copied()
                .filter(|&t| remaining[t] && self.safe(t, remaining))
                .collect();
            for t in choices {
                if self.budget == 0 {
                    break;
                }
                self.budget -= 1;
                remaining[t] = false;
                order.push(t);
                if self.search(remaining, order) {
                    return true;
                }
                order.pop();
                remaining[t] = true;
            }
            self.failed.insert(remaining.clone());
        }
        for t in order.drain(start..) {
            remaining[t] = true;
        }
        false
    }
}
