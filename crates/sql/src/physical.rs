//! The physical design: a design as it will exist in one database.
//!
//! [`physical_design`] rewrites a design for a dialect: many-to-many relationships become
//! junction tables, enumerations take the form the dialect has, names are fitted to the dialect's
//! identifier length (expressions follow the renames), every constraint and index gets its name,
//! and whatever the dialect cannot express is changed or left out (partial predicates, `INCLUDE`,
//! index methods, deferrable constraints, identity columns, ...). DDL generation only writes the
//! result out; database tests compare introspection against it. Every change that loses
//! something is reported as a `D0xx` diagnostic. Column types stay logical: the dialect's
//! [`map_type`](crate::dialect::Dialect::map_type) gives the SQL type.
//!
//! Junction tables: for a many-to-many relationship between `from` and `to`, a table named
//! `relationship.junction` or the convention's `junction_table` template (`{from}_{to}` by
//! default) with, for each side, the referenced primary key's columns (named by the convention's
//! foreign-key column template, `<singular>_id`, or `<singular>_<column>` for a composite key;
//! `related_` is prefixed when both sides would give the same name), a composite primary key
//! over all of them, a foreign key to each side with `ON DELETE CASCADE`, and an index on the
//! second side's columns. In the physical design the relationship is replaced by two one-to-many
//! relationships from the junction table, so building the physical design again changes nothing.

mod adapt;
mod names;
mod rewrite;

use std::collections::{HashMap, HashSet};

use schemata_model::{
    Cardinality, CheckConstraint, Column, DataType, DefaultValue, Design, Diagnostic, DialectName,
    FkAction, ForeignKey, Index, IndexPart, PrimaryKey, Relationship, Severity, Table, Target,
};

use crate::ddl::codes;
use crate::dialect::{Dialect, dialect_for};
use crate::naming::{self, TemplateVars};

/// The design as it will exist in `dialect`'s database, and what could not be kept as designed.
pub fn physical_design(design: &Design, dialect: DialectName) -> (Design, Vec<Diagnostic>) {
    let p = build(design, dialect_for(dialect));
    (p.design, p.diagnostics)
}

/// A physical design with the origin of each table in the design file.
pub(crate) struct Physical {
    pub design: Design,
    pub diagnostics: Vec<Diagnostic>,
    /// JSON pointer of each table's source: `/tables/3`, or `/relationships/1` for a junction.
    pub origins: Vec<String>,
    /// Indexes left out because the dialect cannot create them.
    pub removed_indexes: Vec<adapt::RemovedIndex>,
}

impl Physical {
    /// JSON pointer of `suffix` (e.g. `/columns/2`) within table `ti`; the relationship's pointer
    /// for parts of a junction table, which the file does not spell out.
    pub fn path(&self, ti: usize, suffix: &str) -> String {
        path_in(&self.origins, ti, suffix)
    }
}

fn path_in(origins: &[String], ti: usize, suffix: &str) -> String {
    match origins.get(ti) {
        Some(o) if o.starts_with("/tables/") => format!("{o}{suffix}"),
        Some(o) => o.clone(),
        None => String::new(),
    }
}

pub(crate) fn build(design: &Design, d: &dyn Dialect) -> Physical {
    let mut p = Physical {
        origins: (0..design.tables.len())
            .map(|i| format!("/tables/{i}"))
            .collect(),
        design: design.clone(),
        diagnostics: Vec::new(),
        removed_indexes: Vec::new(),
    };
    expand_many_to_many(&mut p, d.max_identifier_len());
    fit_user_names(&mut p, d);
    primary_keys_not_null(&mut p);
    if !d.supports_schemas() {
        drop_schemas(&mut p, d);
    }
    resolve_enums(&mut p, d);
    if !d.supports_unbounded_keys() {
        bound_key_columns(&mut p, d);
    }
    names::assign(&mut p, d);
    adapt::adapt(&mut p, d);
    p
}

fn warn(code: &str, message: String) -> Diagnostic {
    Diagnostic::new(code, Severity::Warning, message)
}

