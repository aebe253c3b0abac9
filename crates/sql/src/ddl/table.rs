//! CREATE TABLE: columns, primary key, unique, check and foreign-key constraints, comments.
//!
//! The physical design has already been adapted to the dialect (see [`crate::physical`]), so
//! this only writes it out; the one thing noted here is a type the dialect approximates.

use std::fmt::Write as _;

use schemata_model::{DataType, Deferrable, DialectName, FkAction, Identity, Severity, Target};

use super::{Gen, Key, StatementKind, codes};
use crate::dialect::{CommentStyle, IdentityStyle};
use crate::physical::view::PTable;

/// The body of a CREATE TABLE being written: elements separated by commas, each on its own
/// line, with comment lines (SQLite) above an element.
struct Body {
    sql: String,
    elements: usize,
}

impl Body {
    /// Start the next element, after the comment lines of `comment`.
    fn element(&mut self, comment: Option<&str>) -> &mut String {
        if self.elements > 0 {
            self.sql.push_str(",\n");
        }
        self.elements += 1;
        if let Some(c) = comment {
            self.comment_lines(c);
        }
        self.sql.push_str("  ");
        &mut self.sql
    }

    fn comment_lines(&mut self, comment: &str) {
        for line in comment.lines() {
            self.sql.push_str("  -- ");
            self.sql.push_str(line.trim_end());
            self.sql.push('\n');
        }
    }
}

