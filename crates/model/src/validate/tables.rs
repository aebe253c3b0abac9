//! Checks of each table on its own: duplicates, columns, keys and indexes.

use std::collections::{HashMap, HashSet};

use super::codes::*;
use super::{
    Cx, PRIMARY_KEY_ID, column_label, column_target, constraint_target, index_target, schema_key,
    table_label, table_target,
};
use crate::design::{Column, Table};
use crate::diag::{Diagnostic, Target};
use crate::fields::closest;
use crate::types::DataType;

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    duplicate_tables(cx, out);
    for (ti, t) in cx.tables() {
        let base = format!("/tables/{ti}");
        if t.columns.is_empty() {
            out.push(
                Diagnostic::error(
                    EMPTY_TABLE,
                    format!("table `{}` has no columns", table_label(t)),
                )
                .with_target(table_target(t))
                .with_path(format!("{base}/columns")),
            );
        }
        duplicate_columns(t, &base, out);
        for (ci, c) in t.columns.iter().enumerate() {
            column(cx, t, c, &format!("{base}/columns/{ci}"), out);
        }
        keys(t, &base, out);
        indexes(t, &base, out);
        dependencies(t, &base, out);
        duplicate_constraint_ids(t, &base, out);
    }
}

fn duplicate_tables(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, &Table> = HashMap::new();
    let mut names: HashMap<(String, String), &Table> = HashMap::new();
    for (ti, t) in cx.tables() {
        if t.id.is_empty() {
        } else if let Some(first) = ids.get(t.id.as_str()) {
            out.push(
                Diagnostic::error(
                    DUPLICATE_TABLE_ID,
                    format!(
                        "table `{}` has the id `{}` of table `{}`",
                        table_label(t),
                        t.id,
                        table_label(first)
                    ),
                )
                .with_help("give each table its own id")
                .with_target(table_target(t))
                .with_path(format!("/tables/{ti}/id")),
            );
        } else {
            ids.insert(&t.id, t);
        }
        if t.name.is_empty() {
            continue;
        }
        let key = (schema_key(&t.schema), t.name.to_lowercase());
        if let Some(first) = names.get(&key) {
            let message = if first.name == t.name {
                format!("there are two tables named `{}`", table_label(t))
            } else {
                format!(
                    "table `{}` has the same name as table `{}`",
                    table_label(t),
                    table_label(first)
                )
            };
            out.push(
                Diagnostic::error(DUPLICATE_TABLE_NAME, message)
                    .with_help("table names must be unique within a schema, ignoring case")
                    .with_target(table_target(t))
                    .with_path(format!("/tables/{ti}/name")),
            );
        } else {
            names.insert(key, t);
        }
    }
}

fn duplicate_columns(t: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, &Column> = HashMap::new();
    let mut names: HashSet<String> = HashSet::new();
    for (ci, c) in t.columns.iter().enumerate() {
        if !c.id.is_empty() {
            if let Some(first) = ids.get(c.id.as_str()) {
                out.push(
                    Diagnostic::error(
                        DUPLICATE_COLUMN_ID,
                        format!(
                            "column `{}.{}` has the id `{}` of column `{}`",
                            table_label(t),
                            c.name,
                            c.id,
                            first.name
                        ),
                    )
                    .with_target(column_target(t, &c.id))
                    .with_path(format!("{base}/columns/{ci}/id")),
                );
            } else {
                ids.insert(&c.id, c);
            }
        }
        if c.name.is_empty() {
            continue;
        }
        let key = c.name.to_lowercase();
        if !names.insert(key) {
            out.push(
                Diagnostic::error(
                    DUPLICATE_COLUMN_NAME,
                    format!(
                        "table `{}` has two columns named `{}`",
                        table_label(t),
                        c.name
                    ),
                )
                .with_help("column names must be unique within a table, ignoring case")
                .with_target(column_target(t, &c.id))
                .with_path(format!("{base}/columns/{ci}/name")),
            );
        }
    }
}

/// The integer type behind `serial`-style names, or the type itself.
pub(super) fn effective_type(t: &DataType) -> DataType {
    if let DataType::Named(n) = t {
        match n.trim().to_ascii_lowercase().as_str() {
            "smallserial" | "serial2" => return DataType::SmallInt,
            "serial" | "serial4" => return DataType::Integer,
            "bigserial" | "serial8" => return DataType::BigInt,
            _ => {}
        }
    }
    t.clone()
}

