//! CREATE INDEX. The physical design has already been adapted to the dialect; what is written
//! here besides the index itself is the prefix length MySQL needs on an unbounded text column,
//! and a note for each index the physical design left out.

use std::fmt::Write as _;

use schemata_model::{IndexMethod, NullsOrder, Severity, SortOrder, Target};

use super::{Gen, Key, StatementKind, codes};

impl Gen<'_> {
    /// The CREATE INDEX statements of table `ti`, then a place for the note of each index the
    /// physical design left out.
    pub(super) fn indexes(&mut self, ti: usize) {
        let t = &self.tables()[ti];
        for k in 0..t.indexes.len() {
            if self.implied_index(ti, k) {
                continue;
            }
            let mut notes = Vec::new();
            match self.create_index(ti, k, &mut notes) {
                Some(sql) => self.push(StatementKind::CreateIndex, sql, Key::Index(ti, k), notes),
                None => self.push(
                    StatementKind::Omitted,
                    String::new(),
                    Key::Index(ti, k),
                    notes,
                ),
            }
        }
        for (r, removed) in self.p.removed_indexes.iter().enumerate() {
            if removed.table == ti {
                self.push(
                    StatementKind::Omitted,
                    String::new(),
                    Key::Removed(ti, r),
                    Vec::new(),
                );
            }
        }
    }

    /// The statement for index `k` of table `ti`.
    fn create_index(&mut self, ti: usize, k: usize, notes: &mut Vec<String>) -> Option<String> {
        let t = &self.tables()[ti];
        let named = &t.indexes[k];
        let ix = &named.def;
        let name = named.name.as_deref().unwrap_or(&ix.id);
        let mut sql = String::with_capacity(96 + 24 * ix.parts.len());
        sql.push_str(if ix.unique {
            "CREATE UNIQUE INDEX "
        } else {
            "CREATE INDEX "
        });
        sql.push_str(&self.d.quote_ident(name));
        sql.push_str(" ON ");
        self.write_table_name(&mut sql, ti);
        if ix.method != IndexMethod::Btree {
            sql.push_str(" USING ");
            sql.push_str(ix.method.as_str());
        }
        sql.push_str(" (");
        for (pi, part) in ix.parts.iter().enumerate() {
            if pi > 0 {
                sql.push_str(", ");
            }
            match (&part.column, &part.expr) {
                (Some(id), _) => {
                    let ci = t.column_index(id)?;
                    let col = &t.columns[ci];
                    sql.push_str(self.q.column(ti, ci));
                    if let Some(n) = self.d.index_prefix_length(&col.data_type) {
                        let _ = write!(sql, "({n})");
                        let message = format!(
                            "{} indexes only a prefix of the unbounded {} column `{}.{}`: the first {n} characters, in index `{name}`",
                            self.d.display_name(),
                            col.data_type,
                            t.name,
                            col.name
                        );
                        let target = Target::Index {
                            table: t.id.to_string(),
                            index: ix.id.clone(),
                        };
                        let path = self.p.path(ti, &format!("/indexes/{k}/parts/{pi}"));
                        self.limit(
                            notes,
                            codes::INDEX_PREFIX,
                            Severity::Info,
                            message,
                            target,
                            path,
                        );
                    }
                }
                (None, Some(expr)) => {
                    sql.push('(');
                    sql.push_str(expr.trim());
                    sql.push(')');
                }
                (None, None) => return None,
            }
            if let Some(opclass) = &part.opclass {
                sql.push(' ');
                sql.push_str(opclass.trim());
            }
            if part.order == SortOrder::Desc {
                sql.push_str(" DESC");
            }
            match part.nulls {
                Some(NullsOrder::First) => sql.push_str(" NULLS FIRST"),
                Some(NullsOrder::Last) => sql.push_str(" NULLS LAST"),
                None => {}
            }
        }
        sql.push(')');
        if !ix.include.is_empty() {
            if !self.has_columns(t, &ix.include) {
                return None;
            }
            sql.push_str(" INCLUDE (");
            self.write_columns(&mut sql, ti, &ix.include);
            sql.push(')');
        }
        if let Some(p) = &ix.predicate {
            sql.push_str(" WHERE ");
            sql.push_str(p.trim());
        }
        Some(sql)
    }
}
