use super::*;

use VenueStatus::{Accepted, Published};

/// `(comment, expected name, year, status, matched span)`.
type Positive = (
    &'static str,
    &'static str,
    Option<u16>,
    VenueStatus,
    &'static str,
);

/// Comments that name a venue. Those marked "fixture" are real arXiv comments from the
/// recorded API responses; the rest are written the way edge-AI hardware and ML papers do.
const POSITIVES: &[Positive] = &[
    ("Accepted by DAC 25", "DAC", Some(2025), Accepted, "DAC 25"),
    (
        "Accepted to ISCA '25",
        "ISCA",
        Some(2025),
        Accepted,
        "ISCA '25",
    ),
    (
        "12 pages, ICCAD 2024",
        "ICCAD",
        Some(2024),
        Accepted,
        "ICCAD 2024",
    ),
    (
        "NeurIPS 2025 (spotlight)",
        "NeurIPS",
        Some(2025),
        Accepted,
        "NeurIPS 2025",
    ),
    (
        "Published as a conference paper at ICLR'24",
        "ICLR",
        Some(2024),
        Published,
        "ICLR'24",
    ),
    (
        "To appear in the 62nd Design Automation Conference (DAC'25)",
        "DAC",
        Some(2025),
        Accepted,
        "DAC'25",
    ),
    (
        "Accepted at the International Conference on Computer-Aided Design (ICCAD) 2025",
        "ICCAD",
        Some(2025),
        Accepted,
        "ICCAD",
    ),
    (
        "Accepted at DATE 2025",
        "DATE",
        Some(2025),
        Accepted,
        "DATE 2025",
    ),
    (
        "ASP-DAC 2026, 7 pages, 8 figures",
        "ASP-DAC",
        Some(2026),
        Accepted,
        "ASP-DAC 2026",
    ),
    (
        "Camera-ready version for MICRO 2024",
        "MICRO",
        Some(2024),
        Accepted,
        "MICRO 2024",
    ),
    (
        "Accepted to HPCA 2025; code at https://github.com/example/hpca",
        "HPCA",
        Some(2025),
        Accepted,
        "HPCA 2025",
    ),
    (
        "In Proceedings of ASPLOS '24",
        "ASPLOS",
        Some(2024),
        Published,
        "ASPLOS '24",
    ),
    (
        "Accepted at MLSys 2025 (oral)",
        "MLSys",
        Some(2025),
        Accepted,
        "MLSys 2025",
    ),
    (
        "Accepted by NIPS 2017",
        "NeurIPS",
        Some(2017),
        Accepted,
        "NIPS 2017",
    ),
    (
        "ICML 2024 camera-ready",
        "ICML",
        Some(2024),
        Accepted,
        "ICML 2024",
    ),
    (
        "Accepted at AAAI-24 main track",
        "AAAI",
        Some(2024),
        Accepted,
        "AAAI-24",
    ),
    (
        "Accepted to ACL 2024 main conference",
        "ACL",
        Some(2024),
        Accepted,
        "ACL 2024",
    ),
    (
        "Findings of EMNLP 2024",
        "EMNLP Findings",
        Some(2024),
        Accepted,
        "Findings of EMNLP 2024",
    ),
    (
        "Accepted to EMNLP 2023 (Findings)",
        "EMNLP Findings",
        Some(2023),
        Accepted,
        "EMNLP 2023",
    ),
    ("Accepted by IEEE TCAD", "TCAD", None, Accepted, "IEEE TCAD"),
    (
        "Accepted for publication in IEEE Transactions on Computers (TC)",
        "TC",
        None,
        Accepted,
        "TC",
    ),
    ("Accepted at SC'24", "SC", Some(2024), Accepted, "SC'24"),
    (
        "Code for our ICCAD 2024 contest entry is online, accepted at DAC 2025",
        "DAC",
        Some(2025),
        Accepted,
        "DAC 2025",
    ),
    (
        "ICCAD 2023 benchmark suite; accepted at DAC 2025",
        "DAC",
        Some(2025),
        Accepted,
        "DAC 2025",
    ),
    (
        "Accepted at USENIX ATC '24",
        "USENIX ATC",
        Some(2024),
        Accepted,
        "USENIX ATC '24",
    ),
    (
        "8 pages, accepted to neurips 2023",
        "NeurIPS",
        Some(2023),
        Accepted,
        "neurips 2023",
    ),
    (
        "Accepted to ICLR 2025. Project page: https://example.github.io/proj",
        "ICLR",
        Some(2025),
        Accepted,
        "ICLR 2025",
    ),
    // fixture
    (
        "13 pages, 6 figures, In Proceedings of the 31st ACM SIGSOFT International Symposium on Software Testing and Analysis (ISSTA) 2022",
        "ISSTA",
        Some(2022),
        Published,
        "ISSTA",
    ),
    // fixture
    (
        "Accepted at the 16th IEEE International Conference on Software Testing, Verification and Validation (ICST) 2023",
        "ICST",
        Some(2023),
        Accepted,
        "ICST",
    ),
    // fixture
    (
        "Accepted by the ACM SIGSOFT International Symposium on Software Testing and Analysis (ISSTA 2020)",
        "ISSTA",
        Some(2020),
        Accepted,
        "ISSTA 2020",
    ),
    // fixture
    (
        "Accepted to the International Conference of Software Testing (ICST2023)",
        "ICST",
        Some(2023),
        Accepted,
        "ICST2023",
    ),
    // fixture
    (
        "To appear at the IEEE International Conference on Software Testing, Verification, and Validation (ICST 2022)",
        "ICST",
        Some(2022),
        Accepted,
        "ICST 2022",
    ),
    (
        "2024 IEEE/ACM International Conference on Computer-Aided Design (ICCAD)",
        "ICCAD",
        Some(2024),
        Accepted,
        "ICCAD",
    ),
    (
        "Accepted to DAC 2025 and ICCAD 2025",
        "DAC",
        Some(2025),
        Accepted,
        "DAC 2025",
    ),
    (
        "ISSCC 2024, 3 pages",
        "ISSCC",
        Some(2024),
        Accepted,
        "ISSCC 2024",
    ),
    (
        "Accepted at the 2025 DAC",
        "DAC",
        Some(2025),
        Accepted,
        "2025 DAC",
    ),
];

