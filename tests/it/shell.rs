//! `papers` at home in a shell: usage errors that list the valid values, a
//! bare `papers` that says where to start, options anywhere, `--format atom`,
//! `papers open`, topic completion, the pager and links.

use crate::support::TestEnv;

#[test]
fn a_bad_value_lists_the_possible_values_on_one_line() {
    let env = TestEnv::new();
    let output = env
        .papers()
        .args(["list", "--sort", "nope"])
        .output()
        .expect("run papers");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "papers: error: invalid value 'nope' for '--sort <SORT>' \
         (possible values: date, updated, title, score, upvotes, fit); see `papers --help`\n"
    );
}

#[test]
fn bare_papers_prints_the_short_help_and_where_to_start() {
    let env = TestEnv::new();
    let output = env.papers().output().expect("run papers");
    assert_eq!(
        output.status.code(),
        Some(2),
        "a usage error, as clap has it"
    );
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Usage: papers [OPTIONS] <COMMAND>"),
        "{stderr}"
    );
    assert!(stderr.contains("Start with `papers fetch`"), "{stderr}");
}

#[test]
fn man_is_listed_in_the_help() {
    let env = TestEnv::new();
    let output = env.papers().arg("--help").output().expect("run papers");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout
            .lines()
            .any(|line| line.trim_start().starts_with("man ")),
        "{stdout}"
    );
}

mod atom {
    use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed};

    const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

    fn npu_paper() -> StubEntry {
        StubEntry::new("2503.00001", "2025-03-01", "NPU scheduling & <tiling>")
            .authors(&["Wei Zhang", "Ada Lovelace"])
            .categories(&["cs.AR"])
            .summary("We schedule transformer layers on the NPU.")
    }

    fn edge_paper() -> StubEntry {
        StubEntry::new("2501.00010", "2025-01-10", "Edge inference with experts")
            .authors(&["Grace Hopper"])
            .categories(&["cs.DC"])
            .summary("Experts are routed at the edge.")
    }

    fn fetched() -> TestEnv {
        let stub = ArxivStub::start();
        stub.script([
            Reply::atom(feed(1, 0, 10, &[npu_paper()])),
            Reply::atom(feed(1, 0, 10, &[edge_paper()])),
        ]);
        let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
        env.papers().arg("fetch").assert().success();
        env
    }

    fn stdout_of(env: &TestEnv, args: &[&str]) -> String {
        let output = env.papers().args(args).output().expect("run papers");
        assert!(
            output.status.success(),
            "papers {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    /// RFC 4287's required elements: one id, title and updated on the feed
    /// and each entry, and an author on the feed or on every entry.
    fn assert_required_elements(xml: &str) {
        let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        assert_eq!(root.tag_name().namespace(), Some(ATOM_NS));
        let count = |node: roxmltree::Node, name: &str| {
            node.children()
                .filter(|child| child.tag_name().name() == name)
                .count()
        };
        for name in ["id", "title", "updated"] {
            assert_eq!(count(root, name), 1, "feed/{name}");
        }
        let feed_author = count(root, "author") > 0;
        for entry in root.children().filter(|c| c.tag_name().name() == "entry") {
            for name in ["id", "title", "updated"] {
                assert_eq!(count(entry, name), 1, "entry/{name}");
            }
            assert!(feed_author || count(entry, "author") > 0, "entry author");
        }
    }

    #[test]
    fn list_writes_a_feed_a_reader_can_parse() {
        let env = fetched();
        let xml = stdout_of(&env, &["list", "--topic", "npu", "--format", "atom"]);
        assert_required_elements(&xml);
        let parsed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs parses it");
        assert_eq!(
            parsed.title.expect("feed title").content,
            "papers list --topic npu"
        );
        assert_eq!(parsed.entries.len(), 1, "only the npu topic");
        let entry = &parsed.entries[0];
        assert_eq!(entry.id, "http://arxiv.org/abs/2503.00001");
        assert_eq!(
            entry.title.as_ref().expect("title").content,
            "NPU scheduling & <tiling>"
        );
        let authors: Vec<&str> = entry.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(authors, ["Wei Zhang", "Ada Lovelace"]);
        assert!(
            entry
                .links
                .iter()
                .any(|link| link.href.contains("abs/2503.00001")),
            "{:?}",
            entry.links
        );
        let terms: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        assert!(
            terms.contains(&"cs.AR") && terms.contains(&"npu"),
            "{terms:?}"
        );

        // The same cache gives the same bytes, and --limit keeps the feed id.
        let again = stdout_of(
            &env,
            &["list", "--topic", "npu", "--format", "atom", "-n", "5"],
        );
        let id_of = |xml: &str| feed_rs::parser::parse(xml.as_bytes()).expect("parses").id;
        assert_eq!(id_of(&again), id_of(&xml));
    }

    #[test]
    fn search_writes_a_feed_and_no_match_is_an_empty_valid_feed() {
        let env = fetched();
        let xml = stdout_of(&env, &["search", "experts", "--format", "atom"]);
        assert_required_elements(&xml);
        let parsed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs parses it");
        let ids: Vec<&str> = parsed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["http://arxiv.org/abs/2501.00010"]);

        for args in [
            &["search", "--format", "atom", "nothingmatches"][..],
            &["list", "--grep", "nothingmatches", "--format", "atom"][..],
        ] {
            let xml = stdout_of(&env, args);
            assert_required_elements(&xml);
            let parsed = feed_rs::parser::parse(xml.as_bytes()).expect("empty feed parses");
            assert!(parsed.entries.is_empty(), "{args:?}");
        }
    }
}

