//! Test data shared by several areas: recorded arXiv responses, topic
//! configs, a stock paper.

use std::path::Path;

use super::feed::StubEntry;

pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/arxiv")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("fixture {}: {err}", path.display()))
}

/// The hand-labelled papers of `labelled_decoding_kvcache.xml` as catalogue
/// entries (labels in `LABELS.tsv`).
pub fn labelled_catalogue() -> Vec<StubEntry> {
    let text = String::from_utf8(fixture("labelled_decoding_kvcache.xml")).expect("UTF-8");
    let feed = papers::arxiv::atom::parse_feed(&text).expect("the labelled fixture parses");
    feed.entries
        .into_iter()
        .map(|paper| StubEntry {
            id: paper.id,
            version: paper.version,
            published: paper.published.format("%Y-%m-%d").to_string(),
            title: paper.title,
            summary: paper.summary,
            authors: paper
                .authors
                .into_iter()
                .map(|author| author.name)
                .collect(),
            categories: paper.categories,
        })
        .collect()
}

/// The ids `LABELS.tsv` marks `in` for `topic`.
pub fn labelled_in(topic: &str) -> Vec<String> {
    let text = String::from_utf8(fixture("LABELS.tsv")).expect("UTF-8");
    let mut ids: Vec<String> = text
        .lines()
        .skip(1)
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|fields| fields.get(1) == Some(&topic) && fields.get(2) == Some(&"in"))
        .map(|fields| fields[0].to_string())
        .collect();
    ids.sort();
    ids
}

pub const TWO_TOPICS: &str = r#"
[[topics]]
name = "npu"
title = "NPU acceleration"
keywords = ["NPU", "neural processing unit"]
categories = ["cs.AR"]

[[topics]]
name = "edge"
title = "Edge inference"
keywords = ["edge inference"]
"#;

/// A v2 paper in cs.DC by one author: shared by the list, show and export tests.
pub fn moe_paper() -> StubEntry {
    StubEntry::new(
        "2611.00005",
        "2026-11-05",
        "Edge inference with mixture of experts",
    )
    .version(2)
    .authors(&["Grace Hopper"])
    .categories(&["cs.DC"])
}
