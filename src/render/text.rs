//! The single-paper text view for `papers show`: the title, a block of
//! labelled fields with aligned values, then the whole abstract, everything
//! word-wrapped to the terminal and made safe to print on it.

use crate::model::{Author, CachedPaper, Paper};
use crate::render::{display_width, first_version_date};
use crate::terminal::sanitize::terminal_safe;
use crate::triage::codelink::code_url;
use crate::triage::venue::{self, Venue, VenueStatus};

/// Narrowest value column the labelled block wraps to: below it, wrapping
/// costs more lines than letting a long value run past the edge.
const MIN_VALUE_WIDTH: usize = 20;

/// One paper in full, ending in a newline, wrapped to `width` columns (a
/// word longer than that, such as a URL, gets a line of its own and is never
/// broken). Optional fields that are absent or blank are left out.
///
/// Every piece of text from arXiv goes through [`terminal_safe`]: this view
/// is meant for a terminal, where an escape sequence would be obeyed.
pub fn render_text(cached: &CachedPaper, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::new();
    for line in wrap(&terminal_safe(&cached.paper.title), width) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&labelled_block(&fields(cached), width));
    let summary = wrap_paragraphs(&cached.paper.summary, width);
    if !summary.is_empty() {
        out.push('\n');
        out.push_str(&summary);
        out.push('\n');
    }
    out
}

/// A labelled value; each of `lines` starts a new line and wraps on its own
/// (one author per line when affiliations make the list long).
struct Field {
    label: &'static str,
    lines: Vec<String>,
}

impl Field {
    fn new(label: &'static str, value: impl Into<String>) -> Self {
        Field {
            label,
            lines: vec![value.into()],
        }
    }
}

/// The labelled fields in display order, terminal-safe, blank ones dropped.
fn fields(cached: &CachedPaper) -> Vec<Field> {
    let paper = &cached.paper;
    let mut fields = vec![
        Field::new("ID", paper.versioned_id()),
        Field {
            label: "Authors",
            lines: author_lines(&paper.authors),
        },
        Field::new("Categories", primary_first(paper).join(", ")),
        Field::new("Submitted", format!("{} (v1)", first_version_date(paper))),
    ];
    if paper.version > 1 {
        let latest = paper.updated.format("%Y-%m-%d");
        fields.push(Field::new(
            "Latest",
            format!("{latest} (v{})", paper.version),
        ));
    }
    if !cached.updates.is_empty() {
        fields.push(Field {
            label: "Revisions",
            lines: cached
                .updates
                .iter()
                .map(|update| {
                    format!(
                        "v{} → v{} ({} → {}), found {}",
                        update.from,
                        update.to,
                        update.from_submitted.format("%Y-%m-%d"),
                        update.to_submitted.format("%Y-%m-%d"),
                        update.seen.format("%Y-%m-%d")
                    )
                })
                .collect(),
        });
    }
    let optional = [
        ("Comment", paper.comment.clone()),
        ("Journal ref", paper.journal_ref.clone()),
        ("Venue", venue::of_paper(paper).map(|v| venue_line(&v))),
        (doi_label(paper.dois.len()), Some(paper.dois.join(", "))),
        ("arXiv", Some(paper.abs_url.clone())),
        ("PDF", Some(paper.pdf_url.clone())),
        ("Code", code_url(cached)),
        (
            "Topics",
            Some(cached.topics.iter().cloned().collect::<Vec<_>>().join(", ")),
        ),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            fields.push(Field::new(label, value));
        }
    }
    fields.extend(hf_fields(cached));
    fields.push(Field::new(
        "First seen",
        cached.first_seen.format("%Y-%m-%d").to_string(),
    ));
    fields
        .into_iter()
        .filter_map(|field| {
            let lines: Vec<String> = field
                .lines
                .iter()
                .map(|line| terminal_safe(line).trim().to_owned())
                .filter(|line| !line.is_empty())
                .collect();
            (!lines.is_empty()).then_some(Field {
                label: field.label,
                lines,
            })
        })
        .collect()
}

/// `DAC 2025 (accepted)`: the comment promises, a journal ref records.
fn venue_line(venue: &Venue) -> String {
    let status = match venue.status {
        VenueStatus::Accepted => "accepted",
        VenueStatus::Published => "published",
    };
    format!("{} ({status})", venue.label())
}

