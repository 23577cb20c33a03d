//! Output formats for lists of papers, and the small pieces they share.

pub(crate) mod atom;
pub mod bibtex;
pub(crate) mod chart;
pub(crate) mod ci;
pub mod csv;
pub(crate) mod hits;
pub mod json;
pub mod markdown;
pub mod page;
pub(crate) mod rows;
pub(crate) mod summary;
pub mod table;
pub(crate) mod text;
pub(crate) mod trending;
pub(crate) mod updates;
pub(crate) mod why;

use std::borrow::Cow;

use crate::model::Paper;

/// Columns `text` takes on a terminal: wide (CJK, emoji) characters count
/// two, combining and zero-width ones none, escape sequences none. Every
/// layout measures with this one function, so the table, the compact
/// layout, wrapping and the aligned summaries agree with one another, and
/// with comfy-table, which reads the same `unicode-width` tables.
pub(crate) fn display_width(text: &str) -> usize {
    console::measure_text_width(text)
}

/// `text` cut to at most `width` columns as [`display_width`] counts them,
/// ending in `…` when anything was cut.
pub(crate) fn truncate_to_width(text: &str, width: usize) -> Cow<'_, str> {
    console::truncate_str(text, width, "…")
}

/// `--format`: how `papers list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns fitted to the terminal.
    #[default]
    Table,
    /// The topic-page table: one row per paper, abstract folded away.
    Markdown,
    /// Every field, for scripts.
    Json,
    /// BibTeX entries for LaTeX bibliographies.
    Bibtex,
    /// RFC 4180 CSV with a header row, for spreadsheets.
    Csv,
    /// An Atom 1.0 feed, to subscribe to from a feed reader.
    Atom,
}

/// `2401.01234` for a first version, `2401.01234v3` once revised: the
/// version only matters to readers when there is more than one.
pub fn display_id(paper: &Paper) -> String {
    if paper.version > 1 {
        paper.versioned_id()
    } else {
        paper.id.clone()
    }
}

/// `Ada Lovelace et al.` (or the only author's name, or empty): a full author
/// list would crowd out the title.
pub fn author_summary(paper: &Paper) -> String {
    match paper.authors.as_slice() {
        [] => String::new(),
        [only] => only.name.clone(),
        [first, ..] => format!("{} et al.", first.name),
    }
}

/// `2025-12-17`: the UTC date version 1 was submitted, which is what "when
/// did this paper come out" means to a reader.
pub fn first_version_date(paper: &Paper) -> String {
    paper.published.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Hand-made papers for the renderers' unit tests.

    use std::collections::BTreeSet;

    use chrono::{DateTime, TimeZone, Utc};

    use crate::model::{Author, CachedPaper, Paper};

    pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("valid test time")
    }

    pub fn author(name: &str) -> Author {
        Author {
            name: name.into(),
            affiliations: Vec::new(),
        }
    }

    /// A first-version paper with two authors in cs.DC and cs.AI.
    pub fn sample(id: &str, title: &str, summary: &str) -> CachedPaper {
        let published = utc(2025, 9, 27, 10, 30);
        let paper = Paper::builder(id)
            .version(1)
            .title(title)
            .authors(["Ada Lovelace", "Charles Babbage"])
            .summary(summary)
            .published(published)
            .updated(published)
            .categories(["cs.DC", "cs.AI"])
            .primary_category(Some("cs.DC"))
            .link_base("http://arxiv.org")
            .build();
        let mut cached = CachedPaper::new(paper, utc(2025, 9, 29, 6, 0));
        cached.topics = BTreeSet::from(["npu".to_string()]);
        cached
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{author, sample};
    use super::*;

    #[test]
    fn display_id_shows_the_version_only_after_a_revision() {
        let mut paper = sample("2509.23324", "T", "A").paper;
        assert_eq!(display_id(&paper), "2509.23324");
        paper.version = 3;
        assert_eq!(display_id(&paper), "2509.23324v3");
    }

    #[test]
    fn author_summary_names_the_first_author() {
        let mut paper = sample("2509.23324", "T", "A").paper;
        assert_eq!(author_summary(&paper), "Ada Lovelace et al.");
        paper.authors.truncate(1);
        assert_eq!(author_summary(&paper), "Ada Lovelace");
        paper.authors.clear();
        assert_eq!(author_summary(&paper), "");
        paper.authors.push(author("Grace Hopper"));
        assert_eq!(author_summary(&paper), "Grace Hopper");
    }

    #[test]
    fn first_version_date_is_the_utc_published_date() {
        let mut paper = sample("2509.23324", "T", "A").paper;
        paper.published = test_support::utc(2025, 12, 17, 23, 59);
        paper.updated = test_support::utc(2026, 1, 2, 0, 0);
        assert_eq!(first_version_date(&paper), "2025-12-17");
    }
}
