//! `papers search`: ranked full-text search over the cached papers' titles,
//! abstracts, author names and comments.
//!
//! [`search`] reads each paper once: it counts the words of every field and
//! the occurrences of the query's terms (nothing else is counted or
//! stored), then ranks the papers that match with BM25F ([`bm25`]). The
//! papers are split across threads; a hundred thousand take well under a
//! second.

pub mod bm25;
pub mod query;
pub mod snippet;

use std::cmp::Ordering;

use crate::model::CachedPaper;
use crate::triage::filter::category_matches;
use crate::triage::parallel::in_ranges;
use crate::triage::words::{Starts, phrase_at};

use bm25::{Collection, FIELDS, PerField};
use query::{ClauseKind, Field, Query};

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
    let papers_searched = u32::try_from(papers.len()).unwrap_or(u32::MAX);
    let collection = Collection::new(papers_searched, tally.total_length);
    let idf: Vec<f64> = tally.df.iter().map(|&df| collection.idf(df)).collect();
    let width = prepared.text.len() * FIELDS;
    let hits = tally
        .candidates
        .iter()
        .enumerate()
        .map(|(k, candidate)| {
            let counts = &tally.counts[k * width..(k + 1) * width];
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
            Hit {
                paper: papers[candidate.index],
                score,
            }
        })
        .collect();
    best(hits, limit)
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

    fn categories_allow(&self, paper: &CachedPaper) -> bool {
        self.categories.iter().all(|&(negated, id)| {
            let listed = paper
                .paper
                .categories
                .iter()
                .any(|category| category_matches(category, id));
            listed != negated
        })
    }
}

/// What one pass over some papers found.
struct Tally {
    /// Papers containing each text clause (matching or not).
    df: Vec<u32>,
    total_length: [u64; FIELDS],
    candidates: Vec<Candidate>,
    /// Per candidate, per text clause, occurrences per field.
    counts: Vec<u32>,
}

struct Candidate {
    index: usize,
    lengths: PerField,
}

/// Below this many papers a second thread costs more than it saves.
const PARALLEL_MIN: usize = 4_096;

fn tally_in_parallel(papers: &[&CachedPaper], prepared: &Prepared<'_>) -> Tally {
    let parts = in_ranges(papers.len(), PARALLEL_MIN, |range| {
        let offset = range.start;
        tally(&papers[range], offset, prepared)
    });
    let mut total = Tally {
        df: vec![0; prepared.text.len()],
        total_length: [0; FIELDS],
        candidates: Vec::new(),
        counts: Vec::new(),
    };
    for part in parts {
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

/// One pass over `papers` (the slice starting at `offset` of all papers).
fn tally(papers: &[&CachedPaper], offset: usize, prepared: &Prepared<'_>) -> Tally {
    let clauses = prepared.text.len();
    let mut tally = Tally {
        df: vec![0; clauses],
        total_length: [0; FIELDS],
        candidates: Vec::new(),
        counts: Vec::new(),
    };
    // Reused for every paper: occurrences per clause and field.
    let mut counts = vec![0u32; clauses * FIELDS];
    for (i, cached) in papers.iter().enumerate() {
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
        for (total, &length) in tally.total_length.iter_mut().zip(&lengths) {
            *total += u64::from(length);
        }
        let mut matches = true;
        for (c, clause) in prepared.text.iter().enumerate() {
            let present = counts[c * FIELDS..(c + 1) * FIELDS].iter().any(|&n| n > 0);
            tally.df[c] += u32::from(present);
            matches &= present != clause.negated;
        }
        if matches && prepared.categories_allow(cached) {
            tally.candidates.push(Candidate {
                index: offset + i,
                lengths,
            });
            tally.counts.extend_from_slice(&counts);
        }
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

/// Highest score first; equal scores newest first, then by id.
fn ranking(a: &Hit<'_>, b: &Hit<'_>) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| b.paper.paper.published.cmp(&a.paper.paper.published))
        .then_with(|| b.paper.paper.id.cmp(&a.paper.paper.id))
}

/// The first `limit` hits in ranking order, without sorting the rest.
fn best(mut hits: Vec<Hit<'_>>, limit: usize) -> Vec<Hit<'_>> {
    if limit == 0 {
        return Vec::new();
    }
    if limit < hits.len() {
        hits.select_nth_unstable_by(limit - 1, ranking);
        hits.truncate(limit);
    }
    hits.sort_unstable_by(ranking);
    hits
}

#[cfg(test)]
mod tests;
