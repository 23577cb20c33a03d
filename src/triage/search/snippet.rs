//! A short window of a search hit's abstract around the query's words, and
//! where those words are, so a terminal can highlight them.

use std::ops::Range;

use crate::terminal::sanitize::terminal_safe;
use crate::triage::words::{Word, phrase_at, words};

/// Words a snippet shows (fewer when the abstract is shorter).
pub const WORDS: usize = 30;

const ELLIPSIS: &str = "…";

/// Single-spaced, terminal-safe text with `…` where it was cut, and the byte
/// ranges of the query's words in it (sorted, not overlapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The text in order as (piece, highlighted) pairs.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let mut segments = Vec::new();
        let mut at = 0;
        for range in &self.highlights {
            if range.start > at {
                segments.push((&self.text[at..range.start], false));
            }
            segments.push((&self.text[range.clone()], true));
            at = range.end;
        }
        if at < self.text.len() {
            segments.push((&self.text[at..], false));
        }
        segments
    }
}

/// The `window` words of `text` holding the most query words, with those
/// words a little in from the edges; the opening words when none occur.
/// `phrases` are lowercase words as in the query (one word or several).
pub fn snippet(text: &str, phrases: &[&[String]], window: usize) -> Snippet {
    let clean = terminal_safe(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<Word<'_>> = words(&clean).collect();
    let (hit_words, hits) = find_hits(&clean, words.len(), phrases);
    let (first, end) = best_window(&hit_words, window.max(1));
    if first >= end {
        return Snippet {
            text: String::new(),
            highlights: Vec::new(),
        };
    }
    // Whole whitespace-separated pieces, so "(NPU)." keeps its punctuation.
    let start = if first == 0 {
        0
    } else {
        clean[..words[first].start]
            .rfind(' ')
            .map_or(0, |space| space + 1)
    };
    let last_end = words[end - 1].range().end;
    let stop = if end == words.len() {
        clean.len()
    } else {
        clean[last_end..]
            .find(' ')
            .map_or(clean.len(), |space| last_end + space)
    };
    let prefix = if first > 0 { ELLIPSIS } else { "" };
    let suffix = if end < words.len() { ELLIPSIS } else { "" };
    let shift = |at: usize| at - start + prefix.len();
    let highlights = merged(
        hits.into_iter()
            .filter(|hit| hit.start >= start && hit.end <= stop)
            .map(|hit| shift(hit.start)..shift(hit.end))
            .collect(),
    );
    Snippet {
        text: format!("{prefix}{}{suffix}", &clean[start..stop]),
        highlights,
    }
}

/// Which words belong to an occurrence of a phrase, and the byte ranges of
/// the occurrences.
fn find_hits(text: &str, count: usize, phrases: &[&[String]]) -> (Vec<bool>, Vec<Range<usize>>) {
    let mut hit_words = vec![false; count];
    let mut hits = Vec::new();
    let mut rest = words(text);
    let mut index = 0;
    while let Some(word) = rest.next() {
        for phrase in phrases {
            if let Some(range) = phrase_at(word, &rest, phrase, true) {
                let covered = hit_words.iter_mut().skip(index).take(phrase.len());
                covered.for_each(|hit| *hit = true);
                hits.push(range);
            }
        }
        index += 1;
    }
    (hit_words, hits)
}

/// Word indices `[first, end)`: the window of `size` words with the most
/// hits (the earliest of equals), shifted so its hits sit in the middle.
fn best_window(hit_words: &[bool], size: usize) -> (usize, usize) {
    let count = hit_words.len();
    if count <= size {
        return (0, count);
    }
    let mut in_window = hit_words[..size].iter().filter(|&&hit| hit).count();
    let (mut best, mut best_start) = (in_window, 0);
    for start in 1..=count - size {
        in_window = in_window + usize::from(hit_words[start + size - 1])
            - usize::from(hit_words[start - 1]);
        if in_window > best {
            (best, best_start) = (in_window, start);
        }
    }
    if best == 0 {
        return (0, size);
    }
    let window = &hit_words[best_start..best_start + size];
    let first_hit = best_start + window.iter().position(|&hit| hit).unwrap_or(0);
    let last_hit = best_start + window.iter().rposition(|&hit| hit).unwrap_or(0);
    let slack = size - (last_hit - first_hit + 1);
    let start = first_hit.saturating_sub(slack / 2).min(count - size);
    (start, start + size)
}

/// Sorted ranges with overlapping or touching ones joined.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| range.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::words::lowercase_words;

    fn phrases(terms: &[&str]) -> Vec<Vec<String>> {
        terms.iter().map(|term| lowercase_words(term)).collect()
    }

    fn cut(text: &str, terms: &[&str], window: usize) -> Snippet {
        let owned = phrases(terms);
        let refs: Vec<&[String]> = owned.iter().map(Vec::as_slice).collect();
        snippet(text, &refs, window)
    }

    fn highlighted(snippet: &Snippet) -> Vec<&str> {
        snippet
            .highlights
            .iter()
            .map(|range| &snippet.text[range.clone()])
            .collect()
    }

    #[test]
    fn a_short_abstract_is_shown_whole_with_its_hits_marked() {
        let s = cut("We run drafts on the NPU (NPUs).", &["npu"], 30);
        assert_eq!(s.text, "We run drafts on the NPU (NPUs).");
        assert_eq!(highlighted(&s), ["NPU", "NPUs"]);
    }

    #[test]
    fn a_long_abstract_is_cut_around_the_hits_with_ellipses() {
        let text = format!(
            "{} the NPU runs fast. {}",
            "lorem ".repeat(40).trim(),
            "ipsum ".repeat(40).trim()
        );
        let s = cut(&text, &["npu"], 10);
        assert_eq!(
            s.text,
            "…lorem lorem lorem the NPU runs fast. ipsum ipsum ipsum…"
        );
        assert_eq!(highlighted(&s), ["NPU"]);
    }

    #[test]
    fn the_window_with_most_hits_wins() {
        let text = format!(
            "npu once. {} npu and npu and npu. {}",
            "filler ".repeat(30).trim(),
            "tail ".repeat(30).trim()
        );
        let s = cut(&text, &["npu"], 8);
        assert_eq!(highlighted(&s).len(), 3, "{}", s.text);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
    }

    #[test]
    fn no_hits_show_the_opening_words() {
        let s = cut("one two three four five", &["zzz"], 3);
        assert_eq!(s.text, "one two three…");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn phrases_are_highlighted_whole_and_ranges_merge() {
        let s = cut(
            "A neural processing unit design.",
            &["neural processing unit", "unit"],
            30,
        );
        assert_eq!(highlighted(&s), ["neural processing unit"]);
    }

    #[test]
    fn multibyte_text_keeps_ranges_on_char_boundaries() {
        let text = format!(
            "{} Über die NPU — schnell. {}",
            "äöü ".repeat(20),
            "ß ".repeat(20)
        );
        let s = cut(&text, &["über", "npu"], 8);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert_eq!(highlighted(&s), ["Über", "NPU"]);
        let pieces: String = s.segments().iter().map(|(piece, _)| *piece).collect();
        assert_eq!(pieces, s.text);
        assert_eq!(s.segments().iter().filter(|(_, hit)| *hit).count(), 2);
    }

    #[test]
    fn control_characters_and_newlines_are_removed() {
        let s = cut(
            "First \u{1b}[31mNPU\u{1b}[0m line.\n\nSecond\tline.",
            &["npu"],
            30,
        );
        assert_eq!(s.text, "First NPU line. Second line.");
        assert_eq!(highlighted(&s), ["NPU"]);
    }

    #[test]
    fn an_empty_abstract_gives_an_empty_snippet() {
        assert_eq!(cut("", &["npu"], 30).text, "");
        assert_eq!(cut(" -- ", &["npu"], 30).text, "");
    }
}
