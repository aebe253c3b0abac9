//! The TypeScript bindings of the api's requests and responses, committed under
//! `ui/src/bindings/` for the desktop app. The test fails when a committed file is stale; run it
//! with `SCHEMATA_UPDATE_GENERATED=1` to rewrite the files instead.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use schemata_api::{
    ApiError, CheckOptions, CheckReport, DdlOutput, DecompositionCheck, ExampleInfo, ExportReport,
    FdReport, FixReport, Goal, MigrationTool, NormalizeApplied, NormalizeOptions, NormalizeReport,
    Opened, Recovered, Startup, TextFormat,
};
use ts_rs::{Config, TS, TypeVisitor};

const BINDINGS_DIR: &str = "ui/src/bindings";

const HOW: &str = "run `SCHEMATA_UPDATE_GENERATED=1 cargo test -p schemata-api --test generated` \
                   and commit the result";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every exportable type reachable from the roots, as file path -> declaration text.
struct Collect {
    cfg: Config,
    seen: HashSet<TypeId>,
    files: BTreeMap<PathBuf, String>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let Some(path) = T::output_path() else { return };
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let text = T::export_to_string(&self.cfg)
            .unwrap_or_else(|e| panic!("cannot export {}: {e}", T::ident(&self.cfg)));
        self.files.insert(Path::new(BINDINGS_DIR).join(path), text);
        T::visit_dependencies(self);
    }
}

fn bindings() -> BTreeMap<PathBuf, String> {
    let mut c = Collect {
        cfg: Config::new(),
        seen: HashSet::new(),
        files: BTreeMap::new(),
    };
    c.visit::<ApiError>();
    c.visit::<Opened>();
    c.visit::<CheckOptions>();
    c.visit::<CheckReport>();
    c.visit::<FixReport>();
    c.visit::<DdlOutput>();
    c.visit::<ExportReport>();
    c.visit::<ExampleInfo>();
    c.visit::<MigrationTool>();
    c.visit::<NormalizeOptions>();
    c.visit::<NormalizeReport>();
    c.visit::<NormalizeApplied>();
    c.visit::<Goal>();
    c.visit::<FdReport>();
    c.visit::<Startup>();
    c.visit::<Recovered>();
    c.visit::<TextFormat>();
    c.visit::<DecompositionCheck>();
    c.visit::<schemata_api::Imported>();
    c.visit::<schemata_api::ImportOptions>();
    c.visit::<schemata_api::ImportProgress>();
    c.visit::<schemata_api::AdviseReport>();
    c.visit::<schemata_api::IndexesApplied>();
    c.visit::<schemata_api::WorksheetImported>();
    c.visit::<schemata_api::VerifyOptions>();
    c.visit::<schemata_api::VerifyReport>();
    c.visit::<schemata_api::ShardRequest>();
    c.visit::<schemata_api::ShardReport>();
    c.files
}

#[test]
fn typescript_bindings_are_current() {
    let files = bindings();
    for name in [
        "ApiError.ts",
        "ApiErrorCode.ts",
        "CheckReport.ts",
        "SeverityCounts.ts",
        "FileStatus.ts",
        "Rename.ts",
        "MigrationTool.ts",
        "Design.ts",
    ] {
        let path = Path::new(BINDINGS_DIR).join(name);
        assert!(files.contains_key(&path), "{name} not generated");
    }
    let error = &files[&Path::new(BINDINGS_DIR).join("ApiErrorCode.ts")];
    assert!(error.contains("\"invalid_design\""), "{error}");

    let root = repo_root();
    let update = std::env::var("SCHEMATA_UPDATE_GENERATED").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (rel, expected) in &files {
        let path = root.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(expected.as_str()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(path.parent().expect("a bindings folder"))
                .expect("create the bindings folder");
            std::fs::write(&path, expected).expect("write the binding");
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
