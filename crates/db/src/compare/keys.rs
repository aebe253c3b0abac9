//! Unique constraints, CHECK constraints, foreign keys and indexes.

use super::expr::normalize_in;
use super::losses::{Aspect, Entity};
use super::{Cx, list};
use schemata_model::{
    DialectName, FkAction, Index, IndexMethod, IndexPart, NullsOrder, SortOrder, Table,
    UniqueConstraint,
};

/// A unique key as found in the database: a unique constraint, or (MySQL) a unique index.
struct FoundUnique<'a> {
    name: Option<&'a str>,
    columns: Vec<&'a str>,
    nulls_not_distinct: bool,
}

impl Cx<'_> {
    pub(super) fn uniques(&mut self, e: &Table, a: &Table, label: &str) {
        for u in &e.uniques {
            let name = u.name.as_deref().unwrap_or(&u.id);
            let here = format!("{label}: unique {name}");
            let entity = Entity::Constraint(u.id.clone());
            let columns = e.column_names(&u.columns);
            let found = self.find_unique(a, name, &columns);
            let Some(found) = found else {
                if !self.losses.excuses_absence(&e.id, &entity) {
                    self.out
                        .push(format!("{here}: missing (columns {})", list(&columns)));
                }
                continue;
            };
            if found.name != Some(name) {
                self.out.push(format!(
                    "{here}: found on the same columns but named {}",
                    found.name.unwrap_or("nothing")
                ));
            }
            if found.columns != columns {
                self.out.push(format!(
                    "{here}: columns differ: expected {}, found {}",
                    list(&columns),
                    list(&found.columns)
                ));
            }
            if found.nulls_not_distinct != u.nulls_not_distinct
                && !self
                    .losses
                    .excuses(&e.id, &entity, Aspect::NullsNotDistinct)
            {
                self.out.push(format!(
                    "{here}: NULLS NOT DISTINCT differs: expected {}, found {}",
                    u.nulls_not_distinct, found.nulls_not_distinct
                ));
            }
        }
    }

    fn find_unique<'t>(
        &self,
        a: &'t Table,
        name: &str,
        columns: &[&str],
    ) -> Option<FoundUnique<'t>> {
        let from_constraint = |x: &'t UniqueConstraint| FoundUnique {
            name: x.name.as_deref(),
            columns: a.column_names(&x.columns),
            nulls_not_distinct: x.nulls_not_distinct,
        };
        if let Some(x) = a.uniques.iter().find(|x| x.name.as_deref() == Some(name)) {
            return Some(from_constraint(x));
        }
        // MySQL does not tell a unique constraint from a unique index.
        if self.dialect == DialectName::Mysql
            && let Some(ix) = a
                .indexes
                .iter()
                .find(|ix| ix.unique && ix.name.as_deref() == Some(name))
        {
            return Some(FoundUnique {
                name: ix.name.as_deref(),
                columns: ix
                    .parts
                    .iter()
                    .map(|p| p.column.as_deref().map(|c| a.column_name(c)).unwrap_or("?"))
                    .collect(),
                nulls_not_distinct: false,
            });
        }
        a.uniques
            .iter()
            .find(|x| a.column_names(&x.columns) == columns)
            .map(from_constraint)
    }

    pub(super) fn checks(&mut self, e: &Table, a: &Table, label: &str) {
        for c in &e.checks {
            let name = c.name.as_deref().unwrap_or(&c.id);
            let here = format!("{label}: check {name}");
            let want = self.norm(&c.expr);
            let found = a
                .checks
                .iter()
                .find(|x| x.name.as_deref() == Some(name))
                .or_else(|| a.checks.iter().find(|x| self.norm(&x.expr) == want));
            let Some(found) = found else {
                if !self
                    .losses
                    .excuses_absence(&e.id, &Entity::Constraint(c.id.clone()))
                {
                    self.out.push(format!("{here}: missing (`{}`)", c.expr));
                }
                continue;
            };
            if found.name.as_deref() != Some(name) {
                self.out.push(format!(
                    "{here}: found with the same expression but named {}",
                    found.name.as_deref().unwrap_or("nothing")
                ));
            }
            if self.norm(&found.expr) != want {
                self.out.push(format!(
                    "{here}: expression differs: expected `{}`, found `{}`",
                    c.expr, found.expr
                ));
            }
        }
    }

    pub(super) fn foreign_keys(&mut self, e: &Table, a: &Table, label: &str) {
        for fk in &e.foreign_keys {
            let name = fk.name.as_deref().unwrap_or(&fk.id);
            let here = format!("{label}: foreign key {name}");
            let entity = Entity::Constraint(fk.id.clone());
            let columns = e.column_names(&fk.columns);
            let target = self.expected_table_name(&fk.references);
            let target_cols: Vec<String> = match self.expected.table(&fk.references) {
                Some(t) => t
                    .column_names(fk.target_columns(self.expected))
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                None => fk.referenced_columns.clone(),
            };
            let found = a
                .foreign_keys
                .iter()
                .find(|x| x.name.as_deref() == Some(name))
                .or_else(|| {
                    a.foreign_keys.iter().find(|x| {
                        a.column_names(&x.columns) == columns
                            && self.actual_table_name(&x.references) == target
                    })
                });
            let Some(found) = found else {
                if !self.losses.excuses_absence(&e.id, &entity) {
                    self.out.push(format!(
                        "{here}: missing ({} → {target} {})",
                        list(&columns),
                        list(&target_cols)
                    ));
                }
                continue;
            };
            if found.name.as_deref() != Some(name) {
                self.out.push(format!(
                    "{here}: found on the same columns but named {}",
                    found.name.as_deref().unwrap_or("nothing")
                ));
            }
            let found_cols = a.column_names(&found.columns);
            if found_cols != columns {
                self.out.push(format!(
                    "{here}: columns differ: expected {}, found {}",
                    list(&columns),
                    list(&found_cols)
                ));
            }
            let found_target = self.actual_table_name(&found.references);
            // When the referenced table itself is missing (reported on its own), only its name
            // can be compared.
            let found_target_cols: Vec<String> = match self.actual.table(&found.references) {
                Some(t) => t
                    .column_names(found.target_columns(self.actual))
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                None if found.referenced_columns.is_empty() => target_cols.clone(),
                None => found.referenced_columns.clone(),
            };
            if found_target != target || found_target_cols != target_cols {
                self.out.push(format!(
                    "{here}: references {found_target} {} instead of {target} {}",
                    list(&found_target_cols),
                    list(&target_cols)
                ));
            }
            if !self.losses.excuses(&e.id, &entity, Aspect::Actions) {
                for (what, want, got) in [
                    ("ON DELETE", fk.on_delete, found.on_delete),
                    ("ON UPDATE", fk.on_update, found.on_update),
                ] {
                    if !self.same_action(want, got) {
                        self.out.push(format!(
                            "{here}: {what} differs: expected {}, found {}",
                            want.sql(),
                            got.sql()
                        ));
                    }
                }
            }
            if fk.deferrable != found.deferrable
                && !self.losses.excuses(&e.id, &entity, Aspect::Deferrable)
            {
                self.out.push(format!(
                    "{here}: deferrable differs: expected {:?}, found {:?}",
                    fk.deferrable, found.deferrable
                ));
            }
        }
    }

    /// InnoDB reports NO ACTION as RESTRICT, and treats them the same.
    fn same_action(&self, want: FkAction, got: FkAction) -> bool {
        let norm = |x: FkAction| match (self.dialect, x) {
            (DialectName::Mysql, FkAction::NoAction) => FkAction::Restrict,
            (_, x) => x,
        };
        norm(want) == norm(got)
    }

    pub(super) fn indexes(&mut self, e: &Table, a: &Table, label: &str) {
        // MySQL reports unique indexes on plain columns as unique constraints.
        let as_indexes: Vec<Index> = if self.dialect == DialectName::Mysql {
            a.uniques
                .iter()
                .map(|u| Index {
                    id: u.id.clone(),
                    name: u.name.clone(),
                    parts: u.columns.iter().map(IndexPart::column).collect(),
                    unique: true,
                    method: IndexMethod::Btree,
                    include: Vec::new(),
                    predicate: None,
                })
                .collect()
        } else {
            Vec::new()
        };
        for ix in &e.indexes {
            let name = ix.name.as_deref().unwrap_or(&ix.id);
            let here = format!("{label}: index {name}");
            let entity = Entity::Index(ix.id.clone());
            if self.losses.excuses_absence(&e.id, &entity) {
                continue;
            }
            let found = a
                .indexes
                .iter()
                .chain(&as_indexes)
                .find(|x| x.name.as_deref() == Some(name));
            let Some(found) = found else {
                self.out.push(format!("{here}: missing"));
                continue;
            };
            let excused = |cx: &Self, aspect| cx.losses.excuses(&e.id, &entity, aspect);
            let include_excused = excused(self, Aspect::Include);
            let options_excused = excused(self, Aspect::PartOptions);
            let want: Vec<String> = ix
                .parts
                .iter()
                .map(|p| part_text(self.dialect, e, p, !options_excused))
                .collect();
            let mut got: Vec<String> = found
                .parts
                .iter()
                .map(|p| part_text(self.dialect, a, p, !options_excused))
                .collect();
            if include_excused && got.len() > want.len() {
                // The INCLUDE columns were appended as key columns.
                got.truncate(want.len());
            }
            if want != got {
                self.out.push(format!(
                    "{here}: key parts differ: expected {}, found {}",
                    list(&want),
                    list(&got)
                ));
            }
            if ix.unique != found.unique {
                self.out.push(format!(
                    "{here}: uniqueness differs: expected {}, found {}",
                    if ix.unique { "unique" } else { "not unique" },
                    if found.unique { "unique" } else { "not unique" }
                ));
            }
            if ix.method != found.method && !excused(self, Aspect::Method) {
                self.out.push(format!(
                    "{here}: method differs: expected {}, found {}",
                    ix.method.as_str(),
                    found.method.as_str()
                ));
            }
            let want_inc = e.column_names(&ix.include);
            let got_inc = a.column_names(&found.include);
            if want_inc != got_inc && !include_excused {
                self.out.push(format!(
                    "{here}: INCLUDE differs: expected {}, found {}",
                    list(&want_inc),
                    list(&got_inc)
                ));
            }
            if !excused(self, Aspect::Predicate) {
                let norm = |p: &Option<String>| p.as_deref().map(|s| self.norm(s));
                if norm(&ix.predicate) != norm(&found.predicate) {
                    let show = |p: &Option<String>| {
                        p.as_deref()
                            .map(|s| format!("`{s}`"))
                            .unwrap_or_else(|| "none".into())
                    };
                    self.out.push(format!(
                        "{here}: predicate differs: expected {}, found {}",
                        show(&ix.predicate),
                        show(&found.predicate)
                    ));
                }
            }
        }
    }
}

/// A key part as compared: the column name or the normalised expression (an expression that is
/// just a column name counts as that column), with direction, NULLS order and operator class when
/// `options` is set. NULLS order is given only when it is not the default for the direction.
fn part_text(dialect: DialectName, table: &Table, p: &IndexPart, options: bool) -> String {
    let mut s = match (&p.column, &p.expr) {
        (Some(c), _) => table.column_name(c).to_string(),
        (None, Some(expr)) => {
            let n = normalize_in(dialect, expr);
            match table.column_by_name(&n).or_else(|| {
                table
                    .columns
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(&n))
            }) {
                Some(col) => col.name.clone(),
                None => n,
            }
        }
        (None, None) => "?".into(),
    };
    if !options {
        return s;
    }
    if p.order == SortOrder::Desc {
        s.push_str(" DESC");
    }
    match (p.order, p.nulls) {
        (SortOrder::Asc, Some(NullsOrder::First)) => s.push_str(" NULLS FIRST"),
        (SortOrder::Desc, Some(NullsOrder::Last)) => s.push_str(" NULLS LAST"),
        _ => {}
    }
    if let Some(op) = &p.opclass {
        s.push(' ');
        s.push_str(&op.to_ascii_lowercase());
    }
    s
}
