//! Fetching one topic: paging through arXiv's newest-first results and
//! deciding where to stop. The command in `commands::fetch` drives it topic
//! by topic and merges what it returns into the cache.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::cache::Cache;
use crate::client::{ArxivClient, Observer, RequestError};
use crate::config::{ArxivSettings, Topic};
use crate::model::Paper;
use crate::query;

/// arXiv's index refuses offsets past about 10,000 (ARXIV_API.md §1).
pub const DEEPEST_OFFSET: usize = 10_000;

/// How one topic will be fetched this run.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicPlan {
    pub name: String,
    pub search_query: String,
    /// Most papers to read this run.
    pub limit: usize,
    /// Stop after the page that reaches papers submitted before this.
    pub stop_before: Option<DateTime<Utc>>,
}

impl TopicPlan {
    /// `since` (from `--since`) overrides the incremental watermark; `max`
    /// (from `--max`) overrides `max_results`.
    pub fn new(
        topic: &Topic,
        cache: &Cache,
        settings: &ArxivSettings,
        since: Option<DateTime<Utc>>,
        max: Option<usize>,
    ) -> Self {
        let search_query = query::search_query(topic);
        let stop_before =
            since.or_else(|| incremental_watermark(topic, &search_query, cache, settings));
        TopicPlan {
            name: topic.name.clone(),
            search_query,
            limit: max
                .unwrap_or(settings.max_results as usize)
                .min(DEEPEST_OFFSET),
            stop_before,
        }
    }
}

/// The newest submission held for the topic minus the overlap window: papers
/// held in moderation are announced days late with old submission dates, so
/// a strict watermark would miss them. Only trusted when the last fetch of
/// the same query completed.
fn incremental_watermark(
    topic: &Topic,
    search_query: &str,
    cache: &Cache,
    settings: &ArxivSettings,
) -> Option<DateTime<Utc>> {
    let state = cache.topics.get(&topic.name)?;
    let trusted =
        state.query == search_query && state.last_error.is_none() && state.last_success.is_some();
    if !trusted {
        return None;
    }
    let overlap = chrono::Duration::days(i64::from(settings.overlap_days));
    cache
        .newest_published(&topic.name)
        .map(|newest| newest - overlap)
}

/// What fetching one topic produced. `papers` holds everything read, even
/// when `error` says a later page failed.
#[derive(Debug)]
pub struct TopicFetch {
    pub papers: Vec<Paper>,
    pub requests: u32,
    pub total_results: Option<u64>,
    pub error: Option<RequestError>,
}

/// Told how far a topic's fetch has got.
pub trait Progress: Observer {
    fn page_done(&self, _fetched: usize, _expected: usize) {}
}

/// Pages through the topic's results, newest first, until its limit, the
/// end of the results, the stop date, or a failure.
pub fn fetch_topic(
    client: &mut ArxivClient,
    settings: &ArxivSettings,
    plan: &TopicPlan,
    progress: &dyn Progress,
) -> TopicFetch {
    let requests_before = client.requests();
    let page_size = settings.page_size as usize;
    let mut papers: Vec<Paper> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut total_results: Option<u64> = None;
    let mut start = 0usize;
    let mut error = None;

    while papers.len() < plan.limit && start < DEEPEST_OFFSET {
        let want = page_size
            .min(plan.limit - papers.len())
            .min(DEEPEST_OFFSET - start);
        let url = query::search_url(
            &settings.api_url,
            &plan.search_query,
            start as u64,
            want as u64,
        );
        // An empty page is only believable on the first request: later ones
        // are the known arXiv glitch and get retried.
        let expect_entries = total_results.is_some_and(|total| (start as u64) < total);
        let feed = match client.get_feed(&url, expect_entries, progress) {
            Ok(feed) => feed,
            Err(err) => {
                error = Some(err);
                break;
            }
        };
        if feed.total_results.is_some() {
            total_results = feed.total_results;
        }
        let received = feed.entries.len();
        let reached_known = plan
            .stop_before
            .is_some_and(|stop| feed.entries.iter().any(|paper| paper.published < stop));
        // Pages can overlap when arXiv's order shifts between calls.
        papers.extend(
            feed.entries
                .into_iter()
                .filter(|paper| seen.insert(paper.id.clone())),
        );
        start += received;
        let expected = total_results.map_or(plan.limit, |total| plan.limit.min(total as usize));
        progress.page_done(papers.len().min(expected), expected);

        let exhausted = received == 0 || total_results.is_some_and(|total| start as u64 >= total);
        if exhausted || reached_known {
            break;
        }
    }
    papers.truncate(plan.limit);
    TopicFetch {
        papers,
        requests: client.requests() - requests_before,
        total_results,
        error,
    }
}

/// Silent progress, for library callers and tests.
pub struct NoProgress;
impl Observer for NoProgress {}
impl Progress for NoProgress {}
