//! The search over whole-design plans: one seed per promising domain (its family takes every
//! table that has a column of it), the plans people usually consider, then the best seeds
//! improved by moving one table at a time while the objective grows.

use std::collections::HashMap;

use super::candidates::{Cand, Candidates};
use super::domains::Domains;
use super::eval::{Choice, Ctx, FkFacts, State};
use super::facts::Facts;
use crate::context::Cx;

/// Seeds improved by local search.
const IMPROVED: usize = 6;
/// Passes of the local search over the tables.
const PASSES: usize = 6;
/// Plans named after a column name (`created_at`, `country`, ...).
const NAME_SEEDS: usize = 8;

/// Where a plan came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Origin {
    /// The family of this domain first, then improved (or not).
    Domain(u32),
    /// Each table by its primary key.
    PrimaryKeys,
    /// Every table that has a column of this name, by it.
    Name(String),
}

/// A scored plan.
pub(crate) struct Scored {
    pub origin: Origin,
    pub state: State,
    pub objective: f64,
    pub share: f64,
}

/// The search's result: the chosen plan first, then every other distinct plan scored.
pub(crate) struct SearchResult {
    pub best: Scored,
    pub others: Vec<Scored>,
}

pub(crate) fn search(
    cx: &Cx<'_>,
    facts: &Facts,
    doms: &Domains,
    cands: &Candidates,
) -> SearchResult {
    let fks = FkFacts::new(cx.design, facts);
    let ctx = Ctx {
        facts,
        doms,
        cands,
        fks: &fks,
    };
    let score = |origin: Origin, choice: Vec<Choice>| {
        let state = ctx.state(choice);
        Scored {
            origin,
            objective: ctx.objective(&state),
            share: ctx.share(&state),
            state,
        }
    };
    // Every domain's family, and (domain `u32::MAX`, matching no column) every table on its own.
    // A family seed differs from the all-standalone plan in a few tables: it is scored by moving
    // those tables in a copy of that plan rather than from scratch.
    let base = ctx.state(settle(cands, &fks, domain_seed(cands, u32::MAX)));
    let mut seeds: Vec<Scored> = top_domains(cands)
        .into_iter()
        .map(|d| {
            let choice = settle(cands, &fks, domain_seed(cands, d));
            let mut state = base.clone();
            for (t, &c) in choice.iter().enumerate() {
                ctx.set(&mut state, t, c);
            }
            Scored {
                origin: Origin::Domain(d),
                objective: ctx.objective(&state),
                share: ctx.share(&state),
                state,
            }
        })
        .collect();
    seeds.push(Scored {
        origin: Origin::Domain(u32::MAX),
        objective: ctx.objective(&base),
        share: ctx.share(&base),
        state: base,
    });
    seeds.sort_by(|a, b| b.objective.total_cmp(&a.objective));
    let mut named = vec![score(
        Origin::PrimaryKeys,
        settle(cands, &fks, primary_key_seed(cands)),
    )];
    for name in considered_names(cx, cands) {
        let choice = name_seed(cx, cands, &name);
        named.push(score(Origin::Name(name), choice));
    }
    // Improve the best domain seeds; the named plans stay as people would write them.
    let mut improved = Vec::new();
    for s in seeds.iter().take(IMPROVED) {
        let mut state = s.state.clone();
        climb(&ctx, &mut state);
        let state = ctx.state(settle(cands, &fks, state.choice));
        improved.push(Scored {
            origin: s.origin.clone(),
            objective: ctx.objective(&state),
            share: ctx.share(&state),
            state,
        });
    }
    let mut all: Vec<Scored> = improved.into_iter().chain(seeds).chain(named).collect();
    // Best first; the earlier (improved) plan wins a tie.
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&a, &b| {
        all[b]
            .objective
            .total_cmp(&all[a].objective)
            .then(a.cmp(&b))
    });
    let mut taken: Vec<Option<Scored>> = all.drain(..).map(Some).collect();
    let mut sorted: Vec<Scored> = order.iter().filter_map(|&i| taken[i].take()).collect();
    let best = sorted.remove(0);
    // One plan per distinct set of choices.
    let mut seen = vec![best.state.choice.clone()];
    let others = sorted
        .into_iter()
        .filter(|s| {
            if seen.contains(&s.state.choice) {
                false
            } else {
                seen.push(s.state.choice.clone());
                true
            }
        })
        .collect();
    SearchResult { best, others }
}

/// Every domain with a candidate column, most rate-weighted equality bindings first.
fn top_domains(cands: &Candidates) -> Vec<u32> {
    let mut weight: HashMap<u32, (f64, usize)> = HashMap::new();
    for t in &cands.tables {
        for c in t.cands.iter().filter(|c| !c.considered_only) {
            let e = weight.entry(c.domain).or_default();
            e.0 += c.bound_weight;
            e.1 += 1;
        }
    }
    let mut v: Vec<(u32, f64, usize)> = weight.into_iter().map(|(d, (w, n))| (d, w, n)).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(d, _, _)| d).collect()
}

