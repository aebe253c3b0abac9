//! Decomposition proposals applied to a design: new tables with keys, columns moved, foreign
//! keys between the pieces, and a readable preview of the change.

use serde::Serialize;

use schemata_model::{Column, Design, ForeignKey, NodeLayout, PrimaryKey, Table};
use schemata_sql::naming;

use crate::attrs::AttrSet;
use crate::decompose::{decompose_bcnf, is_lossless, lost_dependencies, synthesize_3nf};
use crate::fd::{FdSet, project};
use crate::keys::candidate_keys;
use crate::table::{NamedFd, TableRelation};

/// The normal form a proposal aims at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Goal {
    /// Bernstein synthesis: lossless and dependency-preserving.
    #[serde(rename = "3nf")]
    ThirdNf,
    /// BCNF decomposition: lossless, may lose dependencies.
    Bcnf,
}

impl std::str::FromStr for Goal {
    type Err = String;
    fn from_str(s: &str) -> Result<Goal, String> {
        match s.to_ascii_lowercase().as_str() {
            "3nf" => Ok(Goal::ThirdNf),
            "bcnf" => Ok(Goal::Bcnf),
            other => Err(format!(
                "unknown normal form `{other}` (expected 3nf or bcnf)"
            )),
        }
    }
}

/// A table the proposal creates.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NewTable {
    pub name: String,
    pub key: Vec<String>,
    pub columns: Vec<String>,
    /// Columns that leave the original table for this one.
    pub moved: Vec<String>,
}

/// What applying a decomposition to one table would change.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Proposal {
    pub table: String,
    pub goal: Goal,
    pub new_tables: Vec<NewTable>,
    /// `table(columns) -> table(columns)` for every foreign key added.
    pub foreign_keys: Vec<String>,
    /// Constraints, indexes and references that could not follow the columns, with why.
    pub dropped: Vec<String>,
    pub lossless: bool,
    pub lost_dependencies: Vec<NamedFd>,
}

impl Proposal {
    /// Plain-text preview, one change a line.
    pub fn preview(&self) -> String {
        let mut out = format!(
            "normalize {} to {}:\n",
            self.table,
            match self.goal {
                Goal::ThirdNf => "3NF",
                Goal::Bcnf => "BCNF",
            }
        );
        for t in &self.new_tables {
            out.push_str(&format!(
                "  + table {} ({}) with primary key ({})\n",
                t.name,
                t.columns.join(", "),
                t.key.join(", ")
            ));
            if !t.moved.is_empty() {
                out.push_str(&format!(
                    "    moved from {}: {}\n",
                    self.table,
                    t.moved.join(", ")
                ));
            }
        }
        for fk in &self.foreign_keys {
            out.push_str(&format!("  + foreign key {fk}\n"));
        }
        for d in &self.dropped {
            out.push_str(&format!("  - {d}\n"));
        }
        out.push_str(&format!(
            "  lossless join: {}\n",
            if self.lossless { "yes" } else { "no" }
        ));
        if self.lost_dependencies.is_empty() {
            out.push_str("  every dependency is preserved\n");
        } else {
            for f in &self.lost_dependencies {
                out.push_str(&format!(
                    "  ! dependency {} -> {} is no longer enforced by one table\n",
                    f.lhs.join(", "),
                    f.rhs.join(", ")
                ));
            }
        }
        out
    }
}

