//! The algebra checked against naive implementations over every subset, on random FD sets.

use proptest::prelude::*;
use schemata_normalize::forms::{is_3nf_exact, is_bcnf_exact};
use schemata_normalize::*;

fn naive_closure(fds: &[Fd], x: AttrSet) -> AttrSet {
    let mut c = x;
    loop {
        let before = c;
        for f in fds {
            if f.lhs.is_subset(&c) {
                c = c.union(&f.rhs);
            }
        }
        if c == before {
            return c;
        }
    }
}

fn subsets(n: usize) -> impl Iterator<Item = AttrSet> {
    (0u32..(1 << n)).map(move |m| AttrSet::from_indices((0..n).filter(|i| m & (1 << i) != 0)))
}

fn naive_keys(n: usize, fds: &[Fd]) -> Vec<AttrSet> {
    let full = AttrSet::full(n);
    let supers: Vec<AttrSet> = subsets(n)
        .filter(|s| naive_closure(fds, *s) == full)
        .collect();
    let mut keys: Vec<AttrSet> = supers
        .iter()
        .filter(|s| !supers.iter().any(|o| o != *s && o.is_subset(s)))
        .copied()
        .collect();
    keys.sort_by_key(|k| (k.len(), k.iter().collect::<Vec<_>>()));
    keys
}

fn fd_strategy(n: usize) -> impl Strategy<Value = Vec<Fd>> {
    let side =
        move |max: usize| proptest::collection::vec(0..n, 1..=max).prop_map(AttrSet::from_indices);
    proptest::collection::vec((side(3), side(3)).prop_map(|(l, r)| Fd::new(l, r)), 0..10)
}

fn case() -> impl Strategy<Value = (usize, Vec<Fd>)> {
    (2usize..=12).prop_flat_map(|n| (Just(n), fd_strategy(n)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn closure_matches_naive((n, fds) in case(), pick in any::<u32>()) {
        let set = FdSet::new(n, fds.clone());
        let x = AttrSet::from_indices((0..n).filter(|i| pick & (1 << i) != 0));
        prop_assert_eq!(set.closure(x), naive_closure(&fds, x));
    }

    #[test]
    fn keys_match_naive((n, fds) in case()) {
        let set = FdSet::new(n, fds.clone());
        let (keys, complete) = candidate_keys(&set);
        prop_assert!(complete);
        prop_assert_eq!(keys, naive_keys(n, &fds));
    }

    #[test]
    fn cover_is_equivalent_and_minimal((n, fds) in case()) {
        let cover = minimal_cover(&fds);
        let a = FdSet::new(n, fds.clone());
        let b = FdSet::new(n, cover.clone());
        prop_assert!(a.equivalent(&b));
        for (i, f) in cover.iter().enumerate() {
            prop_assert_eq!(f.rhs.len(), 1);
            prop_assert!(!f.is_trivial());
            let others: Vec<Fd> = cover.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, g)| *g).collect();
            prop_assert!(!f.rhs.is_subset(&naive_closure(&others, f.lhs)), "redundant {:?}", f);
            for x in f.lhs.iter() {
                let mut smaller = f.lhs;
                smaller.remove(x);
                prop_assert!(!f.rhs.is_subset(&naive_closure(&cover, smaller)), "extraneous {} in {:?}", x, f);
            }
        }
    }

    #[test]
    fn synthesis_is_lossless_preserving_3nf((n, fds) in case()) {
        let parts = synthesize_3nf(n, &fds);
        prop_assert!(is_lossless(n, &fds, &parts));
        prop_assert!(lost_dependencies(n, &fds, &parts).is_empty());
        let set = FdSet::new(n, fds.clone());
        for p in &parts {
            prop_assert_eq!(is_3nf_exact(&set, *p), Some(true), "{:?} not 3NF", p);
        }
        let union = parts.iter().fold(AttrSet::EMPTY, |a, p| a.union(p));
        prop_assert_eq!(union, AttrSet::full(n));
    }

    #[test]
    fn bcnf_is_lossless_and_bcnf((n, fds) in case()) {
        let parts = decompose_bcnf(n, &fds);
        prop_assert!(is_lossless(n, &fds, &parts));
        let set = FdSet::new(n, fds.clone());
        for p in &parts {
            prop_assert!(is_bcnf_exact(&set, *p), "{:?} not BCNF", p);
        }
        let union = parts.iter().fold(AttrSet::EMPTY, |a, p| a.union(p));
        prop_assert_eq!(union, AttrSet::full(n));
    }

    #[test]
    fn normal_form_matches_definition((n, fds) in case()) {
        let an = analyze(n, &fds);
        let set = FdSet::new(n, fds.clone());
        let full = AttrSet::full(n);
        let keys = naive_keys(n, &fds);
        let prime = keys.iter().fold(AttrSet::EMPTY, |a, k| a.union(k));
        // Definitions over every non-trivial implied dependency X -> A.
        let mut bcnf = true;
        let mut third = true;
        let mut second = true;
        for x in subsets(n) {
            let c = set.closure(x);
            for a in c.difference(&x).iter() {
                let superkey = c == full;
                if !superkey { bcnf = false; }
                if !superkey && !prime.contains(a) { third = false; }
                if !prime.contains(a) && keys.iter().any(|k| x.is_subset(k) && x != *k) { second = false; }
            }
        }
        let expected = if bcnf { NormalForm::Bcnf } else if third { NormalForm::Third } else if second { NormalForm::Second } else { NormalForm::First };
        prop_assert_eq!(an.normal_form, expected);
    }
}
