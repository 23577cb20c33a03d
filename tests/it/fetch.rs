//! `papers fetch` end to end: the real binary against a loopback arXiv stub.

use std::time::Duration;

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed, fixture};
use predicates::prelude::*;

const ONE_TOPIC: &str = r#"
[[topics]]
name = "npu"
title = "NPU acceleration"
keywords = ["NPU", "neural processing unit"]
categories = ["cs.AR"]
"#;

/// One entry per day from 2026-10-01, newest last.
fn daily_entries(days: u32) -> Vec<StubEntry> {
    (1..=days)
        .map(|day| {
            let date = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("date")
                + chrono::Duration::days(i64::from(day) - 1);
            StubEntry::new(
                &format!("2610.{day:05}"),
                &date.to_string(),
                &format!("Paper number {day}"),
            )
        })
        .collect()
}

fn paper_count(env: &TestEnv) -> usize {
    env.cache_json()["papers"]
        .as_object()
        .map_or(0, |papers| papers.len())
}

#[test]
fn pages_through_real_arxiv_responses_politely() {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(fixture("api2026_search_all_testing_start0_max10.xml")),
        Reply::atom(fixture("api2026_search_all_testing_start10_max10.xml")),
    ]);
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.2", ONE_TOPIC);

    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+2\s+20\s+0\s+20\s+ok$").expect("regex"));

    let seen = stub.seen();
    assert_eq!(seen.len(), 2, "{seen:#?}");
    assert_eq!(
        (seen[0].param("start"), seen[1].param("start")),
        ("0", "10")
    );
    for request in &seen {
        assert_eq!(request.param("max_results"), "10");
        assert_eq!(request.param("sortBy"), "submittedDate");
        assert_eq!(request.param("sortOrder"), "descending");
        let query = request.param("search_query");
        for part in [
            r#"ti:"NPU""#,
            r#"abs:"NPU""#,
            r#"abs:"neural processing unit""#,
            "cat:cs.AR",
            " OR ",
            " AND ",
        ] {
            assert!(query.contains(part), "{part} missing from {query}");
        }
        assert!(
            request.user_agent.starts_with("papers/"),
            "user agent: {}",
            request.user_agent
        );
        assert_eq!(
            request.accept,
            papers::arxiv::ACCEPT,
            "every request says it wants Atom"
        );
    }
    // At least delay_secs (0.2) between requests.
    assert!(seen[1].at.duration_since(seen[0].at) >= Duration::from_millis(200));

    let cache = env.cache_json();
    assert_eq!(cache["schema_version"], 2);
    let papers = cache["papers"].as_object().expect("papers map");
    assert_eq!(papers.len(), 20);
    let first = &papers["2202.12139"];
    assert_eq!(first["paper"]["version"], 1);
    assert_eq!(first["topics"], serde_json::json!(["npu"]));
    assert_eq!(
        cache["topics"]["npu"]["last_error"],
        serde_json::Value::Null
    );
}

#[test]
fn second_fetch_reads_only_the_overlap_window() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(30));
    // Pages of 20 hold the 7-day overlap window plus a few new papers.
    let env = TestEnv::with_stub_config(&stub, "page_size = 20\nmax_results = 20", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    assert_eq!(
        stub.seen().len(),
        1,
        "first fetch reads max_results = 20 papers"
    );
    assert_eq!(paper_count(&env), 20);

    // Two new papers, one of them held in moderation (submitted 5 days
    // before the newest cached paper) and announced only now.
    let mut catalogue = daily_entries(30);
    catalogue.push(StubEntry::new("2610.09001", "2026-10-31", "Fresh paper"));
    catalogue.push(StubEntry::new(
        "2610.09002",
        "2026-10-25",
        "Late from moderation",
    ));
    stub.set_catalogue(catalogue);
    stub.clear_seen();

    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+1\s+2\s+0\s+22\s+ok$").expect("regex"));
    assert_eq!(
        stub.seen().len(),
        1,
        "nothing older than the overlap window is read again"
    );
    let cache = env.cache_json();
    assert!(
        cache["papers"]["2610.09002"].is_object(),
        "moderation-delayed paper caught"
    );

    // Nothing new at all: still exactly one request.
    stub.clear_seen();
    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+1\s+0\s+0\s+22\s+ok$").expect("regex"));
    assert_eq!(stub.seen().len(), 1);
}

