//! Every example design, applied to SQLite, PostgreSQL and MariaDB and read back: whatever the
//! physical design promises must be in the database, except the losses the DDL documents. And
//! the databases enforce what the DDL declares.
//!
//! The servers are started once for this test binary; each example gets a fresh database.
//! `SCHEMATA_SKIP_DB_TESTS=1` skips the server parts.

use rusqlite::Connection;
use schemata_db::compare::missing_with_losses;
use schemata_db::testserver::{mariadb, postgres};
use schemata_db::{mysql, sqlite};
use schemata_model::{Design, DialectName, load_file, load_str};
use schemata_sql::ddl::{Ddl, StatementKind, codes, generate};
use schemata_sql::physical::physical_design;
use std::path::PathBuf;

/// Every `examples/*.schemata.json`, loaded, in file-name order.
fn examples() -> Vec<(String, Design)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".schemata.json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no examples in {}", dir.display());
    paths
        .into_iter()
        .map(|path| {
            let loaded = load_file(&path);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().replace(".schemata.json", ""))
                .unwrap_or_default();
            match loaded.design {
                Some(design) if !loaded.has_errors() => (name, design),
                _ => panic!("{name} does not load: {:#?}", loaded.diagnostics),
            }
        })
        .collect()
}

/// Apply each example with `apply` (which returns the introspected design) and collect every
/// difference from the physical design, per example.
fn check_all(dialect: DialectName, mut apply: impl FnMut(&str, &Ddl) -> Result<Design, String>) {
    let mut failures = Vec::new();
    for (name, design) in examples() {
        let (expected, _) = physical_design(&design, dialect);
        let ddl = generate(&design, dialect);
        let actual = match apply(&name, &ddl) {
            Ok(actual) => actual,
            Err(e) => {
                failures.push(format!("{name}: {e}\n--- DDL ---\n{}", ddl.to_sql()));
                continue;
            }
        };
        let differences = missing_with_losses(&expected, &actual, dialect, &ddl.diagnostics);
        if !differences.is_empty() {
            failures.push(format!("{name}:\n  {}", differences.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{dialect}: the database differs from the design:\n{}",
        failures.join("\n")
    );
}

#[test]
fn examples_round_trip_through_sqlite() {
    check_all(DialectName::Sqlite, |_, ddl| {
        let conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
        sqlite::apply(&conn, &ddl.to_sql()).map_err(|e| e.to_string())?;
        sqlite::introspect(&conn).map_err(|e| e.to_string())
    });
}

#[test]
fn examples_round_trip_through_postgres() {
    let Some(server) = postgres::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    check_all(DialectName::Postgres, |name, ddl| {
        let db = server.fresh_database(name).map_err(|e| e.to_string())?;
        let client = db.connect().map_err(|e| e.to_string())?;
        schemata_db::postgres::apply(&client, &ddl.to_sql()).map_err(|e| e.to_string())?;
        schemata_db::postgres::introspect(&client, &["public"]).map_err(|e| e.to_string())
    });
}

#[test]
fn examples_round_trip_through_mariadb() {
    let Some(server) = mariadb::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    check_all(DialectName::Mysql, |name, ddl| {
        let client = server.fresh_database(name).map_err(|e| e.to_string())?;
        for s in ddl.executable() {
            if let Err(e) = mysql::apply(&client, &format!("{};", s.sql)) {
                // An expression index needs MySQL 8; the DDL says MariaDB cannot create it.
                let documented = s.kind == StatementKind::CreateIndex
                    && ddl.diagnostics.iter().any(|d| {
                        d.code == codes::EXPRESSION_INDEX
                            && matches!(&d.target, Some(schemata_model::Target::Index { table, .. })
                                if Some(table) == s.table.as_ref())
                    });
                if !documented {
                    return Err(format!("{e}\nin statement:\n{}", s.sql));
                }
            }
        }
        let database = client.database().unwrap_or_default().to_string();
        mysql::introspect(&client, &database).map_err(|e| e.to_string())
    });
}

/// Two tables with a foreign key and a CHECK, for the enforcement tests.
const ENFORCED: &str = r#"{
  "format": 1,
  "name": "enforcement",
  "settings": {"dialects": ["postgres", "mysql", "sqlite"]},
  "tables": [
    {"name": "parents", "columns": [{"name": "id", "type": "integer"}],
     "primary_key": {"columns": ["id"]}},
    {"name": "children",
     "columns": [
       {"name": "id", "type": "integer"},
       {"name": "parent_id", "type": "integer"},
       {"name": "qty", "type": "integer"}
     ],
     "primary_key": {"columns": ["id"]},
     "checks": [{"name": "ck_children_qty", "expr": "qty > 0"}],
     "foreign_keys": [{"columns": ["parent_id"], "references": "parents"}]}
  ]
}"#;

const GOOD_ROWS: &str = "INSERT INTO parents (id) VALUES (1);
INSERT INTO children (id, parent_id, qty) VALUES (1, 1, 5);";
const FK_VIOLATION: &str = "INSERT INTO children (id, parent_id, qty) VALUES (2, 999, 5);";
const CHECK_VIOLATION: &str = "INSERT INTO children (id, parent_id, qty) VALUES (3, 1, 0);";

fn enforced_ddl(dialect: DialectName) -> String {
    let loaded = load_str(ENFORCED);
    let design = match loaded.design {
        Some(design) if !loaded.has_errors() => design,
        _ => panic!("{:#?}", loaded.diagnostics),
    };
    generate(&design, dialect).to_sql()
}

#[test]
fn sqlite_rejects_constraint_violations() {
    let conn = Connection::open_in_memory().unwrap();
    sqlite::apply(&conn, "PRAGMA foreign_keys = ON;").unwrap();
    sqlite::apply(&conn, &enforced_ddl(DialectName::Sqlite)).unwrap();
    sqlite::apply(&conn, GOOD_ROWS).unwrap();
    let fk = sqlite::apply(&conn, FK_VIOLATION).expect_err("FK violation accepted");
    assert!(fk.to_string().contains("FOREIGN KEY"), "{fk}");
    let ck = sqlite::apply(&conn, CHECK_VIOLATION).expect_err("CHECK violation accepted");
    assert!(ck.to_string().contains("CHECK"), "{ck}");
}

#[test]
fn postgres_rejects_constraint_violations() {
    let Some(server) = postgres::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let client = server
        .fresh_database("enforcement")
        .unwrap()
        .connect()
        .unwrap();
    let apply = |sql: &str| schemata_db::postgres::apply(&client, sql);
    apply(&enforced_ddl(DialectName::Postgres)).unwrap();
    apply(GOOD_ROWS).unwrap();
    let fk = apply(FK_VIOLATION).expect_err("FK violation accepted");
    assert!(fk.to_string().contains("23503"), "{fk}");
    let ck = apply(CHECK_VIOLATION).expect_err("CHECK violation accepted");
    assert!(ck.to_string().contains("23514"), "{ck}");
}

#[test]
fn mariadb_rejects_constraint_violations() {
    let Some(server) = mariadb::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let client = server.fresh_database("enforcement").unwrap();
    mysql::apply(&client, &enforced_ddl(DialectName::Mysql)).unwrap();
    mysql::apply(&client, GOOD_ROWS).unwrap();
    let fk = mysql::apply(&client, FK_VIOLATION).expect_err("FK violation accepted");
    assert!(fk.to_string().contains("1452"), "{fk}");
    let ck = mysql::apply(&client, CHECK_VIOLATION).expect_err("CHECK violation accepted");
    assert!(ck.to_string().contains("4025"), "{ck}");
}
