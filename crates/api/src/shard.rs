//! `shard`: the shard advisor's plan for a design and its worksheet (which column distributes
//! each table, which tables are co-located or copied to every node), its diagnostics, and the
//! Citus DDL or Vitess VSchema that applies it.

use std::path::Path;

use schemata_advise::ShardOptions;
use schemata_advise::shard::{Cause, ShardPlan, TableMode};
use schemata_model::{Design, Diagnostic, ShardEngine};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::advise::replace_worksheet;
use crate::check::sort_diagnostics;
use crate::error::ApiError;
use crate::files::LoadedFile;

/// The most shards a request may ask for.
pub const MAX_SHARDS: u32 = 4096;

/// What to plan for; a field left out comes from the design's `settings.sharding`, else Citus
/// with 32 shards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ShardRequest {
    /// Citus or Vitess.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub engine: Option<ShardEngine>,
    /// Number of shards, 1 to 4096.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub shards: Option<u32>,
}

/// The shard advisor's report on one design.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ShardReport {
    /// The design file, when planned from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<String>,
    /// Every table's placement, the families, the verdict on every pattern, the alternatives.
    pub plan: ShardPlan,
    /// The sharding rules' diagnostics (S codes) and those of the DDL, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The plan applied: Citus SQL, or the Vitess VSchema as pretty-printed JSON.
    pub ddl: String,
}

/// The options a request gives for `design`, or why they cannot be used.
pub fn shard_options(design: &Design, request: ShardRequest) -> Result<ShardOptions, ApiError> {
    let base = ShardOptions::of(design);
    let shards = request.shards.unwrap_or(base.shards);
    if shards == 0 || shards > MAX_SHARDS {
        return Err(ApiError::invalid_argument(format!(
            "the shard count must be between 1 and {MAX_SHARDS}, not {shards}"
        )));
    }
    Ok(ShardOptions {
        engine: request.engine.unwrap_or(base.engine),
        shards,
    })
}

/// Plan the distribution of a loaded design.
pub fn shard(design: &Design, request: ShardRequest) -> Result<ShardReport, ApiError> {
    let options = shard_options(design, request)?;
    let (plan, mut diagnostics) = schemata_advise::shard_analysis(design, options);
    let ddl = match options.engine {
        ShardEngine::Citus => {
            let out = schemata_advise::shard::citus::citus_ddl(design, &plan);
            // The DDL repeats the rules' S001 / S002 for the keys it widens and the foreign keys
            // it drops, at the same places: the rules' diagnostics stand for both.
            for d in out.diagnostics {
                if !diagnostics
                    .iter()
                    .any(|x| x.code == d.code && x.path == d.path && x.target == d.target)
                {
                    diagnostics.push(d);
                }
            }
            out.sql
        }
        ShardEngine::Vitess => {
            let vschema = schemata_advise::shard::vitess::vschema(design, &plan);
            let mut text = serde_json::to_string_pretty(&vschema)
                .map_err(|e| ApiError::internal(format!("cannot print the VSchema: {e}")))?;
            text.push('\n');
            text
        }
    };
    sort_diagnostics(&mut diagnostics);
    Ok(ShardReport {
        file: None,
        plan,
        diagnostics,
        ddl,
    })
}

/// Load a design file and plan its distribution; with `worksheet`, the patterns of that
/// worksheet file replace the design's own. Diagnostics with a path get their line and column in
/// the design file; those of the worksheet file carry its lines.
pub fn shard_file(
    path: &Path,
    worksheet: Option<&Path>,
    request: ShardRequest,
) -> Result<ShardReport, ApiError> {
    load_and_shard(path, worksheet, request).map(|(_, report)| report)
}

/// Like [`shard_file`], with every id of the plan resolved to its name (see [`ShardSummary`]).
pub fn shard_file_summary(
    path: &Path,
    worksheet: Option<&Path>,
    request: ShardRequest,
) -> Result<ShardSummary, ApiError> {
    load_and_shard(path, worksheet, request).map(|(design, report)| shard_summary(&design, report))
}

fn load_and_shard(
    path: &Path,
    worksheet: Option<&Path>,
    request: ShardRequest,
) -> Result<(Design, ShardReport), ApiError> {
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
    let mut report = shard(&design, request)?;
    if worksheet.is_none() {
        file.locate(&mut report.diagnostics);
    }
    report.diagnostics.extend(sheet_problems);
    sort_diagnostics(&mut report.diagnostics);
    report.file = Some(path.display().to_string());
    Ok((design, report))
}

