//! Checks of foreign keys: what they reference exists, is unique, and has matching types.

use super::codes::*;
use super::tables::{column_help, column_list, effective_type};
use super::{Cx, column_label, column_target, constraint_target, table_label};
use crate::design::{ForeignKey, Table};
use crate::diag::Diagnostic;
use crate::fields::closest;
use crate::types::DataType;

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.tables() {
        for (k, fk) in t.foreign_keys.iter().enumerate() {
            foreign_key(cx, t, fk, &format!("/tables/{ti}/foreign_keys/{k}"), out);
        }
    }
}

fn foreign_key(cx: &Cx<'_>, t: &Table, fk: &ForeignKey, path: &str, out: &mut Vec<Diagnostic>) {
    let what = format!(
        "foreign key `{}` of `{}`",
        fk.name.as_deref().unwrap_or(&fk.id),
        table_label(t)
    );
    let target = constraint_target(t, &fk.id);
    column_list(
        t,
        &fk.columns,
        &format!("{path}/columns"),
        &what,
        &target,
        out,
    );
    let Some((_, parent)) = cx.table(&fk.references) else {
        let ids: Vec<&str> = cx.design.tables.iter().map(|t| t.id.as_str()).collect();
        let help = match cx.design.tables.iter().find(|t| t.name == fk.references) {
            Some(by_name) => format!(
                "references use table ids; table `{}` has id `{}`",
                by_name.name, by_name.id
            ),
            None => match closest(&fk.references, &ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "reference a table by its id".to_string(),
            },
        };
        out.push(
            Diagnostic::error(
                UNKNOWN_TABLE,
                format!(
                    "{what} references table id `{}`, which the design does not have",
                    fk.references
                ),
            )
            .with_help(help)
            .with_target(target)
            .with_path(format!("{path}/references")),
        );
        return;
    };
    let parent_label = table_label(parent);
    let explicit = !fk.referenced_columns.is_empty();
    let referenced = fk.target_columns(cx.design);
    if !explicit && referenced.is_empty() {
        out.push(
            Diagnostic::error(
                FK_COLUMN_COUNT,
                format!("{what} references `{parent_label}`, which has no primary key"),
            )
            .with_help("add a primary key to the referenced table, or list `referenced_columns`")
            .with_target(target)
            .with_path(format!("{path}/references")),
        );
        return;
    }
    let mut all_exist = true;
    for (m, id) in fk.referenced_columns.iter().enumerate() {
        if parent.column(id).is_none() {
            all_exist = false;
            out.push(
                Diagnostic::error(
                    UNKNOWN_REFERENCED_COLUMN,
                    format!("{what} references column id `{id}`, which table `{parent_label}` does not have"),
                )
                .with_help(column_help(parent, id))
                .with_target(target.clone())
                .with_path(format!("{path}/referenced_columns/{m}")),
            );
        }
    }
    if fk.columns.len() != referenced.len() {
        out.push(
            Diagnostic::error(
                FK_COLUMN_COUNT,
                format!(
                    "{what} has {} column(s) but references {} column(s) of `{parent_label}`",
                    fk.columns.len(),
                    referenced.len()
                ),
            )
            .with_target(target.clone())
            .with_path(format!("{path}/columns")),
        );
    }
    if explicit && all_exist && !is_unique_key(parent, referenced) {
        let names = parent.column_names(referenced).join(", ");
        out.push(
            Diagnostic::error(
                FK_NOT_UNIQUE,
                format!("{what} references ({names}) of `{parent_label}`, which is neither its primary key nor unique"),
            )
            .with_help("databases only accept foreign keys to a primary key or a unique constraint; add one on these columns")
            .with_target(target.clone())
            .with_path(format!("{path}/referenced_columns")),
        );
    }
    for (m, (local, remote)) in fk.columns.iter().zip(referenced).enumerate() {
        let (Some(lc), Some(rc)) = (t.column(local), parent.column(remote)) else {
            continue;
        };
        let (code, severity_error) = match compare(
            cx.design.base_type(&lc.data_type),
            cx.design.base_type(&rc.data_type),
        ) {
            Compat::Same => continue,
            Compat::LengthDiffers => (FK_LENGTH_MISMATCH, false),
            Compat::Differs => (FK_TYPE_MISMATCH, true),
        };
        let message = format!(
            "column `{}` has type `{}` but references `{}` of type `{}`",
            column_label(t, local),
            lc.data_type,
            column_label(parent, remote),
            rc.data_type
        );
        let d = if severity_error {
            Diagnostic::error(code, message).with_help(format!(
                "give `{}` the type `{}`",
                lc.name,
                effective_type(&rc.data_type)
            ))
        } else {
            Diagnostic::warning(code, message).with_help("use the same length on both sides")
        };
        out.push(
            d.with_target(column_target(t, local))
                .with_path(format!("{path}/columns/{m}")),
        );
    }
}

