//! One `daily_papers` response body -> [`HfPaper`]s.
//!
//! Tolerant of what the Hub leaves out, strict about what it sends: absent
//! (or `null`) optional fields become `None`/`0`/`[]`, but a value of the
//! wrong type, or a missing `paper`, `paper.id`, `paper.title` or
//! `paper.submittedOnDailyAt`, fails the whole body with an error naming the
//! entry and field (`[3].paper.upvotes: expected a number, found "x"`).
//! Those failures mean the shape changed, and guessing would store wrong data.
//!
//! An entry whose `paper.id` is a string but not a versionless arXiv id
//! (nothing the cache could key it on) is skipped unread and reported in
//! [`HfPage::skipped_ids`]: one odd entry must not cost the other 99.
//! A link that is not http(s) is dropped (treated as absent), not an error.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use super::{HfInfo, HfPaper};
use crate::model::ids::is_valid_id;

/// The papers read from one response, plus what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HfPage {
    /// Entries with an arXiv id, in response order.
    pub papers: Vec<HfPaper>,
    /// `paper.id` of each entry skipped because it is not an arXiv id.
    pub skipped_ids: Vec<String>,
}

impl HfPage {
    /// Entries the response held, skipped ones included: this, not
    /// `papers.len()`, tells whether the page came back full.
    pub fn entry_count(&self) -> usize {
        self.papers.len() + self.skipped_ids.len()
    }
}

/// Why a body is not a Daily Papers response: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HfParseError {
    /// `response` for the body as a whole, else `[index].field.path`.
    pub path: String,
    pub problem: String,
}

impl std::fmt::Display for HfParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

impl std::error::Error for HfParseError {}

/// Parse a `GET /daily_papers` body; see the module docs for the rules.
pub fn parse_daily_papers(body: &[u8]) -> Result<HfPage, HfParseError> {
    let whole = |problem: String| HfParseError {
        path: "response".into(),
        problem,
    };
    let json: Value = serde_json::from_slice(body).map_err(|e| whole(format!("not JSON ({e})")))?;
    let entries = as_array(&json).map_err(whole)?;
    let mut page = HfPage {
        papers: Vec::with_capacity(entries.len()),
        skipped_ids: Vec::new(),
    };
    for (index, entry) in entries.iter().enumerate() {
        match parse_entry(entry).map_err(|(field, problem)| HfParseError {
            path: entry_path(index, &field),
            problem,
        })? {
            Entry::Paper(paper) => page.papers.push(paper),
            Entry::NotArxiv(id) => page.skipped_ids.push(id),
        }
    }
    Ok(page)
}

enum Entry {
    Paper(HfPaper),
    NotArxiv(String),
}

/// A field path inside one entry (empty for the entry itself) and the problem.
type FieldError = (String, String);

fn entry_path(index: usize, field: &str) -> String {
    if field.is_empty() {
        format!("[{index}]")
    } else {
        format!("[{index}].{field}")
    }
}

fn parse_entry(entry: &Value) -> Result<Entry, FieldError> {
    let entry = as_object(entry).map_err(|problem| (String::new(), problem))?;
    let paper = required(entry, "paper", as_object)?;
    let id = required(paper, "id", as_str).map_err(under_paper)?;
    if !is_valid_id(id) {
        return Ok(Entry::NotArxiv(id.to_string()));
    }
    let title = required(paper, "title", as_str).map_err(under_paper)?;
    let info = parse_info(entry, paper)?;
    Ok(Entry::Paper(HfPaper {
        arxiv_id: id.to_string(),
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        info,
    }))
}

fn parse_info(
    entry: &Map<String, Value>,
    paper: &Map<String, Value>,
) -> Result<HfInfo, FieldError> {
    let github_repo = optional(paper, "githubRepo", as_str)
        .map_err(under_paper)?
        .and_then(http_url);
    let github_stars = optional(paper, "githubStars", as_u32).map_err(under_paper)?;
    Ok(HfInfo {
        upvotes: optional(paper, "upvotes", as_u32)
            .map_err(under_paper)?
            .unwrap_or(0),
        comments: optional(entry, "numComments", as_u32)?,
        // Stars describe the repository; without one they mean nothing.
        github_stars: github_repo.as_ref().and(github_stars),
        github_repo,
        project_page: optional(paper, "projectPage", as_str)
            .map_err(under_paper)?
            .and_then(http_url),
        featured: required(paper, "submittedOnDailyAt", as_day).map_err(under_paper)?,
        ai_keywords: keywords(paper).map_err(under_paper)?,
    })
}

