//! The DDL of a shard plan for Citus: the design adapted to Citus' rules, the tables and indexes,
//! the `create_reference_table` / `create_distributed_table` calls, then the foreign keys.
//!
//! Citus enforces uniqueness shard by shard, so every primary key, unique constraint and unique
//! index of a distributed table must contain its distribution column: the column is appended
//! (`S001`). A foreign key can be kept when it points at a reference table, when both tables are
//! local, or when both tables are distributed in the same family and the key pairs the child's
//! distribution column with the parent's; every other one is dropped (`S002`). The tables are
//! created without foreign keys, distributed, and the kept foreign keys are added last with
//! `ALTER TABLE ... ADD CONSTRAINT`, so that the script runs top to bottom on a Citus coordinator.

use std::collections::HashMap;
use std::fmt::Write as _;

use schemata_model::{
    DataType, Deferrable, Design, Diagnostic, DialectName, FkAction, ForeignKey, IndexPart,
    Severity, Table, Target,
};
use schemata_sql::ddl::generate;
use schemata_sql::dialect::{Dialect, dialect_for};
use schemata_sql::physical::physical_design;
use serde::Serialize;
use ts_rs::TS;

use super::codes::{FK_ACROSS_FAMILIES, UNIQUE_WITHOUT_KEY};
use super::{ShardPlan, TableMode};

/// A Citus script for a shard plan and what had to change in the design for it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CitusDdl {
    /// The whole script, ending with a newline.
    pub sql: String,
    /// `S001` / `S002` warnings for every key widened and every foreign key dropped or changed,
    /// then what PostgreSQL DDL generation approximated (`D` codes).
    pub diagnostics: Vec<Diagnostic>,
}

/// The Citus script of `design` distributed as `plan` says.
pub fn citus_ddl(design: &Design, plan: &ShardPlan) -> CitusDdl {
    let adapted = adapt(design, plan);
    let generated = generate(&adapted.design, DialectName::Postgres);
    let tables = &adapted.design.tables;

    let d = dialect_for(DialectName::Postgres);
    let mut sql = header(design, plan);
    sql.push_str("\n-- Tables and indexes, without foreign keys.\n");
    for s in &generated.statements {
        sql.push('\n');
        sql.push_str(&s.to_sql());
        sql.push('\n');
    }
    write_distribution(&mut sql, d, tables, &adapted.places, plan);
    if !adapted.foreign_keys.is_empty() {
        sql.push_str("\n-- Foreign keys, added once the tables are placed.\n\n");
        for (ti, fk) in &adapted.foreign_keys {
            sql.push_str(&fk_statement(d, tables, *ti, fk));
            sql.push_str(";\n");
        }
    }

    let mut diagnostics = adapted.diagnostics;
    for diag in generated.diagnostics {
        if !diagnostics
            .iter()
            .any(|x| x.code == diag.code && x.message == diag.message)
        {
            diagnostics.push(diag);
        }
    }
    CitusDdl { sql, diagnostics }
}

/// The physical design adapted to Citus.
pub(crate) struct Adapted {
    /// The PostgreSQL physical design with widened keys and without foreign keys.
    pub design: Design,
    /// The placement of each of its tables.
    pub places: Vec<Place>,
    /// The foreign keys to add after distribution: table index and key.
    pub foreign_keys: Vec<(usize, ForeignKey)>,
    /// `S001` / `S002` for every change, then the physical design's `D` codes.
    pub diagnostics: Vec<Diagnostic>,
}

/// Adapt `design` to Citus' rules under `plan`.
pub(crate) fn adapt(design: &Design, plan: &ShardPlan) -> Adapted {
    let (mut physical, physical_diags) = physical_design(design, DialectName::Postgres);
    let places = places(&physical.tables, plan);
    let mut cx = Transform {
        design,
        places: &places,
        diagnostics: Vec::new(),
    };
    explicit_references(&mut physical.tables);
    let widened = cx.widen_keys(&mut physical.tables);
    let foreign_keys = cx.foreign_keys(&mut physical.tables, &widened);
    let mut diagnostics = cx.diagnostics;
    diagnostics.extend(physical_diags);
    Adapted {
        design: physical,
        places,
        foreign_keys,
        diagnostics,
    }
}

