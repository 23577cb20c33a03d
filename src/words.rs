//! What a word is, for the relevance score and for search: a run of letters
//! and digits (Unicode-aware), compared ignoring case, where a word also
//! matches its plural (`npu` matches `NPUs`, `process` matches `processes`).
//!
//! Both the score and search scan every cached paper, so [`Words`] walks the
//! text in place and yields slices, and [`word_matches`] compares ASCII words
//! (nearly all of arXiv) without allocating, and [`Starts`] skips most
//! words with one lookup. Needles are lowercased once by
//! [`lowercase_words`].

use std::ops::Range;

/// The words of a text, in order, as slices of it. Cloning is free, which
/// is how phrase matching looks ahead without buffering.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    position: usize,
}

/// One word and where it sits in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    /// Whether the word is all ASCII, noted while scanning so comparisons
    /// can take the fast path without looking again.
    pub ascii: bool,
}

impl Word<'_> {
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }
}

pub fn words(text: &str) -> Words<'_> {
    Words { text, position: 0 }
}

/// How the scanner treats a byte: ASCII letters and digits are word bytes,
/// other ASCII separates words, and a byte above 0x7F starts (or continues)
/// a multi-byte char that must be decoded to be classified.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Separator,
    Word,
    NonAscii,
}

const CLASSES: [Class; 256] = {
    let mut classes = [Class::NonAscii; 256];
    let mut byte = 0;
    while byte < 128 {
        classes[byte] = if (byte as u8).is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Separator
        };
        byte += 1;
    }
    classes
};

fn class(byte: u8) -> Class {
    CLASSES[usize::from(byte)]
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    // Works on a local index, written back once: this loop runs over every
    // byte of every abstract searched.
    fn next(&mut self) -> Option<Word<'a>> {
        let bytes = self.text.as_bytes();
        let mut at = self.position;
        let start = loop {
            let Some(&byte) = bytes.get(at) else {
                self.position = at;
                return None;
            };
            match class(byte) {
                Class::Word => break at,
                Class::Separator => at += 1,
                Class::NonAscii => match char_at(self.text, at) {
                    Some(c) if c.is_alphanumeric() => break at,
                    Some(c) => at += c.len_utf8(),
                    None => at += 1,
                },
            }
        };
        let mut ascii = true;
        while let Some(&byte) = bytes.get(at) {
            match class(byte) {
                Class::Word => at += 1,
                Class::Separator => break,
                Class::NonAscii => match char_at(self.text, at) {
                    Some(c) if c.is_alphanumeric() => {
                        ascii = false;
                        at += c.len_utf8();
                    }
                    _ => break,
                },
            }
        }
        self.position = at;
        Some(Word {
            text: &self.text[start..at],
            start,
            ascii,
        })
    }
}

/// The char starting at byte `at` (always a char boundary here).
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The words of `text`, lowercased: how queries and keywords are prepared.
/// Lowercasing goes char by char (no final-sigma rule), exactly as
/// [`word_matches`] lowercases the text it compares against.
pub fn lowercase_words(text: &str) -> Vec<String> {
    words(text).map(|word| lowercase(word.text)).collect()
}

fn lowercase(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).collect()
}

/// Plural endings a word may add and still match: `npu` matches `NPUs`,
/// `match` matches `matches`. No other stemming: it is cheap, predictable,
/// and covers the commonest mismatch between a keyword and a title.
const PLURAL_ENDINGS: [&str; 2] = ["s", "es"];

/// Whether `word` is `lowercase_needle` ignoring case, or (with `plural`)
/// that plus a plural ending.
pub fn word_matches(word: Word<'_>, lowercase_needle: &str, plural: bool) -> bool {
    if lowercase_needle.is_empty() {
        return false;
    }
    if word.ascii {
        ascii_word_matches(word.text.as_bytes(), lowercase_needle.as_bytes(), plural)
    } else {
        unicode_word_matches(word.text, lowercase_needle, plural)
    }
}

