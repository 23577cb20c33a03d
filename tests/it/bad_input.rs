//! Careless hands: every bad local input (config, flags, cache) makes
//! `papers` exit non-zero with one line naming the file, line, key or value
//! at fault, before any request, and without touching the cache.
//!
//! `config_cli` checks the config messages through `papers list`
//! with no cache; here the same kinds of mistakes (and the ones it does not
//! cover) go through `papers fetch`, the command that writes, over a seeded
//! cache that must come out byte for byte the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{ArxivStub, TestEnv};
use chrono::{TimeZone, Utc};
use papers::model::Paper;
use papers::storage::cache::CacheStore;
use predicates::prelude::*;

const GOOD_TOPIC: &str = "[[topics]]\nname = \"npu\"\nkeywords = [\"NPU\"]\n";

fn paper(n: u32) -> Paper {
    let date = Utc
        .with_ymd_and_hms(2026, 11, n, 12, 0, 0)
        .single()
        .expect("date");
    Paper::builder(format!("2611.{n:05}"))
        .version(1)
        .title(format!("Seeded paper {n}"))
        .summary("Abstract.")
        .published(date)
        .updated(date)
        .categories(["cs.AR"])
        .build()
}

/// Every file in the cache directory with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).expect("read cache file");
            (entry.path(), bytes)
        })
        .collect()
}

/// A stub that must never be asked, and a cache holding three papers.
fn seeded_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "", GOOD_TOPIC);
    CacheStore::new(env.cache_dir())
        .update(|cache| cache.merge("npu", (1..=3).map(paper).collect(), Utc::now()))
        .expect("seed the cache");
    (stub, env)
}

/// Runs `papers` with `args` and checks the outcome: exit `code`, one line
/// on stderr holding every `needle`, no request sent, cache untouched.
fn check(stub: &ArxivStub, env: &TestEnv, args: &[&str], code: i32, needles: &[&str]) {
    check_command(stub, env, env.papers().args(args), code, needles);
}

fn check_command(
    stub: &ArxivStub,
    env: &TestEnv,
    command: &mut assert_cmd::Command,
    code: i32,
    needles: &[&str],
) {
    let before = snapshot(&env.cache_dir());
    let output = command.output().expect("run papers");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(stderr.starts_with("papers: error: "), "{stderr:?}");
    for needle in needles {
        assert!(stderr.contains(needle), "{stderr:?} should name {needle:?}");
    }
    assert!(stub.seen().is_empty(), "no request on bad input");
    assert!(
        snapshot(&env.cache_dir()) == before,
        "the cache directory changed: {stderr}"
    );
}

/// `file:line:` as config errors start.
fn at_line(env: &TestEnv, line: u32) -> String {
    format!("{}:{line}:", env.config_path().display())
}

/// The config with an `[arxiv]` section pointing at the stub plus `text`.
fn write_config(stub: &ArxivStub, env: &TestEnv, arxiv: &str, topics: &str) {
    env.write_config(&format!(
        "[arxiv]\napi_url = \"{}\"\ndelay_secs = 0.2\n{arxiv}\n{topics}",
        stub.base_url
    ));
}

#[test]
fn malformed_toml() {
    let (stub, env) = seeded_env();
    write_config(&stub, &env, "retries == 3", GOOD_TOPIC);
    check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 4)]);
    write_config(&stub, &env, "", "[[topics]\nname = \"npu\"\n");
    check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 5)]);
    write_config(&stub, &env, "user_agent = \"unterminated", GOOD_TOPIC);
    check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 4)]);
}

#[test]
fn unknown_keys_in_every_section() {
    let (stub, env) = seeded_env();
    write_config(&stub, &env, "delai_secs = 3.0", GOOD_TOPIC);
    check(
        &stub,
        &env,
        &["fetch"],
        2,
        &[&at_line(&env, 4), "unknown key `delai_secs` in [arxiv]"],
    );
    env.write_config(&format!(
        "verbose = true\n[arxiv]\napi_url = \"{}\"\n{GOOD_TOPIC}",
        stub.base_url
    ));
    check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 1), "verbose"]);
    write_config(
        &stub,
        &env,
        "",
        &format!("{GOOD_TOPIC}categroies = [\"cs.AR\"]\n"),
    );
    check(
        &stub,
        &env,
        &["fetch"],
        2,
        &[&at_line(&env, 8), "categroies"],
    );
}

