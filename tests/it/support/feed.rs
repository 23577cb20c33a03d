//! The Atom the stub serves: catalogue entries and whole feeds in the
//! current service's shape.

/// A paper the stub's catalogue holds.
#[derive(Debug, Clone)]
pub struct StubEntry {
    pub id: String,
    pub version: u32,
    /// `YYYY-MM-DD`, the v1 submission date.
    pub published: String,
    pub title: String,
    pub summary: String,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
}

impl StubEntry {
    pub fn new(id: &str, published: &str, title: &str) -> Self {
        StubEntry {
            id: id.to_owned(),
            version: 1,
            published: published.to_owned(),
            title: title.to_owned(),
            summary: format!("Abstract of {title}."),
            authors: vec!["Ada Lovelace".to_owned(), "Charles Babbage".to_owned()],
            categories: vec!["cs.AR".to_owned(), "cs.LG".to_owned()],
        }
    }

    pub fn version(mut self, version: u32) -> Self {
        self.version = version;
        self
    }

    pub fn summary(mut self, summary: &str) -> Self {
        self.summary = summary.to_owned();
        self
    }

    pub fn authors(mut self, authors: &[&str]) -> Self {
        self.authors = authors.iter().map(|a| a.to_string()).collect();
        self
    }

    pub fn categories(mut self, categories: &[&str]) -> Self {
        self.categories = categories.iter().map(|c| c.to_string()).collect();
        self
    }

    /// What arXiv's search sees of this entry (for `ArxivStub::answer_by_query`).
    pub fn record(&self) -> super::arxiv_match::Record {
        super::arxiv_match::Record {
            title: self.title.clone(),
            summary: self.summary.clone(),
            authors: self.authors.clone(),
            categories: self.categories.clone(),
            ..Default::default()
        }
    }

    pub fn to_xml(&self) -> String {
        let authors: String = self
            .authors
            .iter()
            .map(|name| format!("<author><name>{}</name></author>", xml_escape(name)))
            .collect();
        let categories: String = self
            .categories
            .iter()
            .map(|c| format!(r#"<category term="{c}" scheme="http://arxiv.org/schemas/atom"/>"#))
            .collect();
        let primary = self.categories.first().cloned().unwrap_or_default();
        let v = self.version;
        let id = &self.id;
        format!(
            r#"<entry><id>http://arxiv.org/abs/{id}v{v}</id><title>{title}</title><updated>{published}T12:00:00Z</updated><link href="https://arxiv.org/abs/{id}v{v}" rel="alternate" type="text/html"/><link href="https://arxiv.org/pdf/{id}v{v}" rel="related" type="application/pdf" title="pdf"/><summary>{summary}</summary>{categories}<published>{published}T12:00:00Z</published><arxiv:primary_category term="{primary}"/>{authors}</entry>"#,
            title = xml_escape(&self.title),
            summary = xml_escape(&self.summary),
            published = self.published,
        )
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A whole feed in the current service's shape.
pub fn feed(total: usize, start: usize, items_per_page: usize, entries: &[StubEntry]) -> String {
    let body: String = entries.iter().map(StubEntry::to_xml).collect();
    format!(
        r#"<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/api/stub</id><title>arXiv Query: stub</title><updated>2026-11-23T00:00:00Z</updated><opensearch:itemsPerPage>{items_per_page}</opensearch:itemsPerPage><opensearch:totalResults>{total}</opensearch:totalResults><opensearch:startIndex>{start}</opensearch:startIndex>{body}</feed>"#
    )
}
