//! `papers fetch`: read new listings for each topic and merge them into the cache.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::arxiv::client::{ArxivClient, Observer};
use crate::arxiv::fetch::{Progress, TopicHistory, TopicPlan, fetch_topic};
use crate::cli::{Cli, FetchArgs};
use crate::config;
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::model::Topic;
use crate::render::sanitize;
use crate::storage::cache::{Cache, CacheStore, MergeCounts, TopicState};
use crate::storage::state::StateStore;
use crate::terminal::{Terminal, print_stdout};
use crate::triage::dates;

pub fn run(cli: &Cli, args: &FetchArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let topics = config.select_topics(&args.topics)?;
    let since = args
        .since
        .as_deref()
        .map(|text| parse_since(text, Utc::now().date_naive()))
        .transpose()?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    // Fail on a corrupt or unwritable cache before spending any requests.
    // Planning needs the fetch state and shard summaries, not the papers.
    let mut snapshot = store.load_index()?;
    store.check_writable()?;
    let mut client = ArxivClient::new(&config.arxiv)?;

    let run_started = Utc::now();
    let bars = MultiProgress::with_draw_target(if terminal.progress {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    });
    let max = args.max.map(|n| n as usize);
    let mut rows = Vec::with_capacity(topics.len());
    // Papers this run found a new version of, to call out the starred ones.
    let mut revised: Vec<CachedPaper> = Vec::new();
    for topic in topics {
        let history = topic_history(&snapshot, &topic.name);
        let plan = TopicPlan::new(topic, history.as_ref(), &config.arxiv, since, max);
        let bar = TopicBar::new(&bars, topic, plan.limit);
        let fetched = fetch_topic(&mut client, &config.arxiv, &plan, &bar);
        let error = fetched
            .error
            .as_ref()
            .map(|err| sanitize::terminal_safe(&err.to_string()).into_owned());
        let requests = fetched.requests;
        let ids: Vec<String> = fetched.papers.iter().map(|p| p.id.clone()).collect();
        let ((counts, total), cache) = store
            .update_ids_from(snapshot, ids.iter().map(String::as_str), |cache| {
                let counts = cache.merge(&topic.name, fetched.papers, run_started);
                record_attempt(
                    cache.topics.entry(topic.name.clone()),
                    &plan,
                    run_started,
                    error.clone(),
                );
                if counts.new + counts.updated() > 0 {
                    cache.note_fetch_run(run_started);
                }
                (counts, cache.topic_total(&topic.name))
            })
            .with_context(|| format!("saving topic {}", topic.name))?;
        revised.extend(
            counts
                .updated_ids
                .iter()
                .filter_map(|id| cache.papers.get(id).cloned()),
        );
        snapshot = cache;
        bar.finish(&counts, error.as_deref());
        rows.push(SummaryRow {
            topic: topic.name.clone(),
            requests,
            counts,
            total,
            error,
        });
    }
    drop(bars);

    print_stdout(&summary_table(&rows))?;
    if !revised.is_empty() {
        print_stdout(&starred_revisions(&revised))?;
    }
    let failed: Vec<&SummaryRow> = rows.iter().filter(|row| row.error.is_some()).collect();
    for row in &failed {
        eprintln!(
            "papers: topic {} failed: {}",
            row.topic,
            row.error.as_deref().unwrap_or_default()
        );
    }
    Ok(exit::exit_code(if failed.is_empty() {
        exit::SUCCESS
    } else {
        exit::PARTIAL_FAILURE
    }))
}

fn parse_since(text: &str, today: NaiveDate) -> Result<DateTime<Utc>, UsageError> {
    let date = dates::parse_date_arg(text, today)
        .map_err(|message| UsageError(format!("--since: {message}")))?;
    Ok(date.and_time(chrono::NaiveTime::MIN).and_utc())
}

fn record_attempt(
    entry: std::collections::btree_map::Entry<'_, String, TopicState>,
    plan: &TopicPlan,
    run_started: DateTime<Utc>,
    error: Option<String>,
) {
    let state = entry.or_insert_with(|| TopicState {
        query: plan.search_query.clone(),
        last_attempt: run_started,
        last_success: None,
        last_error: None,
    });
    state.query = plan.search_query.clone();
    state.last_attempt = run_started;
    if error.is_none() {
        state.last_success = Some(run_started);
    }
    state.last_error = error;
}

struct SummaryRow {
    topic: String,
    requests: u32,
    counts: MergeCounts,
    total: usize,
    error: Option<String>,
}