impl Gen<'_> {
    /// `CREATE TABLE` for table `ti`; foreign keys listed in `deferred` are left for
    /// `ALTER TABLE` unless the dialect allows forward references.
    pub(super) fn create_table(&mut self, ti: usize, deferred: &[(usize, usize)]) {
        let t = &self.tables()[ti];
        let mut notes = Vec::new();
        let sql_comments = self.d.comment_style() == CommentStyle::SqlComment;
        let mut body = Body {
            sql: String::with_capacity(body_capacity(t)),
            elements: 0,
        };
        body.sql.push_str("CREATE TABLE ");
        self.write_table_name(&mut body.sql, ti);
        body.sql.push_str(" (\n");
        if sql_comments && let Some(c) = &t.comment {
            body.comment_lines(c);
        }
        for ci in 0..t.columns.len() {
            let comment = t.columns[ci].comment.as_deref().filter(|_| sql_comments);
            let out = body.element(comment);
            self.column_def(out, ti, ci, &mut notes);
        }
        if let Some(pk) = &t.primary_key
            && self.has_columns(t, &pk.def.columns)
        {
            let out = body.element(None);
            if self.d.name() != DialectName::Mysql {
                self.write_constraint(out, pk.name.as_deref());
            }
            out.push_str("PRIMARY KEY (");
            self.write_columns(out, ti, &pk.def.columns);
            out.push(')');
        }
        for u in &t.uniques {
            if self.has_columns(t, &u.def.columns) {
                let out = body.element(None);
                self.write_constraint(out, u.name.as_deref());
                out.push_str("UNIQUE");
                if u.def.nulls_not_distinct {
                    out.push_str(" NULLS NOT DISTINCT");
                }
                out.push_str(" (");
                self.write_columns(out, ti, &u.def.columns);
                out.push(')');
            }
        }
        for c in &t.checks {
            let out = body.element(None);
            self.write_constraint(out, c.name.as_deref());
            out.push_str("CHECK (");
            out.push_str(c.def.expr.trim());
            out.push(')');
        }
        let forward = self.d.supports_forward_references();
        for k in 0..t.foreign_keys.len() {
            if !forward && deferred.contains(&(ti, k)) {
                continue;
            }
            if self.fk_resolves(ti, k) {
                let out = body.element(None);
                self.write_fk_clause(out, ti, k);
            }
        }
        let mut sql = body.sql;
        if body.elements > 0 {
            sql.push('\n');
        }
        sql.push(')');
        sql.push_str(self.d.table_options());
        self.partition_clause(&mut sql, ti, &mut notes);
        if self.d.comment_style() == CommentStyle::Inline
            && let Some(c) = &t.comment
        {
            sql.push_str(" COMMENT=");
            sql.push_str(&self.comment_literal(c));
        }
        self.push(StatementKind::CreateTable, sql, Key::Table(ti), notes);
    }

    /// `COMMENT ON` statements for the table and its columns (PostgreSQL).
    pub(super) fn comments(&mut self, ti: usize) {
        if self.d.comment_style() != CommentStyle::CommentOn {
            return;
        }
        let t = &self.tables()[ti];
        if let Some(c) = &t.comment {
            let name = self.q.table(ti);
            let mut sql = String::with_capacity(name.len() + c.len() + 24);
            sql.push_str("COMMENT ON TABLE ");
            sql.push_str(name);
            sql.push_str(" IS ");
            self.d.write_string_literal(&mut sql, c);
            self.push(StatementKind::Comment, sql, Key::Comment(ti), Vec::new());
        }
        for (ci, col) in t.columns.iter().enumerate() {
            if let Some(c) = &col.comment {
                let (name, column) = (self.q.table(ti), self.q.column(ti, ci));
                let mut sql = String::with_capacity(name.len() + column.len() + c.len() + 24);
                sql.push_str("COMMENT ON COLUMN ");
                sql.push_str(name);
                sql.push('.');
                sql.push_str(column);
                sql.push_str(" IS ");
                self.d.write_string_literal(&mut sql, c);
                self.push(StatementKind::Comment, sql, Key::Comment(ti), Vec::new());
            }
        }
    }

    /// `ALTER TABLE ... ADD CONSTRAINT` for a foreign key that closes a cycle.
    pub(super) fn add_foreign_key(&mut self, ti: usize, k: usize) {
        if self.fk_resolves(ti, k) {
            let mut sql = String::with_capacity(160);
            sql.push_str("ALTER TABLE ");
            self.write_table_name(&mut sql, ti);
            sql.push_str(" ADD ");
            self.write_fk_clause(&mut sql, ti, k);
            self.push(
                StatementKind::AddForeignKey,
                sql,
                Key::Fk(ti, k),
                Vec::new(),
            );
        }
    }

    /// `CONSTRAINT name ` or nothing.
    pub(super) fn write_constraint(&self, out: &mut String, name: Option<&str>) {
        if let Some(n) = name {
            out.push_str("CONSTRAINT ");
            out.push_str(&self.d.quote_ident(n));
            out.push(' ');
        }
    }

    /// Whether `ids` is a non-empty list of columns of `t` (the physical design has left out
    /// constraints that name a missing column already).
    pub(super) fn has_columns(&self, t: &PTable<'_>, ids: &[String]) -> bool {
        !ids.is_empty() && ids.iter().all(|id| t.column_index(id).is_some())
    }

    /// Append the quoted column names of `ids`, comma-separated; see [`Gen::has_columns`].
    pub(super) fn write_column_list(&self, out: &mut String, t: &PTable<'_>, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if let Some(c) = t.column(id) {
                out.push_str(&self.d.quote_ident(&c.name));
            }
        }
    }

    /// [`Gen::write_column_list`] for table `ti`, with the names quoted once per script.
    pub(super) fn write_columns(&self, out: &mut String, ti: usize, ids: &[String]) {
        let t = &self.tables()[ti];
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if let Some(ci) = t.column_index(id) {
                out.push_str(self.q.column(ti, ci));
            }
        }
    }

    /// Append one column definition.
    fn column_def(&mut self, out: &mut String, ti: usize, ci: usize, notes: &mut Vec<String>) {
        let col = &self.tables()[ti].columns[ci];
        let rowid = col.identity.is_some() && self.d.identity_style() == IdentityStyle::RowidAlias;
        out.push_str(self.q.column(ti, ci));
        out.push(' ');
        self.column_type(out, ti, ci, rowid, notes);
        if let Some(g) = &col.generated {
            let kind = if g.stored { "STORED" } else { "VIRTUAL" };
            let _ = write!(out, " GENERATED ALWAYS AS ({}) {kind}", g.expr.trim());
        }
        if !col.nullable {
            out.push_str(" NOT NULL");
        }
        if let Some(default) = &col.default {
            out.push_str(" DEFAULT ");
            self.d.write_default(out, default, &col.data_type);
        }
        if let Some(identity) = col.identity {
            match self.d.identity_style() {
                IdentityStyle::Generated => out.push_str(match identity {
                    Identity::Always => " GENERATED ALWAYS AS IDENTITY",
                    Identity::ByDefault => " GENERATED BY DEFAULT AS IDENTITY",
                }),
                IdentityStyle::AutoIncrement => out.push_str(" AUTO_INCREMENT"),
                IdentityStyle::RowidAlias => {}
            }
        }
        if self.d.comment_style() == CommentStyle::Inline
            && let Some(c) = &col.comment
        {
            out.push_str(" COMMENT ");
            out.push_str(&self.comment_literal(c));
        }
    }

    /// Append the column's type in this dialect, reporting approximations.
    fn column_type(
        &mut self,
        out: &mut String,
        ti: usize,
        ci: usize,
        rowid: bool,
        notes: &mut Vec<String>,
    ) {
        if rowid {
            out.push_str("INTEGER");
            return;
        }
        let t = &self.tables()[ti];
        let col = &t.columns[ci];
        if self.write_type_name(out, &col.data_type) {
            return;
        }
        let Some(note) = self.d.write_type(out, &col.data_type) else {
            return;
        };
        let code = if matches!(col.data_type, DataType::Varchar(None)) {
            codes::VARCHAR_LENGTH
        } else {
            codes::TYPE_APPROXIMATED
        };
        let message = format!("`{}.{}`: {note}", t.name, col.name);
        let target = Target::Column {
            table: t.id.to_string(),
            column: col.id.clone(),
        };
        let path = self.p.path(ti, &format!("/columns/{ci}/type"));
        self.limit(notes, code, Severity::Warning, message, target, path);
    }

    /// Append the quoted name of a design enum the type names (or an array of one); `false`
    /// when it names none.
    pub(super) fn write_enum_type_name(&self, out: &mut String, ty: &DataType) -> bool {
        match ty {
            DataType::Named(n) => {
                let found = self.p.enums.iter().find(|e| {
                    e.name == *n
                        || e.schema.as_ref().is_some_and(|s| {
                            n.len() == s.len() + 1 + e.name.len()
                                && n.starts_with(s.as_str())
                                && n[s.len()..].starts_with('.')
                                && n.ends_with(e.name.as_str())
                        })
                });
                match found {
                    Some(e) => {
                        out.push_str(&self.d.quote_qualified(e.schema.as_deref(), &e.name));
                        true
                    }
                    None => false,
                }
            }
            DataType::Array(inner) => {
                let written = self.write_enum_type_name(out, inner);
                if written {
                    out.push_str("[]");
                }
                written
            }
            _ => false,
        }
    }

    /// Whether foreign key `k` of table `ti` can be written: its tables and columns exist (the
    /// physical design has left out those that refer to something missing already).
    fn fk_resolves(&self, ti: usize, k: usize) -> bool {
        let tables = self.tables();
        let t = &tables[ti];
        let fk = &t.foreign_keys[k].def;
        let Some(&ri) = self.by_id.get(fk.references.as_str()) else {
            return false;
        };
        let rt = &tables[ri];
        let target_cols = if fk.referenced_columns.is_empty() {
            rt.primary_key_columns()
        } else {
            &fk.referenced_columns
        };
        self.has_columns(t, &fk.columns) && self.has_columns(rt, target_cols)
    }

    /// Append `CONSTRAINT name FOREIGN KEY (...) REFERENCES ... (...) [actions]
    /// [DEFERRABLE ...]`; see [`Gen::fk_resolves`].
    fn write_fk_clause(&self, out: &mut String, ti: usize, k: usize) {
        let tables = self.tables();
        let t = &tables[ti];
        let named = &t.foreign_keys[k];
        let fk = &named.def;
        let Some(&ri) = self.by_id.get(fk.references.as_str()) else {
            return;
        };
        let rt = &tables[ri];
        let target_cols = if fk.referenced_columns.is_empty() {
            rt.primary_key_columns()
        } else {
            &fk.referenced_columns
        };
        self.write_constraint(out, named.name.as_deref());
        out.push_str("FOREIGN KEY (");
        self.write_columns(out, ti, &fk.columns);
        out.push_str(") REFERENCES ");
        self.write_table_name(out, ri);
        out.push_str(" (");
        self.write_columns(out, ri, target_cols);
        out.push(')');
        for (label, action) in [(" ON DELETE ", fk.on_delete), (" ON UPDATE ", fk.on_update)] {
            if action != FkAction::NoAction {
                out.push_str(label);
                out.push_str(action.sql());
            }
        }
        match fk.deferrable {
            Deferrable::No => {}
            Deferrable::InitiallyImmediate => out.push_str(" DEFERRABLE INITIALLY IMMEDIATE"),
            Deferrable::InitiallyDeferred => out.push_str(" DEFERRABLE INITIALLY DEFERRED"),
        }
    }
}

/// Room for the body of a CREATE TABLE of `t`, so that it is written without growing: a column
/// definition takes about 48 bytes, a foreign key about 120.
fn body_capacity(t: &PTable<'_>) -> usize {
    let checks: usize = t.checks.iter().map(|c| c.def.expr.len() + 64).sum();
    96 + t.name.len()
        + 56 * t.columns.len()
        + 128 * t.foreign_keys.len()
        + 72 * (t.uniques.len() + 1)
        + checks
}