/// What Hugging Face Daily Papers says, when it listed the paper.
fn hf_fields(cached: &CachedPaper) -> Vec<Field> {
    let Some(hf) = &cached.hf else {
        return Vec::new();
    };
    let comments = match hf.comments {
        Some(1) => ", 1 comment".to_owned(),
        Some(n) => format!(", {n} comments"),
        None => String::new(),
    };
    let mut fields = vec![Field::new(
        "Hugging Face",
        format!(
            "▲ {} upvotes{comments}, featured {}",
            hf.upvotes,
            hf.featured.format("%Y-%m-%d")
        ),
    )];
    if let Some(repo) = &hf.github_repo {
        let stars = hf
            .github_stars
            .map(|n| format!(" (★ {n})"))
            .unwrap_or_default();
        fields.push(Field::new("HF repo", format!("{repo}{stars}")));
    }
    if let Some(page) = &hf.project_page {
        fields.push(Field::new("Project page", page.clone()));
    }
    if !hf.ai_keywords.is_empty() {
        fields.push(Field::new("HF keywords", hf.ai_keywords.join(", ")));
    }
    fields
}

/// Names joined by commas; when any author has an affiliation, one author
/// per line with theirs in parentheses, which stays readable for long lists.
fn author_lines(authors: &[Author]) -> Vec<String> {
    if authors.iter().all(|author| author.affiliations.is_empty()) {
        let names: Vec<&str> = authors.iter().map(|author| author.name.as_str()).collect();
        return vec![names.join(", ")];
    }
    authors
        .iter()
        .map(|author| match author.affiliations.as_slice() {
            [] => author.name.clone(),
            affiliations => format!("{} ({})", author.name, affiliations.join("; ")),
        })
        .collect()
}

/// The categories with the primary one first, each once.
fn primary_first(paper: &Paper) -> Vec<&str> {
    let mut ordered: Vec<&str> = paper.primary_category.as_deref().into_iter().collect();
    for category in &paper.categories {
        if !ordered.contains(&category.as_str()) {
            ordered.push(category);
        }
    }
    ordered
}

fn doi_label(count: usize) -> &'static str {
    if count > 1 { "DOIs" } else { "DOI" }
}

/// `Label:` padded so every value starts in the same column; continuation
/// lines are indented to that column.
fn labelled_block(fields: &[Field], width: usize) -> String {
    let label_width = fields
        .iter()
        .map(|field| display_width(field.label) + 1)
        .max()
        .unwrap_or(0);
    let indent = label_width + 1;
    let value_width = width.saturating_sub(indent).max(MIN_VALUE_WIDTH);
    let mut out = String::new();
    for field in fields {
        let mut prefix = format!("{:<label_width$} ", format!("{}:", field.label));
        for line in field.lines.iter().flat_map(|line| wrap(line, value_width)) {
            out.push_str(&prefix);
            out.push_str(&line);
            out.push('\n');
            prefix = " ".repeat(indent);
        }
    }
    out
}

/// The abstract's paragraphs (separated by blank lines in the cache), each
/// made terminal-safe and wrapped, joined by one blank line; no trailing
/// newline.
fn wrap_paragraphs(text: &str, width: usize) -> String {
    paragraphs(text)
        .iter()
        .map(|paragraph| wrap(&terminal_safe(paragraph), width).join("\n"))
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Runs of non-blank lines, each run joined with spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    paragraphs
}

