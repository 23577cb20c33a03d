//! `papers trending`: the Hugging Face Daily Papers of a span, by upvotes.
//!
//! Rows of their own rather than cached papers: most trending papers are in
//! none of the reader's topics, so the cache holds no arXiv record of them,
//! only the title and counts the Hub sent.

use comfy_table::presets::UTF8_HORIZONTAL_ONLY;
use comfy_table::{CellAlignment, ContentArrangement, Table};
use serde::Serialize;

use crate::model::{CachedPaper, HfInfo};
use crate::render::csv::push_record;
use crate::render::markdown::{code_cell, escape_cell};
use crate::terminal::sanitize::terminal_safe;
use crate::triage::codelink::{code_url, hf_code_url};

/// One trending paper.
pub struct TrendingRow<'a> {
    pub id: &'a str,
    /// The cache's arXiv title when held, else the Hub's.
    pub title: &'a str,
    pub hf: &'a HfInfo,
    /// The arXiv record, when the cache holds one.
    pub cached: Option<&'a CachedPaper>,
}

impl TrendingRow<'_> {
    /// The reader's topics it is in (empty: outside every topic).
    fn topics(&self) -> Vec<&str> {
        self.cached
            .map(|cached| cached.topics.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    fn code_url(&self) -> Option<String> {
        match self.cached {
            Some(cached) => code_url(cached),
            None => hf_code_url(self.hf),
        }
    }

    fn abs_url(&self) -> String {
        match self.cached {
            Some(cached) => cached.paper.abs_url.clone(),
            None => format!("https://arxiv.org/abs/{}", self.id),
        }
    }
}

/// `—` marks a paper outside the reader's topics.
const OUTSIDE: &str = "—";

pub fn render_trending_table(rows: &[TrendingRow], width: Option<u16>) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut table = Table::new();
    table
        .load_preset(UTF8_HORIZONTAL_ONLY)
        .force_no_tty()
        .set_header(["Upvotes", "Featured", "ID", "Title", "Topics", "Code"]);
    for column in table.column_iter_mut() {
        column.set_padding((0, 1));
    }
    if let Some(upvotes) = table.column_mut(0) {
        upvotes.set_cell_alignment(CellAlignment::Right);
    }
    match width {
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    for row in rows {
        let topics = row.topics();
        let cells = [
            format!("▲ {}", row.hf.upvotes),
            row.hf.featured.format("%Y-%m-%d").to_string(),
            row.id.to_owned(),
            row.title.to_owned(),
            if topics.is_empty() {
                OUTSIDE.to_owned()
            } else {
                topics.join(", ")
            },
            row.code_url()
                .map(|url| {
                    url.split_once("://")
                        .map_or(url.clone(), |(_, rest)| rest.to_owned())
                })
                .unwrap_or_default(),
        ];
        // Titles and links come from the network.
        table.add_row(cells.map(|cell| terminal_safe(&cell).into_owned()));
    }
    let mut text = table.to_string();
    text.push('\n');
    text
}

#[derive(Serialize)]
struct TrendingJson<'a> {
    id: &'a str,
    title: &'a str,
    /// Whether the paper is in any of the reader's topics, and which.
    in_topics: bool,
    topics: Vec<&'a str>,
    /// Whether the cache holds its arXiv record (`trending --fetch` adds it).
    cached: bool,
    abs_url: String,
    code_url: Option<String>,
    hf: &'a HfInfo,
}

/// A pretty-printed JSON array, without a trailing newline.
pub fn render_trending_json(rows: &[TrendingRow]) -> serde_json::Result<String> {
    let records: Vec<TrendingJson> = rows
        .iter()
        .map(|row| {
            let topics = row.topics();
            TrendingJson {
                id: row.id,
                title: row.title,
                in_topics: !topics.is_empty(),
                topics,
                cached: row.cached.is_some(),
                abs_url: row.abs_url(),
                code_url: row.code_url(),
                hf: row.hf,
            }
        })
        .collect();
    serde_json::to_string_pretty(&records)
}

