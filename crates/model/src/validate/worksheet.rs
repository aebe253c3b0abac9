//! Checks of the access-pattern worksheet's own structure: ids, references between patterns,
//! empty statements. What the SQL says is checked by the query analysis, not here.

use std::collections::HashSet;

use super::Cx;
use super::codes::{DUPLICATE_ID, EMPTY_PATTERN, PATTERN_REFERENCE};
use crate::diag::{Diagnostic, Target};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let patterns = &cx.design.worksheet.patterns;
    let ids: HashSet<&str> = patterns.iter().map(|p| p.id.as_str()).collect();
    let mut seen = HashSet::new();
    for (i, p) in patterns.iter().enumerate() {
        let target = Target::Pattern {
            pattern: p.id.clone(),
        };
        if !seen.insert(p.id.as_str()) {
            out.push(
                Diagnostic::error(
                    DUPLICATE_ID,
                    format!("two access patterns have the id `{}`", p.id),
                )
                .with_help("give each pattern its own id")
                .with_target(target.clone())
                .with_path(format!("/worksheet/patterns/{i}/id")),
            );
        }
        if p.statements.iter().all(|s| s.trim().is_empty()) {
            out.push(
                Diagnostic::error(
                    EMPTY_PATTERN,
                    format!("access pattern `{}` has no SQL statement", p.name),
                )
                .with_help("write the statement(s) the pattern runs")
                .with_target(target.clone())
                .with_path(format!("/worksheet/patterns/{i}/statements")),
            );
        }
        if let Some(parent) = &p.per_row_of {
            let problem = if parent == &p.id {
                Some(format!(
                    "access pattern `{}` is declared as issued per row of itself",
                    p.name
                ))
            } else if !ids.contains(parent.as_str()) {
                Some(format!(
                    "access pattern `{}` is issued per row of `{parent}`, which is not a pattern id",
                    p.name
                ))
            } else {
                None
            };
            if let Some(message) = problem {
                out.push(
                    Diagnostic::error(PATTERN_REFERENCE, message)
                        .with_help("name the id of the pattern whose result rows issue this one")
                        .with_target(target)
                        .with_path(format!("/worksheet/patterns/{i}/per_row_of")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Design, load_str};

    fn codes(json: &str) -> Vec<(String, Option<String>)> {
        let loaded = load_str(json);
        assert!(loaded.design.is_some(), "{:?}", loaded.diagnostics);
        let design: Design = loaded.design.unwrap_or_default();
        crate::validate(&design)
            .into_iter()
            .filter(|d| d.path.as_deref().unwrap_or("").starts_with("/worksheet"))
            .map(|d| (d.code, d.path))
            .collect()
    }

    #[test]
    fn flags_bad_references_duplicates_and_empty_statements() {
        let found = codes(
            r#"{"format": 1, "tables": [],
                "worksheet": {"patterns": [
                  {"id": "a", "name": "a", "statements": ["SELECT 1"]},
                  {"id": "a", "name": "b", "statements": [" "], "per_row_of": "zz"},
                  {"name": "c", "statements": ["SELECT 1"], "per_row_of": "c"}
                ]}}"#,
        );
        let expected: Vec<(String, Option<String>)> = [
            ("V029", "/worksheet/patterns/1/id"),
            ("V035", "/worksheet/patterns/1/statements"),
            ("V034", "/worksheet/patterns/1/per_row_of"),
            ("V034", "/worksheet/patterns/2/per_row_of"),
        ]
        .iter()
        .map(|(c, p)| (c.to_string(), Some(p.to_string())))
        .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_sound_worksheet_has_no_diagnostics() {
        let found = codes(
            r#"{"format": 1, "tables": [],
                "worksheet": {"patterns": [
                  {"name": "list", "rate": {"per_second": 5}, "statements": ["SELECT 1"]},
                  {"name": "each", "rate": {"percent": 10}, "consistency": "eventual",
                   "statements": ["SELECT 2"], "per_row_of": "list"}
                ]}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
