//! Field-by-field tests of the parser against real arXiv API responses
//! (tests/fixtures/arxiv, see SOURCES.md there), plus hostile and
//! truncated bodies. Expected values were read from the XML files.

use chrono::{DateTime, Utc};
use papers::arxiv::atom::{Feed, FeedError, parse_feed, parse_feed_bytes};
use papers::model::Paper;

const SEARCH_0: &str =
    include_str!("../fixtures/arxiv/api2026_search_all_testing_start0_max10.xml");
const SEARCH_10: &str =
    include_str!("../fixtures/arxiv/api2026_search_all_testing_start10_max10.xml");
const ERROR_ABC: &str =
    include_str!("../fixtures/arxiv/api2026_error_incorrect_id_format_abc_http400.xml");
const EMPTY: &str =
    include_str!("../fixtures/arxiv/api2026_idlist_nonexistent_0000.0000_empty.xml");
const ASTRO_PH: &str =
    include_str!("../fixtures/arxiv/api2026_idlist_oldstyle_astro-ph_0601001.xml");
const QUANT_PH: &str =
    include_str!("../fixtures/arxiv/api2026_idlist_oldstyle_versioned_quant-ph_0201082v1.xml");
const TWO_IDS: &str = include_str!("../fixtures/arxiv/api2026_idlist_two_ids_one_unknown.xml");
const CLASSIC_IDLIST: &str = include_str!("../fixtures/arxiv/classic2016_idlist_1111.2011v2.xml");
const DEL_MAESTRO: &str = include_str!("../fixtures/arxiv/classic2016_search_au_del_maestro.xml");
const DEEP_DREAM: &str = include_str!("../fixtures/arxiv/classic2017_search_deep_dream_start0.xml");

const ALL_FIXTURES: [(&str, &str); 10] = [
    ("SEARCH_0", SEARCH_0),
    ("SEARCH_10", SEARCH_10),
    ("ERROR_ABC", ERROR_ABC),
    ("EMPTY", EMPTY),
    ("ASTRO_PH", ASTRO_PH),
    ("QUANT_PH", QUANT_PH),
    ("TWO_IDS", TWO_IDS),
    ("CLASSIC_IDLIST", CLASSIC_IDLIST),
    ("DEL_MAESTRO", DEL_MAESTRO),
    ("DEEP_DREAM", DEEP_DREAM),
];

/// Everything a fixture entry is checked against.
struct Expected {
    id: &'static str,
    version: u32,
    title: &'static str,
    authors: &'static [(&'static str, &'static [&'static str])],
    /// First and last 40 characters (not bytes) of the normalised abstract.
    abstract_start: &'static str,
    abstract_end: &'static str,
    /// Number of paragraphs, i.e. `"\n\n"` separators + 1.
    paragraphs: usize,
    published: &'static str,
    updated: &'static str,
    categories: &'static [&'static str],
    primary_category: Option<&'static str>,
    comment: Option<&'static str>,
    journal_ref: Option<&'static str>,
    dois: &'static [&'static str],
    abs_url: &'static str,
    pdf_url: &'static str,
}

fn parse_ok(xml: &str) -> Feed {
    match parse_feed(xml) {
        Ok(feed) => feed,
        Err(err) => panic!("fixture should parse: {err}"),
    }
}

fn malformed_reason(result: Result<Feed, FeedError>) -> String {
    match result {
        Err(FeedError::Malformed(reason)) => reason,
        other => panic!("expected FeedError::Malformed, got {other:?}"),
    }
}

fn time(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test timestamp is RFC 3339")
        .with_timezone(&Utc)
}

fn versioned_ids(feed: &Feed) -> Vec<(&str, u32)> {
    feed.entries
        .iter()
        .map(|paper| (paper.id.as_str(), paper.version))
        .collect()
}

fn find<'a>(feed: &'a Feed, id: &str) -> &'a Paper {
    feed.entries
        .iter()
        .find(|paper| paper.id == id)
        .unwrap_or_else(|| panic!("{id} not in feed"))
}

fn first_chars(text: &str, count: usize) -> String {
    text.chars().take(count).collect()
}

fn last_chars(text: &str, count: usize) -> String {
    let total = text.chars().count();
    text.chars().skip(total.saturating_sub(count)).collect()
}

/// Abstract shape promised by `Paper::summary`: trimmed, paragraphs split
/// by exactly `"\n\n"`, no other newline, no whitespace runs.
fn assert_abstract_shape(paper: &Paper) {
    let summary = &paper.summary;
    let id = &paper.id;
    assert_eq!(summary.trim(), summary, "{id}: abstract not trimmed");
    for paragraph in summary.split("\n\n") {
        assert!(!paragraph.is_empty(), "{id}: empty paragraph");
        assert!(
            !paragraph.contains('\n'),
            "{id}: stray newline in {paragraph:?}"
        );
        assert!(!paragraph.contains("  "), "{id}: double space in abstract");
        assert_eq!(paragraph.trim(), paragraph, "{id}: paragraph not trimmed");
    }
}

