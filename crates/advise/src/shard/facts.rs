//! The worksheet reduced to what routing needs: per statement, each table occurrence with the
//! columns bound to a value, and the equality joins between occurrences. Tables and columns are
//! numbered by their position in the design; values by their label within the pattern (the same
//! `$1` in two statements of a pattern is one value).

use std::collections::HashMap;

use schemata_model::DefaultValue;
use schemata_sql::query::{Operand, StatementKind};

use crate::context::Cx;

/// A column: table position, column position.
pub(crate) type Col = (u32, u32);

/// One occurrence of a table in a statement.
#[derive(Debug, Clone)]
pub(crate) struct Occ {
    pub table: u32,
    /// The table is written by the statement (INSERT / UPDATE / DELETE target).
    pub write: bool,
    /// Columns bound by equality to a parameter or literal (and single-row INSERT values),
    /// with the value's number in the pattern.
    pub bound: Vec<(u32, u32)>,
    /// How many of `bound`, from the start, come from WHERE / ON predicates (the rest are
    /// inserted values).
    pub predicates: usize,
    /// Columns under `IN (...)`.
    pub in_lists: Vec<u32>,
    /// Columns an UPDATE assigns.
    pub assigned: Vec<u32>,
    /// An INSERT of several rows, or INSERT ... SELECT.
    pub bulk_insert: bool,
}

/// An equality join between columns of two occurrences (indexes into `Stmt::occs`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct JoinFact {
    pub left: u16,
    pub left_col: u32,
    pub right: u16,
    pub right_col: u32,
}

/// One statement.
#[derive(Debug, Clone)]
pub(crate) struct Stmt {
    /// Position in the pattern.
    pub position: usize,
    pub write: bool,
    pub occs: Vec<Occ>,
    pub joins: Vec<JoinFact>,
}

/// One pattern.
#[derive(Debug, Clone)]
pub(crate) struct PFacts {
    /// Position in the worksheet.
    pub index: usize,
    pub weight: f64,
    pub stmts: Vec<Stmt>,
    /// Value labels by number.
    pub values: Vec<String>,
    /// Tables touched, each once.
    pub tables: Vec<u32>,
}

/// The whole worksheet, and which patterns touch each table.
pub(crate) struct Facts {
    pub patterns: Vec<PFacts>,
    /// Pattern numbers (into `patterns`) per table.
    pub by_table: Vec<Vec<u32>>,
    /// Column positions per table, by column id.
    pub columns: Vec<HashMap<String, u32>>,
    /// Sum of the weights of patterns that touch at least one table.
    pub total: f64,
}

impl Facts {
    pub fn new(cx: &Cx<'_>) -> Self {
        let design = cx.design;
        let columns: Vec<HashMap<String, u32>> = design
            .tables
            .iter()
            .map(|t| {
                t.columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.id.clone(), i as u32))
                    .collect()
            })
            .collect();
        let mut patterns = Vec::with_capacity(cx.patterns.len());
        let mut by_table = vec![Vec::new(); design.tables.len()];
        let mut total = 0.0;
        for info in &cx.patterns {
            let mut values: Vec<String> = Vec::new();
            let mut stmts = Vec::new();
            let mut tables: Vec<u32> = Vec::new();
            for (position, a) in &info.statements {
                let mut value = |label: String| -> u32 {
                    if let Some(i) = values.iter().position(|v| *v == label) {
                        i as u32
                    } else {
                        values.push(label);
                        (values.len() - 1) as u32
                    }
                };
                let mut occs = Vec::with_capacity(a.tables.len());
                let mut keep = Vec::with_capacity(a.tables.len());
                for t in &a.tables {
                    let Some((ti, _)) = cx.table(&t.table) else {
                        keep.push(None);
                        continue;
                    };
                    let cols = &columns[ti];
                    let col = |id: &str| cols.get(id).copied();
                    let mut bound = Vec::new();
                    let mut predicates = 0;
                    for (n, e) in t.equality.iter().chain(&t.inserted).enumerate() {
                        if n == t.equality.len() {
                            predicates = bound.len();
                        }
                        let label = match &e.operand {
                            // `?` parameters are positional within one statement: the first `?`
                            // of two statements are two values.
                            Operand::Param(p) if p.starts_with('?') => format!("{p} ({position})"),
                            Operand::Param(p) => p.clone(),
                            Operand::Literal(l) => format!("literal {l}"),
                            _ => continue,
                        };
                        if let Some(c) = col(&e.column) {
                            bound.push((c, value(label)));
                        }
                    }
                    if t.inserted.is_empty() {
                        predicates = bound.len();
                    }
                    if t.target && a.kind == StatementKind::Insert && t.insert_rows == Some(1) {
                        // A key the database generates routes the row by a new value.
                        let table = &cx.design.tables[ti];
                        for (ci, c) in table.columns.iter().enumerate() {
                            let generated = c.identity.is_some()
                                || matches!(&c.default, Some(DefaultValue::Expr { .. }));
                            if generated && !t.inserted.iter().any(|e| e.column == c.id) {
                                let label = format!("new {}.{} ({})", table.name, c.name, position);
                                bound.push((ci as u32, value(label)));
                            }
                        }
                    }
                    let write = t.target && a.kind.is_write();
                    let occ = Occ {
                        table: ti as u32,
                        write,
                        predicates,
                        bound,
                        in_lists: t.in_lists.iter().filter_map(|l| col(&l.column)).collect(),
                        assigned: if a.kind == StatementKind::Update && t.target {
                            t.written.iter().filter_map(|c| col(c)).collect()
                        } else {
                            Vec::new()
                        },
                        bulk_insert: write
                            && a.kind == StatementKind::Insert
                            && t.insert_rows != Some(1),
                    };
                    if !tables.contains(&occ.table) {
                        tables.push(occ.table);
                    }
                    keep.push(Some(occs.len() as u16));
                    occs.push(occ);
                }
                let joins = a
                    .joins
                    .iter()
                    .filter_map(|j| {
                        let left = (*keep.get(j.left)?)?;
                        let right = (*keep.get(j.right)?)?;
                        let lt = occs[left as usize].table as usize;
                        let rt = occs[right as usize].table as usize;
                        Some(JoinFact {
                            left,
                            left_col: *columns[lt].get(&j.left_column)?,
                            right,
                            right_col: *columns[rt].get(&j.right_column)?,
                        })
                    })
                    .collect();
                if !occs.is_empty() {
                    stmts.push(Stmt {
                        position: *position,
                        write: a.kind.is_write(),
                        occs,
                        joins,
                    });
                }
            }
            let n = patterns.len() as u32;
            for &t in &tables {
                by_table[t as usize].push(n);
            }
            if !stmts.is_empty() {
                total += info.weight;
            }
            patterns.push(PFacts {
                index: info.index,
                weight: info.weight,
                stmts,
                values,
                tables,
            });
        }
        Facts {
            patterns,
            by_table,
            columns,
            total,
        }
    }
}
