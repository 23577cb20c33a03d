//! Golden output of every format over three hand-made papers: a revised one
//! (v3), one with a code link, and one whose text tries to break out of the
//! terminal and the Markdown table. Snapshots live in `tests/it/snapshots/`.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};
use papers::model::builder::PaperBuilder;
use papers::model::{CachedPaper, Paper};
use papers::render::json::render_json;
use papers::render::markdown::{Section, markdown_sections, markdown_table};
use papers::render::table::render_table;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid test time")
}

/// Fields every sample shares; each sample then sets what it is about,
/// its authors included.
fn paper(id: &str, version: u32, title: &str, summary: &str) -> PaperBuilder {
    Paper::builder(id)
        .version(version)
        .title(title)
        .summary(summary)
        .published(utc(2025, 9, 27, 17, 1))
        .updated(utc(2025, 9, 27, 17, 1))
        .categories(["cs.DC", "cs.AI"])
        .link_base("http://arxiv.org")
}

fn cached(paper: Paper, topics: &[&str]) -> CachedPaper {
    CachedPaper {
        paper,
        first_seen: utc(2026, 2, 7, 6, 0),
        last_changed: utc(2026, 2, 7, 6, 0),
        topics: topics
            .iter()
            .map(|t| t.to_string())
            .collect::<BTreeSet<_>>(),
        updates: Vec::new(),
        hf: None,
    }
}

/// Revised twice: the table shows `v3`, the date is still that of v1.
fn revised() -> CachedPaper {
    let p = paper(
        "2510.15312",
        3,
        "Accelerating Mobile Language Model via Speculative Decoding and NPU-Coordinated Execution",
        "Performing Retrieval-Augmented Generation (RAG) directly on mobile devices is promising for data privacy.\n\nExperiments on commercial smartphones show 1.06$\\times$--3.81$\\times$ speedups.",
    )
    .published(utc(2025, 10, 17, 9, 30))
    .updated(utc(2025, 12, 17, 18, 45))
    .affiliated_author("Zhiyang Chen", ["Peking University"])
    .author("Daliang Xu")
    .affiliated_author("Mengwei Xu", ["BUPT"])
    .categories(["cs.CL"])
    .comment("Accepted at MobiSys 2026")
    .journal_ref("Proc. MobiSys 2026")
    .dois(["10.1145/3711875.3729123"])
    .build();
    cached(p, &["npu"])
}

/// One author, a code link in the abstract.
fn with_code() -> CachedPaper {
    let p = paper(
        "2509.23324",
        1,
        "Scaling LLM Test-Time Compute with Mobile NPU on Smartphones",
        "We propose parallel test-time scaling on mobile NPUs. Code is available at https://github.com/example/npu-tts.",
    )
    .authors(["Ada Lovelace"])
    .build();
    cached(p, &["edge", "npu"])
}

/// Text written to escape: ANSI colour and title-setting, table pipes, HTML
/// that would close the `<details>`, bold-breaking stars, newlines, emoji.
fn hostile() -> CachedPaper {
    let p = paper(
        "2601.00666",
        1,
        "\u{1b}[31mRed | Alert\u{1b}[0m: **Bold** </details> claims 🚀",
        "First line\nstill first paragraph | with a pipe.\n\n<script>alert('x')</script> and `code` and $a|b$ \u{1b}]0;pwned\u{7}end.",
    )
    .authors(["Eve \u{1b}[2JMallory", "Trudy"])
    .categories(["cs.CR"])
    .build();
    cached(p, &["npu"])
}

/// Body rows of each table a GFM renderer finds, hostile text notwithstanding.
fn body_rows_per_table(markdown: &str) -> Vec<usize> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut rows = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => rows.push(0),
            Event::Start(Tag::TableRow) => {
                if let Some(count) = rows.last_mut() {
                    *count += 1;
                }
            }
            _ => {}
        }
    }
    rows
}

/// Relevance scores for the table's Score column, one per sample.
const SCORES: [u8; 3] = [100, 42, 0];

fn samples() -> Vec<CachedPaper> {
    vec![revised(), with_code(), hostile()]
}

#[test]
fn table_fitted_to_100_columns() {
    let papers = samples();
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let text = render_table(&refs, &SCORES, Some(100));
    assert!(
        text.lines().all(|line| line.chars().count() <= 100),
        "{text}"
    );
    insta::assert_snapshot!("table_width_100", text);
}

#[test]
fn table_for_a_pipe() {
    let papers = samples();
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    insta::assert_snapshot!("table_unconstrained", render_table(&refs, &SCORES, None));
}

#[test]
fn markdown_table_of_all_three() {
    let papers = samples();
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let text = markdown_table(&refs);
    assert_eq!(body_rows_per_table(&text), [3], "{text}");
    insta::assert_snapshot!("markdown_table", text);
}

#[test]
fn markdown_sections_per_topic() {
    let papers = samples();
    let in_topic = |topic: &str| {
        papers
            .iter()
            .filter(|p| p.topics.contains(topic))
            .collect::<Vec<_>>()
    };
    let page = markdown_sections(&[
        Section {
            heading: "Mobile NPU",
            papers: in_topic("npu"),
        },
        Section {
            heading: "Edge inference",
            papers: in_topic("edge"),
        },
    ]);
    assert_eq!(body_rows_per_table(&page), [3, 1], "{page}");
    insta::assert_snapshot!("markdown_sections", page);
}

#[test]
fn json_of_all_three() {
    let papers = samples();
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let text = render_json(&refs).expect("serialisable");
    assert!(!text.contains('\u{1b}'), "JSON escaping must hide raw ESC");
    insta::assert_snapshot!("json", text);
}