fn assert_paper(paper: &Paper, expected: &Expected) {
    let id = expected.id;
    assert_eq!(paper.id, expected.id);
    assert_eq!(paper.version, expected.version, "{id} version");
    assert_eq!(paper.title, expected.title, "{id} title");
    let authors: Vec<(&str, Vec<&str>)> = paper
        .authors
        .iter()
        .map(|author| {
            let affiliations = author.affiliations.iter().map(String::as_str).collect();
            (author.name.as_str(), affiliations)
        })
        .collect();
    let expected_authors: Vec<(&str, Vec<&str>)> = expected
        .authors
        .iter()
        .map(|(name, affiliations)| (*name, affiliations.to_vec()))
        .collect();
    assert_eq!(authors, expected_authors, "{id} authors");
    assert_eq!(
        first_chars(&paper.summary, 40),
        expected.abstract_start,
        "{id} abstract start"
    );
    assert_eq!(
        last_chars(&paper.summary, 40),
        expected.abstract_end,
        "{id} abstract end"
    );
    assert_eq!(
        paper.summary.split("\n\n").count(),
        expected.paragraphs,
        "{id} paragraphs"
    );
    assert_abstract_shape(paper);
    assert_eq!(paper.published, time(expected.published), "{id} published");
    assert_eq!(paper.updated, time(expected.updated), "{id} updated");
    assert_eq!(paper.categories, expected.categories, "{id} categories");
    assert_eq!(
        paper.primary_category.as_deref(),
        expected.primary_category,
        "{id} primary"
    );
    assert_eq!(paper.comment.as_deref(), expected.comment, "{id} comment");
    assert_eq!(
        paper.journal_ref.as_deref(),
        expected.journal_ref,
        "{id} journal_ref"
    );
    assert_eq!(paper.dois, expected.dois, "{id} dois");
    assert_eq!(paper.abs_url, expected.abs_url, "{id} abs_url");
    assert_eq!(paper.pdf_url, expected.pdf_url, "{id} pdf_url");
}

fn assert_totals(feed: &Feed, total: u64, start: u64, per_page: u64, entries: usize) {
    assert_eq!(feed.total_results, Some(total), "totalResults");
    assert_eq!(feed.start_index, Some(start), "startIndex");
    assert_eq!(feed.items_per_page, Some(per_page), "itemsPerPage");
    assert_eq!(feed.entries.len(), entries, "number of entries");
}

// ---------------------------------------------------------------- current service, search

#[test]
fn search_page_one_totals_and_ids() {
    let feed = parse_ok(SEARCH_0);
    assert_totals(&feed, 214881, 0, 10, 10);
    assert_eq!(
        versioned_ids(&feed),
        [
            ("2202.12139", 1),
            ("2405.13786", 1),
            ("2005.14124", 2),
            ("2204.08348", 3),
            ("2302.03287", 3),
            ("1202.4527", 1),
            ("2503.05378", 2),
            ("1205.1866", 1),
            ("2502.07719", 2),
            ("1812.11470", 1)
        ]
    );
}

#[test]
fn search_page_one_entries_field_by_field() {
    let feed = parse_ok(SEARCH_0);
    let expected = [
        Expected {
            id: "2202.12139",
            version: 1,
            title: "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques",
            authors: &[
                ("Mohit Kumar Ahuja", &[]),
                ("Arnaud Gotlieb", &[]),
                ("Helge Spieker", &[]),
            ],
            abstract_start: "Deep Learning (DL) has revolutionized th",
            abstract_end: "ark used in VBS and discuss its results.",
            paragraphs: 1,
            published: "2022-02-24T15:05:19Z",
            updated: "2022-02-24T15:05:19Z",
            categories: &["cs.SE", "cs.LG"],
            primary_category: Some("cs.SE"),
            comment: Some("Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022"),
            journal_ref: Some(
                "Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW)",
            ),
            dois: &["10.1109/ICSTW55395.2022.00035"],
            abs_url: "https://arxiv.org/abs/2202.12139v1",
            pdf_url: "https://arxiv.org/pdf/2202.12139v1",
        },
        Expected {
            id: "2405.13786",
            version: 1,
            title: "Towards Explainable Test Case Prioritisation with Learning-to-Rank Models",
            authors: &[
                ("Aurora Ramírez", &[]),
                ("Mario Berrios", &[]),
                ("José Raúl Romero", &[]),
                ("Robert Feldt", &[]),
            ],
            abstract_start: "Test case prioritisation (TCP) is a crit",
            abstract_end: "ictions, but also on the relative ranks.",
            paragraphs: 1,
            published: "2024-05-22T16:11:45Z",
            updated: "2024-05-22T16:11:45Z",
            categories: &["cs.SE", "cs.AI"],
            primary_category: Some("cs.SE"),
            comment: Some(
                "3rd International Workshop on Artificial Intelligence in Software Testing (AIST) - International Conference on Software Testing and Validation (ICST)",
            ),
            journal_ref: Some(
                "Proc. 2023 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW), pp. 66-69",
            ),
            dois: &["10.1109/ICSTW58534.2023.00023"],
            abs_url: "https://arxiv.org/abs/2405.13786v1",
            pdf_url: "https://arxiv.org/pdf/2405.13786v1",
        },
        Expected {
            id: "2302.03287",
            version: 3,
            title: "ChatGPT and Software Testing Education: Promises & Perils",
            authors: &[
                ("Sajed Jalil", &[]),
                ("Suzzana Rafi", &[]),
                ("Thomas D. LaToza", &[]),
                ("Kevin Moran", &[]),
                ("Wing Lam", &[]),
            ],
            abstract_start: "Over the past decade, predictive languag",
            abstract_end: " of ChatGPT by students and instructors.",
            paragraphs: 1,
            published: "2023-02-07T06:41:02Z",
            updated: "2023-03-11T21:03:09Z",
            categories: &["cs.SE", "cs.HC"],
            primary_category: Some("cs.SE"),
            comment: Some(
                "2023 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW), 8 pages, 2 tables, 6 figures",
            ),
            journal_ref: Some(
                "2023 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW)",
            ),
            dois: &["10.1109/ICSTW58534.2023.00078"],
            abs_url: "https://arxiv.org/abs/2302.03287v3",
            pdf_url: "https://arxiv.org/pdf/2302.03287v3",
        },
        Expected {
            id: "1205.1866",
            version: 1,
            title: "Microcontroller Based Testing of Digital IP-Core",
            authors: &[("Amandeep Singh", &[]), ("Balwinder Singh", &[])],
            abstract_start: "Testing core based System on Chip is a c",
            abstract_end: "he testing process is based on software.",
            paragraphs: 1,
            published: "2012-05-09T04:15:39Z",
            updated: "2012-05-09T04:15:39Z",
            categories: &["cs.AR"],
            primary_category: Some("cs.AR"),
            comment: Some("Microcontroller, FPGA, Testing, TMR, SOC"),
            journal_ref: None,
            dois: &["10.5121/vlsic.2012.3205"],
            abs_url: "https://arxiv.org/abs/1205.1866v1",
            pdf_url: "https://arxiv.org/pdf/1205.1866v1",
        },
        Expected {
            id: "1812.11470",
            version: 1,
            title: "A Systematic Literature Review of Automated Techniques for Functional GUI Testing of Mobile Applications",
            authors: &[("Yauhen Leanidavich Arnatovich", &[]), ("Lipo Wang", &[])],
            abstract_start: "Context. Multiple automated techniques h",
            abstract_end: "ing techniques are not efficient enough.",
            paragraphs: 4,
            published: "2018-12-30T04:50:20Z",
            updated: "2018-12-30T04:50:20Z",
            categories: &["cs.SE"],
            primary_category: Some("cs.SE"),
            comment: Some(
                "GUI testing, Functional testing, Model-based, Mobile, Systematic literature review",
            ),
            journal_ref: None,
            dois: &[],
            abs_url: "https://arxiv.org/abs/1812.11470v1",
            pdf_url: "https://arxiv.org/pdf/1812.11470v1",
        },
    ];
    for entry in &expected {
        assert_paper(find(&feed, entry.id), entry);
    }
}

