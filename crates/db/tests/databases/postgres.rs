//! PostgreSQL introspection on hand-written DDL.

use schemata_db::postgres::{apply, introspect};
use schemata_db::testserver::postgres;
use schemata_model::{
    DataType, Deferrable, FkAction, Identity, IndexMethod, NullsOrder, SortOrder,
};

fn database(label: &str) -> Option<schemata_db::postgres::PgClient> {
    let server = postgres::shared().unwrap_or_else(|e| panic!("{e}"))?;
    let db = server
        .fresh_database(label)
        .unwrap_or_else(|e| panic!("{e}"));
    Some(db.connect().unwrap_or_else(|e| panic!("{e}")))
}

const DDL: &str = r#"
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'it''s');
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_customers PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text,
    CONSTRAINT uq_customers_email UNIQUE NULLS NOT DISTINCT (email)
);
COMMENT ON TABLE customers IS 'People who buy';
COMMENT ON COLUMN customers.email IS 'Login, lower case';
CREATE TABLE orders (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL,
    status order_status NOT NULL DEFAULT 'pending',
    total numeric(12,2) NOT NULL DEFAULT 0,
    discount integer DEFAULT -1,
    note varchar(20) DEFAULT 'n/a',
    placed_at timestamptz NOT NULL DEFAULT now(),
    tags text[],
    payload jsonb,
    doubled numeric GENERATED ALWAYS AS (total * 2) STORED,
    CONSTRAINT ck_orders_total CHECK (total >= 0),
    CONSTRAINT fk_orders_customers FOREIGN KEY (customer_id) REFERENCES customers (id)
        ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX ix_orders_status ON orders (status) WHERE status = 'pending';
CREATE INDEX ix_orders_multi ON orders (customer_id DESC, placed_at NULLS FIRST) INCLUDE (total);
CREATE UNIQUE INDEX ix_orders_note ON orders (lower(note) text_pattern_ops);
CREATE INDEX ix_orders_tags ON orders USING gin (tags);
"#;

#[test]
fn reads_tables_columns_constraints_indexes() {
    let Some(client) = database("introspect") else {
        return;
    };
    apply(&client, DDL).unwrap_or_else(|e| panic!("{e}"));
    let design = introspect(&client, &["public"]).unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(design.enums.len(), 1);
    assert_eq!(design.enums[0].values, ["pending", "paid", "it's"]);
    let names: Vec<&str> = design.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["customers", "orders"]);

    let customers = &design.tables[0];
    assert_eq!(customers.comment.as_deref(), Some("People who buy"));
    let id = customers.column("id").expect("id");
    assert_eq!(id.data_type, DataType::BigInt);
    assert_eq!(id.identity, Some(Identity::Always));
    assert!(!id.nullable);
    let email = customers.column("email").expect("email");
    assert_eq!(email.data_type, DataType::Varchar(Some(255)));
    assert_eq!(email.comment.as_deref(), Some("Login, lower case"));
    assert!(customers.column("name").expect("name").nullable);
    assert_eq!(
        customers
            .primary_key
            .as_ref()
            .and_then(|p| p.name.as_deref()),
        Some("pk_customers")
    );
    assert_eq!(customers.uniques.len(), 1);
    assert!(customers.uniques[0].nulls_not_distinct);

    let orders = &design.tables[1];
    let col = |n: &str| orders.column(n).unwrap_or_else(|| panic!("column {n}"));
    assert_eq!(col("id").identity, Some(Identity::ByDefault));
    assert_eq!(col("id").default, None);
    assert_eq!(
        col("status").data_type,
        DataType::Named("order_status".into())
    );
    assert_eq!(
        serde_json::to_string(&col("status").default).unwrap(),
        r#""pending""#
    );
    assert_eq!(col("total").data_type.to_string(), "decimal(12,2)");
    assert_eq!(serde_json::to_string(&col("total").default).unwrap(), "0");
    assert_eq!(
        serde_json::to_string(&col("discount").default).unwrap(),
        "-1"
    );
    assert_eq!(
        serde_json::to_string(&col("note").default).unwrap(),
        r#""n/a""#
    );
    assert_eq!(
        serde_json::to_string(&col("placed_at").default).unwrap(),
        r#"{"expr":"now()"}"#
    );
    assert_eq!(col("placed_at").data_type, DataType::Timestamptz);
    assert_eq!(col("tags").data_type.to_string(), "text[]");
    assert_eq!(col("payload").data_type, DataType::Jsonb);
    let generated = col("doubled").generated.as_ref().expect("generated");
    assert_eq!(generated.expr, "total * 2::numeric");
    assert_eq!(orders.checks[0].expr, "total >= 0::numeric");

    let fk = &orders.foreign_keys[0];
    assert_eq!(fk.name.as_deref(), Some("fk_orders_customers"));
    assert_eq!(fk.columns, ["customer_id"]);
    assert_eq!(fk.references, "customers");
    assert_eq!(fk.referenced_columns, ["id"]);
    assert_eq!(fk.on_delete, FkAction::Cascade);
    assert_eq!(fk.on_update, FkAction::Restrict);
    assert_eq!(fk.deferrable, Deferrable::InitiallyDeferred);

    let ix = |n: &str| {
        orders
            .indexes
            .iter()
            .find(|i| i.name.as_deref() == Some(n))
            .unwrap_or_else(|| panic!("index {n}"))
    };
    assert_eq!(
        ix("ix_orders_status").predicate.as_deref(),
        Some("status = 'pending'::order_status")
    );
    let multi = ix("ix_orders_multi");
    assert_eq!(multi.parts.len(), 2);
    assert_eq!(multi.parts[0].order, SortOrder::Desc);
    assert_eq!(
        multi.parts[0].nulls,
        Some(NullsOrder::Last).filter(|_| false)
    );
    assert_eq!(multi.parts[1].order, SortOrder::Asc);
    assert_eq!(multi.parts[1].nulls, Some(NullsOrder::First));
    assert_eq!(multi.include, ["total"]);
    let note = ix("ix_orders_note");
    assert!(note.unique);
    assert_eq!(note.parts[0].expr.as_deref(), Some("lower(note::text)"));
    assert_eq!(note.parts[0].opclass.as_deref(), Some("text_pattern_ops"));
    assert_eq!(ix("ix_orders_tags").method, IndexMethod::Gin);
    // Indexes behind constraints are read as the constraints only.
    assert!(
        orders
            .indexes
            .iter()
            .all(|i| i.name.as_deref() != Some("orders_pkey"))
    );
}
