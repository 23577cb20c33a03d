//! Reading the arXiv ids out of a file a user wants to import: a BibTeX
//! export, a cv-arxiv-daily JSON file, a Markdown topic page or a plain list.
//!
//! Pure text in, ids out: no lookups, no disk. The format is recognised from
//! the content (see [`detect`]) so a file's extension never decides alone.
//! Every id goes through `model::ids`, the one place the id grammar lives.

mod bibtex;
mod daily_json;
mod lines;
mod markdown;

use std::collections::HashSet;
use std::fmt;

/// The kinds of file `papers import` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A `.bib` file as Zotero, JabRef or Better BibTeX export it.
    BibTeX,
    /// The `{topic: {id: "|row|"}}` file cv-arxiv-daily generates.
    DailyJson,
    /// A Markdown page with one table of papers per topic.
    Markdown,
    /// One id or arXiv link per line; `#` starts a comment.
    PlainList,
}

impl Format {
    /// How the format is named to the user.
    pub fn name(self) -> &'static str {
        match self {
            Format::BibTeX => "BibTeX",
            Format::DailyJson => "cv-arxiv-daily JSON",
            Format::Markdown => "Markdown",
            Format::PlainList => "plain list",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One paper found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundId {
    /// Versionless and canonical (`math/0309136`, never `math.GT/0309136`).
    pub id: String,
    /// 1-based line where the entry, row or list line naming it starts.
    pub line: usize,
}

/// An entry the file lists that carries no arXiv id (a journal article, a
/// row without a link): reported, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line where the entry or row starts.
    pub line: usize,
    /// The BibTeX key, or the title when there is no key.
    pub label: String,
}

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub format: Format,
    /// In file order; each id once, at its first occurrence.
    pub ids: Vec<FoundId>,
    /// Entries without an arXiv id, in file order.
    pub without_id: Vec<Skipped>,
}

/// A file that is not well-formed in its format. Display is one line,
/// `line 14: unterminated entry @article{smith2024`; the caller adds the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ImportError {}

/// Detect the format of `text` and read its ids.
pub fn parse(text: &str) -> Result<Imported, ImportError> {
    parse_as(detect(text), text)
}

/// Read `text` as `format`, for when the user names the format.
pub fn parse_as(format: Format, text: &str) -> Result<Imported, ImportError> {
    let text = strip_byte_order_mark(text);
    let mut collector = Collector::new(format);
    match format {
        Format::BibTeX => bibtex::parse(text, &mut collector)?,
        Format::DailyJson => daily_json::parse(text, &mut collector)?,
        Format::Markdown => markdown::parse(text, &mut collector),
        Format::PlainList => lines::parse(text, &mut collector)?,
    }
    Ok(collector.finish())
}

/// The format of `text`, judged by content, first match wins:
///
/// 1. starts with `{` (after whitespace): cv-arxiv-daily JSON;
/// 2. a line starts with `@type{` or `@type(`: BibTeX;
/// 3. every line is an id, an arXiv link, a `#` comment or blank: plain list;
/// 4. it has a Markdown table or a Markdown link: Markdown;
/// 5. otherwise plain list, so parsing names the first line that is not an id.
///
/// Plain list is checked before Markdown because a list of links is also
/// valid Markdown and both read it the same; it is the fallback because its
/// errors point at the offending line instead of silently finding nothing.
pub fn detect(text: &str) -> Format {
    let text = strip_byte_order_mark(text);
    if text.trim_start().starts_with('{') {
        Format::DailyJson
    } else if bibtex::has_entry(text) {
        Format::BibTeX
    } else if lines::is_plain_list(text) {
        Format::PlainList
    } else if markdown::looks_like_markdown(text) {
        Format::Markdown
    } else {
        Format::PlainList
    }
}

/// Windows editors may put one in front of UTF-8 text.
fn strip_byte_order_mark(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Gathers ids as the format parsers find them, keeping each id once.
struct Collector {
    imported: Imported,
    seen: HashSet<String>,
}

impl Collector {
    fn new(format: Format) -> Self {
        Collector {
            imported: Imported {
                format,
                ids: Vec::new(),
                without_id: Vec::new(),
            },
            seen: HashSet::new(),
        }
    }

    /// `id` must already be versionless and canonical (from `model::ids`).
    fn found(&mut self, id: String, line: usize) {
        if self.seen.insert(id.clone()) {
            self.imported.ids.push(FoundId { id, line });
        }
    }

    fn skipped(&mut self, line: usize, label: String) {
        self.imported.without_id.push(Skipped { line, label });
    }

    fn finish(self) -> Imported {
        self.imported
    }
}

/// Whitespace runs (newlines included) as one space: labels are shown on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