/// How one table of the physical design is placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// Distributed by column `key` (id), co-located with the tables of `family`.
    Distributed {
        key: String,
        family: String,
    },
    Reference,
    /// On the coordinator only; also every table the plan does not list (junction tables).
    Local,
}

impl Place {
    fn label(&self) -> &'static str {
        match self {
            Place::Distributed { .. } => "distributed",
            Place::Reference => "reference",
            Place::Local => "local",
        }
    }
}

/// The placement of each physical table. A distributed table whose key column is missing, or
/// whose key type differs from its family lead's (Citus cannot co-locate them), is placed alone.
fn places(tables: &[Table], plan: &ShardPlan) -> Vec<Place> {
    let key_type = |id: &str| -> Option<&DataType> {
        let tp = plan.table(id)?;
        let t = tables.iter().find(|t| t.id == id)?;
        let key = tp.key.as_deref()?;
        t.columns.iter().find(|c| c.id == key).map(|c| &c.data_type)
    };
    tables
        .iter()
        .map(|t| match plan.table(&t.id) {
            Some(tp) => match tp.mode {
                TableMode::Reference => Place::Reference,
                TableMode::Local => Place::Local,
                TableMode::Distributed => {
                    let Some(key) = tp.key.clone().filter(|_| key_type(&t.id).is_some()) else {
                        return Place::Local;
                    };
                    let own = format!("{}:{}", tp.family.as_deref().unwrap_or(""), t.id);
                    let family = match tp.family.as_deref() {
                        Some(f) => {
                            let lead = plan
                                .families
                                .iter()
                                .find(|x| x.id == f)
                                .and_then(|x| x.tables.first());
                            match lead {
                                Some(lead) if key_type(lead) == key_type(&t.id) => f.to_string(),
                                _ => own,
                            }
                        }
                        None => own,
                    };
                    Place::Distributed { key, family }
                }
            },
            None => Place::Local,
        })
        .collect()
}

/// The script header: the design, the plan's headline figure.
fn header(design: &Design, plan: &ShardPlan) -> String {
    let name = design.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = if name.is_empty() {
        "(unnamed design)".to_string()
    } else {
        name
    };
    let distributed = plan
        .tables
        .iter()
        .filter(|t| t.mode == TableMode::Distributed)
        .count();
    let reference = plan
        .tables
        .iter()
        .filter(|t| t.mode == TableMode::Reference)
        .count();
    format!(
        "-- DDL for Citus (PostgreSQL with the citus extension)\n\
         -- Design: {name}\n\
         -- Shard plan: {:.1}% of the worksheet's rate-weighted patterns run on one shard \
         ({}; {} in {}, {}).\n\
         -- Generated by Schemata from the design file and its shard plan; edit the design, not this script.\n",
        plan.single_shard_share * 100.0,
        plural(plan.shards as usize, "shard"),
        plural(distributed, "distributed table"),
        plural(plan.families.len(), "family"),
        plural(reference, "reference table"),
    )
}

