//! `papers search` on a terminal: one line per hit with its rank, score,
//! date, id and title, and the snippet underneath, aligned with the title.
//!
//! The snippet's matched words are bold red (as `grep --color` shows
//! matches) when stdout takes colour; otherwise the text is plain, so pipes
//! and files never receive escape sequences.

use console::Style;

use crate::model::CachedPaper;
use crate::render::text::wrap;
use crate::render::{display_id, display_width, first_version_date};
use crate::terminal::sanitize::terminal_safe;
use crate::triage::search::snippet::Snippet;

/// A search result as shown.
pub struct ShownHit<'a> {
    pub paper: &'a CachedPaper,
    pub score: f64,
    pub snippet: Snippet,
}

/// Narrowest the title and snippet column gets; on a narrower terminal
/// lines run past the edge rather than wrap a word or two per line.
const MIN_TEXT_WIDTH: usize = 24;
const GAP: &str = "  ";

/// Every hit, ranked as given, ending in a newline; empty for no hits. With
/// `Some(width)` titles and snippets wrap to fit; with None (a pipe) each
/// stays on one line for `grep`.
pub fn render_hits(hits: &[ShownHit<'_>], width: Option<u16>, color: bool) -> String {
    if hits.is_empty() {
        return String::new();
    }
    let ranks: Vec<String> = (1..=hits.len()).map(|rank| rank.to_string()).collect();
    let scores: Vec<String> = hits.iter().map(|hit| format!("{:.1}", hit.score)).collect();
    let ids: Vec<String> = hits
        .iter()
        .map(|hit| terminal_safe(&display_id(&hit.paper.paper)).into_owned())
        .collect();
    let rank_width = widest(&ranks, "#");
    let score_width = widest(&scores, "Score");
    let id_width = widest(&ids, "ID");
    let date_width = display_width("YYYY-MM-DD");
    let indent = rank_width + score_width + date_width + id_width + 4 * GAP.len();
    let text_width = width.map(|w| usize::from(w).saturating_sub(indent).max(MIN_TEXT_WIDTH));
    let mut out = format!(
        "{:>rank_width$}{GAP}{:>score_width$}{GAP}{:<date_width$}{GAP}{:<id_width$}{GAP}Title\n",
        "#", "Score", "Date", "ID"
    );
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let lead = format!(
            "{:>rank_width$}{GAP}{:>score_width$}{GAP}{:<date_width$}{GAP}{:<id_width$}{GAP}",
            ranks[i],
            scores[i],
            first_version_date(&hit.paper.paper),
            ids[i],
        );
        let title = terminal_safe(&hit.paper.paper.title);
        let snippet = highlighted(&hit.snippet, color);
        let mut lines = fitted(&title, text_width).into_iter();
        out.push_str(&lead);
        out.push_str(&lines.next().unwrap_or_default());
        out.push('\n');
        for line in lines.chain(fitted(&snippet, text_width)) {
            out.push_str(&" ".repeat(indent));
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn widest(cells: &[String], header: &str) -> usize {
    cells
        .iter()
        .map(|cell| display_width(cell))
        .max()
        .unwrap_or(0)
        .max(display_width(header))
}

/// Wrapped to `width`, or with None the text as one line (empty: none).
fn fitted(text: &str, width: Option<usize>) -> Vec<String> {
    match width {
        Some(width) => wrap(text, width),
        None if text.trim().is_empty() => Vec::new(),
        None => vec![text.split_whitespace().collect::<Vec<_>>().join(" ")],
    }
}

/// The snippet with each matched word styled on its own, so that wrapping
/// (which splits at spaces) never leaves a style open across a line break.
fn highlighted(snippet: &Snippet, color: bool) -> String {
    let style = Style::new().bold().red().force_styling(true);
    snippet
        .segments()
        .into_iter()
        .map(|(piece, hit)| {
            if hit && color {
                piece
                    .split(' ')
                    .map(|word| style.apply_to(word).to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                piece.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample;

    fn hit<'a>(paper: &'a CachedPaper, score: f64, text: &str, marks: &[&str]) -> ShownHit<'a> {
        let highlights = marks
            .iter()
            .map(|mark| {
                let start = text.find(mark).expect("mark in text");
                start..start + mark.len()
            })
            .collect();
        ShownHit {
            paper,
            score,
            snippet: Snippet {
                text: text.into(),
                highlights,
            },
        }
    }

    #[test]
    fn plain_output_has_one_title_line_and_one_snippet_line_per_hit() {
        let a = sample("2509.00001", "Speculative decoding on NPUs", "x");
        let mut b = sample("2509.00002", "Another one", "y");
        b.paper.version = 2;
        let hits = [
            hit(&a, 12.345, "We run drafts on the NPU.", &["NPU"]),
            hit(&b, 3.0, "…the NPU again", &["NPU"]),
        ];
        assert_eq!(
            render_hits(&hits, None, false),
            "\
#  Score  Date        ID            Title
1   12.3  2025-09-27  2509.00001    Speculative decoding on NPUs
                                    We run drafts on the NPU.

2    3.0  2025-09-27  2509.00002v2  Another one
                                    …the NPU again
"
        );
    }

    #[test]
    fn colour_highlights_only_the_matched_words() {
        let a = sample("2509.00001", "T", "x");
        let hits = [hit(
            &a,
            1.0,
            "on the neural processing unit today",
            &["neural processing unit"],
        )];
        let text = render_hits(&hits, None, true);
        let bold_red = |word: &str| format!("\u{1b}[31m\u{1b}[1m{word}\u{1b}[0m");
        assert!(
            text.contains(&format!(
                "on the {} {} {} today",
                bold_red("neural"),
                bold_red("processing"),
                bold_red("unit")
            )),
            "{text:?}"
        );
        assert!(!render_hits(&hits, None, false).contains('\u{1b}'));
    }

    #[test]
    fn a_terminal_width_wraps_title_and_snippet_under_the_title_column() {
        let a = sample(
            "2509.00001",
            "A rather long title that will certainly need more than one line here",
            "x",
        );
        let snippet = "word ".repeat(40);
        let hits = [hit(&a, 1.0, snippet.trim(), &[])];
        let text = render_hits(&hits, Some(80), true);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 4, "{text}");
        for line in &lines {
            assert!(display_width(line) <= 80, "{line:?}");
        }
        let column = lines[0].find("Title").expect("header");
        for line in &lines[2..] {
            assert_eq!(line.len() - line.trim_start().len(), column, "{line:?}");
        }
    }

    #[test]
    fn hostile_titles_are_made_safe() {
        let a = sample("2509.00001", "Bad \u{1b}]0;pwned\u{7}title\u{9b}2J", "x");
        let text = render_hits(&[hit(&a, 1.0, "", &[])], Some(100), false);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("Bad title"), "{text}");
    }

    #[test]
    fn no_hits_render_nothing() {
        assert_eq!(render_hits(&[], Some(80), true), "");
    }
}
