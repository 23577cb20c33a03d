//! Turning a paper into terms and terms into a hashed tf-idf vector.
//!
//! A term is a word stem, a pair of neighbouring stems ("speculative
//! decoding") or an author (`au:song han`), all lowercase. Each term is
//! hashed (eight bytes per step, then mixed) into one of [`BUCKETS`] buckets, so
//! no vocabulary is kept: featurising 100,000 papers allocates per paper
//! only its list of buckets. The terms behind a bucket are recovered, for
//! one paper at a time, by walking its text again ([`surfaces`]).
//!
//! Words are runs of letters and digits, like the relevance score's. Stop
//! words, one-letter words and bare numbers are dropped; pairs do not
//! cross sentence punctuation (`.`, `,`, `;`, `(`, …), so the last word of
//! one clause and the first of the next never make a pair. A stop word
//! joined by a hyphen (`on-device`) is kept: there it is part of a term.

use std::ops::Range;

/// log2 of the number of buckets: 2^20 keeps collisions between the
/// roughly million distinct pairs of a 100,000-paper cache rare, while the
/// per-bucket tables (idf, weights) stay at 4 MB each.
pub const BUCKET_BITS: u32 = 20;
pub const BUCKETS: usize = 1 << BUCKET_BITS;
const BUCKET_MASK: u32 = (1 << BUCKET_BITS) - 1;

/// A title word counts as this many abstract words: a title says what a
/// paper is about in a dozen words, an abstract in two hundred.
pub const TITLE_WEIGHT: u32 = 2;

/// Term counts above this are stored as this (12 bits next to the bucket).
pub const MAX_COUNT: u32 = (1 << (32 - BUCKET_BITS)) - 1;

/// What the model reads of a paper. Implemented for [`DocText`] and for
/// references, so a caller can pass `&[&Paper]` once it implements it for
/// its own paper type (three one-line methods).
pub trait Document {
    fn title(&self) -> &str;
    fn summary(&self) -> &str;
    /// Each author's full name, in order.
    fn authors(&self) -> impl Iterator<Item = &str>;
}

/// A paper's text, borrowed: the simplest [`Document`].
#[derive(Debug, Clone, Copy)]
pub struct DocText<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub authors: &'a [&'a str],
}

impl Document for DocText<'_> {
    fn title(&self) -> &str {
        self.title
    }
    fn summary(&self) -> &str {
        self.summary
    }
    fn authors(&self) -> impl Iterator<Item = &str> {
        self.authors.iter().copied()
    }
}

impl<T: Document> Document for &T {
    fn title(&self) -> &str {
        (**self).title()
    }
    fn summary(&self) -> &str {
        (**self).summary()
    }
    fn authors(&self) -> impl Iterator<Item = &str> {
        (**self).authors()
    }
}

const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
const WORD_SEED: u64 = 0x243f_6a88_85a3_08d3;
const AUTHOR_SEED: u64 = 0x1319_8a2e_0370_7344;

/// A fast hash of a short byte string, eight bytes per multiply (a
/// word is usually one or two steps); [`bucket_of`] mixes it afterwards.
fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut state = seed ^ (bytes.len() as u64).wrapping_mul(MULTIPLIER);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        state = mix_chunk(state, packed(chunk));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        state = mix_chunk(state, packed(rest));
    }
    state
}

fn mix_chunk(state: u64, chunk: u64) -> u64 {
    (state ^ chunk).wrapping_mul(MULTIPLIER).rotate_left(29)
}

/// The hash of two words in this order, from theirs: no need to hash the
/// bytes again.
fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(23) ^ second).wrapping_mul(MULTIPLIER) ^ 0x5bd1_e995
}

/// Spreads every bit of a hash over the bucket bits (the SplitMix64
/// finaliser).
fn bucket_of(state: u64) -> u32 {
    let mut z = state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) as u32 & BUCKET_MASK
}

