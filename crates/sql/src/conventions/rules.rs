//! The naming rules themselves: what a table or column should be called, and whether an explicit
//! constraint or index name fits its template. `check` reports where a name differs from what
//! these rules give; `fix` renames to it, so the two can never disagree.

use schemata_model::{
    ColumnNaming, DataType, Design, ForeignKey, Index, NamingConvention, Table, TableNaming,
};

use crate::naming::{
    TemplateVars, expand, matches_template, plural, singular, template_affixes, to_snake_case,
};

/// What a rule says about one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The name follows the convention.
    Ok,
    /// The name should be this one.
    Rename(String),
    /// The name breaks the convention but no conforming name can be derived from it.
    Unfixable(String),
}

/// Apply `step` until the name stops changing. A rule whose repeated application does not settle
/// within a few steps (a template that fights snake_case, say) gives `Unfixable`, so that fixing
/// is always idempotent.
fn settle(name: &str, step: impl Fn(&str) -> String) -> Verdict {
    let mut current = name.to_string();
    for _ in 0..4 {
        let next = step(&current);
        if next.is_empty() {
            return Verdict::Unfixable(format!("no conforming name can be derived from `{name}`"));
        }
        if next == current {
            return if current == name {
                Verdict::Ok
            } else {
                Verdict::Rename(current)
            };
        }
        current = next;
    }
    Verdict::Unfixable(format!(
        "the naming convention gives no stable name for `{name}`"
    ))
}

/// The table name the convention wants for `name`.
pub(crate) fn table_verdict(conv: &NamingConvention, name: &str) -> Verdict {
    match conv.tables {
        TableNaming::Any => Verdict::Ok,
        TableNaming::PluralSnakeCase => settle(name, |n| plural(&to_snake_case(n))),
        TableNaming::SingularSnakeCase => settle(name, |n| singular(&to_snake_case(n))),
    }
}

/// The part a column plays, as far as naming goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ColumnRole {
    /// An ordinary column: only its case is checked.
    Plain,
    /// The single-column surrogate primary key.
    SurrogateKey,
    /// The only column of a foreign key to the single-column primary key of the table with this
    /// name.
    ForeignKey { referenced: String },
}

/// Which rule a column verdict comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnRule {
    /// N002: snake_case.
    Case,
    /// N003: the surrogate key name.
    PrimaryKey,
    /// N004: the foreign-key column template.
    ForeignKey,
}

impl ColumnRule {
    pub(crate) fn code(self) -> &'static str {
        match self {
            ColumnRule::Case => "N002",
            ColumnRule::PrimaryKey => "N003",
            ColumnRule::ForeignKey => "N004",
        }
    }
}

/// The column name the convention wants, and the most specific rule that wants it.
pub(crate) fn column_verdict(
    conv: &NamingConvention,
    table: &str,
    name: &str,
    role: &ColumnRole,
) -> (Verdict, ColumnRule) {
    let case = |n: &str| match conv.columns {
        ColumnNaming::SnakeCase => to_snake_case(n),
        ColumnNaming::Any => n.to_string(),
    };
    match role {
        ColumnRole::Plain => (settle(name, case), ColumnRule::Case),
        ColumnRole::SurrogateKey => {
            let wanted = expand(
                &conv.primary_key_column,
                &TemplateVars {
                    table,
                    ..Default::default()
                },
            );
            (settle(name, |_| wanted.clone()), ColumnRule::PrimaryKey)
        }
        ColumnRole::ForeignKey { referenced } => {
            let verdict = settle(name, |n| {
                foreign_key_column_name(conv, referenced, &case(n))
            });
            let rule = match settle(name, case) {
                Verdict::Rename(cased) if verdict == Verdict::Rename(cased.clone()) => {
                    ColumnRule::Case
                }
                _ => ColumnRule::ForeignKey,
            };
            (verdict, rule)
        }
    }
}

/// The foreign-key column rule. With the template `{referenced_singular}_id`, a column
/// referencing `users` is ideally `user_id`; any other name with the template's literal prefix
/// and suffix (a role name such as `author_id` or `manager_id`) is accepted too. A name without
/// them gets them added (`owner` -> `owner_id`), except that a bare table name becomes the ideal
/// name (`user` -> `user_id`). A template without literal text around its placeholders accepts
/// only the ideal name.
pub(crate) fn foreign_key_column_name(
    conv: &NamingConvention,
    referenced: &str,
    name: &str,
) -> String {
    let ideal = crate::naming::foreign_key_column(conv, referenced);
    if name == ideal {
        return ideal;
    }
    let Some((prefix, suffix)) = template_affixes(&conv.foreign_key_column) else {
        return ideal;
    };
    if prefix.is_empty() && suffix.is_empty() {
        return ideal;
    }
    if name.len() > prefix.len() + suffix.len()
        && name.starts_with(prefix)
        && name.ends_with(suffix)
    {
        return name.to_string();
    }
    let referenced = to_snake_case(referenced);
    if name == referenced || name == singular(&referenced) {
        return ideal;
    }
    let core = name.strip_prefix(prefix).unwrap_or(name);
    if core.is_empty() {
        return ideal;
    }
    format!("{prefix}{core}{suffix}")
}

