//! Reading a PostgreSQL database's schemas from `pg_catalog` into a design.

use super::PgClient;
use super::types::logical_type;
use crate::DbError;
use crate::ids::IdScope;
use crate::literal::{literal, quoted_string, strip_outer_parens};
use schemata_model::{
    CheckConstraint, Column, DataType, DefaultValue, Deferrable, Design, DialectName, EnumType,
    FkAction, ForeignKey, Generated, Identity, Index, IndexMethod, IndexPart, Literal, NullsOrder,
    PartitionBy, PartitionOf, PrimaryKey, Scale, Settings, SortOrder, Table, UniqueConstraint,
};
use std::collections::HashMap;

/// Read the tables, enums, domains, constraints and indexes of the given schemas (e.g. `&["public"]`)
/// into a design. Tables in `public` get no `schema`; tables elsewhere carry their schema and
/// have the id `schema.name`. Every other id is the entity's name.
///
/// Serial columns (a `nextval` default on a sequence owned by the column) read as
/// `identity: by_default`; literal defaults lose the cast PostgreSQL prints (`'x'::text` → `"x"`);
/// `reltuples` of analysed tables becomes `scale.rows`. Indexes of an access method the model
/// does not know (e.g. `bloom`) read as `btree`. Exclusion constraints are not read.
///
/// Partitioned tables carry `partition_by` (from `pg_get_partkeydef`), partitions their
/// `partition_of` (parent and `pg_get_expr` of the bound). A partition has its columns but not
/// what its parent gives it: constraints cloned from the parent's (`conparentid`), inherited
/// CHECK constraints, indexes attached to the parent's, and the default of a column whose parent
/// column is an identity column.
pub fn introspect(client: &PgClient, schemas: &[&str]) -> Result<Design, DbError> {
    let schemas: Vec<String> = schemas.iter().map(|s| s.to_string()).collect();
    let mut design = Design {
        name: current_database(client)?,
        settings: Settings {
            dialects: vec![DialectName::Postgres],
            ..Settings::default()
        },
        enums: read_enums(client, &schemas)?,
        domains: super::domains::read_domains(client, &schemas)?,
        ..Design::default()
    };

    let mut oids: Vec<u32> = Vec::new();
    let mut table_ids: HashMap<(String, String), String> = HashMap::new();
    let mut scope = IdScope::default();
    // Partitions: (table index, parent oid, bound).
    let mut parents: Vec<(usize, u32, String)> = Vec::new();
    let rows = client.query(
        "SELECT c.oid, n.nspname::text, c.relname::text, obj_description(c.oid, 'pg_class'),
                c.reltuples::float8,
                CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                CASE WHEN c.relispartition THEN
                    (SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid LIMIT 1)
                END,
                CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p')
           AND n.nspname::text = ANY($1::text[])
         ORDER BY array_position($1::text[], n.nspname::text), c.relname",
        &[&schemas],
    )?;
    for row in rows {
        let schema: String = row.try_get(1)?;
        let name: String = row.try_get(2)?;
        let reltuples: f64 = row.try_get(4)?;
        let id = if schema == "public" {
            scope.id(&name)
        } else {
            scope.id(&format!("{schema}.{name}"))
        };
        table_ids.insert((schema.clone(), name.clone()), id.clone());
        oids.push(row.try_get(0)?);
        let partkeydef: Option<String> = row.try_get(5)?;
        let parent: Option<u32> = row.try_get(6)?;
        let bound: Option<String> = row.try_get(7)?;
        if let (Some(parent), Some(bound)) = (parent, bound) {
            parents.push((design.tables.len(), parent, bound));
        }
        design.tables.push(Table {
            id,
            name,
            schema: (schema != "public").then_some(schema),
            comment: row.try_get(3)?,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            checks: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            functional_dependencies: Vec::new(),
            partition_by: partkeydef.as_deref().and_then(PartitionBy::parse_sql),
            partition_of: None,
            scale: (reltuples > 0.0).then(|| Scale {
                rows: Some(reltuples.round() as u64),
                ..Scale::default()
            }),
        });
    }
    let by_oid: HashMap<u32, usize> = oids.iter().enumerate().map(|(i, o)| (*o, i)).collect();
    for (ti, parent, bound) in parents {
        if let Some(&pi) = by_oid.get(&parent) {
            design.tables[ti].partition_of = Some(PartitionOf {
                parent: design.tables[pi].id.clone(),
                bound,
            });
        }
    }

    read_columns(client, &oids, &by_oid, &mut design.tables)?;
    let mut scopes: Vec<IdScope> = design.tables.iter().map(|_| IdScope::default()).collect();
    read_constraints(
        client,
        &oids,
        &by_oid,
        &table_ids,
        &mut design.tables,
        &mut scopes,
    )?;
    read_indexes(client, &oids, &by_oid, &mut design.tables, &mut scopes)?;
    partition_columns(&mut design);
    Ok(design)
}

