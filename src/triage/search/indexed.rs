//! [`search`](super::search) over the search index: the same tally and the
//! same scores, counted from each shard's segment (its papers' words as
//! term ids) instead of the papers' text, then only the hits read from
//! their shards.
//!
//! A query word matches a term whose text is one of its
//! [`matching_forms`], which is exactly what [`word_matches`] decides
//! (tested there), and a phrase is counted at every position its words
//! follow one another within one text, as [`count_field`] counts: so the
//! counts, hence the scores, are equal bit for bit.
//!
//! [`word_matches`]: crate::triage::words::word_matches
//! [`count_field`]: super::count_field

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, Utc};

use super::bm25::FIELDS;
use super::query::{Field, Query};
use super::{Found, Prepared, Tally, best, ranking};
use crate::model::CachedPaper;
use crate::storage::cache::ShardMeta;
use crate::storage::search_index::format::{self, Streams};
use crate::storage::search_index::{Corrupt, Record, SearchIndex, Segment, Unavailable, WordsOf};
use crate::triage::filter::{Facts, FactsFilter};
use crate::triage::parallel::each_item;
use crate::triage::words::{each_lowercase_word, matching_forms};

// The segment's fields are the search's, in the same order.
const _: () = assert!(format::FIELDS == FIELDS && Field::Authors as usize == 2);

/// Which paper a candidate is (its place among its segment's
/// [`Candidates`]), and what ranking asks first.
#[derive(Debug, Clone, Copy)]
struct Key {
    segment: u32,
    candidate: u32,
    published: DateTime<Utc>,
}

/// What reading a segment's candidates back takes, kept once the segment
/// itself is gone.
#[derive(Debug, Default)]
struct Candidates {
    /// Their ids, one after the other.
    ids: String,
    /// Per candidate, its id in `ids` and its JSON's bytes in the shard.
    places: Vec<(Range<usize>, Range<u64>)>,
}

impl Candidates {
    fn id(&self, candidate: u32) -> &str {
        self.places
            .get(candidate as usize)
            .and_then(|(id, _)| self.ids.get(id.clone()))
            .unwrap_or("")
    }
}

/// What one thread reuses from segment to segment.
#[derive(Default)]
struct Scratch {
    file: Vec<u8>,
    terms: Vec<u32>,
    counts: Vec<u32>,
}

/// The best `limit` papers of `shards` passing `filter` and matching
/// `query`, as [`search`](super::search) ranks them over the same papers.
/// Unavailable when a shard cannot be read as the cache reader reads it
/// (the caller then lets that reader say what is wrong).
pub fn search(
    index: &SearchIndex,
    shards: &[(&str, &ShardMeta)],
    filter: &FactsFilter<'_>,
    query: &Query,
    limit: usize,
) -> Result<Found, Unavailable> {
    let prepared = Prepared::new(query);
    let words: WordsOf<'_> = &|text, visit| each_lowercase_word(text, visit);
    let parts = each_item(shards.len(), 2, Scratch::default, |scratch, i| {
        let (key, meta) = shards[i];
        let number = u32::try_from(i).unwrap_or(u32::MAX);
        let opened = index.segment(key, meta, words, std::mem::take(&mut scratch.file))?;
        let (segment, tally) =
            match tally_segment(opened.segment, number, &prepared, filter, scratch) {
                Ok(done) => done,
                Err(Corrupt(_)) => {
                    // The checksum held but the records did not: build anew.
                    let opened = index.rebuild(key, meta, words)?;
                    let unwritten = opened.unwritten;
                    let (segment, tally) =
                        tally_segment(opened.segment, number, &prepared, filter, scratch)
                            .map_err(|why| Unavailable(format!("{}: {}", meta.file, why.0)))?;
                    scratch.file = segment.into_bytes();
                    return Ok((tally, unwritten));
                }
            };
        scratch.file = segment.into_bytes();
        Ok((tally, opened.unwritten))
    });
    let mut tallies = Vec::with_capacity(parts.len());
    let mut candidates = Vec::with_capacity(parts.len());
    let mut unwritten = None;
    for part in parts {
        let ((tally, found), note) = part?;
        tallies.push(tally);
        candidates.push(found);
        unwritten = unwritten.or(note);
    }
    let tally = Tally::merge(&prepared, tallies);
    let id_of = |key: &Key| candidates[key.segment as usize].id(key.candidate);
    let scored: Vec<(Key, f64)> = tally.scores(&prepared).collect();
    let top = best(scored, limit, |(a, a_score), (b, b_score)| {
        ranking((*a_score, a.published), (*b_score, b.published), || {
            id_of(b).cmp(id_of(a))
        })
    });
    let papers = read_hits(index, shards, &candidates, &top)?;
    Ok(Found {
        papers,
        scores: top.iter().map(|(_, score)| *score).collect(),
        unwritten,
    })
}

