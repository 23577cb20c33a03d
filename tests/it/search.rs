//! `papers search` end to end: fetch a small catalogue from the stub, then
//! search it with every part of the query language, the shared filters and
//! the output formats.

use std::process::Output;

use crate::support::{ArxivStub, Reply, TWO_TOPICS, TestEnv, feed};
use serde_json::Value;

use crate::support::StubEntry;

/// The NPU in the title, twice in a short abstract.
fn scheduling() -> StubEntry {
    StubEntry::new(
        "2503.00001",
        "2025-03-01",
        "NPU scheduling for transformers",
    )
    .authors(&["Wei Zhang"])
    .categories(&["cs.AR"])
    .summary("We schedule transformer layers on the NPU. The NPU stays busy.")
}

/// The NPU once, deep in a long abstract.
fn phones() -> StubEntry {
    let filler = "Phones run many kinds of models under tight power budgets. ".repeat(12);
    StubEntry::new("2503.00005", "2025-03-05", "Transformers on phones")
        .authors(&["Ada Lovelace"])
        .categories(&["cs.LG", "cs.AR"])
        .summary(&format!("{filler}One variant uses the NPU. {filler}"))
}

fn quantum() -> StubEntry {
    StubEntry::new("2502.00001", "2025-02-01", "Quantum NPU")
        .authors(&["Grace Hopper"])
        .categories(&["quant-ph"])
        .summary("A quantum neural processing unit.")
}

fn experts() -> StubEntry {
    StubEntry::new(
        "2501.00010",
        "2025-01-10",
        "Edge inference with mixture of experts",
    )
    .authors(&["Grace Hopper"])
    .categories(&["cs.DC"])
    .summary("Experts are routed at the edge.")
}

/// U+009B is the 8-bit CSI: legal in XML, dangerous on a terminal.
fn hostile() -> StubEntry {
    StubEntry::new("2501.00020", "2025-01-20", "Sneaky \u{9b}2J edge title")
        .authors(&["Eve Mallory"])
        .categories(&["cs.CR"])
        .summary("Edge \u{9b}31mred\u{9b}0m text \u{9d}0;pwned\u{9c}here.")
}

/// npu holds scheduling, phones and quantum; edge holds experts and hostile.
fn fetched_env() -> TestEnv {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(3, 0, 10, &[phones(), scheduling(), quantum()])),
        Reply::atom(feed(2, 0, 10, &[hostile(), experts()])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    env
}

fn search(env: &TestEnv, args: &[&str]) -> Output {
    env.papers()
        .arg("search")
        .args(args)
        .output()
        .expect("run papers search")
}

