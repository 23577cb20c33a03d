//! `papers list`: filter the cache and print it as a table, Markdown or JSON.

use std::cmp::Reverse;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};

use std::collections::{BTreeSet, HashSet};

use crate::cli::{Cli, FilterArgs, ListArgs};
use crate::config::{self, Config};
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::model::Topic;
use crate::render::atom::{self, FeedMeta};
use crate::render::{Format, bibtex, csv, json, markdown, rows, table, updates};
use crate::storage::cache::{Cache, CacheError, CacheStore};
use crate::storage::state::{StateStore, UserState};
use crate::terminal::{self, Terminal, print_stdout, write_stdout};
use crate::triage::dates;
use crate::triage::filter::{self, Filter, SortKey};
use crate::triage::fit::{self, Corpus, Fit, FitMode, Label};
use crate::triage::score::Relevance;
use crate::triage::top::{self, RankKey};

pub fn run(cli: &Cli, args: &ListArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let topics = requested_topics(&config, &args.filters)?;
    let fit_tag = fit_tag(args)?;
    let relevance = Relevance::new(&config.topics, &topics, Utc::now().date_naive());
    if streams(args, terminal)
        && let Some(code) = stream_listing(cli, args, &config, &topics, &relevance)?
    {
        return Ok(code);
    }
    let ranked = ranked_streamed(cli, args, &config, &topics, &relevance)?;
    let cache;
    let selected = match &ranked {
        Some(papers) => {
            cache = Cache::default();
            papers.iter().collect()
        }
        None => {
            let (whole, filter) =
                filtered_cache_with(cli, &args.filters, &topics, fit_tag.is_none())?;
            super::status::warn_if_stale(&whole, &config);
            cache = whole;
            filter::select(cache.papers.values(), &filter, args.sort, args.limit)
        }
    };
    let mut marked = Cache::default();
    let (selected, fits) = if args.sort == SortKey::Fit {
        let state = StateStore::resolve()?.load()?;
        marked = marked_papers(cli, &state, fit_tag)?;
        ranked_by_fit(selected, &marked, &state, fit_tag, args.limit)
    } else {
        (selected, None)
    };
    let (selected, scores) = match &fits {
        Some(_) => {
            let scores = relevance.of_all(&selected);
            (selected, scores)
        }
        None => scored(selected, &relevance, args),
    };

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
            let text = table::render_table_with(
                &selected,
                &scores,
                fits.as_ref().map(|fits| table::LeadColumn {
                    header: "Fit",
                    cells: fits.iter().map(|fit| format!("{fit:.1}")).collect(),
                }),
                terminal.stdout_width,
            );
            if terminal.links {
                table::link_cells(&text, &selected)
            } else {
                text
            }
        }
        Format::Json => {
            // Streamed: the JSON of a whole cache is as large as the cache.
            write_stdout(|out| {
                if let Some(fits) = &fits {
                    json::write_json_with(&with_fits(&selected, &scores, fits), out)
                } else if scores.is_empty() {
                    json::write_json(&selected, out)
                } else {
                    json::write_json_with(&with_scores(&selected, &scores), out)
                }
                .map_err(std::io::Error::from)?;
                out.write_all(b"\n")
            })?;
            drop(selected);
            super::exit_without_freeing(cache);
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
    super::exit_without_freeing(marked);
    Ok(exit::exit_code(exit::SUCCESS))
}

/// Whether the listing can go out a shard at a time: in date order, JSON,
/// CSV or one Markdown table need no paper beside the ones being written
/// (a page of several topics takes a pass per topic); a table for a pipe,
/// BibTeX and Atom need only what a first pass measures (column widths,
/// citation keys, the newest update; a terminal's table is fitted and
/// wrapped by comfy-table, which holds it whole). Not when the text can go
/// through the pager, which takes it whole.
fn streams(args: &ListArgs, terminal: Terminal) -> bool {
    let format = match args.format {
        Format::Json => true,
        Format::Csv | Format::Markdown => !terminal::may_page(),
        Format::Table => {
            terminal.stdout_width.is_none() && !terminal.links && !terminal::may_page()
        }
        // Atom went through the pager before it streamed; it still does.
        Format::Bibtex | Format::Atom => !terminal::may_page(),
    };
    format && args.sort == SortKey::Date && !args.filters.updated
}

