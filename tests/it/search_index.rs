//! The search index (`search/` in the cache) seen from the command line:
//! built by the first search, reused by the next, rebuilt when damaged or
//! stale, never needed for a right answer.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed};

fn entry(id: &str, date: &str, title: &str, summary: &str) -> StubEntry {
    StubEntry::new(id, date, title)
        .authors(&["Song Han", "Grace Hopper"])
        .categories(&["cs.AR"])
        .summary(summary)
}

fn npu_entries() -> Vec<StubEntry> {
    vec![
        entry(
            "2503.00001",
            "2025-03-01",
            "NPU scheduling",
            "The NPU stays busy.",
        ),
        entry(
            "2503.00002",
            "2025-03-02",
            "Sparse NPUs",
            "Sparse attention on NPUs.",
        ),
        entry(
            "2502.00001",
            "2025-02-01",
            "Quantum NPU",
            "A neural processing unit.",
        ),
    ]
}

fn edge_entries() -> Vec<StubEntry> {
    vec![
        entry(
            "2501.00010",
            "2025-01-10",
            "Edge inference",
            "Experts at the edge.",
        ),
        entry(
            "2502.00002",
            "2025-02-02",
            "Edge NPU offload",
            "Offloading to the NPU.",
        ),
    ]
}

/// Two topics fetched into three monthly shards; `later` is what a second
/// fetch of each topic answers.
fn fetched(later: Option<(Vec<StubEntry>, Vec<StubEntry>)>) -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    let (npu, edge) = (npu_entries(), edge_entries());
    let mut replies = vec![
        Reply::atom(feed(npu.len(), 0, 10, &npu)),
        Reply::atom(feed(edge.len(), 0, 10, &edge)),
    ];
    if let Some((npu, edge)) = later {
        replies.push(Reply::atom(feed(npu.len(), 0, 10, &npu)));
        replies.push(Reply::atom(feed(edge.len(), 0, 10, &edge)));
    }
    stub.script(replies);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    (stub, env)
}

fn search_dir(env: &TestEnv) -> PathBuf {
    env.cache_dir().join("search")
}

/// The segment files, by name.
fn segments(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(search_dir(env))
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// stdout and stderr of a search that must succeed.
fn search(env: &TestEnv, args: &[&str]) -> (String, String) {
    let output = env.papers().arg("search").args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "search {args:?}: {stderr}");
    (String::from_utf8(output.stdout).expect("utf-8"), stderr)
}

/// What the full scan answers: `--grep ""` matches every paper, and only
/// the papers' text can decide it, so the index is not used.
fn scanned(env: &TestEnv, args: &[&str]) -> String {
    let mut with_grep = vec!["--grep", ""];
    with_grep.extend_from_slice(args);
    search(env, &with_grep).0
}

#[cfg(unix)]
fn identity(path: &Path) -> (u64, Vec<u8>) {
    use std::os::unix::fs::MetadataExt;
    let inode = fs::metadata(path).expect("segment").ino();
    (inode, fs::read(path).expect("segment"))
}

const QUERIES: &[&[&str]] = &[
    &["npu"],
    &["sparse", "attention"],
    &["au:han", "--format", "json"],
    &["\"neural processing unit\""],
    &["npu", "--", "-quantum"],
    &["cat:cs.AR", "--format", "csv"],
    &["zzzz", "--format", "json"],
];

#[test]
fn the_first_search_builds_the_index_and_the_next_reuses_it() {
    let (_stub, env) = fetched(None);
    assert!(segments(&env).is_empty(), "fetch builds no index");
    let (first, stderr) = search(&env, &["npu"]);
    assert!(first.contains("2503.00001"), "{first}");
    assert!(stderr.is_empty(), "{stderr}");
    let built = segments(&env);
    assert_eq!(built.len(), 3, "one per shard: {built:?}");
    assert!(built.iter().all(|name| name.ends_with(".idx")));
    #[cfg(unix)]
    let before: Vec<_> = built
        .iter()
        .map(|n| identity(&search_dir(&env).join(n)))
        .collect();
    for args in QUERIES {
        assert_eq!(search(&env, args).0, scanned(&env, args), "{args:?}");
    }
    assert_eq!(search(&env, &["npu"]).0, first);
    assert_eq!(segments(&env), built);
    #[cfg(unix)]
    {
        let after: Vec<_> = built
            .iter()
            .map(|n| identity(&search_dir(&env).join(n)))
            .collect();
        assert_eq!(after, before, "segments are read, not rewritten");
    }
}

