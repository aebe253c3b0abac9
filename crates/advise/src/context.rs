//! What every rule reads: the design with look-ups, the analysed worksheet with its weights,
//! the keys and indexes of each table, and the index advisor's result.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use schemata_model::{Design, Diagnostic, IndexMethod, Rate, Table, Target};
use schemata_sql::query::{Catalog, StatementAnalysis};

use crate::advisor::{self, Advice};
use crate::shard::{ShardOptions, ShardPlan};

/// Row count assumed for a table without scale notes.
pub const DEFAULT_ROWS: f64 = 10_000.0;
/// Tables with fewer rows are scanned cheaply; no index is recommended for them.
pub const SMALL_TABLE_ROWS: f64 = 1_000.0;

/// One analysed access pattern.
#[derive(Debug, Clone)]
pub struct PatternInfo {
    /// Position in `design.worksheet.patterns`.
    pub index: usize,
    /// Rate weight: executions per second or percent; 1 when the pattern has no rate.
    pub weight: f64,
    /// Statements that parsed, with their position in the pattern (patterns that repeat a
    /// statement's text share its analysis).
    pub statements: Vec<(usize, Arc<StatementAnalysis>)>,
}

/// A key or index of a table, as the advisor compares it with needs.
#[derive(Debug, Clone)]
pub struct KeyIndex {
    /// `pk`, a unique constraint id or an index id.
    pub id: String,
    pub kind: KeyKind,
    /// Leading key columns (ids, with descending flags), up to the first expression part.
    pub columns: Vec<(String, bool)>,
    /// The index has expression parts (functions of columns).
    pub expressions: Vec<String>,
    pub unique: bool,
    pub partial: Option<String>,
    pub btree: bool,
}

/// Where a [`KeyIndex`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    PrimaryKey,
    Unique,
    Index,
}

/// Reads and writes on a table, rate-weighted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Load {
    pub read: f64,
    pub write: f64,
}

/// The shared context of one analysis.
pub struct Cx<'d> {
    pub design: &'d Design,
    tables: HashMap<&'d str, (usize, &'d Table)>,
    pub patterns: Vec<PatternInfo>,
    /// Diagnostics of the worksheet SQL itself (parse errors, unknown names), with paths.
    pub query_problems: Vec<Diagnostic>,
    pub total_weight: f64,
    pub keys: HashMap<&'d str, Vec<KeyIndex>>,
    pub load: HashMap<String, Load>,
    pub advice: Advice,
    /// What the shard advisor plans for; `None` leaves the sharding rules silent.
    pub shard_options: Option<ShardOptions>,
    shard: OnceLock<ShardPlan>,
}

impl<'d> Cx<'d> {
    /// Analyse the worksheet of `design` and run the index advisor.
    pub fn new(design: &'d Design) -> Self {
        let mut tables = HashMap::with_capacity(design.tables.len());
        let mut keys = HashMap::with_capacity(design.tables.len());
        for (i, t) in design.tables.iter().enumerate() {
            tables.entry(t.id.as_str()).or_insert((i, t));
            keys.entry(t.id.as_str()).or_insert_with(|| key_indexes(t));
        }
        let catalog = Catalog::new(design);
        let parsed = crate::worksheet::analyze_all(&catalog, design);
        let mut patterns = Vec::new();
        let mut query_problems = Vec::new();
        let mut load: HashMap<String, Load> = HashMap::new();
        let mut parsed = parsed.into_iter();
        for (pi, p) in design.worksheet.patterns.iter().enumerate() {
            let weight = p.rate.map_or(1.0, Rate::weight);
            let mut statements = Vec::new();
            for si in 0..p.statements.len() {
                let path = || format!("/worksheet/patterns/{pi}/statements/{si}");
                let target = || Target::Pattern {
                    pattern: p.id.clone(),
                };
                let Some(result) = parsed.next() else {
                    break;
                };
                match result {
                    Ok(all) => {
                        for a in all {
                            for d in &a.diagnostics {
                                query_problems
                                    .push(d.clone().with_path(path()).with_target(target()));
                            }
                            for t in &a.tables {
                                let l = match load.get_mut(t.table.as_str()) {
                                    Some(l) => l,
                                    None => load.entry(t.table.clone()).or_default(),
                                };
                                if t.target && a.kind.is_write() {
                                    l.write += weight;
                                } else {
                                    l.read += weight;
                                }
                            }
                            statements.push((si, a));
                        }
                    }
                    Err(d) => query_problems.push(
                        Diagnostic {
                            message: format!("pattern `{}`: {}", p.name, d.message),
                            ..*d
                        }
                        .with_path(path())
                        .with_target(target()),
                    ),
                }
            }
            patterns.push(PatternInfo {
                index: pi,
                weight,
                statements,
            });
        }
        let total_weight = patterns.iter().map(|p| p.weight).sum();
        let mut cx = Cx {
            design,
            tables,
            patterns,
            query_problems,
            total_weight,
            keys,
            load,
            advice: Advice::default(),
            shard_options: design.settings.sharding.as_ref().map(ShardOptions::from),
            shard: OnceLock::new(),
        };
        cx.advice = advisor::advise(&cx);
        cx
    }

