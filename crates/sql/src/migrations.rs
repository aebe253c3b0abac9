//! Migration files: the DDL of a design as the initial migration of a migration tool.
//!
//! Each tool's layout lives in `templates/migrations/<tool>/`: a `manifest.json` with the
//! migration version and the files to write (path templates and the template each comes from),
//! and the minijinja templates themselves. They are compiled into the binary with
//! `include_str!`. Versions are fixed strings, never the clock, so an export is deterministic.
//!
//! Templates see `up` and `down` (the scripts of [`crate::ddl::generate`] and
//! [`crate::ddl::generate_down`], without the final newline), `rollback` (the executable down
//! statements, one line each, for Liquibase's `--rollback`), `version`, `dialect`,
//! `liquibase_dbms` and `design_name`.

use std::path::PathBuf;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, context};
use schemata_model::{Design, DialectName};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ddl::{Ddl, generate, generate_down};

/// A migration tool whose file layout can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum MigrationTool {
    /// Flyway: `V1__init.sql`.
    Flyway,
    /// golang-migrate: `000001_init.up.sql` and `000001_init.down.sql`.
    GolangMigrate,
    /// sqlx: `00000000000001_init.up.sql` and `.down.sql`.
    Sqlx,
    /// dbmate: `db/migrations/00000000000001_init.sql` with `-- migrate:up` / `-- migrate:down`.
    Dbmate,
    /// Liquibase formatted SQL: `changelog.sql` with one changeset and its `--rollback` lines.
    Liquibase,
}

impl MigrationTool {
    /// Every tool, in the order the command line lists them.
    pub const ALL: [MigrationTool; 5] = [
        MigrationTool::Flyway,
        MigrationTool::GolangMigrate,
        MigrationTool::Sqlx,
        MigrationTool::Dbmate,
        MigrationTool::Liquibase,
    ];

    /// The tool's name as the command line and the templates folder spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            MigrationTool::Flyway => "flyway",
            MigrationTool::GolangMigrate => "golang-migrate",
            MigrationTool::Sqlx => "sqlx",
            MigrationTool::Dbmate => "dbmate",
            MigrationTool::Liquibase => "liquibase",
        }
    }

    /// The compiled-in manifest and templates of the tool: `(manifest, [(file name, text)])`.
    fn layout(self) -> (&'static str, &'static [(&'static str, &'static str)]) {
        macro_rules! t {
            ($dir:literal, $file:literal) => {
                (
                    $file,
                    include_str!(concat!("../../../templates/migrations/", $dir, "/", $file)),
                )
            };
        }
        macro_rules! manifest {
            ($dir:literal) => {
                include_str!(concat!(
                    "../../../templates/migrations/",
                    $dir,
                    "/manifest.json"
                ))
            };
        }
        match self {
            MigrationTool::Flyway => (manifest!("flyway"), &[t!("flyway", "versioned.sql")]),
            MigrationTool::GolangMigrate => (
                manifest!("golang-migrate"),
                &[
                    t!("golang-migrate", "up.sql"),
                    t!("golang-migrate", "down.sql"),
                ],
            ),
            MigrationTool::Sqlx => (
                manifest!("sqlx"),
                &[t!("sqlx", "up.sql"), t!("sqlx", "down.sql")],
            ),
            MigrationTool::Dbmate => (manifest!("dbmate"), &[t!("dbmate", "migration.sql")]),
            MigrationTool::Liquibase => {
                (manifest!("liquibase"), &[t!("liquibase", "changelog.sql")])
            }
        }
    }
}

impl std::str::FromStr for MigrationTool {
    type Err = MigrationError;
    fn from_str(s: &str) -> Result<Self, MigrationError> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        match wanted.as_str() {
            "flyway" => Ok(MigrationTool::Flyway),
            "golang-migrate" | "migrate" => Ok(MigrationTool::GolangMigrate),
            "sqlx" => Ok(MigrationTool::Sqlx),
            "dbmate" => Ok(MigrationTool::Dbmate),
            "liquibase" => Ok(MigrationTool::Liquibase),
            _ => Err(MigrationError::UnknownTool(s.to_string())),
        }
    }
}

impl std::fmt::Display for MigrationTool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why migration files could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    /// A tool name that is not one of [`MigrationTool::ALL`].
    #[error(
        "unknown migration tool `{0}` (expected flyway, golang-migrate, sqlx, dbmate or liquibase)"
    )]
    UnknownTool(String),
    /// A compiled-in manifest or template is broken.
    #[error("the {tool} migration template is broken: {message}")]
    Template {
        tool: MigrationTool,
        message: String,
    },
}

#[derive(Debug, Deserialize)]
struct Manifest {
    version: String,
    files: Vec<ManifestFile>,
}

#[derive(Debug, Deserialize)]
struct ManifestFile {
    /// Relative output path, `/`-separated; a template itself (it may use `{{ version }}`).
    path: String,
    /// File name of the template in the tool's folder.
    template: String,
}

