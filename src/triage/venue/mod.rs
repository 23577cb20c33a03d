//! Where a paper was accepted or published, read from its arXiv `comment` and `journal_ref`.
//!
//! A venue is a known acronym or alias (`venues.tsv`: conferences from ccf-deadlines plus
//! journals and aliases added here) that the text ties to the paper:
//! - in `journal_ref`, any mention: the paper is *published* there;
//! - in `comment`, a mention after a cue (`accepted at`, `to appear in`, `camera-ready`,
//!   `published at`, `Proceedings of`), or with a year next to it (`ICCAD 2024`, `ISCA '25`,
//!   `(DAC'25)`, `ICLR2024`, `AAAI-24`). A bare `ICCAD 2024` is read as *accepted*: authors
//!   write the venue into the comment once the paper is in, and say `submitted to` otherwise.
//!
//! Never a venue: `submitted to X`, `under review at X`, `X 2025 submission`, rejections;
//! workshops, contests, challenges and tutorials held at X; anything inside a URL, a domain
//! name or an e-mail address, or inside a longer word (`DAC-based`). Acronyms that are
//! English words or short (DATE, FAST, SC, MICRO, DAC) match only as spelled and only with a
//! year or a cue. Two-digit years mean 20xx, 80-99 19xx (`ISCA '98`).
//!
//! The lookup tables are built once per process; a typical comment costs about a
//! microsecond (`cargo bench --bench triage -- venue` measures it).

mod context;
mod filter;
mod mentions;
mod scan;
mod table;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::model::Paper;

pub use filter::{VenueFilter, VenueFilterError};

use context::{Cue, Reading, Surroundings};
use mentions::Mention;
use table::TABLE;

/// A venue the paper was accepted at or published in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    /// Canonical acronym from the venue list: `DAC`, `NeurIPS`, `EMNLP Findings`, `TCAD`.
    pub name: String,
    pub year: Option<u16>,
    pub status: VenueStatus,
    /// The exact span of the comment or journal reference that named the venue (the name
    /// plus an adjacent year), e.g. `DAC'25` or `ICCAD 2024`.
    pub matched: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VenueStatus {
    Accepted,
    Published,
}

/// The venue named by a paper's `journal_ref` (preferred: it is the published record) or
/// else its `comment`; `None` when neither names one.
pub fn detect(comment: Option<&str>, journal_ref: Option<&str>) -> Option<Venue> {
    journal_ref
        .and_then(|text| best_in(text, Source::JournalRef))
        .or_else(|| comment.and_then(|text| best_in(text, Source::Comment)))
}

/// [`detect`] over the fields of `paper` that name venues. Computed whenever a paper is shown,
/// never stored, so a better detector also reads the papers already cached.
pub fn of_paper(paper: &Paper) -> Option<Venue> {
    detect(paper.comment.as_deref(), paper.journal_ref.as_deref())
}

impl Venue {
    /// `DAC 2025`, or just `DAC` when no year was given: what the table and `show` print.
    pub fn label(&self) -> String {
        match self.year {
            Some(year) => format!("{} {year}", self.name),
            None => self.name.clone(),
        }
    }
}

/// The full name of a venue given its acronym or an alias, any case (for BibTeX
/// `booktitle`/`journal`): `full_name("ICCAD")` is `International Conference on
/// Computer-Aided Design` as the venue list spells it.
pub fn full_name(acronym: &str) -> Option<&'static str> {
    TABLE.row_named(acronym).map(|row| row.full_name)
}

/// Whether the venue (acronym or alias) is a journal rather than a conference: BibTeX wants
/// `@article` with `journal` for those, `@inproceedings` with `booktitle` otherwise.
pub fn is_journal(acronym: &str) -> bool {
    TABLE.row_named(acronym).is_some_and(|row| row.is_journal)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Comment,
    JournalRef,
}

/// How sure a reading is: a cue beats a bare year, so `ICCAD 2023 benchmark; accepted at
/// DAC 2025` reports DAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Bare,
    Cued,
}

