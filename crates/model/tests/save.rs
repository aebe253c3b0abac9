//! The writer: stable text, one-line renames, lossless round trips, atomic saves.

use std::path::{Path, PathBuf};

use schemata_model::{Design, load_file, load_str, save_atomic, to_json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(path: &Path) -> Design {
    let loaded = load_file(path);
    match loaded.design {
        Some(d) => d,
        None => panic!(
            "{} does not load: {:#?}",
            path.display(),
            loaded.diagnostics
        ),
    }
}

/// The lines that differ between two texts with the same number of lines.
fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    assert_eq!(a.len(), b.len(), "line count changed");
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn renaming_a_column_changes_one_line() {
    let mut design = load(&fixture("shop.schemata.json"));
    let before = to_json(&design);
    let orders = design.table_mut("t_orders").expect("orders");
    let column = orders.column_mut("o_customer").expect("customer_id");
    column.name = "buyer_id".into();
    let after = to_json(&design);
    assert_eq!(
        changed_lines(&before, &after),
        [(
            "          \"name\": \"customer_id\",".to_string(),
            "          \"name\": \"buyer_id\",".to_string()
        )]
    );
}

#[test]
fn renaming_a_table_changes_one_line() {
    let mut design = load(&fixture("shop.schemata.json"));
    let before = to_json(&design);
    design.table_mut("t_customers").expect("customers").name = "clients".into();
    let changed = changed_lines(&before, &to_json(&design));
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("\"clients\""));
}

/// A hand-written file without ids gets them on its first save; from then on renames are
/// one-line changes too.
#[test]
fn ids_filled_on_load_make_later_renames_local() {
    let text = r#"{"format": 1, "tables": [
        {"name": "users", "columns": [{"name": "id", "type": "bigint"}], "primary_key": {"columns": ["id"]}},
        {"name": "posts", "columns": [{"name": "id", "type": "bigint"}, {"name": "user_id", "type": "bigint"}],
         "primary_key": {"columns": ["id"]}, "foreign_keys": [{"columns": ["user_id"], "references": "users"}]}
    ]}"#;
    let loaded = load_str(text);
    let mut design = loaded.design.expect("loads");
    let saved = to_json(&design);
    assert!(saved.contains("\"id\": \"fk1\""));
    design.tables[0].name = "members".into();
    design.tables[0].columns[0].name = "member_no".into();
    let changed = changed_lines(&saved, &to_json(&design));
    assert_eq!(changed.len(), 2, "{changed:?}");
    // The renamed design still validates: references did not move.
    let reloaded = load_str(&to_json(&design));
    assert_eq!(reloaded.diagnostics, []);
}

#[test]
fn text_is_stable_and_round_trips() {
    let mut files = vec![fixture("shop.schemata.json")];
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    if let Ok(rd) = std::fs::read_dir(examples) {
        files.extend(
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".schemata.json")),
        );
    }
    for path in files {
        let design = load(&path);
        let text = to_json(&design);
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
        assert!(
            text.lines()
                .all(|l| (l.len() - l.trim_start().len()) % 2 == 0)
        );
        let again = load_str(&text);
        assert_eq!(again.design.as_ref(), Some(&design), "{}", path.display());
        assert_eq!(to_json(&design), text, "{}", path.display());
        // Layout keys come out sorted.
        let keys: Vec<&String> = design.layout.tables.keys().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}

#[test]
fn save_atomic_writes_the_text() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("shop.schemata.json");
    std::fs::write(&path, "previous")?;
    let design = load(&fixture("shop.schemata.json"));
    save_atomic(&path, &design)?;
    assert_eq!(std::fs::read_to_string(&path)?, to_json(&design));
    assert_eq!(load(&path), design);
    let names: Vec<_> = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .collect();
    assert_eq!(names.len(), 1, "temporary files left behind");
    Ok(())
}
