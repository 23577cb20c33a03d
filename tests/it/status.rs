//! `papers status` and the stale warning of `fetch` and `list`: a topic
//! that has not been fetched successfully for more than `stale_days` is
//! flagged where a cron mail shows it.

use chrono::{Duration, Utc};
use predicates::prelude::*;

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv};

fn stub_with_papers() -> ArxivStub {
    let stub = ArxivStub::start();
    stub.set_catalogue(
        (1..=5)
            .map(|n| {
                StubEntry::new(
                    &format!("2611.{n:05}"),
                    &format!("2026-11-{n:02}"),
                    &format!("Paper {n}"),
                )
            })
            .collect(),
    );
    stub
}

/// Moves the last success of `topic` back by `days` in the cache index and
/// in `fetch-state.json` (both hold the fetch state), as if every fetch
/// since had failed.
fn age_last_success(env: &TestEnv, topic: &str, days: i64) {
    let when = (Utc::now() - Duration::days(days)).to_rfc3339();
    let state = env.cache_dir().join("fetch-state.json");
    for path in [env.cache_file(), state] {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut file: serde_json::Value = serde_json::from_str(&text).expect("parses");
        file["topics"][topic]["last_success"] = serde_json::Value::String(when.clone());
        file["topics"][topic]["last_error"] = serde_json::Value::String("HTTP 503".into());
        std::fs::write(&path, serde_json::to_string(&file).expect("json")).expect("write");
    }
}

#[test]
fn status_shows_each_topic_and_exits_zero_when_all_are_healthy() {
    let stub = stub_with_papers();
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    let output = env.papers().arg("status").output().expect("status");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with("topic") && lines[0].ends_with("state"),
        "{stdout}"
    );
    for (line, name) in lines[1..].iter().zip(["npu", "edge"]) {
        assert!(line.starts_with(name), "{stdout}");
        assert!(line.ends_with("     5     0  ok"), "{stdout}");
    }
    assert!(output.stderr.is_empty(), "no warning");
}

#[test]
fn a_stale_topic_is_flagged_by_status_and_warned_of_by_list_and_fetch() {
    let stub = stub_with_papers();
    let env = TestEnv::with_stub_config(&stub, "stale_days = 3", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    age_last_success(&env, "edge", 5);

    let status = env.papers().arg("status").output().expect("status");
    assert_eq!(status.status.code(), Some(1), "a stale topic fails status");
    let stdout = String::from_utf8_lossy(&status.stdout).into_owned();
    let edge = stdout
        .lines()
        .find(|line| line.starts_with("edge"))
        .expect("edge row");
    assert!(
        edge.ends_with("     5     5  STALE; failed: HTTP 503"),
        "{stdout}"
    );

    let json = env
        .papers()
        .args(["status", "--format", "json"])
        .output()
        .expect("status json");
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(rows[1]["topic"], "edge");
    assert_eq!(rows[1]["stale"], true);
    assert_eq!(rows[1]["days_since_success"], 5);
    assert_eq!(rows[1]["last_error"], "HTTP 503");
    assert_eq!(rows[1]["papers"], 5);
    assert_eq!(rows[0]["stale"], false);

    let warning = "papers: warning: no successful fetch for over 3 days: edge (5 days); \
                   see `papers status`\n";
    env.papers()
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::eq(warning));
    // Under GitHub Actions the same warning also lands on the run's page.
    env.papers()
        .arg("list")
        .env("GITHUB_ACTIONS", "true")
        .assert()
        .success()
        .stderr(predicate::eq(format!(
            "{warning}::warning::no successful fetch for over 3 days: edge (5 days); \
             see `papers status`\n"
        )));
    // Fetching only npu still names edge: the mail goes out either way.
    env.papers()
        .args(["fetch", "--topic", "npu"])
        .assert()
        .success()
        .stderr(predicate::eq(warning));
    // A successful fetch of edge clears it.
    stub.script([Reply::Catalogue]);
    env.papers()
        .args(["fetch", "--topic", "edge"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    env.papers().arg("status").assert().success();
}

#[test]
fn stale_days_is_validated_with_file_and_line() {
    let stub = stub_with_papers();
    let env = TestEnv::with_stub_config(&stub, "stale_days = 0", TWO_TOPICS);
    env.papers().arg("status").assert().code(2).stderr(
        predicate::str::is_match(r"config\.toml:\d+:14: arxiv\.stale_days: 0 is outside 1\.\.=365")
            .expect("regex"),
    );
}
