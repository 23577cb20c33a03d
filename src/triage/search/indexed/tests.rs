//! The index route against the text route: same papers, same order, the
//! same scores bit for bit.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::model::Paper;
use crate::storage::cache::layout::{Form, shard_bytes};
use crate::storage::cache::{ShardMeta, shard_key};
use crate::triage::filter::{Filter, SortKey, select};
use crate::triage::search::{query, search as scan};

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, day, 12, 0, 0)
        .single()
        .expect("valid date")
}

struct Made {
    paper: Paper,
    topics: &'static [&'static str],
    seen_day: u32,
}

fn paper(id: &str, title: &str, summary: &str) -> Paper {
    Paper::builder(id).title(title).summary(summary).build()
}

/// Papers over three months, every field exercised.
fn library() -> Vec<CachedPaper> {
    let mut made = vec![
        Made {
            paper: Paper::builder("2401.00001")
                .title("NPU inference on phones")
                .summary("We run models on the NPU. NPUs everywhere, npus and NPUES.")
                .authors(["Song Han", "Hans Meyer"])
                .categories(["cs.AR", "cs.LG"])
                .comment("Accepted at MICRO 2025")
                .published(at(3))
                .build(),
            topics: &["npu"],
            seen_day: 4,
        },
        Made {
            paper: Paper::builder("2401.00002")
                .title("Process scheduling")
                .summary("Processes and processing; process process process.")
                .author("Han Song")
                .categories(["cs.OS"])
                .comment("")
                .published(at(3))
                .build(),
            topics: &["edge"],
            seen_day: 4,
        },
        Made {
            paper: Paper::builder("2401.00003")
                .title("Neural processing unit design")
                .summary("A neural processing unit: neural neural processing unit units, go go go.")
                .author("Ada Lovelace")
                .categories(["math.OC"])
                .published(at(9))
                .build(),
            topics: &["npu", "edge"],
            seen_day: 10,
        },
        Made {
            paper: Paper::builder("2402.00001")
                .title("Über Müller's CAFÉS")
                .summary("ΣΟΦΊΑ and σοφία; Straße STRASSE; 漢字 テスト, Cafés")
                .authors(["Zoë Ångström", "Song"])
                .categories(["quant-ph"])
                .published(at(20))
                .build(),
            topics: &["npu"],
            seen_day: 21,
        },
        Made {
            paper: Paper::builder("2402.00002")
                .title("Go go")
                .summary("go go go go, and the NPU")
                .authors(["Song", "Han Li"])
                .categories(["cs.AR"])
                .published(at(20))
                .build(),
            topics: &[],
            seen_day: 21,
        },
        Made {
            paper: Paper::builder("2403.00001")
                .title("NPUS")
                .summary("")
                .authors(Vec::<String>::new())
                .categories(["cs.AR"])
                .published(at(25))
                .build(),
            topics: &["edge"],
            seen_day: 26,
        },
    ];
    // Filler, so that document frequencies and lengths vary.
    let words = [
        "npu", "process", "neural", "the", "unit", "edge", "go", "song",
    ];
    for i in 0..30u32 {
        let summary: Vec<&str> = (0..(i % 9 + 1))
            .map(|k| words[((i * 7 + k * 3) % 8) as usize])
            .collect();
        made.push(Made {
            paper: Paper::builder(format!("2403.{:05}", i + 10))
                .title(format!("Filler {}", words[(i % 8) as usize]))
                .summary(summary.join(" "))
                .author(if i % 3 == 0 {
                    "Song Han"
                } else {
                    "Grace Hopper"
                })
                .categories([if i % 2 == 0 {
                    "cs.LG"
                } else {
                    "physics.optics"
                }])
                .published(at(1 + i % 28))
                .build(),
            topics: if i % 4 == 0 { &["npu"] } else { &[] },
            seen_day: 27,
        });
    }
    made.into_iter()
        .map(|made| {
            let mut held = CachedPaper::new(made.paper, at(made.seen_day));
            held.topics = made.topics.iter().map(|t| t.to_string()).collect();
            held
        })
        .collect()
}

/// The papers written as shard files (`compact` ones in the old one-line
/// form) under a temporary cache directory.
struct Cache {
    dir: tempfile::TempDir,
    papers: Vec<CachedPaper>,
    shards: BTreeMap<String, ShardMeta>,
}

