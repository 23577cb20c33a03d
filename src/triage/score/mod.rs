//! The relevance score: how well one paper fits one topic, 0 to 100, from
//! rules a reader can check by hand (the README's "Relevance score" table).
//!
//! Each keyword of the topic counts once, where it matters most: in the
//! title, else in the abstract; a phrase of several words counts more than
//! a single word. A followed author, the topic's categories and a recent
//! submission add to it. The sum is capped at 100.
//!
//! Scores are computed when listing, never stored: keywords and authors in
//! the config can change at any time, and a stored score would silently go
//! stale. Scoring is cheap: [`Scorer`] prepares a topic's words once and
//! [`Scorer::total`] scans a paper without allocating.

mod terms;

use std::cmp::Reverse;

use chrono::NaiveDate;

use crate::model::Topic;
use crate::model::{CachedPaper, Paper};
use crate::triage::filter::category_matches;
use crate::triage::parallel::in_ranges;
use crate::triage::words::{Starts, contains_phrase, phrase_at};

use terms::{Term, Terms, topic_terms};

pub const TITLE_PHRASE: u8 = 30;
pub const TITLE_WORD: u8 = 20;
pub const ABSTRACT_PHRASE: u8 = 12;
pub const ABSTRACT_WORD: u8 = 8;
pub const AUTHOR: u8 = 25;
pub const PRIMARY_CATEGORY: u8 = 10;
pub const CROSS_LIST: u8 = 5;
/// Points for a paper submitted today, falling linearly to 0 at
/// [`RECENCY_DAYS`].
pub const RECENCY: u8 = 10;
pub const RECENCY_DAYS: i64 = 30;
pub const MAX: u8 = 100;

/// Why a paper earned points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    TitlePhrase,
    TitleWord,
    AbstractPhrase,
    AbstractWord,
    Author,
    PrimaryCategory,
    CrossList,
    Recency,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::TitlePhrase => "title phrase",
            Reason::TitleWord => "title word",
            Reason::AbstractPhrase => "abstract phrase",
            Reason::AbstractWord => "abstract word",
            Reason::Author => "followed author",
            Reason::PrimaryCategory => "primary category",
            Reason::CrossList => "cross-listed in",
            Reason::Recency => "recency",
        }
    }
}

/// One line of an explanation: `+30 title phrase "neural processing unit"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub reason: Reason,
    /// The keyword or author as configured, the paper's category, or for
    /// recency the submission date and age.
    pub term: String,
    pub points: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// The sum of the parts' points, capped at [`MAX`].
    pub total: u8,
    pub parts: Vec<Part>,
}

/// Scores `paper` against `topic` with every part spelled out. For many
/// papers, make one [`Scorer`] and call [`Scorer::total`].
pub fn score(paper: &Paper, topic: &Topic, today: NaiveDate) -> Score {
    Scorer::new(topic, today).explain(paper)
}

/// One topic's terms, prepared for scoring many papers.
#[derive(Debug, Clone)]
pub struct Scorer {
    terms: Terms,
    /// Per chunk of [`CHUNK`] keywords, which a word may start.
    starts: Vec<Starts>,
    today: NaiveDate,
}

/// Keywords are looked for 64 at a time, one bit each.
const CHUNK: usize = 64;

impl Scorer {
    pub fn new(topic: &Topic, today: NaiveDate) -> Self {
        let terms = topic_terms(topic);
        let starts = terms
            .keywords
            .chunks(CHUNK)
            .map(|chunk| Starts::new(chunk.iter().map(|term| term.words.as_slice())))
            .collect();
        Scorer {
            terms,
            starts,
            today,
        }
    }

    /// The score alone: no allocation, one pass over the title and at most
    /// one over the abstract.
    pub fn total(&self, paper: &Paper) -> u8 {
        let mut sum = 0u32;
        self.visit(paper, |_, _, points| sum += u32::from(points));
        capped(sum)
    }

    /// Every part that earned points, the biggest first.
    pub fn explain(&self, paper: &Paper) -> Score {
        let mut parts = Vec::new();
        self.visit(paper, |reason, term, points| {
            let term = match term {
                Some(term) => term.to_owned(),
                None => recency_note(paper, self.today),
            };
            parts.push(Part {
                reason,
                term,
                points,
            });
        });
        // Biggest contributions first; equal ones keep keyword order.
        parts.sort_by_key(|part| Reverse(part.points));
        let sum = parts.iter().map(|part| u32::from(part.points)).sum();
        Score {
            total: capped(sum),
            parts,
        }
    }

    /// Reports every part that earns points, in explanation order; the term
    /// is None for recency (the caller words it only when it needs to).
    fn visit(&self, paper: &Paper, mut report: impl FnMut(Reason, Option<&str>, u8)) {
        for (keywords, starts) in self.terms.keywords.chunks(CHUNK).zip(&self.starts) {
            let all = all_bits(keywords.len());
            let in_title = find_keywords(&paper.title, keywords, starts, all);
            let in_abstract = if in_title == all {
                0
            } else {
                find_keywords(&paper.summary, keywords, starts, all & !in_title)
            };
            for (i, keyword) in keywords.iter().enumerate() {
                let phrase = keyword.words.len() > 1;
                let reason = match (bit(in_title, i), bit(in_abstract, i), phrase) {
                    (true, _, true) => Reason::TitlePhrase,
                    (true, _, false) => Reason::TitleWord,
                    (false, true, true) => Reason::AbstractPhrase,
                    (false, true, false) => Reason::AbstractWord,
                    (false, false, _) => continue,
                };
                report(reason, Some(&keyword.text), points(reason));
            }
        }
        for followed in &self.terms.authors {
            let wrote_it = paper
                .authors
                .iter()
                .any(|author| contains_phrase(&author.name, &followed.words, false));
            if wrote_it {
                report(Reason::Author, Some(&followed.text), AUTHOR);
            }
        }
        if let Some((reason, category)) = self.category_part(paper) {
            report(reason, Some(category), points(reason));
        }
        let recency = recency_points(paper, self.today);
        if recency > 0 {
            report(Reason::Recency, None, recency);
        }
    }

