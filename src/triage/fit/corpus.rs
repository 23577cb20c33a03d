//! A featurised cache: every paper's hashed term counts, the idf of each
//! bucket and each paper's vector length, so any paper's tf-idf vector
//! can be read back without touching its text again.
//!
//! The weight of a term in a paper is `(1 + ln count) × idf`, the vector
//! then scaled to length 1 (sublinear tf, L2-normalised, as arxiv-sanity
//! and scikit-learn do): a word said ten times counts about three times
//! one said once, and long abstracts do not outweigh short ones. The idf
//! is scikit-learn's smoothed `ln((1 + n) / (1 + df)) + 1`.
//!
//! Counts are stored, not weights: 4 bytes per distinct term of a paper
//! (about 1.2 KB a paper, 120 MB for 100,000), and the weight is a table
//! look-up and two multiplications when read.

use super::features::{BUCKETS, Counter, Document, MAX_COUNT, unpack};
use crate::triage::parallel::in_ranges;

/// Below this many papers one thread is faster than starting a second.
const PARALLEL_MIN: usize = 2_048;

pub struct Corpus {
    /// Paper `i`'s entries are `entries[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    /// Packed (bucket, count) pairs, see [`super::features::pack`].
    entries: Vec<u32>,
    idf: Vec<f32>,
    inverse_norms: Vec<f32>,
    /// `1 + ln count` for every storable count.
    tf_weights: Vec<f32>,
    /// A hash of each paper's title: an order in which to pick background
    /// papers that does not depend on the order papers are given in.
    keys: Vec<u64>,
}

/// The part of the corpus one thread featurised.
struct Part {
    lengths: Vec<usize>,
    entries: Vec<u32>,
    document_frequency: Vec<u32>,
    keys: Vec<u64>,
}

impl Corpus {
    /// Featurises `docs` (in parallel for large inputs). Same documents in
    /// the same order give the same corpus, bit for bit, whatever the
    /// number of threads: each paper is counted alone, and document
    /// frequencies are integer sums.
    pub fn build<D: Document + Sync>(docs: &[D]) -> Corpus {
        let parts = in_ranges(docs.len(), PARALLEL_MIN, |range| featurise(&docs[range]));
        let mut document_frequency = vec![0u32; BUCKETS];
        let mut offsets = Vec::with_capacity(docs.len() + 1);
        offsets.push(0);
        let total: usize = parts.iter().map(|part| part.entries.len()).sum();
        let mut entries = Vec::with_capacity(total);
        let mut keys = Vec::with_capacity(docs.len());
        for part in parts {
            for (sum, df) in document_frequency.iter_mut().zip(&part.document_frequency) {
                *sum += df;
            }
            for length in part.lengths {
                offsets.push(offsets[offsets.len() - 1] + length);
            }
            entries.extend_from_slice(&part.entries);
            keys.extend_from_slice(&part.keys);
        }
        let papers = docs.len() as f64;
        let idf = document_frequency
            .iter()
            .map(|&df| (((1.0 + papers) / (1.0 + f64::from(df))).ln() + 1.0) as f32)
            .collect();
        let tf_weights = (0..=MAX_COUNT)
            .map(|count| {
                if count == 0 {
                    0.0
                } else {
                    1.0 + (count as f32).ln()
                }
            })
            .collect();
        let mut corpus = Corpus {
            offsets,
            entries,
            idf,
            inverse_norms: Vec::new(),
            tf_weights,
            keys,
        };
        corpus.inverse_norms = in_ranges(docs.len(), PARALLEL_MIN, |range| {
            range
                .map(|doc| corpus.inverse_norm(corpus.raw(doc)))
                .collect::<Vec<f32>>()
        })
        .concat();
        corpus
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub(crate) fn key(&self, doc: usize) -> u64 {
        self.keys[doc]
    }

    fn raw(&self, doc: usize) -> &[u32] {
        &self.entries[self.offsets[doc]..self.offsets[doc + 1]]
    }

    /// 1 / length of the unnormalised tf-idf vector, 0 for an empty one.
    fn inverse_norm(&self, entries: &[u32]) -> f32 {
        let squares: f32 = entries
            .iter()
            .map(|&entry| {
                let (bucket, count) = unpack(entry);
                let weight = self.tf_weights[count as usize] * self.idf[bucket as usize];
                weight * weight
            })
            .sum();
        if squares > 0.0 {
            1.0 / squares.sqrt()
        } else {
            0.0
        }
    }

    /// Paper `doc`'s tf-idf vector (length 1), as (bucket, weight) pairs
    /// in first-seen order. Panics if `doc` is out of range.
    pub fn vector(&self, doc: usize) -> impl Iterator<Item = (u32, f32)> + '_ {
        let scale = self.inverse_norms[doc];
        self.raw(doc).iter().map(move |&entry| {
            let (bucket, count) = unpack(entry);
            let weight = self.tf_weights[count as usize] * self.idf[bucket as usize];
            (bucket, weight * scale)
        })
    }