/// A partition's column whose parent column is an identity column has no identity or default
/// of its own (the parent's sequence serves it).
fn partition_columns(design: &mut Design) {
    let identities: Vec<(usize, String)> = design
        .tables
        .iter()
        .enumerate()
        .filter_map(|(ti, t)| {
            let parent = design.table(&t.partition_of.as_ref()?.parent)?;
            Some(
                parent
                    .columns
                    .iter()
                    .filter(|c| c.identity.is_some())
                    .map(move |c| (ti, c.name.clone())),
            )
        })
        .flatten()
        .collect();
    for (ti, name) in identities {
        if let Some(c) = design.tables[ti]
            .columns
            .iter_mut()
            .find(|c| c.name == name)
        {
            c.identity = None;
            c.default = None;
        }
    }
}

fn current_database(client: &PgClient) -> Result<String, DbError> {
    let rows = client.query("SELECT current_database()::text", &[])?;
    match rows.first() {
        Some(row) => Ok(row.try_get(0)?),
        None => Ok(String::new()),
    }
}

fn read_enums(client: &PgClient, schemas: &[String]) -> Result<Vec<EnumType>, DbError> {
    let rows = client.query(
        "SELECT n.nspname::text, t.typname::text, obj_description(t.oid, 'pg_type'),
                ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                      WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE t.typtype = 'e' AND n.nspname::text = ANY($1::text[])
         ORDER BY array_position($1::text[], n.nspname::text), t.typname",
        &[&schemas],
    )?;
    let mut scope = IdScope::default();
    let mut enums = Vec::new();
    for row in rows {
        let schema: String = row.try_get(0)?;
        let name: String = row.try_get(1)?;
        enums.push(EnumType {
            id: scope.id(&name),
            name,
            schema: (schema != "public").then_some(schema),
            values: row.try_get(3)?,
            comment: row.try_get(2)?,
        });
    }
    Ok(enums)
}

