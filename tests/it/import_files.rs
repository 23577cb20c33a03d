//! `papers import` reading ids out of files: every format from real-shaped
//! fixtures, every id form, dedup, skipped entries and each error's line.

use papers::import::{Format, ImportError, Imported, detect, parse, parse_as};

const ZOTERO: &str = include_str!("../fixtures/import/zotero.bib");
const JABREF: &str = include_str!("../fixtures/import/jabref.bib");
const BETTER_BIBTEX: &str = include_str!("../fixtures/import/better-bibtex.bib");
const DAILY_JSON: &str = include_str!("../fixtures/import/cv-arxiv-daily.json");
const TOPIC_PAGE: &str = include_str!("../fixtures/import/topic-page.md");
const PLAIN_LIST: &str = include_str!("../fixtures/import/reading-list.txt");

fn ids(imported: &Imported) -> Vec<&str> {
    imported.ids.iter().map(|found| found.id.as_str()).collect()
}

fn id_lines(imported: &Imported) -> Vec<(&str, usize)> {
    imported
        .ids
        .iter()
        .map(|found| (found.id.as_str(), found.line))
        .collect()
}

fn skipped(imported: &Imported) -> Vec<(usize, &str)> {
    imported
        .without_id
        .iter()
        .map(|skip| (skip.line, skip.label.as_str()))
        .collect()
}

fn error_of(text: &str) -> ImportError {
    match parse(text) {
        Ok(imported) => panic!("expected an error, got {imported:?}"),
        Err(error) => error,
    }
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .map(|index| index + 1)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"))
}

// ---- BibTeX ----

#[test]
fn zotero_export_ids_from_url_note_doi_and_number() {
    let imported = parse(ZOTERO).unwrap();
    assert_eq!(imported.format, Format::BibTeX);
    assert_eq!(
        id_lines(&imported),
        vec![
            ("1706.03762", line_of(ZOTERO, "@misc{vaswani")),
            ("2005.14165", line_of(ZOTERO, "@misc{brown")),
            ("hep-th/9711200", line_of(ZOTERO, "@article{maldacena")),
            ("1810.04805", line_of(ZOTERO, "@misc{devlin")),
        ]
    );
    // The abstract's arXiv:1409.0473 is another paper, not this entry.
    assert!(!ids(&imported).contains(&"1409.0473"));
    // A Nature article: its DOI is not arXiv's.
    assert_eq!(
        skipped(&imported),
        vec![(line_of(ZOTERO, "@article{lecun"), "lecun_deep_2015")]
    );
}

#[test]
fn jabref_export_with_comments_strings_preamble_and_quotes() {
    let imported = parse(JABREF).unwrap();
    assert_eq!(imported.format, Format::BibTeX);
    assert_eq!(
        id_lines(&imported),
        vec![
            ("1412.6980", line_of(JABREF, "@Article{Kingma2014,")),
            ("hep-th/9802150", line_of(JABREF, "@Misc{Witten1998")),
            ("hep-th/9908142", line_of(JABREF, "@TechReport{Seiberg1999")),
        ],
        "Kingma2014a names 1412.6980 again and is dropped as a duplicate"
    );
    assert_eq!(
        skipped(&imported),
        vec![(line_of(JABREF, "@InProceedings{He2016"), "He2016")]
    );
}

#[test]
fn better_bibtex_export_with_eprinttype_and_old_style_eprint() {
    let imported = parse(BETTER_BIBTEX).unwrap();
    assert_eq!(
        ids(&imported),
        vec!["2103.00020", "math/0309136", "2006.11239", "hep-th/9611050"]
    );
    // eprinttype = {hal}: the eprint is not arXiv's, nor is the DOI.
    assert_eq!(
        skipped(&imported),
        vec![(
            line_of(BETTER_BIBTEX, "@article{dupont"),
            "dupontTheseSurLes2019"
        )]
    );
}

