//! `advise`: the rules, the index advisor and the score for a design and its worksheet; and
//! worksheet files in and out of a design.

use std::path::Path;

use schemata_advise::{ExistingIndex, RecommendedIndex, Score};
use schemata_model::{Design, Diagnostic};
use serde::Serialize;
use ts_rs::TS;

use crate::check::{CheckOptions, sort_diagnostics};
use crate::error::ApiError;
use crate::files::LoadedFile;

/// The advisors' report on one design.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AdviseReport {
    /// The design file, when advised from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<String>,
    /// 0-100 with its breakdown by group; every point lost names its diagnostic.
    pub score: Score,
    /// Every diagnostic of `check` and of the advisory rules, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Recommended indexes, with the patterns each serves and why.
    pub indexes: Vec<RecommendedIndex>,
    /// Existing indexes: kept (serving patterns) or unused.
    pub existing: Vec<ExistingIndex>,
}

/// The recommended indexes applied: the design with them, and what was added.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IndexesApplied {
    /// The design with every recommended index added.
    pub design: Design,
    /// The indexes that were added.
    pub indexes: Vec<RecommendedIndex>,
}

/// A worksheet file merged into a design.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorksheetImported {
    /// The design with the file's patterns merged in.
    pub design: Design,
    /// The file's warnings (a file with errors is refused).
    pub diagnostics: Vec<Diagnostic>,
}

/// Advisory-rule diagnostics for `check`: the registry's rules and the worksheet's SQL problems,
/// without the validation codes that `check` reports already.
pub(crate) fn rule_diagnostics(design: &Design) -> Vec<Diagnostic> {
    rules_of(&schemata_advise::analyze(design))
}

fn rules_of(analysis: &schemata_advise::Analysis) -> Vec<Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| !d.code.starts_with('V'))
        .cloned()
        .collect()
}

/// Advise on a loaded design.
pub fn advise(design: &Design) -> AdviseReport {
    let analysis = schemata_advise::analyze(design);
    // `check` reports the advisory rules too, with the rule levels applied; it is given this
    // analysis's diagnostics rather than analysing the worksheet again.
    let rules = rules_of(&analysis);
    let diagnostics =
        crate::check::check_with_rules(design, &CheckOptions::default(), rules).diagnostics;
    AdviseReport {
        file: None,
        score: schemata_advise::score_with(&diagnostics, design.settings.sharding.is_some()),
        diagnostics,
        indexes: analysis.indexes,
        existing: analysis.existing,
    }
}

/// Load a design file and advise on it; with `worksheet`, the patterns of that worksheet file
/// replace the design's own. Diagnostics with a path get their line and column in the design
/// file; those of the worksheet file carry its lines.
pub fn advise_file(path: &Path, worksheet: Option<&Path>) -> Result<AdviseReport, ApiError> {
    let file = LoadedFile::read(path)?;
    let Some(mut design) = file.loaded.design.clone() else {
        let mut diagnostics = file.loaded.diagnostics.clone();
        sort_diagnostics(&mut diagnostics);
        return Err(ApiError::invalid_design(
            format!("{}: not a usable design", path.display()),
            diagnostics,
        ));
    };
    let mut sheet_problems = Vec::new();
    if let Some(w) = worksheet {
        let text =
            std::fs::read_to_string(w).map_err(|e| ApiError::from_io("cannot read", w, &e))?;
        let (merged, problems) = replace_worksheet(&design, &text);
        design = merged;
        sheet_problems = problems;
    }
    let mut report = advise(&design);
    if worksheet.is_none() {
        file.locate(&mut report.diagnostics);
    }
    report.diagnostics.extend(sheet_problems);
    sort_diagnostics(&mut report.diagnostics);
    report.file = Some(path.display().to_string());
    Ok(report)
}

/// The design with its worksheet replaced by the patterns of a worksheet file, and the file's
/// problems.
pub fn replace_worksheet(design: &Design, sql: &str) -> (Design, Vec<Diagnostic>) {
    let (sheet, problems) = schemata_sql::worksheet::parse(sql);
    let mut out = design.clone();
    out.worksheet.patterns.clear();
    merge_patterns(&mut out, sheet.patterns);
    (out, problems)
}

/// `worksheet import`: the patterns of a worksheet file merged into the design: a pattern with
/// the name of an existing one replaces it (keeping its id), the others are appended. Returns
/// the new design and the file's problems; a file with errors changes nothing.
pub fn worksheet_import(design: &Design, sql: &str) -> Result<(Design, Vec<Diagnostic>), ApiError> {
    let (sheet, problems) = schemata_sql::worksheet::parse(sql);
    if problems
        .iter()
        .any(|d| d.severity == schemata_model::Severity::Error)
    {
        return Err(ApiError::invalid_argument(format!(
            "the worksheet file has {} problem(s): {}",
            problems.len(),
            problems
                .iter()
                .map(|d| {
                    let line = d
                        .location
                        .map(|l| format!("line {}: ", l.line))
                        .unwrap_or_default();
                    format!("{line}{}", d.message)
                })
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    let mut out = design.clone();
    merge_patterns(&mut out, sheet.patterns);
    Ok((out, problems))
}

fn merge_patterns(design: &mut Design, patterns: Vec<schemata_model::AccessPattern>) {
    for mut p in patterns {
        match design
            .worksheet
            .patterns
            .iter_mut()
            .find(|q| q.name == p.name)
        {
            Some(existing) => {
                p.id = existing.id.clone();
                *existing = p;
            }
            None => design.worksheet.patterns.push(p),
        }
    }
    schemata_model::fill_missing_ids(design);
    // Files name the parent pattern; the design refers to it by id.
    let ids: Vec<(String, String)> = design
        .worksheet
        .patterns
        .iter()
        .map(|p| (p.name.clone(), p.id.clone()))
        .collect();
    for p in &mut design.worksheet.patterns {
        if let Some(parent) = &p.per_row_of
            && let Some((_, id)) = ids.iter().find(|(name, _)| name == parent)
        {
            p.per_row_of = Some(id.clone());
        }
    }
}

/// `worksheet export`: the design's worksheet as a worksheet file.
pub fn worksheet_export(design: &Design) -> String {
    schemata_sql::worksheet::write(&design.worksheet)
}

/// The design with the recommended indexes added, as one change (the design passed in is its
/// undo).
pub fn apply_recommended_indexes(design: &Design) -> (Design, Vec<RecommendedIndex>) {
    let indexes = schemata_advise::analyze(design).indexes;
    (schemata_advise::apply_indexes(design, &indexes), indexes)
}

/// The report as a SARIF 2.1.0 log, for CI annotations.
pub fn advise_sarif(report: &AdviseReport) -> serde_json::Value {
    schemata_advise::sarif::sarif(
        report.file.as_deref().unwrap_or("design.schemata.json"),
        &report.diagnostics,
    )
}
