//! Dialect adaptations: every constraint, index and column option the dialect cannot express is
//! changed or left out here, with a `D0xx` diagnostic, so that the physical design is exactly
//! what the DDL creates. Constraints and indexes that refer to missing columns or tables are
//! left out too (`D017`).

use std::collections::HashMap;

use schemata_model::{
    Deferrable, Diagnostic, FkAction, ForeignKey, Identity, Index, IndexMethod, Severity,
    SortOrder, Table, Target,
};

use super::{Physical, path_in};
use crate::ddl::codes;
use crate::dialect::{Dialect, IdentityStyle};

/// An index left out of the physical design, for the note at its place in the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RemovedIndex {
    /// Index of the table in the physical design.
    pub table: usize,
    /// Id of the index.
    pub index: String,
}

/// Diagnostics of one table, with its place in the file.
struct Report<'a> {
    d: &'a dyn Dialect,
    origins: &'a [String],
    ti: usize,
    table_id: String,
    out: Vec<Diagnostic>,
}

impl Report<'_> {
    fn push(
        &mut self,
        code: &str,
        severity: Severity,
        message: String,
        target: Target,
        suffix: &str,
    ) {
        self.out.push(
            Diagnostic::new(code, severity, message)
                .with_target(target)
                .with_path(path_in(self.origins, self.ti, suffix)),
        );
    }
    fn warn(&mut self, code: &str, message: String, target: Target, suffix: &str) {
        self.push(code, Severity::Warning, message, target, suffix);
    }
    fn constraint(&self, id: &str) -> Target {
        Target::Constraint {
            table: self.table_id.clone(),
            constraint: id.to_string(),
        }
    }
    fn index(&self, id: &str) -> Target {
        Target::Index {
            table: self.table_id.clone(),
            index: id.to_string(),
        }
    }
    fn column(&self, id: &str) -> Target {
        Target::Column {
            table: self.table_id.clone(),
            column: id.to_string(),
        }
    }
    fn name(&self) -> &'static str {
        self.d.display_name()
    }
}

pub(super) fn adapt(p: &mut Physical, d: &dyn Dialect) {
    // Which foreign keys resolve, decided before any table changes.
    let resolves: Vec<Vec<bool>> = {
        let by_id: HashMap<&str, &Table> =
            p.design.tables.iter().map(|t| (t.id.as_str(), t)).collect();
        p.design
            .tables
            .iter()
            .map(|t| {
                t.foreign_keys
                    .iter()
                    .map(|fk| fk_resolves(t, fk, &by_id))
                    .collect()
            })
            .collect()
    };
    for (ti, table) in p.design.tables.iter_mut().enumerate() {
        let mut r = Report {
            d,
            origins: &p.origins,
            ti,
            table_id: table.id.clone(),
            out: Vec::new(),
        };
        primary_key(table, &mut r);
        if !d.enforces_check() {
            for (k, c) in table.checks.iter().enumerate() {
                let message = format!(
                    "{} parses CHECK constraints but does not enforce them",
                    d.display_name()
                );
                let target = r.constraint(&c.id);
                r.warn(
                    codes::CHECK_NOT_ENFORCED,
                    message,
                    target,
                    &format!("/checks/{k}"),
                );
            }
        }
        uniques(table, &mut r);
        foreign_keys(table, &resolves[ti], &mut r);
        let removed = indexes(table, &mut r);
        p.removed_indexes.extend(
            removed
                .into_iter()
                .map(|index| RemovedIndex { table: ti, index }),
        );
        columns(table, &mut r);
        p.diagnostics.append(&mut r.out);
    }
}

fn missing(table: &Table, ids: &[String]) -> bool {
    ids.is_empty() || ids.iter().any(|id| table.column(id).is_none())
}

fn primary_key(table: &mut Table, r: &mut Report<'_>) {
    if let Some(pk) = &table.primary_key
        && missing(table, &pk.columns)
    {
        let message = format!(
            "the primary key of `{}` refers to a missing column and was left out",
            table.name
        );
        let target = r.constraint("pk");
        r.warn(codes::DANGLING_REFERENCE, message, target, "/primary_key");
        table.primary_key = None;
    }
}

