//! The local cache: what `papers fetch` stored, and the fetch state.
//!
//! [`Cache`] is the in-memory view a command works on; [`CacheStore`] the
//! only code that reads or writes the files (see [`layout`] for their shape,
//! [`migrate`] for older layouts).

mod doctor;
mod error;
pub(crate) mod layout;
mod lines;
mod migrate;
mod store;
mod stream;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{CachedPaper, Paper, VersionUpdate};

pub use doctor::{Checkup, Finding, Repair};
pub use error::CacheError;
pub use layout::{SCHEMA_VERSION, ShardMeta, shard_key};
pub use store::{CACHE_FILE, CacheStore, FETCH_STATE_FILE, LOCK_FILE, PACING_DIR, SHARD_DIR};
pub use stream::OpenShards;

/// The cache as one command sees it: the fetch state, the summary of every
/// shard, and the papers of the shards it asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cache {
    /// Start of the most recent fetch run that stored anything; `list --new`
    /// shows the papers first seen by it.
    pub last_fetch: Option<DateTime<Utc>>,
    pub topics: BTreeMap<String, TopicState>,
    /// Keyed by versionless id, so a paper is held once whatever its version.
    /// Only the loaded shards' papers (all of them after [`CacheStore::load`]).
    /// Change them through [`Cache::merge`] or [`Cache::insert_held`]: they
    /// record which shards a write must serialise, and a write serialises
    /// no other loaded shard.
    pub papers: BTreeMap<String, CachedPaper>,
    /// Every shard on disk when the cache was read.
    shards: BTreeMap<String, ShardMeta>,
    /// Shards whose papers are all in `papers`.
    loaded: BTreeSet<String>,
    /// The index's write counter when read.
    generation: u64,
    /// Shards a merge changed since they were read: the only loaded shards
    /// a write serialises, so a fetch that finds nothing new writes none.
    dirty: BTreeSet<String>,
    /// Shards the index names that a reader could not read; their papers
    /// are missing from `papers` (writers never see this: they fail).
    damaged: Vec<ShardDamage>,
}

/// A shard a reader skipped: missing or unreadable.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardDamage {
    /// `YYYY-MM`.
    pub key: String,
    /// File name inside `shards/`.
    pub file: String,
    /// `missing` or why it could not be read.
    pub reason: String,
}

/// What the last fetch of one topic did; decides how far the next one reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicState {
    /// The search_query used; a changed query means a full re-fetch.
    pub query: String,
    pub last_attempt: DateTime<Utc>,
    pub last_success: Option<DateTime<Utc>>,
    /// Why the last attempt failed; while set, the next fetch reads the full
    /// window again rather than trusting a partial result.
    pub last_error: Option<String>,
    /// The one page the last fetch read and stored in full, to recognise
    /// the same answer next time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<AnswerRecord>,
}

/// A page a fetch read and stored: its fingerprint (16 hex digits, see
/// `arxiv::repeat`) and the shard files that held its papers right after.
/// While the index still names those files, the papers are as stored
/// (shard files are never rewritten), so the same page again changes
/// nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub fingerprint: String,
    /// Shard key to file name.
    pub shards: BTreeMap<String, String>,
}

impl AnswerRecord {
    /// Whether every shard the page's papers were stored in is still the
    /// file the index names for it.
    pub fn still_held(&self, shards: &BTreeMap<String, ShardMeta>) -> bool {
        self.shards
            .iter()
            .all(|(key, file)| shards.get(key).is_some_and(|meta| &meta.file == file))
    }
}

impl TopicState {
    /// Whole days since the last successful fetch; `None` before the first.
    pub fn days_since_success(&self, now: DateTime<Utc>) -> Option<i64> {
        self.last_success.map(|at| (now - at).num_days().max(0))
    }

    /// Not fetched successfully for more than `stale_days`: what has been
    /// read since may be missing. A topic that never succeeded is not called
    /// stale (its fetch already failed loudly); `status` shows it as such.
    pub fn is_stale(&self, now: DateTime<Utc>, stale_days: u32) -> bool {
        self.last_success
            .is_some_and(|at| now - at > chrono::Duration::days(i64::from(stale_days)))
    }
}

/// How a merge changed the cache for one topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub new: usize,
    /// Ids of the papers that got a new version.
    pub updated_ids: Vec<String>,
}

