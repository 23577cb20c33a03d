//! What a word is, for the relevance score and for search: a run of letters
//! and digits (Unicode-aware), compared ignoring case, where a word also
//! matches its plural (`npu` matches `NPUs`, `process` matches `processes`).
//!
//! Both the score and search read every cached paper, so nothing here
//! allocates per word: [`Words`] walks the text in place and yields slices,
//! [`word_matches`] compares ASCII words (nearly all of arXiv) byte by byte,
//! and [`Starts::scan`] counts words 64 bytes at a time and stops only at
//! those that could begin a searched phrase. Needles are lowercased once by
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

/// Calls `visit` with each word of `text` lowercased as [`lowercase_words`]
/// lowercases it, through one reused buffer (the search index stores every
/// word of every paper this way); returns how many words there were.
pub fn each_lowercase_word(text: &str, mut visit: impl FnMut(&str)) -> usize {
    let mut buffer = String::new();
    let mut count = 0;
    for word in words(text) {
        count += 1;
        if word.ascii && !word.text.bytes().any(|byte| byte.is_ascii_uppercase()) {
            // Most words: already lowercase, nothing to copy.
            visit(word.text);
            continue;
        }
        buffer.clear();
        if word.ascii {
            buffer.push_str(word.text);
            buffer.make_ascii_lowercase();
        } else {
            buffer.extend(word.text.chars().flat_map(char::to_lowercase));
        }
        visit(&buffer);
    }
    count
}

/// [`word_matches`] said as a set: the lowercased texts a word may have to
/// match `lowercase_needle`, the needle itself and, with `plural`, the
/// needle plus each plural ending. A word matches exactly when its
/// lowercase form (char by char, as [`each_lowercase_word`] gives it) is one
/// of these, which is how the search index matches without the text.
pub fn matching_forms(lowercase_needle: &str, plural: bool) -> Vec<String> {
    if lowercase_needle.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![lowercase_needle.to_owned()];
    if plural {
        forms.extend(
            PLURAL_ENDINGS
                .iter()
                .map(|ending| format!("{lowercase_needle}{ending}")),
        );
    }
    forms
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
                // Both cases, so the scan needs no lowercasing.
                starts.by_first_byte[usize::from(byte)] |= bit;
                starts.by_first_byte[usize::from(byte.to_ascii_uppercase())] |= bit;
            }
        }
        starts
    }

    /// The phrases `word` may start. A non-ASCII word may start any (its
    /// first char can lowercase to anything); an ASCII one only those
    /// beginning with its first letter, in either case.
    pub fn candidates(&self, word: Word<'_>) -> u64 {
        if !word.ascii {
            return self.all;
        }
        word.text
            .as_bytes()
            .first()
            .map_or(0, |&byte| self.by_first_byte[usize::from(byte)])
    }

    /// Counts the words of `text`, calling `visit` with each word that may
    /// start a phrase, its [`candidates`](Self::candidates) and the words
    /// after it; `visit` returns false to stop early (the count then stops
    /// there too).
    ///
    /// This is the loop every abstract goes through, so ASCII text (nearly
    /// all of arXiv) is read 64 bytes at a time into a bit mask of letters
    /// and digits (`alphanumeric_mask`); word starts are the set bits not
    /// preceded by one, counted at once, and only those whose first byte
    /// some phrase starts with are looked at.
    pub fn scan<'t>(
        &self,
        text: &'t str,
        mut visit: impl FnMut(Word<'t>, u64, &Words<'t>) -> bool,
    ) -> usize {
        if !text.is_ascii() {
            return self.scan_words(text, visit);
        }
        let bytes = text.as_bytes();
        let mut count = 0;
        let mut after_word = 0u64;
        for (chunk_index, chunk) in bytes.chunks(64).enumerate() {
            let in_word = alphanumeric_mask(chunk);
            let mut word_starts = in_word & !((in_word << 1) | after_word);
            count += word_starts.count_ones() as usize;
            while word_starts != 0 {
                let i = word_starts.trailing_zeros() as usize;
                word_starts &= word_starts - 1;
                if self.by_first_byte[usize::from(chunk[i])] == 0 {
                    continue;
                }
                let mut rest = Words {
                    text,
                    position: chunk_index * 64 + i,
                };
                if let Some(word) = rest.next()
                    && !visit(word, self.candidates(word), &rest)
                {
                    return count;
                }
            }
            after_word = in_word >> 63;
        }
        count
    }

    /// [`scan`](Self::scan) for text with non-ASCII characters, word by word.
    fn scan_words<'t>(
        &self,
        text: &'t str,
        mut visit: impl FnMut(Word<'t>, u64, &Words<'t>) -> bool,
    ) -> usize {
        let mut count = 0;
        let mut rest = words(text);
        while let Some(word) = rest.next() {
            count += 1;
            let candidates = self.candidates(word);
            if candidates != 0 && !visit(word, candidates, &rest) {
                break;
            }
        }
        count
    }
}

