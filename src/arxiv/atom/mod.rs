//! Parser for the Atom feeds of the arXiv export API, both the classic
//! (pre-2025-11) and the current service's shape.
//!
//! Elements are matched by namespace URI and local name only: the two
//! services use different prefixes, declaration sites and element order.
//! Whatever the network sends, this module returns an error rather than
//! panicking, and an error feed is never mistaken for papers.

use std::borrow::Cow;

use roxmltree::{Document, Node, ParsingOptions};

use crate::model::Paper;

mod entry;
mod split;

#[cfg(test)]
use entry::normalize_abstract;
use entry::parse_entry;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const OPENSEARCH_NS: &str = "http://a9.com/-/spec/opensearch/1.1/";
const ARXIV_NS: &str = "http://arxiv.org/schemas/atom";

/// Cap on XML nodes so a hostile body packed with tiny elements cannot make
/// the tree take hundreds of MB. Fixture entries take 35-230 nodes (the
/// larger with 34 authors) and arXiv serves at most 2000 entries a page, so
/// only pages heavy with thousand-author collaboration papers come near it.
const NODES_LIMIT: u32 = 2_000_000;

/// One page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub total_results: Option<u64>,
    pub start_index: Option<u64>,
    /// Echoes the requested page size, not the number of entries returned.
    pub items_per_page: Option<u64>,
    pub entries: Vec<Paper>,
    /// Raw characters XML 1.0 forbids (ESC, BEL and the other C0 controls
    /// but tab and newlines) removed from the body before parsing: one
    /// stray control in one abstract would otherwise lose the whole page.
    pub dropped_characters: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FeedError {
    /// The arXiv API answered with an error feed (an entry whose `<id>`
    /// contains `/api/errors`); the String is its `<summary>`, trimmed.
    Api(String),
    /// The body is not a usable Atom feed; one short line saying why.
    Malformed(String),
}

impl std::fmt::Display for FeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedError::Api(message) => write!(f, "arXiv API error: {message}"),
            FeedError::Malformed(reason) => write!(f, "unusable arXiv response: {reason}"),
        }
    }
}

impl std::error::Error for FeedError {}