fn expand_many_to_many(p: &mut Physical, max_len: usize) {
    let rels = std::mem::take(&mut p.design.relationships);
    let mut kept = Vec::with_capacity(rels.len());
    for (k, rel) in rels.into_iter().enumerate() {
        if rel.cardinality != Cardinality::ManyToMany {
            kept.push(rel);
            continue;
        }
        let path = format!("/relationships/{k}");
        match junction_table(&p.design, &rel, max_len) {
            Ok(Junction::New(table)) => {
                for (i, (fk, side)) in table
                    .foreign_keys
                    .iter()
                    .zip([&rel.from, &rel.to])
                    .enumerate()
                {
                    kept.push(Relationship {
                        id: format!("{}_{}", rel.id, if i == 0 { "from" } else { "to" }),
                        name: if i == 0 { rel.name.clone() } else { None },
                        cardinality: Cardinality::OneToMany,
                        from: table.id.clone(),
                        to: side.clone(),
                        foreign_key: Some(fk.id.clone()),
                        mandatory: true,
                        junction: None,
                    });
                }
                p.design.tables.push(*table);
                p.origins.push(path);
            }
            Ok(Junction::Existing(existing)) => {
                let mut rel = rel;
                p.diagnostics.push(
                    Diagnostic::new(
                        codes::JUNCTION,
                        Severity::Info,
                        format!(
                            "relationship `{}` is many-to-many and the design already has a table `{existing}` where its junction table would go; that table is taken as the junction",
                            rel.id
                        ),
                    )
                    .with_target(Target::Relationship {
                        relationship: rel.id.clone(),
                    })
                    .with_path(path),
                );
                // Name the junction, so that the physical design keeps pointing at it.
                rel.junction = Some(existing);
                kept.push(rel);
            }
            Err(message) => {
                p.diagnostics.push(
                    warn(codes::JUNCTION, message)
                        .with_target(Target::Relationship {
                            relationship: rel.id.clone(),
                        })
                        .with_path(path),
                );
                kept.push(rel);
            }
        }
    }
    p.design.relationships = kept;
}

/// The junction table of a many-to-many relationship, or the name of the table of the design
/// that already has its name (a junction modelled by hand, or the junction of another
/// relationship between the same tables).
fn junction_table(design: &Design, rel: &Relationship, max_len: usize) -> Result<Junction, String> {
    let conv = &design.settings.naming;
    let side = |id: &str| {
        design.table(id).ok_or_else(|| {
            format!(
                "relationship `{}` refers to table `{id}`, which does not exist; no junction table was created",
                rel.id
            )
        })
    };
    let (from, to) = (side(&rel.from)?, side(&rel.to)?);
    let name = rel.junction.clone().unwrap_or_else(|| {
        naming::expand(
            &conv.junction_table,
            &TemplateVars {
                from: &from.name,
                to: &to.name,
                ..Default::default()
            },
        )
    });
    // Names are fitted to the dialect later; a physical design already has fitted names.
    let fitted = naming::fit_identifier(&name, max_len);
    if let Some(existing) = design
        .tables
        .iter()
        .find(|t| (t.name == name || t.name == fitted) && t.schema == from.schema)
    {
        return Ok(Junction::Existing(naming::fit_identifier(
            &existing.name,
            max_len,
        )));
    }
    let mut columns: Vec<Column> = Vec::new();
    let mut sides: Vec<(Vec<String>, &Table)> = Vec::new();
    for table in [from, to] {
        let pk = table.primary_key_columns();
        if pk.is_empty() {
            return Err(format!(
                "table `{}` has no primary key, so the junction table `{name}` of relationship `{}` cannot reference it",
                table.name, rel.id
            ));
        }
        let mut ids = Vec::new();
        for col_id in pk {
            let Some(col) = table.column(col_id) else {
                return Err(format!(
                    "the primary key of `{}` names a missing column `{col_id}`; no junction table was created",
                    table.name
                ));
            };
            let mut col_name = if pk.len() == 1 {
                naming::foreign_key_column(conv, &table.name)
            } else {
                format!("{}_{}", naming::singular(&table.name), col.name)
            };
            while columns.iter().any(|c| c.name == col_name) {
                col_name = format!("related_{col_name}");
            }
            ids.push(col_name.clone());
            columns.push(Column {
                id: col_name.clone(),
                name: col_name,
                data_type: col.data_type.clone(),
                nullable: false,
                default: None,
                identity: None,
                generated: None,
                comment: None,
                distinct: None,
            });
        }
        sides.push((ids, table));
    }
    let mut id = name.clone();
    let mut n = 2;
    while design.tables.iter().any(|t| t.id == id) {
        id = format!("{name}_{n}");
        n += 1;
    }
    let foreign_keys = sides
        .iter()
        .enumerate()
        .map(|(i, (cols, table))| ForeignKey {
            id: format!("fk{}", i + 1),
            name: None,
            columns: cols.clone(),
            references: table.id.clone(),
            referenced_columns: table.primary_key_columns().to_vec(),
            on_delete: FkAction::Cascade,
            on_update: FkAction::NoAction,
            deferrable: Default::default(),
        })
        .collect();
    Ok(Junction::New(Box::new(Table {
        id,
        name,
        schema: from.schema.clone(),
        comment: None,
        primary_key: Some(PrimaryKey {
            name: None,
            columns: columns.iter().map(|c| c.id.clone()).collect(),
        }),
        columns,
        uniques: Vec::new(),
        checks: Vec::new(),
        foreign_keys,
        indexes: vec![Index {
            id: "ix1".into(),
            name: None,
            parts: sides[1].0.iter().map(IndexPart::column).collect(),
            unique: false,
            method: Default::default(),
            include: Vec::new(),
            predicate: None,
        }],
        functional_dependencies: Vec::new(),
        scale: None,
    })))
}

