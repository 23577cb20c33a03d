//! The paper record shared by the parser, the cache and the renderers.

pub(crate) mod hf;
pub mod ids;
mod timestamp;
mod topic;

pub use hf::HfInfo;
pub use topic::Topic;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub mod builder;

/// One arXiv paper as the API describes its latest known version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paper {
    /// Versionless identifier: `2401.01234` or `hep-th/9901001`.
    pub id: String,
    /// Version of the metadata held (the `N` in `vN`).
    pub version: u32,
    /// Title with whitespace runs collapsed to one space.
    pub title: String,
    pub authors: Vec<Author>,
    /// Abstract, trimmed; paragraphs separated by a blank line (`\n\n`), no other newlines.
    #[serde(rename = "abstract")]
    pub summary: String,
    /// When version 1 was submitted.
    #[serde(serialize_with = "timestamp::serialize")]
    pub published: DateTime<Utc>,
    /// When the held version was submitted.
    #[serde(serialize_with = "timestamp::serialize")]
    pub updated: DateTime<Utc>,
    /// arXiv categories only (ACM/MSC codes dropped), primary first when known.
    pub categories: Vec<String>,
    pub primary_category: Option<String>,
    pub comment: Option<String>,
    pub journal_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dois: Vec<String>,
    pub abs_url: String,
    pub pdf_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<String>,
}

impl Paper {
    /// `2401.01234v3`: the id as arXiv links it.
    pub fn versioned_id(&self) -> String {
        format!("{}v{}", self.id, self.version)
    }
}

/// A paper as the cache holds it: the metadata plus what `papers` itself recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedPaper {
    pub paper: Paper,
    /// Start of the fetch run that first stored this paper.
    #[serde(serialize_with = "timestamp::serialize")]
    pub first_seen: DateTime<Utc>,
    /// Start of the fetch run that last replaced its metadata (a new version).
    #[serde(serialize_with = "timestamp::serialize")]
    pub last_changed: DateTime<Utc>,
    /// Names of the configured topics whose queries matched it; never shrinks.
    pub topics: std::collections::BTreeSet<String>,
    /// Every new version a fetch brought in, oldest first; empty for a paper
    /// never revised since it was first stored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<VersionUpdate>,
    /// What Hugging Face says about it. Never in the cache files: it lives in
    /// its own file (`storage::huggingface`) and is joined in when a command
    /// reads the cache, so no arXiv fetch, merge or migration can drop it.
    #[serde(skip)]
    pub hf: Option<HfInfo>,
}

/// A newer version replacing the one held: `v1 → v3` and when each was submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionUpdate {
    pub from: u32,
    #[serde(serialize_with = "timestamp::serialize")]
    pub from_submitted: DateTime<Utc>,
    pub to: u32,
    #[serde(serialize_with = "timestamp::serialize")]
    pub to_submitted: DateTime<Utc>,
    /// Start of the fetch run that brought it.
    #[serde(serialize_with = "timestamp::serialize")]
    pub seen: DateTime<Utc>,
}

impl CachedPaper {
    /// `paper` as a fetch run that started at `seen` first stores it: under
    /// no topic yet, never revised, with nothing from Hugging Face.
    pub fn new(paper: Paper, seen: DateTime<Utc>) -> Self {
        CachedPaper {
            paper,
            first_seen: seen,
            last_changed: seen,
            topics: std::collections::BTreeSet::new(),
            updates: Vec::new(),
            hf: None,
        }
    }

    /// The latest recorded version change, if any.
    pub fn last_update(&self) -> Option<&VersionUpdate> {
        self.updates.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_cached_paper_is_first_seen_and_last_changed_at_once_under_no_topic() {
        let paper = Paper::builder("2611.00001").version(2).build();
        let seen = paper.published + chrono::TimeDelta::days(3);
        let cached = CachedPaper::new(paper.clone(), seen);
        assert_eq!(cached.paper, paper);
        assert_eq!((cached.first_seen, cached.last_changed), (seen, seen));
        assert!(cached.topics.is_empty() && cached.updates.is_empty());
        assert_eq!(cached.hf, None);
    }
}
