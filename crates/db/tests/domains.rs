//! Domains on live databases: a script with domains is imported, its DDL applied to a fresh
//! database and read back. In PostgreSQL the domains (base type, NOT NULL, default, CHECKs,
//! comment) and the columns that use them must match the import with no difference; in SQLite
//! and MariaDB the columns carry what the domains said (D025) and must match the physical
//! design.
//!
//! `SCHEMATA_SKIP_DB_TESTS=1` skips the server tests.

use schemata_db::compare::missing_with_losses;
use schemata_db::testserver::{mariadb, postgres};
use schemata_model::{DataType, Design, DialectName};
use schemata_sql::import::{ImportOptions, SourceDialect, import_sql};

const FIXTURE: &str = include_str!("../../sql/tests/fixtures/domains_pg_dump.sql");

fn imported() -> Design {
    let options = ImportOptions {
        dialect: Some(SourceDialect::Postgres),
        name: "domains".into(),
    };
    import_sql(FIXTURE, &options, &mut |_| {}).design
}

#[test]
fn domains_round_trip() {
    let Some(server) = postgres::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let design = imported();
    assert_eq!(design.domains.len(), 4);
    let ddl = schemata_sql::ddl::generate(&design, DialectName::Postgres);
    let db = server
        .fresh_database("domains_ddl")
        .unwrap_or_else(|e| panic!("{e}"));
    let client = db.connect().unwrap_or_else(|e| panic!("{e}"));
    schemata_db::postgres::apply(&client, &ddl.to_sql())
        .unwrap_or_else(|e| panic!("the generated DDL does not apply: {e}\n{}", ddl.to_sql()));
    let live = schemata_db::postgres::introspect(&client, &["public", "app"])
        .unwrap_or_else(|e| panic!("{e}"));

    let (physical, _) = schemata_sql::physical::physical_design(&design, DialectName::Postgres);
    let diffs = missing_with_losses(&physical, &live, DialectName::Postgres, &ddl.diagnostics);
    assert!(diffs.is_empty(), "read back:\n{}", diffs.join("\n"));

    // What introspection records.
    let email = live
        .domains
        .iter()
        .find(|d| d.name == "email")
        .expect("email domain");
    assert_eq!(email.schema.as_deref(), Some("app"));
    assert_eq!(email.id, "app.email");
    assert!(email.not_null);
    assert_eq!(email.base, DataType::Varchar(Some(320)));
    assert_eq!(email.comment.as_deref(), Some("An address"));
    assert_eq!(email.checks.len(), 1);
    let film = live.table("film").expect("film");
    let ty = |c: &str| film.column(c).expect(c).data_type.clone();
    assert_eq!(ty("release_year"), DataType::Named("year".into()));
    assert_eq!(ty("contact"), DataType::Named("app.email".into()));

    // A domain that differs is reported.
    let mut changed = physical.clone();
    changed.domains[0].checks = vec!["VALUE >= 1900".into()];
    changed.domains[2].not_null = false;
    let diffs = missing_with_losses(&changed, &live, DialectName::Postgres, &ddl.diagnostics);
    assert_eq!(diffs.len(), 2, "{diffs:?}");
    assert!(
        diffs[0].starts_with("domain year: CHECK (VALUE >= 1900) missing"),
        "{diffs:?}"
    );
    assert!(
        diffs[1].contains("domain qty: expected nullable"),
        "{diffs:?}"
    );
}

fn same(design: &Design, live: &Design, dialect: DialectName) {
    let (physical, _) = schemata_sql::physical::physical_design(design, dialect);
    let ddl = schemata_sql::ddl::generate(design, dialect);
    let diffs = missing_with_losses(&physical, live, dialect, &ddl.diagnostics);
    assert!(diffs.is_empty(), "{dialect:?}:\n{}", diffs.join("\n"));
    let film = physical.table("film").expect("film");
    assert!(!film.column("contact").expect("contact").nullable);
    assert_eq!(film.checks.len(), 3, "{:?}", film.checks);
}

#[test]
fn inlined_domains_round_trip_in_sqlite() {
    let design = imported();
    let ddl = schemata_sql::ddl::generate(&design, DialectName::Sqlite);
    let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    schemata_db::sqlite::apply(&conn, &ddl.to_sql()).unwrap_or_else(|e| panic!("{e}"));
    let live = schemata_db::sqlite::introspect(&conn).unwrap_or_else(|e| panic!("{e}"));
    same(&design, &live, DialectName::Sqlite);
}

#[test]
fn inlined_domains_round_trip_in_mariadb() {
    let Some(server) = mariadb::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let design = imported();
    let ddl = schemata_sql::ddl::generate(&design, DialectName::Mysql);
    let client = server
        .fresh_database("domains_inlined")
        .unwrap_or_else(|e| panic!("{e}"));
    schemata_db::mysql::apply(&client, &ddl.to_sql())
        .unwrap_or_else(|e| panic!("the generated DDL does not apply: {e}\n{}", ddl.to_sql()));
    let live = schemata_db::mysql::introspect(&client, client.database().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    same(&design, &live, DialectName::Mysql);
}
