//! Every rule has a fixture that triggers it and one that does not; the diagnostics of the
//! triggering fixture are snapshots.

use std::path::PathBuf;

use schemata_advise::RULES;
use schemata_model::{Design, Severity};

fn fixture(code: &str, kind: &str) -> Design {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(code)
        .join(format!("{kind}.schemata.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let loaded = schemata_model::load_str(&text);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    loaded.design.unwrap_or_default()
}

#[test]
fn every_rule_triggers_on_its_fixture_and_not_on_the_clean_one() {
    for rule in RULES {
        let trigger = schemata_advise::analyze(&fixture(rule.code, "trigger"));
        let hits: Vec<String> = trigger
            .diagnostics
            .iter()
            .filter(|d| d.code == rule.code)
            .map(|d| {
                format!(
                    "{} [{}] {}\n  help: {}\n  path: {}",
                    d.code,
                    d.severity,
                    d.message,
                    d.help.as_deref().unwrap_or("-"),
                    d.path.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert!(
            !hits.is_empty(),
            "{} did not trigger: {:?}",
            rule.code,
            trigger.diagnostics
        );
        insta::assert_snapshot!(rule.code, hits.join("\n"));
        let clean = schemata_advise::analyze(&fixture(rule.code, "clean"));
        let wrong: Vec<_> = clean
            .diagnostics
            .iter()
            .filter(|d| d.code == rule.code)
            .collect();
        assert!(
            wrong.is_empty(),
            "{} triggered on the clean fixture: {wrong:?}",
            rule.code
        );
        let q: Vec<_> = clean
            .diagnostics
            .iter()
            .chain(&trigger.diagnostics)
            .filter(|d| d.code.starts_with('Q'))
            .collect();
        assert!(q.is_empty(), "{}: fixture SQL problems {q:?}", rule.code);
    }
}

#[test]
fn codes_and_names_are_unique_and_documented() {
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len());
    let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), RULES.len());
    for r in RULES {
        let doc = r.doc();
        assert!(
            doc.starts_with(&format!("# {} {}", r.code, r.name)),
            "{}: {doc}",
            r.code
        );
        assert!(
            doc.contains(&format!("**Default severity:** {}", r.severity)),
            "{}",
            r.code
        );
        assert!(
            doc.contains(&format!("**Group:** {}", r.group.as_str())),
            "{}",
            r.code
        );
    }
}

#[test]
fn settings_turn_rules_off_and_relevel_them() {
    let mut design = fixture("A009", "trigger");
    design
        .settings
        .rules
        .insert("A009".into(), schemata_model::RuleLevel::Error);
    let d = schemata_advise::analyze(&design);
    assert!(
        d.diagnostics
            .iter()
            .any(|d| d.code == "A009" && d.severity == Severity::Error)
    );
    design
        .settings
        .rules
        .insert("A009".into(), schemata_model::RuleLevel::Off);
    let d = schemata_advise::analyze(&design);
    assert!(!d.diagnostics.iter().any(|d| d.code == "A009"));
}
