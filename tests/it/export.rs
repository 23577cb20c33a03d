//! `papers export` end to end: fetch a small catalogue from the stub, then
//! write the topic page to stdout or a file, with and without the chart.

use std::path::Path;

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed, moe_paper};
use predicates::prelude::*;

const DATE: &str = "2026-02-07";
const BACK_TO_TOP: &str = "<p align=right>(<a href=#updated-on-20260207>back to top</a>)</p>";

fn speculative() -> StubEntry {
    StubEntry::new(
        "2611.00010",
        "2026-11-10",
        "Speculative decoding on mobile NPUs",
    )
    .authors(&["Wei Zhang", "Ada Lovelace"])
    .summary("We run drafts on the NPU. Code: https://github.com/foo/npu-spec.")
}

/// Same day as `speculative`: the tie is broken by id, newest first.
fn same_day() -> StubEntry {
    StubEntry::new(
        "2611.00003",
        "2026-11-10",
        "Quantised attention kernels for NPUs",
    )
    .categories(&["cs.AR"])
}

fn older() -> StubEntry {
    StubEntry::new(
        "2610.00020",
        "2026-10-20",
        "Offloading to the NPU at the edge",
    )
    .categories(&["cs.DC", "cs.AR"])
}

/// npu: speculative, same_day, older; edge: moe, older (in both topics).
fn fetched_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(3, 0, 10, &[speculative(), same_day(), older()])),
        Reply::atom(feed(2, 0, 10, &[moe_paper(), older()])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    (stub, env)
}

const THREE_TOPICS: &str = r#"
[[topics]]
name = "alpha"
title = "Alpha"
keywords = ["alpha"]

[[topics]]
name = "beta"
title = "Beta"
keywords = ["beta"]

[[topics]]
name = "gamma"
title = "Gamma"
keywords = ["gamma"]
"#;

/// alpha and gamma hold one paper each, beta none.
fn three_topic_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(
            1,
            0,
            10,
            &[StubEntry::new("2611.00001", "2026-11-01", "Alpha paper")],
        )),
        Reply::atom(feed(0, 0, 10, &[])),
        Reply::atom(feed(
            1,
            0,
            10,
            &[StubEntry::new("2611.00002", "2026-11-02", "Gamma paper")],
        )),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", THREE_TOPICS);
    env.papers().arg("fetch").assert().success();
    (stub, env)
}