fn under_paper((field, problem): FieldError) -> FieldError {
    (format!("paper.{field}"), problem)
}

/// The value at `key` read by `read`; absent or `null` is an error.
fn required<'a, T>(
    object: &'a Map<String, Value>,
    key: &str,
    read: impl Fn(&'a Value) -> Result<T, String>,
) -> Result<T, FieldError> {
    optional(object, key, read)?.ok_or_else(|| (key.to_string(), "missing".to_string()))
}

/// The value at `key` read by `read`; absent or `null` is `None`.
fn optional<'a, T>(
    object: &'a Map<String, Value>,
    key: &str,
    read: impl Fn(&'a Value) -> Result<T, String>,
) -> Result<Option<T>, FieldError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => read(value)
            .map(Some)
            .map_err(|problem| (key.to_string(), problem)),
    }
}

fn as_object(value: &Value) -> Result<&Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("expected an object, found {}", describe(value)))
}

fn as_array(value: &Value) -> Result<&Vec<Value>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("expected an array, found {}", describe(value)))
}

fn as_str(value: &Value) -> Result<&str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("expected a string, found {}", describe(value)))
}

fn as_u32(value: &Value) -> Result<u32, String> {
    if !value.is_number() {
        return Err(format!("expected a number, found {}", describe(value)));
    }
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| {
            format!(
                "expected a whole number from 0 to {}, found {value}",
                u32::MAX
            )
        })
}

/// `paper.ai_keywords`: a list of strings; absent is empty. A bad element
/// is named by its position (`ai_keywords[2]`).
fn keywords(paper: &Map<String, Value>) -> Result<Vec<String>, FieldError> {
    let Some(items) = optional(paper, "ai_keywords", as_array)? else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            as_str(item)
                .map(str::to_string)
                .map_err(|problem| (format!("ai_keywords[{i}]"), problem))
        })
        .collect()
}

/// The UTC day of an RFC 3339 timestamp (`2026-06-12T00:00:00.000Z`), or a
/// bare `YYYY-MM-DD`.
fn as_day(value: &Value) -> Result<NaiveDate, String> {
    let text = as_str(value)?;
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc).date_naive())
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .map_err(|_| {
            let found = describe(value);
            format!("expected a date-time like 2026-06-12T00:00:00.000Z, found {found}")
        })
}

/// The link unchanged if it is an http(s) URL with something after the
/// scheme; anything else (`javascript:`, relative paths, "") is dropped.
fn http_url(link: &str) -> Option<String> {
    let (scheme, rest) = link.split_once("://")?;
    let is_http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    (is_http && !rest.is_empty()).then(|| link.to_string())
}

