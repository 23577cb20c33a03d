//! Merging one fetch's 2,000 papers into a 100,000-paper cache: in memory
//! with `Cache::merge`, and whole through `CacheStore::update` on disk
//! (lock, load, merge, atomic write).
//!
//! The batch is what a daily fetch with a large page sees: 1,000 papers not
//! held yet, 500 newer versions of held ones and 500 held ones re-read
//! unchanged (the overlap window). After each timed merge the cache is put
//! back as it was, untimed, so every iteration merges into the same cache.

// A benchmark or example that cannot set up has nothing to report: panicking is its error path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use papers::model::{CachedPaper, Paper};
use papers::storage::cache::{Cache, CacheStore};

const NEW: usize = 1000;
const NEWER_VERSIONS: usize = 500;
const UNCHANGED: usize = 500;
const TOPIC: &str = "npu";

/// What undoes one merge: drop the papers it added, restore the ones it changed.
struct Undo {
    added: Vec<String>,
    replaced: Vec<CachedPaper>,
}

impl Undo {
    fn apply(&self, cache: &mut Cache) {
        for id in &self.added {
            cache.remove_held(id);
        }
        for held in &self.replaced {
            cache.insert_held(held.clone());
        }
    }
}

fn merge(c: &mut Criterion) {
    let count = synthetic::bench_paper_count();
    eprintln!("generating a {count}-paper cache...");
    let mut generator = synthetic::Generator::new(synthetic::DEFAULT_SEED, Utc::now());
    let mut cache = synthetic::synthetic_cache(&mut generator, count);
    let (batch, undo) = fetched_batch(&mut generator, &cache);
    let run_started = Utc::now();

    let mut group = c.benchmark_group("merge");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("in_memory_2000_into_cache", |b| {
        b.iter_custom(|iterations| {
            let mut timed = Duration::ZERO;
            for _ in 0..iterations {
                let fetched = batch.clone();
                let start = Instant::now();
                let counts = cache.merge(TOPIC, fetched, run_started);
                timed += start.elapsed();
                black_box(counts);
                undo.apply(&mut cache);
            }
            timed
        })
    });

    // Each iteration costs seconds (a full load and write): take the fewest
    // samples criterion allows, one iteration each.
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = CacheStore::new(dir.path());
    store
        .update(|on_disk| {
            for held in cache.papers.values() {
                on_disk.insert_held(held.clone());
            }
            on_disk.last_fetch = cache.last_fetch;
        })
        .expect("write the synthetic cache");
    drop(cache);
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    group.bench_function("cache_store_update_2000", |b| {
        b.iter_custom(|iterations| {
            let mut timed = Duration::ZERO;
            for _ in 0..iterations {
                let fetched = batch.clone();
                let start = Instant::now();
                let result = store
                    .update(|cache| cache.merge(TOPIC, fetched, run_started))
                    .expect("update the cache");
                drop(black_box(result));
                timed += start.elapsed();
                store
                    .update(|cache| undo.apply(cache))
                    .expect("restore the cache");
            }
            timed
        })
    });
    group.finish();
}

/// The fetched papers, newest first as arXiv returns them, and how to undo
/// their merge. Held papers are taken from the newest end of the cache,
/// which is what a fetch re-reads.
fn fetched_batch(generator: &mut synthetic::Generator, cache: &Cache) -> (Vec<Paper>, Undo) {
    let fresh = generator.fresh_papers(NEW, chrono::Duration::days(7));
    let added = fresh.iter().map(|paper| paper.id.clone()).collect();
    let newest_held: Vec<&CachedPaper> = cache
        .papers
        .values()
        .rev()
        .take(NEWER_VERSIONS + UNCHANGED)
        .collect();
    let mut batch = fresh;
    let mut replaced = Vec::new();
    for (index, held) in newest_held.into_iter().enumerate() {
        replaced.push(held.clone());
        if index % 2 == 0 {
            batch.push(generator.newer_version(&held.paper));
        } else {
            batch.push(held.paper.clone());
        }
    }
    (batch, Undo { added, replaced })
}

criterion_group!(benches, merge);
criterion_main!(benches);