mod open {
    use std::os::unix::fs::PermissionsExt;
    use std::path::{Path, PathBuf};

    use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed};

    fn fetched() -> TestEnv {
        let stub = ArxivStub::start();
        let paper = StubEntry::new("2503.00001", "2025-03-01", "NPU scheduling")
            .version(2)
            .categories(&["cs.AR"])
            .summary("We schedule on the NPU. Code: https://github.com/acme/npu-sched");
        stub.script([
            Reply::atom(feed(1, 0, 10, &[paper])),
            Reply::atom(feed(0, 0, 10, &[])),
        ]);
        let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
        env.papers().arg("fetch").assert().success();
        env
    }

    /// A `$BROWSER` that writes its arguments, one a line, to `log`. Run as
    /// `sh SCRIPT`: executing a file just written races with other test
    /// threads' forks, which can hold it open for writing (ETXTBSY).
    fn recording_browser(env: &TestEnv) -> (String, PathBuf) {
        let script = env.dir.path().join("browser.sh");
        let log = env.dir.path().join("opened.txt");
        std::fs::write(
            &script,
            format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", log.display()),
        )
        .expect("write script");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        (format!("sh {}", script.display()), log)
    }

    fn opened(log: &Path) -> String {
        std::fs::read_to_string(log).unwrap_or_default()
    }

    #[test]
    fn open_hands_the_url_to_browser_for_every_id_form() {
        let env = fetched();
        let (browser, log) = recording_browser(&env);
        for (args, url) in [
            (&["2503.00001"][..], "https://arxiv.org/abs/2503.00001v2"),
            (
                &["arXiv:2503.00001v1"][..],
                "https://arxiv.org/abs/2503.00001v2",
            ),
            (
                &["https://arxiv.org/abs/2503.00001", "--pdf"][..],
                "https://arxiv.org/pdf/2503.00001v2",
            ),
            (
                &["--code", "2503.00001"][..],
                "https://github.com/acme/npu-sched",
            ),
        ] {
            std::fs::remove_file(&log).ok();
            let output = env
                .papers()
                .env("BROWSER", &browser)
                .arg("open")
                .args(args)
                .output()
                .expect("run papers open");
            assert!(
                output.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                output.stdout.is_empty(),
                "opened, so nothing printed: {args:?}"
            );
            assert_eq!(opened(&log), format!("{url}\n"), "{args:?}");
        }
    }

    #[test]
    fn open_prints_the_url_when_nothing_can_open_it() {
        let env = fetched();
        let empty = env.dir.path().join("empty-bin");
        std::fs::create_dir(&empty).expect("mkdir");
        let output = env
            .papers()
            .env("PATH", &empty)
            .env("BROWSER", "/nonexistent/browser")
            .args(["open", "2503.00001"])
            .output()
            .expect("run papers open");
        assert!(output.status.success());
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "https://arxiv.org/abs/2503.00001v2\n"
        );
        assert!(String::from_utf8_lossy(&output.stderr).contains("nothing could open"));
    }

    #[test]
    fn open_of_an_unknown_or_bad_id_fails() {
        let env = fetched();
        let output = env
            .papers()
            .args(["open", "2503.09999"])
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("not in the cache"));
        let output = env.papers().args(["open", "nope"]).output().expect("run");
        assert_eq!(output.status.code(), Some(2));
        let output = env
            .papers()
            .args(["open", "2503.00001", "--pdf", "--code"])
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(2));
    }
}

mod completion {
    use std::path::Path;
    use std::process::Command;

    use crate::support::TestEnv;

    const TOPICS: &str = r#"
[[topics]]
name = "npu"
title = "NPU"
keywords = ["npu"]

[[topics]]
name = "edge-inference"
title = "Edge"
keywords = ["edge inference"]
"#;