#[test]
fn bibtex_every_id_form_new_and_old_style() {
    let forms = [
        "eprint = {ID}, archivePrefix = {arXiv}",
        "EPRINT = \"ID\", ArchivePrefix = \"arXiv\"",
        "eprint = {ID}, eprinttype = {arxiv}",
        "eprint = {ID}",
        "arxivId = {ID}",
        "url = {https://arxiv.org/abs/IDv2}",
        "url = {http://arxiv.org/abs/ID}",
        "url = {https://arxiv.org/pdf/IDv1.pdf}",
        "url = {http://export.arxiv.org/abs/ID}",
        "howpublished = {\\url{https://arxiv.org/pdf/ID}}",
        "doi = {10.48550/arXiv.ID}",
        "journal = {arXiv preprint arXiv:ID}",
        "note = {arXiv:IDv3 [cs]}",
        "note = {{arXiv}: ID}",
    ];
    for (spelled, canonical) in [
        ("2401.01234", "2401.01234"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("math.GT/0309136", "math/0309136"),
    ] {
        for form in forms {
            let fields = form.replace("ID", spelled);
            let text = format!("@misc{{key,\n  title = {{T}},\n  {fields}\n}}\n");
            let imported = parse(&text).unwrap();
            assert_eq!(ids(&imported), vec![canonical], "{text}");
            assert_eq!(imported.ids[0].line, 1);
        }
    }
}

#[test]
fn bibtex_ignores_non_arxiv_dois_and_other_archives() {
    for fields in [
        "doi = {10.1145/3290605.3300233}",
        "doi = {10.1103/PhysRevD.2401.01234}",
        "eprint = {2401.01234}, archivePrefix = {HAL}",
        "url = {https://example.org/abs/2401.01234}",
        "journal = {Journal of 2401.01234 Studies}",
        "abstract = {Builds on arXiv:2401.01234.}",
        "file = {arXiv Fulltext PDF:/home/a/2401.01234.pdf:application/pdf}",
    ] {
        let text = format!("@article{{smith2024, {fields}}}");
        let imported = parse(&text).unwrap();
        assert_eq!(ids(&imported), Vec::<&str>::new(), "{fields}");
        assert_eq!(skipped(&imported), vec![(1, "smith2024")], "{fields}");
    }
}

#[test]
fn bibtex_syntax_variants() {
    let text = "Free text — with an e-mail ana@example.org — is ignored.\n\
                @COMMENT{ @article{inside, eprint = {2401.99999}} }\n\
                @string(ax = \"arXiv:\")\n\
                @Article(paren2024,\n\
                  Title = {Nested {Braces {Deep}} and \"quotes\"},\n\
                  Note = ax # \"2401.01234\" # {},\n\
                  Year = 2024\n\
                )\n\
                @misc{,\n\
                  title = {An   entry\n      without a key},\n\
                  year = {2020},\n\
                }\n\
                @misc{multi,\n\
                  url = {\n    https://arxiv.org/abs/2402.00001\n  },\n\
                }\n";
    let imported = parse(text).unwrap();
    // The macro `ax` is not expanded, so paren2024 has no id; its own text does not either.
    assert_eq!(
        id_lines(&imported),
        vec![("2402.00001", line_of(text, "@misc{multi"))]
    );
    assert_eq!(
        skipped(&imported),
        vec![
            (line_of(text, "@Article(paren2024"), "paren2024"),
            (line_of(text, "@misc{,"), "An entry without a key")
        ]
    );
}

#[test]
fn bibtex_duplicate_keys_and_commented_out_fields() {
    // Merged exports repeat keys; each entry still counts on its own.
    let text = "@misc{a,\n  % eprint = {2401.99999},\n  eprint = {2401.01234}\n}\n\
                @misc{a,\n  eprint = {2401.05678}\n}\n";
    let second_entry = 1 + text
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|line| *line == "@misc{a,")
        .unwrap();
    let imported = parse(text).unwrap();
    assert_eq!(
        id_lines(&imported),
        vec![("2401.01234", 1), ("2401.05678", second_entry)]
    );
}

#[test]
fn bibtex_stray_brace_in_quoted_value_is_an_error() {
    let error = error_of("@misc{a,\n  title = \"A } B\",\n}\n");
    assert_eq!(error.line, 1);
    assert!(
        error.message.starts_with("unterminated entry @misc{a"),
        "{error}"
    );
}

#[test]
fn bibtex_crlf_and_byte_order_mark() {
    let text = "\u{feff}@misc{a,\r\n  eprint = {2401.01234},\r\n}\r\n@misc{b,\r\n  eprint = {2401.05678}\r\n}\r\n";
    let imported = parse(text).unwrap();
    assert_eq!(imported.format, Format::BibTeX);
    assert_eq!(
        id_lines(&imported),
        vec![("2401.01234", 1), ("2401.05678", 4)]
    );
}

