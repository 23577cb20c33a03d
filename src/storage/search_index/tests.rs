//! Segments kept, trusted only when they match their shard, rebuilt
//! otherwise; papers read back by their byte ranges.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::model::Paper;
use crate::storage::cache::layout::{Form, shard_bytes};

/// Words split on spaces, lowercased: the index stores whatever it is
/// given, so a simple splitter tests the storage.
fn words(text: &str, visit: &mut dyn FnMut(&str)) -> usize {
    let mut count = 0;
    for word in text.split_whitespace() {
        count += 1;
        visit(&word.to_lowercase());
    }
    count
}

const WORDS: WordsOf<'static> = &words;

fn held(id: &str, title: &str) -> CachedPaper {
    let paper = Paper::builder(id)
        .title(title)
        .summary("an abstract")
        .authors(["Ada Lovelace", "Grace Hopper"])
        .build();
    let seen = paper.published;
    CachedPaper::new(paper, seen)
}

/// A cache directory holding shard 2024-01 as `file`, in `form`.
fn shard(dir: &Path, file: &str, form: Form, papers: &[CachedPaper]) -> ShardMeta {
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let bytes = shard_bytes(form, "2024-01", &refs).expect("bytes");
    fs::create_dir_all(dir.join(SHARD_DIR)).expect("shard dir");
    fs::write(dir.join(SHARD_DIR).join(file), bytes).expect("write");
    ShardMeta::describe(file.to_owned(), refs)
}

fn papers() -> Vec<CachedPaper> {
    vec![
        held("2401.00001", "First NPU"),
        held("2401.00002", "Second GPU"),
    ]
}

fn segment_file(dir: &Path, stem: &str) -> PathBuf {
    dir.join(SEARCH_DIR).join(format!("{stem}.idx"))
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).expect("segment").ino()
}

#[test]
fn a_segment_is_stored_and_then_reused_as_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let meta = shard(dir.path(), "2024-01.g3.json", Form::Lines, &papers());
    let index = SearchIndex::new(dir.path());
    let built = index
        .segment("2024-01", &meta, WORDS, Vec::new())
        .expect("built");
    assert_eq!(built.unwritten, None);
    let path = segment_file(dir.path(), "2024-01.g3");
    let stored = fs::read(&path).expect("stored");
    assert_eq!(stored, built.segment.bytes());
    #[cfg(unix)]
    let before = inode(&path);
    let again = index
        .segment("2024-01", &meta, WORDS, Vec::new())
        .expect("read");
    assert_eq!(again.segment.bytes(), stored.as_slice());
    #[cfg(unix)]
    assert_eq!(inode(&path), before, "not rewritten");
    assert_eq!(again.segment.paper_count(), 2);
    assert!(again.segment.term("npu").is_some() && again.segment.term("first").is_some());
}

#[test]
fn damaged_or_stale_segments_are_rebuilt() {
    let dir = tempfile::tempdir().expect("temp dir");
    let meta = shard(dir.path(), "2024-01.g3.json", Form::Lines, &papers());
    let index = SearchIndex::new(dir.path());
    let good = index
        .segment("2024-01", &meta, WORDS, Vec::new())
        .expect("built")
        .segment
        .into_bytes();
    let path = segment_file(dir.path(), "2024-01.g3");
    for damage in [
        b"garbage".to_vec(),
        good[..good.len() / 2].to_vec(),
        Vec::new(),
    ] {
        fs::write(&path, &damage).expect("damage");
        let opened = index
            .segment("2024-01", &meta, WORDS, Vec::new())
            .expect("rebuilt");
        assert_eq!(opened.segment.bytes(), good.as_slice());
        assert_eq!(fs::read(&path).expect("stored"), good, "written back");
    }
    // The shard grew under the same name (never done by papers, but a
    // hand edit can): the segment no longer describes it.
    let mut more = papers();
    more.push(held("2401.00003", "Third TPU"));
    let meta = shard(dir.path(), "2024-01.g3.json", Form::Lines, &more);
    let opened = index
        .segment("2024-01", &meta, WORDS, Vec::new())
        .expect("rebuilt");
    assert_eq!(opened.segment.paper_count(), 3);
}