/// A [`ShardReport`] for people and scripts: tables, columns and patterns named, ids kept
/// alongside. The DDL is not part of its JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShardSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub engine: ShardEngine,
    pub shards: u32,
    /// Rate-weighted share of the worksheet that runs on one shard (0 to 1).
    pub single_shard_share: f64,
    /// Number of access patterns in the worksheet.
    pub patterns: usize,
    pub tables: Vec<NamedTable>,
    pub families: Vec<NamedFamily>,
    /// Patterns that are not single-shard, heaviest first.
    pub distributed_patterns: Vec<NamedPattern>,
    pub alternatives: Vec<NamedAlternative>,
    pub lookups: Vec<NamedLookup>,
    pub diagnostics: Vec<Diagnostic>,
    /// Citus SQL or the Vitess VSchema.
    #[serde(skip)]
    pub ddl: String,
}

/// The placement of one table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedTable {
    pub name: String,
    /// Table id.
    pub table: String,
    pub mode: TableMode,
    /// Distribution column name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Distribution column id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// Family id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    pub reason: String,
    /// The candidate distribution columns, best first (tables the worksheet uses).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<NamedCandidate>,
}

/// A candidate distribution column, scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedCandidate {
    /// Column name.
    pub column: String,
    /// Column id.
    pub column_id: String,
    #[serde(flatten)]
    pub scores: schemata_advise::shard::Candidate,
}

/// Co-located tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedFamily {
    pub id: String,
    /// The domain, e.g. `users.id`.
    pub name: String,
    /// Table names; the first is the one the others are co-located with.
    pub tables: Vec<String>,
    pub table_ids: Vec<String>,
    /// Rate-weighted share of the worksheet that touches the family.
    pub share: f64,
}

/// A pattern that is not single-shard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedPattern {
    pub name: String,
    /// Pattern id.
    pub id: String,
    pub weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
}

/// A runner-up plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedAlternative {
    pub name: String,
    pub single_shard_share: f64,
    pub score: f64,
    /// Why it ranks below the plan.
    pub verdict: String,
    /// Each table's placement: a column name, `reference` or `local`.
    pub tables: Vec<NamedPlacement>,
    /// Names of the patterns that stay distributed under it.
    pub distributed_patterns: Vec<String>,
}

/// One table's placement in an alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedPlacement {
    pub name: String,
    /// Table id.
    pub table: String,
    /// Distribution column name, or `reference` / `local`.
    pub placement: String,
}

/// A lookup from a hot non-key column to the shard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedLookup {
    /// `table.column`.
    pub name: String,
    pub table: String,
    pub column: String,
    pub unique: bool,
    pub weight: f64,
    /// Names of the patterns it would route.
    pub patterns: Vec<String>,
}

