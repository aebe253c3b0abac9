//! Candidate distribution columns of each table, with what the search needs to weigh them: how
//! often the worksheet binds them, how well they spread rows over the shards, and whether the
//! table is small and quiet enough to be a reference table.

use schemata_model::{DataType, DefaultValue, Table};

use super::ShardOptions;
use super::domains::Domains;
use super::facts::Facts;
use crate::context::Cx;

/// Tables with more rows are never copied to every node.
pub const REFERENCE_MAX_ROWS: f64 = 100_000.0;
/// A reference table takes at most this share of writes among the statements on it.
pub const REFERENCE_MAX_WRITE_SHARE: f64 = 0.1;

/// Column names people commonly consider as a distribution key, besides keys and foreign keys.
const CONSIDERED: &[&str] = &[
    "created_at",
    "country",
    "country_code",
    "region",
    "status",
    "tenant_id",
];

/// One candidate column of a table.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub column: u32,
    pub domain: u32,
    /// 0 to 1: how well the column spreads rows over the shards.
    pub spread: f64,
    pub distinct: f64,
    pub low_cardinality: bool,
    pub monotonic: bool,
    pub skew: Option<f64>,
    /// Rate-weighted statements on the table binding the column by equality.
    pub bound_weight: f64,
    /// Rate-weighted writes on the table that do not bind the column.
    pub unbound_writes: f64,
    /// Only listed because people consider such columns; not a key, foreign key or predicate.
    pub considered_only: bool,
    /// The column allows NULL: compared, never chosen.
    pub nullable: bool,
}

/// What the search knows of one table.
#[derive(Debug, Clone)]
pub(crate) struct TableInfo {
    pub cands: Vec<Cand>,
    /// Rate-weighted statements on the table, and the writes among them.
    pub load: f64,
    pub writes: f64,
    pub rows: f64,
    pub reference_ok: bool,
    /// First primary-key column, if any.
    pub pk_first: Option<u32>,
}

impl TableInfo {
    pub fn cand(&self, column: u32) -> Option<&Cand> {
        self.cands.iter().find(|c| c.column == column)
    }

    /// Whether the worksheet uses the table.
    pub fn touched(&self) -> bool {
        self.load > 0.0
    }
}

pub(crate) struct Candidates {
    pub tables: Vec<TableInfo>,
}

impl Candidates {
    pub fn new(cx: &Cx<'_>, facts: &Facts, doms: &Domains, options: ShardOptions) -> Self {
        let design = cx.design;
        let shards = options.shards.max(1);
        let tables = design
            .tables
            .iter()
            .enumerate()
            .map(|(ti, t)| table_info(cx, facts, doms, ti as u32, t, shards))
            .collect();
        Candidates { tables }
    }
}

