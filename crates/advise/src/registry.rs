//! The rule registry: every advisory rule with its stable code, name, group, default severity
//! and documentation.

use schemata_model::{Diagnostic, RuleLevel, Severity};
use serde::Serialize;
use ts_rs::TS;

use crate::context::Cx;

/// The score groups rules belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Group {
    /// Keys, references and types that keep data correct.
    Integrity,
    /// Normal forms.
    Normalization,
    /// Indexes for the worksheet, and indexes that cost without serving.
    Indexing,
    /// Query shapes that defeat indexes or return too much.
    Queries,
    /// Naming conventions.
    Conventions,
    /// Distribution keys (scored by the shard advisor).
    Sharding,
}

impl Group {
    /// Every group, in score order.
    pub const ALL: [Group; 6] = [
        Group::Integrity,
        Group::Normalization,
        Group::Indexing,
        Group::Queries,
        Group::Conventions,
        Group::Sharding,
    ];

    /// The spelling in output and documentation.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Integrity => "integrity",
            Group::Normalization => "normalization",
            Group::Indexing => "indexing",
            Group::Queries => "queries",
            Group::Conventions => "conventions",
            Group::Sharding => "sharding",
        }
    }

    /// The group of a diagnostic code: registry rules by their entry, the rest by prefix.
    /// File-format (`F`) and dialect-limitation (`D`) codes belong to no group: they say what a
    /// file or a target database cannot hold, not how good the design is.
    pub fn of_code(code: &str) -> Option<Group> {
        if let Some(rule) = crate::rules::find(code) {
            return Some(rule.group);
        }
        if code.starts_with("NF") {
            Some(Group::Normalization)
        } else if code.starts_with('N') {
            Some(Group::Conventions)
        } else if code.starts_with('Q') {
            Some(Group::Queries)
        } else if code.starts_with('V') {
            Some(Group::Integrity)
        } else {
            None
        }
    }
}

/// One rule.
pub struct Rule {
    /// Stable code, e.g. `A001`. Never reused for another meaning.
    pub code: &'static str,
    /// Kebab-case name, e.g. `missing-index`.
    pub name: &'static str,
    pub group: Group,
    pub severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// The rule's source file; its `//!` comment is the documentation page.
    pub source: &'static str,
    /// The check.
    pub check: fn(&Cx<'_>, &mut Vec<Diagnostic>),
}

impl Rule {
    /// The documentation: the `//!` lines at the top of the rule's file.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out.trim_end().to_string()
    }

    /// Severity under the design's `settings.rules`; `None` when the rule is off.
    pub fn level(&self, rules: &std::collections::BTreeMap<String, RuleLevel>) -> Option<Severity> {
        match rules.get(self.code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Info) => Some(Severity::Info),
            Some(RuleLevel::Warning) => Some(Severity::Warning),
            Some(RuleLevel::Error) => Some(Severity::Error),
            None => Some(self.severity),
        }
    }

    /// A diagnostic of this rule at its default severity.
    pub fn diag(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.severity, message)
    }
}
