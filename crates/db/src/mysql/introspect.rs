//! Reading a MariaDB database from `information_schema` into a design.

use super::types::logical_type;
use super::{MysqlClient, quote};
use crate::DbError;
use crate::ids::IdScope;
use crate::literal::{default_value, strip_outer_parens};
use schemata_model::{
    CheckConstraint, Column, DataType, DefaultValue, Design, DialectName, FkAction, ForeignKey,
    Generated, Identity, Index, IndexMethod, IndexPart, Literal, PrimaryKey, Scale, Settings,
    SortOrder, Table, UniqueConstraint,
};
use serde_json::Value;
use std::collections::HashMap;

/// Read the tables of `database` with their columns, checks, keys and indexes into a design.
/// Every id is the entity's name.
///
/// MariaDB specifics: a `longtext` column with the column-level check `json_valid(col)` that
/// MariaDB adds for `JSON` reads as `json` (without that check); `AUTO_INCREMENT` reads as
/// `identity: by_default`; the primary key has no name (MySQL always calls it `PRIMARY`); a unique
/// key on plain ascending columns reads as a unique constraint, any other unique key as a unique
/// index; `FULLTEXT` indexes read as `gin` and `SPATIAL` ones as `gist`; prefix lengths of index
/// columns are not kept.
pub fn introspect(client: &MysqlClient, database: &str) -> Result<Design, DbError> {
    let db = quote(database);
    let mut design = Design {
        name: database.to_string(),
        settings: Settings {
            dialects: vec![DialectName::Mysql],
            ..Settings::default()
        },
        ..Design::default()
    };
    let mut scope = IdScope::default();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for row in client.query_json(&format!(
        "SELECT JSON_OBJECT('name', TABLE_NAME, 'comment', TABLE_COMMENT, 'rows', TABLE_ROWS)
         FROM information_schema.TABLES
         WHERE TABLE_SCHEMA = {db} AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"
    ))? {
        let name = text(&row, "name")?;
        by_name.insert(name.clone(), design.tables.len());
        design.tables.push(Table {
            id: scope.id(&name),
            name,
            schema: None,
            comment: opt_text(&row, "comment").filter(|c| !c.is_empty()),
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            checks: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            functional_dependencies: Vec::new(),
            partition_by: None,
            partition_of: None,
            scale: row["rows"].as_u64().filter(|r| *r > 0).map(|r| Scale {
                rows: Some(r),
                ..Scale::default()
            }),
        });
    }
    let mut scopes: Vec<IdScope> = design.tables.iter().map(|_| IdScope::default()).collect();
    read_columns(client, &db, &by_name, &mut design.tables)?;
    read_checks(client, &db, &by_name, &mut design.tables, &mut scopes)?;
    read_foreign_keys(
        client,
        &db,
        database,
        &by_name,
        &mut design.tables,
        &mut scopes,
    )?;
    read_indexes(client, &db, &by_name, &mut design.tables, &mut scopes)?;
    Ok(design)
}

fn text(row: &Value, key: &str) -> Result<String, DbError> {
    opt_text(row, key)
        .ok_or_else(|| DbError::Introspect(format!("`{key}` missing in catalog row {row}")))
}