    /// The primary category if it is one of the topic's, else the first
    /// cross-list that is; at most one of the two counts.
    fn category_part<'p>(&self, paper: &'p Paper) -> Option<(Reason, &'p str)> {
        let ours = |category: &str| {
            self.terms
                .categories
                .iter()
                .any(|needle| category_matches(category, needle))
        };
        let primary = paper
            .primary_category
            .as_deref()
            .or(paper.categories.first().map(String::as_str));
        if let Some(primary) = primary.filter(|category| ours(category)) {
            return Some((Reason::PrimaryCategory, primary));
        }
        paper
            .categories
            .iter()
            .find(|category| Some(category.as_str()) != primary && ours(category))
            .map(|category| (Reason::CrossList, category.as_str()))
    }
}

fn points(reason: Reason) -> u8 {
    match reason {
        Reason::TitlePhrase => TITLE_PHRASE,
        Reason::TitleWord => TITLE_WORD,
        Reason::AbstractPhrase => ABSTRACT_PHRASE,
        Reason::AbstractWord => ABSTRACT_WORD,
        Reason::Author => AUTHOR,
        Reason::PrimaryCategory => PRIMARY_CATEGORY,
        Reason::CrossList => CROSS_LIST,
        Reason::Recency => RECENCY,
    }
}

fn capped(sum: u32) -> u8 {
    u8::try_from(sum.min(u32::from(MAX))).unwrap_or(MAX)
}

fn bit(bits: u64, i: usize) -> bool {
    (bits >> i) & 1 == 1
}

fn all_bits(count: usize) -> u64 {
    if count >= CHUNK {
        u64::MAX
    } else {
        (1u64 << count) - 1
    }
}

/// Which of `keywords` (bits of `wanted`) occur in `text`, in one pass that
/// stops once all are found.
fn find_keywords(text: &str, keywords: &[Term], starts: &Starts, wanted: u64) -> u64 {
    let mut found = 0u64;
    starts.scan(text, |word, candidates, rest| {
        let mut pending = candidates & wanted & !found;
        while pending != 0 {
            let i = pending.trailing_zeros() as usize;
            pending &= pending - 1;
            if phrase_at(word, rest, &keywords[i].words, true).is_some() {
                found |= 1 << i;
            }
        }
        found != wanted
    });
    found
}

/// Days since version 1 was submitted; a date in the future (clock skew)
/// counts as today.
fn age_days(paper: &Paper, today: NaiveDate) -> i64 {
    (today - paper.published.date_naive()).num_days().max(0)
}

/// [`RECENCY`] × (30 − age) / 30, rounded down: 10 on the day, 0 from day 30.
fn recency_points(paper: &Paper, today: NaiveDate) -> u8 {
    let left = (RECENCY_DAYS - age_days(paper, today)).max(0);
    u8::try_from(i64::from(RECENCY) * left / RECENCY_DAYS).unwrap_or(0)
}

fn recency_note(paper: &Paper, today: NaiveDate) -> String {
    let days = age_days(paper, today);
    let date = paper.published.format("%Y-%m-%d");
    match days {
        0 => format!("submitted {date}, today"),
        1 => format!("submitted {date}, 1 day ago"),
        n => format!("submitted {date}, {n} days ago"),
    }
}

/// Below this many papers a second thread costs more than it saves.
const PARALLEL_MIN: usize = 4_096;

/// The score of each paper in a listing: the best over the listed topics
/// (`--topic`), or with none listed, over the topics the paper belongs to.
pub struct Relevance {
    scorers: Vec<(String, Scorer)>,
    listed_only: bool,
}

impl Relevance {
    /// `all` are the configured topics, `listed` those given by `--topic`
    /// (empty: each paper's own topics).
    pub fn new(all: &[Topic], listed: &[&Topic], today: NaiveDate) -> Self {
        let chosen: Vec<&Topic> = if listed.is_empty() {
            all.iter().collect()
        } else {
            listed.to_vec()
        };
        Relevance {
            scorers: chosen
                .into_iter()
                .map(|topic| (topic.name.clone(), Scorer::new(topic, today)))
                .collect(),
            listed_only: !listed.is_empty(),
        }
    }

    /// The score of each paper, in order. A big listing is split across
    /// threads: scoring reads every word of every abstract.
    pub fn of_all(&self, papers: &[&CachedPaper]) -> Vec<u8> {
        in_ranges(papers.len(), PARALLEL_MIN, |range| {
            papers[range]
                .iter()
                .map(|paper| self.of(paper))
                .collect::<Vec<u8>>()
        })
        .concat()
    }

    /// 0 for a paper in no configured topic (one added by `show --fetch`).
    pub fn of(&self, cached: &CachedPaper) -> u8 {
        self.scorers
            .iter()
            .filter(|(name, _)| self.listed_only || cached.topics.contains(name))
            .map(|(_, scorer)| scorer.total(&cached.paper))
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
