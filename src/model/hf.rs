//! What Hugging Face Daily Papers says about one arXiv paper, as `papers`
//! keeps it (filled by `huggingface`, stored by `storage::huggingface`,
//! joined to the cached paper when a command reads the cache).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What `papers` keeps from Hugging Face about one arXiv paper.
///
/// Serialised in exactly this key order; `featured` as `YYYY-MM-DD`, absent
/// values as `null`, no keywords as `[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HfInfo {
    /// Community upvotes when it was read (0 when the Hub sent none).
    pub upvotes: u32,
    /// Number of comments on its Hub discussion, when the Hub sent it.
    pub comments: Option<u32>,
    /// Code repository linked on the Hub (http or https only).
    pub github_repo: Option<String>,
    /// Stars of `github_repo`; never set without it.
    pub github_stars: Option<u32>,
    /// Project page linked on the Hub (http or https only).
    pub project_page: Option<String>,
    /// The day (UTC) it was featured on the Daily Papers list.
    pub featured: NaiveDate,
    /// Keywords the Hub generated for it, in the Hub's order.
    #[serde(default)]
    pub ai_keywords: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> HfInfo {
        HfInfo {
            upvotes: 103,
            comments: Some(4),
            github_repo: Some("https://github.com/MiniMax-AI/MSA".into()),
            github_stars: Some(251),
            project_page: None,
            featured: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
            ai_keywords: vec!["sparse attention".into(), "KV cache".into()],
        }
    }

    #[test]
    fn info_serialises_with_the_documented_keys_in_order() {
        let json = serde_json::to_string(&sample()).unwrap();
        assert_eq!(
            json,
            r#"{"upvotes":103,"comments":4,"github_repo":"https://github.com/MiniMax-AI/MSA","github_stars":251,"project_page":null,"featured":"2026-06-12","ai_keywords":["sparse attention","KV cache"]}"#
        );
    }

    #[test]
    fn info_round_trips_through_json() {
        let info = sample();
        let back: HfInfo = serde_json::from_str(&serde_json::to_string(&info).unwrap()).unwrap();
        assert_eq!(back, info);
    }

    #[test]
    fn info_reads_records_without_optional_keys() {
        let info: HfInfo =
            serde_json::from_str(r#"{"upvotes":2,"featured":"2026-08-03"}"#).unwrap();
        assert_eq!(info.upvotes, 2);
        assert_eq!(info.comments, None);
        assert_eq!(info.github_repo, None);
        assert_eq!(info.featured, NaiveDate::from_ymd_opt(2026, 8, 3).unwrap());
        assert!(info.ai_keywords.is_empty());
    }
}
