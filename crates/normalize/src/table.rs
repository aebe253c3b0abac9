//! Normal-form analysis of a design's table: its columns as attributes, its keys, unique
//! constraints and declared dependencies as FDs, plus first-normal-form heuristics on the model.

use serde::Serialize;

use schemata_model::{DataType, Design, Diagnostic, Severity, Table, Target};
use schemata_sql::naming;

use crate::attrs::{AttrSet, MAX_ATTRS};
use crate::fd::{Fd, merge_by_lhs};
use crate::forms::{Analysis, NormalForm, ViolationKind, analyze};

/// A table seen as a relation: column ids in column order, and its dependencies.
#[derive(Clone, Debug)]
pub struct TableRelation {
    pub table: String,
    pub columns: Vec<String>,
    pub names: Vec<String>,
    pub fds: Vec<Fd>,
    /// Where each dependency came from, parallel to `fds`.
    pub sources: Vec<FdSource>,
}

/// The origin of a dependency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FdSource {
    PrimaryKey,
    Unique { id: String },
    UniqueIndex { id: String },
    Declared { id: String },
}

impl TableRelation {
    /// Build the relation; `None` when the table has more than [`MAX_ATTRS`] columns.
    pub fn of(table: &Table) -> Option<TableRelation> {
        if table.columns.len() > MAX_ATTRS {
            return None;
        }
        let columns: Vec<String> = table.columns.iter().map(|c| c.id.clone()).collect();
        let names = table.columns.iter().map(|c| c.name.clone()).collect();
        let set_of = |ids: &[String]| -> Option<AttrSet> {
            let mut s = AttrSet::EMPTY;
            for id in ids {
                s.insert(columns.iter().position(|c| c == id)?);
            }
            Some(s)
        };
        let all = AttrSet::full(columns.len());
        let not_null = |ids: &[String]| {
            ids.iter()
                .all(|id| table.column(id).is_some_and(|c| !c.nullable))
        };
        let mut fds = Vec::new();
        let mut sources = Vec::new();
        if let Some(pk) = &table.primary_key
            && let Some(s) = set_of(&pk.columns)
            && !s.is_empty()
        {
            fds.push(Fd::new(s, all));
            sources.push(FdSource::PrimaryKey);
        }
        for u in &table.uniques {
            // A unique constraint over nullable columns lets several NULL rows in: no FD.
            if let Some(s) = set_of(&u.columns)
                && !s.is_empty()
                && (not_null(&u.columns) || u.nulls_not_distinct)
            {
                fds.push(Fd::new(s, all));
                sources.push(FdSource::Unique { id: u.id.clone() });
            }
        }
        for ix in table
            .indexes
            .iter()
            .filter(|i| i.unique && i.predicate.is_none())
        {
            let cols: Option<Vec<String>> = ix.parts.iter().map(|p| p.column.clone()).collect();
            if let Some(cols) = cols
                && let Some(s) = set_of(&cols)
                && !s.is_empty()
                && not_null(&cols)
            {
                fds.push(Fd::new(s, all));
                sources.push(FdSource::UniqueIndex { id: ix.id.clone() });
            }
        }
        for fd in &table.functional_dependencies {
            if let (Some(l), Some(r)) = (set_of(&fd.lhs), set_of(&fd.rhs)) {
                fds.push(Fd::new(l, r));
                sources.push(FdSource::Declared { id: fd.id.clone() });
            }
        }
        Some(TableRelation {
            table: table.id.clone(),
            columns,
            names,
            fds,
            sources,
        })
    }

    pub fn names_of(&self, s: AttrSet) -> Vec<String> {
        s.iter().map(|i| self.names[i].clone()).collect()
    }

    pub fn ids_of(&self, s: AttrSet) -> Vec<String> {
        s.iter().map(|i| self.columns[i].clone()).collect()
    }

    fn show(&self, s: AttrSet) -> String {
        let v = self.names_of(s);
        if v.len() == 1 {
            v[0].clone()
        } else {
            format!("({})", v.join(", "))
        }
    }
}

/// A dependency by column names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NamedFd {
    pub lhs: Vec<String>,
    pub rhs: Vec<String>,
}

/// The normal-form report of one table.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TableReport {
    pub table: String,
    pub name: String,
    /// Candidate keys, by column names.
    pub keys: Vec<Vec<String>>,
    pub cover: Vec<NamedFd>,
    pub normal_form: NormalForm,
    pub violations: Vec<Diagnostic>,
    /// First-normal-form suspicions found on the model (lists in columns, repeating groups).
    pub first_normal_form: Vec<Diagnostic>,
}

