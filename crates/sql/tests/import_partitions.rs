//! Declarative partitioning read from a pg_dump-style script: `PARTITION BY` on the parents,
//! partitions from `ATTACH PARTITION` and `PARTITION OF`, and what a partition inherits left
//! to its parent.

use schemata_model::{Design, PartitionKeyPart, PartitionStrategy, Severity, Table};
use schemata_sql::import::{ImportOptions, Imported, SourceDialect, import_sql};

const FIXTURE: &str = include_str!("fixtures/partitioned_pg_dump.sql");

fn import() -> Imported {
    let options = ImportOptions {
        dialect: Some(SourceDialect::Postgres),
        name: "partitioned".into(),
    };
    import_sql(FIXTURE, &options, &mut |_| {})
}

fn table<'d>(d: &'d Design, id: &str) -> &'d Table {
    d.table(id)
        .unwrap_or_else(|| panic!("table {id} missing; tables: {:?}", ids(d)))
}

fn ids(d: &Design) -> Vec<&str> {
    d.tables.iter().map(|t| t.id.as_str()).collect()
}

fn bound_of<'d>(d: &'d Design, id: &str) -> (&'d str, &'d str) {
    let of = table(d, id)
        .partition_of
        .as_ref()
        .unwrap_or_else(|| panic!("{id} is not a partition"));
    (of.parent.as_str(), of.bound.as_str())
}

#[test]
fn records_range_partitions_from_attach_partition() {
    let imported = import();
    let d = &imported.design;
    let by = table(d, "measurements")
        .partition_by
        .as_ref()
        .expect("PARTITION BY");
    assert_eq!(by.strategy, PartitionStrategy::Range);
    assert_eq!(by.parts, vec![PartitionKeyPart::column("logdate")]);
    assert_eq!(
        bound_of(d, "measurements_2024"),
        (
            "measurements",
            "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
        )
    );
    assert_eq!(
        bound_of(d, "measurements_2025"),
        (
            "measurements",
            "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
        )
    );
    assert_eq!(
        bound_of(d, "measurements_other"),
        ("measurements", "DEFAULT")
    );
}

#[test]
fn partitions_keep_only_what_their_parent_does_not_give() {
    let imported = import();
    let d = &imported.design;
    let parent = table(d, "measurements");
    assert_eq!(
        parent.primary_key.as_ref().map(|p| p.columns.clone()),
        Some(vec!["city_id".to_string(), "logdate".to_string()])
    );
    assert_eq!(parent.indexes.len(), 1, "the index ON ONLY the parent");
    assert_eq!(parent.foreign_keys.len(), 1);
    assert_eq!(parent.checks.len(), 1);
    for id in ["measurements_2024", "measurements_other"] {
        let p = table(d, id);
        assert_eq!(p.columns.len(), 4, "{id} keeps its columns");
        assert!(p.primary_key.is_none(), "{id}: the parent's key is implied");
        assert!(p.indexes.is_empty(), "{id}: the parent's index is implied");
        assert!(p.checks.is_empty(), "{id}: the parent's check is implied");
    }
    let own = &table(d, "measurements_2025").indexes;
    assert_eq!(own.len(), 1, "an index only this partition has is kept");
    assert_eq!(
        own[0].name.as_deref(),
        Some("measurements_2025_unitsales_idx")
    );
    let america = table(d, "orders_america");
    assert_eq!(america.checks.len(), 1, "a partition's own CHECK is kept");
    let events_0 = table(d, "events_0");
    let id = events_0.column("id").expect("id");
    assert_eq!(
        id.identity, None,
        "partitions take no identity (PostgreSQL 15)"
    );
    assert!(!id.nullable);
}

#[test]
fn records_list_and_hash_partitions_from_partition_of() {
    let imported = import();
    let d = &imported.design;
    let orders = table(d, "orders").partition_by.as_ref().expect("orders");
    assert_eq!(orders.strategy, PartitionStrategy::List);
    assert_eq!(orders.parts, vec![PartitionKeyPart::column("region")]);
    assert_eq!(
        bound_of(d, "orders_europe"),
        ("orders", "FOR VALUES IN ('de', 'fr')")
    );
    assert_eq!(bound_of(d, "orders_rest"), ("orders", "DEFAULT"));
    let europe = table(d, "orders_europe");
    let names: Vec<&str> = europe.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "region", "placed_at"], "the parent's columns");
    assert!(europe.primary_key.is_none());
    let events = table(d, "events").partition_by.as_ref().expect("events");
    assert_eq!(events.strategy, PartitionStrategy::Hash);
    assert_eq!(
        bound_of(d, "events_1"),
        ("events", "FOR VALUES WITH (MODULUS 2, REMAINDER 1)")
    );
}

#[test]
fn partitioning_is_no_longer_reported_as_left_out() {
    let imported = import();
    let kinds = imported.skipped_by_kind();
    assert_eq!(kinds.get("ALTER TABLE ATTACH PARTITION"), None);
    assert!(
        imported
            .dropped
            .iter()
            .all(|s| !s.kind.contains("PARTITION")),
        "{:#?}",
        imported.dropped
    );
    // The per-partition index attachments stay listed: the parent's index implies them.
    let attach_index = imported
        .skipped
        .iter()
        .filter(|s| s.kind == "ALTER INDEX")
        .collect::<Vec<_>>();
    assert_eq!(attach_index.len(), 6);
    assert!(attach_index[0].reason.contains("implied"));
    assert_eq!(imported.understood_ratio(), 1.0, "{:#?}", imported.skipped);
    assert_eq!(imported.design.tables.len(), 12);
    let errors: Vec<_> = schemata_model::validate(&imported.design)
        .into_iter()
        .filter(|x| x.severity == Severity::Error || x.code == "V040")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