/// Name every id of `report` from `design` (the design it was planned for); an id the design
/// does not hold is kept as its own name.
pub fn shard_summary(design: &Design, report: ShardReport) -> ShardSummary {
    let plan = &report.plan;
    let table_name = |id: &str| {
        plan.table(id)
            .map(|t| t.name.clone())
            .or_else(|| design.table(id).map(|t| t.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let column_name = |table: &str, column: &str| -> Option<String> {
        design
            .table(table)
            .and_then(|t| t.columns.iter().find(|c| c.id == column))
            .map(|c| c.name.clone())
    };
    let pattern_name = |id: &str| {
        plan.patterns
            .iter()
            .find(|p| p.pattern == id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let tables = plan
        .tables
        .iter()
        .map(|t| NamedTable {
            name: t.name.clone(),
            table: t.table.clone(),
            mode: t.mode,
            key: t
                .key
                .as_deref()
                .map(|k| column_name(&t.table, k).unwrap_or_else(|| k.to_string())),
            key_id: t.key.clone(),
            family: t.family.clone(),
            reason: t.reason.clone(),
            candidates: plan
                .candidates
                .iter()
                .find(|c| c.table == t.table)
                .map(|tc| {
                    tc.candidates
                        .iter()
                        .map(|c| NamedCandidate {
                            column: column_name(&t.table, &c.column)
                                .unwrap_or_else(|| c.column.clone()),
                            column_id: c.column.clone(),
                            scores: c.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let families = plan
        .families
        .iter()
        .map(|f| NamedFamily {
            id: f.id.clone(),
            name: f.name.clone(),
            tables: f.tables.iter().map(|t| table_name(t)).collect(),
            table_ids: f.tables.clone(),
            share: f.share,
        })
        .collect();
    let distributed_patterns = plan
        .distributed_patterns
        .iter()
        .map(|id| {
            let verdict = plan.patterns.iter().find(|p| &p.pattern == id);
            NamedPattern {
                name: pattern_name(id),
                id: id.clone(),
                weight: verdict.map_or(0.0, |v| v.weight),
                reason: verdict.and_then(|v| v.reason.clone()),
                cause: verdict.and_then(|v| v.cause),
            }
        })
        .collect();
    let alternatives = plan
        .alternatives
        .iter()
        .map(|a| NamedAlternative {
            name: a.name.clone(),
            single_shard_share: a.single_shard_share,
            score: a.score,
            verdict: a.verdict.clone(),
            tables: a
                .tables
                .iter()
                .map(|(table, placement)| NamedPlacement {
                    name: table_name(table),
                    table: table.clone(),
                    placement: column_name(table, placement).unwrap_or_else(|| placement.clone()),
                })
                .collect(),
            distributed_patterns: a
                .distributed_patterns
                .iter()
                .map(|p| pattern_name(p))
                .collect(),
        })
        .collect();
    let lookups = plan
        .lookups
        .iter()
        .map(|l| {
            let table = table_name(&l.table);
            let column = column_name(&l.table, &l.column).unwrap_or_else(|| l.column.clone());
            NamedLookup {
                name: format!("{table}.{column}"),
                table: l.table.clone(),
                column: l.column.clone(),
                unique: l.unique,
                weight: l.weight,
                patterns: l.patterns.iter().map(|p| pattern_name(p)).collect(),
            }
        })
        .collect();
    ShardSummary {
        file: report.file.clone(),
        engine: plan.engine,
        shards: plan.shards,
        single_shard_share: plan.single_shard_share,
        patterns: plan.patterns.len(),
        tables,
        families,
        distributed_patterns,
        alternatives,
        lookups,
        diagnostics: report.diagnostics,
        ddl: report.ddl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiErrorCode;

    fn example(name: &str) -> Design {
        let path = format!(
            "{}/../../examples/{name}.schemata.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).expect("the example exists");
        schemata_model::load_str(&text)
            .design
            .expect("the example loads")
    }

    #[test]
    fn shard_counts_out_of_range_are_refused() {
        let design = example("saas_multitenant");
        for shards in [0, MAX_SHARDS + 1] {
            let err = shard(
                &design,
                ShardRequest {
                    engine: None,
                    shards: Some(shards),
                },
            )
            .unwrap_err();
            assert_eq!(err.code, ApiErrorCode::InvalidArgument);
            assert!(err.message.contains(&shards.to_string()), "{}", err.message);
        }
    }

    #[test]
    fn the_request_overrides_the_design_settings() {
        let design = example("saas_multitenant");
        let default = shard(&design, ShardRequest::default()).unwrap();
        assert_eq!(default.plan.engine, ShardEngine::Citus);
        assert_eq!(default.plan.shards, schemata_model::DEFAULT_SHARDS);
        assert!(
            default.ddl.contains("create_distributed_table"),
            "{}",
            default.ddl
        );

        let vitess = shard(
            &design,
            ShardRequest {
                engine: Some(ShardEngine::Vitess),
                shards: Some(8),
            },
        )
        .unwrap();
        assert_eq!(vitess.plan.engine, ShardEngine::Vitess);
        assert_eq!(vitess.plan.shards, 8);
        let vschema: serde_json::Value =
            serde_json::from_str(&vitess.ddl).expect("the VSchema is JSON");
        assert!(vschema.get("tables").is_some(), "{vschema}");
    }

    #[test]
    fn the_summary_names_keys_and_patterns() {
        let design = example("saas_multitenant");
        let report = shard(&design, ShardRequest::default()).unwrap();
        let distributed = report.plan.distributed_patterns.len();
        let summary = shard_summary(&design, report.clone());
        assert_eq!(summary.tables.len(), design.tables.len());
        for (named, placed) in summary.tables.iter().zip(&report.plan.tables) {
            let table = design.table(&placed.table).expect("a design table");
            assert_eq!(named.name, table.name);
            if let Some(key) = &placed.key {
                let column = table.columns.iter().find(|c| &c.id == key).unwrap();
                assert_eq!(named.key.as_deref(), Some(column.name.as_str()));
            }
        }
        assert_eq!(summary.distributed_patterns.len(), distributed);
        for p in &summary.distributed_patterns {
            assert!(
                design
                    .worksheet
                    .patterns
                    .iter()
                    .any(|q| q.name == p.name && q.id == p.id),
                "{p:?}"
            );
        }
        let json = serde_json::to_value(&summary).unwrap();
        assert!(json.get("ddl").is_none());
        assert!(json.get("single_shard_share").is_some());
    }

    #[test]
    fn a_request_deserializes_with_fields_left_out() {
        let r: ShardRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(r, ShardRequest::default());
        let r: ShardRequest = serde_json::from_str(r#"{"engine":"vitess","shards":4}"#).unwrap();
        assert_eq!(r.engine, Some(ShardEngine::Vitess));
        assert_eq!(r.shards, Some(4));
    }
}
