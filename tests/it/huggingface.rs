//! Hugging Face Daily Papers: `papers fetch` reading the loopback stand-in
//! of `/api/daily_papers` (answering from the two recorded responses), the
//! join into `list`/`show`, the list options, `papers trending`, and an
//! outage that must cost nothing.

use serde_json::Value;

use crate::support::{ArxivStub, Reply, StubEntry, TestEnv};

const ONE_TOPIC: &str = r#"
[[topics]]
name = "npu"
title = "NPU acceleration"
keywords = ["NPU"]
"#;

fn fixture_entries(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/fixtures/hf/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("HF fixture");
    match serde_json::from_str(&text).expect("fixture parses") {
        Value::Array(entries) => entries,
        other => panic!("{path}: not an array: {other}"),
    }
}

/// A stub holding both recorded responses on the Hub's side, and on arXiv's
/// three of their papers plus one the Hub never listed.
fn stub() -> ArxivStub {
    let stub = ArxivStub::start();
    let mut entries = fixture_entries("daily_papers_2026-06-12_sotawhat.json");
    entries.extend(fixture_entries(
        "daily_papers_2026-08-03_NewsAssistant.json",
    ));
    stub.set_hf_entries(entries);
    stub.set_catalogue(vec![
        StubEntry::new("2606.13681", "2026-06-11", "EvoArena on arXiv"),
        StubEntry::new("2606.13392", "2026-06-11", "MiniMax Sparse Attention"),
        StubEntry::new("2606.13289", "2026-06-10", "HYDRA-X"),
        StubEntry::new("2606.00007", "2026-06-09", "Never on the Hub"),
    ]);
    stub
}

fn fetch_since(env: &TestEnv, since: &str) -> assert_cmd::assert::Assert {
    env.papers().args(["fetch", "--since", since]).assert()
}

fn list_json(env: &TestEnv, extra: &[&str]) -> Vec<Value> {
    let out = env
        .papers()
        .args(["list", "--format", "json"])
        .args(extra)
        .output()
        .expect("run list");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout).expect("list JSON") {
        Value::Array(papers) => papers,
        other => panic!("not an array: {other}"),
    }
}

fn by_id<'a>(papers: &'a [Value], id: &str) -> &'a Value {
    papers
        .iter()
        .find(|paper| paper["id"] == id)
        .unwrap_or_else(|| panic!("{id} not listed"))
}

#[test]
fn fetch_joins_the_hub_fields_onto_cached_papers_field_by_field() {
    let stub = stub();
    let env = TestEnv::with_hf_stub_config(&stub, 1, ONE_TOPIC);
    let out = fetch_since(&env, "2026-06-01").success();
    let summary = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let row = summary
        .lines()
        .find(|line| line.starts_with("huggingface"))
        .unwrap_or_else(|| panic!("no huggingface row: {summary}"));
    assert!(row.ends_with("ok") && row.contains(" 33 "), "{row}");

    let papers = list_json(&env, &[]);
    assert_eq!(
        papers.len(),
        4,
        "HF papers outside every topic are not listed"
    );
    let evo = by_id(&papers, "2606.13681");
    assert_eq!(
        evo["hf"],
        serde_json::json!({
            "upvotes": 118,
            "comments": 3,
            "github_repo": "https://github.com/Aiden0526/EvoArena",
            "github_stars": 9,
            "project_page": "https://aiden0526.github.io/EvoArena/",
            "featured": "2026-06-12",
            "ai_keywords": evo["hf"]["ai_keywords"].clone(),
        })
    );
    assert_eq!(evo["hf"]["ai_keywords"][0], "large language model agents");
    assert_eq!(
        evo["code_url"], "https://github.com/Aiden0526/EvoArena",
        "no link in the abstract: the Hub's repo stands in"
    );
    let msa = by_id(&papers, "2606.13392");
    assert_eq!(msa["hf"]["upvotes"], 103);
    assert_eq!(msa["hf"]["github_stars"], 251);
    assert_eq!(msa["hf"]["project_page"], Value::Null);
    let hydra = by_id(&papers, "2606.13289");
    assert_eq!(hydra["hf"]["github_repo"], Value::Null);
    assert_eq!(
        hydra["hf"]["github_stars"],
        Value::Null,
        "no stars without a repo"
    );
    assert_eq!(hydra["code_url"], Value::Null);
    assert_eq!(by_id(&papers, "2606.00007")["hf"], Value::Null);

    // Everything the Hub listed is kept, in its own file.
    let held: Value =
        serde_json::from_str(&std::fs::read_to_string(env.hf_file()).expect("hf file"))
            .expect("hf file parses");
    assert_eq!(held["papers"].as_object().map(|m| m.len()), Some(33));
    assert!(held["last_read"].is_string(), "{held}");

    // What was sent: the period and page, nothing about the reader.
    let seen = stub.hf_seen();
    assert_eq!(seen[0].param("month"), "2026-06");
    assert_eq!(seen[0].param("limit"), "100");
    assert_eq!(seen[0].param("p"), "0");
    assert!(
        seen[0].accept.contains("application/json"),
        "{}",
        seen[0].accept
    );
    assert!(seen.iter().all(|s| s.params.len() == 3), "{seen:?}");
}