/// Where a streamed listing goes, batch by batch.
enum Listing<'a> {
    Json(json::JsonArrayWriter<'a>),
    Rows(rows::RowWriter<'a>),
    /// With the relevance that fills its Score column; boxed, it holds
    /// every column's header and width.
    Table(Box<table::PipedTable<'a>>, &'a Relevance),
    Bibtex(bibtex::BibtexWriter<'a>),
    Atom(atom::AtomWriter<'a>),
}

impl<'a> Listing<'a> {
    fn new(format: Format, out: &'a mut dyn std::io::Write) -> Self {
        match format {
            Format::Csv => Listing::Rows(rows::RowWriter::new(out, csv::header(), csv::push_paper)),
            Format::Markdown => Listing::Rows(rows::RowWriter::new(
                out,
                markdown::TABLE_HEADER.to_owned(),
                markdown::push_row,
            )),
            _ => Listing::Json(json::JsonArrayWriter::new(out)),
        }
    }

    fn write(&mut self, batch: &[&CachedPaper]) -> std::io::Result<()> {
        match self {
            Listing::Json(array) => array.write(batch).map_err(std::io::Error::from),
            Listing::Rows(rows) => rows.write(batch),
            Listing::Table(table, relevance) => table.write(batch, &relevance.of_all(batch)),
            Listing::Bibtex(bibtex) => bibtex.write(batch),
            Listing::Atom(feed) => feed.write(batch),
        }
    }

    /// Ends the listing; whether it held any paper. JSON and Atom stay
    /// valid documents when empty (`[]`, a feed without entries), like the
    /// whole-listing path.
    fn finish(self) -> std::io::Result<bool> {
        match self {
            Listing::Json(array) => {
                array.finish().map_err(std::io::Error::from)?;
                Ok(true)
            }
            Listing::Atom(feed) => {
                feed.finish()?;
                Ok(true)
            }
            Listing::Rows(rows) => Ok(rows.written() > 0),
            Listing::Table(table, _) => Ok(table.written() > 0),
            Listing::Bibtex(bibtex) => Ok(bibtex.written() > 0),
        }
    }
}

/// A [`streams`] listing, a shard at a time, newest first: a whole cache
/// never has to be in memory. None when the cache cannot be read that way
/// (a schema 1 cache served as it is), for the usual path.
fn stream_listing(
    cli: &Cli,
    args: &ListArgs,
    config: &Config,
    topics: &[&Topic],
    relevance: &Relevance,
) -> anyhow::Result<Option<ExitCode>> {
    let Some((filter, shards)) = open_filtered(cli, args, config, topics)? else {
        return Ok(None);
    };
    // Newest first.
    let mut order: Vec<(usize, DateTime<Utc>)> = shards
        .summaries()
        .map(|(_, meta)| meta.newest_published)
        .enumerate()
        .collect();
    order.sort_by_key(|&(_, newest)| Reverse(newest));
    let newest: Vec<DateTime<Utc>> = order.iter().map(|&(_, newest)| newest).collect();
    let mut buffer = Vec::new();
    let mut any = true;
    write_stdout(|out| {
        let mut read = |shard: usize| -> std::io::Result<Vec<CachedPaper>> {
            shards
                .read(order[shard].0, &mut buffer)
                .map_err(std::io::Error::other)
        };
        if args.format == Format::Markdown && topics.len() > 1 {
            // A pass over the same open shards per topic, each writing its
            // topic's papers of the whole listing (`--limit` cuts the
            // listing, not each section): no pass holds more than its shards.
            let mut page = markdown::SectionWriter::new(out);
            for topic in topics {
                page.begin(&topic.title)?;
                filter::select_streamed(&newest, &mut read, &filter, args.limit, |batch| {
                    page.write(&of_topic(topic, batch))
                })?;
            }
            any = page.finish()? > 0;
            return Ok(());
        }
        // A first pass, where the format needs one, over the same open
        // files: both passes see the same papers whatever a fetch writes
        // meanwhile.
        let mut measure = |take: &mut dyn FnMut(&[&CachedPaper])| {
            filter::select_streamed(&newest, &mut read, &filter, args.limit, |batch| {
                take(batch);
                Ok(())
            })
        };
        let mut listing = match args.format {
            Format::Table => {
                let mut layout = table::PipedLayout::new(None);
                measure(&mut |batch| layout.measure_papers(batch, &relevance.of_all(batch)))?;
                Listing::Table(Box::new(table::PipedTable::new(layout, out)), relevance)
            }
            Format::Bibtex => {
                let mut claims = bibtex::KeyClaims::default();
                measure(&mut |batch| claims.add(batch))?;
                Listing::Bibtex(bibtex::BibtexWriter::new(out, claims.settle()))
            }
            Format::Atom => {
                let mut updated = atom::newest_update(&[]);
                measure(&mut |batch| updated = updated.max(atom::newest_update(batch)))?;
                let filters = feed_filters(&args.filters);
                let feed = FeedMeta::updated_at("list", &filters, updated);
                Listing::Atom(atom::AtomWriter::new(out, &feed)?)
            }
            format => Listing::new(format, out),
        };
        filter::select_streamed(&newest, read, &filter, args.limit, |batch| {
            listing.write(batch)
        })?;
        let json = matches!(listing, Listing::Json(_));
        any = listing.finish()?;
        if json {
            out.write_all(b"\n")?;
        }
        Ok(())
    })
    // A shard of a newer schema travels through the writer as an I/O
    // error; unwrapped, it keeps the cache's exit code.
    .map_err(|err| match err.downcast::<CacheError>() {
        Ok(err) => anyhow::Error::from(err),
        Err(err) => anyhow::Error::from(err),
    })?;
    shards.warn_if_damaged();
    if !any {
        eprintln!("papers: no papers match");
    }
    Ok(Some(exit::exit_code(exit::SUCCESS)))
}

/// `--sort score|title|updated|upvotes` a shard at a time, each keeping at
/// most `--limit` papers (see [`top::select_top`]), in their order: the
/// ranked listing of a large cache never holds the cache. None for the
/// sorts ranked otherwise (`date` streams in order, `fit` trains on the
/// pool) and for a schema 1 cache served as it is.
fn ranked_streamed(
    cli: &Cli,
    args: &ListArgs,
    config: &Config,
    topics: &[&Topic],
    relevance: &Relevance,
) -> anyhow::Result<Option<Vec<CachedPaper>>> {
    if !RankKey::ranks(args.sort) {
        return Ok(None);
    }
    let Some((filter, shards)) = open_filtered(cli, args, config, topics)? else {
        return Ok(None);
    };
    let read = |shard: usize, buffer: &mut Vec<u8>| shards.read(shard, buffer);
    let key = |paper: &CachedPaper| RankKey::of(args.sort, paper, || relevance.of(paper));
    let papers = top::select_top(shards.shard_count(), read, &filter, args.limit, key)?;
    shards.warn_if_damaged();
    Ok(Some(papers))
}

/// The listing's filter and the shards it can match, opened to be read one
/// at a time (with the stale-cache warning said); None for a schema 1 cache
/// served as it is. The index is read once, under the open, unless `--new`
/// needs its last fetch before: the filter picks the shards to open by it.
fn open_filtered(
    cli: &Cli,
    args: &ListArgs,
    config: &Config,
    topics: &[&Topic],
) -> anyhow::Result<Option<(Filter, super::ShardReader)>> {
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let last_fetch = || Ok(store.load_index()?.last_fetch);
    let filter = build_filter_with(&args.filters, topics, last_fetch, true)?;
    let Some(shards) = super::ShardReader::open(&store, |key, meta| filter.may_match(key, meta))?
    else {
        return Ok(None);
    };
    super::status::warn_if_stale(shards.index(), config);
    Ok(Some((filter, shards)))
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
    // `--sort fit` gets here only without a fit: it ranks by score then.
    let ranked = matches!(args.sort, SortKey::Score | SortKey::Fit);
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

/// `--tag TAG` with `--sort fit` names the model (that tag's papers are
/// the positives) instead of filtering; one model at a time.
fn fit_tag(args: &ListArgs) -> Result<Option<&str>, UsageError> {
    if args.sort != SortKey::Fit {
        return Ok(None);
    }
    match args.filters.tags.as_slice() {
        [] => Ok(None),
        [tag] => Ok(Some(tag.as_str())),
        _ => Err(UsageError(
            "--sort fit ranks by one tag's model: give --tag once".into(),
        )),
    }
}

/// The papers whose marks the fit learns from (starred or tagged, and
/// dismissed), read from their shards whatever the listing's filters. The
/// shards are read whole, so this holds every paper of those months, marked
/// or not; [`fit_pool`] takes them all.
pub(crate) fn marked_papers(
    cli: &Cli,
    state: &UserState,
    tag: Option<&str>,
) -> anyhow::Result<Cache> {
    let ids = fit::marked_ids(state, tag);
    if ids.is_empty() {
        return Ok(Cache::default());
    }
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    Ok(store.load_ids(ids.iter().map(String::as_str))?)
}

/// The corpus the fit is learnt and scored over: the papers being ranked,
/// then the papers of the marked papers' months that the listing leaves out
/// (in id order): the marked ones, and their months' others as unmarked
/// background. Reading only the marked papers would be cheaper but would
/// change this pool, and with it every fit, so it waits on a rerun of the
/// quality evaluation. The idf and
/// the model's background sample come from exactly these papers, so the
/// same cache, filters and marks give the same fits, whatever `--limit`,
/// format or the order shards were read in.
pub(crate) fn fit_pool<'a>(listed: &[&'a CachedPaper], marked: &'a Cache) -> Vec<&'a CachedPaper> {
    let listed_ids: HashSet<&str> = listed.iter().map(|held| held.paper.id.as_str()).collect();
    let mut pool = listed.to_vec();
    pool.extend(
        marked
            .papers
            .values()
            .filter(|held| !listed_ids.contains(held.paper.id.as_str())),
    );
    pool
}

/// A trained fit over a pool, with its corpus.
pub(crate) struct Fitted<'a> {
    pub pool: Vec<&'a CachedPaper>,
    pub corpus: Corpus,
    pub fit: Fit,
}

pub(crate) fn train_fit<'a>(
    pool: Vec<&'a CachedPaper>,
    state: &UserState,
    tag: Option<&str>,
) -> Fitted<'a> {
    let corpus = Corpus::build(&pool);
    let labels: Vec<Label> = pool
        .iter()
        .map(|held| fit::label_of(state, held, tag))
        .collect();
    let fit = Fit::train(&corpus, &labels);
    Fitted { pool, corpus, fit }
}