fn best_in(text: &str, source: Source) -> Option<Venue> {
    let tokens = scan::tokens(text);
    let found = mentions::find(text, &tokens, &TABLE);
    if found.is_empty() {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let sentence_ends = scan::sentence_ends(text);
    let mut best: Option<(Strength, Venue)> = None;
    let mut previous_cue: Option<Cue> = None;
    for (index, mention) in found.iter().enumerate() {
        let previous = index.checked_sub(1).map(|before| &found[before]);
        let around = surroundings(
            text,
            &sentence_ends,
            previous,
            mention,
            found.get(index + 1),
        );
        let mut reading = context::read(&lower, &around);
        // `accepted at DAC 2025 and ICCAD 2025`: a list shares the cue of its first item.
        if reading.cue.is_none() && joined_by_conjunction(&lower, &around, previous) {
            reading.cue = previous_cue;
        }
        previous_cue = reading.cue;
        let Some((strength, venue)) = judge(text, &tokens, mention, &around, &reading, source)
        else {
            continue;
        };
        if best
            .as_ref()
            .is_none_or(|(best_strength, _)| strength > *best_strength)
        {
            best = Some((strength, venue));
        }
    }
    best.map(|(_, venue)| venue)
}

fn surroundings(
    text: &str,
    sentence_ends: &[usize],
    previous: Option<&Mention>,
    mention: &Mention,
    next: Option<&Mention>,
) -> Surroundings {
    let (sentence_start, sentence_end) =
        scan::sentence_around(sentence_ends, text.len(), mention.start);
    let before_start = previous.map_or(sentence_start, |previous| previous.end.max(sentence_start));
    let after_end = next.map_or(sentence_end, |next| next.start.min(sentence_end));
    let clause_end = text[mention.end..after_end]
        .find([',', ';'])
        .map_or(after_end, |offset| mention.end + offset);
    Surroundings {
        before: (before_start, mention.start),
        after_clause: (mention.end, clause_end),
        after_sentence: (mention.end, after_end),
    }
}

fn joined_by_conjunction(lower: &str, around: &Surroundings, previous: Option<&Mention>) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    let (start, end) = around.before;
    start == previous.end
        && lower[start..end]
            .split(|c: char| c.is_whitespace() || c == ',' || c == '&' || c == '/')
            .all(|word| matches!(word, "" | "and" | "or"))
}

fn judge(
    text: &str,
    tokens: &[scan::Token],
    mention: &Mention,
    around: &Surroundings,
    reading: &Reading,
    source: Source,
) -> Option<(Strength, Venue)> {
    if reading.cue == Some(Cue::NotAccepted) || reading.not_main_track {
        return None;
    }
    let cued = reading.cue.is_some();
    let full_name_context = mention.parenthesised && reading.after_full_name;
    if mention.exact && mention.year.is_none() && !cued && !full_name_context {
        return None;
    }
    let status = match (source, reading.cue) {
        (Source::JournalRef, _) | (Source::Comment, Some(Cue::Published)) => VenueStatus::Published,
        (Source::Comment, Some(_)) => VenueStatus::Accepted,
        (Source::Comment, None) if mention.year.is_some() || full_name_context => {
            VenueStatus::Accepted
        }
        (Source::Comment, None) => return None,
    };
    let year = mention.year.or_else(|| {
        // `2023 IEEE International Conference on ... (ICST)`: the year opens the full name.
        full_name_context
            .then(|| nearest_year_before(text, tokens, mention, around.before.0))
            .flatten()
    });
    let row = &TABLE.rows[mention.venue];
    let name = if reading.findings {
        TABLE
            .row_named(&format!("{} Findings", row.acronym))
            .map_or(row.acronym, |findings| findings.acronym)
    } else {
        row.acronym
    };
    let strength = if cued { Strength::Cued } else { Strength::Bare };
    let venue = Venue {
        name: name.to_owned(),
        year,
        status,
        matched: text[mention.start..mention.end].to_owned(),
    };
    Some((strength, venue))
}

fn nearest_year_before(
    text: &str,
    tokens: &[scan::Token],
    mention: &Mention,
    window_start: usize,
) -> Option<u16> {
    tokens[..mention.first_token]
        .iter()
        .rev()
        .take_while(|token| token.start >= window_start)
        .find_map(|token| scan::four_digit_year(text, token))
}
