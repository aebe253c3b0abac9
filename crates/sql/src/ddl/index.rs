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
        let t = &self.design().tables[ti];
        for k in 0..t.indexes.len() {
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
        let t = &self.design().tables[ti];
        let ix = &t.indexes[k];
        let name = ix.name.as_deref().unwrap_or(&ix.id);
        let mut parts: Vec<String> = Vec::with_capacity(ix.parts.len());
        for (pi, part) in ix.parts.iter().enumerate() {
            let mut s = match (&part.column, &part.expr) {
                (Some(id), _) => {
                    let col = t.column(id)?;
                    let mut s = self.d.quote_ident(&col.name).into_owned();
                    if let Some(n) = self.d.index_prefix_length(&col.data_type) {
                        let _ = write!(s, "({n})");
                        let message = format!(
                            "{} indexes only a prefix of the unbounded {} column `{}.{}`: the first {n} characters, in index `{name}`",
                            self.d.display_name(),
                            col.data_type,
                            t.name,
                            col.name
                        );
                        let target = Target::Index {
                            table: t.id.clone(),
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
                    s
                }
                (None, Some(expr)) => format!("({})", expr.trim()),
                (None, None) => return None,
            };
            if let Some(opclass) = &part.opclass {
                let _ = write!(s, " {}", opclass.trim());
            }
            if part.order == SortOrder::Desc {
                s.push_str(" DESC");
            }
            match part.nulls {
                Some(NullsOrder::First) => s.push_str(" NULLS FIRST"),
                Some(NullsOrder::Last) => s.push_str(" NULLS LAST"),
                None => {}
            }
            parts.push(s);
        }
        let using = if ix.method == IndexMethod::Btree {
            String::new()
        } else {
            format!(" USING {}", ix.method.as_str())
        };
        let include = if ix.include.is_empty() {
            String::new()
        } else {
            format!(" INCLUDE ({})", self.column_list(t, &ix.include)?)
        };
        let predicate = match &ix.predicate {
            Some(p) => format!(" WHERE {}", p.trim()),
            None => String::new(),
        };
        Some(format!(
            "CREATE {}INDEX {} ON {}{using} ({}){include}{predicate}",
            if ix.unique { "UNIQUE " } else { "" },
            self.d.quote_ident(name),
            self.table_name(ti),
            parts.join(", ")
        ))
    }
}
