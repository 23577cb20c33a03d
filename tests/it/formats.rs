//! CSV and BibTeX output read back by independent parsers: the `csv` crate
//! (and Python's `csv` module when python3 is installed) and the `biblatex`
//! crate. Papers carry the most hostile text arXiv could send.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use biblatex::{Bibliography, ChunksExt, EntryType};
use chrono::{DateTime, TimeZone, Utc};
use papers::model::{Author, CachedPaper, Paper};
use papers::render::bibtex::render_bibtex;
use papers::render::csv::render_csv;

const HOSTILE_TITLE: &str = "Quotes \"double\", commas, and\nnewlines: {braces} }{ 100% & #1 \
     $x_1$ back\\slash a_b ~ ^ Ünïcödé 🚀";

fn at(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 10, 30, 0)
        .single()
        .expect("valid date")
}

fn author(name: &str, affiliations: &[&str]) -> Author {
    Author {
        name: name.to_owned(),
        affiliations: affiliations.iter().map(|a| a.to_string()).collect(),
    }
}

fn cached(paper: Paper, topics: &[&str]) -> CachedPaper {
    CachedPaper {
        paper,
        first_seen: at(2026, 2, 1),
        last_changed: at(2026, 2, 1),
        topics: topics
            .iter()
            .map(|t| t.to_string())
            .collect::<BTreeSet<_>>(),
        updates: Vec::new(),
        hf: None,
    }
}

fn base_paper(id: &str, title: &str) -> Paper {
    Paper::builder(id)
        .version(1)
        .title(title)
        .authors(["Ada Lovelace"])
        .summary("Abstract.")
        .published(at(2026, 1, 5))
        .updated(at(2026, 1, 5))
        .categories(["cs.AR"])
        .link_base("http://arxiv.org")
        .build()
}

/// Every kind of trouble: CSV specials, TeX specials, non-ASCII, line breaks
/// inside fields, a title that is just "0", empty optional fields.
fn hostile_papers() -> Vec<CachedPaper> {
    let mut hostile = base_paper("2601.00001", HOSTILE_TITLE);
    hostile.version = 3;
    hostile.updated = at(2026, 1, 20);
    hostile.authors = vec![
        author("Kurt Gödel", &["IAS, \"Princeton\""]),
        author("Johannes Diderik van der Waals", &[]),
        author("Seán O'Brien", &[]),
        author("The R&D Team, Inc.", &[]),
    ];
    hostile.summary =
        "First paragraph, with \"quotes\" and a\r\nCRLF.\n\nSecond: {x} 50% $\\alpha$ 🚀".into();
    hostile.categories = vec!["cs.AR".into(), "cs.LG".into()];
    hostile.comment = Some("12 pages,\n5 figures; \"draft\"".into());
    hostile.journal_ref = Some("J. Q&A {Research} 7, 1_2 (2026)".into());
    hostile.dois = vec!["10.1000/a_b(1)".into()];

    let zero = base_paper("2601.00002", "0");

    let mut twin_a = base_paper("2601.00003", "Speculative decoding");
    twin_a.published = at(2026, 1, 6);
    let mut twin_b = base_paper("2601.00004", "Speculative sampling");
    twin_b.published = at(2026, 1, 7);
    twin_b.summary = String::new();

    let mut doi_only = base_paper("2601.00005", "Published elsewhere");
    doi_only.authors = vec![author("张伟", &[])];
    doi_only.dois = vec!["10.1/xyz".into()];
    vec![
        cached(hostile, &["npu", "edge"]),
        cached(zero, &[]),
        cached(twin_a, &["npu"]),
        cached(twin_b, &["npu"]),
        cached(doi_only, &[]),
    ]
}

fn refs(papers: &[CachedPaper]) -> Vec<&CachedPaper> {
    papers.iter().collect()
}

// ---------------------------------------------------------------- CSV

const HEADER: [&str; 16] = [
    "id",
    "version",
    "published",
    "updated",
    "title",
    "authors",
    "categories",
    "primary_category",
    "doi",
    "journal_ref",
    "comment",
    "abs_url",
    "pdf_url",
    "code_url",
    "topics",
    "abstract",
];

