//! `ddl`: the CREATE statements of a design for one dialect.

use schemata_model::{Design, Diagnostic, DialectName, Severity};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::{apply_rule_levels, sort_diagnostics};
use crate::error::ApiError;

/// Generated DDL and what the dialect could not express.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DdlOutput {
    pub dialect: DialectName,
    /// The whole script, statements separated by blank lines, ending with a newline.
    pub sql: String,
    /// Dialect limitations (`D` codes): what was dropped or approximated.
    pub diagnostics: Vec<Diagnostic>,
}

/// Generate the DDL of a design for `dialect`. A design with validation errors has no DDL: the
/// error is `invalid_design` carrying those errors.
pub fn ddl(design: &Design, dialect: DialectName) -> Result<DdlOutput, ApiError> {
    ensure_valid(design, "generating DDL")?;
    let generated = schemata_sql::ddl::generate(design, dialect);
    let sql = generated.to_sql();
    let mut diagnostics = apply_rule_levels(design, generated.diagnostics);
    sort_diagnostics(&mut diagnostics);
    Ok(DdlOutput {
        dialect,
        sql,
        diagnostics,
    })
}

/// Fail with `invalid_design` when validation finds errors; `what` names the refused action.
pub(crate) fn ensure_valid(design: &Design, what: &str) -> Result<(), ApiError> {
    let mut errors: Vec<Diagnostic> = apply_rule_levels(design, schemata_model::validate(design))
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    sort_diagnostics(&mut errors);
    let count = errors.len();
    let noun = if count == 1 { "error" } else { "errors" };
    Err(ApiError::invalid_design(
        format!("the design has {count} validation {noun}; fix them before {what}"),
        errors,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiErrorCode;

    #[test]
    fn generates_for_every_dialect() {
        let design = crate::examples::new_design("ecommerce").unwrap();
        for dialect in DialectName::ALL {
            let out = ddl(&design, dialect).unwrap();
            assert_eq!(out.dialect, dialect);
            assert!(out.sql.contains("CREATE TABLE"), "{dialect}: {}", out.sql);
        }
    }

    #[test]
    fn refuses_an_invalid_design() {
        let mut design = crate::examples::new_design("ecommerce").unwrap();
        let first = design.tables[0].clone();
        design.tables.push(first);
        let err = ddl(&design, DialectName::Postgres).unwrap_err();
        assert_eq!(err.code, ApiErrorCode::InvalidDesign);
        assert!(!err.diagnostics.is_empty());
        assert!(
            err.diagnostics
                .iter()
                .all(|d| d.severity == Severity::Error)
        );
    }
}