/// The bucket of a term written canonically: a stem (`decod`), two stems
/// with one space (`speculativ decoding`), or `au:` and a lowercase name
/// (`au:song han`). For tests, which name terms by their text.
#[cfg(test)]
pub fn term_bucket(canonical: &str) -> u32 {
    if let Some(name) = canonical.strip_prefix("au:") {
        return bucket_of(hash_bytes(AUTHOR_SEED, name.as_bytes()));
    }
    match canonical.split_once(' ') {
        Some((first, second)) => bucket_of(pair_hash(
            hash_bytes(WORD_SEED, first.as_bytes()),
            hash_bytes(WORD_SEED, second.as_bytes()),
        )),
        None => bucket_of(hash_bytes(WORD_SEED, canonical.as_bytes())),
    }
}

/// Words that say nothing about a topic. Kept short: the idf already
/// discounts common words, this list only stops them forming pairs
/// ("of the") that would crowd out real phrases. All at most 8 bytes, so
/// each is one `u64` ([`packed`]) and the check is a binary search.
const STOP_WORDS: [&str; 62] = [
    "a", "an", "and", "are", "as", "at", "be", "been", "both", "but", "by", "can", "do", "does",
    "for", "from", "has", "have", "how", "in", "into", "is", "it", "its", "not", "of", "on", "or",
    "our", "over", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "this", "those", "thus", "to", "under", "up", "us", "via", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "will", "with", "within", "without", "would", "you",
];

/// Up to 8 bytes as one little-endian `u64`, zero-padded.
const fn packed(bytes: &[u8]) -> u64 {
    let mut value = 0u64;
    let mut i = 0;
    while i < bytes.len() && i < 8 {
        value |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    value
}

/// The stop words in an open-addressing table (linear probing, 0 =
/// free) built at compile time: one multiply and usually one compare per
/// word, where a binary search took six unpredictable branches.
const STOP_SLOTS: usize = 256;

const fn stop_slot(word: u64) -> usize {
    (word.wrapping_mul(MULTIPLIER) >> 56) as usize
}

const STOP_TABLE: [u64; STOP_SLOTS] = {
    let mut table = [0u64; STOP_SLOTS];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let word = packed(STOP_WORDS[i].as_bytes());
        let mut slot = stop_slot(word);
        while table[slot] != 0 {
            slot = (slot + 1) % STOP_SLOTS;
        }
        table[slot] = word;
        i += 1;
    }
    table
};

/// Whether a lowercase word of at most 8 bytes, [`packed`], is a stop word.
fn is_stop_word(word: u64) -> bool {
    let mut slot = stop_slot(word);
    loop {
        match STOP_TABLE[slot] {
            0 => return false,
            entry if entry == word => return true,
            _ => slot = (slot + 1) % STOP_SLOTS,
        }
    }
}

const LOWER: u64 = 0x2020_2020_2020_2020;

/// 0x20 in each of the low `len` (1 to 8) bytes: OR-ed into packed ASCII
/// letters and digits, it lowercases the letters and leaves the digits.
fn lower_mask(len: usize) -> u64 {
    LOWER >> (64 - 8 * len.clamp(1, 8))
}

/// Where a word's stem ends: the first `keep` bytes, plus a `y` when an
/// `-ies` plural was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stem {
    keep: usize,
    add_y: bool,
}

/// Strips English inflection from an ASCII word (any case), so
/// `LLMs`/`LLM`, `accelerators`/`accelerator`, `caches`/`cache` and
/// `batches`/`batch` meet. Plurals first (S-stemmer rules, plus `-ches`,
/// `-shes`, `-xes`, `-sses`), then one final `e`, which is what lets
/// `cache` and `caches` (→ `cach`) agree with `batch` and `batches`.
/// Deliberately no `-ing`/`-ed`/`-ation`: those change meaning often
/// enough in titles ("learning", "embedded") to hurt more than help.
fn stem_of(word: &[u8]) -> Stem {
    let len = word.len();
    // Every rule needs four letters or more.
    if len < 4 {
        return Stem {
            keep: len,
            add_y: false,
        };
    }
    // The last four bytes, lowercased, as one number: suffix tests are
    // then shifts and compares.
    let tail = packed(&word[len - 4..]) as u32 | 0x2020_2020;
    let ends = |suffix: &[u8]| tail >> (8 * (4 - suffix.len())) == packed(suffix) as u32;
    let (mut keep, add_y) = if len > 4 && ends(b"sses") {
        (len - 2, false)
    } else if len > 4 && ends(b"ies") && !ends(b"eies") && !ends(b"aies") {
        (len - 3, true)
    } else if len > 4 && (ends(b"ches") || ends(b"shes")) || ends(b"xes") {
        (len - 2, false)
    } else if ends(b"s") && !keeps_final_s(len, ends(b"ss"), ends(b"is"), ends(b"us")) {
        (len - 1, false)
    } else {
        (len, false)
    };
    if !add_y && keep > 3 && word[keep - 1] | 0x20 == b'e' {
        keep -= 1;
    }
    Stem { keep, add_y }
}