#[test]
fn bibtex_unterminated_entry_at_end_of_file() {
    let text =
        "@misc{ok, eprint = {2401.01234}}\n\n\n@article{smith2024,\n  title = {Never closed},\n";
    let error = error_of(text);
    assert_eq!(error.line, 4);
    assert_eq!(
        error.to_string(),
        "line 4: unterminated entry @article{smith2024"
    );
}

#[test]
fn bibtex_unterminated_value_stops_at_the_next_entry() {
    let text = "@article{smith2024,\n  title = {Never closed,\n  year = {2024}\n}\n\n@misc{next,\n  eprint = {2401.01234}\n}\n";
    let error = error_of(text);
    assert_eq!(error.line, 1);
    assert_eq!(
        error.to_string(),
        "line 1: unterminated entry @article{smith2024 (the next entry starts on line 6)"
    );
    let missing_brace =
        "@article{smith2024,\n  title = {T}\n\n@misc{next, eprint = {2401.01234}}\n";
    assert_eq!(
        error_of(missing_brace).to_string(),
        "line 1: unterminated entry @article{smith2024 (the next entry starts on line 4)"
    );
}

#[test]
fn bibtex_malformed_field_names_its_line() {
    let error = error_of("@article{smith2024,\n  title = {T},\n  year {2024}\n}\n");
    assert_eq!(error.line, 3);
    assert_eq!(
        error.to_string(),
        "line 3: expected '=' after field year, found '{' in entry @article{smith2024"
    );
    let unterminated_comment = error_of("@Comment{jabref-meta: grouping:\n0 AllEntriesGroup:;\n");
    assert_eq!(unterminated_comment.line, 1);
    assert!(
        unterminated_comment
            .message
            .starts_with("unterminated entry @Comment{"),
        "{unterminated_comment}"
    );
}

#[test]
fn biblatex_crate_agrees_on_the_fixtures() {
    // An independent parser finds the same entries, so the scanner's view of
    // entry boundaries is not just its own.
    for (name, text) in [
        ("zotero", ZOTERO),
        ("jabref", JABREF),
        ("better-bibtex", BETTER_BIBTEX),
    ] {
        let bibliography = biblatex::Bibliography::parse(text)
            .unwrap_or_else(|error| panic!("{name}: biblatex rejects the fixture: {error:?}"));
        let imported = parse(text).unwrap();
        let mine = imported.ids.len() + imported.without_id.len();
        let duplicates = bibliography.len() - mine;
        assert_eq!(duplicates, usize::from(name != "zotero"), "{name}");
    }
}

// ---- cv-arxiv-daily JSON ----

#[test]
fn daily_json_keys_are_ids_in_file_order() {
    let imported = parse(DAILY_JSON).unwrap();
    assert_eq!(imported.format, Format::DailyJson);
    assert_eq!(
        id_lines(&imported),
        vec![
            ("2401.01234", line_of(DAILY_JSON, "\"2401.01234\"")),
            ("2312.09876", line_of(DAILY_JSON, "\"2312.09876v2\"")),
            ("2401.05678", line_of(DAILY_JSON, "\"2401.05678\"")),
            // Key is not an id: the row's link names the paper.
            ("cs/0501001", line_of(DAILY_JSON, "\"cs0501001\"")),
        ]
    );
    assert_eq!(
        skipped(&imported),
        vec![(
            line_of(DAILY_JSON, "\"draft-42\""),
            "An Unpublished Localization Note"
        )]
    );
}

#[test]
fn daily_json_on_one_line_as_the_generator_writes_it() {
    let text = r#"{"cs.CV": {"2401.01234v1": "|**2024-01-02**|**T**|A et.al.|[2401.01234v1](http://arxiv.org/abs/2401.01234v1)|null|\n", "hep-th/9901001": "|**1999-01-04**|**Old**|B et.al.|[hep-th/9901001](http://arxiv.org/abs/hep-th/9901001)|null|\n"}}"#;
    let imported = parse(text).unwrap();
    assert_eq!(
        id_lines(&imported),
        vec![("2401.01234", 1), ("hep-th/9901001", 1)]
    );
}

#[test]
fn daily_json_syntax_error_names_its_line() {
    let text =
        "{\n  \"SLAM\": {\n    \"2401.01234\": \"row\"\n    \"2401.05678\": \"row\"\n  }\n}\n";
    let error = error_of(text);
    assert_eq!(error.line, 4);
    assert!(
        error.to_string().starts_with("line 4: expected `,` or `}`"),
        "{error}"
    );
    assert!(!error.to_string().contains('\n'));
}

