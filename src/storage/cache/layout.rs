//! What the cache looks like on disk (schema 2).
//!
//! `papers.json` is a small index: the fetch state and one summary per
//! monthly shard. Each shard, `shards/YYYY-MM.gN.json`, holds the papers
//! whose arXiv id names that month. A command reads the index, then only the
//! shards its question can touch: `list --since 30d` reads one or two of a
//! hundred, `show ID` exactly one. Shard files are never rewritten in place:
//! a writer stores changed shards under a new generation, then replaces the
//! index (the commit point), then deletes what the old index named.
//! `fetch-state.json` beside the index holds what each topic's last fetch
//! did, so a fetch that stores nothing rewrites only that small file.
//!
//! Shards and the index are written line-oriented ([`Form::Lines`]): a shard holds one
//! paper per line, sorted by id, and the index one line per topic and per
//! shard, so a cache kept in git diffs by the paper. It is plain JSON; caches
//! written before (one line per file, the compact form) read the same.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::TopicState;
use super::lines::{LinesObject, write_lines};
use crate::model::CachedPaper;

/// Bumped when the layout changes incompatibly; older binaries refuse newer
/// files instead of mangling them. Schema 1 was a single `papers.json`
/// holding every paper; it is migrated on first use.
pub const SCHEMA_VERSION: u32 = 2;

/// The index: everything but the papers themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub schema_version: u32,
    pub last_fetch: Option<DateTime<Utc>>,
    pub topics: BTreeMap<String, TopicState>,
    /// Counts the writes, naming each new shard file uniquely.
    pub generation: u64,
    pub shards: BTreeMap<String, ShardMeta>,
}

/// `fetch-state.json`: what the fetches of each topic did. A fetch that
/// finds nothing new changes only this, so it rewrites this small file and
/// not the index. The index keeps a copy, written whenever the index is
/// (older binaries read it there); readers take, topic by topic, whichever
/// of the two records the later attempt, so a cache an older binary fetched
/// into since keeps working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchState {
    pub schema_version: u32,
    pub last_fetch: Option<DateTime<Utc>>,
    pub topics: BTreeMap<String, TopicState>,
}

impl FetchState {
    /// Lays this state over what the index recorded.
    pub fn overlay(self, index: &mut Index) {
        index.last_fetch = index.last_fetch.max(self.last_fetch);
        for (name, state) in self.topics {
            match index.topics.get(&name) {
                Some(held) if held.last_attempt > state.last_attempt => {}
                _ => {
                    index.topics.insert(name, state);
                }
            }
        }
    }
}

/// A summary of one shard: enough to decide whether to read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardMeta {
    /// File name inside `shards/`.
    pub file: String,
    pub papers: usize,
    pub oldest_published: DateTime<Utc>,
    pub newest_published: DateTime<Utc>,
    pub newest_first_seen: DateTime<Utc>,
    pub newest_change: DateTime<Utc>,
    /// Papers with a new version recorded.
    #[serde(default)]
    pub updated: usize,
    pub topics: BTreeMap<String, TopicStats>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TopicStats {
    pub papers: usize,
    pub newest_published: DateTime<Utc>,
}

/// One shard file's content.
#[derive(Debug, Serialize, Deserialize)]
pub struct ShardFile<P> {
    pub schema_version: u32,
    pub shard: String,
    /// Sorted by id.
    pub papers: Vec<P>,
}

/// How a shard file is laid out. Each form is deterministic: the same papers
/// give the same bytes, which is how a writer tells an unchanged shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The whole file on one line: what earlier versions of papers wrote
    /// (read as any other; written only by tests, to make such a cache).
    #[cfg(test)]
    Compact,
    /// One paper per line: what papers writes now.
    Lines,
}

impl Form {
    /// The form of a shard file's bytes. The compact form holds no newline
    /// byte at all (JSON escapes them inside strings), the line form always
    /// does.
    #[cfg(test)]
    pub fn of(bytes: &[u8]) -> Form {
        if bytes.contains(&b'\n') {
            Form::Lines
        } else {
            Form::Compact
        }
    }
}

/// The fields of a shard file before its papers, in file order.
#[derive(Serialize)]
struct ShardHeader<'a> {
    schema_version: u32,
    shard: &'a str,
}

/// The fields of the index before its topics and shards, in file order.
#[derive(Serialize)]
struct IndexHeader {
    schema_version: u32,
    last_fetch: Option<DateTime<Utc>>,
    generation: u64,
}

