//! Fetching one topic: paging through arXiv's newest-first results and
//! deciding where to stop. The command in `commands::fetch` drives it topic
//! by topic and merges what it returns into the cache.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::arxiv::client::{ArxivClient, Observer, Page, RequestError};
use crate::arxiv::query;
use crate::arxiv::repeat::{Fingerprint, Fingerprinter};
use crate::arxiv::{ArxivSettings, DEEPEST_OFFSET};
use crate::model::Paper;
use crate::model::Topic;

/// How one topic will be fetched this run.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicPlan {
    pub name: String,
    pub search_query: String,
    /// Most papers to read this run (a re-read after arXiv's order shifted
    /// may add the few that had slid past a page boundary).
    pub limit: usize,
    /// Stop after the page that reaches papers submitted before this.
    pub stop_before: Option<DateTime<Utc>>,
    /// The answer the last fetch got, when it read one page and all of it
    /// is still held as stored: the same answer again has nothing new.
    pub repeat_of: Option<Fingerprint>,
}

/// What the cache remembers of a topic's earlier fetches; the command reads
/// it from storage and hands it in, so this module never touches disk.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicHistory {
    /// The search_query of the last fetch.
    pub query: String,
    /// The last fetch ended without an error, and one has succeeded.
    pub completed: bool,
    /// The newest v1 submission held under the topic.
    pub newest_published: Option<DateTime<Utc>>,
    /// The one page the last fetch read, if every paper it held is still
    /// stored as that fetch left it (the command checks the shard files).
    pub last_answer: Option<Fingerprint>,
}

impl TopicPlan {
    /// `since` (from `--since`) overrides the incremental watermark; `max`
    /// (from `--max`) overrides `max_results`.
    pub fn new(
        topic: &Topic,
        history: Option<&TopicHistory>,
        settings: &ArxivSettings,
        since: Option<DateTime<Utc>>,
        max: Option<usize>,
    ) -> Self {
        let search_query = query::search_query(topic);
        let stop_before =
            since.or_else(|| incremental_watermark(&search_query, history?, settings));
        TopicPlan {
            repeat_of: history.and_then(|history| history.last_answer),
            name: topic.name.clone(),
            search_query,
            limit: max
                .unwrap_or(settings.max_results as usize)
                .min(DEEPEST_OFFSET as usize),
            stop_before,
        }
    }
}

/// The newest submission held for the topic minus the overlap window: papers
/// held in moderation are announced days late with old submission dates, so
/// a strict watermark would miss them. Only trusted when the last fetch of
/// the same query completed.
fn incremental_watermark(
    search_query: &str,
    history: &TopicHistory,
    settings: &ArxivSettings,
) -> Option<DateTime<Utc>> {
    if history.query != search_query || !history.completed {
        return None;
    }
    let overlap = chrono::Duration::days(i64::from(settings.overlap_days));
    history.newest_published.map(|newest| newest - overlap)
}

/// How many times a topic's window is read when arXiv's order shifts
/// under it: the first read plus two re-reads. Bounds the
/// requests a server that never settles (or ignores `start`) can cost.
pub const MAX_PASSES: u32 = 3;

/// What fetching one topic produced. `papers` holds everything read, even
/// when `error` says a later page failed.
#[derive(Debug)]
pub struct TopicFetch {
    pub papers: Vec<Paper>,
    pub requests: u32,
    pub error: Option<RequestError>,
    /// Characters XML forbids that arXiv sent and the parser dropped (see
    /// `atom::Feed`), for the summary.
    pub dropped_characters: usize,
    /// The fetch read one page, in one read, without error: its answer's
    /// fingerprint, for the next fetch to recognise.
    pub answer: Option<Fingerprint>,
    /// That page was [`TopicPlan::repeat_of`] again: nothing was parsed,
    /// and `papers` is empty because nothing is new.
    pub repeated: bool,
}

/// Told how far a topic's fetch has got.
pub trait Progress: Observer {
    fn page_done(&self, _fetched: usize, _expected: usize) {}
}

/// Pages through the topic's results, newest first, until its limit, the
/// end of the results, the stop date, or a failure.
///
/// Offsets only mean something while arXiv's order holds still. When a page
/// shows that it moved (a paper seen on an earlier page of the same read,
/// or a different `totalResults`), a paper may have slid past a page
/// boundary unseen, and nothing in the answers says which: the read stops
/// and the whole window is read again, keeping everything already read.
/// After [`MAX_PASSES`] unsettled reads the topic fails, so the next fetch
/// reads the full window rather than trusting this one.
pub fn fetch_topic(
    client: &mut ArxivClient,
    settings: &ArxivSettings,
    plan: &TopicPlan,
    progress: &dyn Progress,
) -> TopicFetch {
    let requests_before = client.requests();
    let mut held = Held::default();
    let mut total_results: Option<u64> = None;
    let mut error = None;
    let mut passes = 0;
    for pass in 1..=MAX_PASSES {
        passes = pass;
        match read_window(
            client,
            settings,
            plan,
            progress,
            &mut held,
            &mut total_results,
        ) {
            Ok(ReadOutcome::Settled) => break,
            Ok(ReadOutcome::Shifted(why)) if pass == MAX_PASSES => {
                error = Some(RequestError::Final(format!(
                    "arXiv's result order kept shifting between pages ({why}) in {MAX_PASSES} \
                     reads; papers may be missing, the next fetch reads the window again"
                )));
            }
            Ok(ReadOutcome::Shifted(_)) => {}
            Err(err) => {
                error = Some(err);
                break;
            }
        }
    }
    let single_page = passes == 1 && held.pages == 1 && error.is_none();
    TopicFetch {
        papers: held.papers,
        requests: client.requests() - requests_before,
        answer: held.first_answer.filter(|_| single_page),
        repeated: held.repeated && single_page,
        error,
        dropped_characters: held.dropped_characters,
    }
}

