//! Checks of declarative partitioning: a partition's parent, the partition key, the keys of a
//! partitioned table, and a partition's columns against its parent's.

use super::codes::*;
use super::{Cx, PRIMARY_KEY_ID, constraint_target, index_target, table_label, table_target};
use crate::design::{DialectName, Table};
use crate::diag::Diagnostic;

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let postgres = cx.design.settings.dialects.contains(&DialectName::Postgres);
    for (ti, t) in cx.tables() {
        let base = format!("/tables/{ti}");
        if t.partition_by.is_some() {
            key(t, &base, out);
            if postgres {
                unique_keys(t, &base, out);
            }
        }
        if let Some(of) = &t.partition_of {
            let path = format!("{base}/partition_of/parent");
            match cx.table(&of.parent) {
                None => out.push(
                    Diagnostic::error(
                        PARTITION_PARENT,
                        format!(
                            "table `{}` is a partition of table id `{}`, which the design does not have",
                            table_label(t),
                            of.parent
                        ),
                    )
                    .with_help("`partition_of.parent` takes the id of the partitioned table")
                    .with_target(table_target(t))
                    .with_path(path),
                ),
                Some((_, parent)) if parent.partition_by.is_none() => out.push(
                    Diagnostic::error(
                        PARTITION_PARENT,
                        format!(
                            "table `{}` is a partition of `{}`, which is not partitioned",
                            table_label(t),
                            table_label(parent)
                        ),
                    )
                    .with_help(format!(
                        "give `{}` a `partition_by`, or remove `partition_of`",
                        table_label(parent)
                    ))
                    .with_target(table_target(t))
                    .with_path(path),
                ),
                Some((_, parent)) => columns(t, parent, &base, out),
            }
        }
    }
}

/// The partition key's parts name existing columns, or are expressions.
fn key(t: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let Some(by) = &t.partition_by else {
        return;
    };
    if by.parts.is_empty() {
        out.push(
            Diagnostic::error(
                PARTITION_KEY,
                format!("the partition key of `{}` is empty", table_label(t)),
            )
            .with_target(table_target(t))
            .with_path(format!("{base}/partition_by/parts")),
        );
    }
    for (pi, part) in by.parts.iter().enumerate() {
        let path = format!("{base}/partition_by/parts/{pi}");
        match (&part.column, &part.expr) {
            (Some(id), None) if t.column(id).is_none() => out.push(
                Diagnostic::error(
                    PARTITION_KEY,
                    format!(
                        "the partition key of `{}` names column id `{id}`, which the table does not have",
                        table_label(t)
                    ),
                )
                .with_help(super::tables::column_help(t, id))
                .with_target(table_target(t))
                .with_path(format!("{path}/column")),
            ),
            (Some(_), None) | (None, Some(_)) => {}
            _ => out.push(
                Diagnostic::error(
                    PARTITION_KEY,
                    format!(
                        "part {} of the partition key of `{}` must set exactly one of `column` and `expr`",
                        pi + 1,
                        table_label(t)
                    ),
                )
                .with_target(table_target(t))
                .with_path(path),
            ),
        }
    }
}

/// PostgreSQL: every primary key, unique constraint and unique index of a partitioned table
/// includes all partition key columns (and the key has no expressions).
fn unique_keys(t: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let Some(by) = &t.partition_by else {
        return;
    };
    let key_columns: Vec<&str> = by
        .parts
        .iter()
        .filter_map(|p| p.column.as_deref())
        .collect();
    let has_expr = by.parts.iter().any(|p| p.expr.is_some());
    let label = table_label(t);
    let mut report = |what: String, columns: &[String], target, path: String| {
        let missing: Vec<&str> = key_columns
            .iter()
            .copied()
            .filter(|k| !columns.iter().any(|c| c == k))
            .collect();
        if missing.is_empty() && !has_expr {
            return;
        }
        let (message, help) = if has_expr {
            (
                format!("{what} of partitioned table `{label}`: its partition key has an expression"),
                "PostgreSQL takes unique keys on a partitioned table only when the partition key is made of columns".to_string(),
            )
        } else {
            let names: Vec<&str> = missing.iter().map(|id| t.column_name(id)).collect();
            (
                format!(
                    "{what} of partitioned table `{label}` leaves out partition key column(s) {}",
                    names.join(", ")
                ),
                format!(
                    "PostgreSQL enforces uniqueness per partition only: add {} to the key",
                    names.join(", ")
                ),
            )
        };
        out.push(
            Diagnostic::error(PARTITION_UNIQUE, message)
                .with_help(help)
                .with_target(target)
                .with_path(path),
        );
    };
    if let Some(pk) = &t.primary_key {
        report(
            "the primary key".into(),
            &pk.columns,
            constraint_target(t, PRIMARY_KEY_ID),
            format!("{base}/primary_key/columns"),
        );
    }
    for (ui, u) in t.uniques.iter().enumerate() {
        report(
            format!("unique constraint `{}`", u.name.as_deref().unwrap_or(&u.id)),
            &u.columns,
            constraint_target(t, &u.id),
            format!("{base}/uniques/{ui}/columns"),
        );
    }
    for (xi, ix) in t.indexes.iter().enumerate() {
        if !ix.unique {
            continue;
        }
        let columns: Vec<String> = ix.parts.iter().filter_map(|p| p.column.clone()).collect();
        report(
            format!("unique index `{}`", ix.name.as_deref().unwrap_or(&ix.id)),
            &columns,
            index_target(t, &ix.id),
            format!("{base}/indexes/{xi}/parts"),
        );
    }
}

