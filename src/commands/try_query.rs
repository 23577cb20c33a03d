//! `papers try`: one search sent to arXiv to see what a query catches before
//! it becomes a topic. Shows the query sent, arXiv's total, the newest
//! matches with their relevance score, and how many the cache already holds.
//! Nothing is written: the cache is only read.

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use chrono::Utc;

use crate::arxiv::client::{ArxivClient, Quiet, RequestError};
use crate::arxiv::query;
use crate::cli::{Cli, TryArgs, TryFormat};
use crate::config::{self, Config};
use crate::exit::{self, UsageError};
use crate::model::{CachedPaper, Paper, Topic};
use crate::render::json;
use crate::storage::cache::CacheStore;
use crate::terminal::sanitize;
use crate::terminal::{Terminal, print_stdout};
use crate::triage::score::Scorer;

/// The name the would-be topic is scored under; never stored.
const TRY_TOPIC: &str = "try";

pub fn run(cli: &Cli, args: &TryArgs, _terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let topic = would_be_topic(&config, args)?;
    let search_query = query::search_query(&topic);
    let url = query::search_url(
        &config.arxiv.api_url,
        &search_query,
        0,
        u64::from(args.limit),
    );
    // Paced with other papers processes through the cache dir's pacing
    // lock, but only where a cache exists: a try writes nothing of its own.
    let pacing_dir = CacheStore::resolve(cli.cache_dir.as_deref())
        .ok()
        .filter(CacheStore::exists)
        .map(|store| store.pacing_dir());
    let mut client = ArxivClient::new(&config.arxiv, pacing_dir.as_deref())?;
    let feed = match client.get_feed(&url, false, &Quiet) {
        Ok(feed) => feed,
        // arXiv's error feed names what it could not parse: a usage error.
        Err(RequestError::Refused { message, .. }) => {
            return Err(UsageError(format!(
                "arXiv rejected the query {}: {}",
                sanitize::terminal_safe(&search_query),
                sanitize::terminal_safe(&message)
            ))
            .into());
        }
        Err(err) => anyhow::bail!(
            "cannot search arXiv: {}",
            sanitize::terminal_safe(&err.to_string())
        ),
    };
    let today = Utc::now().date_naive();
    let scorer = Scorer::new(&topic, today);
    let held = held_matches(cli, &feed.entries)?;
    let now = Utc::now();
    let matches: Vec<Match> = feed
        .entries
        .into_iter()
        .map(|paper| {
            let score = scorer.total(&paper);
            let cached = match held.as_ref().and_then(|held| held.get(&paper.id)) {
                // The fresh metadata, with what the cache recorded of it.
                Some(known) => CachedPaper {
                    paper,
                    ..known.clone()
                },
                None => CachedPaper {
                    paper,
                    first_seen: now,
                    last_changed: now,
                    topics: BTreeSet::new(),
                    updates: Vec::new(),
                    hf: None,
                },
            };
            let is_held = held
                .as_ref()
                .is_some_and(|h| h.contains_key(&cached.paper.id));
            Match {
                cached,
                score,
                held: is_held,
            }
        })
        .collect();
    let output = match args.format {
        TryFormat::Text => text(&search_query, feed.total_results, &matches, held.is_some()),
        TryFormat::Json => format!(
            "{}\n",
            as_json(&search_query, feed.total_results, &matches)?
        ),
    };
    print_stdout(&output)?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// The topic the search stands for: a configured one, or one made from the
/// flags under the config's own rules.
fn would_be_topic(config: &Config, args: &TryArgs) -> Result<Topic, anyhow::Error> {
    if let Some(name) = &args.topic {
        let chosen = config.select_topics(std::slice::from_ref(name))?;
        return Ok(chosen[0].clone());
    }
    let mut topic = Topic {
        name: TRY_TOPIC.into(),
        title: TRY_TOPIC.into(),
        keywords: Vec::new(),
        categories: Vec::new(),
        authors: Vec::new(),
        exclude: Vec::new(),
        query: None,
    };
    if let Some(raw) = &args.query {
        topic.query =
            Some(config::check_query(raw).map_err(|reason| flag_error("--query", raw, &reason))?);
        return Ok(topic);
    }
    topic.keywords = checked("--keywords", &args.keywords, config::check_phrase)?;
    topic.categories = checked("--categories", &args.categories, config::check_category)?;
    topic.authors = checked("--authors", &args.authors, config::check_phrase)?;
    Ok(topic)
}

fn checked(
    flag: &str,
    values: &[String],
    check: fn(&str) -> Result<String, String>,
) -> Result<Vec<String>, UsageError> {
    values
        .iter()
        .map(|value| check(value).map_err(|reason| flag_error(flag, value, &reason)))
        .collect()
}

fn flag_error(flag: &str, value: &str, reason: &str) -> UsageError {
    UsageError(format!(
        "{flag} {:?}: {}",
        sanitize::terminal_safe(value),
        sanitize::terminal_safe(reason)
    ))
}

/// The cached records of the matches, by id; `None` when there is no cache.
fn held_matches(
    cli: &Cli,
    papers: &[Paper],
) -> anyhow::Result<Option<BTreeMap<String, CachedPaper>>> {
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    if !store.exists() {
        return Ok(None);
    }
    let cache = store.load_ids(papers.iter().map(|paper| paper.id.as_str()))?;
    let held = papers
        .iter()
        .filter_map(|paper| cache.papers.get(&paper.id))
        .map(|cached| (cached.paper.id.clone(), cached.clone()))
        .collect();
    Ok(Some(held))
}

struct Match {
    cached: CachedPaper,
    score: u8,
    held: bool,
}

fn text(search_query: &str, total: Option<u64>, matches: &[Match], has_cache: bool) -> String {
    let mut out = format!("query: {}\n", sanitize::terminal_safe(search_query));
    let total = total.map_or_else(
        || "unknown (arXiv did not say)".to_owned(),
        |n| n.to_string(),
    );
    out.push_str(&format!("arXiv total: {total}\n"));
    if matches.is_empty() {
        out.push_str("no matches\n");
    } else {
        out.push_str(&format!(
            "newest {} (submitted, id, score, title):\n",
            matches.len()
        ));
    }
    for found in matches {
        let paper = &found.cached.paper;
        out.push_str(&format!(
            "  {}  {:<12}  {:>3}  {}\n",
            paper.published.format("%Y-%m-%d"),
            paper.id,
            found.score,
            sanitize::terminal_safe(&paper.title)
        ));
    }
    if has_cache {
        out.push_str(&held_line(matches));
    }
    out
}

/// `already held: 3 of 10 (kv-cache 3, llm-acceleration 1)`.
fn held_line(matches: &[Match]) -> String {
    let held: Vec<&Match> = matches.iter().filter(|found| found.held).collect();
    let mut per_topic: BTreeMap<&str, usize> = BTreeMap::new();
    for found in &held {
        for topic in &found.cached.topics {
            *per_topic.entry(topic.as_str()).or_default() += 1;
        }
    }
    let topics: Vec<String> = per_topic
        .iter()
        .map(|(topic, count)| format!("{topic} {count}"))
        .collect();
    let under = if topics.is_empty() {
        String::new()
    } else {
        format!(" ({})", topics.join(", "))
    };
    format!("already held: {} of {}{under}\n", held.len(), matches.len())
}

/// The fields `papers try` adds to each paper of `list --format json`.
#[derive(serde::Serialize)]
struct TryFields {
    score: u8,
    held: bool,
}

fn as_json(
    search_query: &str,
    total: Option<u64>,
    matches: &[Match],
) -> serde_json::Result<String> {
    let papers: Vec<(&CachedPaper, TryFields)> = matches
        .iter()
        .map(|found| {
            (
                &found.cached,
                TryFields {
                    score: found.score,
                    held: found.held,
                },
            )
        })
        .collect();
    // The array exactly as `list --format json` writes it (key order
    // included), indented one level into the object. serde_json escapes
    // newlines inside strings, so every line break is structure.
    let array = json::render_json_with(&papers)?.replace('\n', "\n  ");
    Ok(format!(
        "{{\n  \"query\": {},\n  \"total_results\": {},\n  \"papers\": {array}\n}}",
        serde_json::to_string(search_query)?,
        serde_json::to_string(&total)?,
    ))
}
