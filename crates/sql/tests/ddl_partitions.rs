//! DDL of a partitioned design: PostgreSQL creates partitions with `PARTITION OF` after their
//! parent and repeats nothing the parent gives them; MySQL and SQLite create plain tables and
//! say so (D024).

use schemata_model::{Design, DialectName};
use schemata_sql::ddl::{StatementKind, codes, generate};
use schemata_sql::import::{ImportOptions, SourceDialect, import_sql};

fn design() -> Design {
    let options = ImportOptions {
        dialect: Some(SourceDialect::Postgres),
        name: "partitioned".into(),
    };
    import_sql(
        include_str!("fixtures/partitioned_pg_dump.sql"),
        &options,
        &mut |_| {},
    )
    .design
}

#[test]
fn snapshots_in_every_dialect() {
    let design = design();
    for dialect in DialectName::ALL {
        let ddl = generate(&design, dialect);
        insta::assert_snapshot!(format!("partitioned__{dialect}"), ddl.to_sql());
    }
}

#[test]
fn postgres_creates_parents_first_and_repeats_nothing_they_give() {
    let ddl = generate(&design(), DialectName::Postgres);
    assert!(ddl.diagnostics.is_empty(), "{:#?}", ddl.diagnostics);
    let sql: Vec<&str> = ddl.executable().map(|s| s.sql.as_str()).collect();
    let at = |needle: &str| {
        sql.iter()
            .position(|s| s.contains(needle))
            .unwrap_or_else(|| panic!("no statement with {needle}:\n{}", sql.join("\n")))
    };
    assert!(sql[at("CREATE TABLE measurements (")].ends_with("PARTITION BY RANGE (logdate)"));
    let child = at("CREATE TABLE measurements_2024");
    assert_eq!(
        sql[child],
        "CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
    );
    assert!(at("CREATE TABLE measurements (") < child);
    assert!(at("CREATE INDEX measurements_peaktemp_idx") < child);
    assert!(
        !sql.iter()
            .any(|s| s.contains("measurements_2024_peaktemp_idx"))
    );
    assert!(
        at("CREATE INDEX measurements_2025_unitsales_idx") > at("measurements_2025 PARTITION OF")
    );
    let check = at("ALTER TABLE orders_america ADD CONSTRAINT orders_america_region_check");
    assert_eq!(
        ddl.executable().nth(check).map(|s| s.kind),
        Some(StatementKind::AlterTable)
    );
    assert!(
        sql.iter()
            .any(|s| s.ends_with("PARTITION OF orders DEFAULT"))
    );
    assert!(
        sql.iter()
            .any(|s| s.ends_with("FOR VALUES WITH (MODULUS 2, REMAINDER 1)"))
    );
}

#[test]
fn other_dialects_report_the_partitioning_dropped() {
    for dialect in [DialectName::Mysql, DialectName::Sqlite] {
        let ddl = generate(&design(), dialect);
        let dropped: Vec<_> = ddl
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::PARTITIONING)
            .collect();
        // Three partitioned tables and eight partitions.
        assert_eq!(dropped.len(), 11, "{dialect}");
        let sql = ddl.to_sql();
        assert!(!sql.contains("PARTITION"), "{dialect}: {sql}");
        assert!(sql.contains("D024: `measurements_2024` is a partition of `measurements`"));
    }
}
