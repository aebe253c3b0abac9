//! Routing under a plan: whether a statement runs on one shard, and a pattern (a transaction)
//! on one shard with one value; the plan's objective, kept up to date as single tables move.

use schemata_model::Design;

use super::candidates::Candidates;
use super::domains::Domains;
use super::facts::{Facts, PFacts, Stmt};

/// How one table is placed in a plan under search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Choice {
    /// Distributed by this column.
    Dist(u32),
    Reference,
    Local,
}

/// Why a statement or pattern is not single-shard. Tables by position in the design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// No equality on the distribution column of this table: every shard is read.
    NoKeyFilter { table: u32 },
    /// An IN list on the distribution column: several shards.
    InList { table: u32 },
    /// A multi-row INSERT or INSERT ... SELECT into a distributed table.
    BulkInsert { table: u32 },
    /// A join between distributed tables that are not joined on co-located keys.
    NonColocatedJoin { left: u32, right: u32 },
    /// The statements of the transaction route by different values or families.
    DifferentValues,
    /// A write to a reference table goes to every node.
    WritesReference { table: u32 },
    /// An UPDATE assigns the distribution column.
    UpdatesKey { table: u32 },
    /// A local table used with distributed tables.
    LocalWithDistributed { table: u32 },
}

impl Why {
    /// The kind, without the tables.
    pub fn cause(&self) -> super::Cause {
        use super::Cause;
        match self {
            Why::NoKeyFilter { .. } => Cause::NoKeyFilter,
            Why::InList { .. } => Cause::InList,
            Why::BulkInsert { .. } => Cause::BulkInsert,
            Why::NonColocatedJoin { .. } => Cause::NonColocatedJoin,
            Why::DifferentValues => Cause::DifferentValues,
            Why::WritesReference { .. } => Cause::WritesReference,
            Why::UpdatesKey { .. } => Cause::UpdatesKey,
            Why::LocalWithDistributed { .. } => Cause::LocalWithDistributed,
        }
    }

    /// A sentence for people.
    pub fn describe(&self, design: &Design, plan_key: impl Fn(u32) -> Option<String>) -> String {
        let name = |t: u32| design.tables[t as usize].name.as_str();
        let key = |t: u32| plan_key(t).unwrap_or_else(|| "its key".to_string());
        match *self {
            Why::NoKeyFilter { table } => format!(
                "no equality on {}.{}: every shard is read",
                name(table),
                key(table)
            ),
            Why::InList { table } => format!(
                "an IN list on {}.{} reaches several shards",
                name(table),
                key(table)
            ),
            Why::BulkInsert { table } => {
                format!("inserts several rows into {}: several shards", name(table))
            }
            Why::NonColocatedJoin { left, right } => format!(
                "joins {} and {} other than on co-located distribution keys",
                name(left),
                name(right)
            ),
            Why::DifferentValues => {
                "its statements route by different values or families".to_string()
            }
            Why::WritesReference { table } => format!(
                "writes reference table {}, which is copied to every node",
                name(table)
            ),
            Why::UpdatesKey { table } => format!(
                "updates the distribution column {}.{}",
                name(table),
                key(table)
            ),
            Why::LocalWithDistributed { table } => format!(
                "uses local table {} together with distributed tables",
                name(table)
            ),
        }
    }
}

/// How one statement routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// Reads only reference or local tables.
    Any,
    /// One shard: (domain, value number in the pattern).
    Single(u32, u32),
    Multi(Why),
}

/// Route one statement. `key_dom[t]` is the domain of table t's key when distributed.
pub(crate) fn route(s: &Stmt, choice: &[Choice], key_dom: &[u32]) -> Route {
    const INLINE: usize = 24;
    let n = s.occs.len();
    if n > INLINE {
        let mut parent: Vec<u16> = (0..n as u16).collect();
        let mut value = vec![None; n];
        return route_in(s, choice, key_dom, &mut parent, &mut value);
    }
    let mut parent = [0u16; INLINE];
    for (i, p) in parent.iter_mut().enumerate().take(n) {
        *p = i as u16;
    }
    let mut value = [None; INLINE];
    route_in(s, choice, key_dom, &mut parent[..n], &mut value[..n])
}