#[test]
fn a_six_month_backfill_takes_well_under_sixty_requests() {
    let stub = stub();
    let env = TestEnv::with_hf_stub_config(&stub, 0, ONE_TOPIC);
    fetch_since(&env, "2026-06-01").success();
    let seen = stub.hf_seen();
    assert!(seen.len() < 60, "{} requests", seen.len());
    // Months and weeks, not one request per day.
    let by_day = seen.iter().filter(|s| !s.param("date").is_empty()).count();
    assert!(
        by_day <= 7,
        "{by_day} single days among {} requests",
        seen.len()
    );
    assert!(
        seen.iter().any(|s| s.param("month") == "2026-11"),
        "{seen:?}"
    );
}

#[test]
fn show_table_and_list_options_use_the_hub_data() {
    let stub = stub();
    let env = TestEnv::with_hf_stub_config(&stub, 1, ONE_TOPIC);
    fetch_since(&env, "2026-06-01").success();

    let ranked = list_json(&env, &["--sort", "upvotes"]);
    let ids: Vec<&str> = ranked.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["2606.13681", "2606.13392", "2606.13289", "2606.00007"]
    );
    let voted = list_json(&env, &["--min-upvotes", "100"]);
    assert_eq!(voted.len(), 2);
    let coded = list_json(&env, &["--has-code"]);
    let ids: Vec<&str> = coded.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids, ["2606.13681", "2606.13392"]);

    let table = env.papers().args(["list"]).output().expect("list");
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        table.lines().next().is_some_and(|h| h.contains("Upvotes")) || table.contains("Upvotes")
    );
    let evo = table
        .lines()
        .find(|l| l.contains("2606.13681"))
        .unwrap_or("");
    assert!(evo.contains("▲ 118"), "{table}");

    let show = env
        .papers()
        .args(["show", "2606.13392"])
        .output()
        .expect("show");
    let show = String::from_utf8_lossy(&show.stdout).into_owned();
    assert!(
        show.contains("▲ 103 upvotes, 4 comments, featured 2026-06-12"),
        "{show}"
    );
    assert!(
        show.contains("https://github.com/MiniMax-AI/MSA (★ 251)"),
        "{show}"
    );
    let json = env
        .papers()
        .args(["show", "2606.13392", "--format", "json"])
        .output()
        .expect("show json");
    let json: Value = serde_json::from_slice(&json.stdout).expect("show JSON");
    assert_eq!(json["hf"]["comments"], 4);
}

