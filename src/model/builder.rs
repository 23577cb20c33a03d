//! A [`Paper`] builder for tests, benches and fuzz targets, so a new field
//! on `Paper` costs one edit here instead of one in every hand-written
//! literal.
//!
//! Defaults are those of a plain first version: version 1, submitted (and
//! last updated) 2026-01-01T00:00:00Z, no title, abstract, authors or
//! categories, no comment, journal reference or DOI, and abs/pdf links
//! derived from the id and version on `https://arxiv.org`. A test sets every
//! field its assertions rely on, even one that happens to equal a default.
//!
//! ```text
//! let paper = Paper::builder("2401.01234")
//!     .version(2)
//!     .title("Mobile NPUs")
//!     .authors(["Ada Lovelace", "Charles Babbage"])
//!     .published("2024-01-02T12:00:00Z")
//!     .updated("2024-02-01")
//!     .categories(["cs.AR", "cs.LG"]) // primary: cs.AR, the first
//!     .build();
//! assert_eq!(paper.abs_url, "https://arxiv.org/abs/2401.01234v2");
//! ```

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::{Author, Paper};

/// 2026-01-01T00:00:00Z, in seconds since the Unix epoch.
const DEFAULT_SUBMITTED_SECS: i64 = 1_767_225_600;

/// Scheme and host of the links a built paper gets unless told otherwise:
/// the form the current arXiv API writes.
const DEFAULT_LINK_BASE: &str = "https://arxiv.org";

impl Paper {
    /// Starts a [`PaperBuilder`] for the paper with versionless id `id`.
    pub fn builder(id: impl Into<String>) -> PaperBuilder {
        let submitted = DateTime::UNIX_EPOCH + TimeDelta::seconds(DEFAULT_SUBMITTED_SECS);
        PaperBuilder {
            id: id.into(),
            version: 1,
            title: String::new(),
            authors: Vec::new(),
            summary: String::new(),
            published: submitted,
            updated: None,
            categories: Vec::new(),
            primary_category: None,
            comment: None,
            journal_ref: None,
            dois: Vec::new(),
            link_base: DEFAULT_LINK_BASE.to_owned(),
            abs_url: None,
            pdf_url: None,
        }
    }
}

/// Builds a [`Paper`]; see the [module docs](self) for the defaults.
#[derive(Debug, Clone)]
#[must_use]
pub struct PaperBuilder {
    id: String,
    version: u32,
    title: String,
    authors: Vec<Author>,
    summary: String,
    published: DateTime<Utc>,
    /// `None`: the same as `published`, as for a first version.
    updated: Option<DateTime<Utc>>,
    categories: Vec<String>,
    /// `None`: the first category, as the Atom parser orders them.
    primary_category: Option<Option<String>>,
    comment: Option<String>,
    journal_ref: Option<String>,
    dois: Vec<String>,
    link_base: String,
    /// `None`: derived from `link_base`, id and version.
    abs_url: Option<String>,
    pdf_url: Option<String>,
}

impl PaperBuilder {
    pub fn version(mut self, version: u32) -> Self {
        self.version = version;
        self
    }

    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Replaces the authors: names (unaffiliated) or whole [`Author`]s.
    pub fn authors<A: Into<Author>>(mut self, authors: impl IntoIterator<Item = A>) -> Self {
        self.authors = authors.into_iter().map(Into::into).collect();
        self
    }

    /// Adds one unaffiliated author after those already given.
    pub fn author(mut self, name: impl Into<String>) -> Self {
        self.authors.push(Author::from(name.into()));
        self
    }

    /// Adds one author with these affiliations after those already given.
    pub fn affiliated_author<S: Into<String>>(
        mut self,
        name: impl Into<String>,
        affiliations: impl IntoIterator<Item = S>,
    ) -> Self {
        self.authors.push(Author {
            name: name.into(),
            affiliations: affiliations.into_iter().map(Into::into).collect(),
        });
        self
    }

