//! Issue 6's speed: `papers search` ranking and the relevance score over a
//! 100,000-paper cache held in memory (loading is the `load` bench); and
//! issue 11's venue detection, which `list --venue` runs over every paper.

// A benchmark or example that cannot set up has nothing to report: panicking is its error path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use chrono::Utc;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use papers::config;
use papers::model::CachedPaper;
use papers::triage::score::Relevance;
use papers::triage::{search, venue};

fn triage(c: &mut Criterion) {
    let count = synthetic::bench_paper_count();
    eprintln!("generating a {count}-paper cache...");
    let mut generator = synthetic::Generator::new(synthetic::DEFAULT_SEED, Utc::now());
    let cache = synthetic::synthetic_cache(&mut generator, count);
    let papers: Vec<&CachedPaper> = cache.papers.values().collect();
    let config =
        config::load_from(config::ConfigSource::Embedded).expect("the built-in config loads");

    let mut group = c.benchmark_group("triage");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for text in [
        "quantization",
        "\"speculative decoding\" npu",
        "ti:mixture -edge cat:cs.AR",
    ] {
        let query = search::query::parse(text).expect("a valid query");
        group.bench_function(format!("search {text}"), |b| {
            b.iter(|| search::search(black_box(&papers), &query, 20))
        });
    }
    let relevance = Relevance::new(&config.topics, &[], Utc::now().date_naive());
    group.bench_function("score_all_own_topics", |b| {
        b.iter(|| relevance.of_all(black_box(&papers)))
    });
    group.bench_function("venue_of_every_paper", |b| {
        b.iter(|| {
            black_box(&papers)
                .iter()
                .filter(|cached| venue::of_paper(&cached.paper).is_some())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, triage);
criterion_main!(benches);
