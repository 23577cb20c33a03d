use super::*;
use crate::render::test_support::{author, sample, utc};

fn paper(id: &str, title: &str, summary: &str) -> CachedPaper {
    sample(id, title, summary)
}

fn ids(papers: &[CachedPaper], query: &str) -> Vec<String> {
    ranked(papers, query)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

fn ranked(papers: &[CachedPaper], query: &str) -> Vec<(String, f64)> {
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let query = query::parse(query).unwrap_or_else(|err| panic!("{query}: {err}"));
    search(&refs, &query, 100)
        .into_iter()
        .map(|hit| (hit.paper.paper.id.clone(), hit.score))
        .collect()
}

fn library() -> Vec<CachedPaper> {
    let mut comment = paper("c", "Cache design", "We study caches.");
    comment.paper.comment = Some("Accepted at MICRO 2025".into());
    let mut hans = paper("h", "Tiling", "Loop tiling for NPUs.");
    hans.paper.authors = vec![author("Hans Meyer")];
    hans.paper.categories = vec!["math.OC".into()];
    let mut han = paper("s", "Sparse attention", "An accelerator.");
    han.paper.authors = vec![author("Song Han")];
    han.paper.categories = vec!["cs.AR".into(), "cs.LG".into()];
    vec![
        paper("a", "NPU inference on phones", "We run models on the NPU."),
        paper("b", "Quantum NPU", "A quantum neural processing unit."),
        comment,
        hans,
        han,
    ]
}

#[test]
fn every_word_must_match_somewhere() {
    let papers = library();
    assert_eq!(ids(&papers, "npu phones"), ["a"]);
    assert_eq!(ids(&papers, "npu").len(), 3, "plural NPUs counts too");
    assert!(ids(&papers, "npu gpu").is_empty());
    assert_eq!(ids(&papers, "micro"), ["c"], "the comment is searched");
    assert_eq!(
        ids(&papers, "lovelace cache"),
        ["c"],
        "authors are searched"
    );
}

#[test]
fn phrases_need_their_words_in_order() {
    let papers = library();
    assert_eq!(ids(&papers, r#""neural processing unit""#), ["b"]);
    assert!(ids(&papers, r#""processing neural""#).is_empty());
    assert_eq!(ids(&papers, "loop-tiling"), ["h"]);
}

#[test]
fn exclusions_drop_papers() {
    let papers = library();
    assert_eq!(ids(&papers, "npu -quantum").len(), 2);
    assert!(!ids(&papers, "npu -quantum").contains(&"b".to_string()));
    assert_eq!(ids(&papers, r#"npu -"neural processing""#).len(), 2);
    assert_eq!(ids(&papers, "npu -au:meyer").len(), 2);
}

#[test]
fn prefixes_restrict_the_field() {
    let papers = library();
    assert_eq!(ids(&papers, "ti:npu").len(), 2);
    let mut in_abstract = ids(&papers, "abs:npu");
    in_abstract.sort();
    assert_eq!(in_abstract, ["a", "h"]);
    assert_eq!(ids(&papers, "ti:tiling abs:npus"), ["h"]);
    assert!(
        ids(&papers, "ti:caches").is_empty(),
        "caches is in the abstract"
    );
    assert_eq!(
        ids(&papers, "au:han"),
        ["s"],
        "names match exactly: not Hans"
    );
    assert!(ids(&papers, "au:npu").is_empty());
}

#[test]
fn categories_match_exactly_or_by_archive() {
    let papers = library();
    assert_eq!(ids(&papers, "cat:cs.AR"), ["s"]);
    assert_eq!(ids(&papers, "cat:math"), ["h"]);
    assert!(ids(&papers, "cat:cs.A").is_empty());
    assert_eq!(ids(&papers, "npu -cat:math").len(), 2);
    assert_eq!(ids(&papers, "cat:cs").len(), 4);
}

#[test]
fn a_short_title_hit_outranks_one_mention_in_a_long_abstract() {
    let long = format!("{} npu once. {}", "words ".repeat(150), "more ".repeat(150));
    let papers = [
        paper("long", "Something else entirely here", &long),
        paper("title", "NPU", "Short abstract."),
        paper("other", "Unrelated", "Nothing."),
    ];
    let ranked = ranked(&papers, "npu");
    assert_eq!(ranked[0].0, "title");
    assert_eq!(ranked[1].0, "long");
    assert!(ranked[0].1 > ranked[1].1);
}

#[test]
fn the_rarer_term_weighs_more() {
    // "alpha" is in every paper, "beta" in two: more betas must win.
    let mut papers = vec![
        paper("more-alpha", "x", "alpha alpha beta filler"),
        paper("more-beta", "x", "alpha beta beta filler"),
    ];
    for i in 0..20 {
        papers.push(paper(&format!("o{i}"), "x", "alpha filler filler filler"));
    }
    assert_eq!(ids(&papers, "alpha beta"), ["more-beta", "more-alpha"]);
}

#[test]
fn equal_scores_go_newest_first_and_limit_keeps_the_best() {
    let mut older = paper("old", "NPU", "Same.");
    older.paper.published = utc(2024, 1, 1, 0, 0);
    let newer = paper("new", "NPU", "Same.");
    let papers = [older, newer];
    assert_eq!(ids(&papers, "npu"), ["new", "old"]);

    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let query = query::parse("npu").expect("valid");
    let top: Vec<&str> = search(&refs, &query, 1)
        .iter()
        .map(|hit| hit.paper.paper.id.as_str())
        .collect();
    assert_eq!(top, ["new"]);
    assert!(search(&refs, &query, 0).is_empty());
}

#[test]
fn a_query_of_only_filters_scores_zero_and_lists_newest_first() {
    let papers = library();
    let ranked = ranked(&papers, "-quantum cat:cs");
    assert_eq!(ranked.len(), 3);
    assert!(ranked.iter().all(|(_, score)| *score == 0.0));
}

#[test]
fn the_parallel_pass_finds_the_same_papers() {
    let papers: Vec<CachedPaper> = (0..PARALLEL_MIN * 2 + 17)
        .map(|i| {
            let word = if i % 7 == 0 { "needle" } else { "hay" };
            paper(&format!("{i:06}"), "t", &format!("{word} {i}"))
        })
        .collect();
    let found = ids(&papers, "needle");
    let expected = papers
        .iter()
        .filter(|p| p.paper.summary.starts_with("needle"))
        .count();
    assert_eq!(found.len(), expected.min(100));
    for id in &found {
        let i: usize = id.parse().expect("numeric id");
        assert_eq!(i % 7, 0, "{id} was matched to the wrong paper");
    }
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let query = query::parse("needle").expect("valid");
    assert_eq!(search(&refs, &query, usize::MAX).len(), expected);
}
