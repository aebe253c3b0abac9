//! The search's result turned into the plan people read: placements with reasons, families,
//! verdicts per pattern and statement, scored candidates, the alternatives and lookups.

use std::collections::BTreeMap;

use super::candidates::Candidates;
use super::domains::Domains;
use super::eval::{Choice, Route, judge, route};
use super::facts::Facts;
use super::search::{Origin, Scored, SearchResult};
use super::{
    Alternative, Candidate, Family, Lookup, PatternVerdict, Routing, ShardOptions, ShardPlan,
    StatementVerdict, TableCandidates, TableMode, TablePlan,
};
use crate::context::Cx;

/// Alternative plans from other families listed at most (named plans always are).
const DOMAIN_ALTERNATIVES: usize = 4;

pub(crate) fn build(
    cx: &Cx<'_>,
    facts: &Facts,
    doms: &Domains,
    cands: &Candidates,
    options: ShardOptions,
    result: SearchResult,
) -> ShardPlan {
    let design = cx.design;
    let best = &result.best;
    let choice = &best.state.choice;
    let key_dom = &best.state.key_dom;
    let key_name = |t: u32| match choice[t as usize] {
        Choice::Dist(k) => Some(design.tables[t as usize].columns[k as usize].name.clone()),
        _ => None,
    };
    let total = facts.total;
    let share_of = |w: f64| if total > 0.0 { w / total } else { 0.0 };

    // Families: distributed tables by the domain of their key, heaviest first.
    let mut by_domain: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (t, c) in choice.iter().enumerate() {
        if let Choice::Dist(_) = c {
            by_domain.entry(key_dom[t]).or_default().push(t);
        }
    }
    let mut families: Vec<(u32, Vec<usize>, f64)> = by_domain
        .into_iter()
        .map(|(d, tables)| {
            let w: f64 = facts
                .patterns
                .iter()
                .filter(|p| !p.stmts.is_empty())
                .filter(|p| p.tables.iter().any(|&t| tables.contains(&(t as usize))))
                .map(|p| p.weight)
                .sum();
            (d, tables, share_of(w))
        })
        .collect();
    families.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.0.cmp(&b.0))
    });
    let mut family_id: BTreeMap<u32, String> = BTreeMap::new();
    let families: Vec<Family> = families
        .into_iter()
        .enumerate()
        .map(|(i, (d, mut tables, share))| {
            let id = format!("f{}", i + 1);
            family_id.insert(d, id.clone());
            // The table whose own primary key is the domain leads; the rest by traffic.
            tables.sort_by(|&a, &b| {
                let lead = |t: usize| {
                    let tb = &design.tables[t];
                    let pk = tb.primary_key_columns();
                    matches!(choice[t], Choice::Dist(k) if pk.len() == 1 && pk[0] == tb.columns[k as usize].id)
                };
                lead(b)
                    .cmp(&lead(a))
                    .then(cands.tables[b].load.total_cmp(&cands.tables[a].load))
                    .then(a.cmp(&b))
            });
            Family {
                id,
                name: doms.name(d).to_string(),
                tables: tables.iter().map(|&t| design.tables[t].id.clone()).collect(),
                share,
            }
        })
        .collect();

    let tables: Vec<TablePlan> = design
        .tables
        .iter()
        .enumerate()
        .map(|(t, tb)| {
            let info = &cands.tables[t];
            let (mode, key, family, reason) = match choice[t] {
                Choice::Dist(k) => {
                    let c = &tb.columns[k as usize];
                    let fam = family_id.get(&key_dom[t]).cloned();
                    let routed = if info.load > 0.0 {
                        info.cand(k).map_or(0.0, |c| c.bound_weight) / info.load
                    } else {
                        0.0
                    };
                    let reason = if info.touched() {
                        format!(
                            "{:.0}% of the rate-weighted statements on it bind {} by equality; \
                             key domain {}",
                            routed * 100.0,
                            c.name,
                            doms.name(key_dom[t])
                        )
                    } else {
                        format!(
                            "not used by the worksheet; follows its foreign key into domain {}",
                            doms.name(key_dom[t])
                        )
                    };
                    (TableMode::Distributed, Some(c.id.clone()), fam, reason)
                }
                Choice::Reference => {
                    let writes = if info.load > 0.0 {
                        info.writes / info.load
                    } else {
                        0.0
                    };
                    (
                        TableMode::Reference,
                        None,
                        None,
                        format!(
                            "{} rows, {:.0}% of its statements write: copied to every node so \
                             joins to it stay on one shard",
                            info.rows as u64,
                            writes * 100.0
                        ),
                    )
                }
                Choice::Local => (
                    TableMode::Local,
                    None,
                    None,
                    "not used by the worksheet together with distributed tables".to_string(),
                ),
            };
            TablePlan {
                table: tb.id.clone(),
                name: tb.name.clone(),
                mode,
                key,
                family,
                reason,
            }
        })
        .collect();

    // Verdicts.
    let fam_name = |d: u32| {
        family_id
            .get(&d)
            .cloned()
            .unwrap_or_else(|| doms.name(d).to_string())
    };
    let mut patterns = Vec::with_capacity(facts.patterns.len());
    for p in &facts.patterns {
        let ap = &design.worksheet.patterns[p.index];
        let statements = p
            .stmts
            .iter()
            .map(|s| match route(s, choice, key_dom) {
                Route::Any => StatementVerdict {
                    statement: s.position,
                    routing: Routing::AnyNode,
                    value: None,
                    reason: None,
                    cause: None,
                },
                Route::Single(d, v) => StatementVerdict {
                    statement: s.position,
                    routing: Routing::SingleShard,
                    value: Some(format!("{} in {}", p.values[v as usize], fam_name(d))),
                    reason: None,
                    cause: None,
                },
                Route::Multi(w) => StatementVerdict {
                    statement: s.position,
                    routing: Routing::MultiShard,
                    value: None,
                    reason: Some(w.describe(design, key_name)),
                    cause: Some(w.cause()),
                },
            })
            .collect();
        let (single, why, fanout) = judge(p, choice, key_dom);
        let reason = if p.stmts.is_empty() {
            Some("no statement of it could be analysed".to_string())
        } else {
            why.map(|w| w.describe(design, key_name))
        };
        patterns.push(PatternVerdict {
            pattern: ap.id.clone(),
            name: ap.name.clone(),
            weight: p.weight,
            single_shard: single && !p.stmts.is_empty(),
            write_fanout: fanout,
            reason,
            cause: why.map(|w| w.cause()),
            statements,
        });
    }
    let mut distributed: Vec<&PatternVerdict> = patterns
        .iter()
        .zip(&facts.patterns)
        .filter(|(v, f)| !v.single_shard && !f.stmts.is_empty())
        .map(|(v, _)| v)
        .collect();
    distributed.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let distributed_patterns = distributed.iter().map(|v| v.pattern.clone()).collect();

    let candidates = table_candidates(cx, facts, doms, cands, choice, key_dom);
    let alternatives = alternatives(cx, doms, best, &result.others, &patterns);
    let lookups = lookups(cx, facts, cands, choice, key_dom);

    ShardPlan {
        engine: options.engine,
        shards: options.shards,
        single_shard_share: best.share,
        score: best.objective,
        tables,
        families,
        distributed_patterns,
        patterns,
        candidates,
        alternatives,
        lookups,
    }
}

