//! Round trips of the shared corpus: import a SQL file, generate DDL for its dialect, apply it
//! to a fresh database, read that database back with live introspection, and compare with the
//! first import. Where the original file itself loads, its live introspection is compared with
//! the file import too. Each file is its own test; a failure lists every difference.

use schemata_db::compare::missing_with_losses;
use schemata_db::testserver::{mariadb, postgres};
use schemata_model::{Design, DialectName};
use schemata_sql::import::{ImportOptions, Imported, SourceDialect, import_sql, statements};
use std::path::PathBuf;

fn corpus_file(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let path = dir.join(format!("{name}.sql"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the test corpus is missing: cannot read {} ({e}); clone the shared directory beside the repository",
            path.display()
        )
    })
}

fn import(name: &str, dialect: SourceDialect) -> (String, Imported) {
    let text = corpus_file(name);
    let options = ImportOptions {
        dialect: Some(dialect),
        name: name.into(),
    };
    let imported = import_sql(&text, &options, &mut |_| {});
    (text, imported)
}

fn assert_same(name: &str, what: &str, expected: &Design, actual: &Design, dialect: DialectName) {
    let (physical, _) = schemata_sql::physical::physical_design(expected, dialect);
    let ddl = schemata_sql::ddl::generate(expected, dialect);
    let diffs = missing_with_losses(&physical, actual, dialect, &ddl.diagnostics);
    assert!(
        diffs.is_empty(),
        "{name}: {what}: {} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

fn schemas_of(design: &Design) -> Vec<String> {
    let mut schemas = vec!["public".to_string()];
    for t in &design.tables {
        if let Some(s) = &t.schema
            && !schemas.contains(s)
        {
            schemas.push(s.clone());
        }
    }
    schemas
}

/// PostgreSQL: import → DDL → fresh database → introspection → compare; with `original`, the
/// file itself is loaded into another database and compared with the import as well.
fn postgres_round_trip(name: &str, original: bool) {
    let Some(server) = postgres::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let (text, imported) = import(name, SourceDialect::Postgres);
    let design = &imported.design;
    let ddl = schemata_sql::ddl::generate(design, DialectName::Postgres);
    let db = server
        .fresh_database(name)
        .unwrap_or_else(|e| panic!("{e}"));
    let client = db.connect().unwrap_or_else(|e| panic!("{e}"));
    let mut setup = String::new();
    for ext in &imported.extensions {
        if ext != "plpgsql" {
            setup.push_str(&format!("CREATE EXTENSION IF NOT EXISTS \"{ext}\";\n"));
        }
    }
    schemata_db::postgres::apply(&client, &setup)
        .unwrap_or_else(|e| panic!("{name}: extensions: {e}"));
    // Defaults, checks and index expressions may call the file's own functions, which are not
    // part of the design: create them first, as pg_dump does, without checking their bodies.
    for statement in statements(&text, SourceDialect::Postgres) {
        if matches!(
            statement.kind.as_str(),
            "CREATE FUNCTION" | "CREATE AGGREGATE"
        ) {
            let sql = format!("SET check_function_bodies = false;\n{};", statement.text);
            // A function over a type of the design fails here; the DDL then names it.
            let _ = schemata_db::postgres::apply(&client, &sql);
        }
    }
    schemata_db::postgres::apply(&client, &ddl.to_sql())
        .unwrap_or_else(|e| panic!("{name}: the generated DDL does not apply: {e}"));
    let schemas = schemas_of(design);
    let schema_refs: Vec<&str> = schemas.iter().map(String::as_str).collect();
    let live =
        schemata_db::postgres::introspect(&client, &schema_refs).unwrap_or_else(|e| panic!("{e}"));
    assert_same(
        name,
        "generated DDL read back",
        design,
        &live,
        DialectName::Postgres,
    );
    if original {
        let db = server
            .fresh_database(&format!("{name}_original"))
            .unwrap_or_else(|e| panic!("{e}"));
        let client = db.connect().unwrap_or_else(|e| panic!("{e}"));
        schemata_db::postgres::apply(&client, &text)
            .unwrap_or_else(|e| panic!("{name}: the original does not load: {e}"));
        let live = schemata_db::postgres::introspect(&client, &schema_refs)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_same(
            name,
            "original read back",
            design,
            &live,
            DialectName::Postgres,
        );
    }
}

fn sqlite_round_trip(name: &str) {
    let (text, imported) = import(name, SourceDialect::Sqlite);
    let design = &imported.design;
    let ddl = schemata_sql::ddl::generate(design, DialectName::Sqlite);
    let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    schemata_db::sqlite::apply(&conn, &ddl.to_sql())
        .unwrap_or_else(|e| panic!("{name}: the generated DDL does not apply: {e}"));
    let live = schemata_db::sqlite::introspect(&conn).unwrap_or_else(|e| panic!("{e}"));
    assert_same(
        name,
        "generated DDL read back",
        design,
        &live,
        DialectName::Sqlite,
    );
    // The original loads too; its unnamed constraints and key columns without NOT NULL differ
    // from the physical design by construction, so only its tables and columns are compared.
    let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(&text)
        .unwrap_or_else(|e| panic!("{name}: the original does not load: {e}"));
    let original = schemata_db::sqlite::introspect(&conn).unwrap_or_else(|e| panic!("{e}"));
    for table in &design.tables {
        let found = original
            .tables
            .iter()
            .find(|t| t.name == table.name)
            .unwrap_or_else(|| panic!("{name}: original read back: table {} missing", table.name));
        let names = |t: &schemata_model::Table| -> Vec<String> {
            t.columns.iter().map(|c| c.name.clone()).collect()
        };
        assert_eq!(
            names(table),
            names(found),
            "{name}: columns of {}",
            table.name
        );
    }
}

fn mysql_round_trip(name: &str) {
    let Some(server) = mariadb::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let (_, imported) = import(name, SourceDialect::Mysql);
    let design = &imported.design;
    let ddl = schemata_sql::ddl::generate(design, DialectName::Mysql);
    let client = server
        .fresh_database(name)
        .unwrap_or_else(|e| panic!("{e}"));
    schemata_db::mysql::apply(&client, &ddl.to_sql())
        .unwrap_or_else(|e| panic!("{name}: the generated DDL does not apply: {e}"));
    let live = schemata_db::mysql::introspect(&client, client.database().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_same(
        name,
        "generated DDL read back",
        design,
        &live,
        DialectName::Mysql,
    );
}

/// The partitions of `parent` that the import of `name` records.
fn partitions_of(name: &str, parent: &str) -> usize {
    let (_, imported) = import(name, SourceDialect::Postgres);
    assert!(
        imported
            .design
            .table(parent)
            .is_some_and(|t| t.partition_by.is_some()),
        "{name}: {parent} is partitioned"
    );
    imported
        .design
        .tables
        .iter()
        .filter(|t| t.partition_of.as_ref().is_some_and(|o| o.parent == parent))
        .count()
}

#[test]
fn pagila_schema_2022() {
    assert_eq!(partitions_of("pagila_schema_2022", "payment"), 7);
    postgres_round_trip("pagila_schema_2022", false);
}

#[test]
fn northwind_psql() {
    postgres_round_trip("northwind_psql", true);
}

#[test]
fn chinook_postgres() {
    postgres_round_trip("chinook_postgres", false);
}

#[test]
fn gisia_gitlab_structure() {
    assert_eq!(partitions_of("gisia_gitlab_structure", "notes"), 3);
    postgres_round_trip("gisia_gitlab_structure", false);
}

#[test]
fn sourcegraph_frontend_squashed() {
    postgres_round_trip("sourcegraph_frontend_squashed", false);
}

#[test]
fn openstreetmap_structure() {
    postgres_round_trip("openstreetmap_structure", false);
}

#[test]
fn chinook_sqlite() {
    sqlite_round_trip("chinook_sqlite");
}

#[test]
fn zotero_userdata() {
    sqlite_round_trip("zotero_userdata");
}

#[test]
fn chinook_mysql() {
    mysql_round_trip("chinook_mysql");
}

#[test]
fn sakila_schema() {
    mysql_round_trip("sakila_schema");
}
