//! What Hugging Face Daily Papers said, in `huggingface.json` beside the
//! cache index.
//!
//! A file of its own, not a field of the cached papers: arXiv fetches,
//! merges and migrations rewrite the cache shards and never touch this file,
//! so a new arXiv version cannot drop a paper's upvotes, and an HF read
//! cannot damage the arXiv records. It also holds papers no topic follows
//! (for `papers trending`). It lives in the cache directory because all of
//! it can be read again from the Hub. Written like the cache: under a lock,
//! to a temporary file renamed into place.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::CachedPaper;
use crate::model::HfInfo;
use crate::storage::atomic::LockError;
use crate::storage::cache::{Cache, CacheError};

pub const HF_FILE: &str = "huggingface.json";
const LOCK_FILE: &str = "huggingface.json.lock";
const SCHEMA_VERSION: u32 = 1;
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Everything held from Hugging Face.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HfData {
    pub schema_version: u32,
    /// The last featured day a complete read covered (UTC); the next
    /// `papers fetch` reads from it on. Only ever set after every request of
    /// a read succeeded.
    #[serde(default)]
    pub last_read: Option<NaiveDate>,
    /// By versionless arXiv id.
    #[serde(default)]
    pub papers: BTreeMap<String, HfEntry>,
}

/// One paper as the Hub listed it: its title (so `trending` can show papers
/// the cache does not hold) and what the Hub said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HfEntry {
    pub title: String,
    #[serde(flatten)]
    pub info: HfInfo,
}

impl HfData {
    /// Records what a read found; a later read replaces an earlier one
    /// (fresher upvotes and stars).
    pub fn upsert(&mut self, arxiv_id: String, title: String, info: HfInfo) {
        self.papers.insert(arxiv_id, HfEntry { title, info });
    }

    /// Fills `hf` of every loaded paper of `cache` that the Hub listed.
    pub fn join(&self, cache: &mut Cache) {
        self.join_papers(cache.papers.values_mut());
    }

    /// [`join`](Self::join) for papers read outside a [`Cache`] (a shard
    /// at a time).
    pub fn join_papers<'a>(&self, papers: impl IntoIterator<Item = &'a mut CachedPaper>) {
        if self.papers.is_empty() {
            return;
        }
        for cached in papers {
            cached.hf = self
                .papers
                .get(&cached.paper.id)
                .map(|entry| entry.info.clone());
        }
    }
}

/// Where the HF data lives, and the only code that reads or writes it.
#[derive(Debug, Clone)]
pub struct HfStore {
    dir: PathBuf,
}

impl HfStore {
    /// The store in the cache directory `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        HfStore { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(HF_FILE)
    }

    /// What the Hub said of one paper, for commands that show one.
    pub fn info_of(&self, id: &str) -> Result<Option<HfInfo>, CacheError> {
        Ok(self.load()?.papers.remove(id).map(|entry| entry.info))
    }

    /// The data; a missing file is no data, a bad one an error that leaves
    /// it untouched.
    pub fn load(&self) -> Result<HfData, CacheError> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok(HfData {
                    schema_version: SCHEMA_VERSION,
                    ..HfData::default()
                });
            }
            Err(err) => {
                return Err(CacheError::other(format!(
                    "cannot read {}: {err}",
                    path.display()
                )));
            }
        };
        let data: HfData = serde_json::from_slice(&bytes).map_err(|err| {
            CacheError::other(format!(
                "{} is not valid (line {}, column {}: {}); it was left untouched: fix or delete it \
                 (`papers fetch` reads it again from Hugging Face)",
                path.display(),
                err.line(),
                err.column(),
                err
            ))
        })?;
        if data.schema_version > SCHEMA_VERSION {
            return Err(CacheError::other(format!(
                "{} has schema version {}, newer than this papers understands ({SCHEMA_VERSION}); upgrade papers",
                path.display(),
                data.schema_version
            )));
        }
        Ok(data)
    }

    /// Runs `change` on the freshest data under the lock and writes it
    /// atomically.
    pub fn update<R>(&self, change: impl FnOnce(&mut HfData) -> R) -> Result<R, CacheError> {
        let _lock = self.lock()?;
        let mut data = self.load()?;
        let result = change(&mut data);
        data.schema_version = SCHEMA_VERSION;
        let path = self.path();
        crate::storage::atomic::replace_file(&path, |writer| {
            serde_json::to_writer_pretty(&mut *writer, &data).map_err(io::Error::other)?;
            writer.write_all(b"\n")
        })
        .map_err(|err| CacheError::other(format!("cannot write {}: {err}", path.display())))?;
        Ok(result)
    }

    fn lock(&self) -> Result<File, CacheError> {
        let fail = |action: &str, path: &Path, err: io::Error| {
            CacheError::other(format!("cannot {action} {}: {err}", path.display()))
        };
        fs::create_dir_all(&self.dir).map_err(|err| fail("create", &self.dir, err))?;
        let lock_path = self.dir.join(LOCK_FILE);
        crate::storage::atomic::lock_exclusive(&lock_path, LOCK_WAIT).map_err(|err| match err {
            LockError::Io(err) => fail("lock", &lock_path, err),
            LockError::Busy => CacheError::other(format!(
                "another papers process holds {}; try again when it finishes",
                lock_path.display()
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(upvotes: u32) -> HfInfo {
        HfInfo {
            upvotes,
            comments: None,
            github_repo: Some("https://github.com/a/b".into()),
            github_stars: Some(3),
            project_page: None,
            featured: NaiveDate::from_ymd_opt(2026, 6, 12).expect("date"),
            ai_keywords: vec!["npu".into()],
        }
    }

    #[test]
    fn round_trips_and_a_later_read_replaces_the_counts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = HfStore::new(dir.path());
        store
            .update(|data| {
                data.upsert("2606.00001".into(), "T".into(), info(5));
                data.last_read = NaiveDate::from_ymd_opt(2026, 6, 12);
            })
            .expect("write");
        store
            .update(|data| data.upsert("2606.00001".into(), "T".into(), info(9)))
            .expect("write");
        let data = store.load().expect("read");
        assert_eq!(data.papers["2606.00001"].info.upvotes, 9);
        assert_eq!(data.last_read, NaiveDate::from_ymd_opt(2026, 6, 12));
        assert_eq!(data.schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn a_corrupt_file_is_reported_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = HfStore::new(dir.path());
        fs::write(store.path(), b"{\"papers\": [").expect("write");
        let err = store.update(|_| ()).expect_err("corrupt");
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert_eq!(fs::read(store.path()).expect("kept"), b"{\"papers\": [");
    }

    #[test]
    fn join_fills_only_listed_papers() {
        let mut cache = Cache::default();
        let run = chrono::Utc::now();
        cache.merge(
            "npu",
            vec![
                crate::model::Paper::builder("2606.00001").build(),
                crate::model::Paper::builder("2606.00002").build(),
            ],
            run,
        );
        let mut data = HfData::default();
        data.upsert("2606.00001".into(), "T".into(), info(7));
        data.join(&mut cache);
        assert_eq!(cache.papers["2606.00001"].hf, Some(info(7)));
        assert_eq!(cache.papers["2606.00002"].hf, None);
    }
}