/// Propose a decomposition of `table_id` and return it with the design it would produce, or
/// `Ok(None)` when the table already meets the goal.
pub fn propose(
    design: &Design,
    table_id: &str,
    goal: Goal,
) -> Result<Option<(Proposal, Design)>, String> {
    let table = design
        .table(table_id)
        .ok_or_else(|| format!("no table with id `{table_id}`"))?;
    let rel = TableRelation::of(table)
        .ok_or_else(|| format!("table {} has too many columns to analyse", table.name))?;
    let n = rel.columns.len();
    let parts = match goal {
        Goal::ThirdNf => synthesize_3nf(n, &rel.fds),
        Goal::Bcnf => decompose_bcnf(n, &rel.fds),
    };
    if parts.len() <= 1 {
        return Ok(None);
    }
    let set = FdSet::new(n, rel.fds.clone());
    let pk = AttrSet::from_indices(
        table
            .primary_key_columns()
            .iter()
            .filter_map(|id| rel.columns.iter().position(|c| c == id)),
    );
    let home = parts
        .iter()
        .position(|p| !pk.is_empty() && pk.is_subset(p))
        .or_else(|| parts.iter().position(|p| set.is_superkey(*p)))
        .unwrap_or(0);

    let mut out = design.clone();
    let mut taken: Vec<String> = design
        .tables
        .iter()
        .flat_map(|t| [t.id.clone(), t.name.clone()])
        .collect();
    let mut new_tables = Vec::new();
    let mut created: Vec<(String, AttrSet, AttrSet)> = Vec::new(); // (id, part, key)
    let mut moved_all = AttrSet::EMPTY;
    for (i, part) in parts.iter().enumerate() {
        if i == home {
            continue;
        }
        let key = part_key(&set, *part, parts[home]);
        let name = unique_name(&table_name_for(&rel.names_of(key)), &taken);
        taken.push(name.clone());
        let moved = part.difference(&parts[home]);
        moved_all = moved_all.union(&moved);
        let columns: Vec<Column> = part
            .iter()
            .map(|a| {
                let mut c = table.columns[a].clone();
                if key.contains(a) {
                    c.nullable = false;
                    c.identity = None;
                    c.generated = None;
                }
                c
            })
            .collect();
        out.tables.push(Table {
            id: name.clone(),
            name: name.clone(),
            schema: table.schema.clone(),
            comment: Some(format!(
                "Split from {} to reach {}.",
                table.name,
                match goal {
                    Goal::ThirdNf => "3NF",
                    Goal::Bcnf => "BCNF",
                }
            )),
            columns,
            primary_key: Some(PrimaryKey {
                name: None,
                columns: rel.ids_of(key),
            }),
            uniques: Vec::new(),
            checks: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            functional_dependencies: Vec::new(),
            partition_by: None,
            partition_of: None,
            scale: None,
        });
        new_tables.push(NewTable {
            name: name.clone(),
            key: rel.names_of(key),
            columns: rel.names_of(*part),
            moved: rel.names_of(moved),
        });
        created.push((name, *part, key));
    }

    // Foreign keys: every piece holding another piece's key references it.
    let mut foreign_keys = Vec::new();
    let home_part = parts[home];
    let pieces: Vec<(String, AttrSet)> = std::iter::once((table.id.clone(), home_part))
        .chain(created.iter().map(|(id, p, _)| (id.clone(), *p)))
        .collect();
    for (target, _, key) in &created {
        for (source, part) in &pieces {
            if source == target || !key.is_subset(part) {
                continue;
            }
            let src = out.table_mut(source).ok_or("internal: piece vanished")?;
            let fk_id = format!("fk_norm_{target}");
            src.foreign_keys.push(ForeignKey {
                id: fk_id,
                name: None,
                columns: rel.ids_of(*key),
                references: target.clone(),
                referenced_columns: Vec::new(),
                on_delete: Default::default(),
                on_update: Default::default(),
                deferrable: Default::default(),
            });
            let src_name = if source == &table.id {
                table.name.clone()
            } else {
                source.clone()
            };
            foreign_keys.push(format!(
                "{src_name}({}) -> {target}({})",
                rel.names_of(*key).join(", "),
                rel.names_of(*key).join(", ")
            ));
        }
    }

    let dropped = move_dependents(&mut out, table, &rel, moved_all, &created);
    let lost = lost_dependencies(n, &rel.fds, &parts)
        .iter()
        .map(|f| NamedFd {
            lhs: rel.names_of(f.lhs),
            rhs: rel.names_of(f.rhs),
        })
        .collect();
    place_new_tables(&mut out, table, &created);
    Ok(Some((
        Proposal {
            table: table.name.clone(),
            goal,
            new_tables,
            foreign_keys,
            dropped,
            lossless: is_lossless(n, &rel.fds, &parts),
            lost_dependencies: lost,
        },
        out,
    )))
}