fn cache(papers: Vec<CachedPaper>, compact: &[&str]) -> Cache {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("shards")).expect("shard dir");
    let mut by_key: BTreeMap<String, Vec<&CachedPaper>> = BTreeMap::new();
    for held in &papers {
        by_key
            .entry(shard_key(&held.paper.id))
            .or_default()
            .push(held);
    }
    assert!(
        compact.iter().all(|key| by_key.contains_key(*key)),
        "{compact:?} names shards that hold papers"
    );
    let mut shards = BTreeMap::new();
    for (key, held) in by_key {
        let form = if compact.contains(&key.as_str()) {
            Form::Compact
        } else {
            Form::Lines
        };
        let bytes = shard_bytes(form, &key, &held).expect("shard bytes");
        assert_eq!(Form::of(&bytes), form);
        let file = format!("{key}.g1.json");
        std::fs::write(dir.path().join("shards").join(&file), bytes).expect("write shard");
        shards.insert(key, ShardMeta::describe(file, held));
    }
    Cache {
        dir,
        papers,
        shards,
    }
}

type Ranked = Vec<(String, u64)>;

/// Both routes' hits, as ids and the bits of their scores.
fn both(cache: &Cache, filter: &Filter, text: &str, limit: usize) -> (Ranked, Ranked) {
    let query = query::parse(text).unwrap_or_else(|err| panic!("{text}: {err}"));
    let searched = select(cache.papers.iter(), filter, SortKey::Date, None);
    let scanned = scan(&searched, &query, limit)
        .iter()
        .map(|hit| (hit.paper.paper.id.clone(), hit.score.to_bits()))
        .collect();
    let shards: Vec<(&str, &ShardMeta)> = cache
        .shards
        .iter()
        .filter(|(key, meta)| filter.may_match(key, meta))
        .map(|(key, meta)| (key.as_str(), meta))
        .collect();
    let facts = FactsFilter::new(filter).expect("the index decides this filter");
    let found = search(
        &SearchIndex::new(cache.dir.path()),
        &shards,
        &facts,
        &query,
        limit,
    )
    .unwrap_or_else(|why| panic!("{text}: {}", why.0));
    let hits = found.hits();
    for hit in &hits {
        let original = cache
            .papers
            .iter()
            .find(|p| p.paper.id == hit.paper.paper.id);
        assert_eq!(Some(hit.paper), original, "read back whole");
    }
    let indexed = hits
        .iter()
        .map(|hit| (hit.paper.paper.id.clone(), hit.score.to_bits()))
        .collect();
    (scanned, indexed)
}

const QUERIES: &[&str] = &[
    "npu",
    "npus",
    "NPUs",
    "npue",
    "process",
    "processes",
    "processing",
    "au:han",
    "au:hans",
    "au:song",
    "au:\"song han\"",
    "\"song han\"",
    "\"han li\"",
    "au:\"song han\" npu",
    "\"neural processing unit\"",
    "\"neural processing\" -unit",
    "\"go go\"",
    "\"go go go\"",
    "go",
    "ti:npu",
    "abs:npu",
    "ti:go abs:go",
    "cat:cs",
    "cat:cs.AR npu",
    "npu -cat:math",
    "-npu cat:cs",
    "-npu",
    "npu -au:meyer",
    "npu -\"neural processing\"",
    "über",
    "ÜBER müller",
    "müller",
    "café",
    "cafés",
    "σοφία",
    "ΣΟΦΊΑ",
    "strasse",
    "straße",
    "漢字",
    "テスト",
    "ångström",
    "micro",
    "accepted 2025",
    "zzzz",
    "npu zzzz",
    "the unit",
    "filler -go",
    "on-device",
];

#[test]
fn both_routes_rank_the_same_papers_with_the_same_scores() {
    let cache = cache(library(), &["2024-02"]);
    let filter = Filter::default();
    let mut matched = 0;
    for query in QUERIES {
        for limit in [100, 3] {
            let (scanned, indexed) = both(&cache, &filter, query, limit);
            assert_eq!(indexed, scanned, "{query} (limit {limit})");
            matched += usize::from(!scanned.is_empty());
        }
    }
    assert!(matched > QUERIES.len(), "most queries find something");
}