fn column(cx: &Cx<'_>, t: &Table, c: &Column, path: &str, out: &mut Vec<Diagnostic>) {
    let label = format!("{}.{}", table_label(t), c.name);
    let target = || column_target(t, &c.id);
    if c.identity.is_some() && !effective_type(&c.data_type).is_integer() {
        out.push(
            Diagnostic::error(
                IDENTITY_TYPE,
                format!("identity column `{label}` has type `{}`", c.data_type),
            )
            .with_help("identity columns must be smallint, integer or bigint")
            .with_target(target())
            .with_path(format!("{path}/identity")),
        );
    }
    if c.identity.is_some() && c.default.is_some() {
        out.push(
            Diagnostic::error(
                IDENTITY_WITH_DEFAULT,
                format!("column `{label}` has both an identity and a default"),
            )
            .with_help("the identity provides the value; remove the default")
            .with_target(target())
            .with_path(format!("{path}/default")),
        );
    }
    if c.generated.is_some() && (c.default.is_some() || c.identity.is_some()) {
        let what = if c.default.is_some() {
            "a default"
        } else {
            "an identity"
        };
        out.push(
            Diagnostic::error(
                GENERATED_WITH_DEFAULT,
                format!("generated column `{label}` also has {what}"),
            )
            .with_help("a generated column's value comes from its expression only")
            .with_target(target())
            .with_path(format!("{path}/generated")),
        );
    }
    if let Some(skew) = c.skew
        && !(0.0..=1.0).contains(&skew)
    {
        out.push(
            Diagnostic::error(
                SKEW_RANGE,
                format!("column `{label}` declares skew {skew}, outside 0 to 1"),
            )
            .with_help("skew is the share of rows the most common value owns: 0.3 for 30%")
            .with_target(target())
            .with_path(format!("{path}/skew")),
        );
    }
    unknown_type(cx, &c.data_type, &label, path, out, target());
}

/// Warn about a passed-through type name that looks like a misspelt built-in type.
fn unknown_type(
    cx: &Cx<'_>,
    ty: &DataType,
    label: &str,
    path: &str,
    out: &mut Vec<Diagnostic>,
    target: Target,
) {
    let named = match ty {
        DataType::Array(inner) => match inner.as_ref() {
            DataType::Named(n) => n,
            _ => return,
        },
        DataType::Named(n) => n,
        _ => return,
    };
    if matches!(
        effective_type(ty),
        DataType::SmallInt | DataType::Integer | DataType::BigInt
    ) {
        return;
    }
    let head = named.split('(').next().unwrap_or("").trim();
    let is_enum = cx
        .design
        .enums
        .iter()
        .any(|e| e.name.eq_ignore_ascii_case(head) || e.id == head);
    if is_enum || cx.design.domains.iter().any(|d| d.is_named(head)) {
        return;
    }
    if let Some(best) = closest(head, DataType::KEYWORDS) {
        out.push(
            Diagnostic::warning(
                UNKNOWN_TYPE,
                format!("column `{label}` has type `{named}`, which is not a built-in type and is passed to the database as written"),
            )
            .with_help(format!("did you mean `{best}`?"))
            .with_target(target)
            .with_path(format!("{path}/type")),
        );
    }
}

/// Check a list of column ids of table `t` at `path` (which holds the list).
pub(super) fn column_list(
    t: &Table,
    ids: &[String],
    path: &str,
    what: &str,
    target: &Target,
    out: &mut Vec<Diagnostic>,
) {
    if ids.is_empty() {
        out.push(
            Diagnostic::error(EMPTY_COLUMN_LIST, format!("{what} has no columns"))
                .with_target(target.clone())
                .with_path(path.to_string()),
        );
    }
    for (m, id) in ids.iter().enumerate() {
        if t.column(id).is_none() {
            out.push(
                Diagnostic::error(
                    UNKNOWN_COLUMN,
                    format!(
                        "{what} lists column id `{id}`, which table `{}` does not have",
                        table_label(t)
                    ),
                )
                .with_help(column_help(t, id))
                .with_target(target.clone())
                .with_path(format!("{path}/{m}")),
            );
        } else if ids[..m].contains(id) {
            out.push(
                Diagnostic::error(
                    REPEATED_COLUMN,
                    format!("{what} lists column `{}` twice", column_label(t, id)),
                )
                .with_target(target.clone())
                .with_path(format!("{path}/{m}")),
            );
        }
    }
}

/// Help for a dangling column id: a column with that name, or a close id.
pub(super) fn column_help(t: &Table, id: &str) -> String {
    if let Some(c) = t.columns.iter().find(|c| c.name.eq_ignore_ascii_case(id)) {
        return format!(
            "references use column ids; column `{}` has id `{}`",
            c.name, c.id
        );
    }
    let ids: Vec<&str> = t.columns.iter().map(|c| c.id.as_str()).collect();
    match closest(id, &ids) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("column ids of `{}`: {}", table_label(t), ids.join(", ")),
    }
}