    /// [`Cx::new`], with the shard advisor planning for `options` whatever the design's
    /// settings say.
    pub fn with_sharding(design: &'d Design, options: ShardOptions) -> Self {
        let mut cx = Cx::new(design);
        cx.shard_options = Some(options);
        cx
    }

    /// The shard plan, computed on first use; `None` when sharding is not in scope.
    pub fn shard_plan(&self) -> Option<&ShardPlan> {
        let options = self.shard_options?;
        Some(self.shard.get_or_init(|| crate::shard::plan(self, options)))
    }

    /// The table with this id and its position.
    pub fn table(&self, id: &str) -> Option<(usize, &'d Table)> {
        self.tables.get(id).copied()
    }

    /// Expected rows of a table (scale notes, else [`DEFAULT_ROWS`]).
    pub fn rows(&self, table: &Table) -> f64 {
        table
            .scale
            .as_ref()
            .and_then(|s| s.rows)
            .map_or(DEFAULT_ROWS, |r| r as f64)
            .max(1.0)
    }

    /// Expected distinct values of a column: declared, else from its type and keys.
    pub fn distinct(&self, table: &Table, column: &str) -> f64 {
        let rows = self.rows(table);
        let Some(c) = table.column(column) else {
            return rows;
        };
        if let Some(d) = c.distinct {
            return (d as f64).clamp(1.0, rows);
        }
        match &c.data_type {
            schemata_model::DataType::Boolean => return 2.0,
            schemata_model::DataType::Enum(values) => return values.len().max(1) as f64,
            _ => {}
        }
        let unique = self.keys.get(table.id.as_str()).is_some_and(|ks| {
            ks.iter()
                .any(|k| k.unique && k.columns.len() == 1 && k.columns[0].0 == column)
        });
        if unique { rows } else { (rows / 10.0).max(1.0) }
    }

    /// The pattern behind an info.
    pub fn pattern(&self, info: &PatternInfo) -> &'d schemata_model::AccessPattern {
        &self.design.worksheet.patterns[info.index]
    }

    /// Share of the worksheet's weight a pattern carries.
    pub fn share(&self, info: &PatternInfo) -> f64 {
        if self.total_weight > 0.0 {
            info.weight / self.total_weight
        } else {
            0.0
        }
    }

    /// A pattern is hot when it runs at least once a second or carries 1% of the weight.
    pub fn is_hot(&self, info: &PatternInfo) -> bool {
        let per_second = matches!(self.pattern(info).rate, Some(Rate::PerSecond(r)) if r >= 1.0);
        per_second || self.share(info) >= 0.01
    }

    /// Rate-weighted reads and writes of a table.
    pub fn load(&self, table_id: &str) -> Load {
        self.load.get(table_id).copied().unwrap_or_default()
    }

    /// `table.column` by names, for messages.
    pub fn column_label(&self, table: &Table, column: &str) -> String {
        format!("{}.{}", table.name, table.column_name(column))
    }
}

/// The primary key, unique constraints and indexes of a table.
pub fn key_indexes(t: &Table) -> Vec<KeyIndex> {
    let mut out = Vec::new();
    if let Some(pk) = &t.primary_key {
        out.push(KeyIndex {
            id: "pk".into(),
            kind: KeyKind::PrimaryKey,
            columns: pk.columns.iter().map(|c| (c.clone(), false)).collect(),
            expressions: Vec::new(),
            unique: true,
            partial: None,
            btree: true,
        });
    }
    for u in &t.uniques {
        out.push(KeyIndex {
            id: u.id.clone(),
            kind: KeyKind::Unique,
            columns: u.columns.iter().map(|c| (c.clone(), false)).collect(),
            expressions: Vec::new(),
            unique: true,
            partial: None,
            btree: true,
        });
    }
    for x in &t.indexes {
        let mut columns = Vec::new();
        let mut expressions = Vec::new();
        for part in &x.parts {
            match (&part.column, &part.expr) {
                (Some(c), _) if expressions.is_empty() => {
                    columns.push((c.clone(), part.order == schemata_model::SortOrder::Desc))
                }
                (_, Some(e)) => expressions.push(e.to_lowercase()),
                _ => {}
            }
        }
        out.push(KeyIndex {
            id: x.id.clone(),
            kind: KeyKind::Index,
            columns,
            expressions,
            unique: x.unique,
            partial: x.predicate.clone(),
            btree: x.method == IndexMethod::Btree,
        });
    }
    out
}