/// A shard file's bytes for `papers` (sorted by id) in `form`.
pub fn shard_bytes(form: Form, key: &str, papers: &[&CachedPaper]) -> io::Result<Vec<u8>> {
    match form {
        #[cfg(test)]
        Form::Compact => serde_json::to_vec(&ShardFile {
            schema_version: SCHEMA_VERSION,
            shard: key.to_owned(),
            papers: papers.to_vec(),
        })
        .map_err(io::Error::other),
        Form::Lines => {
            let mut bytes = Vec::new();
            let header = ShardHeader {
                schema_version: SCHEMA_VERSION,
                shard: key,
            };
            write_lines(&mut bytes, &header, "papers", papers)?;
            Ok(bytes)
        }
    }
}

/// Writes the index line-oriented: the header fields on the first line,
/// then one line per topic and one per shard.
pub fn write_index(out: impl Write, index: &Index) -> io::Result<()> {
    let header = IndexHeader {
        schema_version: index.schema_version,
        last_fetch: index.last_fetch,
        generation: index.generation,
    };
    let mut object = LinesObject::begin(out, &header)?;
    object.map("topics", &index.topics)?;
    object.map("shards", &index.shards)?;
    object.end()
}

impl ShardMeta {
    /// The first day of the calendar month (UTC) every paper of the shard
    /// was first submitted in, when they all share one: then its topic
    /// counts are that month's, without reading it. (A shard is the month
    /// of the ids, which a submission late on a month's last day, UTC, can
    /// straddle.)
    pub fn published_month(&self) -> Option<chrono::NaiveDate> {
        use chrono::Datelike;
        let (oldest, newest) = (
            self.oldest_published.date_naive(),
            self.newest_published.date_naive(),
        );
        (self.papers > 0 && (oldest.year(), oldest.month()) == (newest.year(), newest.month()))
            .then(|| oldest.with_day(1))
            .flatten()
    }

    /// Summarises `papers` (non-empty) stored as `file`.
    pub fn describe<'a>(file: String, papers: impl IntoIterator<Item = &'a CachedPaper>) -> Self {
        let mut meta: Option<ShardMeta> = None;
        for held in papers {
            let published = held.paper.published;
            let meta = meta.get_or_insert_with(|| ShardMeta {
                file: file.clone(),
                papers: 0,
                oldest_published: published,
                newest_published: published,
                newest_first_seen: held.first_seen,
                newest_change: held.last_changed,
                updated: 0,
                topics: BTreeMap::new(),
            });
            meta.papers += 1;
            meta.oldest_published = meta.oldest_published.min(published);
            meta.newest_published = meta.newest_published.max(published);
            meta.newest_first_seen = meta.newest_first_seen.max(held.first_seen);
            meta.newest_change = meta.newest_change.max(held.last_changed);
            meta.updated += usize::from(!held.updates.is_empty());
            for topic in &held.topics {
                let stats = meta.topics.entry(topic.clone()).or_insert(TopicStats {
                    papers: 0,
                    newest_published: published,
                });
                stats.papers += 1;
                stats.newest_published = stats.newest_published.max(published);
            }
        }
        meta.unwrap_or_else(|| ShardMeta {
            file,
            papers: 0,
            oldest_published: DateTime::<Utc>::MIN_UTC,
            newest_published: DateTime::<Utc>::MIN_UTC,
            newest_first_seen: DateTime::<Utc>::MIN_UTC,
            newest_change: DateTime::<Utc>::MIN_UTC,
            updated: 0,
            topics: BTreeMap::new(),
        })
    }
}

/// The shard an id belongs to: the month its number names, as `YYYY-MM`.
/// New-style ids start `YYMM.`; old-style ones `archive/YYMMNNN` (1991-2007).
/// Anything else (never produced by the parser) goes to `other`.
pub fn shard_key(id: &str) -> String {
    let digits = match id.rsplit_once('/') {
        Some((_, number)) => number,
        None => id,
    };
    let bytes = digits.as_bytes();
    if bytes.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit) {
        let yy = u32::from(bytes[0] - b'0') * 10 + u32::from(bytes[1] - b'0');
        let month = &digits[2..4];
        let century = if id.contains('/') && yy >= 91 {
            1900
        } else {
            2000
        };
        if ("01"..="12").contains(&month) {
            // By hand, not `format!`: every paper of a fetch is keyed, some
            // several times, and the formatter cost more than the rest.
            let year = century + yy;
            let mut key = String::with_capacity(7);
            for divisor in [1000, 100, 10, 1] {
                key.push(char::from(b'0' + (year / divisor % 10) as u8));
            }
            key.push('-');
            key.push_str(month);
            return key;
        }
    }
    "other".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_keys_name_the_month_of_the_id() {
        assert_eq!(shard_key("2611.00001"), "2026-11");
        assert_eq!(shard_key("0704.0001"), "2007-04");
        assert_eq!(shard_key("hep-th/9901001"), "1999-01");
        assert_eq!(shard_key("math.GT/0309136"), "2003-09");
        assert_eq!(shard_key("garbage"), "other");
        assert_eq!(shard_key("2613.00001"), "other");
    }
}
