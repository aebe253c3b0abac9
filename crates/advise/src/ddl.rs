//! Recommended indexes as DDL and as a change to the design.

use schemata_model::{Design, DialectName, Index, IndexPart, SortOrder, Table};
use schemata_sql::dialect::dialect_for;
use schemata_sql::naming::{TemplateVars, expand, fit_identifier};

use crate::advisor::RecommendedIndex;

/// The dialect recommendations are written for: the design's first target dialect.
pub fn target_dialect(design: &Design) -> DialectName {
    design
        .settings
        .dialects
        .first()
        .copied()
        .unwrap_or(DialectName::Postgres)
}

/// The index name the design's naming convention gives these columns.
pub fn index_name(design: &Design, table: &Table, columns: &[String]) -> String {
    let cols: Vec<&str> = columns.iter().map(String::as_str).collect();
    let name = expand(
        &design.settings.naming.index,
        &TemplateVars {
            table: &table.name,
            columns: &cols,
            ..TemplateVars::default()
        },
    );
    let max = design
        .settings
        .dialects
        .iter()
        .map(|d| d.max_identifier_len())
        .min()
        .unwrap_or(63);
    fit_identifier(&name, max)
}

/// `CREATE INDEX` for the design's first dialect (`CONCURRENTLY` on PostgreSQL).
pub fn create_index(design: &Design, table: &Table, rec: &RecommendedIndex) -> String {
    let name = target_dialect(design);
    let d = dialect_for(name);
    let cols: Vec<String> = rec
        .columns
        .iter()
        .map(|c| {
            let q = d.quote_ident(c).into_owned();
            if rec.descending.contains(c) {
                format!("{q} DESC")
            } else {
                q
            }
        })
        .collect();
    let mut sql = format!(
        "CREATE INDEX {}{} ON {} ({})",
        if name == DialectName::Postgres {
            "CONCURRENTLY "
        } else {
            ""
        },
        d.quote_ident(&rec.name),
        d.quote_qualified(table.schema.as_deref(), &table.name),
        cols.join(", ")
    );
    if !rec.include.is_empty() && name == DialectName::Postgres {
        let inc: Vec<String> = rec
            .include
            .iter()
            .map(|c| d.quote_ident(c).into_owned())
            .collect();
        sql.push_str(&format!(" INCLUDE ({})", inc.join(", ")));
    }
    if let Some(p) = &rec.predicate
        && name != DialectName::Mysql
    {
        sql.push_str(&format!(" WHERE {p}"));
    }
    sql.push(';');
    sql
}

/// The design with the recommended indexes added (ids `ix<n>` not yet taken). The original
/// design is the undo.
pub fn apply_indexes(design: &Design, indexes: &[RecommendedIndex]) -> Design {
    let mut out = design.clone();
    for rec in indexes {
        let Some(table) = out.table_mut(&rec.table_id) else {
            continue;
        };
        let taken = |id: &str| {
            table.indexes.iter().any(|x| x.id == id)
                || table.uniques.iter().any(|u| u.id == id)
                || table.foreign_keys.iter().any(|f| f.id == id)
                || table.checks.iter().any(|c| c.id == id)
        };
        let mut n = table.indexes.len() + 1;
        while taken(&format!("ix{n}")) {
            n += 1;
        }
        let id = format!("ix{n}");
        table.indexes.push(Index {
            id,
            name: Some(rec.name.clone()),
            parts: rec
                .column_ids
                .iter()
                .map(|(c, desc)| IndexPart {
                    order: if *desc {
                        SortOrder::Desc
                    } else {
                        SortOrder::Asc
                    },
                    ..IndexPart::column(c.clone())
                })
                .collect(),
            unique: rec.unique,
            method: Default::default(),
            include: rec.include_ids.clone(),
            predicate: rec.predicate.clone(),
        });
    }
    out
}