fn table_candidates(
    cx: &Cx<'_>,
    facts: &Facts,
    doms: &Domains,
    cands: &Candidates,
    choice: &[Choice],
    key_dom: &[u32],
) -> Vec<TableCandidates> {
    let design = cx.design;
    let mut out = Vec::new();
    for (t, info) in cands.tables.iter().enumerate() {
        if !info.touched() {
            continue;
        }
        // Weight of joins and transactions with distributed partners, and of those a candidate
        // would co-locate: joined to the partner's key, or bound to a value that also binds the
        // partner's key.
        let mut joined = 0.0;
        let mut colocated: BTreeMap<u32, f64> = BTreeMap::new();
        for &p in &facts.by_table[t] {
            let p = &facts.patterns[p as usize];
            for s in &p.stmts {
                for j in &s.joins {
                    let sides = [
                        (j.left, j.left_col, j.right, j.right_col),
                        (j.right, j.right_col, j.left, j.left_col),
                    ];
                    for (mine, my_col, other, other_col) in sides {
                        let (mt, ot) = (s.occs[mine as usize].table, s.occs[other as usize].table);
                        if mt as usize != t || ot as usize == t {
                            continue;
                        }
                        if let Choice::Dist(k) = choice[ot as usize] {
                            joined += p.weight;
                            if other_col == k && doms.of((t as u32, my_col)) == key_dom[ot as usize]
                            {
                                *colocated.entry(my_col).or_default() += p.weight;
                            }
                        }
                    }
                }
            }
            // Transactions: a value this table's column is bound to that binds the key of
            // another distributed table of the pattern too.
            let mut other_keys: Vec<(u32, u32)> = Vec::new(); // (domain, value)
            let mut mine: Vec<(u32, u32)> = Vec::new(); // (column, value)
            for s in &p.stmts {
                for o in &s.occs {
                    if o.table as usize == t {
                        mine.extend(o.bound.iter().copied());
                    } else if let Choice::Dist(k) = choice[o.table as usize] {
                        other_keys.extend(
                            o.bound
                                .iter()
                                .filter(|&&(c, _)| c == k)
                                .map(|&(_, v)| (key_dom[o.table as usize], v)),
                        );
                    }
                }
            }
            if !other_keys.is_empty() {
                joined += p.weight;
                let mut credited: Vec<u32> = Vec::new();
                for &(c, v) in &mine {
                    let d = doms.of((t as u32, c));
                    if !credited.contains(&c) && other_keys.contains(&(d, v)) {
                        credited.push(c);
                        *colocated.entry(c).or_default() += p.weight;
                    }
                }
            }
        }
        let mut list: Vec<Candidate> = info
            .cands
            .iter()
            .map(|c| {
                let routability = if info.load > 0.0 {
                    (c.bound_weight / info.load).min(1.0)
                } else {
                    0.0
                };
                let colocation = if joined > 0.0 {
                    (colocated.get(&c.column).copied().unwrap_or(0.0) / joined).min(1.0)
                } else {
                    0.0
                };
                Candidate {
                    column: design.tables[t].columns[c.column as usize].id.clone(),
                    score: (0.8 * routability + 0.2 * colocation) * c.spread,
                    routability,
                    colocation,
                    distinct: c.distinct,
                    low_cardinality: c.low_cardinality,
                    monotonic: c.monotonic,
                    skew: c.skew,
                    write_fanout: c.unbound_writes,
                    chosen: choice[t] == Choice::Dist(c.column),
                }
            })
            .collect();
        list.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.column.cmp(&b.column)));
        out.push(TableCandidates {
            table: design.tables[t].id.clone(),
            candidates: list,
        });
    }
    out
}

