use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::model::Author;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn topic(keywords: &[&str], authors: &[&str], categories: &[&str]) -> Topic {
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    Topic {
        name: "npu".into(),
        title: "NPUs".into(),
        keywords: strings(keywords),
        categories: strings(categories),
        authors: strings(authors),
        exclude: Vec::new(),
        query: None,
    }
}

/// A paper submitted long ago (no recency points) in math.CO only.
fn paper(title: &str, summary: &str) -> Paper {
    Paper::builder("2001.00001")
        .version(1)
        .title(title)
        .authors(["Ada Lovelace"])
        .summary(summary)
        .published("2020-01-01T12:00:00Z")
        .updated("2020-01-01T12:00:00Z")
        .categories(["math.CO"])
        .primary_category(Some("math.CO"))
        .build()
}

fn parts(score: &Score) -> Vec<(Reason, &str, u8)> {
    score
        .parts
        .iter()
        .map(|part| (part.reason, part.term.as_str(), part.points))
        .collect()
}

#[test]
fn title_counts_more_than_abstract_and_phrases_more_than_words() {
    let npu = topic(&["NPU", "neural processing unit"], &[], &[]);
    let in_title = score(
        &paper("A Neural Processing Unit and its NPU", "x"),
        &npu,
        today(),
    );
    assert_eq!(
        parts(&in_title),
        [
            (Reason::TitlePhrase, "neural processing unit", 30),
            (Reason::TitleWord, "NPU", 20)
        ]
    );
    assert_eq!(in_title.total, 50);

    let in_abstract = score(
        &paper(
            "Something else",
            "We build neural processing units, i.e. NPUs.",
        ),
        &npu,
        today(),
    );
    assert_eq!(
        parts(&in_abstract),
        [
            (Reason::AbstractPhrase, "neural processing unit", 12),
            (Reason::AbstractWord, "NPU", 8)
        ]
    );
    assert_eq!(in_abstract.total, 20);
}

#[test]
fn a_keyword_counts_once_at_its_best_place() {
    let npu = topic(&["NPU"], &[], &[]);
    let both = score(&paper("NPU NPU", "NPU everywhere, NPU."), &npu, today());
    assert_eq!(parts(&both), [(Reason::TitleWord, "NPU", 20)]);
}

#[test]
fn keywords_match_whole_words_only() {
    let npu = topic(&["npu"], &[], &[]);
    let none = score(
        &paper("Input pipelines", "Throughput of inputs; snpu; npux."),
        &npu,
        today(),
    );
    assert_eq!(none.total, 0);
    assert!(none.parts.is_empty());
    assert_eq!(
        score(&paper("On-NPU inference", "x"), &npu, today()).total,
        20
    );
}

#[test]
fn followed_authors_match_by_whole_name_words() {
    let han = topic(&["zzz"], &["Song Han"], &[]);
    let mut written = paper("T", "A");
    written.authors.push(Author {
        name: "SONG HAN".into(),
        affiliations: Vec::new(),
    });
    assert_eq!(
        parts(&score(&written, &han, today())),
        [(Reason::Author, "Song Han", 25)]
    );
    let mut other = paper("T", "A");
    other.authors[0].name = "Songhan Li".into();
    assert_eq!(score(&other, &han, today()).total, 0);
    let surname = topic(&["zzz"], &["Han"], &[]);
    assert_eq!(score(&written, &surname, today()).total, 25);
}

#[test]
fn primary_category_counts_more_than_a_cross_list_and_only_one_counts() {
    let arch = topic(&["zzz"], &[], &["cs.AR", "cs.LG"]);
    let mut primary = paper("T", "A");
    primary.categories = vec!["cs.AR".into(), "cs.LG".into()];
    primary.primary_category = Some("cs.AR".into());
    assert_eq!(
        parts(&score(&primary, &arch, today())),
        [(Reason::PrimaryCategory, "cs.AR", 10)]
    );

    let mut cross = paper("T", "A");
    cross.categories = vec!["cs.CL".into(), "cs.LG".into()];
    cross.primary_category = Some("cs.CL".into());
    assert_eq!(
        parts(&score(&cross, &arch, today())),
        [(Reason::CrossList, "cs.LG", 5)]
    );

    let archive = topic(&["zzz"], &[], &["cs"]);
    assert_eq!(score(&cross, &archive, today()).total, 10);
}

