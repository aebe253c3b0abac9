//! Constraint and index names: the design's explicit name, or one derived from the naming
//! convention.
//!
//! Rules, applied in design order (tables, then in each table: primary key, uniques, checks,
//! foreign keys, indexes):
//!
//! 1. Explicit names are kept, shortened to the dialect's limit when too long (`D015`). An
//!    explicit name that repeats an earlier one gets a `_2`, `_3`, ... suffix (`D016`).
//! 2. Derived names fill the templates: `pk_{table}`, `uq_{table}_{columns}`,
//!    `ck_{table}_{what}` where `{what}` is the columns the expression mentions (in order of
//!    appearance) or `check<n>` (n = the check's position) when it mentions none,
//!    `fk_{table}_{referenced}`, `ix_{table}_{columns}` where an expression key part contributes
//!    its words (`lower(email)` gives `lower_email`).
//! 3. When several unnamed foreign keys of one table would get the same name (two references to
//!    the same table), each of them uses its column names in place of the referenced table:
//!    `fk_follows_follower_id`, `fk_follows_followee_id`.
//! 4. Names are unique across the design, case-insensitively, and distinct from table names:
//!    a derived name that is taken gets `_2`, `_3`, ... appended.
//! 5. Derived names are then shortened with [`naming::fit_identifier`] (prefix plus a hash of
//!    the full name), and a shortened name that is taken is suffixed again.
//!
//! MySQL always names the primary key `PRIMARY`; the physical design says so.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use schemata_model::{DialectName, NamingConvention, Severity, Table, Target};

use super::rewrite::mentioned_columns;
use super::{Physical, path_in};
use crate::ddl::codes;
use crate::dialect::{Dialect, Fnv};
use crate::naming::{self, TemplateVars};

/// MySQL's fixed primary-key name.
pub(crate) const MYSQL_PRIMARY: &str = "PRIMARY";

#[derive(Clone, Copy)]
enum Slot {
    Pk,
    Unique(usize),
    Check(usize),
    Fk(usize),
    Index(usize),
}

/// The named things of a table, in order; borrows nothing, so the table can change meanwhile.
fn slots(table: &Table) -> impl Iterator<Item = Slot> + use<> {
    let pk = table.primary_key.is_some().then_some(Slot::Pk);
    pk.into_iter()
        .chain((0..table.uniques.len()).map(Slot::Unique))
        .chain((0..table.checks.len()).map(Slot::Check))
        .chain((0..table.foreign_keys.len()).map(Slot::Fk))
        .chain((0..table.indexes.len()).map(Slot::Index))
}

fn name_of(table: &Table, slot: Slot) -> Option<&String> {
    match slot {
        Slot::Pk => table.primary_key.as_ref().and_then(|pk| pk.name.as_ref()),
        Slot::Unique(k) => table.uniques[k].name.as_ref(),
        Slot::Check(k) => table.checks[k].name.as_ref(),
        Slot::Fk(k) => table.foreign_keys[k].name.as_ref(),
        Slot::Index(k) => table.indexes[k].name.as_ref(),
    }
}

fn set_name(table: &mut Table, slot: Slot, name: String) {
    let field = match slot {
        Slot::Pk => match table.primary_key.as_mut() {
            Some(pk) => &mut pk.name,
            None => return,
        },
        Slot::Unique(k) => &mut table.uniques[k].name,
        Slot::Check(k) => &mut table.checks[k].name,
        Slot::Fk(k) => &mut table.foreign_keys[k].name,
        Slot::Index(k) => &mut table.indexes[k].name,
    };
    *field = Some(name);
}

fn suffix(slot: Slot) -> String {
    match slot {
        Slot::Pk => "/primary_key/name".into(),
        Slot::Unique(k) => format!("/uniques/{k}/name"),
        Slot::Check(k) => format!("/checks/{k}/name"),
        Slot::Fk(k) => format!("/foreign_keys/{k}/name"),
        Slot::Index(k) => format!("/indexes/{k}/name"),
    }
}

fn target(table: &Table, slot: Slot) -> Target {
    let constraint = |id: &str| Target::Constraint {
        table: table.id.clone(),
        constraint: id.to_string(),
    };
    match slot {
        Slot::Pk => constraint("pk"),
        Slot::Unique(k) => constraint(&table.uniques[k].id),
        Slot::Check(k) => constraint(&table.checks[k].id),
        Slot::Fk(k) => constraint(&table.foreign_keys[k].id),
        Slot::Index(k) => Target::Index {
            table: table.id.clone(),
            index: table.indexes[k].id.clone(),
        },
    }
}

