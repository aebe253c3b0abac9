//! docs/rules is generated from the rule files; this test fails when it is stale.
//! Regenerate with `SCHEMATA_UPDATE_GENERATED=1 cargo test -p schemata-advise --test docs`.

use std::path::PathBuf;

#[test]
fn rule_docs_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let update = std::env::var_os("SCHEMATA_UPDATE_GENERATED").is_some();
    let pages = schemata_advise::docs::pages();
    if update {
        let _ = std::fs::create_dir_all(&dir);
    }
    let mut stale = Vec::new();
    for (name, content) in &pages {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != *content {
            if update {
                std::fs::write(&path, content)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            } else {
                stale.push(name.clone());
            }
        }
    }
    let known: Vec<&String> = pages.iter().map(|(n, _)| n).collect();
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !known.contains(&n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        stale.is_empty(),
        "stale rule docs {stale:?}: run SCHEMATA_UPDATE_GENERATED=1 cargo test -p schemata-advise --test docs"
    );
    assert!(
        extra.is_empty(),
        "docs/rules has pages of no rule: {extra:?}"
    );
}
