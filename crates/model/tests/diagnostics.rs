//! Golden tests: every fixture under `tests/fixtures/` is loaded and its diagnostics (code,
//! severity, path, line:column, message, help) are compared with a reviewed snapshot.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use schemata_model::{Loaded, load_file};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.to_string_lossy().ends_with(".schemata.json"));
    files.sort();
    files
}

/// One line per diagnostic, help indented below, then what was loaded.
fn render(loaded: &Loaded) -> String {
    let mut out = String::new();
    for d in &loaded.diagnostics {
        let at = d
            .location
            .map_or("-".to_string(), |l| format!("{}:{}", l.line, l.column));
        let path = d.path.as_deref().unwrap_or("-");
        let path = if path.is_empty() { "(root)" } else { path };
        let _ = writeln!(out, "{} {} {path} {at} {}", d.code, d.severity, d.message);
        if let Some(help) = &d.help {
            let _ = writeln!(out, "    help: {help}");
        }
    }
    match &loaded.design {
        Some(design) => {
            let _ = writeln!(out, "=> design with {} table(s)", design.tables.len());
        }
        None => out.push_str("=> no design\n"),
    }
    out
}

#[test]
fn fixture_diagnostics() {
    let files = fixtures();
    assert!(files.len() >= 10, "fixtures missing: {files:?}");
    for path in files {
        let name = path
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".schemata.json")
                    .to_string()
            })
            .unwrap_or_default();
        let loaded = load_file(&path);
        for d in &loaded.diagnostics {
            assert!(d.path.is_some(), "{name}: no path on {d:?}");
            assert!(d.location.is_some(), "{name}: no location on {d:?}");
            if d.code.starts_with('V') {
                assert!(d.target.is_some(), "{name}: no target on {d:?}");
            }
        }
        insta::assert_snapshot!(name, render(&loaded));
    }
}

#[test]
fn the_valid_fixture_is_clean() {
    let loaded =
        load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shop.schemata.json"));
    assert_eq!(loaded.diagnostics, []);
    assert_eq!(loaded.design.map(|d| d.tables.len()), Some(4));
}

/// The example designs of the repository load without any error.
#[test]
fn examples_have_no_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !path.to_string_lossy().ends_with(".schemata.json") {
            continue;
        }
        let loaded = load_file(&path);
        assert!(loaded.design.is_some(), "{}", path.display());
        assert!(
            !loaded.has_errors(),
            "{}: {:#?}",
            path.display(),
            loaded.diagnostics
        );
    }
}