/// stdout of a successful `papers export <args>`, run in the env's directory.
fn export(env: &TestEnv, args: &[&str]) -> String {
    let output = env
        .papers()
        .current_dir(env.dir.path())
        .arg("export")
        .args(args)
        .output()
        .expect("run papers export");
    assert!(
        output.status.success(),
        "papers export {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

/// `## ` headings in page order.
fn headings(page: &str) -> Vec<&str> {
    page.lines()
        .filter_map(|line| line.strip_prefix("## "))
        .collect()
}

/// Versioned ids of the table rows, per section, in page order.
fn ids_per_section(page: &str) -> Vec<Vec<String>> {
    page.split("\n## ")
        .skip(1)
        .map(|section| {
            section
                .lines()
                .filter_map(|line| line.split("|[").nth(1))
                .filter_map(|rest| rest.split(']').next())
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn two_topic_page_matches_the_golden_copy() {
    let (_stub, env) = fetched_env();
    let page = export(&env, &["--date", DATE]);
    assert_eq!(
        headings(&page),
        [
            "Updated on 2026.02.07",
            "NPU acceleration",
            "Edge inference"
        ]
    );
    assert_eq!(
        ids_per_section(&page),
        [
            vec!["2611.00010v1", "2611.00003v1", "2610.00020v1"],
            vec!["2611.00005v2", "2610.00020v1"],
        ]
    );
    assert_eq!(page.matches(BACK_TO_TOP).count(), 2);
    insta::assert_snapshot!("two_topics", page);
}

#[test]
fn output_file_is_written_whole_and_stdout_stays_empty() {
    let (_stub, env) = fetched_env();
    let expected = export(&env, &["--date", DATE]);
    let site = env.dir.path().join("site");
    std::fs::create_dir(&site).expect("site dir");
    let target = site.join("index.md");
    std::fs::write(&target, "old page").expect("seed the old page");

    let printed = export(&env, &["--date", DATE, "--output", "site/index.md"]);
    assert_eq!(printed, "", "nothing on stdout with --output");
    assert_eq!(std::fs::read_to_string(&target).expect("page"), expected);
    let left_in_site: Vec<String> = std::fs::read_dir(&site)
        .expect("list site")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        left_in_site,
        ["index.md"],
        "no temporary file is left behind"
    );
}

#[test]
fn output_creates_missing_directories_and_unwritable_paths_fail_naming_the_file() {
    let (_stub, env) = fetched_env();
    env.papers()
        .current_dir(env.dir.path())
        .args(["export", "--output", "site/new/index.md"])
        .assert()
        .success()
        .stdout("");
    let page = std::fs::read_to_string(env.dir.path().join("site/new/index.md")).expect("page");
    assert!(page.starts_with("## Updated on "), "{page}");

    // A regular file where a directory should be.
    std::fs::write(env.dir.path().join("blocker"), "").expect("file");
    env.papers()
        .current_dir(env.dir.path())
        .args(["export", "--output", "blocker/index.md"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::is_match(
                r"^papers: error: cannot write the page to blocker/index.md: .+\n$",
            )
            .expect("regex"),
        );
}

#[test]
fn trend_chart_is_written_and_linked_relative_to_the_page() {
    let (_stub, env) = fetched_env();
    std::fs::create_dir_all(env.dir.path().join("site/imgs")).expect("dirs");
    export(
        &env,
        &[
            "--date",
            DATE,
            "--output",
            "site/index.md",
            "--trend",
            "site/imgs/trend.svg",
        ],
    );
    let page = std::fs::read_to_string(env.dir.path().join("site/index.md")).expect("page");
    assert!(
        page.contains("\n![Monthly Trend](imgs/trend.svg)\n"),
        "{page}"
    );
    let chart = std::fs::read_to_string(env.dir.path().join("site/imgs/trend.svg")).expect("chart");
    let document = match chart.trim_start().strip_prefix("<?xml") {
        Some(prolog) => prolog.split_once("?>").map_or("", |(_, rest)| rest),
        None => chart.as_str(),
    };
    assert!(
        document.trim_start().starts_with("<svg") && document.trim_end().ends_with("</svg>"),
        "not a whole SVG document: {chart:?}"
    );
    assert!(chart.contains("Monthly Trend"), "the chart lacks its title");
}

#[test]
fn trend_link_without_output_is_relative_to_the_current_directory() {
    let (_stub, env) = fetched_env();
    std::fs::create_dir(env.dir.path().join("charts")).expect("dir");
    let page = export(&env, &["--date", DATE, "--trend", "charts/trend.svg"]);
    assert!(
        page.contains("\n![Monthly Trend](charts/trend.svg)\n"),
        "{page}"
    );
    assert!(env.dir.path().join("charts/trend.svg").is_file());
    let without = export(&env, &["--date", DATE]);
    assert!(!without.contains("Monthly Trend"), "{without}");
}

#[test]
fn chart_and_page_cannot_be_the_same_file() {
    let (_stub, env) = fetched_env();
    env.papers()
        .current_dir(env.dir.path())
        .args(["export", "--output", "page.md", "--trend", "./page.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--trend and --output both name ./page.md",
        ));
    assert!(!env.dir.path().join("page.md").exists());
}

#[test]
fn max_per_topic_keeps_the_newest() {
    let (_stub, env) = fetched_env();
    let page = export(&env, &["--date", DATE, "--max-per-topic", "1"]);
    assert_eq!(
        ids_per_section(&page),
        [vec!["2611.00010v1"], vec!["2611.00005v2"]]
    );
    env.papers()
        .args(["export", "--max-per-topic", "0"])
        .assert()
        .code(2)
        .stderr("papers: error: --max-per-topic: must be at least 1\n");
}

#[test]
fn selected_topics_keep_config_order_and_empty_ones_say_so() {
    let (_stub, env) = three_topic_env();
    let page = export(
        &env,
        &["--date", DATE, "--topic", "gamma", "--topic", "alpha"],
    );
    assert_eq!(headings(&page), ["Updated on 2026.02.07", "Alpha", "Gamma"]);
    assert!(
        page.contains("- [Alpha](#alpha)\n- [Gamma](#gamma)\n\n"),
        "{page}"
    );
    assert!(!page.contains("Beta"), "{page}");

    let all = export(&env, &["--date", DATE]);
    assert_eq!(
        headings(&all),
        ["Updated on 2026.02.07", "Alpha", "Beta", "Gamma"]
    );
    assert!(
        all.contains("## Beta\n\nNo papers yet.\n\n<p align=right>"),
        "{all}"
    );
    assert_eq!(
        ids_per_section(&all),
        [vec!["2611.00001v1"], vec![], vec!["2611.00002v1"]]
    );
}

#[test]
fn unknown_topic_fails_like_list() {
    let (_stub, env) = fetched_env();
    let list = env
        .papers()
        .args(["list", "--topic", "nope"])
        .output()
        .expect("list");
    let export = env
        .papers()
        .args(["export", "--topic", "nope"])
        .output()
        .expect("export");
    assert_eq!(export.status.code(), Some(2));
    assert_eq!(list.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&export.stderr),
        "papers: error: unknown topic \"nope\" (configured: npu, edge)\n"
    );
    assert_eq!(export.stderr, list.stderr);
    assert!(export.stdout.is_empty());
}

#[test]
fn bad_date_is_a_usage_error() {
    let (_stub, env) = fetched_env();
    for bad in ["2026-02-30", "7d", "07.02.2026"] {
        env.papers()
            .args(["export", "--date", bad])
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "papers: error: --date: invalid date \"{bad}\": expected YYYY-MM-DD\n"
            ));
    }
}

#[test]
fn same_cache_and_date_give_identical_bytes() {
    let (_stub, env) = fetched_env();
    let first = export(&env, &["--date", DATE]);
    let second = export(&env, &["--date", DATE]);
    assert_eq!(first, second);
    export(&env, &["--date", DATE, "--output", "a.md"]);
    export(&env, &["--date", DATE, "--output", "b.md"]);
    let read = |name: &str| std::fs::read(env.dir.path().join(name)).expect("page");
    assert_eq!(read("a.md"), read("b.md"));
    assert_eq!(read("a.md"), first.as_bytes());
}

#[test]
fn date_defaults_to_today_in_utc() {
    let (_stub, env) = fetched_env();
    let before = chrono::Utc::now().date_naive();
    let page = export(&env, &[]);
    let after = chrono::Utc::now().date_naive();
    let heading = page.lines().next().unwrap_or_default();
    let allowed = [before, after].map(|day| format!("## Updated on {}", day.format("%Y.%m.%d")));
    assert!(allowed.contains(&heading.to_owned()), "{heading}");
    let anchor = format!(
        "(<a href=#updated-on-{}>back to top</a>)",
        after.format("%Y%m%d")
    );
    let anchor_before = format!(
        "(<a href=#updated-on-{}>back to top</a>)",
        before.format("%Y%m%d")
    );
    assert!(
        page.contains(&anchor) || page.contains(&anchor_before),
        "{page}"
    );
}

#[test]
fn export_without_a_cache_warns_and_shows_empty_sections() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    let output = env
        .papers()
        .args(["export", "--date", DATE])
        .output()
        .expect("export");
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(page.matches("No papers yet.").count(), 2, "{page}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no cache yet at"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stub.seen().is_empty(), "export must not touch the network");
    assert!(
        !Path::new(&env.cache_file()).exists(),
        "export must not create a cache"
    );
}

#[test]
fn section_tables_are_the_list_markdown_tables() {
    let (_stub, env) = fetched_env();
    let page = export(&env, &["--date", DATE]);
    for topic in ["npu", "edge"] {
        let output = env
            .papers()
            .args(["list", "--topic", topic, "--format", "markdown"])
            .output()
            .expect("list");
        assert!(output.status.success());
        let table = String::from_utf8(output.stdout).expect("utf-8");
        assert!(table.lines().count() >= 3, "{table}");
        assert!(
            page.contains(&format!("\n\n{table}\n{BACK_TO_TOP}")),
            "the {topic} table differs from `list`:\n{table}\n---\n{page}"
        );
    }
}