/// What the positives are, for the stderr line: "starred" or "tagged TAG".
pub(crate) fn marked_noun(tag: Option<&str>) -> String {
    tag.map_or_else(|| "starred".to_owned(), |tag| format!("tagged {tag}"))
}

/// `--sort fit`: the listed papers by fit, highest first (ties keep the
/// newest-first order), cut to `limit`, with their fits. Without a star
/// there is no fit: the papers come back as they were, for `--sort score`'s
/// ranking, and stderr says so, as it does for the rough similarity fit.
fn ranked_by_fit<'a>(
    selected: Vec<&'a CachedPaper>,
    marked: &'a Cache,
    state: &UserState,
    tag: Option<&str>,
    limit: Option<usize>,
) -> (Vec<&'a CachedPaper>, Option<Vec<f32>>) {
    let listed = selected.len();
    let fitted = train_fit(fit_pool(&selected, marked), state, tag);
    let mode = fitted.fit.mode();
    if mode != FitMode::Model {
        eprintln!(
            "papers: {}",
            mode.describe(fitted.fit.positives().len(), &marked_noun(tag))
        );
    }
    let Some(fits) = fitted.fit.scores(&fitted.corpus) else {
        return (selected, None);
    };
    let mut ranking: Vec<(&CachedPaper, f32)> = selected.into_iter().zip(fits).collect();
    debug_assert_eq!(ranking.len(), listed);
    ranking.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranking.truncate(limit.unwrap_or(usize::MAX));
    let (papers, fits) = ranking.into_iter().unzip();
    (papers, Some(fits))
}