#[test]
fn retries_overload_answers_and_honours_retry_after() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(5));
    stub.script([
        Reply::Raw {
            status: 503,
            headers: vec![("Retry-After".into(), "1".into())],
            body: b"busy".to_vec(),
        },
        Reply::status(429, "Rate exceeded."),
    ]);
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.2", ONE_TOPIC);
    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+3\s+5\s+0\s+5\s+ok$").expect("regex"));
    let seen = stub.seen();
    assert_eq!(seen.len(), 3);
    assert!(
        seen[1].at.duration_since(seen[0].at) >= Duration::from_secs(1),
        "Retry-After: 1 honoured"
    );
    // Back-off after the 429 doubles the 0.2 s delay at least.
    assert!(seen[2].at.duration_since(seen[1].at) >= Duration::from_millis(400));
}

#[test]
fn blank_bodies_and_empty_pages_mid_pagination_are_retried() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(25));
    stub.script([
        Reply::atom(""),
        Reply::Catalogue,
        Reply::atom(feed(25, 10, 10, &[])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    let starts: Vec<String> = stub
        .seen()
        .iter()
        .map(|s| s.param("start").to_owned())
        .collect();
    assert_eq!(starts, ["0", "0", "10", "10"]);
    assert_eq!(paper_count(&env), 20);
}

#[test]
fn an_error_feed_fails_its_topic_and_the_others_still_run() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(3));
    stub.script([Reply::Raw {
        status: 400,
        headers: vec![],
        body: fixture("api2026_error_incorrect_id_format_abc_http400.xml"),
    }]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers()
        .arg("fetch")
        .assert()
        .code(1)
        .stdout(
            predicate::str::is_match(
                r"(?m)^npu\s+1\s+0\s+0\s+0\s+failed: arXiv API error: incorrect id format for abc$",
            )
            .expect("regex"),
        )
        .stdout(predicate::str::is_match(r"(?m)^edge\s+1\s+3\s+0\s+3\s+ok$").expect("regex"))
        .stderr(predicate::str::contains(
            "topic npu failed: arXiv API error: incorrect id format for abc",
        ));
    assert_eq!(stub.seen().len(), 2, "an API error is final: no retry");
    let cache = env.cache_json();
    assert_eq!(cache["papers"].as_object().map(|p| p.len()), Some(3));
    assert!(
        !cache.to_string().contains("api/errors"),
        "an error entry is never stored"
    );
    assert_eq!(
        cache["topics"]["npu"]["last_error"],
        "arXiv API error: incorrect id format for abc"
    );
}

#[test]
fn under_github_actions_a_failed_topic_is_also_an_error_annotation() {
    let error_feed = || Reply::Raw {
        status: 400,
        headers: vec![],
        body: fixture("api2026_error_incorrect_id_format_abc_http400.xml"),
    };
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(3));
    stub.script([error_feed()]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    let output = env
        .papers()
        .arg("fetch")
        .env("GITHUB_ACTIONS", "true")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    let commands: Vec<&str> = stderr.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(
        commands,
        ["::error::topic npu failed: arXiv API error: incorrect id format for abc"],
        "{stderr}"
    );
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("::error"),
        "stdout stays data"
    );

    // Anywhere else (the variable unset or not exactly `true`): no command.
    for value in [None, Some("1")] {
        stub.script([error_feed()]);
        let mut fetch = env.papers();
        fetch.arg("fetch");
        if let Some(value) = value {
            fetch.env("GITHUB_ACTIONS", value);
        }
        fetch
            .assert()
            .code(1)
            .stderr(predicate::str::contains("topic npu failed"))
            .stderr(predicate::str::contains("::error").not());
    }
}