/// The key of a piece: a key of its projected dependencies, preferring one the home piece holds
/// (so that it can reference the new table).
fn part_key(set: &FdSet, part: AttrSet, home: AttrSet) -> AttrSet {
    if let Some(proj) = project(set, part) {
        let attrs: Vec<usize> = part.iter().collect();
        let local = |s: AttrSet| s.renumber(&attrs);
        let global = |s: AttrSet| AttrSet::from_indices(s.iter().map(|i| attrs[i]));
        let fds = proj
            .iter()
            .map(|f| crate::fd::Fd::new(local(f.lhs), local(f.rhs)))
            .collect();
        let (keys, _) = candidate_keys(&FdSet::new(attrs.len(), fds));
        let keys: Vec<AttrSet> = keys.into_iter().map(global).collect();
        if let Some(k) = keys.iter().find(|k| k.is_subset(&home)) {
            return *k;
        }
        if let Some(k) = keys.first() {
            return *k;
        }
    }
    // Too wide to project: shrink the piece while it still determines itself.
    let mut k = part;
    for a in part.iter().collect::<Vec<_>>().into_iter().rev() {
        let mut smaller = k;
        smaller.remove(a);
        if part.is_subset(&set.closure(smaller)) {
            k = smaller;
        }
    }
    k
}

/// `zip_code` -> `zip_codes`, `product_id` -> `products`, (`student`, `course`) -> `student_courses`.
fn table_name_for(key: &[String]) -> String {
    let stems: Vec<String> = key
        .iter()
        .map(|k| naming::to_snake_case(k.strip_suffix("_id").unwrap_or(k)))
        .collect();
    naming::plural(&stems.join("_"))
}

fn unique_name(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}_{i}"))
        .find(|c| !taken.iter().any(|t| t == c))
        .unwrap_or_else(|| base.to_string())
}

