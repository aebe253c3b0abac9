use schemata_model::{Design, fill_missing_ids, load_str};

use super::*;

fn example(name: &str) -> Design {
    let path = format!(
        "{}/../../examples/{name}.schemata.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    load_str(&text).design.unwrap()
}

fn plan_of(design: &Design) -> ShardPlan {
    crate::shard_plan(design, ShardOptions::of(design))
}

fn table<'p>(plan: &'p ShardPlan, name: &str) -> &'p TablePlan {
    plan.tables.iter().find(|t| t.name == name).unwrap()
}

fn alternative<'p>(plan: &'p ShardPlan, name: &str) -> &'p Alternative {
    plan.alternatives
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no alternative {name}: {:?}", names(plan)))
}

fn names(plan: &ShardPlan) -> Vec<&str> {
    plan.alternatives.iter().map(|a| a.name.as_str()).collect()
}

/// The score of a candidate column of a table.
fn candidate(plan: &ShardPlan, design: &Design, table: &str, column: &str) -> f64 {
    let t = design.tables.iter().find(|t| t.name == table).unwrap();
    let c = t.column_by_name(column).unwrap();
    plan.candidates
        .iter()
        .find(|tc| tc.table == t.id)
        .and_then(|tc| tc.candidates.iter().find(|x| x.column == c.id))
        .unwrap_or_else(|| panic!("{table}.{column} is not a candidate"))
        .score
}

#[test]
fn saas_distributes_every_tenant_table_by_tenant_id_and_replicates_plans() {
    let design = example("saas_multitenant");
    let plan = plan_of(&design);
    let mut families = Vec::new();
    for t in &design.tables {
        let Some(c) = t.column_by_name("tenant_id") else {
            continue;
        };
        let tp = table(&plan, &t.name);
        assert_eq!(tp.mode, TableMode::Distributed, "{}", t.name);
        assert_eq!(tp.key.as_deref(), Some(c.id.as_str()), "{}", t.name);
        families.push(tp.family.clone());
    }
    assert!(families.len() >= 4);
    families.dedup();
    assert_eq!(families.len(), 1, "one co-located family: {families:?}");
    assert_eq!(table(&plan, "plans").mode, TableMode::Reference);
    assert!(
        plan.single_shard_share > 0.95,
        "{}",
        plan.single_shard_share
    );
    for other in &plan.alternatives {
        assert!(other.score <= plan.score + 1e-12, "{}", other.name);
    }
}

/// The plan keyed by the user (customer) id beats distributing by time or by country, both as
/// whole plans and as candidates of the tables that have those columns.
fn user_key_ranks_above_time_and_country(example_name: &str, family: &str, table: &str, key: &str) {
    let design = example(example_name);
    let plan = plan_of(&design);
    let label = format!("co-locate by {family}");
    let by_user = match plan.alternatives.iter().find(|a| a.name == label) {
        Some(a) => a.score,
        None if plan.families.iter().any(|f| f.name == family) => plan.score,
        None => panic!("no plan co-locating {family}: {:?}", names(&plan)),
    };
    let created = alternative(&plan, "distribute by created_at").score;
    let country = alternative(&plan, "distribute by country").score;
    assert!(by_user > created, "{by_user} vs created_at {created}");
    assert!(by_user > country, "{by_user} vs country {country}");
    assert!(plan.score >= by_user);
    let k = candidate(&plan, &design, table, key);
    assert!(k > candidate(&plan, &design, table, "created_at"));
}

#[test]
fn social_feed_ranks_user_id_above_created_at_and_country() {
    user_key_ranks_above_time_and_country("social_feed", "users.id", "posts", "user_id");
    let design = example("social_feed");
    let plan = plan_of(&design);
    assert!(
        candidate(&plan, &design, "users", "id") > candidate(&plan, &design, "users", "country")
    );
}

#[test]
fn ecommerce_ranks_the_customer_key_above_created_at_and_country() {
    user_key_ranks_above_time_and_country("ecommerce", "customers.id", "customers", "id");
    let design = example("ecommerce");
    let plan = plan_of(&design);
    assert!(
        candidate(&plan, &design, "addresses", "customer_id")
            > candidate(&plan, &design, "addresses", "country")
    );
}

