//! Declarative partitioning: `PARTITION BY` on a partitioned table, `CREATE TABLE ... PARTITION
//! OF parent FOR VALUES ...` and `ALTER TABLE parent ATTACH PARTITION child FOR VALUES ...`.
//!
//! A partition keeps its columns in the design but not what its parent gives it: when the import
//! is finished, a partition's primary key, unique and CHECK constraints, foreign keys and indexes
//! that repeat its parent's (pg_dump writes each partition's copies, and `ALTER INDEX ... ATTACH
//! PARTITION` for the indexes) are removed, and so are the identity and default of a column whose
//! parent column is an identity column (PostgreSQL gives partitions neither).

use super::Outcome;
use super::build::{Builder, QName};
use super::table::{empty_table, table_constraint};
use schemata_model::{
    CheckConstraint, Column, Design, ForeignKey, Index, PartitionBy, PartitionOf, Table,
    UniqueConstraint,
};
use sqlparser::ast::{CreateTable, Expr, ObjectName};

/// The partition key of `PARTITION BY <expr>` (sqlparser reads `RANGE (a)` as a call), noting
/// a key it cannot read.
pub(crate) fn partition_by(b: &mut Builder, expr: &Expr, table: &str) -> Option<PartitionBy> {
    let text = expr.to_string();
    let by = PartitionBy::parse_sql(&text);
    if by.is_none() {
        b.drop_part(
            "PARTITION BY",
            format!("the partitioning `{text}` of `{table}` is not a RANGE, LIST or HASH key"),
        );
    }
    by
}

/// `CREATE TABLE child PARTITION OF parent [(constraints)] FOR VALUES ...`: the child takes the
/// parent's columns.
pub(crate) fn create_partition(b: &mut Builder, ct: &CreateTable, parent: &ObjectName) -> Outcome {
    let q = b.qname(&ct.name);
    let pq = b.qname(parent);
    let Some(pi) = b.table_index(&pq) else {
        return Outcome::Skipped(format!(
            "a partition of `{}`, which is not created in this file",
            pq.1
        ));
    };
    let Some(bound) = &ct.for_values else {
        return Outcome::Skipped("a partition without FOR VALUES or DEFAULT".into());
    };
    let parent_table = &b.design.tables[pi];
    let mut table = empty_table(&q);
    table.columns = parent_table
        .columns
        .iter()
        .map(|c| Column {
            comment: None,
            ..c.clone()
        })
        .collect();
    table.partition_of = Some(PartitionOf {
        parent: parent_table.id.clone(),
        bound: bound.to_string(),
    });
    if !ct.columns.is_empty() {
        b.drop_part(
            "PARTITION OF column options",
            format!(
                "the column options of partition `{}` are not kept; it has its parent's columns",
                q.1
            ),
        );
    }
    for c in &ct.constraints {
        table_constraint(b, c, &mut table);
    }
    if let Some(expr) = &ct.partition_by {
        table.partition_by = partition_by(b, expr, &q.1);
    }
    let name = q.1.clone();
    match b.add_table(q, table) {
        Some(_) => Outcome::Imported,
        None => Outcome::Skipped(format!(
            "table `{name}` is created twice; the first one is kept"
        )),
    }
}

/// `ALTER TABLE parent ATTACH PARTITION child bound`: the child becomes a partition.
pub(crate) fn attach(b: &mut Builder, parent: QName, child: QName, bound: String) -> Outcome {
    let Some(pi) = b.table_index(&parent) else {
        return Outcome::Skipped(format!("table `{}` is not created in this file", parent.1));
    };
    let Some(ci) = b.table_index(&child) else {
        return Outcome::Skipped(format!("table `{}` is not created in this file", child.1));
    };
    let parent_id = b.design.tables[pi].id.clone();
    b.design.tables[ci].partition_of = Some(PartitionOf {
        parent: parent_id,
        bound,
    });
    Outcome::Imported
}

/// Remove from each partition what its parent gives it (see the module documentation).
pub(crate) fn strip_inherited(design: &mut Design) {
    if design.tables.iter().all(|t| t.partition_of.is_none()) {
        return;
    }
    let snapshot: Vec<Table> = design.tables.clone();
    for table in &mut design.tables {
        let Some(of) = &table.partition_of else {
            continue;
        };
        let Some(parent) = snapshot.iter().find(|t| t.id == of.parent) else {
            continue;
        };
        strip_table(table, parent);
    }
}

fn strip_table(t: &mut Table, parent: &Table) {
    for c in &mut t.columns {
        let Some(pc) = parent.columns.iter().find(|pc| pc.name == c.name) else {
            continue;
        };
        if pc.identity.is_some() {
            c.identity = None;
            c.default = None;
        }
        if !pc.nullable {
            c.nullable = false;
        }
    }
    let names = |table: &Table, ids: &[String]| -> Vec<String> {
        table
            .column_names(ids)
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    if let (Some(pk), Some(ppk)) = (&t.primary_key, &parent.primary_key)
        && names(t, &pk.columns) == names(parent, &ppk.columns)
    {
        t.primary_key = None;
    }
    let child = t.clone();
    t.uniques.retain(|u| {
        !parent
            .uniques
            .iter()
            .any(|pu| same_unique(&child, u, parent, pu))
    });
    t.checks
        .retain(|c| !parent.checks.iter().any(|pc| same_check(c, pc)));
    t.foreign_keys.retain(|fk| {
        !parent
            .foreign_keys
            .iter()
            .any(|pfk| same_fk(&child, fk, parent, pfk))
    });
    t.indexes.retain(|ix| {
        !parent
            .indexes
            .iter()
            .any(|pix| same_index(&child, ix, parent, pix))
    });
}

/// Expression text folded for comparing copies: case and whitespace do not count.
fn folded(expr: &str) -> String {
    expr.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(crate) fn same_unique(
    t: &Table,
    u: &UniqueConstraint,
    p: &Table,
    pu: &UniqueConstraint,
) -> bool {
    t.column_names(&u.columns) == p.column_names(&pu.columns)
        && u.nulls_not_distinct == pu.nulls_not_distinct
}

pub(crate) fn same_check(c: &CheckConstraint, pc: &CheckConstraint) -> bool {
    folded(&c.expr) == folded(&pc.expr)
}

pub(crate) fn same_fk(t: &Table, fk: &ForeignKey, p: &Table, pfk: &ForeignKey) -> bool {
    t.column_names(&fk.columns) == p.column_names(&pfk.columns)
        && fk.references == pfk.references
        && fk.referenced_columns == pfk.referenced_columns
        && fk.on_delete == pfk.on_delete
        && fk.on_update == pfk.on_update
        && fk.deferrable == pfk.deferrable
}

pub(crate) fn same_index(t: &Table, ix: &Index, p: &Table, pix: &Index) -> bool {
    ix.unique == pix.unique
        && ix.method == pix.method
        && t.column_names(&ix.include) == p.column_names(&pix.include)
        && ix.predicate.as_deref().map(folded) == pix.predicate.as_deref().map(folded)
        && ix.parts.len() == pix.parts.len()
        && ix.parts.iter().zip(&pix.parts).all(|(a, b)| {
            a.column.as_deref().map(|c| t.column_name(c))
                == b.column.as_deref().map(|c| p.column_name(c))
                && a.expr.as_deref().map(folded) == b.expr.as_deref().map(folded)
                && a.order == b.order
                && a.nulls == b.nulls
                && a.opclass == b.opclass
        })
}
