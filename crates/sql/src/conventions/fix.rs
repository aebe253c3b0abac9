//! Fix mode: rename tables and columns to the naming convention and drop explicit constraint and
//! index names that break their template.
//!
//! References are by id, so ids never change and every foreign key, index, relationship and
//! layout entry stays valid. Expressions that mention a renamed column are rewritten (see
//! [`super::rewrite`]). A rename whose new name is already taken, or wanted by another rename in
//! the same scope (tables of one schema, columns of one table; compared case-insensitively), is
//! not made and is reported with `skipped`. Those conflicts are decided against the final names,
//! which makes the fix idempotent: fixing a fixed design changes nothing.

use std::collections::HashMap;

use schemata_model::{DefaultValue, Design, NamingConvention, Table};

use super::rewrite::{ExprRenames, rename_identifiers};
use super::rules::{
    NameKind, Verdict, column_role, column_verdict, name_fits, named_things, table_verdict,
};
use super::{Rename, RenameKind, strictest_limit};

/// Rename what breaks `design.settings.naming`: table names (N001), column names (N002-N004) and
/// junction table names are renamed; explicit constraint and index names that break their
/// template (N005-N009) are removed so that DDL generation derives them. Reserved words (N010)
/// and non-ASCII names (N011) are left for a person to decide. Explicit names are judged against
/// the names after the renames, so renaming `order_item` to `order_items` also drops an explicit
/// `fk_order_item_products`. Returns the fixed design and every change (tables and junctions,
/// then columns, then removed names, each in design order), including the renames refused because
/// of a name conflict.
pub fn fix_conventions(design: &Design) -> (Design, Vec<Rename>) {
    let conv = design.settings.naming.clone();
    let mut out = design.clone();
    let mut renames = Vec::new();
    let table_renames = fix_table_names(&conv, &mut out, &mut renames);
    fix_column_names(&conv, &mut out, &table_renames, &mut renames);
    clear_constraint_names(&conv, &mut out, &mut renames);
    (out, renames)
}

/// A name that a rule may want changed.
struct Candidate {
    kind: RenameKind,
    path: String,
    name: String,
    target: Option<String>,
}

impl Candidate {
    fn new(kind: RenameKind, path: String, name: &str, verdict: Verdict) -> Self {
        let target = match verdict {
            Verdict::Rename(t) => Some(t),
            Verdict::Ok | Verdict::Unfixable(_) => None,
        };
        Candidate {
            kind,
            path,
            name: name.to_string(),
            target,
        }
    }
}

