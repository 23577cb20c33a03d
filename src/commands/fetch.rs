//! `papers fetch`: read new listings for each topic and merge them into the cache.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::arxiv::client::{ArxivClient, Observer, RequestError};
use crate::arxiv::fetch::{Progress, TopicFetch, TopicHistory, TopicPlan, fetch_topic};
use crate::arxiv::repeat::Fingerprint;
use crate::cli::{Cli, FetchArgs};
use crate::config;
use crate::exit::{self, UsageError};
use crate::huggingface::client::HfClient;
use crate::huggingface::{HfPaper, plan};
use crate::model::CachedPaper;
use crate::model::Topic;
use crate::render::ci;
use crate::render::summary::{Column, aligned_table};
use crate::storage::cache::{AnswerRecord, Cache, CacheStore, MergeCounts, TopicState, shard_key};
use crate::storage::huggingface::HfStore;
use crate::storage::state::StateStore;
use crate::terminal::sanitize;
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
    let mut snapshot = store.load_index_intact()?;
    store.check_writable()?;
    let mut client = ArxivClient::new(&config.arxiv, Some(&store.pacing_dir()))?;

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
    // Set once the host could not be reached at all: every topic after it
    // asks the same host, so they fail with the same cause, unrequested.
    let mut unreachable: Option<RequestError> = None;
    // Topics that got their last page again, their attempts not yet written.
    let mut unrecorded: Vec<TopicPlan> = Vec::new();
    for topic in topics {
        let history = topic_history(&snapshot, &topic.name);
        let plan = TopicPlan::new(topic, history.as_ref(), &config.arxiv, since, max);
        let bar = TopicBar::new(&bars, topic, plan.limit);
        let fetched = match &unreachable {
            Some(err) => TopicFetch {
                papers: Vec::new(),
                requests: 0,
                error: Some(err.clone()),
                dropped_characters: 0,
                answer: None,
                repeated: false,
            },
            None => fetch_topic(&mut client, &config.arxiv, &plan, &bar),
        };
        if let Some(err @ RequestError::Unreachable { .. }) = &fetched.error {
            unreachable = Some(err.clone());
        }
        let error = fetched
            .error
            .as_ref()
            .map(|err| sanitize::terminal_safe(&err.to_string()).into_owned());
        let (counts, total) = if fetched.repeated {
            // The page the last fetch stored, byte for byte: nothing to
            // merge and no shard to read. The attempt is written with the
            // next write (or once after the last topic): lost in a crash,
            // it only makes the topic look older than it is.
            unrecorded.push(plan);
            (MergeCounts::default(), snapshot.topic_total(&topic.name))
        } else {
            let ids: Vec<String> = fetched.papers.iter().map(|p| p.id.clone()).collect();
            let keys: BTreeSet<String> = ids.iter().map(|id| shard_key(id)).collect();
            let answer = fetched.answer;
            let repeated_before = std::mem::take(&mut unrecorded);
            let ((counts, total), cache) = store
                .update_ids_settled(
                    snapshot,
                    ids.iter().map(String::as_str),
                    |cache| {
                        let counts = cache.merge(&topic.name, fetched.papers, run_started);
                        record_repeats(cache, &repeated_before, run_started);
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
                    },
                    |cache, _| {
                        let record = answer.and_then(|answer| answer_record(cache, answer, &keys));
                        if let Some(state) = cache.topics.get_mut(&topic.name) {
                            state.answer = record;
                        }
                    },
                )
                .with_context(|| format!("saving topic {}", topic.name))?;
            revised.extend(
                counts
                    .updated_ids
                    .iter()
                    .filter_map(|id| cache.papers.get(id).cloned()),
            );
            snapshot = cache;
            (counts, total)
        };
        bar.finish(&counts, error.as_deref());
        rows.push(SummaryRow {
            topic: topic.name.clone(),
            hf: false,
            requests: fetched.requests,
            counts,
            total,
            error,
            dropped_characters: fetched.dropped_characters,
        });
    }
    if !unrecorded.is_empty() {
        let (_, cache) = store
            .update_ids_from(snapshot, [], |cache| {
                record_repeats(cache, &unrecorded, run_started);
            })
            .context("saving the fetch state")?;
        snapshot = cache;
    }
    if config.huggingface.enabled && !args.no_hf {
        let bar = TopicBar::named(&bars, HF_ROW, 0);
        let row = fetch_hugging_face(&config, &store, since.map(|s| s.date_naive()), &bar);
        bar.finish(&row.counts, row.error.as_deref());
        rows.push(row);
    }
    drop(bars);

    print_stdout(&summary_table(&rows))?;
    if !revised.is_empty() {
        print_stdout(&starred_revisions(&revised))?;
    }
    let failed: Vec<&SummaryRow> = rows.iter().filter(|row| row.error.is_some()).collect();
    super::status::warn_if_stale(&snapshot, &config);
    if let Some(err) = &unreachable {
        // One line for cron mail instead of the same cause once per topic.
        eprintln!("papers: {}", sanitize::terminal_safe(&err.to_string()));
        return Ok(exit::exit_code(exit::PARTIAL_FAILURE));
    }
    for row in &failed {
        let what = if row.hf { "" } else { "topic " };
        let failure = format!(
            "{what}{} failed: {}",
            row.topic,
            row.error.as_deref().unwrap_or_default()
        );
        eprintln!("papers: {failure}");
        // Under GitHub Actions, also an annotation on the run's summary page.
        if let Some(command) = ci::annotation(ci::Level::Error, &failure) {
            eprintln!("{command}");
        }
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
        answer: None,
    });
    state.query = plan.search_query.clone();
    state.last_attempt = run_started;
    if error.is_none() {
        state.last_success = Some(run_started);
    }
    state.last_error = error;
}