    /// Runs the committed bash script's `_papers` as bash's `complete` does
    /// (words, index, then `_papers CMD CUR PREV`) and returns COMPREPLY.
    fn bash_complete(env: &TestEnv, words: &[&str], extra_env: &[(&str, &Path)]) -> Option<String> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/papers.bash");
        let binary = assert_cmd::cargo::cargo_bin("papers");
        let bin_dir = binary.parent().expect("binary dir");
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let program = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; \
             _papers papers '{}' '{}'; echo \"${{COMPREPLY[@]}}\"",
            script.display(),
            quoted.join(" "),
            words[cword],
            words[cword - 1],
        );
        let mut command = Command::new("bash");
        command
            .args(["--norc", "-c", &program])
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
            .env("HOME", env.dir.path())
            .env("PAPERS_DATA_DIR", env.data_dir());
        for (key, value) in extra_env {
            command.env(key, value);
        }
        let output = command.output().ok()?;
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(
            String::from_utf8(output.stdout)
                .expect("utf-8")
                .trim()
                .to_owned(),
        )
    }

    #[test]
    fn bash_completes_topic_names_from_the_config_in_effect() {
        let env = TestEnv::new();
        env.write_config(TOPICS);
        let config = env.config_path();
        let from_env = [("PAPERS_CONFIG", config.as_path())];
        let Some(all) = bash_complete(&env, &["papers", "list", "--topic", ""], &from_env) else {
            eprintln!("bash not found; skipping");
            return;
        };
        assert_eq!(all, "npu edge-inference");
        assert_eq!(
            bash_complete(&env, &["papers", "search", "x", "-t", "e"], &from_env).as_deref(),
            Some("edge-inference")
        );
        // --config on the line wins; no $PAPERS_CONFIG at all here.
        let other = env.dir.path().join("other.toml");
        std::fs::write(&other, TOPICS.replace("npu", "gpu")).expect("write config");
        let other_arg = other.display().to_string();
        assert_eq!(
            bash_complete(
                &env,
                &["papers", "--config", &other_arg, "fetch", "--topic", ""],
                &[]
            )
            .as_deref(),
            Some("gpu edge-inference")
        );
    }

    #[test]
    fn bash_completes_tag_names_from_the_state() {
        let env = TestEnv::new();
        env.write_config(TOPICS);
        let state_dir = env.data_dir();
        std::fs::create_dir_all(&state_dir).expect("mkdir");
        std::fs::write(
            state_dir.join("state.json"),
            r#"{"schema_version":1,"marks":{"2503.00001":{"tags":["to-read","survey"]}}}"#,
        )
        .expect("write state");
        let config = env.config_path();
        let Some(tags) = bash_complete(
            &env,
            &["papers", "list", "--tag", ""],
            &[("PAPERS_CONFIG", config.as_path())],
        ) else {
            return;
        };
        assert_eq!(tags, "survey to-read");
    }
}

mod pager {
    use std::os::unix::fs::PermissionsExt;

    use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed};

    #[test]
    fn output_to_a_pipe_never_goes_through_the_pager() {
        let stub = ArxivStub::start();
        let papers: Vec<StubEntry> = (1..=30)
            .map(|n| {
                StubEntry::new(
                    &format!("2503.{n:05}"),
                    "2025-03-01",
                    &format!("NPU paper {n}"),
                )
                .categories(&["cs.AR"])
            })
            .collect();
        stub.script([
            Reply::atom(feed(30, 0, 30, &papers)),
            Reply::atom(feed(0, 0, 10, &[])),
        ]);
        let env = TestEnv::with_stub_config(&stub, "max_results = 50\npage_size = 50", TWO_TOPICS);
        env.papers().arg("fetch").assert().success();
        let marker = env.dir.path().join("paged");
        let pager = env.dir.path().join("pager.sh");
        std::fs::write(
            &pager,
            format!("#!/bin/sh\ntouch '{}'\ncat\n", marker.display()),
        )
        .expect("write pager");
        std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let output = env
            .papers()
            .env("PAPERS_PAGER", &pager)
            .env("PAGER", &pager)
            .args(["list", "--format", "csv"])
            .output()
            .expect("run papers");
        assert!(output.status.success());
        assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 31);
        assert!(!marker.exists(), "the pager ran for a pipe");
    }
}

#[test]
fn no_links_in_pipes_even_when_forced() {
    use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, feed};
    let stub = ArxivStub::start();
    let paper = StubEntry::new("2503.00001", "2025-03-01", "NPU scheduling")
        .categories(&["cs.AR"])
        .summary("Code: https://github.com/acme/npu-sched");
    stub.script([
        Reply::atom(feed(1, 0, 10, &[paper])),
        Reply::atom(feed(0, 0, 10, &[])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    for args in [
        &["list"][..],
        &["show", "2503.00001"][..],
        &["search", "npu"][..],
    ] {
        let output = env
            .papers()
            .env("FORCE_HYPERLINK", "1")
            .args(["--color", "always"])
            .args(args)
            .output()
            .expect("run papers");
        assert!(output.status.success(), "{args:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("2503.00001"), "{args:?}: {stdout}");
        assert!(
            !stdout.contains("\x1b]8;"),
            "{args:?} linked in a pipe: {stdout}"
        );
    }
}