#[test]
fn search_page_one_paragraph_breaks_are_kept() {
    let feed = parse_ok(SEARCH_0);
    let summary = &find(&feed, "1812.11470").summary;
    assert!(summary.contains("and community as a whole.\n\nObjective. In this systematic review"));
    let starts: Vec<String> = summary.split("\n\n").map(|p| first_chars(p, 11)).collect();
    assert_eq!(
        starts,
        ["Context. Mu", "Objective. ", "Results. Fr", "Conclusion."]
    );
    // An inline "Method." sentence was not a paragraph in the source.
    assert!(summary.contains("and practicality. Method. To achieve"));
}

#[test]
fn search_page_one_dois_journal_refs_and_comments() {
    let feed = parse_ok(SEARCH_0);
    let with_doi: Vec<&str> = feed
        .entries
        .iter()
        .filter(|p| !p.dois.is_empty())
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        with_doi,
        [
            "2202.12139",
            "2405.13786",
            "2005.14124",
            "2204.08348",
            "2302.03287",
            "1205.1866"
        ]
    );
    let with_journal_ref: Vec<&str> = feed
        .entries
        .iter()
        .filter(|p| p.journal_ref.is_some())
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        with_journal_ref,
        [
            "2202.12139",
            "2405.13786",
            "2005.14124",
            "2204.08348",
            "2302.03287",
            "1202.4527"
        ]
    );
    assert!(feed.entries.iter().all(|p| p.comment.is_some()));
    assert_eq!(
        find(&feed, "1202.4527").journal_ref.as_deref(),
        Some(
            "International Journal of Software Engineering & Applications (IJSEA), Vol.3, No.1, January 2012"
        )
    );
}

#[test]
fn search_page_two_totals_and_ids_do_not_overlap_page_one() {
    let feed = parse_ok(SEARCH_10);
    assert_totals(&feed, 214881, 10, 10, 10);
    assert_eq!(
        versioned_ids(&feed),
        [
            ("2403.16981", 2),
            ("2004.03322", 1),
            ("1912.09881", 1),
            ("2406.19956", 3),
            ("1912.04900", 1),
            ("2301.05651", 1),
            ("1605.01097", 1),
            ("2301.13615", 1),
            ("2407.18756", 1),
            ("2202.06271", 1)
        ]
    );
    let page_one = parse_ok(SEARCH_0);
    assert!(
        feed.entries
            .iter()
            .all(|p| page_one.entries.iter().all(|q| q.id != p.id))
    );
    let with_doi: Vec<&str> = feed
        .entries
        .iter()
        .filter(|p| !p.dois.is_empty())
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(with_doi, ["2407.18756"]);
}

