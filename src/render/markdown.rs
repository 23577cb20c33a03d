//! `--format markdown`: the table of a published topic page, one row per
//! paper, the abstract folded into a `<details>` element.
//!
//! Titles and abstracts are arbitrary text from arXiv, so everything put in a
//! cell is escaped (see [`escape_cell`]) so that no paper can split the row,
//! end the table, close the `<details>` early or inject HTML.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::CachedPaper;
use crate::render::first_version_date;
use crate::terminal::sanitize::terminal_safe;
use crate::triage::codelink::code_url;

/// Header and alignment row of the topic-page table.
pub const TABLE_HEADER: &str = "|Date|Title|label|Abstract|PDF|Code|\n|---|---|---|---|---|---|\n";

/// Papers under one `## heading` of a multi-topic page.
pub struct Section<'a> {
    pub heading: &'a str,
    pub papers: Vec<&'a CachedPaper>,
}

/// One table row, ending in `\n`, for example
/// `|**2025-09-27**|**Title**|cs.DC, cs.AI| <details><summary>Full Abstract</summary>...</details>|[2509.23324v1](http://arxiv.org/abs/2509.23324v1)| null|`.
pub fn markdown_row(cached: &CachedPaper) -> String {
    let paper = &cached.paper;
    let versioned_id = escape_cell(&paper.versioned_id());
    let labels = escape_cell(&paper.categories.join(", "));
    format!(
        "|**{date}**|**{title}**|{labels}| <details><summary>Full Abstract</summary>{summary}</details>|[{versioned_id}](http://arxiv.org/abs/{versioned_id})|{code}|\n",
        date = first_version_date(paper),
        title = escape_bold(&paper.title),
        summary = escape_cell(&paper.summary),
        code = code_cell(code_url(cached).as_deref()),
    )
}

/// Header plus one row per paper (just the header when there are none).
pub fn markdown_table(papers: &[&CachedPaper]) -> String {
    let mut table = String::from(TABLE_HEADER);
    for paper in papers {
        push_row(paper, &mut table);
    }
    table
}

/// [`markdown_row`] onto `table`.
pub fn push_row(cached: &CachedPaper, table: &mut String) {
    table.push_str(&markdown_row(cached));
}

/// `## {heading}`, a blank line, the table and a blank line, per section;
/// no text at all when no section has a paper (`list` says "no papers
/// match" instead).
pub fn markdown_sections(sections: &[Section]) -> String {
    let mut layout = PageLayout::default();
    let mut page = String::new();
    for section in sections {
        layout.begin(section.heading, &mut page);
        layout.rows(&section.papers, &mut page);
    }
    layout.end(&mut page);
    page
}

/// A page of sections written a batch of rows at a time, each section's
/// rows after its heading: a page as large as the cache never has to be
/// one string. The bytes are [`markdown_sections`]'s.
pub(crate) struct SectionWriter<'a> {
    out: &'a mut dyn Write,
    layout: PageLayout,
    text: String,
}

impl<'a> SectionWriter<'a> {
    pub(crate) fn new(out: &'a mut dyn Write) -> Self {
        SectionWriter {
            out,
            layout: PageLayout::default(),
            text: String::new(),
        }
    }

    /// Ends the section being written, if any, and begins one.
    pub(crate) fn begin(&mut self, heading: &str) -> io::Result<()> {
        self.text.clear();
        self.layout.begin(heading, &mut self.text);
        self.out.write_all(self.text.as_bytes())
    }

    /// Rows of the section begun last.
    pub(crate) fn write(&mut self, papers: &[&CachedPaper]) -> io::Result<()> {
        self.text.clear();
        self.layout.rows(papers, &mut self.text);
        self.out.write_all(self.text.as_bytes())
    }

    /// Ends the page; the rows written, over every section.
    pub(crate) fn finish(mut self) -> io::Result<usize> {
        self.text.clear();
        self.layout.end(&mut self.text);
        self.out.write_all(self.text.as_bytes())?;
        Ok(self.layout.rows)
    }
}