/// What a many-to-many relationship becomes.
enum Junction {
    /// A new junction table.
    New(Box<Table>),
    /// A table of the design that already has the junction's name.
    Existing(String),
}

/// Table, column, schema and enum names longer than the dialect allows are shortened.
fn fit_user_names(p: &mut Physical, d: &dyn Dialect) {
    let max = d.max_identifier_len();
    let mut diags = Vec::new();
    // The target and the path are built only for a name that is too long.
    // Returns the old name when the name was shortened.
    let mut fit = |name: &mut String, what: &str, place: &dyn Fn() -> (Target, String)| {
        if name.len() <= max {
            return None;
        }
        let fitted = naming::fit_identifier(name, max);
        let (target, path) = place();
        diags.push(
            warn(
                codes::NAME_SHORTENED,
                format!(
                    "{what} `{name}` is longer than {} allows ({max} bytes); it is created as `{fitted}`",
                    d.display_name()
                ),
            )
            .with_target(target)
            .with_path(path),
        );
        Some(std::mem::replace(name, fitted))
    };
    let origins = &p.origins;
    for (ti, table) in p.design.tables.iter_mut().enumerate() {
        let tid = table.id.clone();
        let table_place = |suffix: &'static str| {
            let tid = tid.clone();
            move || {
                (
                    Target::Table { table: tid.clone() },
                    path_in(origins, ti, suffix),
                )
            }
        };
        if let Some(schema) = table.schema.as_mut() {
            fit(schema, "schema name", &table_place("/schema"));
        }
        let renamed_table = fit(&mut table.name, "table name", &table_place("/name"))
            .map(|old| (old, table.name.clone()));
        let mut renamed_columns = Vec::new();
        for (ci, col) in table.columns.iter_mut().enumerate() {
            let column = col.id.clone();
            let place = || {
                let target = Target::Column {
                    table: tid.clone(),
                    column: column.clone(),
                };
                (target, path_in(origins, ti, &format!("/columns/{ci}/name")))
            };
            if let Some(old) = fit(&mut col.name, "column name", &place) {
                renamed_columns.push((old, col.name.clone()));
            }
        }
        if !renamed_columns.is_empty() || renamed_table.is_some() {
            rename_in_expressions(table, &renamed_columns, renamed_table.as_ref(), d);
        }
    }
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (ei, e) in p.design.enums.iter_mut().enumerate() {
        let place = || (Target::Design, format!("/enums/{ei}/name"));
        if let Some(old) = fit(&mut e.name, "enum type name", &place) {
            renamed.push((old, e.name.clone()));
        }
    }
    // Columns name an enum by its name: follow the renames.
    for (before, after) in renamed {
        for table in p.design.tables.iter_mut() {
            for col in table.columns.iter_mut() {
                if col.data_type == DataType::Named(before.clone()) {
                    col.data_type = DataType::Named(after.clone());
                }
            }
        }
    }
    p.diagnostics.extend(diags);
}