/// `1 shard`, `2 shards`, `2 families`.
fn plural(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("{n} {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// Make every foreign key name its referenced columns (the referenced primary key when empty),
/// before keys are widened.
fn explicit_references(tables: &mut [Table]) {
    let pks: HashMap<String, Vec<String>> = tables
        .iter()
        .filter_map(|t| Some((t.id.clone(), t.primary_key.as_ref()?.columns.clone())))
        .collect();
    for t in tables.iter_mut() {
        for fk in &mut t.foreign_keys {
            if fk.referenced_columns.is_empty()
                && let Some(pk) = pks.get(&fk.references)
            {
                fk.referenced_columns = pk.clone();
            }
        }
    }
}

/// A unique key of a table after widening: its columns, and whether the distribution column
/// was appended to it.
struct UniqueKey {
    columns: Vec<String>,
    widened: bool,
}

/// The design being adapted and the diagnostics of every change.
struct Transform<'a> {
    design: &'a Design,
    places: &'a [Place],
    diagnostics: Vec<Diagnostic>,
}

impl Transform<'_> {
    /// JSON pointer of `suffix` in the design file's table `id` (none for junction tables).
    fn path(&self, table: &str, suffix: impl FnOnce(&Table) -> String) -> Option<String> {
        let (i, t) = self
            .design
            .tables
            .iter()
            .enumerate()
            .find(|(_, t)| t.id == table)?;
        Some(format!("/tables/{i}{}", suffix(t)))
    }

    fn warn(
        &mut self,
        code: &str,
        message: String,
        help: &str,
        target: Target,
        path: Option<String>,
    ) {
        let mut d = Diagnostic::new(code, Severity::Warning, message)
            .with_help(help.to_string())
            .with_target(target);
        if let Some(p) = path {
            d = d.with_path(p);
        }
        self.diagnostics.push(d);
    }

    /// Append the distribution column to every primary key, unique constraint and unique index
    /// of a distributed table that lacks it (`S001`). Returns the unique keys of every table.
    fn widen_keys(&mut self, tables: &mut [Table]) -> Vec<Vec<UniqueKey>> {
        const HELP: &str = "Citus checks uniqueness within a shard only, so a unique key of a distributed table must contain its distribution column; the key is now unique per distribution value";
        let mut keys = Vec::with_capacity(tables.len());
        for (ti, t) in tables.iter_mut().enumerate() {
            let mut table_keys = Vec::new();
            let key = match &self.places[ti] {
                Place::Distributed { key, .. } => Some(key.clone()),
                _ => None,
            };
            let key_name = key
                .as_deref()
                .map(|k| column_name(t, k).to_string())
                .unwrap_or_default();
            if let Some(pk) = &mut t.primary_key {
                let widened = key.as_ref().is_some_and(|k| !pk.columns.contains(k));
                if widened && let Some(k) = &key {
                    let before = column_names(t.columns.as_slice(), &pk.columns);
                    pk.columns.push(k.clone());
                    let message = format!(
                        "the primary key of `{}` ({before}) does not contain the distribution column `{key_name}`; it is appended",
                        t.name
                    );
                    let path = self.path(&t.id, |_| "/primary_key".to_string());
                    let target = Target::Table {
                        table: t.id.clone(),
                    };
                    self.warn(UNIQUE_WITHOUT_KEY, message, HELP, target, path);
                }
                table_keys.push(UniqueKey {
                    columns: pk.columns.clone(),
                    widened,
                });
            }
            for u in &mut t.uniques {
                let widened = key.as_ref().is_some_and(|k| !u.columns.contains(k));
                if widened && let Some(k) = &key {
                    let before = column_names(t.columns.as_slice(), &u.columns);
                    u.columns.push(k.clone());
                    let label = u.name.clone().unwrap_or_else(|| u.id.clone());
                    let message = format!(
                        "unique constraint `{label}` of `{}` ({before}) does not contain the distribution column `{key_name}`; it is appended",
                        t.name
                    );
                    let id = u.id.clone();
                    let path = self.path(&t.id, |dt| {
                        let i = dt.uniques.iter().position(|x| x.id == id).unwrap_or(0);
                        format!("/uniques/{i}")
                    });
                    let target = Target::Constraint {
                        table: t.id.clone(),
                        constraint: id,
                    };
                    self.warn(UNIQUE_WITHOUT_KEY, message, HELP, target, path);
                }
                table_keys.push(UniqueKey {
                    columns: u.columns.clone(),
                    widened,
                });
            }
            for ix in t.indexes.iter_mut().filter(|ix| ix.unique) {
                let has = |k: &String| ix.parts.iter().any(|p| p.column.as_ref() == Some(k));
                let widened = key.as_ref().is_some_and(|k| !has(k));
                if widened && let Some(k) = &key {
                    ix.parts.push(IndexPart::column(k.clone()));
                    let label = ix.name.clone().unwrap_or_else(|| ix.id.clone());
                    let message = format!(
                        "unique index `{label}` of `{}` does not contain the distribution column `{key_name}`; it is appended",
                        t.name
                    );
                    let id = ix.id.clone();
                    let path = self.path(&t.id, |dt| {
                        let i = dt.indexes.iter().position(|x| x.id == id).unwrap_or(0);
                        format!("/indexes/{i}")
                    });
                    let target = Target::Index {
                        table: t.id.clone(),
                        index: id,
                    };
                    self.warn(UNIQUE_WITHOUT_KEY, message, HELP, target, path);
                }
                let plain = ix.predicate.is_none() && ix.parts.iter().all(|p| p.column.is_some());
                if plain {
                    table_keys.push(UniqueKey {
                        columns: ix.parts.iter().filter_map(|p| p.column.clone()).collect(),
                        widened,
                    });
                }
            }
            keys.push(table_keys);
        }
        keys
    }

    /// Take every foreign key out of the tables; return those Citus accepts, adapted, in table
    /// order. Every dropped or changed foreign key gets an `S002` warning.
    fn foreign_keys(
        &mut self,
        tables: &mut [Table],
        keys: &[Vec<UniqueKey>],
    ) -> Vec<(usize, ForeignKey)> {
        let index: HashMap<String, usize> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let mut kept = Vec::new();
        for ti in 0..tables.len() {
            let fks = std::mem::take(&mut tables[ti].foreign_keys);
            for (k, mut fk) in fks.into_iter().enumerate() {
                let pi = index.get(&fk.references).copied();
                match self.check_fk(tables, ti, pi, &mut fk, keys) {
                    Ok(()) => kept.push((ti, fk)),
                    Err(why) => {
                        let parent = pi.map_or(fk.references.as_str(), |pi| &tables[pi].name);
                        let message = format!(
                            "foreign key {} of `{}` to `{parent}` is dropped: {why}",
                            fk_label(&fk, k),
                            tables[ti].name
                        );
                        let help = "enforce the reference in the application, or change the plan so that both tables are co-located (or the parent is a reference table)";
                        self.fk_warn(&tables[ti], &fk, message, help);
                    }
                }
            }
        }
        kept
    }

    fn fk_warn(&mut self, t: &Table, fk: &ForeignKey, message: String, help: &str) {
        let id = fk.id.clone();
        let path = self.path(&t.id, |dt| {
            let i = dt.foreign_keys.iter().position(|x| x.id == id).unwrap_or(0);
            format!("/foreign_keys/{i}")
        });
        let target = Target::Constraint {
            table: t.id.clone(),
            constraint: fk.id.clone(),
        };
        self.warn(FK_ACROSS_FAMILIES, message, help, target, path);
    }

    /// `Ok` when Citus accepts the foreign key (adapted in place), else why not.
    fn check_fk(
        &mut self,
        tables: &[Table],
        ti: usize,
        pi: Option<usize>,
        fk: &mut ForeignKey,
        keys: &[Vec<UniqueKey>],
    ) -> Result<(), String> {
        let Some(pi) = pi else {
            return Err(format!("table `{}` does not exist", fk.references));
        };
        let (child, parent) = (&self.places[ti], &self.places[pi]);
        let (t, p) = (&tables[ti], &tables[pi]);
        match (child, parent) {
            (_, Place::Reference) | (Place::Local, Place::Local) => {}
            (
                Place::Distributed {
                    key: ck,
                    family: cf,
                },
                Place::Distributed {
                    key: pk,
                    family: pf,
                },
            ) => {
                if cf != pf {
                    return Err(format!(
                        "`{}` and `{}` are distributed in different families (by `{}` and `{}`), so their rows are not co-located",
                        t.name,
                        p.name,
                        column_name(t, ck),
                        column_name(p, pk)
                    ));
                }
                let carries = fk
                    .columns
                    .iter()
                    .zip(&fk.referenced_columns)
                    .any(|(c, r)| c == ck && r == pk);
                if !carries {
                    return Err(format!(
                        "it does not pair the distribution columns (`{}.{}` -> `{}.{}`), so a child row may live on another shard than its parent",
                        t.name,
                        column_name(t, ck),
                        p.name,
                        column_name(p, pk)
                    ));
                }
                self.match_widened_key(t, p, fk, &keys[pi])?;
            }
            _ => {
                return Err(format!(
                    "Citus does not support foreign keys from a {} table to a {} table",
                    child.label(),
                    parent.label()
                ));
            }
        }
        self.supported_actions(t, ti, fk);
        Ok(())
    }

    /// The referenced columns must still be a unique key of the parent; when they are the
    /// columns of a widened key in another order, the pairs are put in that key's order.
    fn match_widened_key(
        &mut self,
        t: &Table,
        p: &Table,
        fk: &mut ForeignKey,
        keys: &[UniqueKey],
    ) -> Result<(), String> {
        let same_set = |cols: &[String]| {
            cols.len() == fk.referenced_columns.len()
                && cols.iter().all(|c| fk.referenced_columns.contains(c))
        };
        if keys.iter().any(|k| k.columns == fk.referenced_columns) {
            return Ok(());
        }
        // A key with the same columns in another order: PostgreSQL accepts it as it is, unless
        // it is a widened one, whose order the foreign key then follows.
        let found = keys
            .iter()
            .filter(|k| same_set(&k.columns))
            .min_by_key(|k| k.widened);
        let Some(key) = found else {
            return Err(format!(
                "no unique key of `{}` has the referenced columns ({}) once its keys contain the distribution column",
                p.name,
                column_names(&p.columns, &fk.referenced_columns)
            ));
        };
        if key.widened && key.columns != fk.referenced_columns {
            let pairs: Vec<(String, String)> = fk
                .columns
                .iter()
                .cloned()
                .zip(fk.referenced_columns.iter().cloned())
                .collect();
            let before = column_names(&p.columns, &fk.referenced_columns);
            fk.columns = key
                .columns
                .iter()
                .filter_map(|r| pairs.iter().find(|(_, x)| x == r).map(|(c, _)| c.clone()))
                .collect();
            fk.referenced_columns = key.columns.clone();
            let message = format!(
                "foreign key {} of `{}` now lists its columns in the order of the widened key of `{}`: ({}) instead of ({before})",
                fk_label(fk, 0),
                t.name,
                p.name,
                column_names(&p.columns, &fk.referenced_columns)
            );
            let help = "nothing to do: the same column pairs, in the order of the referenced key";
            self.fk_warn(t, fk, message, help);
        }
        Ok(())
    }

    /// Citus refuses `ON DELETE SET NULL / SET DEFAULT` and `ON UPDATE SET NULL / SET DEFAULT /
    /// CASCADE` when the referencing columns contain the distribution column: those become
    /// `NO ACTION` (`S002`).
    fn supported_actions(&mut self, t: &Table, ti: usize, fk: &mut ForeignKey) {
        let Place::Distributed { key, .. } = &self.places[ti] else {
            return;
        };
        if !fk.columns.contains(key) {
            return;
        }
        let mut changed = Vec::new();
        if matches!(fk.on_delete, FkAction::SetNull | FkAction::SetDefault) {
            changed.push(format!("ON DELETE {}", fk.on_delete.sql()));
            fk.on_delete = FkAction::NoAction;
        }
        if matches!(
            fk.on_update,
            FkAction::SetNull | FkAction::SetDefault | FkAction::Cascade
        ) {
            changed.push(format!("ON UPDATE {}", fk.on_update.sql()));
            fk.on_update = FkAction::NoAction;
        }
        if !changed.is_empty() {
            let message = format!(
                "foreign key {} of `{}` loses {}: Citus does not allow it when the referencing columns contain the distribution column `{}`",
                fk_label(fk, 0),
                t.name,
                changed.join(" and "),
                column_name(t, key)
            );
            let help = "handle the change in the application, or keep the distribution column out of the foreign key";
            self.fk_warn(t, fk, message, help);
        }
    }
}