/// A final `s` that is no plural: `class`, `analysis`, and `-us` words
/// (`corpus`, `status`) except four-letter acronyms (`GPUs`, `NPUs`).
fn keeps_final_s(len: usize, ss: bool, is: bool, us: bool) -> bool {
    ss || is || (us && len > 4)
}

/// [`stem_of`] applied to a lowercase word in place.
#[cfg(test)]
pub fn stem(word: &mut Vec<u8>) {
    let Stem { keep, add_y } = stem_of(word);
    word.truncate(keep);
    if add_y {
        word.push(b'y');
    }
}

/// The hash of an ASCII word of letters and digits, lowercased and
/// stemmed, without copying it (OR-ing 0x20 into every byte lowercases
/// letters and leaves digits alone), or None for a stop word not bound
/// by a hyphen. Hashes exactly as [`hash_bytes`] of the normalised word.
fn ascii_word_hash(word: &[u8], hyphenated: bool, scratch: &mut Vec<u8>) -> Option<u64> {
    if !hyphenated && word.len() <= 8 && is_stop_word(packed(word) | lower_mask(word.len())) {
        return None;
    }
    let Stem { keep, add_y } = stem_of(word);
    if add_y {
        scratch.clear();
        scratch.extend_from_slice(&word[..keep]);
        scratch.make_ascii_lowercase();
        scratch.push(b'y');
        return Some(hash_bytes(WORD_SEED, scratch));
    }
    let stem = &word[..keep];
    let mut state = WORD_SEED ^ (stem.len() as u64).wrapping_mul(MULTIPLIER);
    let mut chunks = stem.chunks_exact(8);
    for chunk in &mut chunks {
        state = mix_chunk(state, packed(chunk) | LOWER);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        state = mix_chunk(state, packed(rest) | lower_mask(rest.len()));
    }
    Some(state)
}

/// How the scanner treats an ASCII byte; bytes above 0x7F start a
/// multi-byte char that must be decoded to be classified.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    /// Ends a clause: no pair of words is formed across it.
    Break,
    Hyphen,
    Letter,
    Digit,
    NonAscii,
}

const CLASSES: [Class; 256] = {
    let mut classes = [Class::NonAscii; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        classes[byte] = if b.is_ascii_digit() {
            Class::Digit
        } else if b.is_ascii_alphabetic() {
            Class::Letter
        } else if b == b'-' {
            Class::Hyphen
        } else if matches!(
            b,
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
        ) {
            Class::Break
        } else {
            Class::Space
        };
        byte += 1;
    }
    classes
};

/// One word of a text as the featuriser sees it.
struct RawWord {
    range: Range<usize>,
    /// A clause break lies between it and the previous word.
    break_before: bool,
    /// Joined to a neighbour by a hyphen.
    hyphenated: bool,
    ascii: bool,
    digits_only: bool,
}

/// Walks `text` word by word (runs of alphanumeric chars), one table
/// look-up per ASCII byte.
struct RawWords<'a> {
    text: &'a str,
    at: usize,
}

impl RawWords<'_> {
    /// The char at byte `at` if it is a letter or digit, with its length.
    fn alphanumeric_at(&self, at: usize) -> Result<usize, usize> {
        match self.text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_alphanumeric() => Ok(c.len_utf8()),
            Some(c) => Err(c.len_utf8()),
            None => Err(1),
        }
    }
}