/// Papers read so far by any pass, each once.
#[derive(Default)]
struct Held {
    papers: Vec<Paper>,
    /// Versionless id to index in `papers`.
    index: HashMap<String, usize>,
    dropped_characters: usize,
    /// Pages read, by all passes.
    pages: u32,
    first_answer: Option<Fingerprint>,
    repeated: bool,
}

impl Held {
    /// Keeps the newest version when a re-read brings a paper again.
    fn add(&mut self, paper: Paper) {
        match self.index.get(&paper.id) {
            Some(&at) if self.papers[at].version < paper.version => self.papers[at] = paper,
            Some(_) => {}
            None => {
                self.index.insert(paper.id.clone(), self.papers.len());
                self.papers.push(paper);
            }
        }
    }
}

/// How one read of the window ended.
enum ReadOutcome {
    /// Every page agreed with the ones before it.
    Settled,
    /// The order moved between two pages; the reason, for the error message.
    Shifted(String),
}

/// One read of the window from offset 0: pages until the limit (counted in
/// distinct papers of this read), the end of the results or the stop date.
fn read_window(
    client: &mut ArxivClient,
    settings: &ArxivSettings,
    plan: &TopicPlan,
    progress: &dyn Progress,
    held: &mut Held,
    total_results: &mut Option<u64>,
) -> Result<ReadOutcome, RequestError> {
    let page_size = settings.page_size as usize;
    let mut this_read: HashSet<String> = HashSet::new();
    let mut read_total: Option<u64> = None;
    let mut start = 0usize;

    while this_read.len() < plan.limit && start < DEEPEST_OFFSET as usize {
        let want = page_size
            .min(plan.limit - this_read.len())
            .min(DEEPEST_OFFSET as usize - start);
        let url = query::search_url(
            &settings.api_url,
            &plan.search_query,
            start as u64,
            want as u64,
        );
        // An empty page is only believable on the first request: later ones
        // (or any page once an earlier read saw results there) are the
        // known arXiv glitch and get retried.
        let expect_entries = total_results.is_some_and(|total| (start as u64) < total);
        // Only the first page of a fetch can be the last fetch's one page.
        let first = held.pages == 0;
        let known = plan.repeat_of.filter(|_| first);
        let fingerprint =
            |body: &[u8]| Fingerprint::of_answer(&url, plan.stop_before, plan.limit, body);
        // Later pages are never recorded, so their bytes are not hashed.
        let fingerprint = first.then_some(&fingerprint as Fingerprinter<'_>);
        let page = client.get_page(&url, expect_entries, progress, known, fingerprint)?;
        held.pages += 1;
        let feed = match page {
            Page::Repeat(answer) => {
                held.first_answer = Some(answer);
                held.repeated = true;
                return Ok(ReadOutcome::Settled);
            }
            Page::Fresh(feed, answer) => {
                if first {
                    held.first_answer = answer;
                }
                feed
            }
        };
        let received = feed.entries.len();
        held.dropped_characters += feed.dropped_characters;
        let reached_known = plan
            .stop_before
            .is_some_and(|stop| feed.entries.iter().any(|paper| paper.published < stop));
        // Only a paper from an *earlier* page of this read shows a shift.
        let repeated = feed
            .entries
            .iter()
            .find(|paper| this_read.contains(&paper.id))
            .map(|paper| paper.id.clone());
        for paper in feed.entries {
            this_read.insert(paper.id.clone());
            held.add(paper);
        }
        start += received;
        if let Some(total) = feed.total_results {
            *total_results = Some(total);
        }
        let expected = total_results.map_or(plan.limit, |total| plan.limit.min(total as usize));
        progress.page_done(held.papers.len().min(expected), expected);

        if let Some(id) = repeated {
            return Ok(ReadOutcome::Shifted(format!(
                "{id} came again at offset {}",
                start - received
            )));
        }
        match (read_total, feed.total_results) {
            (Some(before), Some(now)) if before != now => {
                return Ok(ReadOutcome::Shifted(format!(
                    "totalResults went from {before} to {now}"
                )));
            }
            (_, Some(now)) => read_total = Some(now),
            _ => {}
        }

        let exhausted = received == 0 || read_total.is_some_and(|total| start as u64 >= total);
        if exhausted || reached_known {
            break;
        }
    }
    Ok(ReadOutcome::Settled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, version: u32) -> Paper {
        Paper::builder(id)
            .version(version)
            .title(format!("{id} v{version}"))
            .published("2026-11-01T12:00:00Z")
            .updated("2026-11-01T12:00:00Z")
            .build()
    }

    #[test]
    fn a_re_read_keeps_each_paper_once_at_its_newest_version() {
        let mut held = Held::default();
        held.add(paper("2611.00001", 1));
        held.add(paper("2611.00002", 2));
        held.add(paper("2611.00001", 2));
        held.add(paper("2611.00002", 1));
        let versions: Vec<(&str, u32)> = held
            .papers
            .iter()
            .map(|p| (p.id.as_str(), p.version))
            .collect();
        assert_eq!(versions, [("2611.00001", 2), ("2611.00002", 2)]);
    }
}