#[test]
fn daily_json_wrong_shape_is_an_error() {
    let error = error_of("{\"SLAM\": [\"2401.01234\"]}");
    assert_eq!(error.line, 1);
    assert!(
        error.message.contains("a topic: an object of papers"),
        "{error}"
    );
    assert_eq!(detect("[1, 2]"), Format::PlainList);
}

// ---- Markdown ----

#[test]
fn topic_page_rows_from_the_pdf_column() {
    let imported = parse(TOPIC_PAGE).unwrap();
    assert_eq!(imported.format, Format::Markdown);
    let expected = [
        "2510.15312",
        "2509.23324",
        "2601.17443",
        "2512.23742",
        "2601.19908",
        "2601.11676",
        "2602.05499",
        "2602.04541",
        "2512.08211",
        "2501.14794",
        "hep-th/9901001",
        "math/0309136",
        "1706.03762",
    ];
    assert_eq!(ids(&imported), expected);
    for found in &imported.ids {
        let line = TOPIC_PAGE.lines().nth(found.line - 1).unwrap();
        let spelled = found.id.replace("math/", "math.GT/");
        assert!(
            line.contains(&spelled),
            "line {} lacks {}",
            found.line,
            found.id
        );
    }
    // Abstracts mention other papers; only the PDF column counts.
    assert!(!ids(&imported).contains(&"hep-th/9711200"));
    assert!(!ids(&imported).contains(&"math/0209056"));
    assert_eq!(
        skipped(&imported),
        vec![(
            line_of(TOPIC_PAGE, "A Workshop Talk"),
            "A Workshop Talk Without a Preprint"
        )]
    );
}

#[test]
fn markdown_table_without_pdf_column_uses_any_cell() {
    let text = "|Title|Link|\n|:--|--:|\n|**A**|[x](https://arxiv.org/abs/2401.01234)|\n|B|`2401.05678`|\n|C|none|\n";
    let imported = parse(text).unwrap();
    assert_eq!(imported.format, Format::Markdown);
    assert_eq!(
        id_lines(&imported),
        vec![("2401.01234", 3), ("2401.05678", 4)]
    );
    assert_eq!(skipped(&imported), vec![(5, "C")]);
}

#[test]
fn markdown_row_with_extra_pipe_in_abstract_keeps_its_own_link() {
    let text = "|Date|Title|Abstract|PDF|Code|\n|---|---|---|---|---|\n\
                |**2024-01-02**|**T**|uses arXiv:2301.00001 | and more|[2401.01234](http://arxiv.org/abs/2401.01234)|null|\n";
    assert_eq!(ids(&parse(text).unwrap()), vec!["2401.01234"]);
}

#[test]
fn markdown_bullet_list_of_links() {
    let text = "# Reading\n\n- https://arxiv.org/abs/2401.01234 (great)\n- see arXiv:2401.05678.\n";
    let imported = parse(text).unwrap();
    assert_eq!(imported.format, Format::Markdown);
    assert_eq!(
        id_lines(&imported),
        vec![("2401.01234", 3), ("2401.05678", 4)]
    );
}

// ---- plain list ----

#[test]
fn plain_list_every_form_with_comments() {
    let imported = parse(PLAIN_LIST).unwrap();
    assert_eq!(imported.format, Format::PlainList);
    assert_eq!(
        id_lines(&imported),
        vec![
            ("2401.01234", 2),
            ("2312.09876", 3),
            ("2401.05678", 4),
            ("2402.00001", 5),
            ("2402.00002", 6),
            ("2402.00003", 7),
            ("2402.00004", 8),
            ("hep-th/9901001", 11),
            ("math/0309136", 12),
        ],
        "line 13 repeats hep-th/9901001"
    );
    assert!(imported.without_id.is_empty());
}

#[test]
fn plain_list_bad_line_is_an_error_with_its_line() {
    let text = "2401.01234\n# comment\n\nnot-an-id\n2401.05678\n";
    let error = error_of(text);
    assert_eq!(error.line, 4);
    assert!(
        error
            .to_string()
            .starts_with("line 4: not an arXiv id: \"not-an-id\""),
        "{error}"
    );
    assert!(!error.to_string().contains('\n'));
    // A typo in a list of links is still a list error, not silent Markdown.
    let error = parse("https://arxiv.org/abs/2401.01234\n2401.0123\n").unwrap_err();
    assert_eq!(error.line, 2);
}

