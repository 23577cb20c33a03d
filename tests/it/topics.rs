//! The default topics: their exact arXiv search_query strings, and what the
//! two decoding/KV-cache topics catch among hand-labelled real papers
//! (`tests/fixtures/arxiv/labelled_decoding_kvcache.xml`, labels in
//! `LABELS.tsv`), matched the way arXiv matches.

use std::collections::BTreeMap;

use crate::support::arxiv_match::{self, Record};
use crate::support::{ArxivStub, TestEnv, fixture, labelled_catalogue, labelled_in};

const DEFAULT_CONFIG: &str = include_str!("../../config/default.toml");

const CATEGORY_GROUP_NPU: &str =
    "(cat:cs.AR OR cat:cs.LG OR cat:cs.DC OR cat:cs.PF OR cat:cs.ET OR cat:cs.OS)";

/// Every default topic, in config order, with the search_query it must send.
const EXPECTED: &[(&str, &str)] = &[
    (
        "npu",
        r#"((ti:"NPU" OR abs:"NPU" OR ti:"neural processing unit" OR abs:"neural processing unit" OR ti:"neural network accelerator" OR abs:"neural network accelerator" OR ti:"DNN accelerator" OR abs:"DNN accelerator" OR ti:"AI accelerator" OR abs:"AI accelerator") AND (cat:cs.AR OR cat:cs.LG OR cat:cs.DC OR cat:cs.PF OR cat:cs.ET OR cat:cs.OS))"#,
    ),
    (
        "edge-inference",
        r#"((ti:"on-device" OR abs:"on-device" OR abs:"edge device" OR abs:"edge computing") AND (abs:"language model" OR abs:LLM) AND (abs:inference OR abs:deployment OR abs:serving OR abs:decoding) AND (cat:cs.LG OR cat:cs.CL OR cat:cs.AR OR cat:cs.DC OR cat:cs.PF OR cat:cs.OS OR cat:cs.NI))"#,
    ),
    (
        "mobile-llm",
        r#"(((abs:smartphone OR abs:"mobile device" OR abs:"mobile phone" OR abs:"mobile SoC") AND (abs:"language model" OR abs:LLM) AND (cat:cs.LG OR cat:cs.CL OR cat:cs.AR OR cat:cs.DC OR cat:cs.PF OR cat:cs.OS)) ANDNOT abs:"GUI agent")"#,
    ),
    (
        "llm-acceleration",
        r#"((abs:"language model" OR abs:LLM) AND (abs:inference OR abs:decoding OR abs:serving) AND (abs:accelerator OR abs:FPGA OR abs:ASIC OR abs:"processing-in-memory" OR abs:"in-memory computing" OR abs:"hardware-software co-design" OR abs:"systolic array") AND (cat:cs.AR OR cat:cs.DC OR cat:cs.PF OR cat:cs.ET OR cat:cs.LG))"#,
    ),
    (
        "moe-inference",
        r#"((abs:"mixture-of-experts" OR abs:MoE) AND (abs:inference OR abs:serving OR abs:offloading OR abs:"expert parallelism" OR abs:deployment) AND (cat:cs.DC OR cat:cs.LG OR cat:cs.AR OR cat:cs.PF OR cat:cs.OS))"#,
    ),
    (
        "speculative-decoding",
        r#"((abs:"speculative decoding" OR abs:"speculative sampling" OR abs:"speculative inference" OR abs:"draft model" OR abs:"draft tokens" OR abs:"self-speculative") AND (ti:"language model" OR ti:LLM OR abs:"language model" OR abs:LLM OR abs:transformer) AND (cat:cs.CL OR cat:cs.LG OR cat:cs.AI OR cat:cs.DC OR cat:cs.AR OR cat:cs.PF))"#,
    ),
    (
        "kv-cache",
        r#"((abs:"KV cache" OR abs:"key-value cache" OR abs:"sparse attention" OR abs:"attention sink" OR abs:"long-context inference") AND (ti:"language model" OR ti:LLM OR abs:"language model" OR abs:LLM) AND (cat:cs.CL OR cat:cs.LG OR cat:cs.AI OR cat:cs.DC OR cat:cs.AR OR cat:cs.PF OR cat:cs.OS))"#,
    ),
];