fn read_columns(
    client: &PgClient,
    oids: &[u32],
    by_oid: &HashMap<u32, usize>,
    tables: &mut [Table],
) -> Result<(), DbError> {
    let rows = client.query(
        "SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod),
                a.attnotnull, pg_get_expr(d.adbin, d.adrelid, true), a.attidentity::text,
                a.attgenerated::text, col_description(a.attrelid, a.attnum),
                (t.typtype = 'e' OR COALESCE(et.typtype = 'e', false)),
                EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid
                        WHERE s.relkind = 'S' AND dep.classid = 'pg_class'::regclass
                          AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
                          AND dep.deptype = 'a'),
                CASE WHEN t.typtype = 'd' THEN
                    CASE WHEN tn.nspname = 'public' THEN t.typname::text
                         ELSE tn.nspname::text || '.' || t.typname::text END
                END
         FROM pg_attribute a
         JOIN pg_type t ON t.oid = a.atttypid
         JOIN pg_namespace tn ON tn.oid = t.typnamespace
         LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attrelid, a.attnum",
        &[&oids],
    )?;
    for row in rows {
        let oid: u32 = row.try_get(0)?;
        let Some(&ti) = by_oid.get(&oid) else {
            continue;
        };
        let name: String = row.try_get(1)?;
        let formatted: String = row.try_get(2)?;
        let not_null: bool = row.try_get(3)?;
        let default: Option<String> = row.try_get(4)?;
        let identity: String = row.try_get(5)?;
        let generated: String = row.try_get(6)?;
        let is_enum: bool = row.try_get(8)?;
        let owns_sequence: bool = row.try_get(9)?;
        let domain: Option<String> = row.try_get(10)?;
        let mut column = Column {
            id: name.clone(),
            name,
            data_type: match domain {
                Some(d) => DataType::Named(d),
                None => logical_type(&formatted, is_enum),
            },
            nullable: !not_null,
            default: None,
            identity: match identity.as_str() {
                "a" => Some(Identity::Always),
                "d" => Some(Identity::ByDefault),
                _ => None,
            },
            generated: None,
            comment: row.try_get(7)?,
            distinct: None,
            skew: None,
        };
        if let Some(expr) = default {
            if generated == "s" {
                column.generated = Some(Generated {
                    expr: strip_outer_parens(&expr).to_string(),
                    stored: true,
                });
            } else if owns_sequence && column.identity.is_none() && expr.starts_with("nextval(") {
                column.identity = Some(Identity::ByDefault);
            } else {
                column.default = default_value(&expr);
            }
        }
        tables[ti].columns.push(column);
    }
    Ok(())
}

/// A default as PostgreSQL prints it, without the cast it adds to literals: `'x'::text` → `"x"`,
/// `'-1'::integer` → `-1`, `NULL::character varying` → no default.
pub(super) fn default_value(expr: &str) -> Option<DefaultValue> {
    let (value, cast) = split_cast(expr);
    if value.eq_ignore_ascii_case("null") {
        return None;
    }
    if let Some(lit) = literal(value) {
        // A quoted number cast to a numeric type is a number (`'-1'::integer`).
        if let (Literal::String(s), Some(cast)) = (&lit, cast)
            && is_numeric_type(cast)
            && let Some(n) = crate::literal::number(s)
        {
            return Some(DefaultValue::Literal(Literal::Number(n)));
        }
        return Some(DefaultValue::Literal(lit));
    }
    Some(DefaultValue::Expr {
        expr: expr.trim().to_string(),
    })
}

/// `'x'::text` → (`'x'`, Some(`text`)); the cast is split off only when what precedes it is a
/// single literal (or `NULL`).
fn split_cast(expr: &str) -> (&str, Option<&str>) {
    let t = expr.trim();
    if let Some(pos) = t.rfind("::") {
        let (value, cast) = (t[..pos].trim(), t[pos + 2..].trim());
        let value_is_single = quoted_string(value).is_some()
            || literal(value).is_some()
            || value.eq_ignore_ascii_case("null");
        if value_is_single && !cast.contains('\'') {
            return (value, Some(cast));
        }
    }
    (t, None)
}

fn is_numeric_type(t: &str) -> bool {
    let base = t.split('(').next().unwrap_or(t).trim();
    matches!(
        base,
        "smallint" | "integer" | "bigint" | "numeric" | "real" | "double precision"
    )
}