fn search_ok(env: &TestEnv, args: &[&str]) -> String {
    let output = search(env, args);
    assert!(
        output.status.success(),
        "papers search {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

fn search_json(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let json: Value = serde_json::from_str(&search_ok(env, &full)).expect("json output");
    json.as_array().expect("array").clone()
}

fn found(env: &TestEnv, args: &[&str]) -> Vec<String> {
    search_json(env, args)
        .iter()
        .map(|paper| paper["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn results_are_ranked_by_relevance() {
    let env = fetched_env();
    assert_eq!(
        found(&env, &["npu"]),
        ["2503.00001", "2502.00001", "2503.00005"],
        "title and short abstract first, one mention in a long abstract last"
    );
    assert_eq!(found(&env, &["--limit", "1", "npu"]), ["2503.00001"]);
}

#[test]
fn every_word_must_match_and_minus_excludes() {
    let env = fetched_env();
    assert_eq!(
        found(&env, &["npu", "transformer"]),
        ["2503.00001", "2503.00005"]
    );
    assert_eq!(
        found(&env, &["npu", "--", "-quantum"]),
        ["2503.00001", "2503.00005"]
    );
    assert_eq!(
        found(&env, &["npu", "--", r#"-"tight power""#]),
        ["2503.00001", "2502.00001"]
    );
    assert_eq!(
        found(&env, &["npu", "--", "-au:zhang"]),
        ["2502.00001", "2503.00005"]
    );
    assert_eq!(
        found(&env, &[r#""neural processing unit""#]),
        ["2502.00001"]
    );
}

#[test]
fn field_prefixes_narrow_where_words_may_match() {
    let env = fetched_env();
    assert_eq!(found(&env, &["ti:npu"]).len(), 2);
    assert_eq!(found(&env, &["abs:npu"]), ["2503.00001", "2503.00005"]);
    let mut hopper = found(&env, &["au:hopper"]);
    hopper.sort();
    assert_eq!(hopper, ["2501.00010", "2502.00001"]);
    assert_eq!(found(&env, &["cat:cs.AR"]).len(), 2);
    assert_eq!(
        found(&env, &["cat:cs.AR", "--", "-cat:cs.LG"]),
        ["2503.00001"]
    );
    assert_eq!(
        found(&env, &["cat:cs", "npu"]),
        ["2503.00001", "2503.00005"]
    );
    assert_eq!(found(&env, &["cat:quant-ph"]), ["2502.00001"]);
}

#[test]
fn the_list_filters_apply_too() {
    let env = fetched_env();
    assert_eq!(found(&env, &["--topic", "edge", "edge"]).len(), 2);
    assert!(found(&env, &["--topic", "edge", "npu"]).is_empty());
    assert_eq!(
        found(&env, &["--since", "2025-03-02", "npu"]),
        ["2503.00005"]
    );
    assert_eq!(
        found(
            &env,
            &["--author", "hopper", "--category", "cs.DC", "experts"]
        ),
        ["2501.00010"]
    );
}

#[test]
fn json_adds_the_search_score_and_snippet_to_the_usual_fields() {
    let env = fetched_env();
    let hits = search_json(&env, &["npu"]);
    let first = &hits[0];
    assert_eq!(first["id"], "2503.00001");
    assert_eq!(first["title"], "NPU scheduling for transformers");
    assert_eq!(first["topics"], serde_json::json!(["npu"]));
    assert!(first["abstract"].is_string());
    let scores: Vec<f64> = hits
        .iter()
        .map(|hit| hit["search_score"].as_f64().expect("numeric score"))
        .collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    assert!(scores[2] > 0.0);
    assert_eq!(
        first["snippet"],
        "We schedule transformer layers on the NPU. The NPU stays busy."
    );
    let long = hits[2]["snippet"].as_str().expect("snippet");
    assert!(long.starts_with('…') && long.ends_with('…'), "{long}");
    assert!(long.contains("One variant uses the NPU."), "{long}");
    assert!(long.split_whitespace().count() <= 32, "{long}");
}

#[test]
fn nothing_found_is_an_empty_list_not_an_error() {
    let env = fetched_env();
    env.papers()
        .args(["search", "gpu"])
        .assert()
        .success()
        .stdout("")
        .stderr("papers: no papers match\n");
    env.papers()
        .args(["search", "--format", "json", "gpu"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn the_table_shows_rank_score_title_and_snippet_without_escapes_in_a_pipe() {
    let env = fetched_env();
    let output = env
        .papers()
        .env_remove("NO_COLOR")
        .args(["search", "npu"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("#  Score  Date        ID"), "{text}");
    assert!(
        lines[1].starts_with("1  ") && lines[1].contains("2025-03-01  2503.00001"),
        "{text}"
    );
    assert!(
        lines[1].ends_with("NPU scheduling for transformers"),
        "{text}"
    );
    assert_eq!(
        lines[2].trim(),
        "We schedule transformer layers on the NPU. The NPU stays busy."
    );
    let column = lines[0].find("Title").expect("title column");
    assert_eq!(lines[2].len() - lines[2].trim_start().len(), column);
}

#[test]
fn colour_always_highlights_the_hits() {
    let env = fetched_env();
    let text = search_ok(&env, &["--color", "always", "npu", "busy"]);
    let bold_red = |word: &str| format!("\u{1b}[31m\u{1b}[1m{word}\u{1b}[0m");
    assert!(text.contains(&bold_red("NPU")), "{text:?}");
    assert!(text.contains(&bold_red("busy")), "{text:?}");
    assert!(text.contains("schedule transformer layers"), "{text:?}");
    let never = search_ok(&env, &["--color", "never", "npu"]);
    assert!(!never.contains('\u{1b}'), "{never:?}");
}

#[test]
fn control_characters_from_the_cache_never_reach_the_terminal() {
    let env = fetched_env();
    for color in ["never", "always"] {
        let text = search_ok(&env, &["--color", color, "edge"]);
        assert!(text.contains("Sneaky edge title"), "{text:?}");
        for c in text.chars().filter(|c| c.is_control() && *c != '\n') {
            assert!(
                color == "always" && c == '\u{1b}',
                "{c:?} reached the terminal: {text:?}"
            );
        }
        assert!(!text.contains("pwned"), "{text:?}");
    }
}

#[test]
fn other_formats_are_those_of_list() {
    let env = fetched_env();
    let markdown = search_ok(&env, &["--format", "markdown", "npu"]);
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(lines[0], "|Date|Title|label|Abstract|PDF|Code|");
    assert_eq!(lines.len(), 5, "{markdown}");
    assert!(lines[2].contains("NPU scheduling"), "{markdown}");
    let csv = search_ok(&env, &["--format", "csv", "npu"]);
    assert!(csv.starts_with("id,version,published"), "{csv}");
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let bibtex = search_ok(&env, &["--format", "bibtex", "quantum"]);
    assert!(bibtex.starts_with("@misc{hopper2025quantum,"), "{bibtex}");
}

#[test]
fn bad_queries_exit_2_with_one_line() {
    let env = fetched_env();
    for (args, message) in [
        (
            vec![r#""neural processing"#],
            "papers: error: search query: unbalanced quote: the '\"' at character 1 is never closed\n",
        ),
        (
            vec!["xx:npu"],
            "papers: error: search query: unknown field 'xx:' in 'xx:npu' (known: ti:, abs:, au:, cat:); \
             to search for the text, put it in quotes: '\"xx:npu\"'\n",
        ),
        (
            vec!["  "],
            "papers: error: search query: the query is empty: give words to search for\n",
        ),
        (
            vec!["npu", "OR", "gpu"],
            "papers: error: search query: 'OR' is not an operator here: every word must match \
             anyway, and -word excludes\n",
        ),
    ] {
        let output = search(&env, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), message, "{args:?}");
        assert!(output.stdout.is_empty());
    }
    // Options may follow the query, as everywhere else.
    assert_eq!(found(&env, &["npu", "--limit", "1"]), ["2503.00001"]);
    assert_eq!(
        found(&env, &["npu", "-n", "1", "--", "-transformer"]),
        ["2502.00001"]
    );
    // An exclusion before `--` would be read as options: the error shows where it goes.
    let output = search(&env, &["npu", "-quantum", "--limit", "5", "-au:smith"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "papers: error: '-quantum' before `--` is read as an option; exclusions go after `--`: \
         papers search npu --limit 5 -- -quantum -au:smith\n"
    );
    assert!(output.stdout.is_empty());
    let missing = search(&env, &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&missing.stderr).lines().count(), 1);
}
