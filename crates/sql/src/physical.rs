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
mod domains;
mod junction;
mod names;
mod nameset;
mod rewrite;
mod template;
pub(crate) mod view;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use schemata_model::{
    CheckConstraint, DataType, DefaultValue, Design, Diagnostic, DialectName, DomainType, EnumType,
    Relationship, Severity, Target,
};

use crate::ddl::codes;
use crate::dialect::{Dialect, Fnv, dialect_for};
use crate::naming;
use view::{Named, PTable};

/// A hash map with the fast deterministic hasher used for look-ups by id.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The design as it will exist in `dialect`'s database, and what could not be kept as designed.
pub fn physical_design(design: &Design, dialect: DialectName) -> (Design, Vec<Diagnostic>) {
    let p = build(design, dialect_for(dialect));
    let mut out = design.clone();
    out.tables = p.tables.into_iter().map(PTable::into_table).collect();
    out.enums = p.enums.into_iter().map(Cow::into_owned).collect();
    out.domains = p.domains.into_iter().map(Cow::into_owned).collect();
    out.relationships = p.relationships.into_iter().map(Cow::into_owned).collect();
    (out, p.diagnostics)
}

/// Where a table of the physical design comes from in the design file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// `/tables/<n>`.
    Table(usize),
    /// `/relationships/<n>`: the junction table of a many-to-many relationship.
    Relationship(usize),
}

/// A physical design, borrowing from the design wherever nothing changed, with the origin of
/// each table in the design file.
pub(crate) struct Physical<'a> {
    /// The logical design.
    pub source: &'a Design,
    /// The tables: the design's, then the junction tables.
    pub tables: Vec<PTable<'a>>,
    /// Enum types the dialect creates (none where it has no enum types).
    pub enums: Vec<Cow<'a, EnumType>>,
    /// Domains the dialect creates (none where it has no domains: columns take their base type).
    pub domains: Vec<Cow<'a, DomainType>>,
    /// Relationships, many-to-many ones replaced by two one-to-many ones per junction table.
    pub relationships: Vec<Cow<'a, Relationship>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Source of each table.
    pub origins: Vec<Origin>,
    /// Indexes left out because the dialect cannot create them.
    pub removed_indexes: Vec<adapt::RemovedIndex>,
}

impl Physical<'_> {
    /// JSON pointer of `suffix` (e.g. `/columns/2`) within table `ti`; the relationship's pointer
    /// for parts of a junction table, which the file does not spell out.
    pub fn path(&self, ti: usize, suffix: &str) -> String {
        path_in(&self.origins, ti, suffix)
    }
}

fn path_in(origins: &[Origin], ti: usize, suffix: &str) -> String {
    match origins.get(ti) {
        Some(Origin::Table(i)) => format!("/tables/{i}{suffix}"),
        Some(Origin::Relationship(k)) => format!("/relationships/{k}"),
        None => String::new(),
    }
}

pub(crate) fn build<'a>(design: &'a Design, d: &dyn Dialect) -> Physical<'a> {
    let mut p = Physical {
        source: design,
        tables: design.tables.iter().map(PTable::borrowed).collect(),
        enums: design.enums.iter().map(Cow::Borrowed).collect(),
        domains: design.domains.iter().map(Cow::Borrowed).collect(),
        relationships: Vec::new(),
        origins: (0..design.tables.len()).map(Origin::Table).collect(),
        diagnostics: Vec::new(),
        removed_indexes: Vec::new(),
    };
    junction::expand_many_to_many(&mut p, d.max_identifier_len());
    fit_user_names(&mut p, d);
    primary_keys_not_null(&mut p);
    if !d.supports_schemas() {
        drop_schemas(&mut p, d);
    }
    domains::resolve_domains(&mut p, d);
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

