//! Naming-convention checks and the fix mode, on the example designs, on a fixture that breaks
//! every rule, and on generated designs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use schemata_model::{
    CheckConstraint, Column, Design, Diagnostic, DialectName, ForeignKey, Identity, PrimaryKey,
    Severity, Table, UniqueConstraint,
};
use schemata_sql::conventions::{Rename, check_conventions, fix_conventions};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Load a design file with the model's loader; the file must load without errors.
fn load(path: &Path) -> (Design, Vec<Diagnostic>) {
    let loaded = schemata_model::load_file(path);
    let design = loaded
        .design
        .unwrap_or_else(|| panic!("{}: {:#?}", path.display(), loaded.diagnostics));
    (design, loaded.diagnostics)
}

fn examples() -> Vec<(String, Design)> {
    let dir = repo_root().join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".schemata.json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let (design, diags) = load(&p);
            assert!(
                diags.iter().all(|d| d.severity != Severity::Error),
                "{name}:\n{}",
                render_diagnostics(&diags)
            );
            (name, design)
        })
        .collect()
}

fn fixture(name: &str) -> Design {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    load(&dir.join(name)).0
}

fn render_diagnostics(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!(
            "{} {} {}: {}\n",
            d.code,
            d.severity,
            d.path.as_deref().unwrap_or("-"),
            d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("    help: {help}\n"));
        }
    }
    out
}

fn render_renames(renames: &[Rename]) -> String {
    let mut out = String::new();
    for r in renames {
        let to = r.to.as_deref().unwrap_or("(derived)");
        out.push_str(&format!("{:?} {}: {} -> {}", r.kind, r.path, r.from, to));
        if let Some(why) = &r.skipped {
            out.push_str(&format!("  SKIPPED: {why}"));
        }
        out.push('\n');
    }
    out
}

#[test]
fn examples_follow_the_default_convention() {
    let examples = examples();
    assert!(examples.len() >= 5, "expected the example designs");
    for (name, design) in examples {
        let diags = check_conventions(&design);
        assert!(diags.is_empty(), "{name}:\n{}", render_diagnostics(&diags));
        let (fixed, renames) = fix_conventions(&design);
        assert!(renames.is_empty(), "{name}:\n{}", render_renames(&renames));
        assert_eq!(fixed, design, "{name}");
    }
}

#[test]
fn fixture_breaks_every_rule() {
    let design = fixture("bad_names.schemata.json");
    let diags = check_conventions(&design);
    let codes: HashSet<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    for code in [
        "N001", "N002", "N003", "N004", "N005", "N006", "N007", "N008", "N009", "N010", "N011",
    ] {
        assert!(codes.contains(code), "{code} missing");
    }
    assert!(diags.iter().all(|d| d.path.is_some() && d.target.is_some()));
    insta::assert_snapshot!("bad_names_check", render_diagnostics(&diags));
}

#[test]
fn fix_renames_and_rewrites_expressions() {
    let design = fixture("bad_names.schemata.json");
    let (fixed, renames) = fix_conventions(&design);
    insta::assert_snapshot!("bad_names_renames", render_renames(&renames));
    let json = serde_json::to_string_pretty(&fixed).expect("serialises");
    insta::assert_snapshot!("bad_names_fixed", json);
    let remaining = check_conventions(&fixed);
    insta::assert_snapshot!("bad_names_after_fix", render_diagnostics(&remaining));

    // Expressions follow the renamed columns.
    let products = fixed.table("products").expect("products");
    assert_eq!(
        products.checks[0].expr, "Price >= 0",
        "`Price` kept: `price` is taken"
    );
    let items = fixed.table("order_item").expect("order_item by id");
    assert_eq!(items.name, "order_items");
    assert_eq!(items.checks[0].expr, "unit_price >= 0");
    assert_eq!(
        items.columns[5].generated.as_ref().map(|g| g.expr.as_str()),
        Some("qty * unit_price")
    );
    let orders = fixed.table("Orders").expect("Orders by id");
    assert_eq!(
        orders.indexes[0].predicate.as_deref(),
        Some("\"status\" = 'pending'")
    );
    assert_eq!(
        orders.indexes[1].parts[0].expr.as_deref(),
        Some("date(placed_at)")
    );
    let customers = fixed.table("Customer").expect("Customer by id");
    assert_eq!(
        customers.checks[0].expr,
        "\"email\" LIKE '%@%' AND length(full_name) > 0"
    );

    // Conflicts are reported, not made.
    let skipped: Vec<&Rename> = renames.iter().filter(|r| r.skipped.is_some()).collect();
    assert_eq!(skipped.len(), 2, "{}", render_renames(&renames));
    assert_eq!(fixed.table("User").map(|t| t.name.as_str()), Some("User"));
    assert!(products.column_by_name("Price").is_some());

    // Ids and references are untouched.
    assert_eq!(ids(&fixed), ids(&design));
    for (a, b) in fixed.tables.iter().zip(&design.tables) {
        let strip = |fks: &[ForeignKey]| -> Vec<ForeignKey> {
            fks.iter()
                .cloned()
                .map(|fk| ForeignKey { name: None, ..fk })
                .collect()
        };
        assert_eq!(strip(&a.foreign_keys), strip(&b.foreign_keys));
    }
}