/// The hit papers from their shards, in `top`'s order.
fn read_hits(
    index: &SearchIndex,
    shards: &[(&str, &ShardMeta)],
    candidates: &[Candidates],
    top: &[(Key, f64)],
) -> Result<Vec<CachedPaper>, Unavailable> {
    // Per segment, its hits' ranks, ids and JSON ranges.
    type Wanted<'c> = Vec<(usize, &'c str, Range<u64>)>;
    let mut by_segment: BTreeMap<u32, Wanted<'_>> = BTreeMap::new();
    for (rank, (key, _)) in top.iter().enumerate() {
        let segment = &candidates[key.segment as usize];
        let (_, json) = segment
            .places
            .get(key.candidate as usize)
            .ok_or_else(|| Unavailable("a hit out of range".into()))?;
        by_segment.entry(key.segment).or_default().push((
            rank,
            segment.id(key.candidate),
            json.clone(),
        ));
    }
    let mut papers: Vec<Option<CachedPaper>> = top.iter().map(|_| None).collect();
    for (segment, hits) in by_segment {
        let wanted: Vec<(&str, Range<u64>)> = hits
            .iter()
            .map(|(_, id, json)| (*id, json.clone()))
            .collect();
        let read = index.read_papers(shards[segment as usize].1, &wanted)?;
        for ((rank, _, _), paper) in hits.iter().zip(read) {
            papers[*rank] = Some(paper);
        }
    }
    papers
        .into_iter()
        .map(|paper| paper.ok_or_else(|| Unavailable("a hit was not read".into())))
        .collect()
}

impl Facts for Record<'_> {
    fn id(&self) -> &str {
        self.id
    }
    fn published(&self) -> DateTime<Utc> {
        self.published
    }
    fn first_seen(&self) -> DateTime<Utc> {
        self.first_seen
    }
    fn in_topic(&self, topic: &str) -> bool {
        self.topics().any(|name| name == topic)
    }
    fn any_category(&self, test: impl FnMut(&str) -> bool) -> bool {
        self.categories().any(test)
    }
}

/// The query's words as one segment's term ids.
struct Lookup {
    /// Per term id, 1 + its place in `starts`; 0 for the terms no clause
    /// starts with (nearly all). At most 64 clauses × 3 forms have a place,
    /// so a u16 always holds it.
    slot: Vec<u16>,
    /// Per field, the clauses (bits) such a term starts.
    starts: Vec<[u64; FIELDS]>,
    /// Per clause, per word after its first, the term ids matching it
    /// exactly ([0], author names) and with plurals ([1]).
    rest: Vec<Vec<[Vec<u32>; 2]>>,
}

impl Lookup {
    fn new(segment: &Segment, prepared: &Prepared<'_>) -> Self {
        let ids = |word: &str, plural: bool| -> Vec<u32> {
            matching_forms(word, plural)
                .iter()
                .filter_map(|form| segment.term(form))
                .collect()
        };
        let mut lookup = Lookup {
            slot: Vec::new(),
            starts: Vec::new(),
            rest: Vec::with_capacity(prepared.text.len()),
        };
        let mut slots: BTreeMap<u32, usize> = BTreeMap::new();
        for (c, clause) in prepared.text.iter().enumerate() {
            let Some((first, others)) = clause.words.split_first() else {
                lookup.rest.push(Vec::new());
                continue;
            };
            for field in Field::ALL {
                let f = field.index();
                if !clause.fields[f] {
                    continue;
                }
                for term in ids(first, plural_in(field)) {
                    let next = slots.len();
                    let slot = *slots.entry(term).or_insert(next);
                    if slot == lookup.starts.len() {
                        lookup.starts.push([0; FIELDS]);
                    }
                    lookup.starts[slot][f] |= 1 << c;
                }
            }
            lookup.rest.push(
                others
                    .iter()
                    .map(|word| [ids(word, false), ids(word, true)])
                    .collect(),
            );
        }
        if !slots.is_empty() {
            lookup.slot = vec![0; segment.term_count() + 1];
            for (term, slot) in slots {
                if let Some(entry) = lookup.slot.get_mut(term as usize) {
                    *entry = u16::try_from(slot + 1).unwrap_or(0);
                }
            }
        }
        lookup
    }

