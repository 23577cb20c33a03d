//! One `<entry>` into a [`Paper`]: a single pass over the entry's children
//! picks every field, each text taken as the feed holds it (borrowed) and
//! allocated once, in its final form.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use roxmltree::Node;

use super::{
    ARXIV_NS, ATOM_NS, FeedError, children, collapse_whitespace, malformed, quote_short, text_of,
};
use crate::model::ids;
use crate::model::{Author, Paper};

/// What one pass over an entry's children found; the first of each
/// single-valued element counts, as a reader of the feed would take it.
#[derive(Default)]
struct Fields<'a> {
    id: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    summary: Option<Cow<'a, str>>,
    published: Option<Cow<'a, str>>,
    updated: Option<Cow<'a, str>>,
    comment: Option<Cow<'a, str>>,
    journal_ref: Option<Cow<'a, str>>,
    authors: Vec<Author>,
    primary_category: Option<&'a str>,
    category_terms: Vec<&'a str>,
    doi_texts: Vec<Cow<'a, str>>,
    doi_links: Vec<&'a str>,
    abs_url: Option<String>,
    pdf_url: Option<String>,
}

impl<'a> Fields<'a> {
    fn read(entry: Node<'a, '_>) -> Self {
        let mut fields = Fields::default();
        for child in entry.children().filter(Node::is_element) {
            let tag = child.tag_name();
            match (tag.namespace(), tag.name()) {
                (Some(ATOM_NS), name) => fields.atom_child(name, child),
                (Some(ARXIV_NS), name) => fields.arxiv_child(name, child),
                _ => {}
            }
        }
        fields
    }

    fn atom_child(&mut self, name: &str, node: Node<'a, '_>) {
        let slot = match name {
            "id" => &mut self.id,
            "title" => &mut self.title,
            "summary" => &mut self.summary,
            "published" => &mut self.published,
            "updated" => &mut self.updated,
            "author" => {
                self.authors.extend(author(node));
                return;
            }
            "category" => {
                self.category_terms.extend(node.attribute("term"));
                return;
            }
            "link" => {
                self.link(node);
                return;
            }
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(text_of(node));
        }
    }

    fn arxiv_child(&mut self, name: &str, node: Node<'a, '_>) {
        match name {
            "comment" if self.comment.is_none() => self.comment = Some(text_of(node)),
            "journal_ref" if self.journal_ref.is_none() => self.journal_ref = Some(text_of(node)),
            "doi" => self.doi_texts.push(text_of(node)),
            // The classic service has `scheme` on it, the current one only `term`.
            "primary_category" if self.primary_category.is_none() => {
                self.primary_category = node.attribute("term");
            }
            _ => {}
        }
    }

    fn link(&mut self, link: Node<'a, '_>) {
        let rel = link.attribute("rel");
        let kind = link.attribute("type");
        let title = link.attribute("title");
        if title == Some("doi") {
            self.doi_links.extend(link.attribute("href"));
        }
        // The abstract page: `rel="alternate"`, HTML (or untyped).
        if self.abs_url.is_none()
            && rel == Some("alternate")
            && kind.is_none_or(|k| k == "text/html")
        {
            self.abs_url = web_href(link);
        }
        // The PDF: `rel="related"` marked by `title="pdf"` or the PDF media
        // type (the title was missing for a day after the 2025-11 migration).
        if self.pdf_url.is_none()
            && rel == Some("related")
            && (title == Some("pdf") || kind == Some("application/pdf"))
        {
            self.pdf_url = web_href(link);
        }
    }
}

pub(super) fn parse_entry(entry: Node) -> Result<Paper, FeedError> {
    let fields = Fields::read(entry);
    let raw_id = fields
        .id
        .as_deref()
        .ok_or_else(|| malformed("an entry has no <id>"))?;
    let (id, version) = ids::parse_entry_id(raw_id).ok_or_else(|| {
        malformed(format!(
            "entry id {} is not an arXiv abs URL with a version",
            quote_short(raw_id)
        ))
    })?;
    let title = collapse_whitespace(fields.title.as_deref().unwrap_or_default());
    if title.is_empty() {
        return Err(malformed(format!("entry {id}v{version} has no <title>")));
    }
    let raw_published = fields
        .published
        .as_deref()
        .ok_or_else(|| malformed(format!("entry {id} has no <published>")))?;
    let published = parse_timestamp(raw_published).ok_or_else(|| {
        malformed(format!(
            "entry {id} has <published> {}, not an RFC 3339 time",
            quote_short(raw_published)
        ))
    })?;
    // A bad `<updated>` is treated like a missing one (falls back to
    // `<published>`): it only ever means "date of the latest version".
    let updated = fields
        .updated
        .as_deref()
        .and_then(parse_timestamp)
        .unwrap_or(published);
    let primary_category = fields
        .primary_category
        .map(str::trim)
        .filter(|term| ids::is_category(term))
        .map(str::to_string);
    Ok(Paper {
        title,
        authors: fields.authors,
        summary: normalize_abstract(fields.summary.as_deref().unwrap_or_default()),
        published,
        updated,
        categories: categories(&fields.category_terms, primary_category.as_deref()),
        primary_category,
        comment: non_empty_collapsed(fields.comment.as_deref()),
        journal_ref: non_empty_collapsed(fields.journal_ref.as_deref()),
        dois: dois(&fields.doi_texts, &fields.doi_links),
        abs_url: fields
            .abs_url
            .unwrap_or_else(|| format!("https://arxiv.org/abs/{id}v{version}")),
        pdf_url: fields
            .pdf_url
            .unwrap_or_else(|| format!("https://arxiv.org/pdf/{id}v{version}")),
        id,
        version,
    })
}

fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

fn author(node: Node) -> Option<Author> {
    let name = collapse_whitespace(&super::child_text(node, ATOM_NS, "name")?);
    let affiliations = children(node, ARXIV_NS, "affiliation")
        .map(|affiliation| collapse_whitespace(&text_of(affiliation)))
        .filter(|affiliation| !affiliation.is_empty())
        .collect();
    (!name.is_empty()).then_some(Author { name, affiliations })
}

/// arXiv categories in feed order, primary first, without duplicates.
/// The classic service also lists ACM/MSC codes as `<category>` terms
/// (`"14C20, 14M99"`, `"I.2.6"`); those fail [`ids::is_category`].
fn categories(terms: &[&str], primary: Option<&str>) -> Vec<String> {
    let mut categories: Vec<String> = Vec::new();
    for term in primary
        .into_iter()
        .chain(terms.iter().copied())
        .map(str::trim)
    {
        if ids::is_category(term) && !categories.iter().any(|known| known == term) {
            categories.push(term.to_string());
        }
    }
    categories
}

/// Every `arxiv:doi`, else the DOI behind a `link title="doi"`.
/// One element may hold several DOIs separated by spaces (arXiv's metadata
/// field allows it); DOIs themselves never contain whitespace.
fn dois(texts: &[Cow<str>], links: &[&str]) -> Vec<String> {
    let mut dois = Vec::new();
    for text in texts {
        push_unique_dois(&mut dois, text);
    }
    if dois.is_empty() {
        for doi in links.iter().copied().filter_map(doi_from_url) {
            push_unique_dois(&mut dois, doi);
        }
    }
    dois
}

fn push_unique_dois(dois: &mut Vec<String>, text: &str) {
    for doi in text.split_ascii_whitespace() {
        if !dois.iter().any(|known| known == doi) {
            dois.push(doi.to_string());
        }
    }
}

fn doi_from_url(url: &str) -> Option<&str> {
    let url = url.trim();
    [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
    ]
    .iter()
    .find_map(|prefix| url.strip_prefix(prefix))
    .filter(|doi| !doi.is_empty())
}

/// Only http(s) links are kept: these URLs end up in terminals and
/// Markdown, where a `javascript:` or `file:` URL would be a hazard.
fn web_href(link: Node) -> Option<String> {
    let href = link.attribute("href")?.trim();
    let lower = href.to_ascii_lowercase();
    let is_web = lower.starts_with("https://") || lower.starts_with("http://");
    (is_web && !href.contains(char::is_whitespace)).then(|| href.to_string())
}

fn non_empty_collapsed(text: Option<&str>) -> Option<String> {
    let text = collapse_whitespace(text?);
    (!text.is_empty()).then_some(text)
}

/// Normalise an abstract to paragraphs joined by `"\n\n"`.
///
/// Rule: after trimming, a line break followed by a space or tab, or by a
/// blank line, starts a new paragraph; any other line break is a soft wrap
/// and becomes a space. This matches both services:
/// * current: lines are unwrapped and a paragraph break is `"\n  "`;
/// * classic: text is hard-wrapped at ~80 columns and the continuation lines
///   start at column 0 (only the first line is indented by two spaces, which
///   trimming removes), so an indented line can only be a new paragraph -
///   the same `"\n  "` convention of arXiv's abstract format. None of the
///   classic fixtures happens to contain one.
///
/// Within a paragraph, whitespace runs collapse to one space.
pub(crate) fn normalize_abstract(raw: &str) -> String {
    // One pass into one string: a 2,000-entry page has 2,000 abstracts.
    let mut out = String::with_capacity(raw.len());
    let mut paragraph_start = 0;
    for (index, line) in raw.trim().split('\n').enumerate() {
        let starts_paragraph =
            index > 0 && (line.starts_with([' ', '\t']) || line.trim().is_empty());
        if starts_paragraph && !out[paragraph_start..].trim().is_empty() {
            out.push_str("\n\n");
            paragraph_start = out.len();
        }
        let separate = out.len() > paragraph_start;
        super::push_words(&mut out, line, separate);
    }
    // The text was trimmed, so the last paragraph always has content.
    out
}
