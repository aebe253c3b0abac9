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

use schemata_model::{DialectName, NamingConvention, Severity, Target};

use super::nameset::NameSet;
use super::rewrite::mentioned_columns_into;
use super::template::Template;
use super::view::PTable;
use super::{FastMap, Physical, path_in};
use crate::ddl::codes;
use crate::dialect::Dialect;
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
fn slots(table: &PTable<'_>) -> impl Iterator<Item = Slot> + use<> {
    let pk = table.primary_key.is_some().then_some(Slot::Pk);
    pk.into_iter()
        .chain((0..table.uniques.len()).map(Slot::Unique))
        .chain((0..table.checks.len()).map(Slot::Check))
        .chain((0..table.foreign_keys.len()).map(Slot::Fk))
        .chain((0..table.indexes.len()).map(Slot::Index))
}

/// The name the design gives the slot's constraint or index.
fn explicit_name<'t>(table: &'t PTable<'_>, slot: Slot) -> Option<&'t String> {
    match slot {
        Slot::Pk => table
            .primary_key
            .as_ref()
            .and_then(|pk| pk.def.name.as_ref()),
        Slot::Unique(k) => table.uniques[k].def.name.as_ref(),
        Slot::Check(k) => table.checks[k].def.name.as_ref(),
        Slot::Fk(k) => table.foreign_keys[k].def.name.as_ref(),
        Slot::Index(k) => table.indexes[k].def.name.as_ref(),
    }
}

/// Where the name the slot's constraint or index is created with goes.
fn name_mut<'t>(table: &'t mut PTable<'_>, slot: Slot) -> Option<&'t mut Option<String>> {
    Some(match slot {
        Slot::Pk => &mut table.primary_key.as_mut()?.name,
        Slot::Unique(k) => &mut table.uniques[k].name,
        Slot::Check(k) => &mut table.checks[k].name,
        Slot::Fk(k) => &mut table.foreign_keys[k].name,
        Slot::Index(k) => &mut table.indexes[k].name,
    })
}

fn set_name(table: &mut PTable<'_>, slot: Slot, name: String) {
    if let Some(field) = name_mut(table, slot) {
        *field = Some(name);
    }
}

fn has_name(table: &PTable<'_>, slot: Slot) -> bool {
    match slot {
        Slot::Pk => table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.name.is_some()),
        Slot::Unique(k) => table.uniques[k].name.is_some(),
        Slot::Check(k) => table.checks[k].name.is_some(),
        Slot::Fk(k) => table.foreign_keys[k].name.is_some(),
        Slot::Index(k) => table.indexes[k].name.is_some(),
    }
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

fn target(table: &PTable<'_>, slot: Slot) -> Target {
    let constraint = |id: &str| Target::Constraint {
        table: table.id.to_string(),
        constraint: id.to_string(),
    };
    match slot {
        Slot::Pk => constraint("pk"),
        Slot::Unique(k) => constraint(&table.uniques[k].def.id),
        Slot::Check(k) => constraint(&table.checks[k].def.id),
        Slot::Fk(k) => constraint(&table.foreign_keys[k].def.id),
        Slot::Index(k) => Target::Index {
            table: table.id.to_string(),
            index: table.indexes[k].def.id.clone(),
        },
    }
}

/// Names already used, case-insensitively.
struct Namer {
    taken: NameSet,
    max: usize,
}

