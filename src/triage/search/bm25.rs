//! BM25F ranking: BM25 (k1 = 1.2, b = 0.75) over a paper's fields, with a
//! hit in the title worth three in the abstract.
//!
//! For each query term, the occurrences in each field are normalised by
//! that field's length relative to its average, weighted, summed, then
//! saturated once: `tf = Σ w·count / (1 − b + b·len/avg_len)`, term score
//! `idf · tf / (k1 + tf)`, with `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`.
//! Saturating the sum (rather than each field) keeps a term that fills the
//! title and the abstract from counting twice. A paper's score is the sum
//! over the query's positive terms.

use super::query::Field;

pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;

/// Weight of a hit per field, indexed by [`Field::index`]: title, abstract,
/// authors, comment.
pub const FIELD_WEIGHTS: [f64; FIELDS] = [3.0, 1.0, 1.0, 1.0];

pub const FIELDS: usize = Field::ALL.len();

/// Words per field, or occurrences of one term per field.
pub type PerField = [u32; FIELDS];

/// What BM25 needs to know about the papers searched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Collection {
    pub papers: u32,
    pub average_length: [f64; FIELDS],
}

impl Collection {
    /// From the number of papers and their total words per field.
    pub fn new(papers: u32, total_length: [u64; FIELDS]) -> Self {
        let average_length = total_length.map(|total| {
            if papers == 0 {
                0.0
            } else {
                total as f64 / f64::from(papers)
            }
        });
        Collection {
            papers,
            average_length,
        }
    }

    /// Rarer terms weigh more; never negative, even for a term in every
    /// paper (Lucene's form of the BM25 idf).
    pub fn idf(&self, papers_with_term: u32) -> f64 {
        let n = f64::from(self.papers);
        let df = f64::from(papers_with_term);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// One term's contribution to one paper's score.
    pub fn term_score(&self, idf: f64, counts: &PerField, lengths: &PerField) -> f64 {
        let tf: f64 = (0..FIELDS)
            .filter(|&field| counts[field] > 0)
            .map(|field| {
                let average = self.average_length[field];
                // A field empty in every paper has no length to normalise by.
                let relative = if average > 0.0 {
                    f64::from(lengths[field]) / average
                } else {
                    1.0
                };
                FIELD_WEIGHTS[field] * f64::from(counts[field]) / (1.0 - B + B * relative)
            })
            .sum();
        idf * tf / (K1 + tf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: usize = 0;
    const ABSTRACT: usize = 1;

    fn collection() -> Collection {
        // 100 papers: titles of 10 words, abstracts of 150 on average.
        Collection::new(100, [1_000, 15_000, 300, 200])
    }

    fn counts(title: u32, summary: u32) -> PerField {
        let mut counts = [0; FIELDS];
        counts[TITLE] = title;
        counts[ABSTRACT] = summary;
        counts
    }

    #[test]
    fn a_short_title_hit_beats_one_mention_in_a_long_abstract() {
        let c = collection();
        let idf = c.idf(10);
        let short_title = c.term_score(idf, &counts(1, 0), &[6, 80, 2, 0]);
        let long_abstract = c.term_score(idf, &counts(0, 1), &[12, 400, 2, 0]);
        assert!(
            short_title > long_abstract,
            "{short_title} vs {long_abstract}"
        );
    }

    #[test]
    fn rarer_terms_weigh_more() {
        let c = collection();
        assert!(c.idf(1) > c.idf(10));
        assert!(c.idf(10) > c.idf(90));
        assert!(
            c.idf(100) > 0.0,
            "a term in every paper still counts a little"
        );
    }

    #[test]
    fn more_hits_score_more_but_saturate() {
        let c = collection();
        let idf = c.idf(10);
        let lengths = [10, 150, 3, 2];
        let one = c.term_score(idf, &counts(0, 1), &lengths);
        let two = c.term_score(idf, &counts(0, 2), &lengths);
        let fifty = c.term_score(idf, &counts(0, 50), &lengths);
        assert!(one < two && two < fifty);
        assert!(fifty < idf, "bounded by idf: {fifty} vs {idf}");
        assert!(two - one > fifty - c.term_score(idf, &counts(0, 49), &lengths));
    }

    #[test]
    fn longer_fields_dilute_a_hit() {
        let c = collection();
        let idf = c.idf(10);
        let short = c.term_score(idf, &counts(0, 1), &[10, 50, 3, 2]);
        let long = c.term_score(idf, &counts(0, 1), &[10, 500, 3, 2]);
        assert!(short > long);
    }

    #[test]
    fn no_hits_no_score_and_empty_collections_do_not_divide_by_zero() {
        let c = collection();
        assert_eq!(c.term_score(c.idf(1), &[0; FIELDS], &[10, 100, 2, 2]), 0.0);
        let empty = Collection::new(0, [0; FIELDS]);
        assert!(
            empty
                .term_score(empty.idf(0), &counts(1, 0), &[0; FIELDS])
                .is_finite()
        );
    }
}