/// The hot path: almost every word is rejected by its length or first
/// bytes. (A non-ASCII needle never equals an ASCII word: its bytes above
/// 0x7F cannot match.)
fn ascii_word_matches(word: &[u8], needle: &[u8], plural: bool) -> bool {
    let extra = match word.len().checked_sub(needle.len()) {
        Some(0) => 0,
        Some(extra @ 1..=2) if plural => extra,
        _ => return false,
    };
    let (stem, ending) = word.split_at(needle.len());
    stem.eq_ignore_ascii_case(needle)
        && match extra {
            0 => true,
            1 => ending.eq_ignore_ascii_case(b"s"),
            _ => ending.eq_ignore_ascii_case(b"es"),
        }
}

fn unicode_word_matches(word: &str, needle: &str, plural: bool) -> bool {
    let equal = |text: &str| text.chars().flat_map(char::to_lowercase).eq(needle.chars());
    equal(word)
        || plural
            && PLURAL_ENDINGS.iter().any(|ending| {
                let cut = word.len().saturating_sub(ending.len());
                cut > 0
                    && word.is_char_boundary(cut)
                    && word[cut..].eq_ignore_ascii_case(ending)
                    && equal(&word[..cut])
            })
}

/// Which of up to 64 phrases (bit `i` for `phrases[i]`) a word could
/// start, by its first byte: one lookup rules out nearly every word of an
/// abstract, and the few left are compared only with the phrases sharing
/// their first letter.
#[derive(Debug, Clone)]
pub struct Starts {
    by_first_byte: [u64; 256],
    all: u64,
}

impl Starts {
    /// Phrases past the 64th are ignored; callers take them 64 at a time.
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p [String]>) -> Self {
        let mut starts = Starts {
            by_first_byte: [0; 256],
            all: 0,
        };
        for (i, phrase) in phrases.into_iter().enumerate().take(64) {
            let bit = 1u64 << i;
            starts.all |= bit;
            if let Some(&byte) = phrase.first().and_then(|word| word.as_bytes().first()) {
                starts.by_first_byte[usize::from(byte)] |= bit;
            }
        }
        starts
    }

    /// The phrases `word` may start. A non-ASCII word may start any (its
    /// first char can lowercase to anything); an ASCII one only those
    /// beginning with its first letter, lowercased.
    pub fn candidates(&self, word: Word<'_>) -> u64 {
        if !word.ascii {
            return self.all;
        }
        word.text.as_bytes().first().map_or(0, |&byte| {
            self.by_first_byte[usize::from(byte.to_ascii_lowercase())]
        })
    }
}

/// If `phrase` (lowercase words) starts at `word`, which `rest` follows,
/// the byte range it covers in the text. The plural rule applies to each
/// word when `plural` is set.
pub fn phrase_at(
    word: Word<'_>,
    rest: &Words<'_>,
    phrase: &[String],
    plural: bool,
) -> Option<Range<usize>> {
    let (first, others) = phrase.split_first()?;
    if !word_matches(word, first, plural) {
        return None;
    }
    let mut end = word.range().end;
    let mut ahead = rest.clone();
    for needle in others {
        let next = ahead.next()?;
        if !word_matches(next, needle, plural) {
            return None;
        }
        end = next.range().end;
    }
    Some(word.start..end)
}