/// Records the successful attempts of topics whose page was a repeat.
fn record_repeats(cache: &mut Cache, plans: &[TopicPlan], run_started: DateTime<Utc>) {
    for plan in plans {
        record_attempt(
            cache.topics.entry(plan.name.clone()),
            plan,
            run_started,
            None,
        );
    }
}

struct SummaryRow {
    /// A topic's name, or [`HF_ROW`].
    topic: String,
    /// The Hugging Face row: `new` counts papers it listed for the first
    /// time, `updated` those whose counts were read again, `total` all held.
    hf: bool,
    requests: u32,
    counts: MergeCounts,
    total: usize,
    error: Option<String>,
    dropped_characters: usize,
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
    let mut said = BTreeSet::new();
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

/// One row per topic (and one for Hugging Face): what each read brought.
fn summary_table(rows: &[SummaryRow]) -> String {
    const COLUMNS: [Column; 6] = [
        Column::left("topic", 0),
        Column::right("requests", 8),
        Column::right("new", 5),
        Column::right("updated", 7),
        Column::right("total", 6),
        Column::left("status", 0),
    ];
    let mut cells = Vec::with_capacity(rows.len());
    for row in rows {
        let mut status = match &row.error {
            Some(reason) => format!("failed: {reason}"),
            None => "ok".to_owned(),
        };
        match row.dropped_characters {
            0 => {}
            1 => status.push_str(" (1 invalid XML character removed)"),
            n => status.push_str(&format!(" ({n} invalid XML characters removed)")),
        }
        cells.push(vec![
            row.topic.clone(),
            row.requests.to_string(),
            row.counts.new.to_string(),
            row.counts.updated().to_string(),
            row.total.to_string(),
            status,
        ]);
    }
    aligned_table(&COLUMNS, &cells)
}

/// The summary row of the Hugging Face read.
const HF_ROW: &str = "huggingface";

/// Reads the Daily Papers of the days not read yet (or from `since`) and
/// stores them beside the cache. All or nothing: the file is written only
/// after every request succeeded, so an outage leaves what was held, and
/// the last-read day, as they were.
fn fetch_hugging_face(
    config: &config::Config,
    store: &CacheStore,
    since: Option<NaiveDate>,
    observer: &dyn Observer,
) -> SummaryRow {
    let mut row = SummaryRow {
        topic: HF_ROW.to_owned(),
        hf: true,
        requests: 0,
        counts: MergeCounts::default(),
        total: 0,
        error: None,
        dropped_characters: 0,
    };
    let hf_store = HfStore::new(store.dir());
    let outcome = read_daily_papers(
        config,
        &hf_store,
        since,
        &store.pacing_dir(),
        observer,
        &mut row.requests,
    )
    .and_then(|(papers, to)| {
        Ok(hf_store.update(|data| {
            for paper in papers {
                if data.papers.contains_key(&paper.arxiv_id) {
                    row.counts.updated_ids.push(paper.arxiv_id.clone());
                } else {
                    row.counts.new += 1;
                }
                data.upsert(paper.arxiv_id, paper.title, paper.info);
            }
            data.last_read = data.last_read.max(Some(to));
            data.papers.len()
        })?)
    });
    match outcome {
        Ok(total) => row.total = total,
        Err(err) => {
            row.error = Some(sanitize::terminal_safe(&format!("{err:#}")).into_owned());
            // What is still held, untouched.
            row.total = hf_store.load().map_or(0, |data| data.papers.len());
        }
    }
    row
}

/// Every page of every request the span needs, and the span's last day.
fn read_daily_papers(
    config: &config::Config,
    hf_store: &HfStore,
    since: Option<NaiveDate>,
    pacing_dir: &Path,
    observer: &dyn Observer,
    requests: &mut u32,
) -> anyhow::Result<(Vec<HfPaper>, NaiveDate)> {
    // The Hub's days are UTC.
    let today = Utc::now().date_naive();
    let (from, to) = match since {
        Some(since) => (since.min(today), today),
        None => plan::days_to_read(hf_store.load()?.last_read, today),
    };
    let mut client = HfClient::new(
        &config.huggingface,
        &config.arxiv.user_agent,
        Some(pacing_dir),
    )?;
    let mut papers = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for first in plan::plan_requests(from, to) {
        let mut next = Some(first);
        while let Some(request) = next {
            let page = client.daily_papers(&request, observer);
            *requests = client.requests();
            let page = page?;
            next = plan::next_page(&request, page.entry_count());
            skipped.extend(page.skipped_ids);
            papers.extend(page.papers);
        }
    }
    if let Some(first) = skipped.first() {
        eprintln!(
            "papers: huggingface: skipped {} entries whose id is not an arXiv id (first: {})",
            skipped.len(),
            sanitize::terminal_safe(first)
        );
    }
    Ok((papers, to))
}

/// One progress bar per topic, on stderr, only when stderr is a terminal.
struct TopicBar {
    bar: ProgressBar,
}

impl TopicBar {
    fn new(bars: &MultiProgress, topic: &Topic, limit: usize) -> Self {
        Self::named(bars, &topic.name, limit)
    }