#[test]
fn giving_up_keeps_everything_the_cache_held() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(30));
    let env = TestEnv::with_stub_config(&stub, "", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    let before = env.cache_json()["papers"].clone();

    stub.clear_seen();
    stub.script([
        Reply::status(503, ""),
        Reply::Hangup,
        Reply::atom("<html><body>Access Denied</body></html>"),
    ]);
    env.papers()
        .arg("fetch")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("topic npu failed"))
        .stderr(predicate::str::contains("gave up after 3 attempts"));
    assert_eq!(stub.seen().len(), 3, "retries = 2 means three attempts");
    assert_eq!(
        env.cache_json()["papers"],
        before,
        "a failed fetch loses nothing"
    );

    // The next run does not trust the failed run's watermark: it reads the full window.
    stub.clear_seen();
    env.papers().arg("fetch").assert().success();
    assert_eq!(stub.seen().len(), 2, "max_results = 20 is two pages of 10");
}

#[test]
fn an_empty_answer_never_shrinks_the_cache() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(6));
    let env = TestEnv::with_stub_config(&stub, "", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    stub.set_catalogue(vec![]);
    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+1\s+0\s+0\s+6\s+ok$").expect("regex"));
    assert_eq!(paper_count(&env), 6);
}

#[test]
fn a_new_version_replaces_metadata_and_counts_as_updated() {
    let stub = ArxivStub::start();
    stub.set_catalogue(vec![StubEntry::new(
        "2611.00042",
        "2026-11-02",
        "First title",
    )]);
    let env = TestEnv::with_stub_config(&stub, "", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();

    stub.set_catalogue(vec![
        StubEntry::new("2611.00042", "2026-11-02", "Revised title").version(3),
    ]);
    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+1\s+0\s+1\s+1\s+ok$").expect("regex"));
    let held = &env.cache_json()["papers"]["2611.00042"];
    assert_eq!(held["paper"]["version"], 3);
    assert_eq!(held["paper"]["title"], "Revised title");
    assert_ne!(held["first_seen"], held["last_changed"]);
}

#[test]
fn fetch_respects_topic_selection_max_and_since() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(30));
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers()
        .args(["fetch", "--topic", "edge", "--max", "5"])
        .assert()
        .success();
    let seen = stub.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].param("max_results"), "5");
    assert!(seen[0].param("search_query").contains("edge inference"));
    assert_eq!(paper_count(&env), 5);

    // --since reads back to a date, past max_results' usual stop.
    stub.clear_seen();
    env.papers()
        .args([
            "fetch",
            "--topic",
            "npu",
            "--since",
            "2026-10-25",
            "--max",
            "100",
        ])
        .assert()
        .success();
    assert_eq!(
        stub.seen().len(),
        1,
        "the first page already reaches 2026-10-25"
    );

    env.papers()
        .args(["fetch", "--topic", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope").and(predicate::str::contains("npu, edge")));
    env.papers()
        .args(["fetch", "--since", "someday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--since"));
}

#[test]
fn a_corrupt_cache_stops_fetch_before_any_request_and_is_left_as_is() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "", ONE_TOPIC);
    std::fs::create_dir_all(env.cache_dir()).expect("cache dir");
    std::fs::write(env.cache_file(), "{\"schema_version\":1,\"papers\":{ oops").expect("write");
    env.papers()
        .arg("fetch")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            env.cache_file().display().to_string(),
        ))
        .stderr(predicate::str::contains("left untouched"));
    assert!(stub.seen().is_empty());
    assert_eq!(
        std::fs::read_to_string(env.cache_file()).expect("still there"),
        "{\"schema_version\":1,\"papers\":{ oops"
    );
}