/// Whether `columns` (as a set) are the primary key, a unique constraint or the columns of a
/// plain unique index of `t`.
fn is_unique_key(t: &Table, columns: &[String]) -> bool {
    let same = |other: &[String]| {
        other.len() == columns.len() && columns.iter().all(|c| other.contains(c))
    };
    same(t.primary_key_columns())
        || t.uniques.iter().any(|u| same(&u.columns))
        || t.indexes.iter().any(|x| {
            x.unique
                && x.predicate.is_none()
                && x.parts
                    .iter()
                    .all(|p| p.column.is_some() && p.expr.is_none())
                && same(
                    &x.parts
                        .iter()
                        .filter_map(|p| p.column.clone())
                        .collect::<Vec<_>>(),
                )
        })
}

/// How a foreign-key column's type relates to the referenced column's type.
#[derive(Debug, PartialEq, Eq)]
enum Compat {
    Same,
    /// Same string type, different (or no) length.
    LengthDiffers,
    Differs,
}

fn compare(a: &DataType, b: &DataType) -> Compat {
    let (a, b) = (effective_type(a), effective_type(b));
    match (&a, &b) {
        (DataType::Varchar(x), DataType::Varchar(y)) | (DataType::Char(x), DataType::Char(y)) => {
            if x == y {
                Compat::Same
            } else {
                Compat::LengthDiffers
            }
        }
        (DataType::Named(x), DataType::Named(y)) if x.eq_ignore_ascii_case(y) => Compat::Same,
        (DataType::Array(x), DataType::Array(y)) => match compare(x, y) {
            Compat::Same => Compat::Same,
            _ => Compat::Differs,
        },
        _ if a == b => Compat::Same,
        _ => Compat::Differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DataType {
        DataType::parse(s).unwrap_or(DataType::Named(String::new()))
    }

    #[test]
    fn type_compatibility() {
        assert_eq!(compare(&t("bigint"), &t("bigserial")), Compat::Same);
        assert_eq!(compare(&t("integer"), &t("SERIAL")), Compat::Same);
        assert_eq!(compare(&t("integer"), &t("bigint")), Compat::Differs);
        assert_eq!(
            compare(&t("varchar(10)"), &t("varchar(20)")),
            Compat::LengthDiffers
        );
        assert_eq!(
            compare(&t("varchar"), &t("varchar(20)")),
            Compat::LengthDiffers
        );
        assert_eq!(compare(&t("char(2)"), &t("char(2)")), Compat::Same);
        assert_eq!(compare(&t("text"), &t("varchar(20)")), Compat::Differs);
        assert_eq!(
            compare(&t("decimal(10,2)"), &t("decimal(12,2)")),
            Compat::Differs
        );
        assert_eq!(compare(&t("Mood"), &t("mood")), Compat::Same);
        assert_eq!(compare(&t("int[]"), &t("integer[]")), Compat::Same);
        assert_eq!(compare(&t("uuid"), &t("text")), Compat::Differs);
    }
}