/// One line per starred paper this run found a new version of: the reader
/// asked to follow those.
/// The papers are saved by then, so a bad state file only costs the callout.
fn starred_revisions(revised: &[CachedPaper]) -> String {
    let state = match StateStore::resolve().and_then(|store| store.load()) {
        Ok(state) => state,
        Err(err) => {
            eprintln!("papers: cannot tell which revised papers are starred: {err}");
            return String::new();
        }
    };
    let mut out = String::new();
    let mut said = std::collections::BTreeSet::new();
    for held in revised {
        let Some(update) = held.last_update() else {
            continue;
        };
        if !state.is_starred(&held.paper.id) || !said.insert(held.paper.id.as_str()) {
            continue;
        }
        out.push_str(&format!(
            "starred paper revised: {} v{} → v{} ({} → {}) {}\n",
            held.paper.id,
            update.from,
            update.to,
            update.from_submitted.format("%Y-%m-%d"),
            update.to_submitted.format("%Y-%m-%d"),
            sanitize::terminal_safe(&held.paper.title)
        ));
    }
    out
}

/// A plain aligned table: read by people and by `grep`/`awk` in cron logs.
fn summary_table(rows: &[SummaryRow]) -> String {
    let topic_width = rows
        .iter()
        .map(|row| row.topic.len())
        .max()
        .unwrap_or(0)
        .max("topic".len());
    let mut out = format!(
        "{:<topic_width$}  {:>8}  {:>5}  {:>7}  {:>6}  status\n",
        "topic", "requests", "new", "updated", "total"
    );
    for row in rows {
        let status = match &row.error {
            Some(reason) => format!("failed: {reason}"),
            None => "ok".to_owned(),
        };
        out.push_str(&format!(
            "{:<topic_width$}  {:>8}  {:>5}  {:>7}  {:>6}  {status}\n",
            row.topic,
            row.requests,
            row.counts.new,
            row.counts.updated(),
            row.total
        ));
    }
    out
}

/// One progress bar per topic, on stderr, only when stderr is a terminal.
struct TopicBar {
    bar: ProgressBar,
}

impl TopicBar {
    fn new(bars: &MultiProgress, topic: &Topic, limit: usize) -> Self {
        let bar = bars.add(ProgressBar::new(limit as u64));
        let style =
            ProgressStyle::with_template("{prefix:>18.bold} [{bar:30}] {pos:>5}/{len:<5} {msg}")
                .map(|style| style.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_prefix(topic.name.clone());
        bar.set_message("requesting…");
        bar.enable_steady_tick(Duration::from_millis(120));
        TopicBar { bar }
    }

    fn finish(&self, counts: &MergeCounts, error: Option<&str>) {
        let message = match error {
            Some(reason) => format!("failed: {reason}"),
            None => format!("{} new, {} updated", counts.new, counts.updated()),
        };
        self.bar.finish_with_message(message);
    }
}

impl Observer for TopicBar {
    fn waiting(&self, pause: Duration, reason: &str) {
        self.bar
            .set_message(format!("waiting {:.1}s: {}", pause.as_secs_f64(), reason));
    }
}

impl Progress for TopicBar {
    fn page_done(&self, fetched: usize, expected: usize) {
        self.bar.set_length(expected as u64);
        self.bar.set_position(fetched as u64);
        self.bar.set_message("");
    }
}

/// What the cache remembers of a topic's fetches, as the fetch plan needs it.
fn topic_history(cache: &Cache, name: &str) -> Option<TopicHistory> {
    let state = cache.topics.get(name)?;
    Some(TopicHistory {
        query: state.query.clone(),
        completed: state.last_error.is_none() && state.last_success.is_some(),
        newest_published: cache.newest_published(name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_accepts_dates_and_spans_and_names_the_flag_on_error() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let since = parse_since("2026-11-01", today).expect("date");
        assert_eq!(since.to_rfc3339(), "2026-11-01T00:00:00+00:00");
        let week = parse_since("7d", today).expect("span");
        assert_eq!(
            week.date_naive(),
            NaiveDate::from_ymd_opt(2026, 11, 16).expect("date")
        );
        let err = parse_since("last tuesday", today).expect_err("not a date");
        assert!(err.0.starts_with("--since: "), "{}", err.0);
    }

    #[test]
    fn summary_lists_every_topic_with_its_figures() {
        let rows = [
            SummaryRow {
                topic: "npu".into(),
                requests: 1,
                counts: MergeCounts {
                    new: 3,
                    updated_ids: vec!["2611.00001".into()],
                },
                total: 40,
                error: None,
            },
            SummaryRow {
                topic: "mobile-llm".into(),
                requests: 5,
                counts: MergeCounts::default(),
                total: 0,
                error: Some("HTTP 503".into()),
            },
        ];
        let table = summary_table(&rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].starts_with("npu ") && lines[1].ends_with("ok"),
            "{table}"
        );
        assert!(lines[1].contains("  1      3        1      40"), "{table}");
        assert!(lines[2].ends_with("failed: HTTP 503"), "{table}");
    }
}
