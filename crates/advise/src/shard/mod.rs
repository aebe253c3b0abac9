//! The shard-key advisor: which column distributes each table, which tables are co-located in
//! one family, and which are small enough to replicate to every node, chosen for the whole
//! design against the worksheet.
//!
//! The advisor reads the analysed worksheet of a [`Cx`]. Columns that hold the same values
//! (a foreign key and the key it references, the two sides of a join, columns bound to one
//! parameter in one transaction) form a *domain*; tables distributed by columns of one domain
//! are co-located and form a *family*. A plan gives every table a mode (distributed by a column,
//! reference, or local); its headline figure is the rate-weighted share of patterns whose every
//! statement routes to one shard, all to the same value. The search starts from one plan per
//! domain, from the plans people usually consider (each table by its primary key, everything
//! by `created_at`, by `country`, ...) and improves the best by moving one table at a time.

mod candidates;
pub mod citus;
pub mod codes;
mod domains;
mod eval;
mod facts;
mod report;
mod search;
pub mod vitess;

use schemata_model::{Design, ShardEngine, Sharding};
use serde::Serialize;
use ts_rs::TS;

use crate::context::Cx;

/// What the advisor plans for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardOptions {
    pub engine: ShardEngine,
    /// Number of shards (at least 1).
    pub shards: u32,
}

impl ShardOptions {
    /// The design's `settings.sharding`, else Citus with 32 shards.
    pub fn of(design: &Design) -> Self {
        let s = design.settings.sharding.clone().unwrap_or_default();
        ShardOptions::from(&s)
    }
}

impl From<&Sharding> for ShardOptions {
    fn from(s: &Sharding) -> Self {
        ShardOptions {
            engine: s.engine,
            shards: s.shards.max(1),
        }
    }
}

/// How a table is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TableMode {
    /// Split over the shards by its key column.
    Distributed,
    /// Copied to every node: small, rarely written, joined by distributed tables.
    Reference,
    /// Kept on one node (the coordinator): the worksheet does not use it with distributed tables.
    Local,
}

/// The placement of one table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TablePlan {
    /// Table id.
    pub table: String,
    /// Table name.
    pub name: String,
    pub mode: TableMode,
    /// Distribution column id (distributed tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<String>,
    /// Family id (distributed tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub family: Option<String>,
    /// Why this placement.
    pub reason: String,
}

/// Co-located distributed tables: their keys hold values of one domain.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Family {
    /// `f1`, `f2`, ... by descending traffic.
    pub id: String,
    /// The domain, named by the key it comes from, e.g. `users.id`.
    pub name: String,
    /// Table ids; the first is the one the others are co-located with.
    pub tables: Vec<String>,
    /// Rate-weighted share of the worksheet that touches the family.
    pub share: f64,
}

/// How one statement routes under the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Routing {
    /// One shard, chosen by the value of the key.
    SingleShard,
    /// Reads only reference or local tables: any one node answers.
    AnyNode,
    /// Several or all shards.
    MultiShard,
}

/// Why a statement or pattern is not single-shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Cause {
    /// No equality on a distribution column: every shard is read.
    NoKeyFilter,
    /// An IN list on a distribution column: several shards.
    InList,
    /// A multi-row INSERT or INSERT ... SELECT.
    BulkInsert,
    /// A join between distributed tables not on co-located keys.
    NonColocatedJoin,
    /// Statements of one transaction route by different values or families.
    DifferentValues,
    /// A write to a reference table (copied to every node).
    WritesReference,
    /// An UPDATE of the distribution column.
    UpdatesKey,
    /// A local table used with distributed tables.
    LocalWithDistributed,
}

/// The verdict on one statement of a pattern.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatementVerdict {
    /// Position in the pattern.
    pub statement: usize,
    pub routing: Routing,
    /// The routing value (`$1`, a literal) and the family, for single-shard statements.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<String>,
    /// Why the statement is not single-shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cause: Option<Cause>,
}

