//! The sharded cache layout seen from the command line: commands read only
//! the shards they need, a schema 1 cache is migrated without loss, and
//! readers running beside a writer always see a whole cache.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{ArxivStub, StubEntry, TestEnv};
use chrono::{DateTime, TimeZone, Utc};
use papers::model::{CachedPaper, Paper};
use papers::storage::cache::CacheStore;

const ONE_TOPIC: &str = r#"
[[topics]]
name = "npu"
keywords = ["NPU"]
"#;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
        .single()
        .expect("valid date")
}

fn paper(id: &str, published: DateTime<Utc>) -> Paper {
    Paper::builder(id)
        .version(1)
        .title(format!("Paper {id} on NPUs"))
        .authors(["Ada Lovelace"])
        .summary(format!("Abstract of {id}."))
        .published(published)
        .updated(published)
        .categories(["cs.AR"])
        .build()
}

/// A cache with one paper from January 2024 and two from November 2026.
fn two_month_cache() -> TestEnv {
    let env = TestEnv::new();
    env.write_config(ONE_TOPIC);
    CacheStore::new(env.cache_dir())
        .update(|cache| {
            cache.merge(
                "npu",
                vec![
                    paper("2401.00001", at(2024, 1, 5)),
                    paper("2611.00001", at(2026, 11, 2)),
                    paper("2611.00002", at(2026, 11, 3)),
                ],
                at(2026, 11, 4),
            )
        })
        .expect("seed");
    env
}

fn shard_path(env: &TestEnv, month: &str) -> PathBuf {
    let index = env.cache_json();
    let file = index["shards"][month]["file"]
        .as_str()
        .unwrap_or_else(|| panic!("no shard {month}: {index}"));
    env.cache_dir().join("shards").join(file)
}

/// The ids of a `list --format json` listing, which must parse whole; the
/// other fields are checked for syntax only (the readers' loop runs it often).
fn listed_ids(stdout: &[u8]) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Listed {
        id: String,
    }
    let papers: Vec<Listed> = serde_json::from_slice(stdout).expect("json");
    papers.into_iter().map(|paper| paper.id).collect()
}

#[test]
fn list_and_show_read_only_the_shards_they_need() {
    let env = two_month_cache();
    // Break the old month: anything that reads it says so.
    let old = shard_path(&env, "2024-01");
    std::fs::write(&old, b"{ not json").expect("corrupt the old shard");

    let recent = env
        .papers()
        .args(["list", "--since", "2026-11-01", "--format", "json"])
        .assert()
        .success();
    assert_eq!(
        listed_ids(&recent.get_output().stdout),
        ["2611.00002", "2611.00001"]
    );
    env.papers().args(["show", "2611.00001"]).assert().success();

    // Reading everything degrades: the rest is listed, the damage named.
    let everything = env.papers().arg("list").assert().success();
    let stderr = String::from_utf8_lossy(&everything.get_output().stderr).into_owned();
    assert!(stderr.contains("2024-01"), "{stderr}");
    assert!(stderr.contains("papers doctor"), "{stderr}");
    assert_eq!(std::fs::read(&old).expect("kept"), b"{ not json");
}

/// The schema 1 file: every paper inside `papers.json`.
fn write_single_file_cache(dir: &Path, papers: &[CachedPaper]) {
    let map: serde_json::Map<String, serde_json::Value> = papers
        .iter()
        .map(|held| {
            (
                held.paper.id.clone(),
                serde_json::to_value(held).expect("paper json"),
            )
        })
        .collect();
    let single = serde_json::json!({
        "schema_version": 1,
        "last_fetch": "2026-11-04T12:00:00Z",
        "topics": {},
        "papers": map,
    });
    std::fs::create_dir_all(dir).expect("cache dir");
    std::fs::write(
        dir.join("papers.json"),
        serde_json::to_vec(&single).expect("json"),
    )
    .expect("write v1");
}

