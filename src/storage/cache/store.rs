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

use super::layout::{
    self, FetchState, Form, Index, SCHEMA_VERSION, ShardFile, ShardMeta, shard_key,
};
use super::{Cache, CacheError, ShardDamage, migrate};
use crate::model::CachedPaper;

/// Beside the cache: one lock file per host, holding when its last request left.
pub const PACING_DIR: &str = "pacing";

pub const CACHE_FILE: &str = "papers.json";
pub const SHARD_DIR: &str = "shards";
pub const LOCK_FILE: &str = "papers.json.lock";
/// Per-topic fetch state, beside the index (see [`FetchState`]).
pub const FETCH_STATE_FILE: &str = "fetch-state.json";
/// `fetch-state.json`'s own layout version.
pub(super) const FETCH_STATE_VERSION: u32 = 1;
/// How long a writer waits for another writer before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);
/// Reads of the index a reader makes while writers keep replacing shards.
pub(super) const READ_ATTEMPTS: u32 = 5;

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

    /// The cache directory, where `storage::huggingface` keeps its file too.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The index file, `papers.json`.
    pub fn path(&self) -> PathBuf {
        self.dir.join(CACHE_FILE)
    }

    /// Where network clients keep one pacing lock file per host, so every
    /// `papers` process spaces its requests to a host together.
    pub fn pacing_dir(&self) -> PathBuf {
        self.dir.join(PACING_DIR)
    }

    pub(super) fn shard_dir(&self) -> PathBuf {
        self.dir.join(SHARD_DIR)
    }

    pub(super) fn fetch_state_path(&self) -> PathBuf {
        self.dir.join(FETCH_STATE_FILE)
    }

    /// Whether the file of shard `meta` is there: cheap, for a reader that
    /// answers from a shard's summary yet should notice a lost shard.
    pub fn has_shard_file(&self, meta: &ShardMeta) -> bool {
        self.shard_dir().join(&meta.file).is_file()
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
            let results = self.read_shards(&index.shards, &keys);
            let vanished = results
                .iter()
                .any(|result| result.as_ref().is_err_and(|err| err.vanished));
            if vanished && attempt < READ_ATTEMPTS {
                attempt += 1;
                continue;
            }
            let mut read = Vec::with_capacity(keys.len());
            let mut read_keys = Vec::with_capacity(keys.len());
            let mut damaged = Vec::new();
            for (key, result) in keys.iter().zip(results) {
                match result {
                    Ok(shard) => {
                        read.push(shard);
                        read_keys.push(*key);
                    }
                    // Readers go on over the rest; writers must not, or the
                    // next index would drop the shard's papers.
                    Err(err) if err.damaged && locking == Locking::Take => {
                        damaged.push(ShardDamage {
                            key: (*key).clone(),
                            file: index.shards[*key].file.clone(),
                            reason: if err.vanished {
                                "missing".to_owned()
                            } else {
                                err.to_string()
                            },
                        });
                    }
                    Err(err) => return Err(err),
                }
            }
            let mut cache = cache_from(index.clone(), &read_keys, read);
            for damage in &damaged {
                cache.shards.remove(&damage.key);
            }
            cache.damaged = damaged;
            return Ok(cache);
        }
    }

    /// Fails when the index names a shard file that is not there, or is
    /// missing beside shard files: a write would then drop papers. Cheap
    /// (no shard is read), so writers check before any network traffic.
    pub fn check_intact(&self, index: &Cache) -> Result<(), CacheError> {
        if !self.exists() && self.has_shard_files() {
            return Err(CacheError::new(format!(
                "cache index {} is missing but {} holds shard files; they were left untouched: \
                 run `papers doctor --repair` to rebuild the index from them",
                self.path().display(),
                self.shard_dir().display()
            )));
        }
        let missing: Vec<&str> = index
            .shards
            .iter()
            .filter(|(_, meta)| !self.shard_dir().join(&meta.file).exists())
            .map(|(key, _)| key.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(CacheError::new(format!(
                "the cache is damaged: shard {} named by {} is missing; nothing was written: \
                 run `papers doctor` to see what is lost and `papers doctor --repair` to mend it",
                missing.join(", "),
                self.path().display()
            )));
        }
        Ok(())
    }

    /// The index, checked intact ([`CacheStore::check_intact`]), for a
    /// writer about to spend requests. Checked without the lock first, as it
    /// is cheap; a failure is confirmed under the lock, because a concurrent
    /// writer between its shards and its index, or between its index and
    /// removing the files it superseded, looks damaged for a moment.
    pub fn load_index_intact(&self) -> Result<Cache, CacheError> {
        let index = self.load_index()?;
        if self.check_intact(&index).is_ok() {
            return Ok(index);
        }
        let _lock = self.lock()?;
        let index = self.load_inner(&|_| BTreeSet::new(), Locking::Held)?;
        self.check_intact(&index)?;
        Ok(index)
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
        self.update_where(None, |_, _| true, change, |_, _| {})
    }

    /// Like [`update`](Self::update), reading only the shards that hold
    /// `ids`: the papers `change` is about to add or modify.
    pub fn update_ids<'a, R>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
        change: impl FnOnce(&mut Cache) -> R,
    ) -> Result<(R, Cache), CacheError> {
        let keys: BTreeSet<String> = ids.into_iter().map(shard_key).collect();
        self.update_where(None, |key, _| keys.contains(key), change, |_, _| {})
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
        self.update_ids_settled(prior, ids, change, |_, _| {})
    }

    /// [`update_ids_from`](Self::update_ids_from), then `settle` once the
    /// shards and the index are written and before the fetch state is: for
    /// fetch state that names the shard files this very write produced.
    pub fn update_ids_settled<'a, R>(
        &self,
        prior: Cache,
        ids: impl IntoIterator<Item = &'a str>,
        change: impl FnOnce(&mut Cache) -> R,
        settle: impl FnOnce(&mut Cache, &R),
    ) -> Result<(R, Cache), CacheError> {
        let keys: BTreeSet<String> = ids.into_iter().map(shard_key).collect();
        self.update_where(Some(prior), |key, _| keys.contains(key), change, settle)
    }

    fn update_where<R>(
        &self,
        prior: Option<Cache>,
        wanted: impl Fn(&str, &ShardMeta) -> bool + Sync,
        change: impl FnOnce(&mut Cache) -> R,
        settle: impl FnOnce(&mut Cache, &R),
    ) -> Result<(R, Cache), CacheError> {
        let _lock = self.lock()?;
        // A missing index beside shard files means something removed it:
        // writing a fresh one would orphan (and the sweep delete) them all.
        // A missing shard would be dropped from the next index unnoticed.
        let mut cache = match prior {
            Some(prior) => self.refresh(prior, &wanted)?,
            None => self.load_inner(&|shards| keys_where(shards, &wanted), Locking::Held)?,
        };
        self.check_intact(&cache)?;
        // What killed writers left goes first, so leftovers never pile up
        // even when this writer is killed too.
        self.remove_unreferenced_files(&cache);
        let state_before = (cache.last_fetch, cache.topics.clone());
        let result = change(&mut cache);
        self.restore_unloaded(&mut cache)?;
        let written = self.write(&mut cache, !self.exists())?;
        if written > 0 {
            self.remove_unreferenced_files(&cache);
        }
        settle(&mut cache, &result);
        let state_changed = state_before != (cache.last_fetch, cache.topics.clone());
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
    /// Only writers call it: any shard that cannot be read is an error.
    fn read_into(&self, cache: &mut Cache, keys: Vec<String>) -> Result<(), CacheError> {
        let refs: Vec<&String> = keys.iter().collect();
        for result in self.read_shards(&cache.shards, &refs) {
            for paper in result? {
                cache.papers.entry(paper.paper.id.clone()).or_insert(paper);
            }
        }
        cache.loaded.extend(keys);
        Ok(())
    }

    /// Writes the shards a merge changed, and new ones, under a new
    /// generation, in [`Form::Lines`], then the index, the commit point;
    /// says how many shards it wrote. A shard no merge changed is never
    /// rewritten, so an older cache's compact shards stay as they are until
    /// their papers change. With no shard to write, the index is left alone
    /// unless `commit_anyway` (a cache that has no index yet). Only under
    /// the lock.
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
            let bytes = layout::shard_bytes(Form::Lines, &key, &papers)
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
        crate::storage::atomic::replace_file(&path, |writer| layout::write_index(writer, index))
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
    ) -> Vec<ShardRead> {
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
                        let result = self.read_shard(key, &shards[*key], &mut buffer);
                        results.lock().unwrap_or_else(|e| e.into_inner())[slot] = Some(result);
                    }
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|result| {
                result.unwrap_or_else(|| Err(CacheError::new("a shard reader stopped early")))
            })
            .collect()
    }

    /// Reads one shard.
    fn read_shard(&self, key: &str, meta: &ShardMeta, buffer: &mut Vec<u8>) -> ShardRead {
        let path = self.shard_dir().join(&meta.file);
        buffer.clear();
        match File::open(&path).and_then(|mut file| file.read_to_end(buffer)) {
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let mut err = CacheError::io("read the cache shard", &path, &err);
                err.vanished = true;
                err.damaged = true;
                return Err(err);
            }
            Err(err) => {
                let mut err = CacheError::io("read the cache shard", &path, &err);
                err.damaged = true;
                return Err(err);
            }
        }
        parse_shard(&path, key, buffer)
    }

    /// Whether `shards/` holds any shard file (files `papers doctor` moved
    /// aside do not count: they are the reader's, not the cache's).
    pub fn has_shard_files(&self) -> bool {
        fs::read_dir(self.shard_dir()).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|entry| entry.file_name().to_string_lossy().ends_with(".json"))
        })
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
        crate::storage::atomic::sweep_temp_files(&self.dir, CACHE_FILE);
        crate::storage::atomic::sweep_temp_files(&self.dir, FETCH_STATE_FILE);
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
pub(super) fn keys_where(
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
pub(super) type ShardRead = Result<Vec<CachedPaper>, CacheError>;

/// The in-memory cache from an index and the shards read.
/// The papers of shard `key`, read from `path` into `bytes`.
pub(super) fn parse_shard(path: &Path, key: &str, bytes: &[u8]) -> ShardRead {
    let shard: ShardFile<CachedPaper> = serde_json::from_slice(bytes).map_err(|err| {
        let mut err = CacheError::invalid(path, &err);
        err.damaged = true;
        err
    })?;
    if shard.schema_version > SCHEMA_VERSION {
        return Err(CacheError::newer_schema(path, shard.schema_version));
    }
    if let Some(stray) = shard.papers.iter().find(|p| shard_key(&p.paper.id) != key) {
        let mut err = CacheError::new(format!(
            "cache shard {} holds {}, which belongs in shard {}; it was left untouched: \
             run `papers doctor --repair` to mend the cache",
            path.display(),
            stray.paper.id,
            shard_key(&stray.paper.id)
        ));
        err.damaged = true;
        return Err(err);
    }
    Ok(shard.papers)
}

pub(super) fn cache_from(index: Index, keys: &[&String], shards: Vec<Vec<CachedPaper>>) -> Cache {
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
        damaged: Vec::new(),
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

/// The `schema_version` a cache file (index, shard, fetch state) declares.
/// papers writes it first, `{"schema_version":N,`, so the head of a file
/// tells (a reader that has only the first bytes asks too); a file that does
/// not begin so is read as JSON.
pub(super) fn schema_version_of(bytes: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Header {
        schema_version: u32,
    }
    let declared = bytes
        .strip_prefix(b"{\"schema_version\":")
        .and_then(|rest| {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let ends = matches!(rest.get(digits), Some(b',' | b'}'));
            let number = std::str::from_utf8(&rest[..digits]).ok()?;
            ends.then(|| number.parse::<u32>().ok()).flatten()
        });
    declared.or_else(|| {
        serde_json::from_slice::<Header>(bytes)
            .ok()
            .map(|header| header.schema_version)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paper;
    use crate::storage::cache::MergeCounts;
    use crate::storage::cache::TopicState;
    use crate::storage::cache::tests::{at, paper};
    use chrono::{DateTime, Utc};

    /// The version is read from the head when papers wrote the file, from
    /// the JSON otherwise; a head alone tells only in papers' own form.
    #[test]
    fn schema_version_of_reads_heads_and_whole_files() {
        let cases: [(&[u8], Option<u32>); 8] = [
            (b"{\"schema_version\":2,\"shard\":\"2026-1", Some(2)),
            (b"{\"schema_version\":7}", Some(7)),
            (b"{\"papers\":[],\"schema_version\":3}", Some(3)),
            (b"{\n  \"schema_version\": 4,\n  \"papers\": []\n}", Some(4)),
            (b"{\n  \"schema_version\": 4,", None),
            (b"{\"schema_version\":99999999999,", None),
            (b"{\"schema_version\":2x", None),
            (b"not json", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                schema_version_of(bytes),
                expected,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    /// A cache in a temporary directory holding 2611.00001 under npu.
    fn store_with_one_paper() -> (tempfile::TempDir, CacheStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| cache.merge("npu", vec![paper("2611.00001", 1, 1)], at(2)))
            .expect("first write");
        (dir, store)
    }

    /// A first write caught between its shard and its index looks like an
    /// index lost beside its shards; a fetch starting then must wait for the
    /// writer rather than call the cache damaged (found by
    /// `concurrent_fetches_end_with_the_union`).
    #[test]
    fn a_writer_mid_write_is_waited_for_not_called_damage() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        let writer_lock = store.lock().expect("lock");
        fs::create_dir_all(store.shard_dir()).expect("shard dir");
        let half_written = store.shard_dir().join("2611.g1.json");
        fs::write(&half_written, "{}").expect("shard");
        assert!(
            store.check_intact(&Cache::default()).is_err(),
            "looks damaged"
        );
        let checker = {
            let store = CacheStore::new(dir.path());
            std::thread::spawn(move || store.load_index_intact())
        };
        // Time for the checker's cheap first look to see the half-written
        // state; then the writer finishes (here: takes its shard back).
        std::thread::sleep(Duration::from_millis(200));
        fs::remove_file(&half_written).expect("finish");
        drop(writer_lock);
        let index = checker
            .join()
            .expect("checker")
            .expect("intact once written");
        assert!(index.shards().is_empty());
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
            TopicState {
                query: "cat:cs.AR".to_owned(),
                last_attempt: at(day),
                last_success: Some(at(day)),
                last_error: None,
                answer: None,
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
        // A writer refuses: its next index would drop the shard.
        let message = store.update(|_| ()).expect_err("corrupt").to_string();
        assert!(message.contains(&shard.display().to_string()), "{message}");
        assert!(message.contains("left untouched"), "{message}");
        // A reader goes on without it and says what it skipped.
        let cache = store.load().expect("degrades");
        assert!(cache.papers.is_empty());
        assert_eq!(cache.damage().len(), 1);
        assert_eq!(cache.damage()[0].key, "2026-11");
        assert_eq!(
            fs::read(&shard).expect("kept"),
            b"{\"schema_version\": 2, \"sha"
        );
    }

    /// Lines removed plus lines added: what `git diff --stat` counts.
    fn changed_lines(old: &[u8], new: &[u8]) -> usize {
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let (removed, added) =
            crate::storage::cache::lines::tests::diff_counts(&text(old), &text(new));
        removed + added
    }

    fn topic_state(attempt: DateTime<Utc>) -> TopicState {
        TopicState {
            query: "all:npu".to_owned(),
            last_attempt: attempt,
            last_success: Some(attempt),
            last_error: None,
            answer: None,
        }
    }

    fn shard_file_of(store: &CacheStore, key: &str) -> (String, Vec<u8>) {
        let index = store.load_index().expect("index");
        let file = index.shards()[key].file.clone();
        let bytes = fs::read(store.shard_dir().join(&file)).expect("shard file");
        (file, bytes)
    }

    /// Rewrites every shard and the index the way earlier versions did:
    /// each shard one compact line, the index pretty-printed.
    fn rewrite_in_the_old_form(store: &CacheStore) {
        let cache = store.load().expect("load");
        for (key, papers) in group_by_shard(cache.papers.values()) {
            let old = serde_json::to_vec(&ShardFile {
                schema_version: SCHEMA_VERSION,
                shard: key.clone(),
                papers,
            })
            .expect("json");
            assert!(!old.contains(&b'\n'));
            fs::write(store.shard_dir().join(&cache.shards[&key].file), old).expect("shard");
        }
        let index: Index =
            serde_json::from_slice(&fs::read(store.path()).expect("index")).expect("json");
        fs::write(
            store.path(),
            serde_json::to_vec_pretty(&index).expect("json"),
        )
        .expect("index");
    }

    #[test]
    fn shards_hold_one_paper_per_line_sorted_by_id_and_the_index_one_line_per_entry() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| {
                let ids = ["2611.00003", "2611.00001", "2611.00002", "2610.00001"];
                cache.merge("npu", ids.map(|id| paper(id, 1, 1)).to_vec(), at(3));
                cache.topics.insert("npu".to_owned(), topic_state(at(3)));
            })
            .expect("write");
        let (_, bytes) = shard_file_of(&store, "2026-11");
        let text = String::from_utf8(bytes).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"schema_version":2,"shard":"2026-11","papers":["#
        );
        for (line, id) in lines[1..4]
            .iter()
            .zip(["2611.00001", "2611.00002", "2611.00003"])
        {
            assert!(line.contains(&format!(r#""id":"{id}""#)), "{line}");
        }
        assert_eq!(lines[4..], ["]}"]);
        let index = fs::read_to_string(store.path()).expect("index");
        // Header, one topic, the shards' opening, two shards, the close.
        assert_eq!(index.lines().count(), 1 + 1 + 1 + 2 + 1, "{index}");
        assert!(index.starts_with(r#"{"schema_version":2,"last_fetch":"#));
    }

    #[test]
    fn adding_papers_changes_about_a_line_each() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        // Odd numbers only, so there is room for a paper in between.
        let first: Vec<Paper> = (1..=79)
            .step_by(2)
            .map(|n| paper(&format!("2611.{n:05}"), 1, 1))
            .collect();
        store
            .update(|cache| {
                cache.merge("npu", first, at(3));
                cache.topics.insert("npu".to_owned(), topic_state(at(3)));
                cache.merge("edge", vec![paper("2610.00001", 1, 1)], at(3));
                cache.note_fetch_run(at(3));
            })
            .expect("first write");
        let (_, shard_before) = shard_file_of(&store, "2026-11");
        let index_before = fs::read(store.path()).expect("index");

        // Three new papers, one between two held ones; one revised.
        let added = ["2611.00081", "2611.00083", "2611.00020"];
        let fetched: Vec<Paper> = added
            .iter()
            .map(|id| paper(id, 1, 2))
            .chain([paper("2611.00007", 2, 2)])
            .collect();
        store
            .update_ids(added.into_iter().chain(["2611.00007"]), |cache| {
                cache.merge("npu", fetched, at(4));
                cache.topics.insert("npu".to_owned(), topic_state(at(4)));
                cache.note_fetch_run(at(4));
            })
            .expect("second write");
        let (_, shard_after) = shard_file_of(&store, "2026-11");
        let index_after = fs::read(store.path()).expect("index");

        // A line added per new paper, one replaced for the revision.
        assert_eq!(changed_lines(&shard_before, &shard_after), 3 + 2);
        // Replaced: the header (generation, last_fetch), the npu topic's
        // line and the November shard's; October's stays.
        assert_eq!(changed_lines(&index_before, &index_after), 3 * 2);
    }

    #[test]
    fn an_old_form_cache_is_read_as_it_is_and_rewritten_only_where_it_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        store
            .update(|cache| {
                cache.merge(
                    "npu",
                    vec![
                        paper("2610.00001", 1, 1),
                        paper("2610.00002", 2, 1),
                        paper("2611.00001", 1, 1),
                    ],
                    at(3),
                )
            })
            .expect("first write");
        rewrite_in_the_old_form(&store);
        let before = store.load().expect("old form reads");
        assert_eq!(before.papers.len(), 3);
        let october = shard_file_of(&store, "2026-10");
        let november = shard_file_of(&store, "2026-11");

        // A write that reads every shard and changes none keeps them all.
        store.update(|_| ()).expect("no-op write");
        assert_eq!(shard_file_of(&store, "2026-10"), october);
        assert_eq!(shard_file_of(&store, "2026-11"), november);

        // A paper for November: only November is rewritten, in lines.
        store
            .update(|cache| cache.merge("edge", vec![paper("2611.00002", 1, 2)], at(4)))
            .expect("second write");
        assert_eq!(
            shard_file_of(&store, "2026-10"),
            october,
            "October untouched"
        );
        let (file, bytes) = shard_file_of(&store, "2026-11");
        assert_ne!(file, november.0);
        assert_eq!(Form::of(&bytes), Form::Lines);
        assert_eq!(bytes.iter().filter(|b| **b == b'\n').count(), 4);
        let after = store.load().expect("reload");
        assert_eq!(after.papers.len(), 4);
        for (id, held) in &before.papers {
            assert_eq!(&after.papers[id], held, "{id} kept as it was");
        }
        assert_eq!(
            after.papers["2611.00002"].topics.iter().collect::<Vec<_>>(),
            ["edge"]
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
