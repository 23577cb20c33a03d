//! `--format atom`: the listed papers as an Atom 1.0 feed (RFC 4287), so a
//! filtered list can be subscribed to from a feed reader:
//! `papers list --topic npu --format atom > ~/feeds/npu.xml`.
//!
//! The output is a pure function of the papers and the [`FeedMeta`]: no
//! clock is read, so the same cache and command give the same bytes, and a
//! reader polling an unchanged file sees nothing new.
//!
//! Entry ids are the versionless abs URL (`http://arxiv.org/abs/2401.01234`):
//! a new version of a paper changes its `updated` time, not its identity, so
//! readers show it as revised instead of as a second entry.
//!
//! Text is for people reading in a feed reader (several of which run in a
//! terminal), not for scripts: escape sequences are removed as on the
//! terminal, then everything is XML-escaped, and characters XML 1.0 forbids
//! are dropped, since one of them makes the whole document unreadable.

use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat, Utc};

use crate::model::{CachedPaper, Paper};
use crate::render::chart::xml_escape;
use crate::terminal::sanitize::terminal_safe;

/// The scheme arXiv's own API gives its category terms; readers that know
/// arXiv feeds group by it.
pub const ARXIV_CATEGORY_SCHEME: &str = "http://arxiv.org/schemas/atom";

/// Start of every `tag:` URI this module mints (RFC 4151: an authority, a
/// date, then a specific part). `papers.invalid` can never be registered
/// (RFC 2606), so no one else's tags can collide with these; the date fixes
/// the namespace for good and must never change, or every feed's id would.
const TAG_AUTHORITY: &str = "tag:papers.invalid,2026:";

/// Scheme of the categories that name the configured topics a paper matched.
const TOPIC_SCHEME: &str = "tag:papers.invalid,2026:topic";

/// Feed-level author: RFC 4287 wants an author on the feed or on every
/// entry, and a paper can reach the cache without author names.
const FEED_AUTHOR: &str = "papers";

/// Where the papers come from; the feed's `alternate` link.
const SOURCE_SITE: &str = "https://arxiv.org/";

/// What identifies a feed and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedMeta {
    /// Shown by readers as the feed's name, e.g. `papers list --topic npu`.
    pub title: String,
    /// The feed's permanent id, a `tag:` URI (see [`feed_id`]).
    pub id: String,
    /// The newest `updated` of its papers (see [`newest_update`]).
    pub updated: DateTime<Utc>,
}

impl FeedMeta {
    /// The feed of `papers`, as chosen by `papers COMMAND` with `filters`:
    /// (flag name without dashes, value as typed) pairs, `""` for a flag
    /// without a value, e.g. `[("topic", "npu"), ("since", "7d"), ("new", "")]`.
    ///
    /// Pass only the options that choose *which* papers appear (topics,
    /// dates, categories, author, grep, tags, the search query...), not
    /// `--limit`, `--sort` or `--format`: a reader should not see a new feed
    /// because the page size changed. Pass values as typed (`7d`, not the
    /// date it resolves to), so the id survives the passing days.
    pub fn new(command: &str, filters: &[(&str, &str)], papers: &[&CachedPaper]) -> Self {
        FeedMeta::updated_at(command, filters, newest_update(papers))
    }

    /// [`new`](Self::new) for papers whose newest `updated` is known.
    pub fn updated_at(command: &str, filters: &[(&str, &str)], updated: DateTime<Utc>) -> Self {
        FeedMeta {
            title: feed_title(command, filters),
            id: feed_id(command, filters),
            updated,
        }
    }
}

/// `tag:papers.invalid,2026:list?since=7d&topic=npu`: the command, then the
/// filters sorted (so the order they were typed in does not matter), each
/// `name=value` (or `name` alone for a flag) and percent-encoded (RFC 3986
/// unreserved characters kept). The same filters always give the same id.
pub fn feed_id(command: &str, filters: &[(&str, &str)]) -> String {
    let mut pairs: Vec<String> = filters
        .iter()
        .map(|&(name, value)| {
            if value.is_empty() {
                percent_encode(name)
            } else {
                format!("{}={}", percent_encode(name), percent_encode(value))
            }
        })
        .collect();
    pairs.sort();
    let mut id = format!("{TAG_AUTHORITY}{}", percent_encode(command));
    if !pairs.is_empty() {
        id.push('?');
        id.push_str(&pairs.join("&"));
    }
    id
}