/// Bit `i` set when ASCII byte `chunk[i]` is a letter or digit, for up to
/// 64 bytes. Eight bytes at a time, without a branch: each byte is tested
/// against the ranges `0-9` and (case folded) `a-z` by adding offsets that
/// carry into its top bit, then the top bits are gathered by one multiply.
/// Only for ASCII: a byte above 0x7F would carry into its neighbour.
fn alphanumeric_mask(chunk: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    // Top bit of each byte set when it is in lo..=hi (bytes below 0x80).
    let in_range = |x: u64, lo: u8, hi: u8| {
        let at_least_lo = x + ONES * u64::from(0x80 - lo);
        let above_hi = x + ONES * u64::from(0x7f - hi);
        at_least_lo & !above_hi & TOPS
    };
    let mut mask = 0u64;
    for (i, eight) in chunk.chunks(8).enumerate() {
        let mut word = [0u8; 8];
        word[..eight.len()].copy_from_slice(eight);
        let x = u64::from_le_bytes(word);
        let lowercase = x | (ONES * 0x20);
        let tops = in_range(x, b'0', b'9') | in_range(lowercase, b'a', b'z');
        // Byte k's top bit lands on bit 56 + k; nothing else reaches there.
        let bits = ((tops >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) & 0xff;
        mask |= bits << (8 * i);
    }
    mask
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
    fn matching_forms_say_what_word_matches_decides() {
        let texts = [
            "NPU",
            "NPUs",
            "npus",
            "NPUS",
            "npuses",
            "npues",
            "npuss",
            "input",
            "Matches",
            "MATCHES",
            "matchs",
            "matche",
            "match",
            "Cafés",
            "CAFÉS",
            "café",
            "cafe",
            "Müller",
            "MÜLLERs",
            "müllerES",
            "σοφία",
            "ΣΟΦΊΑ",
            "ΣΟΦΊΑs",
            "Straße",
            "STRASSE",
            "K",
            "k",
            "\u{212a}",
            "İstanbul",
            "s",
            "es",
            "ses",
            "Ses",
            "漢字",
            "漢字s",
            "ǅemal",
            "ǆemals",
            "x2",
            "X2es",
        ];
        let mut needles: Vec<String> = texts.iter().flat_map(|t| lowercase_words(t)).collect();
        needles.extend(["", "e", "matc", "npue"].map(String::from));
        for text in texts {
            let word = words(text).next().expect("one word");
            assert_eq!(word.text, text, "test words are single words");
            let mut lowered = String::new();
            each_lowercase_word(text, |w| lowered = w.to_owned());
            assert_eq!(lowered, lowercase(text));
            for needle in &needles {
                for plural in [false, true] {
                    assert_eq!(
                        word_matches(word, needle, plural),
                        matching_forms(needle, plural).contains(&lowered),
                        "{text} against {needle:?}, plural {plural}"
                    );
                }
            }
        }
    }

    #[test]
    fn each_lowercase_word_counts_and_lowercases_like_lowercase_words() {
        let text = "On-device LLMs (2.7× faster): GPT-4o, MÜLLER's ΣΟΦΊΑ!";
        let mut seen = Vec::new();
        let count = each_lowercase_word(text, |word| seen.push(word.to_owned()));
        assert_eq!(seen, lowercase_words(text));
        assert_eq!(count, words(text).count());
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

    /// What `scan` reports: the word count and the visited words.
    fn scanned(starts: &Starts, text: &str) -> (usize, Vec<(String, u64)>) {
        let mut seen = Vec::new();
        let count = starts.scan(text, |word, candidates, _| {
            seen.push((word.text.to_owned(), candidates));
            true
        });
        (count, seen)
    }

    #[test]
    fn scan_counts_every_word_and_visits_only_possible_starts() {
        let phrases = [lowercase_words("neural net"), lowercase_words("npu")];
        let starts = Starts::new(phrases.iter().map(Vec::as_slice));
        // Words straddling the 64-byte chunks of the fast path.
        let filler = "x".repeat(61);
        let text = format!("{filler} NPUs; a Neural-net unit, npu{}nx", " ".repeat(70));
        let (count, seen) = scanned(&starts, &text);
        assert_eq!(count, words(&text).count());
        let visited: Vec<&str> = seen.iter().map(|(word, _)| word.as_str()).collect();
        assert_eq!(visited, ["NPUs", "Neural", "net", "npu", "nx"]);
        assert!(seen.iter().all(|(_, candidates)| *candidates == 0b11));

        // Non-ASCII text goes word by word, with the same answers.
        let accented = format!("{text} café Über");
        let (count, seen) = scanned(&starts, &accented);
        assert_eq!(count, words(&accented).count());
        assert_eq!(seen.len(), 7, "{seen:?}");
        assert_eq!(
            seen[5],
            ("café".to_owned(), 0b11),
            "a non-ASCII word may start anything"
        );
    }

    #[test]
    fn the_alphanumeric_mask_agrees_with_the_byte_test_for_every_ascii_byte() {
        let all: Vec<u8> = (0u8..128).collect();
        for chunk in all.chunks(64).chain([&all[3..50], &all[60..61], &[][..]]) {
            let expected = chunk
                .iter()
                .enumerate()
                .filter(|(_, byte)| byte.is_ascii_alphanumeric())
                .fold(0u64, |mask, (i, _)| mask | 1 << i);
            assert_eq!(alphanumeric_mask(chunk), expected, "{chunk:?}");
        }
    }

    #[test]
    fn scan_stops_when_asked() {
        let phrases = [lowercase_words("a")];
        let starts = Starts::new(phrases.iter().map(Vec::as_slice));
        let mut visits = 0;
        starts.scan("a b a c a", |_, _, _| {
            visits += 1;
            visits < 2
        });
        assert_eq!(visits, 2);
    }

    #[test]
    fn scan_of_exactly_one_chunk_and_of_nothing() {
        let phrases = [lowercase_words("w")];
        let starts = Starts::new(phrases.iter().map(Vec::as_slice));
        let text = "w ".repeat(32);
        assert_eq!(text.len(), 64);
        assert_eq!(scanned(&starts, &text).0, 32);
        assert_eq!(scanned(&starts, &(text.clone() + "w")).0, 33);
        assert_eq!(scanned(&starts, "").0, 0);
        assert_eq!(scanned(&starts, " -- ").0, 0);
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