/// The reason ends up in a one-line error report, but parts of it come from
/// the body (roxmltree quotes the offending character, namespaces are
/// copied as written), so control characters are escaped: `'\n'` shows as
/// `\n` instead of breaking the line.
fn malformed(reason: impl Into<String>) -> FeedError {
    let reason: String = reason.into();
    if !reason.contains(char::is_control) {
        return FeedError::Malformed(reason);
    }
    FeedError::Malformed(
        reason
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().collect()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Parse a raw HTTP body; invalid UTF-8 is reported with its byte offset
/// because the API promises UTF-8 and anything else means a broken proxy.
pub fn parse_feed_bytes(body: &[u8]) -> Result<Feed, FeedError> {
    match std::str::from_utf8(body) {
        Ok(text) => parse_feed(text),
        Err(err) => Err(malformed(format!(
            "body is not valid UTF-8 (bad byte at offset {})",
            err.valid_up_to()
        ))),
    }
}

/// Parse an Atom feed from the arXiv API into papers.
pub fn parse_feed(xml: &str) -> Result<Feed, FeedError> {
    if xml.trim().is_empty() {
        return Err(malformed("empty body, not an Atom feed"));
    }
    if looks_like_html(xml) {
        return Err(html_page());
    }
    let (xml, dropped_characters) = drop_forbidden_characters(xml);
    let xml = xml.as_ref();
    // Entry by entry when the body splits and every piece parses; anything
    // else is parsed whole, which gives the same papers or the error.
    let page = split::split(xml)
        .and_then(|split| parse_by_entry(xml, &split).ok())
        .map_or_else(|| parse_whole(xml), Ok)?;
    Ok(Feed {
        total_results: page.total_results,
        start_index: page.start_index,
        items_per_page: page.items_per_page,
        entries: page.entries,
        dropped_characters,
    })
}

/// A feed's figures and papers, however it was parsed.
struct Page {
    total_results: Option<u64>,
    start_index: Option<u64>,
    items_per_page: Option<u64>,
    entries: Vec<Paper>,
}

impl Page {
    fn of_feed(feed: Node, entries: Vec<Paper>) -> Self {
        Page {
            total_results: opensearch_number(feed, "totalResults"),
            start_index: opensearch_number(feed, "startIndex"),
            items_per_page: opensearch_number(feed, "itemsPerPage"),
            entries,
        }
    }
}

fn parse_whole(xml: &str) -> Result<Page, FeedError> {
    let doc = parse_document(xml).map_err(|err| {
        if mentions_html_element(xml) {
            html_page()
        } else {
            err
        }
    })?;
    let feed = doc.root_element();
    check_is_atom_feed(feed)?;
    let entries: Vec<Node> = children(feed, ATOM_NS, "entry").collect();
    check_for_error_entry(&entries)?;
    let papers = entries
        .into_iter()
        .map(parse_entry)
        .collect::<Result<_, _>>()?;
    Ok(Page::of_feed(feed, papers))
}

/// The feed without its entries, then each entry in a document of its own:
/// the same papers as [`parse_whole`], with one small tree at a time. Any
/// error here sends the caller to [`parse_whole`] for its exact message.
fn parse_by_entry(xml: &str, split: &split::Split<'_>) -> Result<Page, FeedError> {
    let rest = split.rest(xml);
    let doc = parse_document(&rest)?;
    let feed = doc.root_element();
    check_is_atom_feed(feed)?;
    if children(feed, ATOM_NS, "entry").next().is_some() {
        return Err(malformed("an entry the split did not find"));
    }
    let mut document = String::new();
    let mut papers = Vec::with_capacity(split.entries.len());
    for range in &split.entries {
        split.entry_document(xml, range, &mut document);
        let doc = parse_document(&document)?;
        let mut elements = doc.root_element().children().filter(Node::is_element);
        let (Some(entry), None) = (elements.next(), elements.next()) else {
            return Err(malformed("not one entry"));
        };
        // A `<x:entry>` of another namespace is no Atom entry: the whole
        // parse skips it.
        if !entry.has_tag_name((ATOM_NS, "entry")) {
            return Err(malformed("an entry outside the Atom namespace"));
        }
        check_for_error_entry(&[entry])?;
        papers.push(parse_entry(entry)?);
    }
    Ok(Page::of_feed(feed, papers))
}

/// The text without the characters XML 1.0 cannot carry, and how many
/// there were. Borrowed when there are none, as in nearly every feed.
fn drop_forbidden_characters(xml: &str) -> (Cow<'_, str>, usize) {
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    // Every page is checked, so the check reads bytes: the C0 controls are
    // single bytes below 0x20, and U+FFFE/U+FFFF both start EF BF in UTF-8.
    // Chunks folded without a branch per byte, so the loop vectorises.
    let suspect_byte = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0xEF);
    let suspect = xml
        .as_bytes()
        .chunks(256)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | suspect_byte(b)));
    if !suspect {
        return (Cow::Borrowed(xml), 0);
    }
    let count = xml.chars().filter(|&c| forbidden(c)).count();
    if count == 0 {
        return (Cow::Borrowed(xml), 0);
    }
    let kept: String = xml.chars().filter(|&c| !forbidden(c)).collect();
    (Cow::Owned(kept), count)
}

fn html_page() -> FeedError {
    malformed("got an HTML page, not an Atom feed")
}

/// Rate-limit and "Access Denied" pages arrive as HTML with a 200 or 403;
/// naming them beats a confusing XML syntax error.
fn looks_like_html(body: &str) -> bool {
    let head: String = body
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// For bodies that fail to parse: an `<html` tag near the top (after an XML
/// declaration or a comment, say) still means a web page, not a feed.
fn mentions_html_element(body: &str) -> bool {
    let head: String = body
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html")
}

/// Parse with DTDs refused (roxmltree's default, kept on purpose: it shuts
/// out entity-expansion bombs and external entities) and a node cap.
fn parse_document(xml: &str) -> Result<Document<'_>, FeedError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(xml, options).map_err(|err| match err {
        roxmltree::Error::DtdDetected => {
            malformed("body has a DTD (<!DOCTYPE ...>), refused as unsafe; not an arXiv feed")
        }
        roxmltree::Error::NodesLimitReached => malformed(format!(
            "body has more than {NODES_LIMIT} XML nodes, refused to bound memory \
                 (request fewer results per page)"
        )),
        other => malformed(format!("body is not well-formed XML: {other}")),
    })
}