fn route_in(
    s: &Stmt,
    choice: &[Choice],
    key_dom: &[u32],
    parent: &mut [u16],
    value: &mut [Option<u32>],
) -> Route {
    let n = s.occs.len();
    let mut any_dist = false;
    let mut local = None;
    for o in &s.occs {
        match choice[o.table as usize] {
            Choice::Reference if o.write => {
                return Route::Multi(Why::WritesReference { table: o.table });
            }
            Choice::Reference => {}
            Choice::Local => local = Some(o.table),
            Choice::Dist(k) => {
                any_dist = true;
                if o.assigned.contains(&k) {
                    return Route::Multi(Why::UpdatesKey { table: o.table });
                }
                if o.bulk_insert {
                    return Route::Multi(Why::BulkInsert { table: o.table });
                }
            }
        }
    }
    if !any_dist {
        return Route::Any;
    }
    if let Some(table) = local {
        return Route::Multi(Why::LocalWithDistributed { table });
    }
    let key = |i: usize| match choice[s.occs[i].table as usize] {
        Choice::Dist(k) => Some(k),
        _ => None,
    };
    fn root(parent: &mut [u16], mut x: u16) -> u16 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    let mut non_colocated = None;
    for j in &s.joins {
        let (l, r) = (j.left as usize, j.right as usize);
        let (Some(kl), Some(kr)) = (key(l), key(r)) else {
            continue;
        };
        let (tl, tr) = (s.occs[l].table, s.occs[r].table);
        if j.left_col == kl && j.right_col == kr && key_dom[tl as usize] == key_dom[tr as usize] {
            let (a, b) = (root(parent, j.left), root(parent, j.right));
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
            }
        } else {
            non_colocated = Some((tl, tr));
        }
    }
    for (i, o) in s.occs.iter().enumerate() {
        let Some(k) = key(i) else { continue };
        let r = root(parent, i as u16) as usize;
        for &(c, v) in &o.bound {
            if c == k {
                match value[r] {
                    None => value[r] = Some(v),
                    Some(w) if w != v => return Route::Multi(Why::DifferentValues),
                    Some(_) => {}
                }
            }
        }
    }
    let mut result: Option<(u32, u32)> = None;
    // Writes first, so that the reason names the table written when several are unrouted.
    let writes = (0..n).filter(|&i| s.occs[i].write);
    let reads = (0..n).filter(|&i| !s.occs[i].write);
    for i in writes.chain(reads) {
        let Some(k) = key(i) else { continue };
        let o = &s.occs[i];
        let r = root(parent, i as u16) as usize;
        match value[r] {
            None => {
                return Route::Multi(if let Some((left, right)) = non_colocated {
                    Why::NonColocatedJoin { left, right }
                } else if o.in_lists.contains(&k) {
                    Why::InList { table: o.table }
                } else {
                    Why::NoKeyFilter { table: o.table }
                });
            }
            Some(v) => {
                let here = (key_dom[o.table as usize], v);
                match result {
                    Some(prev) if prev != here => {
                        return Route::Multi(match non_colocated {
                            Some((left, right)) => Why::NonColocatedJoin { left, right },
                            None => Why::DifferentValues,
                        });
                    }
                    _ => result = Some(here),
                }
            }
        }
    }
    match result {
        Some((d, v)) => Route::Single(d, v),
        None => Route::Any,
    }
}

/// The verdict on a pattern: single-shard, the first reason it is not, and whether its writes
/// touch several shards.
pub(crate) fn judge(p: &PFacts, choice: &[Choice], key_dom: &[u32]) -> (bool, Option<Why>, bool) {
    let mut target: Option<(u32, u32)> = None;
    let mut why = None;
    let mut write_target: Option<(u32, u32)> = None;
    let mut fanout = false;
    for s in &p.stmts {
        let r = route(s, choice, key_dom);
        match r {
            Route::Any => {}
            Route::Single(d, v) => {
                if target.is_some_and(|t| t != (d, v)) && why.is_none() {
                    why = Some(Why::DifferentValues);
                }
                target.get_or_insert((d, v));
                if s.write {
                    if write_target.is_some_and(|t| t != (d, v)) {
                        fanout = true;
                    }
                    write_target.get_or_insert((d, v));
                }
            }
            Route::Multi(w) => {
                why.get_or_insert(w);
                if s.write {
                    fanout = true;
                }
            }
        }
    }
    (why.is_none(), why, fanout)
}

/// A plan under search with its running totals.
#[derive(Clone)]
pub(crate) struct State {
    pub choice: Vec<Choice>,
    pub key_dom: Vec<u32>,
    pub single: Vec<bool>,
    single_weight: f64,
    balance_num: f64,
    balance_den: f64,
    fk_kept: f64,
}

/// A foreign key: child table, parent table, column pairs child → parent.
pub(crate) type FkFact = (u32, u32, Vec<(u32, u32)>);

/// The foreign keys as column pairs, for the co-location tie-break.
pub(crate) struct FkFacts {
    pub fks: Vec<FkFact>,
    /// Foreign keys per table (as child or parent).
    pub by_table: Vec<Vec<u32>>,
}

