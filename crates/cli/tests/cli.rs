//! End-to-end tests of the `schemata` binary: exit statuses and outputs, as insta snapshots.

use std::path::{Path, PathBuf};
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
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `schemata` in `dir` with `args`, without colours and with a fixed help width.
fn schemata_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_schemata"))
        .args(args)
        .current_dir(dir)
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

/// Run `schemata` from this crate's folder, where fixtures are `tests/fixtures/...` and examples
/// `../../examples/...`.
fn schemata(args: &[&str]) -> Run {
    schemata_in(&crate_dir(), args)
}

const ECOMMERCE: &str = "../../examples/ecommerce.schemata.json";
const INVALID: &str = "tests/fixtures/invalid.schemata.json";
const BROKEN: &str = "tests/fixtures/broken_syntax.schemata.json";
const UNKNOWN_FIELD: &str = "tests/fixtures/unknown_field.schemata.json";

fn pretty_json_lines(stdout: &str) -> String {
    stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
            serde_json::to_string_pretty(&value).unwrap()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// --- help -----------------------------------------------------------------------------------

#[test]
fn help_texts() {
    for (name, args) in [
        ("help_main", vec!["--help"]),
        ("help_new", vec!["new", "--help"]),
        ("help_check", vec!["check", "--help"]),
        ("help_ddl", vec!["ddl", "--help"]),
        ("help_export", vec!["export", "--help"]),
    ] {
        let run = schemata(&args);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(run.stdout.contains("Examples:"), "{name} shows examples");
        insta::assert_snapshot!(name, run.stdout);
    }
}

#[test]
fn usage_errors_exit_2() {
    let no_args = schemata(&["check"]);
    assert_eq!(no_args.code, 2);
    assert!(no_args.stderr.contains("DESIGN"), "{}", no_args.stderr);

    let bad_dialect = schemata(&["ddl", ECOMMERCE, "--dialect", "oracle"]);
    assert_eq!(bad_dialect.code, 2);
    assert!(
        bad_dialect.stderr.contains("oracle"),
        "{}",
        bad_dialect.stderr
    );

    let bad_example = schemata(&["new", "--example", "nope", "-o", "x.json"]);
    assert_eq!(bad_example.code, 2);
}

// --- check ----------------------------------------------------------------------------------

#[test]
fn check_example_text_and_json() {
    let text = schemata(&["check", ECOMMERCE]);
    assert_eq!(text.code, 0, "{}", text.transcript());
    insta::assert_snapshot!("check_example_text", text.transcript());

    let json = schemata(&["check", ECOMMERCE, "--format", "json"]);
    assert_eq!(json.code, 0);
    let report: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(report["file"], ECOMMERCE);
    assert_eq!(report["counts"]["error"], 0);
    insta::assert_snapshot!("check_example_json", pretty_json_lines(&json.stdout));
}

#[test]
fn check_invalid_design_text_and_json() {
    let text = schemata(&["check", INVALID]);
    assert_eq!(text.code, 1, "{}", text.transcript());
    assert!(text.stdout.contains("error["));
    assert!(
        text.stdout.contains(&format!("--> {INVALID}:")),
        "diagnostics name the file with line:column"
    );
    insta::assert_snapshot!("check_invalid_text", text.transcript());

    let json = schemata(&["check", INVALID, "--format", "json"]);
    assert_eq!(json.code, 1);
    let report: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert!(report["counts"]["error"].as_u64().unwrap() > 0);
    for d in report["diagnostics"].as_array().unwrap() {
        if d.get("path").is_some() {
            assert!(d.get("location").is_some(), "located: {d}");
        }
    }
    insta::assert_snapshot!("check_invalid_json", pretty_json_lines(&json.stdout));
}

#[test]
fn check_broken_syntax_names_line_and_column() {
    let run = schemata(&["check", BROKEN]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(&format!("{BROKEN}:9:")),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("check_broken_syntax", run.transcript());
}

#[test]
fn check_unknown_field() {
    let run = schemata(&["check", UNKNOWN_FIELD]);
    assert!(run.stdout.contains("nulable"), "{}", run.stdout);
    insta::assert_snapshot!("check_unknown_field", run.transcript());
}

#[test]
fn check_several_files_reports_each_and_the_worst_status() {
    let run = schemata(&["check", ECOMMERCE, "missing.schemata.json", INVALID]);
    assert_eq!(run.code, 2, "an unreadable file wins: {}", run.transcript());
    assert!(run.stdout.contains(&format!("{ECOMMERCE}: ")));
    assert!(run.stdout.contains(&format!("{INVALID}: ")));
    assert!(
        run.stderr.contains("missing.schemata.json"),
        "{}",
        run.stderr
    );

    let json = schemata(&["check", ECOMMERCE, INVALID, "--format", "json"]);
    assert_eq!(json.code, 1);
    assert_eq!(json.stdout.lines().count(), 2, "one report per line");
}

#[test]
fn check_missing_file_exits_2_and_names_it() {
    let run = schemata(&["check", "nowhere/none.schemata.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!("check_missing_file", run.transcript());
}

#[test]
fn check_with_other_dialects() {
    let run = schemata(&[
        "check",
        ECOMMERCE,
        "--dialect",
        "sqlite",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(report["dialects"], serde_json::json!(["sqlite"]));
}

#[test]
fn check_fix_renames_and_writes_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("naming.schemata.json");
    std::fs::copy(
        crate_dir().join("tests/fixtures/naming.schemata.json"),
        &file,
    )
    .unwrap();

    let before = schemata_in(
        dir.path(),
        &["check", "naming.schemata.json", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(before.stdout.trim()).unwrap();
    let naming = |r: &serde_json::Value| {
        r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"].as_str().unwrap().starts_with('N'))
            .count()
    };
    assert!(naming(&report) > 0, "the fixture breaks the convention");

    let fixed = schemata_in(dir.path(), &["check", "naming.schemata.json", "--fix"]);
    insta::assert_snapshot!("check_fix", fixed.transcript());

    let after = schemata_in(
        dir.path(),
        &["check", "naming.schemata.json", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(after.stdout.trim()).unwrap();
    assert_eq!(naming(&report), 0, "{}", after.stdout);

    let again = schemata_in(dir.path(), &["check", "naming.schemata.json", "--fix"]);
    assert!(
        again.stdout.contains("nothing to rename"),
        "{}",
        again.stdout
    );
}

#[test]
fn check_fix_leaves_a_file_with_format_problems_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.schemata.json");
    std::fs::copy(crate_dir().join(UNKNOWN_FIELD), &file).unwrap();
    let before = std::fs::read_to_string(&file).unwrap();
    let run = schemata_in(dir.path(), &["check", "typo.schemata.json", "--fix"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("not fixed"), "{}", run.stdout);
    assert!(run.stdout.contains("F002"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

// --- ddl ------------------------------------------------------------------------------------

#[test]
fn ddl_example_postgres() {
    let run = schemata(&["ddl", ECOMMERCE, "--dialect", "postgres"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("CREATE TABLE"));
    assert!(
        run.stderr.is_empty(),
        "PostgreSQL expresses the whole example"
    );
    insta::assert_snapshot!("ddl_ecommerce_postgres", run.stdout);

    let mysql = schemata(&["ddl", ECOMMERCE, "--dialect", "mysql"]);
    assert_eq!(mysql.code, 0, "warnings do not fail: {}", mysql.stderr);
    assert!(mysql.stderr.contains("warning[D"), "{}", mysql.stderr);
    insta::assert_snapshot!("ddl_ecommerce_mysql_stderr", mysql.stderr);
}

#[test]
fn ddl_defaults_to_the_first_dialect_and_writes_files() {
    let default = schemata(&["ddl", ECOMMERCE]);
    let postgres = schemata(&["ddl", ECOMMERCE, "--dialect", "postgres"]);
    assert_eq!(default.stdout, postgres.stdout);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out/shop.sql");
    let run = schemata(&[
        "ddl",
        ECOMMERCE,
        "--dialect",
        "sqlite",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let sqlite = schemata(&["ddl", ECOMMERCE, "--dialect", "sqlite"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), sqlite.stdout);
    assert_ne!(sqlite.stdout, postgres.stdout);
}

#[test]
fn ddl_refuses_an_invalid_design() {
    let run = schemata(&["ddl", INVALID]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.is_empty(), "no DDL for an invalid design");
    assert!(
        run.stderr.contains(&format!("{INVALID}:")),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("ddl_invalid", run.transcript());

    let broken = schemata(&["ddl", BROKEN]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains(&format!("{BROKEN}:9:")),
        "{}",
        broken.stderr
    );
}

// --- export ---------------------------------------------------------------------------------

#[test]
fn export_writes_then_refuses_to_clobber() {
    let dir = tempfile::tempdir().unwrap();
    let design = crate_dir().join(ECOMMERCE);
    let design = design.to_str().unwrap();
    let args = ["export", design, "--tool", "flyway", "-o", "migrations"];

    let first = schemata_in(dir.path(), &args);
    assert_eq!(first.code, 0, "{}", first.transcript());
    let listing = first.stdout.replace(design, "ecommerce.schemata.json");
    insta::assert_snapshot!("export_flyway", listing);

    let again = schemata_in(dir.path(), &args);
    assert_eq!(again.code, 0);
    assert!(
        again
            .stdout
            .lines()
            .next()
            .unwrap()
            .starts_with("unchanged")
    );

    let first_file = first.stdout.split_whitespace().nth(1).unwrap().to_string();
    std::fs::write(dir.path().join(&first_file), "-- edited\n").unwrap();
    let refused = schemata_in(dir.path(), &args);
    assert_eq!(refused.code, 2, "{}", refused.transcript());
    assert!(refused.stderr.contains("--force") || refused.stderr.contains("force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&first_file)).unwrap(),
        "-- edited\n"
    );

    let mut forced = args.to_vec();
    forced.push("--force");
    let run = schemata_in(dir.path(), &forced);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("overwritten"), "{}", run.stdout);
}

#[test]
fn export_every_tool() {
    for tool in ["flyway", "golang-migrate", "sqlx", "dbmate", "liquibase"] {
        let dir = tempfile::tempdir().unwrap();
        let design = crate_dir().join(ECOMMERCE);
        let run = schemata_in(
            dir.path(),
            &[
                "export",
                design.to_str().unwrap(),
                "--tool",
                tool,
                "-o",
                "out",
            ],
        );
        assert_eq!(run.code, 0, "{tool}: {}", run.transcript());
        let files: Vec<&str> = run
            .stdout
            .lines()
            .filter_map(|l| l.strip_prefix("created"))
            .map(str::trim)
            .collect();
        assert!(!files.is_empty(), "{tool}");
        for f in files {
            assert!(dir.path().join(f).is_file(), "{tool}: {f}");
        }
    }
}

// --- new ------------------------------------------------------------------------------------

#[test]
fn new_creates_checks_clean_and_refuses_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let run = schemata_in(
        dir.path(),
        &[
            "new",
            "--example",
            "social_feed",
            "-o",
            "feed.schemata.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("new_example", run.transcript());

    let check = schemata_in(dir.path(), &["check", "feed.schemata.json"]);
    assert_eq!(check.code, 0, "{}", check.transcript());

    let again = schemata_in(dir.path(), &["new", "-o", "feed.schemata.json"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("feed.schemata.json"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--force"));

    let forced = schemata_in(dir.path(), &["new", "-o", "feed.schemata.json", "--force"]);
    assert_eq!(forced.code, 0);
    let text = std::fs::read_to_string(dir.path().join("feed.schemata.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        value
            .get("tables")
            .is_none_or(|t| t.as_array().unwrap().is_empty())
    );
}

#[test]
fn new_every_example_checks_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    for example in [
        "empty",
        "ecommerce",
        "url_shortener",
        "social_feed",
        "saas_multitenant",
        "library_cycle",
    ] {
        let file = format!("{example}.schemata.json");
        let run = schemata_in(dir.path(), &["new", "--example", example, "-o", &file]);
        assert_eq!(run.code, 0, "{example}: {}", run.transcript());
        let check = schemata_in(dir.path(), &["check", &file]);
        assert_eq!(check.code, 0, "{example}: {}", check.transcript());
    }
}

#[test]
fn fd_calculator_text_and_json() {
    let run = schemata(&["fd", "A,B,C,D,E", "A->B,C; C,D->E; B->D; E->A"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("fd_text", run.transcript());
    let run = schemata(&[
        "fd",
        "street,city,zip",
        "street,city->zip; zip->city",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    for key in [
        "keys",
        "prime",
        "cover",
        "normal_form",
        "violations",
        "synthesis_3nf",
        "bcnf",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(v["normal_form"], "3NF");
    assert_eq!(v["bcnf"][0]["lossless"], true);
    assert_eq!(v["bcnf"][0]["dependency_preserving"], false);
    assert_eq!(v["synthesis_3nf"][0]["dependency_preserving"], true);
    let run = schemata(&["fd", "ABC", "A->B; B->C", "--check", "AB; AC"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("fd_check", run.transcript());
    let bad = schemata(&["fd", "A,B", "A->Z"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown attribute `Z`"),
        "{}",
        bad.stderr
    );
}

#[test]
fn normalize_reports_and_applies() {
    let dir = tempfile::tempdir().unwrap();
    let design = dir.path().join("c.schemata.json");
    std::fs::write(
        &design,
        r#"{"format": 1, "tables": [{"name": "customers", "columns": [
            {"name": "id", "type": "bigint"}, {"name": "zip_code", "type": "varchar(10)"},
            {"name": "city", "type": "text"}],
          "primary_key": {"columns": ["id"]},
          "functional_dependencies": [{"lhs": ["zip_code"], "rhs": ["city"]}]}]}"#,
    )
    .unwrap();
    let run = schemata_in(dir.path(), &["normalize", "c.schemata.json"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("normalize_text", run.transcript());
    let run = schemata_in(
        dir.path(),
        &[
            "normalize",
            "c.schemata.json",
            "--apply",
            "3nf",
            "-o",
            "out.schemata.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("normalize_apply", run.transcript());
    let check = schemata_in(
        dir.path(),
        &["check", "out.schemata.json", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(check.stdout.trim()).unwrap();
    assert_eq!(report["counts"]["error"], 0, "{}", check.stdout);
    let text = std::fs::read_to_string(dir.path().join("out.schemata.json")).unwrap();
    assert!(text.contains("\"zip_codes\""), "{text}");
}
