//! Schemata's advisors: the rule registry (one file per rule), the index advisor, and the
//! schema score, all weighted by the design's access-pattern worksheet.

pub mod advisor;
pub mod context;
pub mod ddl;
pub mod docs;
pub mod registry;
pub mod rules;
pub mod sarif;
pub mod score;

use schemata_model::{Design, Diagnostic};
use serde::Serialize;

pub use advisor::{Advice, ExistingIndex, RecommendedIndex};
pub use context::Cx;
pub use ddl::apply_indexes;
pub use registry::{Group, Rule};
pub use rules::RULES;
pub use score::{Score, score};

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
    let mut diagnostics = cx.query_problems.clone();
    diagnostics.extend(rules::run(&cx));
    Analysis {
        diagnostics,
        indexes: cx.advice.indexes.clone(),
        existing: cx.advice.existing.clone(),
    }
}