fn check_is_atom_feed(root: Node) -> Result<(), FeedError> {
    if root.has_tag_name((ATOM_NS, "feed")) {
        return Ok(());
    }
    let name = root.tag_name();
    if name.name().eq_ignore_ascii_case("html") {
        return Err(html_page());
    }
    let namespace = name.namespace().map_or_else(
        || "no namespace".to_string(),
        |ns| format!("namespace {ns}"),
    );
    Err(malformed(format!(
        "root element is <{}> ({namespace}), not an Atom <feed>",
        name.name()
    )))
}

/// The API reports failures as a feed with one entry whose id points at
/// `/api/errors`; it must never be stored as a paper, whatever the status.
fn check_for_error_entry(entries: &[Node]) -> Result<(), FeedError> {
    for entry in entries {
        let id = child_text(*entry, ATOM_NS, "id").unwrap_or_default();
        if id.contains("/api/errors") {
            let summary = child_text(*entry, ATOM_NS, "summary").unwrap_or_default();
            // One line: the message is quoted in a one-line error report.
            let message = collapse_whitespace(&summary);
            return Err(FeedError::Api(if message.is_empty() {
                format!("error entry {} without a message", collapse_whitespace(&id))
            } else {
                message
            }));
        }
    }
    Ok(())
}

fn opensearch_number(feed: Node, name: &str) -> Option<u64> {
    child_text(feed, OPENSEARCH_NS, name)?.trim().parse().ok()
}

/// Network text quoted for an error message: escaped onto one line and cut
/// short, so a hostile value cannot flood the terminal.
fn quote_short(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let text = text.trim();
    let mut quoted = format!("{:?}", text.chars().take(MAX_CHARS).collect::<String>());
    if text.chars().nth(MAX_CHARS).is_some() {
        quoted.push_str("...");
    }
    quoted
}

/// Collapse ASCII whitespace runs (what wrapping inserts) to one space and
/// trim; non-ASCII spaces such as NBSP are content and are kept.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(&mut out, text, false);
    out
}

/// Appends the words of `text` (split at ASCII whitespace) to `out`, one
/// space apart, with a space before the first when `separate`. Text that is
/// already single-spaced, as most of every feed is, is copied whole: four
/// vectorised searches instead of a step per word.
fn push_words(out: &mut String, text: &str, separate: bool) {
    let bytes = text.as_bytes();
    let single_spaced = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            !first.is_ascii_whitespace()
                && !last.is_ascii_whitespace()
                && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
                && memchr::memchr(0x0C, bytes).is_none()
                && memchr::memmem::find(bytes, b"  ").is_none()
        }
        _ => false,
    };
    if single_spaced {
        if separate {
            out.push(' ');
        }
        out.push_str(text);
        return;
    }
    let mut separate = separate;
    for word in text.split_ascii_whitespace() {
        if separate {
            out.push(' ');
        }
        out.push_str(word);
        separate = true;
    }
}

fn children<'a, 'input: 'a>(
    parent: Node<'a, 'input>,
    namespace: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    // Local name first: it tells entry fields apart at once, where the
    // namespace URIs share a long prefix. Together the same as
    // `has_tag_name((namespace, name))`.
    parent.children().filter(move |node| {
        node.is_element() && {
            let tag = node.tag_name();
            tag.name() == name && tag.namespace() == Some(namespace)
        }
    })
}

/// Text of the first matching child, entities resolved.
fn child_text<'a>(parent: Node<'a, '_>, namespace: &'a str, name: &'a str) -> Option<Cow<'a, str>> {
    children(parent, namespace, name).next().map(text_of)
}