    /// The abstract, stored as given (the parser's normalisation is not applied).
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = summary.into();
        self
    }

    /// When version 1 was submitted; also `updated` unless that is set.
    pub fn published(mut self, when: impl IntoUtc) -> Self {
        self.published = when.into_utc();
        self
    }

    /// When the held version was submitted.
    pub fn updated(mut self, when: impl IntoUtc) -> Self {
        self.updated = Some(when.into_utc());
        self
    }

    /// Replaces the categories; the first is the primary one unless
    /// [`primary_category`](Self::primary_category) says otherwise.
    pub fn categories<S: Into<String>>(mut self, categories: impl IntoIterator<Item = S>) -> Self {
        self.categories = categories.into_iter().map(Into::into).collect();
        self
    }

    /// The primary category, whatever the categories are; `None` for a
    /// paper whose feed entry named none.
    pub fn primary_category(mut self, primary: Option<&str>) -> Self {
        self.primary_category = Some(primary.map(str::to_owned));
        self
    }

    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    pub fn journal_ref(mut self, journal_ref: impl Into<String>) -> Self {
        self.journal_ref = Some(journal_ref.into());
        self
    }

    pub fn dois<S: Into<String>>(mut self, dois: impl IntoIterator<Item = S>) -> Self {
        self.dois = dois.into_iter().map(Into::into).collect();
        self
    }

    /// Scheme and host the derived links start with, e.g. `http://arxiv.org`
    /// as the older API wrote them.
    pub fn link_base(mut self, base: impl Into<String>) -> Self {
        self.link_base = base.into();
        self
    }

    /// The abstract page link as given, instead of the derived one.
    pub fn abs_url(mut self, url: impl Into<String>) -> Self {
        self.abs_url = Some(url.into());
        self
    }

    /// The PDF link as given, instead of the derived one.
    pub fn pdf_url(mut self, url: impl Into<String>) -> Self {
        self.pdf_url = Some(url.into());
        self
    }

    pub fn build(self) -> Paper {
        let versioned = format!("{}v{}", self.id, self.version);
        let base = self.link_base.trim_end_matches('/');
        let abs_url = self
            .abs_url
            .unwrap_or_else(|| format!("{base}/abs/{versioned}"));
        let pdf_url = self
            .pdf_url
            .unwrap_or_else(|| format!("{base}/pdf/{versioned}"));
        let primary_category = self
            .primary_category
            .unwrap_or_else(|| self.categories.first().cloned());
        Paper {
            id: self.id,
            version: self.version,
            title: self.title,
            authors: self.authors,
            summary: self.summary,
            published: self.published,
            updated: self.updated.unwrap_or(self.published),
            categories: self.categories,
            primary_category,
            comment: self.comment,
            journal_ref: self.journal_ref,
            dois: self.dois,
            abs_url,
            pdf_url,
        }
    }
}

/// An author known by name only, as most feed entries give them.
impl From<&str> for Author {
    fn from(name: &str) -> Self {
        Author::from(name.to_owned())
    }
}

impl From<String> for Author {
    fn from(name: String) -> Self {
        Author {
            name,
            affiliations: Vec::new(),
        }
    }
}

/// A point in time a builder accepts: a `DateTime<Utc>`, or a literal in
/// RFC 3339 (`2026-01-05T10:30:00Z`) or as a bare date (`2026-01-05`,
/// midnight UTC).
pub trait IntoUtc {
    /// # Panics
    /// On a literal in neither form: builders serve tests, where a typo in
    /// a date should stop the test at once, naming the text.
    fn into_utc(self) -> DateTime<Utc>;
}

impl IntoUtc for DateTime<Utc> {
    fn into_utc(self) -> DateTime<Utc> {
        self
    }
}

