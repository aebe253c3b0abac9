//! `check`: every diagnostic Schemata has about a design, in one deterministic list.

use schemata_model::{Design, Diagnostic, DialectName, RuleLevel, Severity};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::path::Path;
use ts_rs::TS;

use crate::error::ApiError;
use crate::files::LoadedFile;

/// What `check` looks at.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CheckOptions {
    /// Dialects whose DDL limitations are reported; the design's own `settings.dialects` when
    /// empty.
    #[ts(as = "Option<_>", optional)]
    pub dialects: Vec<DialectName>,
}

/// How many diagnostics of each severity a report holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SeverityCounts {
    /// Number of errors.
    pub error: u32,
    /// Number of warnings.
    pub warning: u32,
    /// Number of infos.
    pub info: u32,
}

impl SeverityCounts {
    /// Count the diagnostics of each severity.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = SeverityCounts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }
}

/// The result of checking one design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckReport {
    /// The design file, when the design was checked from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<String>,
    /// Dialects whose DDL limitations were checked.
    pub dialects: Vec<DialectName>,
    /// Loader, validation (`V`), naming-convention (`N`) and dialect (`D`) diagnostics, sorted by
    /// place in the file, then code, then message.
    pub diagnostics: Vec<Diagnostic>,
    pub counts: SeverityCounts,
}

impl CheckReport {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.counts.error > 0
    }
}

/// Check a loaded design: validation, naming conventions, and the DDL limitations of each target
/// dialect. Rule levels from `settings.rules` are applied; duplicates are dropped.
pub fn check(design: &Design, options: &CheckOptions) -> CheckReport {
    check_with_rules(design, options, crate::advise::rule_diagnostics(design))
}

/// [`check`] with the advisory rules' diagnostics already computed (see
/// `crate::advise::rule_diagnostics`), so that `advise` analyses the worksheet once.
pub(crate) fn check_with_rules(
    design: &Design,
    options: &CheckOptions,
    rules: Vec<Diagnostic>,
) -> CheckReport {
    let dialects = target_dialects(design, &options.dialects);
    let mut diagnostics = schemata_model::validate(design);
    diagnostics.extend(beyond_validation(design, &dialects, rules));
    report(design, dialects, diagnostics)
}

/// Load and check a design file. A file that cannot be read is an error; a file that is not a
/// usable design is a report whose diagnostics say why. Every diagnostic that has a path gets
/// the line and column it points at.
pub fn check_file(path: &Path, options: &CheckOptions) -> Result<CheckReport, ApiError> {
    let file = LoadedFile::read(path)?;
    // The loader has validated the design already; its diagnostics carry their places.
    let mut diagnostics = file.loaded.diagnostics.clone();
    let mut report = match &file.loaded.design {
        Some(design) => {
            let dialects = target_dialects(design, &options.dialects);
            let rules = crate::advise::rule_diagnostics(design);
            let mut more = beyond_validation(design, &dialects, rules);
            file.locate(&mut more);
            diagnostics.extend(more);
            report(design, dialects, diagnostics)
        }
        None => {
            let design = Design::default();
            let dialects = target_dialects(&design, &options.dialects);
            report(&design, dialects, diagnostics)
        }
    };
    report.file = Some(path.display().to_string());
    Ok(report)
}

/// Convention, normal-form and advisory-rule diagnostics, and the DDL diagnostics of each
/// dialect.
fn beyond_validation(
    design: &Design,
    dialects: &[DialectName],
    rules: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut diagnostics = schemata_sql::conventions::check_conventions(design);
    diagnostics.extend(crate::normalize::normal_form_diagnostics(design));
    diagnostics.extend(rules);
    for &dialect in dialects {
        diagnostics.extend(schemata_sql::ddl::generate(design, dialect).diagnostics);
    }
    diagnostics
}

fn report(
    design: &Design,
    dialects: Vec<DialectName>,
    diagnostics: Vec<Diagnostic>,
) -> CheckReport {
    let mut diagnostics = apply_rule_levels(design, diagnostics);
    sort_diagnostics(&mut diagnostics);
    CheckReport {
        file: None,
        dialects,
        counts: SeverityCounts::of(&diagnostics),
        diagnostics,
    }
}

fn target_dialects(design: &Design, requested: &[DialectName]) -> Vec<DialectName> {
    let mut dialects = if requested.is_empty() {
        design.settings.dialects.clone()
    } else {
        requested.to_vec()
    };
    dialects.sort();
    dialects.dedup();
    dialects
}

/// Apply `settings.rules`: `off` drops a code, another level replaces its severity. File format
/// problems (`F` codes) are not rules and keep their severity.
pub fn apply_rule_levels(design: &Design, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let rules = &design.settings.rules;
    diagnostics
        .into_iter()
        .filter_map(|mut d| {
            if d.code.starts_with('F') {
                return Some(d);
            }
            match rules.get(&d.code) {
                Some(RuleLevel::Off) => None,
                Some(RuleLevel::Info) => {
                    d.severity = Severity::Info;
                    Some(d)
                }
                Some(RuleLevel::Warning) => {
                    d.severity = Severity::Warning;
                    Some(d)
                }
                Some(RuleLevel::Error) => {
                    d.severity = Severity::Error;
                    Some(d)
                }
                None => Some(d),
            }
        })
        .collect()
}

/// Sort diagnostics deterministically and drop exact duplicates: by line and column (those
/// without come first), then by JSON pointer with array indexes compared as numbers, then code,
/// severity (errors first), message, help and target.
pub fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(compare);
    diagnostics.dedup();
}