#[test]
fn a_schema_1_cache_is_migrated_once_and_keeps_every_paper() {
    let env = TestEnv::new();
    env.write_config(ONE_TOPIC);
    let held: Vec<CachedPaper> = [
        ("2401.00001", at(2024, 1, 5)),
        ("2611.00001", at(2026, 11, 2)),
        ("hep-th/9901001", at(1999, 1, 4)),
    ]
    .into_iter()
    .map(|(id, published)| CachedPaper {
        paper: paper(id, published),
        first_seen: at(2026, 11, 4),
        last_changed: at(2026, 11, 4),
        topics: BTreeSet::from(["npu".to_owned()]),
        updates: vec![],
        hf: None,
    })
    .collect();
    write_single_file_cache(&env.cache_dir(), &held);

    let first = env
        .papers()
        .args(["list", "--format", "json"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&first.get_output().stderr).into_owned();
    assert!(
        stderr.contains("sharded layout") && stderr.contains("3 papers in 3 monthly files"),
        "{stderr}"
    );
    assert_eq!(
        listed_ids(&first.get_output().stdout),
        ["2611.00001", "2401.00001", "hep-th/9901001"]
    );
    let index = env.cache_json();
    assert_eq!(index["schema_version"], 2);
    assert_eq!(index["last_fetch"], "2026-11-04T12:00:00Z");
    for id in ["2401.00001", "2611.00001", "hep-th/9901001"] {
        assert_eq!(
            serde_json::to_value(held.iter().find(|p| p.paper.id == id).expect("held"))
                .expect("json"),
            index["papers"][id],
            "{id} came through unchanged"
        );
    }
    // Migrated once: the next command says nothing.
    env.papers()
        .arg("list")
        .assert()
        .success()
        .stderr(predicates::str::is_empty());
}

/// `papers list --format json` over and over while fetches keep replacing
/// the shard it reads: every listing is whole, and none shrinks.
#[test]
fn readers_beside_a_writer_always_see_a_whole_cache() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "delay_secs = 0.0", ONE_TOPIC);
    CacheStore::new(env.cache_dir())
        .update(|cache| {
            let papers = (0..2_000)
                .map(|n| paper(&format!("2611.{:05}", 10_000 + n), at(2026, 11, 1)))
                .collect();
            cache.merge("npu", papers, at(2026, 11, 4));
        })
        .expect("seed");

    let writer_env = (
        env.config_path(),
        env.cache_dir(),
        env.dir.path().to_owned(),
    );
    // Four fetches are enough overlap; the deadline only bounds a machine
    // too slow to fit them.
    const WRITES: u32 = 4;
    let stop_at = Instant::now() + Duration::from_secs(6);
    let writer = std::thread::spawn(move || {
        let mut runs = 0u32;
        while runs < WRITES && Instant::now() < stop_at {
            let fresh: Vec<StubEntry> = (0..3)
                .map(|k| {
                    let n = runs * 3 + k;
                    StubEntry::new(&format!("2611.{n:05}"), "2026-11-20", &format!("Fresh {n}"))
                })
                .collect();
            stub.set_catalogue(fresh);
            let status = Command::new(env!("CARGO_BIN_EXE_papers"))
                .args(["fetch", "--since", "2026-11-01"])
                .env_clear()
                .env("PAPERS_CONFIG", &writer_env.0)
                .env("PAPERS_CACHE_DIR", &writer_env.1)
                .env("HOME", &writer_env.2)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("run fetch");
            assert!(status.success(), "fetch run {runs} failed");
            runs += 1;
        }
        runs
    });

    let mut last_count = 0;
    let mut reads = 0;
    while !writer.is_finished() {
        let output = env
            .papers()
            .args(["list", "--format", "json"])
            .output()
            .expect("run list");
        assert!(
            output.status.success(),
            "list failed beside a writer: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let count = listed_ids(&output.stdout).len();
        assert!(
            count >= last_count,
            "a listing shrank: {count} < {last_count}"
        );
        last_count = count;
        reads += 1;
    }
    let runs = writer.join().expect("writer thread");
    assert!(
        runs >= 2 && reads >= 2,
        "too little overlap: {runs} writes, {reads} reads"
    );
    assert!(
        last_count >= 2_000,
        "the seeded papers are all listed: {last_count}"
    );
}
