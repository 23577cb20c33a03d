//! `--format table`: aligned columns for reading in a terminal.

use comfy_table::presets::UTF8_HORIZONTAL_ONLY;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use std::io::{self, Write};

use crate::model::CachedPaper;
use crate::render::{
    author_summary, display_id, display_width, first_version_date, truncate_to_width,
};
use crate::terminal::links;
use crate::terminal::sanitize::terminal_safe;
use crate::triage::codelink::code_url;
use crate::triage::venue;

const COLUMNS: usize = 10;
const HEADER: [&str; COLUMNS] = [
    // Named by the caller (`Fit`, `Similar`); see [`LeadColumn`].
    "",
    "Score",
    "Upvotes",
    "Date",
    "ID",
    "Title",
    "Authors",
    "Venue",
    "Categories",
    "Code",
];
/// Shown only when the caller gives one; keeps its width like Score.
const LEAD: usize = 0;
const SCORE: usize = 1;
/// Shown only when some listed paper has Hugging Face data: a column of
/// blanks would only take room from the title.
const UPVOTES: usize = 2;
const DATE: usize = 3;
const ID: usize = 4;
const TITLE: usize = 5;
const AUTHORS: usize = 6;
/// Shown only when some listed paper names a venue; like Date it keeps its
/// natural width (`DAC 2025` is short, and useless broken).
const VENUE: usize = 7;
const CATEGORIES: usize = 8;
const CODE: usize = 9;

/// One space after each cell and none before: with the one-space column
/// separator that makes two-space gaps, leaving an 80-column terminal as
/// much room for text as possible.
const PADDING: (u16, u16) = (0, 1);
/// What the chosen style spends outside cell text for `columns` columns:
/// padding on every column plus the separators between them.
const fn style_overhead(columns: usize) -> usize {
    columns * (PADDING.0 as usize + PADDING.1 as usize) + columns - 1
}

/// One row per paper under a header, ending in a newline; empty when there
/// are no papers (the caller reports that on stderr instead). `scores[i]`
/// is the relevance score of `papers[i]` (see `crate::triage::score`).
///
/// With `Some(width)` (stdout is a terminal that wide) Title, Authors,
/// Categories and Code wrap to fit while Score, Date and ID keep their full
/// width.
/// With `None` (a pipe or file) columns take their content's width, so each
/// paper stays on one line for `grep`.
pub fn render_table(papers: &[&CachedPaper], scores: &[u8], width: Option<u16>) -> String {
    render_table_with(papers, scores, None, width)
}

/// A column shown before Score: its header and one cell per paper, e.g.
/// the fit (`Fit`, 0–100) or a similarity.
pub struct LeadColumn<'a> {
    pub header: &'a str,
    pub cells: Vec<String>,
}

