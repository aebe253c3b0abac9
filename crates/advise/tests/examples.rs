//! Advice on every example design (with its sibling worksheet file, when there is one), as
//! reviewed snapshots: diagnostics, recommended indexes and the score.

use std::path::PathBuf;

use serde_json::json;

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.to_string_lossy().ends_with(".schemata.json"));
    files.sort();
    files
}

#[test]
fn advice_on_every_example() {
    let files = examples();
    assert!(files.len() >= 5);
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().replace(".schemata.json", ""))
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut design = schemata_model::load_str(&text).design.unwrap_or_default();
        let sheet = path.with_file_name(format!("{name}.worksheet.sql"));
        if let Ok(sql) = std::fs::read_to_string(&sheet) {
            let (parsed, problems) = schemata_sql::worksheet::parse(&sql);
            assert!(problems.is_empty(), "{name}: {problems:?}");
            design.worksheet = parsed;
            schemata_model::fill_missing_ids(&mut design);
        }
        let analysis = schemata_advise::analyze(&design);
        let score = schemata_advise::score(&analysis.diagnostics);
        let diagnostics: Vec<String> = analysis
            .diagnostics
            .iter()
            .map(|d| format!("{} {} {}", d.code, d.severity, d.message))
            .collect();
        let value = json!({
            "score": score.total,
            "diagnostics": diagnostics,
            "indexes": analysis.indexes,
            "existing": analysis.existing,
        });
        insta::assert_json_snapshot!(name, value);
    }
}
