//! The fit (issue 10) end to end: dismiss/undismiss, `list --sort fit`,
//! `show --why`'s fit, `similar`, and `import` of every file format, with
//! uncached ids looked up from the stub in batches.

use crate::support::{ArxivStub, Reply, StubEntry, TestEnv, feed};

const TOPIC: &str = r#"
[[topics]]
name = "ml"
title = "Machine learning"
keywords = ["protein"]
"#;

const DECODING: [&str; 4] = [
    "speculative decoding with a draft model",
    "draft tokens verified by the target model",
    "faster LLM decoding via token speculation",
    "tree attention for speculative drafts",
];
const PROTEIN: [&str; 4] = [
    "protein folding structure prediction",
    "amino acid sequence embeddings for proteins",
    "protein structure diffusion models",
    "binding affinity of protein ligands",
];

/// Ids 2611.000NN: even NN on decoding, odd NN on proteins, dates
/// interleaved so the newest-first order mixes the two themes.
fn catalogue() -> Vec<StubEntry> {
    (1..=24)
        .map(|n: usize| {
            let (theme, authors) = if n.is_multiple_of(2) {
                (DECODING, ["Dana Draft", "Sam Verify"])
            } else {
                (PROTEIN, ["Pia Fold", "Amin Acid"])
            };
            let title = format!("{} {n}", theme[n % 4]);
            let summary = format!(
                "We study {}. Our method improves on {} and {}.",
                theme[n % 4],
                theme[(n + 1) % 4],
                theme[(n + 2) % 4]
            );
            StubEntry::new(&id(n), &format!("2026-11-{n:02}"), &title)
                .summary(&summary)
                .authors(&authors)
        })
        .collect()
}

fn id(n: usize) -> String {
    format!("2611.{n:05}")
}

fn fetched_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    stub.set_catalogue(catalogue());
    let env = TestEnv::with_stub_config(&stub, "max_results = 40", TOPIC);
    env.papers().arg("fetch").assert().success();
    stub.clear_seen();
    (stub, env)
}

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.papers().args(args).output().expect("run papers")
}

fn ok(env: &TestEnv, args: &[&str]) -> (String, String) {
    let output = run(env, args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "papers {args:?}: {stderr}");
    (String::from_utf8(output.stdout).expect("utf-8"), stderr)
}

fn json_ids(text: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(text).expect("json");
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|paper| paper["id"].as_str().expect("id").to_owned())
        .collect()
}

/// Stars five decoding papers and dismisses two protein ones.
fn mark(env: &TestEnv) {
    for n in [2, 4, 6, 8, 10] {
        ok(env, &["star", &id(n)]);
    }
    ok(env, &["dismiss", &id(1), &id(3)]);
}

#[test]
fn dismiss_hides_a_paper_until_undismissed() {
    let (_stub, env) = fetched_env();
    let (out, _) = ok(&env, &["dismiss", &id(5), "arXiv:2611.00007"]);
    assert_eq!(out, "dismissed 2 papers\n");
    let listed = json_ids(&ok(&env, &["list", "-f", "json"]).0);
    assert_eq!(listed.len(), 22);
    assert!(!listed.contains(&id(5)) && !listed.contains(&id(7)));
    let unseen = json_ids(&ok(&env, &["list", "--unseen", "-f", "json"]).0);
    assert!(!unseen.contains(&id(5)), "{unseen:?}");
    let dismissed = json_ids(&ok(&env, &["list", "--dismissed", "-f", "json"]).0);
    assert_eq!(dismissed, [id(7), id(5)]);

    let (out, err) = ok(&env, &["undismiss", &id(5), &id(9)]);
    assert_eq!(out, "undismissed 1 paper\n");
    assert_eq!(err, "papers: 2611.00009 was not dismissed\n");
    let listed = json_ids(&ok(&env, &["list", "-f", "json"]).0);
    assert!(listed.contains(&id(5)) && !listed.contains(&id(7)));
}