#[test]
fn search_page_two_entries_field_by_field() {
    let feed = parse_ok(SEARCH_10);
    let expected = [
        Expected {
            id: "2403.16981",
            version: 2,
            title: "The Sample Complexity of Simple Binary Hypothesis Testing",
            authors: &[
                ("Ankit Pensia", &[]),
                ("Varun Jog", &[]),
                ("Po-Ling Loh", &[]),
            ],
            abstract_start: "The sample complexity of simple binary h",
            abstract_end: "d (iv) hypothesis testing with erasures.",
            paragraphs: 1,
            published: "2024-03-25T17:42:32Z",
            updated: "2025-05-24T05:50:33Z",
            categories: &["math.ST", "cs.IT", "stat.ML"],
            primary_category: Some("math.ST"),
            comment: Some(
                "Comments welcome. The new version includes results on sequential hypothesis testing and on hypothesis testing with erasures",
            ),
            journal_ref: None,
            dois: &[],
            abs_url: "https://arxiv.org/abs/2403.16981v2",
            pdf_url: "https://arxiv.org/pdf/2403.16981v2",
        },
        Expected {
            id: "2301.05651",
            version: 1,
            title: "Mutation Testing of Deep Reinforcement Learning Based on Real Faults",
            authors: &[
                ("Florian Tambon", &[]),
                ("Vahid Majdinasab", &[]),
                ("Amin Nikanjam", &[]),
                ("Foutse Khomh", &[]),
                ("Giuliano Antonio", &[]),
            ],
            abstract_start: "Testing Deep Learning (DL) systems is a ",
            abstract_end: "nhance testing capability in RL systems.",
            paragraphs: 1,
            published: "2023-01-13T16:45:56Z",
            updated: "2023-01-13T16:45:56Z",
            categories: &["cs.LG", "cs.SE"],
            primary_category: Some("cs.LG"),
            comment: Some(
                "Accepted to the International Conference of Software Testing (ICST2023)",
            ),
            journal_ref: None,
            dois: &[],
            abs_url: "https://arxiv.org/abs/2301.05651v1",
            pdf_url: "https://arxiv.org/pdf/2301.05651v1",
        },
        Expected {
            id: "2407.18756",
            version: 1,
            title: "Evaluating Human Trajectory Prediction with Metamorphic Testing",
            authors: &[
                ("Helge Spieker", &[]),
                ("Nassim Belmecheri", &[]),
                ("Arnaud Gotlieb", &[]),
                ("Nadjib Lazaar", &[]),
            ],
            abstract_start: "The prediction of human trajectories is ",
            abstract_end: "a label-preserving metamorphic relation.",
            paragraphs: 1,
            published: "2024-07-26T14:10:14Z",
            updated: "2024-07-26T14:10:14Z",
            categories: &["cs.SE", "cs.AI"],
            primary_category: Some("cs.SE"),
            comment: Some("MET'24: 9th ACM International Workshop on Metamorphic Testing"),
            journal_ref: None,
            dois: &["10.1145/3679006.3685071"],
            abs_url: "https://arxiv.org/abs/2407.18756v1",
            pdf_url: "https://arxiv.org/pdf/2407.18756v1",
        },
        Expected {
            id: "2202.06271",
            version: 1,
            title: "Model-based Testing of Scratch Programs",
            authors: &[
                ("Katharina Götz", &[]),
                ("Patric Feldmeier", &[]),
                ("Gordon Fraser", &[]),
            ],
            abstract_start: "Learners are often introduced to program",
            abstract_end: "lowing URL: https://youtu.be/edgCNbGSGEY",
            paragraphs: 1,
            published: "2022-02-13T09:42:13Z",
            updated: "2022-02-13T09:42:13Z",
            categories: &["cs.SE"],
            primary_category: Some("cs.SE"),
            comment: Some(
                "To appear at the IEEE International Conference on Software Testing, Verification, and Validation (ICST 2022)",
            ),
            journal_ref: None,
            dois: &[],
            abs_url: "https://arxiv.org/abs/2202.06271v1",
            pdf_url: "https://arxiv.org/pdf/2202.06271v1",
        },
    ];
    for entry in &expected {
        assert_paper(find(&feed, entry.id), entry);
    }
    let greek = &find(&feed, "2403.16981").summary;
    assert!(greek.contains("at most $α$ and type-II error at most $β$"));
    assert!(greek.contains("distribution $(π, 1-π)$"));
}

// ---------------------------------------------------------------- current service, id_list

#[test]
fn idlist_old_style_astro_ph() {
    let feed = parse_ok(ASTRO_PH);
    assert_totals(&feed, 1, 0, 100, 1);
    assert_paper(
        &feed.entries[0],
        &Expected {
            id: "astro-ph/0601001",
            version: 1,
            title: "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina",
            authors: &[
                ("Andrew Gould", &["Ohio State"]),
                ("Susan Dorsher", &["Ohio State"]),
                ("B. Scott Gaudi", &["CfA"]),
                ("Andrzej Udalski", &["Warsaw University Observatory"]),
            ],
            abstract_start: "We derive the frequencies of hot Jupiter",
            abstract_end: "mple to map this distribution in detail.",
            paragraphs: 1,
            published: "2006-01-02T14:57:58Z",
            updated: "2006-01-02T14:57:58Z",
            categories: &["astro-ph"],
            primary_category: Some("astro-ph"),
            comment: Some(
                "62 pages including 16 figures and 9 tables. Submitted to Acta Astronomica. Full resolution version at http://www.astronomy.ohio-state.edu/~gould/ogle_hot_jupiters.ps.gz",
            ),
            journal_ref: Some("ActaAstron.56:1-50,2006"),
            dois: &[],
            abs_url: "https://arxiv.org/abs/astro-ph/0601001v1",
            pdf_url: "https://arxiv.org/pdf/astro-ph/0601001v1",
        },
    );
    let summary = &feed.entries[0].summary;
    assert!(
        summary.contains("following Gould & Morgan (2003)"),
        "&amp; decoded"
    );
    assert!(summary.contains("limit of V_max<17.5."), "&lt; decoded");
}

#[test]
fn idlist_old_style_with_version_quant_ph() {
    let feed = parse_ok(QUANT_PH);
    assert_totals(&feed, 1, 0, 100, 1);
    assert_paper(
        &feed.entries[0],
        &Expected {
            id: "quant-ph/0201082",
            version: 1,
            title: "Quantum Computers and Quantum Computer Languages: Quantum Assembly Language and Quantum C Language",
            authors: &[("Stephen Blaha", &[])],
            abstract_start: "We show a representation of Quantum Comp",
            abstract_end: "uage and Quantum C language as examples.",
            paragraphs: 1,
            published: "2002-01-18T15:08:05Z",
            updated: "2002-01-18T15:08:05Z",
            categories: &["quant-ph", "cs.PL"],
            primary_category: Some("quant-ph"),
            comment: Some("32 pages"),
            journal_ref: None,
            dois: &[],
            abs_url: "https://arxiv.org/abs/quant-ph/0201082v1",
            pdf_url: "https://arxiv.org/pdf/quant-ph/0201082v1",
        },
    );
}

