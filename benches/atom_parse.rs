//! Parsing one 2,000-entry Atom page, the most arXiv serves per request.
//!
//! The page is made of the real fixture entries, each copy given its own id,
//! title and dates so no two entries are alike.

// A benchmark or example that cannot set up has nothing to report: panicking is its error path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// arXiv's largest page (max_results=2000).
const PAGE_ENTRIES: usize = 2000;

fn atom_parse(c: &mut Criterion) {
    let page = varied_page(PAGE_ENTRIES);
    let feed =
        papers::arxiv::atom::parse_feed_bytes(page.as_bytes()).expect("the built page parses");
    assert_eq!(feed.entries.len(), PAGE_ENTRIES);

    let mut group = c.benchmark_group("atom_parse");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("2000_entries", |b| {
        b.iter(|| papers::arxiv::atom::parse_feed_bytes(black_box(page.as_bytes())))
    });
    group.finish();
}

/// A current-service feed holding `count` fixture entries, rewritten with
/// the ids, titles and dates of fresh synthetic papers, newest first.
fn varied_page(count: usize) -> String {
    let templates = fixture_entries();
    let mut generator = synthetic::Generator::new(synthetic::DEFAULT_SEED, Utc::now());
    let papers = generator.fresh_papers(count, chrono::Duration::days(60));
    let mut page = String::from(concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        r#"<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">"#,
        "\n  <id>https://arxiv.org/api/synthetic</id>\n",
        "  <title>arXiv Query: search_query=all:inference&amp;id_list=&amp;start=0&amp;max_results=2000</title>\n",
        "  <updated>2026-11-23T00:00:00Z</updated>\n",
        r#"  <link href="https://arxiv.org/api/query?search_query=all:inference&amp;start=0&amp;max_results=2000&amp;id_list=" type="application/atom+xml"/>"#,
        "\n  <opensearch:itemsPerPage>2000</opensearch:itemsPerPage>\n",
        "  <opensearch:totalResults>250000</opensearch:totalResults>\n",
        "  <opensearch:startIndex>0</opensearch:startIndex>\n",
    ));
    for (index, paper) in papers.iter().enumerate() {
        let template = &templates[index % templates.len()];
        let old_id = element_text(template, "id")
            .rsplit_once("/abs/")
            .map(|(_, id)| id.to_owned())
            .expect("fixture entry ids are abs URLs");
        let entry = template.replace(&old_id, &paper.versioned_id());
        let entry = replace_element_text(&entry, "title", &xml_escape(&paper.title));
        let entry = replace_element_text(&entry, "published", &atom_time(paper.published));
        let entry = replace_element_text(&entry, "updated", &atom_time(paper.updated));
        page.push_str("  ");
        page.push_str(&entry);
        page.push('\n');
    }
    page.push_str("</feed>\n");
    page
}

/// Every `<entry>…</entry>` of the fixtures that describes a paper (error
/// feeds left out), in file name order.
fn fixture_entries() -> Vec<String> {
    let mut entries = Vec::new();
    for path in synthetic::fixture_files(std::path::Path::new(synthetic::FIXTURES_DIR)) {
        let text = std::fs::read_to_string(&path).expect("fixtures are UTF-8");
        let mut rest = text.as_str();
        while let Some(start) = rest.find("<entry>") {
            let end = rest[start..].find("</entry>").expect("entries are closed") + start;
            let entry = &rest[start..end + "</entry>".len()];
            if !entry.contains("/api/errors") {
                entries.push(entry.to_owned());
            }
            rest = &rest[end..];
        }
    }
    assert!(entries.len() >= 40, "expected the fixtures' ~50 entries");
    entries
}

fn element_text<'a>(entry: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let start = entry.find(&open).expect("element present") + open.len();
    let end = entry[start..]
        .find(&format!("</{tag}>"))
        .expect("element closed")
        + start;
    &entry[start..end]
}

fn replace_element_text(entry: &str, tag: &str, text: &str) -> String {
    let old = element_text(entry, tag);
    let start = old.as_ptr() as usize - entry.as_ptr() as usize;
    format!("{}{text}{}", &entry[..start], &entry[start + old.len()..])
}

fn atom_time(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

criterion_group!(benches, atom_parse);
criterion_main!(benches);
