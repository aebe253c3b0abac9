//! The index advisor: the index each statement needs, then a small set serving the whole
//! worksheet.
//!
//! A statement's need on a table is its equality columns (parameters, literals, IN lists, or the
//! join columns it is probed by), most selective first, then one range column or the ORDER BY
//! columns. A low-cardinality column bound to a literal becomes a partial-index predicate.
//! A need is served by a key or index whose leading columns are its equality columns (in any
//! order) followed by its range or sort columns, or whose leading columns narrow the table to a
//! handful of rows. Unserved needs are merged longest first: a need whose columns form the
//! leftmost prefix of a chosen index is served by it. An index is recommended only when its
//! rate-weighted read benefit beats the cost of maintaining it on every write to the table.

use std::collections::HashMap;

use schemata_model::{DataType, Table};
use schemata_sql::query::{LikeKind, Operand, StatementAnalysis, TableAccess};
use serde::Serialize;
use ts_rs::TS;

use crate::context::{Cx, KeyIndex, PatternInfo, SMALL_TABLE_ROWS};

/// Rows per page, for scan cost estimates.
const ROWS_PER_PAGE: f64 = 100.0;
/// Page writes to maintain one index on one write.
const INDEX_WRITE_COST: f64 = 3.0;
/// A key prefix that leaves at most this many rows per value serves a need well enough.
const FEW_ROWS: f64 = 100.0;
/// Columns with at most this many distinct values bound to a literal become a partial predicate.
const LOW_CARDINALITY: f64 = 16.0;

/// What one statement needs from one table.
#[derive(Debug, Clone, Serialize)]
pub struct Need {
    /// Table id.
    pub table: String,
    /// Position of the pattern in `Cx::patterns`.
    pub pattern: usize,
    /// Position of the statement in the pattern.
    pub statement: usize,
    /// Equality columns (ids), most selective first.
    pub eq: Vec<String>,
    /// Range or sort columns after the equality columns, with descending flags.
    pub tail: Vec<(String, bool)>,
    /// Partial-index predicate, e.g. `status = 'pending'`.
    pub predicate: Option<String>,
    /// Columns worth carrying in the index for an index-only scan.
    pub include: Vec<String>,
    pub weight: f64,
    /// The existing key or index serving the need.
    pub served_by: Option<String>,
}

impl Need {
    fn width(&self) -> usize {
        self.eq.len() + self.tail.len()
    }
}

/// An index the advisor recommends.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RecommendedIndex {
    /// Table name.
    pub table: String,
    #[serde(skip)]
    pub table_id: String,
    /// Index name from the naming convention.
    pub name: String,
    /// Key column names, in order.
    pub columns: Vec<String>,
    /// Key columns sorted descending.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<_>")]
    pub descending: Vec<String>,
    /// Non-key columns (names) carried for index-only scans.
    pub include: Vec<String>,
    /// Partial-index predicate.
    #[serde(rename = "where")]
    #[ts(rename = "where")]
    pub predicate: Option<String>,
    pub unique: bool,
    /// Names of the patterns the index serves.
    pub patterns: Vec<String>,
    pub reason: String,
    /// `CREATE INDEX` for the design's first target dialect.
    pub ddl: String,
    #[serde(skip)]
    pub column_ids: Vec<(String, bool)>,
    #[serde(skip)]
    pub include_ids: Vec<String>,
}

/// What the worksheet does with an existing index.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExistingIndex {
    pub table: String,
    #[serde(skip)]
    pub table_id: String,
    /// Index id.
    pub index: String,
    /// `kept` (serves patterns) or `unused` (proposed for removal).
    pub verdict: String,
    pub patterns: Vec<String>,
}

/// The advisor's result.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Advice {
    pub needs: Vec<Need>,
    pub indexes: Vec<RecommendedIndex>,
    pub existing: Vec<ExistingIndex>,
    /// For each need (same positions), the recommended index serving it.
    #[serde(skip)]
    pub need_index: Vec<Option<usize>>,
}