/// A partition has its parent's columns: the same names and types, in any order.
fn columns(t: &Table, parent: &Table, base: &str, out: &mut Vec<Diagnostic>) {
    let mut problems = Vec::new();
    for pc in &parent.columns {
        match t
            .columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(&pc.name))
        {
            None => problems.push(format!("lacks `{}`", pc.name)),
            Some(c) if c.data_type != pc.data_type => problems.push(format!(
                "`{}` is `{}`, not `{}`",
                c.name, c.data_type, pc.data_type
            )),
            Some(_) => {}
        }
    }
    for c in &t.columns {
        if !parent
            .columns
            .iter()
            .any(|pc| pc.name.eq_ignore_ascii_case(&c.name))
        {
            problems.push(format!("has `{}`, which the parent lacks", c.name));
        }
    }
    if problems.is_empty() {
        return;
    }
    out.push(
        Diagnostic::warning(
            PARTITION_COLUMNS,
            format!(
                "partition `{}` differs from its parent `{}`: {}",
                table_label(t),
                table_label(parent),
                problems.join("; ")
            ),
        )
        .with_help("a partition has exactly its parent's columns; PostgreSQL refuses to attach it otherwise")
        .with_target(table_target(t))
        .with_path(format!("{base}/columns")),
    );
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::design::Design;
    use crate::diag::Severity;
    use crate::ids::fill_missing_ids;
    use crate::validate::validate;

    /// A range-partitioned table with two partitions, valid.
    fn base() -> Value {
        json!({
            "format": 1,
            "tables": [
                {"name": "events", "columns": [
                    {"name": "id", "type": "bigint"},
                    {"name": "at", "type": "date"}
                ], "primary_key": {"columns": ["id", "at"]},
                   "partition_by": {"strategy": "range", "parts": [{"column": "at"}]}},
                {"name": "events_2024", "columns": [
                    {"name": "id", "type": "bigint"},
                    {"name": "at", "type": "date"}
                ], "partition_of": {"parent": "events", "bound": "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"}},
                {"name": "events_rest", "columns": [
                    {"name": "id", "type": "bigint"},
                    {"name": "at", "type": "date"}
                ], "partition_of": {"parent": "events", "bound": "DEFAULT"}}
            ]
        })
    }

    /// (code, severity, path) of every diagnostic of the base design after `edit`.
    fn with(edit: impl FnOnce(&mut Value)) -> Vec<(String, Severity, String)> {
        let mut v = base();
        edit(&mut v);
        let mut design: Design = serde_json::from_value(v).expect("test design");
        fill_missing_ids(&mut design);
        validate(&design)
            .into_iter()
            .map(|d| (d.code, d.severity, d.path.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_valid_partitioned_design_has_no_findings() {
        assert_eq!(
            with(|_| {}),
            vec![],
            "partitions need no primary key of their own"
        );
    }

    #[test]
    fn the_parent_must_exist_and_be_partitioned() {
        let d = with(|v| v["tables"][1]["partition_of"]["parent"] = json!("nope"));
        assert_eq!(
            d,
            vec![(
                "V037".into(),
                Severity::Error,
                "/tables/1/partition_of/parent".into()
            )]
        );
        let d = with(|v| {
            v["tables"][0]
                .as_object_mut()
                .unwrap()
                .remove("partition_by");
        });
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|x| x.0 == "V037" && x.1 == Severity::Error));
    }

    #[test]
    fn key_columns_must_exist() {
        let d = with(|v| v["tables"][0]["partition_by"]["parts"][0]["column"] = json!("when"));
        assert!(d.contains(&(
            "V038".into(),
            Severity::Error,
            "/tables/0/partition_by/parts/0/column".into()
        )));
        let d = with(|v| v["tables"][0]["partition_by"]["parts"] = json!([{}]));
        assert!(
            d.iter()
                .any(|x| x.0 == "V038" && x.2 == "/tables/0/partition_by/parts/0")
        );
    }

    #[test]
    fn keys_of_a_partitioned_table_include_the_partition_key() {
        let d = with(|v| v["tables"][0]["primary_key"]["columns"] = json!(["id"]));
        assert_eq!(
            d,
            vec![(
                "V039".into(),
                Severity::Error,
                "/tables/0/primary_key/columns".into()
            )]
        );
        let d = with(|v| {
            v["tables"][0]["uniques"] = json!([{"columns": ["id"]}]);
            v["settings"] = json!({"dialects": ["mysql"]});
        });
        assert!(d.iter().all(|x| x.0 != "V039"), "PostgreSQL only: {d:?}");
        let d = with(|v| {
            v["tables"][0]["partition_by"]["parts"] = json!([{"expr": "date_trunc('year', at)"}])
        });
        assert!(d.iter().any(|x| x.0 == "V039"), "{d:?}");
    }

    #[test]
    fn partition_columns_follow_the_parent() {
        let d = with(|v| v["tables"][1]["columns"][1]["type"] = json!("timestamp"));
        assert_eq!(
            d,
            vec![("V040".into(), Severity::Warning, "/tables/1/columns".into())]
        );
        let d = with(|v| {
            v["tables"][2]["columns"]
                .as_array_mut()
                .unwrap()
                .push(json!({"name": "extra", "type": "text"}))
        });
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, "V040");
    }
}
