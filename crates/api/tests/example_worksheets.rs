//! The worksheets embedded in the example designs: the e-commerce one matches its sibling
//! worksheet file, and every statement of every example resolves against its design.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use schemata_api::{Design, advise, open_design, worksheet_import};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn example(name: &str) -> Design {
    let path = examples_dir().join(format!("{name}.schemata.json"));
    open_design(&path)
        .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message))
        .design
}

fn ecommerce_sheet() -> String {
    let path = examples_dir().join("ecommerce.worksheet.sql");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn ecommerce_worksheet_file_equals_the_embedded_worksheet() {
    let design = example("ecommerce");
    assert!(!design.worksheet.is_empty());
    let mut bare = design.clone();
    bare.worksheet.patterns.clear();
    let (imported, problems) =
        worksheet_import(&bare, &ecommerce_sheet()).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(problems, []);
    assert_eq!(imported.worksheet, design.worksheet);
}

#[test]
fn importing_the_ecommerce_worksheet_file_again_changes_nothing() {
    let design = example("ecommerce");
    let (imported, _) =
        worksheet_import(&design, &ecommerce_sheet()).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(imported, design);
}

#[test]
fn every_example_statement_resolves_against_its_design() {
    for name in [
        "ecommerce",
        "social_feed",
        "saas_multitenant",
        "url_shortener",
    ] {
        let design = example(name);
        let count = design.worksheet.patterns.len();
        assert!((12..=25).contains(&count), "{name}: {count} patterns");
        for p in &design.worksheet.patterns {
            assert!(p.rate.is_some(), "{name}: {} has no rate", p.name);
        }
        let query_problems: Vec<String> = advise(&design)
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('Q'))
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert_eq!(query_problems, Vec::<String>::new(), "{name}");
    }
}

/// The `$n` parameters a statement binds.
fn parameters(sql: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '$' {
            continue;
        }
        let mut end = i + 1;
        while let Some(&(j, d)) = chars.peek() {
            if !d.is_ascii_digit() {
                break;
            }
            end = j + 1;
            chars.next();
        }
        if end > i + 1 {
            out.insert(sql[i..end].to_string());
        }
    }
    out
}

#[test]
fn transactions_bind_one_parameter_across_statements() {
    for name in ["ecommerce", "social_feed", "saas_multitenant"] {
        let design = example(name);
        let shared: Vec<&str> = design
            .worksheet
            .patterns
            .iter()
            .filter(|p| {
                let params: Vec<BTreeSet<String>> =
                    p.statements.iter().map(|s| parameters(s)).collect();
                params.iter().enumerate().any(|(i, a)| {
                    params[i + 1..]
                        .iter()
                        .any(|b| a.intersection(b).next().is_some())
                })
            })
            .map(|p| p.name.as_str())
            .collect();
        assert!(shared.len() >= 2, "{name}: {shared:?}");
    }
}

#[test]
fn parameters_are_read_with_every_digit() {
    let found = parameters("UPDATE t SET a = $12 WHERE id = $1 AND b = '$'");
    assert_eq!(found, BTreeSet::from(["$1".to_string(), "$12".to_string()]));
}
