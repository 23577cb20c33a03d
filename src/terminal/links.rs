//! Terminal hyperlinks (OSC 8): text that opens a URL when clicked, in the
//! terminals that support it, and shows as plain text in the rest.
//!
//! The caller decides whether links are on, once: only when stdout is a
//! terminal that supports them ([`terminal_supports_links`]) and `--color`
//! is not `never`; never in pipes or files, where the escape bytes would
//! corrupt the data. With links off, simply do not call [`hyperlink`].
//!
//! Width: the escape bytes of a link take no room on screen, but
//! comfy-table 7 (without its `custom_styling` feature) does not know that:
//! it counts the URL as visible text and wraps a cell in the middle of the
//! sequence. So links go into text *after* it has been laid out
//! ([`link_column`]), never into cells still to be measured.

use std::io::IsTerminal;

/// Opens a link: `ESC ] 8 ; params ; URL ST`, with no params.
const OPEN: &str = "\u{1b}]8;;";
/// String Terminator, `ESC \`; BEL also ends the sequence, but ST is what
/// the OSC 8 proposal specifies.
const ST: &str = "\u{1b}\\";
/// Longest URL sent: VTE, the most widespread implementation, ignores links
/// with longer URIs, showing nothing clickable.
const MAX_URL_BYTES: usize = 2083;

/// `text` that opens `url` when clicked, on a terminal with OSC 8 support.
///
/// Only URLs that pass [`is_web_url`] are linked (percent-encode anything
/// else first). Anything else (a
/// control character that could end the sequence early and inject another,
/// a `file:` or `javascript:` scheme, an over-long URL) gives back `text`
/// alone: a paper without a link is better than a terminal told to do
/// something unintended.
///
/// `text` is printed as given, so it must already be terminal-safe (see
/// `render::sanitize`); it may carry the caller's own colours.
pub fn hyperlink(url: &str, text: &str) -> String {
    if !is_web_url(url) || url.len() > MAX_URL_BYTES {
        return text.to_owned();
    }
    format!("{OPEN}{url}{ST}{text}{OPEN}{ST}")
}

/// Whether stdout is a terminal known to render OSC 8 links. Detection is
/// the `supports-hyperlinks` crate's, from environment variables
/// (`VTE_VERSION`, `TERM_PROGRAM`, `TERM`, `WT_SESSION`, ...); the user can
/// force it with `FORCE_HYPERLINK=1` (or off with `=0`). A pipe or file is
/// never linked, even when forced.
///
/// Inside tmux or screen the variables usually describe the multiplexer,
/// not the terminal around it, so detection says no unless forced.
pub fn terminal_supports_links() -> bool {
    std::io::stdout().is_terminal() && supports_hyperlinks::supports_hyperlinks()
}

/// Links the cells of one column of a laid-out table: the column whose
/// header is `header` (found as a whole word on the first line holding it),
/// and in every line below, the word that starts exactly where the header
/// does, when `links` has a URL for it. Matching by column, not by text,
/// keeps a title that mentions another paper's id from being linked; a cell
/// that wrapped onto two lines matches no text and stays plain, as does
/// everything when the header is missing.
///
/// The column is counted in characters, which equals the screen column as
/// long as the cells to its left hold no double-width (CJK, emoji)
/// characters: true for `Score`, `Date` and `ID`. Further right, a wide
/// character earlier in the line shifts the count and that cell is left
/// unlinked, never linked wrongly (its word is not a key of `links`).
pub fn link_column(rendered: &str, header: &str, links: &[(&str, &str)]) -> String {
    let mut lines = rendered.split_inclusive('\n');
    let mut out = String::with_capacity(rendered.len() + links.len() * 64);
    let mut column = None;
    for line in lines.by_ref() {
        out.push_str(line);
        if let Some(at) = find_word(line, header) {
            column = Some(line[..at].chars().count());
            break;
        }
    }
    let Some(column) = column else {
        return out;
    };
    for line in lines {
        out.push_str(&link_word_at(line, column, links));
    }
    out
}

/// `line` with the word starting at char `column` linked, if it is a key of
/// `links` and starts a word there.
fn link_word_at(line: &str, column: usize, links: &[(&str, &str)]) -> String {
    let Some((start, _)) = line.char_indices().nth(column) else {
        return line.to_owned();
    };
    if !line[..start]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace)
    {
        return line.to_owned();
    }
    let end = line[start..]
        .find(char::is_whitespace)
        .map_or(line.len(), |length| start + length);
    let word = &line[start..end];
    match links
        .iter()
        .find(|&&(text, _)| text == word && !text.is_empty())
    {
        Some(&(text, url)) => format!("{}{}{}", &line[..start], hyperlink(url, text), &line[end..]),
        None => line.to_owned(),
    }
}

/// `rendered` (a labelled text view, `Label:  value` lines) with the value
/// of each `(label, text, url)` linked where the line's value is exactly
/// `text`: a value that wrapped stays plain.
pub fn link_fields(rendered: &str, fields: &[(&str, &str, &str)]) -> String {
    rendered
        .split_inclusive('\n')
        .map(|line| {
            let body = line.trim_end_matches('\n');
            let linked = fields.iter().find_map(|&(label, text, url)| {
                let value = body.strip_prefix(label)?.strip_prefix(':')?;
                (value.trim_start() == text && !text.is_empty()).then(|| {
                    let pad = &value[..value.len() - value.trim_start().len()];
                    format!(
                        "{label}:{pad}{}{}",
                        hyperlink(url, text),
                        &line[body.len()..]
                    )
                })
            });
            linked.unwrap_or_else(|| line.to_owned())
        })
        .collect()
}