/// A warehouse / district / stock schema (TPC-C's shape) with one transaction binding `$1`
/// across the three tables.
fn warehouses(extra_rate: f64) -> Design {
    let text = format!(
        r#"{{
  "format": 1,
  "tables": [
    {{"name": "warehouses", "columns": [{{"name": "id", "type": "integer"}}, {{"name": "name", "type": "varchar(10)"}}],
      "primary_key": {{"columns": ["id"]}}, "scale": {{"rows": 5000}}}},
    {{"name": "districts", "columns": [{{"name": "warehouse_id", "type": "integer"}}, {{"name": "id", "type": "integer"}}, {{"name": "next_order_id", "type": "integer"}}],
      "primary_key": {{"columns": ["warehouse_id", "id"]}}, "scale": {{"rows": 50000}},
      "foreign_keys": [{{"columns": ["warehouse_id"], "references": "warehouses"}}]}},
    {{"name": "items", "columns": [{{"name": "id", "type": "integer"}}, {{"name": "price", "type": "decimal(5,2)"}}],
      "primary_key": {{"columns": ["id"]}}, "scale": {{"rows": 100000000}}}},
    {{"name": "stock", "columns": [{{"name": "warehouse_id", "type": "integer"}}, {{"name": "item_id", "type": "integer"}}, {{"name": "quantity", "type": "integer"}}],
      "primary_key": {{"columns": ["warehouse_id", "item_id"]}}, "scale": {{"rows": 500000000}},
      "foreign_keys": [{{"columns": ["warehouse_id"], "references": "warehouses"}}, {{"columns": ["item_id"], "references": "items"}}]}}
  ],
  "worksheet": {{"patterns": [
    {{"name": "NewOrder", "rate": {{"per_second": 100}}, "statements": [
      "SELECT name FROM warehouses WHERE id = $1",
      "UPDATE districts SET next_order_id = next_order_id + 1 WHERE warehouse_id = $1 AND id = $2",
      "UPDATE stock SET quantity = quantity - $4 WHERE warehouse_id = $1 AND item_id = $3"]}},
    {{"name": "ItemPrice", "rate": {{"per_second": {extra_rate}}}, "statements": [
      "SELECT price FROM items WHERE id = $1"]}},
    {{"name": "StockOfItem", "rate": {{"per_second": 20}}, "statements": [
      "SELECT warehouse_id, quantity FROM stock WHERE item_id = $1"]}}
  ]}}
}}"#
    );
    let mut d = load_str(&text).design.unwrap();
    fill_missing_ids(&mut d);
    d
}

#[test]
fn a_transaction_binding_one_parameter_across_three_tables_is_single_shard() {
    let design = warehouses(10.0);
    let plan = plan_of(&design);
    let verdict = plan.patterns.iter().find(|p| p.name == "NewOrder").unwrap();
    assert!(verdict.single_shard, "{verdict:?}");
    assert!(
        verdict
            .statements
            .iter()
            .all(|s| s.value.as_deref().is_some_and(|v| v.starts_with("$1"))),
        "{verdict:?}"
    );
    for name in ["warehouses", "districts", "stock"] {
        assert_eq!(table(&plan, name).mode, TableMode::Distributed, "{name}");
    }
    let fam = table(&plan, "districts").family.clone();
    assert_eq!(table(&plan, "stock").family, fam);
    assert_eq!(table(&plan, "warehouses").family, fam);
    // The runner-up (here: each table by its primary key's first column is the same plan, so
    // take the best alternative that differs) leaves the transaction distributed.
    let runner_up = &plan.alternatives[0];
    assert!(runner_up.score <= plan.score);
    let new_order = &design.worksheet.patterns[0].id;
    assert!(
        runner_up.distributed_patterns.contains(new_order),
        "{} keeps NewOrder single-shard: {:?}",
        runner_up.name,
        runner_up.tables
    );
    assert_eq!(
        plan.distributed_patterns,
        vec![design.worksheet.patterns[2].id.clone()]
    );
}

#[test]
fn without_a_worksheet_foreign_keys_decide_co_location() {
    let mut design = example("saas_multitenant");
    design.worksheet.patterns.clear();
    let plan = plan_of(&design);
    assert_eq!(plan.single_shard_share, 1.0);
    assert!(plan.patterns.is_empty());
    assert_eq!(plan.tables.len(), design.tables.len());
}

#[test]
fn an_empty_design_has_an_empty_plan() {
    let plan = plan_of(&Design::default());
    assert!(plan.tables.is_empty() && plan.families.is_empty());
}

#[test]
fn question_mark_parameters_are_local_to_their_statement() {
    let mut design = warehouses(10.0);
    design.worksheet.patterns[0].statements = vec![
        "UPDATE districts SET next_order_id = next_order_id + 1 WHERE warehouse_id = ? AND id = ?"
            .into(),
        "UPDATE stock SET quantity = quantity - ? WHERE warehouse_id = ? AND item_id = ?".into(),
    ];
    let plan = plan_of(&design);
    let verdict = &plan.patterns[0];
    assert!(!verdict.single_shard, "two `?` are two values: {verdict:?}");
    design.worksheet.patterns[0].statements = vec![
        "UPDATE districts SET next_order_id = next_order_id + 1 WHERE warehouse_id = :w AND id = :d"
            .into(),
        "UPDATE stock SET quantity = quantity - :n WHERE warehouse_id = :w AND item_id = :i".into(),
    ];
    assert!(
        plan_of(&design).patterns[0].single_shard,
        "one named parameter is one value"
    );
}

mod props;
