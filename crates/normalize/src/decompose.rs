//! Decompositions (3NF synthesis, BCNF) and the tests a user can run on their own
//! decomposition: lossless join (the chase) and dependency preservation.

use std::collections::HashMap;

use crate::attrs::AttrSet;
use crate::fd::{Fd, FdSet, merge_by_lhs, minimal_cover};
use crate::forms::subset_violation;
use crate::keys::candidate_keys;

/// Bernstein-style 3NF synthesis: one relation per left side of a minimal cover, a key
/// relation when no relation holds a candidate key, relations contained in others removed.
/// The result is lossless and dependency-preserving, and every relation is in 3NF.
pub fn synthesize_3nf(n: usize, fds: &[Fd]) -> Vec<AttrSet> {
    let cover = merge_by_lhs(&minimal_cover(fds));
    let set = FdSet::new(n, fds.to_vec());
    let mut rels: Vec<AttrSet> = cover.iter().map(|f| f.lhs.union(&f.rhs)).collect();
    if !rels.iter().any(|r| set.is_superkey(*r)) {
        let (keys, _) = candidate_keys(&set);
        rels.push(keys[0]);
    }
    remove_contained(rels)
}

/// BCNF decomposition by repeated splitting on a violating dependency. Lossless; every relation
/// is in BCNF; some dependencies may be lost (see [`lost_dependencies`]).
pub fn decompose_bcnf(n: usize, fds: &[Fd]) -> Vec<AttrSet> {
    let set = FdSet::new(n, fds.to_vec());
    let cover = minimal_cover(fds);
    let full = AttrSet::full(n);
    let mut work = std::collections::VecDeque::from([full]);
    let mut out = Vec::new();
    while let Some(z) = work.pop_front() {
        match split(&set, &cover, z, full) {
            Some((r1, r2)) => {
                work.push_back(r1);
                work.push_back(r2);
            }
            None => out.push(z),
        }
    }
    remove_contained(out)
}

/// Largest relation whose BCNF test enumerates attribute subsets; larger ones use the
/// pairwise test of Tsou and Fischer (sufficient, polynomial).
const EXACT_LIMIT: usize = 14;

/// Split `z` in two on a BCNF violation, or `None` when `z` is in BCNF.
fn split(set: &FdSet, cover: &[Fd], z: AttrSet, full: AttrSet) -> Option<(AttrSet, AttrSet)> {
    if z.len() <= 2 {
        return None;
    }
    let lhs = if z == full {
        cover
            .iter()
            .find(|f| !f.is_trivial() && !set.is_superkey(f.lhs))
            .map(|f| f.lhs)
    } else if z.len() <= EXACT_LIMIT {
        subset_violation(set, z)
    } else {
        return tsou_fischer_split(set, z);
    };
    let x = lhs?;
    let xc = set.closure(x).intersection(&z);
    Some((xc, z.difference(&xc.difference(&x))))
}

/// Shrink `z` while some pair `A, B` has `A` in the closure of the rest without both; the
/// relation left is in BCNF and `(Y - A) -> A`, so `z` splits losslessly into `Y` and `z - A`.
fn tsou_fischer_split(set: &FdSet, z: AttrSet) -> Option<(AttrSet, AttrSet)> {
    let mut y = z;
    let mut last_a = None;
    'shrink: loop {
        if y.len() <= 2 {
            break;
        }
        let members: Vec<usize> = y.iter().collect();
        for &a in &members {
            for &b in &members {
                if a == b {
                    continue;
                }
                let mut rest = y;
                rest.remove(a);
                rest.remove(b);
                if set.closure(rest).contains(a) {
                    y.remove(b);
                    last_a = Some(a);
                    continue 'shrink;
                }
            }
        }
        break;
    }
    let a = last_a?;
    let mut other = z;
    other.remove(a);
    Some((y, other))
}

fn remove_contained(rels: Vec<AttrSet>) -> Vec<AttrSet> {
    let mut out: Vec<AttrSet> = Vec::new();
    for (i, r) in rels.iter().enumerate() {
        let contained = rels
            .iter()
            .enumerate()
            .any(|(j, o)| j != i && r.is_subset(o) && (r != o || j < i));
        if !contained {
            out.push(*r);
        }
    }
    out
}

/// The chase: whether joining the projections onto `parts` always gives back the relation.
pub fn is_lossless(n: usize, fds: &[Fd], parts: &[AttrSet]) -> bool {
    if parts.is_empty() {
        return false;
    }
    // Tableau: 0 is the distinguished symbol of each column; others are unique per cell.
    let mut t: Vec<Vec<u32>> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (0..n)
                .map(|j| {
                    if p.contains(j) {
                        0
                    } else {
                        (i * n + j + 1) as u32
                    }
                })
                .collect()
        })
        .collect();
    let cover = minimal_cover(fds);
    loop {
        let mut changed = false;
        for fd in &cover {
            let lhs: Vec<usize> = fd.lhs.iter().collect();
            let mut groups: HashMap<Vec<u32>, Vec<usize>> = HashMap::new();
            for (ri, row) in t.iter().enumerate() {
                groups
                    .entry(lhs.iter().map(|&c| row[c]).collect())
                    .or_default()
                    .push(ri);
            }
            for rows in groups.values().filter(|r| r.len() > 1) {
                for col in fd.rhs.iter() {
                    let target = rows.iter().map(|&r| t[r][col]).min().unwrap_or(0);
                    for &r in rows {
                        let old = t[r][col];
                        if old != target {
                            for row in t.iter_mut() {
                                if row[col] == old {
                                    row[col] = target;
                                }
                            }
                            changed = true;
                        }
                    }
                }
            }
        }
        if t.iter().any(|row| row.iter().all(|v| *v == 0)) {
            return true;
        }
        if !changed {
            return false;
        }
    }
}

/// The dependencies of `fds` that the decomposition `parts` does not preserve (empty when it
/// is dependency-preserving). Polynomial: no projection is computed.
pub fn lost_dependencies(n: usize, fds: &[Fd], parts: &[AttrSet]) -> Vec<Fd> {
    let set = FdSet::new(n, fds.to_vec());
    minimal_cover(fds)
        .into_iter()
        .filter(|fd| {
            let mut z = fd.lhs;
            loop {
                let before = z;
                for p in parts {
                    z = z.union(&set.closure(z.intersection(p)).intersection(p));
                }
                if z == before {
                    break;
                }
            }
            !fd.rhs.is_subset(&z)
        })
        .collect()
}
