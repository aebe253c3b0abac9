//! One case per check: a small valid design, one change, the expected code at the expected path.

use serde_json::{Value, json};

use super::validate;
use crate::design::Design;
use crate::diag::{Diagnostic, Severity};
use crate::ids::fill_missing_ids;

/// Customers and orders, valid, with a relationship and a layout.
fn base() -> Value {
    json!({
        "format": 1,
        "settings": {"dialects": ["postgres", "mysql", "sqlite"]},
        "enums": [{"name": "status", "values": ["new", "paid"]}],
        "tables": [
            {"name": "customers", "columns": [
                {"name": "id", "type": "bigint", "identity": "always"},
                {"name": "email", "type": "varchar(255)"},
                {"name": "code", "type": "char(8)"}
            ], "primary_key": {"columns": ["id"]},
               "uniques": [{"name": "uq_customers_code", "columns": ["code"]}]},
            {"name": "orders", "columns": [
                {"name": "id", "type": "bigserial"},
                {"name": "customer_id", "type": "bigint"},
                {"name": "customer_code", "type": "char(8)", "nullable": true},
                {"name": "status", "type": "status"}
            ], "primary_key": {"columns": ["id"]},
               "foreign_keys": [
                   {"id": "fk_customer", "columns": ["customer_id"], "references": "customers"},
                   {"columns": ["customer_code"], "references": "customers", "referenced_columns": ["code"]}
               ],
               "indexes": [{"name": "ix_orders_customer", "parts": [{"column": "customer_id"}]}]}
        ],
        "relationships": [
            {"cardinality": "one_to_many", "from": "orders", "to": "customers", "foreign_key": "fk_customer", "mandatory": true}
        ],
        "layout": {"tables": {"customers": {"x": 0, "y": 0}}, "areas": [{"name": "sales", "tables": ["orders"]}]}
    })
}

fn run(v: Value) -> Vec<Diagnostic> {
    let mut design: Design = match serde_json::from_value(v) {
        Ok(d) => d,
        Err(e) => panic!("test design does not deserialize: {e}"),
    };
    fill_missing_ids(&mut design);
    validate(&design)
}

/// Apply `edit` to the base design and return (code, path) of every diagnostic.
fn with(edit: impl FnOnce(&mut Value)) -> Vec<(String, String)> {
    let mut v = base();
    edit(&mut v);
    run(v)
        .into_iter()
        .map(|d| (d.code, d.path.unwrap_or_default()))
        .collect()
}

/// Set the value at `pointer`, adding the last member when it is missing.
fn set(v: &mut Value, pointer: &str, new: Value) {
    if let Some(slot) = v.pointer_mut(pointer) {
        *slot = new;
        return;
    }
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let key = key.replace("~1", "/").replace("~0", "~");
    match v.pointer_mut(parent).and_then(Value::as_object_mut) {
        Some(object) => {
            object.insert(key, new);
        }
        None => panic!("no object {parent} in the test design"),
    }
}

/// Append to the array at `pointer`, creating it when it is missing.
fn push(v: &mut Value, pointer: &str, new: Value) {
    if v.pointer(pointer).is_none() {
        set(v, pointer, json!([]));
    }
    match v.pointer_mut(pointer).and_then(Value::as_array_mut) {
        Some(items) => items.push(new),
        None => panic!("no array {pointer} in the test design"),
    }
}

fn has(found: &[(String, String)], code: &str, path: &str) -> bool {
    found.iter().any(|(c, p)| c == code && p == path)
}

macro_rules! expect {
    ($edit:expr, $code:expr, $path:expr) => {{
        let found = with($edit);
        assert!(
            has(&found, $code, $path),
            "expected {} at {}, found {:?}",
            $code,
            $path,
            found
        );
    }};
}