#[test]
fn idlist_two_ids_one_unknown_returns_only_the_known_one() {
    let feed = parse_ok(TWO_IDS);
    assert_totals(&feed, 1, 0, 100, 1);
    assert_paper(
        &feed.entries[0],
        &Expected {
            id: "1707.08567",
            version: 1,
            title: "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications",
            authors: &[
                ("Kees A. Schouhamer Immink", &[]),
                ("Stan Baggen", &[]),
                ("Ferdaous Chaabane", &[]),
                ("Yanling Chen", &[]),
                ("Peter H. N. de With", &[]),
                ("Hela Gassara", &[]),
                ("Hamed Gharbi", &[]),
                ("Adel Ghazel", &[]),
                ("Khaled Grati", &[]),
                ("Naira M. Grigoryan", &[]),
                ("Ashot Harutyunyan", &[]),
                ("Masayuki Imanishi", &[]),
                ("Mitsugu Iwamoto", &[]),
                ("Ken-ichi Iwata", &[]),
                ("Hiroshi Kamabe", &[]),
                ("Brian M. Kurkoski", &[]),
                ("Shigeaki Kuzuoka", &[]),
                ("Patrick Langenhuizen", &[]),
                ("Jan Lewandowsky", &[]),
                ("Akiko Manada", &[]),
                ("Shigeki Miyake", &[]),
                ("Hiroyoshi Morita", &[]),
                ("Jun Muramatsu", &[]),
                ("Safa Najjar", &[]),
                ("Arnak V. Poghosyan", &[]),
                ("Fatma Rouissi", &[]),
                ("Yuta Sakai", &[]),
                ("Ulrich Tamm", &[]),
                ("Joost van der Putten", &[]),
                ("Fons van der Sommen", &[]),
                ("A. J. Han Vinck", &[]),
                ("Tadashi Wadayama", &[]),
                ("Dirk Wübben", &[]),
                ("Hirosuke Yamamoto", &[]),
            ],
            abstract_start: "The 10th Asia-Europe workshop in \"Concep",
            abstract_end: " a well respected and special scientist.",
            paragraphs: 1,
            published: "2017-07-27T08:18:33Z",
            updated: "2017-07-27T08:18:33Z",
            categories: &["cs.IT"],
            primary_category: Some("cs.IT"),
            comment: Some(
                "44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck",
            ),
            journal_ref: None,
            dois: &[],
            abs_url: "https://arxiv.org/abs/1707.08567v1",
            pdf_url: "https://arxiv.org/pdf/1707.08567v1",
        },
    );
}

#[test]
fn idlist_nonexistent_id_is_an_empty_feed_not_an_error() {
    let feed = parse_ok(EMPTY);
    assert_totals(&feed, 0, 0, 100, 0);
}

#[test]
fn error_feed_is_an_api_error() {
    assert_eq!(
        parse_feed(ERROR_ABC).err(),
        Some(FeedError::Api("incorrect id format for abc".into()))
    );
    assert_eq!(
        parse_feed_bytes(ERROR_ABC.as_bytes()).err(),
        Some(FeedError::Api("incorrect id format for abc".into()))
    );
}

#[test]
fn error_entry_hidden_in_a_normal_feed_is_still_an_api_error() {
    let error_entry = ERROR_ABC
        .split_once("<entry>")
        .and_then(|(_, rest)| rest.split_once("</entry>"))
        .map(|(inside, _)| format!("<entry>{inside}</entry>"))
        .expect("error fixture has an entry");
    let mixed = SEARCH_0.replace("</feed>", &format!("{error_entry}</feed>"));
    assert_eq!(
        parse_feed(&mixed).err(),
        Some(FeedError::Api("incorrect id format for abc".into()))
    );
}

// ---------------------------------------------------------------- classic service

#[test]
fn classic_idlist_with_version() {
    let feed = parse_ok(CLASSIC_IDLIST);
    assert_totals(&feed, 1, 0, 10, 1);
    assert_paper(
        &feed.entries[0],
        &Expected {
            id: "1111.2011",
            version: 2,
            title: "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit",
            authors: &[
                ("James M. Murray", &[]),
                ("Adrian Del Maestro", &[]),
                ("Zlatko Tesanovic", &[]),
            ],
            abstract_start: "Theoretical description of anisotropic s",
            abstract_end: " to the theory describing a single node.",
            paragraphs: 1,
            published: "2011-11-08T18:48:36Z",
            updated: "2012-04-02T12:38:54Z",
            categories: &["cond-mat.str-el", "cond-mat.stat-mech"],
            primary_category: Some("cond-mat.str-el"),
            comment: Some("8 pages, 3 figures. Published version"),
            journal_ref: Some("Phys. Rev. B 85, 115117 (2012)"),
            dois: &["10.1103/PhysRevB.85.115117"],
            abs_url: "http://arxiv.org/abs/1111.2011v2",
            pdf_url: "http://arxiv.org/pdf/1111.2011v2",
        },
    );
}

#[test]
fn classic_search_del_maestro_totals_and_ids() {
    let feed = parse_ok(DEL_MAESTRO);
    assert_totals(&feed, 31, 0, 10, 10);
    assert_eq!(
        versioned_ids(&feed),
        [
            ("1201.4869", 1),
            ("cond-mat/0412498", 1),
            ("cond-mat/0603029", 1),
            ("1005.5383", 1),
            ("1303.6954", 2),
            ("1312.6177", 1),
            ("1412.6529", 2),
            ("cond-mat/0607501", 2),
            ("cond-mat/0702661", 2),
            ("0807.2873", 1)
        ]
    );
    for paper in &feed.entries {
        assert_eq!(paper.dois.len(), 1, "{}: one doi", paper.id);
        assert!(
            paper.comment.is_some() && paper.journal_ref.is_some(),
            "{}",
            paper.id
        );
    }
}