impl MergeCounts {
    /// How many papers got a new version.
    pub fn updated(&self) -> usize {
        self.updated_ids.len()
    }
}

impl Cache {
    /// Adds `fetched` under `topic`. Never removes a paper or a topic
    /// membership; a newer version replaces the metadata, is recorded in the
    /// paper's `updates` and counts as updated; an older one (a stale index
    /// answer) is ignored.
    pub fn merge(
        &mut self,
        topic: &str,
        fetched: Vec<Paper>,
        run_started: DateTime<Utc>,
    ) -> MergeCounts {
        self.merge_under(Some(topic), fetched, run_started)
    }

    /// Adds papers looked up by id, which no topic's query matched: new
    /// ones are stored under no topic, held ones keep their topics, and
    /// versions are handled as [`Cache::merge`] handles them.
    pub fn merge_looked_up(&mut self, fetched: Vec<Paper>, now: DateTime<Utc>) -> MergeCounts {
        self.merge_under(None, fetched, now)
    }

    fn merge_under(
        &mut self,
        topic: Option<&str>,
        fetched: Vec<Paper>,
        run_started: DateTime<Utc>,
    ) -> MergeCounts {
        let mut counts = MergeCounts::default();
        for paper in fetched {
            match self.papers.get_mut(&paper.id) {
                Some(held) => {
                    let mut changed = false;
                    if let Some(topic) = topic
                        && !held.topics.contains(topic)
                    {
                        held.topics.insert(topic.to_owned());
                        changed = true;
                    }
                    if paper.version > held.paper.version {
                        changed = true;
                        held.updates.push(VersionUpdate {
                            from: held.paper.version,
                            from_submitted: held.paper.updated,
                            to: paper.version,
                            to_submitted: paper.updated,
                            seen: run_started,
                        });
                        counts.updated_ids.push(paper.id.clone());
                        held.paper = paper;
                        held.last_changed = run_started;
                    } else if paper.version == held.paper.version && paper != held.paper {
                        // Same version, corrected metadata (arXiv adds DOIs and
                        // journal refs without a new version): keep the fresh copy.
                        held.paper = paper;
                        changed = true;
                    }
                    if changed {
                        self.dirty.insert(shard_key(&held.paper.id));
                    }
                }
                None => {
                    counts.new += 1;
                    self.dirty.insert(shard_key(&paper.id));
                    self.papers.insert(
                        paper.id.clone(),
                        CachedPaper {
                            paper,
                            first_seen: run_started,
                            last_changed: run_started,
                            topics: topic.into_iter().map(str::to_owned).collect(),
                            updates: Vec::new(),
                            hf: None,
                        },
                    );
                }
            }
        }
        counts
    }

    /// Stores `held` as it is, replacing any copy (synthetic caches, and
    /// benchmarks undoing a merge): unlike editing `papers` directly, the
    /// next write stores it.
    pub fn insert_held(&mut self, held: CachedPaper) {
        self.dirty.insert(shard_key(&held.paper.id));
        self.papers.insert(held.paper.id.clone(), held);
    }

    /// Drops paper `id`, the next write included (benchmarks undoing a
    /// merge; papers never drops a paper otherwise).
    pub fn remove_held(&mut self, id: &str) -> Option<CachedPaper> {
        self.dirty.insert(shard_key(id));
        self.papers.remove(id)
    }

    /// Papers the topic matched so far.
    pub fn topic_total(&self, topic: &str) -> usize {
        self.topic_stats(topic).map_or(0, |(papers, _)| papers)
    }

    /// Submission date of the newest paper held for `topic`: the incremental
    /// fetch's watermark.
    pub fn newest_published(&self, topic: &str) -> Option<DateTime<Utc>> {
        self.topic_stats(topic).map(|(_, newest)| newest)
    }

