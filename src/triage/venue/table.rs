//! The venue list (`venues.tsv`, embedded) and the lookups built from it once per process.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::scan::{ascii_lowercase_in, words};

const VENUES_TSV: &str = include_str!("venues.tsv");

/// One venue: its canonical acronym and full name.
#[derive(Debug)]
pub(super) struct VenueRow {
    pub acronym: &'static str,
    pub full_name: &'static str,
    pub is_journal: bool,
}

/// One way of writing a venue (its acronym or an alias), split into words as the scanner
/// splits text, so `IEEE S&P` is two words and `ASP-DAC` one.
#[derive(Debug)]
pub(super) struct Spelling {
    pub words: Vec<&'static str>,
    /// Match only as spelled: acronyms that are English words (DATE, MICRO) or very short.
    pub exact: bool,
    pub venue: usize,
}

impl Spelling {
    /// Whether `text` is this spelling's word `index`, honouring the case rule.
    pub fn word_matches(&self, index: usize, text: &str) -> bool {
        let word = self.words[index];
        if self.exact {
            word == text
        } else {
            word.eq_ignore_ascii_case(text)
        }
    }
}

#[derive(Debug)]
pub(super) struct Table {
    pub rows: Vec<VenueRow>,
    /// Lowercased first word -> spellings starting with it, longest first. Looked up for
    /// every word of every comment, hence bytes as keys and a cheap hash.
    by_first_word: HashMap<Box<[u8]>, Vec<Spelling>, BuildHasherDefault<Fnv1a>>,
    /// Lowercased spelling (words joined by one space) -> venue, for user input.
    by_name: HashMap<String, usize>,
}

/// Longest word of any spelling; longer text words skip the lookup (no allocation needed).
pub(super) const MAX_WORD_LEN: usize = 32;

impl Table {
    /// Spellings whose first word is `word` (any case); empty when none.
    pub fn spellings_starting_with(&self, word: &str) -> &[Spelling] {
        let mut buffer = [0u8; MAX_WORD_LEN];
        match ascii_lowercase_in(word, &mut buffer) {
            Some(lower) => self.by_first_word.get(lower).map_or(&[], Vec::as_slice),
            None => &[],
        }
    }

    /// The venue a user-typed name (acronym or alias, any case) stands for.
    pub fn venue_named(&self, name: &str) -> Option<usize> {
        let key = words(name)
            .map(|(start, end)| name[start..end].to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        self.by_name.get(&key).copied()
    }

    pub fn row_named(&self, name: &str) -> Option<&VenueRow> {
        self.venue_named(name).map(|index| &self.rows[index])
    }
}

pub(super) static TABLE: LazyLock<Table> = LazyLock::new(|| {
    // The file is compiled in and checked by a unit test, so a bad row is a build defect.
    parse(VENUES_TSV).unwrap_or_else(|error| panic!("{error}"))
});

fn parse(tsv: &'static str) -> Result<Table, String> {
    let mut table = Table {
        rows: Vec::new(),
        by_first_word: HashMap::default(),
        by_name: HashMap::new(),
    };
    let mut header_seen = false;
    for (line_index, line) in tsv.lines().enumerate() {
        let line_number = line_index + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        let [
            acronym,
            full_name,
            kind,
            case,
            aliases,
            exact_aliases,
            _origin,
        ] = fields[..]
        else {
            return Err(format!(
                "venues.tsv line {line_number}: expected 7 tab-separated fields, found {}",
                fields.len()
            ));
        };
        let is_journal = match kind {
            "journal" => true,
            "conference" => false,
            other => {
                return Err(format!(
                    "venues.tsv line {line_number}: field kind: unknown value `{other}`"
                ));
            }
        };
        let acronym_exact = match case {
            "exact" => true,
            "any" => false,
            other => {
                return Err(format!(
                    "venues.tsv line {line_number}: field case: unknown value `{other}`"
                ));
            }
        };
        let venue = table.rows.len();
        table.rows.push(VenueRow {
            acronym,
            full_name,
            is_journal,
        });
        let spellings = std::iter::once((acronym, acronym_exact))
            .chain(split_list(aliases).map(|alias| (alias, false)))
            .chain(split_list(exact_aliases).map(|alias| (alias, true)));
        for (spelling, exact) in spellings {
            table.add_spelling(spelling, exact, venue, line_number)?;
        }
    }
    for candidates in table.by_first_word.values_mut() {
        candidates.sort_by_key(|spelling| std::cmp::Reverse(spelling.words.len()));
    }
    Ok(table)
}

fn split_list(field: &'static str) -> impl Iterator<Item = &'static str> {
    field.split(',').filter(|item| !item.is_empty())
}

impl Table {
    fn add_spelling(
        &mut self,
        spelling: &'static str,
        exact: bool,
        venue: usize,
        line_number: usize,
    ) -> Result<(), String> {
        let spelling_words: Vec<&'static str> = words(spelling)
            .map(|(start, end)| &spelling[start..end])
            .collect();
        let Some(first) = spelling_words.first() else {
            return Err(format!(
                "venues.tsv line {line_number}: empty name `{spelling}`"
            ));
        };
        if spelling_words.iter().any(|word| word.len() > MAX_WORD_LEN) {
            return Err(format!(
                "venues.tsv line {line_number}: word longer than {MAX_WORD_LEN} bytes in `{spelling}`"
            ));
        }
        let key = spelling_words
            .iter()
            .map(|word| word.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(previous) = self.by_name.insert(key, venue) {
            return Err(format!(
                "venues.tsv line {line_number}: name `{spelling}` already used by {}",
                self.rows[previous].acronym
            ));
        }
        self.by_first_word
            .entry(first.to_ascii_lowercase().into_bytes().into_boxed_slice())
            .or_default()
            .push(Spelling {
                words: spelling_words,
                exact,
                venue,
            });
        Ok(())
    }
}

/// FNV-1a: keys are short trusted words from our own table, so the DoS resistance of the
/// default SipHash buys nothing and costs a fifth of the scan.
#[derive(Debug)]
pub(super) struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
pub(super) fn parse_embedded() -> Result<Table, String> {
    parse(VENUES_TSV)
}
