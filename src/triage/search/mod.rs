//! `papers search`: ranked full-text search over the cached papers' titles,
//! abstracts, author names and comments.
//!
//! [`search`] reads each paper once: it counts the words of every field and
//! the occurrences of the query's terms (nothing else is counted or
//! stored), then ranks the papers that match with BM25F ([`bm25`]). The
//! papers are split across threads; a hundred thousand take well under a
//! second. [`indexed::search`] makes the same counts from the search index
//! (the words stored as numbers), through the same tally and scoring, so
//! a search need not parse every shard first.

pub(crate) mod bm25;
pub(crate) mod indexed;
pub mod query;
pub(crate) mod snippet;
pub(crate) mod streamed;

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use crate::model::CachedPaper;
use crate::triage::filter::category_matches;
use crate::triage::parallel::in_ranges;
use crate::triage::words::{Starts, phrase_at};

use bm25::{Collection, FIELDS, PerField};
use query::{ClauseKind, Field, Query};

/// What a search that reads its hits from the shards found: the hits
/// themselves, owned, and their scores.
#[derive(Debug)]
pub struct Found {
    /// The hits, best first, read from their shards.
    pub papers: Vec<CachedPaper>,
    scores: Vec<f64>,
    /// Why a segment built on the way could not be stored (the first
    /// reason): the search answered all the same.
    pub unwritten: Option<String>,
}

impl Found {
    pub fn hits(&self) -> Vec<Hit<'_>> {
        self.papers
            .iter()
            .zip(&self.scores)
            .map(|(paper, &score)| Hit { paper, score })
            .collect()
    }
}

/// One matching paper and its BM25F score (0 when the query has only
/// categories and exclusions).
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub paper: &'a CachedPaper,
    pub score: f64,
}

/// The best `limit` of `papers` matching `query`, best first; equal scores
/// newest first. Term statistics (how rare a term is, average field
/// lengths) are those of `papers`, the set being searched.
pub fn search<'a>(papers: &[&'a CachedPaper], query: &Query, limit: usize) -> Vec<Hit<'a>> {
    let prepared = Prepared::new(query);
    let tally = tally_in_parallel(papers, &prepared);
    let hits = tally
        .scores(&prepared)
        .map(|(index, score)| Hit {
            paper: papers[index],
            score,
        })
        .collect();
    best(hits, limit, |a, b| {
        ranking(
            (a.score, a.paper.paper.published),
            (b.score, b.paper.paper.published),
            || b.paper.paper.id.cmp(&a.paper.paper.id),
        )
    })
}

/// The query's words in the order the counting loop wants them.
struct Prepared<'q> {
    text: Vec<TextClause<'q>>,
    /// Per field, which clauses (bits of indices into `text`) a word may
    /// start.
    starts: [Starts; FIELDS],
    categories: Vec<(bool, &'q str)>,
}

struct TextClause<'q> {
    negated: bool,
    words: &'q [String],
    /// Whether it looks in each field.
    fields: [bool; FIELDS],
}

impl<'q> Prepared<'q> {
    fn new(query: &'q Query) -> Self {
        let mut prepared = Prepared {
            text: Vec::new(),
            starts: std::array::from_fn(|_| Starts::new([])),
            categories: Vec::new(),
        };
        for clause in &query.clauses {
            match &clause.kind {
                ClauseKind::Category(id) => prepared.categories.push((clause.negated, id)),
                ClauseKind::Text { words, .. } => prepared.text.push(TextClause {
                    negated: clause.negated,
                    words,
                    fields: Field::ALL.map(|field| clause.kind.searches(field)),
                }),
            }
        }
        // A clause not searching a field gets an empty phrase there, which
        // no word starts.
        prepared.starts = Field::ALL.map(|field| {
            Starts::new(prepared.text.iter().map(|clause| {
                if clause.fields[field.index()] {
                    clause.words
                } else {
                    &[]
                }
            }))
        });
        prepared
    }

    /// Whether a paper listed in `categories` passes the `cat:` clauses.
    fn categories_allow<'c>(&self, categories: impl Iterator<Item = &'c str> + Clone) -> bool {
        self.categories.iter().all(|&(negated, id)| {
            let listed = categories
                .clone()
                .any(|category| category_matches(category, id));
            listed != negated
        })
    }
}

/// What one pass over some papers found; `K` says which paper a candidate
/// is.
struct Tally<K> {
    /// Papers searched (every paper the pass was given).
    papers: u32,
    /// Papers containing each text clause (matching or not).
    df: Vec<u32>,
    total_length: [u64; FIELDS],
    candidates: Vec<Candidate<K>>,
    /// Per candidate, per text clause, occurrences per field.
    counts: Vec<u32>,
}

struct Candidate<K> {
    key: K,
    lengths: PerField,
}

impl<K> Tally<K> {
    fn new(prepared: &Prepared<'_>) -> Self {
        Tally {
            papers: 0,
            df: vec![0; prepared.text.len()],
            total_length: [0; FIELDS],
            candidates: Vec::new(),
            counts: Vec::new(),
        }
    }

    /// Adds one paper: its words per field, the occurrences of each text
    /// clause per field (`counts`), and whether its categories pass.
    fn add(
        &mut self,
        prepared: &Prepared<'_>,
        key: K,
        lengths: PerField,
        counts: &[u32],
        categories_allow: impl FnOnce() -> bool,
    ) {
        self.papers += 1;
        for (total, &length) in self.total_length.iter_mut().zip(&lengths) {
            *total += u64::from(length);
        }
        let mut matches = true;
        for (c, clause) in prepared.text.iter().enumerate() {
            let present = counts[c * FIELDS..(c + 1) * FIELDS].iter().any(|&n| n > 0);
            self.df[c] += u32::from(present);
            matches &= present != clause.negated;
        }
        if matches && categories_allow() {
            self.candidates.push(Candidate { key, lengths });
            self.counts.extend_from_slice(counts);
        }
    }