fn fk_action(code: &str) -> FkAction {
    match code {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

fn read_constraints(
    client: &PgClient,
    oids: &[u32],
    by_oid: &HashMap<u32, usize>,
    table_ids: &HashMap<(String, String), String>,
    tables: &mut [Table],
    scopes: &mut [IdScope],
) -> Result<(), DbError> {
    let rows = client.query(
        "SELECT con.conrelid, con.conname::text, con.contype::text,
                ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n
                      ORDER BY k.o),
                rn.nspname::text, rc.relname::text,
                ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n
                      ORDER BY k.o),
                con.confupdtype::text, con.confdeltype::text, con.condeferrable,
                con.condeferred, pg_get_expr(con.conbin, con.conrelid, true),
                COALESCE(ix.indnullsnotdistinct, false)
         FROM pg_constraint con
         JOIN pg_class rel ON rel.oid = con.conrelid
         LEFT JOIN pg_class rc ON rc.oid = con.confrelid
         LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
         LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype = 'u'
         WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'u', 'c', 'f')
           AND con.conparentid = 0
           AND (con.contype <> 'c' OR con.coninhcount = 0 OR NOT rel.relispartition)
         ORDER BY con.conrelid, con.conname",
        &[&oids],
    )?;
    for row in rows {
        let oid: u32 = row.try_get(0)?;
        let Some(&ti) = by_oid.get(&oid) else {
            continue;
        };
        let name: String = row.try_get(1)?;
        let kind: String = row.try_get(2)?;
        let columns: Vec<String> = row.try_get(3)?;
        let table = &mut tables[ti];
        let scope = &mut scopes[ti];
        match kind.as_str() {
            "p" => {
                table.primary_key = Some(PrimaryKey {
                    name: Some(name),
                    columns,
                });
            }
            "u" => table.uniques.push(UniqueConstraint {
                id: scope.id(&name),
                name: Some(name),
                columns,
                nulls_not_distinct: row.try_get(12)?,
            }),
            "c" => {
                let expr: Option<String> = row.try_get(11)?;
                table.checks.push(CheckConstraint {
                    id: scope.id(&name),
                    name: Some(name),
                    expr: strip_outer_parens(expr.as_deref().unwrap_or("")).to_string(),
                });
            }
            _ => {
                let ref_schema: Option<String> = row.try_get(4)?;
                let ref_name: Option<String> = row.try_get(5)?;
                let (ref_schema, ref_name) =
                    (ref_schema.unwrap_or_default(), ref_name.unwrap_or_default());
                let references = table_ids
                    .get(&(ref_schema.clone(), ref_name.clone()))
                    .cloned()
                    .unwrap_or_else(|| format!("{ref_schema}.{ref_name}"));
                let deferrable: bool = row.try_get(9)?;
                let deferred: bool = row.try_get(10)?;
                let update: String = row.try_get(7)?;
                let delete: String = row.try_get(8)?;
                table.foreign_keys.push(ForeignKey {
                    id: scope.id(&name),
                    name: Some(name),
                    columns,
                    references,
                    referenced_columns: row.try_get(6)?,
                    on_delete: fk_action(&delete),
                    on_update: fk_action(&update),
                    deferrable: match (deferrable, deferred) {
                        (false, _) => Deferrable::No,
                        (true, false) => Deferrable::InitiallyImmediate,
                        (true, true) => Deferrable::InitiallyDeferred,
                    },
                });
            }
        }
    }
    Ok(())
}

fn index_method(am: &str) -> IndexMethod {
    match am {
        "hash" => IndexMethod::Hash,
        "gin" => IndexMethod::Gin,
        "gist" => IndexMethod::Gist,
        "brin" => IndexMethod::Brin,
        "spgist" => IndexMethod::Spgist,
        _ => IndexMethod::Btree,
    }
}