impl Namer {
    /// `base`, or `base_2`, `base_3`, ... : the first that is free once fitted to the limit.
    fn claim(&mut self, base: String) -> String {
        if base.len() <= self.max {
            if self.take(&base) {
                return base;
            }
        } else {
            let fitted = naming::fit_identifier(&base, self.max);
            if self.take(&fitted) {
                return fitted;
            }
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
        self.taken.insert(name)
    }
}

pub(super) fn assign(p: &mut Physical<'_>, d: &dyn Dialect) {
    let mysql = d.name() == DialectName::Mysql;
    let count: usize = p
        .tables
        .iter()
        .map(|t| 2 + t.uniques.len() + t.checks.len() + t.foreign_keys.len() + t.indexes.len())
        .sum();
    let mut namer = Namer {
        taken: NameSet::with_capacity(count),
        max: d.max_identifier_len(),
    };
    for t in &p.tables {
        namer.take(&t.name);
    }
    if mysql {
        namer.take(MYSQL_PRIMARY);
    }
    // Explicit names first, so that derived names give way to them.
    for ti in 0..p.tables.len() {
        let table = &mut p.tables[ti];
        for slot in slots(table) {
            if mysql && matches!(slot, Slot::Pk) {
                set_name(table, slot, MYSQL_PRIMARY.to_string());
                continue;
            }
            let Some(name) = explicit_name(table, slot).cloned() else {
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
    let names_by_id: FastMap<&str, &str> = p
        .tables
        .iter()
        .map(|t| (t.id.as_ref(), t.name.as_ref()))
        .collect();
    let conv = Templates::new(&p.source.settings.naming);
    // Base names of every table, and where each table's start.
    let mut derived: Vec<(Slot, String)> = Vec::with_capacity(count);
    let mut starts: Vec<usize> = Vec::with_capacity(p.tables.len() + 1);
    let mut scratch = Scratch::default();
    for t in &p.tables {
        starts.push(derived.len());
        derived_names(&conv, &names_by_id, t, &mut derived, &mut scratch);
    }
    starts.push(derived.len());
    drop(names_by_id);
    let mut derived = derived.into_iter();
    for (ti, table) in p.tables.iter_mut().enumerate() {
        for (slot, base) in derived.by_ref().take(starts[ti + 1] - starts[ti]) {
            let name = namer.claim(base);
            set_name(table, slot, name);
        }
    }
}

fn diag(code: &str, message: String) -> schemata_model::Diagnostic {
    schemata_model::Diagnostic::new(code, Severity::Warning, message)
}

/// Buffers reused from one table to the next.
#[derive(Default)]
struct Scratch<'t> {
    /// The columns a CHECK mentions.
    mentioned: Vec<&'t str>,
    /// The `{what}` of a CHECK's name.
    what: String,
}

/// The template-derived base name of every unnamed constraint and index of `table`, into `out`.
fn derived_names<'t>(
    conv: &Templates<'_>,
    table_names: &FastMap<&str, &str>,
    table: &'t PTable<'_>,
    out: &mut Vec<(Slot, String)>,
    scratch: &mut Scratch<'t>,
) {
    let first = out.len();
    let fill = |template: &Template<'_>, columns: &[&str], referenced: &str, what: &str| {
        template.fill(&TemplateVars {
            table: &table.name,
            referenced,
            columns,
            what,
            ..Default::default()
        })
    };
    for slot in slots(table) {
        if has_name(table, slot) {
            continue;
        }
        let base = match slot {
            Slot::Pk => fill(&conv.primary_key, &[], "", ""),
            Slot::Unique(k) => with_names(table, &table.uniques[k].def.columns, |cols| {
                fill(&conv.unique, cols, "", "")
            }),
            Slot::Check(k) => {
                let Scratch { mentioned, what } = &mut *scratch;
                mentioned_columns_into(&table.checks[k].def.expr, &table.columns, mentioned);
                what.clear();
                if mentioned.is_empty() {
                    what.push_str("check");
                    what.push_str(&(k + 1).to_string());
                }
                for (i, c) in mentioned.iter().enumerate() {
                    if i > 0 {
                        what.push('_');
                    }
                    what.push_str(c);
                }
                fill(&conv.check, mentioned, "", what)
            }
            Slot::Fk(k) => {
                let fk = &table.foreign_keys[k].def;
                let referenced = table_names
                    .get(fk.references.as_str())
                    .copied()
                    .unwrap_or(&fk.references);
                with_names(table, &fk.columns, |cols| {
                    fill(&conv.foreign_key, cols, referenced, "")
                })
            }
            Slot::Index(k) => {
                let ix = &table.indexes[k].def;
                let words: Vec<String> = ix
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
                const SHORT: usize = 8;
                let mut short = [""; SHORT];
                let mut long: Vec<&str> = Vec::new();
                for (i, part) in ix.parts.iter().enumerate() {
                    let word = match &part.column {
                        Some(c) => table.column_name(c),
                        None => words.next().map_or("expr", String::as_str),
                    };
                    match short.get_mut(i) {
                        Some(w) => *w = word,
                        None => {
                            if long.is_empty() {
                                long.extend_from_slice(&short);
                            }
                            long.push(word);
                        }
                    }
                }
                let parts = if ix.parts.len() <= SHORT {
                    &short[..ix.parts.len()]
                } else {
                    &long[..]
                };
                fill(&conv.index, parts, "", "")
            }
        };
        out.push((slot, base));
    }
    // Several unnamed foreign keys with the same name: name each by its columns.
    let own = &mut out[first..];
    let shared: Vec<usize> = own
        .iter()
        .enumerate()
        .filter(|(i, (s, n))| {
            matches!(s, Slot::Fk(_))
                && own
                    .iter()
                    .enumerate()
                    .any(|(j, (t, m))| j != *i && matches!(t, Slot::Fk(_)) && m == n)
        })
        .map(|(i, _)| i)
        .collect();
    if !shared.is_empty() {
        let fk = conv.foreign_key_raw;
        let by_columns = if fk.contains("{referenced") {
            fk.replace("{referenced_singular}", "{columns}")
                .replace("{referenced}", "{columns}")
        } else {
            format!("{fk}_{{columns}}")
        };
        for i in shared {
            if let (Slot::Fk(k), _) = own[i] {
                own[i].1 = with_names(table, &table.foreign_keys[k].def.columns, |cols| {
                    fill(&Template::new(&by_columns), cols, "", "")
                });
            }
        }
    }
}

/// The convention's templates for constraint and index names, parsed.
struct Templates<'t> {
    primary_key: Template<'t>,
    unique: Template<'t>,
    check: Template<'t>,
    foreign_key: Template<'t>,
    foreign_key_raw: &'t str,
    index: Template<'t>,
}

impl<'t> Templates<'t> {
    fn new(conv: &'t NamingConvention) -> Self {
        Templates {
            primary_key: Template::new(&conv.primary_key),
            unique: Template::new(&conv.unique),
            check: Template::new(&conv.check),
            foreign_key: Template::new(&conv.foreign_key),
            foreign_key_raw: &conv.foreign_key,
            index: Template::new(&conv.index),
        }
    }
}

/// Call `f` with the names of the columns `ids` of `table` (on the stack for short lists).
fn with_names<R>(table: &PTable<'_>, ids: &[String], f: impl FnOnce(&[&str]) -> R) -> R {
    const SHORT: usize = 8;
    if ids.len() <= SHORT {
        let mut names = [""; SHORT];
        for (n, id) in names.iter_mut().zip(ids) {
            *n = table.column_name(id);
        }
        f(&names[..ids.len()])
    } else {
        let names: Vec<&str> = ids.iter().map(|id| table.column_name(id)).collect();
        f(&names)
    }
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
    fn expression_words_make_a_name() {
        assert_eq!(expression_words("lower(email)"), "lower_email");
        assert_eq!(expression_words("(a + b) * 2"), "a_b_2");
        assert_eq!(expression_words("()"), "expr");
    }
}
