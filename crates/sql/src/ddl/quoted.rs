//! Table and column names as the script writes them, worked out once per script: a name is
//! written many times (its table's CREATE TABLE, and every key, foreign key and index that
//! names it), and deciding whether it needs quotes is the costly part of writing it.

use std::borrow::Cow;

use crate::dialect::Dialect;
use crate::physical::view::PTable;

/// Marks a column whose name is written as it is.
const PLAIN: u32 = u32::MAX;

/// The quoted names of the tables of a physical design and of their columns.
pub(super) struct Quoted<'a> {
    design: &'a [PTable<'a>],
    /// The quoted, possibly schema-qualified name of each table.
    tables: Vec<Cow<'a, str>>,
    /// For every table's columns, one table after the other: [`PLAIN`], or the position of the
    /// quoted name in `quoted` (few names need quotes, so this stays small).
    columns: Vec<u32>,
    /// Column names that need quotes, quoted.
    quoted: Vec<String>,
    /// Where each table's columns start in `columns`.
    starts: Vec<usize>,
}

impl<'a> Quoted<'a> {
    /// The names of `tables` as `d` writes them.
    pub fn new(tables: &'a [PTable<'a>], d: &dyn Dialect) -> Self {
        let count = tables.iter().map(|t| t.columns.len()).sum();
        let mut columns = Vec::with_capacity(count);
        let mut quoted = Vec::new();
        let mut starts = Vec::with_capacity(tables.len() + 1);
        let mut names = Vec::with_capacity(tables.len());
        for t in tables {
            starts.push(columns.len());
            for c in &t.columns {
                columns.push(match d.quote_ident(&c.name) {
                    Cow::Borrowed(_) => PLAIN,
                    Cow::Owned(q) => {
                        quoted.push(q);
                        u32::try_from(quoted.len() - 1).unwrap_or(PLAIN)
                    }
                });
            }
            names.push(match t.schema.as_deref() {
                Some(s) if d.supports_schemas() => {
                    let (schema, name) = (d.quote_ident(s), d.quote_ident(&t.name));
                    let mut q = String::with_capacity(schema.len() + 1 + name.len());
                    q.push_str(&schema);
                    q.push('.');
                    q.push_str(&name);
                    Cow::Owned(q)
                }
                _ => d.quote_ident(&t.name),
            });
        }
        starts.push(columns.len());
        Quoted {
            design: tables,
            tables: names,
            columns,
            quoted,
            starts,
        }
    }

    /// The quoted, possibly schema-qualified name of table `ti`.
    pub fn table(&self, ti: usize) -> &str {
        &self.tables[ti]
    }

    /// The quoted name of column `ci` of table `ti`.
    pub fn column(&self, ti: usize, ci: usize) -> &str {
        match self.columns[self.starts[ti] + ci] {
            PLAIN => &self.design[ti].columns[ci].name,
            k => &self.quoted[k as usize],
        }
    }
}
