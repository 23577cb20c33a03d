//! Splitting work over a large listing across threads: scoring, search and
//! the fit read every word of every abstract, so 100,000 papers are worth
//! two cores; a day's listing is not worth a thread. Search over the index
//! splits by shard instead ([`each_item`]).

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::thread;

/// Most threads any of them takes; the machine may have fewer.
const MAX_THREADS: usize = 8;

/// Splits `0..count` into one contiguous range per thread (one thread below
/// `min_per_split` items), runs `work` on each and returns the results in
/// the ranges' order. A panic in a worker is resumed on the caller.
pub(crate) fn in_ranges<T: Send>(
    count: usize,
    min_per_split: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    let threads = if count < min_per_split {
        1
    } else {
        thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
    };
    if threads == 1 {
        return vec![work(0..count)];
    }
    let chunk = count.div_ceil(threads);
    thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let range = (i * chunk).min(count)..((i + 1) * chunk).min(count);
                scope.spawn(move || work(range))
            })
            .collect();
        joined(handles)
    })
}

/// Runs `work` on each of `0..count`, the threads taking the next item as
/// they finish one (for items of uneven size: a cache's months differ
/// tenfold), one thread below `min_items`; returns the results in item
/// order. A panic in a worker is resumed on the caller.
///
/// Each thread starts from `new_state()` and hands it to every `work` it
/// runs (a buffer to reuse).
pub(crate) fn each_item<S, T: Send>(
    count: usize,
    min_items: usize,
    new_state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize) -> T + Sync,
) -> Vec<T> {
    let threads = if count < min_items {
        1
    } else {
        thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS).min(count))
    };
    if threads <= 1 {
        let mut state = new_state();
        return (0..count).map(|item| work(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, T)>> = thread::scope(|scope| {
        let (work, next, new_state) = (&work, &next, &new_state);
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut state = new_state();
                    let mut done = Vec::new();
                    loop {
                        let item = next.fetch_add(1, AtomicOrdering::Relaxed);
                        if item >= count {
                            break done;
                        }
                        done.push((item, work(&mut state, item)));
                    }
                })
            })
            .collect();
        joined(handles)
    });
    let mut all: Vec<(usize, T)> = parts.iter_mut().flat_map(std::mem::take).collect();
    all.sort_unstable_by_key(|(item, _)| *item);
    all.into_iter().map(|(_, result)| result).collect()
}

/// The threads' results in spawning order; a worker's panic is resumed on
/// the caller.
fn joined<T>(handles: Vec<thread::ScopedJoinHandle<'_, T>>) -> Vec<T> {
    handles
        .into_iter()
        .map(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_once_in_order() {
        for (count, min) in [(0, 1), (5, 100), (10_007, 16)] {
            let parts = in_ranges(count, min, |range| range.collect::<Vec<usize>>());
            assert_eq!(parts.concat(), (0..count).collect::<Vec<_>>(), "{count}");
        }
        assert_eq!(
            in_ranges(5, 100, |range| range.len()),
            [5],
            "one thread below min"
        );
    }

    #[test]
    fn each_item_is_worked_once_and_answered_in_order() {
        for (count, min) in [(0, 1), (1, 1), (5, 100), (1_001, 2)] {
            let done = each_item(count, min, || (), |_, item| item * 3);
            assert_eq!(
                done,
                (0..count).map(|i| i * 3).collect::<Vec<_>>(),
                "{count}"
            );
        }
    }
}