    /// Count and newest submission of the topic's papers: from the papers
    /// in memory where their shard is loaded (or new), from the shard
    /// summaries elsewhere, so it is right without reading every shard.
    fn topic_stats(&self, topic: &str) -> Option<(usize, DateTime<Utc>)> {
        let mut total: Option<(usize, DateTime<Utc>)> = None;
        let mut add = |papers: usize, newest: DateTime<Utc>| {
            let (count, latest) = total.get_or_insert((0, newest));
            *count += papers;
            *latest = (*latest).max(newest);
        };
        for (key, meta) in &self.shards {
            if !self.loaded.contains(key)
                && let Some(stats) = meta.topics.get(topic)
            {
                add(stats.papers, stats.newest_published);
            }
        }
        for held in self.papers.values() {
            if held.topics.contains(topic) {
                let key = shard_key(&held.paper.id);
                if self.loaded.contains(&key) || !self.shards.contains_key(&key) {
                    add(1, held.paper.published);
                }
            }
        }
        total
    }

    /// Records a fetch run's start so `list --new` can find its papers.
    pub fn note_fetch_run(&mut self, run_started: DateTime<Utc>) {
        if self.last_fetch.is_none_or(|last| last < run_started) {
            self.last_fetch = Some(run_started);
        }
    }

    /// Whether all of shard `key`'s papers are in `papers`.
    pub fn is_loaded(&self, key: &str) -> bool {
        self.loaded.contains(key)
    }

    /// The summary of every shard on disk, loaded or not.
    pub fn shards(&self) -> &BTreeMap<String, ShardMeta> {
        &self.shards
    }

    /// The shards this read had to skip (empty for an intact cache).
    pub fn damage(&self) -> &[ShardDamage] {
        &self.damaged
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(crate) fn paper(id: &str, version: u32, day: u32) -> Paper {
        let date = Utc
            .with_ymd_and_hms(2026, 11, day, 12, 0, 0)
            .single()
            .expect("valid date");
        Paper {
            id: id.to_owned(),
            version,
            title: format!("Title of {id} v{version}"),
            authors: vec![],
            summary: "Abstract.".to_owned(),
            published: date,
            updated: date,
            categories: vec!["cs.AR".to_owned()],
            primary_category: Some("cs.AR".to_owned()),
            comment: None,
            journal_ref: None,
            dois: vec![],
            abs_url: format!("https://arxiv.org/abs/{id}v{version}"),
            pdf_url: format!("https://arxiv.org/pdf/{id}v{version}"),
        }
    }

    pub(crate) fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 0, 0, 0)
            .single()
            .expect("valid date")
    }

    #[test]
    fn merge_counts_new_and_updated_and_keeps_memberships() {
        let mut cache = Cache::default();
        let first = cache.merge(
            "npu",
            vec![paper("2611.00001", 1, 1), paper("2611.00002", 1, 2)],
            at(3),
        );
        assert_eq!(
            first,
            MergeCounts {
                new: 2,
                updated_ids: vec![]
            }
        );

        let second = cache.merge("edge", vec![paper("2611.00001", 2, 1)], at(4));
        assert_eq!(
            second,
            MergeCounts {
                new: 0,
                updated_ids: vec!["2611.00001".to_owned()]
            }
        );
        let held = &cache.papers["2611.00001"];
        assert_eq!(held.paper.version, 2);
        assert_eq!(held.first_seen, at(3));
        assert_eq!(held.last_changed, at(4));
        assert_eq!(held.topics.iter().collect::<Vec<_>>(), ["edge", "npu"]);
    }

    #[test]
    fn merge_ignores_older_versions_and_empty_answers() {
        let mut cache = Cache::default();
        cache.merge("npu", vec![paper("2611.00001", 3, 1)], at(3));
        let stale = cache.merge("npu", vec![paper("2611.00001", 2, 1)], at(4));
        assert_eq!(stale, MergeCounts::default());
        assert_eq!(cache.papers["2611.00001"].paper.version, 3);

        let empty = cache.merge("npu", vec![], at(5));
        assert_eq!(empty, MergeCounts::default());
        assert_eq!(cache.papers.len(), 1);
    }

    #[test]
    fn watermark_is_newest_submission_of_the_topic() {
        let mut cache = Cache::default();
        cache.merge(
            "npu",
            vec![paper("2611.00001", 1, 5), paper("2611.00002", 1, 9)],
            at(10),
        );
        cache.merge("edge", vec![paper("2611.00003", 1, 20)], at(21));
        assert_eq!(
            cache.newest_published("npu"),
            Some(paper("x", 1, 9).published)
        );
        assert_eq!(cache.newest_published("moe"), None);
        assert_eq!(cache.topic_total("npu"), 2);
    }
}
