//! Domains: read from a pg_dump-style script (`CREATE DOMAIN`, `ALTER DOMAIN`, `COMMENT ON
//! DOMAIN`), kept by PostgreSQL DDL, and inlined on the columns elsewhere (D025).

use schemata_model::{DataType, DefaultValue, DialectName, Literal, Severity, validate};
use schemata_sql::ddl::{codes, generate, generate_down};
use schemata_sql::import::{ImportOptions, Imported, SourceDialect, import_sql};

const SCRIPT: &str = include_str!("fixtures/domains_pg_dump.sql");

fn import() -> Imported {
    let options = ImportOptions {
        dialect: Some(SourceDialect::Postgres),
        name: "domains".into(),
    };
    import_sql(SCRIPT, &options, &mut |_| {})
}

#[test]
fn domains_are_recorded() {
    let imported = import();
    let d = &imported.design;
    let names: Vec<(&str, Option<&str>)> = d
        .domains
        .iter()
        .map(|x| (x.id.as_str(), x.schema.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("year", None),
            ("app.email", Some("app")),
            ("qty", None),
            ("later", None)
        ]
    );
    let year = &d.domains[0];
    assert_eq!(year.base, DataType::Integer);
    assert!(!year.not_null);
    assert_eq!(year.checks, ["((VALUE >= 1901) AND (VALUE <= 2155))"]);
    let email = &d.domains[1];
    assert_eq!(email.base, DataType::Varchar(Some(320)));
    assert!(email.not_null);
    assert_eq!(email.checks.len(), 1, "{:?}", email.checks);
    assert_eq!(email.comment.as_deref(), Some("An address"));
    let qty = &d.domains[2];
    assert!(qty.not_null);
    assert_eq!(
        qty.default,
        Some(DefaultValue::Literal(Literal::Number(0.into())))
    );
    assert_eq!(qty.checks, ["VALUE >= 0"]);
    let later = &d.domains[3];
    assert!(later.not_null);
    assert_eq!(
        later.default,
        Some(DefaultValue::Literal(Literal::Number(7.into())))
    );

    let film = d.table("film").expect("film");
    let ty = |c: &str| film.column(c).expect(c).data_type.clone();
    assert_eq!(ty("release_year"), DataType::Named("year".into()));
    assert_eq!(ty("contact"), DataType::Named("app.email".into()));
    assert_eq!(ty("stock"), DataType::Named("qty".into()));

    let skipped: Vec<&str> = imported.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        skipped.contains(&"domain `missing` is not created in this file"),
        "{skipped:?}"
    );
    assert_eq!(imported.coverage["ALTER DOMAIN"].imported, 3);
    assert!(imported.dropped.is_empty(), "{:?}", imported.dropped);
    let errors: Vec<_> = validate(d)
        .into_iter()
        .filter(|x| x.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn postgres_creates_the_domains() {
    let design = import().design;
    let ddl = generate(&design, DialectName::Postgres);
    assert!(
        ddl.diagnostics
            .iter()
            .all(|x| x.code != codes::DOMAIN_INLINED),
        "{:?}",
        ddl.diagnostics
    );
    insta::assert_snapshot!("domains__postgres", ddl.to_sql());
    let down = generate_down(&design, DialectName::Postgres).to_sql();
    let table = down.find("DROP TABLE").expect("drop table");
    let domain = down.find("DROP DOMAIN year").expect("drop domain");
    assert!(table < domain, "{down}");
}

#[test]
fn other_dialects_inline_the_domains() {
    let design = import().design;
    for dialect in [DialectName::Mysql, DialectName::Sqlite] {
        let ddl = generate(&design, dialect);
        let inlined: Vec<_> = ddl
            .diagnostics
            .iter()
            .filter(|x| x.code == codes::DOMAIN_INLINED)
            .collect();
        assert_eq!(inlined.len(), 3, "{dialect:?}: {:?}", ddl.diagnostics);
        let sql = ddl.to_sql();
        assert!(!sql.contains("DOMAIN"), "{sql}");
        assert!(!sql.contains("VALUE"), "{sql}");
        insta::assert_snapshot!(format!("domains__{}", dialect.as_str()), sql);
    }
}

#[test]
fn sqlite_enforces_the_inlined_constraints() {
    let design = import().design;
    let ddl = generate(&design, DialectName::Sqlite);
    let conn = rusqlite::Connection::open_in_memory().expect("sqlite");
    conn.execute_batch(&ddl.to_sql()).expect("DDL runs");
    let insert = |year: i64, contact: Option<&str>| {
        conn.execute(
            "INSERT INTO film (release_year, contact) VALUES (?1, ?2)",
            rusqlite::params![year, contact],
        )
    };
    insert(1999, Some("a@b")).expect("a valid row");
    assert!(insert(1800, Some("a@b")).is_err(), "year CHECK");
    assert!(insert(1999, None).is_err(), "email NOT NULL");
    let stock: f64 = conn
        .query_row("SELECT stock FROM film LIMIT 1", [], |r| r.get(0))
        .expect("stock");
    assert_eq!(stock, 5.0, "the column's own default wins");
}
