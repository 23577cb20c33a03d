//! The topic page `papers export` writes, in the shape of the published
//! daily pages: an `## Updated on YYYY.MM.DD` heading, a contents list, the
//! trend chart, then per topic a `## heading`, the same table as
//! `papers list --format markdown` and a "back to top" link.
//!
//! Rendering is a pure function of the date, topics, papers and chart link,
//! so the page is byte-identical for the same cache and `--date`, and unit
//! testable without a file system.
//!
//! Section headings show the topic's `title` (which defaults to its `name`
//! in the config), the same heading `list --format markdown` uses: the
//! reference page shows names only because its generator had no titles.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::CachedPaper;
use crate::model::Topic;
use crate::render::markdown;
use crate::terminal::sanitize::terminal_safe;
use crate::triage::filter::{self, Filter, SortKey};

/// Alt text of the chart image, as on the reference page.
pub const TREND_ALT: &str = "Monthly Trend";

/// Shown in place of a table for a topic without papers: a header with no
/// rows looks like a rendering bug.
pub const NO_PAPERS: &str = "No papers yet.";

/// Everything the page is made of.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// Shown as `## Updated on YYYY.MM.DD`; every "back to top" link points here.
    pub updated_on: NaiveDate,
    /// One section each, in this order.
    pub topics: &'a [&'a Topic],
    /// All cached papers; each section takes those of its topic.
    pub papers: &'a [&'a CachedPaper],
    /// Each section shows at most this many papers, the newest.
    pub max_per_topic: usize,
    /// The chart's path relative to the page, `/`-separated; `None` leaves
    /// the image out. Percent-encoded here, so any file name is safe.
    pub trend_image: Option<&'a str>,
}

/// The whole page, ending in one newline.
///
/// Blocks are separated by a blank line, which the `<p>` HTML blocks need:
/// without it the next `##` line would be swallowed into the HTML.
pub fn render_page(page: &Page) -> String {
    let mut anchors = AnchorSet::default();
    let updated_heading = format!("Updated on {}", page.updated_on.format("%Y.%m.%d"));
    let top_anchor = anchors.anchor(&updated_heading);
    let back_to_top = format!("<p align=right>(<a href=#{top_anchor}>back to top</a>)</p>\n");

    // Anchors are assigned in document order, as GitHub does, so that a
    // topic titled like an earlier heading gets the `-1` suffix.
    let sections: Vec<(String, String)> = page
        .topics
        .iter()
        .map(|topic| {
            let heading = heading_text(&topic.title);
            let anchor = anchors.anchor(&heading);
            (heading, anchor)
        })
        .collect();

    let mut blocks = vec![format!("## {}\n", escape_heading(&updated_heading))];
    if !sections.is_empty() {
        blocks.push(
            sections
                .iter()
                .map(|(heading, anchor)| format!("- [{}](#{anchor})\n", escape_heading(heading)))
                .collect(),
        );
    }
    if let Some(image) = page.trend_image {
        blocks.push(format!("![{TREND_ALT}]({})\n", percent_encode_path(image)));
    }
    for (topic, (heading, _)) in page.topics.iter().zip(&sections) {
        blocks.push(format!("## {}\n", escape_heading(heading)));
        let papers = newest_of_topic(page.papers, topic, page.max_per_topic);
        blocks.push(if papers.is_empty() {
            format!("{NO_PAPERS}\n")
        } else {
            markdown::markdown_table(&papers)
        });
        blocks.push(back_to_top.clone());
    }
    blocks.join("\n")
}

/// The topic's papers, newest first version first, ties by id (newest
/// first), at most `max`: the order `papers list` uses, so both agree.
fn newest_of_topic<'a>(
    papers: &[&'a CachedPaper],
    topic: &Topic,
    max: usize,
) -> Vec<&'a CachedPaper> {
    let of_topic = Filter {
        topics: vec![topic.name.clone()],
        ..Filter::default()
    };
    filter::select(papers.iter().copied(), &of_topic, SortKey::Date, Some(max))
}