/// All text inside a node. Usually one text child, borrowed as it is;
/// roxmltree may split text around CDATA sections or stray markup, and
/// then the pieces are concatenated.
fn text_of<'a>(node: Node<'a, '_>) -> Cow<'a, str> {
    let mut pieces = node
        .descendants()
        .filter(Node::is_text)
        .filter_map(|text| text.text());
    let Some(first) = pieces.next() else {
        return Cow::Borrowed("");
    };
    match pieces.next() {
        None => Cow::Borrowed(first),
        Some(second) => {
            let mut joined = String::from(first);
            joined.push_str(second);
            pieces.for_each(|piece| joined.push_str(piece));
            Cow::Owned(joined)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Author;

    /// A one-entry feed in the current service's shape, with `entry_body`
    /// spliced in as the entry's children.
    fn feed_with_entry(entry_body: &str) -> String {
        format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>{entry_body}</entry>
</feed>"#
        )
    }

    const MINIMAL_ENTRY: &str = r#"
    <id>http://arxiv.org/abs/2401.01234v3</id>
    <title>T</title>
    <published>2024-01-02T03:04:05Z</published>"#;

    fn only_entry(entry_body: &str) -> Paper {
        let feed = parse_feed(&feed_with_entry(entry_body)).expect("test feed parses");
        assert_eq!(feed.entries.len(), 1);
        feed.entries.into_iter().next().expect("one entry")
    }

    fn malformed_reason(xml: &str) -> String {
        match parse_feed(xml) {
            Err(FeedError::Malformed(reason)) => reason,
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    #[test]
    fn malformed_reasons_stay_on_one_line() {
        // Found by fuzzing: roxmltree's message quotes the raw newline.
        let reason = malformed_reason("<feed a=\"b\"/\n>");
        assert!(reason.contains("expected '>' not '\\n'"), "{reason}");
        // A namespace written with character references.
        let reason = malformed_reason("<x xmlns=\"urn:a&#10;b&#x9b;2J\"/>");
        assert!(reason.contains("urn:a\\nb\\u{9b}2J"), "{reason}");
        for reason in [
            malformed_reason("<feed a=\"b\"/\n>"),
            malformed_reason("<x xmlns=\"urn:a&#10;b\"/>"),
        ] {
            assert!(!reason.contains(char::is_control), "{reason:?}");
        }
    }

    #[test]
    fn api_error_messages_stay_on_one_line() {
        let xml = feed_with_entry(
            "<id>https://arxiv.org/api/errors#x</id><title>Error</title>\
             <summary>\n  first line\n  second line\n</summary>",
        );
        assert_eq!(
            parse_feed(&xml),
            Err(FeedError::Api("first line second line".into()))
        );
    }

    /// What `parse_feed` gave before it split pages into entries: the
    /// whole document as one tree.
    fn parse_feed_whole(xml: &str) -> Result<(Option<u64>, Vec<Paper>), FeedError> {
        let (xml, _) = drop_forbidden_characters(xml);
        parse_whole(&xml).map(|page| (page.total_results, page.entries))
    }

    fn parse_feed_now(xml: &str) -> Result<(Option<u64>, Vec<Paper>), FeedError> {
        parse_feed(xml).map(|feed| (feed.total_results, feed.entries))
    }

    /// Every recorded arXiv response, and damaged variants of each, parse
    /// entry by entry to exactly what the whole-document parse gives:
    /// the same papers or the same error.
    #[test]
    fn parsing_entry_by_entry_changes_nothing() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/arxiv");
        let mut split_pages = 0;
        for file in std::fs::read_dir(&dir).expect("fixtures") {
            let path = file.expect("fixture").path();
            if path.extension().is_none_or(|ext| ext != "xml") {
                continue;
            }
            let xml = std::fs::read_to_string(&path).expect("fixture text");
            let half = xml.len() / 2;
            let cut = (half..xml.len())
                .find(|&i| xml.is_char_boundary(i))
                .unwrap_or(half);
            let variants = [
                xml.clone(),
                xml[..cut].to_owned(),
                xml.replacen("<entry>", "<entry><!DOCTYPE x>", 1),
                xml.replacen("<entry>", "<x:entry xmlns:x=\"urn:other\">", 1)
                    .replacen("</entry>", "</x:entry>", 1),
                xml.replacen(
                    "</entry>",
                    "</entry><entry><id>https://arxiv.org/api/errors#e</id>\
                     <summary>bad</summary></entry>",
                    1,
                ),
                xml.replacen("</title>", "</titel>", 1),
                xml.replacen("<entry>", "<entry>\u{1b}", 1),
            ];
            for variant in variants {
                assert_eq!(
                    parse_feed_now(&variant),
                    parse_feed_whole(&variant),
                    "{}",
                    path.display()
                );
            }
            split_pages += usize::from(split::split(&xml).is_some_and(|s| !s.entries.is_empty()));
        }
        assert!(
            split_pages >= 8,
            "most fixtures take the entry-by-entry path: {split_pages}"
        );
    }

    #[test]
    fn whitespace_collapses_the_same_on_the_fast_path_and_off_it() {
        let texts = [
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\tb",
            "a\x0Cb",
            "a\rb",
            "a\nb",
            "",
            " ",
            "ab",
            "a\u{a0} b",
            "\u{a0}",
            "单词 词",
            "x y z w",
        ];
        for text in texts {
            let reference = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), reference, "{text:?}");
            let mut out = String::from("x");
            push_words(&mut out, text, true);
            let expected = if reference.is_empty() {
                "x".to_owned()
            } else {
                format!("x {reference}")
            };
            assert_eq!(out, expected, "{text:?}");
        }
    }

    #[test]
    fn abstract_current_service_paragraph_break() {
        assert_eq!(
            normalize_abstract("  First para.\n  Second  para.\n  Third."),
            "First para.\n\nSecond para.\n\nThird."
        );
    }

    #[test]
    fn abstract_classic_soft_wraps_become_spaces() {
        assert_eq!(
            normalize_abstract("  One line\nwrapped here and\nhere.\n"),
            "One line wrapped here and here."
        );
    }

    #[test]
    fn abstract_classic_indented_line_and_blank_line_start_paragraphs() {
        assert_eq!(
            normalize_abstract("  First\nwrap.\n  Second\nwrap.\n\nThird\n\n\n\nFourth"),
            "First wrap.\n\nSecond wrap.\n\nThird\n\nFourth"
        );
    }

    #[test]
    fn abstract_handles_crlf_tabs_and_blank_input() {
        assert_eq!(normalize_abstract("a\r\nb\r\n\tc"), "a b\n\nc");
        assert_eq!(normalize_abstract(" \n\t "), "");
        assert_eq!(normalize_abstract(""), "");
    }

    #[test]
    fn categories_put_primary_first_and_drop_duplicates_and_codes() {
        let paper = only_entry(&format!(
            r#"{MINIMAL_ENTRY}
            <category term="cs.LG"/><category term="I.2.6"/><category term="cs.AI"/>
            <category term="cs.LG"/><category term="68T05"/>
            <arxiv:primary_category term="cs.AI" scheme="http://arxiv.org/schemas/atom"/>"#
        ));
        assert_eq!(paper.categories, ["cs.AI", "cs.LG"]);
        assert_eq!(paper.primary_category.as_deref(), Some("cs.AI"));
    }

    #[test]
    fn minimal_entry_gets_defaults_and_derived_urls() {
        let paper = only_entry(MINIMAL_ENTRY);
        assert_eq!(paper.id, "2401.01234");
        assert_eq!(paper.version, 3);
        assert_eq!(paper.title, "T");
        assert_eq!(paper.updated, paper.published);
        assert_eq!(paper.summary, "");
        assert!(paper.authors.is_empty() && paper.categories.is_empty() && paper.dois.is_empty());
        assert_eq!(paper.primary_category, None);
        assert_eq!(paper.comment, None);
        assert_eq!(paper.journal_ref, None);
        assert_eq!(paper.abs_url, "https://arxiv.org/abs/2401.01234v3");
        assert_eq!(paper.pdf_url, "https://arxiv.org/pdf/2401.01234v3");
    }

    #[test]
    fn pdf_link_found_by_type_when_title_is_missing() {
        let paper = only_entry(&format!(
            r#"{MINIMAL_ENTRY}
            <link href="https://arxiv.org/pdf/2401.01234v3" rel="related" type="application/pdf"/>
            <link href="https://arxiv.org/abs/2401.01234v3" rel="alternate" type="text/html"/>"#
        ));
        assert_eq!(paper.pdf_url, "https://arxiv.org/pdf/2401.01234v3");
        assert_eq!(paper.abs_url, "https://arxiv.org/abs/2401.01234v3");
    }

    #[test]
    fn links_are_chosen_by_rel_not_position() {
        let paper = only_entry(&format!(
            r#"{MINIMAL_ENTRY}
            <link rel="related" href="https://doi.org/10.1/x" title="doi"/>
            <link href="https://example.org/PDF" rel="related" title="pdf"/>
            <link href="https://example.org/ABS" rel="alternate" type="text/html"/>"#
        ));
        assert_eq!(paper.abs_url, "https://example.org/ABS");
        assert_eq!(paper.pdf_url, "https://example.org/PDF");
    }

    #[test]
    fn non_web_links_fall_back_to_derived_urls() {
        let paper = only_entry(&format!(
            r#"{MINIMAL_ENTRY}
            <link href="javascript:alert(1)" rel="alternate" type="text/html"/>
            <link href="file:///etc/passwd" rel="related" title="pdf"/>"#
        ));
        assert_eq!(paper.abs_url, "https://arxiv.org/abs/2401.01234v3");
        assert_eq!(paper.pdf_url, "https://arxiv.org/pdf/2401.01234v3");
    }

    #[test]
    fn dois_from_elements_are_trimmed_split_and_deduplicated() {
        let paper = only_entry(&format!(
            r#"{MINIMAL_ENTRY}
            <arxiv:doi> 10.1/a </arxiv:doi><arxiv:doi>10.1/b 10.1/a</arxiv:doi>
            <link rel="related" href="https://doi.org/10.1/ignored" title="doi"/>"#
        ));
        assert_eq!(paper.dois, ["10.1/a", "10.1/b"]);
    }

    #[test]
    fn doi_taken_from_link_when_no_element() {
        let paper = only_entry(&format!(
            r#"{MINIMAL_ENTRY}
            <link title="doi" href="http://dx.doi.org/10.1103/PhysRevB.85.115117" rel="related"/>
            <link title="doi" href="https://example.org/not-a-doi" rel="related"/>"#
        ));
        assert_eq!(paper.dois, ["10.1103/PhysRevB.85.115117"]);
    }

    #[test]
    fn title_zero_is_valid_and_whitespace_collapses() {
        let entry = MINIMAL_ENTRY.replace("<title>T</title>", "<title>\n  0\n  </title>");
        assert_eq!(only_entry(&entry).title, "0");
    }

    #[test]
    fn blank_comment_and_journal_ref_are_none() {
        let paper = only_entry(&format!(
            "{MINIMAL_ENTRY}<arxiv:comment>  \n </arxiv:comment><arxiv:journal_ref/>"
        ));
        assert_eq!(paper.comment, None);
        assert_eq!(paper.journal_ref, None);
    }

    #[test]
    fn affiliations_are_collected_per_author_in_order() {
        let paper = only_entry(&format!(
            r#"{MINIMAL_ENTRY}
            <author><name>B  One</name><arxiv:affiliation>X</arxiv:affiliation><arxiv:affiliation>Y</arxiv:affiliation></author>
            <author><name>A Two</name></author>
            <author><name> </name></author>"#
        ));
        let expected = [
            Author {
                name: "B One".into(),
                affiliations: vec!["X".into(), "Y".into()],
            },
            Author {
                name: "A Two".into(),
                affiliations: vec![],
            },
        ];
        assert_eq!(paper.authors, expected);
    }

    #[test]
    fn invalid_updated_falls_back_to_published() {
        let paper = only_entry(&format!("{MINIMAL_ENTRY}<updated>yesterday</updated>"));
        assert_eq!(paper.updated, paper.published);
    }

    #[test]
    fn offset_timestamps_are_converted_to_utc() {
        let paper = only_entry(&format!(
            "{MINIMAL_ENTRY}<updated>2016-10-09T00:00:00-04:00</updated>"
        ));
        assert_eq!(paper.updated.to_rfc3339(), "2016-10-09T04:00:00+00:00");
    }

    #[test]
    fn missing_or_bad_required_fields_are_malformed() {
        let no_published = MINIMAL_ENTRY.replace("<published>2024-01-02T03:04:05Z</published>", "");
        assert!(malformed_reason(&feed_with_entry(&no_published)).contains("no <published>"));
        let bad_published = MINIMAL_ENTRY.replace("2024-01-02T03:04:05Z", "2024-13-02");
        assert!(malformed_reason(&feed_with_entry(&bad_published)).contains("not an RFC 3339"));
        let no_title = MINIMAL_ENTRY.replace("<title>T</title>", "<title> </title>");
        assert!(malformed_reason(&feed_with_entry(&no_title)).contains("no <title>"));
        let no_id = MINIMAL_ENTRY.replace("<id>http://arxiv.org/abs/2401.01234v3</id>", "");
        assert!(malformed_reason(&feed_with_entry(&no_id)).contains("no <id>"));
        let bad_id = MINIMAL_ENTRY.replace("2401.01234v3", "2401.01234");
        assert!(malformed_reason(&feed_with_entry(&bad_id)).contains("not an arXiv abs URL"));
    }

    #[test]
    fn long_bad_values_are_cut_short_in_messages() {
        let long_id = format!("http://example.org/{}", "x".repeat(500));
        let entry = MINIMAL_ENTRY.replace("http://arxiv.org/abs/2401.01234v3", &long_id);
        let reason = malformed_reason(&feed_with_entry(&entry));
        assert!(
            reason.contains("xxx\"... is not an arXiv abs URL"),
            "{reason}"
        );
        assert!(reason.len() < 160, "{reason}");
    }

    #[test]
    fn error_entry_wins_even_among_good_entries() {
        let xml = feed_with_entry(&format!(
            "{MINIMAL_ENTRY}</entry><entry><id>http://arxiv.org/api/errors#start_must_be_an_integer</id>\
             <title>Error</title><summary>\n  start must be an integer\n</summary>"
        ));
        assert_eq!(
            parse_feed(&xml),
            Err(FeedError::Api("start must be an integer".into()))
        );
    }

    #[test]
    fn elements_match_by_namespace_not_prefix() {
        let xml = r#"<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="http://arxiv.org/schemas/atom"
                       xmlns:os="http://a9.com/-/spec/opensearch/1.1/" xmlns:other="urn:other">
          <os:startIndex>5</os:startIndex><other:totalResults>9</other:totalResults>
          <a:entry>
            <other:id>http://arxiv.org/abs/9999.99999v1</other:id>
            <x:comment>right</x:comment><other:comment>wrong</other:comment>
            <a:published>2024-01-02T03:04:05Z</a:published>
            <a:title>Prefixed</a:title>
            <a:id>http://arxiv.org/abs/2401.01234v3</a:id>
          </a:entry>
        </a:feed>"#;
        let feed = parse_feed(xml).expect("prefixed feed parses");
        assert_eq!(feed.start_index, Some(5));
        assert_eq!(feed.total_results, None);
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].id, "2401.01234");
        assert_eq!(feed.entries[0].comment.as_deref(), Some("right"));
    }

    #[test]
    fn unparseable_opensearch_numbers_are_none() {
        let xml = feed_with_entry(MINIMAL_ENTRY).replace(
            "<opensearch:totalResults>1<",
            "<opensearch:totalResults>-1<",
        );
        assert_eq!(parse_feed(&xml).map(|feed| feed.total_results), Ok(None));
    }

    #[test]
    fn display_is_one_line_per_kind() {
        assert_eq!(
            FeedError::Api("bad".into()).to_string(),
            "arXiv API error: bad"
        );
        assert_eq!(
            FeedError::Malformed("why".into()).to_string(),
            "unusable arXiv response: why"
        );
    }

    #[test]
    fn node_flood_is_refused() {
        let flood = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">{}</feed>",
            "<a/>".repeat(NODES_LIMIT as usize)
        );
        assert!(malformed_reason(&flood).contains("XML nodes, refused"));
    }

    #[test]
    fn dtd_is_refused_and_namespace_less_feed_is_not_atom() {
        assert!(malformed_reason("<!DOCTYPE feed [<!ENTITY a \"b\">]><feed/>").contains("DTD"));
        assert!(malformed_reason("<feed><entry/></feed>").contains("not an Atom <feed>"));
    }

    /// The straightforward form of [`normalize_abstract`]: paragraphs
    /// gathered line by line, each collapsed, joined by blank lines.
    fn normalize_abstract_reference(raw: &str) -> String {
        let mut paragraphs: Vec<String> = Vec::new();
        let mut current = String::new();
        for (index, line) in raw.trim().split('\n').enumerate() {
            let starts_paragraph =
                index > 0 && (line.starts_with([' ', '\t']) || line.trim().is_empty());
            if starts_paragraph && !current.trim().is_empty() {
                paragraphs.push(
                    current
                        .split_ascii_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                current.clear();
            }
            current.push(' ');
            current.push_str(line);
        }
        if !current.trim().is_empty() {
            paragraphs.push(
                current
                    .split_ascii_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        paragraphs.join("\n\n")
    }

    #[test]
    fn one_pass_abstract_normalisation_matches_the_reference() {
        const PIECES: [&str; 7] = ["a", "bc", " ", "\n", "\t", "\u{a0}", "\n  "];
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            let mut raw = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                raw.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            assert_eq!(
                normalize_abstract(&raw),
                normalize_abstract_reference(&raw),
                "{raw:?}"
            );
        }
    }
}
