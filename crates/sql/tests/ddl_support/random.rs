//! Random valid designs for property tests.

use proptest::prelude::*;
use schemata_model::{
    CheckConstraint, Column, DataType, DefaultValue, Deferrable, Design, DialectName, FkAction,
    ForeignKey, Identity, Index, IndexMethod, IndexPart, Literal, PrimaryKey, Relationship,
    SortOrder, Table, UniqueConstraint,
};
use schemata_sql::dialect::{dialect_for, is_plain_identifier};

const TABLE_NAMES: &[&str] = &[
    "users",
    "order",
    "group",
    "Items",
    "café",
    "tags",
    "select",
    "data",
    "a_table_name_that_is_far_too_long_for_postgres_and_mysql_identifiers",
];
const COLUMN_NAMES: &[&str] = &[
    "name",
    "order",
    "user",
    "key",
    "Value",
    "größe",
    "created_at",
    "amount",
    "status",
    "a_column_name_that_is_much_longer_than_sixty_four_bytes_in_every_dialect",
];
const TYPES: &[&str] = &[
    "smallint",
    "integer",
    "bigint",
    "decimal(10,2)",
    "decimal",
    "real",
    "double",
    "boolean",
    "text",
    "varchar(20)",
    "varchar",
    "char(3)",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "interval",
    "uuid",
    "json",
    "jsonb",
    "bytes",
    "enum('a','b''c')",
    "text[]",
];

#[derive(Debug, Clone)]
struct ColumnRecipe {
    name: usize,
    ty: usize,
    nullable: bool,
    default: bool,
}

#[derive(Debug, Clone)]
struct FkRecipe {
    target: usize,
    nullable: bool,
    action: usize,
    deferrable: usize,
}

#[derive(Debug, Clone)]
struct IndexRecipe {
    parts: Vec<(usize, bool)>,
    unique: bool,
    method: usize,
    partial: bool,
    include: Option<usize>,
    expression: bool,
}

#[derive(Debug, Clone)]
struct TableRecipe {
    name: usize,
    composite_pk: bool,
    identity: usize,
    columns: Vec<ColumnRecipe>,
    unique: Option<usize>,
    check: bool,
    fks: Vec<FkRecipe>,
    indexes: Vec<IndexRecipe>,
}

fn column_recipe() -> impl Strategy<Value = ColumnRecipe> {
    (
        0..COLUMN_NAMES.len(),
        0..TYPES.len(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, ty, nullable, default)| ColumnRecipe {
            name,
            ty,
            nullable,
            default,
        })
}

fn index_recipe() -> impl Strategy<Value = IndexRecipe> {
    (
        prop::collection::vec((0usize..16, any::<bool>()), 1..3),
        any::<bool>(),
        0usize..6,
        any::<bool>(),
        prop::option::of(0usize..16),
        any::<bool>(),
    )
        .prop_map(
            |(parts, unique, method, partial, include, expression)| IndexRecipe {
                parts,
                unique,
                method,
                partial,
                include,
                expression,
            },
        )
}

fn table_recipe() -> impl Strategy<Value = TableRecipe> {
    (
        0..TABLE_NAMES.len(),
        any::<bool>(),
        0usize..3,
        prop::collection::vec(column_recipe(), 1..6),
        prop::option::of(0usize..16),
        any::<bool>(),
        prop::collection::vec(
            (0usize..16, any::<bool>(), 0usize..5, 0usize..3).prop_map(
                |(target, nullable, action, deferrable)| FkRecipe {
                    target,
                    nullable,
                    action,
                    deferrable,
                },
            ),
            0..3,
        ),
        prop::collection::vec(index_recipe(), 0..3),
    )
        .prop_map(
            |(name, composite_pk, identity, columns, unique, check, fks, indexes)| TableRecipe {
                name,
                composite_pk,
                identity,
                columns,
                unique,
                check,
                fks,
                indexes,
            },
        )
}

fn column(name: &str, ty: DataType, nullable: bool) -> Column {
    Column {
        id: name.to_string(),
        name: name.to_string(),
        data_type: ty,
        nullable,
        default: None,
        identity: None,
        generated: None,
        comment: None,
        distinct: None,
        skew: None,
    }
}

