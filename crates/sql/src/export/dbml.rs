//! DBML text, as read by dbdiagram.io and dbdocs.
//!
//! The design's name and description become the `Project`; named enums become `Enum`s; each
//! table a `Table` with its columns (`pk`, `increment`, `unique`, `not null`, `default`, `note`),
//! composite keys and indexes in an `indexes` block; each foreign key a `Ref` (`>` many-to-one,
//! `-` one-to-one) with its actions; each many-to-many relationship a `<>` ref between the two
//! primary keys. CHECK constraints have no DBML form and are listed in the table's note.

use std::fmt::Write;

use schemata_model::{
    DataType, DefaultValue, Design, DialectName, FkAction, Index, Literal, Table,
};

use super::ends;

/// The design as DBML.
pub fn dbml(design: &Design) -> String {
    let mut out = String::new();
    write_project(&mut out, design);
    for e in &design.enums {
        let _ = writeln!(out, "Enum {} {{", qualified(e.schema.as_deref(), &e.name));
        for value in &e.values {
            let _ = writeln!(out, "  {}", ident(value));
        }
        let _ = writeln!(out, "}}\n");
    }
    for table in &design.tables {
        write_table(&mut out, table);
    }
    write_refs(&mut out, design);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_project(out: &mut String, design: &Design) {
    let database = match design.settings.dialects.first() {
        Some(DialectName::Postgres) => "PostgreSQL",
        Some(DialectName::Mysql) => "MySQL",
        Some(DialectName::Sqlite) => "SQLite",
        None => "PostgreSQL",
    };
    let _ = writeln!(out, "Project {} {{", ident(&design.name));
    let _ = writeln!(out, "  database_type: {}", string(database));
    if let Some(description) = &design.description {
        let _ = writeln!(out, "  Note: {}", string(description));
    }
    let _ = writeln!(out, "}}\n");
}

fn write_table(out: &mut String, table: &Table) {
    let _ = writeln!(
        out,
        "Table {} {{",
        qualified(table.schema.as_deref(), &table.name)
    );
    let pk = table.primary_key_columns();
    for column in &table.columns {
        let mut settings = Vec::new();
        if pk.len() == 1 && pk[0] == column.id {
            settings.push("pk".to_string());
        }
        if column.identity.is_some() {
            settings.push("increment".to_string());
        }
        if table
            .uniques
            .iter()
            .any(|u| u.columns.len() == 1 && u.columns[0] == column.id)
        {
            settings.push("unique".to_string());
        }
        if !(column.nullable || pk.len() == 1 && pk[0] == column.id) {
            settings.push("not null".to_string());
        }
        if let Some(default) = &column.default {
            settings.push(format!("default: {}", default_value(default)));
        }
        let mut notes = Vec::new();
        if let Some(generated) = &column.generated {
            notes.push(format!("generated as ({})", generated.expr));
        }
        notes.extend(column.comment.iter().cloned());
        if !notes.is_empty() {
            settings.push(format!("note: {}", string(&notes.join("; "))));
        }
        let mut line = format!("  {} {}", ident(&column.name), type_name(&column.data_type));
        if !settings.is_empty() {
            let _ = write!(line, " [{}]", settings.join(", "));
        }
        let _ = writeln!(out, "{line}");
    }
    let mut keys = Vec::new();
    if pk.len() > 1 {
        keys.push(format!("{} [pk]", column_list(table, pk)));
    }
    for u in table.uniques.iter().filter(|u| u.columns.len() > 1) {
        let mut s = vec!["unique".to_string()];
        if let Some(name) = &u.name {
            s.push(format!("name: {}", string(name)));
        }
        keys.push(format!(
            "{} [{}]",
            column_list(table, &u.columns),
            s.join(", ")
        ));
    }
    for ix in &table.indexes {
        keys.push(index_line(table, ix));
    }
    if !keys.is_empty() {
        let _ = writeln!(out, "\n  indexes {{");
        for k in keys {
            let _ = writeln!(out, "    {k}");
        }
        let _ = writeln!(out, "  }}");
    }
    let mut notes: Vec<String> = table.comment.iter().cloned().collect();
    for check in &table.checks {
        match &check.name {
            Some(name) => notes.push(format!("check {name}: {}", check.expr)),
            None => notes.push(format!("check: {}", check.expr)),
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\n  Note: {}", string(&notes.join("\n")));
    }
    let _ = writeln!(out, "}}\n");
}

fn index_line(table: &Table, ix: &Index) -> String {
    let parts: Vec<String> = ix
        .parts
        .iter()
        .map(|p| match (&p.column, &p.expr) {
            (Some(id), _) => ident(table.column_name(id)),
            (None, Some(expr)) => format!("`{}`", expr.replace('`', "'")),
            (None, None) => "``".to_string(),
        })
        .collect();
    let key = if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("({})", parts.join(", "))
    };
    let mut s = Vec::new();
    if ix.unique {
        s.push("unique".to_string());
    }
    if !ix.method.is_default() {
        s.push(format!("type: {}", ix.method.as_str()));
    }
    if let Some(name) = &ix.name {
        s.push(format!("name: {}", string(name)));
    }
    if let Some(predicate) = &ix.predicate {
        s.push(format!("note: {}", string(&format!("where {predicate}"))));
    }
    if s.is_empty() {
        key
    } else {
        format!("{key} [{}]", s.join(", "))
    }
}

fn write_refs(out: &mut String, design: &Design) {
    let mut any = false;
    for table in &design.tables {
        for fk in &table.foreign_keys {
            let Some(parent) = design.table(&fk.references) else {
                continue;
            };
            let op = if ends(table, fk).one_to_one { "-" } else { ">" };
            let mut s = Vec::new();
            if !fk.on_delete.is_default() {
                s.push(format!("delete: {}", action(fk.on_delete)));
            }
            if !fk.on_update.is_default() {
                s.push(format!("update: {}", action(fk.on_update)));
            }
            let settings = if s.is_empty() {
                String::new()
            } else {
                format!(" [{}]", s.join(", "))
            };
            let name = fk
                .name
                .as_deref()
                .map(|n| format!(" {}", ident(n)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "Ref{name}: {} {op} {}{settings}",
                endpoint(table, &fk.columns),
                endpoint(parent, fk.target_columns(design))
            );
            any = true;
        }
    }
    for rel in &design.relationships {
        if rel.cardinality != schemata_model::Cardinality::ManyToMany {
            continue;
        }
        let (Some(a), Some(b)) = (design.table(&rel.from), design.table(&rel.to)) else {
            continue;
        };
        if a.primary_key_columns().is_empty() || b.primary_key_columns().is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "Ref: {} <> {}",
            endpoint(a, a.primary_key_columns()),
            endpoint(b, b.primary_key_columns())
        );
        any = true;
    }
    if any {
        out.push('\n');
    }
}

/// `table.column` or `table.(a, b)`.
fn endpoint(table: &Table, columns: &[String]) -> String {
    let name = qualified(table.schema.as_deref(), &table.name);
    if columns.len() == 1 {
        format!("{name}.{}", ident(table.column_name(&columns[0])))
    } else {
        format!("{name}.{}", column_list(table, columns))
    }
}

fn column_list(table: &Table, ids: &[String]) -> String {
    let names: Vec<String> = ids.iter().map(|id| ident(table.column_name(id))).collect();
    format!("({})", names.join(", "))
}

fn action(a: FkAction) -> &'static str {
    match a {
        FkAction::NoAction => "no action",
        FkAction::Restrict => "restrict",
        FkAction::Cascade => "cascade",
        FkAction::SetNull => "set null",
        FkAction::SetDefault => "set default",
    }
}

