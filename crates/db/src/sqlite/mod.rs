//! SQLite: applying DDL and reading a database's schema into a
//! [`Design`], from `sqlite_schema`, the `table_xinfo`,
//! `foreign_key_list`, `index_list` and `index_xinfo` pragmas, and the stored `CREATE` text.

mod parse;

use crate::DbError;
use crate::ids::IdScope;
use crate::literal::{default_value, strip_outer_parens};
use parse::{IndexSql, TableSql, index_sql, table_sql, unquote};
use rusqlite::{Connection, params};
use schemata_model::{
    CheckConstraint, Column, DataType, DefaultValue, Design, DialectName, FkAction, ForeignKey,
    Generated, Identity, Index, IndexPart, PrimaryKey, Settings, SortOrder, Table,
    UniqueConstraint,
};

/// Run a script of SQL statements (DDL as generated) on `conn`.
pub fn apply(conn: &Connection, sql: &str) -> Result<(), DbError> {
    Ok(conn.execute_batch(sql)?)
}

/// Read every table of the main database of `conn` into a design. Every id is the entity's name;
/// unnamed constraints get positional ids (`uq1`, `ck1`, `fk1`).
///
/// Declared types are read with the logical type parser (`VARCHAR(100)` → `varchar(100)`,
/// `TIMESTAMPTZ` → `timestamptz`, unknown names stay named, a missing type reads as `ANY`). A
/// single-column primary key that is the rowid (declared exactly `INTEGER`) reads as
/// `identity: by_default` and NOT NULL. Constraint names, CHECK and generated expressions,
/// deferrability, index expressions and predicates come from the stored SQL; when sqlparser
/// cannot read a statement those parts are left out and the rest is still read.
pub fn introspect(conn: &Connection) -> Result<Design, DbError> {
    let mut design = Design {
        settings: Settings {
            dialects: vec![DialectName::Sqlite],
            ..Settings::default()
        },
        ..Design::default()
    };
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         ORDER BY rowid",
    )?;
    let tables: Vec<(String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut scope = IdScope::default();
    for (name, sql) in tables {
        let parsed = sql.as_deref().and_then(table_sql).unwrap_or_default();
        let mut table = read_table(conn, &name, &parsed)?;
        table.id = scope.id(&name);
        design.tables.push(table);
    }
    Ok(design)
}

fn read_table(conn: &Connection, name: &str, parsed: &TableSql) -> Result<Table, DbError> {
    let mut table = Table {
        id: String::new(),
        name: name.to_string(),
        schema: None,
        comment: None,
        columns: Vec::new(),
        primary_key: None,
        uniques: Vec::new(),
        checks: Vec::new(),
        foreign_keys: Vec::new(),
        indexes: Vec::new(),
        functional_dependencies: Vec::new(),
        partition_by: None,
        partition_of: None,
        scale: None,
    };
    let mut pk: Vec<(i64, String)> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?1)
         ORDER BY cid",
    )?;
    let rows = stmt.query_map(params![name], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            r.get::<_, bool>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    for row in rows {
        let (col_name, declared, not_null, default, pk_pos, hidden) = row?;
        if hidden == 1 {
            continue; // a hidden column of a virtual table
        }
        if pk_pos > 0 {
            pk.push((pk_pos, col_name.clone()));
        }
        let generated = parsed
            .generated
            .iter()
            .find(|(c, _, _)| *c == col_name)
            .map(|(_, expr, stored)| Generated {
                expr: expr.clone(),
                stored: *stored,
            })
            .or_else(|| {
                // A generated column whose expression the parser could not read.
                (hidden >= 2).then(|| Generated {
                    expr: String::new(),
                    stored: hidden == 3,
                })
            });
        table.columns.push(Column {
            id: col_name.clone(),
            name: col_name,
            data_type: declared_type(&declared),
            nullable: !not_null,
            default: default.as_deref().map(sqlite_default),
            identity: None,
            generated,
            comment: None,
            distinct: None,
            skew: None,
        });
    }
    pk.sort();
    let indexes = index_list(conn, name)?;
    let has_pk_index = indexes.iter().any(|i| i.origin == "pk");
    if let [(_, only)] = pk.as_slice()
        && !has_pk_index
        && let Some(col) = table.columns.iter_mut().find(|c| c.name == *only)
        && col.data_type == DataType::Integer
    {
        // The rowid: never NULL, assigned automatically unless given.
        col.identity = Some(Identity::ByDefault);
        col.nullable = false;
    }
    if !pk.is_empty() {
        table.primary_key = Some(PrimaryKey {
            name: parsed.primary_key_name.clone(),
            columns: pk.into_iter().map(|(_, c)| c).collect(),
        });
    }
    let mut scope = IdScope::default();
    for (k, (check_name, expr)) in parsed.checks.iter().enumerate() {
        table.checks.push(CheckConstraint {
            id: scope.id(&check_name.clone().unwrap_or_else(|| format!("ck{}", k + 1))),
            name: check_name.clone(),
            expr: expr.clone(),
        });
    }
    read_foreign_keys(conn, &mut table, parsed, &mut scope)?;
    read_indexes(conn, &mut table, indexes, parsed, &mut scope)?;
    Ok(table)
}

/// The logical type of a declared column type.
fn declared_type(declared: &str) -> DataType {
    if declared.trim().is_empty() {
        return DataType::Named("ANY".into());
    }
    DataType::parse(declared).unwrap_or_else(|_| DataType::Named(declared.trim().to_string()))
}

