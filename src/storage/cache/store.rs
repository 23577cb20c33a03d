//! Reading and writing the cache files, and nothing else.
//!
//! Readers never lock: every file is written to a temporary file in the same
//! directory, fsynced and renamed into place, and shard files are never
//! replaced, only superseded, so a reader sees a whole old or a whole new
//! cache. Should a writer delete a shard the reader's index still names, the
//! reader reads the index again. Writers serialise through an exclusive lock
//! on `papers.json.lock` and re-read what they change under it, so
//! concurrent fetches merge rather than overwrite each other.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use crate::storage::atomic::LockError;

use serde::Deserialize;

use super::layout::{FetchState, Index, SCHEMA_VERSION, ShardFile, ShardMeta, shard_key};
use super::{Cache, CacheError, migrate};
use crate::model::CachedPaper;

pub const CACHE_FILE: &str = "papers.json";
/// Per-topic fetch state, beside the index (see [`FetchState`]).
const FETCH_STATE_FILE: &str = "fetch-state.json";
/// `fetch-state.json`'s own layout version.
const FETCH_STATE_VERSION: u32 = 1;
const SHARD_DIR: &str = "shards";
const LOCK_FILE: &str = "papers.json.lock";
/// How long a writer waits for another writer before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);
/// Reads of the index a reader makes while writers keep replacing shards.
const READ_ATTEMPTS: u32 = 5;

/// Where the cache lives, and the only code that reads or writes it.
#[derive(Debug, Clone)]
pub struct CacheStore {
    dir: PathBuf,
}

/// Whether the caller already holds the writers' lock (migration needs it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Locking {
    Held,
    Take,
}

/// What the index file held.
pub(super) enum Stored {
    Nothing,
    Index(Index),
    /// A schema 1 cache that could not be migrated (a read-only directory):
    /// served as it is.
    Single(Cache),
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

    /// The index file, `papers.json`.
    pub fn path(&self) -> PathBuf {
        self.dir.join(CACHE_FILE)
    }

    fn shard_dir(&self) -> PathBuf {
        self.dir.join(SHARD_DIR)
    }

    fn fetch_state_path(&self) -> PathBuf {
        self.dir.join(FETCH_STATE_FILE)
    }

    /// Whether a cache exists yet (for friendlier messages).
    pub fn exists(&self) -> bool {
        self.path().is_file()
    }

    /// The whole cache; a missing one is empty. A file that fails to parse
    /// is an error and is left exactly as it is.
    pub fn load(&self) -> Result<Cache, CacheError> {
        self.load_where(|_, _| true)
    }

    /// The fetch state and shard summaries, no papers.
    pub fn load_index(&self) -> Result<Cache, CacheError> {
        self.load_where(|_, _| false)
    }

    /// The cache with only the shards `wanted` accepts read.
    pub fn load_where(
        &self,
        wanted: impl Fn(&str, &ShardMeta) -> bool + Sync,
    ) -> Result<Cache, CacheError> {
        self.load_inner(&|shards| keys_where(shards, &wanted), Locking::Take)
    }

    /// The cache with the shards `choose` picks, seeing every shard's
    /// summary at once, read (a choice that depends on the other shards,
    /// made from the same index the shards are read by).
    pub fn load_chosen(
        &self,
        choose: impl Fn(&BTreeMap<String, ShardMeta>) -> BTreeSet<String>,
    ) -> Result<Cache, CacheError> {
        self.load_inner(&choose, Locking::Take)
    }

    fn load_inner(
        &self,
        choose: &dyn Fn(&BTreeMap<String, ShardMeta>) -> BTreeSet<String>,
        locking: Locking,
    ) -> Result<Cache, CacheError> {
        let mut attempt = 1;
        loop {
            let index = match self.read_index(locking)? {
                Stored::Nothing => return Ok(Cache::default()),
                Stored::Single(cache) => return Ok(cache),
                Stored::Index(index) => index,
            };
            let chosen = choose(&index.shards);
            let keys: Vec<&String> = index
                .shards
                .keys()
                .filter(|key| chosen.contains(*key))
                .collect();
            match self.read_shards(&index.shards, &keys) {
                Ok(shards) => return Ok(cache_from(index.clone(), &keys, shards)),
                Err(err) if err.vanished && attempt < READ_ATTEMPTS => attempt += 1,
                Err(err) => return Err(err),
            }
        }
    }

