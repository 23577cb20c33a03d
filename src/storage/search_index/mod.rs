//! The search index, `search/` beside the shards: one segment per shard
//! file (`shards/2024-03.g7.json` → `search/2024-03.g7.idx`) holding what
//! `papers search` reads of each paper ([`format`]), so a search reads a
//! few megabytes instead of parsing every shard.
//!
//! It is derived data, never the record of truth: a segment is used only
//! when it names the shard file the index names, at that file's length
//! (shard files are never rewritten in place, so a changed shard has a new
//! name); anything else (missing, stale, damaged, another format version)
//! is rebuilt from the shard, used, and written back atomically if the
//! directory allows. Deleting `search/` is harmless.

mod build;
pub(crate) mod format;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use build::WordsOf;
pub use format::{Corrupt, Record, Segment};

use crate::model::CachedPaper;
use crate::storage::atomic;
use crate::storage::cache::{SHARD_DIR, ShardMeta};

/// The index's directory inside the cache directory.
pub const SEARCH_DIR: &str = "search";
/// A segment's file name is its shard's file stem and this.
const SEGMENT_SUFFIX: &str = ".idx";
/// A temporary file older than this was left by a killed writer; a younger
/// one may be another search writing its segment right now.
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Where the index lives, and the only code that reads or writes it.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    cache_dir: PathBuf,
}

/// A shard's segment, and why it could not be stored when it was built
/// but not written.
pub struct Opened {
    pub segment: Segment,
    pub unwritten: Option<String>,
}

/// The shard itself could not be read as the cache reader reads it (or
/// changed while it was read): the search falls back on that reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl SearchIndex {
    /// The index of the cache in `cache_dir`.
    pub fn new(cache_dir: &Path) -> Self {
        SearchIndex {
            cache_dir: cache_dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> PathBuf {
        self.cache_dir.join(SEARCH_DIR)
    }

    fn segment_path(&self, meta: &ShardMeta) -> PathBuf {
        let stem = meta.file.strip_suffix(".json").unwrap_or(&meta.file);
        self.dir().join(format!("{stem}{SEGMENT_SUFFIX}"))
    }

    fn shard_path(&self, meta: &ShardMeta) -> PathBuf {
        self.cache_dir.join(SHARD_DIR).join(&meta.file)
    }

    /// The segment of shard `key` (summarised by `meta`): the stored one
    /// when it was built from that very file, else a new one. `buffer` is
    /// what the stored one is read into (see [`Segment::into_bytes`]).
    pub fn segment(
        &self,
        key: &str,
        meta: &ShardMeta,
        words: WordsOf<'_>,
        mut buffer: Vec<u8>,
    ) -> Result<Opened, Unavailable> {
        let shard_path = self.shard_path(meta);
        let shard_len = fs::metadata(&shard_path)
            .map_err(|err| unavailable(&shard_path, &err))?
            .len();
        buffer.clear();
        let read = File::open(self.segment_path(meta))
            .and_then(|mut file| file.read_to_end(&mut buffer))
            .is_ok();
        if read
            && let Ok(segment) = Segment::decode(buffer)
            && segment.shard_file() == meta.file
            && segment.shard_len() == shard_len
        {
            return Ok(Opened {
                segment,
                unwritten: None,
            });
        }
        self.rebuild(key, meta, words)
    }

    /// A new segment of shard `key` from its file, stored if possible.
    pub fn rebuild(
        &self,
        key: &str,
        meta: &ShardMeta,
        words: WordsOf<'_>,
    ) -> Result<Opened, Unavailable> {
        let shard_path = self.shard_path(meta);
        let bytes = fs::read(&shard_path).map_err(|err| unavailable(&shard_path, &err))?;
        let segment = build::build(&meta.file, key, &bytes, words)
            .map_err(|why| Unavailable(format!("{}: {why}", shard_path.display())))?;
        let unwritten = self.store(meta, &segment).err();
        Ok(Opened { segment, unwritten })
    }

    fn store(&self, meta: &ShardMeta, segment: &Segment) -> Result<(), String> {
        let path = self.segment_path(meta);
        atomic::replace_file(&path, |out| out.write_all(segment.bytes()))
            .map_err(|err| format!("cannot write {}: {err}", path.display()))
    }

    /// Deletes the segments of shards the index no longer names, and the
    /// temporary files killed writers left. Failing to is harmless.
    pub fn sweep(&self, shards: &BTreeMap<String, ShardMeta>) {
        let live: BTreeSet<PathBuf> = shards.values().map(|m| self.segment_path(m)).collect();
        let Ok(entries) = fs::read_dir(self.dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let path = entry.path();
            let stale = name.ends_with(SEGMENT_SUFFIX) && !live.contains(&path);
            let abandoned = name.ends_with(".tmp")
                && entry
                    .metadata()
                    .and_then(|meta| meta.modified())
                    .ok()
                    .and_then(|modified| modified.elapsed().ok())
                    .is_some_and(|age| age > ABANDONED_AFTER);
            if stale || abandoned {
                let _ = fs::remove_file(path);
            }
        }
    }

    /// The papers `wanted` names (an id and its JSON object's byte range in
    /// the file of shard `meta`), parsed as the cache reader parses them.
    pub fn read_papers(
        &self,
        meta: &ShardMeta,
        wanted: &[(&str, Range<u64>)],
    ) -> Result<Vec<CachedPaper>, Unavailable> {
        let path = self.shard_path(meta);
        let mut file = File::open(&path).map_err(|err| unavailable(&path, &err))?;
        let mut buffer = Vec::new();
        wanted
            .iter()
            .map(|(id, range)| {
                buffer.clear();
                file.seek(SeekFrom::Start(range.start))
                    .and_then(|_| {
                        (&mut file)
                            .take(range.end.saturating_sub(range.start))
                            .read_to_end(&mut buffer)
                    })
                    .map_err(|err| unavailable(&path, &err))?;
                match serde_json::from_slice::<CachedPaper>(&buffer) {
                    Ok(paper) if paper.paper.id == *id => Ok(paper),
                    _ => Err(Unavailable(format!(
                        "{} no longer holds {id} where its segment says",
                        path.display()
                    ))),
                }
            })
            .collect()
    }
}

#[cfg(test)]
impl SearchIndex {
    /// Stores, as shard `meta`'s segment, one whose header and checksum
    /// hold but whose record names a label that does not exist: damage
    /// only reading the records finds.
    pub(crate) fn plant_inconsistent_segment(&self, meta: &ShardMeta) {
        let shard_len = fs::metadata(self.shard_path(meta)).map_or(0, |m| m.len());
        let writer = format::Writer::new(&meta.file, shard_len, 1, &[], &[]).expect("writer");
        let time = chrono::DateTime::UNIX_EPOCH;
        let bytes = writer.finish(&[format::RecordInput {
            id: "2401.99999",
            json: 0..1,
            published: time,
            first_seen: time,
            topics: vec![99],
            categories: Vec::new(),
            lengths: [0; format::FIELDS],
            streams: [&[], &[], &[], &[]],
        }]);
        assert!(Segment::decode(bytes.clone()).is_ok(), "the header holds");
        fs::create_dir_all(self.dir()).expect("search dir");
        fs::write(self.segment_path(meta), bytes).expect("plant");
    }
}

fn unavailable(path: &Path, err: &io::Error) -> Unavailable {
    Unavailable(format!("cannot read {}: {err}", path.display()))
}

#[cfg(test)]
mod tests;
