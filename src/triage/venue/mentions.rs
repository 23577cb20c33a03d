//! Finding venue names (acronyms and aliases from the table) in tokenised text, with the
//! year written next to them.

use super::scan::{Token, year_after, year_before};
use super::table::{Spelling, Table};

/// One venue name found in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub venue: usize,
    /// The spelling matched is case-exact (an English word or a short acronym), so it needs
    /// a year or a cue to count.
    pub exact: bool,
    /// Token index of the first word of the name.
    pub first_token: usize,
    /// Byte span of the name plus an adjacent year: what `Venue::matched` reports.
    pub start: usize,
    pub end: usize,
    pub year: Option<u16>,
    /// The name stands right after `(`: `Conference on X (ACR)`.
    pub parenthesised: bool,
}

/// Every venue mention, left to right, without overlaps.
pub(super) fn find(text: &str, tokens: &[Token], table: &Table) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        match mention_at(text, tokens, table, index) {
            Some((mention, next_index)) => {
                found.push(mention);
                index = next_index;
            }
            None => index += 1,
        }
    }
    found
}

/// The longest venue name starting at token `first`, and the index of the token after it.
fn mention_at(
    text: &str,
    tokens: &[Token],
    table: &Table,
    first: usize,
) -> Option<(Mention, usize)> {
    let token = tokens[first];
    let whole = &text[token.start..token.end];
    let core = &text[token.start..token.core_end];
    let mut candidates = table.spellings_starting_with(whole).iter();
    let glued_candidates = if token.glued_year.is_some() {
        table.spellings_starting_with(core)
    } else {
        &[]
    };
    let (spelling, glued) = candidates
        .find_map(|spelling| spelling_at(text, tokens, first, spelling))
        .or_else(|| {
            glued_candidates
                .iter()
                .find_map(|spelling| spelling_at(text, tokens, first, spelling))
        })?;
    let last = first + spelling.words.len() - 1;
    let name_start = token.start;
    let name_end = if glued {
        tokens[last].core_end
    } else {
        tokens[last].end
    };
    let mut mention = Mention {
        venue: spelling.venue,
        exact: spelling.exact,
        first_token: first,
        start: name_start,
        end: name_end,
        year: None,
        parenthesised: text[..name_start].trim_end().ends_with('('),
    };
    let mut next_index = last + 1;
    if glued {
        mention.year = tokens[last].glued_year;
        mention.end = tokens[last].end;
    } else if let Some(after) = year_after(text, tokens, last) {
        mention.year = Some(after.year);
        next_index = after.token + 1;
        // `(ICCAD) 2025`: the span stays on the name rather than straddling the `)`.
        if !after.across_paren {
            mention.end = tokens[after.token].end;
        }
    } else if let Some((year, year_token)) = year_before(text, tokens, first) {
        mention.year = Some(year);
        mention.start = tokens[year_token].start;
    }
    Some((mention, next_index))
}

/// Whether `spelling` is written at tokens `first..`; `Some(true)` when its last word
/// matched only without a glued year (`ICST2023`).
fn spelling_at<'table>(
    text: &str,
    tokens: &[Token],
    first: usize,
    spelling: &'table Spelling,
) -> Option<(&'table Spelling, bool)> {
    let count = spelling.words.len();
    let span = tokens.get(first..first + count)?;
    for (index, pair) in span.windows(2).enumerate() {
        let gap = &text[pair[0].end..pair[1].start];
        let word = &text[pair[0].start..pair[0].end];
        if !gap.chars().all(char::is_whitespace) || !spelling.word_matches(index, word) {
            return None;
        }
    }
    let last = span[count - 1];
    if spelling.word_matches(count - 1, &text[last.start..last.end]) {
        return Some((spelling, false));
    }
    let glued = last.glued_year.is_some()
        && spelling.word_matches(count - 1, &text[last.start..last.core_end]);
    glued.then_some((spelling, true))
}