/// Byte offset of the first occurrence of `word` in `haystack` with
/// whitespace or the text's edge on both sides.
fn find_word(haystack: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let bounded = |c: Option<char>| c.is_none_or(char::is_whitespace);
    haystack.match_indices(word).map(|(at, _)| at).find(|&at| {
        bounded(haystack[..at].chars().next_back())
            && bounded(haystack[at + word.len()..].chars().next())
    })
}

/// An `http://` or `https://` URL of printable ASCII without spaces: the
/// only URLs `papers` hands to a terminal or a browser. Other schemes
/// (`file:`, `javascript:`) could do more than show a page, a control
/// character could end an escape sequence early, and a leading `-` could be
/// taken for an option by an opener program.
pub fn is_web_url(url: &str) -> bool {
    let scheme_ok = ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    });
    scheme_ok && url.bytes().all(|byte| byte.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::sanitize::terminal_safe;

    const ABS: &str = "http://arxiv.org/abs/2509.23324";

    #[test]
    fn a_link_is_the_osc8_sequence_around_the_text() {
        assert_eq!(
            hyperlink(ABS, "2509.23324"),
            "\u{1b}]8;;http://arxiv.org/abs/2509.23324\u{1b}\\2509.23324\u{1b}]8;;\u{1b}\\"
        );
    }

    #[test]
    fn only_the_text_remains_visible() {
        // The terminal-safety filter strips escape sequences as a terminal
        // consumes them: what is left is what the reader sees.
        let linked = hyperlink("HTTPS://github.com/org/repo", "github.com/org/repo");
        assert_ne!(linked, "github.com/org/repo");
        assert_eq!(terminal_safe(&linked), "github.com/org/repo");
    }

    #[test]
    fn unsafe_or_foreign_urls_give_plain_text() {
        for url in [
            // An ST inside the URL would end it early and let the rest
            // be interpreted as more escape sequences.
            "http://evil.example/\u{1b}\\\u{1b}]0;owned\u{7}",
            "http://a.example/\u{7}",
            "http://a.example/\u{9c}",
            "http://a.example/with space",
            "http://a.example/\u{e9}",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://a.example/",
            "arxiv.org/abs/2509.23324",
            "",
        ] {
            assert_eq!(hyperlink(url, "id"), "id", "{url:?}");
        }
        let long = format!("https://a.example/{}", "x".repeat(MAX_URL_BYTES));
        assert_eq!(hyperlink(&long, "id"), "id");
    }

    const SECOND: &str = "http://arxiv.org/abs/2510.00001";

    fn table() -> String {
        [
            "Score  Date        ID          Title                 Code",
            "──────────────────────────────────────────────────────────",
            "   12  2025-09-27  2509.23324  Improves on           github.com/a/b",
            "                               2510.00001 by far",
            "──────────────────────────────────────────────────────────",
            "    3  2025-10-01  2510.00001  Second                github.com/org/",
            "                                                     very-long-name",
            "",
        ]
        .join("\n")
    }

    #[test]
    fn each_rows_id_cell_is_linked_and_nothing_else() {
        let table = table();
        let ids = [("2509.23324", ABS), ("2510.00001", SECOND)];
        let linked = link_column(&table, "ID", &ids);
        assert_eq!(terminal_safe(&linked), terminal_safe(&table));
        let lines: Vec<&str> = linked.lines().collect();
        assert!(lines[2].starts_with(&format!(
            "   12  2025-09-27  {}  Improves",
            hyperlink(ABS, "2509.23324")
        )));
        // The title's mention of the second id is in another column.
        assert_eq!(lines[3], "                               2510.00001 by far");
        assert!(lines[5].contains(&hyperlink(SECOND, "2510.00001")));
        assert_eq!(linked.matches(OPEN).count(), 2 * ids.len());
    }

    #[test]
    fn a_wrapped_cell_stays_plain() {
        let table = table();
        let codes = [
            ("github.com/a/b", "https://github.com/a/b"),
            (
                "github.com/org/very-long-name",
                "https://github.com/org/very-long-name",
            ),
        ];
        let linked = link_column(&table, "Code", &codes);
        assert!(linked.contains(&hyperlink("https://github.com/a/b", "github.com/a/b")));
        assert_eq!(linked.matches(OPEN).count(), 2, "only the unwrapped cell");
        assert_eq!(terminal_safe(&linked), terminal_safe(&table));
    }

    #[test]
    fn no_header_or_no_links_leaves_the_text_alone() {
        let table = table();
        assert_eq!(
            link_column(&table, "Missing", &[("2509.23324", ABS)]),
            table
        );
        assert_eq!(link_column(&table, "ID", &[]), table);
        assert_eq!(link_column("", "ID", &[("x", ABS)]), "");
    }
}

#[cfg(test)]
mod field_tests {
    use super::*;

    #[test]
    fn link_fields_links_whole_values_only() {
        let text =
            "ID:          2401.01234v2\nCode:        https://github.com/a/b\nTitle: 2401.01234v2\n";
        let out = link_fields(
            text,
            &[
                ("ID", "2401.01234v2", "https://arxiv.org/abs/2401.01234v2"),
                ("Code", "https://github.com/a/b", "https://github.com/a/b"),
            ],
        );
        assert_eq!(
            out,
            "ID:          \x1b]8;;https://arxiv.org/abs/2401.01234v2\x1b\\2401.01234v2\x1b]8;;\x1b\\\n\
             Code:        \x1b]8;;https://github.com/a/b\x1b\\https://github.com/a/b\x1b]8;;\x1b\\\n\
             Title: 2401.01234v2\n"
        );
    }
}