/// `name` or `(columns)` of a foreign key, for messages.
fn fk_label(fk: &ForeignKey, k: usize) -> String {
    match (&fk.name, fk.id.is_empty()) {
        (Some(n), _) => format!("`{n}`"),
        (None, false) => format!("`{}`", fk.id),
        (None, true) => format!("#{k}"),
    }
}

fn column_name<'a>(t: &'a Table, id: &'a str) -> &'a str {
    t.columns
        .iter()
        .find(|c| c.id == id)
        .map_or(id, |c| c.name.as_str())
}

/// Column names of `ids`, comma-separated.
fn column_names(columns: &[schemata_model::Column], ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            columns
                .iter()
                .find(|c| c.id == *id)
                .map_or(id.as_str(), |c| c.name.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `'schema.table'` as a string literal naming the table for a `regclass` argument.
fn table_literal(d: &dyn Dialect, t: &Table) -> String {
    d.string_literal(&d.quote_qualified(t.schema.as_deref(), &t.name))
}

/// The `create_reference_table` and `create_distributed_table` calls: reference tables, then
/// each family's lead followed by the tables co-located with it.
fn write_distribution(
    out: &mut String,
    d: &dyn Dialect,
    tables: &[Table],
    places: &[Place],
    plan: &ShardPlan,
) {
    let reference: Vec<&Table> = tables
        .iter()
        .zip(places)
        .filter(|(_, p)| **p == Place::Reference)
        .map(|(t, _)| t)
        .collect();
    if !reference.is_empty() {
        out.push_str("\n-- Reference tables: a copy on every node.\n\n");
        for t in reference {
            let _ = writeln!(
                out,
                "SELECT create_reference_table({});",
                table_literal(d, t)
            );
        }
    }
    // Distributed tables grouped by family, in the plan's family order, lead first.
    let rank = |t: &Table| {
        plan.families
            .iter()
            .enumerate()
            .find_map(|(fi, f)| f.tables.iter().position(|x| *x == t.id).map(|k| (fi, k)))
            .unwrap_or((usize::MAX, 0))
    };
    let mut distributed: Vec<(usize, &Table, &str, &str)> = tables
        .iter()
        .zip(places)
        .enumerate()
        .filter_map(|(i, (t, p))| match p {
            Place::Distributed { key, family } => Some((i, t, key.as_str(), family.as_str())),
            _ => None,
        })
        .collect();
    distributed.sort_by_key(|(i, t, _, _)| (rank(t), *i));
    let mut leads: Vec<(&str, &Table)> = Vec::new();
    for (_, t, key, family) in distributed {
        let column = d.string_literal(column_name(t, key));
        match leads.iter().find(|(f, _)| *f == family) {
            Some((_, lead)) => {
                let _ = writeln!(
                    out,
                    "SELECT create_distributed_table({}, {column}, colocate_with => {});",
                    table_literal(d, t),
                    table_literal(d, lead)
                );
            }
            None => {
                let name = plan
                    .families
                    .iter()
                    .find(|f| f.id == family)
                    .map_or_else(|| format!("`{}` alone", t.name), |f| f.name.clone());
                let _ = write!(out, "\n-- Distributed by {name}.\n\n");
                let _ = writeln!(
                    out,
                    "SELECT create_distributed_table({}, {column}, shard_count => {});",
                    table_literal(d, t),
                    plan.shards
                );
                leads.push((family, t));
            }
        }
    }
    let local: Vec<&str> = tables
        .iter()
        .zip(places)
        .filter(|(_, p)| **p == Place::Local)
        .map(|(t, _)| t.name.as_str())
        .collect();
    if !local.is_empty() {
        let _ = write!(
            out,
            "\n-- Local tables, kept on the coordinator: {}.\n",
            local.join(", ")
        );
    }
}

/// `ALTER TABLE child ADD CONSTRAINT name FOREIGN KEY (...) REFERENCES parent (...) ...`.
fn fk_statement(d: &dyn Dialect, tables: &[Table], ti: usize, fk: &ForeignKey) -> String {
    let t = &tables[ti];
    let mut sql = format!(
        "ALTER TABLE {} ADD ",
        d.quote_qualified(t.schema.as_deref(), &t.name)
    );
    if let Some(n) = &fk.name {
        let _ = write!(sql, "CONSTRAINT {} ", d.quote_ident(n));
    }
    let quoted = |table: &Table, ids: &[String]| {
        ids.iter()
            .map(|id| d.quote_ident(column_name(table, id)).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = write!(sql, "FOREIGN KEY ({})", quoted(t, &fk.columns));
    if let Some(p) = tables.iter().find(|p| p.id == fk.references) {
        let _ = write!(
            sql,
            " REFERENCES {} ({})",
            d.quote_qualified(p.schema.as_deref(), &p.name),
            quoted(p, &fk.referenced_columns)
        );
    }
    for (label, action) in [(" ON DELETE ", fk.on_delete), (" ON UPDATE ", fk.on_update)] {
        if action != FkAction::NoAction {
            sql.push_str(label);
            sql.push_str(action.sql());
        }
    }
    match fk.deferrable {
        Deferrable::No => {}
        Deferrable::InitiallyImmediate => sql.push_str(" DEFERRABLE INITIALLY IMMEDIATE"),
        Deferrable::InitiallyDeferred => sql.push_str(" DEFERRABLE INITIALLY DEFERRED"),
    }
    sql
}

#[cfg(test)]
#[path = "citus_tests.rs"]
pub(crate) mod tests;
