//! A Markdown topic page: one table of papers per topic, columns such as
//! `|Date|Title|label|Abstract|PDF|Code|`, the PDF cell linking the paper.
//!
//! Each table row is one paper. Its id comes from the PDF column when the
//! header has one (located from the right, then from the left, because a `|`
//! inside an abstract shifts the cells after it), else from the first cell
//! holding one; a row with none is reported as skipped. A table needs its
//! separator row and rows starting with `|`, as generated pages write them. Outside tables,
//! arXiv links and `arXiv:` ids on any line (bullet lists) are taken too.
//! Cells are split on `|` without Markdown escapes.

use super::{Collector, one_line};
use crate::model::ids::{find_ids_in_text, parse_user_id};

/// Header names (lower case) of the column that links the paper.
const LINK_COLUMNS: [&str; 4] = ["pdf", "paper", "arxiv", "link"];

pub(super) fn parse(text: &str, collector: &mut Collector) {
    let lines: Vec<&str> = text.lines().collect();
    let mut table: Option<Header> = None;
    for (index, raw) in lines.iter().enumerate() {
        let line = index + 1;
        let row = raw.trim();
        if !row.starts_with('|') {
            table = None;
            find_in_prose(row, line, collector);
            continue;
        }
        match &table {
            // A header counts only with a separator row under it.
            None if lines.get(index + 1).is_some_and(|next| is_separator(next)) => {
                table = Some(Header::new(&cells(row)));
            }
            None => find_in_prose(row, line, collector),
            Some(_) if is_separator(row) => {}
            Some(header) => {
                let cells = cells(row);
                match header.id_in(&cells) {
                    Some(id) => collector.found(id, line),
                    None => collector.skipped(line, header.label_of(&cells, row)),
                }
            }
        }
    }
}

/// True when `text` has a table separator row, a link or a bullet list.
/// Headings do not count: a plain list's `# comment` looks the same.
pub(super) fn looks_like_markdown(text: &str) -> bool {
    text.contains("](")
        || text
            .lines()
            .any(|line| is_separator(line) || is_bullet(line))
}

fn find_in_prose(line_text: &str, line: usize, collector: &mut Collector) {
    for (id, _version) in find_ids_in_text(line_text) {
        collector.found(id, line);
    }
}

/// The column positions that matter in one table.
struct Header {
    columns: usize,
    link: Option<usize>,
    title: Option<usize>,
}

impl Header {
    fn new(names: &[&str]) -> Self {
        let position = |wanted: &[&str]| {
            names
                .iter()
                .position(|name| wanted.contains(&name.to_ascii_lowercase().as_str()))
        };
        Header {
            columns: names.len(),
            link: position(&LINK_COLUMNS),
            title: position(&["title"]),
        }
    }

    fn id_in(&self, cells: &[&str]) -> Option<String> {
        let Some(link) = self.link else {
            return cells.iter().find_map(|cell| id_in_cell(cell));
        };
        // Counted from the right first: a `|` in an abstract or title adds a
        // cell before the link column, and the cell then at `link` is a piece
        // of abstract that may cite another paper.
        let from_right = cells.len().checked_sub(self.columns - link);
        [from_right, Some(link)]
            .into_iter()
            .flatten()
            .filter_map(|at| cells.get(at))
            .find_map(|cell| id_in_cell(cell))
    }

    /// The title cell without bold markers or link syntax, else the whole row.
    fn label_of(&self, cells: &[&str], row: &str) -> String {
        let title = self
            .title
            .and_then(|at| cells.get(at))
            .map(|cell| link_text(cell.trim().trim_matches('*')).trim_matches('*'))
            .map(one_line)
            .filter(|title| !title.is_empty());
        title.unwrap_or_else(|| one_line(row))
    }
}

/// An arXiv link or `arXiv:` id in the cell, or a cell that is just an id.
fn id_in_cell(cell: &str) -> Option<String> {
    find_ids_in_text(cell)
        .into_iter()
        .next()
        .or_else(|| {
            let bare = link_text(cell.trim().trim_matches(['*', '`']));
            parse_user_id(bare.trim_matches(['*', '`'])).ok()
        })
        .map(|(id, _version)| id)
}

/// `[text](url)` -> `text`; anything else unchanged.
fn link_text(cell: &str) -> &str {
    cell.strip_prefix('[')
        .and_then(|rest| rest.split_once("]("))
        .map_or(cell, |(text, _url)| text)
}

/// `- item`, `* item`, `+ item`.
fn is_bullet(line: &str) -> bool {
    ["- ", "* ", "+ "]
        .iter()
        .any(|marker| line.trim_start().starts_with(marker))
}

/// `|a|b|` -> `["a", "b"]`, trimmed.
fn cells(row: &str) -> Vec<&str> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(str::trim).collect()
}

/// `|---|:---:|` and the like.
fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|')
        && line.contains('-')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}