/// The `"score"` and `"fit"` fields `list --sort fit` adds to each JSON
/// object; the fit rounded as the table shows it.
#[derive(serde::Serialize)]
struct FitFields {
    score: u8,
    fit: f64,
}

fn with_fits<'a>(
    papers: &[&'a CachedPaper],
    scores: &[u8],
    fits: &[f32],
) -> Vec<(&'a CachedPaper, FitFields)> {
    papers
        .iter()
        .zip(scores.iter().zip(fits))
        .map(|(&paper, (&score, &fit))| {
            (
                paper,
                FitFields {
                    score,
                    fit: (f64::from(fit) * 10.0).round() / 10.0,
                },
            )
        })
        .collect()
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
    filtered_cache_with(cli, filters, topics, true)
}

/// [`filtered_cache`]; `tags_filter` as for [`build_filter_with`].
pub(crate) fn filtered_cache_with(
    cli: &Cli,
    filters: &FilterArgs,
    topics: &[&Topic],
    tags_filter: bool,
) -> anyhow::Result<(Cache, Filter)> {
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let last_fetch = || Ok(store.load_index()?.last_fetch);
    let filter = build_filter_with(filters, topics, last_fetch, tags_filter)?;
    let cache = super::read_cache(cli, |key, shard| filter.may_match(key, shard))?;
    Ok((cache, filter))
}

