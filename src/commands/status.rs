//! `papers status`: each topic's fetch health, read from the cache index, so
//! a broken fetch never passes for a quiet day. The stale warning that
//! `fetch` and `list` print is made here too.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cli::{Cli, StatsFormat, StatusArgs};
use crate::config;
use crate::exit;
use crate::model::Topic;
use crate::render::ci;
use crate::render::summary::{Column, aligned_table};
use crate::storage::cache::{Cache, CacheStore};
use crate::terminal::print_stdout;
use crate::terminal::sanitize::terminal_safe;

/// Exits 1 when a topic is stale or its last attempt failed, so a monitor
/// can run `papers status` alone.
pub fn run(cli: &Cli, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let cache = store.load_index()?;
    let now = Utc::now();
    let rows = rows(&cache, &config.topics, config.arxiv.stale_days, now);
    match args.format {
        StatsFormat::Table => print_stdout(&table(&rows))?,
        StatsFormat::Json => print_stdout(&format!("{}\n", serde_json::to_string_pretty(&rows)?))?,
    }
    let unhealthy = rows.iter().any(|row| row.stale || row.last_error.is_some());
    Ok(exit::exit_code(if unhealthy {
        exit::PARTIAL_FAILURE
    } else {
        exit::SUCCESS
    }))
}

/// One topic's fetch health.
#[derive(Debug, Serialize)]
struct Row {
    topic: String,
    last_success: Option<DateTime<Utc>>,
    last_attempt: Option<DateTime<Utc>>,
    /// Terminal-safe: it quotes what a server said.
    last_error: Option<String>,
    papers: usize,
    days_since_success: Option<i64>,
    stale: bool,
}

fn rows(cache: &Cache, topics: &[Topic], stale_days: u32, now: DateTime<Utc>) -> Vec<Row> {
    topics
        .iter()
        .map(|topic| {
            let state = cache.topics.get(&topic.name);
            Row {
                topic: topic.name.clone(),
                last_success: state.and_then(|s| s.last_success),
                last_attempt: state.map(|s| s.last_attempt),
                last_error: state
                    .and_then(|s| s.last_error.as_deref())
                    .map(|error| terminal_safe(error).into_owned()),
                papers: cache.topic_total(&topic.name),
                days_since_success: state.and_then(|s| s.days_since_success(now)),
                stale: state.is_some_and(|s| s.is_stale(now, stale_days)),
            }
        })
        .collect()
}

/// One row per topic, aligned like fetch's summary.
fn table(rows: &[Row]) -> String {
    const COLUMNS: [Column; 6] = [
        Column::left("topic", 0),
        Column::left("last success", 16),
        Column::left("last attempt", 16),
        Column::right("papers", 6),
        Column::right("days", 4),
        Column::left("state", 0),
    ];
    let when = |at: Option<DateTime<Utc>>| {
        at.map_or_else(
            || "never".to_owned(),
            |at| at.format("%Y-%m-%d %H:%M").to_string(),
        )
    };
    let mut cells = Vec::with_capacity(rows.len());
    for row in rows {
        let days = row
            .days_since_success
            .map_or_else(|| "-".to_owned(), |days| days.to_string());
        let mut state = match (&row.last_error, row.last_attempt) {
            (_, None) => "not fetched yet".to_owned(),
            (Some(error), _) => format!("failed: {error}"),
            (None, _) => "ok".to_owned(),
        };
        if row.stale {
            state = format!("STALE; {state}");
        }
        cells.push(vec![
            row.topic.clone(),
            when(row.last_success),
            when(row.last_attempt),
            row.papers.to_string(),
            days,
            state,
        ]);
    }
    aligned_table(&COLUMNS, &cells)
}

/// Prints the stale warning on stderr (and, under GitHub Actions, as a
/// `::warning::` on the run's page): `fetch` and `list` call it so a cron
/// mail or a workflow run shows it.
pub(crate) fn warn_if_stale(cache: &Cache, config: &config::Config) {
    if let Some(warning) = stale_warning(cache, &config.topics, config.arxiv.stale_days, Utc::now())
    {
        eprintln!("{warning}");
        let message = warning.trim_start_matches("papers: warning: ");
        if let Some(command) = ci::annotation(ci::Level::Warning, message) {
            eprintln!("{command}");
        }
    }
}

/// One line for stderr naming every stale topic, or `None`.
pub(crate) fn stale_warning(
    cache: &Cache,
    topics: &[Topic],
    stale_days: u32,
    now: DateTime<Utc>,
) -> Option<String> {
    let stale: Vec<String> = rows(cache, topics, stale_days, now)
        .into_iter()
        .filter(|row| row.stale)
        .map(|row| {
            format!(
                "{} ({} days)",
                row.topic,
                row.days_since_success.unwrap_or_default()
            )
        })
        .collect();
    if stale.is_empty() {
        return None;
    }
    Some(format!(
        "papers: warning: no successful fetch for over {stale_days} days: {}; see `papers status`",
        stale.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::cache::TopicState;
    use chrono::TimeZone;

    fn topic(name: &str) -> Topic {
        config::parse(
            &format!("[[topics]]\nname = \"{name}\"\ntitle = \"T\"\nkeywords = [\"k\"]\n"),
            "test",
        )
        .expect("config")
        .1
        .remove(0)
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 6, 0, 0)
            .single()
            .expect("date")
    }

    fn state(success: Option<u32>, attempt: u32, error: Option<&str>) -> TopicState {
        TopicState {
            query: "q".into(),
            last_attempt: at(attempt),
            last_success: success.map(at),
            last_error: error.map(str::to_owned),
            answer: None,
        }
    }

    #[test]
    fn a_topic_is_stale_only_past_stale_days_since_its_last_success() {
        let mut cache = Cache::default();
        cache
            .topics
            .insert("fresh".into(), state(Some(20), 20, None));
        cache
            .topics
            .insert("edge".into(), state(Some(17), 20, Some("HTTP 503")));
        cache
            .topics
            .insert("old".into(), state(Some(10), 20, Some("HTTP 503\u{1b}[2J")));
        cache
            .topics
            .insert("never".into(), state(None, 20, Some("x")));
        let topics: Vec<Topic> = ["fresh", "edge", "old", "never", "new"]
            .into_iter()
            .map(topic)
            .collect();
        // "edge" succeeded exactly three days ago: not more than stale_days.
        let now = at(20);
        let rows = rows(&cache, &topics, 3, now);
        let stale: Vec<(&str, bool)> = rows.iter().map(|r| (r.topic.as_str(), r.stale)).collect();
        assert_eq!(
            stale,
            [
                ("fresh", false),
                ("edge", false),
                ("old", true),
                ("never", false),
                ("new", false)
            ]
        );
        assert_eq!(rows[2].days_since_success, Some(10));
        assert_eq!(rows[2].last_error.as_deref(), Some("HTTP 503"));
        let text = table(&rows);
        assert!(
            text.lines()
                .nth(3)
                .is_some_and(|l| l.contains("STALE; failed: HTTP 503")),
            "{text}"
        );
        assert!(
            text.lines()
                .nth(5)
                .is_some_and(|l| l.ends_with("not fetched yet")),
            "{text}"
        );
        assert_eq!(
            stale_warning(&cache, &topics, 3, now).as_deref(),
            Some(
                "papers: warning: no successful fetch for over 3 days: old (10 days); see `papers status`"
            )
        );
        assert_eq!(stale_warning(&cache, &topics, 30, now), None);
    }
}
