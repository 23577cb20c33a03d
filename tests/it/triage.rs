//! Triage through the real binary: stars and tags, `--updated`, and the
//! daily `--unseen` / `seen --all` round.

use crate::support::{ArxivStub, StubEntry, TestEnv, feed};
use predicates::str::contains;

const ONE_TOPIC: &str = r#"
[[topics]]
name = "npu"
keywords = ["NPU"]
"#;

fn entry(n: u32, version: u32) -> StubEntry {
    StubEntry::new(
        &format!("2611.{n:05}"),
        &format!("2026-11-{:02}", n),
        &format!("NPU paper {n}"),
    )
    .version(version)
}

fn fetched(stub: &ArxivStub, entries: Vec<StubEntry>) -> TestEnv {
    let env = TestEnv::with_stub_config(stub, "delay_secs = 0.0", ONE_TOPIC);
    stub.set_catalogue(entries);
    env.papers().arg("fetch").assert().success();
    env
}

fn list_ids(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let output = env
        .papers()
        .arg("list")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run list");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let papers: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    papers
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn stars_and_tags_filter_the_listing_and_survive_refetches() {
    let stub = ArxivStub::start();
    let env = fetched(&stub, vec![entry(1, 1), entry(2, 1), entry(3, 1)]);

    env.papers()
        .args(["star", "2611.00001", "--tag", "read-later"])
        .assert()
        .success()
        .stdout(contains("starred 2611.00001v1 NPU paper 1 [read-later]"));
    env.papers()
        .args(["tag", "arXiv:2611.00003v1", "survey"])
        .assert()
        .success();
    assert_eq!(list_ids(&env, &["--starred"]), ["2611.00001"]);
    assert_eq!(list_ids(&env, &["--tag", "survey"]), ["2611.00003"]);
    assert_eq!(
        list_ids(&env, &["--tag", "survey", "--tag", "read-later"]),
        ["2611.00003", "2611.00001"]
    );

    // A new version, a full re-fetch and a cache rebuilt from nothing: the
    // marks are the reader's and stay.
    stub.set_catalogue(vec![entry(1, 2), entry(2, 1), entry(3, 1)]);
    env.papers()
        .args(["fetch", "--since", "2026-01-01"])
        .assert()
        .success();
    std::fs::remove_dir_all(env.cache_dir()).expect("drop the cache");
    env.papers().arg("fetch").assert().success();
    assert_eq!(list_ids(&env, &["--starred"]), ["2611.00001"]);
    assert_eq!(list_ids(&env, &["--tag", "survey"]), ["2611.00003"]);

    env.papers()
        .args(["unstar", "2611.00001"])
        .assert()
        .success()
        .stdout("unstarred 2611.00001\n");
    assert!(list_ids(&env, &["--starred"]).is_empty());
    assert_eq!(
        list_ids(&env, &["--tag", "read-later"]),
        ["2611.00001"],
        "tags outlive the star"
    );
    env.papers()
        .args(["tag", "--remove", "2611.00001", "read-later"])
        .assert()
        .success();
    assert!(list_ids(&env, &["--tag", "read-later"]).is_empty());
}

#[test]
fn starring_an_unknown_id_looks_it_up_or_says_why_not() {
    let stub = ArxivStub::start();
    let env = fetched(&stub, vec![entry(1, 1)]);
    let known = entry(9, 2);
    stub.script([crate::support::Reply::atom(feed(1, 0, 1, &[known]))]);
    env.papers()
        .args(["star", "2611.00009"])
        .assert()
        .success()
        .stderr(contains("added 2611.00009v2 to the cache under no topic"))
        .stdout(contains("starred 2611.00009v2"));
    assert_eq!(list_ids(&env, &["--starred"]), ["2611.00009"]);
    assert_eq!(
        list_ids(&env, &["--unseen"]),
        ["2611.00001"],
        "a paper looked up by hand is not news"
    );

    stub.script([crate::support::Reply::atom(feed(0, 0, 0, &[]))]);
    let failed = env.papers().args(["star", "2611.00077"]).assert().failure();
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(
        stderr.contains("2611.00077") && stderr.contains("not in the cache"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        list_ids(&env, &["--starred"]),
        ["2611.00009"],
        "nothing else starred"
    );

    env.papers()
        .args(["star", "2611.00001", "--tag", "two words"])
        .assert()
        .code(2)
        .stderr(contains("single word"));
}

#[test]
fn updated_lists_new_versions_once_and_fetch_calls_out_starred_ones() {
    let stub = ArxivStub::start();
    let env = fetched(&stub, vec![entry(1, 1), entry(2, 1)]);
    env.papers().args(["star", "2611.00002"]).assert().success();
    assert!(list_ids(&env, &["--updated"]).is_empty());

    stub.set_catalogue(vec![entry(1, 3), entry(2, 2)]);
    let run = env.papers().arg("fetch").assert().success();
    let summary = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    let callouts: Vec<&str> = summary
        .lines()
        .filter(|line| line.starts_with("starred paper revised"))
        .collect();
    assert_eq!(callouts.len(), 1, "{summary}");
    assert!(callouts[0].contains("2611.00002 v1 → v2"), "{summary}");

    assert_eq!(list_ids(&env, &["--updated"]), ["2611.00002", "2611.00001"]);
    assert_eq!(
        list_ids(&env, &[]).len(),
        2,
        "one row per paper whatever its versions"
    );
    let table = env.papers().args(["list", "--updated"]).assert().success();
    let text = String::from_utf8_lossy(&table.get_output().stdout).into_owned();
    let row = text
        .lines()
        .find(|line| line.contains("2611.00001"))
        .expect("row");
    assert!(row.contains("v1 → v3 (v1 of 2026-11-01)"), "{text}");

    env.papers()
        .args(["show", "2611.00001"])
        .assert()
        .success()
        .stdout(contains("Revisions"))
        .stdout(contains("v1 → v3 (2026-11-01 → 2026-11-01)"));

    let json = env
        .papers()
        .args(["list", "--updated", "--format", "json"])
        .output()
        .expect("json");
    let papers: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let update = &papers[1]["updates"][0];
    assert_eq!(update["from"], 1);
    assert_eq!(update["to"], 3);
}

#[test]
fn unseen_then_seen_all_appends_each_paper_exactly_once() {
    let stub = ArxivStub::start();
    let env = fetched(&stub, vec![entry(1, 1), entry(2, 1)]);
    let notes = env.dir.path().join("notes.md");
    let mut appended = String::new();
    let mut daily = |env: &TestEnv| {
        let output = env
            .papers()
            .args(["list", "--unseen", "--format", "markdown"])
            .output()
            .expect("list");
        assert!(output.status.success());
        appended.push_str(&String::from_utf8_lossy(&output.stdout));
        std::fs::write(&notes, &appended).expect("notes");
        env.papers().args(["seen", "--all"]).assert().success();
    };
    daily(&env);
    // Nothing new: nothing appended.
    daily(&env);
    // A new paper and a new version of an old one: only the new paper.
    stub.set_catalogue(vec![entry(1, 2), entry(2, 1), entry(3, 1)]);
    env.papers().arg("fetch").assert().success();
    daily(&env);

    let text = std::fs::read_to_string(&notes).expect("notes");
    for n in 1..=3 {
        let id = format!("2611.{n:05}");
        let rows = text
            .lines()
            .filter(|line| line.contains(&id) && line.starts_with('|'))
            .count();
        assert_eq!(rows, 1, "{id} appears once in\n{text}");
    }

    // Marking by id.
    stub.set_catalogue(vec![entry(4, 1), entry(5, 1)]);
    env.papers().arg("fetch").assert().success();
    env.papers()
        .args(["seen", "2611.00004"])
        .assert()
        .success()
        .stdout("marked 1 paper as seen\n");
    assert_eq!(list_ids(&env, &["--unseen"]), ["2611.00005"]);
    env.papers()
        .args(["seen", "2611.00099"])
        .assert()
        .code(1)
        .stderr(contains("2611.00099 is not in the cache"));
    env.papers().arg("seen").assert().code(2);
}

#[test]
fn a_corrupt_state_file_is_named_and_kept() {
    let stub = ArxivStub::start();
    let env = fetched(&stub, vec![entry(1, 1)]);
    std::fs::create_dir_all(env.data_dir()).expect("data dir");
    let state = env.data_dir().join("state.json");
    std::fs::write(&state, b"{\"marks\": [").expect("corrupt");
    for args in [&["star", "2611.00001"][..], &["list", "--starred"]] {
        env.papers()
            .args(args)
            .assert()
            .code(3)
            .stderr(contains(state.display().to_string()))
            .stderr(contains("left untouched"));
    }
    assert_eq!(std::fs::read(&state).expect("kept"), b"{\"marks\": [");
    // Fetch still works; it never needs the state unless a starred paper changed.
    env.papers().arg("fetch").assert().success();
}