fn keys(t: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let label = table_label(t);
    match &t.primary_key {
        // A table without columns is reported as such; a partition has its parent's key.
        None if t.columns.is_empty() || t.partition_of.is_some() => {}
        None => out.push(
            Diagnostic::warning(
                NO_PRIMARY_KEY,
                format!("table `{label}` has no primary key"),
            )
            .with_help("add a primary key so that rows can be identified and referenced")
            .with_target(table_target(t))
            .with_path(base.to_string()),
        ),
        Some(pk) => {
            let what = format!("the primary key of `{label}`");
            let target = constraint_target(t, PRIMARY_KEY_ID);
            let path = format!("{base}/primary_key/columns");
            column_list(t, &pk.columns, &path, &what, &target, out);
            for (m, id) in pk.columns.iter().enumerate() {
                if t.column(id).is_some_and(|c| c.nullable) {
                    out.push(
                        Diagnostic::error(
                            NULLABLE_PRIMARY_KEY,
                            format!("primary-key column `{}` is nullable", column_label(t, id)),
                        )
                        .with_help("primary-key columns are always NOT NULL; remove `nullable`")
                        .with_target(column_target(t, id))
                        .with_path(format!("{path}/{m}")),
                    );
                }
            }
        }
    }
    for (k, u) in t.uniques.iter().enumerate() {
        let what = format!(
            "unique constraint `{}` of `{label}`",
            u.name.as_deref().unwrap_or(&u.id)
        );
        let path = format!("{base}/uniques/{k}/columns");
        column_list(
            t,
            &u.columns,
            &path,
            &what,
            &constraint_target(t, &u.id),
            out,
        );
    }
}

fn indexes(t: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let label = table_label(t);
    for (k, x) in t.indexes.iter().enumerate() {
        let what = format!(
            "index `{}` of `{label}`",
            x.name.as_deref().unwrap_or(&x.id)
        );
        let target = index_target(t, &x.id);
        let path = format!("{base}/indexes/{k}");
        if x.parts.is_empty() {
            out.push(
                Diagnostic::error(EMPTY_COLUMN_LIST, format!("{what} has no parts"))
                    .with_target(target.clone())
                    .with_path(format!("{path}/parts")),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for (p, part) in x.parts.iter().enumerate() {
            let part_path = format!("{path}/parts/{p}");
            match (&part.column, &part.expr) {
                (Some(_), Some(_)) | (None, None) => out.push(
                    Diagnostic::error(
                        INDEX_PART,
                        format!(
                            "part {} of {what} must have exactly one of `column` and `expr`",
                            p + 1
                        ),
                    )
                    .with_target(target.clone())
                    .with_path(part_path.clone()),
                ),
                _ => {}
            }
            let Some(id) = &part.column else { continue };
            if t.column(id).is_none() {
                out.push(
                    Diagnostic::error(
                        UNKNOWN_COLUMN,
                        format!(
                            "{what} lists column id `{id}`, which table `{label}` does not have"
                        ),
                    )
                    .with_help(column_help(t, id))
                    .with_target(target.clone())
                    .with_path(format!("{part_path}/column")),
                );
            } else if seen.contains(&id.as_str()) {
                out.push(
                    Diagnostic::error(
                        REPEATED_COLUMN,
                        format!("{what} lists column `{}` twice", column_label(t, id)),
                    )
                    .with_target(target.clone())
                    .with_path(format!("{part_path}/column")),
                );
            }
            seen.push(id);
        }
        for (m, id) in x.include.iter().enumerate() {
            if t.column(id).is_none() {
                out.push(
                    Diagnostic::error(
                        UNKNOWN_COLUMN,
                        format!(
                            "{what} includes column id `{id}`, which table `{label}` does not have"
                        ),
                    )
                    .with_help(column_help(t, id))
                    .with_target(target.clone())
                    .with_path(format!("{path}/include/{m}")),
                );
            }
        }
    }
}

/// Declared functional dependencies must name columns of the table.
fn dependencies(t: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let label = table_label(t);
    for (k, fd) in t.functional_dependencies.iter().enumerate() {
        let sides = [("lhs", &fd.lhs), ("rhs", &fd.rhs)];
        for (side, ids) in sides {
            for (m, id) in ids.iter().enumerate() {
                if t.column(id).is_none() {
                    out.push(
                        Diagnostic::error(
                            UNKNOWN_COLUMN,
                            format!("functional dependency `{}` of `{label}` lists column id `{id}`, which the table does not have", fd.id),
                        )
                        .with_help(column_help(t, id))
                        .with_target(table_target(t))
                        .with_path(format!("{base}/functional_dependencies/{k}/{side}/{m}")),
                    );
                }
            }
        }
    }
}

/// Unique constraints, checks, foreign keys and indexes of a table share one scope of ids.
fn duplicate_constraint_ids(t: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let all = (t
        .uniques
        .iter()
        .enumerate()
        .map(|(k, u)| (&u.id, format!("uniques/{k}"))))
    .chain(
        t.checks
            .iter()
            .enumerate()
            .map(|(k, c)| (&c.id, format!("checks/{k}"))),
    )
    .chain(
        t.foreign_keys
            .iter()
            .enumerate()
            .map(|(k, f)| (&f.id, format!("foreign_keys/{k}"))),
    )
    .chain(
        t.indexes
            .iter()
            .enumerate()
            .map(|(k, x)| (&x.id, format!("indexes/{k}"))),
    );
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (id, at) in all {
        if id.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(id.as_str()) {
            out.push(
                Diagnostic::error(
                    DUPLICATE_ID,
                    format!(
                        "table `{}` has two constraints or indexes with id `{id}`",
                        table_label(t)
                    ),
                )
                .with_help(format!("the other one is at `{base}/{first}`"))
                .with_target(table_target(t))
                .with_path(format!("{base}/{at}/id")),
            );
        } else {
            seen.insert(id, at);
        }
    }
}
