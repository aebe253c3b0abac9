//! The importer never panics: corpus text cut, spliced and sprinkled with SQL punctuation is
//! imported without a panic, and every statement is accounted for.

use proptest::prelude::*;
use schemata_sql::import::{ImportOptions, SourceDialect, import_sql};
use std::path::PathBuf;

fn seed() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let path = dir.join("pagila_schema_2022.sql");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the test corpus is missing: {} ({e})", path.display()))
}

const NOISE: &[&str] = &[
    "'",
    "\"",
    "`",
    "$$",
    "(",
    ")",
    ";",
    "--",
    "/*",
    "*/",
    "\\",
    "\nGO\n",
    "\nDELIMITER ;;\n",
    "ONLY",
    "nextval(",
    "::",
    ",",
    "\n\\.\n",
    "[",
];

/// Cases per run: 64 in CI; a long fuzzing run sets `SCHEMATA_IMPORT_FUZZ_CASES`.
fn cases() -> u32 {
    std::env::var("SCHEMATA_IMPORT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]
    #[test]
    fn mutated_corpus_never_panics(
        start in 0usize..50_000,
        len in 0usize..4_000,
        edits in proptest::collection::vec((0usize..4_000, 0usize..NOISE.len()), 0..12),
        dialect in 0usize..5,
    ) {
        let text = seed();
        let mut s: String = text.chars().skip(start % text.len()).take(len).collect();
        for (at, noise) in edits {
            let at = s.char_indices().nth(at % (s.chars().count() + 1)).map_or(s.len(), |(i, _)| i);
            s.insert_str(at, NOISE[noise]);
        }
        let dialect = [
            None,
            Some(SourceDialect::Postgres),
            Some(SourceDialect::Mysql),
            Some(SourceDialect::Sqlite),
            Some(SourceDialect::Mssql),
        ][dialect];
        let options = ImportOptions { dialect, name: String::new() };
        let imported = import_sql(&s, &options, &mut |_| {});
        let counted: usize = imported.coverage.values().map(|c| c.total).sum();
        prop_assert_eq!(counted, imported.statements);
    }
}