/// [`render_table`] with an optional [`LeadColumn`].
pub fn render_table_with(
    papers: &[&CachedPaper],
    scores: &[u8],
    lead: Option<LeadColumn<'_>>,
    width: Option<u16>,
) -> String {
    if papers.is_empty() {
        return String::new();
    }
    let rows = rows(papers, scores, lead.as_ref());
    let lead_header = lead.as_ref().map(|lead| lead.header);
    let Some(width) = width else {
        let mut layout = PipedLayout::new(lead_header);
        layout.measure(&rows);
        let mut text = String::new();
        layout.push_rows(&rows, true, &mut text);
        return text;
    };
    if width < COMPACT_BELOW {
        return render_compact(papers, usize::from(width));
    }
    let shown = shown_columns(
        lead.is_some(),
        any_filled(&rows, UPVOTES),
        any_filled(&rows, VENUE),
    );
    let header = header(lead_header);
    let widths = column_widths(&natural_widths(&header, &rows), &shown, usize::from(width));
    let widths: Vec<usize> = shown.iter().map(|&column| widths[column]).collect();
    let mut table = comfy_table(&header, &shown, &rows);
    fix_column_widths(&mut table, width, &widths);
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// comfy-table's table of the `shown` columns of `rows`, before any width.
fn comfy_table(header: &[&str; COLUMNS], shown: &[usize], rows: &[[String; COLUMNS]]) -> Table {
    let mut table = Table::new();
    table
        // Rules between rows keep wrapped titles apart without the clutter
        // of vertical bars.
        .load_preset(UTF8_HORIZONTAL_ONLY)
        // The caller decides about terminals; comfy-table must not probe.
        .force_no_tty()
        .set_header(shown.iter().map(|&column| header[column]));
    for column in table.column_iter_mut() {
        column.set_padding(PADDING);
    }
    for (position, &column) in shown.iter().enumerate() {
        if let (true, Some(numeric)) = (is_numeric(column), table.column_mut(position)) {
            numeric.set_cell_alignment(CellAlignment::Right);
        }
    }
    table.add_rows(rows.iter().map(|row| {
        shown
            .iter()
            .map(|&column| row[column].clone())
            .collect::<Vec<_>>()
    }));
    table
}

/// One row of cells per paper, the lead column's cells (if any) in place.
fn rows(
    papers: &[&CachedPaper],
    scores: &[u8],
    lead: Option<&LeadColumn<'_>>,
) -> Vec<[String; COLUMNS]> {
    let mut rows: Vec<[String; COLUMNS]> = papers
        .iter()
        .zip(scores)
        .map(|(paper, &score)| row(paper, score))
        .collect();
    if let Some(lead) = lead {
        for (row, cell) in rows.iter_mut().zip(&lead.cells) {
            row[LEAD] = terminal_safe(cell).into_owned();
        }
    }
    rows
}

fn header(lead_header: Option<&str>) -> [&str; COLUMNS] {
    let mut header = HEADER;
    if let Some(lead_header) = lead_header {
        header[LEAD] = lead_header;
    }
    header
}

/// Optional columns appear only when they say something: a column of
/// blanks would only take room from the title.
fn shown_columns(lead: bool, upvotes: bool, venue: bool) -> Vec<usize> {
    (0..COLUMNS)
        .filter(|&column| match column {
            LEAD => lead,
            UPVOTES => upvotes,
            VENUE => venue,
            _ => true,
        })
        .collect()
}

fn any_filled(rows: &[[String; COLUMNS]], column: usize) -> bool {
    rows.iter().any(|row| !row[column].is_empty())
}

/// Numbers line up on the right.
fn is_numeric(column: usize) -> bool {
    matches!(column, LEAD | SCORE | UPVOTES)
}

/// The table for a pipe or file (no width): every column as wide as its
/// widest cell, so each paper stays on one line for `grep`. Its layout
/// depends on every row but holds none: [`measure`](Self::measure) them
/// all, then [`write`](Self::write) them a batch at a time, and a listing
/// as large as the cache never has to be one table in memory.
///
/// The bytes are comfy-table's for [`UTF8_HORIZONTAL_ONLY`] with
/// [`PADDING`] and no width (the terminal's layout still comes from
/// comfy-table): a rule above the header, a double rule under it and a rule
/// under every row, each cell padded to its column and one space after it,
/// the columns a space apart. `piped_layout_is_comfy_tables` holds the two
/// together.
pub(crate) struct PipedLayout<'a> {
    header: [&'a str; COLUMNS],
    lead: bool,
    natural: [usize; COLUMNS],
    upvotes: bool,
    venue: bool,
}

impl<'a> PipedLayout<'a> {
    /// Before any row is measured: the header's widths.
    pub(crate) fn new(lead_header: Option<&'a str>) -> Self {
        let header = header(lead_header);
        PipedLayout {
            header,
            lead: lead_header.is_some(),
            natural: header.map(display_width),
            upvotes: false,
            venue: false,
        }
    }

    /// Widens the columns to fit `papers`' rows (`scores` parallel to them).
    pub(crate) fn measure_papers(&mut self, papers: &[&CachedPaper], scores: &[u8]) {
        self.measure(&rows(papers, scores, None));
    }

    fn measure(&mut self, rows: &[[String; COLUMNS]]) {
        for row in rows {
            for (width, cell) in self.natural.iter_mut().zip(row) {
                *width = (*width).max(display_width(cell));
            }
        }
        self.upvotes |= any_filled(rows, UPVOTES);
        self.venue |= any_filled(rows, VENUE);
    }

    /// Appends `rows`, each with the rule under it, and before them the
    /// header when `with_header`.
    fn push_rows(&self, rows: &[[String; COLUMNS]], with_header: bool, text: &mut String) {
        if rows.is_empty() {
            return;
        }
        let shown = shown_columns(self.lead, self.upvotes, self.venue);
        // Every header is at least a character wide, so no column is
        // empty (comfy-table would widen one to a character).
        let width = |column: usize| self.natural[column];
        let rule_width =
            shown.iter().map(|&column| width(column)).sum::<usize>() + style_overhead(shown.len());
        let push_line = |text: &mut String, cells: &mut dyn Iterator<Item = &str>| {
            for (position, (&column, cell)) in shown.iter().zip(cells).enumerate() {
                if position > 0 {
                    text.push(' ');
                }
                text.extend(std::iter::repeat_n(' ', usize::from(PADDING.0)));
                let fill = width(column).saturating_sub(display_width(cell));
                if is_numeric(column) {
                    text.extend(std::iter::repeat_n(' ', fill));
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    text.extend(std::iter::repeat_n(' ', fill));
                }
                text.extend(std::iter::repeat_n(' ', usize::from(PADDING.1)));
            }
            text.push('\n');
        };
        let push_rule = |text: &mut String, rule: char| {
            text.extend(std::iter::repeat_n(rule, rule_width));
            text.push('\n');
        };
        if with_header {
            push_rule(text, '─');
            push_line(text, &mut shown.iter().map(|&column| self.header[column]));
            push_rule(text, '═');
        }
        for row in rows {
            push_line(text, &mut shown.iter().map(|&column| row[column].as_str()));
            push_rule(text, '─');
        }
    }
}

/// A [`PipedLayout`] table written a batch of papers at a time.
pub(crate) struct PipedTable<'a> {
    layout: PipedLayout<'a>,
    out: &'a mut dyn Write,
    written: usize,
    text: String,
}