/// The role of column `column_id` of `table` in `design`.
pub(crate) fn column_role(
    design: &Design,
    table: &Table,
    column_id: &str,
    table_names: &dyn Fn(&str) -> Option<String>,
) -> ColumnRole {
    let in_pk = table.primary_key_columns().iter().any(|c| c == column_id);
    let in_fk = table
        .foreign_keys
        .iter()
        .any(|fk| fk.columns.iter().any(|c| c == column_id));
    if in_pk && !in_fk && table.primary_key_columns().len() == 1 {
        if let Some(column) = table.column(column_id)
            && is_surrogate(column)
        {
            return ColumnRole::SurrogateKey;
        }
        return ColumnRole::Plain;
    }
    if in_pk {
        return ColumnRole::Plain;
    }
    let single: Vec<&ForeignKey> = table
        .foreign_keys
        .iter()
        .filter(|fk| fk.columns.len() == 1 && fk.columns[0] == column_id)
        .collect();
    // A column carrying several single-column foreign keys follows the first one.
    for fk in single {
        let Some(referenced) = design.table(&fk.references) else {
            continue;
        };
        let pk = referenced.primary_key_columns();
        let to_pk = pk.len() == 1
            && (fk.referenced_columns.is_empty() || fk.referenced_columns.as_slice() == pk);
        if !to_pk {
            continue;
        }
        if let Some(name) = table_names(&referenced.id) {
            return ColumnRole::ForeignKey { referenced: name };
        }
    }
    ColumnRole::Plain
}

/// A surrogate key: an identity column, a uuid, or a whole number whose name says it is an id
/// (`id`, `user_id`, `UserId`). Natural keys (`code varchar`, `year integer`) are not.
fn is_surrogate(column: &schemata_model::Column) -> bool {
    if column.identity.is_some() || column.data_type == DataType::Uuid {
        return true;
    }
    let snake = to_snake_case(&column.name);
    column.data_type.is_integer() && (snake == "id" || snake.ends_with("_id"))
}

/// Kinds of explicitly named constraints and indexes, with their rule codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    PrimaryKey,
    ForeignKey,
    Unique,
    Index,
    Check,
}

impl NameKind {
    pub(crate) fn code(self) -> &'static str {
        match self {
            NameKind::PrimaryKey => "N005",
            NameKind::ForeignKey => "N006",
            NameKind::Unique => "N007",
            NameKind::Index => "N008",
            NameKind::Check => "N009",
        }
    }

    pub(crate) fn noun(self) -> &'static str {
        match self {
            NameKind::PrimaryKey => "primary key",
            NameKind::ForeignKey => "foreign key",
            NameKind::Unique => "unique constraint",
            NameKind::Index => "index",
            NameKind::Check => "check constraint",
        }
    }

    pub(crate) fn template(self, conv: &NamingConvention) -> &str {
        match self {
            NameKind::PrimaryKey => &conv.primary_key,
            NameKind::ForeignKey => &conv.foreign_key,
            NameKind::Unique => &conv.unique,
            NameKind::Index => &conv.index,
            NameKind::Check => &conv.check,
        }
    }
}

/// One explicit constraint or index name of a table, with what its template needs.
pub(crate) struct NamedThing<'a> {
    pub kind: NameKind,
    /// Position in its list (`uniques`, `indexes`, ...); 0 for the primary key.
    pub index: usize,
    /// JSON pointer of the name, relative to the table (`/uniques/0/name`).
    pub pointer: String,
    /// Id for the diagnostic target (`primary_key` for the primary key).
    pub id: &'a str,
    pub name: &'a str,
    /// Column names for `{columns}`; empty when unknown (expression parts, CHECK).
    pub columns: Vec<&'a str>,
    /// The ids of those columns.
    pub column_ids: Vec<&'a str>,
    /// Referenced table name, for foreign keys.
    pub referenced: &'a str,
    /// Referenced table id, for foreign keys.
    pub referenced_id: &'a str,
    /// A unique index may follow the unique-constraint template instead.
    pub unique_index: bool,
}