/// A heading must stay on one line and hold no terminal escapes; this is
/// also the text its anchor is computed from.
fn heading_text(title: &str) -> String {
    terminal_safe(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Backslash-escapes every character that could start Markdown or HTML in
/// a heading or link text, so the rendered text is exactly `text` and the
/// anchor computed from `text` is the one GitHub computes. CommonMark
/// allows a backslash before any ASCII punctuation; only these need it.
fn escape_heading(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#' | '$'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Percent-encodes everything but unreserved characters and `/`, so a
/// chart path with spaces, parentheses or non-ASCII names stays one link
/// destination.
fn percent_encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// The anchor GitHub gives a heading with this text, on its first
/// occurrence in a document (see [`AnchorSet`] for repeats):
///
/// * lowercased;
/// * letters, digits, combining marks, `-` and `_` are kept, each space
///   becomes `-`, and everything else (punctuation, symbols, emoji) is
///   dropped.
///
/// So `Updated on 2026.02.07` becomes `updated-on-20260207`, `C++ & CUDA`
/// becomes `c--cuda`. This follows github-slugger, which GitHub uses; marks
/// are recognised by the combining-diacritics blocks, which covers Latin,
/// Greek and Cyrillic text.
pub fn github_anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() || is_combining_mark(c) => Some(c),
            _ => None,
        })
        .collect()
}

fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Anchors of the headings of one document, in order. GitHub suffixes a
/// repeated anchor with `-1`, `-2`, ..., skipping suffixed forms already
/// taken by other headings (github-slugger's rule).
#[derive(Debug, Default)]
pub struct AnchorSet {
    /// Anchor -> how many times a heading with that base anchor repeated.
    occurrences: HashMap<String, usize>,
}

