//! `papers list`: filter the cache and print it as a table, Markdown or JSON.

use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};

use crate::cache::{Cache, CacheStore};
use crate::cli::{Cli, FilterArgs, ListArgs};
use crate::config::{self, Config, Topic};
use crate::dates;
use crate::exit::{self, UsageError};
use crate::filter::{self, Filter};
use crate::model::CachedPaper;
use crate::output::{Terminal, print_stdout, write_stdout};
use crate::render::{Format, bibtex, csv, json, markdown, table};

pub fn run(cli: &Cli, args: &ListArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let topics = requested_topics(&config, &args.filters)?;
    let index = CacheStore::resolve(cli.cache_dir.as_deref())?.load_index()?;
    let filter = build_filter(&args.filters, &topics, &index)?;
    let cache = super::read_cache(cli, |_, shard| filter.may_match(shard))?;
    let selected = filter::select(cache.papers.values(), &filter, args.sort, args.limit);

    if selected.is_empty() && args.format != Format::Json {
        eprintln!("papers: no papers match");
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let text = match args.format {
        Format::Table => table::render_table(&selected, terminal.stdout_width),
        Format::Json => {
            // Streamed: the JSON of a whole cache is as large as the cache.
            write_stdout(|out| {
                json::write_json(&selected, out).map_err(std::io::Error::from)?;
                out.write_all(b"\n")
            })?;
            return Ok(exit::exit_code(exit::SUCCESS));
        }
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