#[test]
fn a_damaged_segment_is_rebuilt_with_the_same_answer() {
    let (_stub, env) = fetched(None);
    let (expected, _) = search(&env, &["npu", "--format", "json"]);
    for name in segments(&env) {
        let path = search_dir(&env).join(&name);
        let good = fs::read(&path).expect("segment");
        for damage in [b"not a segment".to_vec(), good[..good.len() / 2].to_vec()] {
            fs::write(&path, &damage).expect("damage");
            let (answer, stderr) = search(&env, &["npu", "--format", "json"]);
            assert_eq!(answer, expected, "{name}");
            assert!(stderr.is_empty(), "{stderr}");
            assert_eq!(fs::read(&path).expect("segment"), good, "{name} rebuilt");
        }
    }
    fs::remove_dir_all(search_dir(&env)).expect("delete the index");
    assert_eq!(search(&env, &["npu", "--format", "json"]).0, expected);
}

#[test]
fn a_fetch_that_changes_a_shard_makes_its_segment_stale() {
    let mut npu = npu_entries();
    npu.push(entry(
        "2503.00003",
        "2025-03-03",
        "Later NPU",
        "A later NPU paper.",
    ));
    let (_stub, env) = fetched(Some((npu, edge_entries())));
    search(&env, &["npu"]);
    let before = segments(&env);
    env.papers().arg("fetch").assert().success();
    let (answer, _) = search(&env, &["npu"]);
    assert!(answer.contains("2503.00003"), "{answer}");
    assert_eq!(answer, scanned(&env, &["npu"]));
    let after = segments(&env);
    assert_eq!(after.len(), 3, "{after:?}");
    let gone: Vec<&String> = before.iter().filter(|n| !after.contains(n)).collect();
    assert_eq!(
        gone.len(),
        1,
        "only March was rewritten: {before:?} → {after:?}"
    );
    assert!(gone[0].starts_with("2025-03."), "{gone:?}");
}

#[test]
fn an_index_that_cannot_be_written_still_answers() {
    let (_stub, env) = fetched(None);
    let expected = scanned(&env, &["npu"]);
    // A file where the directory goes: no write succeeds, even as root.
    fs::write(search_dir(&env), "in the way").expect("block");
    let (answer, stderr) = search(&env, &["npu"]);
    assert_eq!(answer, expected);
    assert_eq!(stderr.lines().count(), 1, "one note: {stderr}");
    assert!(stderr.contains("search index was not saved"), "{stderr}");
}

#[test]
fn filtered_searches_answer_as_the_full_scan_does() {
    let (_stub, env) = fetched(None);
    env.papers()
        .args(["dismiss", "2503.00001"])
        .assert()
        .success();
    for args in [
        &["npu", "--topic", "edge"][..],
        &["npu", "--topic", "npu", "--format", "json"],
        &["npu", "--since", "2025-02-02"],
        &["npu", "--until", "2025-02-28", "--format", "csv"],
        &["npu", "--category", "cs"],
        &["npu", "--dismissed", "--format", "json"],
        &["npu", "--limit", "1"],
    ] {
        let (answer, _) = search(&env, args);
        assert_eq!(answer, scanned(&env, args), "{args:?}");
    }
    let (answer, _) = search(&env, &["npu", "--format", "json"]);
    assert!(
        !answer.contains("2503.00001"),
        "dismissed papers stay hidden"
    );
    assert!(answer.contains("2503.00002"), "{answer}");
}

#[test]
fn doctor_leaves_the_index_alone() {
    let (_stub, env) = fetched(None);
    search(&env, &["npu"]);
    let before = segments(&env);
    let output = env.papers().arg("doctor").output().expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let dir = search_dir(&env).display().to_string();
    assert!(
        stdout.contains("cache ok") && !stdout.contains(&dir),
        "{stdout}"
    );
    env.papers().args(["doctor", "--repair"]).assert().success();
    assert_eq!(segments(&env), before);
}
