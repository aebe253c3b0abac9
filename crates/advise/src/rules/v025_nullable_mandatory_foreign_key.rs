//! # V025 nullable-mandatory-foreign-key
//!
//! **Group:** integrity · **Default severity:** warning
//!
//! A relationship is declared mandatory (every row on the `from` side must have a partner), but
//! the columns of its foreign key allow NULL, so the database accepts rows without a partner.
//!
//! This is the validation check of the same code, listed in the registry so that its level can
//! be configured and it counts in the score like the other rules.
//!
//! Fix: make the foreign-key columns NOT NULL, or make the relationship optional.

use schemata_model::{Diagnostic, Severity, Target};

use crate::context::Cx;
use crate::registry::{Group, Rule};

pub const RULE: Rule = Rule {
    code: "V025",
    name: "nullable-mandatory-foreign-key",
    group: Group::Integrity,
    severity: Severity::Warning,
    summary: "A mandatory relationship's foreign-key columns allow NULL",
    source: include_str!("v025_nullable_mandatory_foreign_key.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ri, r) in cx.design.relationships.iter().enumerate() {
        if !r.mandatory {
            continue;
        }
        let Some((_, t)) = cx.table(&r.from) else {
            continue;
        };
        let Some(fk) = r
            .foreign_key
            .as_deref()
            .and_then(|id| t.foreign_keys.iter().find(|f| f.id == id))
        else {
            continue;
        };
        let nullable: Vec<&str> = fk
            .columns
            .iter()
            .filter_map(|c| t.column(c))
            .filter(|c| c.nullable)
            .map(|c| c.name.as_str())
            .collect();
        if nullable.is_empty() {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "the relationship is mandatory but {}.{} allows NULL",
                t.name,
                nullable.join(", ")
            ))
            .with_help("make the foreign-key columns NOT NULL, or the relationship optional")
            .with_target(Target::Relationship {
                relationship: r.id.clone(),
            })
            .with_path(format!("/relationships/{ri}")),
        );
    }
}