#[test]
fn recency_falls_from_ten_to_zero_over_thirty_days() {
    let npu = topic(&["zzz"], &[], &[]);
    let days_ago = |days: i64| {
        let mut p = paper("T", "A");
        p.published = Utc
            .with_ymd_and_hms(2026, 11, 23, 23, 0, 0)
            .single()
            .expect("valid time")
            - chrono::Duration::days(days);
        score(&p, &npu, today()).total
    };
    assert_eq!(days_ago(-2), 10, "a future date counts as today");
    assert_eq!(days_ago(0), 10);
    assert_eq!(days_ago(1), 9);
    assert_eq!(days_ago(15), 5);
    assert_eq!(days_ago(29), 0);
    assert_eq!(days_ago(30), 0);
    assert_eq!(days_ago(400), 0);

    let mut fresh = paper("T", "A");
    fresh.published = Utc
        .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
        .single()
        .expect("valid time");
    assert_eq!(
        parts(&score(&fresh, &npu, today())),
        [(Reason::Recency, "submitted 2026-11-20, 3 days ago", 9)]
    );
}

#[test]
fn the_sum_is_capped_at_one_hundred() {
    let many = topic(
        &["alpha beta", "gamma delta", "epsilon zeta", "eta"],
        &["Ada Lovelace"],
        &["math"],
    );
    let hit = score(
        &paper("Alpha beta gamma delta epsilon zeta eta", "A"),
        &many,
        today(),
    );
    let sum: u32 = hit.parts.iter().map(|part| u32::from(part.points)).sum();
    assert_eq!(sum, 30 * 3 + 20 + 25 + 10);
    assert_eq!(hit.total, 100);
    assert_eq!(Scorer::new(&many, today()).total(&hit_paper()), 100);

    fn hit_paper() -> Paper {
        paper("Alpha beta gamma delta epsilon zeta eta", "A")
    }
}

#[test]
fn total_agrees_with_the_explanation() {
    let npu = topic(
        &["NPU", "neural processing unit"],
        &["Lovelace"],
        &["math.CO"],
    );
    let scorer = Scorer::new(&npu, today());
    for (title, summary) in [
        ("NPU design", "A neural processing unit."),
        ("Nothing", "Nothing here."),
        ("Neural processing units", "On NPUs."),
    ] {
        let p = paper(title, summary);
        assert_eq!(scorer.total(&p), scorer.explain(&p).total, "{title}");
    }
}

#[test]
fn more_than_sixty_four_keywords_all_count() {
    let words: Vec<String> = (0..70).map(|i| format!("kw{i}")).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let wide = topic(&refs, &[], &[]);
    let hit = score(&paper("kw69 and kw0", "kw65"), &wide, today());
    assert_eq!(
        parts(&hit),
        [
            (Reason::TitleWord, "kw0", 20),
            (Reason::TitleWord, "kw69", 20),
            (Reason::AbstractWord, "kw65", 8)
        ]
    );
}

#[test]
fn relevance_is_the_best_of_the_listed_or_the_papers_own_topics() {
    let npu = topic(&["NPU"], &[], &[]);
    let edge = Topic {
        name: "edge".into(),
        ..topic(&["edge"], &[], &[])
    };
    let all = [npu.clone(), edge.clone()];
    let mut cached = CachedPaper::new(paper("Edge NPU", "x"), Utc::now());
    cached.topics = BTreeSet::from(["edge".to_string()]);
    let own = Relevance::new(&all, &[], today());
    assert_eq!(own.of(&cached), 20);

    let mut stronger = cached.clone();
    stronger.paper.summary = "the NPU at the edge".into();
    stronger.paper.title = "Edge".into();
    let listed = Relevance::new(&all, &[&npu], today());
    assert_eq!(listed.of(&stronger), 8, "scored against the listed topic");
    assert_eq!(own.of(&stronger), 20, "scored against its own topic");

    let homeless = CachedPaper {
        topics: BTreeSet::new(),
        ..cached
    };
    assert_eq!(own.of(&homeless), 0);
}

#[test]
fn scores_of_a_big_listing_come_back_in_order() {
    let npu = topic(&["NPU"], &[], &[]);
    let papers: Vec<CachedPaper> = (0..PARALLEL_MIN * 2 + 3)
        .map(|i| {
            let title = if i % 3 == 0 { "NPU" } else { "GPU" };
            let mut cached = CachedPaper::new(paper(title, "x"), Utc::now());
            cached.topics = BTreeSet::from(["npu".to_string()]);
            cached
        })
        .collect();
    let refs: Vec<&CachedPaper> = papers.iter().collect();
    let scores = Relevance::new(std::slice::from_ref(&npu), &[], today()).of_all(&refs);
    assert_eq!(scores.len(), papers.len());
    for (i, score) in scores.iter().enumerate() {
        assert_eq!(*score, if i % 3 == 0 { 20 } else { 0 }, "paper {i}");
    }
}