fn label(doms: &Domains, origin: &Origin) -> String {
    match origin {
        Origin::Domain(d) => format!("co-locate by {}", doms.name(*d)),
        Origin::PrimaryKeys => "each table by its primary key".to_string(),
        Origin::Name(n) => format!("distribute by {n}"),
    }
}

fn alternatives(
    cx: &Cx<'_>,
    doms: &Domains,
    best: &Scored,
    others: &[Scored],
    verdicts: &[PatternVerdict],
) -> Vec<Alternative> {
    let design = cx.design;
    let best_label = label(doms, &best.origin);
    let mut labels = vec![best_label];
    let mut out = Vec::new();
    let mut domain_plans = 0;
    for s in others {
        let name = label(doms, &s.origin);
        if labels.contains(&name) {
            continue;
        }
        // The plans people name (primary keys, created_at, country) are always compared; of
        // the other families only the best few.
        if let Origin::Domain(d) = s.origin {
            let members = s.state.key_dom.iter().filter(|&&k| k == d).count();
            if domain_plans == DOMAIN_ALTERNATIVES || members < 2 {
                continue;
            }
            domain_plans += 1;
        }
        labels.push(name.clone());
        let distributed: Vec<String> = s
            .state
            .single
            .iter()
            .zip(&design.worksheet.patterns)
            .zip(verdicts)
            .filter(|((ok, _), v)| !**ok && !v.statements.is_empty())
            .map(|((_, ap), _)| ap.id.clone())
            .collect();
        let lost: Vec<&PatternVerdict> = verdicts
            .iter()
            .zip(&s.state.single)
            .filter(|(v, ok)| v.single_shard && !**ok)
            .map(|(v, _)| v)
            .collect();
        let verdict = if s.share + 1e-9 < best.share {
            let example = lost
                .iter()
                .max_by(|a, b| a.weight.total_cmp(&b.weight))
                .map(|v| format!(", e.g. {}", v.name))
                .unwrap_or_default();
            format!(
                "{} single-shard against {}: {} more pattern(s) fan out{}",
                percent(s.share),
                percent(best.share),
                lost.len(),
                example
            )
        } else {
            format!(
                "{} single-shard, but its keys spread rows worse over the shards or keep \
                 fewer foreign keys",
                percent(s.share)
            )
        };
        let tables = s
            .state
            .choice
            .iter()
            .enumerate()
            .map(|(t, c)| {
                let tb = &design.tables[t];
                let v = match c {
                    Choice::Dist(k) => tb.columns[*k as usize].id.clone(),
                    Choice::Reference => "reference".to_string(),
                    Choice::Local => "local".to_string(),
                };
                (tb.id.clone(), v)
            })
            .collect();
        out.push(Alternative {
            name,
            single_shard_share: s.share,
            score: s.objective,
            distributed_patterns: distributed,
            tables,
            verdict,
        });
    }
    out
}