#[test]
fn classic_search_del_maestro_entries_field_by_field() {
    let feed = parse_ok(DEL_MAESTRO);
    let expected = [
        Expected {
            id: "1201.4869",
            version: 1,
            title: "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores",
            authors: &[("Adrian Del Maestro", &[])],
            abstract_start: "As helium-4 is cooled below 2.17 K it un",
            abstract_end: "riguing low dimensional state of matter.",
            paragraphs: 1,
            published: "2012-01-23T21:15:02Z",
            updated: "2012-01-23T21:15:02Z",
            categories: &["cond-mat.mes-hall", "cond-mat.other"],
            primary_category: Some("cond-mat.mes-hall"),
            comment: Some("26 pages, 10 figures"),
            journal_ref: Some("Int. J. Mod. Phys. B, 26, 1244002 (2012)"),
            dois: &["10.1142/S021797921244002X"],
            abs_url: "http://arxiv.org/abs/1201.4869v1",
            pdf_url: "http://arxiv.org/pdf/1201.4869v1",
        },
        Expected {
            id: "cond-mat/0412498",
            version: 1,
            title: "Thermal melting of density waves on the square lattice",
            authors: &[("Adrian Del Maestro", &[]), ("Subir Sachdev", &[])],
            abstract_start: "We present the theory of the effect of t",
            abstract_end: "ical point with non-universal exponents.",
            paragraphs: 1,
            published: "2004-12-19T16:18:24Z",
            updated: "2004-12-19T16:18:24Z",
            categories: &["cond-mat.str-el", "cond-mat.stat-mech"],
            primary_category: Some("cond-mat.str-el"),
            comment: Some("12 pages, 5 figures"),
            journal_ref: Some("Physical Review B 71, 184511 (2005)"),
            dois: &["10.1103/PhysRevB.71.184511"],
            abs_url: "http://arxiv.org/abs/cond-mat/0412498v1",
            pdf_url: "http://arxiv.org/pdf/cond-mat/0412498v1",
        },
        Expected {
            id: "1412.6529",
            version: 2,
            title: "Particle partition entanglement of bosonic Luttinger liquids",
            authors: &[("C. M. Herdman", &[]), ("A. Del Maestro", &[])],
            abstract_start: "We consider the R\\'{e}nyi entanglement e",
            abstract_end: "n the one dimensional spatial continuum.",
            paragraphs: 1,
            published: "2014-12-19T21:00:08Z",
            updated: "2015-02-25T23:04:37Z",
            categories: &["cond-mat.quant-gas", "quant-ph"],
            primary_category: Some("cond-mat.quant-gas"),
            comment: Some(
                "10 pages, 8 figures; updated figure 5, added references, revised text, reformatted",
            ),
            journal_ref: Some("Phys. Rev. B 91, 184507 (2015)"),
            dois: &["10.1103/PhysRevB.91.184507"],
            abs_url: "http://arxiv.org/abs/1412.6529v2",
            pdf_url: "http://arxiv.org/pdf/1412.6529v2",
        },
        Expected {
            id: "cond-mat/0702661",
            version: 2,
            title: "Low temperature specific heat and possible gap to magnetic excitations in the Heisenberg pyrochlore antiferromagnet Gd2Sn207",
            authors: &[("Adrian Del Maestro", &[]), ("Michel J. P. Gingras", &[])],
            abstract_start: "The Gd2Sn2O7 pyrochlore Heisenberg antif",
            abstract_end: "e of gapped excitations proposed herein.",
            paragraphs: 1,
            published: "2007-02-27T21:02:02Z",
            updated: "2007-06-25T21:09:59Z",
            categories: &["cond-mat.mtrl-sci", "cond-mat.stat-mech"],
            primary_category: Some("cond-mat.mtrl-sci"),
            comment: Some("12 pages, 13 figures; shortened introduction and added 1 figure"),
            journal_ref: Some("Phys. Rev. B 76, 064418 (2007)"),
            dois: &["10.1103/PhysRevB.76.064418"],
            abs_url: "http://arxiv.org/abs/cond-mat/0702661v2",
            pdf_url: "http://arxiv.org/pdf/cond-mat/0702661v2",
        },
    ];
    for entry in &expected {
        assert_paper(find(&feed, entry.id), entry);
    }
    assert!(
        find(&feed, "cond-mat/0412498")
            .summary
            .contains("(p >= 3, integer)")
    );
}

#[test]
fn classic_search_deep_dream_totals_and_ids() {
    let feed = parse_ok(DEEP_DREAM);
    assert_totals(&feed, 24617, 0, 10, 10);
    assert_eq!(
        versioned_ids(&feed),
        [
            ("1611.09520", 2),
            ("1511.08339", 2),
            ("1612.03659", 1),
            ("1304.8005", 2),
            ("1402.2297", 1),
            ("1608.03425", 1),
            ("1510.02795", 2),
            ("0706.3031", 3),
            ("0904.3231", 1),
            ("1403.7984", 2)
        ]
    );
    let with_doi: Vec<&str> = feed
        .entries
        .iter()
        .filter(|p| !p.dois.is_empty())
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(with_doi, ["1511.08339", "1402.2297", "1403.7984"]);
}

