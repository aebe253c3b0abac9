//! Mermaid `erDiagram` text.
//!
//! Each table is an entity listing its columns (`type name PK, FK, UK "comment"`); each foreign
//! key is a relationship line in crow's-foot notation, read from the model: the parent end is
//! `||` when the FK columns are NOT NULL and `|o` otherwise, the child end `o|` when the FK
//! columns form a unique key and `o{` otherwise; identifying relationships (FK columns inside the
//! child's primary key) are solid (`--`), others dashed (`..`). Many-to-many relationships,
//! which have no foreign key of their own, are drawn `}o--o{`.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use schemata_model::{Cardinality, DataType, Design, Table};

use super::{ends, relationship_name};

/// The design as a Mermaid `erDiagram`.
pub fn mermaid(design: &Design) -> String {
    let names = entity_names(design);
    let entity = |id: &str| names.get(id).cloned().unwrap_or_else(|| word(id));
    let mut out = String::from("erDiagram\n");
    for table in &design.tables {
        write_entity(&mut out, &entity(&table.id), table);
    }
    for table in &design.tables {
        for fk in &table.foreign_keys {
            if design.table(&fk.references).is_none() {
                continue;
            }
            let e = ends(table, fk);
            let parent = if e.mandatory { "||" } else { "|o" };
            let child = if e.one_to_one { "o|" } else { "o{" };
            let line = if e.identifying { "--" } else { ".." };
            let label = relationship_name(design, fk)
                .map(str::to_string)
                .unwrap_or_else(|| table.column_names(&fk.columns).join(", "));
            let _ = writeln!(
                out,
                "    {} {parent}{line}{child} {} : {}",
                entity(&fk.references),
                entity(&table.id),
                quoted(&label)
            );
        }
    }
    for rel in &design.relationships {
        if rel.cardinality != Cardinality::ManyToMany
            || design.table(&rel.from).is_none()
            || design.table(&rel.to).is_none()
        {
            continue;
        }
        let label = rel.name.clone().unwrap_or_default();
        let _ = writeln!(
            out,
            "    {} }}o--o{{ {} : {}",
            entity(&rel.from),
            entity(&rel.to),
            quoted(&label)
        );
    }
    out
}

fn write_entity(out: &mut String, name: &str, table: &Table) {
    if table.columns.is_empty() {
        let _ = writeln!(out, "    {name} {{\n    }}");
        return;
    }
    let _ = writeln!(out, "    {name} {{");
    let pk = table.primary_key_columns();
    for column in &table.columns {
        let mut keys = Vec::new();
        if pk.contains(&column.id) {
            keys.push("PK");
        }
        if table
            .foreign_keys
            .iter()
            .any(|fk| fk.columns.contains(&column.id))
        {
            keys.push("FK");
        }
        let single_unique = table
            .uniques
            .iter()
            .any(|u| u.columns.len() == 1 && u.columns[0] == column.id)
            || table.indexes.iter().any(|ix| {
                ix.unique
                    && ix.parts.len() == 1
                    && ix.parts[0].column.as_deref() == Some(column.id.as_str())
            });
        if single_unique && !(pk.len() == 1 && pk[0] == column.id) {
            keys.push("UK");
        }
        let mut line = format!(
            "        {} {}",
            type_word(&column.data_type),
            word(&column.name)
        );
        if !keys.is_empty() {
            line.push(' ');
            line.push_str(&keys.join(", "));
        }
        let mut notes = Vec::new();
        if column.nullable {
            notes.push("nullable".to_string());
        }
        if let Some(comment) = &column.comment {
            notes.push(comment.clone());
        }
        if !notes.is_empty() {
            line.push(' ');
            line.push_str(&quoted(&notes.join("; ")));
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "    }}");
}

/// Entity names by table id: the table name made a Mermaid word, prefixed by its schema, made
/// unique with a numeric suffix when two tables would share one.
fn entity_names(design: &Design) -> HashMap<String, String> {
    let mut taken = BTreeSet::new();
    let mut names = HashMap::new();
    for table in &design.tables {
        let base = match &table.schema {
            Some(schema) => word(&format!("{schema}_{}", table.name)),
            None => word(&table.name),
        };
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.to_ascii_lowercase()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        names.insert(table.id.clone(), name);
    }
    names
}

/// `s` as a Mermaid entity or attribute name: letters, digits, `_` and `-`, not starting with a
/// digit or `-`.
fn word(s: &str) -> String {
    let mut w: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        w.insert(0, '_');
    }
    w
}

/// A type as a Mermaid attribute type: letters, digits, `_`, `-`, parentheses and brackets. The
/// comma of `decimal(12,2)` becomes `-`; an inline enum is `enum`.
fn type_word(t: &DataType) -> String {
    if let DataType::Enum(_) = t {
        return "enum".to_string();
    }
    let text = t.to_string();
    let mut w: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '-',
            c if c.is_ascii_alphanumeric() || "_-()[]".contains(c) => c,
            _ => '_',
        })
        .collect();
    if !w.starts_with(|c: char| c.is_ascii_alphabetic()) {
        w.insert(0, 't');
    }
    w
}

/// A double-quoted Mermaid string. Mermaid has no escape for `"`, so it becomes `'`; line breaks
/// become spaces.
fn quoted(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| match c {
            '"' => '\'',
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect();
    format!("\"{clean}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_types_are_mermaid_safe() {
        assert_eq!(word("order items"), "order_items");
        assert_eq!(word("2fa"), "_2fa");
        assert_eq!(
            type_word(&DataType::parse("decimal(12,2)").unwrap()),
            "decimal(12-2)"
        );
        assert_eq!(
            type_word(&DataType::parse("enum('a','b')").unwrap()),
            "enum"
        );
        assert_eq!(quoted("say \"hi\"\nnow"), "\"say 'hi' now\"");
    }
}
