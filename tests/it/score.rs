//! The relevance score end to end: `list --sort score`, the Score column and
//! JSON field, and `show --why`. Papers are dated long ago, so no recency
//! points move the expected scores as the calendar does.

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed};
use serde_json::Value;

/// npu: title word NPU 20 + abstract phrase 12 + primary cs.AR 10 = 42.
fn strong() -> StubEntry {
    StubEntry::new("2401.00001", "2024-01-01", "NPU scheduling")
        .categories(&["cs.AR"])
        .summary("A neural processing unit scheduler.")
}

/// npu: abstract word 8 + cross-listed in cs.AR 5 = 13.
fn weak() -> StubEntry {
    StubEntry::new("2401.00009", "2024-01-09", "Transformers on phones")
        .categories(&["cs.LG", "cs.AR"])
        .summary("Some run on an NPU.")
}

/// npu: title word 20 + abstract phrase 12 = 32. "Input" is no NPU.
fn middle() -> StubEntry {
    StubEntry::new("2401.00005", "2024-01-05", "Quantum NPU input")
        .categories(&["quant-ph"])
        .summary("A quantum neural processing unit.")
}

/// edge: title phrase "edge inference" 30.
fn edge() -> StubEntry {
    StubEntry::new("2401.00003", "2024-01-03", "Edge inference at scale")
        .categories(&["cs.DC"])
        .summary("Serving at the edge.")
}

fn fetched_env() -> TestEnv {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(3, 0, 10, &[weak(), middle(), strong()])),
        Reply::atom(feed(1, 0, 10, &[edge()])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    env
}

fn run_ok(env: &TestEnv, args: &[&str]) -> String {
    let output = env.papers().args(args).output().expect("run papers");
    assert!(
        output.status.success(),
        "papers {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

fn listed(env: &TestEnv, args: &[&str]) -> Vec<(String, u64)> {
    let mut full = vec!["list", "--format", "json"];
    full.extend_from_slice(args);
    let json: Value = serde_json::from_str(&run_ok(env, &full)).expect("json");
    json.as_array()
        .expect("array")
        .iter()
        .map(|paper| {
            (
                paper["id"].as_str().expect("id").to_owned(),
                paper["score"].as_u64().expect("score"),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected
        .iter()
        .map(|&(id, score)| (id.to_owned(), score))
        .collect()
}

#[test]
fn sort_score_ranks_highest_first_and_json_carries_the_score() {
    let env = fetched_env();
    assert_eq!(
        listed(&env, &["--sort", "score"]),
        pairs(&[
            ("2401.00001", 42),
            ("2401.00005", 32),
            ("2401.00003", 30),
            ("2401.00009", 13)
        ])
    );
    // Unranked JSON has no score: scoring a whole-cache export would double its cost.
    let unranked: Value =
        serde_json::from_str(&run_ok(&env, &["list", "--format", "json"])).expect("json");
    let ids: Vec<&str> = unranked
        .as_array()
        .expect("array")
        .iter()
        .map(|paper| {
            assert!(paper.get("score").is_none(), "{paper}");
            paper["id"].as_str().expect("id")
        })
        .collect();
    assert_eq!(
        ids,
        ["2401.00009", "2401.00005", "2401.00003", "2401.00001"],
        "date order is unchanged"
    );
    assert_eq!(
        listed(&env, &["--sort", "score", "--limit", "2"]),
        pairs(&[("2401.00001", 42), ("2401.00005", 32)]),
        "the limit applies after ranking"
    );
}

#[test]
fn listed_topics_decide_what_a_paper_is_scored_against() {
    let env = fetched_env();
    assert_eq!(
        listed(&env, &["--topic", "edge", "--sort", "score"]),
        pairs(&[("2401.00003", 30)])
    );
    // Scored against both listed topics, the best counts.
    assert_eq!(
        listed(
            &env,
            &["--topic", "edge", "--topic", "npu", "--sort", "score"]
        )[0],
        ("2401.00001".to_owned(), 42)
    );
}

#[test]
fn the_table_has_a_score_column() {
    let env = fetched_env();
    let text = run_ok(&env, &["list", "--sort", "score"]);
    let header = text
        .lines()
        .find(|line| line.contains("Date"))
        .expect("header");
    assert!(header.starts_with("Score  Date"), "{text}");
    let rows: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("2024-01-"))
        .collect();
    assert_eq!(rows.len(), 4, "{text}");
    assert!(
        rows[0].starts_with("   42  2024-01-01  2401.00001"),
        "{text}"
    );
    assert!(
        rows[3].starts_with("   13  2024-01-09  2401.00009"),
        "{text}"
    );
}

#[test]
fn show_why_lists_each_matched_term_with_its_points() {
    let env = fetched_env();
    let text = run_ok(&env, &["show", "--why", "2401.00001"]);
    let (view, why) = text
        .split_once("\nRelevance to npu")
        .expect("a relevance section after the text view");
    assert!(view.starts_with("NPU scheduling\n"), "{text}");
    assert!(
        view.contains("A neural processing unit scheduler."),
        "{text}"
    );
    assert_eq!(
        why,
        " (NPU acceleration): 42/100\n  \
         +20  title word        \"NPU\"\n  \
         +12  abstract phrase   \"neural processing unit\"\n  \
         +10  primary category  cs.AR\n\n\
         Fit: none, nothing is starred (star papers or `papers import` a reference file)\n"
    );
    let plain = run_ok(&env, &["show", "2401.00001"]);
    assert_eq!(plain, view, "--why only adds");
}

#[test]
fn show_why_says_when_nothing_matched_and_needs_the_text_view() {
    let env = fetched_env();
    let weak = run_ok(&env, &["show", "--why", "2401.00009"]);
    assert!(
        weak.ends_with(concat!(
            "Relevance to npu (NPU acceleration): 13/100\n",
            "   +8  abstract word    \"NPU\"\n",
            "   +5  cross-listed in  cs.AR\n",
            "\n",
            "Fit: none, nothing is starred (star papers or `papers import` a reference file)\n",
        )),
        "{weak}"
    );
    env.papers()
        .args(["show", "--why", "--format", "json", "2401.00001"])
        .assert()
        .code(2)
        .stderr("papers: error: --why explains the score in the text view: drop --format\n");
}