#[test]
fn an_outage_is_loud_and_keeps_what_was_held() {
    let stub = stub();
    let env = TestEnv::with_hf_stub_config(&stub, 1, ONE_TOPIC);
    fetch_since(&env, "2026-06-01").success();
    let before = std::fs::read(env.hf_file()).expect("hf file");

    stub.set_catalogue(vec![StubEntry::new("2606.00008", "2026-06-12", "Newer")]);
    stub.hf_script((0..2).map(|_| Reply::status(500, "down")));
    let requests_before = stub.hf_seen().len();
    let out = env.papers().arg("fetch").assert().code(1);
    let output = out.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stderr.contains("papers: huggingface failed: "), "{stderr}");
    assert!(stderr.contains("HTTP 500"), "{stderr}");
    let row = stdout
        .lines()
        .find(|l| l.starts_with("huggingface"))
        .unwrap_or("");
    assert!(
        row.contains(" 33  failed: "),
        "the total still held: {stdout}"
    );
    assert_eq!(
        stub.hf_seen().len() - requests_before,
        2,
        "one try and one retry"
    );
    assert_eq!(
        std::fs::read(env.hf_file()).expect("hf file"),
        before,
        "untouched"
    );
    // The arXiv part was saved as usual.
    assert!(env.cache_json()["papers"]["2606.00008"].is_object());
}

#[test]
fn an_answer_that_is_not_the_documented_json_names_the_field() {
    let stub = stub();
    let env = TestEnv::with_hf_stub_config(&stub, 0, ONE_TOPIC);
    stub.hf_script([Reply::atom(
        r#"[{"paper":{"id":"2606.00001","title":"x","submittedOnDailyAt":"2026-06-12T00:00:00.000Z","upvotes":"many"}}]"#,
    )]);
    let out = env.papers().arg("fetch").assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("[0].paper.upvotes"), "{stderr}");
    assert!(!env.hf_file().exists(), "nothing stored from a bad answer");
}

#[test]
fn no_hf_and_disabled_send_nothing_to_the_hub() {
    let stub = stub();
    let env = TestEnv::with_hf_stub_config(&stub, 0, ONE_TOPIC);
    let out = env.papers().args(["fetch", "--no-hf"]).assert().success();
    assert!(stub.hf_seen().is_empty());
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains("huggingface"), "{stdout}");

    let config = std::fs::read_to_string(env.config_path()).expect("config");
    env.write_config(&config.replace("enabled = true", "enabled = false"));
    env.papers().arg("fetch").assert().success();
    assert!(stub.hf_seen().is_empty());
    assert!(!env.hf_file().exists());
}

#[test]
fn trending_ranks_the_span_marks_topics_and_fetch_adds_records() {
    let stub = stub();
    let env = TestEnv::with_hf_stub_config(&stub, 0, ONE_TOPIC);
    fetch_since(&env, "2026-06-01").success();
    let trending = |extra: &[&str]| -> Vec<Value> {
        let out = env
            .papers()
            .args(["trending", "--since", "2026-06-01", "--format", "json"])
            .args(extra)
            .output()
            .expect("trending");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        match serde_json::from_slice(&out.stdout).expect("JSON") {
            Value::Array(rows) => rows,
            other => panic!("{other}"),
        }
    };
    let rows = trending(&["--limit", "4"]);
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["2606.13681", "2606.13392", "2606.08063", "2606.13289"]
    );
    assert_eq!(rows[0]["in_topics"], true);
    assert_eq!(rows[0]["topics"][0], "npu");
    assert_eq!(
        rows[0]["title"], "EvoArena on arXiv",
        "the cache's title when held"
    );
    assert_eq!(rows[2]["in_topics"], false);
    assert_eq!(rows[2]["cached"], false);
    assert_eq!(rows[2]["hf"]["upvotes"], 74);
    assert_eq!(trending(&["--topic", "npu"]).len(), 3);
    assert_eq!(trending(&[]).len(), 20, "--limit defaults to 20");

    // --fetch: the missing ones by id_list, in one request.
    stub.clear_seen();
    stub.set_catalogue(vec![StubEntry::new(
        "2606.08063",
        "2026-06-10",
        "Robust-U1",
    )]);
    let out = env
        .papers()
        .args([
            "trending",
            "--since",
            "2026-06-01",
            "--limit",
            "4",
            "--fetch",
        ])
        .assert()
        .success();
    let seen = stub.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].param("id_list"), "2606.08063");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("▲ 74"), "{stdout}");
    assert!(env.cache_json()["papers"]["2606.08063"].is_object());
    assert_eq!(trending(&["--limit", "4"])[2]["cached"], true);
}