/// A value for an error message: scalars as JSON (long strings cut), which
/// also keeps it on one line; containers by kind.
fn describe(value: &Value) -> String {
    const MAX_CHARS: usize = 40;
    match value {
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
        Value::String(text) if text.chars().count() > MAX_CHARS => {
            let cut: String = text.chars().take(MAX_CHARS).collect();
            format!("{}...", Value::String(cut))
        }
        scalar => scalar.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOTAWHAT: &[u8] =
        include_bytes!("../../tests/fixtures/hf/daily_papers_2026-06-12_sotawhat.json");
    const NEWS_ASSISTANT: &[u8] =
        include_bytes!("../../tests/fixtures/hf/daily_papers_2026-08-03_NewsAssistant.json");

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn paper(page: &HfPage, id: &str) -> HfPaper {
        page.papers
            .iter()
            .find(|p| p.arxiv_id == id)
            .unwrap_or_else(|| panic!("{id} not parsed"))
            .clone()
    }

    fn error_of(body: &str) -> String {
        parse_daily_papers(body.as_bytes()).unwrap_err().to_string()
    }

    // --- the recorded responses, field by field ---

    #[test]
    fn sotawhat_keeps_all_30_entries_in_order() {
        let page = parse_daily_papers(SOTAWHAT).unwrap();
        assert_eq!(page.papers.len(), 30);
        assert!(page.skipped_ids.is_empty());
        assert_eq!(page.entry_count(), 30);
        assert_eq!(page.papers[0].arxiv_id, "2606.00467");
        assert_eq!(page.papers[29].arxiv_id, "2606.13106");
    }

    #[test]
    fn sotawhat_counts_match_what_the_recording_holds() {
        let page = parse_daily_papers(SOTAWHAT).unwrap();
        let infos: Vec<&HfInfo> = page.papers.iter().map(|p| &p.info).collect();
        assert!(infos.iter().all(|i| i.featured == day(2026, 6, 12)));
        assert!(infos.iter().all(|i| !i.ai_keywords.is_empty()));
        assert!(infos.iter().all(|i| i.comments.is_some()));
        assert_eq!(infos.iter().filter(|i| i.github_repo.is_some()).count(), 16);
        assert_eq!(
            infos.iter().filter(|i| i.project_page.is_some()).count(),
            13
        );
        // Stars exactly where there is a repository.
        assert!(
            infos
                .iter()
                .all(|i| i.github_repo.is_some() == i.github_stars.is_some())
        );
    }

    #[test]
    fn sotawhat_entry_without_links_or_votes() {
        let got = paper(&parse_daily_papers(SOTAWHAT).unwrap(), "2606.00467");
        assert_eq!(
            got.title,
            "On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on \
             Annotation Task Performance"
        );
        assert_eq!(
            got.info,
            HfInfo {
                upvotes: 0,
                comments: Some(2),
                github_repo: None,
                github_stars: None,
                project_page: None,
                featured: day(2026, 6, 12),
                ai_keywords: strings(&[
                    "zero-shot annotation",
                    "LLM-as-a-judge",
                    "model-internalized priors",
                    "decision stickiness",
                    "toxicity detection",
                    "dense models",
                    "mixture-of-experts models",
                    "rescue rate",
                    "high-confidence errors",
                    "misaligned task definitions",
                    "Definition-Specific Familiarity",
                    "ROUGE-L",
                    "BERTScore",
                    "embedding cosine similarity",
                ]),
            }
        );
    }

    #[test]
    fn sotawhat_entry_with_project_page_only() {
        let got = paper(&parse_daily_papers(SOTAWHAT).unwrap(), "2606.13594");
        assert_eq!(
            got.title,
            "See What I See, Know What I Think: Dense Latent Communication Across \
             Heterogeneous Agents"
        );
        assert_eq!(got.info.upvotes, 3);
        assert_eq!(got.info.comments, Some(2));
        assert_eq!(got.info.github_repo, None);
        assert_eq!(got.info.github_stars, None);
        assert_eq!(
            got.info.project_page.as_deref(),
            Some("https://chicychen.github.io/dense-hetero-latent-mas/")
        );
        assert_eq!(got.info.featured, day(2026, 6, 12));
        assert_eq!(got.info.ai_keywords.len(), 10);
        assert_eq!(got.info.ai_keywords[0], "KV-cache communication");
        assert_eq!(got.info.ai_keywords[9], "context-unaware transfer");
    }

    #[test]
    fn sotawhat_entry_with_repository_and_stars() {
        let got = paper(&parse_daily_papers(SOTAWHAT).unwrap(), "2606.13392");
        assert_eq!(got.title, "MiniMax Sparse Attention");
        assert_eq!(
            got.info,
            HfInfo {
                upvotes: 103,
                comments: Some(4),
                github_repo: Some("https://github.com/MiniMax-AI/MSA".into()),
                github_stars: Some(251),
                project_page: None,
                featured: day(2026, 6, 12),
                ai_keywords: strings(&[
                    "sparse attention",
                    "Grouped Query Attention",
                    "Top-k selection",
                    "blockwise sparse attention",
                    "tensor-core utilization",
                    "prefill",
                    "decoding",
                    "attention compute",
                    "context length",
                ]),
            }
        );
    }

    #[test]
    fn sotawhat_entry_with_every_field() {
        let got = paper(&parse_daily_papers(SOTAWHAT).unwrap(), "2606.08063");
        assert_eq!(
            got.title,
            "Robust-U1: Can MLLMs Self-Recover Corrupted Visual Content for Robust Understanding?"
        );
        assert_eq!(got.info.upvotes, 74);
        assert_eq!(got.info.comments, Some(3));
        assert_eq!(
            got.info.github_repo.as_deref(),
            Some("https://github.com/jqtangust/Robust-U1")
        );
        assert_eq!(got.info.github_stars, Some(86));
        assert_eq!(
            got.info.project_page.as_deref(),
            Some("https://huggingface.co/spaces/Jiaqi-hkust/Robust-U1")
        );
        assert_eq!(got.info.featured, day(2026, 6, 12));
        assert_eq!(
            got.info.ai_keywords,
            strings(&[
                "multimodal large language models",
                "visual corruptions",
                "robustness enhancement",
                "supervised fine-tuning",
                "reinforcement learning",
                "dual rewards",
                "pixel-level SSIM",
                "semantic-level CLIP similarity",
                "multimodal reasoning",
                "visual self-recovery",
            ])
        );
    }

    #[test]
    fn news_assistant_all_three_entries() {
        let page = parse_daily_papers(NEWS_ASSISTANT).unwrap();
        assert!(page.skipped_ids.is_empty());
        let featured = day(2026, 8, 3);
        let expected = vec![
            HfPaper {
                arxiv_id: "2607.26654".into(),
                title: "Constitutional Midtraining: Content Presence Drives Alignment Gains".into(),
                info: HfInfo {
                    upvotes: 3,
                    comments: Some(1),
                    github_repo: Some("https://github.com/desBugger/constitutional-mt".into()),
                    github_stars: Some(2),
                    project_page: Some("https://www.lesswrong.com/posts/n5htoDGvKKJFAjji2".into()),
                    featured,
                    ai_keywords: vec![],
                },
            },
            HfPaper {
                arxiv_id: "2607.28229".into(),
                title: "EMBL AI Librarian: Life-Sciences Knowledge Layer for AI Agents".into(),
                info: HfInfo {
                    upvotes: 4,
                    comments: Some(1),
                    github_repo: Some("https://github.com/petroni-lab/librarian".into()),
                    github_stars: Some(8),
                    project_page: None,
                    featured,
                    ai_keywords: vec![],
                },
            },
            HfPaper {
                arxiv_id: "2607.27851".into(),
                title: "Beyond Feeling Better: Capability-Sustaining Emotional Dialogue as a \
                        Longitudinal Research Paradigm"
                    .into(),
                info: HfInfo {
                    upvotes: 2,
                    comments: Some(1),
                    github_repo: None,
                    github_stars: None,
                    project_page: None,
                    featured,
                    ai_keywords: vec![],
                },
            },
        ];
        assert_eq!(page.papers, expected);
    }

    #[test]
    fn top_level_upvotes_and_dates_are_not_used() {
        // Only paper.upvotes counts, and only paper.submittedOnDailyAt gives the
        // featured day; the element's publishedAt is hours off and a
        // top-level upvotes would be a different (unknown) thing.
        let page = parse_daily_papers(
            br#"[{"upvotes":99,"publishedAt":"2026-07-28T20:00:00.000Z",
                 "paper":{"id":"2607.26654","title":"T","upvotes":3,
                 "publishedAt":"2026-07-29T00:00:00.000Z",
                 "submittedOnDailyAt":"2026-08-03T00:00:00.000Z"}}]"#,
        )
        .unwrap();
        assert_eq!(page.papers[0].info.upvotes, 3);
        assert_eq!(page.papers[0].info.featured, day(2026, 8, 3));
    }

    // --- tolerance ---

    #[test]
    fn minimal_entry_takes_defaults() {
        let page = parse_daily_papers(
            br#"[{"paper":{"id":"2401.01234","title":"T","submittedOnDailyAt":"2026-01-05T00:00:00.000Z"}}]"#,
        )
        .unwrap();
        assert_eq!(
            page.papers,
            vec![HfPaper {
                arxiv_id: "2401.01234".into(),
                title: "T".into(),
                info: HfInfo {
                    upvotes: 0,
                    comments: None,
                    github_repo: None,
                    github_stars: None,
                    project_page: None,
                    featured: day(2026, 1, 5),
                    ai_keywords: vec![],
                },
            }]
        );
    }

    #[test]
    fn nulls_count_as_absent() {
        let page = parse_daily_papers(
            br#"[{"numComments":null,"paper":{"id":"2401.01234","title":"T","upvotes":null,
                "githubRepo":null,"githubStars":null,"projectPage":null,"ai_keywords":null,
                "submittedOnDailyAt":"2026-01-05T00:00:00.000Z"}}]"#,
        )
        .unwrap();
        let info = &page.papers[0].info;
        assert_eq!(info.upvotes, 0);
        assert_eq!(info.comments, None);
        assert_eq!(info.github_repo, None);
        assert!(info.ai_keywords.is_empty());
    }

    #[test]
    fn empty_page_is_no_papers() {
        let page = parse_daily_papers(b"[]").unwrap();
        assert!(page.papers.is_empty());
        assert_eq!(page.entry_count(), 0);
    }

    #[test]
    fn title_whitespace_is_collapsed() {
        let page = parse_daily_papers(
            br#"[{"paper":{"id":"2401.01234","title":"  A\n   long\ttitle ","submittedOnDailyAt":"2026-01-05"}}]"#,
        )
        .unwrap();
        assert_eq!(page.papers[0].title, "A long title");
        assert_eq!(page.papers[0].info.featured, day(2026, 1, 5));
    }

    #[test]
    fn featured_day_is_taken_in_utc() {
        let page = parse_daily_papers(
            br#"[{"paper":{"id":"2401.01234","title":"T","submittedOnDailyAt":"2026-01-05T22:00:00-05:00"}}]"#,
        )
        .unwrap();
        assert_eq!(page.papers[0].info.featured, day(2026, 1, 6));
    }

    #[test]
    fn non_arxiv_ids_are_skipped_and_reported() {
        let page = parse_daily_papers(
            br#"[{"paper":{"id":"not-arxiv","title":"A"}},
                 {"paper":{"id":"2401.01234","title":"B","submittedOnDailyAt":"2026-01-05"}},
                 {"paper":{"id":"2401.01234v2","title":"C"}}]"#,
        )
        .unwrap();
        assert_eq!(page.papers.len(), 1);
        assert_eq!(page.papers[0].arxiv_id, "2401.01234");
        assert_eq!(page.skipped_ids, strings(&["not-arxiv", "2401.01234v2"]));
        assert_eq!(page.entry_count(), 3);
    }

    #[test]
    fn links_that_are_not_http_are_dropped_with_their_stars() {
        let page = parse_daily_papers(
            br#"[{"paper":{"id":"2401.01234","title":"T","submittedOnDailyAt":"2026-01-05",
                "githubRepo":"javascript:alert(1)","githubStars":7,
                "projectPage":"ftp://example.org/x"}},
                {"paper":{"id":"2401.01235","title":"T","submittedOnDailyAt":"2026-01-05",
                "githubRepo":"HTTP://github.com/a/b","githubStars":7,"projectPage":"https://"}}]"#,
        )
        .unwrap();
        let first = &page.papers[0].info;
        assert_eq!(first.github_repo, None);
        assert_eq!(first.github_stars, None);
        assert_eq!(first.project_page, None);
        let second = &page.papers[1].info;
        assert_eq!(second.github_repo.as_deref(), Some("HTTP://github.com/a/b"));
        assert_eq!(second.github_stars, Some(7));
        assert_eq!(second.project_page, None);
    }

    #[test]
    fn stars_without_a_repository_are_ignored() {
        let page = parse_daily_papers(
            br#"[{"paper":{"id":"2401.01234","title":"T","submittedOnDailyAt":"2026-01-05","githubStars":3}}]"#,
        )
        .unwrap();
        assert_eq!(page.papers[0].info.github_stars, None);
    }

    // --- strictness: errors name entry and field ---

    #[test]
    fn not_json_is_an_error_on_the_response() {
        let err = error_of("<html>rate limited</html>");
        assert!(err.starts_with("response: not JSON"), "{err}");
    }

    #[test]
    fn not_an_array_is_an_error() {
        assert_eq!(
            error_of(r#"{"error":"Invalid date"}"#),
            "response: expected an array, found an object"
        );
    }

    #[test]
    fn wrong_type_names_index_and_path() {
        let body = r#"[{"paper":{"id":"2401.01234","title":"T","submittedOnDailyAt":"2026-01-05"}},
            {"paper":{"id":"2401.01235","title":"T","submittedOnDailyAt":"2026-01-05","upvotes":"x"}}]"#;
        assert_eq!(
            error_of(body),
            r#"[1].paper.upvotes: expected a number, found "x""#
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let base = r#""id":"2401.01234","title":"T","submittedOnDailyAt":"2026-01-05""#;
        let cases = [
            (r#"[5]"#.to_string(), "[0]: expected an object, found 5"),
            (r#"[{}]"#.to_string(), "[0].paper: missing"),
            (
                r#"[{"paper":[]}]"#.to_string(),
                "[0].paper: expected an object, found an array",
            ),
            (
                r#"[{"paper":{"title":"T"}}]"#.to_string(),
                "[0].paper.id: missing",
            ),
            (
                r#"[{"paper":{"id":2401}}]"#.to_string(),
                "[0].paper.id: expected a string, found 2401",
            ),
            (
                r#"[{"paper":{"id":"2401.01234"}}]"#.to_string(),
                "[0].paper.title: missing",
            ),
            (
                r#"[{"paper":{"id":"2401.01234","title":"T"}}]"#.to_string(),
                "[0].paper.submittedOnDailyAt: missing",
            ),
            (
                r#"[{"paper":{"id":"2401.01234","title":"T","submittedOnDailyAt":"soon"}}]"#
                    .to_string(),
                r#"[0].paper.submittedOnDailyAt: expected a date-time like 2026-06-12T00:00:00.000Z, found "soon""#,
            ),
            (
                format!(r#"[{{"numComments":true,"paper":{{{base}}}}}]"#),
                "[0].numComments: expected a number, found true",
            ),
            (
                format!(r#"[{{"paper":{{{base},"upvotes":-1}}}}]"#),
                "[0].paper.upvotes: expected a whole number from 0 to 4294967295, found -1",
            ),
            (
                format!(r#"[{{"paper":{{{base},"upvotes":2.5}}}}]"#),
                "[0].paper.upvotes: expected a whole number from 0 to 4294967295, found 2.5",
            ),
            (
                format!(r#"[{{"paper":{{{base},"githubStars":4294967296}}}}]"#),
                "[0].paper.githubStars: expected a whole number from 0 to 4294967295, found 4294967296",
            ),
            (
                format!(r#"[{{"paper":{{{base},"githubRepo":{{"url":"x"}}}}}}]"#),
                "[0].paper.githubRepo: expected a string, found an object",
            ),
            (
                format!(r#"[{{"paper":{{{base},"ai_keywords":"a, b"}}}}]"#),
                r#"[0].paper.ai_keywords: expected an array, found "a, b""#,
            ),
            (
                format!(r#"[{{"paper":{{{base},"ai_keywords":["a","b",3]}}}}]"#),
                "[0].paper.ai_keywords[2]: expected a string, found 3",
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(error_of(&body), expected, "{body}");
        }
    }

    #[test]
    fn long_values_are_cut_and_kept_on_one_line() {
        let long = "x\n".repeat(100);
        let body = format!(
            r#"[{{"paper":{{"id":"2401.01234","title":"T","submittedOnDailyAt":"2026-01-05","upvotes":{}}}}}]"#,
            serde_json::to_string(&long).unwrap()
        );
        let err = error_of(&body);
        assert!(!err.contains('\n'), "{err}");
        assert!(err.ends_with("..."), "{err}");
        assert!(err.len() < 150, "{err}");
    }

    #[test]
    fn a_bad_recorded_entry_fails_with_its_index() {
        let mut json: Value = serde_json::from_slice(SOTAWHAT).unwrap();
        json[17]["paper"]["githubStars"] = Value::String("12".into());
        let err = parse_daily_papers(&serde_json::to_vec(&json).unwrap()).unwrap_err();
        assert_eq!(err.path, "[17].paper.githubStars");
        assert_eq!(err.problem, r#"expected a number, found "12""#);
    }
}
