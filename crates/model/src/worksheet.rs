//! The access-pattern worksheet: the queries a design must serve, with their rates.
//!
//! Every advisor weighs its findings by this worksheet. A pattern is one unit of work the
//! application performs (one request handler, one job step): one or more SQL statements run as a
//! transaction, issued at some rate.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The access patterns of a design.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Worksheet {
    /// The patterns, in the order the user keeps them.
    #[serde(default)]
    pub patterns: Vec<AccessPattern>,
}

impl Worksheet {
    /// Whether the worksheet has no pattern.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The pattern with this id.
    pub fn pattern(&self, id: &str) -> Option<&AccessPattern> {
        self.patterns.iter().find(|p| p.id == id)
    }
}

/// One access pattern: statements run together, at a rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct AccessPattern {
    /// Stable identifier, unique in the worksheet; filled from the name when absent.
    #[serde(default)]
    pub id: String,
    /// Name, e.g. `GetCustomerByEmail` (the sqlc query name in worksheet files).
    pub name: String,
    /// How often the pattern runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rate: Option<Rate>,
    /// Latency target in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub latency_ms: Option<f64>,
    /// Consistency the pattern needs from what it reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub consistency: Option<Consistency>,
    /// The SQL statements; several statements form one transaction.
    pub statements: Vec<String>,
    /// Id of another pattern this one is issued once per result row of (an N+1 shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub per_row_of: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<String>,
}

/// How often a pattern runs: an absolute rate or a relative weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rate {
    /// Executions per second.
    PerSecond(f64),
    /// A relative weight in percent of all traffic; used when absolute rates are not known.
    Percent(f64),
}

impl Rate {
    /// The number the advisors weigh by: executions per second, or the percentage.
    pub fn weight(self) -> f64 {
        let w = match self {
            Rate::PerSecond(r) | Rate::Percent(r) => r,
        };
        if w.is_finite() && w > 0.0 { w } else { 0.0 }
    }
}

/// Consistency a pattern needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Consistency {
    /// Reads see every committed write.
    Strong,
    /// Reads see at least the session's own writes.
    ReadYourWrites,
    /// Reads may lag behind writes.
    Eventual,
}

impl Consistency {
    /// The spelling used in files: `strong`, `read_your_writes`, `eventual`.
    pub fn as_str(self) -> &'static str {
        match self {
            Consistency::Strong => "strong",
            Consistency::ReadYourWrites => "read_your_writes",
            Consistency::Eventual => "eventual",
        }
    }
}

impl std::str::FromStr for Consistency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .as_str()
        {
            "strong" => Ok(Consistency::Strong),
            "read_your_writes" => Ok(Consistency::ReadYourWrites),
            "eventual" => Ok(Consistency::Eventual),
            other => Err(format!(
                "unknown consistency `{other}` (expected strong, read-your-writes or eventual)"
            )),
        }
    }
}