fn lookups(
    cx: &Cx<'_>,
    facts: &Facts,
    cands: &Candidates,
    choice: &[Choice],
    key_dom: &[u32],
) -> Vec<Lookup> {
    let design = cx.design;
    let mut found: BTreeMap<(u32, u32), (f64, Vec<String>)> = BTreeMap::new();
    for (p, info) in facts.patterns.iter().zip(&cx.patterns) {
        if !cx.is_hot(info) {
            continue;
        }
        for s in &p.stmts {
            let Route::Multi(super::eval::Why::NoKeyFilter { table }) = route(s, choice, key_dom)
            else {
                continue;
            };
            let Some(o) = s.occs.iter().find(|o| o.table == table && !o.write) else {
                continue;
            };
            // The most selective bound column: unique ones first.
            let tb = &design.tables[table as usize];
            let best = o
                .bound
                .iter()
                .map(|&(c, _)| c)
                .filter(|&c| cands.tables[table as usize].cand(c).is_some())
                .max_by(|&a, &b| {
                    let d = |c: u32| cx.distinct(tb, &tb.columns[c as usize].id);
                    d(a).total_cmp(&d(b)).then(b.cmp(&a))
                });
            if let Some(c) = best {
                let e = found.entry((table, c)).or_default();
                e.0 += p.weight;
                let id = design.worksheet.patterns[p.index].id.clone();
                if !e.1.contains(&id) {
                    e.1.push(id);
                }
            }
        }
    }
    let mut out: Vec<Lookup> = found
        .into_iter()
        .map(|((t, c), (weight, patterns))| {
            let tb = &design.tables[t as usize];
            let id = &tb.columns[c as usize].id;
            let unique = crate::context::key_indexes(tb)
                .iter()
                .any(|k| k.unique && k.columns.len() == 1 && &k.columns[0].0 == id);
            Lookup {
                table: tb.id.clone(),
                column: id.clone(),
                unique,
                weight,
                patterns,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.table.cmp(&b.table))
            .then(a.column.cmp(&b.column))
    });
    out
}

/// A share as a percentage with one decimal that never rounds up to 100% or down to 0%.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p < 100.0 && p > 99.95 {
        ">99.9%".to_string()
    } else if p > 0.0 && p < 0.05 {
        "<0.1%".to_string()
    } else {
        format!("{p:.1}%")
    }
}