#[test]
fn concurrent_fetches_end_with_the_union() {
    let stub_a = ArxivStub::start();
    let stub_b = ArxivStub::start();
    stub_a.set_catalogue(daily_entries(10));
    stub_b.set_catalogue(vec![StubEntry::new(
        "2611.00001",
        "2026-11-01",
        "Only in B",
    )]);
    let env_a = TestEnv::with_stub_config(&stub_a, "", ONE_TOPIC);
    let env_b = TestEnv::with_stub_config(&stub_b, "", TWO_TOPICS);
    let mut a = env_a.papers();
    let mut b = env_b.papers();
    // Same cache directory for both.
    b.env("PAPERS_CACHE_DIR", env_a.cache_dir());
    let run_a = std::thread::spawn(move || a.arg("fetch").assert().success());
    let run_b = std::thread::spawn(move || b.arg("fetch").assert().success());
    run_a.join().expect("fetch a");
    run_b.join().expect("fetch b");
    let cache = env_a.cache_json();
    let papers = cache["papers"].as_object().expect("papers");
    assert_eq!(papers.len(), 11, "union of both fetches");
    assert_eq!(
        papers["2611.00001"]["topics"],
        serde_json::json!(["edge", "npu"])
    );
}

/// Names and bytes of the cache's index and shard files.
fn cache_files(env: &TestEnv) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        "papers.json".to_owned(),
        std::fs::read(env.cache_file()).expect("index"),
    );
    for entry in std::fs::read_dir(env.cache_dir().join("shards")).expect("shards") {
        let entry = entry.expect("shard entry");
        let bytes = std::fs::read(entry.path()).expect("shard");
        files.insert(entry.file_name().to_string_lossy().into_owned(), bytes);
    }
    files
}

#[test]
fn a_fetch_that_finds_nothing_new_rewrites_no_shard_and_not_the_index() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(10));
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.0", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    let before = cache_files(&env);
    let state_before = env.cache_json()["topics"].clone();

    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+\d+\s+0\s+0\s+10\s+ok$").expect("regex"));
    assert_eq!(cache_files(&env), before, "no shard and no index rewritten");
    let state_after = env.cache_json()["topics"].clone();
    for topic in ["npu", "edge"] {
        assert_ne!(
            state_after[topic]["last_attempt"], state_before[topic]["last_attempt"],
            "the attempt of {topic} is recorded all the same"
        );
    }

    // The third gets the second's very pages: both attempts are recorded
    // in one write, still without touching a shard or the index.
    env.papers().arg("fetch").assert().success();
    assert_eq!(cache_files(&env), before);
    let state_third = env.cache_json()["topics"].clone();
    for topic in ["npu", "edge"] {
        assert_ne!(
            state_third[topic]["last_attempt"], state_after[topic]["last_attempt"],
            "{topic}"
        );
        assert!(state_third[topic]["answer"].is_object(), "{topic}");
    }
}

/// Two `papers fetch` at once share one cache, so they share its pacing
/// lock: every request reaches the server at least `delay_secs` after the
/// one before, whichever process sent it.
#[test]
fn two_fetches_at_once_keep_the_delay_between_all_their_requests() {
    let stub = ArxivStub::start();
    stub.set_catalogue(
        (1..=20)
            .map(|n| {
                StubEntry::new(
                    &format!("2611.{n:05}"),
                    &format!("2026-11-{n:02}"),
                    &format!("Paper {n}"),
                )
            })
            .collect(),
    );
    // Two pages a topic, so each process sends at least two requests.
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.2\nmax_results = 20", TWO_TOPICS);
    let spawn = |topic: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_papers"))
            .args(["fetch", "--topic", topic])
            .env_clear()
            .env("PAPERS_CONFIG", env.config_path())
            .env("PAPERS_CACHE_DIR", env.cache_dir())
            .env("PAPERS_DATA_DIR", env.data_dir())
            .env("HOME", env.dir.path())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start papers fetch")
    };
    let children = [spawn("npu"), spawn("edge")];
    for child in children {
        let output = child.wait_with_output().expect("wait for fetch");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut arrivals: Vec<_> = stub.seen().iter().map(|seen| seen.at).collect();
    arrivals.sort();
    assert!(
        arrivals.len() >= 4,
        "both fetches paged: {}",
        arrivals.len()
    );
    for pair in arrivals.windows(2) {
        let gap = pair[1].duration_since(pair[0]);
        assert!(gap >= Duration::from_millis(200), "requests {gap:?} apart");
    }
    assert!(
        env.cache_dir()
            .join("pacing")
            .join("127.0.0.1.lock")
            .is_file()
    );
}

