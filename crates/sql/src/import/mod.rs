//! Importing SQL DDL (a `pg_dump --schema-only`, a Rails `structure.sql`, a MySQL, SQLite or
//! SQL Server script) into a [`Design`].
//!
//! The file is cut into statements by [`split`] (client-side lines are handled there), each
//! statement is tokenized, classified by its leading keywords and, when it describes the schema,
//! parsed with sqlparser and applied to the design being built, before the next one is
//! tokenized. Statements sqlparser rejects
//! in the forms pg_dump writes (`CREATE SEQUENCE` with its option order, `ALTER SEQUENCE ...
//! OWNED BY`, `CREATE INDEX ... ON ONLY`, `ALTER TABLE ... ATTACH PARTITION`) are handled on
//! sqlparser's tokens. Nothing aborts the import: every statement that is not used is listed with
//! its line and the reason, and so is every part of a used statement that the design cannot hold.
//!
//! Declarative partitioning is recorded on the tables (`partition_by` on the partitioned table,
//! `partition_of` on each partition, from `PARTITION OF` or `ATTACH PARTITION`); a partition keeps
//! only the keys and indexes its parent does not give it.
//!
//! Serial columns, and columns whose default is `nextval` of a sequence of the file (pg_dump
//! writes the sequence, its `OWNED BY` and the default as separate statements), become identity
//! columns. Layout positions are left empty.

mod build;
mod cut;
mod detect;
mod domain;
mod handlers;
mod kind;
pub(crate) mod partition;
mod split;
mod table;
mod tokens;

pub use detect::detect_dialect;

use schemars::JsonSchema;
use schemata_model::{Design, DialectName};
use serde::{Deserialize, Serialize};
use sqlparser::dialect::{Dialect, MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The dialect a SQL file is written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SourceDialect {
    Postgres,
    Mysql,
    Sqlite,
    /// SQL Server (T-SQL).
    Mssql,
}

impl SourceDialect {
    /// Lower-case name, as the CLI takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceDialect::Postgres => "postgres",
            SourceDialect::Mysql => "mysql",
            SourceDialect::Sqlite => "sqlite",
            SourceDialect::Mssql => "mssql",
        }
    }

    /// The dialect the imported design targets: the same one, or PostgreSQL for SQL Server.
    pub fn target(self) -> DialectName {
        match self {
            SourceDialect::Postgres | SourceDialect::Mssql => DialectName::Postgres,
            SourceDialect::Mysql => DialectName::Mysql,
            SourceDialect::Sqlite => DialectName::Sqlite,
        }
    }

    pub(crate) fn parser_dialect(self) -> &'static dyn Dialect {
        match self {
            SourceDialect::Postgres => &PostgreSqlDialect {},
            SourceDialect::Mysql => &MySqlDialect {},
            SourceDialect::Sqlite => &SQLiteDialect {},
            SourceDialect::Mssql => &MsSqlDialect {},
        }
    }
}

impl std::str::FromStr for SourceDialect {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Ok(SourceDialect::Postgres),
            "mysql" | "mariadb" => Ok(SourceDialect::Mysql),
            "sqlite" | "sqlite3" => Ok(SourceDialect::Sqlite),
            "mssql" | "sqlserver" | "tsql" => Ok(SourceDialect::Mssql),
            other => Err(format!(
                "unknown dialect `{other}` (expected postgres, mysql, sqlite or mssql)"
            )),
        }
    }
}

impl std::fmt::Display for SourceDialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Options of an import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// The file's dialect; detected from the text when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub dialect: Option<SourceDialect>,
    /// Name given to the design.
    #[serde(default)]
    pub name: String,
}

/// How far an import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ImportProgress {
    /// Statements handled so far.
    pub done: usize,
    /// Statements in the file.
    pub total: usize,
}

/// A statement, or a part of one, that the design does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Skipped {
    /// 1-based line where the statement starts.
    pub line: usize,
    /// Statement kind, e.g. `CREATE FUNCTION`, or the part, e.g. `EXCLUDE constraint`.
    pub kind: String,
    /// Why it was not imported.
    pub reason: String,
}