/// Table, column, schema and enum names longer than the dialect allows are shortened.
fn fit_user_names(p: &mut Physical<'_>, d: &dyn Dialect) {
    let max = d.max_identifier_len();
    let mut diags = Vec::new();
    // The target and the path are built only for a name that is too long.
    // Returns the shortened name when the name is too long.
    let mut fit = |name: &str, what: &str, place: &dyn Fn() -> (Target, String)| {
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
        Some(fitted)
    };
    let origins = &p.origins;
    for (ti, table) in p.tables.iter_mut().enumerate() {
        // Copied only for a diagnostic.
        let tid = table.id.clone();
        let table_place = |suffix: &'static str| {
            let tid = tid.clone();
            move || {
                (
                    Target::Table {
                        table: tid.to_string(),
                    },
                    path_in(origins, ti, suffix),
                )
            }
        };
        if let Some(schema) = table.schema.as_mut()
            && let Some(fitted) = fit(schema, "schema name", &table_place("/schema"))
        {
            *schema = Cow::Owned(fitted);
        }
        let renamed_table = fit(&table.name, "table name", &table_place("/name")).map(|fitted| {
            let old = std::mem::replace(&mut table.name, Cow::Owned(fitted.clone()));
            (old.into_owned(), fitted)
        });
        let mut renamed_columns = Vec::new();
        for (ci, col) in table.columns.iter_mut().enumerate() {
            let place = || {
                let target = Target::Column {
                    table: tid.to_string(),
                    column: col.id.clone(),
                };
                (target, path_in(origins, ti, &format!("/columns/{ci}/name")))
            };
            if let Some(fitted) = fit(&col.name, "column name", &place) {
                let old = std::mem::replace(&mut col.to_mut().name, fitted.clone());
                renamed_columns.push((old, fitted));
            }
        }
        if !renamed_columns.is_empty() || renamed_table.is_some() {
            rename_in_expressions(table, &renamed_columns, renamed_table.as_ref(), d);
        }
    }
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (ei, e) in p.enums.iter_mut().enumerate() {
        let place = || (Target::Design, format!("/enums/{ei}/name"));
        if let Some(fitted) = fit(&e.name, "enum type name", &place) {
            let old = std::mem::replace(&mut e.to_mut().name, fitted.clone());
            renamed.push((old, fitted));
        }
    }
    // Columns name an enum by its name: follow the renames.
    for (before, after) in renamed {
        for table in p.tables.iter_mut() {
            for col in table.columns.iter_mut() {
                if matches!(&col.data_type, DataType::Named(n) if *n == before) {
                    col.to_mut().data_type = DataType::Named(after.clone());
                }
            }
        }
    }
    p.diagnostics.extend(diags);
}

/// Follow renamed columns (and the table's own rename) in the table's SQL expressions.
fn rename_in_expressions(
    table: &mut PTable<'_>,
    columns: &[(String, String)],
    table_rename: Option<&(String, String)>,
    d: &dyn Dialect,
) {
    let renamed = |e: &str| {
        let new = rewrite::rename_in_expr(e, columns, table_rename, d);
        (new != e).then_some(new)
    };
    for c in &mut table.checks {
        if let Some(new) = renamed(&c.def.expr) {
            c.def.to_mut().expr = new;
        }
    }
    for ix in &mut table.indexes {
        if let Some(new) = ix.def.predicate.as_deref().and_then(renamed) {
            ix.def.to_mut().predicate = Some(new);
        }
        for pi in 0..ix.def.parts.len() {
            if let Some(new) = ix.def.parts[pi].expr.as_deref().and_then(renamed) {
                ix.def.to_mut().parts[pi].expr = Some(new);
            }
        }
    }
    for col in &mut table.columns {
        if let Some(new) = col.generated.as_ref().and_then(|g| renamed(&g.expr))
            && let Some(g) = col.to_mut().generated.as_mut()
        {
            g.expr = new;
        }
        if let Some(DefaultValue::Expr { expr }) = &col.default
            && let Some(new) = renamed(expr)
        {
            col.to_mut().default = Some(DefaultValue::Expr { expr: new });
        }
    }
}

/// Primary-key columns are NOT NULL in every database.
fn primary_keys_not_null(p: &mut Physical<'_>) {
    for (ti, table) in p.tables.iter_mut().enumerate() {
        let Some(pk) = &table.primary_key else {
            continue;
        };
        for (ci, col) in table.columns.iter_mut().enumerate() {
            if col.nullable && pk.def.columns.contains(&col.id) {
                col.to_mut().nullable = false;
                p.diagnostics.push(
                    warn(
                        codes::PK_NOT_NULL,
                        format!(
                            "`{}.{}` is part of the primary key, so it is NOT NULL although the design allows NULL",
                            table.name, col.name
                        ),
                    )
                    .with_target(Target::Column {
                        table: table.id.to_string(),
                        column: col.id.clone(),
                    })
                    .with_path(path_in(&p.origins, ti, &format!("/columns/{ci}/nullable"))),
                );
            }
        }
    }
}

fn drop_schemas(p: &mut Physical<'_>, d: &dyn Dialect) {
    for (ti, table) in p.tables.iter_mut().enumerate() {
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
                    table: table.id.to_string(),
                })
                .with_path(path_in(&p.origins, ti, "/schema")),
            );
        }
    }
    for e in p.enums.iter_mut() {
        if e.schema.is_some() {
            e.to_mut().schema = None;
        }
    }
}

