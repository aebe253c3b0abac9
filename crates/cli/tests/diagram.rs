//! `schemata diagram`: Mermaid and DBML text of a design, to standard output or a file.

use std::path::PathBuf;
use std::process::{Command, Output};

fn schemata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schemata"))
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .output()
        .expect("the schemata binary runs")
}

const ECOMMERCE: &str = "../../examples/ecommerce.schemata.json";

#[test]
fn prints_mermaid_by_default() {
    let run = schemata(&["diagram", ECOMMERCE]);
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.starts_with("erDiagram\n"), "{text}");
    assert!(text.contains("customers ||..o{ orders"), "{text}");
}

#[test]
fn writes_dbml_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop.dbml");
    let run = schemata(&[
        "diagram",
        ECOMMERCE,
        "--format",
        "dbml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Table orders {"), "{text}");
    assert!(
        text.contains("orders.customer_id > customers.id [delete: restrict]"),
        "{text}"
    );
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("wrote DBML"), "{stderr}");
}

#[test]
fn a_missing_file_fails_with_status_2() {
    let run = schemata(&["diagram", "nope.schemata.json"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("nope.schemata.json"), "{stderr}");
}
