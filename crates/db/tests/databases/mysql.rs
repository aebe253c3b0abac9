//! MariaDB introspection on hand-written DDL.

use schemata_db::mysql::{MysqlClient, apply, introspect};
use schemata_db::testserver::mariadb;
use schemata_model::{DataType, FkAction, Identity, IndexMethod, SortOrder};

fn database(label: &str) -> Option<MysqlClient> {
    let server = mariadb::shared().unwrap_or_else(|e| panic!("{e}"))?;
    Some(
        server
            .fresh_database(label)
            .unwrap_or_else(|e| panic!("{e}")),
    )
}

const DDL: &str = r#"
CREATE TABLE customers (
    id BIGINT NOT NULL AUTO_INCREMENT,
    email VARCHAR(255) NOT NULL COMMENT 'Login\tlower case',
    active TINYINT(1) NOT NULL DEFAULT 1,
    profile JSON,
    PRIMARY KEY (id),
    CONSTRAINT uq_customers_email UNIQUE (email)
) COMMENT 'People who buy';
CREATE TABLE orders (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    status ENUM('pending','paid','it''s') NOT NULL DEFAULT 'pending',
    total DECIMAL(12,2) NOT NULL DEFAULT 0.00,
    note VARCHAR(20) DEFAULT 'NULL',
    placed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    doubled DECIMAL(13,2) AS (total * 2) STORED,
    CONSTRAINT ck_orders_total CHECK (total >= 0),
    CONSTRAINT fk_orders_customers FOREIGN KEY (customer_id) REFERENCES customers (id)
        ON DELETE CASCADE
);
CREATE INDEX ix_orders_multi ON orders (customer_id DESC, placed_at);
CREATE UNIQUE INDEX ix_orders_note ON orders (note);
"#;

#[test]
fn reads_tables_columns_constraints_indexes() {
    let Some(client) = database("introspect") else {
        return;
    };
    apply(&client, DDL).unwrap_or_else(|e| panic!("{e}"));
    let name = client.database().unwrap_or_default().to_string();
    let design = introspect(&client, &name).unwrap_or_else(|e| panic!("{e}"));

    let names: Vec<&str> = design.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["customers", "orders"]);
    let customers = &design.tables[0];
    assert_eq!(customers.comment.as_deref(), Some("People who buy"));
    let col = |t: usize, n: &str| {
        design.tables[t]
            .column(n)
            .unwrap_or_else(|| panic!("column {n}"))
    };
    assert_eq!(col(0, "id").identity, Some(Identity::ByDefault));
    assert_eq!(
        col(0, "email").comment.as_deref(),
        Some("Login\tlower case")
    );
    assert_eq!(col(0, "active").data_type, DataType::Boolean);
    assert_eq!(
        serde_json::to_string(&col(0, "active").default).unwrap(),
        "true"
    );
    assert_eq!(col(0, "profile").data_type, DataType::Json);
    assert!(col(0, "profile").nullable);
    assert!(customers.checks.is_empty(), "{:?}", customers.checks);
    assert_eq!(
        customers.primary_key.as_ref().map(|p| p.columns.clone()),
        Some(vec!["id".into()])
    );
    assert_eq!(customers.uniques.len(), 1);
    assert_eq!(
        customers.uniques[0].name.as_deref(),
        Some("uq_customers_email")
    );

    let orders = &design.tables[1];
    assert_eq!(
        col(1, "status").data_type.to_string(),
        "enum('pending','paid','it''s')"
    );
    assert_eq!(
        serde_json::to_string(&col(1, "status").default).unwrap(),
        r#""pending""#
    );
    assert_eq!(
        serde_json::to_string(&col(1, "total").default).unwrap(),
        "0.0"
    );
    assert_eq!(
        serde_json::to_string(&col(1, "note").default).unwrap(),
        r#""NULL""#
    );
    assert_eq!(col(1, "placed_at").data_type, DataType::Timestamp);
    assert_eq!(
        serde_json::to_string(&col(1, "placed_at").default).unwrap(),
        r#"{"expr":"current_timestamp(6)"}"#
    );
    let generated = col(1, "doubled").generated.as_ref().expect("generated");
    assert_eq!(generated.expr, "`total` * 2");
    assert!(generated.stored);
    assert_eq!(orders.checks.len(), 1);
    assert_eq!(orders.checks[0].expr, "`total` >= 0");
    let fk = &orders.foreign_keys[0];
    assert_eq!(fk.references, "customers");
    assert_eq!(fk.on_delete, FkAction::Cascade);
    let multi = orders
        .indexes
        .iter()
        .find(|i| i.name.as_deref() == Some("ix_orders_multi"))
        .expect("ix_orders_multi");
    assert_eq!(multi.parts[0].order, SortOrder::Desc);
    assert_eq!(multi.parts[1].order, SortOrder::Asc);
    assert_eq!(multi.method, IndexMethod::Btree);
    // A unique index on plain columns is indistinguishable from a unique constraint.
    assert!(
        orders
            .uniques
            .iter()
            .any(|u| u.name.as_deref() == Some("ix_orders_note"))
    );
}
