//! Candidate keys by Lucchesi–Osborn enumeration: the work grows with the number of keys, not
//! with the number of attribute subsets.

use crate::attrs::AttrSet;
use crate::fd::FdSet;

/// Most keys enumerated before [`candidate_keys`] stops and reports the list as incomplete.
pub const MAX_KEYS: usize = 10_000;

/// Shrink a superkey to a key by dropping attributes that are not needed, in index order.
pub fn minimize_superkey(set: &FdSet, superkey: AttrSet) -> AttrSet {
    let mut k = superkey;
    for a in superkey.iter() {
        let mut smaller = k;
        smaller.remove(a);
        if set.is_superkey(smaller) {
            k = smaller;
        }
    }
    k
}

/// All candidate keys, sorted by size then attribute order; `complete` is false when the
/// enumeration stopped at [`MAX_KEYS`].
pub fn candidate_keys(set: &FdSet) -> (Vec<AttrSet>, bool) {
    let n = set.attrs();
    let mut keys = vec![minimize_superkey(set, AttrSet::full(n))];
    let mut i = 0;
    let mut complete = true;
    while i < keys.len() {
        let k = keys[i];
        for fd in set.fds() {
            let s = fd.lhs.union(&k.difference(&fd.rhs));
            if keys.iter().any(|known| known.is_subset(&s)) {
                continue;
            }
            if keys.len() >= MAX_KEYS {
                complete = false;
                break;
            }
            keys.push(minimize_superkey(set, s));
        }
        i += 1;
    }
    keys.sort_by_key(|k| (k.len(), k.iter().collect::<Vec<_>>()));
    (keys, complete)
}

/// Attributes that belong to at least one candidate key.
pub fn prime_attributes(keys: &[AttrSet]) -> AttrSet {
    keys.iter().fold(AttrSet::EMPTY, |acc, k| acc.union(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fd::Fd;

    fn s(v: &[usize]) -> AttrSet {
        AttrSet::from_indices(v.iter().copied())
    }

    #[test]
    fn cyclic_dependencies_give_several_keys() {
        // A->B, B->C, C->A over ABC: keys A, B, C.
        let set = FdSet::new(
            3,
            vec![
                Fd::new(s(&[0]), s(&[1])),
                Fd::new(s(&[1]), s(&[2])),
                Fd::new(s(&[2]), s(&[0])),
            ],
        );
        let (keys, complete) = candidate_keys(&set);
        assert!(complete);
        assert_eq!(keys, vec![s(&[0]), s(&[1]), s(&[2])]);
    }

    #[test]
    fn no_dependencies_means_all_attributes() {
        let set = FdSet::new(4, vec![]);
        assert_eq!(candidate_keys(&set).0, vec![s(&[0, 1, 2, 3])]);
    }
}