/// Names already used, case-insensitively.
struct Namer {
    taken: HashSet<String, BuildHasherDefault<Fnv>>,
    max: usize,
}

impl Namer {
    /// `base`, or `base_2`, `base_3`, ... : the first that is free once fitted to the limit.
    fn claim(&mut self, base: String) -> String {
        let first = if base.len() <= self.max {
            base.clone()
        } else {
            naming::fit_identifier(&base, self.max)
        };
        if self.take(&first) {
            return first;
        }
        let mut n = 2usize;
        loop {
            let full = format!("{base}_{n}");
            let fitted = if full.len() <= self.max {
                full
            } else {
                naming::fit_identifier(&full, self.max)
            };
            if self.take(&fitted) {
                return fitted;
            }
            n += 1;
        }
    }

    /// Mark `name` as used; `false` when it already was.
    fn take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_lowercase())
    }
}

pub(super) fn assign(p: &mut Physical, d: &dyn Dialect) {
    let mysql = d.name() == DialectName::Mysql;
    let mut namer = Namer {
        taken: p
            .design
            .tables
            .iter()
            .map(|t| t.name.to_lowercase())
            .collect(),
        max: d.max_identifier_len(),
    };
    if mysql {
        namer.taken.insert(MYSQL_PRIMARY.to_lowercase());
    }
    // Explicit names first, so that derived names give way to them.
    for ti in 0..p.design.tables.len() {
        let table = &mut p.design.tables[ti];
        for slot in slots(table) {
            if mysql && matches!(slot, Slot::Pk) {
                set_name(table, slot, MYSQL_PRIMARY.to_string());
                continue;
            }
            let Some(name) = name_of(table, slot).cloned() else {
                continue;
            };
            let path = path_in(&p.origins, ti, &suffix(slot));
            let fitted = naming::fit_identifier(&name, namer.max);
            if fitted != name {
                p.diagnostics.push(
                    diag(
                        codes::NAME_SHORTENED,
                        format!(
                            "name `{name}` is longer than {} allows ({} bytes); it is created as `{fitted}`",
                            d.display_name(),
                            namer.max
                        ),
                    )
                    .with_target(target(table, slot))
                    .with_path(path.clone()),
                );
            }
            if namer.take(&fitted) {
                set_name(table, slot, fitted);
            } else {
                let renamed = namer.claim(name);
                p.diagnostics.push(
                    diag(
                        codes::DUPLICATE_NAME,
                        format!(
                            "name `{fitted}` is already used by another table, constraint or index; it is created as `{renamed}`"
                        ),
                    )
                    .with_target(target(table, slot))
                    .with_path(path),
                );
                set_name(table, slot, renamed);
            }
        }
    }
    let names_by_id: HashMap<&str, &str> = p
        .design
        .tables
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    let derived: Vec<Vec<(Slot, String)>> = p
        .design
        .tables
        .iter()
        .map(|t| derived_names(&p.design.settings.naming, &names_by_id, t))
        .collect();
    for (table, names) in p.design.tables.iter_mut().zip(derived) {
        for (slot, base) in names {
            let name = namer.claim(base);
            set_name(table, slot, name);
        }
    }
}

fn diag(code: &str, message: String) -> schemata_model::Diagnostic {
    schemata_model::Diagnostic::new(code, Severity::Warning, message)
}

