//! `--format table`: aligned columns for reading in a terminal.

use comfy_table::presets::UTF8_HORIZONTAL_ONLY;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use crate::model::CachedPaper;
use crate::render::links;
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
const DATE: usize = 1;
const ID: usize = 2;
const TITLE: usize = 3;
const AUTHORS: usize = 4;
const CATEGORIES: usize = 5;
const CODE: usize = 6;

/// One space after each cell and none before: with the one-space column
/// separator that makes two-space gaps, leaving an 80-column terminal as
/// much room for text as possible.
const PADDING: (u16, u16) = (0, 1);
/// What the chosen style spends outside cell text: padding on every column
/// plus the separators between columns.
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
    if papers.is_empty() {
        return String::new();
    }
    let rows: Vec<[String; COLUMNS]> = papers
        .iter()
        .zip(scores)
        .map(|(paper, &score)| row(paper, score))
        .collect();
    let mut table = Table::new();
    table
        // Rules between rows keep wrapped titles apart without the clutter
        // of vertical bars.
        .load_preset(UTF8_HORIZONTAL_ONLY)
        // The caller decides about terminals; comfy-table must not probe.
        .force_no_tty()
        .set_header(HEADER);
    for column in table.column_iter_mut() {
        column.set_padding(PADDING);
    }
    if let Some(score) = table.column_mut(SCORE) {
        score.set_cell_alignment(CellAlignment::Right);
    }
    match width {
        Some(width) => {
            let widths = column_widths(&natural_widths(&rows), usize::from(width));
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
fn natural_widths(rows: &[[String; COLUMNS]]) -> [usize; COLUMNS] {
    let mut widths = HEADER.map(str::len);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
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
fn column_widths(natural: &[usize; COLUMNS], width: usize) -> [usize; COLUMNS] {
    let mut widths = *natural;
    let fixed = STYLE_OVERHEAD + natural[SCORE] + natural[DATE] + natural[ID];
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
fn fix_column_widths(table: &mut Table, table_width: u16, widths: [usize; COLUMNS]) {
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
        .filter_map(|cached| find_code_url(&cached.paper))
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
    fn absurdly_narrow_terminal_still_renders() {
        let cached = long_title();
        let text = render_table(&[&cached], &[42], Some(10));
        assert!(text.contains("2509.23324v3"), "{text}");
    }
}