/// Comments that name no venue the paper is at.
const NEGATIVES: &[&str] = &[
    "Submitted to DAC 2025",
    "Under review at ICLR 2025",
    "ICLR 2025 submission, under review",
    "NeurIPS 2025 submission",
    "Submitted to IEEE TCAD; 14 pages",
    "Preprint. Under review at NeurIPS 2024",
    "Code for the ICCAD 2024 contest",
    "Winner of the DAC 2024 System Design Contest",
    "Accepted at the NeurIPS 2024 Workshop on Machine Learning for Systems",
    "ICML 2024 Workshop on Efficient Systems for Foundation Models",
    "Tutorial at MICRO 2024",
    "Rejected from ICML 2024, now improved",
    "An up to date survey of 2024 accelerators",
    "A FAST and accurate simulator",
    "Extends DATE with new figures",
    "A 12-bit DAC 25 MHz design",
    "dac 2025 ready",
    "Project page: https://iccad2024.github.io",
    "Contact dac2025@example.org for the artifact",
    "See https://github.com/foo/NeurIPS2024-code",
    "DAC-based readout circuit, 2024 tape-out",
    "MICROSCOPE 2024 dataset release",
    "Mentions the NeurIPS datasets",
    "Slides available",
    "12 pages, 5 figures",
    "10 pages, 8 figures; updated figure 5, added references, revised",
    "62 pages including 16 figures and 9 tables. Submitted to Acta Astronomica. Full resolution version at http://www.astronomy.ohio-state.edu/~gould/ogle_hot_jupiters.ps.gz",
    "19 pages, to appear in Mathematische Zeitschrift",
    "ApJ accepted",
    "Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022",
    "3rd International Workshop on Artificial Intelligence in Software Testing (AIST) - International Conference on Software Testing and Validation (ICST)",
    "2023 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW), 8 pages, 2 tables, 6 figures",
    "2025 IEEE/ACM International Workshop on Deep Learning for Testing and Testing for Deep Learning (DeepTest)",
    "MET'24: 9th ACM International Workshop on Metamorphic Testing",
    "Microcontroller, FPGA, Testing, TMR, SOC",
    "Web Testing, GUI Testing, front-end, survey, SBST, AI, fuzzing",
    "8 pages, 3 figures. Published version",
    "Submitted to DAC 2025 and ICCAD 2025",
    "We thank the DAC 2024 reviewers",
    "The SC team at ICS",
    "(c) 2024 IEEE. Personal use of this material is permitted.",
    "",
    "DAC",
    "\u{2019}((",
];

