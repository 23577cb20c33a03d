//! `CacheStore::load` of a 100,000-paper cache from disk: what every `papers
//! list` pays before filtering. The file is written once, through the
//! library, so it has whatever layout the library uses.

// A benchmark or example that cannot set up has nothing to report: panicking is its error path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::time::Duration;

use chrono::Utc;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use papers::storage::cache::CacheStore;

fn load(c: &mut Criterion) {
    let count = synthetic::bench_paper_count();
    eprintln!("generating a {count}-paper cache...");
    let mut generator = synthetic::Generator::new(synthetic::DEFAULT_SEED, Utc::now());
    let cache = synthetic::synthetic_cache(&mut generator, count);
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = CacheStore::new(dir.path());
    store
        .update(|on_disk| {
            on_disk.papers = cache.papers;
            on_disk.last_fetch = cache.last_fetch;
        })
        .expect("write the synthetic cache");
    let loaded = store.load().expect("load the synthetic cache");
    assert_eq!(loaded.papers.len(), count);
    drop(loaded);

    // Hundreds of milliseconds per load: few samples, one load each.
    let mut group = c.benchmark_group("load");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    group.bench_function("cache_store_load", |b| {
        // Freeing 100,000 papers is not part of loading them.
        b.iter_with_large_drop(|| store.load().expect("load the synthetic cache"))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