#[test]
fn old_style_ids_in_every_plain_form() {
    for (form, canonical) in [
        ("hep-th/9901001", "hep-th/9901001"),
        ("hep-th/9901001v3", "hep-th/9901001"),
        ("arXiv:hep-th/9901001", "hep-th/9901001"),
        ("https://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
        ("http://arxiv.org/pdf/hep-th/9901001.pdf", "hep-th/9901001"),
        ("math.GT/0309136", "math/0309136"),
        ("arXiv:math.GT/0309136v1", "math/0309136"),
        ("https://arxiv.org/abs/math.GT/0309136", "math/0309136"),
        (
            "https://export.arxiv.org/pdf/math/0309136v2",
            "math/0309136",
        ),
    ] {
        let imported = parse(&format!("{form}\n")).unwrap();
        assert_eq!(ids(&imported), vec![canonical], "{form}");
        let markdown = format!("|Title|PDF|\n|---|---|\n|T|{form}|\n");
        assert_eq!(
            ids(&parse(&markdown).unwrap()),
            vec![canonical],
            "{markdown}"
        );
        let row = format!("|**1999-01-01**|**T**|A|[{form}](http://arxiv.org/abs/{form})|null|");
        let json = serde_json::json!({"topic": {form: row}}).to_string();
        assert_eq!(ids(&parse(&json).unwrap()), vec![canonical], "{json}");
    }
}

// ---- detection and invariants ----

#[test]
fn detection_is_by_content() {
    assert_eq!(detect("  \n{\"a\": {}}"), Format::DailyJson);
    assert_eq!(
        detect("% header\n  @online{x, eprint={2401.01234}}"),
        Format::BibTeX
    );
    assert_eq!(detect("# list\n2401.01234\n"), Format::PlainList);
    assert_eq!(
        detect("- [paper](https://arxiv.org/abs/2401.01234) is good\n"),
        Format::Markdown
    );
    assert_eq!(detect("write to ana@example.org\n"), Format::PlainList);
    assert_eq!(detect(""), Format::PlainList);
    for (text, format) in [
        (ZOTERO, Format::BibTeX),
        (JABREF, Format::BibTeX),
        (BETTER_BIBTEX, Format::BibTeX),
        (DAILY_JSON, Format::DailyJson),
        (TOPIC_PAGE, Format::Markdown),
        (PLAIN_LIST, Format::PlainList),
    ] {
        assert_eq!(detect(text), format);
    }
}

#[test]
fn parse_as_forces_a_format() {
    // A list of links read as Markdown finds the links, bare ids are not links.
    let imported = parse_as(
        Format::Markdown,
        "https://arxiv.org/abs/2401.01234\n2401.05678\n",
    )
    .unwrap();
    assert_eq!(ids(&imported), vec!["2401.01234"]);
    assert_eq!(imported.format, Format::Markdown);
    assert!(parse_as(Format::DailyJson, "2401.01234").is_err());
}

#[test]
fn parsing_is_idempotent() {
    for text in [
        ZOTERO,
        JABREF,
        BETTER_BIBTEX,
        DAILY_JSON,
        TOPIC_PAGE,
        PLAIN_LIST,
    ] {
        let first = parse(text).unwrap();
        assert_eq!(parse(text).unwrap(), first);
        // Written back out as a plain list, the same ids come back.
        let list: String = first
            .ids
            .iter()
            .map(|found| format!("{}\n", found.id))
            .collect();
        let again = parse(&list).unwrap();
        assert_eq!(ids(&again), ids(&first));
        assert_eq!(parse(&list).unwrap(), again);
    }
}

#[test]
fn truncated_files_never_panic() {
    // Every cut of a fixture, including inside multi-byte characters' neighbours,
    // either parses or gives a one-line error.
    for text in [
        ZOTERO,
        JABREF,
        BETTER_BIBTEX,
        DAILY_JSON,
        TOPIC_PAGE,
        PLAIN_LIST,
    ] {
        let cuts = text
            .char_indices()
            .map(|(at, _)| at)
            .filter(|&at| at < 3000);
        for cut in cuts {
            if let Err(error) = parse(&text[..cut]) {
                assert!(!error.to_string().contains('\n'), "{error}");
                assert!(error.line >= 1);
            }
        }
    }
}

#[test]
fn format_names_for_messages() {
    assert_eq!(Format::BibTeX.to_string(), "BibTeX");
    assert_eq!(Format::DailyJson.to_string(), "cv-arxiv-daily JSON");
    assert_eq!(Format::Markdown.to_string(), "Markdown");
    assert_eq!(Format::PlainList.to_string(), "plain list");
}
