//! Identifiers the target dialects refuse or that hide characters: empty, too long, or with
//! control or invisible formatting characters.

use super::codes::{CONTROL_CHARACTERS, EMPTY_IDENTIFIER, IDENTIFIER_TOO_LONG};
use super::{
    Cx, PRIMARY_KEY_ID, column_target, constraint_target, index_target, table_label, table_target,
};
use crate::design::DialectName;
use crate::diag::{Diagnostic, Target};

/// One identifier of the design.
struct Ident<'d> {
    value: &'d str,
    /// What it is, e.g. `column name`.
    kind: &'static str,
    /// Where it belongs, e.g. ` in table `users``, or empty.
    owner: String,
    /// Its position, to name it when it is empty, e.g. `column 3`.
    position: String,
    path: String,
    target: Option<Target>,
}

fn collect<'d>(cx: &Cx<'d>) -> Vec<Ident<'d>> {
    let mut out = Vec::new();
    let mut add = |value: &'d str, kind, owner: &str, position: String, path, target| {
        out.push(Ident {
            value,
            kind,
            owner: owner.to_string(),
            position,
            path,
            target,
        });
    };
    for (ti, t) in cx.tables() {
        let base = format!("/tables/{ti}");
        let owner = format!(" of table `{}`", table_label(t));
        let table = Some(table_target(t));
        add(
            &t.name,
            "table name",
            "",
            format!("table {}", ti + 1),
            format!("{base}/name"),
            table.clone(),
        );
        if let Some(s) = &t.schema {
            add(
                s,
                "schema name",
                &owner,
                String::new(),
                format!("{base}/schema"),
                table,
            );
        }
        for (ci, c) in t.columns.iter().enumerate() {
            let target = Some(column_target(t, &c.id));
            add(
                &c.name,
                "column name",
                &owner,
                format!("column {}", ci + 1),
                format!("{base}/columns/{ci}/name"),
                target,
            );
        }
        if let Some(name) = t.primary_key.as_ref().and_then(|p| p.name.as_deref()) {
            let target = Some(constraint_target(t, PRIMARY_KEY_ID));
            add(
                name,
                "primary key name",
                &owner,
                String::new(),
                format!("{base}/primary_key/name"),
                target,
            );
        }
        for (k, u) in t.uniques.iter().enumerate() {
            if let Some(name) = &u.name {
                let target = Some(constraint_target(t, &u.id));
                add(
                    name,
                    "unique constraint name",
                    &owner,
                    u.id.clone(),
                    format!("{base}/uniques/{k}/name"),
                    target,
                );
            }
        }
        for (k, c) in t.checks.iter().enumerate() {
            if let Some(name) = &c.name {
                let target = Some(constraint_target(t, &c.id));
                add(
                    name,
                    "check constraint name",
                    &owner,
                    c.id.clone(),
                    format!("{base}/checks/{k}/name"),
                    target,
                );
            }
        }
        for (k, f) in t.foreign_keys.iter().enumerate() {
            if let Some(name) = &f.name {
                let target = Some(constraint_target(t, &f.id));
                add(
                    name,
                    "foreign key name",
                    &owner,
                    f.id.clone(),
                    format!("{base}/foreign_keys/{k}/name"),
                    target,
                );
            }
        }
        for (k, x) in t.indexes.iter().enumerate() {
            if let Some(name) = &x.name {
                let target = Some(index_target(t, &x.id));
                add(
                    name,
                    "index name",
                    &owner,
                    x.id.clone(),
                    format!("{base}/indexes/{k}/name"),
                    target,
                );
            }
        }
    }
    for (i, e) in cx.design.enums.iter().enumerate() {
        add(
            &e.name,
            "enum type name",
            "",
            format!("enum type {}", i + 1),
            format!("/enums/{i}/name"),
            None,
        );
        if let Some(s) = &e.schema {
            let owner = format!(" of enum type `{}`", e.name);
            add(
                s,
                "schema name",
                &owner,
                String::new(),
                format!("/enums/{i}/schema"),
                None,
            );
        }
    }
    for (i, d) in cx.design.domains.iter().enumerate() {
        add(
            &d.name,
            "domain name",
            "",
            format!("domain {}", i + 1),
            format!("/domains/{i}/name"),
            None,
        );
        if let Some(s) = &d.schema {
            let owner = format!(" of domain `{}`", d.name);
            add(
                s,
                "schema name",
                &owner,
                String::new(),
                format!("/domains/{i}/schema"),
                None,
            );
        }
    }
    for (i, r) in cx.design.relationships.iter().enumerate() {
        if let Some(j) = &r.junction {
            let owner = format!(" of relationship `{}`", r.id);
            let target = Some(Target::Relationship {
                relationship: r.id.clone(),
            });
            add(
                j,
                "junction table name",
                &owner,
                String::new(),
                format!("/relationships/{i}/junction"),
                target,
            );
        }
    }
    out
}

/// The strictest identifier length limit among the target dialects.
fn strictest(dialects: &[DialectName]) -> Option<(usize, DialectName)> {
    dialects
        .iter()
        .map(|d| (d.max_identifier_len(), *d))
        .min_by_key(|(len, _)| *len)
}

/// Control characters, and formatting characters that are invisible in most editors (zero-width
/// spaces and joiners, bidirectional overrides, the byte-order mark, the soft hyphen).
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let limit = strictest(&cx.design.settings.dialects);
    for id in collect(cx) {
        let d = if id.value.trim().is_empty() {
            let which = if id.position.is_empty() {
                String::new()
            } else {
                format!(" ({})", id.position)
            };
            Diagnostic::error(
                EMPTY_IDENTIFIER,
                format!("{}{which}{} is empty", id.kind, id.owner),
            )
            .with_help("give it a name")
        } else if id.value.chars().any(is_hidden) {
            let shown: String = id
                .value
                .chars()
                .map(|c| {
                    if is_hidden(c) {
                        c.escape_unicode().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            Diagnostic::error(
                CONTROL_CHARACTERS,
                format!(
                    "{} `{shown}`{} contains control or invisible characters",
                    id.kind, id.owner
                ),
            )
            .with_help("remove line breaks, tabs, zero-width and direction-changing characters")
        } else if let Some((max, dialect)) = limit
            && id.value.len() > max
        {
            Diagnostic::error(
                IDENTIFIER_TOO_LONG,
                format!(
                    "{} `{}`{} is {} bytes long; {dialect} allows at most {max}",
                    id.kind,
                    id.value,
                    id.owner,
                    id.value.len()
                ),
            )
            .with_help("shorten it; non-ASCII characters take more than one byte each")
        } else {
            continue;
        };
        let d = d.with_path(id.path);
        out.push(match id.target {
            Some(t) => d.with_target(t),
            None => d,
        });
    }
}
