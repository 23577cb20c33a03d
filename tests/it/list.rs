//! `papers list` end to end: fetch a small catalogue from the stub, then
//! filter and render it in every format.

use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use crate::support::{ArxivStub, Reply, StubEntry, TWO_TOPICS, TestEnv, feed, moe_paper};
use chrono::NaiveDate;
use papers::model::CachedPaper;
use papers::render::markdown::{Section, markdown_sections};
use papers::storage::cache::CacheStore;
use papers::triage::filter::{self, Filter, SortKey};
use predicates::prelude::*;

fn speculative() -> StubEntry {
    StubEntry::new(
        "2611.00010",
        "2026-11-10",
        "Speculative decoding on mobile NPUs",
    )
    .authors(&["Wei Zhang", "Ada Lovelace"])
    .summary("We run drafts on the NPU.\n  Code: https://github.com/foo/npu-spec.")
}

fn hostile() -> StubEntry {
    // U+009B is the 8-bit CSI: legal in XML, dangerous on a terminal.
    StubEntry::new(
        "2610.00020",
        "2026-10-20",
        "Pipes | and <details> \u{9b}31mred\u{9b}0m title",
    )
    .authors(&["Alan Turing", "Kurt Gödel", "Emmy Noether"])
    .categories(&["cs.CL"])
    .summary("First *paragraph* with a | pipe.\n  Second paragraph </details> ends here.")
}

/// npu holds the speculative and hostile papers, edge the MoE one.
fn fetched_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(2, 0, 10, &[speculative(), hostile()])),
        Reply::atom(feed(1, 0, 10, &[moe_paper()])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    (stub, env)
}

