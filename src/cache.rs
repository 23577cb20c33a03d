//! The local cache: one JSON file, `papers.json`, in the cache directory.
//!
//! Readers never lock: every write goes to a temporary file in the same
//! directory, is fsynced and renamed over the old file, so a reader sees
//! either the old or the new cache, never half of one. Writers serialise
//! through an exclusive lock on a sibling `papers.json.lock` (the data file
//! itself is replaced on every write, so it can't carry the lock), and
//! re-read the cache under the lock, so concurrent fetches merge rather than
//! overwrite each other.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{CachedPaper, Paper};

/// Bumped when the file layout changes incompatibly; older binaries refuse
/// newer files instead of mangling them.
pub const SCHEMA_VERSION: u32 = 1;
pub const CACHE_FILE: &str = "papers.json";
const LOCK_FILE: &str = "papers.json.lock";
/// How long a writer waits for another writer before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cache {
    pub schema_version: u32,
    /// Start of the most recent fetch run that stored anything; `list --new`
    /// shows the papers first seen by it.
    pub last_fetch: Option<DateTime<Utc>>,
    pub topics: BTreeMap<String, TopicState>,
    /// Keyed by versionless id, so a paper is held once whatever its version.
    pub papers: BTreeMap<String, CachedPaper>,
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
}

/// How a merge changed the cache for one topic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub new: usize,
    pub updated: usize,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            schema_version: SCHEMA_VERSION,
            last_fetch: None,
            topics: BTreeMap::new(),
            papers: BTreeMap::new(),
        }
    }
}

impl Cache {
    /// Adds `fetched` under `topic`. Never removes a paper or a topic
    /// membership; a newer version replaces the metadata and counts as
    /// updated; an older one (a stale index answer) is ignored.
    pub fn merge(
        &mut self,
        topic: &str,
        fetched: Vec<Paper>,
        run_started: DateTime<Utc>,
    ) -> MergeCounts {
        let mut counts = MergeCounts::default();
        for paper in fetched {
            match self.papers.get_mut(&paper.id) {
                Some(held) => {
                    held.topics.insert(topic.to_owned());
                    if paper.version > held.paper.version {
                        held.paper = paper;
                        held.last_changed = run_started;
                        counts.updated += 1;
                    } else if paper.version == held.paper.version && paper != held.paper {
                        // Same version, corrected metadata (arXiv adds DOIs and
                        // journal refs without a new version): keep the fresh copy.
                        held.paper = paper;
                    }
                }
                None => {
                    counts.new += 1;
                    self.papers.insert(
                        paper.id.clone(),
                        CachedPaper {
                            paper,
                            first_seen: run_started,
                            last_changed: run_started,
                            topics: BTreeSet::from([topic.to_owned()]),
                        },
                    );
                }
            }
        }
        counts
    }

    /// Papers the topic matched so far.
    pub fn topic_total(&self, topic: &str) -> usize {
        self.papers
            .values()
            .filter(|p| p.topics.contains(topic))
            .count()
    }

    /// Submission date of the newest paper held for `topic`: the incremental
    /// fetch's watermark.
    pub fn newest_published(&self, topic: &str) -> Option<DateTime<Utc>> {
        self.papers
            .values()
            .filter(|p| p.topics.contains(topic))
            .map(|p| p.paper.published)
            .max()
    }

    /// Records a fetch run's start so `list --new` can find its papers.
    pub fn note_fetch_run(&mut self, run_started: DateTime<Utc>) {
        if self.last_fetch.is_none_or(|last| last < run_started) {
            self.last_fetch = Some(run_started);
        }
    }
}

/// Everything that can go wrong with the cache file; exits with code 3.
#[derive(Debug)]
pub struct CacheError {
    message: String,
}

impl CacheError {
    fn new(message: impl Into<String>) -> Self {
        CacheError {
            message: message.into(),
        }
    }