/// What each record must read back as, built from the papers field by
/// field, independently of the renderer.
fn expected_rows(papers: &[CachedPaper]) -> Vec<Vec<String>> {
    let mut rows = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for cached in papers {
        let p = &cached.paper;
        let names: Vec<&str> = p.authors.iter().map(|a| a.name.as_str()).collect();
        rows.push(vec![
            p.id.clone(),
            p.version.to_string(),
            p.published.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            p.updated.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            p.title.clone(),
            names.join("; "),
            p.categories.join("; "),
            p.primary_category.clone().unwrap_or_default(),
            p.dois.join("; "),
            p.journal_ref.clone().unwrap_or_default(),
            p.comment.clone().unwrap_or_default(),
            p.abs_url.clone(),
            p.pdf_url.clone(),
            String::new(),
            cached.topics.iter().cloned().collect::<Vec<_>>().join("; "),
            p.summary.clone(),
        ]);
    }
    rows
}

#[test]
fn csv_reads_back_field_for_field_with_the_csv_crate() {
    let papers = hostile_papers();
    let text = render_csv(&refs(&papers));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|record| {
            record
                .expect("well-formed record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    let expected = expected_rows(&papers);
    assert_eq!(rows.len(), papers.len() + 1);
    for (row, want) in rows.iter().zip(&expected) {
        assert_eq!(row, want);
    }
    // Spot checks that the hostile values really are in there.
    assert_eq!(rows[1][4], HOSTILE_TITLE);
    assert_eq!(rows[2][4], "0");
    assert!(rows[1][15].contains("a\r\nCRLF.\n\nSecond"));
}

#[test]
fn csv_records_end_in_crlf() {
    let papers = hostile_papers();
    let text = render_csv(&refs(&papers[1..3]));
    let records: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(records.len(), 3, "{text:?}");
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only quoted fields may hold LF"
    );
}

#[test]
fn csv_reads_back_with_pythons_csv_module() {
    let python = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !python.is_ok_and(|status| status.success()) {
        eprintln!("python3 not available; skipping the Python cross-check");
        return;
    }
    let papers = hostile_papers();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("papers.csv");
    std::fs::write(&path, render_csv(&refs(&papers))).expect("write csv");
    let output = Command::new("python3")
        .arg("-c")
        .arg(
            "import csv, json, sys\n\
             with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f, strict=True))))",
        )
        .arg(&path)
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).expect("python's json");
    assert_eq!(rows, expected_rows(&papers));
}

// ---------------------------------------------------------------- BibTeX

fn parse_bibtex(papers: &[CachedPaper]) -> (String, Bibliography) {
    let text = render_bibtex(&refs(papers));
    let bibliography = Bibliography::parse(&text)
        .unwrap_or_else(|err| panic!("biblatex rejects the output: {err:?}\n{text}"));
    (text, bibliography)
}

fn field(bibliography: &Bibliography, key: &str, name: &str) -> String {
    bibliography
        .get(key)
        .unwrap_or_else(|| panic!("no entry {key}"))
        .get(name)
        .unwrap_or_else(|| panic!("{key} has no {name}"))
        .format_verbatim()
}

#[test]
fn bibtex_parses_with_the_right_entries_keys_and_types() {
    let papers = hostile_papers();
    let (text, bibliography) = parse_bibtex(&papers);
    assert_eq!(bibliography.len(), papers.len(), "{text}");
    let keys: Vec<&str> = bibliography.keys().collect();
    let expected = [
        ("godel2026quotes", EntryType::Article),
        ("lovelace2026", EntryType::Misc),
        ("lovelace2026speculative", EntryType::Misc),
        ("lovelace2026speculativea", EntryType::Misc),
        ("arxiv2026published", EntryType::Article),
    ];
    for (key, kind) in &expected {
        assert!(keys.contains(key), "{key} missing from {keys:?}");
        let entry = bibliography.get(key).expect("entry");
        assert_eq!(&entry.entry_type, kind, "{key}");
    }
    // In output order too: keys are not reshuffled.
    let in_order: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix('@'))
        .filter_map(|line| line.split_once('{'))
        .map(|(_, key)| key.trim_end_matches(','))
        .collect();
    assert_eq!(in_order, expected.map(|(key, _)| key));
}