fn table_info(
    cx: &Cx<'_>,
    facts: &Facts,
    doms: &Domains,
    ti: u32,
    t: &Table,
    shards: u32,
) -> TableInfo {
    let cols = &facts.columns[ti as usize];
    let n = t.columns.len();
    let mut bound = vec![0.0; n];
    let mut unbound_writes = vec![0.0; n];
    let mut used = vec![false; n];
    let (mut load, mut writes) = (0.0, 0.0);
    for &p in &facts.by_table[ti as usize] {
        let p = &facts.patterns[p as usize];
        for s in &p.stmts {
            for o in s.occs.iter().filter(|o| o.table == ti) {
                load += p.weight;
                if o.write {
                    writes += p.weight;
                }
                for c in 0..n {
                    let is_bound = o.bound.iter().any(|&(bc, _)| bc as usize == c);
                    if is_bound {
                        bound[c] += p.weight;
                        // Inserted values route a row but do not make a column a candidate.
                        used[c] |= o.bound[..o.predicates]
                            .iter()
                            .any(|&(bc, _)| bc as usize == c);
                    } else if o.write {
                        unbound_writes[c] += p.weight;
                    }
                }
                for &c in &o.in_lists {
                    used[c as usize] = true;
                }
            }
            for j in &s.joins {
                if s.occs[j.left as usize].table == ti {
                    used[j.left_col as usize] = true;
                }
                if s.occs[j.right as usize].table == ti {
                    used[j.right_col as usize] = true;
                }
            }
        }
    }
    let mut key_like = vec![false; n];
    let mark = |ids: &[String], key_like: &mut Vec<bool>| {
        for id in ids {
            if let Some(&c) = cols.get(id) {
                key_like[c as usize] = true;
            }
        }
    };
    mark(t.primary_key_columns(), &mut key_like);
    for u in &t.uniques {
        mark(&u.columns, &mut key_like);
    }
    for fk in &t.foreign_keys {
        mark(&fk.columns, &mut key_like);
    }
    let mut cands = Vec::new();
    for (ci, c) in t.columns.iter().enumerate() {
        let considered = CONSIDERED.contains(&c.name.to_lowercase().as_str());
        // Citus and Vitess refuse a row whose distribution value is NULL: a nullable column is
        // listed only when people would consider it, and never chosen.
        let listed = if c.nullable {
            considered
        } else {
            key_like[ci] || used[ci] || considered
        };
        if !listed || !distributable(&c.data_type) {
            continue;
        }
        let distinct = distinct(cx, t, &c.id);
        let low_cardinality = distinct < f64::from(shards)
            || matches!(c.data_type, DataType::Boolean | DataType::Enum(_));
        let monotonic = c.identity.is_some()
            || (c.data_type.is_temporal()
                && (c.name.ends_with("_at")
                    || c.name.ends_with("_on")
                    || matches!(&c.default, Some(DefaultValue::Expr { .. }))))
            || matches!(&c.default, Some(DefaultValue::Expr { expr }) if expr.to_lowercase().contains("nextval"));
        let skew = c.skew.filter(|s| s.is_finite());
        let mut spread = (distinct / f64::from(shards)).min(1.0);
        if let Some(s) = skew {
            let fair = 1.0 / f64::from(shards);
            if s > fair {
                spread *= (1.0 - (s - fair)).max(0.3);
            }
        }
        if c.nullable {
            spread *= 0.5;
        }
        if c.data_type.is_temporal() {
            // Every recent row shares a narrow range of values; time-range reads fan out.
            spread *= 0.97;
        }
        cands.push(Cand {
            column: ci as u32,
            domain: doms.of((ti, ci as u32)),
            spread,
            distinct,
            low_cardinality,
            monotonic,
            skew,
            bound_weight: bound[ci],
            unbound_writes: unbound_writes[ci],
            considered_only: c.nullable || !(key_like[ci] || used[ci]),
            nullable: c.nullable,
        });
    }
    let rows = cx.rows(t);
    let pk_first = t
        .primary_key_columns()
        .first()
        .and_then(|id| cols.get(id).copied());
    TableInfo {
        cands,
        load,
        writes,
        rows,
        reference_ok: rows <= REFERENCE_MAX_ROWS
            && (load == 0.0 || writes <= REFERENCE_MAX_WRITE_SHARE * load),
        pk_first,
    }
}

/// Types a distribution column can have: no floating point, documents or binary.
fn distributable(t: &DataType) -> bool {
    !matches!(
        t,
        DataType::Real
            | DataType::Double
            | DataType::Json
            | DataType::Jsonb
            | DataType::Bytes
            | DataType::Array(_)
    )
}

/// Distinct values of a column: the context's estimate, capped by the rows of the table a
/// foreign key on the column references.
fn distinct(cx: &Cx<'_>, t: &Table, column: &str) -> f64 {
    let mut d = cx.distinct(t, column);
    for fk in &t.foreign_keys {
        if fk.columns.iter().any(|c| c == column)
            && let Some((_, parent)) = cx.table(&fk.references)
        {
            d = d.min(cx.rows(parent));
        }
    }
    d
}
