//! Dialect adaptations: every constraint, index and column option the dialect cannot express is
//! changed or left out here, with a `D0xx` diagnostic, so that the physical design is exactly
//! what the DDL creates. Constraints and indexes that refer to missing columns or tables are
//! left out too (`D017`).

use std::borrow::Cow;

use schemata_model::{
    Deferrable, Diagnostic, FkAction, ForeignKey, Index, IndexMethod, IndexPart, Severity,
    SortOrder, Target,
};

use super::view::{Named, PTable};
use super::{FastMap, Origin, Physical, path_in};
use crate::ddl::codes;
use crate::dialect::Dialect;

/// An index left out of the physical design, for the note at its place in the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RemovedIndex {
    /// Index of the table in the physical design.
    pub table: usize,
    /// Id of the index.
    pub index: String,
}

mod columns;

/// Diagnostics of one table, with its place in the file.
struct Report<'a> {
    d: &'a dyn Dialect,
    origins: &'a [Origin],
    ti: usize,
    table_id: Cow<'a, str>,
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
            table: self.table_id.to_string(),
            constraint: id.to_string(),
        }
    }
    fn index(&self, id: &str) -> Target {
        Target::Index {
            table: self.table_id.to_string(),
            index: id.to_string(),
        }
    }
    fn column(&self, id: &str) -> Target {
        Target::Column {
            table: self.table_id.to_string(),
            column: id.to_string(),
        }
    }
    fn name(&self) -> &'static str {
        self.d.display_name()
    }
}

pub(super) fn adapt(p: &mut Physical<'_>, d: &dyn Dialect) {
    // Which foreign keys resolve, decided before any table changes.
    // All tables' answers in one list; `starts[ti]` is where table `ti`'s begin.
    let mut resolves: Vec<bool> = Vec::new();
    let mut starts: Vec<usize> = Vec::with_capacity(p.tables.len() + 1);
    {
        let by_id: FastMap<&str, &PTable<'_>> =
            p.tables.iter().map(|t| (t.id.as_ref(), t)).collect();
        for t in &p.tables {
            starts.push(resolves.len());
            resolves.extend(
                t.foreign_keys
                    .iter()
                    .map(|fk| fk_resolves(t, &fk.def, &by_id)),
            );
        }
        starts.push(resolves.len());
    }
    for (ti, table) in p.tables.iter_mut().enumerate() {
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
                let target = r.constraint(&c.def.id);
                r.warn(
                    codes::CHECK_NOT_ENFORCED,
                    message,
                    target,
                    &format!("/checks/{k}"),
                );
            }
        }
        uniques(table, &mut r);
        foreign_keys(table, &resolves[starts[ti]..starts[ti + 1]], &mut r);
        let removed = indexes(table, &mut r);
        columns::columns(table, &mut r);
        let mut out = r.out;
        p.diagnostics.append(&mut out);
        p.removed_indexes.extend(
            removed
                .into_iter()
                .map(|index| RemovedIndex { table: ti, index }),
        );
    }
}

fn missing(table: &PTable<'_>, ids: &[String]) -> bool {
    ids.is_empty() || ids.iter().any(|id| table.column(id).is_none())
}

/// The name a constraint or index is created with (its id before names are assigned).
fn name_of<T: Clone>(n: &Named<'_, T>, id: &str) -> String {
    n.name.clone().unwrap_or_else(|| id.to_string())
}

