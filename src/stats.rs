//! Papers per period and topic. (being written)

use crate::cli::Period;
use crate::config::Topic;
use crate::model::CachedPaper;

/// Counts per period for each topic; `series[i].counts[j]` is topic i in `periods[j]`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Period labels, oldest first: "2026-01" (month) or "2026-W03" (ISO week).
    pub periods: Vec<String>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Series {
    pub topic: String,
    pub counts: Vec<usize>,
}

/// Counts each paper once per topic it belongs to, by first-version date.
pub fn count<'a>(_papers: impl IntoIterator<Item = &'a CachedPaper>, topics: &[&Topic], _period: Period) -> Stats {
    Stats {
        periods: Vec::new(),
        series: topics.iter().map(|t| Series { topic: t.name.clone(), counts: Vec::new() }).collect(),
    }
}