/// `papers list --topic npu --since 7d`: the command line that makes the
/// feed, in the order given, which tells a reader's sidebar what it holds.
/// Values with whitespace are double-quoted.
pub fn feed_title(command: &str, filters: &[(&str, &str)]) -> String {
    let mut title = format!("papers {command}");
    for &(name, value) in filters {
        title.push_str(" --");
        title.push_str(name);
        if value.is_empty() {
            continue;
        }
        title.push(' ');
        if value.contains(char::is_whitespace) {
            title.push('"');
            title.push_str(value);
            title.push('"');
        } else {
            title.push_str(value);
        }
    }
    title
}

/// The latest `updated` among `papers`, or the Unix epoch for none: Atom
/// requires a time, and a fixed one keeps an empty feed's bytes stable.
pub fn newest_update(papers: &[&CachedPaper]) -> DateTime<Utc> {
    papers
        .iter()
        .map(|cached| cached.paper.updated)
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// `http://arxiv.org/abs/2401.01234`: versionless, so every version of a
/// paper is the same entry. The `http` form is the one arXiv's own feeds use
/// for ids; it is a name, never fetched.
pub fn entry_id(paper: &Paper) -> String {
    format!("http://arxiv.org/abs/{}", paper.id)
}

/// The whole document, UTF-8, ending in a newline. Entries come in the order
/// given.
pub fn render_atom(papers: &[&CachedPaper], feed: &FeedMeta) -> String {
    let mut out = String::with_capacity(1024 + papers.len() * 2048);
    push_head(&mut out, feed);
    for cached in papers {
        push_entry(&mut out, cached);
    }
    out.push_str(FEED_END);
    out
}

const FEED_END: &str = "</feed>\n";

/// A feed written a batch of papers at a time under a head that is known
/// before the first (the newest `updated` comes from a first pass): a feed
/// of the whole cache never has to be one string. The bytes are
/// [`render_atom`]'s, for no papers too.
pub(crate) struct AtomWriter<'a> {
    out: &'a mut dyn Write,
    text: String,
}

impl<'a> AtomWriter<'a> {
    /// Writes the feed's head.
    pub(crate) fn new(out: &'a mut dyn Write, feed: &FeedMeta) -> io::Result<Self> {
        let mut text = String::new();
        push_head(&mut text, feed);
        out.write_all(text.as_bytes())?;
        Ok(AtomWriter { out, text })
    }

    pub(crate) fn write(&mut self, papers: &[&CachedPaper]) -> io::Result<()> {
        self.text.clear();
        for cached in papers {
            push_entry(&mut self.text, cached);
        }
        self.out.write_all(self.text.as_bytes())
    }

    /// Closes the feed.
    pub(crate) fn finish(self) -> io::Result<()> {
        self.out.write_all(FEED_END.as_bytes())
    }
}

/// The XML declaration and the feed's own elements, before its entries.
fn push_head(out: &mut String, feed: &FeedMeta) {
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    push_element(out, 1, "id", &xml_line(&feed.id));
    push_element(out, 1, "title", &xml_line(&feed.title));
    push_element(out, 1, "updated", &timestamp(feed.updated));
    push_author(out, 1, FEED_AUTHOR);
    push_line(
        out,
        1,
        &format!(
            "<generator version=\"{}\">papers</generator>",
            xml_escape(env!("CARGO_PKG_VERSION"))
        ),
    );
    push_line(
        out,
        1,
        &format!("<link rel=\"alternate\" type=\"text/html\" href=\"{SOURCE_SITE}\"/>"),
    );
}

