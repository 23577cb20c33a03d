//! What `papers list` does after loading: `filter::select`, then rendering
//! as a table (120 columns), Markdown or JSON, over a 100,000-paper cache
//! held in memory. Two selections: one topic submitted in the last 30 days
//! (`--topic npu --since 30d`, a few hundred papers) and everything.

// A benchmark or example that cannot set up has nothing to report: panicking is its error path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use chrono::Utc;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
use papers::render::{json, markdown, table};
use papers::storage::cache::Cache;
use papers::triage::filter::{self, Filter, SortKey};

fn list(c: &mut Criterion) {
    let count = synthetic::bench_paper_count();
    eprintln!("generating a {count}-paper cache...");
    let mut generator = synthetic::Generator::new(synthetic::DEFAULT_SEED, Utc::now());
    let cache = synthetic::synthetic_cache(&mut generator, count);

    let today = Utc::now().date_naive();
    let topic_recent = Filter {
        topics: vec!["npu".to_owned()],
        since: Some(
            papers::triage::dates::parse_date_arg("30d", today).expect("30d is a valid date"),
        ),
        ..Filter::default()
    };

    let mut group = c.benchmark_group("list_topic_npu_since_30d");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));
    bench_selection(&mut group, &cache, &topic_recent);
    group.finish();

    // Whole-cache renders take up to seconds each.
    let mut group = c.benchmark_group("list_all");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    bench_selection(&mut group, &cache, &Filter::default());
    group.finish();
}

/// `select` alone, then `select` followed by each renderer, as `list` runs them.
fn bench_selection(group: &mut BenchmarkGroup<'_, WallTime>, cache: &Cache, filter: &Filter) {
    let selected = filter::select(cache.papers.values(), filter, SortKey::Date, None);
    eprintln!("{} papers selected", selected.len());
    let select = || {
        filter::select(
            cache.papers.values(),
            black_box(filter),
            SortKey::Date,
            None,
        )
    };
    group.bench_function("select", |b| b.iter(select));
    group.bench_function("select_table", |b| {
        b.iter(|| {
            let selected = select();
            table::render_table(&selected, &[], Some(120))
        })
    });
    group.bench_function("select_markdown", |b| {
        b.iter(|| {
            let selected = select();
            markdown::markdown_table(&selected)
        })
    });
    group.bench_function("select_json", |b| {
        b.iter(|| {
            let selected = select();
            json::render_json(&selected).expect("papers serialise")
        })
    });
}

criterion_group!(benches, list);
criterion_main!(benches);