impl Iterator for RawWords<'_> {
    type Item = RawWord;

    fn next(&mut self) -> Option<RawWord> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        let mut break_before = false;
        let mut hyphen_before = false;
        let start = loop {
            let &byte = bytes.get(at)?;
            match CLASSES[usize::from(byte)] {
                Class::Letter | Class::Digit => break at,
                Class::Space => hyphen_before = false,
                Class::Break => {
                    break_before = true;
                    hyphen_before = false;
                }
                Class::Hyphen => hyphen_before = true,
                Class::NonAscii => match self.alphanumeric_at(at) {
                    Ok(_) => break at,
                    Err(length) => {
                        hyphen_before = false;
                        at += length;
                        continue;
                    }
                },
            }
            at += 1;
        };
        let mut ascii = true;
        let mut digits_only = true;
        while let Some(&byte) = bytes.get(at) {
            match CLASSES[usize::from(byte)] {
                Class::Letter => digits_only = false,
                Class::Digit => {}
                Class::NonAscii => match self.alphanumeric_at(at) {
                    Ok(length) => {
                        ascii = false;
                        digits_only = false;
                        at += length;
                        continue;
                    }
                    Err(_) => break,
                },
                _ => break,
            }
            at += 1;
        }
        self.at = at;
        let hyphen_after = bytes.get(at) == Some(&b'-')
            && bytes
                .get(at + 1)
                .is_some_and(|&b| matches!(CLASSES[usize::from(b)], Class::Letter | Class::Digit));
        Some(RawWord {
            range: start..at,
            break_before,
            hyphenated: hyphen_before || hyphen_after,
            ascii,
            digits_only,
        })
    }
}

/// Lowercases a word with non-ASCII letters into `out`; false for a
/// single char. No stemming: the suffix rules are English.
fn lowercase_non_ascii(raw: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    if raw.chars().nth(1).is_none() {
        return false;
    }
    let mut buffer = [0u8; 4];
    for c in raw.chars().flat_map(char::to_lowercase) {
        out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    }
    true
}

/// Calls `emit(bucket, surface)` for every term of `text`: each kept word
/// and each pair of consecutive kept words in one clause. `surface` is the
/// byte range the term covers (a pair's includes any stop words between:
/// "mixture of experts").
fn text_terms(text: &str, scratch: &mut Vec<u8>, mut emit: impl FnMut(u32, Range<usize>)) {
    // The previous kept word: its hash and where it started.
    let mut previous: Option<(u64, usize)> = None;
    for word in (RawWords { text, at: 0 }) {
        if word.break_before {
            previous = None;
        }
        // One ASCII letter or a bare number says nothing about a topic.
        if word.digits_only || word.range.len() < 2 {
            continue;
        }
        let hash = if word.ascii {
            match ascii_word_hash(
                &text.as_bytes()[word.range.clone()],
                word.hyphenated,
                scratch,
            ) {
                Some(hash) => hash,
                None => continue,
            }
        } else if lowercase_non_ascii(&text[word.range.clone()], scratch) {
            hash_bytes(WORD_SEED, scratch)
        } else {
            continue;
        };
        emit(bucket_of(hash), word.range.clone());
        if let Some((previous_hash, previous_start)) = previous {
            emit(
                bucket_of(pair_hash(previous_hash, hash)),
                previous_start..word.range.end,
            );
        }
        previous = Some((hash, word.range.start));
    }
}

/// The bucket of an author: the name's words, lowercased and joined by
/// single spaces, so "Song  Han" and "song han" are one author.
fn author_bucket(name: &str, scratch: &mut Vec<u8>) -> Option<u32> {
    scratch.clear();
    let mut buffer = [0u8; 4];
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !scratch.is_empty() {
            scratch.push(b' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            scratch.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
        }
    }
    (!scratch.is_empty()).then(|| bucket_of(hash_bytes(AUTHOR_SEED, scratch)))
}

/// Where a term of a document was found, for explanations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Surface {
    Title(Range<usize>),
    Summary(Range<usize>),
    Author(usize),
}