#[test]
fn embedded_venue_list_parses_with_all_rows() {
    let table = table::parse_embedded().unwrap();
    assert!(table.rows.len() > 400, "{} rows", table.rows.len());
}

#[test]
fn positives_and_negatives_are_balanced() {
    assert!(POSITIVES.len() + NEGATIVES.len() >= 40);
    assert!(NEGATIVES.len() >= POSITIVES.len());
}

#[test]
fn positive_comments_name_their_venue() {
    let mut failures = Vec::new();
    for &(comment, name, year, status, matched) in POSITIVES {
        let expected = Venue {
            name: name.to_owned(),
            year,
            status,
            matched: matched.to_owned(),
        };
        let found = detect(Some(comment), None);
        if found.as_ref() != Some(&expected) {
            failures.push(format!("{comment:?}: got {found:?}, want {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn negative_comments_name_no_venue() {
    let failures: Vec<String> = NEGATIVES
        .iter()
        .filter_map(|comment| {
            detect(Some(comment), None).map(|venue| format!("{comment:?}: got {venue:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn matched_is_a_substring_of_the_input() {
    for &(comment, ..) in POSITIVES {
        let venue = detect(Some(comment), None).unwrap();
        assert!(
            comment.contains(&venue.matched),
            "{comment:?} vs {:?}",
            venue.matched
        );
    }
}

#[test]
fn journal_ref_means_published_and_wins_over_comment() {
    let venue = detect(
        Some("Accepted at DAC 2025"),
        Some("Proc. 62nd ACM/IEEE Design Automation Conference (DAC 2025), pp. 1-6"),
    )
    .unwrap();
    assert_eq!(venue.name, "DAC");
    assert_eq!(venue.status, Published);
    assert_eq!(venue.year, Some(2025));
    // fixture journal_ref
    let fixture = "In Proc. ACM SIGSOFT International Symposium on Software Testing and Analysis (ISSTA 2020), pages 14-26. ACM, 2020";
    let venue = detect(None, Some(fixture)).unwrap();
    assert_eq!(
        (venue.name.as_str(), venue.year, venue.status),
        ("ISSTA", Some(2020), Published)
    );
    assert_eq!(
        detect(None, Some("IEEE TCAD, vol. 43, no. 2, 2024")).map(|venue| venue.name),
        Some("TCAD".to_owned())
    );
}

#[test]
fn journal_ref_without_a_known_venue_falls_back_to_the_comment() {
    let venue = detect(
        Some("Accepted to ICML 2024"),
        Some("Phys. Rev. B 74, 024520 (2006)"),
    );
    assert_eq!(venue.map(|venue| venue.name), Some("ICML".to_owned()));
    assert_eq!(
        detect(None, Some("Annals of Physics 324, 523 (2009).")),
        None
    );
    assert_eq!(detect(None, None), None);
}

#[test]
fn status_serialises_lowercase() {
    let venue = detect(Some("Accepted by DAC 25"), None).unwrap();
    let json = serde_json::to_value(&venue).unwrap();
    assert_eq!(json["status"], "accepted");
    assert_eq!(json["name"], "DAC");
    let back: Venue = serde_json::from_value(json).unwrap();
    assert_eq!(back, venue);
}

#[test]
fn full_name_resolves_acronyms_and_aliases() {
    assert_eq!(
        full_name("TCAD"),
        Some("IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems")
    );
    assert_eq!(full_name("nips"), full_name("NeurIPS"));
    assert!(full_name("NeurIPS").is_some_and(|name| name.contains("Neural Information")));
    assert!(full_name("iccad").is_some_and(|name| name.contains("Computer-Aided Design")));
    assert_eq!(full_name("NOT-A-VENUE"), None);
    assert!(is_journal("TPAMI"));
    assert!(!is_journal("DAC"));
}

#[test]
fn filter_matches_by_name_alias_and_year() {
    let neurips_2024 = detect(Some("Accepted at NeurIPS 2024"), None).unwrap();
    let nips = VenueFilter::parse("nips").unwrap();
    assert_eq!(nips.name(), "NeurIPS");
    assert!(nips.matches(&neurips_2024));
    assert!(
        "NeurIPS:2024"
            .parse::<VenueFilter>()
            .unwrap()
            .matches(&neurips_2024)
    );
    assert!(
        "neurips:24"
            .parse::<VenueFilter>()
            .unwrap()
            .matches(&neurips_2024)
    );
    assert!(
        !"NeurIPS:2023"
            .parse::<VenueFilter>()
            .unwrap()
            .matches(&neurips_2024)
    );
    assert!(
        !"ICML"
            .parse::<VenueFilter>()
            .unwrap()
            .matches(&neurips_2024)
    );
    let dac = detect(Some("(DAC'25)"), None).unwrap();
    assert!(VenueFilter::parse("dac:2025").unwrap().matches(&dac));
    assert!(VenueFilter::parse(" DAC ").unwrap().matches(&dac));
}

#[test]
fn filter_on_a_conference_includes_its_findings() {
    let findings = detect(Some("Findings of EMNLP 2024"), None).unwrap();
    assert!(VenueFilter::parse("EMNLP").unwrap().matches(&findings));
    assert!(
        VenueFilter::parse("emnlp findings:2024")
            .unwrap()
            .matches(&findings)
    );
    let main = detect(Some("Accepted to EMNLP 2024"), None).unwrap();
    assert!(!VenueFilter::parse("Findings-EMNLP").unwrap().matches(&main));
}

#[test]
fn filter_rejects_bad_input_with_one_line_errors() {
    for bad in [
        "DAC:20x5",
        "",
        ":2025",
        "DAC:",
        "DAC:123",
        "NOTAVENUE",
        "DAC:2025:1",
    ] {
        let error = VenueFilter::parse(bad).unwrap_err().to_string();
        assert!(!error.contains('\n'), "{error}");
        assert!(error.contains(&format!("`{bad}`")), "{error}");
    }
    let error = VenueFilter::parse("DAC:20x5").unwrap_err().to_string();
    assert!(error.contains("20x5"), "{error}");
}

#[test]
fn real_fixture_comments_without_venue_stay_empty() {
    for comment in [
        "Comments welcome. The new version includes results on sequential hypothesis testing and on hypothesis testing with erasures",
        "This technical report is an extended version of conference paper: [Zhu, H., Liu, D., Ian Bayley, I., Harrison, R. and Cuzzolin, F., Datamorphic Testing: A Method for Testing Intelligent Applications, The 1st IEEE International Conference On Artificial Intelligence Testing (IEEE AITest 2019), San Francisco, California, USA, April, 4 - 9, 2019.]",
        "44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck",
    ] {
        assert_eq!(detect(Some(comment), None), None, "{comment}");
    }
}
