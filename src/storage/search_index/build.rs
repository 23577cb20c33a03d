//! Building one shard's segment from the shard file's bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde_json::value::RawValue;

use super::format::{AUTHOR_BOUNDARY, FIELDS, RecordInput, Segment, Writer};
use crate::model::CachedPaper;
use crate::storage::cache::layout::{SCHEMA_VERSION, ShardFile};
use crate::storage::cache::shard_key;

/// How the caller splits a text into lowercased words: it calls the visitor
/// with each and returns how many there were. The search decides what a
/// word is; the index only stores what it is given.
pub type WordsOf<'w> = &'w (dyn Fn(&str, &mut dyn FnMut(&str)) -> usize + Sync);

/// The segment of shard `key`, stored as `shard_file` with these `bytes`.
/// Fails (saying why, in a few words) on anything the cache reader would
/// not accept either, leaving the reader to report it.
pub fn build(
    shard_file: &str,
    key: &str,
    bytes: &[u8],
    words: WordsOf<'_>,
) -> Result<Segment, String> {
    let shard: ShardFile<&RawValue> =
        serde_json::from_slice(bytes).map_err(|err| format!("not a shard file: {err}"))?;
    if shard.schema_version > SCHEMA_VERSION {
        return Err(format!("schema version {}", shard.schema_version));
    }
    let mut papers = Vec::with_capacity(shard.papers.len());
    for raw in &shard.papers {
        let paper: CachedPaper =
            serde_json::from_str(raw.get()).map_err(|err| format!("a paper: {err}"))?;
        if shard_key(&paper.paper.id) != key {
            return Err(format!("{} does not belong in {key}", paper.paper.id));
        }
        // The raw text is a slice of `bytes`: its offset is its place there.
        let start = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
        papers.push((paper, start..start + raw.get().len()));
    }
    keep_last_of_each_id(&mut papers);

    let mut terms = Terms::default();
    let mut labels = Labels::default();
    let mut streams: Vec<[Vec<u32>; FIELDS]> = Vec::with_capacity(papers.len());
    let mut lengths: Vec<[u32; FIELDS]> = Vec::with_capacity(papers.len());
    let mut label_lists = Vec::with_capacity(papers.len());
    for (held, _) in &papers {
        let paper = &held.paper;
        let mut fields: [Vec<u32>; FIELDS] = Default::default();
        let mut counts = [0usize; FIELDS];
        let [title, summary, authors, comment] = &mut fields;
        counts[0] = terms.add(words, &paper.title, title);
        counts[1] = terms.add(words, &paper.summary, summary);
        for (i, author) in paper.authors.iter().enumerate() {
            if i > 0 {
                authors.push(AUTHOR_BOUNDARY);
            }
            counts[2] += terms.add(words, &author.name, authors);
        }
        if let Some(text) = &paper.comment {
            counts[3] = terms.add(words, text, comment);
        }
        streams.push(fields);
        lengths.push(counts.map(|count| u32::try_from(count).unwrap_or(u32::MAX)));
        label_lists.push((
            held.topics.iter().map(|t| labels.id(t)).collect::<Vec<_>>(),
            paper
                .categories
                .iter()
                .map(|c| labels.id(c))
                .collect::<Vec<_>>(),
        ));
    }

    let (texts, renumber) = terms.by_frequency();
    for fields in &mut streams {
        for stream in fields.iter_mut() {
            for term in stream.iter_mut() {
                *term = renumber[*term as usize];
            }
        }
    }
    let records: Vec<RecordInput<'_>> = papers
        .iter()
        .zip(&streams)
        .zip(&lengths)
        .zip(label_lists)
        .map(
            |((((held, json), fields), lengths), (topics, categories))| RecordInput {
                id: &held.paper.id,
                json: json.clone(),
                published: held.paper.published,
                first_seen: held.first_seen,
                topics,
                categories,
                lengths: *lengths,
                streams: [&fields[0], &fields[1], &fields[2], &fields[3]],
            },
        )
        .collect();
    let writer = Writer::new(
        shard_file,
        bytes.len() as u64,
        records.len(),
        &labels.names.iter().map(String::as_str).collect::<Vec<_>>(),
        &texts,
    )
    .map_err(|err| format!("too large for a segment: {}", err.0))?;
    Segment::decode(writer.finish(&records)).map_err(|err| format!("written badly: {}", err.0))
}

/// Two copies of one id in a shard (only a hand-edited file has them): the
/// later wins, as it does when the cache reader files them by id.
fn keep_last_of_each_id(papers: &mut Vec<(CachedPaper, std::ops::Range<usize>)>) {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(papers.len());
    for (i, (held, _)) in papers.iter().enumerate() {
        last.insert(&held.paper.id, i);
    }
    if last.len() == papers.len() {
        return;
    }
    let keep: Vec<bool> = papers
        .iter()
        .enumerate()
        .map(|(i, (held, _))| last.get(held.paper.id.as_str()) == Some(&i))
        .collect();
    let mut flags = keep.into_iter();
    papers.retain(|_| flags.next().unwrap_or(false));
}

/// The words seen so far, numbered in order of first sight from 1 (0 is
/// the author boundary), with how often each occurred.
#[derive(Default)]
struct Terms {
    ids: HashMap<String, u32, BuildHasherDefault<WordHasher>>,
    texts: Vec<String>,
    counts: Vec<u64>,
}

impl Terms {
    /// Appends the ids of `text`'s words to `stream`; how many there were.
    fn add(&mut self, words: WordsOf<'_>, text: &str, stream: &mut Vec<u32>) -> usize {
        words(text, &mut |word| stream.push(self.id(word)))
    }

    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            self.counts[id as usize - 1] += 1;
            return id;
        }
        self.texts.push(word.to_owned());
        self.counts.push(1);
        let id = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.ids.insert(word.to_owned(), id);
        id
    }

    /// The texts by final id (most frequent first, ties in byte order, so
    /// the same shard always gives the same bytes) and, indexed by the
    /// first-sight id, the final id.
    fn by_frequency(&self) -> (Vec<&str>, Vec<u32>) {
        let mut order: Vec<usize> = (0..self.texts.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            self.counts[b]
                .cmp(&self.counts[a])
                .then_with(|| self.texts[a].cmp(&self.texts[b]))
        });
        let mut renumber = vec![AUTHOR_BOUNDARY; self.texts.len() + 1];
        for (rank, &i) in order.iter().enumerate() {
            renumber[i + 1] = u32::try_from(rank + 1).unwrap_or(u32::MAX);
        }
        let texts = order.iter().map(|&i| self.texts[i].as_str()).collect();
        (texts, renumber)
    }
}

/// Topic and category names, numbered in order of first sight from 0.
#[derive(Default)]
struct Labels {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Labels {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }
}

/// The multiply-rotate hash rustc uses (FxHash): every word of every paper
/// is looked up once per build, and SipHash's resistance to chosen keys
/// buys nothing against a shard papers wrote itself.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut add = |word: u64| self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            add(u64::from_le_bytes(eight));
        }
        let mut rest = [0u8; 8];
        rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        add(u64::from_le_bytes(rest));
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    /// Mixed once more (splitmix64's finaliser): the product's low bits,
    /// which pick the bucket, depend only on the input's low bits.
    fn finish(&self) -> u64 {
        let mut mixed = self.0;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        mixed ^ (mixed >> 31)
    }
}