/// Every term of `doc` with its bucket and surface, titles first. The
/// slow path, for one document: [`Counter`] is the fast one.
pub fn surfaces(doc: &impl Document) -> Vec<(u32, Surface)> {
    let mut scratch = Vec::new();
    let mut found = Vec::new();
    text_terms(doc.title(), &mut scratch, |bucket, range| {
        found.push((bucket, Surface::Title(range)));
    });
    text_terms(doc.summary(), &mut scratch, |bucket, range| {
        found.push((bucket, Surface::Summary(range)));
    });
    for (i, name) in doc.authors().enumerate() {
        if let Some(bucket) = author_bucket(name, &mut scratch) {
            found.push((bucket, Surface::Author(i)));
        }
    }
    found
}

/// How a surface reads in an explanation: lowercase words with single
/// spaces ("mixture of experts"), or `au:` and the name as written.
pub fn surface_text(doc: &impl Document, surface: &Surface) -> String {
    let words = |text: &str| {
        RawWords { text, at: 0 }
            .map(|word| text[word.range].to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match surface {
        Surface::Title(range) => doc
            .title()
            .get(range.clone())
            .map(words)
            .unwrap_or_default(),
        Surface::Summary(range) => doc
            .summary()
            .get(range.clone())
            .map(words)
            .unwrap_or_default(),
        Surface::Author(i) => doc
            .authors()
            .nth(*i)
            .map(|name| {
                format!(
                    "au:{}",
                    name.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            })
            .unwrap_or_default(),
    }
}

/// Counts a document's terms into (bucket, count) pairs without sorting:
/// an open-addressing table small enough to stay in L1 cache, emptied
/// after each document by visiting only the slots it used.
pub struct Counter {
    /// bucket + 1 per slot, 0 when free.
    keys: Vec<u32>,
    counts: Vec<u32>,
    /// Slots in first-seen order: the order of the output, so a
    /// document's vector does not depend on the table's size.
    used: Vec<u32>,
    scratch: Vec<u8>,
}

impl Default for Counter {
    fn default() -> Self {
        Counter::with_slots(1024)
    }
}

impl Counter {
    fn with_slots(slots: usize) -> Self {
        Counter {
            keys: vec![0; slots],
            counts: vec![0; slots],
            used: Vec::new(),
            scratch: Vec::new(),
        }
    }

    fn add(&mut self, bucket: u32, count: u32) {
        if self.used.len() * 2 >= self.keys.len() {
            self.grow();
        }
        let mask = self.keys.len() - 1;
        // Buckets are already well mixed: their low bits index the table.
        let mut slot = bucket as usize & mask;
        loop {
            let key = self.keys[slot];
            if key == bucket + 1 {
                self.counts[slot] += count;
                return;
            }
            if key == 0 {
                self.keys[slot] = bucket + 1;
                self.counts[slot] = count;
                self.used.push(slot as u32);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let entries: Vec<(u32, u32)> = self.drain().collect();
        *self = Counter {
            scratch: std::mem::take(&mut self.scratch),
            ..Counter::with_slots(self.keys.len() * 2)
        };
        for (bucket, count) in entries {
            self.add(bucket, count);
        }
    }

    /// The (bucket, count) pairs counted so far, in first-seen order;
    /// leaves the counter empty.
    fn drain(&mut self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.used.drain(..).map(|slot| {
            let slot = slot as usize;
            let bucket = self.keys[slot] - 1;
            self.keys[slot] = 0;
            (bucket, self.counts[slot])
        })
    }

    /// Appends `doc`'s terms to `out` as packed entries ([`pack`]).
    pub fn count_into(&mut self, doc: &impl Document, out: &mut Vec<u32>) {
        let mut scratch = std::mem::take(&mut self.scratch);
        text_terms(doc.title(), &mut scratch, |bucket, _| {
            self.add(bucket, TITLE_WEIGHT);
        });
        text_terms(doc.summary(), &mut scratch, |bucket, _| self.add(bucket, 1));
        for name in doc.authors() {
            if let Some(bucket) = author_bucket(name, &mut scratch) {
                self.add(bucket, 1);
            }
        }
        self.scratch = scratch;
        out.extend(self.drain().map(|(bucket, count)| pack(bucket, count)));
    }
}

/// A bucket and its count in one `u32`: the bucket in the low
/// [`BUCKET_BITS`] bits, the count (capped at [`MAX_COUNT`]) above.
pub fn pack(bucket: u32, count: u32) -> u32 {
    bucket | (count.min(MAX_COUNT) << BUCKET_BITS)
}

pub fn unpack(entry: u32) -> (u32, u32) {
    (entry & BUCKET_MASK, entry >> BUCKET_BITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmed(word: &str) -> String {
        let mut bytes = word.as_bytes().to_vec();
        stem(&mut bytes);
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn plurals_and_their_singulars_meet() {
        for (a, b) in [
            ("llms", "llm"),
            ("accelerators", "accelerator"),
            ("caches", "cache"),
            ("batches", "batch"),
            ("processes", "process"),
            ("gpus", "gpu"),
            ("npus", "npu"),
            ("boxes", "box"),
            ("memories", "memory"),
            ("devices", "device"),
        ] {
            assert_eq!(stemmed(a), stemmed(b), "{a} / {b}");
        }
        assert_eq!(stemmed("corpus"), "corpus");
        assert_eq!(stemmed("analysis"), "analysis");
        assert_eq!(stemmed("class"), "class");
        assert_ne!(stemmed("learning"), stemmed("learn"));
    }

    fn canonical_terms(text: &str) -> Vec<String> {
        let mut scratch = Vec::new();
        let mut ranges = Vec::new();
        text_terms(text, &mut scratch, |_, range| ranges.push(range));
        ranges.into_iter().map(|r| text[r].to_lowercase()).collect()
    }

    #[test]
    fn words_pair_within_clauses_skipping_stop_words() {
        assert_eq!(
            canonical_terms("Mixture of Experts, on-device: 2024 a x"),
            [
                "mixture",
                "experts",
                "mixture of experts",
                "on",
                "device",
                "on-device"
            ]
        );
    }

    #[test]
    fn pairs_hash_like_their_canonical_form() {
        let doc = DocText {
            title: "Speculative Decoding for LLMs",
            summary: "",
            authors: &["Song  Han"],
        };
        let buckets: Vec<u32> = surfaces(&doc).into_iter().map(|(b, _)| b).collect();
        assert_eq!(
            buckets,
            [
                term_bucket("speculativ"),
                term_bucket("decoding"),
                term_bucket("speculativ decoding"),
                term_bucket("llm"),
                term_bucket("decoding llm"),
                term_bucket("au:song han"),
            ]
        );
    }

    #[test]
    fn the_counter_counts_titles_double_and_keeps_first_seen_order() {
        let doc = DocText {
            title: "Caches",
            summary: "cache cache KV",
            authors: &[],
        };
        let mut out = Vec::new();
        Counter::default().count_into(&doc, &mut out);
        let unpacked: Vec<(u32, u32)> = out.into_iter().map(unpack).collect();
        assert_eq!(
            unpacked,
            [
                (term_bucket("cach"), TITLE_WEIGHT + 2),
                (term_bucket("cach cach"), 1),
                (term_bucket("kv"), 1),
                (term_bucket("cach kv"), 1),
            ]
        );
    }

    #[test]
    fn the_counter_grows_past_its_first_table() {
        let summary: String = (0..3000).map(|i| format!("w{i} ")).collect();
        let doc = DocText {
            title: "",
            summary: &summary,
            authors: &[],
        };
        let mut counter = Counter::with_slots(8);
        let mut out = Vec::new();
        counter.count_into(&doc, &mut out);
        let mut fresh = Vec::new();
        Counter::default().count_into(&doc, &mut fresh);
        assert_eq!(out, fresh);
        assert!(out.len() > 5000, "{}", out.len());
    }

    #[test]
    fn surfaces_read_as_written() {
        let doc = DocText {
            title: "KV-Cache  Offloading",
            summary: "",
            authors: &["Song   Han"],
        };
        let texts: Vec<String> = surfaces(&doc)
            .iter()
            .map(|(_, surface)| surface_text(&doc, surface))
            .collect();
        assert_eq!(
            texts,
            [
                "kv",
                "cache",
                "kv cache",
                "offloading",
                "cache offloading",
                "au:Song Han"
            ]
        );
    }
}