/// A name every dialect reads bare, so that an expression can name it portably.
fn portable(name: &str) -> bool {
    is_plain_identifier(name)
        && DialectName::ALL
            .iter()
            .all(|&d| !dialect_for(d).is_reserved(name))
}

/// A name not yet in `taken` (case-insensitively): `base`, or `base_2`, ...
fn fresh(base: &str, taken: &mut Vec<String>) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        name = format!("{base}_{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn default_for(ty: &DataType) -> Option<DefaultValue> {
    Some(match ty {
        t if t.is_integer() => DefaultValue::Literal(Literal::Number(0.into())),
        DataType::Boolean => DefaultValue::Literal(Literal::Bool(true)),
        DataType::Text | DataType::Varchar(_) => {
            DefaultValue::Literal(Literal::String("it's".into()))
        }
        DataType::Timestamptz => DefaultValue::Expr {
            expr: "CURRENT_TIMESTAMP".into(),
        },
        DataType::Uuid => DefaultValue::Expr {
            expr: "gen_random_uuid()".into(),
        },
        DataType::Enum(v) => DefaultValue::Literal(Literal::String(v[0].clone())),
        _ => return None,
    })
}

fn build(recipes: &[TableRecipe], many_to_many: &[(usize, usize)]) -> Design {
    let mut design = Design::default();
    let mut table_names = Vec::new();
    for (ti, r) in recipes.iter().enumerate() {
        let name = fresh(TABLE_NAMES[r.name], &mut table_names);
        let mut taken = vec!["id".to_string(), "part".to_string()];
        let mut id = column("id", DataType::BigInt, false);
        if r.identity == 1 {
            id.identity = Some(Identity::Always);
        } else if r.identity == 2 {
            id.identity = Some(Identity::ByDefault);
        }
        let mut columns = vec![id];
        let mut pk = vec!["id".to_string()];
        if r.composite_pk {
            columns.push(column("part", DataType::SmallInt, false));
            pk.push("part".to_string());
        }
        for c in &r.columns {
            let name = fresh(COLUMN_NAMES[c.name], &mut taken);
            let ty = DataType::parse(TYPES[c.ty]).unwrap_or(DataType::Text);
            let mut col = column(&name, ty, c.nullable);
            if c.default {
                col.default = default_for(&col.data_type);
            }
            columns.push(col);
        }
        let plain: Vec<String> = columns.iter().map(|c| c.id.clone()).collect();
        let mut table = Table {
            id: format!("t{ti}"),
            name,
            schema: None,
            comment: Some(format!("Table {ti}, it's random.")),
            columns,
            primary_key: Some(PrimaryKey {
                name: None,
                columns: pk,
            }),
            uniques: Vec::new(),
            checks: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            functional_dependencies: Vec::new(),
            partition_by: None,
            partition_of: None,
            scale: None,
        };
        // Index and key columns: not json or arrays (no B-tree in some dialects).
        let keyable: Vec<String> = table
            .columns
            .iter()
            .filter(|c| {
                !matches!(
                    c.data_type,
                    DataType::Json | DataType::Jsonb | DataType::Array(_)
                )
            })
            .map(|c| c.id.clone())
            .collect();
        if let Some(u) = r.unique
            && keyable.len() > 1
        {
            table.uniques.push(UniqueConstraint {
                id: "uq1".into(),
                name: None,
                columns: vec![keyable[1 + u % (keyable.len() - 1)].clone()],
                nulls_not_distinct: u % 2 == 0,
            });
        }
        if r.check
            && let Some(c) = table
                .columns
                .iter()
                .skip(1)
                .find(|c| c.data_type.is_integer() && portable(&c.name))
        {
            table.checks.push(CheckConstraint {
                id: "ck1".into(),
                name: None,
                expr: format!("{} >= 0", c.name),
            });
        }
        for (k, ix) in r.indexes.iter().enumerate() {
            let mut parts: Vec<IndexPart> = Vec::new();
            for &(p, desc) in &ix.parts {
                let id = keyable[p % keyable.len()].clone();
                if parts
                    .iter()
                    .any(|q| q.column.as_deref() == Some(id.as_str()))
                {
                    continue;
                }
                let mut part = IndexPart::column(id);
                if desc {
                    part.order = SortOrder::Desc;
                }
                parts.push(part);
            }
            let text_column = table
                .columns
                .iter()
                .find(|c| c.data_type.is_textual() && portable(&c.name));
            if ix.expression
                && let Some(c) = text_column
            {
                parts.push(IndexPart {
                    column: None,
                    expr: Some(format!("lower({})", c.name)),
                    order: SortOrder::Asc,
                    nulls: None,
                    opclass: None,
                });
            }
            let first = parts[0].column.clone().unwrap_or_default();
            let first_name = table.column_name(&first).to_string();
            let include: Vec<String> = ix
                .include
                .map(|i| plain[i % plain.len()].clone())
                .filter(|c| !parts.iter().any(|p| p.column.as_deref() == Some(c)))
                .into_iter()
                .collect();
            // Hash indexes only where every dialect's hash index can be: one ascending column.
            let hash = ix.method % 2 == 1
                && parts.len() == 1
                && parts[0].column.is_some()
                && parts[0].order == SortOrder::Asc
                && !ix.unique
                && include.is_empty();
            table.indexes.push(Index {
                id: format!("ix{}", k + 1),
                name: (k == 1).then(|| "ix_shared_name".to_string()),
                parts,
                unique: ix.unique,
                method: if hash {
                    IndexMethod::Hash
                } else {
                    IndexMethod::Btree
                },
                include,
                predicate: (ix.partial && portable(&first_name))
                    .then(|| format!("{first_name} IS NOT NULL")),
            });
        }
        design.tables.push(table);
    }
    // Foreign keys to any table, this one included: cycles and self-references.
    let n = design.tables.len();
    for (ti, r) in recipes.iter().enumerate() {
        for (k, fk) in r.fks.iter().enumerate() {
            let target = fk.target % n;
            let target_pk: Vec<Column> = {
                let t = &design.tables[target];
                t.primary_key_columns()
                    .iter()
                    .filter_map(|c| t.column(c).cloned())
                    .collect()
            };
            let target_id = design.tables[target].id.clone();
            let table = &mut design.tables[ti];
            let mut taken: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
            let mut cols = Vec::new();
            for pkc in &target_pk {
                let name = fresh(&format!("ref{k}_{}", pkc.name), &mut taken);
                table
                    .columns
                    .push(column(&name, pkc.data_type.clone(), fk.nullable));
                cols.push(name);
            }
            let on_delete = match fk.action {
                1 => FkAction::Cascade,
                2 => FkAction::Restrict,
                3 if fk.nullable => FkAction::SetNull,
                4 => FkAction::SetDefault,
                _ => FkAction::NoAction,
            };
            table.foreign_keys.push(ForeignKey {
                id: format!("fk{}", k + 1),
                name: None,
                columns: cols,
                references: target_id,
                referenced_columns: Vec::new(),
                on_delete,
                on_update: FkAction::NoAction,
                deferrable: [
                    Deferrable::No,
                    Deferrable::InitiallyImmediate,
                    Deferrable::InitiallyDeferred,
                ][fk.deferrable],
            });
        }
    }
    for (k, &(a, b)) in many_to_many.iter().enumerate() {
        design.relationships.push(Relationship {
            id: format!("rel{k}"),
            name: None,
            cardinality: schemata_model::Cardinality::ManyToMany,
            from: design.tables[a % n].id.clone(),
            to: design.tables[b % n].id.clone(),
            foreign_key: None,
            mandatory: false,
            junction: None,
        });
    }
    design
}

/// Random valid designs: tables with random names (reserved words, mixed case, Unicode, too
/// long), columns of every type, composite keys, foreign keys between any tables (cycles and
/// self-references), unique constraints, checks, indexes and many-to-many relationships.
pub fn random_design() -> impl Strategy<Value = Design> {
    (
        prop::collection::vec(table_recipe(), 1..7),
        prop::collection::vec((0usize..16, 0usize..16), 0..3),
    )
        .prop_map(|(tables, m2m)| build(&tables, &m2m))
}