#[test]
fn bibtex_field_values_survive_escaping() {
    let papers = hostile_papers();
    let (_, bibliography) = parse_bibtex(&papers);
    let key = "godel2026quotes";
    assert_eq!(
        field(&bibliography, key, "title"),
        "Quotes \"double\", commas, and newlines: {braces} }{ 100% & #1 \
         $x_1$ back\\slash a_b ~ ^ Ünïcödé 🚀"
    );
    assert_eq!(
        field(&bibliography, key, "journal"),
        "J. Q&A {Research} 7, 1_2 (2026)"
    );
    assert_eq!(field(&bibliography, key, "year"), "2026");
    assert_eq!(field(&bibliography, key, "eprint"), "2601.00001");
    assert_eq!(field(&bibliography, key, "archiveprefix"), "arXiv");
    assert_eq!(field(&bibliography, key, "primaryclass"), "cs.AR");
    assert_eq!(field(&bibliography, key, "doi"), "10.1000/a_b(1)");
    assert_eq!(
        field(&bibliography, key, "url"),
        "https://arxiv.org/abs/2601.00001"
    );
    assert_eq!(field(&bibliography, "lovelace2026", "title"), "0");
}

#[test]
fn bibtex_title_math_stays_math() {
    let papers = hostile_papers();
    let (_, bibliography) = parse_bibtex(&papers);
    let title = bibliography
        .get("godel2026quotes")
        .and_then(|entry| entry.get("title"))
        .expect("title");
    let math: Vec<&str> = title
        .iter()
        .filter_map(|chunk| match &chunk.v {
            biblatex::Chunk::Math(math) => Some(math.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(math, ["x_1"]);
}

#[test]
fn bibtex_authors_split_into_the_right_people() {
    let papers = hostile_papers();
    let (_, bibliography) = parse_bibtex(&papers);
    let people = bibliography
        .get("godel2026quotes")
        .expect("entry")
        .author()
        .expect("authors parse");
    let surnames: Vec<(&str, &str)> = people
        .iter()
        .map(|person| (person.prefix.as_str(), person.name.as_str()))
        .collect();
    assert_eq!(
        surnames,
        [
            ("", "Gödel"),
            ("van der", "Waals"),
            ("", "O'Brien"),
            // Braced whole: neither split at "and"/"," nor read as Last, First.
            ("", "The R&D Team, Inc.")
        ]
    );
    assert_eq!(people[0].given_name, "Kurt");
    assert_eq!(people[2].given_name, "Seán");
    assert_eq!(people[3].given_name, "");
    let chinese = bibliography
        .get("arxiv2026published")
        .expect("entry")
        .author()
        .expect("authors parse");
    assert_eq!(chinese.len(), 1);
    assert_eq!(chinese[0].name, "张伟");
}

#[test]
fn bibtex_month_is_the_standard_macro() {
    let papers = hostile_papers();
    let (text, bibliography) = parse_bibtex(&papers);
    assert!(text.contains("  month = jan,\n"), "{text}");
    // biblatex resolves the macro to the month's name.
    assert_eq!(field(&bibliography, "lovelace2026", "month"), "January");
}

#[test]
fn bibtex_braces_balance_in_every_entry() {
    let papers = hostile_papers();
    let text = render_bibtex(&refs(&papers));
    for entry in text.split("\n\n") {
        let mut depth = 0i64;
        for c in entry.chars() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            assert!(depth >= 0, "closing brace too early in\n{entry}");
        }
        assert_eq!(depth, 0, "unbalanced entry\n{entry}");
    }
    assert_eq!(text.matches("\n\n@").count(), papers.len() - 1);
}
