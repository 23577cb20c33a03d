//! Splitting work over a large listing across threads: scoring, search and
//! the fit read every word of every abstract, so 100,000 papers are worth
//! two cores; a day's listing is not worth a thread.

use std::ops::Range;
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
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
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
}
