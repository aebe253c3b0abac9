//! Schemata's advisors: the rule registry (one file per rule), the index advisor, and the
//! schema score, all weighted by the design's access-pattern worksheet.

pub mod advisor;
pub mod context;
pub mod ddl;
pub mod docs;
mod parallel;
pub mod registry;
pub mod rules;
pub mod sarif;
pub mod score;
pub mod shard;
mod worksheet;

use schemata_model::{Design, Diagnostic};
use serde::Serialize;

pub use advisor::{Advice, ExistingIndex, RecommendedIndex};
pub use context::Cx;
pub use ddl::apply_indexes;
pub use registry::{Group, Rule};
pub use rules::RULES;
pub use score::{Score, score, score_with};
pub use shard::{ShardOptions, ShardPlan};

/// The advisors' result for one design.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Rule diagnostics and the worksheet's own SQL problems (`Q` codes), unsorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Recommended indexes.
    pub indexes: Vec<RecommendedIndex>,
    /// What the worksheet does with each existing index (empty without a worksheet).
    pub existing: Vec<ExistingIndex>,
}

/// Run every enabled rule and the index advisor on `design`.
pub fn analyze(design: &Design) -> Analysis {
    let cx = Cx::new(design);
    let found = rules::run(&cx);
    let Cx {
        query_problems: mut diagnostics,
        advice,
        ..
    } = cx;
    diagnostics.extend(found);
    Analysis {
        diagnostics,
        indexes: advice.indexes,
        existing: advice.existing,
    }
}

/// The shard advisor's plan for `design` (its worksheet, scale notes and keys) under `options`.
pub fn shard_plan(design: &Design, options: ShardOptions) -> ShardPlan {
    shard_analysis(design, options).0
}

/// The shard plan and the sharding rules' diagnostics (`S` codes, at the levels the design's
/// rule settings give them).
pub fn shard_analysis(design: &Design, options: ShardOptions) -> (ShardPlan, Vec<Diagnostic>) {
    let cx = Cx::with_sharding(design, options);
    let diagnostics = rules::run_group(&cx, Group::Sharding);
    let plan = cx
        .shard_plan()
        .cloned()
        .unwrap_or_else(|| shard::plan(&cx, options));
    (plan, diagnostics)
}
