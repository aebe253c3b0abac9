//! Snapshot tests of both exports on every example design, and checks of the notation.

use super::{dbml, mermaid};
use schemata_model::Design;

fn example(name: &str) -> Design {
    let path = format!(
        "{}/../../examples/{name}.schemata.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let loaded = schemata_model::load_file(std::path::Path::new(&path));
    loaded.design.expect("the example loads")
}

const EXAMPLES: [&str; 5] = [
    "ecommerce",
    "url_shortener",
    "social_feed",
    "saas_multitenant",
    "library_cycle",
];

#[test]
fn mermaid_snapshots() {
    for name in EXAMPLES {
        insta::assert_snapshot!(format!("mermaid_{name}"), mermaid(&example(name)));
    }
}

#[test]
fn dbml_snapshots() {
    for name in EXAMPLES {
        insta::assert_snapshot!(format!("dbml_{name}"), dbml(&example(name)));
    }
}

fn design(text: &str) -> Design {
    schemata_model::load_str(text).design.expect("loads")
}

const SHOP: &str = r#"{"format": 1, "tables": [
  {"name": "customers", "columns": [{"name": "id", "type": "bigint"}], "primary_key": {"columns": ["id"]}},
  {"name": "orders", "columns": [
     {"name": "id", "type": "bigint"},
     {"name": "customer_id", "type": "bigint"},
     {"name": "coupon_id", "type": "bigint", "nullable": true}],
   "primary_key": {"columns": ["id"]},
   "foreign_keys": [
     {"columns": ["customer_id"], "references": "customers", "on_delete": "cascade"},
     {"columns": ["coupon_id"], "references": "customers"}]},
  {"name": "profiles", "columns": [{"name": "customer_id", "type": "bigint"}],
   "primary_key": {"columns": ["customer_id"]},
   "foreign_keys": [{"columns": ["customer_id"], "references": "customers"}]}
]}"#;

#[test]
fn mermaid_cardinality_follows_nullability_and_uniqueness() {
    let text = mermaid(&design(SHOP));
    assert!(
        text.contains("customers ||..o{ orders : \"customer_id\""),
        "{text}"
    );
    assert!(
        text.contains("customers |o..o{ orders : \"coupon_id\""),
        "{text}"
    );
    assert!(
        text.contains("customers ||--o| profiles : \"customer_id\""),
        "{text}"
    );
    assert!(text.contains("bigint customer_id PK, FK"), "{text}");
    assert!(text.contains("bigint coupon_id FK \"nullable\""), "{text}");
}

#[test]
fn dbml_refs_carry_direction_and_actions() {
    let text = dbml(&design(SHOP));
    assert!(
        text.contains("Ref: orders.customer_id > customers.id [delete: cascade]"),
        "{text}"
    );
    assert!(
        text.contains("Ref: profiles.customer_id - customers.id"),
        "{text}"
    );
    assert!(text.contains("  coupon_id bigint\n"), "{text}");
    assert!(text.contains("  customer_id bigint [not null]\n"), "{text}");
}