#[test]
fn base_design_is_clean() {
    let found = run(base());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn duplicates() {
    expect!(
        |v| {
            set(v, "/tables/0/id", json!("t"));
            set(v, "/tables/1/id", json!("t"));
        },
        "V001",
        "/tables/1/id"
    );
    expect!(
        |v| set(v, "/tables/1/name", json!("Customers")),
        "V002",
        "/tables/1/name"
    );
    // Same name in another schema is fine.
    let found = with(|v| {
        set(v, "/tables/1/name", json!("customers"));
        set(v, "/tables/1/id", json!("o"));
        set(v, "/tables/1/schema", json!("archive"));
    });
    assert!(!found.iter().any(|(c, _)| c == "V002"), "{found:?}");
    expect!(
        |v| {
            set(v, "/tables/0/columns/0/id", json!("c"));
            set(v, "/tables/0/columns/1/id", json!("c"));
        },
        "V003",
        "/tables/0/columns/1/id"
    );
    expect!(
        |v| set(v, "/tables/0/columns/2/name", json!("EMAIL")),
        "V004",
        "/tables/0/columns/2/name"
    );
    expect!(
        |v| push(
            v,
            "/tables/1/indexes",
            json!({"id": "fk_customer", "parts": [{"column": "id"}]})
        ),
        "V029",
        "/tables/1/indexes/1/id"
    );
    expect!(
        |v| {
            set(v, "/relationships/0/id", json!("r"));
            push(
                v,
                "/relationships",
                json!({"id": "r", "cardinality": "many_to_many", "from": "orders", "to": "customers"}),
            );
        },
        "V029",
        "/relationships/1/id"
    );
    expect!(
        |v| push(v, "/enums", json!({"name": "STATUS", "values": ["x"]})),
        "V030",
        "/enums/1/name"
    );
    expect!(
        |v| push(v, "/enums", json!({"name": "orders", "values": ["x"]})),
        "V030",
        "/enums/1/name"
    );
    expect!(
        |v| push(v, "/enums/0/values", json!("new")),
        "V022",
        "/enums/0/values/2"
    );
}

#[test]
fn constraint_name_scopes() {
    // Within a table, for every dialect.
    expect!(
        |v| set(
            v,
            "/tables/1/foreign_keys/0/name",
            json!("IX_orders_customer")
        ),
        "V005",
        "/tables/1/indexes/0/name"
    );
    // PostgreSQL and SQLite: an index may not share a table's name.
    expect!(
        |v| set(v, "/tables/1/indexes/0/name", json!("customers")),
        "V005",
        "/tables/1/indexes/0/name"
    );
    // PostgreSQL: unique constraints create indexes, named per schema.
    let found = with(|v| {
        set(v, "/settings/dialects", json!(["postgres"]));
        set(v, "/tables/1/indexes/0/name", json!("uq_customers_code"));
    });
    assert!(has(&found, "V005", "/tables/1/indexes/0/name"), "{found:?}");
    // MySQL only: index names are per table, so the same clash is fine there.
    let found = with(|v| {
        set(v, "/settings/dialects", json!(["mysql"]));
        set(v, "/tables/1/indexes/0/name", json!("uq_customers_code"));
    });
    assert!(found.is_empty(), "{found:?}");
    // MySQL: foreign-key names are per database.
    let found = with(|v| {
        set(v, "/settings/dialects", json!(["mysql"]));
        set(v, "/tables/1/foreign_keys/0/name", json!("fk_x"));
        push(
            v,
            "/tables/0/checks",
            json!({"name": "fk_x", "expr": "id > 0"}),
        );
    });
    assert!(
        has(&found, "V005", "/tables/1/foreign_keys/0/name"),
        "{found:?}"
    );
}

#[test]
fn dangling_references() {
    expect!(
        |v| set(v, "/tables/0/primary_key/columns/0", json!("ID")),
        "V006",
        "/tables/0/primary_key/columns/0"
    );
    expect!(
        |v| set(v, "/tables/0/uniques/0/columns", json!(["nope"])),
        "V006",
        "/tables/0/uniques/0/columns/0"
    );
    expect!(
        |v| set(v, "/tables/1/indexes/0/parts/0/column", json!("nope")),
        "V006",
        "/tables/1/indexes/0/parts/0/column"
    );
    expect!(
        |v| set(v, "/tables/1/indexes/0/include", json!(["nope"])),
        "V006",
        "/tables/1/indexes/0/include/0"
    );
    expect!(
        |v| set(v, "/tables/1/foreign_keys/0/columns/0", json!("nope")),
        "V006",
        "/tables/1/foreign_keys/0/columns/0"
    );
    expect!(
        |v| set(v, "/tables/1/foreign_keys/0/references", json!("customer")),
        "V007",
        "/tables/1/foreign_keys/0/references"
    );
    expect!(
        |v| set(
            v,
            "/tables/1/foreign_keys/1/referenced_columns/0",
            json!("kode")
        ),
        "V008",
        "/tables/1/foreign_keys/1/referenced_columns/0"
    );
    expect!(
        |v| set(v, "/relationships/0/to", json!("nope")),
        "V026",
        "/relationships/0/to"
    );
    expect!(
        |v| set(v, "/layout/tables/a~b", json!({"x": 1, "y": 2})),
        "V027",
        "/layout/tables/a~0b"
    );
    expect!(
        |v| push(v, "/layout/areas/0/tables", json!("nope")),
        "V027",
        "/layout/areas/0/tables/1"
    );
    expect!(
        |v| set(
            v,
            "/tables/1/functional_dependencies",
            json!([{"lhs": ["status"], "rhs": ["nope"]}])
        ),
        "V006",
        "/tables/1/functional_dependencies/0/rhs/0"
    );
}

#[test]
fn foreign_keys() {
    expect!(
        |v| set(
            v,
            "/tables/1/foreign_keys/0/columns",
            json!(["customer_id", "status"])
        ),
        "V009",
        "/tables/1/foreign_keys/0/columns"
    );
    expect!(
        |v| set(
            v,
            "/tables/1/foreign_keys/1/referenced_columns",
            json!(["email"])
        ),
        "V010",
        "/tables/1/foreign_keys/1/referenced_columns"
    );
    expect!(
        |v| set(v, "/tables/1/columns/1/type", json!("integer")),
        "V011",
        "/tables/1/foreign_keys/0/columns/0"
    );
    expect!(
        |v| set(v, "/tables/1/columns/2/type", json!("char(9)")),
        "V012",
        "/tables/1/foreign_keys/1/columns/0"
    );
    expect!(
        |v| {
            v["tables"][0]
                .as_object_mut()
                .map(|t| t.remove("primary_key"));
        },
        "V009",
        "/tables/1/foreign_keys/0/references"
    );
    // A unique index makes a valid target too.
    let found = with(|v| {
        set(
            v,
            "/tables/1/foreign_keys/1/referenced_columns",
            json!(["email"]),
        );
        set(v, "/tables/1/columns/2/type", json!("varchar(255)"));
        set(
            v,
            "/tables/0/indexes",
            json!([{"unique": true, "parts": [{"column": "email"}]}]),
        );
    });
    assert!(found.is_empty(), "{found:?}");
    let found = with(|v| set(v, "/tables/1/columns/2/type", json!("char(9)")));
    let sev: Vec<Severity> = run({
        let mut v = base();
        set(&mut v, "/tables/1/columns/2/type", json!("char(9)"));
        v
    })
    .iter()
    .map(|d| d.severity)
    .collect();
    assert_eq!(sev, [Severity::Warning], "{found:?}");
}

#[test]
fn columns_and_keys() {
    expect!(
        |v| set(v, "/tables/0/columns", json!([])),
        "V028",
        "/tables/0/columns"
    );
    expect!(
        |v| {
            v["tables"][1]
                .as_object_mut()
                .map(|t| t.remove("primary_key"));
        },
        "V013",
        "/tables/1"
    );
    expect!(
        |v| set(v, "/tables/0/columns/0/nullable", json!(true)),
        "V021",
        "/tables/0/primary_key/columns/0"
    );
    expect!(
        |v| set(v, "/tables/0/columns/1/identity", json!("always")),
        "V018",
        "/tables/0/columns/1/identity"
    );
    expect!(
        |v| set(v, "/tables/0/columns/0/default", json!(1)),
        "V019",
        "/tables/0/columns/0/default"
    );
    expect!(
        |v| {
            set(
                v,
                "/tables/0/columns/1/generated",
                json!({"expr": "lower(code)"}),
            );
            set(v, "/tables/0/columns/1/default", json!("x"));
        },
        "V020",
        "/tables/0/columns/1/generated"
    );
    expect!(
        |v| set(v, "/tables/0/columns/0/generated", json!({"expr": "1"})),
        "V020",
        "/tables/0/columns/0/generated"
    );
    expect!(
        |v| set(v, "/tables/0/primary_key/columns", json!([])),
        "V032",
        "/tables/0/primary_key/columns"
    );
    expect!(
        |v| set(v, "/tables/0/primary_key/columns", json!(["id", "id"])),
        "V031",
        "/tables/0/primary_key/columns/1"
    );
    expect!(
        |v| set(v, "/tables/1/indexes/0/parts", json!([])),
        "V032",
        "/tables/1/indexes/0/parts"
    );
    expect!(
        |v| set(v, "/tables/1/indexes/0/parts/0/expr", json!("lower(x)")),
        "V017",
        "/tables/1/indexes/0/parts/0"
    );
    expect!(
        |v| set(v, "/tables/1/indexes/0/parts/0", json!({})),
        "V017",
        "/tables/1/indexes/0/parts/0"
    );
    expect!(
        |v| push(
            v,
            "/tables/1/indexes/0/parts",
            json!({"column": "customer_id"})
        ),
        "V031",
        "/tables/1/indexes/0/parts/1/column"
    );
    expect!(
        |v| set(v, "/tables/0/columns/1/type", json!("varchr(255)")),
        "V033",
        "/tables/0/columns/1/type"
    );
    // Named types of the design and unrelated extension types are not typos.
    let found = with(|v| set(v, "/tables/0/columns/1/type", json!("citext")));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn identifiers() {
    expect!(
        |v| set(v, "/tables/0/columns/1/name", json!("")),
        "V014",
        "/tables/0/columns/1/name"
    );
    expect!(
        |v| set(v, "/tables/0/schema", json!(" ")),
        "V014",
        "/tables/0/schema"
    );
    expect!(
        |v| set(v, "/tables/0/columns/1/name", json!("e\tmail")),
        "V016",
        "/tables/0/columns/1/name"
    );
    // 63 bytes is PostgreSQL's limit; é takes two bytes.
    expect!(
        |v| set(v, "/tables/0/columns/1/name", json!("é".repeat(32))),
        "V015",
        "/tables/0/columns/1/name"
    );
    let found = with(|v| set(v, "/tables/0/columns/1/name", json!("e".repeat(63))));
    assert!(found.is_empty(), "{found:?}");
    let found = with(|v| {
        set(v, "/settings/dialects", json!(["sqlite"]));
        set(v, "/tables/0/columns/1/name", json!("e".repeat(100)));
    });
    assert!(found.is_empty(), "{found:?}");
    expect!(
        |v| set(v, "/tables/1/indexes/0/name", json!("i".repeat(65))),
        "V015",
        "/tables/1/indexes/0/name"
    );
    expect!(
        |v| push(
            v,
            "/relationships",
            json!({"cardinality": "many_to_many", "from": "orders", "to": "customers", "junction": ""})
        ),
        "V014",
        "/relationships/1/junction"
    );
}

#[test]
fn relationships() {
    expect!(
        |v| set(v, "/relationships/0/cardinality", json!("many_to_many")),
        "V023",
        "/relationships/0/foreign_key"
    );
    expect!(
        |v| {
            v["relationships"][0]
                .as_object_mut()
                .map(|r| r.remove("foreign_key"));
        },
        "V024",
        "/relationships/0"
    );
    expect!(
        |v| set(v, "/relationships/0/foreign_key", json!("fk9")),
        "V024",
        "/relationships/0/foreign_key"
    );
    expect!(
        |v| {
            set(v, "/relationships/0/from", json!("customers"));
            set(v, "/relationships/0/to", json!("orders"));
        },
        "V024",
        "/relationships/0/foreign_key"
    );
    expect!(
        |v| set(v, "/relationships/0/to", json!("orders")),
        "V024",
        "/relationships/0/foreign_key"
    );
    expect!(
        |v| set(v, "/tables/1/columns/1/nullable", json!(true)),
        "V025",
        "/relationships/0/mandatory"
    );
}

#[test]
fn messages_name_things_by_name() {
    let mut v = base();
    set(&mut v, "/tables/1/id", json!("t_orders"));
    set(&mut v, "/tables/1/columns/1/id", json!("c2"));
    set(&mut v, "/tables/1/columns/1/type", json!("integer"));
    set(&mut v, "/tables/1/foreign_keys/0/columns/0", json!("c2"));
    set(&mut v, "/tables/1/indexes/0/parts/0/column", json!("c2"));
    set(&mut v, "/relationships/0/from", json!("t_orders"));
    set(&mut v, "/layout/areas/0/tables/0", json!("t_orders"));
    let found = run(v);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.code, "V011");
    assert!(d.message.contains("`orders.customer_id`"), "{}", d.message);
    assert!(d.message.contains("`customers.id`"), "{}", d.message);
    assert_eq!(
        d.target,
        Some(crate::diag::Target::Column {
            table: "t_orders".into(),
            column: "c2".into()
        })
    );
}
