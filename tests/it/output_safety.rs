//! Writing options never touch papers' own files, and write special files
//! the way the user meant: through symlinks, straight into FIFOs and
//! devices, to stdout for `-`, keeping an existing file's mode.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::support::{ArxivStub, Reply, TWO_TOPICS, TestEnv, feed, moe_paper};

/// A fetched cache with one starred paper.
fn env_with_marks() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(1, 0, 10, &[moe_paper()])),
        Reply::atom(feed(0, 0, 10, &[])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    let id = moe_paper().id.clone();
    env.papers().args(["star", &id]).assert().success();
    (stub, env)
}

/// Every file under the cache and data directories with its bytes.
fn own_files(env: &TestEnv) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in [
        env.cache_dir(),
        env.cache_dir().join("shards"),
        env.data_dir(),
    ] {
        for entry in fs::read_dir(&dir).expect("own dir").flatten() {
            if entry.path().is_file() {
                files.push((entry.path(), fs::read(entry.path()).expect("read")));
            }
        }
    }
    files.sort();
    files
}

fn first_shard(env: &TestEnv) -> PathBuf {
    fs::read_dir(env.cache_dir().join("shards"))
        .expect("shards")
        .flatten()
        .map(|entry| entry.path())
        .next()
        .expect("one shard")
}

/// Runs `args` and checks it was refused in one line, exit 2, nothing changed.
fn assert_refused(env: &TestEnv, args: &[&str]) {
    let before = own_files(env);
    let out = env.papers().args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains("refusing to write"), "{args:?}: {stderr}");
    assert_eq!(own_files(env), before, "{args:?} changed papers' files");
}

#[test]
fn every_writing_option_refuses_every_own_file() {
    let (_stub, env) = env_with_marks();
    let links = env.dir.path().join("links");
    fs::create_dir_all(&links).expect("links dir");
    let state = env.data_dir().join("state.json");
    let soft = links.join("soft.md");
    std::os::unix::fs::symlink(&state, &soft).expect("symlink");
    let hard = links.join("hard.md");
    fs::hard_link(first_shard(&env), &hard).expect("hard link");
    let dotdot = env.cache_dir().join("shards/../papers.json");
    let targets: Vec<PathBuf> = vec![
        env.cache_file(),
        env.cache_dir().join("papers.json.lock"),
        first_shard(&env),
        env.cache_dir().join("shards/new.md"),
        state.clone(),
        env.data_dir().join("state.json.lock"),
        dotdot,
        soft,
        hard,
    ];
    for target in &targets {
        let target = target.to_str().expect("utf-8 path");
        assert_refused(&env, &["export", "--output", target]);
        assert_refused(&env, &["export", "--trend", target]);
        assert_refused(&env, &["stats", "--svg", target]);
        assert_refused(&env, &["--config", target, "config", "init", "--force"]);
    }
    // The star survived all of it.
    let state_text = fs::read_to_string(&state).expect("state");
    assert!(state_text.contains(&moe_paper().id), "{state_text}");
    env.papers().arg("list").assert().success();
}

#[test]
fn an_existing_file_keeps_its_mode_and_a_new_one_gets_the_usual_mode() {
    let (_stub, env) = env_with_marks();
    let page = env.dir.path().join("page.md");
    fs::write(&page, "old").expect("seed");
    fs::set_permissions(&page, fs::Permissions::from_mode(0o644)).expect("chmod");
    env.papers()
        .args(["export", "--output"])
        .arg(&page)
        .assert()
        .success();
    let meta = fs::metadata(&page).expect("page");
    assert_eq!(meta.permissions().mode() & 0o777, 0o644);
    assert_ne!(fs::read_to_string(&page).expect("page"), "old");

    let fresh = env.dir.path().join("fresh.md");
    env.papers()
        .args(["export", "--output"])
        .arg(&fresh)
        .assert()
        .success();
    let mode = fs::metadata(&fresh).expect("fresh").permissions().mode() & 0o777;
    assert_ne!(mode, 0o600, "a published page must not come back private");
    assert_eq!(mode & 0o600, 0o600);
}

#[test]
fn a_symlink_is_written_through_and_kept() {
    let (_stub, env) = env_with_marks();
    let target = env.dir.path().join("real.md");
    fs::write(&target, "old").expect("seed");
    let link = env.dir.path().join("link.md");
    std::os::unix::fs::symlink("real.md", &link).expect("symlink");
    env.papers()
        .args(["export", "--output"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&target)
            .expect("target")
            .contains("Updated on")
    );
}

#[test]
fn a_fifo_is_written_into_not_replaced() {
    let (_stub, env) = env_with_marks();
    let fifo = env.dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).expect("read fifo"))
    };
    env.papers()
        .args(["export", "--output"])
        .arg(&fifo)
        .assert()
        .success();
    let text = reader.join().expect("reader");
    assert!(text.contains("Updated on"), "{text}");
    assert!(
        fs::symlink_metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn dev_full_fails_in_one_line_and_stays_a_device() {
    let (_stub, env) = env_with_marks();
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let rdev = fs::metadata(full).expect("dev full").rdev();
    let out = env
        .papers()
        .args(["export", "--output", "/dev/full"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/dev/full"), "{stderr}");
    let meta = fs::symlink_metadata(full).expect("dev full");
    assert!(meta.file_type().is_char_device());
    assert_eq!(meta.rdev(), rdev);
}

#[test]
fn dash_is_stdout_and_creates_no_file() {
    let (_stub, env) = env_with_marks();
    let out = env
        .papers()
        .current_dir(env.dir.path())
        .args(["export", "--output", "-"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Updated on"));
    assert!(!env.dir.path().join("-").exists());
}

/// no-color.org: an explicit flag wins over `NO_COLOR` (TestEnv sets it).
#[test]
fn color_always_beats_no_color() {
    let env = TestEnv::new();
    let out = env
        .papers()
        .args(["--color", "always", "show", "not-an-id"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.contains(&0x1b), "coloured error expected");
    let out = env
        .papers()
        .args(["--color", "never", "show", "not-an-id"])
        .env_remove("NO_COLOR")
        .output()
        .expect("run");
    assert!(!out.stderr.contains(&0x1b));
}