/// Decide which renames of one scope go ahead. A rename is refused when its new name equals
/// (case-insensitively) the final name of another member; refusing one can block another, so
/// this repeats until nothing changes. Returns, per candidate, the new name or the reason it was
/// refused (`None` for candidates with nothing to do).
fn resolve(cands: &[&Candidate]) -> Vec<Option<Result<String, String>>> {
    let n = cands.len();
    let mut blocked = vec![false; n];
    let finals = |blocked: &[bool]| -> Vec<String> {
        (0..n)
            .map(|i| match (&cands[i].target, blocked[i]) {
                (Some(t), false) => t.to_lowercase(),
                _ => cands[i].name.to_lowercase(),
            })
            .collect()
    };
    loop {
        let current = finals(&blocked);
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for f in &current {
            *counts.entry(f.as_str()).or_default() += 1;
        }
        let mut changed = false;
        for i in 0..n {
            if cands[i].target.is_some()
                && !blocked[i]
                && counts.get(current[i].as_str()).copied().unwrap_or(0) > 1
            {
                blocked[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let current = finals(&blocked);
    (0..n)
        .map(|i| {
            let target = cands[i].target.as_ref()?;
            if !blocked[i] {
                return Some(Ok(target.clone()));
            }
            let wanted = target.to_lowercase();
            let noun = match cands[i].kind {
                RenameKind::Column => "column",
                _ => "table",
            };
            let holder = (0..n).find(|&j| j != i && current[j] == wanted);
            Some(Err(match holder {
                Some(j) if cands[j].name.to_lowercase() == wanted => {
                    format!("a {noun} named `{}` already exists", cands[j].name)
                }
                Some(j) => format!("`{}` is renamed to `{target}` already", cands[j].name),
                None => match (0..n).find(|&j| {
                    j != i
                        && cands[j]
                            .target
                            .as_ref()
                            .is_some_and(|t| t.to_lowercase() == wanted)
                }) {
                    Some(j) => {
                        format!("`{}` would be renamed to `{target}` as well", cands[j].name)
                    }
                    None => format!("`{target}` is taken"),
                },
            }))
        })
        .collect()
}

/// Resolve `cands` grouped by scope and record the outcome of each candidate that wanted a
/// change. Returns the new name per candidate, when it was renamed.
fn decide(
    cands: &[Candidate],
    scopes: &[String],
    renames: &mut Vec<Rename>,
) -> Vec<Option<String>> {
    let mut result = vec![None; cands.len()];
    let mut groups: Vec<(&String, Vec<usize>)> = Vec::new();
    for (i, scope) in scopes.iter().enumerate() {
        match groups.iter_mut().find(|(s, _)| *s == scope) {
            Some((_, members)) => members.push(i),
            None => groups.push((scope, vec![i])),
        }
    }
    for (_, members) in &groups {
        let group: Vec<&Candidate> = members.iter().map(|&i| &cands[i]).collect();
        for (&i, outcome) in members.iter().zip(resolve(&group)) {
            match outcome {
                Some(Ok(new)) => result[i] = Some(new),
                Some(Err(why)) => renames.push(Rename {
                    kind: cands[i].kind,
                    path: cands[i].path.clone(),
                    from: cands[i].name.clone(),
                    to: cands[i].target.clone(),
                    skipped: Some(why),
                }),
                None => {}
            }
        }
    }
    for (i, new) in result.iter().enumerate() {
        if let Some(new) = new {
            renames.push(Rename {
                kind: cands[i].kind,
                path: cands[i].path.clone(),
                from: cands[i].name.clone(),
                to: Some(new.clone()),
                skipped: None,
            });
        }
    }
    result
}

/// Rename tables and junction tables. Returns, per table, its old and new name when renamed.
fn fix_table_names(
    conv: &NamingConvention,
    design: &mut Design,
    renames: &mut Vec<Rename>,
) -> Vec<Option<(String, String)>> {
    let mut cands = Vec::new();
    let mut scopes = Vec::new();
    for (i, table) in design.tables.iter().enumerate() {
        let verdict = table_verdict(conv, &table.name);
        let path = format!("/tables/{i}/name");
        cands.push(Candidate::new(
            RenameKind::Table,
            path,
            &table.name,
            verdict,
        ));
        scopes.push(table.schema.clone().unwrap_or_default());
    }
    let mut junctions = Vec::new();
    for (r, rel) in design.relationships.iter().enumerate() {
        if let Some(junction) = &rel.junction {
            let verdict = table_verdict(conv, junction);
            let path = format!("/relationships/{r}/junction");
            cands.push(Candidate::new(
                RenameKind::Junction,
                path,
                junction,
                verdict,
            ));
            scopes.push(String::new());
            junctions.push(r);
        }
    }
    let start = renames.len();
    let outcome = decide(&cands, &scopes, renames);
    let n_tables = design.tables.len();
    let mut table_renames = vec![None; n_tables];
    for (i, new) in outcome.into_iter().enumerate() {
        let Some(new) = new else { continue };
        if i < n_tables {
            let old = std::mem::replace(&mut design.tables[i].name, new.clone());
            table_renames[i] = Some((old, new));
        } else if let Some(rel) = design.relationships.get_mut(junctions[i - n_tables]) {
            rel.junction = Some(new);
        }
    }
    sort_by_path(&mut renames[start..]);
    table_renames
}

/// Rename columns, then rewrite the expressions of each table that mention a renamed column or
/// the table's old name.
fn fix_column_names(
    conv: &NamingConvention,
    design: &mut Design,
    table_renames: &[Option<(String, String)>],
    renames: &mut Vec<Rename>,
) {
    let start = renames.len();
    let mut cands = Vec::new();
    let mut scopes = Vec::new();
    let mut places = Vec::new();
    {
        let snapshot: &Design = design;
        let name_of = |id: &str| snapshot.table(id).map(|t| t.name.clone());
        for (i, table) in snapshot.tables.iter().enumerate() {
            for (j, column) in table.columns.iter().enumerate() {
                let role = column_role(snapshot, table, &column.id, &name_of);
                let (verdict, _) = column_verdict(conv, &table.name, &column.name, &role);
                let path = format!("/tables/{i}/columns/{j}/name");
                cands.push(Candidate::new(
                    RenameKind::Column,
                    path,
                    &column.name,
                    verdict,
                ));
                scopes.push(i.to_string());
                places.push((i, j));
            }
        }
    }
    let outcome = decide(&cands, &scopes, renames);
    let mut per_table: Vec<ExprRenames> = table_renames
        .iter()
        .map(|t| ExprRenames {
            columns: Vec::new(),
            table: t.clone(),
        })
        .collect();
    for ((i, j), new) in places.into_iter().zip(outcome) {
        let Some(new) = new else { continue };
        let column = &mut design.tables[i].columns[j];
        let old = std::mem::replace(&mut column.name, new.clone());
        per_table[i].columns.push((old, new));
    }
    for (table, exprs) in design.tables.iter_mut().zip(&per_table) {
        rewrite_table_expressions(table, exprs);
    }
    sort_by_path(&mut renames[start..]);
}

fn rewrite_table_expressions(table: &mut Table, renames: &ExprRenames) {
    if renames.is_empty() {
        return;
    }
    let fix = |s: &mut String| *s = rename_identifiers(s, renames);
    for check in &mut table.checks {
        fix(&mut check.expr);
    }
    for index in &mut table.indexes {
        for part in &mut index.parts {
            if let Some(expr) = &mut part.expr {
                fix(expr);
            }
        }
        if let Some(predicate) = &mut index.predicate {
            fix(predicate);
        }
    }
    for column in &mut table.columns {
        if let Some(generated) = &mut column.generated {
            fix(&mut generated.expr);
        }
        if let Some(DefaultValue::Expr { expr }) = &mut column.default {
            fix(expr);
        }
    }
}

/// Remove explicit constraint and index names that do not fit their template, judged with the
/// final table and column names.
fn clear_constraint_names(conv: &NamingConvention, design: &mut Design, renames: &mut Vec<Rename>) {
    let max_len = strictest_limit(&design.settings.dialects);
    let mut clear = Vec::new();
    for (i, table) in design.tables.iter().enumerate() {
        for thing in named_things(design, table) {
            if !name_fits(conv, &table.name, &thing, max_len) {
                clear.push((i, thing.kind, thing.index));
                renames.push(Rename {
                    kind: match thing.kind {
                        NameKind::Index => RenameKind::Index,
                        _ => RenameKind::Constraint,
                    },
                    path: format!("/tables/{i}{}", thing.pointer),
                    from: thing.name.to_string(),
                    to: None,
                    skipped: None,
                });
            }
        }
    }
    for (i, kind, k) in clear {
        let table = &mut design.tables[i];
        let slot = match kind {
            NameKind::PrimaryKey => table.primary_key.as_mut().map(|pk| &mut pk.name),
            NameKind::ForeignKey => table.foreign_keys.get_mut(k).map(|c| &mut c.name),
            NameKind::Unique => table.uniques.get_mut(k).map(|c| &mut c.name),
            NameKind::Check => table.checks.get_mut(k).map(|c| &mut c.name),
            NameKind::Index => table.indexes.get_mut(k).map(|c| &mut c.name),
        };
        if let Some(slot) = slot {
            *slot = None;
        }
    }
}

/// Order renames by their place in the file (numeric path segments compare as numbers).
fn sort_by_path(renames: &mut [Rename]) {
    fn key(path: &str) -> (u8, Vec<Result<usize, &str>>) {
        let section = match path.split('/').nth(1) {
            Some("tables") => 0,
            Some("relationships") => 1,
            _ => 2,
        };
        let segments = path
            .split('/')
            .map(|seg| seg.parse::<usize>().map_err(|_| seg))
            .collect();
        (section, segments)
    }
    renames.sort_by(|a, b| key(&a.path).cmp(&key(&b.path)));
}