pub fn render_trending_markdown(rows: &[TrendingRow]) -> String {
    let mut out =
        String::from("| Upvotes | Featured | Title | Topics | Code |\n|---:|---|---|---|---|\n");
    for row in rows {
        let topics = row.topics();
        out.push_str(&format!(
            "| ▲ {} | {} | [{}]({}) | {} | {} |\n",
            row.hf.upvotes,
            row.hf.featured.format("%Y-%m-%d"),
            escape_cell(row.title),
            row.abs_url(),
            if topics.is_empty() {
                OUTSIDE.to_owned()
            } else {
                escape_cell(&topics.join(", "))
            },
            code_cell(row.code_url().as_deref()),
        ));
    }
    out
}

pub fn render_trending_csv(rows: &[TrendingRow]) -> String {
    let mut out = String::new();
    push_record(
        &mut out,
        &[
            "id",
            "title",
            "upvotes",
            "comments",
            "featured",
            "topics",
            "code_url",
            "github_stars",
            "project_page",
        ],
    );
    for row in rows {
        push_record(
            &mut out,
            &[
                row.id.to_owned(),
                row.title.to_owned(),
                row.hf.upvotes.to_string(),
                row.hf.comments.map(|n| n.to_string()).unwrap_or_default(),
                row.hf.featured.format("%Y-%m-%d").to_string(),
                row.topics().join(";"),
                row.code_url().unwrap_or_default(),
                row.hf
                    .github_stars
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                row.hf.project_page.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample;

    fn info(upvotes: u32, repo: Option<&str>) -> HfInfo {
        HfInfo {
            upvotes,
            comments: Some(2),
            github_repo: repo.map(str::to_owned),
            github_stars: repo.map(|_| 7),
            project_page: None,
            featured: chrono::NaiveDate::from_ymd_opt(2026, 6, 12).expect("date"),
            ai_keywords: Vec::new(),
        }
    }

    #[test]
    fn rows_say_whether_a_paper_is_in_the_readers_topics() {
        let mut held = sample("2606.00001", "Held | piped", "Code: github.com/own/code");
        held.topics.insert("npu".into());
        let hf_held = info(50, Some("https://github.com/hf/other"));
        let hf_outside = info(118, Some("https://github.com/hf/repo"));
        let rows = [
            TrendingRow {
                id: "2606.00002",
                title: "Outside\u{1b}[2J",
                hf: &hf_outside,
                cached: None,
            },
            TrendingRow {
                id: "2606.00001",
                title: &held.paper.title,
                hf: &hf_held,
                cached: Some(&held),
            },
        ];
        let table = render_trending_table(&rows, None);
        let outside = table
            .lines()
            .find(|l| l.contains("2606.00002"))
            .unwrap_or("");
        assert!(
            outside.contains("▲ 118") && outside.contains(OUTSIDE),
            "{outside}"
        );
        assert!(outside.contains("github.com/hf/repo"), "{outside}");
        assert!(!table.contains('\u{1b}'), "terminal-safe: {table:?}");
        let inside = table
            .lines()
            .find(|l| l.contains("2606.00001"))
            .unwrap_or("");
        assert!(inside.contains("npu"), "{inside}");
        assert!(
            inside.contains("github.com/own/code"),
            "authors' link first: {inside}"
        );

        let json: serde_json::Value =
            serde_json::from_str(&render_trending_json(&rows).expect("json")).expect("parse");
        assert_eq!(json[0]["in_topics"], false);
        assert_eq!(json[0]["cached"], false);
        assert_eq!(json[0]["abs_url"], "https://arxiv.org/abs/2606.00002");
        assert_eq!(json[1]["topics"][0], "npu");
        assert_eq!(json[1]["hf"]["upvotes"], 50);

        let markdown = render_trending_markdown(&rows);
        assert!(markdown.contains("Held \\| piped"), "{markdown}");
        assert_eq!(markdown.lines().count(), 4, "{markdown}");

        let csv = render_trending_csv(&rows);
        assert!(csv.starts_with("id,title,upvotes,"), "{csv}");
        assert!(
            csv.contains("2606.00001,Held | piped,50,2,2026-06-12,npu,"),
            "{csv}"
        );
    }
}
