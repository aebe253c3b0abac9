//! Functional dependencies: closure, implication, equivalence, minimal cover, projection.

use crate::attrs::AttrSet;

/// A functional dependency `lhs -> rhs` over the attributes of one relation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Fd {
    pub lhs: AttrSet,
    pub rhs: AttrSet,
}

impl Fd {
    pub fn new(lhs: AttrSet, rhs: AttrSet) -> Fd {
        Fd { lhs, rhs }
    }

    /// A dependency whose right side lies inside its left side holds in every relation.
    pub fn is_trivial(&self) -> bool {
        self.rhs.is_subset(&self.lhs)
    }
}

/// A set of dependencies over a relation of `n` attributes, indexed for linear-time closure.
#[derive(Clone, Debug)]
pub struct FdSet {
    n: usize,
    fds: Vec<Fd>,
    /// For each attribute, the dependencies whose left side contains it.
    uses: Vec<Vec<u32>>,
    lhs_len: Vec<u32>,
    /// Dependencies with an empty left side (constants).
    unconditional: AttrSet,
}

impl FdSet {
    pub fn new(n: usize, fds: Vec<Fd>) -> FdSet {
        let mut uses = vec![Vec::new(); n];
        let mut lhs_len = Vec::with_capacity(fds.len());
        let mut unconditional = AttrSet::EMPTY;
        for (i, fd) in fds.iter().enumerate() {
            let mut len = 0;
            for a in fd.lhs.iter() {
                if a < n {
                    uses[a].push(i as u32);
                    len += 1;
                }
            }
            if len == 0 {
                unconditional = unconditional.union(&fd.rhs);
            }
            lhs_len.push(len);
        }
        FdSet {
            n,
            fds,
            uses,
            lhs_len,
            unconditional,
        }
    }

    pub fn attrs(&self) -> usize {
        self.n
    }

    pub fn fds(&self) -> &[Fd] {
        &self.fds
    }

    /// The closure `x+`: every attribute that `x` determines. Linear in the size of the set
    /// (each dependency fires at most once, each attribute is queued at most once).
    pub fn closure(&self, x: AttrSet) -> AttrSet {
        let mut result = x.union(&self.unconditional);
        let mut remaining = self.lhs_len.clone();
        let mut queue: Vec<usize> = result.iter().collect();
        while let Some(a) = queue.pop() {
            for &fi in &self.uses[a] {
                let r = &mut remaining[fi as usize];
                *r -= 1;
                if *r == 0 {
                    let add = self.fds[fi as usize].rhs.difference(&result);
                    if !add.is_empty() {
                        result = result.union(&add);
                        queue.extend(add.iter());
                    }
                }
            }
        }
        result
    }

    /// Whether the set implies `fd`.
    pub fn implies(&self, fd: &Fd) -> bool {
        fd.rhs.is_subset(&self.closure(fd.lhs))
    }

    /// Whether two sets imply each other.
    pub fn equivalent(&self, other: &FdSet) -> bool {
        self.fds.iter().all(|f| other.implies(f)) && other.fds.iter().all(|f| self.implies(f))
    }

    /// Whether `x` determines every attribute.
    pub fn is_superkey(&self, x: AttrSet) -> bool {
        self.closure(x).len() >= self.n
    }
}

/// Closure by repeated passes, for small sets that change while they are examined.
pub(crate) fn closure_of(fds: &[Fd], x: AttrSet) -> AttrSet {
    let mut c = x;
    let mut used = vec![false; fds.len()];
    loop {
        let mut changed = false;
        for (i, fd) in fds.iter().enumerate() {
            if !used[i] && fd.lhs.is_subset(&c) {
                used[i] = true;
                if !fd.rhs.is_subset(&c) {
                    c = c.union(&fd.rhs);
                    changed = true;
                }
            }
        }
        if !changed {
            return c;
        }
    }
}