#[test]
fn fixing_twice_changes_nothing() {
    let (once, _) = fix_conventions(&fixture("bad_names.schemata.json"));
    let (twice, renames) = fix_conventions(&once);
    assert_eq!(twice, once);
    assert!(
        renames.iter().all(|r| r.skipped.is_some()),
        "{}",
        render_renames(&renames)
    );
}

#[test]
fn role_names_and_natural_keys_are_accepted() {
    let design = fixture("bad_names.schemata.json");
    let diags = check_conventions(&design);
    let at = |path: &str| -> Vec<&str> {
        diags
            .iter()
            .filter(|d| d.path.as_deref() == Some(path))
            .map(|d| d.code.as_str())
            .collect()
    };
    // countries.code is a natural key, not a surrogate one.
    assert!(at("/tables/6/columns/0/name").is_empty());
    // `owner` needs the `_id` suffix but may keep its role name.
    let owner = diags
        .iter()
        .find(|d| d.path.as_deref() == Some("/tables/5/columns/1/name"))
        .expect("owner is reported");
    assert_eq!(owner.code, "N004");
    assert_eq!(owner.help.as_deref(), Some("rename it to `owner_id`"));
    // `order` is both misnamed and reserved everywhere.
    assert_eq!(at("/tables/2/columns/1/name"), vec!["N004", "N010"]);
}

#[test]
fn singular_convention_and_any() {
    let mut design = fixture("bad_names.schemata.json");
    design.settings.naming.tables = schemata_model::TableNaming::SingularSnakeCase;
    let (fixed, _) = fix_conventions(&design);
    let names: Vec<&str> = fixed.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "customer",
            "order",
            "order_item",
            "product",
            "User",
            "users",
            "country"
        ]
    );
    design.settings.naming.tables = schemata_model::TableNaming::Any;
    design.settings.naming.columns = schemata_model::ColumnNaming::Any;
    let diags = check_conventions(&design);
    assert!(!diags.iter().any(|d| d.code == "N001" || d.code == "N002"));
    // Mixed case is still worth a warning when no rule covers it.
    assert!(
        diags
            .iter()
            .any(|d| d.code == "N011" && d.path.as_deref() == Some("/tables/3/columns/1/name"))
    );
}

#[test]
fn a_template_that_fights_snake_case_is_reported_not_fixed() {
    let mut design = fixture("bad_names.schemata.json");
    design.settings.naming.foreign_key_column = "{referenced_singular}ID".into();
    let diags = check_conventions(&design);
    let owner = diags
        .iter()
        .find(|d| d.path.as_deref() == Some("/tables/5/columns/1/name"))
        .expect("owner is reported");
    assert_eq!(owner.code, "N004");
    assert!(
        owner.help.as_deref().unwrap_or("").contains("by hand"),
        "{owner:?}"
    );
    let (fixed, renames) = fix_conventions(&design);
    assert_eq!(fixed.tables[5].columns[1].name, "owner");
    assert!(!renames.iter().any(|r| r.path == "/tables/5/columns/1/name"));
    assert_eq!(fix_conventions(&fixed).0, fixed);
}

