//! Columns and primary keys.

use super::losses::{Aspect, Entity};
use super::types::{canonical_default, canonical_type, default_sql};
use super::{Cx, list};
use schemata_model::{Column, DialectName, Identity, Table};

fn identity_text(i: Option<Identity>) -> &'static str {
    match i {
        None => "none",
        Some(Identity::Always) => "always",
        Some(Identity::ByDefault) => "by default",
    }
}

impl Cx<'_> {
    pub(super) fn columns(&mut self, e: &Table, a: &Table, label: &str) {
        for col in &e.columns {
            let entity = Entity::Column(col.id.clone());
            let here = format!("{label}: column {}", col.name);
            let Some(found) = a.column_by_name(&col.name) else {
                if !self.losses.excuses_absence(&e.id, &entity) {
                    self.out.push(format!("{here}: missing"));
                }
                continue;
            };
            let excused = |cx: &Self, aspect| cx.losses.excuses(&e.id, &entity, aspect);
            if !excused(self, Aspect::Type)
                && canonical_type(self.dialect, &col.data_type)
                    != canonical_type(self.dialect, &found.data_type)
            {
                self.out.push(format!(
                    "{here}: type differs: expected `{}`, found `{}`",
                    col.data_type, found.data_type
                ));
            }
            if col.nullable != found.nullable {
                let text = |n: bool| if n { "NULL" } else { "NOT NULL" };
                self.out.push(format!(
                    "{here}: nullability differs: expected {}, found {}",
                    text(col.nullable),
                    text(found.nullable)
                ));
            }
            if !excused(self, Aspect::Default) {
                self.default(col, found, &here);
            }
            if !excused(self, Aspect::Identity) && !self.same_identity(e, col, found) {
                self.out.push(format!(
                    "{here}: identity differs: expected {}, found {}",
                    identity_text(col.identity),
                    identity_text(found.identity)
                ));
            }
            match (&col.generated, &found.generated) {
                (None, None) => {}
                (Some(g), None) => self.out.push(format!(
                    "{here}: generated expression missing: expected `{}`",
                    g.expr
                )),
                (None, Some(g)) => self
                    .out
                    .push(format!("{here}: unexpectedly generated as `{}`", g.expr)),
                (Some(g), Some(h)) => {
                    if self.norm(&g.expr) != self.norm(&h.expr) {
                        self.out.push(format!(
                            "{here}: generated expression differs: expected `{}`, found `{}`",
                            g.expr, h.expr
                        ));
                    }
                    if g.stored != h.stored && !excused(self, Aspect::GeneratedStored) {
                        let text = |s: bool| if s { "stored" } else { "virtual" };
                        self.out.push(format!(
                            "{here}: generated column is {} instead of {}",
                            text(h.stored),
                            text(g.stored)
                        ));
                    }
                }
            }
        }
    }

    fn default(&mut self, col: &Column, found: &Column, here: &str) {
        let ty = &col.data_type;
        match (&col.default, &found.default) {
            (None, None) => {}
            (Some(d), None) => self.out.push(format!(
                "{here}: default missing: expected `{}`",
                default_sql(self.dialect, d, ty)
            )),
            (None, Some(d)) => self.out.push(format!(
                "{here}: unexpected default `{}`",
                default_sql(self.dialect, d, ty)
            )),
            (Some(d), Some(f)) => {
                if canonical_default(self.dialect, d, ty) != canonical_default(self.dialect, f, ty)
                {
                    self.out.push(format!(
                        "{here}: default differs: expected `{}`, found `{}`",
                        default_sql(self.dialect, d, ty),
                        default_sql(self.dialect, f, ty)
                    ));
                }
            }
        }
    }

    /// Identity compared as designed, except that SQLite makes every single-column `INTEGER`
    /// primary key the rowid, which is assigned automatically whether designed so or not.
    fn same_identity(&self, table: &Table, col: &Column, found: &Column) -> bool {
        if col.identity == found.identity {
            return true;
        }
        self.dialect == DialectName::Sqlite
            && col.identity.is_none()
            && found.identity == Some(Identity::ByDefault)
            && table.primary_key_columns() == [col.id.clone()]
    }

    pub(super) fn primary_key(&mut self, e: &Table, a: &Table, label: &str) {
        let Some(pk) = &e.primary_key else { return };
        let entity = Entity::Constraint("primary_key".into());
        let Some(found) = &a.primary_key else {
            if !self.losses.excuses_absence(&e.id, &entity) {
                self.out.push(format!("{label}: primary key missing"));
            }
            return;
        };
        let expected_cols = e.column_names(&pk.columns);
        let found_cols = a.column_names(&found.columns);
        if expected_cols != found_cols {
            self.out.push(format!(
                "{label}: primary key columns differ: expected {}, found {}",
                list(&expected_cols),
                list(&found_cols)
            ));
        }
        // MySQL calls every primary key PRIMARY.
        if self.dialect != DialectName::Mysql
            && let Some(name) = &pk.name
            && found.name.as_deref() != Some(name.as_str())
        {
            self.out.push(format!(
                "{label}: primary key name differs: expected {name}, found {}",
                found.name.as_deref().unwrap_or("none")
            ));
        }
    }
}