/// Greedy word wrap at whitespace: as many words per line as fit in `width`
/// display columns (wide CJK and emoji count two, via `console`). A word
/// wider than `width` gets a line to itself rather than being split, so
/// URLs and ids stay whole for copying. Whitespace runs become one space.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let word_width = display_width(word);
        if !line.is_empty() && line_width + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::{sample, utc};

    fn full_paper() -> CachedPaper {
        let mut cached = sample(
            "2509.23324",
            "Scaling Test-Time Compute on Mobile NPUs",
            "We scale test-time compute. Code at https://github.com/foo/bar.\n\nSecond paragraph here.",
        );
        cached.paper.version = 3;
        cached.paper.updated = utc(2025, 10, 2, 8, 0);
        cached.paper.comment = Some("12 pages, 5 figures".into());
        cached.paper.journal_ref = Some("Proc. MobiSys 2026".into());
        cached.paper.dois = vec!["10.1000/xyz".into()];
        cached.topics.insert("edge".into());
        cached
    }

    #[test]
    fn full_paper_shows_every_field_in_order_with_aligned_values() {
        let text = render_text(&full_paper(), 100);
        let expected = "\
Scaling Test-Time Compute on Mobile NPUs

ID:          2509.23324v3
Authors:     Ada Lovelace, Charles Babbage
Categories:  cs.DC, cs.AI
Submitted:   2025-09-27 (v1)
Latest:      2025-10-02 (v3)
Comment:     12 pages, 5 figures
Journal ref: Proc. MobiSys 2026
Venue:       MobiSys 2026 (published)
DOI:         10.1000/xyz
arXiv:       http://arxiv.org/abs/2509.23324v1
PDF:         http://arxiv.org/pdf/2509.23324v1
Code:        https://github.com/foo/bar
Topics:      edge, npu
First seen:  2025-09-29

We scale test-time compute. Code at https://github.com/foo/bar.

Second paragraph here.
";
        assert_eq!(text, expected);
    }

    #[test]
    fn absent_optional_fields_are_left_out() {
        let mut cached = sample("2509.00001", "T", "Plain abstract.");
        cached.paper.comment = Some("   ".into());
        cached.topics.clear();
        let text = render_text(&cached, 80);
        for label in [
            "Latest:",
            "Comment:",
            "Journal ref:",
            "Venue:",
            "DOI",
            "Code:",
            "Topics:",
        ] {
            assert!(!text.contains(label), "{label} should be absent:\n{text}");
        }
        assert!(text.contains("\nSubmitted:  2025-09-27 (v1)\n"), "{text}");
        assert!(text.ends_with("\n\nPlain abstract.\n"), "{text}");
    }

    #[test]
    fn several_dois_share_one_plural_label() {
        let mut cached = sample("2509.00001", "T", "A.");
        cached.paper.dois = vec!["10.1/a".into(), "10.1/b".into()];
        assert!(render_text(&cached, 80).contains("\nDOIs:       10.1/a, 10.1/b\n"));
    }

    #[test]
    fn primary_category_comes_first_even_when_listed_later() {
        let mut cached = sample("2509.00001", "T", "A.");
        cached.paper.categories = vec!["cs.AI".into(), "cs.LG".into(), "cs.DC".into()];
        assert!(render_text(&cached, 80).contains("Categories: cs.DC, cs.AI, cs.LG\n"));
    }

    #[test]
    fn affiliations_put_one_author_per_line_under_the_value_column() {
        let mut cached = sample("2509.00001", "T", "A.");
        cached.paper.authors[0].affiliations =
            vec!["Analytical Society".into(), "Cambridge".into()];
        let text = render_text(&cached, 80);
        assert!(
            text.contains(
                "Authors:    Ada Lovelace (Analytical Society; Cambridge)\n            Charles Babbage\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn long_values_wrap_with_continuation_lines_aligned() {
        let mut cached = sample("2509.00001", "T", "A.");
        cached.paper.comment = Some("word ".repeat(30));
        let text = render_text(&cached, 40);
        let comment: Vec<&str> = text
            .lines()
            .skip_while(|line| !line.starts_with("Comment:"))
            .take_while(|line| line.starts_with("Comment:") || line.starts_with("    "))
            .collect();
        assert!(comment.len() > 3, "{text}");
        for line in &comment {
            assert!(line.len() <= 40, "{line:?} is wider than 40");
            assert_eq!(&line[12..13], "w", "value column drifted: {line:?}");
        }
        let words: usize = comment
            .iter()
            .map(|line| line.matches("word").count())
            .sum();
        assert_eq!(words, 30);
    }

    #[test]
    fn abstract_wraps_to_width_and_keeps_paragraphs() {
        let long = "lorem ipsum dolor sit amet ".repeat(12);
        let cached = sample("2509.00001", "T", &format!("{long}\n\n{long}"));
        let text = render_text(&cached, 50);
        let summary = text
            .split("First seen: 2025-09-29\n\n")
            .nth(1)
            .expect("abstract");
        let paragraphs: Vec<&str> = summary.trim_end().split("\n\n").collect();
        assert_eq!(paragraphs.len(), 2, "{summary}");
        for paragraph in paragraphs {
            assert!(
                paragraph.lines().all(|line| line.len() <= 50),
                "{paragraph}"
            );
            assert_eq!(paragraph.split_whitespace().count(), 60);
        }
    }

    #[test]
    fn control_characters_and_escapes_never_reach_the_terminal() {
        let mut cached = sample(
            "2509.00001",
            "Bad \u{1b}[31mred\u{7} title",
            "Sneaky \u{1b}]0;pwned\u{7}abstract \u{9b}2J here.",
        );
        cached.paper.authors[0].name = "Eve\u{1b}[2J Hacker".into();
        cached.paper.comment = Some("line\nbreak".into());
        let text = render_text(&cached, 80);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.starts_with("Bad red title\n"), "{text}");
        assert!(text.contains("Eve Hacker"), "{text}");
        assert!(text.contains("Comment:    line break\n"), "{text}");
        assert!(text.contains("Sneaky abstract here."), "{text}");
    }

    #[test]
    fn wrap_fills_greedily_and_never_splits_a_word() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("aa bb cc", 8), ["aa bb cc"]);
        assert_eq!(
            wrap("see https://example.com/a/very/long/path ok", 10),
            ["see", "https://example.com/a/very/long/path", "ok"]
        );
        assert_eq!(wrap("  spaced \n\t out  ", 80), ["spaced out"]);
        assert!(wrap("   ", 10).is_empty());
    }

    #[test]
    fn wrap_counts_wide_characters_by_display_width() {
        // Each CJK character takes two columns.
        let lines = wrap("漢字 漢字 漢字", 10);
        assert_eq!(lines, ["漢字 漢字", "漢字"]);
    }
}