impl<'a> PipedTable<'a> {
    /// `layout` has measured every paper that will be written.
    pub(crate) fn new(layout: PipedLayout<'a>, out: &'a mut dyn Write) -> Self {
        PipedTable {
            layout,
            out,
            written: 0,
            text: String::new(),
        }
    }

    /// `papers`' rows (`scores` parallel to them), after the header if
    /// they are the first.
    pub(crate) fn write(&mut self, papers: &[&CachedPaper], scores: &[u8]) -> io::Result<()> {
        self.text.clear();
        let rows = rows(papers, scores, None);
        self.layout
            .push_rows(&rows, self.written == 0, &mut self.text);
        self.written += rows.len();
        self.out.write_all(self.text.as_bytes())
    }

    /// Papers written so far.
    pub(crate) fn written(&self) -> usize {
        self.written
    }
}

/// Widest cell per column, header included, in display columns.
fn natural_widths(header: &[&str; COLUMNS], rows: &[[String; COLUMNS]]) -> [usize; COLUMNS] {
    let mut widths = header.map(display_width);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(display_width(cell));
        }
    }
    widths
}

/// Text width per column for a terminal `width` columns wide. Score, Date
/// and ID keep their natural width (a broken date or id is useless for
/// copying).
/// Authors, Categories and Code are capped at a fifth, a sixth and a fifth
/// of what remains, so Title, the column people read, keeps over two fifths;
/// room Title does not need goes back to the capped columns.
fn column_widths(natural: &[usize; COLUMNS], shown: &[usize], width: usize) -> [usize; COLUMNS] {
    let mut widths = *natural;
    let shown_width = |column: usize| {
        if shown.contains(&column) {
            natural[column]
        } else {
            0
        }
    };
    let fixed = style_overhead(shown.len())
        + shown_width(LEAD)
        + natural[SCORE]
        + shown_width(UPVOTES)
        + natural[DATE]
        + natural[ID]
        + shown_width(VENUE);
    let flexible = width.saturating_sub(fixed);
    let caps = [
        (AUTHORS, (flexible / 5).max(1)),
        (CATEGORIES, (flexible / 6).max(1)),
        (CODE, (flexible / 5).max(1)),
    ];
    for (column, cap) in caps {
        widths[column] = natural[column].min(cap);
    }
    let capped_total: usize = caps.iter().map(|&(column, _)| widths[column]).sum();
    let title_room = flexible.saturating_sub(capped_total);
    widths[TITLE] = natural[TITLE].min(title_room).max(1);
    let mut surplus = title_room.saturating_sub(widths[TITLE]);
    for column in [CODE, AUTHORS, CATEGORIES] {
        let grow = (natural[column] - widths[column]).min(surplus);
        widths[column] += grow;
        surplus -= grow;
    }
    widths
}

