//! Venues read from comments and journal refs, end to end: the real binary
//! over the twenty papers of two recorded arXiv responses (whose comments
//! name ICST, ISSTA and their workshops), fetched through the loopback stub.

use crate::support::{ArxivStub, Reply, TestEnv, fixture};

const ONE_TOPIC: &str = r#"
[[topics]]
name = "testing"
title = "Software testing"
keywords = ["testing"]
"#;

fn fetched_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.script([
        Reply::atom(fixture("api2026_search_all_testing_start0_max10.xml")),
        Reply::atom(fixture("api2026_search_all_testing_start10_max10.xml")),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    (stub, env)
}

fn run(env: &TestEnv, args: &[&str]) -> String {
    let output = env.papers().args(args).output().expect("run papers");
    assert!(
        output.status.success(),
        "papers {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

fn json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let text = run(env, &[&["list", "--format", "json"], args].concat());
    serde_json::from_str(&text).expect("list prints JSON")
}

fn ids(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|paper| paper["id"].as_str().expect("id"))
        .collect()
}

fn paper<'a>(all: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    all.as_array()
        .expect("a JSON array")
        .iter()
        .find(|paper| paper["id"] == id)
        .unwrap_or_else(|| panic!("{id} listed"))
}

#[test]
fn json_has_the_venue_of_every_paper_or_null() {
    let (_stub, env) = fetched_env();
    let all = json(&env, &[]);
    assert_eq!(ids(&all).len(), 20);
    assert!(
        all.as_array()
            .expect("array")
            .iter()
            .all(|paper| paper.get("venue").is_some()),
        "every paper has the key"
    );
    // "Accepted by the ACM SIGSOFT ... (ISSTA 2020)" with the journal ref
    // "In Proc. ... (ISSTA 2020), pages 14-26": the journal ref wins.
    assert_eq!(
        paper(&all, "2005.14124")["venue"],
        serde_json::json!({"name": "ISSTA", "year": 2020, "status": "published", "matched": "ISSTA 2020"})
    );
    // "Accepted to the International Conference of Software Testing (ICST2023)"
    assert_eq!(
        paper(&all, "2301.05651")["venue"],
        serde_json::json!({"name": "ICST", "year": 2023, "status": "accepted", "matched": "ICST2023"})
    );
    // A workshop held at ICST is not ICST; an IJSEA journal ref is no known venue.
    for id in ["2202.12139", "2405.13786", "1202.4527", "2503.05378"] {
        assert_eq!(paper(&all, id)["venue"], serde_json::Value::Null, "{id}");
    }
}

#[test]
fn table_has_a_venue_column_only_when_a_listed_paper_has_a_venue() {
    let (_stub, env) = fetched_env();
    let with = run(&env, &["list"]);
    let header = with.lines().find(|l| l.contains("Date")).expect("header");
    assert!(header.contains("Venue"), "{header}");
    let row = with
        .lines()
        .find(|line| line.contains("2202.06271"))
        .expect("row of 2202.06271");
    assert!(row.contains("  ICST 2022  "), "{row}");

    // Papers up to 2019: none names a venue.
    let without = run(&env, &["list", "--until", "2019-12-31"]);
    assert!(without.contains("1912.09881"), "{without}");
    assert!(!without.contains("Venue"), "{without}");
}

#[test]
fn venue_filter_matches_any_case_and_optionally_a_year() {
    let (_stub, env) = fetched_env();
    assert_eq!(
        ids(&json(&env, &["--venue", "icst"])),
        ["2301.13615", "2301.05651", "2202.06271"]
    );
    assert_eq!(
        ids(&json(&env, &["--venue", "ICST:2023"])),
        ["2301.13615", "2301.05651"]
    );
    assert_eq!(ids(&json(&env, &["--venue", "issta:20"])), ["2005.14124"]);
    assert!(ids(&json(&env, &["--venue", "ICST:2021"])).is_empty());

    // `search` shares the filter flags.
    let found: serde_json::Value = serde_json::from_str(&run(
        &env,
        &["search", "--venue", "ISSTA", "--format", "json", "testing"],
    ))
    .expect("search prints JSON");
    let mut found = ids(&found);
    found.sort_unstable();
    assert_eq!(found, ["2005.14124", "2204.08348"]);
}

#[test]
fn a_bad_venue_filter_is_a_one_line_usage_error() {
    let (_stub, env) = fetched_env();
    for (value, says) in [
        ("DAC:20x5", "year `20x5` is not a year"),
        ("NoSuchConf", "unknown venue `NoSuchConf`"),
        (":2025", "expected NAME or NAME:YEAR"),
    ] {
        let output = env
            .papers()
            .args(["list", "--venue", value])
            .output()
            .expect("run papers");
        assert_eq!(output.status.code(), Some(2), "{value}");
        assert!(output.stdout.is_empty(), "{value}");
        let stderr = String::from_utf8(output.stderr).expect("utf-8 stderr");
        assert_eq!(stderr.lines().count(), 1, "{value}: {stderr}");
        assert!(stderr.starts_with("papers: error: "), "{stderr}");
        assert!(stderr.contains("--venue"), "{stderr}");
        assert!(stderr.contains(says), "{value}: {stderr}");
    }
}

#[test]
fn bibtex_cites_a_conference_paper_as_inproceedings() {
    let (_stub, env) = fetched_env();
    let entry = run(
        &env,
        &["list", "--format", "bibtex", "--venue", "ISSTA:2020"],
    );
    assert!(entry.starts_with("@inproceedings{"), "{entry}");
    assert!(
        entry.contains(
            "  booktitle = {ACM SIGSOFT International Symposium on Software Testing and Analysis},\n"
        ),
        "{entry}"
    );
    assert!(entry.contains("  year = {2020},\n"), "{entry}");
    assert!(entry.contains("  eprint = {2005.14124},\n"), "{entry}");
    assert!(entry.contains("  archivePrefix = {arXiv},\n"), "{entry}");
    assert!(!entry.contains("journal ="), "{entry}");

    // No venue: the journal ref still makes an @article.
    let shown = run(&env, &["show", "1202.4527", "--format", "bibtex"]);
    assert!(shown.starts_with("@article{"), "{shown}");
    assert!(
        shown.contains("  journal = {International Journal of Software Engineering \\& Applications (IJSEA), Vol.3, No.1, January 2012},\n"),
        "{shown}"
    );
}

#[test]
fn show_prints_the_venue_and_its_status() {
    let (_stub, env) = fetched_env();
    let text = run(&env, &["show", "2301.05651"]);
    assert!(
        text.contains("\nVenue:      ICST 2023 (accepted)\n"),
        "{text}"
    );
    let object: serde_json::Value =
        serde_json::from_str(&run(&env, &["show", "2204.08348", "--format", "json"]))
            .expect("show prints JSON");
    assert_eq!(object["venue"]["name"], "ISSTA");
    assert_eq!(object["venue"]["year"], 2022);
    assert_eq!(object["venue"]["status"], "published");
    let plain = run(&env, &["show", "1912.09881"]);
    assert!(!plain.contains("Venue:"), "{plain}");
}
