//! Normal-form verdicts with the dependency that breaks each form.

use serde::Serialize;

use crate::attrs::AttrSet;
use crate::fd::{Fd, FdSet, minimal_cover};
use crate::keys::{candidate_keys, prime_attributes};

/// The normal forms, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, ts_rs::TS)]
#[ts(export)]
pub enum NormalForm {
    #[serde(rename = "1NF")]
    First,
    #[serde(rename = "2NF")]
    Second,
    #[serde(rename = "3NF")]
    Third,
    #[serde(rename = "BCNF")]
    Bcnf,
}

impl NormalForm {
    pub fn as_str(self) -> &'static str {
        match self {
            NormalForm::First => "1NF",
            NormalForm::Second => "2NF",
            NormalForm::Third => "3NF",
            NormalForm::Bcnf => "BCNF",
        }
    }
}

impl std::fmt::Display for NormalForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a dependency breaks a normal form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// A non-prime attribute depends on part of a candidate key (breaks 2NF).
    PartialDependency { key: AttrSet },
    /// A non-prime attribute depends on a set that is not a superkey (breaks 3NF).
    TransitiveDependency,
    /// A prime attribute depends on a set that is not a superkey (breaks BCNF).
    NonKeyDeterminant,
}

/// One dependency that breaks a normal form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The first normal form this dependency breaks.
    pub breaks: NormalForm,
    pub fd: Fd,
    pub kind: ViolationKind,
}

/// Everything known about one relation under its dependencies.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub attrs: usize,
    pub keys: Vec<AttrSet>,
    /// False when key enumeration stopped early (more than [`crate::keys::MAX_KEYS`]).
    pub keys_complete: bool,
    pub prime: AttrSet,
    /// Minimal cover with single-attribute right sides.
    pub cover: Vec<Fd>,
    /// Highest normal form the relation satisfies (1NF assumed: atomic values).
    pub normal_form: NormalForm,
    pub violations: Vec<Violation>,
}

/// Analyse a relation of `n` attributes.
pub fn analyze(n: usize, fds: &[Fd]) -> Analysis {
    let set = FdSet::new(n, fds.to_vec());
    let (keys, keys_complete) = candidate_keys(&set);
    let prime = prime_attributes(&keys);
    let cover = minimal_cover(fds);
    let mut violations: Vec<Violation> = Vec::new();

    // 2NF: a non-prime attribute determined by a proper subset of some key.
    for key in &keys {
        for a in AttrSet::full(n).difference(&prime).iter() {
            if let Some(part) = smallest_determining_part(&set, *key, a)
                && !violations
                    .iter()
                    .any(|v: &Violation| v.fd.lhs == part && v.fd.rhs.contains(a))
            {
                violations.push(Violation {
                    breaks: NormalForm::Second,
                    fd: Fd::new(part, AttrSet::single(a)),
                    kind: ViolationKind::PartialDependency { key: *key },
                });
            }
        }
    }
    // 3NF and BCNF: checking the dependencies of a cover is enough.
    for fd in &cover {
        if set.is_superkey(fd.lhs) {
            continue;
        }
        let a = fd.rhs;
        let part_of_key = keys.iter().any(|k| fd.lhs.is_subset(k) && fd.lhs != *k);
        let already = violations.iter().any(|v| {
            v.fd.rhs == a
                && (v.fd.lhs.is_subset(&fd.lhs) || (part_of_key && v.breaks == NormalForm::Second))
        });
        if already {
            continue;
        }
        if a.is_subset(&prime) {
            violations.push(Violation {
                breaks: NormalForm::Bcnf,
                fd: *fd,
                kind: ViolationKind::NonKeyDeterminant,
            });
        } else {
            violations.push(Violation {
                breaks: NormalForm::Third,
                fd: *fd,
                kind: ViolationKind::TransitiveDependency,
            });
        }
    }
    let normal_form = match violations.iter().map(|v| v.breaks).min() {
        None => NormalForm::Bcnf,
        Some(NormalForm::Second) => NormalForm::First,
        Some(NormalForm::Third) => NormalForm::Second,
        Some(_) => NormalForm::Third,
    };
    violations.sort_by_key(|v| v.breaks);
    // One violation per determinant: `zip -> city` and `zip -> state` read as `zip -> city, state`.
    let mut merged: Vec<Violation> = Vec::with_capacity(violations.len());
    for v in violations {
        match merged
            .iter_mut()
            .find(|m| m.breaks == v.breaks && m.kind == v.kind && m.fd.lhs == v.fd.lhs)
        {
            Some(m) => m.fd.rhs = m.fd.rhs.union(&v.fd.rhs),
            None => merged.push(v),
        }
    }
    let violations = merged;
    Analysis {
        attrs: n,
        keys,
        keys_complete,
        prime,
        cover,
        normal_form,
        violations,
    }
}

/// The smallest proper part of `key` that determines `a`, if any.
fn smallest_determining_part(set: &FdSet, key: AttrSet, a: usize) -> Option<AttrSet> {
    let start = key.iter().find_map(|b| {
        let mut part = key;
        part.remove(b);
        set.closure(part).contains(a).then_some(part)
    })?;
    let mut part = start;
    for b in start.iter() {
        let mut smaller = part;
        smaller.remove(b);
        if set.closure(smaller).contains(a) {
            part = smaller;
        }
    }
    Some(part)
}

/// Whether the relation `r` (a subset of the attributes) is in BCNF under `set`, exactly, by
/// examining the subsets of `r`. Exponential: use for small relations only.
pub fn is_bcnf_exact(set: &FdSet, r: AttrSet) -> bool {
    subset_violation(set, r).is_none()
}

/// A left side that breaks BCNF inside `r`, searched over subsets of `r` by increasing size.
pub(crate) fn subset_violation(set: &FdSet, r: AttrSet) -> Option<AttrSet> {
    let attrs: Vec<usize> = r.iter().collect();
    let m = attrs.len();
    if m > 24 {
        return None;
    }
    let mut masks: Vec<u32> = (1..(1u32 << m)).collect();
    masks.sort_by_key(|x| (x.count_ones(), *x));
    for mask in masks {
        let x = AttrSet::from_indices((0..m).filter(|i| mask & (1 << i) != 0).map(|i| attrs[i]));
        let c = set.closure(x).intersection(&r);
        if c != x && c != r {
            return Some(x);
        }
    }
    None
}

/// Whether `r` is in 3NF under `set`, exactly, using the projected dependencies.
pub fn is_3nf_exact(set: &FdSet, r: AttrSet) -> Option<bool> {
    let proj = crate::fd::project(set, r)?;
    let attrs: Vec<usize> = r.iter().collect();
    let remap = |s: AttrSet| s.renumber(&attrs);
    let local: Vec<Fd> = proj
        .iter()
        .map(|f| Fd::new(remap(f.lhs), remap(f.rhs)))
        .collect();
    let an = analyze(attrs.len(), &local);
    Some(an.normal_form >= NormalForm::Third)
}
