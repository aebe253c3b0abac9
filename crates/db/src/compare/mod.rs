//! Comparing a design with what a database holds: everything of the expected design that is
//! absent or different in the introspected one, as readable lines.
//!
//! Tables are matched by name (and schema, in PostgreSQL), columns by name, constraints and
//! indexes by name (falling back to their columns or expression when a database keeps no name,
//! which is then reported as a difference). What is compared:
//! - tables; PostgreSQL enum types and their values; PostgreSQL domains (base type, NOT NULL,
//!   default, CHECK expressions);
//! - columns: type, through the dialect's equivalences; nullability; default (normalised, see
//!   below, after writing both as the dialect writes defaults); identity; generated expression and
//!   storage;
//! - primary key columns, and its name where the database keeps one (not MySQL's `PRIMARY`);
//! - unique constraints: name, columns in order, NULLS NOT DISTINCT;
//! - CHECK constraints: by name, and the expression compared after loose normalisation;
//! - foreign keys: name, columns, referenced table and columns, ON DELETE / ON UPDATE (MySQL
//!   reports NO ACTION as RESTRICT, which InnoDB treats the same), deferrability;
//! - indexes: name, key parts in order (column or normalised expression, direction, NULLS order,
//!   operator class), uniqueness, method, INCLUDE columns, predicate (normalised);
//! - PostgreSQL partitioning: strategy and key of a partitioned table, parent and bound of a
//!   partition (bounds normalised, `timestamptz` literals compared in UTC).
//!
//! Type equivalence: a type is compared by what the dialect makes of it, i.e. the type DDL
//! generation writes for it, read back as introspection reads that database's types. So in MySQL
//! `jsonb` is `json`, `timestamptz` is `timestamp` (both `datetime(6)`) and `uuid` is `char(36)`;
//! in SQLite `interval` is `text`. On top of that: PostgreSQL and MySQL give a decimal without a
//! scale the scale 0, PostgreSQL's bare `char` is `char(1)`, and SQLite's integer types are all
//! one 64-bit INTEGER storage (an identity key must be declared exactly `INTEGER`).
//!
//! Expressions (CHECK, predicates, generated columns, defaults, index expressions) are compared
//! loosely, by [`expr::normalize_in`]: case, quoting, casts, redundant parentheses, number
//! spelling and PostgreSQL's rewrites of `IN`, `LIKE` and `BETWEEN` do not count.
//!
//! Extra things in the database (more tables, indexes MySQL adds for foreign keys, SQLite's
//! rowid identity on an `INTEGER` primary key) are not differences. Where DDL generation reported
//! that the dialect could not express something, that documented loss is accepted: each `D0xx`
//! diagnostic excuses one aspect of the entity it targets (D003 the predicate, D004 the INCLUDE
//! list, D005 deferrability, D007 the method, D009 part options, D010 NULLS NOT DISTINCT, D011
//! storage of a generated column, D012 identity, D013 actions, D001/D002 the type, D021 the
//! default; D008, D017 and D018 the whole index or constraint; a code this crate does not know
//! excuses everything about its entity). Codes that change the physical design itself need no
//! excuse: the expected design already has the change.

mod columns;
mod domains;
pub mod expr;
mod keys;
mod losses;
mod partitions;
mod types;

use losses::{Entity, Losses};
use schemata_model::{Design, Diagnostic, DialectName, Table};

/// Everything of `expected` (the physical design for `dialect`) that is absent or different in
/// `actual` (the introspected database), one line each, accepting the losses that generating DDL
/// for `expected` reports.
pub fn missing(expected: &Design, actual: &Design, dialect: DialectName) -> Vec<String> {
    let ddl = schemata_sql::ddl::generate(expected, dialect);
    missing_with_losses(expected, actual, dialect, &ddl.diagnostics)
}

/// Like [`missing`], with the accepted losses taken from `diagnostics` (those of the DDL that
/// was applied, and of the physical design).
pub fn missing_with_losses(
    expected: &Design,
    actual: &Design,
    dialect: DialectName,
    diagnostics: &[Diagnostic],
) -> Vec<String> {
    let mut cx = Cx {
        dialect,
        expected,
        actual,
        losses: Losses::from_diagnostics(diagnostics),
        out: Vec::new(),
    };
    if dialect == DialectName::Postgres {
        cx.enums();
        cx.domains();
    }
    for table in &expected.tables {
        let label = format!("table {}", qualified(table));
        match cx.find_table(table) {
            Some(found) => cx.table(table, found, &label),
            None => {
                if !cx.losses.excuses_absence(&table.id, &Entity::Table) {
                    cx.out.push(format!("{label}: missing"));
                }
            }
        }
    }
    cx.out
}

fn qualified(t: &Table) -> String {
    match &t.schema {
        Some(s) if s != "public" => format!("{s}.{}", t.name),
        _ => t.name.clone(),
    }
}

/// Comparison state.
pub(crate) struct Cx<'a> {
    pub dialect: DialectName,
    pub expected: &'a Design,
    pub actual: &'a Design,
    pub losses: Losses,
    pub out: Vec<String>,
}

impl<'a> Cx<'a> {
    fn find_table(&self, t: &Table) -> Option<&'a Table> {
        let schema_of = |x: &Table| match x.schema.as_deref() {
            Some("public") | None => None,
            Some(s) => Some(s.to_string()),
        };
        self.actual.tables.iter().find(|a| {
            a.name == t.name
                && (self.dialect != DialectName::Postgres || schema_of(a) == schema_of(t))
        })
    }

    /// Name of the table with this id in the expected design (or the id).
    pub(crate) fn expected_table_name(&self, id: &str) -> String {
        self.expected
            .table(id)
            .map(qualified)
            .unwrap_or_else(|| id.to_string())
    }

    /// Name of the table with this id in the actual design (or the id).
    pub(crate) fn actual_table_name(&self, id: &str) -> String {
        self.actual
            .table(id)
            .map(qualified)
            .unwrap_or_else(|| id.to_string())
    }

    /// `expr` normalised for comparing (see [`expr`](self)).
    pub(crate) fn norm(&self, expr: &str) -> String {
        expr::normalize_in(self.dialect, expr)
    }

    fn table(&mut self, e: &Table, a: &Table, label: &str) {
        self.columns(e, a, label);
        self.primary_key(e, a, label);
        self.uniques(e, a, label);
        self.checks(e, a, label);
        self.foreign_keys(e, a, label);
        self.indexes(e, a, label);
        if self.dialect == DialectName::Postgres {
            self.partitioning(e, a, label);
        }
    }

    fn enums(&mut self) {
        for e in &self.expected.enums {
            let label = match &e.schema {
                Some(s) if s != "public" => format!("enum {s}.{}", e.name),
                _ => format!("enum {}", e.name),
            };
            let found = self.actual.enums.iter().find(|a| {
                a.name == e.name
                    && a.schema.as_deref().filter(|s| *s != "public")
                        == e.schema.as_deref().filter(|s| *s != "public")
            });
            match found {
                None => self.out.push(format!("{label}: missing")),
                Some(a) if a.values != e.values => self.out.push(format!(
                    "{label}: values differ: expected {}, found {}",
                    list(&e.values),
                    list(&a.values)
                )),
                Some(_) => {}
            }
        }
    }
}

/// `(a, b)`.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<&str> = items.iter().map(|s| s.as_ref()).collect();
    format!("({})", parts.join(", "))
}