fn uniques(table: &mut Table, r: &mut Report<'_>) {
    let mut uniques = std::mem::take(&mut table.uniques);
    let mut k = 0;
    uniques.retain_mut(|u| {
        let at = k;
        k += 1;
        let name = u.name.clone().unwrap_or_else(|| u.id.clone());
        if missing(table, &u.columns) {
            let message =
                format!("unique constraint `{name}` refers to a missing column and was left out");
            let target = r.constraint(&u.id);
            r.warn(
                codes::DANGLING_REFERENCE,
                message,
                target,
                &format!("/uniques/{at}"),
            );
            return false;
        }
        if let Some(col) = u
            .columns
            .iter()
            .filter_map(|id| table.column(id))
            .find(|c| !r.d.can_index_type(&c.data_type))
        {
            let message = format!(
                "{} cannot index the {} column `{}.{}`, so unique constraint `{name}` was left out",
                r.name(),
                col.data_type,
                table.name,
                col.name
            );
            let target = r.constraint(&u.id);
            r.warn(
                codes::UNINDEXABLE,
                message,
                target,
                &format!("/uniques/{at}"),
            );
            return false;
        }
        if u.nulls_not_distinct && !r.d.supports_nulls_not_distinct() {
            let message = format!(
                "{} has no UNIQUE NULLS NOT DISTINCT; `{name}` allows several rows with NULL",
                r.name()
            );
            let target = r.constraint(&u.id);
            let suffix = format!("/uniques/{at}/nulls_not_distinct");
            r.warn(codes::NULLS_NOT_DISTINCT, message, target, &suffix);
            u.nulls_not_distinct = false;
        }
        true
    });
    table.uniques = uniques;
}

fn foreign_keys(table: &mut Table, resolves: &[bool], r: &mut Report<'_>) {
    let mut fks = std::mem::take(&mut table.foreign_keys);
    let mut k = 0;
    fks.retain_mut(|fk| {
        let at = k;
        k += 1;
        let name = fk.name.clone().unwrap_or_else(|| fk.id.clone());
        let suffix = format!("/foreign_keys/{at}");
        if !resolves.get(at).copied().unwrap_or(false) {
            let message = format!(
                "foreign key `{name}` refers to a missing table or column (or to a different number of columns) and was left out"
            );
            let target = r.constraint(&fk.id);
            r.warn(codes::DANGLING_REFERENCE, message, target, &suffix);
            return false;
        }
        for (label, field, action) in [
            ("ON DELETE", "on_delete", &mut fk.on_delete),
            ("ON UPDATE", "on_update", &mut fk.on_update),
        ] {
            if *action != FkAction::NoAction && !r.d.supports_fk_action(*action) {
                let message = format!(
                    "{} does not support {label} {} (foreign key `{name}`); NO ACTION is used",
                    r.name(),
                    action.sql()
                );
                let target = r.constraint(&fk.id);
                r.warn(codes::FK_ACTION, message, target, &format!("{suffix}/{field}"));
                *action = FkAction::NoAction;
            }
        }
        if fk.deferrable != Deferrable::No && !r.d.supports_deferrable() {
            let message = format!(
                "{} has no deferrable constraints; foreign key `{name}` is checked immediately, row by row",
                r.name()
            );
            let target = r.constraint(&fk.id);
            r.warn(codes::DEFERRABLE, message, target, &format!("{suffix}/deferrable"));
            fk.deferrable = Deferrable::No;
        }
        true
    });
    table.foreign_keys = fks;
}

fn fk_resolves(table: &Table, fk: &ForeignKey, by_id: &HashMap<&str, &Table>) -> bool {
    let Some(target_table) = by_id.get(fk.references.as_str()) else {
        return false;
    };
    let target = if fk.referenced_columns.is_empty() {
        target_table.primary_key_columns()
    } else {
        &fk.referenced_columns
    };
    !missing(table, &fk.columns)
        && target.len() == fk.columns.len()
        && !missing(target_table, target)
}

/// Adapt the indexes; returns the ids of those left out.
fn indexes(table: &mut Table, r: &mut Report<'_>) -> Vec<String> {
    let mut removed = Vec::new();
    let mut indexes = std::mem::take(&mut table.indexes);
    let mut k = 0;
    indexes.retain_mut(|ix| {
        let at = k;
        k += 1;
        let keep = index(table, ix, at, r);
        if !keep {
            removed.push(ix.id.clone());
        }
        keep
    });
    table.indexes = indexes;
    removed
}