/// The text of a page of sections as they come, for [`markdown_sections`]
/// and [`SectionWriter`] alike. Whether the page has a paper at all is known
/// only at its first row, so the headings begun before it wait for it: a
/// page without papers is no text, and a stream need not look ahead.
#[derive(Default)]
struct PageLayout {
    /// Headings begun before the page's first row, the last one open.
    waiting: Vec<String>,
    rows: usize,
}

impl PageLayout {
    fn begin(&mut self, heading: &str, text: &mut String) {
        if self.rows == 0 {
            self.waiting.push(heading.to_owned());
        } else {
            text.push_str(SECTION_END);
            push_section_head(heading, text);
        }
    }

    fn rows(&mut self, papers: &[&CachedPaper], text: &mut String) {
        if papers.is_empty() {
            return;
        }
        if self.rows == 0 {
            for (index, heading) in self.waiting.drain(..).enumerate() {
                if index > 0 {
                    text.push_str(SECTION_END);
                }
                push_section_head(&heading, text);
            }
        }
        for paper in papers {
            push_row(paper, text);
        }
        self.rows += papers.len();
    }

    fn end(&mut self, text: &mut String) {
        if self.rows > 0 {
            text.push_str(SECTION_END);
        }
    }
}

/// After each section's table: a blank line.
const SECTION_END: &str = "\n";

/// `## {heading}`, a blank line and the table's header.
fn push_section_head(heading: &str, text: &mut String) {
    // Writing to a String cannot fail.
    let _ = write!(text, "## {}\n\n{TABLE_HEADER}", escape_cell(heading));
}

/// `**[link](url)**`, or ` null` as on the reference pages. Code URLs come
/// from [`crate::triage::codelink`] (Hugging Face's links too), which ends them before whitespace, `<>"|` and
/// unbalanced `)`, so they cannot leave the link or the cell.
pub(crate) fn code_cell(url: Option<&str>) -> String {
    match url {
        Some(url) => format!("**[link]({url})**"),
        None => " null".to_string(),
    }
}

/// Makes `text` safe as (part of) one GitHub-flavoured Markdown table cell:
///
/// * controls and terminal escape sequences are dropped; whitespace runs
///   become one space, and blank-line paragraph breaks become `<br><br>`,
///   since a row must stay on one line;
/// * `|` becomes `\|`, the escape GFM honours even inside code spans and
///   math, so no text can add a cell;
/// * `<` and `>` become `&lt;` and `&gt;`: no tag can be opened, so a
///   `</details>` or `<script>` in an abstract is shown, not obeyed;
/// * backticks become `` \` ``: TeX-style ``quotes'' would otherwise pair
///   up into code spans, inside which the entities above show literally.
///
/// Backslashes and `$` are otherwise left alone: abstracts are full of TeX
/// (`$\times$`, `$x_i$`), which GitHub renders as math, and doubling them
/// would break it; in Markdown a backslash only escapes ASCII punctuation, so
/// `\times` shows as written. The exception is a backslash that would escape
/// our own markup, so it is doubled: one before a character escaped here
/// (`\|` in TeX norms stays `\|` on screen), before `<` or `>`, or at the
/// end of a paragraph, where `<br>`, `</details>` or `**` follows.
///
/// `*` and `_` are left alone too: in a cell of their own they can at most
/// italicise, and `$x^*$` and `$x_i$` stay intact; the bold title escapes
/// `*` separately.
pub fn escape_cell(text: &str) -> String {
    escape(text, Emphasis::Keep)
}