/// The best candidate by rate-weighted bindings, then spread, then primary key, then position.
fn best_of<'c>(cands: impl Iterator<Item = &'c Cand>, pk: Option<u32>) -> Option<u32> {
    cands
        .filter(|c| !c.considered_only)
        .max_by(|a, b| {
            (a.bound_weight * a.spread)
                .total_cmp(&(b.bound_weight * b.spread))
                .then(a.spread.total_cmp(&b.spread))
                .then((Some(a.column) == pk).cmp(&(Some(b.column) == pk)))
                .then(b.column.cmp(&a.column))
        })
        .map(|c| c.column)
}

/// A table on its own: reference when it may be, else its best candidate.
fn standalone(cands: &Candidates, t: usize) -> Choice {
    let info = &cands.tables[t];
    if info.reference_ok {
        return Choice::Reference;
    }
    match best_of(info.cands.iter(), info.pk_first) {
        Some(c) => Choice::Dist(c),
        None => Choice::Local,
    }
}

pub(crate) fn domain_seed(cands: &Candidates, domain: u32) -> Vec<Choice> {
    cands
        .tables
        .iter()
        .enumerate()
        .map(|(t, info)| {
            match best_of(
                info.cands.iter().filter(|c| c.domain == domain),
                info.pk_first,
            ) {
                Some(c) if !(info.reference_ok && info.rows < 1_000.0) => Choice::Dist(c),
                _ => standalone(cands, t),
            }
        })
        .collect()
}

fn primary_key_seed(cands: &Candidates) -> Vec<Choice> {
    cands
        .tables
        .iter()
        .map(|info| match info.pk_first {
            Some(k) if info.cand(k).is_some() => Choice::Dist(k),
            _ => best_of(info.cands.iter(), None).map_or(Choice::Local, Choice::Dist),
        })
        .collect()
}

/// Column names people consider as a key: the common ones present, and candidate names shared
/// by several tables, most tables first.
fn considered_names(cx: &Cx<'_>, cands: &Candidates) -> Vec<String> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for (t, info) in cands.tables.iter().enumerate() {
        for c in &info.cands {
            let name = cx.design.tables[t].columns[c.column as usize]
                .name
                .to_lowercase();
            *count.entry(name).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = count
        .into_iter()
        .filter(|(name, n)| {
            *n >= 2 || matches!(name.as_str(), "created_at" | "country" | "country_code")
        })
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // The common names are always among the plans compared.
    v.sort_by_key(|(name, _)| !matches!(name.as_str(), "created_at" | "country"));
    v.into_iter().take(NAME_SEEDS).map(|(n, _)| n).collect()
}

/// Every table that has a column of this name distributed by it; the others by their primary key.
fn name_seed(cx: &Cx<'_>, cands: &Candidates, name: &str) -> Vec<Choice> {
    let pk = primary_key_seed(cands);
    cands
        .tables
        .iter()
        .enumerate()
        .map(|(t, info)| {
            info.cands
                .iter()
                .find(|c| {
                    cx.design.tables[t].columns[c.column as usize]
                        .name
                        .eq_ignore_ascii_case(name)
                })
                .map_or(pk[t], |c| Choice::Dist(c.column))
        })
        .collect()
}

/// Tables the worksheet does not use follow the foreign keys: co-located with the parent they
/// reference by its key, else reference when small, else local.
pub(crate) fn settle(cands: &Candidates, fks: &FkFacts, mut choice: Vec<Choice>) -> Vec<Choice> {
    for t in 0..choice.len() {
        let info = &cands.tables[t];
        if info.touched() {
            continue;
        }
        let mut placed = None;
        for &f in &fks.by_table[t] {
            let (c, p, pairs) = &fks.fks[f as usize];
            if *c as usize != t {
                continue;
            }
            if let Choice::Dist(kp) = choice[*p as usize]
                && let Some(&(kc, _)) = pairs.iter().find(|(_, r)| *r == kp)
                && cands.tables[t].cand(kc).is_some()
            {
                placed = Some(Choice::Dist(kc));
                break;
            }
        }
        let linked = !fks.by_table[t].is_empty();
        choice[t] = placed.unwrap_or(if info.reference_ok && linked {
            Choice::Reference
        } else {
            Choice::Local
        });
    }
    choice
}

/// Hill climbing: move one used table at a time to its best option while the objective grows.
fn climb(ctx: &Ctx<'_>, state: &mut State) {
    let mut tables: Vec<usize> = (0..ctx.cands.tables.len())
        .filter(|&t| ctx.cands.tables[t].touched())
        .collect();
    tables.sort_by(|&a, &b| {
        ctx.cands.tables[b]
            .load
            .total_cmp(&ctx.cands.tables[a].load)
            .then(a.cmp(&b))
    });
    for _ in 0..PASSES {
        let mut moved = false;
        for &t in &tables {
            let info = &ctx.cands.tables[t];
            let mut best = (ctx.objective(state), state.choice[t]);
            let options = info
                .cands
                .iter()
                .filter(|c| !c.nullable)
                .map(|c| Choice::Dist(c.column))
                .chain(info.reference_ok.then_some(Choice::Reference));
            let start = state.choice[t];
            for option in options {
                if option == start {
                    continue;
                }
                ctx.set(state, t, option);
                let o = ctx.objective(state);
                if o > best.0 + 1e-12 {
                    best = (o, option);
                }
            }
            ctx.set(state, t, best.1);
            moved |= best.1 != start;
        }
        if !moved {
            break;
        }
    }
}