#[test]
fn classic_search_deep_dream_entries_field_by_field() {
    let feed = parse_ok(DEEP_DREAM);
    let expected = [
        Expected {
            id: "1612.03659",
            version: 1,
            title: "Unraveling reported dreams with text analytics",
            authors: &[
                ("Iris Hendrickx", &[]),
                ("Louis Onrust", &[]),
                ("Florian Kunneman", &[]),
                ("Ali Hürriyetoğlu", &[]),
                ("Antal van den Bosch", &[]),
                ("Wessel Stoop", &[]),
            ],
            abstract_start: "We investigate what distinguishes report",
            abstract_end: "oherence than other personal narratives.",
            paragraphs: 1,
            published: "2016-12-12T13:08:55Z",
            updated: "2016-12-12T13:08:55Z",
            categories: &["cs.CL"],
            primary_category: Some("cs.CL"),
            comment: None,
            journal_ref: None,
            dois: &[],
            abs_url: "http://arxiv.org/abs/1612.03659v1",
            pdf_url: "http://arxiv.org/pdf/1612.03659v1",
        },
        Expected {
            id: "1304.8005",
            version: 2,
            title: "Examples of Mori dream spaces with Picard number two",
            authors: &[("Atsushi Ito", &[])],
            abstract_start: "In this note, we give a sufficient condi",
            abstract_end: "ori dream spaces with Picard number two.",
            paragraphs: 1,
            published: "2013-04-30T14:04:41Z",
            updated: "2014-03-09T14:29:23Z",
            categories: &["math.AG"],
            primary_category: Some("math.AG"),
            comment: Some("11 pages"),
            journal_ref: None,
            dois: &[],
            abs_url: "http://arxiv.org/abs/1304.8005v2",
            pdf_url: "http://arxiv.org/pdf/1304.8005v2",
        },
        Expected {
            id: "1510.02795",
            version: 2,
            title: "Dreaming More Data: Class-dependent Distributions over Diffeomorphisms for Learned Data Augmentation",
            authors: &[
                ("Søren Hauberg", &[]),
                ("Oren Freifeld", &[]),
                ("Anders Boesen Lindbo Larsen", &[]),
                ("John W. Fisher III", &[]),
                ("Lars Kai Hansen", &[]),
            ],
            abstract_start: "Data augmentation is a key element in tr",
            abstract_end: "augmented datasets are available online.",
            paragraphs: 1,
            published: "2015-10-09T20:00:47Z",
            updated: "2016-06-30T06:12:38Z",
            categories: &["cs.CV"],
            primary_category: Some("cs.CV"),
            comment: None,
            journal_ref: Some(
                "Proceedings of the 19th International Conference on Artificial Intelligence and Statistics, pp. 342-350, 2016",
            ),
            dois: &[],
            abs_url: "http://arxiv.org/abs/1510.02795v2",
            pdf_url: "http://arxiv.org/pdf/1510.02795v2",
        },
        Expected {
            id: "0706.3031",
            version: 3,
            title: "Duality of antidiagonals and pipe dreams",
            authors: &[("Ning Jia", &[]), ("Ezra Miller", &[])],
            abstract_start: "Weighted enumeration of reduced pipe dre",
            abstract_end: "r provides a direct combinatorial proof.",
            paragraphs: 1,
            published: "2007-06-20T19:46:59Z",
            updated: "2008-05-26T21:33:51Z",
            categories: &["math.CO"],
            primary_category: Some("math.CO"),
            comment: Some(
                "6 pages, 4 figures; v3=v2 = online published version: edited background exposition. (Why v3 = v2? Metadata issues.)",
            ),
            journal_ref: Some(
                "S\\'eminaire Lotharingien de Combinatoire, Issue 58 (2008), Article B58e. (electronic)",
            ),
            dois: &[],
            abs_url: "http://arxiv.org/abs/0706.3031v3",
            pdf_url: "http://arxiv.org/pdf/0706.3031v3",
        },
        Expected {
            id: "1403.7984",
            version: 2,
            title: "Mori Dream Stacks",
            authors: &[("Andreas Hochenegger", &[]), ("Elena Martinengo", &[])],
            abstract_start: "We propose a generalisation of Mori drea",
            abstract_end: " of smooth toric Deligne-Mumford stacks.",
            paragraphs: 1,
            published: "2014-03-31T13:08:42Z",
            updated: "2015-05-24T19:09:49Z",
            categories: &["math.AG"],
            primary_category: Some("math.AG"),
            comment: Some("19 pages, to appear in Mathematische Zeitschrift"),
            journal_ref: Some("Mathematische Zeitschrift 280, 1185-1202, 2015"),
            dois: &["10.1007/s00209-015-1472-1"],
            abs_url: "http://arxiv.org/abs/1403.7984v2",
            pdf_url: "http://arxiv.org/pdf/1403.7984v2",
        },
    ];
    for entry in &expected {
        assert_paper(find(&feed, entry.id), entry);
    }
}

#[test]
fn classic_msc_codes_are_dropped_from_categories() {
    let feed = parse_ok(DEEP_DREAM);
    assert_eq!(find(&feed, "1304.8005").categories, ["math.AG"]);
    assert_eq!(find(&feed, "0706.3031").categories, ["math.CO"]);
    assert_eq!(find(&feed, "1403.7984").categories, ["math.AG"]);
    for paper in &feed.entries {
        for category in &paper.categories {
            assert!(
                !category.contains(|c: char| c.is_ascii_digit() || c == ',' || c == ' '),
                "{}: {category:?} is not an arXiv category",
                paper.id
            );
        }
    }
}

#[test]
fn classic_wrapped_journal_refs_are_collapsed() {
    let feed = parse_ok(DEEP_DREAM);
    assert_eq!(
        find(&feed, "1510.02795").journal_ref.as_deref(),
        Some(
            "Proceedings of the 19th International Conference on Artificial Intelligence and Statistics, pp. 342-350, 2016"
        )
    );
    for paper in &feed.entries {
        for text in [&paper.journal_ref, &paper.comment].into_iter().flatten() {
            assert!(
                !text.contains('\n') && !text.contains("  "),
                "{}: {text:?}",
                paper.id
            );
        }
    }
}

// ---------------------------------------------------------------- across all fixtures

#[test]
fn non_ascii_names_survive() {
    let names: Vec<String> = [SEARCH_0, SEARCH_10, TWO_IDS, DEEP_DREAM]
        .into_iter()
        .flat_map(|xml| parse_ok(xml).entries)
        .flat_map(|paper| paper.authors)
        .map(|author| author.name)
        .collect();
    for name in [
        "Dirk Wübben",
        "Ali Hürriyetoğlu",
        "Søren Hauberg",
        "Katharina Götz",
        "Aurora Ramírez",
        "José Raúl Romero",
    ] {
        assert!(names.iter().any(|known| known == name), "{name} missing");
    }
}

