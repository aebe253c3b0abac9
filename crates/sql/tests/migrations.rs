//! Migration files for every tool: snapshots for one example, structure checks for all of them,
//! and the golang-migrate files applied up, down and up again to an in-memory SQLite database.

use std::path::{Path, PathBuf};

use schemata_model::{Design, DialectName};
use schemata_sql::ddl::generate_down;
use schemata_sql::migrations::{MigrationTool, migration_files};

fn example(name: &str) -> Design {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    let loaded = schemata_model::load_file(&path);
    loaded
        .design
        .unwrap_or_else(|| panic!("{}: {:#?}", path.display(), loaded.diagnostics))
}

const EXAMPLES: &[&str] = &[
    "ecommerce.schemata.json",
    "url_shortener.schemata.json",
    "social_feed.schemata.json",
    "saas_multitenant.schemata.json",
    "library_cycle.schemata.json",
];

fn files(design: &Design, dialect: DialectName, tool: MigrationTool) -> Vec<(PathBuf, String)> {
    migration_files(design, dialect, tool).unwrap_or_else(|e| panic!("{tool}: {e}"))
}

fn paths(files: &[(PathBuf, String)]) -> Vec<String> {
    files
        .iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

fn render(files: &[(PathBuf, String)]) -> String {
    let mut out = String::new();
    for (path, text) in files {
        out.push_str(&format!("===== {} =====\n", path.to_string_lossy()));
        out.push_str(text);
    }
    out
}

#[test]
fn snapshots_of_every_tool() {
    let design = example("library_cycle.schemata.json");
    for tool in MigrationTool::ALL {
        let files = files(&design, DialectName::Postgres, tool);
        insta::assert_snapshot!(format!("library_cycle_postgres_{tool}"), render(&files));
    }
}

#[test]
fn file_names_per_tool() {
    let design = example("ecommerce.schemata.json");
    let expected: [(MigrationTool, &[&str]); 5] = [
        (MigrationTool::Flyway, &["V1__init.sql"]),
        (
            MigrationTool::GolangMigrate,
            &["000001_init.up.sql", "000001_init.down.sql"],
        ),
        (
            MigrationTool::Sqlx,
            &["00000000000001_init.up.sql", "00000000000001_init.down.sql"],
        ),
        (
            MigrationTool::Dbmate,
            &["db/migrations/00000000000001_init.sql"],
        ),
        (MigrationTool::Liquibase, &["changelog.sql"]),
    ];
    for (tool, names) in expected {
        let files = files(&design, DialectName::Mysql, tool);
        assert_eq!(paths(&files), names, "{tool}");
        for (path, text) in &files {
            assert!(path.is_relative());
            assert!(
                text.ends_with(";\n"),
                "{tool} {}: ends with one newline",
                path.display()
            );
            assert!(!text.ends_with("\n\n"), "{tool} {}", path.display());
        }
    }
}

#[test]
fn every_example_dialect_and_tool_is_deterministic() {
    for name in EXAMPLES {
        let design = example(name);
        for dialect in DialectName::ALL {
            for tool in MigrationTool::ALL {
                let a = files(&design, dialect, tool);
                let b = files(&design, dialect, tool);
                assert_eq!(a, b, "{name} {dialect} {tool}");
                assert!(a[0].1.contains("CREATE TABLE"), "{name} {dialect} {tool}");
            }
        }
    }
}

#[test]
fn dbmate_has_both_sections_in_order() {
    let design = example("social_feed.schemata.json");
    let files = files(&design, DialectName::Postgres, MigrationTool::Dbmate);
    let text = &files[0].1;
    let up = text.find("-- migrate:up\n").expect("up marker");
    let down = text.find("\n-- migrate:down\n").expect("down marker");
    assert_eq!(up, 0);
    assert!(text[..down].contains("CREATE TABLE"));
    assert!(!text[..down].contains("DROP TABLE"));
    assert!(text[down..].contains("DROP TABLE"));
    assert!(!text[down..].contains("CREATE TABLE"));
}

#[test]
fn liquibase_rolls_back_every_down_statement() {
    for name in EXAMPLES {
        let design = example(name);
        for dialect in DialectName::ALL {
            let files = files(&design, dialect, MigrationTool::Liquibase);
            let text = &files[0].1;
            assert!(text.starts_with("--liquibase formatted sql\n\n--changeset schemata:1 dbms:"));
            assert_eq!(text.matches("--changeset").count(), 1);
            let rollback: String = text
                .lines()
                .filter_map(|l| l.strip_prefix("--rollback "))
                .map(|l| format!("{l}\n"))
                .collect();
            let down = generate_down(&design, dialect);
            let expected: String = down.executable().map(|s| format!("{};\n", s.sql)).collect();
            assert_eq!(rollback, expected, "{name} {dialect}");
            // Nothing in the body may look like a directive but the ones written on purpose.
            for line in text.lines().skip(3) {
                let l = line.trim_start().trim_start_matches('-').trim_start();
                if line.starts_with("--rollback ") {
                    continue;
                }
                assert!(
                    !l.starts_with("changeset") && !l.starts_with("rollback"),
                    "{line}"
                );
            }
        }
    }
}

/// Apply every file whose name ends with `suffix`, in name order.
fn apply(conn: &rusqlite::Connection, files: &[(PathBuf, String)], suffix: &str) {
    let mut chosen: Vec<&(PathBuf, String)> = files
        .iter()
        .filter(|(p, _)| p.to_string_lossy().ends_with(suffix))
        .collect();
    chosen.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!chosen.is_empty(), "no {suffix} file");
    for (path, sql) in chosen {
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("{}: {e}\n{sql}", path.display()));
    }
}

fn user_tables(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .expect("prepare");
    stmt.query_map([], |row| row.get::<_, String>(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn golang_migrate_up_down_up_on_sqlite() {
    for name in EXAMPLES {
        let design = example(name);
        let files = files(&design, DialectName::Sqlite, MigrationTool::GolangMigrate);
        let conn = rusqlite::Connection::open_in_memory().expect("in-memory SQLite");
        conn.execute_batch("PRAGMA foreign_keys = ON;")
            .expect("foreign keys on");

        apply(&conn, &files, ".up.sql");
        let created = user_tables(&conn);
        let mut expected: Vec<String> = design.tables.iter().map(|t| t.name.clone()).collect();
        for rel in &design.relationships {
            if rel.cardinality == schemata_model::Cardinality::ManyToMany {
                expected.push(rel.junction.clone().unwrap_or_else(|| {
                    let from = design
                        .table(&rel.from)
                        .map(|t| t.name.as_str())
                        .unwrap_or("");
                    let to = design.table(&rel.to).map(|t| t.name.as_str()).unwrap_or("");
                    format!("{from}_{to}")
                }));
            }
        }
        expected.sort();
        assert_eq!(created, expected, "{name}: tables after up");

        apply(&conn, &files, ".down.sql");
        assert!(
            user_tables(&conn).is_empty(),
            "{name}: tables left after down"
        );
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .expect("count indexes");
        assert_eq!(indexes, 0, "{name}: indexes left after down");

        apply(&conn, &files, ".up.sql");
        assert_eq!(
            user_tables(&conn),
            expected,
            "{name}: tables after the second up"
        );
    }
}