/// Worksheets with at least this many patterns are advised on all cores.
const PARALLEL_FROM: usize = 200;

pub(crate) fn advise(cx: &Cx<'_>) -> Advice {
    let parallel = cx.patterns.len() >= PARALLEL_FROM;
    let patterns: Vec<(usize, &PatternInfo)> = cx.patterns.iter().enumerate().collect();
    let per_pattern = crate::parallel::map(&patterns, parallel, |&(pi, info)| {
        let mut needs = Vec::new();
        let hot = cx.share(info) >= 0.05;
        for (si, a) in &info.statements {
            statement_needs(cx, a, pi, *si, info.weight, hot, &mut needs);
        }
        for n in &mut needs {
            let Some((_, t)) = cx.table(&n.table) else {
                continue;
            };
            let keys = cx.keys.get(t.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            n.served_by = best_key(cx, t, n, keys).map(|k| k.id.clone());
        }
        needs
    });
    let mut needs = Vec::with_capacity(per_pattern.iter().map(Vec::len).sum());
    for mut part in per_pattern {
        needs.append(&mut part);
    }
    let (indexes, need_index) = recommend(cx, &needs, parallel);
    let existing = existing_use(cx, &needs);
    Advice {
        needs,
        indexes,
        existing,
        need_index,
    }
}

fn statement_needs(
    cx: &Cx<'_>,
    a: &StatementAnalysis,
    pattern: usize,
    statement: usize,
    weight: f64,
    hot: bool,
    out: &mut Vec<Need>,
) {
    let any_filtered = a.tables.iter().any(TableAccess::is_filtered);
    // Tables bound by equality to a parameter or literal (joins aside).
    let bound: Vec<bool> = a.tables.iter().map(has_equality).collect();
    for (ti, t) in a.tables.iter().enumerate() {
        let Some((_, table)) = cx.table(&t.table) else {
            continue;
        };
        if t.target && a.kind == schemata_sql::query::StatementKind::Insert {
            continue;
        }
        if cx.rows(table) < SMALL_TABLE_ROWS {
            continue;
        }
        let mut eq: Vec<String> = Vec::new();
        let mut tail: Vec<(String, bool)> = Vec::new();
        let mut predicate = None;
        if t.is_filtered() {
            for e in &t.equality {
                if matches!(e.operand, Operand::Column { .. }) || eq.contains(&e.column) {
                    continue;
                }
                match &e.operand {
                    // Booleans stay key columns: a partial index on a flag that half the rows
                    // carry saves little, and planners cost it poorly.
                    Operand::Literal(lit)
                        if predicate.is_none()
                            && cx.distinct(table, &e.column) <= LOW_CARDINALITY
                            && !is_boolean(table, &e.column) =>
                    {
                        predicate = Some(format!("{} = {lit}", table.column_name(&e.column)));
                    }
                    _ => eq.push(e.column.clone()),
                }
            }
            for l in &t.in_lists {
                if !eq.contains(&l.column) {
                    eq.push(l.column.clone());
                }
            }
            if let Some(r) = t.ranges.first() {
                tail.push((r.clone(), false));
            } else if let Some(l) = t.likes.iter().find(|l| l.kind == LikeKind::Prefix) {
                tail.push((l.column.clone(), false));
            }
        } else if !t.join_columns.is_empty() && (any_filtered || ti > 0) {
            eq = t.join_columns.clone();
        }
        // Only a range here, while another table is bound by equality: this table is reached
        // through the join, and the range filters what the join finds.
        let eq_elsewhere = bound.iter().enumerate().any(|(oi, &b)| oi != ti && b);
        if eq.is_empty() && predicate.is_none() && !t.join_columns.is_empty() && eq_elsewhere {
            eq = t.join_columns.clone();
        }
        if tail.is_empty() && !t.order_by.is_empty() && a.tables.len() == 1 {
            tail = t
                .order_by
                .iter()
                .map(|k| (k.column.clone(), k.descending))
                .filter(|(c, _)| !eq.contains(c))
                .collect();
        }
        if eq.is_empty() && tail.is_empty() {
            match predicate.take() {
                // Only a low-cardinality literal: key the index on that column.
                Some(_) => {
                    if let Some(e) = t
                        .equality
                        .iter()
                        .find(|e| matches!(e.operand, Operand::Literal(_)))
                    {
                        eq.push(e.column.clone());
                    }
                }
                None => continue,
            }
        }
        let mut by_distinct: Vec<(f64, String)> = eq
            .into_iter()
            .map(|c| (cx.distinct(table, &c), c))
            .collect();
        let selectivity: f64 = by_distinct.iter().map(|(d, _)| d).product();
        if tail.is_empty() && predicate.is_none() && selectivity <= LOW_CARDINALITY {
            continue;
        }
        by_distinct.sort_by(|(dx, x), (dy, y)| dy.total_cmp(dx).then_with(|| x.cmp(y)));
        let eq: Vec<String> = by_distinct.into_iter().map(|(_, c)| c).collect();
        let include = if hot && !t.star && a.kind == schemata_sql::query::StatementKind::Select {
            let extra: Vec<String> = t
                .projection
                .iter()
                .filter(|c| !eq.contains(c) && !tail.iter().any(|(k, _)| k == *c))
                .cloned()
                .collect();
            let narrow = extra.iter().all(|c| {
                table.column(c).is_some_and(|col| {
                    !matches!(
                        col.data_type,
                        DataType::Text
                            | DataType::Json
                            | DataType::Jsonb
                            | DataType::Bytes
                            | DataType::Array(_)
                    )
                })
            });
            if !extra.is_empty() && extra.len() <= 3 && narrow {
                extra
            } else {
                Vec::new()
            }
        } else {
            Vec::new()
        };
        out.push(Need {
            table: t.table.clone(),
            pattern,
            statement,
            eq,
            tail,
            predicate,
            include,
            weight,
            served_by: None,
        });
    }
}

/// How well `key` serves `need`: the number of matched leading columns, or `None`.
fn serves(cx: &Cx<'_>, table: &Table, need: &Need, key: &KeyIndex) -> Option<usize> {
    if !key.btree || key.columns.is_empty() {
        return None;
    }
    if let Some(p) = &key.partial
        && need.predicate.as_deref().map(squash) != Some(squash(p))
    {
        return None;
    }
    let n = need.eq.len();
    let cols = &key.columns;
    if cols.len() >= n && cols[..n].iter().all(|(c, _)| need.eq.contains(c)) {
        if need.tail.is_empty() {
            return Some(n);
        }
        let rest = &cols[n..];
        let matches_tail = rest.len() >= need.tail.len() && {
            let same = need
                .tail
                .iter()
                .zip(rest)
                .all(|((c, d), (k, kd))| c == k && d == kd);
            let flipped = need
                .tail
                .iter()
                .zip(rest)
                .all(|((c, d), (k, kd))| c == k && d != kd);
            same || flipped
        };
        if matches_tail {
            return Some(n + need.tail.len());
        }
        if n > 0
            && (key.unique && cols.len() == n || rows_per_key(cx, table, &cols[..n]) <= FEW_ROWS)
        {
            return Some(n);
        }
        if n == 0 {
            return None;
        }
    }
    let prefix: Vec<(String, bool)> = cols
        .iter()
        .take_while(|(c, _)| need.eq.contains(c))
        .cloned()
        .collect();
    if !prefix.is_empty() && rows_per_key(cx, table, &prefix) <= FEW_ROWS {
        return Some(prefix.len());
    }
    None
}

fn rows_per_key(cx: &Cx<'_>, table: &Table, cols: &[(String, bool)]) -> f64 {
    let d: f64 = cols.iter().map(|(c, _)| cx.distinct(table, c)).product();
    cx.rows(table) / d.max(1.0)
}

/// Whether some column of the access is bound by equality to a parameter or literal: its
/// [`TableAccess::equality_columns`] are not empty.
fn has_equality(t: &TableAccess) -> bool {
    t.equality
        .iter()
        .any(|e| !matches!(e.operand, Operand::Column { .. }))
}

fn is_boolean(table: &Table, column: &str) -> bool {
    table
        .column(column)
        .is_some_and(|c| c.data_type == DataType::Boolean)
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn best_key<'k>(
    cx: &Cx<'_>,
    table: &Table,
    need: &Need,
    keys: &'k [KeyIndex],
) -> Option<&'k KeyIndex> {
    keys.iter()
        .filter_map(|k| serves(cx, table, need, k).map(|q| (q, k)))
        .max_by(|(qa, ka), (qb, kb)| qa.cmp(qb).then(kb.columns.len().cmp(&ka.columns.len())))
        .map(|(_, k)| k)
}

