//! `papers show` end to end: fetch a small catalogue from the stub, then show
//! single papers in every id form and format; look papers up with `--fetch`.

use std::process::Output;

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed, fixture};
use biblatex::{Bibliography, ChunksExt, EntryType};
use serde_json::Value;

fn speculative() -> StubEntry {
    StubEntry::new(
        "2611.00010",
        "2026-11-10",
        "Speculative decoding on mobile NPUs",
    )
    .authors(&["Wei Zhang", "Ada Lovelace"])
    .summary("We run drafts on the NPU.\n  Code: https://github.com/foo/npu-spec.")
}

const MOE_SENTENCE: &str = "Experts are routed to the edge device under tight memory budgets. ";

/// A revised paper with an abstract long enough to need wrapping.
fn moe() -> StubEntry {
    StubEntry::new(
        "2611.00005",
        "2026-11-05",
        "Edge inference with mixture of experts",
    )
    .version(2)
    .authors(&["Grace Hopper"])
    .categories(&["cs.DC"])
    .summary(&MOE_SENTENCE.repeat(8))
}

fn hostile() -> StubEntry {
    // U+009B and U+009D are the 8-bit CSI and OSC: legal in XML (unlike ESC
    // and BEL), dangerous on a terminal.
    StubEntry::new(
        "2610.00020",
        "2026-10-20",
        "Pipes | and <details> \u{9b}31mred\u{9b}0m title",
    )
    .authors(&["Alan Turing", "Kurt Gödel"])
    .categories(&["cs.CL"])
    .summary("First paragraph \u{9d}0;pwned\u{9c}here.\n  Second paragraph.")
}

fn old_style() -> StubEntry {
    StubEntry::new("hep-th/9901001", "1999-01-05", "Strings of old").categories(&["hep-th"])
}

fn old_style_with_class() -> StubEntry {
    StubEntry::new("math/0611800", "2006-11-27", "Special functions").categories(&["math.CA"])
}

/// npu holds speculative, hostile and the two old-style papers; edge holds moe.
fn fetched_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(
            4,
            0,
            10,
            &[
                speculative(),
                hostile(),
                old_style_with_class(),
                old_style(),
            ],
        )),
        Reply::atom(feed(1, 0, 10, &[moe()])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    stub.clear_seen();
    (stub, env)
}

fn show(env: &TestEnv, args: &[&str]) -> Output {
    env.papers()
        .arg("show")
        .args(args)
        .output()
        .expect("run papers show")
}

