//! Decompositions applied to designs: the preview, the resulting tables, and DDL that applies
//! to SQLite and PostgreSQL.

use schemata_model::{DialectName, load_str};
use schemata_normalize::NormalForm;
use schemata_normalize::apply::{Goal, propose};
use schemata_normalize::table::analyze_table;

const CUSTOMERS: &str = r#"{
  "format": 1,
  "settings": {"dialects": ["postgres", "sqlite"]},
  "tables": [
    {"name": "customers",
     "columns": [
       {"name": "id", "type": "bigint", "identity": "always"},
       {"name": "name", "type": "text"},
       {"name": "zip_code", "type": "varchar(10)"},
       {"name": "city", "type": "text"},
       {"name": "state", "type": "char(2)"}
     ],
     "primary_key": {"columns": ["id"]},
     "indexes": [{"parts": [{"column": "city"}]}],
     "functional_dependencies": [{"lhs": ["zip_code"], "rhs": ["city", "state"], "note": "postal data"}]
    },
    {"name": "orders",
     "columns": [
       {"name": "id", "type": "bigint", "identity": "always"},
       {"name": "customer_id", "type": "bigint"}
     ],
     "primary_key": {"columns": ["id"]},
     "foreign_keys": [{"columns": ["customer_id"], "references": "customers"}]
    }
  ],
  "layout": {"tables": {"customers": {"x": 10, "y": 20}}}
}"#;

const ORDER_ITEMS: &str = r#"{
  "format": 1,
  "tables": [
    {"name": "order_items",
     "columns": [
       {"name": "order_id", "type": "bigint"},
       {"name": "product_id", "type": "bigint"},
       {"name": "quantity", "type": "integer"},
       {"name": "product_name", "type": "text"}
     ],
     "primary_key": {"columns": ["order_id", "product_id"]},
     "functional_dependencies": [{"lhs": ["product_id"], "rhs": ["product_name"]}]
    }
  ]
}"#;

fn load(text: &str) -> schemata_model::Design {
    let loaded = load_str(text);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == schemata_model::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    loaded.design.expect("design")
}

#[test]
fn transitive_dependency_is_reported_and_split() {
    let design = load(CUSTOMERS);
    let t = design.table("customers").unwrap();
    let (_, _, report) = analyze_table(&design, t).unwrap();
    assert_eq!(report.normal_form, NormalForm::Second);
    assert_eq!(report.keys, vec![vec!["id".to_string()]]);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].code, "NF301");

    let (proposal, after) = propose(&design, "customers", Goal::ThirdNf)
        .unwrap()
        .unwrap();
    insta::assert_snapshot!(proposal.preview(), @r"
    normalize customers to 3NF:
      + table zip_codes (zip_code, city, state) with primary key (zip_code)
        moved from customers: city, state
      + foreign key customers(zip_code) -> zip_codes(zip_code)
      lossless join: yes
      every dependency is preserved
    ");
    let customers = after.table("customers").unwrap();
    let names: Vec<&str> = customers.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "name", "zip_code"]);
    assert!(customers.functional_dependencies.is_empty());
    assert!(customers.indexes.is_empty(), "the index on city moves");
    let zips = after.table("zip_codes").unwrap();
    assert_eq!(zips.primary_key_columns(), ["zip_code"]);
    assert_eq!(zips.indexes.len(), 1);
    assert_eq!(zips.functional_dependencies.len(), 1);
    assert_eq!(customers.foreign_keys[0].references, "zip_codes");
    assert!(after.layout.tables.contains_key("zip_codes"));
    // The result is clean: both tables in BCNF, the design valid.
    for t in &after.tables {
        let (_, _, r) = analyze_table(&after, t).unwrap();
        assert_eq!(r.normal_form, NormalForm::Bcnf, "{}", t.name);
    }
    let problems: Vec<_> = schemata_model::validate(&after)
        .into_iter()
        .filter(|d| d.severity == schemata_model::Severity::Error)
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    // Already normalized: nothing to propose.
    assert!(
        propose(&after, "zip_codes", Goal::ThirdNf)
            .unwrap()
            .is_none()
    );
}

#[test]
fn partial_dependency_explained_and_split() {
    let design = load(ORDER_ITEMS);
    let t = design.table("order_items").unwrap();
    let (_, _, report) = analyze_table(&design, t).unwrap();
    assert_eq!(report.normal_form, NormalForm::First);
    assert_eq!(
        report.violations[0].message,
        "table order_items: product_name depends on product_id, a part of the key (order_id, product_id) (breaks 2NF)"
    );
    let (proposal, after) = propose(&design, "order_items", Goal::Bcnf)
        .unwrap()
        .unwrap();
    assert_eq!(proposal.new_tables[0].name, "products");
    assert_eq!(after.table("order_items").unwrap().columns.len(), 3);
}

fn apply_everywhere(design: &schemata_model::Design) {
    let ddl = schemata_sql::ddl::generate(design, DialectName::Sqlite);
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    schemata_db::sqlite::apply(&conn, &ddl.to_sql()).expect("SQLite applies the DDL");
    if let Some(server) =
        schemata_db::testserver::postgres::shared().expect("PostgreSQL test server")
    {
        let db = server.fresh_database("normalize").unwrap();
        let client = db.connect().unwrap();
        let ddl = schemata_sql::ddl::generate(design, DialectName::Postgres);
        schemata_db::postgres::apply(&client, &ddl.to_sql()).expect("PostgreSQL applies the DDL");
    }
}

#[test]
fn applied_decompositions_apply_to_real_databases() {
    for (text, table, goal) in [
        (CUSTOMERS, "customers", Goal::ThirdNf),
        (CUSTOMERS, "customers", Goal::Bcnf),
        (ORDER_ITEMS, "order_items", Goal::ThirdNf),
    ] {
        let design = load(text);
        let (_, after) = propose(&design, table, goal).unwrap().unwrap();
        apply_everywhere(&after);
    }
}

#[test]
fn first_normal_form_heuristics() {
    let design = load(
        r#"{"format": 1, "tables": [{"name": "contacts", "columns": [
            {"name": "id", "type": "bigint"},
            {"name": "phone_numbers", "type": "varchar(200)"},
            {"name": "tags", "type": "text[]"},
            {"name": "phone1", "type": "text"}, {"name": "phone2", "type": "text"}, {"name": "phone3", "type": "text"},
            {"name": "address", "type": "text"},
            {"name": "status", "type": "text"}
        ], "primary_key": {"columns": ["id"]}}]}"#,
    );
    let t = design.table("contacts").unwrap();
    let (_, _, report) = analyze_table(&design, t).unwrap();
    let got: Vec<(String, String)> = report
        .first_normal_form
        .iter()
        .map(|d| (d.code.clone(), d.message.clone()))
        .collect();
    insta::assert_debug_snapshot!(got);
}