    /// `Σ table[bucket] × tf-idf weight` over paper `doc`'s terms: a dot
    /// product with any per-bucket table, before normalising. The one
    /// loop scoring and similarity spend their time in.
    pub(crate) fn dot(&self, doc: usize, table: &[f32]) -> f32 {
        let sum: f32 = self
            .raw(doc)
            .iter()
            .map(|&entry| {
                let (bucket, count) = unpack(entry);
                self.tf_weights[count as usize] * table[bucket as usize]
            })
            .sum();
        sum * self.inverse_norms[doc]
    }

    /// `idf[bucket] × values[bucket]` for every bucket: a table for
    /// [`dot`](Self::dot).
    pub(crate) fn with_idf(&self, values: &[f32]) -> Vec<f32> {
        self.idf
            .iter()
            .zip(values)
            .map(|(idf, v)| idf * v)
            .collect()
    }

    /// The tf-idf vector of a paper outside the corpus (one fetched for
    /// `similar`), weighted by this corpus's idf; a term the corpus never
    /// saw gets the highest idf.
    pub fn vector_of(&self, doc: &impl Document) -> Vec<(u32, f32)> {
        let mut entries = Vec::new();
        Counter::default().count_into(doc, &mut entries);
        let scale = self.inverse_norm(&entries);
        entries
            .iter()
            .map(|&entry| {
                let (bucket, count) = unpack(entry);
                let weight = self.tf_weights[count as usize] * self.idf[bucket as usize];
                (bucket, weight * scale)
            })
            .collect()
    }

    /// The cosine of every paper with `query` (a length-1 vector).
    pub(crate) fn cosines(&self, query: &[(u32, f32)]) -> Vec<f32> {
        let mut table = vec![0.0f32; BUCKETS];
        for &(bucket, weight) in query {
            table[bucket as usize] += weight;
        }
        let table = self.with_idf(&table);
        self.map_docs(|doc| self.dot(doc, &table))
    }

    /// `f(doc)` for every paper, in order, split across threads for a
    /// large corpus.
    pub(crate) fn map_docs(&self, f: impl Fn(usize) -> f32 + Sync) -> Vec<f32> {
        in_ranges(self.len(), PARALLEL_MIN, |range| {
            range.map(&f).collect::<Vec<f32>>()
        })
        .concat()
    }
}

fn featurise<D: Document>(docs: &[D]) -> Part {
    let mut counter = Counter::default();
    let mut part = Part {
        lengths: Vec::with_capacity(docs.len()),
        entries: Vec::with_capacity(docs.len() * 300),
        document_frequency: vec![0; BUCKETS],
        keys: Vec::with_capacity(docs.len()),
    };
    for doc in docs {
        let start = part.entries.len();
        counter.count_into(doc, &mut part.entries);
        for &entry in &part.entries[start..] {
            part.document_frequency[unpack(entry).0 as usize] += 1;
        }
        part.lengths.push(part.entries.len() - start);
        part.keys.push(title_key(doc.title()));
    }
    part
}

/// FNV-1a of the title bytes.
fn title_key(title: &str) -> u64 {
    title.bytes().fold(0xcbf2_9ce4_8422_2325, |state, byte| {
        (state ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