struct Candidate {
    table: String,
    key: KeyIndex,
    include: Vec<String>,
    needs: Vec<usize>,
}

fn recommend(
    cx: &Cx<'_>,
    needs: &[Need],
    parallel: bool,
) -> (Vec<RecommendedIndex>, Vec<Option<usize>>) {
    let mut order: Vec<usize> = (0..needs.len())
        .filter(|&i| needs[i].served_by.is_none())
        .collect();
    order.sort_by(|&a, &b| {
        needs[a]
            .table
            .cmp(&needs[b].table)
            .then(needs[b].width().cmp(&needs[a].width()))
            .then(needs[b].weight.total_cmp(&needs[a].weight))
            .then(a.cmp(&b))
    });
    // How many unserved needs of a table use each column: shared columns lead.
    let mut uses: HashMap<(&str, &str), usize> = HashMap::new();
    for &i in &order {
        for c in &needs[i].eq {
            *uses
                .entry((needs[i].table.as_str(), c.as_str()))
                .or_default() += 1;
        }
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    // `order` is sorted by table: candidates of the current table start at `first`.
    let mut first = 0;
    for &i in &order {
        let need = &needs[i];
        let Some((_, table)) = cx.table(&need.table) else {
            continue;
        };
        if candidates.get(first).is_some_and(|c| c.table != need.table) {
            first = candidates.len();
        }
        if let Some(c) = candidates[first..]
            .iter_mut()
            .find(|c| serves(cx, table, need, &c.key).is_some())
        {
            c.needs.push(i);
            for col in &need.include {
                if !c.include.contains(col) && !c.key.columns.iter().any(|(k, _)| k == col) {
                    c.include.push(col.clone());
                }
            }
            continue;
        }
        let mut eq = need.eq.clone();
        eq.sort_by(|x, y| {
            let ux = uses
                .get(&(need.table.as_str(), x.as_str()))
                .copied()
                .unwrap_or(0);
            let uy = uses
                .get(&(need.table.as_str(), y.as_str()))
                .copied()
                .unwrap_or(0);
            uy.cmp(&ux)
                .then(cx.distinct(table, y).total_cmp(&cx.distinct(table, x)))
                .then(x.cmp(y))
        });
        let mut columns: Vec<(String, bool)> = eq.into_iter().map(|c| (c, false)).collect();
        columns.extend(need.tail.iter().cloned());
        candidates.push(Candidate {
            table: need.table.clone(),
            key: KeyIndex {
                id: String::new(),
                kind: crate::context::KeyKind::Index,
                columns,
                expressions: Vec::new(),
                unique: false,
                partial: need.predicate.clone(),
                btree: true,
            },
            include: need.include.clone(),
            needs: vec![i],
        });
    }
    let mut chosen = Vec::new();
    let mut need_index = vec![None; needs.len()];
    for c in candidates {
        let Some((_, table)) = cx.table(&c.table) else {
            continue;
        };
        let rows = cx.rows(table);
        let read_weight: f64 = c.needs.iter().map(|&i| needs[i].weight).sum();
        let benefit = read_weight * (rows / ROWS_PER_PAGE);
        let cost = cx.load(&c.table).write * INDEX_WRITE_COST;
        if benefit <= cost {
            continue;
        }
        for &i in &c.needs {
            need_index[i] = Some(chosen.len());
        }
        chosen.push((table, c, rows, benefit, cost));
    }
    // Naming and writing the DDL of each index is the costly part.
    let out = crate::parallel::map(&chosen, parallel, |(table, c, rows, benefit, cost)| {
        build(cx, table, c, needs, *rows, *benefit, *cost)
    });
    (out, need_index)
}

fn build(
    cx: &Cx<'_>,
    table: &Table,
    c: &Candidate,
    needs: &[Need],
    rows: f64,
    benefit: f64,
    cost: f64,
) -> RecommendedIndex {
    let mut patterns: Vec<String> = Vec::new();
    for &i in &c.needs {
        let name = &cx.pattern(&cx.patterns[needs[i].pattern]).name;
        if !patterns.contains(name) {
            patterns.push(name.clone());
        }
    }
    let columns: Vec<String> = c
        .key
        .columns
        .iter()
        .map(|(id, _)| table.column_name(id).to_string())
        .collect();
    let descending: Vec<String> = c
        .key
        .columns
        .iter()
        .filter(|(_, d)| *d)
        .map(|(id, _)| table.column_name(id).to_string())
        .collect();
    let include: Vec<String> = c
        .include
        .iter()
        .map(|id| table.column_name(id).to_string())
        .collect();
    let first = &needs[c.needs[0]];
    let mut why = Vec::new();
    if !first.eq.is_empty() {
        let names: Vec<&str> = first.eq.iter().map(|c| table.column_name(c)).collect();
        why.push(format!("equality on {}", names.join(", ")));
    }
    if !first.tail.is_empty() {
        let names: Vec<&str> = first
            .tail
            .iter()
            .map(|(c, _)| table.column_name(c))
            .collect();
        why.push(format!("then range or order on {}", names.join(", ")));
    }
    let reason = format!(
        "serves {} ({}); avoids scanning ~{} rows of {}; read benefit {:.0} vs write cost {:.0}",
        patterns.join(", "),
        why.join(", "),
        rows as u64,
        table.name,
        benefit,
        cost
    );
    let name = crate::ddl::index_name(cx.design, table, &columns);
    let mut rec = RecommendedIndex {
        table: table.name.clone(),
        table_id: table.id.clone(),
        name,
        columns,
        descending,
        include,
        predicate: c.key.partial.clone(),
        unique: false,
        patterns,
        reason,
        ddl: String::new(),
        column_ids: c.key.columns.clone(),
        include_ids: c.include.clone(),
    };
    rec.ddl = crate::ddl::create_index(cx.design, table, &rec);
    rec
}

fn existing_use(cx: &Cx<'_>, needs: &[Need]) -> Vec<ExistingIndex> {
    if cx.patterns.is_empty() {
        return Vec::new();
    }
    let mut by_key: HashMap<(&str, &str), Vec<&Need>> = HashMap::new();
    for n in needs {
        if let Some(k) = &n.served_by {
            by_key
                .entry((n.table.as_str(), k.as_str()))
                .or_default()
                .push(n);
        }
    }
    let mut out = Vec::new();
    for t in &cx.design.tables {
        for x in &t.indexes {
            let mut patterns: Vec<String> = Vec::new();
            let served = by_key.get(&(t.id.as_str(), x.id.as_str()));
            for n in served.into_iter().flatten() {
                let name = &cx.pattern(&cx.patterns[n.pattern]).name;
                if !patterns.contains(name) {
                    patterns.push(name.clone());
                }
            }
            out.push(ExistingIndex {
                table: t.name.clone(),
                table_id: t.id.clone(),
                index: x.id.clone(),
                verdict: if patterns.is_empty() {
                    "unused"
                } else {
                    "kept"
                }
                .into(),
                patterns,
            });
        }
    }
    out
}
