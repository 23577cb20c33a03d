//! `--format csv`: RFC 4180 CSV with a header row, for spreadsheets and data
//! tools.
//!
//! Written by hand (the format is four rules) rather than pulling in a
//! dependency. Records end in CRLF, as RFC 4180 specifies and as Python's
//! `csv` module and spreadsheets write; a line break inside a field (the
//! blank line between abstract paragraphs) stays as it is, inside quotes, so
//! a record boundary is never confused with one. Text goes out verbatim, as
//! in JSON, with one exception: a cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return would be run as a formula by a spreadsheet
//! (CSV injection), so it gets a leading `'` and is quoted, as OWASP
//! advises. A title such as `-1 is all you need` therefore reads
//! `'-1 is all you need` in the CSV; strip a leading `'` to get arXiv's text.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::model::CachedPaper;
use crate::triage::codelink::code_url;

/// The column names, in order.
pub const HEADER: [&str; 16] = [
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

/// Joins the parts of a list-valued column (authors, categories, DOIs,
/// topics): a semicolon, since commas occur inside author names
/// (`Smith, Jr.`) far more often than semicolons do.
const LIST_SEPARATOR: &str = "; ";

const RECORD_END: &str = "\r\n";

/// The header row, then one record per paper.
pub fn render_csv(papers: &[&CachedPaper]) -> String {
    let mut out = header();
    for cached in papers {
        push_paper(cached, &mut out);
    }
    out
}

/// The header record.
pub fn header() -> String {
    let mut out = String::new();
    push_record(&mut out, &HEADER);
    out
}

/// One paper's record.
pub fn push_paper(cached: &CachedPaper, out: &mut String) {
    push_record(out, &record(cached));
}

/// One paper's fields in [`HEADER`] order. Absent values are empty fields;
/// times are RFC 3339 UTC with a `Z`, as in the JSON output.
fn record(cached: &CachedPaper) -> [String; 16] {
    let paper = &cached.paper;
    let names: Vec<&str> = paper.authors.iter().map(|a| a.name.as_str()).collect();
    let topics: Vec<&str> = cached.topics.iter().map(String::as_str).collect();
    [
        paper.id.clone(),
        paper.version.to_string(),
        rfc3339(paper.published),
        rfc3339(paper.updated),
        paper.title.clone(),
        names.join(LIST_SEPARATOR),
        paper.categories.join(LIST_SEPARATOR),
        paper.primary_category.clone().unwrap_or_default(),
        paper.dois.join(LIST_SEPARATOR),
        paper.journal_ref.clone().unwrap_or_default(),
        paper.comment.clone().unwrap_or_default(),
        paper.abs_url.clone(),
        paper.pdf_url.clone(),
        code_url(cached).unwrap_or_default(),
        topics.join(LIST_SEPARATOR),
        paper.summary.clone(),
    ]
}

fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn push_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(out, field.as_ref());
    }
    out.push_str(RECORD_END);
}

/// The characters that make a spreadsheet read a cell as a formula when it
/// starts with one (OWASP, "CSV Injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// RFC 4180 §2.6-2.7: a field holding a comma, quote, CR or LF is enclosed
/// in double quotes, with each inner quote doubled; others go out bare. A
/// field that would start a formula is defused first (see the module doc).
fn push_field(out: &mut String, field: &str) {
    if field.starts_with(FORMULA_STARTS) {
        out.push_str("\"'");
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
        return;
    }
    if !field.contains([',', '"', '\r', '\n']) {
        out.push_str(field);
        return;
    }
    out.push('"');
    out.push_str(&field.replace('"', "\"\""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample;

    fn field(text: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, text);
        out
    }

    #[test]
    fn plain_fields_go_out_bare() {
        assert_eq!(field("plain text"), "plain text");
        assert_eq!(field(""), "");
        assert_eq!(field("0"), "0");
        assert_eq!(
            field("Gödel 🚀 $x_1$ {a} % & \\"),
            "Gödel 🚀 $x_1$ {a} % & \\"
        );
    }

    #[test]
    fn special_fields_are_quoted_with_inner_quotes_doubled() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("one\ntwo"), "\"one\ntwo\"");
        assert_eq!(field("one\r\ntwo"), "\"one\r\ntwo\"");
        assert_eq!(field("\""), "\"\"\"\"");
    }

    #[test]
    fn cells_that_would_start_a_formula_are_defused() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+1"), "\"'+1\"");
        assert_eq!(field("-1 is all you need"), "\"'-1 is all you need\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("\tx"), "\"'\tx\"");
        assert_eq!(field("\rx"), "\"'\rx\"");
        // Inside a cell they are harmless.
        assert_eq!(field("a=b-c"), "a=b-c");
    }

    #[test]
    fn header_only_when_there_are_no_papers() {
        assert_eq!(
            render_csv(&[]),
            "id,version,published,updated,title,authors,categories,primary_category,doi,\
             journal_ref,comment,abs_url,pdf_url,code_url,topics,abstract\r\n"
        );
    }

    #[test]
    fn one_record_per_paper_in_header_order() {
        let mut cached = sample(
            "2509.23324",
            "Scaling, \"LLM\" compute",
            "Code at https://github.com/foo/bar.\n\nSecond.",
        );
        cached.paper.version = 2;
        cached.paper.dois = vec!["10.1/a".into(), "10.1/b".into()];
        cached.paper.comment = Some("12 pages".into());
        cached.topics.insert("edge".into());
        let text = render_csv(&[&cached]);
        let record = text
            .split_once("\r\n")
            .map(|(_, rest)| rest)
            .expect("header line");
        assert_eq!(
            record,
            "2509.23324,2,2025-09-27T10:30:00Z,2025-09-27T10:30:00Z,\"Scaling, \"\"LLM\"\" compute\",\
             Ada Lovelace; Charles Babbage,cs.DC; cs.AI,cs.DC,10.1/a; 10.1/b,,12 pages,\
             http://arxiv.org/abs/2509.23324v1,http://arxiv.org/pdf/2509.23324v1,\
             https://github.com/foo/bar,edge; npu,\"Code at https://github.com/foo/bar.\n\nSecond.\"\r\n"
        );
    }

    #[test]
    fn every_record_has_as_many_fields_as_the_header() {
        let a = sample("2509.00001", "A, with comma", "x");
        let b = sample("2509.00002", "B", "y,\"z\"");
        let text = render_csv(&[&a, &b]);
        assert_eq!(text.matches("\r\n").count(), 3);
        for line in text.split("\r\n").filter(|line| !line.is_empty()) {
            // Quoted commas sit between an odd number of quotes to their left.
            let separators = line
                .char_indices()
                .filter(|&(at, c)| c == ',' && line[..at].matches('"').count() % 2 == 0)
                .count();
            assert_eq!(separators, HEADER.len() - 1, "{line}");
        }
    }
}