impl IntoUtc for &str {
    fn into_utc(self) -> DateTime<Utc> {
        if let Ok(time) = DateTime::parse_from_rfc3339(self) {
            return time.with_timezone(&Utc);
        }
        NaiveDate::parse_from_str(self, "%Y-%m-%d")
            .ok()
            .and_then(|date| date.and_hms_opt(0, 0, 0))
            .map(|midnight| midnight.and_utc())
            .unwrap_or_else(|| panic!("{self:?} is neither an RFC 3339 time nor a YYYY-MM-DD date"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn defaults_are_a_plain_first_version_with_links_from_the_id() {
        let paper = Paper::builder("2401.01234").build();
        let new_year = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("valid time");
        assert_eq!(
            paper,
            Paper {
                id: "2401.01234".into(),
                version: 1,
                title: String::new(),
                authors: vec![],
                summary: String::new(),
                published: new_year,
                updated: new_year,
                categories: vec![],
                primary_category: None,
                comment: None,
                journal_ref: None,
                dois: vec![],
                abs_url: "https://arxiv.org/abs/2401.01234v1".into(),
                pdf_url: "https://arxiv.org/pdf/2401.01234v1".into(),
            }
        );
    }

    #[test]
    fn every_setter_reaches_its_field() {
        let paper = Paper::builder("hep-th/9901001")
            .version(3)
            .title("Strings")
            .authors(["Ada Lovelace"])
            .affiliated_author("Kurt Gödel", ["IAS", "Vienna"])
            .author("Emmy Noether")
            .summary("Abstract.")
            .published("1999-01-04T18:30:00Z")
            .updated("1999-03-01")
            .categories(["hep-th", "math.AG"])
            .comment("12 pages")
            .journal_ref("Nucl. Phys. B 1 (1999)")
            .dois(["10.1000/x"])
            .link_base("http://arxiv.org/")
            .build();
        assert_eq!(paper.versioned_id(), "hep-th/9901001v3");
        assert_eq!(paper.title, "Strings");
        let authors: Vec<(&str, usize)> = paper
            .authors
            .iter()
            .map(|a| (a.name.as_str(), a.affiliations.len()))
            .collect();
        assert_eq!(
            authors,
            [("Ada Lovelace", 0), ("Kurt Gödel", 2), ("Emmy Noether", 0)]
        );
        assert_eq!(paper.authors[1].affiliations, ["IAS", "Vienna"]);
        assert_eq!(paper.summary, "Abstract.");
        assert_eq!(paper.published.to_rfc3339(), "1999-01-04T18:30:00+00:00");
        assert_eq!(paper.updated.to_rfc3339(), "1999-03-01T00:00:00+00:00");
        assert_eq!(paper.categories, ["hep-th", "math.AG"]);
        assert_eq!(paper.primary_category.as_deref(), Some("hep-th"));
        assert_eq!(paper.comment.as_deref(), Some("12 pages"));
        assert_eq!(paper.journal_ref.as_deref(), Some("Nucl. Phys. B 1 (1999)"));
        assert_eq!(paper.dois, ["10.1000/x"]);
        assert_eq!(paper.abs_url, "http://arxiv.org/abs/hep-th/9901001v3");
        assert_eq!(paper.pdf_url, "http://arxiv.org/pdf/hep-th/9901001v3");
    }

    #[test]
    fn explicit_links_and_primary_category_win_over_the_derived_ones() {
        let paper = Paper::builder("2401.01234")
            .primary_category(Some("cs.LG"))
            .categories(["cs.AR", "cs.LG"])
            .abs_url("")
            .pdf_url("https://example.org/p.pdf")
            .build();
        assert_eq!(paper.primary_category.as_deref(), Some("cs.LG"));
        assert_eq!(
            (paper.abs_url.as_str(), paper.pdf_url.as_str()),
            ("", "https://example.org/p.pdf")
        );
        let unnamed = Paper::builder("2401.01234")
            .categories(["cs.AR"])
            .primary_category(None)
            .build();
        assert_eq!(unnamed.primary_category, None);
    }

    #[test]
    fn authors_take_names_or_whole_authors() {
        let gödel = Author {
            name: "Kurt Gödel".into(),
            affiliations: vec!["IAS".into()],
        };
        let paper = Paper::builder("2401.01234")
            .authors([gödel.clone()])
            .build();
        assert_eq!(paper.authors, [gödel]);
        let named = Paper::builder("2401.01234")
            .authors([String::from("Ada Lovelace")])
            .build();
        assert_eq!(named.authors, [Author::from("Ada Lovelace")]);
        assert!(named.authors[0].affiliations.is_empty());
    }

    #[test]
    fn updated_follows_published_unless_set() {
        let published = Utc
            .with_ymd_and_hms(2026, 11, 5, 12, 0, 0)
            .single()
            .expect("valid time");
        let paper = Paper::builder("2611.00005").published(published).build();
        assert_eq!((paper.published, paper.updated), (published, published));
    }

    #[test]
    #[should_panic(expected = "\"2026-13-01\" is neither an RFC 3339 time nor a YYYY-MM-DD date")]
    fn a_malformed_date_literal_stops_the_test_naming_it() {
        let _ = Paper::builder("2401.01234").published("2026-13-01");
    }
}