#[test]
fn wrong_types() {
    let (stub, env) = seeded_env();
    for (line, needle) in [
        ("retries = \"three\"", "retries"),
        ("timeout_secs = true", "timeout_secs"),
        ("max_results = 1.5", "max_results"),
    ] {
        write_config(&stub, &env, line, GOOD_TOPIC);
        check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 4), needle]);
    }
    write_config(
        &stub,
        &env,
        "",
        "[[topics]]\nname = \"npu\"\nkeywords = \"NPU\"\n",
    );
    check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 7), "keywords"]);
}

#[test]
fn empty_topics() {
    let (stub, env) = seeded_env();
    let cases = [
        // Nothing to search for.
        (
            "[[topics]]\nname = \"npu\"\nkeywords = []\n",
            5,
            "topics[0]",
        ),
        // A blank phrase would search for everything.
        (
            "[[topics]]\nname = \"npu\"\nkeywords = [\"  \"]\n",
            7,
            "topics[0].keywords[0]",
        ),
        // No name to select it by.
        (
            "[[topics]]\nname = \"\"\nkeywords = [\"NPU\"]\n",
            6,
            "topics[0].name",
        ),
        // A blank raw query.
        (
            "[[topics]]\nname = \"npu\"\nquery = \" \"\n",
            7,
            "topics[0].query",
        ),
    ];
    for (topics, line, key) in cases {
        write_config(&stub, &env, "", topics);
        check(&stub, &env, &["fetch"], 2, &[&at_line(&env, line), key]);
    }
    // No topics at all.
    write_config(&stub, &env, "", "");
    check(
        &stub,
        &env,
        &["fetch"],
        2,
        &[&env.config_path().display().to_string(), "topic"],
    );
}

#[test]
fn duplicate_topic() {
    let (stub, env) = seeded_env();
    write_config(&stub, &env, "", &format!("{GOOD_TOPIC}{GOOD_TOPIC}"));
    check(
        &stub,
        &env,
        &["fetch"],
        2,
        &[&at_line(&env, 9), "npu", "duplicate"],
    );
}

#[test]
fn delay_below_three_seconds_for_arxiv() {
    let (stub, env) = seeded_env();
    env.write_config(&format!(
        "[arxiv]\napi_url = \"https://export.arxiv.org/api/query\"\ndelay_secs = 2.5\n{GOOD_TOPIC}"
    ));
    check(
        &stub,
        &env,
        &["fetch"],
        2,
        &[
            &at_line(&env, 3),
            "arxiv.delay_secs",
            "2.5",
            "export.arxiv.org",
        ],
    );
    // Any arxiv.org host counts, whatever the scheme or case.
    env.write_config(&format!(
        "[arxiv]\napi_url = \"http://ARXIV.org/api/query\"\ndelay_secs = 0\n{GOOD_TOPIC}"
    ));
    let output = env.papers().arg("fetch").output().expect("run papers");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn numbers_out_of_range() {
    let (stub, env) = seeded_env();
    for (line, needle) in [
        ("page_size = 2001", "2001 is outside 1..=2000"),
        ("page_size = 0", "arxiv.page_size"),
        ("max_results = 10001", "arxiv.max_results"),
        ("retries = 11", "arxiv.retries"),
        ("timeout_secs = 0", "arxiv.timeout_secs"),
        ("timeout_secs = -1.0", "arxiv.timeout_secs"),
        ("timeout_secs = nan", "arxiv.timeout_secs"),
        ("overlap_days = -1", "overlap_days"),
    ] {
        write_config(&stub, &env, line, GOOD_TOPIC);
        check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 4), needle]);
    }
}

