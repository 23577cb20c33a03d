//! Older cache layouts, upgraded in place on first use.
//!
//! Schema 1 kept every paper in `papers.json` itself: simple, but reading
//! 100,000 papers to list a month of them took a second. Migration writes
//! the shards first and replaces `papers.json` with the index last, so an
//! interruption at any point leaves either the old file or the new cache;
//! shards left by an interrupted migration are swept by the next write.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::store::{CacheStore, Locking, Stored};
use super::{Cache, CacheError, TopicState};
use crate::model::CachedPaper;

/// The schema 1 file.
#[derive(Deserialize)]
struct SingleFile {
    last_fetch: Option<DateTime<Utc>>,
    topics: BTreeMap<String, TopicState>,
    papers: BTreeMap<String, CachedPaper>,
}

/// Upgrades the schema 1 `bytes` read from the store's `papers.json`.
/// When the directory cannot be written (a read-only mount, a shared cache
/// owned by someone else), the old cache is served as it is.
pub(super) fn from_single_file(
    store: &CacheStore,
    bytes: &[u8],
    locking: Locking,
) -> Result<Stored, CacheError> {
    let path = store.path();
    let old = parse(bytes, &path)?;
    let _lock = match locking {
        Locking::Held => None,
        Locking::Take => match store.lock() {
            Ok(lock) => Some(lock),
            Err(_) => return Ok(Stored::Single(old)),
        },
    };
    // Another process may have migrated while we waited for the lock.
    let fresh =
        std::fs::read(&path).map_err(|err| CacheError::io("read the cache", &path, &err))?;
    if fresh != bytes {
        return match super::store::schema_version_of(&fresh) {
            Some(1) => Ok(Stored::Single(parse(&fresh, &path)?)),
            _ => store.read_index(Locking::Held),
        };
    }
    let count = old.papers.len();
    let mut cache = old;
    // Every shard is new: write them all, then the index.
    let written = match store.write(&mut cache, true) {
        Ok(written) => written,
        Err(err) => {
            eprintln!(
                "papers: could not move the cache to the sharded layout, using it as it is: {err}"
            );
            return Ok(Stored::Single(cache));
        }
    };
    eprintln!(
        "papers: moved the cache at {} to the sharded layout (schema 2): {count} papers in {} monthly files",
        path.display(),
        written
    );
    store.read_index(Locking::Held)
}

fn parse(bytes: &[u8], path: &Path) -> Result<Cache, CacheError> {
    let single: SingleFile =
        serde_json::from_slice(bytes).map_err(|err| CacheError::invalid(path, &err))?;
    Ok(Cache {
        last_fetch: single.last_fetch,
        topics: single.topics,
        papers: single.papers,
        shards: BTreeMap::new(),
        loaded: BTreeSet::new(),
        generation: 0,
        dirty: BTreeSet::new(),
        damaged: Vec::new(),
    })
}
