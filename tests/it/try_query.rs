//! `papers try`: one request, the query it sent, arXiv's total, the newest
//! matches, what the cache already holds, and nothing written.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, fixture};

fn catalogue() -> Vec<StubEntry> {
    vec![
        StubEntry::new(
            "2611.00003",
            "2026-11-03",
            "A neural processing unit for LLMs",
        ),
        StubEntry::new("2611.00002", "2026-11-02", "NPU scheduling"),
        StubEntry::new("2611.00001", "2026-11-01", "Edge inference on phones"),
    ]
}

fn stub_and_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.set_catalogue(catalogue());
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    (stub, env)
}

fn run(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let output = env.papers().arg("try").args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                // The pacing lock records when the last request left: not cache.
                if !name.starts_with("pacing") {
                    files.insert(name, std::fs::read(&path).unwrap());
                }
            }
        }
    }
    files
}

#[test]
fn sends_one_request_with_the_query_the_flags_make() {
    let (stub, env) = stub_and_env();
    let (code, stdout, stderr) = run(
        &env,
        &[
            "--keywords",
            "speculative decoding",
            "draft model",
            "--categories",
            "cs.CL",
            "--authors",
            "Yaniv Leviathan",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let seen = stub.seen();
    assert_eq!(seen.len(), 1, "one request only");
    let expected = r#"((ti:"speculative decoding" OR abs:"speculative decoding" OR ti:"draft model" OR abs:"draft model" OR au:"Yaniv Leviathan") AND (cat:cs.CL))"#;
    assert_eq!(seen[0].param("search_query"), expected);
    assert_eq!(seen[0].param("max_results"), "10");
    assert_eq!(seen[0].param("start"), "0");
    assert_eq!(seen[0].param("sortBy"), "submittedDate");
    assert_eq!(seen[0].param("sortOrder"), "descending");
    assert!(
        stdout.starts_with(&format!("query: {expected}\n")),
        "{stdout}"
    );
}

#[test]
fn prints_the_total_and_the_newest_matches_with_their_score() {
    let (stub, env) = stub_and_env();
    let (code, stdout, stderr) = run(&env, &["--topic", "npu", "--limit", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stub.seen()[0].param("max_results"), "2");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[1], "arXiv total: 3", "{stdout}");
    assert_eq!(
        lines[2], "newest 2 (submitted, id, score, title):",
        "{stdout}"
    );
    assert!(
        lines[3].starts_with("  2026-11-03  2611.00003  "),
        "{stdout}"
    );
    assert!(
        lines[3].ends_with("A neural processing unit for LLMs"),
        "{stdout}"
    );
    // The title names the topic's keyword: a score above nothing.
    let score: u8 = lines[3][26..31].trim().parse().unwrap();
    assert!(score > 0, "{stdout}");
    assert!(lines[4].contains("2611.00002"), "{stdout}");
    assert_eq!(lines.len(), 5, "no cache, so no held line: {stdout}");
    assert!(!env.cache_dir().exists(), "try created the cache dir");
}

#[test]
fn json_has_the_query_the_total_and_papers_as_list_prints_them() {
    let (_stub, env) = stub_and_env();
    let (code, stdout, stderr) = run(&env, &["--query", "abs:NPU", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let shown: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(stdout.starts_with("{\n  \"query\": "), "{stdout}");
    // Each paper's keys in the order `list --format json` writes them.
    let id = stdout.find("\"id\": \"2611.00003\"").unwrap();
    let title = stdout.find("\"title\": \"A neural").unwrap();
    let first_seen = stdout.find("\"first_seen\"").unwrap();
    assert!(id < title && title < first_seen, "{stdout}");
    let keys: Vec<&String> = shown.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3, "{stdout}");
    assert_eq!(shown["query"], "abs:NPU");
    assert_eq!(shown["total_results"], 3);
    let papers = shown["papers"].as_array().unwrap();
    assert_eq!(papers.len(), 3);
    assert_eq!(papers[0]["id"], "2611.00003");
    assert_eq!(papers[0]["title"], "A neural processing unit for LLMs");
    assert_eq!(papers[0]["held"], false);
    assert!(papers[0]["score"].is_u64(), "{stdout}");
    for key in [
        "abstract",
        "authors",
        "categories",
        "abs_url",
        "topics",
        "published",
    ] {
        assert!(papers[0].get(key).is_some(), "{key} missing: {stdout}");
    }
}

#[test]
fn leaves_the_cache_untouched_and_says_what_it_already_holds() {
    let (stub, env) = stub_and_env();
    let fetched = env
        .papers()
        .args(["fetch", "--topic", "npu"])
        .output()
        .unwrap();
    assert!(fetched.status.success(), "{fetched:?}");
    let before = snapshot(&env.cache_dir());
    stub.set_catalogue(
        catalogue()
            .into_iter()
            .chain([StubEntry::new("2611.00009", "2026-11-09", "A new NPU")])
            .collect(),
    );
    stub.clear_seen();
    let (code, stdout, stderr) = run(&env, &["--topic", "npu"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stub.seen().len(), 1);
    assert!(
        stdout.ends_with("already held: 3 of 4 (npu 3)\n"),
        "{stdout}"
    );
    assert_eq!(snapshot(&env.cache_dir()), before, "try changed the cache");
}

#[test]
fn an_error_feed_is_shown_with_arxivs_message_and_exit_2() {
    let (stub, env) = stub_and_env();
    stub.script([Reply::Raw {
        status: 400,
        headers: vec![],
        body: fixture("api2026_error_incorrect_id_format_abc_http400.xml"),
    }]);
    let (code, stdout, stderr) = run(&env, &["--query", "abs:NPU"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("arXiv rejected the query abs:NPU: incorrect id format for abc"),
        "{stderr}"
    );
    assert_eq!(stub.seen().len(), 1, "an error feed is not retried");
}

#[test]
fn bad_flags_follow_the_config_rules_and_send_nothing() {
    let (stub, env) = stub_and_env();
    let (code, _, stderr) = run(&env, &["--keywords", "NPU", "--categories", "CS.AR"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(r#"--categories "CS.AR": "CS.AR" is not an arXiv category id"#),
        "{stderr}"
    );
    let (code, _, stderr) = run(&env, &["--query", "(abs:NPU"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("1 unclosed '('"), "{stderr}");
    let (code, _, stderr) = run(&env, &["--topic", "nope"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("unknown topic \"nope\""), "{stderr}");
    let (code, _, _) = run(&env, &["--categories", "cs.AR"]);
    assert_eq!(code, 2, "categories alone search for nothing");
    assert!(stub.seen().is_empty());
}