fn primary_key(table: &mut PTable<'_>, r: &mut Report<'_>) {
    if let Some(pk) = &table.primary_key
        && missing(table, &pk.def.columns)
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

fn uniques(table: &mut PTable<'_>, r: &mut Report<'_>) {
    let mut uniques = std::mem::take(&mut table.uniques);
    let mut k = 0;
    uniques.retain_mut(|u| {
        let at = k;
        k += 1;
        if missing(table, &u.def.columns) {
            let name = name_of(u, &u.def.id);
            let message =
                format!("unique constraint `{name}` refers to a missing column and was left out");
            let target = r.constraint(&u.def.id);
            r.warn(
                codes::DANGLING_REFERENCE,
                message,
                target,
                &format!("/uniques/{at}"),
            );
            return false;
        }
        if let Some(col) = u
            .def
            .columns
            .iter()
            .filter_map(|id| table.column(id))
            .find(|c| !r.d.can_index_type(&c.data_type))
        {
            let name = name_of(u, &u.def.id);
            let message = format!(
                "{} cannot index the {} column `{}.{}`, so unique constraint `{name}` was left out",
                r.name(),
                col.data_type,
                table.name,
                col.name
            );
            let target = r.constraint(&u.def.id);
            r.warn(
                codes::UNINDEXABLE,
                message,
                target,
                &format!("/uniques/{at}"),
            );
            return false;
        }
        if u.def.nulls_not_distinct && !r.d.supports_nulls_not_distinct() {
            let name = name_of(u, &u.def.id);
            let message = format!(
                "{} has no UNIQUE NULLS NOT DISTINCT; `{name}` allows several rows with NULL",
                r.name()
            );
            let target = r.constraint(&u.def.id);
            let suffix = format!("/uniques/{at}/nulls_not_distinct");
            r.warn(codes::NULLS_NOT_DISTINCT, message, target, &suffix);
            u.def.to_mut().nulls_not_distinct = false;
        }
        true
    });
    table.uniques = uniques;
}

fn foreign_keys(table: &mut PTable<'_>, resolves: &[bool], r: &mut Report<'_>) {
    let mut k = 0;
    table.foreign_keys.retain_mut(|fk| {
        let at = k;
        k += 1;
        if !resolves.get(at).copied().unwrap_or(false) {
            let name = name_of(fk, &fk.def.id);
            let message = format!(
                "foreign key `{name}` refers to a missing table or column (or to a different number of columns) and was left out"
            );
            let target = r.constraint(&fk.def.id);
            r.warn(codes::DANGLING_REFERENCE, message, target, &format!("/foreign_keys/{at}"));
            return false;
        }
        for (label, field, on_delete) in [("ON DELETE", "on_delete", true), ("ON UPDATE", "on_update", false)] {
            let action = if on_delete { fk.def.on_delete } else { fk.def.on_update };
            if action != FkAction::NoAction && !r.d.supports_fk_action(action) {
                let name = name_of(fk, &fk.def.id);
                let message = format!(
                    "{} does not support {label} {} (foreign key `{name}`); NO ACTION is used",
                    r.name(),
                    action.sql()
                );
                let target = r.constraint(&fk.def.id);
                r.warn(codes::FK_ACTION, message, target, &format!("/foreign_keys/{at}/{field}"));
                let def = fk.def.to_mut();
                if on_delete {
                    def.on_delete = FkAction::NoAction;
                } else {
                    def.on_update = FkAction::NoAction;
                }
            }
        }
        if fk.def.deferrable != Deferrable::No && !r.d.supports_deferrable() {
            let name = name_of(fk, &fk.def.id);
            let message = format!(
                "{} has no deferrable constraints; foreign key `{name}` is checked immediately, row by row",
                r.name()
            );
            let target = r.constraint(&fk.def.id);
            r.warn(codes::DEFERRABLE, message, target, &format!("/foreign_keys/{at}/deferrable"));
            fk.def.to_mut().deferrable = Deferrable::No;
        }
        true
    });
}

fn fk_resolves(table: &PTable<'_>, fk: &ForeignKey, by_id: &FastMap<&str, &PTable<'_>>) -> bool {
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
fn indexes(table: &mut PTable<'_>, r: &mut Report<'_>) -> Vec<String> {
    let mut removed = Vec::new();
    let mut indexes = std::mem::take(&mut table.indexes);
    let mut k = 0;
    indexes.retain_mut(|ix| {
        let at = k;
        k += 1;
        let keep = index(table, ix, at, r);
        if !keep {
            removed.push(ix.def.id.clone());
        }
        keep
    });
    table.indexes = indexes;
    removed
}

/// Adapt one index; `false` when it cannot be created at all.
fn index(table: &PTable<'_>, named: &mut Named<'_, Index>, at: usize, r: &mut Report<'_>) -> bool {
    // The name is set aside while the index changes, so that messages can use it uncopied.
    let taken = named.name.take();
    let id;
    let name = match &taken {
        Some(n) => n.as_str(),
        None => {
            id = named.def.id.clone();
            id.as_str()
        }
    };
    let keep = adapt_index(table, named, name, at, r);
    named.name = taken;
    keep
}

/// [`index`], with the index's name.
fn adapt_index(
    table: &PTable<'_>,
    named: &mut Named<'_, Index>,
    name: &str,
    at: usize,
    r: &mut Report<'_>,
) -> bool {
    let ix = &named.def;
    let target = |r: &Report<'_>| r.index(&ix.id);
    let base = || format!("/indexes/{at}");
    // Key columns that exist and can be indexed.
    for part in &ix.parts {
        let Some(id) = &part.column else {
            if part.expr.is_none() {
                let message = format!(
                    "index `{name}` has a key part with neither column nor expression and was left out"
                );
                let target = target(r);
                r.warn(codes::DANGLING_REFERENCE, message, target, &base());
                return false;
            }
            continue;
        };
        let Some(col) = table.column(id) else {
            let message =
                format!("index `{name}` refers to a missing column `{id}` and was left out");
            let target = target(r);
            r.warn(codes::DANGLING_REFERENCE, message, target, &base());
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
            let target = target(r);
            r.warn(codes::UNINDEXABLE, message, target, &base());
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
            r.d.quote_ident(name),
            r.d.quote_ident(&table.name),
            parts.join(", ")
        );
        let message = format!(
            "MariaDB has no expression indexes, so index `{name}` (on `{expr}`) was left out; on MySQL 8.0.13 or newer create it with `{sql}`, on MariaDB index a generated column"
        );
        let target = target(r);
        r.warn(
            codes::EXPRESSION_INDEX,
            message,
            target,
            &format!("{}/parts/{pi}/expr", base()),
        );
        return false;
    }
    let d = r.d;
    for pi in 0..named.def.parts.len() {
        let part = &named.def.parts[pi];
        let drop_opclass = part.opclass.is_some() && !d.supports_opclass();
        let drop_desc = part.order == SortOrder::Desc && !d.supports_descending_index();
        let drop_nulls = part.nulls.is_some() && !d.supports_nulls_order();
        if !(drop_opclass || drop_desc || drop_nulls) {
            continue;
        }
        let part = &mut named.def.to_mut().parts[pi];
        let mut dropped: Vec<String> = Vec::new();
        if let Some(opclass) = part.opclass.take_if(|_| drop_opclass) {
            dropped.push(format!("operator class {}", opclass.trim()));
        }
        if drop_desc {
            part.order = SortOrder::Asc;
            dropped.push("DESC".into());
        }
        if let Some(nulls) = part.nulls.take_if(|_| drop_nulls) {
            dropped.push(format!("NULLS {}", format!("{nulls:?}").to_uppercase()));
        }
        let message = format!(
            "{} cannot express {} in index `{name}`; left out",
            r.name(),
            dropped.join(", ")
        );
        let target = r.index(&named.def.id);
        r.warn(
            codes::INDEX_PART_OPTION,
            message,
            target,
            &format!("/indexes/{at}/parts/{pi}"),
        );
    }
    if !named.def.include.is_empty() {
        if missing(table, &named.def.include) {
            let message = format!("index `{name}` includes a missing column and was left out");
            let target = r.index(&named.def.id);
            r.warn(
                codes::DANGLING_REFERENCE,
                message,
                target,
                &format!("/indexes/{at}/include"),
            );
            return false;
        }
        if !r.d.supports_include() {
            let ix = named.def.to_mut();
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
                ix.parts
                    .extend(appended.iter().map(|id| IndexPart::column(*id)));
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
            let target = r.index(&named.def.id);
            r.warn(
                codes::INCLUDE_COLUMNS,
                message,
                target,
                &format!("/indexes/{at}/include"),
            );
        }
    }
    if named.def.method != IndexMethod::Btree && !r.d.supports_index_method(named.def.method) {
        let message = format!(
            "{} has no {} indexes; `{name}` is a B-tree index",
            r.name(),
            named.def.method.as_str()
        );
        let target = r.index(&named.def.id);
        r.warn(
            codes::INDEX_METHOD,
            message,
            target,
            &format!("/indexes/{at}/method"),
        );
        named.def.to_mut().method = IndexMethod::Btree;
    }
    if named.def.predicate.is_some() && !r.d.supports_partial_indexes() {
        let ix = named.def.to_mut();
        let pred = ix.predicate.take().unwrap_or_default();
        let mut message = format!(
            "{} has no partial indexes; the predicate `{}` of `{name}` was dropped and the index covers every row",
            r.name(),
            pred.trim()
        );
        if ix.unique {
            ix.unique = false;
            message.push_str("; it is not unique, since uniqueness over every row would refuse rows the design allows");
        }
        let target = r.index(&named.def.id);
        r.warn(
            codes::PARTIAL_INDEX,
            message,
            target,
            &format!("/indexes/{at}/where"),
        );
    }
    true
}
