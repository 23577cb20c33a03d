//! `papers doctor`: the cache files checked against each other, and mended
//! without losing a paper that any readable file still holds.
//!
//! The index (`papers.json`) names one file per shard; writers commit by
//! replacing it. What can go wrong between the two: a shard file deleted or
//! damaged (missing, corrupt), a shard file no index names (a killed writer's,
//! or one the index lost), the index itself deleted or damaged, a damaged
//! `fetch-state.json` (the index holds a copy of the fetch state, so it is
//! moved aside; a missing one is normal), and temporary files of killed
//! writers. A repair keeps every readable paper:
//! it points the index at the newest readable file of each shard (rebuilding
//! it from the shard files when it is gone), drops only what no file holds,
//! moves damaged files aside as `NAME.corrupt-<timestamp>` and removes only
//! files it can explain: temporary files and shard files superseded by the
//! one the index names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

use super::CacheError;
use super::layout::{FetchState, Index, SCHEMA_VERSION, ShardFile, ShardMeta, shard_key};
use super::store::{
    CACHE_FILE, CacheStore, FETCH_STATE_FILE, FETCH_STATE_VERSION, schema_version_of,
};
use crate::model::CachedPaper;

/// One thing `papers doctor` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// `index-missing`, `index-corrupt`, `shard-missing`, `shard-corrupt`,
    /// `shard-unreferenced`, `fetch-state-corrupt`, `temp-file` or
    /// `unknown-file`.
    pub kind: &'static str,
    pub path: PathBuf,
    pub detail: String,
    /// False for what is merely worth knowing (a file that is not papers').
    pub problem: bool,
}

/// What the cache holds and what is wrong with it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Checkup {
    pub shards: usize,
    pub papers: usize,
    pub findings: Vec<Finding>,
}

impl Checkup {
    pub fn is_healthy(&self) -> bool {
        self.findings.iter().all(|finding| !finding.problem)
    }
}

/// What `papers doctor --repair` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Repair {
    /// One line per change, in the order made.
    pub actions: Vec<String>,
    /// Shards (`YYYY-MM`) whose papers no readable file held, oldest first.
    pub lost_shards: Vec<String>,
    /// Papers the index counted in those shards.
    pub lost_papers: usize,
    /// The index was rebuilt and no readable `fetch-state.json` held the
    /// fetch state: each topic's fetch history is gone.
    pub fetch_state_lost: bool,
}

/// A readable shard file.
struct Candidate {
    file: String,
    key: String,
    generation: u64,
    papers: Vec<CachedPaper>,
}

enum IndexState {
    Missing,
    Corrupt(String),
    Ok(Index),
}

/// `fetch-state.json`: a missing one is normal (older caches, and caches
/// no fetch has written since), a newer one is not ours to judge.
enum FetchStateFile {
    Missing,
    Newer,
    Corrupt(String),
    Ok(FetchState),
}

/// Everything on disk, classified.
struct Scan {
    index: IndexState,
    fetch_state: FetchStateFile,
    valid: Vec<Candidate>,
    /// File name and why it cannot be read.
    corrupt: BTreeMap<String, String>,
    temps: Vec<PathBuf>,
    unknown: Vec<PathBuf>,
}

impl Scan {
    fn best(&self, key: &str) -> Option<&Candidate> {
        self.valid
            .iter()
            .filter(|c| c.key == key)
            .max_by_key(|c| c.generation)
    }

    fn named(&self, file: &str) -> Option<&Candidate> {
        self.valid.iter().find(|c| c.file == file)
    }
}