    /// The parts' sums, candidates in the parts' order.
    fn merge(prepared: &Prepared<'_>, parts: impl IntoIterator<Item = Tally<K>>) -> Self {
        let mut total = Tally::new(prepared);
        for part in parts {
            total.papers += part.papers;
            for (sum, df) in total.df.iter_mut().zip(part.df) {
                *sum += df;
            }
            for (sum, length) in total.total_length.iter_mut().zip(part.total_length) {
                *sum += length;
            }
            total.candidates.extend(part.candidates);
            total.counts.extend(part.counts);
        }
        total
    }

    /// Each candidate and its BM25F score, the statistics being those of
    /// every paper tallied.
    fn scores<'t>(&'t self, prepared: &'t Prepared<'_>) -> impl Iterator<Item = (K, f64)> + 't
    where
        K: Copy,
    {
        let collection = Collection::new(self.papers, self.total_length);
        let idf: Vec<f64> = self.df.iter().map(|&df| collection.idf(df)).collect();
        let width = prepared.text.len() * FIELDS;
        self.candidates
            .iter()
            .enumerate()
            .map(move |(k, candidate)| {
                let counts = &self.counts[k * width..(k + 1) * width];
                let score = prepared
                    .text
                    .iter()
                    .enumerate()
                    .filter(|(_, clause)| !clause.negated)
                    .map(|(c, _)| {
                        let term_counts = per_field(&counts[c * FIELDS..(c + 1) * FIELDS]);
                        collection.term_score(idf[c], &term_counts, &candidate.lengths)
                    })
                    .sum();
                (candidate.key, score)
            })
    }
}

/// Below this many papers a second thread costs more than it saves.
const PARALLEL_MIN: usize = 4_096;

fn tally_in_parallel(papers: &[&CachedPaper], prepared: &Prepared<'_>) -> Tally<usize> {
    let parts = in_ranges(papers.len(), PARALLEL_MIN, |range| {
        let offset = range.start;
        tally(&papers[range], offset, prepared)
    });
    Tally::merge(prepared, parts)
}

/// One pass over `papers` (the slice starting at `offset` of all papers).
fn tally(papers: &[&CachedPaper], offset: usize, prepared: &Prepared<'_>) -> Tally<usize> {
    tally_keyed(
        papers
            .iter()
            .enumerate()
            .map(|(i, &paper)| (offset + i, paper)),
        prepared,
    )
}

/// One pass over papers, each with the key its candidate gets.
fn tally_keyed<'p, K>(
    papers: impl Iterator<Item = (K, &'p CachedPaper)>,
    prepared: &Prepared<'_>,
) -> Tally<K> {
    let mut tally = Tally::new(prepared);
    // Reused for every paper: occurrences per clause and field.
    let mut counts = vec![0u32; prepared.text.len() * FIELDS];
    for (key, cached) in papers {
        counts.fill(0);
        let mut lengths: PerField = [0; FIELDS];
        let paper = &cached.paper;
        let mut count = |field: Field, text: &str| {
            count_field(field, text, prepared, &mut counts, &mut lengths);
        };
        count(Field::Title, &paper.title);
        count(Field::Abstract, &paper.summary);
        for author in &paper.authors {
            count(Field::Authors, &author.name);
        }
        if let Some(comment) = &paper.comment {
            count(Field::Comment, comment);
        }
        tally.add(prepared, key, lengths, &counts, || {
            prepared.categories_allow(paper.categories.iter().map(String::as_str))
        });
    }
    tally
}

/// Counts the words of one field's text and the query's terms in it.
/// Author names are matched exactly (no plural rule: `au:han` must not
/// find "Hans").
fn count_field(
    field: Field,
    text: &str,
    prepared: &Prepared<'_>,
    counts: &mut [u32],
    lengths: &mut PerField,
) {
    let f = field.index();
    let plural = field != Field::Authors;
    let words = prepared.starts[f].scan(text, |word, mut candidates, rest| {
        while candidates != 0 {
            let c = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let clause = &prepared.text[c];
            if clause.fields[f] && phrase_at(word, rest, clause.words, plural).is_some() {
                counts[c * FIELDS + f] += 1;
            }
        }
        true
    });
    lengths[f] += u32::try_from(words).unwrap_or(u32::MAX);
}

fn per_field(counts: &[u32]) -> PerField {
    let mut out = [0; FIELDS];
    out.copy_from_slice(counts);
    out
}

/// Highest score first; equal scores newest first, then by id (`ids`
/// compares them, only when it must: the index reads ids on demand).
fn ranking(
    (a_score, a_published): (f64, DateTime<Utc>),
    (b_score, b_published): (f64, DateTime<Utc>),
    ids: impl FnOnce() -> Ordering,
) -> Ordering {
    b_score
        .total_cmp(&a_score)
        .then_with(|| b_published.cmp(&a_published))
        .then_with(ids)
}

/// The first `limit` hits in `order`, without sorting the rest.
fn best<T>(mut hits: Vec<T>, limit: usize, order: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    if limit == 0 {
        return Vec::new();
    }
    if limit < hits.len() {
        hits.select_nth_unstable_by(limit - 1, &order);
        hits.truncate(limit);
    }
    hits.sort_unstable_by(&order);
    hits
}

#[cfg(test)]
mod tests;
