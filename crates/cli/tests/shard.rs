//! End-to-end tests of `schemata shard`: the plan as text and JSON, the DDL and VSchema, and
//! bad input.

use std::path::PathBuf;
use std::process::Command;

/// What one run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exit status, stdout and stderr in one text, for snapshots.
    fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// A failure as the command line promises it: exit 2, a message, no panic.
    fn assert_clean_failure(&self, mentions: &str) {
        assert_eq!(self.code, 2, "{}", self.transcript());
        assert!(self.stdout.is_empty(), "{}", self.transcript());
        assert!(self.stderr.contains(mentions), "{}", self.transcript());
        assert!(!self.stderr.contains("panicked"), "{}", self.transcript());
    }
}

/// Run `schemata` from this crate's folder, without colours.
fn schemata(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_schemata"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the schemata binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const SAAS: &str = "../../examples/saas_multitenant.schemata.json";
const SOCIAL: &str = "../../examples/social_feed.schemata.json";
const ECOMMERCE: &str = "../../examples/ecommerce.schemata.json";
const ECOMMERCE_SHEET: &str = "../../examples/ecommerce.worksheet.sql";

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.transcript()))
}

/// The JSON report's promises: names and ids side by side, shares between 0 and 1.
fn check_json_shape(report: &serde_json::Value) {
    let share = report["single_shard_share"].as_f64().expect("a share");
    assert!((0.0..=1.0).contains(&share), "{share}");
    let tables = report["tables"].as_array().expect("tables");
    assert!(!tables.is_empty());
    for t in tables {
        assert!(t["name"].is_string() && t["table"].is_string(), "{t}");
        let mode = t["mode"].as_str().expect("a mode");
        assert!(["distributed", "reference", "local"].contains(&mode), "{t}");
        assert_eq!(mode == "distributed", t["key"].is_string(), "{t}");
        assert_eq!(t["key"].is_string(), t["key_id"].is_string(), "{t}");
    }
    for p in report["distributed_patterns"].as_array().expect("patterns") {
        assert!(p["name"].is_string() && p["id"].is_string(), "{p}");
    }
    for key in ["families", "alternatives", "lookups", "diagnostics"] {
        assert!(report[key].is_array(), "{key} missing");
    }
    assert!(
        report.get("ddl").is_none(),
        "the DDL is not part of the JSON"
    );
}

#[test]
fn examples_as_text_and_json() {
    for (name, file) in [("saas_multitenant", SAAS), ("social_feed", SOCIAL)] {
        let text = schemata(&["shard", file]);
        assert_eq!(text.code, 0, "{}", text.transcript());
        assert!(
            text.stdout
                .contains("of the rate-weighted worksheet runs on one shard"),
            "{}",
            text.stdout
        );
        insta::assert_snapshot!(format!("shard_{name}_text"), text.transcript());

        let run = schemata(&["shard", file, "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let report = json(&run);
        check_json_shape(&report);
        insta::assert_snapshot!(format!("shard_{name}_json"), run.stdout);
    }
}

#[test]
fn engine_and_shards_override_the_design() {
    let run = schemata(&[
        "shard", SOCIAL, "--engine", "vitess", "--shards", "16", "--format", "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report = json(&run);
    assert_eq!(report["engine"], "vitess");
    assert_eq!(report["shards"], 16);
    let text = schemata(&["shard", SOCIAL, "--engine", "vitess", "--shards", "16"]);
    assert!(text.stdout.contains("vitess, 16 shards"), "{}", text.stdout);
}

#[test]
fn ddl_prints_citus_sql_and_vitess_vschema() {
    let citus = schemata(&["shard", SAAS, "--ddl"]);
    assert_eq!(citus.code, 0, "{}", citus.transcript());
    assert!(
        citus.stdout.contains("create_distributed_table"),
        "{}",
        citus.stdout
    );
    assert!(citus.stdout.contains("CREATE TABLE"), "{}", citus.stdout);

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("vschema.json");
    let vitess = schemata(&[
        "shard",
        SAAS,
        "--engine",
        "vitess",
        "--ddl",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(vitess.code, 0, "{}", vitess.transcript());
    assert!(vitess.stdout.is_empty(), "{}", vitess.stdout);
    assert!(
        vitess.stderr.contains("wrote the Vitess VSchema"),
        "{}",
        vitess.stderr
    );
    let written = std::fs::read_to_string(&target).unwrap();
    let vschema: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(vschema["sharded"], true, "{vschema}");
}

#[test]
fn a_worksheet_file_replaces_the_design_worksheet() {
    let run = schemata(&[
        "shard",
        ECOMMERCE,
        "--worksheet",
        ECOMMERCE_SHEET,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report = json(&run);
    check_json_shape(&report);
    let sheet =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(ECOMMERCE_SHEET))
            .unwrap();
    let queries = sheet.matches("-- name:").count();
    assert_eq!(
        report["patterns"], queries,
        "one pattern per query of the file"
    );
}

#[test]
fn bad_input_exits_2_with_a_message() {
    schemata(&["shard", "no/such.schemata.json"]).assert_clean_failure("no/such.schemata.json");
    schemata(&["shard", SAAS, "--worksheet", "no/such.sql"]).assert_clean_failure("no/such.sql");
    schemata(&["shard", SAAS, "--shards", "0"]).assert_clean_failure("--shards");
    schemata(&["shard", SAAS, "--shards", "5000"]).assert_clean_failure("5000");
    schemata(&["shard", SAAS, "--shards", "many"]).assert_clean_failure("many");
    schemata(&["shard", SAAS, "--engine", "cockroach"]).assert_clean_failure("cockroach");

    let broken = schemata(&["shard", "tests/fixtures/broken_syntax.schemata.json"]);
    assert_eq!(
        broken.code,
        1,
        "an unusable design: {}",
        broken.transcript()
    );
    assert!(broken.stderr.contains("broken_syntax.schemata.json"));
    assert!(!broken.stderr.contains("panicked"));
}