    fn named(bars: &MultiProgress, name: &str, limit: usize) -> Self {
        let bar = bars.add(ProgressBar::new(limit as u64));
        let style =
            ProgressStyle::with_template("{prefix:>18.bold} [{bar:30}] {pos:>5}/{len:<5} {msg}")
                .map(|style| style.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_prefix(name.to_owned());
        bar.set_message("requesting…");
        // The ticker is a thread per bar, drawn or not: none for hidden bars.
        if !bar.is_hidden() {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
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
    let completed = state.last_error.is_none() && state.last_success.is_some();
    Some(TopicHistory {
        query: state.query.clone(),
        completed,
        newest_published: cache.newest_published(name),
        last_answer: state
            .answer
            .as_ref()
            .filter(|answer| completed && answer.still_held(cache.shards()))
            .and_then(|answer| Fingerprint::from_hex(&answer.fingerprint)),
    })
}

/// The record of a page just stored: its fingerprint and the shard files
/// now holding its papers (None if one of them is somehow not stored).
fn answer_record(
    cache: &Cache,
    answer: Fingerprint,
    keys: &BTreeSet<String>,
) -> Option<AnswerRecord> {
    let shards = keys
        .iter()
        .map(|key| Some((key.clone(), cache.shards().get(key)?.file.clone())))
        .collect::<Option<_>>()?;
    Some(AnswerRecord {
        fingerprint: answer.to_hex(),
        shards,
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
                hf: false,
                requests: 1,
                counts: MergeCounts {
                    new: 3,
                    updated_ids: vec!["2611.00001".into()],
                },
                total: 40,
                error: None,
                dropped_characters: 0,
            },
            SummaryRow {
                topic: "mobile-llm".into(),
                hf: false,
                requests: 5,
                counts: MergeCounts::default(),
                total: 0,
                error: Some("HTTP 503".into()),
                dropped_characters: 2,
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
        assert!(
            lines[2].ends_with("failed: HTTP 503 (2 invalid XML characters removed)"),
            "{table}"
        );
    }
}