/// The `[[topics]]` tables `papers config show` prints for the default config.
fn shown_topics() -> Vec<toml::Table> {
    let env = TestEnv::new();
    env.write_config(DEFAULT_CONFIG);
    let output = env.papers().args(["config", "show"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let shown: toml::Table = toml::from_str(&String::from_utf8(output.stdout).unwrap()).unwrap();
    shown["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|topic| topic.as_table().unwrap().clone())
        .collect()
}

fn strings(value: &toml::Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap())
        .collect()
}

/// The final search_query `config show` prints for a topic. Until `config
/// show` prints `search_query` for every topic, a raw `query` is the final
/// query (papers sends it trimmed, unchanged); a keyword topic has none.
fn shown_search_query(topic: &toml::Table) -> Option<&str> {
    topic
        .get("search_query")
        .or_else(|| topic.get("query"))
        .and_then(toml::Value::as_str)
}

#[test]
fn every_default_topic_sends_the_expected_search_query() {
    let shown = shown_topics();
    let names: Vec<&str> = shown.iter().map(|t| t["name"].as_str().unwrap()).collect();
    let expected_names: Vec<&str> = EXPECTED.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, expected_names);
    for (topic, (name, expected)) in shown.iter().zip(EXPECTED) {
        match shown_search_query(topic) {
            Some(query) => assert_eq!(query, *expected, "topic {name}"),
            // A keyword topic: its query is built from these lists, so pin them.
            None => {
                assert_eq!(*name, "npu", "only npu is a keyword topic");
                assert_eq!(
                    strings(&topic["keywords"]),
                    [
                        "NPU",
                        "neural processing unit",
                        "neural network accelerator",
                        "DNN accelerator",
                        "AI accelerator"
                    ]
                );
                let categories = strings(&topic["categories"])
                    .iter()
                    .map(|c| format!("cat:{c}"))
                    .collect::<Vec<_>>()
                    .join(" OR ");
                assert_eq!(format!("({categories})"), CATEGORY_GROUP_NPU);
                assert!(expected.ends_with(&format!(" AND {CATEGORY_GROUP_NPU})")));
            }
        }
        assert!(
            arxiv_match::parse(expected).is_ok(),
            "topic {name}: the local matcher cannot parse {expected}"
        );
    }
}

/// Labelled papers of the fixture by id, read the way the stub serves them.
fn fixture_records() -> BTreeMap<String, Record> {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    const ARXIV: &str = "http://arxiv.org/schemas/atom";
    let text = String::from_utf8(fixture("labelled_decoding_kvcache.xml")).unwrap();
    let document = roxmltree::Document::parse(&text).unwrap();
    let child_text = |node: roxmltree::Node, ns: &str, name: &str| {
        node.children()
            .find(|c| c.has_tag_name((ns, name)))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    let mut records = BTreeMap::new();
    for entry in document
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
    {
        let url = child_text(entry, ATOM, "id");
        let versioned = url.rsplit("/abs/").next().unwrap();
        let id = versioned.rsplit_once('v').unwrap().0.to_string();
        let record = Record {
            title: child_text(entry, ATOM, "title"),
            summary: child_text(entry, ATOM, "summary"),
            authors: entry
                .children()
                .filter(|n| n.has_tag_name((ATOM, "author")))
                .map(|author| child_text(author, ATOM, "name"))
                .collect(),
            categories: entry
                .children()
                .filter(|n| n.has_tag_name((ATOM, "category")))
                .map(|c| c.attribute("term").unwrap().to_string())
                .collect(),
            comment: child_text(entry, ARXIV, "comment"),
            journal_ref: child_text(entry, ARXIV, "journal_ref"),
        };
        assert!(records.insert(id.clone(), record).is_none(), "{id} twice");
    }
    records
}

/// `(id, label == "in", why)` for one topic from LABELS.tsv.
fn labels(topic: &str) -> Vec<(String, bool, String)> {
    let text = String::from_utf8(fixture("LABELS.tsv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id\ttopic\tlabel\twhy"));
    lines
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|fields| fields[1] == topic)
        .map(|fields| {
            assert!(matches!(fields[2], "in" | "out"), "{fields:?}");
            (
                fields[0].to_string(),
                fields[2] == "in",
                fields[3].to_string(),
            )
        })
        .collect()
}

/// The topic's query from the real default config matches exactly its
/// `in` papers among the labelled ones.
fn check_labelled_topic(name: &str) {
    let shown = shown_topics();
    let topic = shown
        .iter()
        .find(|t| t["name"].as_str() == Some(name))
        .unwrap();
    let query = arxiv_match::parse(shown_search_query(topic).unwrap()).unwrap();
    let records = fixture_records();
    let labelled = labels(name);
    let wanted = labelled.iter().filter(|(_, wanted, _)| *wanted).count();
    assert!(
        wanted >= 10 && labelled.len() - wanted >= 10,
        "{name}: too few labels"
    );
    let wrong: Vec<String> = labelled
        .iter()
        .filter(|(id, wanted, _)| query.matches(&records[id]) != *wanted)
        .map(|(id, wanted, why)| {
            let verdict = if *wanted { "missed" } else { "caught" };
            format!("{verdict} {id} ({why})")
        })
        .collect();
    assert!(wrong.is_empty(), "{name}: {wrong:#?}");
}

#[test]
fn speculative_decoding_catches_exactly_its_labelled_papers() {
    check_labelled_topic("speculative-decoding");
}

#[test]
fn kv_cache_catches_exactly_its_labelled_papers() {
    check_labelled_topic("kv-cache");
}

#[test]
fn every_labelled_paper_is_in_the_fixture_and_every_entry_is_labelled() {
    let records = fixture_records();
    let mut labelled: Vec<String> = labels("speculative-decoding")
        .into_iter()
        .chain(labels("kv-cache"))
        .map(|(id, _, _)| id)
        .collect();
    labelled.sort();
    labelled.dedup();
    assert_eq!(labelled, records.keys().cloned().collect::<Vec<_>>());
}

/// The default topics, with an [arxiv] section pointing at `stub`.
fn default_topics_against(stub: &ArxivStub) -> TestEnv {
    let topics = &DEFAULT_CONFIG[DEFAULT_CONFIG.find("\n[[topics]]").unwrap()..];
    TestEnv::with_stub_config(stub, "max_results = 100", topics)
}

/// End to end: the stub answers the real query the way arXiv matches, and
/// the cache ends up with the topic's `in` papers and nothing else.
#[test]
fn fetching_speculative_decoding_stores_exactly_its_labelled_papers() {
    let stub = ArxivStub::start();
    stub.set_catalogue(labelled_catalogue());
    stub.answer_by_query();
    let env = default_topics_against(&stub);
    let output = env
        .papers()
        .args(["fetch", "--topic", "speculative-decoding"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let cache = env.cache_json();
    let mut stored: Vec<String> = cache["papers"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    stored.sort();
    assert_eq!(stored, labelled_in("speculative-decoding"));
    let seen = stub.seen();
    assert_eq!(
        seen[0].param("search_query"),
        EXPECTED
            .iter()
            .find(|(name, _)| *name == "speculative-decoding")
            .unwrap()
            .1
    );
}

/// The opt-in matching answers what arXiv would: a query that matches
/// nothing gets an empty feed, one that does not parse arXiv's error feed.
#[test]
fn the_stub_answers_only_what_a_query_matches_when_asked_to() {
    let stub = ArxivStub::start();
    stub.set_catalogue(labelled_catalogue());
    stub.answer_by_query();
    let env = default_topics_against(&stub);
    let output = env
        .papers()
        .args([
            "try",
            "--query",
            "abs:\"mixture-of-experts\" AND cat:hep-th",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("arXiv total: 0\n"), "{stdout}");
}
