//! Reading the chosen shards one at a time, for listings as large as the
//! whole cache: only a shard or two of papers is in memory at once.
//!
//! Every chosen shard file is opened before the first is read. An open file
//! outlives its unlinking, so a writer committing meanwhile (and deleting
//! what it superseded) cannot take a shard away half-way through a listing:
//! the reader goes on over the snapshot it opened.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::layout::{SCHEMA_VERSION, ShardMeta};
use super::store::{
    Locking, READ_ATTEMPTS, Stored, cache_from, keys_where, parse_shard, schema_version_of,
};
use super::{Cache, CacheError, CacheStore, ShardDamage};
use crate::model::CachedPaper;

/// The index and the chosen shards, opened and not read yet.
pub struct OpenShards {
    /// The index alone (no papers), with any shard that could not be
    /// opened listed in [`Cache::damage`].
    pub index: Cache,
    shards: Vec<OpenShard>,
}

struct OpenShard {
    key: String,
    meta: ShardMeta,
    path: PathBuf,
    file: File,
}

impl CacheStore {
    /// Opens the shards `wanted` accepts; None for a schema 1 cache served
    /// as it is (a read-only directory), which has no shards to stream.
    pub fn open_where(
        &self,
        wanted: impl Fn(&str, &ShardMeta) -> bool,
    ) -> Result<Option<OpenShards>, CacheError> {
        let mut attempt = 1;
        loop {
            let index = match self.read_index(Locking::Take)? {
                Stored::Nothing => {
                    return Ok(Some(OpenShards {
                        index: Cache::default(),
                        shards: Vec::new(),
                    }));
                }
                Stored::Single(_) => return Ok(None),
                Stored::Index(index) => index,
            };
            let mut shards = Vec::new();
            let mut damaged = Vec::new();
            let mut vanished = false;
            for key in keys_where(&index.shards, &wanted) {
                let meta = index.shards[&key].clone();
                let path = self.shard_dir().join(&meta.file);
                match File::open(&path) {
                    Ok(mut file) => {
                        refuse_newer_schema(&mut file, &path)?;
                        shards.push(OpenShard {
                            key,
                            meta,
                            path,
                            file,
                        });
                    }
                    Err(err) => {
                        vanished |= err.kind() == io::ErrorKind::NotFound;
                        let reason = if err.kind() == io::ErrorKind::NotFound {
                            "missing".to_owned()
                        } else {
                            CacheError::io("read the cache shard", &path, &err).to_string()
                        };
                        damaged.push(ShardDamage {
                            key,
                            file: meta.file,
                            reason,
                        });
                    }
                }
            }
            // A writer committed between the index and the files: the
            // newer index names files that are there.
            if vanished && attempt < READ_ATTEMPTS {
                attempt += 1;
                continue;
            }
            let mut cache = cache_from(index, &[], Vec::new());
            for damage in &damaged {
                cache.shards.remove(&damage.key);
            }
            cache.damaged = damaged;
            return Ok(Some(OpenShards {
                index: cache,
                shards,
            }));
        }
    }
}

/// Refuses a shard a newer papers wrote before anything is listed, as a
/// whole read would, rather than half-way through the listing. The version
/// comes first in every file papers writes, so the head is read; a head
/// that does not tell is left to the full read.
fn refuse_newer_schema(file: &mut File, path: &Path) -> Result<(), CacheError> {
    let mut head = [0u8; 32];
    // One that cannot be read is damage, which the full read reports.
    let Ok(read) = file
        .read(&mut head)
        .and_then(|read| file.seek(SeekFrom::Start(0)).map(|_| read))
    else {
        return Ok(());
    };
    match schema_version_of(&head[..read]) {
        Some(version) if version > SCHEMA_VERSION => Err(CacheError::newer_schema(path, version)),
        _ => Ok(()),
    }
}

impl OpenShards {
    /// The opened shards' keys and summaries, in key order; `read` takes
    /// the same positions.
    pub fn summaries(&self) -> impl Iterator<Item = (&str, &ShardMeta)> {
        self.shards
            .iter()
            .map(|shard| (shard.key.as_str(), &shard.meta))
    }