fn opt_text(row: &Value, key: &str) -> Option<String> {
    match &row[key] {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn read_columns(
    client: &MysqlClient,
    db: &str,
    by_name: &HashMap<String, usize>,
    tables: &mut [Table],
) -> Result<(), DbError> {
    for row in client.query_json(&format!(
        "SELECT JSON_OBJECT('table', TABLE_NAME, 'name', COLUMN_NAME, 'type', COLUMN_TYPE,
                'nullable', IS_NULLABLE, 'default', COLUMN_DEFAULT, 'extra', EXTRA,
                'generation', GENERATION_EXPRESSION, 'comment', COLUMN_COMMENT)
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {db}
         ORDER BY TABLE_NAME, ORDINAL_POSITION"
    ))? {
        let Some(&ti) = by_name.get(&text(&row, "table")?) else {
            continue;
        };
        let name = text(&row, "name")?;
        let data_type = logical_type(&text(&row, "type")?);
        let extra = opt_text(&row, "extra")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let generated = extra.contains("generated").then(|| Generated {
            expr: opt_text(&row, "generation").unwrap_or_default(),
            stored: extra.contains("stored"),
        });
        let default = match (&generated, opt_text(&row, "default")) {
            (None, Some(d)) if !d.eq_ignore_ascii_case("null") => {
                Some(column_default(&d, &data_type))
            }
            _ => None,
        };
        tables[ti].columns.push(Column {
            id: name.clone(),
            name,
            data_type,
            nullable: opt_text(&row, "nullable").as_deref() == Some("YES"),
            default,
            identity: extra
                .contains("auto_increment")
                .then_some(Identity::ByDefault),
            generated,
            comment: opt_text(&row, "comment").filter(|c| !c.is_empty()),
            distinct: None,
            skew: None,
        });
    }
    Ok(())
}

/// A default as `COLUMN_DEFAULT` prints it (`'x'`, `0`, `current_timestamp()`); `0`/`1` on a
/// boolean column are `false`/`true`.
fn column_default(text: &str, data_type: &DataType) -> DefaultValue {
    let value = default_value(text);
    if *data_type == DataType::Boolean
        && let DefaultValue::Literal(Literal::Number(n)) = &value
    {
        match n.as_u64() {
            Some(0) => return DefaultValue::Literal(Literal::Bool(false)),
            Some(1) => return DefaultValue::Literal(Literal::Bool(true)),
            _ => {}
        }
    }
    value
}

fn read_checks(
    client: &MysqlClient,
    db: &str,
    by_name: &HashMap<String, usize>,
    tables: &mut [Table],
    scopes: &mut [IdScope],
) -> Result<(), DbError> {
    for row in client.query_json(&format!(
        "SELECT JSON_OBJECT('table', TABLE_NAME, 'name', CONSTRAINT_NAME,
                'clause', CHECK_CLAUSE, 'level', LEVEL)
         FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = {db}
         ORDER BY TABLE_NAME, CONSTRAINT_NAME"
    ))? {
        let Some(&ti) = by_name.get(&text(&row, "table")?) else {
            continue;
        };
        let name = text(&row, "name")?;
        let clause = text(&row, "clause")?;
        let table = &mut tables[ti];
        // MariaDB implements JSON as LONGTEXT plus this column-level check.
        if opt_text(&row, "level").as_deref() == Some("Column")
            && clause.replace(' ', "") == format!("json_valid(`{name}`)")
            && let Some(col) = table.columns.iter_mut().find(|c| c.name == name)
            && col.data_type == DataType::Text
        {
            col.data_type = DataType::Json;
            continue;
        }
        table.checks.push(CheckConstraint {
            id: scopes[ti].id(&name),
            name: Some(name),
            expr: strip_outer_parens(&clause).to_string(),
        });
    }
    Ok(())
}

