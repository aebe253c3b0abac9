//! The command line: every command, option and help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use schemata_api::{DialectName, MigrationTool};
use std::path::PathBuf;

const MAIN_EXAMPLES: &str = "\
Examples:
  schemata new --example ecommerce -o shop.schemata.json
  schemata check shop.schemata.json
  schemata ddl shop.schemata.json --dialect mysql -o shop.sql
  schemata export shop.schemata.json --tool flyway -o db/migration

Exit status: 0 when all went well, 1 when a design has errors, 2 for a wrong command line or a
file that cannot be read or written.";

const IMPORT_EXAMPLES: &str = "\
Examples:
  schemata import structure.sql -o app.schemata.json
  schemata import schema.sql --dialect mysql -o shop.schemata.json --verbose
  schemata import postgres://app@localhost/shop --schema public --schema audit -o shop.schemata.json
  schemata import sqlite:data/app.db -o app.schemata.json

Statements that are not part of a design (functions, grants, data) are skipped and counted by
kind; --verbose lists each with its line and the reason. A PostgreSQL password is taken from the
URL or PGPASSWORD and never written to the design.";

/// Options of `schemata import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A SQL file, `postgres://user@host/db` or `sqlite:PATH`.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// Dialect of a SQL file (detected when not given).
    #[arg(long, value_name = "DIALECT", value_parser = ["postgres", "mysql", "sqlite", "mssql"])]
    pub dialect: Option<String>,
    /// PostgreSQL schema to read (repeatable; `public` when none).
    #[arg(long = "schema", value_name = "SCHEMA")]
    pub schemas: Vec<String>,
    /// Where to write the design.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// List every skipped statement and dropped part with its line and reason.
    #[arg(long)]
    pub verbose: bool,
    /// Print the statement coverage by kind (understood / total).
    #[arg(long)]
    pub report: bool,
}

const NEW_EXAMPLES: &str = "\
Examples:
  schemata new -o blank.schemata.json
  schemata new --example saas_multitenant -o tenants.schemata.json
  schemata new --example ecommerce -o shop.schemata.json --force";