/// Whether `text` contains the words of `phrase` one after the other.
pub fn contains_phrase(text: &str, phrase: &[String], plural: bool) -> bool {
    let mut rest = words(text);
    while let Some(word) = rest.next() {
        if phrase_at(word, &rest, phrase, plural).is_some() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).map(|word| word.text).collect()
    }

    fn phrase(text: &str) -> Vec<String> {
        lowercase_words(text)
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(
            texts("On-device LLMs (2.7× faster): GPT-4o, Müller's café!"),
            [
                "On", "device", "LLMs", "2", "7", "faster", "GPT", "4o", "Müller", "s", "café"
            ]
        );
        assert!(texts("  -- () ").is_empty());
        assert_eq!(texts("漢字 テスト"), ["漢字", "テスト"]);
    }

    #[test]
    fn words_know_their_byte_offsets_in_multibyte_text() {
        let text = "été — naïve test";
        for word in words(text) {
            assert_eq!(&text[word.range()], word.text);
        }
        let starts: Vec<usize> = words(text).map(|w| w.start).collect();
        assert_eq!(starts, [0, 10, 17]);
    }

    #[test]
    fn lowercase_words_prepare_needles() {
        assert_eq!(
            lowercase_words("Neural Processing-UNIT"),
            ["neural", "processing", "unit"]
        );
        assert_eq!(lowercase_words("ÖSTERREICH ΣΟΦΊΑ"), ["österreich", "σοφία"]);
    }

    fn matches(text: &str, needle: &str, plural: bool) -> bool {
        let word = words(text).next().expect("one word");
        assert_eq!(word.text, text, "test words are single words");
        word_matches(word, needle, plural)
    }

    #[test]
    fn matching_ignores_case_and_allows_plurals_only_when_asked() {
        assert!(matches("NPU", "npu", false));
        assert!(matches("NPUs", "npu", true));
        assert!(!matches("NPUs", "npu", false));
        assert!(matches("matches", "match", true));
        assert!(matches("MATCHES", "match", true));
        assert!(!matches("matchxs", "match", true));
        assert!(!matches("input", "npu", true));
        assert!(!matches("npux", "npu", true));
        assert!(!matches("s", "", true));
        assert!(matches("MÜLLER", "müller", false));
        assert!(!matches("MULLER", "müller", false));
        assert!(matches("Cafés", "café", true));
        assert!(!matches("cafe", "café", true));
        assert!(!matches("café", "cafe", true));
    }

    #[test]
    fn the_scanner_notes_which_words_are_ascii() {
        let flags: Vec<bool> = words("plain Müller x").map(|word| word.ascii).collect();
        assert_eq!(flags, [true, false, true]);
    }

    #[test]
    fn starts_narrow_ascii_words_to_phrases_sharing_their_first_letter() {
        let phrases = [
            lowercase_words("neural processing"),
            lowercase_words("über"),
            lowercase_words("NPU"),
        ];
        let starts = Starts::new(phrases.iter().map(Vec::as_slice));
        let candidates: Vec<u64> = words("Neural über Über input")
            .map(|word| starts.candidates(word))
            .collect();
        assert_eq!(candidates, [0b101, 0b111, 0b111, 0]);
    }

    #[test]
    fn phrases_need_consecutive_words() {
        let npu = phrase("neural processing unit");
        assert!(contains_phrase(
            "A Neural-Processing Unit for LLMs",
            &npu,
            true
        ));
        assert!(contains_phrase("two neural processing units", &npu, true));
        assert!(!contains_phrase("neural processing units", &npu, false));
        assert!(!contains_phrase(
            "neural signal processing unit",
            &npu,
            true
        ));
        assert!(contains_phrase("neural neural processing unit", &npu, true));
        assert!(!contains_phrase("", &npu, true));
        assert!(!contains_phrase("anything", &[], true));
    }

    #[test]
    fn word_boundaries_hold() {
        let npu = phrase("NPU");
        assert!(!contains_phrase("input and throughput", &npu, true));
        assert!(contains_phrase("the (NPU)", &npu, true));
    }

    #[test]
    fn phrase_at_reports_the_covered_range() {
        let text = "on the On-Device path";
        let mut rest = words(text);
        rest.next();
        rest.next();
        let word = rest.next().expect("On");
        assert_eq!(
            phrase_at(word, &rest, &phrase("on device"), false),
            Some(7..16)
        );
        assert_eq!(phrase_at(word, &rest, &phrase("on"), false), Some(7..9));
        assert_eq!(phrase_at(word, &rest, &phrase("device"), false), None);
        assert_eq!(phrase_at(word, &rest, &[], false), None);
    }
}