fn list(env: &TestEnv, args: &[&str]) -> String {
    let output = env
        .papers()
        .arg("list")
        .args(args)
        .output()
        .expect("run papers list");
    assert!(
        output.status.success(),
        "papers list {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

fn listed_ids(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let json: serde_json::Value = serde_json::from_str(&list(env, &full)).expect("json output");
    json.as_array()
        .expect("array")
        .iter()
        .map(|paper| paper["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn json_carries_every_documented_field() {
    let (_stub, env) = fetched_env();
    let json: serde_json::Value =
        serde_json::from_str(&list(&env, &["--format", "json"])).expect("json");
    let papers = json.as_array().expect("array");
    assert_eq!(papers.len(), 3);
    let first = &papers[0];
    for field in [
        "id",
        "version",
        "title",
        "authors",
        "abstract",
        "published",
        "updated",
        "categories",
        "primary_category",
        "comment",
        "journal_ref",
        "doi",
        "abs_url",
        "pdf_url",
        "code_url",
        "topics",
    ] {
        assert!(
            first.get(field).is_some(),
            "field {field} missing in {first}"
        );
    }
    assert_eq!(first["id"], "2611.00010");
    assert_eq!(
        first["authors"],
        serde_json::json!(["Wei Zhang", "Ada Lovelace"])
    );
    assert_eq!(first["code_url"], "https://github.com/foo/npu-spec");
    assert_eq!(first["topics"], serde_json::json!(["npu"]));
    assert_eq!(
        first["abstract"],
        "We run drafts on the NPU.\n\nCode: https://github.com/foo/npu-spec."
    );
    assert_eq!(papers[1]["version"], 2);
    // JSON keeps text verbatim; only terminal views strip control characters.
    assert!(
        papers[2]["title"]
            .as_str()
            .expect("title")
            .contains('\u{9b}')
    );
}

#[test]
fn filters_narrow_the_list() {
    let (_stub, env) = fetched_env();
    assert_eq!(
        listed_ids(&env, &[]),
        ["2611.00010", "2611.00005", "2610.00020"]
    );
    assert_eq!(
        listed_ids(&env, &["--topic", "npu"]),
        ["2611.00010", "2610.00020"]
    );
    assert_eq!(listed_ids(&env, &["--topic", "edge"]), ["2611.00005"]);
    assert_eq!(
        listed_ids(&env, &["--since", "2026-11-01"]),
        ["2611.00010", "2611.00005"]
    );
    assert_eq!(listed_ids(&env, &["--until", "2026-10-31"]), ["2610.00020"]);
    assert_eq!(listed_ids(&env, &["--category", "cs.DC"]), ["2611.00005"]);
    assert_eq!(listed_ids(&env, &["--category", "cs"]).len(), 3);
    assert_eq!(listed_ids(&env, &["--author", "hopper"]), ["2611.00005"]);
    assert_eq!(listed_ids(&env, &["--author", "gödel"]), ["2610.00020"]);
    assert_eq!(listed_ids(&env, &["--grep", "SPECULATIVE"]), ["2611.00010"]);
    assert_eq!(
        listed_ids(&env, &["--grep", "second paragraph"]),
        ["2610.00020"]
    );
    assert_eq!(listed_ids(&env, &["--limit", "1"]), ["2611.00010"]);
    assert_eq!(
        listed_ids(&env, &["--sort", "title"]),
        ["2611.00005", "2610.00020", "2611.00010"]
    );
}

#[test]
fn new_means_first_seen_by_the_latest_fetch() {
    let (stub, env) = fetched_env();
    assert_eq!(
        listed_ids(&env, &["--new"]).len(),
        3,
        "everything is new after the first fetch"
    );
    stub.script([
        Reply::atom(feed(
            3,
            0,
            10,
            &[
                StubEntry::new("2611.00077", "2026-11-20", "Newer"),
                speculative(),
                hostile(),
            ],
        )),
        Reply::atom(feed(1, 0, 10, &[moe_paper()])),
    ]);
    env.papers().arg("fetch").assert().success();
    assert_eq!(listed_ids(&env, &["--new"]), ["2611.00077"]);
}

#[test]
fn markdown_matches_the_topic_page_shape() {
    let (_stub, env) = fetched_env();
    let text = list(&env, &["--topic", "npu", "--format", "markdown"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "|Date|Title|label|Abstract|PDF|Code|");
    assert_eq!(lines[1], "|---|---|---|---|---|---|");
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(
        lines[2],
        "|**2026-11-10**|**Speculative decoding on mobile NPUs**|cs.AR, cs.LG| <details><summary>Full Abstract</summary>\
         We run drafts on the NPU.<br><br>Code: https://github.com/foo/npu-spec.</details>|\
         [2611.00010v1](http://arxiv.org/abs/2611.00010v1)|**[link](https://github.com/foo/npu-spec)**|"
    );
    // Hostile text can't add cells or close the <details> early.
    let hostile = lines[3];
    assert_eq!(
        hostile.matches('|').count() - hostile.matches("\\|").count(),
        7,
        "{hostile}"
    );
    assert_eq!(hostile.matches("</details>").count(), 1, "{hostile}");
    assert!(hostile.ends_with("| null|"), "{hostile}");

    let both = list(
        &env,
        &["--topic", "npu", "--topic", "edge", "--format", "markdown"],
    );
    assert!(both.starts_with("## NPU acceleration\n"), "{both}");
    assert!(both.contains("\n## Edge inference\n"), "{both}");
    assert_eq!(
        both.matches("|Date|Title|label|Abstract|PDF|Code|").count(),
        2
    );
}

#[test]
fn table_shows_versions_authors_and_no_raw_control_characters() {
    let (_stub, env) = fetched_env();
    let text = list(&env, &[]);
    assert!(text.contains("2611.00005v2"), "{text}");
    assert!(text.contains("2026-11-10"), "{text}");
    assert!(text.contains("Wei Zhang et al."), "{text}");
    assert!(text.contains("github.com/foo/npu-spec"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control characters reached the table: {text:?}"
    );
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let (_stub, env) = fetched_env();
    env.papers()
        .args(["list", "--topic", "gpu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"gpu\"").and(predicate::str::contains("npu, edge")));
    env.papers()
        .args(["list", "--since", "2026-13-45"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--since").and(predicate::str::contains("2026-13-45")));
    env.papers()
        .args(["list", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn an_empty_cache_says_how_to_fill_it() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers()
        .arg("list")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("run `papers fetch` first"));
    env.papers()
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn a_closed_pipe_ends_list_quietly() {
    let stub = ArxivStub::start();
    let catalogue: Vec<StubEntry> = (1..=300)
        .map(|n| {
            StubEntry::new(&format!("2611.{n:05}"), "2026-11-01", &format!("Paper {n}"))
                .summary(&"long abstract ".repeat(40))
        })
        .collect();
    stub.set_catalogue(catalogue);
    let env = TestEnv::with_stub_config(&stub, "page_size = 100\nmax_results = 300\n", TWO_TOPICS);
    env.papers()
        .args(["fetch", "--topic", "npu"])
        .assert()
        .success();

    let binary = assert_cmd::cargo::cargo_bin("papers");
    let mut child = StdCommand::new(binary)
        .args(["list", "--format", "json"])
        .env("PAPERS_CONFIG", env.config_path())
        .env("PAPERS_CACHE_DIR", env.cache_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn papers");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout); // like `| head -c 16`
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "status {:?}", output.status);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "no panic, no error on a closed pipe"
    );
}

/// CSV and a one-topic Markdown table go out a shard at a time, as JSON
/// does: the same papers in the same order as JSON (the cache here spans
/// two months, so two shards), the header once, at most `--limit` rows, and
/// nothing on stdout when nothing matches.
#[test]
fn csv_and_markdown_stream_the_listing_json_gives() {
    let (_stub, env) = fetched_env();
    let with = |args: &[&str], more: &[&'static str]| -> Vec<String> {
        args.iter().chain(more).map(|s| s.to_string()).collect()
    };
    for args in [&[][..], &["--topic", "npu"], &["--limit", "2"]] {
        let ids = listed_ids(&env, args);
        assert!(!ids.is_empty(), "{args:?}");
        let csv_args = with(args, &["--format", "csv"]);
        let csv_text = list(
            &env,
            &csv_args.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        assert_eq!(&reader.headers().expect("header")[0], "id");
        let csv_ids: Vec<String> = reader
            .records()
            .map(|record| record.expect("record")[0].to_owned())
            .collect();
        assert_eq!(csv_ids, ids, "csv {args:?}");
    }
    let ids = listed_ids(&env, &["--topic", "npu"]);
    assert_eq!(ids.len(), 2, "{ids:?}");
    let markdown = list(&env, &["--topic", "npu", "--format", "markdown"]);
    let rows: Vec<&str> = markdown.lines().skip(2).collect();
    assert_eq!(markdown.matches("|Date|Title|").count(), 1, "{markdown}");
    assert_eq!(rows.len(), ids.len(), "{markdown}");
    for (row, id) in rows.iter().zip(&ids) {
        assert!(row.contains(&format!("[{id}v1]")), "{id}: {row}");
    }
    for format in ["csv", "markdown"] {
        env.papers()
            .args([
                "list", "--topic", "npu", "--grep", "zzzz", "--format", format,
            ])
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains("no papers match"));
    }
}

/// A table for a pipe is written a shard at a time after a first pass that
/// measures its columns: still one table, one header, the papers the JSON
/// lists in its order, every line as long as the rules.
#[test]
fn a_piped_table_lists_what_json_gives_in_one_table() {
    let (_stub, env) = fetched_env();
    for args in [&[][..], &["--topic", "npu"], &["--limit", "2"]] {
        let ids = listed_ids(&env, args);
        assert!(!ids.is_empty(), "{args:?}");
        let table = list(&env, args);
        let lines: Vec<&str> = table.lines().collect();
        let is_rule = |line: &&str| line.chars().all(|c| c == '─' || c == '═');
        assert_eq!(
            lines
                .iter()
                .filter(|line| line.starts_with("Score"))
                .count(),
            1,
            "{table}"
        );
        assert_eq!(lines.iter().filter(|line| line.contains('═')).count(), 1);
        let rows: Vec<&str> = lines[3..].iter().copied().filter(|l| !is_rule(l)).collect();
        assert_eq!(rows.len(), ids.len(), "{args:?}\n{table}");
        for (row, id) in rows.iter().zip(&ids) {
            assert!(row.contains(id.as_str()), "{id}: {row}");
        }
        // Alternating: a row, then the rule under it.
        assert!(lines[3..].iter().skip(1).step_by(2).all(is_rule), "{table}");
        let width = lines[0].chars().count();
        assert!(
            lines[..3].iter().all(|l| l.chars().count() == width),
            "{table}"
        );
    }
    env.papers()
        .args(["list", "--grep", "zzzz"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no papers match"));
}

/// BibTeX and Atom listings are written a shard at a time after a first
/// pass (citation keys, the newest update): one entry per paper the JSON
/// lists, in its order, keys distinct, the feed dated by its newest paper.
#[test]
fn bibtex_and_atom_list_what_json_gives() {
    let (_stub, env) = fetched_env();
    for args in [&[][..], &["--topic", "npu"], &["--limit", "2"]] {
        let ids = listed_ids(&env, args);
        let with = |format: &'static str| {
            let mut full = vec!["--format", format];
            full.extend_from_slice(args);
            list(&env, &full)
        };
        let bib = with("bibtex");
        let eprints: Vec<&str> = bib
            .lines()
            .filter_map(|line| line.trim().strip_prefix("eprint = {"))
            .map(|rest| rest.trim_end_matches("},"))
            .collect();
        assert_eq!(eprints, ids, "{args:?}\n{bib}");
        let keys: BTreeSet<&str> = bib
            .lines()
            .filter_map(|line| line.strip_prefix('@')?.split_once('{'))
            .map(|(_, key)| key)
            .collect();
        assert_eq!(keys.len(), ids.len(), "distinct keys: {bib}");

        let feed = with("atom");
        let entry_ids: Vec<&str> = feed
            .lines()
            .filter_map(|line| line.trim().strip_prefix("<id>http://arxiv.org/abs/"))
            .map(|rest| rest.trim_end_matches("</id>"))
            .collect();
        assert_eq!(entry_ids, ids, "{args:?}\n{feed}");
        let mut full = vec!["--format", "json"];
        full.extend_from_slice(args);
        let json: serde_json::Value = serde_json::from_str(&list(&env, &full)).expect("json");
        let newest = json
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|paper| paper["updated"].as_str())
            .max()
            .expect("an updated time");
        let feed_updated = feed
            .lines()
            .nth(4)
            .and_then(|line| line.trim().strip_prefix("<updated>"))
            .expect("the feed's own <updated> after its id and title");
        assert!(
            feed_updated.starts_with(&newest[..19]),
            "{feed_updated} vs {newest}"
        );
        assert!(feed.ends_with("</feed>\n"));
    }
}

/// A page of several topics goes out a section at a time, a pass over the
/// shards per topic: the bytes the whole-cache path lays out (every paper
/// read at once, selected, one section per topic), and per section the
/// papers the JSON lists for that topic, in its order. Over two months'
/// shards, with a paper of both topics in both sections, an empty section
/// first, `--limit` cutting the whole listing, and nothing when nothing
/// matches.
#[test]
fn a_page_of_several_topics_streams_what_the_whole_cache_gives() {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(feed(2, 0, 10, &[speculative(), hostile()])),
        Reply::atom(feed(2, 0, 10, &[moe_paper(), speculative()])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TWO_TOPICS);
    env.papers().arg("fetch").assert().success();
    let store = CacheStore::new(env.cache_dir());
    assert_eq!(store.load_index().expect("index").shards().len(), 2);
    let cache = store.load().expect("cache");
    let heading = |name: &str| match name {
        "npu" => "NPU acceleration",
        _ => "Edge inference",
    };
    let october = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
    // The topics, the other flags, and their --limit and --until for the
    // reference.
    type Case<'a> = (
        &'a [&'a str],
        &'a [&'a str],
        Option<usize>,
        Option<NaiveDate>,
    );
    let cases: [Case; 5] = [
        (&["npu", "edge"], &[], None, None),
        (&["edge", "npu"], &[], None, None),
        (&["npu", "edge"], &["--limit", "1"], Some(1), None),
        (&["edge", "npu"], &["--limit", "2"], Some(2), None),
        (
            &["edge", "npu"],
            &["--until", "2026-10-31"],
            None,
            Some(october),
        ),
    ];
    for (topics, more, limit, until) in cases {
        let mut args: Vec<&str> = topics.iter().flat_map(|t| ["--topic", t]).collect();
        args.extend_from_slice(more);
        let listing = filter::select(
            cache.papers.values(),
            &Filter {
                topics: topics.iter().map(|t| t.to_string()).collect(),
                until,
                ..Filter::default()
            },
            SortKey::Date,
            limit,
        );
        let of_topic = |name: &str| -> Vec<&CachedPaper> {
            listing
                .iter()
                .copied()
                .filter(|paper| paper.topics.contains(name))
                .collect()
        };
        let sections: Vec<Section> = topics
            .iter()
            .map(|&name| Section {
                heading: heading(name),
                papers: of_topic(name),
            })
            .collect();
        let mut markdown_args = args.clone();
        markdown_args.extend(["--format", "markdown"]);
        let page = list(&env, &markdown_args);
        assert_eq!(page, markdown_sections(&sections), "{args:?}");

        // Cross-checked against JSON, not the library: its papers of each
        // topic, in its order, are the section's rows.
        let mut json_args = args.clone();
        json_args.extend(["--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&list(&env, &json_args)).expect("json");
        for (index, &name) in topics.iter().enumerate() {
            let ids: Vec<String> = json
                .as_array()
                .expect("array")
                .iter()
                .filter(|paper| {
                    paper["topics"]
                        .as_array()
                        .expect("topics")
                        .contains(&name.into())
                })
                .map(|paper| format!("[{}v", paper["id"].as_str().expect("id")))
                .collect();
            let section = page
                .split(&format!("## {}\n", heading(name)))
                .nth(1)
                .and_then(|rest| rest.split("\n## ").next())
                .expect("the section");
            let rows: Vec<&str> = section.lines().skip(3).filter(|l| !l.is_empty()).collect();
            assert_eq!(rows.len(), ids.len(), "{args:?} {name}\n{page}");
            for (row, id) in rows.iter().zip(&ids) {
                assert!(row.contains(id.as_str()), "{id}: {row}");
            }
            assert_eq!(
                index == 0,
                page.starts_with(&format!("## {}\n", heading(name)))
            );
        }
    }
    let both = list(
        &env,
        &["--topic", "npu", "--topic", "edge", "--format", "markdown"],
    );
    assert_eq!(
        both.matches("2611.00010v1](").count(),
        2,
        "in both sections: {both}"
    );
    assert!(both.ends_with("| null|\n\n"), "{both}");
    env.papers()
        .args([
            "list", "--topic", "npu", "--topic", "edge", "--grep", "zzzz", "--format", "markdown",
        ])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no papers match"));
}