fn push_entry(out: &mut String, cached: &CachedPaper) {
    let paper = &cached.paper;
    push_line(out, 1, "<entry>");
    push_element(out, 2, "id", &xml_line(&entry_id(paper)));
    push_element(out, 2, "title", &xml_line(&paper.title));
    push_element(out, 2, "updated", &timestamp(paper.updated));
    push_element(out, 2, "published", &timestamp(paper.published));
    for author in &paper.authors {
        push_author(out, 2, &author.name);
    }
    // Empty URLs are skipped: an empty href would point at the feed itself.
    if !paper.abs_url.is_empty() {
        push_line(
            out,
            2,
            &format!(
                "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                xml_line(&paper.abs_url)
            ),
        );
    }
    if !paper.pdf_url.is_empty() {
        push_line(
            out,
            2,
            &format!(
                "<link rel=\"related\" type=\"application/pdf\" title=\"pdf\" href=\"{}\"/>",
                xml_line(&paper.pdf_url)
            ),
        );
    }
    push_element(out, 2, "summary", &xml_paragraphs(&paper.summary));
    for category in &paper.categories {
        push_line(
            out,
            2,
            &format!(
                "<category term=\"{}\" scheme=\"{ARXIV_CATEGORY_SCHEME}\"/>",
                xml_line(category)
            ),
        );
    }
    for topic in &cached.topics {
        push_line(
            out,
            2,
            &format!(
                "<category term=\"{}\" scheme=\"{TOPIC_SCHEME}\"/>",
                xml_line(topic)
            ),
        );
    }
    push_line(out, 1, "</entry>");
}

fn push_author(out: &mut String, depth: usize, name: &str) {
    push_line(
        out,
        depth,
        &format!("<author><name>{}</name></author>", xml_line(name)),
    );
}

/// `<name>text</name>` on a line of its own; `text` is already escaped.
fn push_element(out: &mut String, depth: usize, name: &str, text: &str) {
    push_line(out, depth, &format!("<{name}>{text}</{name}>"));
}

fn push_line(out: &mut String, depth: usize, line: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(line);
    out.push('\n');
}

/// One line of text for element content or an attribute value.
fn xml_line(text: &str) -> String {
    xml_escape(&terminal_safe(text))
}

