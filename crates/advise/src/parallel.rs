//! An order-keeping parallel map over the available cores, for the independent parts of one
//! analysis (statements, rules).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f).collect()`, computed on every available core when `parallel` is set.
/// Items are handed out one at a time, so uneven costs balance; the calling thread works too.
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    parallel: bool,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = if parallel {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(items.len())
    } else {
        1
    };
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut slots: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = vec![work()];
        // A worker that panicked loses its results; they are computed again below.
        parts.extend(handles.into_iter().filter_map(|h| h.join().ok()));
        for (i, r) in parts.into_iter().flatten() {
            slots[i] = Some(r);
        }
    });
    slots
        .into_iter()
        .zip(items)
        .map(|(r, item)| r.unwrap_or_else(|| f(item)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let slow_square = |x: &u64| {
            // Uneven costs, so that the threads interleave.
            let spin = (x % 7) * 100;
            (0..spin).fold(x * x, |a, b| std::hint::black_box(a + b - b))
        };
        let expected: Vec<u64> = items.iter().map(|x| x * x).collect();
        assert_eq!(map(&items, true, slow_square), expected);
        assert_eq!(map(&items, false, slow_square), expected);
        assert_eq!(map(&[] as &[u64], true, slow_square), Vec::<u64>::new());
    }
}