/// The template-derived base name of every unnamed constraint and index of `table`.
fn derived_names<'a>(
    conv: &NamingConvention,
    table_names: &HashMap<&str, &str>,
    table: &'a Table,
) -> Vec<(Slot, String)> {
    let names = |ids: &'a [String]| -> Vec<&'a str> {
        ids.iter().map(|id| table.column_name(id)).collect()
    };
    let fill = |template: &str, columns: &[&str], referenced: &str, what: &str| {
        fill_template(
            template,
            &TemplateVars {
                table: &table.name,
                referenced,
                columns,
                what,
                ..Default::default()
            },
        )
    };
    let mut out = Vec::new();
    for slot in slots(table) {
        if name_of(table, slot).is_some() {
            continue;
        }
        let base = match slot {
            Slot::Pk => fill(&conv.primary_key, &[], "", ""),
            Slot::Unique(k) => fill(&conv.unique, &names(&table.uniques[k].columns), "", ""),
            Slot::Check(k) => {
                let mentioned = mentioned_columns(&table.checks[k].expr, table);
                let what = if mentioned.is_empty() {
                    format!("check{}", k + 1)
                } else {
                    mentioned.join("_")
                };
                let cols: Vec<&str> = mentioned.iter().map(String::as_str).collect();
                fill(&conv.check, &cols, "", &what)
            }
            Slot::Fk(k) => {
                let fk = &table.foreign_keys[k];
                let referenced = table_names
                    .get(fk.references.as_str())
                    .copied()
                    .unwrap_or(&fk.references);
                fill(&conv.foreign_key, &names(&fk.columns), referenced, "")
            }
            Slot::Index(k) => {
                let words: Vec<String> = table.indexes[k]
                    .parts
                    .iter()
                    .filter(|p| p.column.is_none())
                    .map(|p| {
                        p.expr
                            .as_deref()
                            .map_or_else(|| "expr".to_string(), expression_words)
                    })
                    .collect();
                let mut words = words.iter();
                let parts: Vec<&str> = table.indexes[k]
                    .parts
                    .iter()
                    .map(|part| match &part.column {
                        Some(c) => table.column_name(c),
                        None => words.next().map_or("expr", String::as_str),
                    })
                    .collect();
                fill(&conv.index, &parts, "", "")
            }
        };
        out.push((slot, base));
    }
    // Several unnamed foreign keys with the same name: name each by its columns.
    let shared: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(i, (s, n))| {
            matches!(s, Slot::Fk(_))
                && out
                    .iter()
                    .enumerate()
                    .any(|(j, (t, m))| j != *i && matches!(t, Slot::Fk(_)) && m == n)
        })
        .map(|(i, _)| i)
        .collect();
    if !shared.is_empty() {
        let by_columns = if conv.foreign_key.contains("{referenced") {
            conv.foreign_key
                .replace("{referenced_singular}", "{columns}")
                .replace("{referenced}", "{columns}")
        } else {
            format!("{}_{{columns}}", conv.foreign_key)
        };
        for i in shared {
            if let (Slot::Fk(k), _) = out[i] {
                out[i].1 = fill(&by_columns, &names(&table.foreign_keys[k].columns), "", "");
            }
        }
    }
    out
}

/// [`naming::expand`], in one pass over the template and without inflecting names when the
/// template has no `_singular` placeholder (inflection is by far the slowest part).
fn fill_template(template: &str, v: &TemplateVars<'_>) -> String {
    if template.contains("_singular}") {
        return naming::expand(template, v);
    }
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        match &after[1..close] {
            "table" => out.push_str(v.table),
            "referenced" => out.push_str(v.referenced),
            "what" => out.push_str(v.what),
            "from" => out.push_str(v.from),
            "to" => out.push_str(v.to),
            "columns" => {
                for (i, c) in v.columns.iter().enumerate() {
                    if i > 0 {
                        out.push('_');
                    }
                    out.push_str(c);
                }
            }
            _ => out.push_str(&after[..=close]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The words of an expression joined by `_`, lower case: `lower(email)` gives `lower_email`.
fn expression_words(expr: &str) -> String {
    let words: Vec<String> = expr
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() {
        "expr".to_string()
    } else {
        words.join("_")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_templates_like_expand() {
        let cols = ["a", "b"];
        let v = TemplateVars {
            table: "orders",
            referenced: "customers",
            columns: &cols,
            what: "total",
            from: "f",
            to: "t",
        };
        for template in [
            "pk_{table}",
            "fk_{table}_{referenced}",
            "ix_{table}_{columns}",
            "ck_{table}_{what}",
            "{from}_{to}",
            "x_{unknown}_{table",
            "fk_{table}_{referenced_singular}",
        ] {
            assert_eq!(
                fill_template(template, &v),
                naming::expand(template, &v),
                "{template}"
            );
        }
    }

    #[test]
    fn expression_words_make_a_name() {
        assert_eq!(expression_words("lower(email)"), "lower_email");
        assert_eq!(expression_words("(a + b) * 2"), "a_b_2");
        assert_eq!(expression_words("()"), "expr");
    }
}