fn default_value(d: &DefaultValue) -> String {
    match d {
        DefaultValue::Expr { expr } => format!("`{}`", expr.replace('`', "'")),
        DefaultValue::Literal(Literal::Bool(b)) => b.to_string(),
        DefaultValue::Literal(Literal::Number(n)) => n.to_string(),
        DefaultValue::Literal(Literal::String(s)) => string(s),
    }
}

/// A type as DBML writes it: bare when it is a plain word with optional arguments, in double
/// quotes otherwise (e.g. an inline enum's value list).
fn type_name(t: &DataType) -> String {
    let text = t.to_string();
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_(),[]".contains(c));
    if plain && !matches!(t, DataType::Enum(_)) {
        text
    } else {
        format!("\"{}\"", text.replace('"', "'"))
    }
}

/// `schema.name` with each part an identifier.
fn qualified(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(schema) => format!("{}.{}", ident(schema), ident(name)),
        None => ident(name),
    }
}

/// A DBML name: bare when it is letters, digits and `_`, double-quoted otherwise.
fn ident(s: &str) -> String {
    let bare = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit());
    if bare {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A single-quoted DBML string; several lines become a triple-quoted one.
fn string(s: &str) -> String {
    if s.contains('\n') {
        format!("'''{}'''", s.replace('\\', "\\\\").replace("'''", "\\'''"))
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_strings_are_quoted_when_needed() {
        assert_eq!(ident("order_items"), "order_items");
        assert_eq!(ident("order items"), "\"order items\"");
        assert_eq!(ident("1st"), "\"1st\"");
        assert_eq!(string("it's"), "'it\\'s'");
        assert_eq!(string("a\nb"), "'''a\nb'''");
        assert_eq!(
            type_name(&DataType::parse("decimal(12,2)").unwrap()),
            "decimal(12,2)"
        );
        assert_eq!(
            type_name(&DataType::parse("enum('a','b')").unwrap()),
            "\"enum('a','b')\""
        );
    }
}