impl AnchorSet {
    /// The anchor of the next heading, `heading`.
    pub fn anchor(&mut self, heading: &str) -> String {
        let base = github_anchor(heading);
        let mut anchor = base.clone();
        while self.occurrences.contains_key(&anchor) {
            let repeats = self.occurrences.entry(base.clone()).or_default();
            *repeats += 1;
            anchor = format!("{base}-{repeats}");
        }
        self.occurrences.insert(anchor.clone(), 0);
        anchor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::{sample, utc};
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

    fn topic(name: &str, title: &str) -> Topic {
        Topic {
            name: name.into(),
            title: title.into(),
            keywords: vec!["x".into()],
            categories: Vec::new(),
            authors: Vec::new(),
            exclude: Vec::new(),
            query: None,
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn paper_of(topic: &str, id: &str, day: u32) -> CachedPaper {
        let mut cached = sample(id, &format!("Paper {id}"), "Abstract.");
        cached.paper.published = utc(2026, 1, day, 12, 0);
        cached.paper.abs_url = format!("http://arxiv.org/abs/{id}v1");
        cached.topics = [topic.to_string()].into();
        cached
    }

    /// Heading texts (level 2) as pulldown-cmark renders them.
    fn rendered_headings(markdown: &str) -> Vec<String> {
        let mut headings = Vec::new();
        let mut current: Option<String> = None;
        for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                }) => current = Some(String::new()),
                Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
                Event::Text(text) | Event::Code(text) => {
                    if let Some(heading) = current.as_mut() {
                        heading.push_str(&text);
                    }
                }
                _ => {}
            }
        }
        headings
    }

    #[test]
    fn anchor_of_the_reference_heading_is_lowercase() {
        assert_eq!(
            github_anchor("Updated on 2026.02.07"),
            "updated-on-20260207"
        );
    }

    #[test]
    fn anchor_keeps_underscores_and_hyphens_and_drops_other_punctuation() {
        assert_eq!(github_anchor("mobile_npu_llm"), "mobile_npu_llm");
        assert_eq!(
            github_anchor("Edge-inference (2026)"),
            "edge-inference-2026"
        );
        assert_eq!(github_anchor("C++ & CUDA"), "c--cuda");
        assert_eq!(github_anchor("What's new? A/B: 1.0!"), "whats-new-ab-10");
    }

    #[test]
    fn anchor_keeps_unicode_letters_and_drops_emoji() {
        assert_eq!(github_anchor("Über Café"), "über-café");
        assert_eq!(github_anchor("Cafe\u{301} ΣΟΦΙΑ"), "cafe\u{301}-σοφια");
        assert_eq!(github_anchor("🚀 Rockets"), "-rockets");
        assert_eq!(github_anchor("模型 推理"), "模型-推理");
    }

    #[test]
    fn repeated_headings_get_numbered_anchors() {
        let mut anchors = AnchorSet::default();
        assert_eq!(anchors.anchor("NPU"), "npu");
        assert_eq!(anchors.anchor("npu"), "npu-1");
        assert_eq!(anchors.anchor("NPU!"), "npu-2");
        // A heading whose own anchor was already handed out as a suffix.
        assert_eq!(anchors.anchor("npu 1"), "npu-1-1");
        assert_eq!(anchors.anchor("Other"), "other");
    }

    #[test]
    fn page_has_heading_contents_chart_and_sections() {
        let npu = topic("npu", "NPU acceleration");
        let edge = topic("edge", "Edge inference");
        let papers = [
            paper_of("npu", "2601.00001", 5),
            paper_of("npu", "2601.00002", 9),
        ];
        let paper_refs: Vec<&CachedPaper> = papers.iter().collect();
        let page = render_page(&Page {
            updated_on: date(2026, 2, 7),
            topics: &[&npu, &edge],
            papers: &paper_refs,
            max_per_topic: 100,
            trend_image: Some("imgs/trend.svg"),
        });
        let expected = format!(
            "## Updated on 2026.02.07\n\
             \n\
             - [NPU acceleration](#npu-acceleration)\n\
             - [Edge inference](#edge-inference)\n\
             \n\
             ![Monthly Trend](imgs/trend.svg)\n\
             \n\
             ## NPU acceleration\n\
             \n\
             {table}\
             \n\
             <p align=right>(<a href=#updated-on-20260207>back to top</a>)</p>\n\
             \n\
             ## Edge inference\n\
             \n\
             No papers yet.\n\
             \n\
             <p align=right>(<a href=#updated-on-20260207>back to top</a>)</p>\n",
            table = markdown::markdown_table(&[&papers[1], &papers[0]]),
        );
        assert_eq!(page, expected);
    }

    #[test]
    fn sections_are_newest_first_capped_and_tied_by_id() {
        let npu = topic("npu", "npu");
        let papers = [
            paper_of("npu", "2601.00001", 9),
            paper_of("npu", "2601.00003", 9),
            paper_of("npu", "2601.00002", 20),
            paper_of("edge", "2601.00009", 30),
        ];
        let paper_refs: Vec<&CachedPaper> = papers.iter().collect();
        let render = |max| {
            render_page(&Page {
                updated_on: date(2026, 2, 7),
                topics: &[&npu],
                papers: &paper_refs,
                max_per_topic: max,
                trend_image: None,
            })
        };
        let ids_in_order = |page: &str| -> Vec<String> {
            page.lines()
                .filter_map(|line| line.split("|[").nth(1))
                .filter_map(|rest| rest.split(']').next())
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(
            ids_in_order(&render(100)),
            ["2601.00002v1", "2601.00003v1", "2601.00001v1"]
        );
        assert_eq!(ids_in_order(&render(2)), ["2601.00002v1", "2601.00003v1"]);
        assert!(!render(100).contains("Monthly Trend"));
    }

    #[test]
    fn same_titles_link_to_distinct_anchors() {
        let first = topic("a", "Updated on 2026.02.07");
        let second = topic("b", "Updated on 2026.02.07");
        let page = render_page(&Page {
            updated_on: date(2026, 2, 7),
            topics: &[&first, &second],
            papers: &[],
            max_per_topic: 10,
            trend_image: None,
        });
        assert!(page.contains("- [Updated on 2026.02.07](#updated-on-20260207-1)\n"));
        assert!(page.contains("- [Updated on 2026.02.07](#updated-on-20260207-2)\n"));
        assert_eq!(page.matches("(<a href=#updated-on-20260207>").count(), 2);
    }

    #[test]
    fn titles_with_markup_render_as_written() {
        let title = "*NPU* | <b>GPU</b> & `C++` [draft]_v2_ #1 $x$ \\ ~a~!";
        let hostile = topic("npu", title);
        let page = render_page(&Page {
            updated_on: date(2026, 2, 7),
            topics: &[&hostile],
            papers: &[],
            max_per_topic: 10,
            trend_image: None,
        });
        assert_eq!(
            rendered_headings(&page),
            ["Updated on 2026.02.07", title],
            "{page}"
        );
    }

    #[test]
    fn titles_lose_newlines_and_escape_sequences() {
        assert_eq!(
            heading_text("  Edge\n\tinference \u{1b}[31m "),
            "Edge inference"
        );
    }

    #[test]
    fn chart_path_is_percent_encoded() {
        assert_eq!(percent_encode_path("imgs/trend.svg"), "imgs/trend.svg");
        assert_eq!(
            percent_encode_path("../my charts/trend (1)é.svg"),
            "../my%20charts/trend%20%281%29%C3%A9.svg"
        );
    }
}