fn ids(design: &Design) -> Vec<(String, Vec<String>)> {
    design
        .tables
        .iter()
        .map(|t| {
            (
                t.id.clone(),
                t.columns.iter().map(|c| c.id.clone()).collect(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Generated designs

const TABLE_NAMES: &[&str] = &[
    "user",
    "User",
    "users",
    "Users",
    "OrderItem",
    "order_items",
    "order_item",
    "people",
    "Person",
    "Category",
    "categories",
    "address",
    "Addresses",
    "DataPoints",
    "audit_log",
];

const COLUMN_NAMES: &[&str] = &[
    "id",
    "ID",
    "Id",
    "userId",
    "user_id",
    "User",
    "owner",
    "Price",
    "price",
    "createdAt",
    "created_at",
    "Name",
    "order",
    "x",
    "ItemID",
    "category",
];

const TYPES: &[&str] = &["bigint", "integer", "uuid", "text", "decimal(10,2)"];

#[derive(Debug, Clone)]
struct TableSpec {
    name: usize,
    columns: Vec<(usize, usize, bool)>,
    pk: bool,
    fks: Vec<(usize, usize)>,
    named: Vec<u8>,
}

fn table_spec() -> impl Strategy<Value = TableSpec> {
    (
        0..TABLE_NAMES.len(),
        prop::collection::vec((0..COLUMN_NAMES.len(), 0..TYPES.len(), any::<bool>()), 1..6),
        any::<bool>(),
        prop::collection::vec((0..6usize, 0..5usize), 0..3),
        prop::collection::vec(0..4u8, 3),
    )
        .prop_map(|(name, columns, pk, fks, named)| TableSpec {
            name,
            columns,
            pk,
            fks,
            named,
        })
}

fn build(specs: &[TableSpec]) -> Design {
    let mut design = Design::default();
    design.settings.dialects = DialectName::ALL.to_vec();
    for (i, spec) in specs.iter().enumerate() {
        let columns: Vec<Column> = spec
            .columns
            .iter()
            .enumerate()
            .map(|(j, &(name, ty, identity))| {
                let mut column: Column = serde_json::from_value(serde_json::json!({
                    "id": format!("c{j}"),
                    "name": COLUMN_NAMES[name],
                    "type": TYPES[ty],
                }))
                .expect("minimal column");
                column.identity = (identity && ty < 2).then_some(Identity::Always);
                column
            })
            .collect();
        let table_name = TABLE_NAMES[spec.name];
        let pick = |n: u8, good: String| match n {
            0 => None,
            1 => Some(good),
            2 => Some(format!("{table_name}_thing")),
            _ => Some("Whatever".to_string()),
        };
        let first = columns[0].name.clone();
        let mut table: Table = serde_json::from_value(serde_json::json!({
            "id": format!("t{i}"),
            "name": table_name,
            "columns": [],
        }))
        .expect("minimal table");
        table.primary_key = spec.pk.then(|| PrimaryKey {
            name: pick(spec.named[0], format!("pk_{table_name}")),
            columns: vec!["c0".into()],
        });
        table.uniques = vec![UniqueConstraint {
            id: "uq1".into(),
            name: pick(spec.named[1], format!("uq_{table_name}_{first}")),
            columns: vec!["c0".into()],
            nulls_not_distinct: false,
        }];
        table.checks = vec![CheckConstraint {
            id: "ck1".into(),
            name: pick(spec.named[2], format!("ck_{table_name}_first")),
            expr: format!("{first} IS NOT NULL AND \"{first}\" = {first}"),
        }];
        table.columns = columns;
        design.tables.push(table);
    }
    let n = design.tables.len();
    for (i, spec) in specs.iter().enumerate() {
        for (k, &(column, target)) in spec.fks.iter().enumerate() {
            if column >= design.tables[i].columns.len() || n == 0 {
                continue;
            }
            design.tables[i].foreign_keys.push(ForeignKey {
                id: format!("fk{}", k + 1),
                name: None,
                columns: vec![format!("c{column}")],
                references: format!("t{}", target % n),
                referenced_columns: Vec::new(),
                on_delete: Default::default(),
                on_update: Default::default(),
                deferrable: Default::default(),
            });
        }
    }
    design
}

fn duplicates<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    let mut seen = HashSet::new();
    names.filter(|n| !seen.insert(n.to_lowercase())).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fix_is_idempotent_and_leaves_only_conflicts(specs in prop::collection::vec(table_spec(), 1..6)) {
        let design = build(&specs);
        let (fixed, renames) = fix_conventions(&design);
        let (again, more) = fix_conventions(&fixed);
        prop_assert_eq!(&again, &fixed);
        prop_assert!(more.iter().all(|r| r.skipped.is_some()));

        let skipped: HashSet<&str> = renames
            .iter()
            .filter(|r| r.skipped.is_some())
            .map(|r| r.path.as_str())
            .collect();
        for d in check_conventions(&fixed) {
            if ["N001", "N002", "N003", "N004"].contains(&d.code.as_str()) {
                let path = d.path.clone().unwrap_or_default();
                prop_assert!(skipped.contains(path.as_str()), "{} at {} was not fixed", d.code, path);
            }
            prop_assert!(!["N005", "N006", "N007", "N008", "N009"].contains(&d.code.as_str()));
        }

        prop_assert_eq!(ids(&fixed), ids(&design));
        prop_assert!(
            duplicates(fixed.tables.iter().map(|t| t.name.as_str()))
                <= duplicates(design.tables.iter().map(|t| t.name.as_str()))
        );
        for (a, b) in fixed.tables.iter().zip(&design.tables) {
            prop_assert!(
                duplicates(a.columns.iter().map(|c| c.name.as_str()))
                    <= duplicates(b.columns.iter().map(|c| c.name.as_str()))
            );
        }
    }
}