    fn io(action: &str, path: &Path, err: &io::Error) -> Self {
        CacheError::new(format!("cannot {action} {}: {err}", path.display()))
    }
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CacheError {}

/// Where the cache lives, and the only code that reads or writes it.
#[derive(Debug, Clone)]
pub struct CacheStore {
    dir: PathBuf,
}

impl CacheStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        CacheStore { dir: dir.into() }
    }

    /// `--cache-dir`, else `$PAPERS_CACHE_DIR`, else the platform cache dir.
    pub fn resolve(flag: Option<&Path>) -> Result<Self, CacheError> {
        if let Some(dir) = flag {
            return Ok(CacheStore::new(dir));
        }
        if let Some(dir) = std::env::var_os("PAPERS_CACHE_DIR").filter(|d| !d.is_empty()) {
            return Ok(CacheStore::new(dir));
        }
        dirs::cache_dir()
            .map(|dir| CacheStore::new(dir.join("papers")))
            .ok_or_else(|| {
                CacheError::new(
                    "no cache directory on this system: pass --cache-dir or set PAPERS_CACHE_DIR",
                )
            })
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(CACHE_FILE)
    }

    /// Reads the cache; a missing file is an empty cache. A file that fails
    /// to parse is an error and is left exactly as it is.
    pub fn load(&self) -> Result<Cache, CacheError> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Cache::default()),
            Err(err) => return Err(CacheError::io("read the cache", &path, &err)),
        };
        parse_cache(&bytes, &path)
    }

    /// Whether a cache file exists yet (for friendlier messages).
    pub fn exists(&self) -> bool {
        self.path().is_file()
    }

    /// Creates the directory and takes the lock once, so an unwritable cache
    /// fails before any network traffic.
    pub fn check_writable(&self) -> Result<(), CacheError> {
        self.lock().map(drop)
    }

    /// Runs `change` on the freshest cache under the exclusive lock, writes
    /// the result atomically and hands back the cache as written.
    pub fn update<R>(
        &self,
        change: impl FnOnce(&mut Cache) -> R,
    ) -> Result<(R, Cache), CacheError> {
        let _lock = self.lock()?;
        self.remove_stale_temp_files();
        let mut cache = self.load()?;
        let result = change(&mut cache);
        self.write_atomically(&cache)?;
        Ok((result, cache))
    }

    /// A writer killed between creating its temporary file and renaming it
    /// (SIGKILL, power loss) leaves `.papers.json.XXXXXX.tmp` behind, as
    /// large as the cache; without a sweep they pile up crash after crash.
    /// Only called under the lock, when no other write can be in flight, so
    /// every one found is stale. Failing to remove one is harmless.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let prefix = format!(".{CACHE_FILE}.");
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn lock(&self) -> Result<File, CacheError> {
        fs::create_dir_all(&self.dir)
            .map_err(|err| CacheError::io("create the cache directory", &self.dir, &err))?;
        let lock_path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|err| CacheError::io("open the cache lock", &lock_path, &err))?;
        let waiting_since = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if waiting_since.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(CacheError::new(format!(
                        "another papers process has held {} for over {}s; try again when it finishes",
                        lock_path.display(),
                        LOCK_WAIT.as_secs()
                    )));
                }
                Err(TryLockError::Error(err)) => {
                    return Err(CacheError::io("lock", &lock_path, &err));
                }
            }
        }
    }

    fn write_atomically(&self, cache: &Cache) -> Result<(), CacheError> {
        let path = self.path();
        crate::atomic::replace_file(&path, |writer| {
            serde_json::to_writer(writer, cache).map_err(io::Error::other)
        })
        .map_err(|err| CacheError::io("write", &path, &err))
    }
}

fn parse_cache(bytes: &[u8], path: &Path) -> Result<Cache, CacheError> {
    match serde_json::from_slice::<Cache>(bytes) {
        Ok(cache) if cache.schema_version > SCHEMA_VERSION => {
            Err(newer_schema(path, cache.schema_version))
        }
        Ok(cache) => Ok(cache),
        Err(err) => {
            // A newer layout may fail to parse as ours: say so rather than "corrupt".
            if let Some(version) = schema_version_of(bytes).filter(|v| *v > SCHEMA_VERSION) {
                return Err(newer_schema(path, version));
            }
            Err(CacheError::new(format!(
                "cache {} is not valid (line {}, column {}: {}); it was left untouched: \
                 move it aside and run `papers fetch` to rebuild it",
                path.display(),
                err.line(),
                err.column(),
                strip_position(&err)
            )))
        }
    }
}

fn newer_schema(path: &Path, version: u32) -> CacheError {
    CacheError::new(format!(
        "cache {} has schema version {version}, newer than this papers understands ({SCHEMA_VERSION}); \
         upgrade papers or point --cache-dir elsewhere",
        path.display()
    ))
}

fn schema_version_of(bytes: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Header {
        schema_version: u32,
    }
    serde_json::from_slice::<Header>(bytes)
        .ok()
        .map(|header| header.schema_version)
}

/// serde_json appends " at line L column C" to its messages; we print those separately.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn paper(id: &str, version: u32, day: u32) -> Paper {
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

    fn at(day: u32) -> DateTime<Utc> {
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
        assert_eq!(first, MergeCounts { new: 2, updated: 0 });

        let second = cache.merge("edge", vec![paper("2611.00001", 2, 1)], at(4));
        assert_eq!(second, MergeCounts { new: 0, updated: 1 });
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

    #[test]
    fn update_round_trips_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| cache.merge("npu", vec![paper("2611.00001", 1, 1)], at(2)))
            .expect("first write");
        let loaded = store.load().expect("reload");
        assert_eq!(loaded.papers.len(), 1);
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("list dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
    }

    #[test]
    fn update_sweeps_temp_files_of_killed_writers_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| cache.merge("npu", vec![paper("2611.00001", 1, 1)], at(2)))
            .expect("first write");
        let stale = dir.path().join(".papers.json.a1B2c3.tmp");
        fs::write(&stale, b"{\"schema_version\": 1, \"pap").expect("stale temp");
        let unrelated = dir.path().join(".notes.md.x1y2z3.tmp");
        fs::write(&unrelated, b"someone else's").expect("other temp");
        store
            .update(|cache| cache.merge("npu", vec![paper("2611.00002", 1, 1)], at(3)))
            .expect("second write");
        assert!(!stale.exists(), "stale temp file swept");
        assert!(unrelated.exists(), "other files left alone");
        assert_eq!(store.load().expect("reload").papers.len(), 2);
    }

    #[test]
    fn corrupt_cache_is_reported_with_its_path_and_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        fs::write(store.path(), b"{\"schema_version\": 1, \"papers\": {").expect("write corrupt");
        let err = store
            .update(|_| ())
            .expect_err("corrupt cache must not be replaced");
        let message = err.to_string();
        assert!(
            message.contains(&store.path().display().to_string()),
            "{message}"
        );
        assert!(message.contains("left untouched"), "{message}");
        assert_eq!(
            fs::read(store.path()).expect("still there"),
            b"{\"schema_version\": 1, \"papers\": {"
        );
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        fs::write(store.path(), br#"{"schema_version": 9, "shards": []}"#).expect("write");
        let message = store.load().expect_err("newer schema").to_string();
        assert!(message.contains("schema version 9"), "{message}");
    }
}
