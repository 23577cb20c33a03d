//! `papers list`: filter the cache and print it as a table, Markdown or JSON.

use std::cmp::Reverse;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};

use crate::cache::Cache;
use crate::cli::{Cli, FilterArgs, ListArgs};
use crate::config::{self, Config, Topic};
use crate::dates;
use crate::exit::{self, UsageError};
use crate::filter::{self, Filter, SortKey};
use crate::model::CachedPaper;
use crate::output::{Terminal, print_stdout};
use crate::render::{Format, bibtex, csv, json, markdown, table};
use crate::score::Relevance;

pub fn run(cli: &Cli, args: &ListArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let topics = requested_topics(&config, &args.filters)?;
    let cache = super::read_cache(cli)?;
    let filter = build_filter(&args.filters, &topics, &cache)?;
    let selected = filter::select(cache.papers.values(), &filter, args.sort, args.limit);
    let relevance = Relevance::new(&config.topics, &topics, Utc::now().date_naive());
    let (selected, scores) = scored(selected, &relevance, args);

    if selected.is_empty() && args.format != Format::Json {
        eprintln!("papers: no papers match");
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let text = match args.format {
        Format::Table => table::render_table(&selected, &scores, terminal.stdout_width),
        Format::Json => json::render_json_with(&with_scores(&selected, &scores))? + "\n",
        Format::Markdown if topics.len() > 1 => {
            markdown::markdown_sections(&sections(&topics, &selected))
        }
        Format::Markdown => markdown::markdown_table(&selected),
        Format::Bibtex => bibtex::render_bibtex(&selected),
        Format::Csv => csv::render_csv(&selected),
    };
    print_stdout(&text)?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// Each paper's relevance score, parallel to the papers, where the output
/// shows them or `--sort score` ranks by them (empty otherwise: Markdown,
/// CSV and BibTeX have no place for a score). Ranking is highest first,
/// then cut to `limit`.
fn scored<'a>(
    selected: Vec<&'a CachedPaper>,
    relevance: &Relevance,
    args: &ListArgs,
) -> (Vec<&'a CachedPaper>, Vec<u8>) {
    let ranked = args.sort == SortKey::Score;
    if !ranked && !matches!(args.format, Format::Table | Format::Json) {
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

/// The [`Filter`] the shared filter flags describe.
pub(crate) fn build_filter(
    filters: &FilterArgs,
    topics: &[&Topic],
    cache: &Cache,
) -> Result<Filter, UsageError> {
    let today = Utc::now().date_naive();
    Ok(Filter {
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