impl CacheStore {
    /// Checks the index against the shard files; reads every shard, writes
    /// nothing.
    pub fn checkup(&self) -> Result<Checkup, CacheError> {
        let scan = self.scan()?;
        let shard_dir = self.shard_dir();
        let mut checkup = Checkup::default();
        let mut finding = |kind, path: PathBuf, detail: String| {
            checkup.findings.push(Finding {
                kind,
                path,
                detail,
                problem: kind != "unknown-file",
            })
        };
        let named: BTreeSet<&str> = match &scan.index {
            IndexState::Ok(index) => index.shards.values().map(|m| m.file.as_str()).collect(),
            _ => BTreeSet::new(),
        };
        match &scan.index {
            IndexState::Missing if !scan.valid.is_empty() || !scan.corrupt.is_empty() => {
                let papers: usize = keys_best(&scan).map(|c| c.papers.len()).sum();
                finding(
                    "index-missing",
                    self.path(),
                    format!(
                        "the index is missing; {} shard files hold {papers} papers: \
                         `papers doctor --repair` rebuilds it from them",
                        scan.valid.len()
                    ),
                );
            }
            IndexState::Missing => {}
            IndexState::Corrupt(reason) => finding("index-corrupt", self.path(), reason.clone()),
            IndexState::Ok(index) => {
                for (key, meta) in &index.shards {
                    let path = shard_dir.join(&meta.file);
                    if let Some(reason) = scan.corrupt.get(&meta.file) {
                        finding(
                            "shard-corrupt",
                            path,
                            format!(
                                "shard {key} ({} papers) cannot be read: {reason}",
                                meta.papers
                            ),
                        );
                    } else if scan.named(&meta.file).is_none() {
                        finding(
                            "shard-missing",
                            path,
                            format!("shard {key} ({} papers) is missing", meta.papers),
                        );
                    }
                }
            }
        }
        for candidate in &scan.valid {
            if !named.contains(candidate.file.as_str())
                && !matches!(scan.index, IndexState::Missing)
            {
                finding(
                    "shard-unreferenced",
                    shard_dir.join(&candidate.file),
                    format!(
                        "shard file for {} ({} papers) that the index does not name",
                        candidate.key,
                        candidate.papers.len()
                    ),
                );
            }
        }
        for (file, reason) in &scan.corrupt {
            if !named.contains(file.as_str()) {
                finding(
                    "shard-corrupt",
                    shard_dir.join(file),
                    format!("unreferenced shard file cannot be read: {reason}"),
                );
            }
        }
        if let FetchStateFile::Corrupt(reason) = &scan.fetch_state {
            finding(
                "fetch-state-corrupt",
                self.fetch_state_path(),
                format!(
                    "the fetch state cannot be read: {reason}; the index holds a copy, \
                     so `papers doctor --repair` moves it aside"
                ),
            );
        }
        for path in &scan.temps {
            finding(
                "temp-file",
                path.clone(),
                "temporary file of an interrupted write".to_owned(),
            );
        }
        for path in &scan.unknown {
            finding(
                "unknown-file",
                path.clone(),
                "not a papers file; left alone".to_owned(),
            );
        }
        let (shards, papers) = match &scan.index {
            IndexState::Ok(index) => index
                .shards
                .values()
                .filter_map(|meta| scan.named(&meta.file))
                .fold((0, 0), |(s, p), c| (s + 1, p + c.papers.len())),
            _ => (0, 0),
        };
        checkup.shards = shards;
        checkup.papers = papers;
        Ok(checkup)
    }