/// Follow renamed columns (and the table's own rename) in the table's SQL expressions.
fn rename_in_expressions(
    table: &mut Table,
    columns: &[(String, String)],
    table_rename: Option<&(String, String)>,
    d: &dyn Dialect,
) {
    let fix = |e: &mut String| *e = rewrite::rename_in_expr(e, columns, table_rename, d);
    for c in &mut table.checks {
        fix(&mut c.expr);
    }
    for ix in &mut table.indexes {
        if let Some(p) = ix.predicate.as_mut() {
            fix(p);
        }
        for part in &mut ix.parts {
            if let Some(e) = part.expr.as_mut() {
                fix(e);
            }
        }
    }
    for col in &mut table.columns {
        if let Some(g) = col.generated.as_mut() {
            fix(&mut g.expr);
        }
        if let Some(DefaultValue::Expr { expr }) = col.default.as_mut() {
            fix(expr);
        }
    }
}

/// Primary-key columns are NOT NULL in every database.
fn primary_keys_not_null(p: &mut Physical) {
    for (ti, table) in p.design.tables.iter_mut().enumerate() {
        let Some(pk) = &table.primary_key else {
            continue;
        };
        for (ci, col) in table.columns.iter_mut().enumerate() {
            if col.nullable && pk.columns.contains(&col.id) {
                col.nullable = false;
                p.diagnostics.push(
                    warn(
                        codes::PK_NOT_NULL,
                        format!(
                            "`{}.{}` is part of the primary key, so it is NOT NULL although the design allows NULL",
                            table.name, col.name
                        ),
                    )
                    .with_target(Target::Column {
                        table: table.id.clone(),
                        column: col.id.clone(),
                    })
                    .with_path(path_in(&p.origins, ti, &format!("/columns/{ci}/nullable"))),
                );
            }
        }
    }
}

fn drop_schemas(p: &mut Physical, d: &dyn Dialect) {
    for (ti, table) in p.design.tables.iter_mut().enumerate() {
        if let Some(schema) = table.schema.take() {
            p.diagnostics.push(
                warn(
                    codes::NO_SCHEMAS,
                    format!(
                        "{} has no schemas: table `{}` of schema `{schema}` is created in the current database",
                        d.display_name(),
                        table.name
                    ),
                )
                .with_target(Target::Table {
                    table: table.id.clone(),
                })
                .with_path(path_in(&p.origins, ti, "/schema")),
            );
        }
    }
    for e in p.design.enums.iter_mut() {
        e.schema = None;
    }
}

