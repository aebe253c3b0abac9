//! Checks of what lies beside the tables: relationships, enum types and the layout.

use std::collections::HashMap;

use super::codes::*;
use super::{Cx, schema_key, table_label};
use crate::design::{Cardinality, DialectName, Relationship};
use crate::diag::{Diagnostic, Target};
use crate::spans::escape_segment;

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, r) in cx.design.relationships.iter().enumerate() {
        duplicate_id(
            &mut ids,
            &r.id,
            i,
            "relationship",
            &format!("/relationships/{i}/id"),
            Target::Relationship {
                relationship: r.id.clone(),
            },
            out,
        );
        relationship(cx, r, i, out);
    }
    enums(cx, out);
    layout(cx, out);
}

fn duplicate_id<'a>(
    seen: &mut HashMap<&'a str, usize>,
    id: &'a str,
    i: usize,
    what: &str,
    path: &str,
    target: Target,
    out: &mut Vec<Diagnostic>,
) {
    if id.is_empty() {
        return;
    }
    if let Some(first) = seen.get(id) {
        out.push(
            Diagnostic::error(
                DUPLICATE_ID,
                format!("{what} {} has the id `{id}` of {what} {}", i + 1, first + 1),
            )
            .with_target(target)
            .with_path(path.to_string()),
        );
    } else {
        seen.insert(id, i);
    }
}

fn relationship(cx: &Cx<'_>, r: &Relationship, i: usize, out: &mut Vec<Diagnostic>) {
    let base = format!("/relationships/{i}");
    let target = Target::Relationship {
        relationship: r.id.clone(),
    };
    let label = match &r.name {
        Some(n) => format!("relationship `{}` ({n})", r.id),
        None => format!("relationship `{}`", r.id),
    };
    let mut ends = Vec::new();
    for (side, id) in [("from", &r.from), ("to", &r.to)] {
        match cx.table(id) {
            Some((_, t)) => ends.push(t),
            None => out.push(
                Diagnostic::error(
                    RELATIONSHIP_TABLE,
                    format!("{label} has `{side}` table id `{id}`, which the design does not have"),
                )
                .with_target(target.clone())
                .with_path(format!("{base}/{side}")),
            ),
        }
    }
    if r.cardinality == Cardinality::ManyToMany {
        if r.foreign_key.is_some() {
            out.push(
                Diagnostic::error(
                    MANY_TO_MANY_WITH_FK,
                    format!("many-to-many {label} names a foreign key"),
                )
                .with_help("a many-to-many relationship becomes a junction table with its own foreign keys; remove `foreign_key`")
                .with_target(target)
                .with_path(format!("{base}/foreign_key")),
            );
        }
        return;
    }
    let [from, to] = ends[..] else { return };
    let Some(fk_id) = &r.foreign_key else {
        out.push(
            Diagnostic::error(RELATIONSHIP_FK, format!("{label} has no `foreign_key`"))
                .with_help(format!(
                    "name the foreign key of `{}` that references `{}`",
                    table_label(from),
                    table_label(to)
                ))
                .with_target(target)
                .with_path(base),
        );
        return;
    };
    let Some(fk) = from.foreign_keys.iter().find(|f| &f.id == fk_id) else {
        out.push(
            Diagnostic::error(
                RELATIONSHIP_FK,
                format!(
                    "{label} names foreign key `{fk_id}`, which table `{}` does not have",
                    table_label(from)
                ),
            )
            .with_help("the foreign key of a relationship belongs to its `from` table")
            .with_target(target)
            .with_path(format!("{base}/foreign_key")),
        );
        return;
    };
    if fk.references != to.id {
        out.push(
            Diagnostic::error(
                RELATIONSHIP_FK,
                format!(
                    "{label} goes to `{}`, but its foreign key `{fk_id}` references `{}`",
                    table_label(to),
                    cx.table(&fk.references)
                        .map_or(fk.references.clone(), |(_, t)| table_label(t))
                ),
            )
            .with_target(target.clone())
            .with_path(format!("{base}/foreign_key")),
        );
    }
    if r.mandatory {
        let nullable: Vec<&str> = fk
            .columns
            .iter()
            .filter_map(|c| from.column(c))
            .filter(|c| c.nullable)
            .map(|c| c.name.as_str())
            .collect();
        if !nullable.is_empty() {
            out.push(
                Diagnostic::warning(
                    MANDATORY_NULLABLE,
                    format!(
                        "{label} is mandatory, but column(s) {} of `{}` are nullable",
                        nullable.join(", "),
                        table_label(from)
                    ),
                )
                .with_help(
                    "make the foreign-key columns NOT NULL, or make the relationship optional",
                )
                .with_target(target)
                .with_path(format!("{base}/mandatory")),
            );
        }
    }
}

fn enums(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut names: HashMap<(String, String), usize> = HashMap::new();
    let postgres = cx.design.settings.dialects.contains(&DialectName::Postgres);
    for (i, e) in cx.design.enums.iter().enumerate() {
        duplicate_id(
            &mut ids,
            &e.id,
            i,
            "enum type",
            &format!("/enums/{i}/id"),
            Target::Design,
            out,
        );
        for (j, v) in e.values.iter().enumerate() {
            if e.values[..j].contains(v) {
                out.push(
                    Diagnostic::error(
                        DUPLICATE_ENUM_VALUE,
                        format!("enum type `{}` lists the value '{v}' twice", e.name),
                    )
                    .with_path(format!("/enums/{i}/values/{j}")),
                );
            }
        }
        if e.name.is_empty() {
            continue;
        }
        let key = (schema_key(&e.schema), e.name.to_lowercase());
        if names.contains_key(&key) {
            out.push(
                Diagnostic::error(
                    DUPLICATE_TYPE_NAME,
                    format!("there are two enum types named `{}`", e.name),
                )
                .with_path(format!("/enums/{i}/name")),
            );
            continue;
        }
        names.insert(key.clone(), i);
        let clash = cx
            .design
            .tables
            .iter()
            .find(|t| (schema_key(&t.schema), t.name.to_lowercase()) == key);
        if postgres && let Some(t) = clash {
            out.push(
                Diagnostic::error(
                    DUPLICATE_TYPE_NAME,
                    format!(
                        "enum type `{}` has the name of table `{}`",
                        e.name,
                        table_label(t)
                    ),
                )
                .with_help("PostgreSQL creates a type for every table; rename the enum type")
                .with_path(format!("/enums/{i}/name")),
            );
        }
    }
}

fn layout(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for key in cx.design.layout.tables.keys() {
        if cx.table(key).is_none() {
            out.push(
                Diagnostic::warning(
                    LAYOUT_TABLE,
                    format!("the layout has a position for table id `{key}`, which the design does not have"),
                )
                .with_help("remove the entry, or fix the id")
                .with_path(format!("/layout/tables/{}", escape_segment(key))),
            );
        }
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, area) in cx.design.layout.areas.iter().enumerate() {
        duplicate_id(
            &mut ids,
            &area.id,
            i,
            "subject area",
            &format!("/layout/areas/{i}/id"),
            Target::Design,
            out,
        );
        for (j, id) in area.tables.iter().enumerate() {
            if cx.table(id).is_none() {
                out.push(
                    Diagnostic::warning(
                        LAYOUT_TABLE,
                        format!("subject area `{}` lists table id `{id}`, which the design does not have", area.name),
                    )
                    .with_path(format!("/layout/areas/{i}/tables/{j}")),
                );
            }
        }
    }
}
