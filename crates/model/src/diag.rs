//! Diagnostics: the one shape every check, rule and loader problem is reported in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How serious a diagnostic is. `error` makes `schemata check` exit with status 1.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What a diagnostic is about, by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Target {
    Design,
    Table { table: String },
    Column { table: String, column: String },
    Constraint { table: String, constraint: String },
    Index { table: String, index: String },
    Relationship { relationship: String },
    Pattern { pattern: String },
}

/// A place in the design file: line and column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

/// A problem or a piece of advice about a design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Diagnostic {
    /// Stable code, e.g. `S101`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub target: Option<Target>,
    /// JSON pointer into the design file, e.g. `/tables/2/columns/0/name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
    /// Line and column of `path` in the file, when the design was loaded from text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<Location>,
    /// A change that resolves the diagnostic, when one can be proposed mechanically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fix: Option<Fix>,
}

/// A proposed change that resolves a diagnostic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Fix {
    /// What the change does, e.g. `create index on orders (customer_id, placed_at)`.
    pub description: String,
    /// The change as SQL for the design's first target dialect, when it is expressible as SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sql: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity,
            message: message.into(),
            help: None,
            target: None,
            path: None,
            location: None,
            fix: None,
        }
    }
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_target(mut self, target: Target) -> Self {
        self.target = Some(target);
        self
    }
    /// Attach a proposed fix.
    pub fn with_fix(mut self, description: impl Into<String>, sql: Option<String>) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            sql,
        });
        self
    }
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }
}