/// Analyse one table of a design.
pub fn analyze_table(
    design: &Design,
    table: &Table,
) -> Option<(TableRelation, Analysis, TableReport)> {
    let rel = TableRelation::of(table)?;
    let an = analyze(rel.columns.len(), &rel.fds);
    let ti = design
        .tables
        .iter()
        .position(|t| t.id == table.id)
        .unwrap_or(0);
    let violations = an
        .violations
        .iter()
        .map(|v| {
            let dep = rel.names_of(v.fd.rhs).join(", ");
            let det = rel.show(v.fd.lhs);
            let (code, message) = match v.kind {
                ViolationKind::PartialDependency { key } => (
                    "NF201",
                    format!(
                        "table {}: {dep} depends on {det}, a part of the key {} (breaks 2NF)",
                        table.name,
                        rel.show(key)
                    ),
                ),
                ViolationKind::TransitiveDependency => (
                    "NF301",
                    format!(
                        "table {}: {dep} depends on {det}, which is not a key (a transitive dependency; breaks 3NF)",
                        table.name
                    ),
                ),
                ViolationKind::NonKeyDeterminant => (
                    "NF401",
                    format!(
                        "table {}: {det} determines {dep} but is not a key (breaks BCNF)",
                        table.name
                    ),
                ),
            };
            let column = rel.columns[v.fd.rhs.first().unwrap_or(0)].clone();
            Diagnostic::warning(code, message)
                .with_help(format!(
                    "move {dep} to a table keyed by {det} and reference it (`schemata normalize --apply 3nf`)"
                ))
                .with_target(Target::Column {
                    table: table.id.clone(),
                    column,
                })
                .with_path(format!("/tables/{ti}"))
        })
        .collect();
    let report = TableReport {
        table: table.id.clone(),
        name: table.name.clone(),
        keys: an.keys.iter().map(|k| rel.names_of(*k)).collect(),
        cover: merge_by_lhs(&an.cover)
            .iter()
            .map(|f| NamedFd {
                lhs: rel.names_of(f.lhs),
                rhs: rel.names_of(f.rhs),
            })
            .collect(),
        normal_form: an.normal_form,
        violations,
        first_normal_form: first_normal_form(table, ti),
    };
    Some((rel, an, report))
}

/// Plural words that usually name free text or a bag of properties, not a list of values.
const BAG_WORDS: &[&str] = &[
    "notes",
    "comments",
    "remarks",
    "details",
    "instructions",
    "terms",
    "settings",
    "attributes",
    "preferences",
    "options",
    "metadata",
    "properties",
    "extras",
    "params",
    "parameters",
    "specs",
    "headers",
    "fields",
    "credentials",
    "contents",
    "news",
    "analytics",
    "stats",
    "statistics",
];

/// First-normal-form heuristics: array or JSON columns used as lists, plural text columns that
/// hold delimited values, and repeating groups of numbered columns.
pub fn first_normal_form(table: &Table, ti: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let target = |c: &str| Target::Column {
        table: table.id.clone(),
        column: c.to_string(),
    };
    for (ci, c) in table.columns.iter().enumerate() {
        let path = format!("/tables/{ti}/columns/{ci}");
        let last_word = c.name.rsplit('_').next().unwrap_or(&c.name);
        let plural = naming::is_plural(&c.name)
            && !naming::is_singular(&c.name)
            && !BAG_WORDS.contains(&last_word);
        match &c.data_type {
            DataType::Array(_) => out.push(
                Diagnostic::warning(
                    "NF101",
                    format!(
                        "table {}: column {} holds a list (an array): a repeating group",
                        table.name, c.name
                    ),
                )
                .with_help("store one row per element in a child table with a foreign key back")
                .with_target(target(&c.id))
                .with_path(path),
            ),
            DataType::Json | DataType::Jsonb if plural => out.push(
                Diagnostic::new(
                    "NF101",
                    Severity::Info,
                    format!(
                        "table {}: JSON column {} is named like a list",
                        table.name, c.name
                    ),
                )
                .with_help("if it holds a list of things the database should know about, use a child table")
                .with_target(target(&c.id))
                .with_path(path),
            ),
            t if t.is_textual() && plural && !c.name.ends_with("_ids") => out.push(
                Diagnostic::new(
                    "NF102",
                    Severity::Info,
                    format!(
                        "table {}: text column {} has a plural name: does it hold delimited values?",
                        table.name, c.name
                    ),
                )
                .with_help("one value per row in a child table keeps values atomic (1NF)")
                .with_target(target(&c.id))
                .with_path(path),
            ),
            t if t.is_textual() && c.name.ends_with("_ids") => out.push(
                Diagnostic::warning(
                    "NF102",
                    format!(
                        "table {}: text column {} looks like a list of ids",
                        table.name, c.name
                    ),
                )
                .with_help("a junction table with foreign keys replaces a list of ids")
                .with_target(target(&c.id))
                .with_path(path),
            ),
            _ => {}
        }
    }
    for (stem, members) in numbered_groups(table) {
        let names: Vec<&str> = members
            .iter()
            .map(|i| table.columns[*i].name.as_str())
            .collect();
        out.push(
            Diagnostic::new(
                "NF103",
                Severity::Info,
                format!(
                    "table {}: columns {} repeat one attribute ({stem}) as a numbered group",
                    table.name,
                    names.join(", ")
                ),
            )
            .with_help(format!(
                "move {stem} to a child table with one row per value"
            ))
            .with_target(target(&table.columns[members[0]].id))
            .with_path(format!("/tables/{ti}/columns/{}", members[0])),
        );
    }
    out
}

/// Columns whose names differ only by a trailing number (`phone1`, `phone_2`, `phone3`), grouped
/// by stem, in column order; groups of two or more.
fn numbered_groups(table: &Table) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, c) in table.columns.iter().enumerate() {
        let trimmed = c.name.trim_end_matches(|ch: char| ch.is_ascii_digit());
        if trimmed.len() == c.name.len() || trimmed.is_empty() {
            continue;
        }
        let stem = trimmed.trim_end_matches('_').to_string();
        if stem.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(s, _)| *s == stem) {
            Some((_, v)) => v.push(i),
            None => groups.push((stem, vec![i])),
        }
    }
    // Address lines (`line1`, `line2`) are the one numbered pair that conventionally stays.
    groups.retain(|(stem, v)| v.len() >= 2 && !(stem.ends_with("line") && v.len() == 2));
    groups
}