/// Pins every column to its text width plus padding (comfy-table's absolute
/// widths include it); comfy-table wraps cells to fit.
fn fix_column_widths(table: &mut Table, table_width: u16, widths: &[usize]) {
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(table_width);
    for (index, &width) in widths.iter().enumerate() {
        let width = u16::try_from(width.max(1))
            .map_or(u16::MAX, |w| w.saturating_add(PADDING.0 + PADDING.1));
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
        }
    }
}

/// Narrower than this, seven columns leave each a few characters and one
/// paper takes hundreds of lines: one line per paper instead.
pub const COMPACT_BELOW: u16 = 60;
/// Longest cell, in chars: a title of a megabyte would otherwise make the
/// table's layout take minutes. Longer cells are cut with `…`; JSON, CSV and
/// Markdown keep the text whole.
pub const MAX_CELL_CHARS: usize = 300;

/// `date id title…`, one line per paper, the title cut to fit `width`
/// columns (date and id are never cut: a broken id is useless for copying).
fn render_compact(papers: &[&CachedPaper], width: usize) -> String {
    let mut out = String::new();
    for cached in papers {
        let prefix = format!(
            "{} {}",
            first_version_date(&cached.paper),
            display_id(&cached.paper)
        );
        out.push_str(&prefix);
        let room = width.saturating_sub(display_width(&prefix) + 1);
        if room > 0 {
            out.push(' ');
            let title = terminal_safe(&cached.paper.title);
            out.push_str(&truncate_to_width(&title, room.min(MAX_CELL_CHARS)));
        }
        out.push('\n');
    }
    out
}

/// `text` cut to `max` chars, the last one `…` when anything was cut.
fn cap(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some(_) => {
            let keep: String = text.chars().take(max.saturating_sub(1)).collect();
            keep + "…"
        }
    }
}

/// Cells in [`HEADER`] order, every one terminal-safe (titles and names come
/// from the network) and at most [`MAX_CELL_CHARS`] long.
fn row(cached: &CachedPaper, score: u8) -> [String; COLUMNS] {
    let paper = &cached.paper;
    let code = code_url(cached)
        .map(|url| without_scheme(&url).to_string())
        .unwrap_or_default();
    let upvotes = cached
        .hf
        .as_ref()
        .map(|hf| format!("▲ {}", hf.upvotes))
        .unwrap_or_default();
    // Detected for the listed papers only, never for the whole cache.
    let venue = venue::of_paper(paper)
        .map(|venue| venue.label())
        .unwrap_or_default();
    [
        String::new(),
        score.to_string(),
        upvotes,
        first_version_date(paper),
        display_id(paper),
        paper.title.clone(),
        author_summary(paper),
        venue,
        paper.categories.join(", "),
        code,
    ]
    .map(|cell| cap(&terminal_safe(&cell), MAX_CELL_CHARS))
}

/// `github.com/foo/bar`: in a narrow column the scheme is noise; the host
/// alone says what the link is.
/// `rendered` (a table of `papers` laid out by [`render_table`] or another
/// renderer with an ID column) with OSC 8 links added after layout: each
/// ID to its abs page, each Code cell that did not wrap to its repository.
/// After, because comfy-table would count the escape bytes as width.
pub fn link_cells(rendered: &str, papers: &[&CachedPaper]) -> String {
    let ids: Vec<(String, &str)> = papers
        .iter()
        .map(|cached| (display_id(&cached.paper), cached.paper.abs_url.as_str()))
        .collect();
    let codes: Vec<(String, String)> = papers
        .iter()
        .filter_map(|cached| code_url(cached))
        .map(|url| (terminal_safe(without_scheme(&url)).into_owned(), url))
        .collect();
    let id_links: Vec<(&str, &str)> = ids.iter().map(|(id, url)| (id.as_str(), *url)).collect();
    let code_links: Vec<(&str, &str)> = codes
        .iter()
        .map(|(text, url)| (text.as_str(), url.as_str()))
        .collect();
    // Right to left: link_column counts characters, and the escapes an ID
    // link adds would shift every column to its right.
    let linked = links::link_column(rendered, "Code", &code_links);
    links::link_column(&linked, "ID", &id_links)
}

