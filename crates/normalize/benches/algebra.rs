//! Benchmarks: keys, cover and 3NF synthesis for 40 attributes / 100 FDs; closure over 300.

use criterion::{Criterion, criterion_group, criterion_main};
use schemata_normalize::*;
use std::hint::black_box;

/// Deterministic pseudo-random dependencies: small left sides, mostly "downhill" (towards higher
/// attribute numbers) like real schemas, with a few back edges that create extra keys.
fn synthetic(n: usize, count: usize, seed: u64) -> Vec<Fd> {
    let mut x = seed;
    let mut next = move |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..count)
        .map(|i| {
            let a = next(n - 1);
            let mut lhs = AttrSet::single(a);
            if i % 3 == 0 {
                lhs.insert(next(n));
            }
            let rhs = if i % 4 == 0 {
                AttrSet::single(next(n))
            } else {
                AttrSet::single(a + 1 + next(n - a - 1))
            };
            Fd::new(lhs, rhs)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let fds = synthetic(40, 100, 0x9e37_79b9_7f4a_7c15);
    let set = FdSet::new(40, fds.clone());
    let keys = candidate_keys(&set).0.len();
    eprintln!("40 attributes, 100 FDs: {keys} candidate keys");
    c.bench_function("keys_40x100", |b| {
        b.iter(|| candidate_keys(black_box(&set)))
    });
    c.bench_function("cover_40x100", |b| {
        b.iter(|| minimal_cover(black_box(&fds)))
    });
    c.bench_function("synthesis_40x100", |b| {
        b.iter(|| synthesize_3nf(40, black_box(&fds)))
    });
    c.bench_function("analyze_40x100", |b| {
        b.iter(|| analyze(40, black_box(&fds)))
    });

    let big = synthetic(300, 600, 42);
    let big_set = FdSet::new(300, big);
    let start = AttrSet::from_indices(0..10);
    eprintln!(
        "300 attributes, 600 FDs: closure of 10 attributes has {}",
        big_set.closure(start).len()
    );
    c.bench_function("closure_300", |b| {
        b.iter(|| big_set.closure(black_box(start)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