/// A stored default: a literal, or an expression without the parentheses SQLite requires.
fn sqlite_default(text: &str) -> DefaultValue {
    match default_value(text) {
        DefaultValue::Expr { expr } => DefaultValue::Expr {
            expr: strip_outer_parens(&expr).to_string(),
        },
        lit => lit,
    }
}

fn fk_action(text: &str) -> FkAction {
    match text.to_ascii_uppercase().as_str() {
        "RESTRICT" => FkAction::Restrict,
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "SET DEFAULT" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

fn read_foreign_keys(
    conn: &Connection,
    table: &mut Table,
    parsed: &TableSql,
    scope: &mut IdScope,
) -> Result<(), DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete
         FROM pragma_foreign_key_list(?1) ORDER BY id DESC, seq",
    )?;
    let rows = stmt.query_map(params![table.name], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    // SQLite numbers foreign keys from the last one declared; `id DESC` restores their order.
    let mut grouped: Vec<(i64, ForeignKey)> = Vec::new();
    for row in rows {
        let (id, target, from, to, on_update, on_delete) = row?;
        match grouped.iter_mut().find(|(k, _)| *k == id) {
            Some((_, fk)) => {
                fk.columns.push(from);
                fk.referenced_columns.extend(to);
            }
            None => grouped.push((
                id,
                ForeignKey {
                    id: String::new(),
                    name: None,
                    columns: vec![from],
                    references: target,
                    referenced_columns: to.into_iter().collect(),
                    on_delete: fk_action(&on_delete),
                    on_update: fk_action(&on_update),
                    deferrable: Default::default(),
                },
            )),
        }
    }
    let mut written: Vec<&parse::ForeignKeySql> = parsed.foreign_keys.iter().collect();
    for (k, (_, mut fk)) in grouped.into_iter().enumerate() {
        let same = |w: &&parse::ForeignKeySql| {
            w.table.eq_ignore_ascii_case(&fk.references)
                && w.columns.len() == fk.columns.len()
                && w.columns
                    .iter()
                    .zip(&fk.columns)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        if let Some(pos) = written.iter().position(same) {
            let w = written.remove(pos);
            fk.name = w.name.clone();
            fk.deferrable = w.deferrable;
        }
        fk.id = scope.id(&fk.name.clone().unwrap_or_else(|| format!("fk{}", k + 1)));
        table.foreign_keys.push(fk);
    }
    Ok(())
}

/// One row of `pragma_index_list`.
struct IndexEntry {
    name: String,
    unique: bool,
    origin: String,
}

fn index_list(conn: &Connection, table: &str) -> Result<Vec<IndexEntry>, DbError> {
    let mut stmt = conn
        .prepare("SELECT name, \"unique\", origin FROM pragma_index_list(?1) ORDER BY seq DESC")?;
    let rows = stmt.query_map(params![table], |r| {
        Ok(IndexEntry {
            name: r.get(0)?,
            unique: r.get(1)?,
            origin: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Key parts of an index: (column name or `None` for an expression, descending).
fn index_parts(conn: &Connection, index: &str) -> Result<Vec<(Option<String>, bool)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno",
    )?;
    let rows = stmt.query_map(params![index], |r| {
        let cid: i64 = r.get(0)?;
        let name: Option<String> = r.get(1)?;
        let desc: bool = r.get(2)?;
        Ok((if cid == -2 { None } else { name }, desc))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn read_indexes(
    conn: &Connection,
    table: &mut Table,
    indexes: Vec<IndexEntry>,
    parsed: &TableSql,
    scope: &mut IdScope,
) -> Result<(), DbError> {
    let mut unique_count = 0;
    for entry in indexes {
        let parts = index_parts(conn, &entry.name)?;
        match entry.origin.as_str() {
            "pk" => {}
            "u" => {
                unique_count += 1;
                let columns: Vec<String> = parts.into_iter().filter_map(|(c, _)| c).collect();
                let name = parsed
                    .uniques
                    .iter()
                    .find(|(_, cols)| {
                        cols.len() == columns.len()
                            && cols
                                .iter()
                                .zip(&columns)
                                .all(|(a, b)| unquote(a).eq_ignore_ascii_case(b))
                    })
                    .and_then(|(n, _)| n.clone());
                table.uniques.push(UniqueConstraint {
                    id: scope.id(&name.clone().unwrap_or_else(|| format!("uq{unique_count}"))),
                    name,
                    columns,
                    nulls_not_distinct: false,
                });
            }
            _ => {
                let mut stmt = conn
                    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1")?;
                let sql: Option<String> = stmt
                    .query_row(params![entry.name], |r| r.get(0))
                    .unwrap_or(None);
                let written: IndexSql = sql.as_deref().and_then(index_sql).unwrap_or_default();
                table.indexes.push(Index {
                    id: scope.id(&entry.name),
                    name: Some(entry.name),
                    parts: parts
                        .into_iter()
                        .enumerate()
                        .map(|(k, (column, desc))| IndexPart {
                            expr: match column {
                                Some(_) => None,
                                None => Some(written.parts.get(k).cloned().unwrap_or_default()),
                            },
                            column,
                            order: if desc {
                                SortOrder::Desc
                            } else {
                                SortOrder::Asc
                            },
                            nulls: None,
                            opclass: None,
                        })
                        .collect(),
                    unique: entry.unique,
                    method: Default::default(),
                    include: Vec::new(),
                    predicate: written.predicate,
                });
            }
        }
    }
    Ok(())
}
