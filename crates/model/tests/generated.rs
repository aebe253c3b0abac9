//! Generated files that are committed: the JSON Schema of the design file and the TypeScript
//! bindings of the model types. These tests fail when a committed file is stale; run them with
//! `SCHEMATA_UPDATE_GENERATED=1` to rewrite the files instead.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use schemata_model::{Design, Diagnostic};
use ts_rs::{Config, TS, TypeVisitor};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn updating() -> bool {
    std::env::var("SCHEMATA_UPDATE_GENERATED").is_ok_and(|v| v == "1")
}

const HOW: &str = "run `SCHEMATA_UPDATE_GENERATED=1 cargo test -p schemata-model --test generated` and commit the result";

/// Compare `files` (relative to the repository root) with what is on disk, or write them.
fn check_or_write(files: &BTreeMap<PathBuf, String>) {
    let root = repo_root();
    let mut stale = Vec::new();
    for (rel, expected) in files {
        let path = root.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(expected.as_str()) {
            continue;
        }
        if updating() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("create the directory");
            }
            std::fs::write(&path, expected).expect("write the generated file");
        } else {
            let why = if current.is_none() {
                "missing"
            } else {
                "stale"
            };
            stale.push(format!("{} ({why})", rel.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "generated files out of date: {}; {HOW}",
        stale.join(", ")
    );
}

#[test]
fn json_schema_is_current() {
    let text = schemata_model::schema::json_schema_text();
    let value: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(value["title"], "Design");
    let mut files = BTreeMap::new();
    files.insert(PathBuf::from(schemata_model::schema::SCHEMA_FILE), text);
    check_or_write(&files);
}

/// Collects the declaration file of every exportable type reachable from the roots.
struct Bindings {
    cfg: Config,
    seen: HashSet<TypeId>,
    files: BTreeMap<PathBuf, String>,
}

impl TypeVisitor for Bindings {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let Some(path) = T::output_path() else { return };
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let text = T::export_to_string(&self.cfg)
            .unwrap_or_else(|e| panic!("cannot export {}: {e}", T::ident(&self.cfg)));
        self.files
            .insert(Path::new("ui/src/bindings").join(path), text);
        T::visit_dependencies(self);
    }
}

fn bindings() -> BTreeMap<PathBuf, String> {
    let mut b = Bindings {
        cfg: Config::new(),
        seen: HashSet::new(),
        files: BTreeMap::new(),
    };
    b.visit::<Design>();
    b.visit::<Diagnostic>();
    b.files
}

#[test]
fn typescript_bindings_are_current() {
    let files = bindings();
    let names: Vec<String> = files
        .keys()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for expected in [
        "Design.ts",
        "Table.ts",
        "Column.ts",
        "Diagnostic.ts",
        "Target.ts",
        "Layout.ts",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not generated: {names:?}"
        );
    }
    let column = &files[Path::new("ui/src/bindings/Column.ts")];
    assert!(column.contains("type: string"), "{column}");
    assert!(column.contains("nullable?: boolean"), "{column}");
    check_or_write(&files);
}
