//! A damaged cache degrades instead of sinking every command, `fetch`
//! refuses to paper over it, and `papers doctor` finds and mends it without
//! losing a paper any readable file still holds.

use std::fs;
use std::path::PathBuf;

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed, moe_paper};

const OCTOBER: &str = "2610.00020";

fn october() -> StubEntry {
    StubEntry::new(OCTOBER, "2026-10-20", "Offloading to the NPU at the edge")
        .categories(&["cs.AR"])
}

/// Two shards: 2026-10 (one paper) and 2026-11 (one paper), one star.
fn two_shard_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(1, 0, 10, &[october()])),
        Reply::atom(feed(1, 0, 10, &[moe_paper()])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    env.papers().args(["star", OCTOBER]).assert().success();
    (stub, env)
}

fn shard(env: &TestEnv, key: &str) -> PathBuf {
    fs::read_dir(env.cache_dir().join("shards"))
        .expect("shards")
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(key))
        })
        .expect("shard file")
}

fn run(env: &TestEnv, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.papers().args(args).output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_missing_shard_degrades_readers_and_stops_fetch_until_repaired() {
    let (_stub, env) = two_shard_env();
    fs::remove_file(shard(&env, "2026-11")).expect("lose a shard");
    let index_before = fs::read(env.cache_file()).expect("index");

    for args in [
        vec!["list"],
        vec!["list", "--format", "csv"],
        vec!["list", "--sort", "score", "--limit", "5"],
        vec!["search", "NPU"],
        // Decided by the papers: the shards are read one at a time.
        vec!["search", "NPU", "--grep", ""],
        vec!["stats"],
        vec!["export"],
    ] {
        let (code, stdout, stderr) = run(&env, &args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains("2026-11"), "{args:?}: {stderr}");
        assert!(stderr.contains("papers doctor"), "{args:?}: {stderr}");
        assert!(!stdout.contains(&moe_paper().id), "{args:?}");
    }
    let (_, listed, _) = run(&env, &["list", "-f", "json"]);
    assert!(
        listed.contains(OCTOBER),
        "the intact shard is served: {listed}"
    );
    let (code, _, stderr) = run(&env, &["show", OCTOBER]);
    assert_eq!(code, Some(0), "show reads only the intact shard: {stderr}");
    let (_, _, stderr) = run(&env, &["show", &moe_paper().id]);
    assert!(
        stderr.contains("2026-11") && stderr.contains("papers doctor"),
        "{stderr}"
    );

    let (code, _, stderr) = run(&env, &["fetch"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("damaged"), "{stderr}");
    assert!(stderr.contains("papers doctor"), "{stderr}");
    assert_eq!(fs::read(env.cache_file()).expect("index"), index_before);

    let (code, stdout, _) = run(&env, &["doctor"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("shard-missing"), "{stdout}");

    let (code, stdout, stderr) = run(&env, &["doctor", "--repair"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("dropped from the index"), "{stdout}");
    assert!(
        stdout.contains("papers fetch --since 2026-11-01"),
        "{stdout}"
    );
    assert!(stdout.contains("cache ok: 1 shards, 1 papers"), "{stdout}");

    let (code, _, stderr) = run(&env, &["list"]);
    assert_eq!(code, Some(0));
    assert!(stderr.is_empty(), "{stderr}");
    let state = fs::read_to_string(env.data_dir().join("state.json")).expect("state");
    assert!(state.contains(OCTOBER), "the star survived: {state}");
}

#[test]
fn a_corrupt_shard_is_moved_aside_not_deleted() {
    let (_stub, env) = two_shard_env();
    let bad = shard(&env, "2026-10");
    fs::write(&bad, b"{\"schema_version\": 2, \"sha").expect("corrupt");
    // Every reader that goes a shard at a time says so once and goes on.
    for args in [
        &["list", "-f", "json"][..],
        &["list", "-f", "csv"],
        &["list", "--sort", "title", "-f", "json"],
        &["search", "experts", "--grep", "", "-f", "json"],
    ] {
        let (code, stdout, stderr) = run(&env, args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("2026-10") && stderr.contains("unreadable"),
            "{args:?}: {stderr}"
        );
        assert!(stdout.contains(&moe_paper().id), "{args:?}: {stdout}");
    }

    let (code, stdout, _) = run(&env, &["doctor"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("shard-corrupt"), "{stdout}");
    let (code, stdout, _) = run(&env, &["doctor", "--repair"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("moved the unreadable shard file aside"),
        "{stdout}"
    );
    let aside: Vec<PathBuf> = fs::read_dir(env.cache_dir().join("shards"))
        .expect("shards")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        fs::read(&aside[0]).expect("kept"),
        b"{\"schema_version\": 2, \"sha"
    );
    // A later write does not sweep the moved-aside file.
    env.papers()
        .args(["tag", &moe_paper().id, "x"])
        .assert()
        .success();
    assert!(aside[0].exists());
}

#[test]
fn a_deleted_index_is_rebuilt_from_the_shards_without_losing_a_paper() {
    let (_stub, env) = two_shard_env();
    let (_, before, _) = run(&env, &["list", "-f", "json"]);
    fs::remove_file(env.cache_file()).expect("lose the index");
    fs::remove_file(env.cache_dir().join("fetch-state.json")).expect("lose the fetch state");

    let (code, _, stderr) = run(&env, &["list"]);
    assert_eq!(code, Some(0));
    assert!(stderr.contains("papers doctor --repair"), "{stderr}");
    let (code, _, stderr) = run(&env, &["fetch"]);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("papers doctor --repair"), "{stderr}");
    let (code, stdout, _) = run(&env, &["doctor"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("index-missing"), "{stdout}");

    let (code, stdout, _) = run(&env, &["doctor", "--repair"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("rebuilt the index"), "{stdout}");
    assert!(stdout.contains("fetch state was lost"), "{stdout}");
    let (_, after, _) = run(&env, &["list", "-f", "json"]);
    assert_eq!(after, before, "every paper is back, as it was");
}

#[test]
fn a_deleted_index_is_rebuilt_with_the_fetch_state_beside_it() {
    let (_stub, env) = two_shard_env();
    let topics_before = env.cache_json()["topics"].clone();
    assert!(topics_before["npu"]["last_attempt"].is_string());
    fs::remove_file(env.cache_file()).expect("lose the index");

    let (code, stdout, _) = run(&env, &["doctor", "--repair"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("the fetch state was kept from fetch-state.json"),
        "{stdout}"
    );
    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(env.cache_file()).expect("index")).expect("json");
    assert_eq!(index["topics"], topics_before, "the index holds it again");
}

#[test]
fn a_corrupt_fetch_state_is_named_and_moved_aside() {
    let (_stub, env) = two_shard_env();
    let state = env.cache_dir().join("fetch-state.json");
    fs::write(&state, b"{\"schema_version\": 1, \"top").expect("corrupt");
    let (code, _, stderr) = run(&env, &["list"]);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("fetch-state.json"), "{stderr}");
    assert!(stderr.contains("papers doctor --repair"), "{stderr}");

    let (code, stdout, _) = run(&env, &["doctor"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("fetch-state-corrupt"), "{stdout}");
    let (code, stdout, _) = run(&env, &["doctor", "--repair"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("moved the damaged fetch state aside"),
        "{stdout}"
    );
    assert!(stdout.contains("cache ok: 2 shards, 2 papers"), "{stdout}");
    assert!(!state.exists());
    let (code, listed, _) = run(&env, &["list", "-f", "json"]);
    assert_eq!(code, Some(0));
    assert!(listed.contains(OCTOBER) && listed.contains(&moe_paper().id));
}

#[test]
fn a_corrupt_index_is_moved_aside_and_rebuilt() {
    let (_stub, env) = two_shard_env();
    fs::write(env.cache_file(), b"{\"schema_version\": 2, \"gen").expect("corrupt");
    let (code, stdout, _) = run(&env, &["doctor"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("index-corrupt"), "{stdout}");
    let (code, stdout, _) = run(&env, &["doctor", "--repair"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("moved the damaged index aside"), "{stdout}");
    assert!(stdout.contains("cache ok: 2 shards, 2 papers"), "{stdout}");
    let aside = fs::read_dir(env.cache_dir())
        .expect("cache dir")
        .flatten()
        .any(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("papers.json.corrupt-")
        });
    assert!(aside);
}

#[test]
fn leftovers_are_swept_and_unknown_files_left_alone() {
    let (_stub, env) = two_shard_env();
    let shards = env.cache_dir().join("shards");
    let temp = shards.join(".2026-11.g9.json.Ab12Cd.tmp");
    fs::write(&temp, b"half").expect("temp");
    let index_temp = env.cache_dir().join(".papers.json.Xy12Zw.tmp");
    fs::write(&index_temp, b"half").expect("temp");
    let state_temp = env.cache_dir().join(".fetch-state.json.Qw12Er.tmp");
    fs::write(&state_temp, b"half").expect("temp");
    let older = shards.join("2026-10.g0.json");
    fs::copy(shard(&env, "2026-10"), &older).expect("superseded copy");
    let notes = shards.join("notes.txt");
    fs::write(&notes, b"mine").expect("unknown");

    let (code, stdout, _) = run(&env, &["doctor", "-f", "json"]);
    assert_eq!(code, Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let kinds: Vec<&str> = report["checkup"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "temp-file").count(),
        3,
        "{kinds:?}"
    );
    assert!(kinds.contains(&"shard-unreferenced"), "{kinds:?}");
    assert!(kinds.contains(&"unknown-file"), "{kinds:?}");

    let (code, stdout, _) = run(&env, &["doctor", "--repair"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(!temp.exists() && !index_temp.exists() && !state_temp.exists() && !older.exists());
    assert_eq!(fs::read(&notes).expect("left alone"), b"mine");
    let (_, listed, _) = run(&env, &["list", "-f", "json"]);
    assert!(listed.contains(OCTOBER) && listed.contains(&moe_paper().id));
}

#[test]
fn a_healthy_cache_exits_0() {
    let (_stub, env) = two_shard_env();
    let (code, stdout, _) = run(&env, &["doctor"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("cache ok: 2 shards, 2 papers"), "{stdout}");
}