/// Named enums stay named where the dialect has enum types (PostgreSQL), become inline
/// `ENUM(...)` where it has those (MySQL), and `text` with a CHECK elsewhere; inline enums become
/// `text` with a CHECK where the dialect has no inline form.
fn resolve_enums(p: &mut Physical<'_>, d: &dyn Dialect) {
    let mut named: Vec<(Cow<'_, str>, &[String])> = Vec::new();
    for e in &p.enums {
        named.push((Cow::Borrowed(e.name.as_str()), &e.values));
        if let Some(s) = &e.schema {
            named.push((Cow::Owned(format!("{s}.{}", e.name)), &e.values));
        }
    }
    let lookup = |n: &str| named.iter().find(|(k, _)| k == n).map(|(_, v)| *v);
    for (ti, table) in p.tables.iter_mut().enumerate() {
        for ci in 0..table.columns.len() {
            let col = &table.columns[ci];
            let values: &[String] = match &col.data_type {
                DataType::Named(n) => match lookup(n) {
                    Some(_) if d.supports_enum_type() => continue,
                    Some(values) if d.supports_inline_enum() => {
                        let values = DataType::Enum(values.to_vec());
                        view::set_column_type(&mut table.columns[ci], values);
                        continue;
                    }
                    Some(values) => values,
                    None => continue,
                },
                DataType::Enum(_) if d.supports_inline_enum() => continue,
                DataType::Enum(values) => values,
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
                            table: table.id.to_string(),
                            column: col.id.clone(),
                        })
                        .with_path(path_in(&p.origins, ti, &format!("/columns/{ci}/type"))),
                    );
                    continue;
                }
                _ => continue,
            };
            let mut expr = String::with_capacity(col.name.len() + 16 * values.len());
            expr.push_str(&d.quote_ident(&col.name));
            expr.push_str(" IN (");
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    expr.push_str(", ");
                }
                d.write_string_literal(&mut expr, v);
            }
            expr.push(')');
            let mut id = format!("enum_{}", col.id);
            while table.checks.iter().any(|c| c.def.id == id) {
                id.push('_');
            }
            view::set_column_type(&mut table.columns[ci], DataType::Text);
            table.checks.push(Named {
                def: Cow::Owned(CheckConstraint {
                    id,
                    name: None,
                    expr,
                }),
                name: None,
            });
        }
    }
    if !d.supports_enum_type() {
        p.enums.clear();
    }
}

/// Unbounded text and binary columns cannot be primary, unique or foreign key columns in MySQL;
/// they become `varchar(255)` / `varbinary(255)`.
fn bound_key_columns(p: &mut Physical<'_>, d: &dyn Dialect) {
    let mut keys: HashSet<(String, String)> = HashSet::new();
    {
        let by_id: FastMap<&str, &PTable<'_>> =
            p.tables.iter().map(|t| (t.id.as_ref(), t)).collect();
        for table in &p.tables {
            let mut add = |table_id: &str, ids: &[String]| {
                keys.extend(ids.iter().map(|c| (table_id.to_string(), c.clone())));
            };
            add(&table.id, table.primary_key_columns());
            for u in &table.uniques {
                add(&table.id, &u.def.columns);
            }
            for ix in table.indexes.iter().filter(|ix| ix.def.unique) {
                let cols: Vec<String> = ix
                    .def
                    .parts
                    .iter()
                    .filter_map(|pt| pt.column.clone())
                    .collect();
                add(&table.id, &cols);
            }
            for fk in &table.foreign_keys {
                add(&table.id, &fk.def.columns);
                let target = if fk.def.referenced_columns.is_empty() {
                    by_id
                        .get(fk.def.references.as_str())
                        .map(|t| t.primary_key_columns())
                        .unwrap_or(&[])
                } else {
                    &fk.def.referenced_columns
                };
                add(&fk.def.references, target);
            }
        }
    }
    for (ti, table) in p.tables.iter_mut().enumerate() {
        for (ci, col) in table.columns.iter_mut().enumerate() {
            let bounded = match col.data_type {
                DataType::Text => DataType::Varchar(Some(255)),
                DataType::Bytes => DataType::Named("varbinary(255)".into()),
                _ => continue,
            };
            if !keys.contains(&(table.id.to_string(), col.id.clone())) {
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
                    table: table.id.to_string(),
                    column: col.id.clone(),
                })
                .with_path(path_in(&p.origins, ti, &format!("/columns/{ci}/type"))),
            );
            col.to_mut().data_type = bounded;
        }
    }
}