/// The verdict on one access pattern.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PatternVerdict {
    /// Pattern id.
    pub pattern: String,
    pub name: String,
    /// Rate weight (executions per second or percent).
    pub weight: f64,
    /// Every statement routes to one shard, all to the same value.
    pub single_shard: bool,
    /// The pattern writes rows on several shards in one transaction.
    pub write_fanout: bool,
    /// Why the pattern is distributed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cause: Option<Cause>,
    pub statements: Vec<StatementVerdict>,
}

/// One candidate distribution column of a table, scored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Candidate {
    /// Column id.
    pub column: String,
    /// 0 to 1: routability times spread; the candidates of a table are listed best first.
    pub score: f64,
    /// Share of the rate-weighted statements on the table that bind this column by equality.
    pub routability: f64,
    /// Share of the table's rate-weighted joins and transactions with distributed tables that
    /// this column as key would keep on one shard under the chosen plan (joined to the other
    /// table's key, or bound to the value that binds it).
    pub colocation: f64,
    /// Estimated distinct values.
    pub distinct: f64,
    /// Fewer distinct values than shards, or a boolean / status column.
    pub low_cardinality: bool,
    /// Values grow with time (identity, timestamps): a hot spot under range distribution.
    pub monotonic: bool,
    /// Declared skew (share of rows of the most common value).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub skew: Option<f64>,
    /// Rate-weighted writes on the table that would touch several shards with this key.
    pub write_fanout: f64,
    /// The plan's choice.
    pub chosen: bool,
}

/// The candidates of one table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TableCandidates {
    pub table: String,
    pub candidates: Vec<Candidate>,
}

/// A plan the user is likely to consider instead, scored the same way.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Alternative {
    /// E.g. `distribute by created_at`, `each table by its primary key`.
    pub name: String,
    pub single_shard_share: f64,
    /// The search's objective: share times spread, plus a tie-break for co-located foreign keys.
    pub score: f64,
    /// Patterns that stay distributed under it (ids).
    pub distributed_patterns: Vec<String>,
    /// Table id → distribution column id or `reference` / `local`.
    pub tables: Vec<(String, String)>,
    /// Why it ranks below the plan, in one sentence.
    pub verdict: String,
}

/// A lookup from a hot non-key column to the shard (a Vitess lookup vindex).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Lookup {
    pub table: String,
    pub column: String,
    /// The column is unique: one row, one shard.
    pub unique: bool,
    /// Rate weight of the patterns it would route.
    pub weight: f64,
    /// Pattern ids.
    pub patterns: Vec<String>,
}

/// The shard advisor's plan for a design.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ShardPlan {
    pub engine: ShardEngine,
    pub shards: u32,
    /// Headline: rate-weighted share of patterns that run on one shard (0 to 1).
    pub single_shard_share: f64,
    /// The search's objective for this plan.
    pub score: f64,
    /// Every table, in design order.
    pub tables: Vec<TablePlan>,
    pub families: Vec<Family>,
    /// Patterns that are not single-shard, heaviest first (ids).
    pub distributed_patterns: Vec<String>,
    /// The verdict on every pattern, in worksheet order.
    pub patterns: Vec<PatternVerdict>,
    /// Scored candidate keys per table (tables the worksheet uses), best first.
    pub candidates: Vec<TableCandidates>,
    /// Runner-up plans, best first.
    pub alternatives: Vec<Alternative>,
    /// Lookup vindexes worth adding for hot non-key equality lookups.
    pub lookups: Vec<Lookup>,
}

impl ShardPlan {
    /// The placement of a table.
    pub fn table(&self, id: &str) -> Option<&TablePlan> {
        self.tables.iter().find(|t| t.table == id)
    }

    /// The family of a table, when distributed.
    pub fn family_of(&self, id: &str) -> Option<&str> {
        self.table(id).and_then(|t| t.family.as_deref())
    }
}

/// Plan the distribution of `cx.design` for `options`.
pub fn plan(cx: &Cx<'_>, options: ShardOptions) -> ShardPlan {
    let facts = facts::Facts::new(cx);
    let doms = domains::Domains::new(cx, &facts);
    let cands = candidates::Candidates::new(cx, &facts, &doms, options);
    let result = search::search(cx, &facts, &doms, &cands);
    report::build(cx, &facts, &doms, &cands, options, result)
}

#[cfg(test)]
mod tests;
