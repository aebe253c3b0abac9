//! The comparison of an expected design with an introspected one, without databases.

use schemata_db::compare::{missing, missing_with_losses};
use schemata_model::{
    DataType, DefaultValue, Design, Diagnostic, DialectName, FkAction, IndexMethod, Literal,
    SortOrder, Table, Target, load_file,
};
use schemata_sql::ddl::codes;
use schemata_sql::physical::physical_design;
use std::path::PathBuf;

fn example(name: &str) -> Design {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(format!("{name}.schemata.json"));
    let loaded = load_file(&path);
    match loaded.design {
        Some(d) if !loaded.has_errors() => d,
        _ => panic!("{name}: {:#?}", loaded.diagnostics),
    }
}

fn table<'a>(d: &'a mut Design, name: &str) -> &'a mut Table {
    d.tables
        .iter_mut()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

#[test]
fn every_physical_design_matches_itself() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(name) = name.strip_suffix(".schemata.json") else {
            continue;
        };
        for dialect in DialectName::ALL {
            let (expected, _) = physical_design(&example(name), dialect);
            let lines = missing(&expected, &expected, dialect);
            assert!(lines.is_empty(), "{name} {dialect}: {lines:#?}");
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} comparisons");
}

/// The physical ecommerce design for PostgreSQL, and a copy with one difference of each kind.
fn changed_ecommerce() -> (Design, Design) {
    let (expected, _) = physical_design(&example("ecommerce"), DialectName::Postgres);
    let mut actual = expected.clone();
    actual.enums[0].values.pop();
    actual.tables.retain(|t| t.name != "warehouses");
    let customers = table(&mut actual, "customers");
    customers.columns.retain(|c| c.name != "phone");
    customers.uniques.clear();
    let products = table(&mut actual, "products");
    products.columns[5].data_type = DataType::parse("decimal(10,2)").unwrap();
    products.columns[7].nullable = true;
    products.checks[0].expr = "price > 0".into();
    let orders = table(&mut actual, "orders");
    orders.columns[0].identity = None;
    orders.columns[6].default = Some(DefaultValue::Literal(Literal::String("USD".into())));
    orders.foreign_keys[0].on_delete = FkAction::Cascade;
    let ix = orders
        .indexes
        .iter_mut()
        .find(|i| i.predicate.is_some())
        .expect("partial index");
    ix.predicate = Some("(status = 'paid'::order_status)".into());
    orders.indexes[0].parts[1].order = SortOrder::Asc;
    let items = table(&mut actual, "order_items");
    items.indexes[0].include.clear();
    items.indexes[0].method = IndexMethod::Hash;
    items.columns[5].generated = None;
    (expected, actual)
}

#[test]
fn reports_each_difference_on_its_own_line() {
    let (expected, actual) = changed_ecommerce();
    let lines = missing_with_losses(&expected, &actual, DialectName::Postgres, &[]);
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn documented_losses_are_accepted() {
    let (expected, actual) = changed_ecommerce();
    let orders = expected.table_by_name("orders").unwrap();
    let partial = orders
        .indexes
        .iter()
        .find(|i| i.predicate.is_some())
        .unwrap();
    let loss = Diagnostic::warning(codes::PARTIAL_INDEX, "no partial indexes").with_target(
        Target::Index {
            table: orders.id.clone(),
            index: partial.id.clone(),
        },
    );
    let without = missing_with_losses(&expected, &actual, DialectName::Postgres, &[]);
    let with = missing_with_losses(&expected, &actual, DialectName::Postgres, &[loss]);
    let gone: Vec<&String> = without.iter().filter(|l| !with.contains(l)).collect();
    assert_eq!(gone.len(), 1, "{gone:#?}");
    assert!(gone[0].contains("predicate differs"), "{}", gone[0]);
}

#[test]
fn postgres_spelling_is_not_a_difference() {
    let (expected, mut actual) = {
        let (e, _) = physical_design(&example("ecommerce"), DialectName::Postgres);
        (e.clone(), e)
    };
    let orders = table(&mut actual, "orders");
    orders.checks[0].expr = "(total >= (0)::numeric)".into();
    orders.columns[6].default = Some(DefaultValue::Expr {
        expr: "'EUR'::bpchar".into(),
    });
    let ix = orders
        .indexes
        .iter_mut()
        .find(|i| i.predicate.is_some())
        .unwrap();
    ix.predicate = Some("(status = 'pending'::order_status)".into());
    let lines = missing_with_losses(&expected, &actual, DialectName::Postgres, &[]);
    assert!(lines.is_empty(), "{lines:#?}");
}