/// A minimal (canonical) cover: right sides single attributes, no extraneous left-side
/// attribute, no redundant dependency. Deterministic for the same input order.
pub fn minimal_cover(fds: &[Fd]) -> Vec<Fd> {
    // 1. Single attributes on the right, trivial parts dropped, duplicates removed.
    let mut g: Vec<Fd> = Vec::new();
    for fd in fds {
        for a in fd.rhs.difference(&fd.lhs).iter() {
            let f = Fd::new(fd.lhs, AttrSet::single(a));
            if !g.contains(&f) {
                g.push(f);
            }
        }
    }
    // 2. Extraneous left-side attributes.
    for i in 0..g.len() {
        let attrs: Vec<usize> = g[i].lhs.iter().collect();
        for b in attrs {
            let mut smaller = g[i].lhs;
            smaller.remove(b);
            if g[i].rhs.is_subset(&closure_of(&g, smaller)) {
                g[i].lhs = smaller;
            }
        }
    }
    let mut dedup: Vec<Fd> = Vec::with_capacity(g.len());
    for f in g {
        if !dedup.contains(&f) {
            dedup.push(f);
        }
    }
    // 3. Redundant dependencies.
    let mut i = 0;
    while i < dedup.len() {
        let fd = dedup.remove(i);
        if fd.rhs.is_subset(&closure_of(&dedup, fd.lhs)) {
            continue;
        }
        dedup.insert(i, fd);
        i += 1;
    }
    dedup
}

/// The cover with dependencies of equal left side merged (`A -> B`, `A -> C` become `A -> B,C`),
/// in order of first appearance.
pub fn merge_by_lhs(fds: &[Fd]) -> Vec<Fd> {
    let mut out: Vec<Fd> = Vec::new();
    for fd in fds {
        match out.iter_mut().find(|o| o.lhs == fd.lhs) {
            Some(o) => o.rhs = o.rhs.union(&fd.rhs),
            None => out.push(*fd),
        }
    }
    out
}

/// Largest attribute set that [`project`] enumerates subsets of.
pub const MAX_PROJECT_ATTRS: usize = 22;

/// The dependencies that hold on the attributes `s` (a minimal cover of the projection of
/// `fds` onto `s`). Exponential in `|s|`, so `s` is limited to [`MAX_PROJECT_ATTRS`] attributes;
/// returns `None` beyond that.
pub fn project(set: &FdSet, s: AttrSet) -> Option<Vec<Fd>> {
    let attrs: Vec<usize> = s.iter().collect();
    if attrs.len() > MAX_PROJECT_ATTRS {
        return None;
    }
    let m = attrs.len();
    let mut found: Vec<Fd> = Vec::new();
    let mut superkeys: Vec<AttrSet> = Vec::new();
    // Enumerate subsets by increasing size so that superkeys prune their supersets.
    let mut masks: Vec<u32> = (0..(1u32 << m)).collect();
    masks.sort_by_key(|x| (x.count_ones(), *x));
    for mask in masks {
        let x = AttrSet::from_indices((0..m).filter(|i| mask & (1 << i) != 0).map(|i| attrs[i]));
        if superkeys.iter().any(|k| k.is_subset(&x)) {
            continue;
        }
        let c = set.closure(x).intersection(&s);
        let add = c.difference(&x);
        if !add.is_empty() {
            found.push(Fd::new(x, add));
        }
        if c == s {
            superkeys.push(x);
        }
    }
    Some(minimal_cover(&found))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[usize]) -> AttrSet {
        AttrSet::from_indices(v.iter().copied())
    }

    #[test]
    fn closure_follows_chains() {
        // A->B, B->C, CD->E over A..E
        let f = FdSet::new(
            5,
            vec![
                Fd::new(s(&[0]), s(&[1])),
                Fd::new(s(&[1]), s(&[2])),
                Fd::new(s(&[2, 3]), s(&[4])),
            ],
        );
        assert_eq!(f.closure(s(&[0])), s(&[0, 1, 2]));
        assert_eq!(f.closure(s(&[0, 3])), s(&[0, 1, 2, 3, 4]));
        assert!(f.is_superkey(s(&[0, 3])));
        assert!(f.implies(&Fd::new(s(&[0]), s(&[2]))));
    }

    #[test]
    fn cover_drops_extraneous_and_redundant() {
        // A->B, AB->C, A->C: B is extraneous in AB->C, then A->C appears twice.
        let cover = minimal_cover(&[
            Fd::new(s(&[0]), s(&[1])),
            Fd::new(s(&[0, 1]), s(&[2])),
            Fd::new(s(&[0]), s(&[2])),
        ]);
        assert_eq!(
            cover,
            vec![Fd::new(s(&[0]), s(&[1])), Fd::new(s(&[0]), s(&[2]))]
        );
    }
}