impl FkFacts {
    pub fn new(design: &Design, facts: &Facts) -> Self {
        let mut fks = Vec::new();
        let mut by_table = vec![Vec::new(); design.tables.len()];
        let index: std::collections::HashMap<&str, usize> = design
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        for (ti, t) in design.tables.iter().enumerate() {
            for fk in &t.foreign_keys {
                let Some(&pi) = index.get(fk.references.as_str()) else {
                    continue;
                };
                let pairs: Vec<(u32, u32)> = fk
                    .columns
                    .iter()
                    .zip(fk.target_columns(design))
                    .filter_map(|(c, r)| {
                        Some((
                            *facts.columns[ti].get(c)?,
                            *facts.columns[pi].get(r.as_str())?,
                        ))
                    })
                    .collect();
                let n = fks.len() as u32;
                by_table[ti].push(n);
                if pi != ti {
                    by_table[pi].push(n);
                }
                fks.push((ti as u32, pi as u32, pairs));
            }
        }
        FkFacts { fks, by_table }
    }

    /// Whether the engine can keep this foreign key under the plan.
    pub fn kept(&self, fk: u32, choice: &[Choice]) -> bool {
        let (c, p, pairs) = &self.fks[fk as usize];
        match (choice[*c as usize], choice[*p as usize]) {
            (_, Choice::Reference) => true,
            (Choice::Local, Choice::Local) => true,
            (Choice::Dist(kc), Choice::Dist(kp)) => pairs.contains(&(kc, kp)),
            _ => false,
        }
    }
}

/// The context the objective needs.
pub(crate) struct Ctx<'a> {
    pub facts: &'a Facts,
    pub doms: &'a Domains,
    pub cands: &'a Candidates,
    pub fks: &'a FkFacts,
}

impl Ctx<'_> {
    fn spread(&self, t: usize, c: Choice) -> f64 {
        match c {
            Choice::Dist(k) => self.cands.tables[t].cand(k).map_or(0.5, |c| c.spread),
            Choice::Reference | Choice::Local => 1.0,
        }
    }

    fn key_dom(&self, t: usize, c: Choice) -> u32 {
        match c {
            Choice::Dist(k) => self.doms.of((t as u32, k)),
            _ => u32::MAX,
        }
    }

    /// Evaluate a whole plan.
    pub fn state(&self, choice: Vec<Choice>) -> State {
        let key_dom: Vec<u32> = choice
            .iter()
            .enumerate()
            .map(|(t, &c)| self.key_dom(t, c))
            .collect();
        let mut single = Vec::with_capacity(self.facts.patterns.len());
        let mut single_weight = 0.0;
        for p in &self.facts.patterns {
            let ok = !p.stmts.is_empty() && judge(p, &choice, &key_dom).0;
            if ok {
                single_weight += p.weight;
            }
            single.push(ok);
        }
        let (mut balance_num, mut balance_den) = (0.0, 0.0);
        for (t, &c) in choice.iter().enumerate() {
            let w = self.cands.tables[t].load;
            balance_num += w * self.spread(t, c);
            balance_den += w;
        }
        let fk_kept = (0..self.fks.fks.len() as u32)
            .filter(|&f| self.fks.kept(f, &choice))
            .count() as f64;
        State {
            choice,
            key_dom,
            single,
            single_weight,
            balance_num,
            balance_den,
            fk_kept,
        }
    }

    /// Move table `t` to `c`, updating the totals.
    pub fn set(&self, s: &mut State, t: usize, c: Choice) {
        let old = s.choice[t];
        if old == c {
            return;
        }
        for &f in &self.fks.by_table[t] {
            if self.fks.kept(f, &s.choice) {
                s.fk_kept -= 1.0;
            }
        }
        let w = self.cands.tables[t].load;
        s.balance_num += w * (self.spread(t, c) - self.spread(t, old));
        s.choice[t] = c;
        s.key_dom[t] = self.key_dom(t, c);
        for &f in &self.fks.by_table[t] {
            if self.fks.kept(f, &s.choice) {
                s.fk_kept += 1.0;
            }
        }
        for &p in &self.facts.by_table[t] {
            let pf = &self.facts.patterns[p as usize];
            let ok = !pf.stmts.is_empty() && judge(pf, &s.choice, &s.key_dom).0;
            if ok != s.single[p as usize] {
                s.single_weight += if ok { pf.weight } else { -pf.weight };
                s.single[p as usize] = ok;
            }
        }
    }

    /// Rate-weighted share of single-shard patterns (1 without a worksheet).
    pub fn share(&self, s: &State) -> f64 {
        if self.facts.total > 0.0 {
            (s.single_weight / self.facts.total).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// The objective: share times spread, plus a small tie-break for kept foreign keys.
    pub fn objective(&self, s: &State) -> f64 {
        let balance = if s.balance_den > 0.0 {
            s.balance_num / s.balance_den
        } else {
            1.0
        };
        let fk = if self.fks.fks.is_empty() {
            1.0
        } else {
            s.fk_kept / self.fks.fks.len() as f64
        };
        self.share(s) * balance + 1e-3 * fk
    }
}
