//! `normalize` and `fd`: normal-form analysis of a design's tables, decompositions applied to
//! the design, and the calculator for relations written on paper.

use schemata_model::{Design, Diagnostic};
use schemata_normalize::apply::{Goal, Proposal, propose};
use schemata_normalize::table::{TableReport, analyze_table};
use schemata_normalize::{DecompositionCheck, FdReport, Relation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiError;

/// Normal-form reports for the tables of a design.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NormalizeReport {
    pub tables: Vec<TableReport>,
}

/// A decomposition applied: what changed, and the design after it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NormalizeApplied {
    /// One proposal per table that changed.
    pub proposals: Vec<Proposal>,
    /// Plain-text preview of every proposal.
    pub preview: String,
    pub design: Design,
}

/// Which tables to work on: one by id or name, or all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NormalizeOptions {
    #[ts(optional)]
    pub table: Option<String>,
}

fn tables<'a>(
    design: &'a Design,
    opts: &NormalizeOptions,
) -> Result<Vec<&'a schemata_model::Table>, ApiError> {
    match &opts.table {
        None => Ok(design.tables.iter().collect()),
        Some(t) => design
            .table(t)
            .or_else(|| design.table_by_name(t))
            .map(|t| vec![t])
            .ok_or_else(|| ApiError::invalid_argument(format!("the design has no table `{t}`"))),
    }
}

/// Analyse the normal form of each table (or of one).
pub fn normalize(design: &Design, opts: &NormalizeOptions) -> Result<NormalizeReport, ApiError> {
    crate::ddl::ensure_valid(design, "analysing normal forms")?;
    let tables = tables(design, opts)?
        .into_iter()
        .map(|t| {
            analyze_table(design, t).map(|(_, _, r)| r).ok_or_else(|| {
                ApiError::new(
                    crate::ApiErrorCode::Unsupported,
                    format!("table `{}` has too many columns to analyse", t.name),
                )
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(NormalizeReport { tables })
}

/// Normal-form diagnostics of every table, for `check`.
pub(crate) fn normal_form_diagnostics(design: &Design) -> Vec<Diagnostic> {
    design
        .tables
        .iter()
        .filter_map(|t| analyze_table(design, t))
        .flat_map(|(_, _, r)| r.violations.into_iter().chain(r.first_normal_form))
        .collect()
}

/// Decompose each table (or one) that is not yet in `goal`, one after the other.
pub fn normalize_apply(
    design: &Design,
    opts: &NormalizeOptions,
    goal: Goal,
) -> Result<NormalizeApplied, ApiError> {
    crate::ddl::ensure_valid(design, "normalizing")?;
    let ids: Vec<String> = tables(design, opts)?.iter().map(|t| t.id.clone()).collect();
    let mut current = design.clone();
    let mut proposals = Vec::new();
    for id in ids {
        if let Some((p, next)) = propose(&current, &id, goal).map_err(ApiError::invalid_argument)? {
            proposals.push(p);
            current = next;
        }
    }
    let preview = if proposals.is_empty() {
        "nothing to change: every table already meets the goal\n".to_string()
    } else {
        proposals
            .iter()
            .map(Proposal::preview)
            .collect::<Vec<_>>()
            .join("\n")
    };
    Ok(NormalizeApplied {
        proposals,
        preview,
        design: current,
    })
}

/// The calculator: keys, cover, normal form and decompositions of a relation on paper, e.g.
/// `fd("A,B,C,D,E", "A->B,C; C,D->E; B->D; E->A")`.
pub fn fd(attributes: &str, dependencies: &str) -> Result<FdReport, ApiError> {
    Relation::parse(attributes, dependencies)
        .map(|r| r.report())
        .map_err(|e| ApiError::invalid_argument(e.to_string()))
}

/// Check a decomposition of the user's own (`"A,B; B,C"`) of a relation on paper: lossless join
/// by the chase, and which dependencies it fails to preserve.
pub fn fd_check_decomposition(
    attributes: &str,
    dependencies: &str,
    parts: &str,
) -> Result<DecompositionCheck, ApiError> {
    let rel = Relation::parse(attributes, dependencies)
        .map_err(|e| ApiError::invalid_argument(e.to_string()))?;
    rel.check_decomposition(parts)
        .map_err(|e| ApiError::invalid_argument(format!("decomposition: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calculator_answers_and_rejects() {
        let r = fd("A,B,C,D,E", "A->B,C; C,D->E; B->D; E->A").unwrap();
        assert_eq!(r.keys.len(), 4);
        let e = fd("A,B", "A->Z").unwrap_err();
        assert_eq!(e.code, crate::ApiErrorCode::InvalidArgument);
        assert!(e.message.contains("unknown attribute `Z`"), "{}", e.message);
    }

    #[test]
    fn examples_are_analysed() {
        let design = crate::examples::new_design("ecommerce").unwrap();
        let report = normalize(&design, &NormalizeOptions::default()).unwrap();
        assert_eq!(report.tables.len(), design.tables.len());
        let err = normalize(
            &design,
            &NormalizeOptions {
                table: Some("nope".into()),
            },
        )
        .unwrap_err();
        assert_eq!(err.code, crate::ApiErrorCode::InvalidArgument);
    }
}