fn read_indexes(
    client: &PgClient,
    oids: &[u32],
    by_oid: &HashMap<u32, usize>,
    tables: &mut [Table],
    scopes: &mut [IdScope],
) -> Result<(), DbError> {
    // Indexes that implement a constraint are read as the constraint.
    let rows = client.query(
        "SELECT i.indrelid, i.indexrelid, ic.relname::text, am.amname::text, i.indisunique,
                i.indnkeyatts::int4, pg_get_expr(i.indpred, i.indrelid, true)
         FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_am am ON am.oid = ic.relam
         WHERE i.indrelid = ANY($1::oid[]) AND NOT ic.relispartition
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                           WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                             AND c.contype IN ('p', 'u', 'x'))
         ORDER BY i.indrelid, ic.relname",
        &[&oids],
    )?;
    let mut index_oids: Vec<u32> = Vec::new();
    let mut headers = Vec::new();
    for row in &rows {
        let index_oid: u32 = row.try_get(1)?;
        index_oids.push(index_oid);
        let key_count: i32 = row.try_get(5)?;
        headers.push((row.try_get::<_, u32>(0)?, index_oid, key_count));
    }
    let parts = read_index_parts(client, &index_oids)?;
    for (row, (table_oid, index_oid, key_count)) in rows.iter().zip(headers) {
        let Some(&ti) = by_oid.get(&table_oid) else {
            continue;
        };
        let name: String = row.try_get(2)?;
        let am: String = row.try_get(3)?;
        let mut index = Index {
            id: scopes[ti].id(&name),
            name: Some(name),
            parts: Vec::new(),
            unique: row.try_get(4)?,
            method: index_method(&am),
            include: Vec::new(),
            predicate: row.try_get(6)?,
        };
        for p in parts.get(&index_oid).map(Vec::as_slice).unwrap_or(&[]) {
            if p.position > key_count {
                if let Some(col) = &p.column {
                    index.include.push(col.clone());
                }
                continue;
            }
            let desc = p.option & 1 != 0;
            let nulls_first = p.option & 2 != 0;
            index.parts.push(IndexPart {
                column: p.column.clone(),
                expr: if p.column.is_none() {
                    Some(p.definition.clone())
                } else {
                    None
                },
                order: if desc {
                    SortOrder::Desc
                } else {
                    SortOrder::Asc
                },
                nulls: match (desc, nulls_first) {
                    (false, true) => Some(NullsOrder::First),
                    (true, false) => Some(NullsOrder::Last),
                    _ => None,
                },
                opclass: p.opclass.clone(),
            });
        }
        tables[ti].indexes.push(index);
    }
    Ok(())
}

/// One column of an index, key or INCLUDE.
struct IndexPartRow {
    position: i32,
    column: Option<String>,
    definition: String,
    option: i16,
    opclass: Option<String>,
}

fn read_index_parts(
    client: &PgClient,
    index_oids: &[u32],
) -> Result<HashMap<u32, Vec<IndexPartRow>>, DbError> {
    // int2vector and oidvector subscripts start at 0, ORDINALITY at 1.
    let rows = client.query(
        "SELECT i.indexrelid, k.o::int4, a.attname::text,
                pg_get_indexdef(i.indexrelid, k.o::int4, true),
                COALESCE((i.indoption::int2[])[k.o - 1], 0::int2),
                oc.opcname::text, COALESCE(oc.opcdefault, true)
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, o)
         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                                 AND k.attnum > 0
         LEFT JOIN pg_opclass oc ON oc.oid = (i.indclass::oid[])[k.o - 1]
         WHERE i.indexrelid = ANY($1::oid[])
         ORDER BY i.indexrelid, k.o",
        &[&index_oids],
    )?;
    let mut parts: HashMap<u32, Vec<IndexPartRow>> = HashMap::new();
    for row in rows {
        let oid: u32 = row.try_get(0)?;
        let opclass: Option<String> = row.try_get(5)?;
        let is_default: bool = row.try_get(6)?;
        parts.entry(oid).or_default().push(IndexPartRow {
            position: row.try_get(1)?,
            column: row.try_get(2)?,
            definition: row.try_get(3)?,
            option: row.try_get(4)?,
            opclass: if is_default { None } else { opclass },
        });
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_lose_literal_casts() {
        assert_eq!(
            default_value("'pending'::text"),
            Some(DefaultValue::Literal(Literal::String("pending".into())))
        );
        assert_eq!(
            default_value("'-1'::integer"),
            Some(DefaultValue::Literal(Literal::Number((-1).into())))
        );
        assert_eq!(default_value("NULL::character varying"), None);
        assert_eq!(
            default_value("now()"),
            Some(DefaultValue::Expr {
                expr: "now()".into()
            })
        );
        assert_eq!(
            default_value("('a'::text || 'b'::text)"),
            Some(DefaultValue::Expr {
                expr: "('a'::text || 'b'::text)".into()
            })
        );
        assert_eq!(
            default_value("true"),
            Some(DefaultValue::Literal(Literal::Bool(true)))
        );
    }
}
