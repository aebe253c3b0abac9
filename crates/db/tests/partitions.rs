//! Declarative partitioning on a live PostgreSQL: a pg_dump-style partitioned schema is imported,
//! its DDL applied to a fresh database and read back, and the script itself loaded into another
//! one and read back; both must match the import with no difference. Introspection records the
//! partitioning and leaves out what partitions inherit.
//!
//! `SCHEMATA_SKIP_DB_TESTS=1` skips the test.

use schemata_db::compare::missing_with_losses;
use schemata_db::testserver::postgres;
use schemata_model::{Design, DialectName, PartitionKeyPart, PartitionStrategy};
use schemata_sql::import::{ImportOptions, SourceDialect, import_sql};

const FIXTURE: &str = include_str!("../../sql/tests/fixtures/partitioned_pg_dump.sql");

fn imported() -> Design {
    let options = ImportOptions {
        dialect: Some(SourceDialect::Postgres),
        name: "partitioned".into(),
    };
    import_sql(FIXTURE, &options, &mut |_| {}).design
}

fn differences(expected: &Design, actual: &Design) -> Vec<String> {
    let (physical, _) = schemata_sql::physical::physical_design(expected, DialectName::Postgres);
    let ddl = schemata_sql::ddl::generate(expected, DialectName::Postgres);
    missing_with_losses(&physical, actual, DialectName::Postgres, &ddl.diagnostics)
}

#[test]
fn partitioned_schema_round_trips() {
    let Some(server) = postgres::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let design = imported();
    let ddl = schemata_sql::ddl::generate(&design, DialectName::Postgres);

    let db = server
        .fresh_database("partitions_ddl")
        .unwrap_or_else(|e| panic!("{e}"));
    let client = db.connect().unwrap_or_else(|e| panic!("{e}"));
    schemata_db::postgres::apply(&client, &ddl.to_sql())
        .unwrap_or_else(|e| panic!("the generated DDL does not apply: {e}\n{}", ddl.to_sql()));
    let live =
        schemata_db::postgres::introspect(&client, &["public"]).unwrap_or_else(|e| panic!("{e}"));
    let diffs = differences(&design, &live);
    assert!(
        diffs.is_empty(),
        "generated DDL read back:\n{}",
        diffs.join("\n")
    );

    // What introspection records.
    let table = |id: &str| live.table(id).unwrap_or_else(|| panic!("{id} missing"));
    let by = table("measurements")
        .partition_by
        .as_ref()
        .expect("partition_by");
    assert_eq!(by.strategy, PartitionStrategy::Range);
    assert_eq!(by.parts, vec![PartitionKeyPart::column("logdate")]);
    let of = table("measurements_2024")
        .partition_of
        .as_ref()
        .expect("partition_of");
    assert_eq!(of.parent, "measurements");
    assert_eq!(of.bound, "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    let child = table("measurements_2024");
    assert!(
        child.primary_key.is_none(),
        "the cloned key is the parent's"
    );
    assert!(
        child.indexes.is_empty(),
        "attached indexes are the parent's"
    );
    assert!(child.checks.is_empty(), "inherited checks are the parent's");
    assert!(
        child.foreign_keys.is_empty(),
        "cloned foreign keys are the parent's"
    );
    assert_eq!(table("measurements_2025").indexes.len(), 1);
    assert_eq!(table("orders_america").checks.len(), 1);
    assert_eq!(
        table("events_1")
            .partition_of
            .as_ref()
            .map(|o| o.bound.as_str()),
        Some("FOR VALUES WITH (modulus 2, remainder 1)")
    );
    assert_eq!(
        table("customers").foreign_keys.len() + table("customers").indexes.len(),
        0,
        "a foreign key to a partitioned table adds nothing to the referenced side"
    );

    // The script itself, pg_dump's form: partitions attached after the fact.
    let db = server
        .fresh_database("partitions_original")
        .unwrap_or_else(|e| panic!("{e}"));
    let client = db.connect().unwrap_or_else(|e| panic!("{e}"));
    schemata_db::postgres::apply(&client, FIXTURE)
        .unwrap_or_else(|e| panic!("the fixture does not load: {e}"));
    let original =
        schemata_db::postgres::introspect(&client, &["public"]).unwrap_or_else(|e| panic!("{e}"));
    let diffs = differences(&design, &original);
    assert!(
        diffs.is_empty(),
        "original read back:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn a_changed_bound_is_a_difference() {
    let expected = imported();
    let mut actual = expected.clone();
    let of = actual
        .tables
        .iter_mut()
        .find(|t| t.id == "measurements_2025")
        .and_then(|t| t.partition_of.as_mut())
        .expect("partition");
    of.bound = "FOR VALUES FROM ('2025-01-01') TO ('2027-01-01')".into();
    actual
        .tables
        .iter_mut()
        .find(|t| t.id == "events")
        .expect("events")
        .partition_by = None;
    let diffs = differences(&expected, &actual);
    assert_eq!(diffs.len(), 2, "{diffs:#?}");
    assert!(diffs[0].contains("not partitioned") || diffs[1].contains("not partitioned"));
    assert!(diffs.iter().any(|d| d.contains("partition bound differs")));
}
