//! Attribute sets as fixed-width bitsets.

use std::fmt;

/// Words in an [`AttrSet`]; a relation may have up to `WORDS * 64` attributes.
pub const WORDS: usize = 8;
/// Largest number of attributes a relation may have.
pub const MAX_ATTRS: usize = WORDS * 64;

/// A set of attribute indices (0-based) of one relation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct AttrSet {
    words: [u64; WORDS],
}

impl AttrSet {
    pub const EMPTY: AttrSet = AttrSet { words: [0; WORDS] };

    /// The set `{0, 1, ..., n-1}`.
    pub fn full(n: usize) -> AttrSet {
        let mut s = AttrSet::EMPTY;
        for i in 0..n.min(MAX_ATTRS) {
            s.insert(i);
        }
        s
    }

    pub fn single(i: usize) -> AttrSet {
        let mut s = AttrSet::EMPTY;
        s.insert(i);
        s
    }

    pub fn from_indices(it: impl IntoIterator<Item = usize>) -> AttrSet {
        let mut s = AttrSet::EMPTY;
        for i in it {
            s.insert(i);
        }
        s
    }

    #[inline]
    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    #[inline]
    pub fn remove(&mut self, i: usize) {
        self.words[i / 64] &= !(1 << (i % 64));
    }

    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        self.words[i / 64] & (1 << (i % 64)) != 0
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    #[inline]
    pub fn is_subset(&self, other: &AttrSet) -> bool {
        self.words
            .iter()
            .zip(other.words.iter())
            .all(|(a, b)| a & !b == 0)
    }

    #[inline]
    pub fn union(&self, other: &AttrSet) -> AttrSet {
        let mut r = *self;
        for (a, b) in r.words.iter_mut().zip(other.words.iter()) {
            *a |= b;
        }
        r
    }

    #[inline]
    pub fn intersection(&self, other: &AttrSet) -> AttrSet {
        let mut r = *self;
        for (a, b) in r.words.iter_mut().zip(other.words.iter()) {
            *a &= b;
        }
        r
    }

    #[inline]
    pub fn difference(&self, other: &AttrSet) -> AttrSet {
        let mut r = *self;
        for (a, b) in r.words.iter_mut().zip(other.words.iter()) {
            *a &= !b;
        }
        r
    }

    /// Indices in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + b)
            })
        })
    }

    /// The set renumbered into positions within `attrs` (the attributes of a sub-relation, in
    /// order); members outside `attrs` are dropped.
    pub fn renumber(&self, attrs: &[usize]) -> AttrSet {
        AttrSet::from_indices(
            self.iter()
                .filter_map(|a| attrs.iter().position(|x| *x == a)),
        )
    }

    /// Smallest index in the set.
    pub fn first(&self) -> Option<usize> {
        self.iter().next()
    }
}

impl fmt::Debug for AttrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let a = AttrSet::from_indices([0, 3, 64, 300]);
        let b = AttrSet::from_indices([3, 300, 511]);
        assert_eq!(a.len(), 4);
        assert_eq!(a.intersection(&b), AttrSet::from_indices([3, 300]));
        assert_eq!(a.union(&b).len(), 5);
        assert_eq!(a.difference(&b), AttrSet::from_indices([0, 64]));
        assert!(AttrSet::from_indices([3]).is_subset(&a));
        assert!(!b.is_subset(&a));
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![0, 3, 64, 300]);
        assert_eq!(AttrSet::full(70).len(), 70);
    }
}
