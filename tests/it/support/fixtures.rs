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
