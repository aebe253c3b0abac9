//! Constraint and index names that the target dialects need to be unique.
//!
//! Only names written in the design are checked; names derived from the naming convention are
//! made unique by the DDL generator. The scopes are:
//! - every dialect: constraint and index names within one table;
//! - PostgreSQL: tables, indexes, primary keys and unique constraints (which create indexes)
//!   share one namespace per schema;
//! - MySQL: foreign-key and check constraint names are unique per database (schema);
//! - SQLite: tables and indexes share one namespace per database.
//!
//! Names compare case-insensitively so that designs stay portable.

use std::collections::{HashMap, HashSet};

use super::codes::DUPLICATE_CONSTRAINT_NAME;
use super::{
    Cx, PRIMARY_KEY_ID, constraint_target, index_target, schema_key, table_label, table_target,
};
use crate::design::DialectName;
use crate::diag::{Diagnostic, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Table,
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Index,
}

/// One named thing.
struct Named {
    kind: Kind,
    name: String,
    /// The name folded for comparison.
    key: String,
    table_pos: usize,
    schema: String,
    label: String,
    path: String,
    target: Target,
}

fn collect(cx: &Cx<'_>) -> Vec<Named> {
    let mut out = Vec::new();
    for (ti, t) in cx.tables() {
        let tl = table_label(t);
        let schema = schema_key(&t.schema);
        let mut push = |kind, name: &str, label: String, path: String, target| {
            out.push(Named {
                kind,
                name: name.to_string(),
                key: name.to_lowercase(),
                table_pos: ti,
                schema: schema.clone(),
                label,
                path,
                target,
            });
        };
        let base = format!("/tables/{ti}");
        push(
            Kind::Table,
            &t.name,
            format!("table `{tl}`"),
            format!("{base}/name"),
            table_target(t),
        );
        if let Some(name) = t.primary_key.as_ref().and_then(|p| p.name.as_deref()) {
            let target = constraint_target(t, PRIMARY_KEY_ID);
            push(
                Kind::PrimaryKey,
                name,
                format!("the primary key of `{tl}`"),
                format!("{base}/primary_key/name"),
                target,
            );
        }
        for (k, u) in t.uniques.iter().enumerate() {
            if let Some(name) = &u.name {
                let label = format!("unique constraint `{}` of `{tl}`", u.id);
                push(
                    Kind::Unique,
                    name,
                    label,
                    format!("{base}/uniques/{k}/name"),
                    constraint_target(t, &u.id),
                );
            }
        }
        for (k, c) in t.checks.iter().enumerate() {
            if let Some(name) = &c.name {
                let label = format!("check constraint `{}` of `{tl}`", c.id);
                push(
                    Kind::Check,
                    name,
                    label,
                    format!("{base}/checks/{k}/name"),
                    constraint_target(t, &c.id),
                );
            }
        }
        for (k, f) in t.foreign_keys.iter().enumerate() {
            if let Some(name) = &f.name {
                let label = format!("foreign key `{}` of `{tl}`", f.id);
                push(
                    Kind::ForeignKey,
                    name,
                    label,
                    format!("{base}/foreign_keys/{k}/name"),
                    constraint_target(t, &f.id),
                );
            }
        }
        for (k, x) in t.indexes.iter().enumerate() {
            if let Some(name) = &x.name {
                let label = format!("index `{}` of `{tl}`", x.id);
                push(
                    Kind::Index,
                    name,
                    label,
                    format!("{base}/indexes/{k}/name"),
                    index_target(t, &x.id),
                );
            }
        }
    }
    out.retain(|n| !n.name.is_empty());
    out
}

/// A scope in which names must be unique, and why.
struct Scope {
    kinds: &'static [Kind],
    per_table: bool,
    why: &'static str,
}

const CONSTRAINT_KINDS: &[Kind] = &[
    Kind::PrimaryKey,
    Kind::Unique,
    Kind::Check,
    Kind::ForeignKey,
    Kind::Index,
];

fn scopes(dialects: &[DialectName]) -> Vec<Scope> {
    let mut out = vec![Scope {
        kinds: CONSTRAINT_KINDS,
        per_table: true,
        why: "constraint and index names must be unique within a table",
    }];
    if dialects.contains(&DialectName::Postgres) {
        out.push(Scope {
            kinds: &[Kind::Table, Kind::PrimaryKey, Kind::Unique, Kind::Index],
            per_table: false,
            why: "PostgreSQL needs table, index, primary-key and unique constraint names to be unique within a schema",
        });
    }
    if dialects.contains(&DialectName::Mysql) {
        out.push(Scope {
            kinds: &[Kind::ForeignKey, Kind::Check],
            per_table: false,
            why: "MySQL needs foreign-key and check constraint names to be unique within a database",
        });
    }
    if dialects.contains(&DialectName::Sqlite) {
        out.push(Scope {
            kinds: &[Kind::Table, Kind::Index],
            per_table: false,
            why: "SQLite needs table and index names to be unique within a database",
        });
    }
    out
}

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let named = collect(cx);
    let mut reported: HashSet<&str> = HashSet::new();
    for scope in scopes(&cx.design.settings.dialects) {
        let mut first: HashMap<(usize, &str, &str), &Named> = HashMap::new();
        for n in named.iter().filter(|n| scope.kinds.contains(&n.kind)) {
            let owner = if scope.per_table {
                n.table_pos
            } else {
                usize::MAX
            };
            let key = (owner, n.schema.as_str(), n.key.as_str());
            let Some(earlier) = first.get(&key) else {
                first.insert(key, n);
                continue;
            };
            // Two tables with one name are reported as duplicate tables.
            if (n.kind == Kind::Table && earlier.kind == Kind::Table) || !reported.insert(&n.path) {
                continue;
            }
            out.push(
                Diagnostic::error(
                    DUPLICATE_CONSTRAINT_NAME,
                    format!("{} is named `{}`, like {}", n.label, n.name, earlier.label),
                )
                .with_help(scope.why)
                .with_target(n.target.clone())
                .with_path(n.path.clone()),
            );
        }
    }
}