fn without_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::{author, sample};
    use std::collections::BTreeSet;

    /// Every column but Upvotes and Venue: a listing without Hugging Face
    /// data or venues.
    const NO_HF: &[usize] = &[SCORE, DATE, ID, TITLE, AUTHORS, CATEGORIES, CODE];

    fn long_title() -> CachedPaper {
        let mut cached = sample(
            "2509.23324",
            "Scaling LLM Test-Time Compute with Mobile NPU on Smartphones: A Hardware-Aware Study of Tile Quantization",
            "Code at https://github.com/example-org/npu-scaling.",
        );
        cached.paper.version = 3;
        cached
    }

    /// Hugging Face data with `upvotes` and a repository.
    fn hf_with_repo(upvotes: u32) -> crate::model::HfInfo {
        crate::model::HfInfo {
            upvotes,
            comments: None,
            github_repo: Some("https://github.com/hf/repo".into()),
            github_stars: Some(5),
            project_page: None,
            featured: chrono::NaiveDate::from_ymd_opt(2026, 6, 12).expect("date"),
            ai_keywords: Vec::new(),
        }
    }

    #[test]
    fn upvotes_column_appears_when_a_paper_has_hf_data() {
        let mut with_hf = sample("2606.00001", "Voted", "No link here.");
        with_hf.hf = Some(hf_with_repo(118));
        let without = sample("2606.00002", "Unvoted", "No link here.");
        let text = render_table(&[&with_hf, &without], &[1, 2], None);
        let header = text
            .lines()
            .find(|l| l.contains("Date"))
            .unwrap_or_default();
        assert!(header.contains("Upvotes"), "{text}");
        let voted = text
            .lines()
            .find(|l| l.contains("Voted"))
            .unwrap_or_default();
        assert!(voted.contains("▲ 118"), "{voted}");
        assert!(
            voted.contains("github.com/hf/repo"),
            "HF repo as code: {voted}"
        );
        let unvoted = text
            .lines()
            .find(|l| l.contains("Unvoted"))
            .unwrap_or_default();
        assert!(!unvoted.contains('▲'), "{unvoted}");
        let narrow = render_table(&[&with_hf, &without], &[1, 2], Some(80));
        assert!(narrow.lines().all(|l| display_width(l) <= 80), "{narrow}");
    }

    #[test]
    fn a_huge_title_is_cut_in_the_table() {
        let mut cached = long_title();
        cached.paper.title = "word ".repeat(200_000);
        let text = render_table(&[&cached], &[1], None);
        assert!(text.contains('…'));
        assert!(text.len() < 4 * MAX_CELL_CHARS * COLUMNS, "{}", text.len());
    }

    /// Wide characters count two columns in our layout and in comfy-table's
    /// alike: every line of the table is as wide as the rest, none wider than
    /// the terminal, and the compact layout cuts a wide title by columns too.
    #[test]
    fn a_cjk_title_fits_a_fixed_width_table_and_the_compact_layout() {
        let mut cjk = sample(
            "2601.00001",
            "面向移动端神经网络处理器的大语言模型推理：量化、分块与调度的系统研究 🚀",
            "代码见 https://github.com/example-org/npu.",
        );
        cjk.paper.authors = vec![author("张伟"), author("王芳")];
        let ascii = long_title();
        let papers = [&cjk, &ascii];
        for width in [60u16, 72, 80, 100, 120] {
            let text = render_table(&papers, &[1, 2], Some(width));
            assert!(text.contains("面向"), "{width}:\n{text}");
            let widths: BTreeSet<usize> = text.lines().map(display_width).collect();
            assert_eq!(widths.len(), 1, "{width}: ragged lines {widths:?}\n{text}");
            assert!(
                widths.iter().all(|&w| w <= usize::from(width)),
                "{width}: {widths:?}\n{text}"
            );
        }
        for width in [30u16, 40, 41, 59] {
            let text = render_table(&papers, &[1, 2], Some(width));
            assert_eq!(text.lines().count(), 2, "{width}:\n{text}");
            for line in text.lines() {
                assert!(display_width(line) <= usize::from(width), "{width}: {line}");
            }
            assert!(text.contains("2601.00001 面向"), "{width}:\n{text}");
        }
    }

    #[test]
    fn narrow_terminals_get_one_line_per_paper() {
        let cached = long_title();
        let text = render_table(&[&cached, &cached], &[1, 2], Some(40));
        assert_eq!(text.lines().count(), 2, "{text}");
        for line in text.lines() {
            assert!(display_width(line) <= 40, "{line}");
            assert!(
                line.starts_with("2025-09-27 2509.23324v3 Scaling"),
                "{line}"
            );
        }
    }

    #[test]
    fn link_cells_links_the_id_and_code_after_layout() {
        let mut cached = long_title();
        cached.paper.title = "Short".into();
        let papers = [&cached];
        let plain = render_table(&papers, &[7], Some(200));
        let linked = link_cells(&plain, &papers);
        assert!(
            linked.contains(
                "\x1b]8;;http://arxiv.org/abs/2509.23324v1\x1b\\2509.23324v3\x1b]8;;\x1b\\"
            ),
            "{linked}"
        );
        assert!(
            linked.contains(
                "\x1b]8;;https://github.com/example-org/npu-scaling\x1b\\github.com/example-org/npu-scaling\x1b]8;;\x1b\\"
            ),
            "{linked}"
        );
        // Only escapes were added: the layout is the plain one.
        let stripped = linked
            .replace("\x1b]8;;\x1b\\", "")
            .replace("\x1b]8;;http://arxiv.org/abs/2509.23324v1\x1b\\", "")
            .replace(
                "\x1b]8;;https://github.com/example-org/npu-scaling\x1b\\",
                "",
            );
        assert_eq!(stripped, plain);
    }

    #[test]
    fn empty_list_renders_nothing() {
        assert_eq!(render_table(&[], &[], Some(80)), "");
        assert_eq!(render_table(&[], &[], None), "");
    }

    #[test]
    fn row_has_every_column_in_order() {
        let cached = long_title();
        let text = render_table(&[&cached], &[42], None);
        let header = text
            .lines()
            .find(|line| line.contains("Date"))
            .unwrap_or_default();
        let positions: Vec<usize> = HEADER
            .iter()
            .filter(|name| !name.is_empty())
            .filter_map(|name| header.find(name))
            .collect();
        assert!(!header.contains("Upvotes"), "no HF data, no column: {text}");
        assert!(!header.contains("Venue"), "no venue, no column: {text}");
        assert_eq!(positions.len(), COLUMNS - 3, "{text}");
        assert!(positions.is_sorted(), "{text}");
        let body = text
            .lines()
            .find(|line| line.contains("2509.23324v3"))
            .unwrap_or_default();
        assert!(body.trim_start().starts_with("42  2025-09-27"), "{body:?}");
        for cell in [
            "2025-09-27",
            "Ada Lovelace et al.",
            "cs.DC, cs.AI",
            "github.com/example-org/npu-scaling",
        ] {
            assert!(body.contains(cell), "{cell} missing from {body:?}");
        }
        assert!(!text.contains("https://"), "{text}");
    }

    #[test]
    fn unconstrained_table_keeps_each_paper_on_one_line() {
        let cached = long_title();
        let text = render_table(&[&cached], &[42], None);
        assert!(text.contains(&cached.paper.title), "{text}");
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn fixed_width_fits_and_never_wraps_date_or_id() {
        let cached = long_title();
        for width in [60u16, 80, 100, 120] {
            let text = render_table(&[&cached], &[42], Some(width));
            for line in text.lines() {
                assert!(
                    display_width(line) <= usize::from(width),
                    "{width}: {line:?}\n{text}"
                );
            }
            assert!(text.contains("2025-09-27"), "{width}:\n{text}");
            assert!(text.contains("2509.23324v3"), "{width}:\n{text}");
        }
    }

    #[test]
    fn first_version_shows_no_version_suffix() {
        let cached = sample("2509.00001", "T", "x");
        let text = render_table(&[&cached], &[42], None);
        assert!(text.contains("2509.00001 "), "{text}");
        assert!(!text.contains("2509.00001v"), "{text}");
    }

    #[test]
    fn hostile_text_cannot_reach_the_terminal() {
        let mut cached = sample(
            "2509.00001",
            "\u{1b}[2J\u{1b}]0;pwned\u{7}Clean\ttitle\nhere",
            "x",
        );
        cached.paper.authors[0].name = "Eve\u{9b}31m Mallory".into();
        let text = render_table(&[&cached], &[42], Some(100));
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("Clean title here"), "{text}");
        assert!(text.contains("Eve Mallory et al."), "{text}");
    }

    #[test]
    fn columns_keep_their_natural_width_when_everything_fits() {
        let natural = [0, 3, 0, 10, 12, 40, 19, 0, 12, 34];
        assert_eq!(column_widths(&natural, NO_HF, 200), natural);
    }

    #[test]
    fn title_keeps_the_largest_share_when_space_is_short() {
        let natural = [0, 5, 0, 10, 12, 104, 47, 0, 12, 34];
        for width in [80, 100, 140] {
            let widths = column_widths(&natural, NO_HF, width);
            assert_eq!(
                widths.iter().sum::<usize>() + style_overhead(NO_HF.len()),
                width,
                "{width}: {widths:?}"
            );
            assert_eq!(
                &widths[..TITLE],
                &natural[..TITLE],
                "score, date and id never shrink"
            );
            let flexible: usize = widths[TITLE..].iter().sum();
            assert!(widths[TITLE] * 5 >= flexible * 2, "{width}: {widths:?}");
            assert!(
                widths[TITLE..].iter().all(|&w| w <= widths[TITLE]),
                "{width}: {widths:?}"
            );
        }
    }

    #[test]
    fn room_the_title_does_not_need_goes_to_the_other_columns() {
        let natural = [0, 5, 0, 10, 12, 5, 47, 0, 12, 34];
        let widths = column_widths(&natural, NO_HF, 110);
        assert_eq!(widths[TITLE], 5);
        assert_eq!(widths[CODE], 34, "{widths:?}");
        assert_eq!(
            widths.iter().sum::<usize>() + style_overhead(NO_HF.len()),
            110,
            "{widths:?}"
        );
    }

    #[test]
    fn venue_column_appears_only_when_a_paper_names_one() {
        let plain = sample("2509.00001", "T", "x");
        let text = render_table(&[&plain], &[1], None);
        assert!(!text.contains("Venue"), "{text}");

        let mut accepted = long_title();
        accepted.paper.comment = Some("Accepted by DAC 2025. 6 pages".into());
        let text = render_table(&[&plain, &accepted], &[1, 2], None);
        let header = text.lines().find(|l| l.contains("Date")).unwrap_or("");
        let (authors, venue, categories) = (
            header.find("Authors"),
            header.find("Venue"),
            header.find("Categories"),
        );
        assert!(authors < venue && venue < categories, "{header}");
        let body = text
            .lines()
            .find(|line| line.contains("2509.23324v3"))
            .unwrap_or_default();
        assert!(body.contains("  DAC 2025  "), "{body:?}");
        for width in [60u16, 80, 120] {
            let text = render_table(&[&plain, &accepted], &[1, 2], Some(width));
            assert!(text.contains("DAC 2025"), "{width}:\n{text}");
            for line in text.lines() {
                assert!(
                    display_width(line) <= usize::from(width),
                    "{width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn a_lead_column_comes_first_and_keeps_its_width() {
        let cached = long_title();
        let lead = || LeadColumn {
            header: "Fit",
            cells: vec!["97.5".into()],
        };
        let text = render_table_with(&[&cached], &[42], Some(lead()), None);
        let body = text
            .lines()
            .find(|line| line.contains("2509.23324v3"))
            .unwrap_or_default();
        assert!(
            body.starts_with("97.5     42  2025-09-27"),
            "Fit, then Score right-aligned under its header: {body:?}"
        );
        let narrow = render_table_with(&[&cached], &[42], Some(lead()), Some(80));
        assert!(
            narrow.lines().all(|line| display_width(line) <= 80),
            "{narrow}"
        );
        assert!(narrow.contains("97.5"), "{narrow}");
    }

    #[test]
    fn absurdly_narrow_terminal_still_renders() {
        let cached = long_title();
        let text = render_table(&[&cached], &[42], Some(10));
        assert!(text.contains("2509.23324v3"), "{text}");
    }

    /// The table comfy-table lays out for a pipe (no width, content
    /// arrangement disabled), from the same cells: what `papers` printed
    /// before the piped layout was its own.
    fn comfy_piped(papers: &[&CachedPaper], scores: &[u8], lead: Option<LeadColumn<'_>>) -> String {
        let rows = rows(papers, scores, lead.as_ref());
        let header = header(lead.as_ref().map(|lead| lead.header));
        let shown = shown_columns(
            lead.is_some(),
            any_filled(&rows, UPVOTES),
            any_filled(&rows, VENUE),
        );
        let mut table = comfy_table(&header, &shown, &rows);
        table.set_content_arrangement(ContentArrangement::Disabled);
        table.to_string() + "\n"
    }

    /// Papers whose cells exercise the layout: wide characters and emoji,
    /// an empty Code cell, Hugging Face upvotes, a venue, a one-author paper.
    fn varied_papers() -> Vec<CachedPaper> {
        let mut cjk = sample(
            "2601.00001",
            "面向移动端神经网络处理器的大语言模型推理 🚀",
            "代码见 https://github.com/example-org/npu.",
        );
        cjk.paper.authors = vec![author("张伟"), author("王芳")];
        let mut voted = sample("2606.00001", "Voted", "No link here.");
        voted.hf = Some(hf_with_repo(1180));
        let mut accepted = long_title();
        accepted.paper.comment = Some("Accepted by DAC 2025. 6 pages".into());
        let mut lone = sample("2509.00002", "x", "no code");
        lone.paper.authors = vec![author("A")];
        vec![cjk, voted, accepted, lone, sample("2509.00003", "T", "x")]
    }

    /// Every subset shape (each optional column on and off, one paper and
    /// several, a lead column) gives comfy-table's bytes.
    #[test]
    fn piped_layout_is_comfy_tables() {
        let papers = varied_papers();
        let all: Vec<&CachedPaper> = papers.iter().collect();
        let scores: Vec<u8> = (0..all.len()).map(|i| [7, 100, 42, 0, 9][i % 5]).collect();
        for (start, end) in [(0, 5), (0, 1), (1, 2), (2, 3), (3, 5), (4, 5), (0, 3)] {
            let (papers, scores) = (&all[start..end], &scores[start..end]);
            assert_eq!(
                render_table(papers, scores, None),
                comfy_piped(papers, scores, None),
                "papers {start}..{end}"
            );
            let lead = |header| LeadColumn {
                header,
                cells: (start..end).map(|i| format!("{}.5", i * 31)).collect(),
            };
            for header in ["Fit", "Similarity"] {
                assert_eq!(
                    render_table_with(papers, scores, Some(lead(header)), None),
                    comfy_piped(papers, scores, Some(lead(header))),
                    "papers {start}..{end}, lead {header}"
                );
            }
        }
    }

    /// Measured over all, written in batches of any size: the bytes of the
    /// whole table, header once.
    #[test]
    fn a_piped_table_written_in_batches_is_the_whole_table() {
        let papers = varied_papers();
        let all: Vec<&CachedPaper> = papers.iter().collect();
        let scores: Vec<u8> = (0..all.len()).map(|i| i as u8 * 20).collect();
        let whole = render_table(&all, &scores, None);
        for batch in 1..=all.len() {
            let mut layout = PipedLayout::new(None);
            for (papers, scores) in all.chunks(batch).zip(scores.chunks(batch)) {
                layout.measure_papers(papers, scores);
            }
            let mut out = Vec::new();
            let mut table = PipedTable::new(layout, &mut out);
            table.write(&[], &[]).expect("write");
            for (papers, scores) in all.chunks(batch).zip(scores.chunks(batch)) {
                table.write(papers, scores).expect("write");
            }
            assert_eq!(table.written(), all.len());
            assert_eq!(
                String::from_utf8(out).expect("utf-8"),
                whole,
                "batches of {batch}"
            );
        }
    }
}