/// Every explicit constraint and index name of `table`.
pub(crate) fn named_things<'a>(design: &'a Design, table: &'a Table) -> Vec<NamedThing<'a>> {
    let mut out = Vec::new();
    let thing = |kind, index, pointer: String, id: &'a str, name: &'a str| NamedThing {
        kind,
        index,
        pointer,
        id,
        name,
        columns: Vec::new(),
        column_ids: Vec::new(),
        referenced: "",
        referenced_id: "",
        unique_index: false,
    };
    if let Some(pk) = &table.primary_key
        && let Some(name) = &pk.name
    {
        let mut t = thing(
            NameKind::PrimaryKey,
            0,
            "/primary_key/name".into(),
            "primary_key",
            name,
        );
        t.columns = table.column_names(&pk.columns);
        t.column_ids = pk.columns.iter().map(String::as_str).collect();
        out.push(t);
    }
    for (k, fk) in table.foreign_keys.iter().enumerate() {
        if let Some(name) = &fk.name {
            let mut t = thing(
                NameKind::ForeignKey,
                k,
                format!("/foreign_keys/{k}/name"),
                &fk.id,
                name,
            );
            t.columns = table.column_names(&fk.columns);
            t.column_ids = fk.columns.iter().map(String::as_str).collect();
            t.referenced_id = &fk.references;
            t.referenced = design
                .table(&fk.references)
                .map(|r| r.name.as_str())
                .unwrap_or(&fk.references);
            out.push(t);
        }
    }
    for (k, uq) in table.uniques.iter().enumerate() {
        if let Some(name) = &uq.name {
            let mut t = thing(
                NameKind::Unique,
                k,
                format!("/uniques/{k}/name"),
                &uq.id,
                name,
            );
            t.columns = table.column_names(&uq.columns);
            t.column_ids = uq.columns.iter().map(String::as_str).collect();
            out.push(t);
        }
    }
    for (k, ck) in table.checks.iter().enumerate() {
        if let Some(name) = &ck.name {
            out.push(thing(
                NameKind::Check,
                k,
                format!("/checks/{k}/name"),
                &ck.id,
                name,
            ));
        }
    }
    for (k, ix) in table.indexes.iter().enumerate() {
        if let Some(name) = &ix.name {
            let mut t = thing(
                NameKind::Index,
                k,
                format!("/indexes/{k}/name"),
                &ix.id,
                name,
            );
            t.columns = index_column_names(table, ix);
            if !t.columns.is_empty() {
                t.column_ids = ix
                    .parts
                    .iter()
                    .filter_map(|p| p.column.as_deref())
                    .collect();
            }
            t.unique_index = ix.unique;
            out.push(t);
        }
    }
    out
}

/// Column names of an index's key parts; empty when any part is an expression.
fn index_column_names<'a>(table: &'a Table, index: &'a Index) -> Vec<&'a str> {
    let mut names = Vec::with_capacity(index.parts.len());
    for part in &index.parts {
        match &part.column {
            Some(id) => names.push(table.column_name(id)),
            None => return Vec::new(),
        }
    }
    names
}

/// Whether an explicit name fits its template, given the table's name.
pub(crate) fn name_fits(
    conv: &NamingConvention,
    table: &str,
    thing: &NamedThing<'_>,
    max_len: usize,
) -> bool {
    let vars = TemplateVars {
        table,
        referenced: thing.referenced,
        columns: &thing.columns,
        ..Default::default()
    };
    matches_template(thing.kind.template(conv), &vars, thing.name, max_len)
        || (thing.unique_index && matches_template(&conv.unique, &vars, thing.name, max_len))
}

/// The name the template gives, from the names the convention wants for the table, its columns
/// and the referenced table; `None` when the template has a free placeholder (`{what}`, or
/// `{columns}` of an expression index).
pub(crate) fn suggested_name(
    conv: &NamingConvention,
    table: &str,
    thing: &NamedThing<'_>,
    column_name: &dyn Fn(&str) -> String,
    table_name: &dyn Fn(&str) -> String,
) -> Option<String> {
    let template = thing.kind.template(conv);
    if template.contains("{what}") || (template.contains("{columns}") && thing.columns.is_empty()) {
        return None;
    }
    let columns: Vec<String> = thing.column_ids.iter().map(|id| column_name(id)).collect();
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    let referenced = table_name(thing.referenced_id);
    let vars = TemplateVars {
        table,
        referenced: &referenced,
        columns: &columns,
        ..Default::default()
    };
    Some(expand(template, &vars))
}
