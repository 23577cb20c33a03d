//! `papers trending`: the Hugging Face Daily Papers of a span by upvotes,
//! each marked with the reader's topics it is in; `--fetch` adds the arXiv
//! records of those the cache lacks.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use chrono::Utc;

use crate::arxiv::client::{ArxivClient, Quiet};
use crate::arxiv::query;
use crate::cli::{Cli, TrendingArgs, TrendingFormat};
use crate::config;
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::render::trending::{self as view, TrendingRow};
use crate::storage::cache::CacheStore;
use crate::storage::huggingface::{HfEntry, HfStore};
use crate::terminal::sanitize::terminal_safe;
use crate::terminal::{Terminal, print_stdout};
use crate::triage::dates;

/// Ids per arXiv `id_list` request: one page of answers, well under the
/// URL lengths servers accept.
const IDS_PER_REQUEST: usize = 100;

pub fn run(cli: &Cli, args: &TrendingArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    if !args.topics.is_empty() {
        config.select_topics(&args.topics)?;
    }
    let today = Utc::now().date_naive();
    let since = dates::parse_date_arg(&args.since, today)
        .map_err(|message| UsageError(format!("--since: {message}")))?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let hf = HfStore::new(store.dir()).load()?;
    let mut span: Vec<(&String, &HfEntry)> = hf
        .papers
        .iter()
        .filter(|(_, entry)| entry.info.featured >= since)
        .collect();
    // Most upvoted first; then the newest featured day, then the newest id.
    span.sort_by(|a, b| {
        (b.1.info.upvotes, b.1.info.featured, b.0).cmp(&(a.1.info.upvotes, a.1.info.featured, a.0))
    });
    let mut cache = store.load_ids(span.iter().map(|(id, _)| id.as_str()))?;
    hf.join(&mut cache);
    let mut held = cache.papers;
    if !args.topics.is_empty() {
        span.retain(|(id, _)| {
            held.get(*id)
                .is_some_and(|cached| args.topics.iter().any(|t| cached.topics.contains(t)))
        });
    }
    span.truncate(args.limit);
    if args.fetch {
        let missing: Vec<&str> = span
            .iter()
            .map(|(id, _)| id.as_str())
            .filter(|id| !held.contains_key(*id))
            .collect();
        let added = fetch_missing(&config, &store, &missing, &mut held)?;
        for (id, cached) in held.iter_mut() {
            cached.hf = hf.papers.get(id).map(|entry| entry.info.clone());
        }
        eprintln!(
            "papers: added {added} of {} papers to the cache under no topic",
            missing.len()
        );
    }
    if span.is_empty() && args.format != TrendingFormat::Json {
        eprintln!(
            "papers: no Hugging Face papers featured since {since}{}",
            if hf.last_read.is_none() {
                ": run `papers fetch` first"
            } else {
                ""
            }
        );
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let rows: Vec<TrendingRow> = span
        .iter()
        .map(|(id, entry)| {
            let cached = held.get(*id);
            TrendingRow {
                id,
                title: cached.map_or(entry.title.as_str(), |c| c.paper.title.as_str()),
                hf: &entry.info,
                cached,
            }
        })
        .collect();
    let text = match args.format {
        TrendingFormat::Table => view::render_trending_table(&rows, terminal.stdout_width),
        TrendingFormat::Json => format!("{}\n", view::render_trending_json(&rows)?),
        TrendingFormat::Markdown => view::render_trending_markdown(&rows),
        TrendingFormat::Csv => view::render_trending_csv(&rows),
    };
    print_stdout(&text)?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// Looks `ids` up on arXiv, [`IDS_PER_REQUEST`] a request, and stores them
/// under no topic as `show --fetch` does; returns how many arXiv knew.
fn fetch_missing(
    config: &config::Config,
    store: &CacheStore,
    ids: &[&str],
    held: &mut BTreeMap<String, CachedPaper>,
) -> anyhow::Result<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    // Fail on an unwritable cache before spending a request.
    store.check_writable()?;
    let mut client = ArxivClient::new(&config.arxiv, Some(&store.pacing_dir()))?;
    let mut added = 0;
    for chunk in ids.chunks(IDS_PER_REQUEST) {
        let url = query::id_list_url(&config.arxiv.api_url, chunk);
        let feed = client.get_feed(&url, false, &Quiet).map_err(|err| {
            anyhow!(
                "looking up {} papers on arXiv: {}",
                chunk.len(),
                terminal_safe(&err.to_string())
            )
        })?;
        let papers: Vec<_> = feed
            .entries
            .into_iter()
            .filter(|paper| chunk.contains(&paper.id.as_str()))
            .collect();
        let now = Utc::now();
        let stored = store
            .update_ids(chunk.iter().copied(), |cache| {
                papers
                    .into_iter()
                    .map(|paper| super::show::add_without_topic(cache, paper, now))
                    .collect::<Vec<_>>()
            })
            .context("saving trending papers to the cache")?
            .0;
        added += stored.len();
        for cached in stored {
            held.insert(cached.paper.id.clone(), cached);
        }
    }
    Ok(added)
}
