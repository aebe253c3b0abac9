//! CREATE TABLE: columns, primary key, unique, check and foreign-key constraints, comments.
//!
//! The physical design has already been adapted to the dialect (see [`crate::physical`]), so
//! this only writes it out; the one thing noted here is a type the dialect approximates.

use std::fmt::Write as _;

use schemata_model::{
    DataType, Deferrable, DialectName, FkAction, Identity, Severity, Table, Target,
};

use super::{Gen, Key, StatementKind, codes};
use crate::dialect::{CommentStyle, IdentityStyle};

/// One element of the CREATE TABLE body, with the comment lines written above it (SQLite).
struct Element {
    comment: Option<String>,
    sql: String,
}

impl Gen<'_> {
    /// `CREATE TABLE` for table `ti`; foreign keys listed in `deferred` are left for
    /// `ALTER TABLE` unless the dialect allows forward references.
    pub(super) fn create_table(&mut self, ti: usize, deferred: &[(usize, usize)]) {
        let t = &self.design().tables[ti];
        let mut notes = Vec::new();
        let sql_comments = self.d.comment_style() == CommentStyle::SqlComment;
        let mut elements: Vec<Element> = Vec::with_capacity(t.columns.len() + 8);
        if sql_comments && let Some(c) = &t.comment {
            elements.push(Element {
                comment: Some(c.clone()),
                sql: String::new(),
            });
        }
        for (ci, col) in t.columns.iter().enumerate() {
            let sql = self.column_def(ti, ci, &mut notes);
            elements.push(Element {
                comment: col.comment.clone().filter(|_| sql_comments),
                sql,
            });
        }
        if let Some(pk) = &t.primary_key
            && let Some(cols) = self.column_list(t, &pk.columns)
        {
            let sql = if self.d.name() == DialectName::Mysql {
                format!("PRIMARY KEY ({cols})")
            } else {
                format!(
                    "{}PRIMARY KEY ({cols})",
                    self.constraint(pk.name.as_deref())
                )
            };
            elements.push(Element { comment: None, sql });
        }
        for u in &t.uniques {
            if let Some(cols) = self.column_list(t, &u.columns) {
                let nnd = if u.nulls_not_distinct {
                    " NULLS NOT DISTINCT"
                } else {
                    ""
                };
                let sql = format!("{}UNIQUE{nnd} ({cols})", self.constraint(u.name.as_deref()));
                elements.push(Element { comment: None, sql });
            }
        }
        for c in &t.checks {
            let sql = format!(
                "{}CHECK ({})",
                self.constraint(c.name.as_deref()),
                c.expr.trim()
            );
            elements.push(Element { comment: None, sql });
        }
        let forward = self.d.supports_forward_references();
        for k in 0..t.foreign_keys.len() {
            if !forward && deferred.contains(&(ti, k)) {
                continue;
            }
            if let Some(sql) = self.fk_clause(ti, k) {
                elements.push(Element { comment: None, sql });
            }
        }
        let mut sql = format!("CREATE TABLE {} (\n", self.table_name(ti));
        let last_sql = elements.iter().rposition(|e| !e.sql.is_empty());
        for (i, e) in elements.iter().enumerate() {
            if let Some(c) = &e.comment {
                for line in c.lines() {
                    let _ = writeln!(sql, "  -- {}", line.trim_end());
                }
            }
            if !e.sql.is_empty() {
                sql.push_str("  ");
                sql.push_str(&e.sql);
                if Some(i) != last_sql {
                    sql.push(',');
                }
                sql.push('\n');
            }
        }
        sql.push(')');
        sql.push_str(self.d.table_options());
        if self.d.comment_style() == CommentStyle::Inline
            && let Some(c) = &t.comment
        {
            let _ = write!(sql, " COMMENT={}", self.comment_literal(c));
        }
        self.push(StatementKind::CreateTable, sql, Key::Table(ti), notes);
    }

    /// `COMMENT ON` statements for the table and its columns (PostgreSQL).
    pub(super) fn comments(&mut self, ti: usize) {
        if self.d.comment_style() != CommentStyle::CommentOn {
            return;
        }
        let t = &self.design().tables[ti];
        let name = self.table_name(ti);
        if let Some(c) = &t.comment {
            let sql = format!("COMMENT ON TABLE {name} IS {}", self.comment_literal(c));
            self.push(StatementKind::Comment, sql, Key::Comment(ti), Vec::new());
        }
        for col in &t.columns {
            if let Some(c) = &col.comment {
                let sql = format!(
                    "COMMENT ON COLUMN {name}.{} IS {}",
                    self.d.quote_ident(&col.name),
                    self.comment_literal(c)
                );
                self.push(StatementKind::Comment, sql, Key::Comment(ti), Vec::new());
            }
        }
    }

    /// `ALTER TABLE ... ADD CONSTRAINT` for a foreign key that closes a cycle.
    pub(super) fn add_foreign_key(&mut self, ti: usize, k: usize) {
        if let Some(clause) = self.fk_clause(ti, k) {
            let sql = format!("ALTER TABLE {} ADD {clause}", self.table_name(ti));
            self.push(
                StatementKind::AddForeignKey,
                sql,
                Key::Fk(ti, k),
                Vec::new(),
            );
        }
    }

    /// `CONSTRAINT name ` or nothing.
    fn constraint(&self, name: Option<&str>) -> String {
        match name {
            Some(n) => format!("CONSTRAINT {} ", self.d.quote_ident(n)),
            None => String::new(),
        }
    }

    /// Quoted column names of `ids`, comma-separated; `None` when one is missing (the physical
    /// design has left such constraints out already).
    pub(super) fn column_list(&self, t: &Table, ids: &[String]) -> Option<String> {
        if ids.is_empty() {
            return None;
        }
        let mut out = String::new();
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.d.quote_ident(&t.column(id)?.name));
        }
        Some(out)
    }

    /// One column definition.
    fn column_def(&mut self, ti: usize, ci: usize, notes: &mut Vec<String>) -> String {
        let t = &self.design().tables[ti];
        let col = &t.columns[ci];
        let rowid = col.identity.is_some() && self.d.identity_style() == IdentityStyle::RowidAlias;
        let ty = self.column_type(ti, ci, rowid, notes);
        let mut s = format!("{} {ty}", self.d.quote_ident(&col.name));
        if let Some(g) = &col.generated {
            let kind = if g.stored { "STORED" } else { "VIRTUAL" };
            let _ = write!(s, " GENERATED ALWAYS AS ({}) {kind}", g.expr.trim());
        }
        if !col.nullable {
            s.push_str(" NOT NULL");
        }
        if let Some(default) = &col.default {
            let _ = write!(
                s,
                " DEFAULT {}",
                self.d.default_sql(default, &col.data_type)
            );
        }
        if let Some(identity) = col.identity {
            match self.d.identity_style() {
                IdentityStyle::Generated => s.push_str(match identity {
                    Identity::Always => " GENERATED ALWAYS AS IDENTITY",
                    Identity::ByDefault => " GENERATED BY DEFAULT AS IDENTITY",
                }),
                IdentityStyle::AutoIncrement => s.push_str(" AUTO_INCREMENT"),
                IdentityStyle::RowidAlias => {}
            }
        }
        if self.d.comment_style() == CommentStyle::Inline
            && let Some(c) = &col.comment
        {
            let _ = write!(s, " COMMENT {}", self.comment_literal(c));
        }
        s
    }

    /// The column's type in this dialect, reporting approximations.
    fn column_type(
        &mut self,
        ti: usize,
        ci: usize,
        rowid: bool,
        notes: &mut Vec<String>,
    ) -> String {
        if rowid {
            return "INTEGER".to_string();
        }
        let t = &self.design().tables[ti];
        let col = &t.columns[ci];
        if self.d.supports_enum_type()
            && let Some(name) = self.enum_type_name(&col.data_type)
        {
            return name;
        }
        let mapped = self.d.map_type(&col.data_type);
        if let Some(note) = mapped.note {
            let code = if matches!(col.data_type, DataType::Varchar(None)) {
                codes::VARCHAR_LENGTH
            } else {
                codes::TYPE_APPROXIMATED
            };
            let message = format!("`{}.{}`: {note}", t.name, col.name);
            let target = Target::Column {
                table: t.id.clone(),
                column: col.id.clone(),
            };
            let path = self.p.path(ti, &format!("/columns/{ci}/type"));
            self.limit(notes, code, Severity::Warning, message, target, path);
        }
        mapped.sql
    }

    /// The quoted name of a design enum the type names (or an array of one).
    fn enum_type_name(&self, ty: &DataType) -> Option<String> {
        match ty {
            DataType::Named(n) => self
                .design()
                .enums
                .iter()
                .find(|e| {
                    e.name == *n
                        || e.schema
                            .as_ref()
                            .is_some_and(|s| format!("{s}.{}", e.name) == *n)
                })
                .map(|e| self.d.quote_qualified(e.schema.as_deref(), &e.name)),
            DataType::Array(inner) => self.enum_type_name(inner).map(|s| format!("{s}[]")),
            _ => None,
        }
    }

    /// `CONSTRAINT name FOREIGN KEY (...) REFERENCES ... (...) [actions] [DEFERRABLE ...]`, or
    /// `None` when it refers to something missing (the physical design has left such foreign
    /// keys out already).
    fn fk_clause(&self, ti: usize, k: usize) -> Option<String> {
        let design = self.design();
        let t = &design.tables[ti];
        let fk = &t.foreign_keys[k];
        let ri = *self.by_id.get(fk.references.as_str())?;
        let rt = &design.tables[ri];
        let target_cols = if fk.referenced_columns.is_empty() {
            rt.primary_key_columns()
        } else {
            &fk.referenced_columns
        };
        let cols = self.column_list(t, &fk.columns)?;
        let rcols = self.column_list(rt, target_cols)?;
        let mut s = format!(
            "{}FOREIGN KEY ({cols}) REFERENCES {} ({rcols})",
            self.constraint(fk.name.as_deref()),
            self.table_name(ri)
        );
        for (label, action) in [("ON DELETE", fk.on_delete), ("ON UPDATE", fk.on_update)] {
            if action != FkAction::NoAction {
                let _ = write!(s, " {label} {}", action.sql());
            }
        }
        match fk.deferrable {
            Deferrable::No => {}
            Deferrable::InitiallyImmediate => s.push_str(" DEFERRABLE INITIALLY IMMEDIATE"),
            Deferrable::InitiallyDeferred => s.push_str(" DEFERRABLE INITIALLY DEFERRED"),
        }
        Some(s)
    }
}
