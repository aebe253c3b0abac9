//! Declarative partitioning. PostgreSQL: `PARTITION BY` after a partitioned table's columns,
//! and each partition as `CREATE TABLE child PARTITION OF parent FOR VALUES ...`, which gives it
//! the parent's columns, keys, CHECK constraints, foreign keys and indexes; whatever else the
//! partition has (a key, a constraint or an index of its own, a different default or NOT NULL)
//! follows as `ALTER TABLE` and `CREATE INDEX`. The other dialects have no declarative
//! partitioning: the tables are created as plain tables and D024 says so.

use schemata_model::{DialectName, PartitionBy, Severity, Target};

use super::{Gen, Key, StatementKind, codes};
use crate::import::partition::{same_check, same_fk, same_index, same_unique};

impl Gen<'_> {
    /// The parent of table `ti` when it is created as a partition: PostgreSQL, and a parent
    /// in the design that is partitioned.
    pub(super) fn partition_parent(&self, ti: usize) -> Option<usize> {
        if self.d.name() != DialectName::Postgres {
            return None;
        }
        let of = self.tables()[ti].base().partition_of.as_ref()?;
        let &pi = self.by_id.get(of.parent.as_str())?;
        (pi != ti && self.tables()[pi].base().partition_by.is_some()).then_some(pi)
    }

    /// Append `PARTITION BY ...` (PostgreSQL); elsewhere note that partitioning is dropped.
    pub(super) fn partition_clause(
        &mut self,
        sql: &mut String,
        ti: usize,
        notes: &mut Vec<String>,
    ) {
        let t = &self.tables()[ti];
        let base = t.base();
        if self.d.name() == DialectName::Postgres {
            if let Some(by) = &base.partition_by {
                sql.push_str("\nPARTITION BY ");
                self.write_partition_key(sql, ti, by);
            }
            return;
        }
        let what = match (&base.partition_by, &base.partition_of) {
            (None, None) => return,
            (Some(_), _) => format!(
                "`{}` is partitioned; {} has no declarative partitioning, so it is a plain table and its partitions are separate plain tables",
                t.name,
                self.d.display_name()
            ),
            (None, Some(of)) => format!(
                "`{}` is a partition of `{}` ({}); {} has no declarative partitioning, so it is a plain table without its parent's keys and indexes",
                t.name,
                self.by_id
                    .get(of.parent.as_str())
                    .map_or(of.parent.as_str(), |&pi| &self.tables()[pi].name),
                of.bound.trim(),
                self.d.display_name()
            ),
        };
        let target = Target::Table {
            table: t.id.to_string(),
        };
        let path = self.p.path(ti, "");
        self.limit(
            notes,
            codes::PARTITIONING,
            Severity::Warning,
            what,
            target,
            path,
        );
    }

    /// `RANGE (col, (expr))`.
    fn write_partition_key(&self, sql: &mut String, ti: usize, by: &PartitionBy) {
        let t = &self.tables()[ti];
        sql.push_str(by.strategy.sql());
        sql.push_str(" (");
        for (i, part) in by.parts.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            match (&part.column, &part.expr) {
                (Some(id), _) => sql.push_str(&self.d.quote_ident(t.column_name(id))),
                (None, Some(expr)) => {
                    sql.push('(');
                    sql.push_str(expr.trim());
                    sql.push(')');
                }
                (None, None) => {}
            }
        }
        sql.push(')');
    }

    /// `CREATE TABLE ... PARTITION OF ...`, the partition's comments, then what its parent
    /// does not give it.
    pub(super) fn create_partition(&mut self, ti: usize, pi: usize, deferred: &[(usize, usize)]) {
        let mut notes = Vec::new();
        let mut sql = String::with_capacity(160);
        sql.push_str("CREATE TABLE ");
        self.write_table_name(&mut sql, ti);
        sql.push_str(" PARTITION OF ");
        self.write_table_name(&mut sql, pi);
        let bound = self.tables()[ti]
            .base()
            .partition_of
            .as_ref()
            .map_or("DEFAULT", |of| of.bound.trim());
        sql.push(' ');
        sql.push_str(bound);
        self.partition_clause(&mut sql, ti, &mut notes);
        self.push(StatementKind::CreateTable, sql, Key::Table(ti), notes);
        self.comments(ti);
        self.partition_columns(ti, pi);
        self.partition_constraints(ti, pi, deferred);
    }

    /// `ALTER TABLE ... ALTER COLUMN` where a partition's column differs from its parent's in
    /// default or NOT NULL (identity columns give partitions neither).
    fn partition_columns(&mut self, ti: usize, pi: usize) {
        let tables = self.tables();
        let (t, p) = (&tables[ti], &tables[pi]);
        let mut out = Vec::new();
        for col in &t.columns {
            let Some(pc) = p.columns.iter().find(|pc| pc.name == col.name) else {
                continue;
            };
            let column = self.d.quote_ident(&col.name);
            if pc.identity.is_none() && col.identity.is_none() && col.default != pc.default {
                out.push(match &col.default {
                    Some(d) => format!(
                        "ALTER COLUMN {column} SET DEFAULT {}",
                        self.d.default_sql(d, &col.data_type)
                    ),
                    None => format!("ALTER COLUMN {column} DROP DEFAULT"),
                });
            }
            if !col.nullable && pc.nullable {
                out.push(format!("ALTER COLUMN {column} SET NOT NULL"));
            }
        }
        for action in out {
            let sql = format!("ALTER TABLE {} {action}", self.table_name(ti));
            self.push(StatementKind::AlterTable, sql, Key::Table(ti), Vec::new());
        }
    }

    /// The partition's own primary key, unique and CHECK constraints and foreign keys: those
    /// its parent has no copy of.
    fn partition_constraints(&mut self, ti: usize, pi: usize, deferred: &[(usize, usize)]) {
        let tables = self.tables();
        let (t, p) = (&tables[ti], &tables[pi]);
        let (tb, pb) = (t.base(), p.base());
        let mut adds: Vec<String> = Vec::new();
        if let Some(pk) = &t.primary_key
            && self.has_columns(t, &pk.def.columns)
            && p.primary_key.as_ref().is_none_or(|ppk| {
                tb.column_names(&pk.def.columns) != pb.column_names(&ppk.def.columns)
            })
        {
            let mut out = String::new();
            self.write_constraint(&mut out, pk.name.as_deref());
            out.push_str("PRIMARY KEY (");
            self.write_column_list(&mut out, t, &pk.def.columns);
            out.push(')');
            adds.push(out);
        }
        for u in &t.uniques {
            if !self.has_columns(t, &u.def.columns)
                || p.uniques
                    .iter()
                    .any(|pu| same_unique(tb, &u.def, pb, &pu.def))
            {
                continue;
            }
            let mut out = String::new();
            self.write_constraint(&mut out, u.name.as_deref());
            out.push_str("UNIQUE");
            if u.def.nulls_not_distinct {
                out.push_str(" NULLS NOT DISTINCT");
            }
            out.push_str(" (");
            self.write_column_list(&mut out, t, &u.def.columns);
            out.push(')');
            adds.push(out);
        }
        for c in &t.checks {
            if p.checks.iter().any(|pc| same_check(&c.def, &pc.def)) {
                continue;
            }
            let mut out = String::new();
            self.write_constraint(&mut out, c.name.as_deref());
            out.push_str("CHECK (");
            out.push_str(c.def.expr.trim());
            out.push(')');
            adds.push(out);
        }
        let own_fks: Vec<usize> = (0..t.foreign_keys.len())
            .filter(|&k| {
                !deferred.contains(&(ti, k))
                    && !p
                        .foreign_keys
                        .iter()
                        .any(|pfk| same_fk(tb, &t.foreign_keys[k].def, pb, &pfk.def))
            })
            .collect();
        let name = self.table_name(ti);
        for add in adds {
            let sql = format!("ALTER TABLE {name} ADD {add}");
            self.push(StatementKind::AlterTable, sql, Key::Table(ti), Vec::new());
        }
        for k in own_fks {
            self.add_foreign_key(ti, k);
        }
    }

    /// Whether index `k` of table `ti` is a copy of its parent's, which a partition gets
    /// without asking.
    pub(super) fn implied_index(&self, ti: usize, k: usize) -> bool {
        let Some(pi) = self.partition_parent(ti) else {
            return false;
        };
        let tables = self.tables();
        let (t, p) = (&tables[ti], &tables[pi]);
        p.indexes
            .iter()
            .any(|pix| same_index(t.base(), &t.indexes[k].def, p.base(), &pix.def))
    }
}