/// The abstract with its line breaks (the blank line between paragraphs)
/// kept: the terminal and XML rules each work on one line at a time.
fn xml_paragraphs(text: &str) -> String {
    text.split('\n')
        .map(xml_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// RFC 3339 in UTC with a `Z` and whole seconds, as Atom's date constructs
/// require and as arXiv gives them.
fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// RFC 3986 percent-encoding of everything but the unreserved characters,
/// byte by byte of the UTF-8.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::{author, sample, utc};

    fn two_papers() -> Vec<CachedPaper> {
        let mut first = sample(
            "2509.23324",
            "Speculative decoding on NPUs",
            "First paragraph.\n\nSecond paragraph.",
        );
        first.paper.updated = utc(2025, 10, 2, 8, 15);
        let mut second = sample("2510.00001", "Edge inference", "Short abstract.");
        second.paper.authors = vec![author("Grace Hopper")];
        second.paper.categories = vec!["cs.AR".into()];
        second.topics.insert("edge-inference".into());
        vec![first, second]
    }

    fn meta(papers: &[&CachedPaper]) -> FeedMeta {
        FeedMeta::new("list", &[("topic", "npu")], papers)
    }

    fn render(papers: &[CachedPaper]) -> String {
        let refs: Vec<&CachedPaper> = papers.iter().collect();
        render_atom(&refs, &meta(&refs))
    }

    fn parse_feed(xml: &str) -> feed_rs::model::Feed {
        feed_rs::parser::parse(xml.as_bytes()).unwrap()
    }

    #[test]
    fn feed_rs_reads_back_every_field() {
        let papers = two_papers();
        let feed = parse_feed(&render(&papers));

        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.id, "tag:papers.invalid,2026:list?topic=npu");
        assert_eq!(
            feed.title.as_ref().map(|t| t.content.as_str()),
            Some("papers list --topic npu")
        );
        // The newest paper's updated, not the clock.
        assert_eq!(feed.updated, Some(papers[0].paper.updated));
        assert_eq!(feed.authors[0].name, FEED_AUTHOR);
        assert_eq!(
            feed.generator.as_ref().map(|g| g.content.as_str()),
            Some("papers")
        );
        assert_eq!(feed.links[0].href, SOURCE_SITE);
        assert_eq!(feed.entries.len(), papers.len());

        for (entry, cached) in feed.entries.iter().zip(&papers) {
            let paper = &cached.paper;
            assert_eq!(entry.id, format!("http://arxiv.org/abs/{}", paper.id));
            assert_eq!(
                entry.title.as_ref().map(|t| t.content.as_str()),
                Some(paper.title.as_str())
            );
            let names: Vec<&str> = entry.authors.iter().map(|p| p.name.as_str()).collect();
            let expected: Vec<&str> = paper.authors.iter().map(|a| a.name.as_str()).collect();
            assert_eq!(names, expected);
            assert_eq!(entry.published, Some(paper.published));
            assert_eq!(entry.updated, Some(paper.updated));
            assert_eq!(
                entry.summary.as_ref().map(|t| t.content.as_str()),
                Some(paper.summary.as_str())
            );

            let alternate = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref() == Some("alternate"))
                .unwrap();
            assert_eq!(alternate.href, paper.abs_url);
            let pdf = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref() == Some("related"))
                .unwrap();
            assert_eq!(pdf.href, paper.pdf_url);
            assert_eq!(pdf.media_type.as_deref(), Some("application/pdf"));

            let arxiv: Vec<&str> = entry
                .categories
                .iter()
                .filter(|c| c.scheme.as_deref() == Some(ARXIV_CATEGORY_SCHEME))
                .map(|c| c.term.as_str())
                .collect();
            assert_eq!(arxiv, paper.categories);
            let topics: Vec<&str> = entry
                .categories
                .iter()
                .filter(|c| c.scheme.as_deref() == Some(TOPIC_SCHEME))
                .map(|c| c.term.as_str())
                .collect();
            assert_eq!(topics, cached.topics.iter().collect::<Vec<_>>());
        }
    }

    /// RFC 4287 §4.1.1-4.1.2: exactly one id, title and updated on the
    /// feed and on each entry, an author on the feed or on every entry, in
    /// the Atom namespace.
    #[test]
    fn schema_required_elements_are_present() {
        const ATOM: &str = "http://www.w3.org/2005/Atom";
        let mut papers = two_papers();
        papers[1].paper.authors.clear();
        let xml = render(&papers);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(ATOM));
        assert_eq!(root.tag_name().name(), "feed");

        let children = |node: roxmltree::Node<'_, '_>, name: &str| {
            node.children()
                .filter(|c| c.is_element() && c.tag_name().name() == name)
                .inspect(|c| assert_eq!(c.tag_name().namespace(), Some(ATOM)))
                .count()
        };
        for name in ["id", "title", "updated"] {
            assert_eq!(children(root, name), 1, "feed/{name}");
        }
        let feed_has_author = children(root, "author") > 0;
        let entries: Vec<_> = root
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert_eq!(entries.len(), papers.len());
        for entry in &entries {
            for name in ["id", "title", "updated"] {
                assert_eq!(children(*entry, name), 1, "entry/{name}");
            }
            assert!(feed_has_author || children(*entry, "author") > 0);
        }
        assert!(feed_has_author, "the author-less paper needs the feed's");
        // Every date construct is RFC 3339.
        for node in doc
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "updated" | "published"))
        {
            let text = node.text().unwrap_or_default();
            assert!(DateTime::parse_from_rfc3339(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn same_papers_render_the_same_bytes() {
        let papers = two_papers();
        assert_eq!(render(&papers), render(&papers));
    }

    #[test]
    fn a_new_version_keeps_the_entry_id_and_moves_updated() {
        let before = two_papers();
        let mut after = before.clone();
        after[0].paper.version = 2;
        after[0].paper.updated = utc(2025, 11, 5, 9, 0);
        after[0].paper.abs_url = "http://arxiv.org/abs/2509.23324v2".into();

        let old = parse_feed(&render(&before));
        let new = parse_feed(&render(&after));
        assert_eq!(old.id, new.id);
        assert_eq!(old.entries[0].id, new.entries[0].id);
        assert_eq!(new.entries[0].updated, Some(after[0].paper.updated));
        assert_ne!(old.entries[0].updated, new.entries[0].updated);
        assert_eq!(new.updated, Some(after[0].paper.updated));
    }

    #[test]
    fn markup_and_xml_forbidden_characters_are_made_safe() {
        let mut paper = sample(
            "2509.23324",
            "<b>Fast</b> & \"loose\" 'NPU' \u{1b}[31mred\u{1b}[0m\u{0}\u{b}\u{fffe}!",
            "a < b && c > d\u{7}\n\n]]> end",
        );
        paper.paper.authors = vec![author("O'Brien <ob@example.org>\u{1}")];
        paper.paper.categories = vec!["cs.\"AR\"".into()];
        let xml = render(&[paper]);
        let feed = parse_feed(&xml);
        let entry = &feed.entries[0];
        assert_eq!(
            entry.title.as_ref().map(|t| t.content.as_str()),
            Some("<b>Fast</b> & \"loose\" 'NPU' red!")
        );
        assert_eq!(
            entry.summary.as_ref().map(|t| t.content.as_str()),
            Some("a < b && c > d\n\n]]> end")
        );
        assert_eq!(entry.authors[0].name, "O'Brien <ob@example.org>");
        assert_eq!(entry.categories[0].term, "cs.\"AR\"");
        // A strict parser agrees the document is well-formed.
        assert!(roxmltree::Document::parse(&xml).is_ok());
    }

    #[test]
    fn an_empty_list_is_a_valid_feed_dated_at_the_epoch() {
        let feed_meta = FeedMeta::new("search", &[("query", "npu")], &[]);
        let xml = render_atom(&[], &feed_meta);
        let feed = parse_feed(&xml);
        assert!(feed.entries.is_empty());
        assert_eq!(feed.updated, Some(DateTime::<Utc>::UNIX_EPOCH));
        assert_eq!(feed.id, "tag:papers.invalid,2026:search?query=npu");
    }

    #[test]
    fn feed_id_ignores_filter_order_and_encodes_values() {
        let one = feed_id("list", &[("topic", "npu"), ("since", "7d"), ("new", "")]);
        let other = feed_id("list", &[("new", ""), ("since", "7d"), ("topic", "npu")]);
        assert_eq!(one, other);
        assert_eq!(one, "tag:papers.invalid,2026:list?new&since=7d&topic=npu");
        assert_eq!(
            feed_id("search", &[("query", "speculative decoding -au:smith&co")]),
            "tag:papers.invalid,2026:search?query=speculative%20decoding%20-au%3Asmith%26co"
        );
        assert_eq!(feed_id("list", &[]), "tag:papers.invalid,2026:list");
        assert_ne!(
            feed_id("list", &[("topic", "npu")]),
            feed_id("list", &[("topic", "edge-inference")])
        );
    }

    #[test]
    fn feed_title_is_the_command_line() {
        assert_eq!(
            feed_title(
                "list",
                &[("topic", "npu"), ("grep", "two words"), ("new", "")]
            ),
            "papers list --topic npu --grep \"two words\" --new"
        );
        assert_eq!(feed_title("list", &[]), "papers list");
    }

    /// Head, batches, end: the bytes of the whole document, for any batch
    /// size and for no papers.
    #[test]
    fn a_feed_written_in_batches_is_the_whole_feed() {
        let mut papers = two_papers();
        papers.push(sample("2509.00003", "Third & <last>", "x"));
        let all: Vec<&CachedPaper> = papers.iter().collect();
        for count in [0, 1, 3] {
            let some = &all[..count];
            let feed = FeedMeta::updated_at("list", &[("topic", "npu")], newest_update(some));
            for batch in 1..=3 {
                let mut out = Vec::new();
                let mut writer = AtomWriter::new(&mut out, &feed).expect("head");
                for papers in some.chunks(batch) {
                    writer.write(papers).expect("entries");
                }
                writer.finish().expect("end");
                assert_eq!(
                    String::from_utf8(out).expect("utf-8"),
                    render_atom(some, &feed),
                    "{count} papers in batches of {batch}"
                );
            }
        }
    }
}
