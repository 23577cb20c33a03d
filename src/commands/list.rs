//! `papers list`: filter the cache and print it as a table, Markdown or JSON.

use std::cmp::Reverse;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};

use std::collections::BTreeSet;

use crate::cli::{Cli, FilterArgs, ListArgs};
use crate::config::{self, Config};
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::model::Topic;
use crate::render::atom::{self, FeedMeta};
use crate::render::{Format, bibtex, csv, json, markdown, table, updates};
use crate::storage::cache::{Cache, CacheStore};
use crate::storage::state::StateStore;
use crate::terminal::{Terminal, print_stdout, write_stdout};
use crate::triage::dates;
use crate::triage::filter::{self, Filter, SortKey};
use crate::triage::score::Relevance;

pub fn run(cli: &Cli, args: &ListArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let topics = requested_topics(&config, &args.filters)?;
    let (cache, filter) = filtered_cache(cli, &args.filters, &topics)?;
    let selected = filter::select(cache.papers.values(), &filter, args.sort, args.limit);
    let relevance = Relevance::new(&config.topics, &topics, Utc::now().date_naive());
    let (selected, scores) = scored(selected, &relevance, args);

    // JSON and Atom stay valid documents when empty: a subscribed feed that
    // goes quiet must not become a 0-byte file.
    if selected.is_empty() && !matches!(args.format, Format::Json | Format::Atom) {
        eprintln!("papers: no papers match");
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let text = match args.format {
        Format::Table if args.filters.updated => {
            updates::render_updates_table(&selected, terminal.stdout_width)
        }
        Format::Table => {
            let text = table::render_table(&selected, &scores, terminal.stdout_width);
            if terminal.links {
                table::link_cells(&text, &selected)
            } else {
                text
            }
        }
        Format::Json => {
            // Streamed: the JSON of a whole cache is as large as the cache.
            write_stdout(|out| {
                if scores.is_empty() {
                    json::write_json(&selected, out)
                } else {
                    json::write_json_with(&with_scores(&selected, &scores), out)
                }
                .map_err(std::io::Error::from)?;
                out.write_all(
                    b"
",
                )
            })?;
            return Ok(exit::exit_code(exit::SUCCESS));
        }
        Format::Markdown if topics.len() > 1 => {
            markdown::markdown_sections(&sections(&topics, &selected))
        }
        Format::Markdown => markdown::markdown_table(&selected),
        Format::Bibtex => bibtex::render_bibtex(&selected),
        Format::Csv => csv::render_csv(&selected),
        Format::Atom => {
            let filters = feed_filters(&args.filters);
            atom::render_atom(&selected, &FeedMeta::new("list", &filters, &selected))
        }
    };
    print_stdout(&text)?;
    drop(selected);
    super::exit_without_freeing(cache);
    Ok(exit::exit_code(exit::SUCCESS))
}

/// Each paper's relevance score, parallel to the papers, where the table
/// shows them or `--sort score` ranks by them (empty otherwise: Markdown,
/// CSV and BibTeX have no place for a score, and JSON has one only when
/// ranked). Ranking is highest first,
/// then cut to `limit`.
fn scored<'a>(
    selected: Vec<&'a CachedPaper>,
    relevance: &Relevance,
    args: &ListArgs,
) -> (Vec<&'a CachedPaper>, Vec<u8>) {
    let ranked = args.sort == SortKey::Score;
    // JSON carries scores only when ranked by them: scoring every paper of a
    // whole-cache export would double its cost for a field few scripts read.
    if !ranked && args.format != Format::Table {
        return (selected, Vec::new());
    }
    let scores = relevance.of_all(&selected);
    if !ranked {
        return (selected, scores);
    }
    let mut ranking: Vec<(&CachedPaper, u8)> = selected.into_iter().zip(scores).collect();
    // Stable: equal scores keep `select`'s newest-first order.
    ranking.sort_by_key(|&(_, score)| Reverse(score));
    ranking.truncate(args.limit.unwrap_or(usize::MAX));
    ranking.into_iter().unzip()
}

/// The `"score"` field list adds to each JSON object.
#[derive(serde::Serialize)]
struct ScoreField {
    score: u8,
}

fn with_scores<'a>(
    papers: &[&'a CachedPaper],
    scores: &[u8],
) -> Vec<(&'a CachedPaper, ScoreField)> {
    papers
        .iter()
        .zip(scores)
        .map(|(&paper, &score)| (paper, ScoreField { score }))
        .collect()
}