#[test]
fn the_same_under_every_filter_the_index_decides() {
    let cache = cache(library(), &["2024-01"]);
    let ids = |list: &[&str]| -> BTreeSet<String> { list.iter().map(|s| s.to_string()).collect() };
    let filters = [
        Filter {
            topics: vec!["npu".into()],
            ..Filter::default()
        },
        Filter {
            topics: vec!["edge".into(), "npu".into()],
            ..Filter::default()
        },
        Filter {
            since: NaiveDate::from_ymd_opt(2024, 1, 9),
            ..Filter::default()
        },
        Filter {
            until: NaiveDate::from_ymd_opt(2024, 1, 20),
            since: NaiveDate::from_ymd_opt(2024, 1, 3),
            ..Filter::default()
        },
        Filter {
            categories: vec!["cs".into(), "QUANT-PH".into()],
            ..Filter::default()
        },
        Filter {
            hidden_ids: Some(ids(&["2401.00001", "2403.00010"])),
            ..Filter::default()
        },
        Filter {
            only_ids: Some(ids(&["2401.00001", "2402.00002", "2403.00012"])),
            ..Filter::default()
        },
        Filter {
            first_seen_since: Some(at(21)),
            ..Filter::default()
        },
    ];
    for (i, filter) in filters.iter().enumerate() {
        for query in QUERIES {
            let (scanned, indexed) = both(&cache, filter, query, 100);
            assert_eq!(indexed, scanned, "filter {i}, {query}");
        }
    }
}

#[test]
fn filters_only_the_papers_can_decide_are_left_to_the_text_route() {
    for filter in [
        Filter {
            grep: Some(String::new()),
            ..Filter::default()
        },
        Filter {
            author: Some("han".into()),
            ..Filter::default()
        },
        Filter {
            updated_only: true,
            ..Filter::default()
        },
        Filter {
            has_code: true,
            ..Filter::default()
        },
        Filter {
            min_upvotes: Some(0),
            ..Filter::default()
        },
    ] {
        assert!(FactsFilter::new(&filter).is_none(), "{filter:?}");
    }
    assert!(FactsFilter::new(&Filter::default()).is_some());
}

#[test]
fn a_phrase_never_spans_two_author_names() {
    let cache = cache(library(), &[]);
    let (_, indexed) = both(&cache, &Filter::default(), "au:\"song han\"", 100);
    let found: Vec<&str> = indexed.iter().map(|(id, _)| id.as_str()).collect();
    assert!(found.contains(&"2401.00001"), "{found:?}");
    assert!(
        !found.contains(&"2402.00002"),
        "\"Song\" then \"Han Li\" is two names: {found:?}"
    );
}

#[test]
fn overlapping_phrases_count_at_every_start() {
    // "go go go go" holds "go go" three times: more than "go go go" (two),
    // so the abstract with four scores above the one with three.
    let papers = vec![
        CachedPaper::new(paper("2401.00001", "x", "go go go go"), at(2)),
        CachedPaper::new(paper("2401.00002", "x", "go go go stop"), at(2)),
        CachedPaper::new(paper("2401.00003", "x", "nothing here"), at(2)),
    ];
    let cache = cache(papers, &[]);
    let (scanned, indexed) = both(&cache, &Filter::default(), "\"go go\"", 10);
    assert_eq!(indexed, scanned);
    let order: Vec<&str> = indexed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(order, ["2401.00001", "2401.00002"]);
}

#[test]
fn the_parallel_pass_over_many_shards_agrees() {
    let papers: Vec<CachedPaper> = (0..600u32)
        .map(|i| {
            let month = i % 12 + 1;
            let word = if i % 7 == 0 { "needle" } else { "hay" };
            CachedPaper::new(
                paper(
                    &format!("23{month:02}.{i:05}"),
                    "t",
                    &format!("{word} {i} hay"),
                ),
                at(1 + i % 28),
            )
        })
        .collect();
    let cache = cache(papers, &["2023-03", "2023-07"]);
    for query in ["needle", "hay", "needle hay", "-needle"] {
        let (scanned, indexed) = both(&cache, &Filter::default(), query, 1_000);
        assert_eq!(indexed, scanned, "{query}");
    }
}

#[test]
fn records_damaged_under_a_sound_checksum_are_rebuilt_on_the_way() {
    let cache = cache(library(), &[]);
    let index = SearchIndex::new(cache.dir.path());
    let expected = both(&cache, &Filter::default(), "npu", 100);
    let meta = &cache.shards["2024-01"];
    let path = cache.dir.path().join("search/2024-01.g1.idx");
    let good = std::fs::read(&path).expect("built by the first search");
    index.plant_inconsistent_segment(meta);
    assert_ne!(std::fs::read(&path).expect("planted"), good);
    assert_eq!(both(&cache, &Filter::default(), "npu", 100), expected);
    assert_eq!(std::fs::read(&path).expect("rebuilt"), good, "stored again");
}