/// stdout of a `papers show` that must succeed.
fn show_ok(env: &TestEnv, args: &[&str]) -> String {
    let output = show(env, args);
    assert!(
        output.status.success(),
        "papers show {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

fn show_json(env: &TestEnv, id: &str) -> Value {
    serde_json::from_str(&show_ok(env, &["--format", "json", id])).expect("one JSON object")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn list(env: &TestEnv, args: &[&str]) -> String {
    let output = env
        .papers()
        .arg("list")
        .args(args)
        .output()
        .expect("run papers list");
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

#[test]
fn every_id_form_finds_the_cached_paper_without_a_request() {
    let (stub, env) = fetched_env();
    for input in [
        "2611.00005",
        "2611.00005v2",
        "arXiv:2611.00005",
        "ARXIV:2611.00005v2",
        "https://arxiv.org/abs/2611.00005v2",
        "http://arxiv.org/pdf/2611.00005v2.pdf",
        "arxiv.org/abs/2611.00005",
        " 2611.00005 ",
    ] {
        let output = show(&env, &["--format", "json", input]);
        assert!(output.status.success(), "{input:?}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{input:?} needs no note");
        let json: Value = serde_json::from_slice(&output.stdout).expect("json");
        assert_eq!(json["id"], "2611.00005", "{input:?}");
        assert_eq!(json["version"], 2, "{input:?}");
    }
    for (input, id) in [
        ("hep-th/9901001", "hep-th/9901001"),
        ("https://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
        ("math.CA/0611800", "math/0611800"),
        ("arXiv:math/0611800v1", "math/0611800"),
    ] {
        assert_eq!(show_json(&env, input)["id"], id, "{input:?}");
    }
    assert!(stub.seen().is_empty(), "cached papers need no network");
}

#[test]
fn another_version_shows_the_held_one_and_says_which() {
    let (_stub, env) = fetched_env();
    let output = show(&env, &["--format", "json", "2611.00005v1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["version"], 2);
    assert_eq!(
        stderr(&output),
        "papers: 2611.00005v1 was asked for; the cache holds 2611.00005v2, which is shown\n"
    );
}

#[test]
fn text_shows_the_paper_in_full() {
    let (_stub, env) = fetched_env();
    let text = show_ok(&env, &["2611.00010"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Speculative decoding on mobile NPUs");
    assert_eq!(lines[1], "");
    assert_eq!(
        &lines[2..10],
        [
            "ID:         2611.00010v1",
            "Authors:    Wei Zhang, Ada Lovelace",
            "Categories: cs.AR, cs.LG",
            "Submitted:  2026-11-10 (v1)",
            "arXiv:      https://arxiv.org/abs/2611.00010v1",
            "PDF:        https://arxiv.org/pdf/2611.00010v1",
            "Code:       https://github.com/foo/npu-spec",
            "Topics:     npu",
        ]
    );
    assert!(lines[10].starts_with("First seen: 20"), "{text}");
    assert!(
        text.ends_with("\n\nWe run drafts on the NPU.\n\nCode: https://github.com/foo/npu-spec.\n"),
        "{text}"
    );
}

#[test]
fn text_of_a_revision_has_its_latest_date_and_wraps_to_80_columns_in_a_pipe() {
    let (_stub, env) = fetched_env();
    let text = show_ok(&env, &["2611.00005"]);
    assert!(text.contains("\nLatest:     2026-11-05 (v2)\n"), "{text}");
    assert!(
        text.lines().all(|line| line.chars().count() <= 80),
        "{text}"
    );
    let summary = text.rsplit("\n\n").next().expect("abstract");
    assert!(summary.lines().count() > 5, "{summary}");
    assert_eq!(
        summary.split_whitespace().collect::<Vec<_>>(),
        MOE_SENTENCE
            .repeat(8)
            .split_whitespace()
            .collect::<Vec<_>>(),
        "every word, in order"
    );
}

#[test]
fn text_never_prints_control_characters() {
    let (_stub, env) = fetched_env();
    let text = show_ok(&env, &["2610.00020"]);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(
        text.starts_with("Pipes | and <details> red title\n"),
        "{text}"
    );
    assert!(text.contains("First paragraph here."), "{text}");
}

#[test]
fn markdown_is_the_topic_page_row() {
    let (_stub, env) = fetched_env();
    let shown = show_ok(&env, &["--format", "markdown", "2611.00010"]);
    let listed = list(&env, &["--topic", "npu", "--format", "markdown"]);
    let row = listed
        .lines()
        .find(|line| line.contains("2611.00010v1"))
        .expect("row in list");
    assert_eq!(
        shown,
        format!("|Date|Title|label|Abstract|PDF|Code|\n|---|---|---|---|---|---|\n{row}\n")
    );
}

#[test]
fn json_is_the_element_list_prints() {
    let (_stub, env) = fetched_env();
    let shown = show_ok(&env, &["--format", "json", "2611.00010"]);
    assert!(shown.starts_with("{\n  \"id\": \"2611.00010\","), "{shown}");
    let listed: Value = serde_json::from_str(&list(&env, &["--format", "json"])).expect("json");
    let element = listed
        .as_array()
        .expect("array")
        .iter()
        .find(|paper| paper["id"] == "2611.00010")
        .expect("listed")
        .clone();
    // Unranked, a listing's elements are exactly show's objects.
    assert!(element.get("score").is_none(), "{element}");
    let shown: Value = serde_json::from_str(&shown).expect("one object");
    assert_eq!(shown, element);
}

#[test]
fn bibtex_is_one_parseable_entry() {
    let (_stub, env) = fetched_env();
    let text = show_ok(&env, &["--format", "bibtex", "arXiv:2611.00010"]);
    let bibliography = Bibliography::parse(&text).expect("biblatex parses it");
    assert_eq!(bibliography.len(), 1, "{text}");
    let entry = bibliography
        .get("zhang2026speculative")
        .unwrap_or_else(|| panic!("key in\n{text}"));
    assert_eq!(entry.entry_type, EntryType::Misc);
    let field = |name: &str| entry.get(name).expect(name).format_verbatim();
    assert_eq!(field("title"), "Speculative decoding on mobile NPUs");
    assert_eq!(field("eprint"), "2611.00010");
    assert_eq!(field("primaryclass"), "cs.AR");
    assert_eq!(field("url"), "https://arxiv.org/abs/2611.00010");
    let authors = entry.author().expect("authors");
    assert_eq!(authors.len(), 2);
    assert_eq!(authors[1].name, "Lovelace");
}

#[test]
fn a_paper_not_in_the_cache_is_an_error_with_exit_1() {
    let (stub, env) = fetched_env();
    let output = show(&env, &["2611.99999v2"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        format!(
            "papers: error: 2611.99999 is not in the cache ({}); run `papers fetch`, or \
             `papers show --fetch 2611.99999` to look it up on arXiv\n",
            env.cache_file().display()
        )
    );
    assert!(stub.seen().is_empty());

    // No cache at all: the same answer.
    let empty = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    let output = show(&empty, &["2611.00010"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("2611.00010 is not in the cache"));
}

#[test]
fn a_bad_id_is_a_usage_error_naming_the_input() {
    let (stub, env) = fetched_env();
    for input in [
        "not-an-id",
        "2611.0001",
        "2611.00010v0",
        "https://example.com/abs/2611.00010",
    ] {
        let output = show(&env, &[input]);
        assert_eq!(output.status.code(), Some(2), "{input:?}");
        assert!(
            stderr(&output).contains(&format!("{input:?}")),
            "{input:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output).lines().count(), 1);
    }
    let output = show(&env, &["--format", "yaml", "2611.00010"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stub.seen().is_empty());
}

#[test]
fn fetch_looks_the_paper_up_once_and_adds_it_under_no_topic() {
    let (stub, env) = fetched_env();
    stub.script([Reply::atom(fixture(
        "api2026_idlist_oldstyle_astro-ph_0601001.xml",
    ))]);
    let output = show(&env, &["--fetch", "astro-ph/0601001"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "papers: added astro-ph/0601001v1 to the cache under no topic\n"
    );
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        text.starts_with("Frequency of Hot Jupiters and Very Hot Jupiters"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nAuthors:     Andrew Gould (Ohio State)\n             Susan Dorsher (Ohio State)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nJournal ref: ActaAstron.56:1-50,2006\n"),
        "{text}"
    );
    assert!(!text.contains("Topics:"), "{text}");

    let seen = stub.seen();
    assert_eq!(seen.len(), 1, "one id_list request: {seen:?}");
    assert_eq!(seen[0].param("id_list"), "astro-ph/0601001");
    assert_eq!(seen[0].param("max_results"), "1");
    assert_eq!(seen[0].param("search_query"), "");

    let cache = env.cache_json();
    let stored = &cache["papers"]["astro-ph/0601001"];
    assert_eq!(stored["topics"], serde_json::json!([]));
    assert_eq!(stored["paper"]["version"], 1);
    assert_eq!(
        cache["papers"]["2611.00010"]["topics"],
        serde_json::json!(["npu"]),
        "the rest of the cache is kept"
    );

    // From now on it is cached: no request, and `list` has it too.
    stub.clear_seen();
    assert_eq!(
        show_json(&env, "astro-ph/0601001v1")["title"],
        "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina"
    );
    assert!(list(&env, &["--format", "csv"]).contains("\r\nastro-ph/0601001,1,"));
    assert!(stub.seen().is_empty());
}

#[test]
fn fetch_of_a_cached_paper_makes_no_request() {
    let (stub, env) = fetched_env();
    let output = show(&env, &["--fetch", "--format", "json", "2611.00010"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert!(stub.seen().is_empty());
}

#[test]
fn fetch_of_an_unknown_id_says_arxiv_has_none() {
    let (stub, env) = fetched_env();
    stub.script([Reply::atom(fixture(
        "api2026_idlist_nonexistent_0000.0000_empty.xml",
    ))]);
    let before = std::fs::read(env.cache_file()).expect("cache");
    let output = show(&env, &["--fetch", "2611.99999"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "papers: error: arXiv has no paper 2611.99999\n"
    );
    assert!(output.stdout.is_empty());
    let seen = stub.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].param("id_list"), "2611.99999");
    assert_eq!(
        std::fs::read(env.cache_file()).expect("cache"),
        before,
        "nothing stored"
    );
}

#[test]
fn fetch_ignores_entries_for_other_ids() {
    // A server answering with some other paper has not found ours.
    let (stub, env) = fetched_env();
    stub.script([Reply::atom(feed(
        1,
        0,
        1,
        &[StubEntry::new("2611.00077", "2026-11-20", "Someone else")],
    ))]);
    let output = show(&env, &["--fetch", "2611.99999"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("arXiv has no paper 2611.99999"));
    assert!(env.cache_json()["papers"].get("2611.00077").is_none());
}

#[test]
fn fetch_failure_says_what_arxiv_said_with_exit_1() {
    let (stub, env) = fetched_env();
    stub.script([Reply::Raw {
        status: 400,
        headers: vec![],
        body: fixture("api2026_error_incorrect_id_format_abc_http400.xml"),
    }]);
    let output = show(&env, &["--fetch", "2611.99999"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "papers: error: looking up 2611.99999 on arXiv: arXiv API error: incorrect id format for abc\n"
    );
}