/// The title goes between `**` and `**`; a `*` in it could close the bold
/// early (`$x^{**}$`), so every `*` is escaped too. `_` is safe: underscore
/// runs never match the asterisks.
fn escape_bold(text: &str) -> String {
    escape(text, Emphasis::EscapeAsterisks)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Emphasis {
    Keep,
    EscapeAsterisks,
}

fn escape(text: &str, emphasis: Emphasis) -> String {
    paragraphs(text)
        .iter()
        .map(|paragraph| escape_paragraph(paragraph, emphasis))
        .collect::<Vec<_>>()
        .join("<br><br>")
}

/// The paragraphs of `text`: runs of non-blank lines, each joined with
/// spaces, made terminal-safe and with whitespace collapsed.
fn paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                paragraphs.push(collapse_whitespace(&terminal_safe(&lines.join(" "))));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    paragraphs
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape_paragraph(paragraph: &str, emphasis: Emphasis) -> String {
    let mut out = String::with_capacity(paragraph.len() + 16);
    let mut chars = paragraph.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.peek().copied();
                let protects_markup =
                    next.is_none_or(|n| is_escaped(n, emphasis) || n == '<' || n == '>');
                out.push_str(if protects_markup { "\\\\" } else { "\\" });
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_escaped(c, emphasis) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters written with a backslash in front.
fn is_escaped(c: char, emphasis: Emphasis) -> bool {
    matches!(c, '|' | '`') || (c == '*' && emphasis == Emphasis::EscapeAsterisks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::{sample, utc};
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// What a Markdown renderer makes of one table.
    #[derive(Debug, Default)]
    struct RenderedTable {
        header_cells: usize,
        /// Per body row: the plain text of each cell.
        rows: Vec<Vec<String>>,
        /// Per body row: how many bold spans the title cell has.
        title_bold_spans: Vec<usize>,
        /// Every inline HTML tag seen anywhere in the table.
        html: Vec<String>,
    }

    fn render(markdown: &str) -> Vec<RenderedTable> {
        let mut tables = Vec::new();
        let mut table = RenderedTable::default();
        let mut in_head = false;
        let mut cell: Option<String> = None;
        let mut bold_in_cell = 0;
        for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Table(_)) => table = RenderedTable::default(),
                Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut table)),
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => table.rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    cell = Some(String::new());
                    bold_in_cell = 0;
                }
                Event::End(TagEnd::TableCell) => {
                    let text = cell.take().unwrap_or_default();
                    if in_head {
                        table.header_cells += 1;
                    } else if let Some(row) = table.rows.last_mut() {
                        if row.len() == 1 {
                            table.title_bold_spans.push(bold_in_cell);
                        }
                        row.push(text);
                    }
                }
                Event::Start(Tag::Strong) => bold_in_cell += 1,
                Event::Text(text) | Event::Code(text) => {
                    if let Some(cell) = cell.as_mut() {
                        cell.push_str(&text);
                    }
                }
                Event::InlineHtml(html) | Event::Html(html) => table.html.push(html.to_string()),
                _ => {}
            }
        }
        tables
    }

    fn render_one(papers: &[&CachedPaper]) -> RenderedTable {
        let mut tables = render(&markdown_table(papers));
        assert_eq!(tables.len(), 1, "exactly one table expected");
        tables.remove(0)
    }

    const ALLOWED_HTML: [&str; 5] = ["<details>", "<summary>", "</summary>", "</details>", "<br>"];

    fn assert_intact(table: &RenderedTable, rows: usize) {
        assert_eq!(table.header_cells, 6);
        assert_eq!(table.rows.len(), rows, "{table:#?}");
        for row in &table.rows {
            assert_eq!(row.len(), 6, "{row:#?}");
        }
        assert_eq!(
            table.title_bold_spans,
            vec![1; rows],
            "title must be one bold span"
        );
        for tag in &table.html {
            assert!(
                ALLOWED_HTML.contains(&tag.as_str()),
                "unexpected HTML {tag:?}"
            );
        }
    }

    #[test]
    fn normal_row_matches_the_reference_shape_exactly() {
        let mut cached = sample(
            "2509.23324",
            "Scaling LLM Test-Time Compute with Mobile NPU on Smartphones",
            "Deploying Large Language Models (LLMs) on mobile devices is hard. We fix it.",
        );
        cached.paper.published = utc(2025, 9, 27, 17, 1);
        assert_eq!(
            markdown_row(&cached),
            "|**2025-09-27**|**Scaling LLM Test-Time Compute with Mobile NPU on Smartphones**|cs.DC, cs.AI| <details><summary>Full Abstract</summary>Deploying Large Language Models (LLMs) on mobile devices is hard. We fix it.</details>|[2509.23324v1](http://arxiv.org/abs/2509.23324v1)| null|\n"
        );
    }

    #[test]
    fn code_link_is_a_bold_link() {
        let mut cached = sample("2509.00001", "T", "Code: https://github.com/foo/bar.");
        cached.paper.version = 3;
        let row = markdown_row(&cached);
        assert!(
            row.ends_with("|[2509.00001v3](http://arxiv.org/abs/2509.00001v3)|**[link](https://github.com/foo/bar)**|\n"),
            "{row}"
        );
    }

    #[test]
    fn header_is_the_reference_header() {
        let table = markdown_table(&[]);
        assert_eq!(table, TABLE_HEADER);
        assert_eq!(render(&table).len(), 1);
    }

    #[test]
    fn pipes_stay_inside_their_cells_even_in_math() {
        let cached = sample(
            "2509.00001",
            "A | B: $a|b$ and $\\|x\\|_2$",
            "Norm $\\|x\\|$ with a|b | c|",
        );
        let table = render_one(&[&cached]);
        assert_intact(&table, 1);
        assert_eq!(table.rows[0][1], "A | B: $a|b$ and $\\|x\\|_2$");
        assert!(
            table.rows[0][3].contains("Norm $\\|x\\|$ with a|b | c|"),
            "{:?}",
            table.rows[0][3]
        );
    }

    #[test]
    fn html_in_the_abstract_is_shown_not_obeyed() {
        let cached = sample(
            "2509.00001",
            "<script>alert(1)</script> title",
            "Closing early </details> then <script>alert('x')</script> and <b>bold</b>.",
        );
        let table = render_one(&[&cached]);
        assert_intact(&table, 1);
        assert_eq!(table.rows[0][1], "<script>alert(1)</script> title");
        assert_eq!(
            table.rows[0][3],
            "Full AbstractClosing early </details> then <script>alert('x')</script> and <b>bold</b>."
        );
    }

    #[test]
    fn stars_cannot_break_the_bold_title() {
        let cached = sample(
            "2509.00001",
            "**Bold** claims about $x^{**}$ and a*",
            "We **really** mean $x^*$.",
        );
        let table = render_one(&[&cached]);
        assert_intact(&table, 1);
        assert_eq!(table.rows[0][1], "**Bold** claims about $x^{**}$ and a*");
    }

    #[test]
    fn backticks_and_tex_quotes_are_literal() {
        let cached = sample(
            "2509.00001",
            "The `unsafe` keyword",
            "So-called ``safe'' code and ``sound'' proofs; run `a<b|c`.",
        );
        let table = render_one(&[&cached]);
        assert_intact(&table, 1);
        assert_eq!(table.rows[0][1], "The `unsafe` keyword");
        assert!(
            table.rows[0][3]
                .ends_with("So-called ``safe'' code and ``sound'' proofs; run `a<b|c`."),
            "{:?}",
            table.rows[0][3]
        );
    }

    #[test]
    fn paragraph_breaks_become_br_and_other_newlines_spaces() {
        let cached = sample(
            "2509.00001",
            "Two\nline\ttitle",
            "First  paragraph\nwraps.\n\nSecond 🚀 paragraph.\n",
        );
        let row = markdown_row(&cached);
        assert_eq!(row.matches('\n').count(), 1, "{row}");
        assert!(row.contains("|**Two line title**|"), "{row}");
        assert!(
            row.contains("First paragraph wraps.<br><br>Second 🚀 paragraph.</details>"),
            "{row}"
        );
        assert_intact(&render_one(&[&cached]), 1);
    }

    #[test]
    fn trailing_backslash_cannot_escape_the_markup_after_it() {
        let cached = sample(
            "2509.00001",
            "Ends in a backslash \\",
            "Also ends \\\n\nin one \\",
        );
        let table = render_one(&[&cached]);
        assert_intact(&table, 1);
        assert_eq!(table.rows[0][1], "Ends in a backslash \\");
        assert_eq!(table.rows[0][3], "Full AbstractAlso ends \\in one \\");
        assert_eq!(
            table.html.iter().filter(|tag| *tag == "</details>").count(),
            1
        );
    }

    #[test]
    fn tex_backslashes_and_dollars_are_left_alone() {
        assert_eq!(
            escape_cell("1.06$\\times$--3.81$\\times$"),
            "1.06$\\times$--3.81$\\times$"
        );
        assert_eq!(escape_cell("$x_i^*$"), "$x_i^*$");
    }

    #[test]
    fn terminal_escapes_are_dropped() {
        assert_eq!(escape_cell("\u{1b}[31mred\u{1b}[0m \u{7}bell"), "red bell");
    }

    #[test]
    fn many_hostile_rows_still_make_one_table() {
        let papers = [
            sample("2509.00001", "a | b", "x\n\ny | z"),
            sample("2509.00002", "</details>**", "<details><summary>"),
            sample("2509.00003", "emoji 🧪 | ok", "\\|\\`\\*"),
        ];
        let refs: Vec<&CachedPaper> = papers.iter().collect();
        assert_intact(&render_one(&refs), 3);
    }

    #[test]
    fn sections_have_headings_and_their_own_tables() {
        let a = sample("2509.00001", "A", "x");
        let b = sample("2509.00002", "B", "y");
        let page = markdown_sections(&[
            Section {
                heading: "Mobile NPU",
                papers: vec![&a, &b],
            },
            Section {
                heading: "Edge",
                papers: vec![&b],
            },
        ]);
        assert!(page.starts_with("## Mobile NPU\n\n|Date|"), "{page}");
        assert!(page.contains("| null|\n\n## Edge\n\n|Date|"), "{page}");
        assert!(page.ends_with("| null|\n\n"), "{page}");
        let tables = render(&page);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[1].rows.len(), 1);
    }

    /// Section by section, batch by batch, the bytes of the page laid out
    /// whole: empty sections first, between and last keep their heading
    /// and header; a page without a paper is nothing.
    #[test]
    fn sections_written_in_batches_are_the_whole_page() {
        let papers: Vec<CachedPaper> = (1..=5)
            .map(|i| sample(&format!("2611.{i:05}"), "A | title", "x\n\ny"))
            .collect();
        let all: Vec<&CachedPaper> = papers.iter().collect();
        let pages: [&[(&str, &[&CachedPaper])]; 4] = [
            &[("Empty <first>", &[]), ("All", &all), ("Two", &all[1..3])],
            &[("One", &all[..1]), ("Empty", &[]), ("All", &all)],
            &[("All", &all), ("Empty last", &[])],
            &[("Nothing", &[]), ("Nothing either", &[])],
        ];
        for page in pages {
            let sections: Vec<Section> = page
                .iter()
                .map(|&(heading, papers)| Section {
                    heading,
                    papers: papers.to_vec(),
                })
                .collect();
            let whole = markdown_sections(&sections);
            for batch in [1, 2, 5] {
                let mut out = Vec::new();
                let mut writer = SectionWriter::new(&mut out);
                for section in &sections {
                    writer.begin(section.heading).expect("written");
                    writer.write(&[]).expect("nothing to write");
                    for chunk in section.papers.chunks(batch) {
                        writer.write(chunk).expect("written");
                    }
                }
                let rows = writer.finish().expect("written");
                assert_eq!(rows, sections.iter().map(|s| s.papers.len()).sum::<usize>());
                assert_eq!(
                    String::from_utf8(out).expect("utf-8"),
                    whole,
                    "batches of {batch}"
                );
            }
        }
        let empty_first = markdown_sections(&[
            Section {
                heading: "Empty",
                papers: Vec::new(),
            },
            Section {
                heading: "One",
                papers: all[..1].to_vec(),
            },
        ]);
        assert!(
            empty_first.starts_with(&format!(
                "## Empty\n\n{TABLE_HEADER}\n## One\n\n{TABLE_HEADER}|"
            )),
            "{empty_first}"
        );
        assert_eq!(render(&empty_first).len(), 2);
        assert_eq!(
            markdown_sections(&[Section {
                heading: "Nothing",
                papers: Vec::new(),
            }]),
            ""
        );
    }
}