/// Statement counts of one kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct KindCount {
    /// Statements of the kind in the file.
    pub total: usize,
    /// Statements the importer read: used, or recognised as not part of a design.
    pub understood: usize,
    /// Statements that changed the design.
    pub imported: usize,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Imported {
    /// The design read from the file.
    pub design: Design,
    /// The dialect the file was read as.
    pub dialect: SourceDialect,
    /// Number of statements (client-side lines included).
    pub statements: usize,
    /// Counts by statement kind.
    pub coverage: BTreeMap<String, KindCount>,
    /// Statements not imported, in file order.
    pub skipped: Vec<Skipped>,
    /// Parts of imported statements that the design does not hold.
    pub dropped: Vec<Skipped>,
    /// Extensions the file creates (`CREATE EXTENSION`), needed by some of its types and indexes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub extensions: Vec<String>,
}

impl Imported {
    /// Skipped statements counted by kind.
    pub fn skipped_by_kind(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for s in &self.skipped {
            *counts.entry(s.kind.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// Statements understood over all statements, as a fraction (1.0 for an empty file).
    pub fn understood_ratio(&self) -> f64 {
        let (mut total, mut understood) = (0usize, 0usize);
        for c in self.coverage.values() {
            total += c.total;
            understood += c.understood;
        }
        if total == 0 {
            1.0
        } else {
            understood as f64 / total as f64
        }
    }
}

/// One statement of a SQL file, as the importer cuts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct SourceStatement {
    /// 1-based line where it starts.
    pub line: usize,
    /// Its kind, as in [`Imported::coverage`].
    pub kind: String,
    /// Its text, without the terminating delimiter.
    pub text: String,
}

/// The statements of `text` with their kinds and texts, e.g. to run the functions of a dump
/// that the design leaves out.
pub fn statements(text: &str, dialect: SourceDialect) -> Vec<SourceStatement> {
    split::split(text, dialect)
        .into_iter()
        .map(|s| match s.body {
            split::Body::Tokens(tokens) => SourceStatement {
                line: s.line,
                kind: kind::kind_of(&kind::leading(&tokens, 16)),
                text: tokens.iter().map(|t| t.token.to_string()).collect(),
            },
            split::Body::Client(text) => SourceStatement {
                line: s.line,
                kind: "client-side line".into(),
                text,
            },
            split::Body::Unreadable { text, .. } => SourceStatement {
                line: s.line,
                kind: String::new(),
                text,
            },
        })
        .collect()
}

/// What one statement came to.
pub(crate) enum Outcome {
    /// It changed the design.
    Imported,
    /// Understood, but not part of a design (functions, grants, data, session settings).
    Ignored(String),
    /// Not understood or not usable.
    Skipped(String),
}

/// Import `text`, calling `progress` as statements are handled (every few hundred, and once at
/// the end).
pub fn import_sql(
    text: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Imported {
    let dialect = options.dialect.unwrap_or_else(|| detect_dialect(text));
    let plan = split::plan(text, dialect);
    let estimate = plan.estimate();
    let mut builder = build::Builder::new(dialect, &options.name);
    let mut coverage: BTreeMap<String, KindCount> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut done = 0usize;
    plan.run(dialect.parser_dialect(), &mut |statement| {
        let i = done;
        done += 1;
        let line = statement.line;
        let (kind, outcome) = handlers::handle(&mut builder, statement);
        let count = coverage.entry(kind.clone()).or_default();
        count.total += 1;
        match outcome {
            Outcome::Imported => {
                count.understood += 1;
                count.imported += 1;
            }
            Outcome::Ignored(reason) => {
                count.understood += 1;
                skipped.push(Skipped { line, kind, reason });
            }
            Outcome::Skipped(reason) => skipped.push(Skipped { line, kind, reason }),
        }
        if (i + 1).is_multiple_of(256) {
            let total = estimate.max(i + 1);
            progress(ImportProgress { done: i + 1, total });
        }
    });
    let total = done;
    let (design, dropped, extensions) = builder.finish();
    progress(ImportProgress { done: total, total });
    Imported {
        design,
        dialect,
        statements: total,
        coverage,
        skipped,
        dropped,
        extensions,
    }
}