#[test]
fn the_latest_of_star_and_dismiss_wins() {
    let (_stub, env) = fetched_env();
    ok(&env, &["star", &id(4)]);
    let (_, err) = ok(&env, &["dismiss", &id(4)]);
    assert_eq!(
        err,
        "papers: 2611.00004 was starred; the dismissal replaces the star\n"
    );
    assert!(json_ids(&ok(&env, &["list", "--starred", "-f", "json"]).0).is_empty());
    ok(&env, &["star", &id(4)]);
    assert_eq!(
        json_ids(&ok(&env, &["list", "--starred", "-f", "json"]).0),
        [id(4)]
    );
    assert!(json_ids(&ok(&env, &["list", "--dismissed", "-f", "json"]).0).is_empty());
}

#[test]
fn dismissing_an_uncached_paper_marks_nothing() {
    let (_stub, env) = fetched_env();
    let output = run(&env, &["dismiss", &id(4), "2611.99999"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("2611.99999 is not in the cache"));
    assert!(json_ids(&ok(&env, &["list", "--dismissed", "-f", "json"]).0).is_empty());
}

#[test]
fn sort_fit_puts_papers_like_the_starred_ones_first() {
    let (_stub, env) = fetched_env();
    mark(&env);
    let (out, err) = ok(&env, &["list", "--sort", "fit", "-f", "json"]);
    assert_eq!(err, "", "a trained model needs no note");
    let value: serde_json::Value = serde_json::from_str(&out).expect("json");
    let papers = value.as_array().expect("array");
    assert_eq!(papers.len(), 22, "dismissed papers are left out");
    let fits: Vec<f64> = papers
        .iter()
        .map(|p| p["fit"].as_f64().expect("fit"))
        .collect();
    assert!(fits.windows(2).all(|w| w[0] >= w[1]), "{fits:?}");
    assert!(
        papers.iter().all(|p| p["score"].is_u64()),
        "Score stays its own field"
    );
    // Every decoding paper (even number) outranks every protein paper.
    let ids = json_ids(&out);
    let evens = ids
        .iter()
        .take(12)
        .filter(|id| id.ends_with(['0', '2', '4', '6', '8']))
        .count();
    assert_eq!(evens, 12, "{ids:?}");
    // Date and score orders do not: the keyword score favours proteins.
    let by_score = json_ids(&ok(&env, &["list", "--sort", "score", "-f", "json"]).0);
    assert!(
        by_score[0].ends_with(['1', '3', '5', '7', '9']),
        "{by_score:?}"
    );

    let (again, _) = ok(&env, &["list", "--sort", "fit", "-f", "json"]);
    assert_eq!(out, again, "same marks and cache, same output");
    let (table, _) = ok(&env, &["list", "--sort", "fit", "-n", "3"]);
    let header = table.lines().nth(1).expect("header");
    assert!(
        header.trim_start().starts_with("Fit  Score  Date"),
        "{table}"
    );
}

#[test]
fn sort_fit_tag_ranks_by_that_tags_model() {
    let (_stub, env) = fetched_env();
    for n in [1, 3, 5, 7, 9] {
        ok(&env, &["tag", &id(n), "bio"]);
    }
    let (out, err) = ok(
        &env,
        &["list", "--sort", "fit", "--tag", "bio", "-f", "json"],
    );
    assert_eq!(err, "");
    let ids = json_ids(&out);
    assert_eq!(ids.len(), 24, "--tag names the model, it does not filter");
    let odds = ids
        .iter()
        .take(12)
        .filter(|id| id.ends_with(['1', '3', '5', '7', '9']))
        .count();
    assert_eq!(odds, 12, "{ids:?}");
    let output = run(&env, &["list", "--sort", "fit", "--tag", "a", "--tag", "b"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn few_or_no_stars_say_what_the_fit_falls_back_to() {
    let (_stub, env) = fetched_env();
    let (out, err) = ok(&env, &["list", "--sort", "fit", "-f", "json"]);
    assert_eq!(err, "papers: fit: nothing starred yet, ranking by score\n");
    assert_eq!(
        json_ids(&out),
        json_ids(&ok(&env, &["list", "--sort", "score", "-f", "json"]).0)
    );
    assert!(!out.contains("\"fit\""));
    ok(&env, &["star", &id(2)]);
    let (out, err) = ok(&env, &["list", "--sort", "fit", "-f", "json"]);
    assert_eq!(
        err,
        "papers: fit: similarity to 1 starred paper (a model needs 5)\n"
    );
    assert!(out.contains("\"fit\""));
}

#[test]
fn show_why_explains_the_fit() {
    let (_stub, env) = fetched_env();
    mark(&env);
    let (out, _) = ok(&env, &["show", "--why", &id(12)]);
    let fit = out.split("Fit: ").nth(1).expect("a fit block");
    assert!(fit.contains("(model trained on 5 starred papers)"), "{out}");
    assert!(fit.contains("  pushed up:\n"), "{out}");
    assert!(
        fit.contains("au:dana draft") || fit.contains("draft"),
        "{out}"
    );
    assert!(fit.contains("nearest starred: 2611.0000"), "{out}");
    assert!(fit.contains("(bias:"), "{out}");
    let (protein, _) = ok(&env, &["show", "--why", &id(13)]);
    assert!(protein.contains("  pushed down:\n"), "{protein}");
}

#[test]
fn similar_finds_the_same_theme() {
    let (stub, env) = fetched_env();
    let (out, _) = ok(&env, &["similar", &id(4), "-n", "5", "-f", "json"]);
    let ids = json_ids(&out);
    assert_eq!(ids.len(), 5);
    assert!(!ids.contains(&id(4)), "the paper itself is left out");
    assert!(
        ids.iter().all(|id| id.ends_with(['0', '2', '4', '6', '8'])),
        "{ids:?}"
    );
    let value: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(value[0]["similarity"].as_f64().expect("similarity") > 0.0);
    // A filter narrows the candidates.
    let (out, _) = ok(
        &env,
        &["similar", &id(4), "--since", "2026-11-20", "-f", "json"],
    );
    assert!(
        json_ids(&out).iter().all(|id| id.as_str() >= "2611.00020"),
        "{out}"
    );

    // Uncached: an error, or looked up with --fetch.
    let output = run(&env, &["similar", "2611.00099"]);
    assert_eq!(output.status.code(), Some(1));
    stub.script([Reply::atom(feed(
        1,
        0,
        1,
        &[StubEntry::new(
            "2611.00099",
            "2026-11-30",
            "Speculative decoding with a draft model, again",
        )
        .summary("We study speculative decoding with a draft model.")],
    ))]);
    let (out, err) = ok(&env, &["similar", "--fetch", "2611.00099", "-n", "3"]);
    assert!(
        err.contains("added 2611.00099v1 to the cache under no topic"),
        "{err}"
    );
    assert!(
        out.lines().nth(1).unwrap_or("").contains("Similar"),
        "{out}"
    );
}

fn import_file(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).expect("write import file");
    path.display().to_string()
}

fn fixture_path(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn import_stars_cached_and_looked_up_papers_once() {
    let (stub, env) = fetched_env();
    // 2611.00002 cached, 2611.00200.. not: 150 uncached ids, two requests.
    let mut catalogue = catalogue();
    let mut lines = vec![
        format!("https://arxiv.org/abs/{}v1", id(2)),
        "# a comment".into(),
    ];
    for n in 200..350 {
        lines.push(format!("arXiv:{}", id(n)));
        if n != 349 {
            catalogue.push(StubEntry::new(
                &id(n),
                "2026-11-25",
                &format!("Looked up {n}"),
            ));
        }
    }
    stub.set_catalogue(catalogue);
    let file = import_file(&env, "list.txt", &(lines.join("\n") + "\n"));
    let (out, err) = ok(&env, &["import", &file]);
    assert_eq!(
        out,
        format!(
            "{file} (plain list): 151 papers with an arXiv id\n\
             imported: starred 150 papers (149 papers looked up on arXiv)\n\
             already starred: 0 papers\n\
             not found on arXiv: 1 paper (2611.00349)\n\
             no arXiv id: 0 entries\n"
        )
    );
    assert_eq!(
        err,
        "papers: added 149 papers to the cache under no topic\n"
    );
    let seen = stub.seen();
    assert_eq!(seen.len(), 2, "150 ids in batches of at most 100");
    let sizes: Vec<usize> = seen
        .iter()
        .map(|s| s.param("id_list").split(',').count())
        .collect();
    assert_eq!(sizes, [100, 50]);
    assert!(
        !seen[0].param("id_list").contains(&id(2)),
        "cached ids are not looked up"
    );
    let starred = json_ids(&ok(&env, &["list", "--starred", "-f", "json"]).0);
    assert_eq!(starred.len(), 150);

    stub.clear_seen();
    let (out, _) = ok(&env, &["import", &file]);
    assert!(
        out.contains("imported: starred 0 papers\nalready starred: 150 papers\n"),
        "{out}"
    );
    assert_eq!(
        stub.seen().len(),
        1,
        "only the id arXiv lacks is asked again"
    );
}

#[test]
fn import_reads_every_format_and_can_tag_or_dismiss() {
    let (stub, env) = fetched_env();
    stub.set_catalogue(Vec::new());
    for (name, format) in [
        ("zotero.bib", "BibTeX"),
        ("jabref.bib", "BibTeX"),
        ("better-bibtex.bib", "BibTeX"),
        ("cv-arxiv-daily.json", "cv-arxiv-daily JSON"),
        ("topic-page.md", "Markdown"),
        ("reading-list.txt", "plain list"),
    ] {
        let path = fixture_path(name);
        let (out, _) = ok(&env, &["import", "--tag", "ref", &path]);
        assert!(out.starts_with(&format!("{path} ({format}): ")), "{out}");
        assert!(out.contains("\nimported: tagged ref "), "{out}");
        assert!(out.contains("\nno arXiv id: "), "{out}");
    }
    // The cache lacked every fixture id, and the stub knows none.
    assert!(json_ids(&ok(&env, &["list", "--tag", "ref", "-f", "json"]).0).is_empty());

    let file = import_file(
        &env,
        "refs.bib",
        &format!(
            "@article{{a, title = {{A}}, eprint = {{{}}}, archivePrefix = {{arXiv}}}}\n\
             @misc{{b, title = {{B}}, url = {{https://arxiv.org/abs/{}}}}}\n\
             @book{{c, title = {{No id}}}}\n",
            id(1),
            id(3)
        ),
    );
    let (out, _) = ok(&env, &["import", "--dismiss", &file]);
    assert!(out.contains("imported: dismissed 2 papers\n"), "{out}");
    assert!(out.contains("no arXiv id: 1 entry (line 3: c)\n"), "{out}");
    assert_eq!(
        json_ids(&ok(&env, &["list", "--dismissed", "-f", "json"]).0),
        [id(3), id(1)]
    );
}

#[test]
fn a_bad_import_file_names_file_and_line_and_marks_nothing() {
    let (stub, env) = fetched_env();
    let file = import_file(&env, "bad.txt", &format!("{}\nnot-an-id\n", id(2)));
    let output = run(&env, &["import", &file]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.starts_with(&format!("papers: error: {file}: line 2: not an arXiv id")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(json_ids(&ok(&env, &["list", "--starred", "-f", "json"]).0).is_empty());
    assert!(stub.seen().is_empty());
    let output = run(&env, &["import", "/nonexistent/refs.bib"]);
    assert_eq!(output.status.code(), Some(2));
}