    /// The papers of the shard at `position` (none past the last), read
    /// into `buffer` (reused across calls: fresh memory costs page faults).
    /// Asked again, it reads the same file from its start: the same papers.
    /// A shard that cannot be read is damage to report, not a reason to stop
    /// the listing; one of a newer schema is an error, as for every read.
    /// Different shards may be read on different threads at once.
    pub fn read(
        &self,
        position: usize,
        buffer: &mut Vec<u8>,
    ) -> Result<Result<Vec<CachedPaper>, ShardDamage>, CacheError> {
        let Some(shard) = self.shards.get(position) else {
            return Ok(Ok(Vec::new()));
        };
        buffer.clear();
        let mut file = &shard.file;
        let read = match file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.read_to_end(buffer))
        {
            Ok(_) => parse_shard(&shard.path, &shard.key, buffer),
            Err(err) => {
                let mut err = CacheError::io("read the cache shard", &shard.path, &err);
                err.damaged = true;
                Err(err)
            }
        };
        match read {
            Ok(papers) => Ok(Ok(papers)),
            Err(err) if err.damaged => Ok(Err(ShardDamage {
                key: shard.key.clone(),
                file: shard.meta.file.clone(),
                reason: err.to_string(),
            })),
            Err(err) => Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paper;

    fn store_with(ids: &[&str]) -> (tempfile::TempDir, CacheStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path().join("cache"));
        let now = chrono::Utc::now();
        store
            .update(|cache| {
                let papers = ids.iter().map(|id| Paper::builder(*id).build()).collect();
                cache.merge("npu", papers, now);
            })
            .expect("stored");
        (dir, store)
    }

    /// What a writer's sweep deletes after the shards are opened stays
    /// readable: the listing goes on over the snapshot it opened.
    #[test]
    fn opened_shards_survive_their_files_being_deleted() {
        let (_dir, store) = store_with(&["2610.00001", "2611.00001", "2611.00002"]);
        let open = store
            .open_where(|_, _| true)
            .expect("opens")
            .expect("schema 2");
        let keys: Vec<String> = open.summaries().map(|(key, _)| key.to_owned()).collect();
        assert_eq!(keys, ["2026-10", "2026-11"]);
        for entry in std::fs::read_dir(store.shard_dir()).expect("shards") {
            std::fs::remove_file(entry.expect("entry").path()).expect("deleted");
        }
        let mut buffer = Vec::new();
        let newer = open
            .read(1, &mut buffer)
            .expect("no error")
            .expect("no damage");
        let ids: Vec<&str> = newer.iter().map(|p| p.paper.id.as_str()).collect();
        assert_eq!(ids, ["2611.00001", "2611.00002"]);
        let again = open
            .read(1, &mut buffer)
            .expect("no error")
            .expect("no damage");
        assert_eq!(again, newer, "read again, from the start");
        assert_eq!(open.read(0, &mut buffer).expect("ok").expect("ok").len(), 1);
        assert!(
            open.read(2, &mut buffer)
                .expect("ok")
                .expect("ok")
                .is_empty()
        );
    }

    /// A shard that does not parse is damage named by key and file; the
    /// others still read.
    #[test]
    fn a_corrupt_shard_is_reported_and_the_rest_read() {
        let (_dir, store) = store_with(&["2610.00001", "2611.00001"]);
        let open = store
            .open_where(|_, _| true)
            .expect("opens")
            .expect("schema 2");
        let file = open.index.shards()["2026-10"].file.clone();
        std::fs::write(store.shard_dir().join(&file), "{ not json").expect("corrupt");
        // Damaged in place, so the open handle reads the damage.
        let mut buffer = Vec::new();
        let damage = open
            .read(0, &mut buffer)
            .expect("no error")
            .expect_err("damaged");
        assert_eq!(
            (damage.key.as_str(), damage.file.as_str()),
            ("2026-10", file.as_str())
        );
        assert_eq!(open.read(1, &mut buffer).expect("ok").expect("ok").len(), 1);
    }
}