    /// Whether any clause could start in this segment: else no paper of it
    /// contains a searched term, and its streams need not be read.
    fn any(&self) -> bool {
        !self.starts.is_empty()
    }

    /// Counts the clauses in one record's streams, field by field.
    fn count(
        &self,
        mut streams: Streams<'_>,
        terms: &mut Vec<u32>,
        counts: &mut [u32],
    ) -> Result<(), Corrupt> {
        for field in Field::ALL {
            let f = field.index();
            let plural = usize::from(plural_in(field));
            streams.next_field(terms)?;
            for (at, &term) in terms.iter().enumerate() {
                let slot = *self
                    .slot
                    .get(term as usize)
                    .ok_or(Corrupt("a term id out of range"))?;
                if slot == 0 {
                    continue;
                }
                let mut candidates = self.starts[usize::from(slot) - 1][f];
                while candidates != 0 {
                    let c = candidates.trailing_zeros() as usize;
                    candidates &= candidates - 1;
                    let ahead = terms.get(at + 1..).unwrap_or(&[]);
                    let rest = &self.rest[c];
                    let follows = rest.len() <= ahead.len()
                        && rest
                            .iter()
                            .zip(ahead)
                            .all(|(forms, next)| forms[plural].contains(next));
                    if follows {
                        counts[c * FIELDS + f] += 1;
                    }
                }
            }
        }
        streams.finish()
    }
}

/// Author names match exactly: `au:han` must not find "Hans".
fn plural_in(field: Field) -> bool {
    field != Field::Authors
}

/// One pass over a segment's records, as [`tally`](super::tally) passes
/// over papers; segment `number` in the keys. The segment is handed back.
fn tally_segment(
    segment: Segment,
    number: u32,
    prepared: &Prepared<'_>,
    filter: &FactsFilter<'_>,
    scratch: &mut Scratch,
) -> Result<(Segment, (Tally<Key>, Candidates)), Corrupt> {
    let tallied = tally_records(&segment, number, prepared, filter, scratch)?;
    Ok((segment, tallied))
}

fn tally_records(
    segment: &Segment,
    number: u32,
    prepared: &Prepared<'_>,
    filter: &FactsFilter<'_>,
    scratch: &mut Scratch,
) -> Result<(Tally<Key>, Candidates), Corrupt> {
    let lookup = Lookup::new(segment, prepared);
    let mut tally = Tally::new(prepared);
    let mut found = Candidates::default();
    let counts = &mut scratch.counts;
    counts.clear();
    counts.resize(prepared.text.len() * FIELDS, 0);
    for record in segment.records() {
        let record = record?;
        if !filter.matches(&record) {
            continue;
        }
        counts.fill(0);
        if lookup.any() {
            lookup.count(record.streams(), &mut scratch.terms, counts)?;
        }
        let key = Key {
            segment: number,
            candidate: u32::try_from(found.places.len()).unwrap_or(u32::MAX),
            published: record.published,
        };
        let before = tally.candidates.len();
        tally.add(prepared, key, record.lengths, counts, || {
            prepared.categories_allow(record.categories())
        });
        if tally.candidates.len() > before {
            let start = found.ids.len();
            found.ids.push_str(record.id);
            found
                .places
                .push((start..found.ids.len(), record.json.clone()));
        }
    }
    Ok((tally, found))
}

#[cfg(test)]
mod tests;
