//! `papers search QUERY...`: ranked full-text search over the cached papers,
//! narrowed by the same filters as `list`, in the same formats. It counts
//! over the search index when the filters allow, else over the papers.

use std::process::ExitCode;

use clap::CommandFactory;
use serde::Serialize;

use crate::cli::{Cli, SearchArgs};
use crate::config;
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::render::atom::{self, FeedMeta};
use crate::render::hits::{self, ShownHit};
use crate::render::{Format, bibtex, csv, json, markdown};
use crate::storage::cache::{Cache, CacheError, CacheStore, ShardMeta};
use crate::storage::huggingface::HfStore;
use crate::storage::search_index::SearchIndex;
use crate::terminal::{Terminal, print_stdout};
use crate::triage::filter::{self, FactsFilter, Filter, SortKey};
use crate::triage::search::query::{self, ClauseKind, Field, Query};
use crate::triage::search::snippet::{self, Snippet};
use crate::triage::search::{self as engine, Hit};
use crate::triage::search::{Found, indexed, streamed};

use super::list::{build_filter_with, feed_filters, requested_topics};

pub fn run(cli: &Cli, args: &SearchArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let query = query::parse(&typed_query(args))
        .map_err(|reason| UsageError(format!("search query: {reason}")))?;
    let config = config::load(cli.config.as_deref())?;
    let topics = requested_topics(&config, &args.filters)?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let index = store.load_index()?;
    let filter = build_filter_with(&args.filters, &topics, || Ok(index.last_fetch), true)?;
    let mut found = indexed_search(&store, &index, &filter, &query, args.limit);
    if let Some(found) = &mut found {
        HfStore::new(store.dir())
            .load()?
            .join_papers(found.papers.iter_mut());
    } else {
        found = streamed_search(&store, &filter, &query, args.limit)?;
    }
    let mut cache = Cache::default();
    let hits = match &found {
        Some(found) => found.hits(),
        // A schema 1 cache served as it is: read whole.
        None => {
            cache = super::read_cache(cli, |key, shard| filter.may_match(key, shard))?;
            let searched = filter::select(cache.papers.values(), &filter, SortKey::Date, None);
            engine::search(&searched, &query, args.limit)
        }
    };

    if hits.is_empty() && !matches!(args.format, Format::Json | Format::Atom) {
        eprintln!("papers: no papers match");
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let papers: Vec<&CachedPaper> = hits.iter().map(|hit| hit.paper).collect();
    let text = match args.format {
        Format::Table => {
            let text = hits::render_hits(
                &shown(&hits, &query),
                terminal.stdout_width,
                terminal.color_stdout,
            );
            if terminal.links {
                crate::render::table::link_cells(&text, &papers)
            } else {
                text
            }
        }
        Format::Json => json::render_json_with(&json_records(&hits, &query))? + "\n",
        Format::Markdown => markdown::markdown_table(&papers),
        Format::Bibtex => bibtex::render_bibtex(&papers),
        Format::Csv => csv::render_csv(&papers),
        Format::Atom => {
            let typed = typed_query(args);
            let mut filters = vec![("query", typed.as_str())];
            filters.extend(feed_filters(&args.filters));
            atom::render_atom(&papers, &FeedMeta::new("search", &filters, &papers))
        }
    };
    print_stdout(&text)?;
    drop((papers, hits));
    super::exit_without_freeing(cache);
    Ok(exit::exit_code(exit::SUCCESS))
}

/// The search over the index (`search/` in the cache), when every filter
/// set can be decided from it and every shard searched could be read; None
/// sends the search through the cache reader, which reads the shards
/// whole (and says what is wrong with any it cannot read).
fn indexed_search(
    store: &CacheStore,
    index: &Cache,
    filter: &Filter,
    query: &Query,
    limit: usize,
) -> Option<Found> {
    let facts = FactsFilter::new(filter)?;
    // No cache yet, or a schema 1 cache served whole: the reader says so.
    if !store.exists() || index.shards().is_empty() || !index.papers.is_empty() {
        return None;
    }
    let shards: Vec<(&str, &ShardMeta)> = index
        .shards()
        .iter()
        .filter(|(key, meta)| filter.may_match(key, meta))
        .map(|(key, meta)| (key.as_str(), meta))
        .collect();
    let search_index = SearchIndex::new(store.dir());
    let found = indexed::search(&search_index, &shards, &facts, query, limit).ok()?;
    if let Some(why) = &found.unwritten {
        eprintln!("papers: note: the search index was not saved ({why}); searching still works");
    }
    search_index.sweep(index.shards());
    Some(found)
}

/// The search over the papers a shard at a time, for filters the index
/// cannot decide (or an index that cannot be read); None for a schema 1
/// cache served as it is, which has no shards.
fn streamed_search(
    store: &CacheStore,
    filter: &Filter,
    query: &Query,
    limit: usize,
) -> Result<Option<Found>, CacheError> {
    let Some(shards) = super::ShardReader::open(store, |key, meta| filter.may_match(key, meta))?
    else {
        return Ok(None);
    };
    let read = |shard: usize, buffer: &mut Vec<u8>| shards.read(shard, buffer);
    let found = streamed::search(
        streamed::KEEP_AT_MOST,
        shards.shard_count(),
        read,
        filter.matcher(),
        query,
        limit,
    )?;
    shards.warn_if_damaged();
    Ok(Some(found))
}

/// On a command line clap refused, the `-word` typed before `--` in
/// `papers search` that clap took for short options (`-quantum` as `-q`),
/// as a one-line error showing the `--` form; None when that is not what
/// went wrong. A word whose first letter is one of search's short options
/// (`-n5`) is left to clap, which reads it as that option.
pub fn exclusion_before_dashes(argv: &[String]) -> Option<String> {
    let start = argv.iter().position(|word| word == "search")? + 1;
    let words: Vec<&str> = argv[start..]
        .iter()
        .map(String::as_str)
        .take_while(|&word| word != "--")
        .collect();
    let command = Cli::command();
    let shorts: Vec<char> = command
        .find_subcommand("search")
        .into_iter()
        .flat_map(|search| search.get_arguments())
        .chain(command.get_arguments())
        .filter_map(|arg| arg.get_short())
        .chain(['h', 'V'])
        .collect();
    let is_exclusion = |word: &str| {
        let mut chars = word.chars();
        chars.next() == Some('-')
            && chars
                .next()
                .is_some_and(|c| c != '-' && !shorts.contains(&c))
    };
    let excluded: Vec<&str> = words.iter().copied().filter(|w| is_exclusion(w)).collect();
    let first = excluded.first()?;
    let kept: Vec<&str> = words.iter().copied().filter(|w| !is_exclusion(w)).collect();
    Some(format!(
        "'{first}' before `--` is read as an option; exclusions go after `--`: \
         papers search {} -- {}",
        kept.join(" "),
        excluded.join(" ")
    ))
}

/// The query as typed: the words before `--` and the exclusions after it.
fn typed_query(args: &SearchArgs) -> String {
    args.query
        .iter()
        .chain(&args.exclude)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words a snippet highlights: the positive terms that can occur in an
/// abstract.
fn abstract_phrases(query: &Query) -> Vec<&[String]> {
    query
        .clauses
        .iter()
        .filter(|clause| !clause.negated && clause.kind.searches(Field::Abstract))
        .filter_map(|clause| match &clause.kind {
            ClauseKind::Text { words, .. } => Some(words.as_slice()),
            ClauseKind::Category(_) => None,
        })
        .collect()
}

fn snippet_of(hit: &Hit<'_>, phrases: &[&[String]]) -> Snippet {
    snippet::snippet(&hit.paper.paper.summary, phrases, snippet::WORDS)
}

fn shown<'a>(hits: &[Hit<'a>], query: &Query) -> Vec<ShownHit<'a>> {
    let phrases = abstract_phrases(query);
    hits.iter()
        .map(|hit| ShownHit {
            paper: hit.paper,
            score: hit.score,
            snippet: snippet_of(hit, &phrases),
        })
        .collect()
}

/// The fields search adds to each JSON paper object.
#[derive(Serialize)]
struct SearchFields {
    /// BM25F score, rounded to 3 decimals: more digits only add noise.
    search_score: f64,
    snippet: String,
}

fn json_records<'a>(hits: &[Hit<'a>], query: &Query) -> Vec<(&'a CachedPaper, SearchFields)> {
    let phrases = abstract_phrases(query);
    hits.iter()
        .map(|hit| {
            let fields = SearchFields {
                search_score: (hit.score * 1000.0).round() / 1000.0,
                snippet: snippet_of(hit, &phrases).text,
            };
            (hit.paper, fields)
        })
        .collect()
}