#[test]
fn config_that_is_not_a_readable_file() {
    let (stub, env) = seeded_env();
    let dir = env.dir.path().join("a-directory.toml");
    std::fs::create_dir(&dir).expect("dir");
    let shown = dir.display().to_string();
    // Named by --config and by $PAPERS_CONFIG.
    check(
        &stub,
        &env,
        &["--config", &shown, "fetch"],
        2,
        &[&shown, "directory"],
    );
    check_command(
        &stub,
        &env,
        env.papers().env("PAPERS_CONFIG", &dir).arg("fetch"),
        2,
        &[&shown],
    );
    let missing = env.dir.path().join("missing.toml");
    let shown = missing.display().to_string();
    check(&stub, &env, &["--config", &shown, "fetch"], 2, &[&shown]);

    // Latin-1 bytes where UTF-8 is required: the line is named.
    std::fs::write(
        env.config_path(),
        b"[[topics]]\nname = \"npu\"\nkeywords = [\"Schr\xf6dinger\"]\n",
    )
    .expect("write");
    check(&stub, &env, &["fetch"], 2, &[&at_line(&env, 3), "UTF-8"]);
}

#[test]
fn unknown_topic_flag() {
    let (stub, env) = seeded_env();
    check(
        &stub,
        &env,
        &["fetch", "--topic", "npu", "--topic", "nope"],
        2,
        &["\"nope\"", "npu"],
    );
    check(&stub, &env, &["list", "--topic", "nope"], 2, &["\"nope\""]);
}

#[test]
fn bad_since_dates() {
    let (stub, env) = seeded_env();
    for value in [
        "someday",
        "2026-02-30",
        "2026-13-01",
        "-3d",
        "99999999d",
        "",
    ] {
        let flag = format!("--since={value}");
        check(&stub, &env, &["fetch", &flag], 2, &["--since"]);
    }
    check(
        &stub,
        &env,
        &["list", "--until", "tomorrowish"],
        2,
        &["--until"],
    );
}

#[test]
fn max_flag_out_of_range() {
    // clap rejects it before papers runs: exit 2, the value and flag named
    // on the first line (clap adds a hint line of its own).
    let (stub, env) = seeded_env();
    let before = snapshot(&env.cache_dir());
    for value in ["0", "10001", "many"] {
        let output = env
            .papers()
            .args(["fetch", "--max", value])
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(first.contains("--max") && first.contains(value), "{stderr}");
    }
    assert!(stub.seen().is_empty());
    assert!(snapshot(&env.cache_dir()) == before);
}

#[test]
fn cache_dir_that_is_a_file() {
    // Works as root too, where chmod 000 does not stop anyone.
    let (stub, env) = seeded_env();
    let file = env.dir.path().join("not-a-dir");
    std::fs::write(&file, "I am a file").expect("write");
    let shown = file.display().to_string();
    for command in [["fetch"].as_slice(), ["list"].as_slice()] {
        check_command(
            &stub,
            &env,
            env.papers().env("PAPERS_CACHE_DIR", &file).args(command),
            3,
            &[&shown],
        );
        assert_eq!(std::fs::read(&file).expect("read"), b"I am a file");
    }
}

#[test]
fn cache_that_cannot_be_locked_or_replaced() {
    let (stub, env) = seeded_env();
    // The lock file's place taken by a directory: no writer can lock.
    let lock = env.cache_dir().join("papers.json.lock");
    std::fs::remove_file(&lock).expect("remove lock");
    std::fs::create_dir(&lock).expect("lock dir");
    check(&stub, &env, &["fetch"], 3, &[&lock.display().to_string()]);
    // Reading still works for list.
    env.papers().arg("list").assert().success();
}

#[test]
fn cache_dir_without_permissions() {
    let (stub, env) = seeded_env();
    let locked = env.dir.path().join("locked");
    std::fs::create_dir(&locked).expect("dir");
    set_mode(&locked, 0o000);
    let bites = std::fs::write(locked.join("probe"), "x").is_err();
    if bites {
        check_command(
            &stub,
            &env,
            env.papers()
                .env("PAPERS_CACHE_DIR", locked.join("cache"))
                .arg("fetch"),
            3,
            &[&locked.display().to_string(), "ermission denied"],
        );
    } else {
        // Root ignores permission bits; `cache_dir_that_is_a_file` and
        // `cache_that_cannot_be_locked_or_replaced` cover this case.
        eprintln!("running as root: permission bits do not apply, skipped");
    }
    set_mode(&locked, 0o755);
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn cache_file_that_is_a_directory() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "", GOOD_TOPIC);
    std::fs::create_dir_all(env.cache_file()).expect("dir where papers.json goes");
    let shown = env.cache_file().display().to_string();
    check(&stub, &env, &["fetch"], 3, &[&shown]);
    check(&stub, &env, &["list"], 3, &[&shown]);
    assert!(env.cache_file().is_dir());
}