/// The [`Filter`] the shared filter flags describe; reads the user state
/// (dismissed papers are hidden unless `--dismissed`), and the cache's last
/// fetch (`last_fetch`, from its index) only for `--new`. `tags_filter`
/// false when `--tag` names a fit model (`list --sort fit --tag TAG`)
/// rather than limiting the listing.
pub(crate) fn build_filter_with(
    filters: &FilterArgs,
    topics: &[&Topic],
    last_fetch: impl FnOnce() -> anyhow::Result<Option<DateTime<Utc>>>,
    tags_filter: bool,
) -> anyhow::Result<Filter> {
    let today = Utc::now().date_naive();
    // Always read: dismissed papers are hidden from every listing.
    let state = StateStore::resolve()?.load()?;
    let dismissed = state.dismissed_ids();
    let state = Some(state);
    let only_ids = state.as_ref().and_then(|state| {
        let mut ids: Option<BTreeSet<String>> = None;
        if filters.starred {
            ids = Some(state.starred_ids());
        }
        if filters.dismissed {
            ids = Some(match ids {
                Some(starred) => starred.intersection(&dismissed).cloned().collect(),
                None => dismissed.clone(),
            });
        }
        if tags_filter && !filters.tags.is_empty() {
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
        hidden_ids: (!filters.dismissed && !dismissed.is_empty()).then_some(dismissed),
        unseen: filters
            .unseen
            .then(|| state.as_ref().map(|state| state.seen.clone()))
            .flatten(),
        updated_only: filters.updated,
        has_code: filters.has_code,
        min_upvotes: filters.min_upvotes,
        topics: topics.iter().map(|topic| topic.name.clone()).collect(),
        since: parse_date_flag("--since", filters.since.as_deref(), today)?,
        until: parse_date_flag("--until", filters.until.as_deref(), today)?,
        categories: filters.categories.clone(),
        author: filters.author.clone(),
        grep: filters.grep.clone(),
        // With no fetch recorded, nothing is new.
        first_seen_since: if filters.new {
            Some(last_fetch()?.unwrap_or(DateTime::<Utc>::MAX_UTC))
        } else {
            None
        },
        venue: filters.venue.clone(),
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
/// sort order.
fn sections<'a>(topics: &[&'a Topic], selected: &[&'a CachedPaper]) -> Vec<markdown::Section<'a>> {
    topics
        .iter()
        .map(|topic| markdown::Section {
            heading: &topic.title,
            papers: of_topic(topic, selected),
        })
        .collect()
}

/// The papers of `topic`'s section, in their order: a paper matching two
/// topics appears in both sections, as on the published topic pages.
fn of_topic<'a>(topic: &Topic, papers: &[&'a CachedPaper]) -> Vec<&'a CachedPaper> {
    papers
        .iter()
        .copied()
        .filter(|paper| paper.topics.contains(&topic.name))
        .collect()
}