/// The migration files of `design` for `tool`: relative paths and contents, in the order the tool
/// applies them. The up migration is [`generate`]'s script and the down migration
/// [`generate_down`]'s (tables dropped in reverse dependency order).
pub fn migration_files(
    design: &Design,
    dialect: DialectName,
    tool: MigrationTool,
) -> Result<Vec<(PathBuf, String)>, MigrationError> {
    let up = generate(design, dialect);
    let down = generate_down(design, dialect);
    render(tool, dialect, &design.name, &up, &down)
}

/// Lay out already generated scripts for `tool`.
pub fn render(
    tool: MigrationTool,
    dialect: DialectName,
    design_name: &str,
    up: &Ddl,
    down: &Ddl,
) -> Result<Vec<(PathBuf, String)>, MigrationError> {
    let broken = |message: String| MigrationError::Template { tool, message };
    let (manifest_text, templates) = tool.layout();
    let manifest: Manifest =
        serde_json::from_str(manifest_text).map_err(|e| broken(format!("manifest.json: {e}")))?;

    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    let syntax = SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| broken(format!("syntax: {e}")))?;
    env.set_syntax(syntax);
    for (name, text) in templates {
        env.add_template(name, text)
            .map_err(|e| broken(format!("{name}: {e}")))?;
    }

    let mut rollback: Vec<String> = down
        .executable()
        .flat_map(|s| {
            let sql = format!("{};", s.sql);
            sql.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    if rollback.is_empty() {
        rollback.push("empty".to_string());
    }
    let up_sql = up.to_sql();
    let up_sql = match tool {
        MigrationTool::Liquibase => liquibase_safe(&up_sql),
        _ => up_sql,
    };
    let ctx = context! {
        up => up_sql.trim_end(),
        down => down.to_sql().trim_end(),
        rollback => rollback,
        version => &manifest.version,
        dialect => dialect.as_str(),
        liquibase_dbms => liquibase_dbms(dialect),
        design_name => one_line(design_name),
    };

    let mut files = Vec::with_capacity(manifest.files.len());
    for file in &manifest.files {
        let path = env
            .render_str(&file.path, &ctx)
            .map_err(|e| broken(format!("path `{}`: {e}", file.path)))?;
        let template = env
            .get_template(&file.template)
            .map_err(|e| broken(format!("{}: {e}", file.template)))?;
        let text = template
            .render(&ctx)
            .map_err(|e| broken(format!("{}: {e}", file.template)))?;
        let relative: PathBuf = path.split('/').filter(|p| !p.is_empty()).collect();
        if relative.as_os_str().is_empty() || path.split('/').any(|p| p == "..") {
            return Err(broken(format!("bad output path `{path}`")));
        }
        files.push((relative, text));
    }
    Ok(files)
}

/// Liquibase's name for a dialect, for the changeset's `dbms` attribute.
fn liquibase_dbms(dialect: DialectName) -> &'static str {
    match dialect {
        DialectName::Postgres => "postgresql",
        DialectName::Mysql => "mysql,mariadb",
        DialectName::Sqlite => "sqlite",
    }
}

fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() {
        "(unnamed design)".to_string()
    } else {
        joined
    }
}

/// Comment lines that Liquibase would read as directives (`-- rollback ...`, `-- changeset ...`)
/// are kept as plain comments by putting `note:` in front of their text.
fn liquibase_safe(sql: &str) -> String {
    const DIRECTIVES: &[&str] = &[
        "changeset",
        "rollback",
        "comment",
        "preconditions",
        "precondition-",
        "validchecksum",
        "ignorelines",
        "liquibase",
        "property",
        "include",
    ];
    let mut out = String::with_capacity(sql.len());
    for line in sql.split_inclusive('\n') {
        let rest = line.trim_start().strip_prefix("--").map(str::trim_start);
        match rest {
            Some(text)
                if DIRECTIVES
                    .iter()
                    .any(|d| text.to_ascii_lowercase().starts_with(d)) =>
            {
                out.push_str("-- note: ");
                out.push_str(text);
            }
            _ => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_names_round_trip() {
        for tool in MigrationTool::ALL {
            assert_eq!(tool.as_str().parse::<MigrationTool>(), Ok(tool));
            assert_eq!(tool.to_string(), tool.as_str());
        }
        assert_eq!("golang_migrate".parse(), Ok(MigrationTool::GolangMigrate));
        assert!("alembic".parse::<MigrationTool>().is_err());
    }

    #[test]
    fn every_manifest_and_template_loads() {
        for tool in MigrationTool::ALL {
            let (manifest, templates) = tool.layout();
            let manifest: Manifest = serde_json::from_str(manifest).expect("manifest parses");
            assert!(!manifest.files.is_empty());
            for file in &manifest.files {
                assert!(
                    templates.iter().any(|(name, _)| *name == file.template),
                    "{tool}: {} is compiled in",
                    file.template
                );
            }
        }
    }

    #[test]
    fn liquibase_directives_in_comments_are_defused() {
        let sql = "-- DDL for x\n-- rollback happens later\nCREATE TABLE t (a int);\n";
        assert_eq!(
            liquibase_safe(sql),
            "-- DDL for x\n-- note: rollback happens later\nCREATE TABLE t (a int);\n"
        );
    }
}
