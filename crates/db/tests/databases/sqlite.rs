//! SQLite introspection on hand-written DDL, in memory.

use rusqlite::Connection;
use schemata_db::sqlite::{apply, introspect};
use schemata_model::{DataType, Deferrable, FkAction, Identity, SortOrder};

const DDL: &str = r#"
CREATE TABLE customers (
    id INTEGER NOT NULL,
    -- how to reach them
    email VARCHAR(255) NOT NULL,
    country CHAR(2) DEFAULT 'NL',
    CONSTRAINT pk_customers PRIMARY KEY (id),
    CONSTRAINT uq_customers_email UNIQUE (email)
);
CREATE TABLE "order" (
    id BIGINT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT ck_order_status CHECK (status IN ('pending', 'paid')),
    total NUMERIC(12,2) NOT NULL DEFAULT 0,
    placed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    token TEXT DEFAULT (lower(hex(randomblob(16)))),
    doubled NUMERIC GENERATED ALWAYS AS (total * 2) VIRTUAL,
    note,
    CONSTRAINT pk_order PRIMARY KEY (id),
    CONSTRAINT ck_order_total CHECK (total >= 0),
    UNIQUE (customer_id, placed_at),
    CONSTRAINT fk_order_self FOREIGN KEY (id) REFERENCES "order" (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX ix_order_status ON "order" (status) WHERE status = 'pending';
CREATE UNIQUE INDEX ix_order_lower ON "order" (lower(status), placed_at DESC);
"#;

#[test]
fn reads_tables_columns_constraints_indexes() {
    let conn = Connection::open_in_memory().unwrap();
    apply(&conn, DDL).unwrap();
    let design = introspect(&conn).unwrap();
    let names: Vec<&str> = design.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["customers", "order"]);

    let customers = &design.tables[0];
    let id = customers.column("id").unwrap();
    assert_eq!(
        id.identity,
        Some(Identity::ByDefault),
        "INTEGER PRIMARY KEY is the rowid"
    );
    assert_eq!(
        customers.column("email").unwrap().data_type,
        DataType::Varchar(Some(255))
    );
    assert_eq!(
        serde_json::to_string(&customers.column("country").unwrap().default).unwrap(),
        r#""NL""#
    );
    assert_eq!(
        customers.primary_key.as_ref().unwrap().name.as_deref(),
        Some("pk_customers")
    );
    assert_eq!(
        customers.uniques[0].name.as_deref(),
        Some("uq_customers_email")
    );

    let order = &design.tables[1];
    let col = |n: &str| order.column(n).unwrap_or_else(|| panic!("column {n}"));
    assert_eq!(col("id").identity, None, "BIGINT is not the rowid");
    assert_eq!(col("placed_at").data_type, DataType::Timestamptz);
    assert_eq!(serde_json::to_string(&col("total").default).unwrap(), "0");
    assert_eq!(
        serde_json::to_string(&col("placed_at").default).unwrap(),
        r#"{"expr":"CURRENT_TIMESTAMP"}"#
    );
    assert_eq!(
        serde_json::to_string(&col("token").default).unwrap(),
        r#"{"expr":"lower(hex(randomblob(16)))"}"#
    );
    let generated = col("doubled").generated.as_ref().unwrap();
    assert_eq!(generated.expr, "total * 2");
    assert!(!generated.stored);
    assert_eq!(col("note").data_type, DataType::Named("ANY".into()));
    assert!(col("note").nullable);

    let checks: Vec<(Option<&str>, &str)> = order
        .checks
        .iter()
        .map(|c| (c.name.as_deref(), c.expr.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            (Some("ck_order_status"), "status IN ('pending', 'paid')"),
            (Some("ck_order_total"), "total >= 0")
        ]
    );
    assert_eq!(order.uniques.len(), 1);
    assert_eq!(order.uniques[0].name, None);
    assert_eq!(order.uniques[0].columns, ["customer_id", "placed_at"]);

    assert_eq!(order.foreign_keys.len(), 2);
    let to_customers = &order.foreign_keys[0];
    assert_eq!(to_customers.references, "customers");
    assert_eq!(to_customers.columns, ["customer_id"]);
    assert_eq!(to_customers.on_delete, FkAction::Cascade);
    assert_eq!(to_customers.name, None);
    let to_self = &order.foreign_keys[1];
    assert_eq!(to_self.name.as_deref(), Some("fk_order_self"));
    assert_eq!(to_self.deferrable, Deferrable::InitiallyDeferred);

    let names: Vec<&str> = order
        .indexes
        .iter()
        .filter_map(|i| i.name.as_deref())
        .collect();
    assert_eq!(names, ["ix_order_status", "ix_order_lower"]);
    assert_eq!(
        order.indexes[0].predicate.as_deref(),
        Some("status = 'pending'")
    );
    let lower = &order.indexes[1];
    assert!(lower.unique);
    assert_eq!(lower.parts[0].expr.as_deref(), Some("lower(status)"));
    assert_eq!(lower.parts[1].column.as_deref(), Some("placed_at"));
    assert_eq!(lower.parts[1].order, SortOrder::Desc);
}