    /// The cache with the shards holding `ids` read (whether or not the ids
    /// are there).
    pub fn load_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<Cache, CacheError> {
        let keys: BTreeSet<String> = ids.into_iter().map(shard_key).collect();
        self.load_where(|key, _| keys.contains(key))
    }

    /// Creates the directory and takes the lock once, so an unwritable cache
    /// fails before any network traffic.
    pub fn check_writable(&self) -> Result<(), CacheError> {
        self.lock().map(drop)
    }

    /// Runs `change` on the whole, freshest cache under the exclusive lock,
    /// writes the result atomically and hands back the cache as written.
    pub fn update<R>(
        &self,
        change: impl FnOnce(&mut Cache) -> R,
    ) -> Result<(R, Cache), CacheError> {
        self.update_where(None, |_, _| true, change)
    }

    /// Like [`update`](Self::update), reading only the shards that hold
    /// `ids`: the papers `change` is about to add or modify.
    pub fn update_ids<'a, R>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
        change: impl FnOnce(&mut Cache) -> R,
    ) -> Result<(R, Cache), CacheError> {
        let keys: BTreeSet<String> = ids.into_iter().map(shard_key).collect();
        self.update_where(None, |key, _| keys.contains(key), change)
    }

    /// Like [`update_ids`](Self::update_ids), starting from `prior`, a cache
    /// an earlier update (or [`load_index`](Self::load_index)) handed back:
    /// when no writer has committed since, its shards are not read again, so
    /// the topics of one fetch read each shard they touch once.
    pub fn update_ids_from<'a, R>(
        &self,
        prior: Cache,
        ids: impl IntoIterator<Item = &'a str>,
        change: impl FnOnce(&mut Cache) -> R,
    ) -> Result<(R, Cache), CacheError> {
        let keys: BTreeSet<String> = ids.into_iter().map(shard_key).collect();
        self.update_where(Some(prior), |key, _| keys.contains(key), change)
    }

    fn update_where<R>(
        &self,
        prior: Option<Cache>,
        wanted: impl Fn(&str, &ShardMeta) -> bool + Sync,
        change: impl FnOnce(&mut Cache) -> R,
    ) -> Result<(R, Cache), CacheError> {
        let _lock = self.lock()?;
        // A missing index beside shard files means something removed it:
        // writing a fresh one would orphan (and the sweep delete) them all.
        if !self.exists() && self.has_shard_files() {
            return Err(CacheError::new(format!(
                "cache {} is missing but {} holds shard files; they were left untouched: \
                 move the cache directory aside and run `papers fetch` to rebuild it",
                self.path().display(),
                self.shard_dir().display()
            )));
        }
        let mut cache = match prior {
            Some(prior) => self.refresh(prior, &wanted)?,
            None => self.load_inner(&|shards| keys_where(shards, &wanted), Locking::Held)?,
        };
        // What killed writers left goes first, so leftovers never pile up
        // even when this writer is killed too.
        self.remove_unreferenced_files(&cache);
        let state_before = (cache.last_fetch, cache.topics.clone());
        let result = change(&mut cache);
        let state_changed = state_before != (cache.last_fetch, cache.topics.clone());
        self.restore_unloaded(&mut cache)?;
        let written = self.write(&mut cache, !self.exists())?;
        if written > 0 {
            self.remove_unreferenced_files(&cache);
        }
        // After the index: should this write be lost, the index's copy of
        // the state is the later one and wins.
        if state_changed {
            self.write_fetch_state(&cache)?;
        }
        Ok((result, cache))
    }

    /// `prior` brought up to date under the lock: reused when the index
    /// names the same shard files it was read with (shard files are never
    /// rewritten, and every commit names new ones), else read afresh.
    fn refresh(
        &self,
        prior: Cache,
        wanted: &(impl Fn(&str, &ShardMeta) -> bool + Sync),
    ) -> Result<Cache, CacheError> {
        let index = match self.read_index(Locking::Held)? {
            Stored::Index(index)
                if index.generation == prior.generation && index.shards == prior.shards =>
            {
                index
            }
            _ => return self.load_inner(&|shards| keys_where(shards, wanted), Locking::Held),
        };
        let mut cache = prior;
        cache.last_fetch = index.last_fetch;
        cache.topics = index.topics;
        cache.dirty.clear();
        let missing: Vec<String> = cache
            .shards
            .iter()
            .filter(|(key, meta)| !cache.loaded.contains(*key) && wanted(key, meta))
            .map(|(key, _)| key.clone())
            .collect();
        self.read_into(&mut cache, missing)?;
        Ok(cache)
    }

    /// `change` added papers to shards that were not read: read them now and
    /// put back every paper the change did not hold, so nothing is lost.
    fn restore_unloaded(&self, cache: &mut Cache) -> Result<(), CacheError> {
        let unloaded: Vec<String> = cache
            .papers
            .keys()
            .map(|id| shard_key(id))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|key| !cache.loaded.contains(key) && cache.shards.contains_key(key))
            .collect();
        self.read_into(cache, unloaded)
    }

    /// Reads the shards `keys` into `cache`, keeping the papers it holds.
    fn read_into(&self, cache: &mut Cache, keys: Vec<String>) -> Result<(), CacheError> {
        let refs: Vec<&String> = keys.iter().collect();
        let shards = self.read_shards(&cache.shards, &refs)?;
        for paper in shards.into_iter().flatten() {
            cache.papers.entry(paper.paper.id.clone()).or_insert(paper);
        }
        cache.loaded.extend(keys);
        Ok(())
    }

    /// Writes the shards a merge changed, and new ones, under a new
    /// generation, then the index, the commit point; says how many shards
    /// it wrote. With none to write, the index is left alone unless
    /// `commit_anyway` (a cache that has no index yet). Only under the lock.
    pub(super) fn write(
        &self,
        cache: &mut Cache,
        commit_anyway: bool,
    ) -> Result<usize, CacheError> {
        let mut written = 0;
        let generation = cache.generation + 1;
        let mut shards = cache.shards.clone();
        for (key, papers) in group_by_shard(cache.papers.values()) {
            if shards.contains_key(&key) && !cache.dirty.contains(&key) {
                continue;
            }
            let bytes = shard_bytes(&key, &papers)
                .map_err(|err| CacheError::new(format!("cannot serialise shard {key}: {err}")))?;
            let file = format!("{key}.g{generation}.json");
            let path = self.shard_dir().join(&file);
            crate::storage::atomic::replace_file(&path, |writer| writer.write_all(&bytes))
                .map_err(|err| CacheError::io("write", &path, &err))?;
            shards.insert(key, ShardMeta::describe(file, papers));
            written += 1;
        }
        cache.dirty.clear();
        if written == 0 && !commit_anyway {
            return Ok(0);
        }
        let index = Index {
            schema_version: SCHEMA_VERSION,
            last_fetch: cache.last_fetch,
            topics: cache.topics.clone(),
            generation,
            shards,
        };
        self.write_index(&index)?;
        cache.generation = generation;
        cache.shards = index.shards;
        // restore_unloaded made every shard with papers in memory complete.
        let complete: Vec<String> = group_by_shard(cache.papers.values()).into_keys().collect();
        cache.loaded.extend(complete);
        Ok(written)
    }

    pub(super) fn write_index(&self, index: &Index) -> Result<(), CacheError> {
        let path = self.path();
        crate::storage::atomic::replace_file(&path, |writer| {
            serde_json::to_writer_pretty(writer, index).map_err(io::Error::other)
        })
        .map_err(|err| CacheError::io("write", &path, &err))
    }

    /// Replaces `fetch-state.json` with the cache's fetch state. Only under
    /// the lock.
    fn write_fetch_state(&self, cache: &Cache) -> Result<(), CacheError> {
        let state = FetchState {
            schema_version: FETCH_STATE_VERSION,
            last_fetch: cache.last_fetch,
            topics: cache.topics.clone(),
        };
        let path = self.fetch_state_path();
        crate::storage::atomic::replace_file(&path, |writer| {
            serde_json::to_writer_pretty(writer, &state).map_err(io::Error::other)
        })
        .map_err(|err| CacheError::io("write", &path, &err))
    }

    /// `fetch-state.json`, if there is one (caches of older binaries have
    /// none: their state is all in the index).
    fn read_fetch_state(&self) -> Result<Option<FetchState>, CacheError> {
        let path = self.fetch_state_path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(CacheError::io("read the fetch state", &path, &err)),
        };
        let state: FetchState =
            serde_json::from_slice(&bytes).map_err(|err| CacheError::invalid(&path, &err))?;
        if state.schema_version > FETCH_STATE_VERSION {
            return Err(CacheError::newer_schema(&path, state.schema_version));
        }
        Ok(Some(state))
    }

    /// Reads `papers.json`, migrating a schema 1 cache on the way, with the
    /// fetch state laid over it.
    pub(super) fn read_index(&self, locking: Locking) -> Result<Stored, CacheError> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Stored::Nothing),
            Err(err) => return Err(CacheError::io("read the cache", &path, &err)),
        };
        match schema_version_of(&bytes) {
            Some(1) => migrate::from_single_file(self, &bytes, locking),
            Some(version) if version > SCHEMA_VERSION => {
                Err(CacheError::newer_schema(&path, version))
            }
            _ => {
                let mut index = serde_json::from_slice::<Index>(&bytes)
                    .map_err(|err| CacheError::invalid(&path, &err))?;
                if let Some(state) = self.read_fetch_state()? {
                    state.overlay(&mut index);
                }
                Ok(Stored::Index(index))
            }
        }
    }

    /// Reads the shards named by `keys`, two at a time when the machine has
    /// the cores: parsing dominates, and shards are independent.
    fn read_shards(
        &self,
        shards: &BTreeMap<String, ShardMeta>,
        keys: &[&String],
    ) -> Result<Vec<Vec<CachedPaper>>, CacheError> {
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
            .min(keys.len().max(1));
        let next = Mutex::new(0usize);
        let results: Mutex<Vec<Option<ShardRead>>> =
            Mutex::new((0..keys.len()).map(|_| None).collect());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    // One buffer per worker: fresh memory costs page faults.
                    let mut buffer = Vec::new();
                    loop {
                        let slot = {
                            let mut next = next.lock().unwrap_or_else(|e| e.into_inner());
                            let slot = *next;
                            *next += 1;
                            slot
                        };
                        let Some(key) = keys.get(slot) else { break };
                        let result = self.read_shard(&shards[*key], key, &mut buffer);
                        let failed = result.is_err();
                        results.lock().unwrap_or_else(|e| e.into_inner())[slot] = Some(result);
                        if failed {
                            break;
                        }
                    }
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .flatten()
            .collect()
    }

    /// Reads one shard.
    fn read_shard(&self, meta: &ShardMeta, key: &str, buffer: &mut Vec<u8>) -> ShardRead {
        let path = self.shard_dir().join(&meta.file);
        buffer.clear();
        match File::open(&path).and_then(|mut file| file.read_to_end(buffer)) {
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let mut err = CacheError::io("read the cache shard", &path, &err);
                err.vanished = true;
                return Err(err);
            }
            Err(err) => return Err(CacheError::io("read the cache shard", &path, &err)),
        }
        let shard: ShardFile<CachedPaper> =
            serde_json::from_slice(buffer).map_err(|err| CacheError::invalid(&path, &err))?;
        if shard.schema_version > SCHEMA_VERSION {
            return Err(CacheError::newer_schema(&path, shard.schema_version));
        }
        if let Some(stray) = shard.papers.iter().find(|p| shard_key(&p.paper.id) != key) {
            return Err(CacheError::new(format!(
                "cache shard {} holds {}, which belongs in shard {}; it was left untouched: \
                 move the cache directory aside and run `papers fetch` to rebuild it",
                path.display(),
                stray.paper.id,
                shard_key(&stray.paper.id)
            )));
        }
        Ok(shard.papers)
    }

    fn has_shard_files(&self) -> bool {
        fs::read_dir(self.shard_dir()).is_ok_and(|mut entries| entries.next().is_some())
    }

    /// Deletes what no index names any more: shards a write superseded, and
    /// what writers killed mid-write (SIGKILL, power loss) left behind:
    /// unnamed shards and `.NAME.XXXXXX.tmp` files as large as what they
    /// replaced. Only called under the lock, when no other write is in
    /// flight, with the index naming the live shards in place: before a
    /// write and after it. Failing to remove one is harmless.
    fn remove_unreferenced_files(&self, cache: &Cache) {
        let live: BTreeSet<&str> = cache.shards.values().map(|m| m.file.as_str()).collect();
        if let Ok(entries) = fs::read_dir(self.shard_dir()) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.ends_with(".json") && !live.contains(name.as_ref())
                    || name.ends_with(".tmp")
                {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        if let Ok(entries) = fs::read_dir(&self.dir) {
            let prefixes = [format!(".{CACHE_FILE}."), format!(".{FETCH_STATE_FILE}.")];
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if prefixes
                    .iter()
                    .any(|prefix| name.starts_with(prefix.as_str()))
                    && name.ends_with(".tmp")
                {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }

    pub(super) fn lock(&self) -> Result<File, CacheError> {
        fs::create_dir_all(&self.dir)
            .map_err(|err| CacheError::io("create the cache directory", &self.dir, &err))?;
        let lock_path = self.dir.join(LOCK_FILE);
        crate::storage::atomic::lock_exclusive(&lock_path, LOCK_WAIT).map_err(|err| match err {
            LockError::Io(err) => CacheError::io("lock", &lock_path, &err),
            LockError::Busy => CacheError::new(format!(
                "another papers process has held {} for over {}s; try again when it finishes",
                lock_path.display(),
                LOCK_WAIT.as_secs()
            )),
        })
    }
}

/// The keys of the shards `wanted` accepts.
fn keys_where(
    shards: &BTreeMap<String, ShardMeta>,
    wanted: impl Fn(&str, &ShardMeta) -> bool,
) -> BTreeSet<String> {
    shards
        .iter()
        .filter(|(key, meta)| wanted(key, meta))
        .map(|(key, _)| key.clone())
        .collect()
}

/// A shard's papers.
type ShardRead = Result<Vec<CachedPaper>, CacheError>;

/// The in-memory cache from an index and the shards read.
fn cache_from(index: Index, keys: &[&String], shards: Vec<Vec<CachedPaper>>) -> Cache {
    let papers = shards
        .into_iter()
        .flatten()
        .map(|paper| (paper.paper.id.clone(), paper))
        .collect();
    Cache {
        last_fetch: index.last_fetch,
        topics: index.topics,
        papers,
        loaded: keys.iter().map(|key| (*key).clone()).collect(),
        shards: index.shards,
        generation: index.generation,
        dirty: BTreeSet::new(),
    }
}

fn group_by_shard<'a>(
    papers: impl Iterator<Item = &'a CachedPaper>,
) -> BTreeMap<String, Vec<&'a CachedPaper>> {
    let mut shards: BTreeMap<String, Vec<&CachedPaper>> = BTreeMap::new();
    for paper in papers {
        shards
            .entry(shard_key(&paper.paper.id))
            .or_default()
            .push(paper);
    }
    shards
}