#[test]
fn cache_from_a_newer_schema() {
    let (stub, env) = seeded_env();
    let newer = br#"{"schema_version": 3, "papers": {}, "topics": {}, "last_fetch": null}"#;
    std::fs::write(env.cache_file(), newer).expect("write");
    let shown = env.cache_file().display().to_string();
    for command in ["fetch", "list"] {
        check(
            &stub,
            &env,
            &[command],
            3,
            &[&shown, "schema version 3", "upgrade papers"],
        );
    }
    // A layout we cannot even parse still says "newer", not "corrupt".
    std::fs::write(
        env.cache_file(),
        br#"{"schema_version": 7, "shards": [1, 2]}"#,
    )
    .expect("write");
    check(&stub, &env, &["fetch"], 3, &["schema version 7"]);
}

#[test]
fn corrupt_cache_is_left_as_is_with_a_way_out() {
    let (stub, env) = seeded_env();
    let good = std::fs::read(env.cache_file()).expect("seeded cache");
    let shown = env.cache_file().display().to_string();
    let cases: [(&str, Vec<u8>); 5] = [
        ("cut short", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("not JSON", b"papers: [1, 2]\n".to_vec()),
        (
            "wrong shape",
            br#"{"schema_version": 1, "papers": []}"#.to_vec(),
        ),
        ("not UTF-8", {
            let mut bytes = good.clone();
            let at = bytes.len() / 2;
            bytes[at] = 0xFF;
            bytes
        }),
    ];
    for (what, bytes) in cases {
        std::fs::write(env.cache_file(), &bytes).expect("write");
        for command in ["fetch", "list"] {
            let before = std::fs::read(env.cache_file()).expect("read");
            check(
                &stub,
                &env,
                &[command],
                3,
                &[&shown, "line ", "left untouched", "papers doctor --repair"],
            );
            assert_eq!(
                std::fs::read(env.cache_file()).expect("read"),
                before,
                "{what}: {command} left the file as it was"
            );
        }
    }
}

/// A shard a newer papers wrote, among older ones: `list --format json`
/// (which reads shard by shard, newest first) refuses it before printing
/// anything, as the whole-cache read refuses it.
#[test]
fn a_shard_from_a_newer_schema_stops_a_listing_before_it_prints() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "", GOOD_TOPIC);
    // Dated in their own months, so the newer ones could be printed before
    // the oldest shard is read.
    let papers = [("2609.00001", 9), ("2610.00001", 10), ("2611.00001", 11)]
        .map(|(id, month)| {
            let published = Utc
                .with_ymd_and_hms(2026, month, 15, 12, 0, 0)
                .single()
                .expect("date");
            Paper::builder(id)
                .title("T")
                .published(published)
                .updated(published)
                .build()
        })
        .to_vec();
    CacheStore::new(env.cache_dir())
        .update(|cache| cache.merge("npu", papers, Utc::now()))
        .expect("seed the cache");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.cache_file()).expect("index")).expect("json");
    let oldest = index["shards"]["2026-09"]["file"].as_str().expect("shard");
    let path = env.cache_dir().join("shards").join(oldest);
    let text = std::fs::read_to_string(&path).expect("shard");
    std::fs::write(
        &path,
        text.replacen("\"schema_version\":2", "\"schema_version\":3", 1),
    )
    .expect("write");
    for format in ["json", "table"] {
        env.papers()
            .args(["list", "--format", format])
            .assert()
            .code(3)
            .stdout("")
            .stderr(
                predicates::str::contains(oldest)
                    .and(predicates::str::contains("schema version 3")),
            );
    }
}