#[test]
fn every_fixture_entry_is_consistent() {
    let mut checked = 0;
    for (name, xml) in ALL_FIXTURES {
        let Ok(feed) = parse_feed(xml) else {
            assert_eq!(name, "ERROR_ABC", "only the error fixture fails");
            continue;
        };
        for paper in &feed.entries {
            assert_abstract_shape(paper);
            let versioned = paper.versioned_id();
            assert!(
                paper.abs_url.ends_with(&format!("/abs/{versioned}")),
                "{name} {versioned}"
            );
            assert!(
                paper.pdf_url.ends_with(&format!("/pdf/{versioned}")),
                "{name} {versioned}"
            );
            assert_eq!(
                paper.categories.first(),
                paper.primary_category.as_ref(),
                "{name} {versioned}"
            );
            assert!(paper.updated >= paper.published, "{name} {versioned}");
            assert!(!paper.authors.is_empty(), "{name} {versioned}");
            checked += 1;
        }
    }
    assert_eq!(checked, 10 + 10 + 1 + 1 + 1 + 1 + 10 + 10);
}

#[test]
fn bytes_and_str_entry_points_agree_on_every_fixture() {
    for (name, xml) in ALL_FIXTURES {
        assert_eq!(parse_feed_bytes(xml.as_bytes()), parse_feed(xml), "{name}");
    }
}

// ---------------------------------------------------------------- truncated and hostile bodies

/// Cut points every ~50 bytes plus every byte of the last 300, moved
/// forward to char boundaries.
fn cut_points(text: &str) -> Vec<usize> {
    let tail_start = text.len().saturating_sub(300);
    let mut cuts: Vec<usize> = (0..text.len())
        .step_by(50)
        .chain(tail_start..text.len())
        .collect();
    for cut in &mut cuts {
        while !text.is_char_boundary(*cut) {
            *cut += 1;
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

#[test]
fn truncated_fixtures_never_lose_entries_silently() {
    for (name, xml) in ALL_FIXTURES {
        let full = parse_feed(xml);
        for cut in cut_points(xml) {
            let prefix = &xml[..cut];
            let result = parse_feed(prefix);
            if prefix.contains("</feed>") {
                // Only trailing whitespace was cut: the same answer as the whole body.
                assert_eq!(result, full, "{name} cut at {cut}");
                continue;
            }
            // Anything shorter must be refused, never Ok with fewer entries.
            let reason = malformed_reason(result);
            assert!(
                !reason.is_empty() && !reason.contains('\n'),
                "{name} cut at {cut}: {reason:?}"
            );
        }
    }
}

#[test]
fn blank_and_whitespace_bodies_are_malformed() {
    assert!(malformed_reason(parse_feed("")).contains("empty body"));
    assert!(malformed_reason(parse_feed(" \r\n\t \n")).contains("empty body"));
    assert!(malformed_reason(parse_feed_bytes(b"")).contains("empty body"));
}

#[test]
fn html_access_denied_page_is_named_as_html() {
    let page = "<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don't have permission to access \"http&#58;&#47;&#47;export&#46;arxiv&#46;org&#47;api&#47;query&#63;\" on this server.<P>\nReference&#32;&#35;18&#46;1c2c3c17&#46;1700000000&#46;0\n</BODY>\n</HTML>\n";
    assert!(malformed_reason(parse_feed(page)).contains("an HTML page, not an Atom feed"));
    let html5 = "\n<!DOCTYPE html>\n<html lang=\"en\"><head><title>Access Denied</title></head><body><p>nope<br></body></html>";
    assert!(malformed_reason(parse_feed(html5)).contains("an HTML page, not an Atom feed"));
    let after_comment = "<!-- cache node 7 -->\n<HTML><BODY>Access Denied<BR></BODY></HTML>";
    assert!(malformed_reason(parse_feed(after_comment)).contains("an HTML page, not an Atom feed"));
    let xhtml = "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>Access Denied</body></html>";
    assert!(malformed_reason(parse_feed(xhtml)).contains("an HTML page, not an Atom feed"));
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    bomb.push_str(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for level in 2..=9 {
        let previous = format!("&lol{};", level - 1);
        bomb.push_str(&format!(
            " <!ENTITY lol{level} \"{}\">\n",
            previous.repeat(10)
        ));
    }
    bomb.push_str("]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&lol9;</title></feed>");
    let started = std::time::Instant::now();
    let reason = malformed_reason(parse_feed(&bomb));
    assert!(reason.contains("DTD"), "{reason}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn external_entity_is_refused() {
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>&xxe;</id></entry></feed>";
    assert!(malformed_reason(parse_feed(xxe)).contains("DTD"));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    assert!(
        malformed_reason(parse_feed_bytes(b"<feed>\xff\xfe</feed>"))
            .contains("not valid UTF-8 (bad byte at offset 6)")
    );
    let mut body = SEARCH_0.as_bytes().to_vec();
    let offset = SEARCH_0.find("Deep Learning (DL)").expect("known text");
    body[offset] = 0xC3; // a lead byte followed by ASCII is invalid
    let reason = malformed_reason(parse_feed_bytes(&body));
    assert!(reason.contains(&format!("offset {offset}")), "{reason}");
}

#[test]
fn non_atom_xml_roots_are_rejected() {
    let rss =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>";
    let reason = malformed_reason(parse_feed(rss));
    assert!(
        reason.contains("root element is <rss>") && reason.contains("not an Atom <feed>"),
        "{reason}"
    );
    let wrong_namespace = "<feed xmlns=\"http://purl.org/rss/1.0/\"><entry/></feed>";
    assert!(malformed_reason(parse_feed(wrong_namespace)).contains("not an Atom <feed>"));
}

#[test]
fn plain_text_bodies_are_not_xml() {
    assert!(malformed_reason(parse_feed("Rate exceeded.")).contains("not well-formed XML"));
    assert!(
        malformed_reason(parse_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
            .contains("not well-formed XML")
    );
}