/// The options that choose papers, as typed, for an Atom feed's id and
/// title. --limit, --sort and --format are left out, so changing them keeps
/// the feed's id (readers would otherwise see a new feed).
pub(crate) fn feed_filters(filters: &FilterArgs) -> Vec<(&'static str, &str)> {
    let mut out: Vec<(&'static str, &str)> = Vec::new();
    out.extend(filters.topics.iter().map(|topic| ("topic", topic.as_str())));
    out.extend(filters.since.as_deref().map(|since| ("since", since)));
    out.extend(filters.until.as_deref().map(|until| ("until", until)));
    out.extend(
        filters
            .categories
            .iter()
            .map(|cat| ("category", cat.as_str())),
    );
    out.extend(filters.author.as_deref().map(|author| ("author", author)));
    out.extend(filters.grep.as_deref().map(|grep| ("grep", grep)));
    out.extend(filters.tags.iter().map(|tag| ("tag", tag.as_str())));
    for (set, flag) in [
        (filters.new, "new"),
        (filters.unseen, "unseen"),
        (filters.starred, "starred"),
        (filters.updated, "updated"),
    ] {
        if set {
            out.push((flag, ""));
        }
    }
    out
}

/// The topics named by `--topic`, validated against the config so a typo
/// says which topics exist instead of printing nothing; empty = all.
pub(crate) fn requested_topics<'c>(
    config: &'c Config,
    filters: &FilterArgs,
) -> anyhow::Result<Vec<&'c Topic>> {
    if filters.topics.is_empty() {
        return Ok(Vec::new());
    }
    Ok(config.select_topics(&filters.topics)?)
}

/// The filter the flags describe and the cache with just the shards it may
/// match read: the index first (for `--new`), then those shards.
pub(crate) fn filtered_cache(
    cli: &Cli,
    filters: &FilterArgs,
    topics: &[&Topic],
) -> anyhow::Result<(Cache, Filter)> {
    let index = CacheStore::resolve(cli.cache_dir.as_deref())?.load_index()?;
    let filter = build_filter(filters, topics, &index)?;
    let cache = super::read_cache(cli, |key, shard| filter.may_match(key, shard))?;
    Ok((cache, filter))
}

/// The [`Filter`] the shared filter flags describe; reads the user state
/// when they ask about stars, tags or what was seen.
pub(crate) fn build_filter(
    filters: &FilterArgs,
    topics: &[&Topic],
    cache: &Cache,
) -> anyhow::Result<Filter> {
    let today = Utc::now().date_naive();
    let state = if filters.starred || !filters.tags.is_empty() || filters.unseen {
        Some(StateStore::resolve()?.load()?)
    } else {
        None
    };
    let only_ids = state.as_ref().and_then(|state| {
        let mut ids: Option<BTreeSet<String>> = None;
        if filters.starred {
            ids = Some(state.starred_ids());
        }
        if !filters.tags.is_empty() {
            let tagged: BTreeSet<String> = filters
                .tags
                .iter()
                .flat_map(|tag| state.tagged_ids(tag))
                .collect();
            // --starred --tag x: starred papers tagged x.
            ids = Some(match ids {
                Some(starred) => starred.intersection(&tagged).cloned().collect(),
                None => tagged,
            });
        }
        ids
    });
    Ok(Filter {
        only_ids,
        unseen: filters
            .unseen
            .then(|| state.as_ref().map(|state| state.seen.clone()))
            .flatten(),
        updated_only: filters.updated,
        topics: topics.iter().map(|topic| topic.name.clone()).collect(),
        since: parse_date_flag("--since", filters.since.as_deref(), today)?,
        until: parse_date_flag("--until", filters.until.as_deref(), today)?,
        categories: filters.categories.clone(),
        author: filters.author.clone(),
        grep: filters.grep.clone(),
        // With no fetch recorded, nothing is new.
        first_seen_since: filters
            .new
            .then(|| cache.last_fetch.unwrap_or(DateTime::<Utc>::MAX_UTC)),
    })
}

fn parse_date_flag(
    flag: &str,
    value: Option<&str>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, UsageError> {
    value
        .map(|text| {
            dates::parse_date_arg(text, today)
                .map_err(|message| UsageError(format!("{flag}: {message}")))
        })
        .transpose()
}

/// One section per requested topic, in the order given, each keeping the
/// sort order; a paper matching two topics appears in both, as on the
/// published topic pages.
fn sections<'a>(topics: &[&'a Topic], selected: &[&'a CachedPaper]) -> Vec<markdown::Section<'a>> {
    topics
        .iter()
        .map(|topic| markdown::Section {
            heading: &topic.title,
            papers: selected
                .iter()
                .copied()
                .filter(|paper| paper.topics.contains(&topic.name))
                .collect(),
        })
        .collect()
}
