//! The importer on every file of the shared corpus: statement coverage by kind (printed, run
//! with `--nocapture` to see it), CREATE TABLE / ADD CONSTRAINT / CREATE INDEX fully read, and
//! the imported design valid.

use schemata_sql::import::{ImportOptions, Imported, SourceDialect, import_sql};
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the test corpus is missing: expected {} (clone the shared directory beside the repository)",
        dir.display()
    );
    dir
}

/// `(name, dialect)` of every corpus file, from MANIFEST.tsv.
fn manifest() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(corpus_dir().join("MANIFEST.tsv")).expect("manifest");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect()
}

fn import(name: &str, dialect: Option<SourceDialect>) -> Imported {
    let text = std::fs::read_to_string(corpus_dir().join(format!("{name}.sql"))).expect("read");
    let options = ImportOptions {
        dialect,
        name: name.into(),
    };
    import_sql(&text, &options, &mut |_| {})
}

const FULL: &[&str] = &["CREATE TABLE", "ALTER TABLE ADD CONSTRAINT", "CREATE INDEX"];

#[test]
fn coverage_of_every_corpus_file() {
    let mut report = String::new();
    let mut failures = Vec::new();
    for (name, dialect) in manifest() {
        if dialect == "oracle" {
            continue;
        }
        let imported = import(&name, None);
        assert_eq!(
            imported.dialect.as_str(),
            dialect,
            "{name}: detected dialect"
        );
        report.push_str(&format!(
            "{name} ({dialect}): {} statements, {:.1}% understood, {} tables\n",
            imported.statements,
            imported.understood_ratio() * 100.0,
            imported.design.tables.len()
        ));
        for (kind, c) in &imported.coverage {
            report.push_str(&format!(
                "  {kind:<32} {:>5} / {:<5} imported {}\n",
                c.understood, c.total, c.imported
            ));
            if FULL.contains(&kind.as_str()) && c.understood != c.total {
                let why: Vec<String> = imported
                    .skipped
                    .iter()
                    .filter(|s| &s.kind == kind)
                    .take(3)
                    .map(|s| format!("line {}: {}", s.line, s.reason))
                    .collect();
                failures.push(format!(
                    "{name}: {kind} {}/{}: {why:?}",
                    c.imported, c.total
                ));
            }
        }
        let errors: Vec<String> = schemata_model::validate(&imported.design)
            .into_iter()
            // Type mismatches across a foreign key, unsigned identity types and nullable SQLite
            // key columns are what the files say; dangling references would be the importer's.
            .filter(|d| {
                d.severity == schemata_model::Severity::Error
                    && !matches!(d.code.as_str(), "V011" | "V018" | "V021")
            })
            .take(5)
            .map(|d| format!("{} {} ({:?})", d.code, d.message, d.path))
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{name}: invalid design: {errors:?}"));
        }
    }
    println!("{report}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