#[test]
fn papers_are_read_back_by_their_byte_ranges_in_both_shard_forms() {
    for form in [Form::Compact, Form::Lines] {
        let dir = tempfile::tempdir().expect("temp dir");
        let meta = shard(dir.path(), "2024-01.g1.json", form, &papers());
        let index = SearchIndex::new(dir.path());
        let segment = index
            .segment("2024-01", &meta, WORDS, Vec::new())
            .expect("built")
            .segment;
        let records: Vec<Record<'_>> = segment
            .records()
            .collect::<Result<_, _>>()
            .expect("records");
        let wanted: Vec<(&str, Range<u64>)> = records
            .iter()
            .rev()
            .map(|r| (r.id, r.json.clone()))
            .collect();
        let read = index.read_papers(&meta, &wanted).expect("read");
        let mut expected = papers();
        expected.reverse();
        assert_eq!(read, expected, "{form:?}");
        let wrong = [(records[0].id, records[1].json.clone())];
        assert!(
            index.read_papers(&meta, &wrong).is_err(),
            "the id is checked"
        );
    }
}

#[test]
fn shards_the_cache_reader_would_refuse_are_not_indexed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stray = vec![held("2402.00001", "Filed in the wrong month")];
    let meta = shard(dir.path(), "2024-01.g1.json", Form::Lines, &stray);
    let index = SearchIndex::new(dir.path());
    assert!(index.segment("2024-01", &meta, WORDS, Vec::new()).is_err());
    fs::write(
        dir.path().join(SHARD_DIR).join(&meta.file),
        b"{\"schema_version\":99,\"shard\":\"2024-01\",\"papers\":[]}",
    )
    .expect("newer");
    assert!(index.segment("2024-01", &meta, WORDS, Vec::new()).is_err());
    fs::remove_file(dir.path().join(SHARD_DIR).join(&meta.file)).expect("remove");
    assert!(index.segment("2024-01", &meta, WORDS, Vec::new()).is_err());
}

#[test]
fn an_unwritable_index_still_gives_the_segment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let meta = shard(dir.path(), "2024-01.g1.json", Form::Lines, &papers());
    // A file where the directory should be: no write can succeed, even as root.
    fs::write(dir.path().join(SEARCH_DIR), "in the way").expect("block");
    let opened = SearchIndex::new(dir.path())
        .segment("2024-01", &meta, WORDS, Vec::new())
        .expect("built in memory");
    assert!(
        opened
            .unwritten
            .is_some_and(|why| why.contains("cannot write"))
    );
    assert_eq!(opened.segment.paper_count(), 2);
}

#[test]
fn the_sweep_removes_segments_of_shards_the_index_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = shard(dir.path(), "2024-01.g1.json", Form::Lines, &papers());
    let new = shard(dir.path(), "2024-01.g2.json", Form::Lines, &papers());
    let index = SearchIndex::new(dir.path());
    for meta in [&old, &new] {
        index
            .segment("2024-01", meta, WORDS, Vec::new())
            .expect("built");
    }
    let search = dir.path().join(SEARCH_DIR);
    fs::write(
        search.join(".2024-01.g2.idx.Ab12Cd.tmp"),
        "a writer at work",
    )
    .expect("temp");
    fs::write(search.join("notes.txt"), "not ours").expect("other");
    index.sweep(&BTreeMap::from([("2024-01".to_owned(), new)]));
    let mut left: Vec<String> = fs::read_dir(&search)
        .expect("list")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [".2024-01.g2.idx.Ab12Cd.tmp", "2024-01.g2.idx", "notes.txt"]
    );
}
