//! Writes a synthetic cache of realistic papers for benchmarks and manual
//! testing of large caches:
//!
//! ```console
//! $ cargo run --release --example synthetic_cache -- --papers 100000 --months 48 --out DIR
//! $ papers --cache-dir DIR list --topic npu --since 30d
//! ```
//!
//! The papers are added to whatever cache DIR holds, through the library's
//! own `CacheStore`, so the file layout is always the current one.

// A benchmark or example that cannot set up has nothing to report: panicking is its error path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use std::path::PathBuf;

use chrono::Utc;
use clap::Parser;
use papers::storage::cache::CacheStore;

#[derive(Parser)]
#[command(about = "Write a synthetic papers cache")]
struct Args {
    /// How many papers to generate.
    #[arg(long, default_value_t = 100_000)]
    papers: usize,
    /// Spread first submissions over this many months, ending today.
    #[arg(long, default_value_t = 48)]
    months: u32,
    /// Cache directory to write (the --cache-dir of papers).
    #[arg(long)]
    out: PathBuf,
    /// Seed of the generator; the same seed on the same day gives the same cache.
    #[arg(long, default_value_t = synthetic::DEFAULT_SEED)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let now = Utc::now();
    let mut generator = synthetic::Generator::new(args.seed, now);
    let papers = generator.cached_papers(args.papers, args.months);
    // The newest paper was first seen by the latest "fetch", so `list --new`
    // has something to show.
    let last_fetch = papers.iter().map(|paper| paper.first_seen).max();
    let store = CacheStore::new(&args.out);
    let (total, _) = store.update(|cache| {
        for paper in papers {
            cache.insert_held(paper);
        }
        if cache.last_fetch < last_fetch {
            cache.last_fetch = last_fetch;
        }
        cache.papers.len()
    })?;
    println!(
        "{} now holds {total} papers ({} generated)",
        args.out.display(),
        args.papers
    );
    Ok(())
}
