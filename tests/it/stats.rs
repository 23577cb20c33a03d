//! `papers stats` end to end: fetch papers spread over several months in two
//! topics from the stub, then count them as a table, JSON and an SVG chart.

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed};
use predicates::prelude::*;

/// In both topics: counted once in each.
fn shared() -> StubEntry {
    StubEntry::new("2610.00005", "2026-10-05", "NPUs at the edge")
}

/// npu: August ×2, October (shared), November. edge: September, October
/// (shared), November. Nothing in npu in September: a gap to fill.
fn fetched_env() -> (ArxivStub, TestEnv) {
    let npu = [
        StubEntry::new("2611.00002", "2026-11-02", "NPU scheduling"),
        shared(),
        StubEntry::new("2608.00020", "2026-08-20", "NPU compilers"),
        StubEntry::new("2608.00003", "2026-08-03", "NPU quantisation"),
    ];
    let edge = [
        StubEntry::new("2611.00010", "2026-11-10", "Edge inference on phones"),
        shared(),
        StubEntry::new("2609.00014", "2026-09-14", "Edge inference with MoE"),
    ];
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(npu.len(), 0, 10, &npu)),
        Reply::atom(feed(edge.len(), 0, 10, &edge)),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    (stub, env)
}

fn stats(env: &TestEnv, args: &[&str]) -> String {
    let output = env
        .papers()
        .arg("stats")
        .args(args)
        .output()
        .expect("run papers stats");
    assert!(
        output.status.success(),
        "papers stats {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

/// Table rows as their words, bars included as one word.
fn rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .map(|line| line.split_whitespace().map(str::to_owned).collect())
        .collect()
}

#[test]
fn table_has_a_row_per_month_a_column_per_topic_and_bars_for_the_totals() {
    let (_stub, env) = fetched_env();
    let table = stats(&env, &[]);
    let rows = rows(&table);
    assert_eq!(rows[0], ["period", "npu", "edge", "total"]);
    assert!(rows[1].iter().all(|rule| rule.chars().all(|c| c == '─')));
    let numbers: Vec<&[String]> = rows[2..].iter().map(|row| &row[..4]).collect();
    assert_eq!(
        numbers,
        [
            ["2026-08", "2", "0", "2"],
            ["2026-09", "0", "1", "1"],
            ["2026-10", "1", "1", "2"],
            ["2026-11", "1", "1", "2"],
        ]
    );
    // Bars: the busiest months (2) get the full 40 cells, September half.
    let bars: Vec<usize> = rows[2..]
        .iter()
        .map(|row| row.get(4).map_or(0, |bar| bar.chars().count()))
        .collect();
    assert_eq!(bars, [40, 20, 40, 40]);
    assert!(table.lines().all(|line| line == line.trim_end()));
}

#[test]
fn by_week_counts_iso_weeks_without_gaps() {
    let (_stub, env) = fetched_env();
    let rows = rows(&stats(&env, &["--by", "week"]));
    let periods: Vec<&str> = rows[2..].iter().map(|row| row[0].as_str()).collect();
    // 2026-08-03 is the Monday of W32; 2026-11-10 is in W46.
    let expected: Vec<String> = (32..=46).map(|week| format!("2026-W{week}")).collect();
    assert_eq!(periods, expected);
    let week_41 = rows
        .iter()
        .find(|row| row[0] == "2026-W41")
        .expect("the shared paper's week");
    assert_eq!(week_41[1..4], ["1", "1", "2"]);
    let empty_week = rows
        .iter()
        .find(|row| row[0] == "2026-W33")
        .expect("a week without papers");
    assert_eq!(empty_week[1..], ["0", "0", "0"]);
}

#[test]
fn json_is_the_stats_with_the_right_totals() {
    let (_stub, env) = fetched_env();
    let json: serde_json::Value =
        serde_json::from_str(&stats(&env, &["--format", "json"])).expect("json output");
    assert_eq!(
        json,
        serde_json::json!({
            "periods": ["2026-08", "2026-09", "2026-10", "2026-11"],
            "series": [
                {"topic": "npu", "counts": [2, 0, 1, 1]},
                {"topic": "edge", "counts": [0, 1, 1, 1]},
            ]
        })
    );
}

#[test]
fn topic_selection_sets_the_columns_and_the_range() {
    let (_stub, env) = fetched_env();
    let rows = rows(&stats(&env, &["--topic", "edge"]));
    assert_eq!(rows[0], ["period", "edge"]);
    let periods: Vec<&str> = rows[2..].iter().map(|row| row[0].as_str()).collect();
    assert_eq!(periods, ["2026-09", "2026-10", "2026-11"]);

    let json: serde_json::Value =
        serde_json::from_str(&stats(&env, &["-f", "json", "-t", "edge", "-t", "npu"]))
            .expect("json output");
    let topics: Vec<&str> = json["series"]
        .as_array()
        .expect("series")
        .iter()
        .map(|series| series["topic"].as_str().expect("topic"))
        .collect();
    assert_eq!(topics, ["edge", "npu"]);
}

#[test]
fn svg_flag_writes_a_parseable_chart_and_says_where() {
    let (_stub, env) = fetched_env();
    let chart = env.dir.path().join("trend.svg");
    let output = env
        .papers()
        .args(["stats", "--svg"])
        .arg(&chart)
        .output()
        .expect("run papers stats");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&chart.display().to_string()),
        "stderr: {stderr}"
    );
    // The table still goes to stdout.
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("period"));

    let svg = std::fs::read_to_string(&chart).expect("chart written");
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let lines = doc
        .descendants()
        .filter(|node| node.has_tag_name("polyline"))
        .count();
    assert_eq!(lines, 2);
    let legend: Vec<&str> = doc
        .descendants()
        .filter(|node| node.attribute("class") == Some("legend-entry"))
        .filter_map(|entry| entry.descendants().find(|n| n.has_tag_name("text"))?.text())
        .collect();
    assert_eq!(legend, ["npu", "edge"]);
    // No temporary file left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .expect("list dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unwritable_svg_path_fails_in_one_line_before_printing() {
    let (_stub, env) = fetched_env();
    // A regular file where the chart's directory should be.
    std::fs::write(env.dir.path().join("blocker"), "").expect("file");
    let chart = env.dir.path().join("blocker").join("trend.svg");
    env.papers()
        .args(["stats", "--svg"])
        .arg(&chart)
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("cannot write the chart to")
                .and(predicate::function(|err: &str| err.lines().count() == 1)),
        );
}

#[test]
fn unknown_topic_is_a_usage_error() {
    let (_stub, env) = fetched_env();
    env.papers()
        .args(["stats", "--topic", "nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("unknown topic \"nope\"")
                .and(predicate::str::contains("npu, edge")),
        );
}

#[test]
fn an_empty_cache_says_to_fetch_and_prints_nothing() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers()
        .arg("stats")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "no papers in the cache yet: run `papers fetch`",
        ));
    let output = env
        .papers()
        .args(["stats", "--format", "json"])
        .output()
        .expect("run papers stats");
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        json,
        serde_json::json!({
            "periods": [],
            "series": [{"topic": "npu", "counts": []}, {"topic": "edge", "counts": []}]
        })
    );
    assert!(stub.seen().is_empty(), "stats must not touch the network");
}