fn shard_bytes(key: &str, papers: &[&CachedPaper]) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&ShardFile {
        schema_version: SCHEMA_VERSION,
        shard: key.to_owned(),
        papers: papers.to_vec(),
    })
}

pub(super) fn schema_version_of(bytes: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Header {
        schema_version: u32,
    }
    serde_json::from_slice::<Header>(bytes)
        .ok()
        .map(|header| header.schema_version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::cache::MergeCounts;
    use crate::storage::cache::tests::{at, paper};

    /// A cache in a temporary directory holding 2611.00001 under npu.
    fn store_with_one_paper() -> (tempfile::TempDir, CacheStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| cache.merge("npu", vec![paper("2611.00001", 1, 1)], at(2)))
            .expect("first write");
        (dir, store)
    }

    fn shard_files(store: &CacheStore) -> BTreeSet<String> {
        fs::read_dir(store.shard_dir())
            .expect("shard dir")
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn update_round_trips_and_leaves_no_temp_files() {
        let (dir, store) = store_with_one_paper();
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
        let (dir, store) = store_with_one_paper();
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

    #[test]
    fn papers_are_sharded_by_the_month_of_their_id() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| {
                cache.merge(
                    "npu",
                    vec![
                        paper("2610.00001", 1, 1),
                        paper("2611.00001", 1, 1),
                        paper("2611.00002", 1, 2),
                    ],
                    at(3),
                )
            })
            .expect("write");
        assert_eq!(
            shard_files(&store),
            BTreeSet::from(["2026-10.g1.json".to_owned(), "2026-11.g1.json".to_owned()])
        );
        let index = store.load_index().expect("index");
        assert!(index.papers.is_empty(), "the index alone holds no papers");
        assert_eq!(index.shards().values().map(|s| s.papers).sum::<usize>(), 3);
        assert_eq!(index.topic_total("npu"), 3);
        assert_eq!(index.shards()["2026-11"].papers, 2);

        let october = store
            .load_where(|key, _| key == "2026-10")
            .expect("one shard");
        assert_eq!(october.papers.keys().collect::<Vec<_>>(), ["2610.00001"]);
        assert_eq!(store.load().expect("all").papers.len(), 3);
    }

    #[test]
    fn a_write_rewrites_only_the_shards_it_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| {
                cache.merge(
                    "npu",
                    vec![paper("2610.00001", 1, 1), paper("2611.00001", 1, 1)],
                    at(3),
                )
            })
            .expect("first write");
        let (counts, cache) = store
            .update_ids(["2611.00002"], |cache| {
                cache.merge("npu", vec![paper("2611.00002", 1, 4)], at(5))
            })
            .expect("second write");
        assert_eq!(counts.new, 1);
        assert_eq!(
            shard_files(&store),
            BTreeSet::from(["2026-10.g1.json".to_owned(), "2026-11.g2.json".to_owned()]),
            "October untouched, November superseded and the old file removed"
        );
        assert_eq!(cache.topic_total("npu"), 3);
        assert_eq!(store.load().expect("all").papers.len(), 3);
    }

    fn attempt(cache: &mut Cache, topic: &str, day: u32) {
        cache.topics.insert(
            topic.to_owned(),
            super::super::TopicState {
                query: "cat:cs.AR".to_owned(),
                last_attempt: at(day),
                last_success: Some(at(day)),
                last_error: None,
            },
        );
    }

    #[test]
    fn nothing_new_writes_no_shard_and_leaves_the_index_alone() {
        let (dir, store) = store_with_one_paper();
        let index_before = fs::read(store.path()).expect("index");
        let shards_before = shard_files(&store);
        let (counts, _) = store
            .update_ids(["2611.00001"], |cache| {
                attempt(cache, "npu", 9);
                cache.merge("npu", vec![paper("2611.00001", 1, 1)], at(9))
            })
            .expect("nothing-new write");
        assert_eq!(counts, MergeCounts::default());
        assert_eq!(fs::read(store.path()).expect("index"), index_before);
        assert_eq!(shard_files(&store), shards_before);
        assert!(dir.path().join(FETCH_STATE_FILE).is_file());
        let reread = store.load_index().expect("index");
        assert_eq!(
            reread.topics["npu"].last_attempt,
            at(9),
            "the attempt is recorded"
        );
    }

    #[test]
    fn the_later_of_index_and_fetch_state_wins_topic_by_topic() {
        let (_dir, store) = store_with_one_paper();
        store
            .update(|cache| {
                attempt(cache, "npu", 5);
                attempt(cache, "edge", 5);
            })
            .expect("state file");
        // An older binary, knowing no fetch-state.json, records a later
        // attempt of `edge` in the index only.
        let mut index: Index =
            serde_json::from_slice(&fs::read(store.path()).expect("index")).expect("parses");
        let mut old = Cache::default();
        attempt(&mut old, "edge", 7);
        attempt(&mut old, "npu", 1);
        index.topics = old.topics;
        store.write_index(&index).expect("old binary's write");
        let topics = store.load_index().expect("index").topics;
        assert_eq!(topics["edge"].last_attempt, at(7));
        assert_eq!(topics["npu"].last_attempt, at(5));
    }

    #[test]
    fn a_prior_cache_is_not_trusted_after_another_writer_committed() {
        let (_dir, store) = store_with_one_paper();
        let prior = store.load_ids(["2611.00001"]).expect("prior");
        store
            .update(|cache| cache.merge("edge", vec![paper("2611.00002", 1, 1)], at(3)))
            .expect("another writer");
        let (_, cache) = store
            .update_ids_from(prior, ["2611.00003"], |cache| {
                cache.merge("npu", vec![paper("2611.00003", 1, 1)], at(4))
            })
            .expect("write from a stale prior");
        assert_eq!(cache.papers.len(), 3);
        assert_eq!(
            store.load().expect("all").papers.keys().collect::<Vec<_>>(),
            ["2611.00001", "2611.00002", "2611.00003"]
        );
    }

    #[test]
    fn a_change_outside_the_shards_read_loses_nothing() {
        let (_dir, store) = store_with_one_paper();
        // Declares nothing, then adds to a shard that exists on disk.
        store
            .update_ids([], |cache| {
                cache.merge("edge", vec![paper("2611.00002", 1, 1)], at(3))
            })
            .expect("second write");
        let all = store.load().expect("all");
        assert_eq!(
            all.papers.keys().collect::<Vec<_>>(),
            ["2611.00001", "2611.00002"]
        );
    }

    #[test]
    fn a_schema_1_cache_is_migrated_without_losing_a_paper() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        let mut old = Cache::default();
        old.merge(
            "npu",
            vec![paper("2610.00001", 2, 1), paper("2611.00001", 1, 1)],
            at(3),
        );
        old.note_fetch_run(at(3));
        let single = serde_json::json!({
            "schema_version": 1,
            "last_fetch": old.last_fetch,
            "topics": {},
            "papers": old.papers,
        });
        fs::write(store.path(), serde_json::to_vec(&single).expect("json")).expect("write v1");

        let migrated = store.load().expect("migrated");
        assert_eq!(migrated.papers, old.papers);
        assert_eq!(migrated.last_fetch, old.last_fetch);
        let index: serde_json::Value =
            serde_json::from_slice(&fs::read(store.path()).expect("index")).expect("json");
        assert_eq!(index["schema_version"], 2);
        assert_eq!(shard_files(&store).len(), 2);
        // Migrated once: the second read finds the index.
        assert_eq!(store.load().expect("again").papers, old.papers);
    }

    #[test]
    fn shards_without_their_index_are_never_overwritten() {
        let (_dir, store) = store_with_one_paper();
        fs::remove_file(store.path()).expect("lose the index");
        let before = shard_files(&store);
        let err = store
            .update(|cache| cache.merge("npu", vec![paper("2611.00002", 1, 1)], at(3)))
            .expect_err("refused");
        assert!(err.to_string().contains("holds shard files"), "{err}");
        assert_eq!(shard_files(&store), before);
    }

    #[test]
    fn a_corrupt_shard_is_named_and_left_alone() {
        let (_dir, store) = store_with_one_paper();
        let shard = store.shard_dir().join("2026-11.g1.json");
        fs::write(&shard, b"{\"schema_version\": 2, \"sha").expect("corrupt");
        for err in [
            store.load().expect_err("corrupt"),
            store.update(|_| ()).expect_err("corrupt"),
        ] {
            let message = err.to_string();
            assert!(message.contains(&shard.display().to_string()), "{message}");
            assert!(message.contains("left untouched"), "{message}");
        }
        assert_eq!(
            fs::read(&shard).expect("kept"),
            b"{\"schema_version\": 2, \"sha"
        );
    }

    #[test]
    fn a_reader_whose_shard_is_superseded_mid_read_reads_again() {
        let (dir, store) = store_with_one_paper();
        // `wanted` runs after the index is read and before any shard is:
        // the moment a concurrent writer can pull the shard away.
        let writes = std::sync::atomic::AtomicU32::new(0);
        let cache = store
            .load_where(|_, _| {
                if writes.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                    CacheStore::new(dir.path())
                        .update(|cache| cache.merge("npu", vec![paper("2611.00002", 1, 1)], at(3)))
                        .expect("concurrent write");
                    assert!(
                        !dir.path().join("shards/2026-11.g1.json").exists(),
                        "the writer removed the shard this reader's index names"
                    );
                }
                true
            })
            .expect("the reader retries with the new index");
        assert_eq!(
            cache.papers.keys().collect::<Vec<_>>(),
            ["2611.00001", "2611.00002"]
        );
    }
}