/// Named enums stay named where the dialect has enum types (PostgreSQL), become inline
/// `ENUM(...)` where it has those (MySQL), and `text` with a CHECK elsewhere; inline enums become
/// `text` with a CHECK where the dialect has no inline form.
fn resolve_enums(p: &mut Physical, d: &dyn Dialect) {
    let named: Vec<(String, Vec<String>)> = p
        .design
        .enums
        .iter()
        .flat_map(|e| {
            let mut keys = vec![(e.name.clone(), e.values.clone())];
            if let Some(s) = &e.schema {
                keys.push((format!("{s}.{}", e.name), e.values.clone()));
            }
            keys
        })
        .collect();
    let lookup = |n: &str| named.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    for (ti, table) in p.design.tables.iter_mut().enumerate() {
        for (ci, col) in table.columns.iter_mut().enumerate() {
            let values = match &col.data_type {
                DataType::Named(n) => match lookup(n) {
                    Some(_) if d.supports_enum_type() => continue,
                    Some(values) if d.supports_inline_enum() => {
                        col.data_type = DataType::Enum(values);
                        continue;
                    }
                    Some(values) => values,
                    None => continue,
                },
                DataType::Enum(_) if d.supports_inline_enum() => continue,
                DataType::Enum(values) => values.clone(),
                DataType::Array(inner)
                    if d.supports_arrays() && matches!(**inner, DataType::Enum(_)) =>
                {
                    p.diagnostics.push(
                        warn(
                            codes::TYPE_APPROXIMATED,
                            format!(
                                "`{}.{}` is an array of an inline enum; {} stores it as text[] and its values are not checked",
                                table.name,
                                col.name,
                                d.display_name()
                            ),
                        )
                        .with_help("declare a named enum in `enums` and use `name[]`")
                        .with_target(Target::Column {
                            table: table.id.clone(),
                            column: col.id.clone(),
                        })
                        .with_path(path_in(&p.origins, ti, &format!("/columns/{ci}/type"))),
                    );
                    continue;
                }
                _ => continue,
            };
            col.data_type = DataType::Text;
            let list: Vec<String> = values.iter().map(|v| d.string_literal(v)).collect();
            let mut id = format!("enum_{}", col.id);
            while table.checks.iter().any(|c| c.id == id) {
                id.push('_');
            }
            table.checks.push(CheckConstraint {
                id,
                name: None,
                expr: format!("{} IN ({})", d.quote_ident(&col.name), list.join(", ")),
            });
        }
    }
    if !d.supports_enum_type() {
        p.design.enums.clear();
    }
}

/// Unbounded text and binary columns cannot be primary, unique or foreign key columns in MySQL;
/// they become `varchar(255)` / `varbinary(255)`.
fn bound_key_columns(p: &mut Physical, d: &dyn Dialect) {
    let by_id: HashMap<&str, &Table> = p.design.tables.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut keys: HashSet<(String, String)> = HashSet::new();
    for table in &p.design.tables {
        let mut add = |table_id: &str, ids: &[String]| {
            keys.extend(ids.iter().map(|c| (table_id.to_string(), c.clone())));
        };
        add(&table.id, table.primary_key_columns());
        for u in &table.uniques {
            add(&table.id, &u.columns);
        }
        for ix in table.indexes.iter().filter(|ix| ix.unique) {
            let cols: Vec<String> = ix.parts.iter().filter_map(|pt| pt.column.clone()).collect();
            add(&table.id, &cols);
        }
        for fk in &table.foreign_keys {
            add(&table.id, &fk.columns);
            let target = if fk.referenced_columns.is_empty() {
                by_id
                    .get(fk.references.as_str())
                    .map(|t| t.primary_key_columns())
                    .unwrap_or(&[])
            } else {
                &fk.referenced_columns
            };
            add(&fk.references, target);
        }
    }
    drop(by_id);
    for (ti, table) in p.design.tables.iter_mut().enumerate() {
        for (ci, col) in table.columns.iter_mut().enumerate() {
            let bounded = match col.data_type {
                DataType::Text => DataType::Varchar(Some(255)),
                DataType::Bytes => DataType::Named("varbinary(255)".into()),
                _ => continue,
            };
            if !keys.contains(&(table.id.clone(), col.id.clone())) {
                continue;
            }
            p.diagnostics.push(
                warn(
                    codes::TYPE_APPROXIMATED,
                    format!(
                        "`{}.{}` is part of a key, and {} cannot index an unbounded {} column; it is created as {bounded}",
                        table.name,
                        col.name,
                        d.display_name(),
                        col.data_type
                    ),
                )
                .with_help("give the column a length, e.g. varchar(320)")
                .with_target(Target::Column {
                    table: table.id.clone(),
                    column: col.id.clone(),
                })
                .with_path(path_in(&p.origins, ti, &format!("/columns/{ci}/type"))),
            );
            col.data_type = bounded;
        }
    }
}