/// Remove moved columns from the original table; constraints, indexes and declared dependencies
/// whose columns all live in one new table follow them there, the rest are dropped and listed.
fn move_dependents(
    out: &mut Design,
    table: &Table,
    rel: &TableRelation,
    moved: AttrSet,
    created: &[(String, AttrSet, AttrSet)],
) -> Vec<String> {
    let moved_ids = rel.ids_of(moved);
    let is_moved = |id: &String| moved_ids.contains(id);
    let home_of = |ids: &[String]| -> Option<String> {
        let set = AttrSet::from_indices(
            ids.iter()
                .filter_map(|id| rel.columns.iter().position(|c| c == id)),
        );
        created
            .iter()
            .find(|(_, p, _)| set.is_subset(p))
            .map(|(id, _, _)| id.clone())
    };
    let mut dropped = Vec::new();
    let Some(orig) = out.table(&table.id).cloned() else {
        return dropped;
    };
    let mut kept = orig.clone();
    kept.columns.retain(|c| !is_moved(&c.id));
    let mut moves: Vec<(String, Table)> = Vec::new();
    let mut push =
        |target: String, f: &dyn Fn(&mut Table)| match moves.iter_mut().find(|(t, _)| *t == target)
        {
            Some((_, t)) => f(t),
            None => {
                let mut t = orig.clone();
                t.uniques.clear();
                t.indexes.clear();
                t.checks.clear();
                t.foreign_keys.clear();
                t.functional_dependencies.clear();
                f(&mut t);
                moves.push((target, t));
            }
        };
    kept.uniques.retain(|u| {
        if !u.columns.iter().any(is_moved) {
            return true;
        }
        match home_of(&u.columns) {
            Some(t) => push(t, &|x: &mut Table| x.uniques.push(u.clone())),
            None => dropped.push(format!(
                "unique constraint {} (its columns are split)",
                u.name.as_deref().unwrap_or(&u.id)
            )),
        }
        false
    });
    kept.indexes.retain(|ix| {
        let cols: Vec<String> = ix
            .parts
            .iter()
            .filter_map(|p| p.column.clone())
            .chain(ix.include.iter().cloned())
            .collect();
        let touches = cols.iter().any(is_moved)
            || ix.parts.iter().any(|p| p.expr.is_some())
                && ix.parts.iter().any(|p| {
                    p.expr
                        .as_deref()
                        .is_some_and(|e| mentions_any(e, &orig, &moved_ids))
                });
        if !touches {
            return true;
        }
        match (ix.parts.iter().all(|p| p.column.is_some()), home_of(&cols)) {
            (true, Some(t)) => push(t, &|x: &mut Table| x.indexes.push(ix.clone())),
            _ => dropped.push(format!(
                "index {} (its columns are split)",
                ix.name.as_deref().unwrap_or(&ix.id)
            )),
        }
        false
    });
    kept.checks.retain(|ck| {
        if !mentions_any(&ck.expr, &orig, &moved_ids) {
            return true;
        }
        dropped.push(format!(
            "check {} `{}` (it mentions moved columns)",
            ck.name.as_deref().unwrap_or(&ck.id),
            ck.expr
        ));
        false
    });
    kept.foreign_keys.retain(|fk| {
        if !fk.columns.iter().any(is_moved) {
            return true;
        }
        match home_of(&fk.columns) {
            Some(t) => push(t, &|x: &mut Table| x.foreign_keys.push(fk.clone())),
            None => dropped.push(format!(
                "foreign key {} (its columns are split)",
                fk.name.as_deref().unwrap_or(&fk.id)
            )),
        }
        false
    });
    kept.functional_dependencies.retain(|fd| {
        let all: Vec<String> = fd.lhs.iter().chain(fd.rhs.iter()).cloned().collect();
        if !all.iter().any(is_moved) {
            return true;
        }
        if let Some(t) = home_of(&all) {
            push(t, &|x: &mut Table| {
                x.functional_dependencies.push(fd.clone())
            });
        }
        false
    });
    for (target, carrier) in moves {
        if let Some(t) = out.table_mut(&target) {
            t.uniques.extend(carrier.uniques);
            t.indexes.extend(carrier.indexes);
            t.foreign_keys.extend(carrier.foreign_keys);
            t.functional_dependencies
                .extend(carrier.functional_dependencies);
        }
    }
    // References from other tables to moved columns follow when they hit a new table's key.
    for other in out.tables.iter_mut().filter(|t| t.id != table.id) {
        other.foreign_keys.retain_mut(|fk| {
            if fk.references != table.id || !fk.referenced_columns.iter().any(is_moved) {
                return true;
            }
            match created
                .iter()
                .find(|(_, _, k)| rel.ids_of(*k) == fk.referenced_columns)
            {
                Some((id, _, _)) => {
                    fk.references = id.clone();
                    true
                }
                None => {
                    dropped.push(format!(
                        "foreign key {} on {} (it referenced moved columns)",
                        fk.name.as_deref().unwrap_or(&fk.id),
                        other.name
                    ));
                    false
                }
            }
        });
    }
    if let Some(t) = out.table_mut(&table.id) {
        *t = kept;
    }
    dropped
}

/// Whether a SQL expression mentions any of the given columns of `table` by name.
fn mentions_any(expr: &str, table: &Table, ids: &[String]) -> bool {
    let words: Vec<String> = expr
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '"'))
        .map(|w| w.trim_matches('"').to_string())
        .collect();
    ids.iter()
        .filter_map(|id| table.column(id))
        .any(|c| words.contains(&c.name))
}

fn place_new_tables(out: &mut Design, table: &Table, created: &[(String, AttrSet, AttrSet)]) {
    let Some(base) = out.layout.tables.get(&table.id).cloned() else {
        return;
    };
    for (i, (id, _, _)) in created.iter().enumerate() {
        out.layout.tables.insert(
            id.clone(),
            NodeLayout {
                x: base.x + 320.0 * (i as f64 + 1.0),
                y: base.y + 40.0,
                color: base.color.clone(),
            },
        );
    }
}