fn compare(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    let place = |d: &Diagnostic| d.location.map(|l| (l.line, l.column));
    place(a)
        .cmp(&place(b))
        .then_with(|| compare_paths(a.path.as_deref(), b.path.as_deref()))
        .then_with(|| a.code.cmp(&b.code))
        .then_with(|| b.severity.cmp(&a.severity))
        .then_with(|| a.message.cmp(&b.message))
        .then_with(|| a.help.cmp(&b.help))
        .then_with(|| format!("{:?}", a.target).cmp(&format!("{:?}", b.target)))
}

fn compare_paths(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => {
            let mut xs = a.split('/');
            let mut ys = b.split('/');
            loop {
                match (xs.next(), ys.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(x), Some(y)) => {
                        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                            (Ok(i), Ok(j)) => i.cmp(&j),
                            _ => x.cmp(y),
                        };
                        if order != Ordering::Equal {
                            return order;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemata_model::Location;

    #[test]
    fn sorts_by_place_then_numeric_path() {
        let mut diags = vec![
            Diagnostic::error("V002", "b").with_path("/tables/10/name"),
            Diagnostic::warning("N001", "a").with_path("/tables/2/name"),
            Diagnostic::error("V001", "design"),
            Diagnostic::error("V009", "late").with_path("/tables/0"),
            Diagnostic::warning("N001", "a").with_path("/tables/2/name"),
        ];
        diags[3].location = Some(Location {
            line: 40,
            column: 1,
        });
        sort_diagnostics(&mut diags);
        let order: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["design", "a", "b", "late"]);
    }

    #[test]
    fn rule_levels_change_or_drop_codes() {
        let mut design = Design::default();
        design.settings.rules.insert("N001".into(), RuleLevel::Off);
        design
            .settings
            .rules
            .insert("V002".into(), RuleLevel::Warning);
        design.settings.rules.insert("F001".into(), RuleLevel::Off);
        let out = apply_rule_levels(
            &design,
            vec![
                Diagnostic::warning("N001", "x"),
                Diagnostic::error("V002", "y"),
                Diagnostic::error("F001", "z"),
                Diagnostic::error("V003", "w"),
            ],
        );
        let got: Vec<(&str, Severity)> =
            out.iter().map(|d| (d.code.as_str(), d.severity)).collect();
        assert_eq!(
            got,
            [
                ("V002", Severity::Warning),
                ("F001", Severity::Error),
                ("V003", Severity::Error)
            ]
        );
    }

    #[test]
    fn counts_severities() {
        let counts = SeverityCounts::of(&[
            Diagnostic::error("V1", "a"),
            Diagnostic::warning("N1", "b"),
            Diagnostic::warning("N2", "c"),
        ]);
        assert_eq!(
            counts,
            SeverityCounts {
                error: 1,
                warning: 2,
                info: 0
            }
        );
    }

    #[test]
    fn checks_an_example_per_dialect() {
        let design = crate::examples::new_design("ecommerce").unwrap();
        let all = check(&design, &CheckOptions::default());
        assert_eq!(all.counts.error, 0, "{:?}", all.diagnostics);
        assert_eq!(all.dialects, design.settings.dialects);
        let postgres_only = check(
            &design,
            &CheckOptions {
                dialects: vec![DialectName::Postgres],
            },
        );
        assert!(postgres_only.diagnostics.len() < all.diagnostics.len());
        assert!(all.diagnostics.iter().any(|d| d.message.contains("MySQL")));
        assert!(
            postgres_only
                .diagnostics
                .iter()
                .all(|d| !d.message.contains("MySQL"))
        );
    }

    fn write(dir: &tempfile::TempDir, text: &str) -> std::path::PathBuf {
        let path = dir.path().join("t.schemata.json");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn check_file_places_every_diagnostic_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            &dir,
            r#"{
  "format": 1,
  "tables": [
    { "name": "Things",
      "columns": [ { "name": "id", "type": "bigint" }, { "name": "id", "type": "text" } ],
      "primary_key": { "columns": ["id"] } }
  ]
}"#,
        );
        let report = check_file(&path, &CheckOptions::default()).unwrap();
        assert_eq!(
            report.file.as_deref(),
            Some(path.display().to_string().as_str())
        );
        assert!(report.has_errors());
        assert!(report.diagnostics.iter().any(|d| d.code.starts_with('V')));
        assert!(report.diagnostics.iter().any(|d| d.code.starts_with('N')));
        for d in &report.diagnostics {
            assert!(d.location.is_some(), "{d:?}");
        }
        let mut unique = report.diagnostics.clone();
        unique.dedup();
        assert_eq!(unique.len(), report.diagnostics.len());
        let v: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('V'))
            .collect();
        let again = check(
            &schemata_model::load_str(&std::fs::read_to_string(&path).unwrap())
                .design
                .unwrap(),
            &CheckOptions::default(),
        );
        let v_again = again
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('V'))
            .count();
        assert_eq!(v.len(), v_again, "validation runs once per file");
    }

    #[test]
    fn check_file_reports_unusable_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "{\n  \"format\": 1,\n  \"tables\": [}\n");
        let report = check_file(&path, &CheckOptions::default()).unwrap();
        assert_eq!(report.counts.error, 1);
        assert_eq!(report.diagnostics[0].code, "F001");
        assert_eq!(report.diagnostics[0].location.map(|l| l.line), Some(3));

        let missing = check_file(&dir.path().join("none.json"), &CheckOptions::default());
        assert_eq!(missing.unwrap_err().code, crate::ApiErrorCode::NotFound);
    }

    #[test]
    fn requested_dialects_replace_the_designs() {
        let design = Design::default();
        assert_eq!(target_dialects(&design, &[]), [DialectName::Postgres]);
        assert_eq!(
            target_dialects(
                &design,
                &[DialectName::Sqlite, DialectName::Mysql, DialectName::Sqlite]
            ),
            [DialectName::Mysql, DialectName::Sqlite]
        );
    }
}