/// The shard file holding `id`, and its text.
fn shard_holding(env: &TestEnv, id: &str) -> (std::path::PathBuf, String) {
    let index = env.cache_json();
    let key = format!("20{}-{}", &id[..2], &id[2..4]);
    let file = index["shards"][&key]["file"].as_str().expect("shard named");
    let path = env.cache_dir().join("shards").join(file);
    let text = std::fs::read_to_string(&path).expect("shard");
    (path, text)
}

fn stored_title(env: &TestEnv, id: &str) -> String {
    env.cache_json()["papers"][id]["paper"]["title"]
        .as_str()
        .expect("title")
        .to_owned()
}

/// The same page for the same request is not parsed or merged: a title
/// changed by hand in the shard (the only way to tell) survives it. (The
/// first fetch has no stop date yet, so the second asks something else.) A
/// page that differs in one paper is merged in full, the edited one too.
#[test]
fn the_same_answer_again_is_recognised_and_nothing_is_merged() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(10));
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.0", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    env.papers().arg("fetch").assert().success();
    let (path, text) = shard_holding(&env, "2610.00003");
    std::fs::write(&path, text.replace("Paper number 3", "Edited by hand")).expect("edit shard");
    let attempt = |env: &TestEnv| env.cache_json()["topics"]["npu"]["last_attempt"].clone();
    let before = attempt(&env);

    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+1\s+0\s+0\s+10\s+ok$").expect("regex"));
    assert_eq!(stored_title(&env, "2610.00003"), "Edited by hand");
    assert_ne!(
        attempt(&env),
        before,
        "the attempt is recorded all the same"
    );
    assert_eq!(stub.seen().len(), 3, "the page is still asked for");

    let mut changed = daily_entries(10);
    changed[9].title = "Paper number 10, retitled".into();
    stub.set_catalogue(changed);
    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+1\s+0\s+0\s+10\s+ok$").expect("regex"));
    assert_eq!(
        stored_title(&env, "2610.00010"),
        "Paper number 10, retitled"
    );
    assert_eq!(stored_title(&env, "2610.00003"), "Paper number 3");
}

/// A shard lost and repaired away since the last fetch: the same answer
/// must bring its papers back, not pass for a quiet day. (The older month
/// is lost, so the newest paper, and with it the request, stay the same.)
#[test]
fn papers_lost_since_the_last_fetch_come_back_from_the_same_answer() {
    let stub = ArxivStub::start();
    let mut entries = daily_entries(5);
    entries.extend((1..=5).map(|day| {
        StubEntry::new(
            &format!("2609.{day:05}"),
            &format!("2026-09-2{day}"),
            &format!("September paper {day}"),
        )
    }));
    stub.set_catalogue(entries);
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.0", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    env.papers().arg("fetch").assert().success();
    let (path, _) = shard_holding(&env, "2609.00001");
    std::fs::remove_file(&path).expect("lose the shard");
    env.papers().args(["doctor", "--repair"]).assert().success();
    assert_eq!(paper_count(&env), 5, "the repair dropped the lost shard");

    env.papers()
        .arg("fetch")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^npu\s+1\s+5\s+0\s+10\s+ok$").expect("regex"));
    assert_eq!(paper_count(&env), 10);
}

/// A failed fetch forgets the page it last stored: after it, the same page
/// is merged again in full.
#[test]
fn after_a_failed_fetch_the_same_answer_is_merged_again() {
    let stub = ArxivStub::start();
    stub.set_catalogue(daily_entries(10));
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.0\nretries = 0", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    stub.script([Reply::status(400, "Bad Request")]);
    env.papers().arg("fetch").assert().code(1);
    let (path, text) = shard_holding(&env, "2610.00003");
    std::fs::write(&path, text.replace("Paper number 3", "Edited by hand")).expect("edit shard");

    env.papers().arg("fetch").assert().success();
    assert_eq!(stored_title(&env, "2610.00003"), "Paper number 3");
}