fn fk_action(rule: &str) -> FkAction {
    match rule.to_ascii_uppercase().as_str() {
        "RESTRICT" => FkAction::Restrict,
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "SET DEFAULT" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

fn read_foreign_keys(
    client: &MysqlClient,
    db: &str,
    database: &str,
    by_name: &HashMap<String, usize>,
    tables: &mut [Table],
    scopes: &mut [IdScope],
) -> Result<(), DbError> {
    let rows = client.query_json(&format!(
        "SELECT JSON_OBJECT('table', k.TABLE_NAME, 'name', k.CONSTRAINT_NAME,
                'column', k.COLUMN_NAME, 'ref_schema', k.REFERENCED_TABLE_SCHEMA,
                'ref_table', k.REFERENCED_TABLE_NAME, 'ref_column', k.REFERENCED_COLUMN_NAME,
                'update', r.UPDATE_RULE, 'delete', r.DELETE_RULE)
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r
           ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
          AND r.TABLE_NAME = k.TABLE_NAME
         WHERE k.TABLE_SCHEMA = {db} AND k.REFERENCED_TABLE_NAME IS NOT NULL
         ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"
    ))?;
    for row in rows {
        let Some(&ti) = by_name.get(&text(&row, "table")?) else {
            continue;
        };
        let name = text(&row, "name")?;
        let column = text(&row, "column")?;
        let ref_column = text(&row, "ref_column")?;
        let table = &mut tables[ti];
        if let Some(fk) = table
            .foreign_keys
            .iter_mut()
            .find(|f| f.name.as_deref() == Some(name.as_str()))
        {
            fk.columns.push(column);
            fk.referenced_columns.push(ref_column);
            continue;
        }
        let ref_schema = opt_text(&row, "ref_schema").unwrap_or_default();
        let ref_table = text(&row, "ref_table")?;
        let references = if ref_schema == database {
            ref_table
        } else {
            format!("{ref_schema}.{ref_table}")
        };
        table.foreign_keys.push(ForeignKey {
            id: scopes[ti].id(&name),
            name: Some(name),
            columns: vec![column],
            references,
            referenced_columns: vec![ref_column],
            on_delete: fk_action(&opt_text(&row, "delete").unwrap_or_default()),
            on_update: fk_action(&opt_text(&row, "update").unwrap_or_default()),
            deferrable: Default::default(),
        });
    }
    Ok(())
}

/// One `information_schema.STATISTICS` row.
struct KeyPart {
    column: String,
    descending: bool,
}

fn read_indexes(
    client: &MysqlClient,
    db: &str,
    by_name: &HashMap<String, usize>,
    tables: &mut [Table],
    scopes: &mut [IdScope],
) -> Result<(), DbError> {
    let rows = client.query_json(&format!(
        "SELECT JSON_OBJECT('table', TABLE_NAME, 'name', INDEX_NAME, 'non_unique', NON_UNIQUE,
                'column', COLUMN_NAME, 'collation', COLLATION, 'type', INDEX_TYPE)
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = {db}
         ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    ))?;
    // (table index, index name) → (unique, type, parts), in catalog order.
    let mut order: Vec<(usize, String)> = Vec::new();
    let mut found: HashMap<(usize, String), (bool, String, Vec<KeyPart>)> = HashMap::new();
    for row in rows {
        let Some(&ti) = by_name.get(&text(&row, "table")?) else {
            continue;
        };
        let name = text(&row, "name")?;
        let key = (ti, name);
        let entry = found.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            (
                row["non_unique"].as_u64() == Some(0)
                    || opt_text(&row, "non_unique").as_deref() == Some("0"),
                opt_text(&row, "type").unwrap_or_default(),
                Vec::new(),
            )
        });
        entry.2.push(KeyPart {
            column: text(&row, "column")?,
            descending: opt_text(&row, "collation").as_deref() == Some("D"),
        });
    }
    for key in order {
        let Some((unique, kind, parts)) = found.remove(&key) else {
            continue;
        };
        let (ti, name) = key;
        let table = &mut tables[ti];
        let columns: Vec<String> = parts.iter().map(|p| p.column.clone()).collect();
        if name == "PRIMARY" {
            table.primary_key = Some(PrimaryKey {
                name: None,
                columns,
            });
            continue;
        }
        let kind = kind.to_ascii_uppercase();
        let plain = kind == "BTREE" && parts.iter().all(|p| !p.descending);
        if unique && plain {
            table.uniques.push(UniqueConstraint {
                id: scopes[ti].id(&name),
                name: Some(name),
                columns,
                nulls_not_distinct: false,
            });
            continue;
        }
        table.indexes.push(Index {
            id: scopes[ti].id(&name),
            name: Some(name),
            parts: parts
                .into_iter()
                .map(|p| IndexPart {
                    order: if p.descending {
                        SortOrder::Desc
                    } else {
                        SortOrder::Asc
                    },
                    ..IndexPart::column(p.column)
                })
                .collect(),
            unique,
            method: match kind.as_str() {
                "HASH" => IndexMethod::Hash,
                "FULLTEXT" => IndexMethod::Gin,
                "SPATIAL" => IndexMethod::Gist,
                _ => IndexMethod::Btree,
            },
            include: Vec::new(),
            predicate: None,
        });
    }
    Ok(())
}