/// Adapt one index; `false` when it cannot be created at all.
fn index(table: &Table, ix: &mut Index, at: usize, r: &mut Report<'_>) -> bool {
    let name = ix.name.clone().unwrap_or_else(|| ix.id.clone());
    let target = r.index(&ix.id);
    let base = format!("/indexes/{at}");
    // Key columns that exist and can be indexed.
    for part in &ix.parts {
        let Some(id) = &part.column else {
            if part.expr.is_none() {
                let message = format!(
                    "index `{name}` has a key part with neither column nor expression and was left out"
                );
                r.warn(codes::DANGLING_REFERENCE, message, target, &base);
                return false;
            }
            continue;
        };
        let Some(col) = table.column(id) else {
            let message =
                format!("index `{name}` refers to a missing column `{id}` and was left out");
            r.warn(codes::DANGLING_REFERENCE, message, target, &base);
            return false;
        };
        if !r.d.can_index_type(&col.data_type) {
            let message = format!(
                "{} cannot index the {} column `{}.{}` directly; index `{name}` was left out",
                r.name(),
                col.data_type,
                table.name,
                col.name
            );
            r.warn(codes::UNINDEXABLE, message, target, &base);
            return false;
        }
    }
    if let Some(pi) = ix
        .parts
        .iter()
        .position(|p| p.expr.is_some() && p.column.is_none())
        && !r.d.supports_expression_indexes()
    {
        let expr = ix.parts[pi].expr.as_deref().unwrap_or_default().trim();
        let parts: Vec<String> = ix
            .parts
            .iter()
            .map(|p| match (&p.column, &p.expr) {
                (Some(c), _) => r.d.quote_ident(table.column_name(c)).into_owned(),
                (None, Some(e)) => format!("({})", e.trim()),
                _ => String::new(),
            })
            .collect();
        let sql = format!(
            "CREATE {}INDEX {} ON {} ({})",
            if ix.unique { "UNIQUE " } else { "" },
            r.d.quote_ident(&name),
            r.d.quote_ident(&table.name),
            parts.join(", ")
        );
        let message = format!(
            "MariaDB has no expression indexes, so index `{name}` (on `{expr}`) was left out; on MySQL 8.0.13 or newer create it with `{sql}`, on MariaDB index a generated column"
        );
        r.warn(
            codes::EXPRESSION_INDEX,
            message,
            target,
            &format!("{base}/parts/{pi}/expr"),
        );
        return false;
    }
    for (pi, part) in ix.parts.iter_mut().enumerate() {
        let mut dropped: Vec<String> = Vec::new();
        if let Some(opclass) = part.opclass.take_if(|_| !r.d.supports_opclass()) {
            dropped.push(format!("operator class {}", opclass.trim()));
        }
        if part.order == SortOrder::Desc && !r.d.supports_descending_index() {
            part.order = SortOrder::Asc;
            dropped.push("DESC".into());
        }
        if let Some(nulls) = part.nulls.take_if(|_| !r.d.supports_nulls_order()) {
            dropped.push(format!("NULLS {}", format!("{nulls:?}").to_uppercase()));
        }
        if !dropped.is_empty() {
            let message = format!(
                "{} cannot express {} in index `{name}`; left out",
                r.name(),
                dropped.join(", ")
            );
            r.warn(
                codes::INDEX_PART_OPTION,
                message,
                target.clone(),
                &format!("{base}/parts/{pi}"),
            );
        }
    }
    if !ix.include.is_empty() {
        if missing(table, &ix.include) {
            let message = format!("index `{name}` includes a missing column and was left out");
            r.warn(
                codes::DANGLING_REFERENCE,
                message,
                target,
                &format!("{base}/include"),
            );
            return false;
        }
        if !r.d.supports_include() {
            let include = std::mem::take(&mut ix.include);
            let message = if ix.unique {
                format!(
                    "{} has no INCLUDE; the covered columns of unique index `{name}` were left out (adding them to the key would weaken uniqueness)",
                    r.name()
                )
            } else {
                let (appended, skipped): (Vec<&String>, Vec<&String>) =
                    include.iter().partition(|id| {
                        table
                            .column(id)
                            .is_some_and(|c| r.d.can_index_type(&c.data_type))
                    });
                ix.parts.extend(
                    appended
                        .iter()
                        .map(|id| schemata_model::IndexPart::column(*id)),
                );
                let names = |ids: &[&String]| -> String {
                    ids.iter()
                        .map(|id| table.column_name(id))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let mut m = format!(
                    "{} has no INCLUDE; the covered columns ({}) of index `{name}` were appended as key columns",
                    r.name(),
                    names(&appended)
                );
                if !skipped.is_empty() {
                    m.push_str(&format!(
                        "; ({}) cannot be indexed and were left out",
                        names(&skipped)
                    ));
                }
                m
            };
            r.warn(
                codes::INCLUDE_COLUMNS,
                message,
                target.clone(),
                &format!("{base}/include"),
            );
        }
    }
    if ix.method != IndexMethod::Btree && !r.d.supports_index_method(ix.method) {
        let message = format!(
            "{} has no {} indexes; `{name}` is a B-tree index",
            r.name(),
            ix.method.as_str()
        );
        r.warn(
            codes::INDEX_METHOD,
            message,
            target.clone(),
            &format!("{base}/method"),
        );
        ix.method = IndexMethod::Btree;
    }
    if let Some(pred) = ix.predicate.take_if(|_| !r.d.supports_partial_indexes()) {
        let mut message = format!(
            "{} has no partial indexes; the predicate `{}` of `{name}` was dropped and the index covers every row",
            r.name(),
            pred.trim()
        );
        if ix.unique {
            ix.unique = false;
            message.push_str("; it is not unique, since uniqueness over every row would refuse rows the design allows");
        }
        r.warn(
            codes::PARTIAL_INDEX,
            message,
            target,
            &format!("{base}/where"),
        );
    }
    true
}

/// Identity, generated columns and defaults.
fn columns(table: &mut Table, r: &mut Report<'_>) {
    let style = r.d.identity_style();
    let pk = table.primary_key_columns().to_vec();
    let leads_key = |id: &str| {
        pk.first().is_some_and(|c| c == id)
            || table
                .uniques
                .iter()
                .any(|u| u.columns.first().is_some_and(|c| c == id))
            || table.indexes.iter().any(|ix| {
                ix.parts
                    .first()
                    .and_then(|p| p.column.as_deref())
                    .is_some_and(|c| c == id)
            })
    };
    let leading: Vec<bool> = table.columns.iter().map(|c| leads_key(&c.id)).collect();
    let mut granted = false;
    for (ci, col) in table.columns.iter_mut().enumerate() {
        let suffix = |s: &str| format!("/columns/{ci}/{s}");
        if let Some(identity) = col.identity {
            let refusal = if col.generated.is_some() {
                Some("it is also a generated column")
            } else {
                match style {
                    IdentityStyle::Generated => None,
                    IdentityStyle::AutoIncrement if granted => {
                        Some("MySQL allows one AUTO_INCREMENT column per table")
                    }
                    IdentityStyle::AutoIncrement if !leading[ci] => {
                        Some("MySQL's AUTO_INCREMENT column must be the first column of a key")
                    }
                    IdentityStyle::RowidAlias
                        if !(pk.len() == 1 && pk[0] == col.id && col.data_type.is_integer()) =>
                    {
                        Some("SQLite assigns values only to an integer single-column primary key")
                    }
                    _ => None,
                }
            };
            if let Some(why) = refusal {
                let message = format!(
                    "identity of `{}.{}` is not declared: {why}; the application must supply values",
                    table.name, col.name
                );
                r.warn(
                    codes::IDENTITY,
                    message,
                    r.column(&col.id),
                    &suffix("identity"),
                );
                col.identity = None;
            } else {
                granted = true;
                if identity == Identity::Always && !r.d.supports_identity_always() {
                    let message = format!(
                        "`{}.{}` is GENERATED ALWAYS in the design; {} assigns values only by default, so explicit values are accepted",
                        table.name,
                        col.name,
                        r.name()
                    );
                    r.push(
                        codes::IDENTITY,
                        Severity::Info,
                        message,
                        r.column(&col.id),
                        &suffix("identity"),
                    );
                    col.identity = Some(Identity::ByDefault);
                }
            }
        }
        if col.default.is_some() && (col.identity.is_some() || col.generated.is_some()) {
            let what = if col.generated.is_some() {
                "generated"
            } else {
                "identity"
            };
            let message = format!(
                "`{}.{}` is an {what} column, which cannot have a DEFAULT; the default was left out",
                table.name, col.name
            );
            r.warn(
                codes::DEFAULT_DROPPED,
                message,
                r.column(&col.id),
                &suffix("default"),
            );
            col.default = None;
        }
        if let Some(g) = col.generated.as_mut() {
            if !g.stored && !r.d.supports_virtual_generated() {
                let message = format!(
                    "{} has no virtual generated columns; `{}.{}` is STORED",
                    r.name(),
                    table.name,
                    col.name
                );
                r.warn(
                    codes::VIRTUAL_GENERATED,
                    message,
                    r.column(&col.id),
                    &suffix("generated/stored"),
                );
                g.stored = true;
            }
            if !col.nullable && !r.d.supports_not_null_generated() {
                let message = format!(
                    "MariaDB refuses NOT NULL on a generated column, so `{}.{}` is declared without it",
                    table.name, col.name
                );
                r.warn(
                    codes::GENERATED_NOT_NULL,
                    message,
                    r.column(&col.id),
                    &suffix("nullable"),
                );
                col.nullable = true;
            }
        }
    }
}