    /// Mends what [`checkup`](Self::checkup) finds, under the writers' lock.
    pub fn repair(&self) -> Result<Repair, CacheError> {
        let _lock = self.lock()?;
        let scan = self.scan()?;
        let shard_dir = self.shard_dir();
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let mut repair = Repair::default();

        let (base, mut shards) = match &scan.index {
            IndexState::Ok(index) => (Some(index.clone()), index.shards.clone()),
            _ => (None, BTreeMap::new()),
        };
        if let IndexState::Corrupt(_) = scan.index {
            let aside = move_aside(&self.path(), &stamp)?;
            repair.actions.push(format!(
                "moved the damaged index aside to {}",
                aside.display()
            ));
        }
        if let FetchStateFile::Corrupt(_) = scan.fetch_state {
            let aside = move_aside(&self.fetch_state_path(), &stamp)?;
            repair.actions.push(format!(
                "moved the damaged fetch state aside to {}; the index's copy is used",
                aside.display()
            ));
        }
        // A rebuilt index takes the fetch state from fetch-state.json when
        // that is readable; only without it is the history lost.
        let kept_state = match &scan.fetch_state {
            FetchStateFile::Ok(state) => Some(state),
            _ => None,
        };
        let mut changed = base.is_none() && !scan.valid.is_empty();
        if base.is_none() && !scan.valid.is_empty() && kept_state.is_none() {
            repair.fetch_state_lost = true;
        }

        // Every shard key the index names or a readable file holds.
        let keys: BTreeSet<String> = shards
            .keys()
            .cloned()
            .chain(scan.valid.iter().map(|c| c.key.clone()))
            .collect();
        let mut chosen: BTreeSet<String> = BTreeSet::new();
        for key in keys {
            let named = shards.get(&key).map(|meta| meta.file.clone());
            if let Some(candidate) = named.as_deref().and_then(|file| scan.named(file)) {
                chosen.insert(candidate.file.clone());
                continue;
            }
            match (scan.best(&key), named) {
                (Some(best), named) => {
                    repair.actions.push(match named {
                        Some(file) => format!(
                            "shard {key}: {file} is unreadable or gone; the index now names {} ({} papers)",
                            best.file,
                            best.papers.len()
                        ),
                        None if base.is_some() => format!(
                            "shard {key}: adopted {} ({} papers), which the index did not name",
                            best.file,
                            best.papers.len()
                        ),
                        None => format!(
                            "shard {key}: indexed {} ({} papers)",
                            best.file,
                            best.papers.len()
                        ),
                    });
                    shards.insert(
                        key.clone(),
                        ShardMeta::describe(best.file.clone(), &best.papers),
                    );
                    chosen.insert(best.file.clone());
                    changed = true;
                }
                (None, Some(file)) => {
                    let lost = shards.remove(&key).map_or(0, |meta| meta.papers);
                    repair.actions.push(format!(
                        "shard {key}: dropped from the index; {file} is unreadable or gone \
                         and no other file holds its {lost} papers"
                    ));
                    repair.lost_shards.push(key);
                    repair.lost_papers += lost;
                    changed = true;
                }
                (None, None) => {}
            }
        }

        for file in scan.corrupt.keys() {
            let aside = move_aside(&shard_dir.join(file), &stamp)?;
            repair.actions.push(format!(
                "moved the unreadable shard file aside to {}",
                aside.display()
            ));
        }
        if changed {
            let generation = scan
                .valid
                .iter()
                .map(|c| c.generation)
                .chain(base.as_ref().map(|index| index.generation))
                .max()
                .unwrap_or(0);
            let (topics, last_fetch) = match (&base, kept_state) {
                (Some(index), _) => (index.topics.clone(), index.last_fetch),
                (None, Some(state)) => (state.topics.clone(), state.last_fetch),
                (None, None) => (BTreeMap::new(), None),
            };
            self.write_index(&Index {
                schema_version: SCHEMA_VERSION,
                last_fetch,
                topics,
                generation,
                shards,
            })?;
            repair.actions.push(if base.is_some() {
                format!("wrote the corrected index {}", self.path().display())
            } else if kept_state.is_some() {
                format!(
                    "rebuilt the index {} from the shard files; the fetch state was kept \
                     from {FETCH_STATE_FILE}",
                    self.path().display()
                )
            } else {
                format!(
                    "rebuilt the index {} from the shard files; the fetch state was lost, \
                     so each topic's next fetch reads its whole window again",
                    self.path().display()
                )
            });
        }
        // Only now that the index names the chosen files: the rest are
        // superseded generations or killed writers' uncommitted ones.
        for candidate in scan.valid.iter().filter(|c| !chosen.contains(&c.file)) {
            let path = shard_dir.join(&candidate.file);
            if fs::remove_file(&path).is_ok() {
                repair.actions.push(format!(
                    "removed {}: an older or uncommitted copy of shard {}",
                    path.display(),
                    candidate.key
                ));
            }
        }
        for path in &scan.temps {
            if fs::remove_file(path).is_ok() {
                repair.actions.push(format!(
                    "removed the leftover temporary file {}",
                    path.display()
                ));
            }
        }
        Ok(repair)
    }

