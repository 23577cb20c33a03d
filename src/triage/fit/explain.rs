//! Why a paper got its fit: the terms that moved it most, each with its
//! share of the margin, and the starred paper it is closest to.
//!
//! With a model, a term's contribution is `weight × tf-idf value` in this
//! paper, in logit units; the contributions of all the paper's terms plus
//! the bias add up to the margin, so `+1.2 "speculative decoding"` means
//! that term alone multiplied the odds by e^1.2 ≈ 3.3. With similarity,
//! it is the term's share of the cosine to the starred papers' centroid.

use std::collections::HashMap;

use super::features::{Document, surface_text, surfaces};
use super::{Corpus, Fit, FitMode, fit_of_margin};

/// How many terms each side of an explanation lists.
pub const TERMS_SHOWN: usize = 8;

/// One term of an explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// As the paper writes it, lowercased: "speculative decoding",
    /// "mixture of experts", or "au:Song Han".
    pub text: String,
    /// Its contribution (see the module comment).
    pub weight: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub mode: FitMode,
    /// The fit, 0–100 (0 in [`FitMode::None`]).
    pub fit: f32,
    /// The model's bias (0 without a model): the margin of a paper
    /// with no known term.
    pub bias: f32,
    /// Strongest positive contributions first.
    pub top_up: Vec<Term>,
    /// Strongest negative contributions first (empty for similarity).
    pub top_down: Vec<Term>,
    /// The closest starred paper other than this one, and the cosine.
    pub nearest_starred: Option<(usize, f32)>,
}

pub(super) fn explain(fit: &Fit, corpus: &Corpus, doc: usize, text: &impl Document) -> Explanation {
    let nearest_starred = nearest_starred(fit, corpus, doc);
    let vector: Vec<(u32, f32)> = corpus.vector(doc).collect();
    let (contributions, fit_value, bias): (Vec<(u32, f32)>, f32, f32) =
        match (fit.mode(), fit.model()) {
            (FitMode::Model, Some(model)) => (
                vector
                    .iter()
                    .map(|&(bucket, value)| (bucket, value * model.weight(bucket)))
                    .collect(),
                fit_of_margin(model.margin(corpus, doc)),
                model.bias(),
            ),
            (FitMode::Similarity, _) => {
                let centroid: HashMap<u32, f32> = fit.centroid(corpus).into_iter().collect();
                let contributions: Vec<(u32, f32)> = vector
                    .iter()
                    .map(|&(bucket, value)| {
                        (
                            bucket,
                            value * centroid.get(&bucket).copied().unwrap_or(0.0),
                        )
                    })
                    .collect();
                let cosine: f32 = contributions.iter().map(|(_, c)| c).sum();
                (contributions, 100.0 * cosine.clamp(0.0, 1.0), 0.0)
            }
            _ => (Vec::new(), 0.0, 0.0),
        };
    let named = name_terms(text, &contributions);
    let mut up: Vec<Term> = named.iter().filter(|t| t.weight > 0.0).cloned().collect();
    let mut down: Vec<Term> = named.into_iter().filter(|t| t.weight < 0.0).collect();
    up.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    down.sort_by(|a, b| a.weight.total_cmp(&b.weight));
    up.truncate(TERMS_SHOWN);
    down.truncate(TERMS_SHOWN);
    Explanation {
        mode: fit.mode(),
        fit: fit_value,
        bias,
        top_up: up,
        top_down: down,
        nearest_starred,
    }
}

/// Gives each bucket's contribution the text of the first term of the
/// paper that falls in it (the title's wording before the abstract's).
fn name_terms(text: &impl Document, contributions: &[(u32, f32)]) -> Vec<Term> {
    let found = surfaces(text);
    contributions
        .iter()
        .filter(|(_, weight)| *weight != 0.0)
        .filter_map(|&(bucket, weight)| {
            let (_, surface) = found.iter().find(|(b, _)| *b == bucket)?;
            Some(Term {
                text: surface_text(text, surface),
                weight,
            })
        })
        .collect()
}

/// The positive with the highest cosine to `doc`, `doc` itself excepted.
fn nearest_starred(fit: &Fit, corpus: &Corpus, doc: usize) -> Option<(usize, f32)> {
    let mine: Vec<(u32, f32)> = corpus.vector(doc).collect();
    fit.positives()
        .iter()
        .filter(|&&starred| starred != doc)
        .map(|&starred| {
            let cosine: f32 = corpus
                .vector(starred)
                .map(|(bucket, value)| {
                    mine.iter()
                        .filter(|(b, _)| *b == bucket)
                        .map(|(_, v)| v * value)
                        .sum::<f32>()
                })
                .sum();
            (starred, cosine)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}