const CHECK_EXAMPLES: &str = "\
Examples:
  schemata check shop.schemata.json
  schemata check designs/*.schemata.json --format json
  schemata check shop.schemata.json --dialect mysql,sqlite
  schemata check shop.schemata.json --fix

Text output prints each diagnostic with its code, its place in the file (line:column and JSON
pointer) and a hint when there is one, then a summary line per file. JSON output prints one report
per file, one line each: {file, dialects, diagnostics, counts}.

Exit status: 1 when any design has an error (after --fix, when given), 2 when a file cannot be
read, 0 otherwise.";

const DDL_EXAMPLES: &str = "\
Examples:
  schemata ddl shop.schemata.json
  schemata ddl shop.schemata.json --dialect sqlite -o shop.sqlite.sql

What the dialect cannot express is reported on stderr as warnings (D codes). A design with
validation errors gets no DDL: the errors are printed and the exit status is 1.";

const EXPORT_EXAMPLES: &str = "\
Examples:
  schemata export shop.schemata.json --tool flyway -o db/migration
  schemata export shop.schemata.json --tool golang-migrate --dialect mysql -o migrations
  schemata export shop.schemata.json --tool sqlx -o migrations --force

Files that already hold the same content are left alone. When an existing file differs, nothing
is written and the command fails, unless --force is given.";

const NORMALIZE_EXAMPLES: &str = "\
Examples:
  schemata normalize shop.schemata.json
  schemata normalize shop.schemata.json --table customers --format json
  schemata normalize shop.schemata.json --apply 3nf -o shop.normalized.schemata.json

Dependencies come from primary keys, unique constraints over NOT NULL columns, and the
`functional_dependencies` each table declares. With --apply, the preview of every change is
printed before the new design is written.";

const FD_EXAMPLES: &str = "\
Examples:
  schemata fd \"A,B,C,D,E\" \"A->B,C; C,D->E; B->D; E->A\"
  schemata fd ABCD \"AB->C; C->D; D->A\" --format json
  schemata fd \"student,course,instructor\" \"student,course->instructor; instructor->course\"
  schemata fd ABC \"A->B; B->C\" --check \"AB; AC\"

JSON output has the keys: keys, prime, cover ({lhs, rhs} items), normal_form (1NF|2NF|3NF|BCNF),
violations, synthesis_3nf and bcnf (relations with attributes and lossless /
dependency_preserving flags).";

/// Schemata: design a relational schema as a JSON file, check it, and turn it into DDL and
/// migration files.
#[derive(Debug, Parser)]
#[command(name = "schemata", version, after_long_help = MAIN_EXAMPLES)]
#[command(
    long_about = "Schemata: design a relational schema as a JSON file (*.schemata.json), check it \
    for mistakes and naming-convention problems, and turn it into DDL for PostgreSQL, MySQL or \
    SQLite, or into migration files for common migration tools."
)]
pub struct Cli {
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a design file, empty or from a built-in example.
    #[command(after_long_help = NEW_EXAMPLES)]
    New(NewArgs),
    /// Check designs: validation, naming conventions and dialect limitations.
    #[command(after_long_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print or write the DDL (CREATE statements) of a design for one dialect.
    #[command(after_long_help = DDL_EXAMPLES)]
    Ddl(DdlArgs),
    /// Write a design as migration files for a migration tool.
    #[command(after_long_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Normal forms of a design's tables, and decompositions applied to the design.
    #[command(after_long_help = NORMALIZE_EXAMPLES)]
    Normalize(NormalizeArgs),
    /// Functional-dependency calculator for a relation on paper: keys, cover, normal form,
    /// 3NF synthesis and BCNF decomposition.
    #[command(after_long_help = FD_EXAMPLES)]
    Fd(FdArgs),
    /// Create a design from a SQL file, a live PostgreSQL database or a SQLite file.
    #[command(after_long_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Print or write a design as a Mermaid erDiagram or as DBML.
    #[command(after_long_help = DIAGRAM_EXAMPLES)]
    Diagram(DiagramArgs),
    /// Rules, recommended indexes and the score of a design, weighted by its access patterns.
    #[command(after_long_help = crate::commands::advise::ADVISE_EXAMPLES)]
    Advise(crate::commands::advise::AdviseArgs),
    /// Move access patterns between a design and a worksheet SQL file.
    #[command(after_long_help = crate::commands::worksheet::WORKSHEET_EXAMPLES)]
    Worksheet(crate::commands::worksheet::WorksheetArgs),
    /// Check the recommended indexes against PostgreSQL's planner (hypopg) on synthetic data.
    #[command(after_long_help = crate::commands::verify::VERIFY_EXAMPLES)]
    Verify(crate::commands::verify::VerifyArgs),
    /// Shard keys for Citus or Vitess from the worksheet, with the DDL or VSchema.
    #[command(after_long_help = crate::commands::shard::SHARD_EXAMPLES)]
    Shard(crate::commands::shard::ShardArgs),
}

const DIAGRAM_EXAMPLES: &str = "\
Examples:
  schemata diagram shop.schemata.json
  schemata diagram shop.schemata.json --format dbml -o shop.dbml

Relationships are drawn in crow's-foot notation from the foreign keys: a nullable FK makes the
parent end optional, an FK that is also a unique key makes the child end one instead of many.";

/// Options of `schemata diagram`.
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// The design file.
    #[arg(value_name = "DESIGN")]
    pub design: PathBuf,
    /// Text format.
    #[arg(long, value_enum, default_value_t = DiagramFormat::Mermaid)]
    pub format: DiagramFormat,
    /// Write the text to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A text format of `schemata diagram`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagramFormat {
    /// A Mermaid erDiagram.
    Mermaid,
    /// DBML (dbdiagram.io, dbdocs).
    Dbml,
}

/// Options of `schemata normalize`.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// The design file.
    #[arg(value_name = "DESIGN")]
    pub design: PathBuf,
    /// Only this table (id or name).
    #[arg(long, value_name = "TABLE")]
    pub table: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Decompose every table (or --table) that is not yet in this normal form.
    #[arg(long, value_enum, requires = "output")]
    pub apply: Option<NormalFormGoal>,
    /// Where to write the normalized design (with --apply). May be the input file itself.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Options of `schemata fd`.
#[derive(Debug, Args)]
pub struct FdArgs {
    /// The attributes, separated by commas or spaces: `A,B,C,D,E` or `student,course,teacher`.
    #[arg(value_name = "ATTRIBUTES")]
    pub attributes: String,
    /// The dependencies, separated by `;`: `A->B,C; C,D->E`. With one-letter attributes,
    /// `CD->E` means `C,D->E`.
    #[arg(value_name = "DEPENDENCIES", default_value = "")]
    pub dependencies: String,
    /// Check a decomposition of your own instead: relations separated by `;`, e.g. `A,B; B,C`.
    /// Prints whether the join is lossless (the chase) and which dependencies are not preserved.
    #[arg(long, value_name = "RELATIONS")]
    pub check: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The normal form `normalize --apply` aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NormalFormGoal {
    /// Third normal form by synthesis: lossless and dependency-preserving.
    #[value(name = "3nf")]
    ThirdNf,
    /// Boyce-Codd normal form: lossless, may lose dependencies.
    Bcnf,
}

/// Options of `schemata new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The example to start from; `empty` is a design with no tables.
    #[arg(long, default_value = "empty", value_parser = clap::builder::PossibleValuesParser::new(schemata_api::example_names()))]
    pub example: String,
    /// The design file to create.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite the file when it exists.
    #[arg(long)]
    pub force: bool,
}

/// Options of `schemata check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Design files to check.
    #[arg(required = true, value_name = "DESIGN")]
    pub designs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Rename what breaks the naming convention, write the file back, then check it.
    #[arg(long)]
    pub fix: bool,
    /// Dialects whose limitations to report (comma-separated or repeated); the design's own
    /// target dialects by default.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "DIALECT")]
    pub dialect: Vec<Dialect>,
}

/// Options of `schemata ddl`.
#[derive(Debug, Args)]
pub struct DdlArgs {
    /// The design file.
    #[arg(value_name = "DESIGN")]
    pub design: PathBuf,
    /// Target dialect; the design's first target dialect by default.
    #[arg(long, value_enum)]
    pub dialect: Option<Dialect>,
    /// Write the DDL to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Options of `schemata export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The design file.
    #[arg(value_name = "DESIGN")]
    pub design: PathBuf,
    /// The migration tool whose file layout to write.
    #[arg(long, value_enum)]
    pub tool: Tool,
    /// Target dialect; the design's first target dialect by default.
    #[arg(long, value_enum)]
    pub dialect: Option<Dialect>,
    /// Folder to write the migration files into (created when missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Overwrite existing files whose content differs.
    #[arg(long)]
    pub force: bool,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour, even into a file or a pipe.
    Always,
    /// Never colour.
    Never,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for people, rustc-style.
    Text,
    /// One JSON report per file, one per line.
    Json,
}

/// A target dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    /// PostgreSQL 15 or newer.
    #[value(alias = "postgresql", alias = "pg")]
    Postgres,
    /// MySQL 8 (MariaDB 10.11 for the subset they share).
    #[value(alias = "mariadb")]
    Mysql,
    /// SQLite 3.
    #[value(alias = "sqlite3")]
    Sqlite,
}

impl From<Dialect> for DialectName {
    fn from(d: Dialect) -> Self {
        match d {
            Dialect::Postgres => DialectName::Postgres,
            Dialect::Mysql => DialectName::Mysql,
            Dialect::Sqlite => DialectName::Sqlite,
        }
    }
}

/// A migration tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tool {
    /// Flyway: V1__init.sql.
    Flyway,
    /// golang-migrate: 000001_init.up.sql and 000001_init.down.sql.
    GolangMigrate,
    /// sqlx: 00000000000001_init.up.sql and 00000000000001_init.down.sql.
    Sqlx,
    /// dbmate: db/migrations/00000000000001_init.sql with migrate:up and migrate:down sections.
    Dbmate,
    /// Liquibase: changelog.sql, formatted SQL with one changeset and its rollback.
    Liquibase,
}

impl Tool {
    /// The tool's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Flyway => "flyway",
            Tool::GolangMigrate => "golang-migrate",
            Tool::Sqlx => "sqlx",
            Tool::Dbmate => "dbmate",
            Tool::Liquibase => "liquibase",
        }
    }

    /// The api's value for this tool.
    pub fn to_api(self) -> Result<MigrationTool, String> {
        self.name()
            .parse::<MigrationTool>()
            .map_err(|e| format!("{e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