    fn scan(&self) -> Result<Scan, CacheError> {
        let path = self.path();
        let index = match fs::read(&path) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => IndexState::Missing,
            Err(err) => return Err(CacheError::io("read the cache", &path, &err)),
            Ok(bytes) => match schema_version_of(&bytes) {
                Some(1) => {
                    return Err(CacheError::new(format!(
                        "cache {} is a schema 1 cache: run `papers list` once to migrate it",
                        path.display()
                    )));
                }
                Some(version) if version > SCHEMA_VERSION => {
                    return Err(CacheError::newer_schema(&path, version));
                }
                _ => match serde_json::from_slice::<Index>(&bytes) {
                    Ok(index) => IndexState::Ok(index),
                    Err(err) => IndexState::Corrupt(format!("the index cannot be read: {err}")),
                },
            },
        };
        let fetch_state = self.scan_fetch_state()?;
        let mut scan = Scan {
            index,
            fetch_state,
            valid: Vec::new(),
            corrupt: BTreeMap::new(),
            temps: Vec::new(),
            unknown: Vec::new(),
        };
        let shard_dir = self.shard_dir();
        if let Ok(entries) = fs::read_dir(&shard_dir) {
            let mut entries: Vec<_> = entries.flatten().collect();
            entries.sort_by_key(|entry| entry.file_name());
            for entry in entries {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.contains(".corrupt-") {
                    // Moved aside by an earlier repair: the reader's to keep.
                    continue;
                }
                if name.ends_with(".tmp") {
                    scan.temps.push(entry.path());
                } else if name.ends_with(".json") {
                    match read_candidate(&entry.path(), &name) {
                        Ok(Some(candidate)) => scan.valid.push(candidate),
                        Ok(None) => scan.unknown.push(entry.path()),
                        Err(reason) => {
                            scan.corrupt.insert(name, reason);
                        }
                    }
                } else {
                    scan.unknown.push(entry.path());
                }
            }
        }
        if let Ok(entries) = fs::read_dir(self.dir()) {
            let prefixes = [format!(".{CACHE_FILE}."), format!(".{FETCH_STATE_FILE}.")];
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if prefixes
                    .iter()
                    .any(|prefix| crate::storage::atomic::is_temp_file_of(&name, prefix))
                {
                    scan.temps.push(entry.path());
                }
            }
        }
        Ok(scan)
    }

    fn scan_fetch_state(&self) -> Result<FetchStateFile, CacheError> {
        let path = self.fetch_state_path();
        let bytes = match fs::read(&path) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok(FetchStateFile::Missing);
            }
            Err(err) => return Err(CacheError::io("read the fetch state", &path, &err)),
            Ok(bytes) => bytes,
        };
        if schema_version_of(&bytes).is_some_and(|version| version > FETCH_STATE_VERSION) {
            return Ok(FetchStateFile::Newer);
        }
        Ok(match serde_json::from_slice::<FetchState>(&bytes) {
            Ok(state) => FetchStateFile::Ok(state),
            Err(err) => FetchStateFile::Corrupt(err.to_string()),
        })
    }
}

/// The newest readable file per shard key.
fn keys_best(scan: &Scan) -> impl Iterator<Item = &Candidate> {
    let keys: BTreeSet<&str> = scan.valid.iter().map(|c| c.key.as_str()).collect();
    keys.into_iter().filter_map(|key| scan.best(key))
}

/// A shard file: `Ok(None)` for a newer schema (not ours to judge), `Err`
/// with the reason when it cannot be read or holds papers of another month.
fn read_candidate(path: &Path, name: &str) -> Result<Option<Candidate>, String> {
    let bytes = fs::read(path).map_err(|err| err.to_string())?;
    if schema_version_of(&bytes).is_some_and(|version| version > SCHEMA_VERSION) {
        return Ok(None);
    }
    let shard: ShardFile<CachedPaper> =
        serde_json::from_slice(&bytes).map_err(|err| err.to_string())?;
    let (named_key, generation) = parse_shard_name(name).unwrap_or((shard.shard.clone(), 0));
    if named_key != shard.shard {
        return Err(format!("named {named_key} but holds shard {}", shard.shard));
    }
    if let Some(stray) = shard
        .papers
        .iter()
        .find(|p| shard_key(&p.paper.id) != shard.shard)
    {
        return Err(format!(
            "holds {}, which belongs in shard {}",
            stray.paper.id,
            shard_key(&stray.paper.id)
        ));
    }
    Ok(Some(Candidate {
        file: name.to_owned(),
        key: shard.shard,
        generation,
        papers: shard.papers,
    }))
}

/// `2026-11.g7.json` → (`2026-11`, 7).
fn parse_shard_name(name: &str) -> Option<(String, u64)> {
    let stem = name.strip_suffix(".json")?;
    let (key, generation) = stem.rsplit_once(".g")?;
    Some((key.to_owned(), generation.parse().ok()?))
}

/// Renames `path` to `path.corrupt-<stamp>`; never overwrites.
fn move_aside(path: &Path, stamp: &str) -> Result<PathBuf, CacheError> {
    let mut aside = PathBuf::from(format!("{}.corrupt-{stamp}", path.display()));
    let mut n = 1;
    while aside.exists() {
        aside = PathBuf::from(format!("{}.corrupt-{stamp}-{n}", path.display()));
        n += 1;
    }
    fs::rename(path, &aside).map_err(|err| CacheError::io("move aside", path, &err))?;
    Ok(aside)
}
