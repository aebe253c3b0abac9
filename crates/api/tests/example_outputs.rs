//! Every example design's generated outputs are committed under `examples/generated/<name>/`:
//! the DDL for each dialect, the Mermaid and DBML exports, and the Citus DDL and Vitess VSchema
//! of its shard plan. This test fails when a file is stale or missing; regenerate with
//! `SCHEMATA_UPDATE_GENERATED=1 cargo test -p schemata-api --test example_outputs`.

use std::path::{Path, PathBuf};

use schemata_api::{
    DialectName, ShardEngine, ShardRequest, TextFormat, ddl, example_names, export_text,
    new_design, shard,
};

fn outputs(name: &str) -> Vec<(String, String)> {
    let design = new_design(name).unwrap();
    let mut files = Vec::new();
    for (dialect, file) in [
        (DialectName::Postgres, "postgres.sql"),
        (DialectName::Mysql, "mysql.sql"),
        (DialectName::Sqlite, "sqlite.sql"),
    ] {
        let out = ddl(&design, dialect).unwrap();
        files.push((file.to_string(), out.sql));
    }
    files.push(("erd.mmd".into(), export_text(&design, TextFormat::Mermaid)));
    files.push(("schema.dbml".into(), export_text(&design, TextFormat::Dbml)));
    for (engine, file) in [
        (ShardEngine::Citus, "citus.sql"),
        (ShardEngine::Vitess, "vschema.json"),
    ] {
        let report = shard(
            &design,
            ShardRequest {
                engine: Some(engine),
                shards: None,
            },
        )
        .unwrap();
        let mut text = report.ddl;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        files.push((file.to_string(), text));
    }
    files
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/generated")
}

fn check(dir: &Path, files: &[(String, String)], update: bool, stale: &mut Vec<String>) {
    for (file, content) in files {
        let path = dir.join(file);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == *content {
            continue;
        }
        if update {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(&path, content).unwrap();
        } else {
            stale.push(path.display().to_string());
        }
    }
}

#[test]
fn example_outputs_are_current() {
    let update = std::env::var("SCHEMATA_UPDATE_GENERATED").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for name in example_names().into_iter().filter(|n| *n != "empty") {
        check(&root().join(name), &outputs(name), update, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "stale generated example outputs (run `SCHEMATA_UPDATE_GENERATED=1 cargo test -p \
         schemata-api --test example_outputs`): {stale:?}"
    );
}
