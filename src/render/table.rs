//! `--format table`: aligned columns for reading in a terminal.

use comfy_table::presets::UTF8_HORIZONTAL_ONLY;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use crate::model::CachedPaper;
use crate::render::sanitize::terminal_safe;
use crate::render::{author_summary, display_id, first_version_date};
use crate::triage::codelink::find_code_url;

const COLUMNS: usize = 7;
const HEADER: [&str; COLUMNS] = [
    "Score",
    "Date",
    "ID",
    "Title",
    "Authors",
    "Categories",
    "Code",
];
const SCORE: usize = 0;
const TITLE: usize = 3;
const AUTHORS: usize = 4;
const CATEGORIES: usize = 5;
const CODE: usize = 6;

/// One space after each cell and none before: with the one-space column
/// separator that makes two-space gaps, leaving an 80-column terminal as
/// much room for text as possible.
const PADDING: (u16, u16) = (0, 1);
/// What the chosen style spends outside cell text: padding on every column
/// plus the separators between columns (without a lead column).
#[cfg(test)]
const STYLE_OVERHEAD: usize = COLUMNS * (PADDING.0 as usize + PADDING.1 as usize) + COLUMNS - 1;

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

/// [`render_table`] with an optional [`LeadColumn`], which keeps its full
/// width like Score.
pub fn render_table_with(
    papers: &[&CachedPaper],
    scores: &[u8],
    lead: Option<LeadColumn<'_>>,
    width: Option<u16>,
) -> String {
    if papers.is_empty() {
        return String::new();
    }
    let mut header: Vec<&str> = HEADER.to_vec();
    let mut rows: Vec<Vec<String>> = papers
        .iter()
        .zip(scores)
        .map(|(paper, &score)| row(paper, score).to_vec())
        .collect();
    if let Some(lead) = &lead {
        header.insert(0, lead.header);
        for (row, cell) in rows.iter_mut().zip(&lead.cells) {
            row.insert(0, terminal_safe(cell).into_owned());
        }
    }
    let offset = header.len() - COLUMNS;
    let mut table = Table::new();
    table
        // Rules between rows keep wrapped titles apart without the clutter
        // of vertical bars.
        .load_preset(UTF8_HORIZONTAL_ONLY)
        // The caller decides about terminals; comfy-table must not probe.
        .force_no_tty()
        .set_header(header.clone());
    for column in table.column_iter_mut() {
        column.set_padding(PADDING);
    }
    for index in 0..=offset + SCORE {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    match width {
        Some(width) => {
            let widths = column_widths(&natural_widths(&header, &rows), usize::from(width));
            fix_column_widths(&mut table, width, widths);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table.add_rows(rows);
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// Widest cell per column, header included, counted in chars. Wide (CJK,
/// emoji) characters are undercounted, which can only make comfy-table wrap
/// a cell sooner, never overflow the terminal.
fn natural_widths(header: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|name| name.len()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    widths
}

/// Text width per column for a terminal `width` columns wide. Any lead
/// column, Score, Date and ID keep their natural width (a broken date or id
/// is useless for copying).
/// Authors, Categories and Code are capped at a fifth, a sixth and a fifth
/// of what remains, so Title, the column people read, keeps over two fifths;
/// room Title does not need goes back to the capped columns.
fn column_widths(natural: &[usize], width: usize) -> Vec<usize> {
    let offset = natural.len().saturating_sub(COLUMNS);
    let [title, authors, categories, code] = [TITLE, AUTHORS, CATEGORIES, CODE].map(|c| c + offset);
    let mut widths = natural.to_vec();
    let overhead = natural.len() * (PADDING.0 as usize + PADDING.1 as usize) + natural.len() - 1;
    let fixed = overhead + natural[..title].iter().sum::<usize>();
    let flexible = width.saturating_sub(fixed);
    let caps = [
        (authors, (flexible / 5).max(1)),
        (categories, (flexible / 6).max(1)),
        (code, (flexible / 5).max(1)),
    ];
    for (column, cap) in caps {
        widths[column] = natural[column].min(cap);
    }
    let capped_total: usize = caps.iter().map(|&(column, _)| widths[column]).sum();
    let title_room = flexible.saturating_sub(capped_total);
    widths[title] = natural[title].min(title_room).max(1);
    let mut surplus = title_room.saturating_sub(widths[title]);
    for column in [code, authors, categories] {
        let grow = (natural[column] - widths[column]).min(surplus);
        widths[column] += grow;
        surplus -= grow;
    }
    widths
}

/// Pins every column to its text width plus padding (comfy-table's absolute
/// widths include it); comfy-table wraps cells to fit.
fn fix_column_widths(table: &mut Table, table_width: u16, widths: Vec<usize>) {
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(table_width);
    for (index, width) in widths.into_iter().enumerate() {
        let width = u16::try_from(width.max(1))
            .map_or(u16::MAX, |w| w.saturating_add(PADDING.0 + PADDING.1));
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
        }
    }
}

/// Cells in [`HEADER`] order, every one terminal-safe: titles and names come
/// from the network.
fn row(cached: &CachedPaper, score: u8) -> [String; COLUMNS] {
    let paper = &cached.paper;
    let code = find_code_url(paper)
        .map(|url| without_scheme(&url).to_string())
        .unwrap_or_default();
    [
        score.to_string(),
        first_version_date(paper),
        display_id(paper),
        paper.title.clone(),
        author_summary(paper),
        paper.categories.join(", "),
        code,
    ]
    .map(|cell| terminal_safe(&cell).into_owned())
}

/// `github.com/foo/bar`: in a narrow column the scheme is noise; the host
/// alone says what the link is.
fn without_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample;

    /// Columns a line takes; all test text (box drawing included) is one
    /// column per char.
    fn display_width(line: &str) -> usize {
        line.chars().count()
    }

    fn long_title() -> CachedPaper {
        let mut cached = sample(
            "2509.23324",
            "Scaling LLM Test-Time Compute with Mobile NPU on Smartphones: A Hardware-Aware Study of Tile Quantization",
            "Code at https://github.com/example-org/npu-scaling.",
        );
        cached.paper.version = 3;
        cached
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
        let positions: Vec<usize> = HEADER.iter().filter_map(|name| header.find(name)).collect();
        assert_eq!(positions.len(), COLUMNS, "{text}");
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
        let natural = [3, 10, 12, 40, 19, 12, 34];
        assert_eq!(column_widths(&natural, 200), natural);
    }

    #[test]
    fn title_keeps_the_largest_share_when_space_is_short() {
        let natural = [5, 10, 12, 104, 47, 12, 34];
        for width in [80, 100, 140] {
            let widths = column_widths(&natural, width);
            assert_eq!(
                widths.iter().sum::<usize>() + STYLE_OVERHEAD,
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
        let natural = [5, 10, 12, 5, 47, 12, 34];
        let widths = column_widths(&natural, 110);
        assert_eq!(widths[TITLE], 5);
        assert_eq!(widths[CODE], 34, "{widths:?}");
        assert_eq!(
            widths.iter().sum::<usize>() + STYLE_OVERHEAD,
            110,
            "{widths:?}"
        );
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
}
