//! The plain aligned tables of command summaries (`fetch`, `status`): no
//! box drawing, two spaces between columns, the last column unpadded, so
//! people read them and `grep`/`awk` in cron logs split them.

use crate::render::display_width;

/// How a column lines up, and the least width it takes (so numbers of a
/// normal day keep the same columns from run to run).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub right: bool,
    pub min_width: usize,
}

impl Column {
    pub const fn left(header: &'static str, min_width: usize) -> Self {
        Column {
            header,
            right: false,
            min_width,
        }
    }

    pub const fn right(header: &'static str, min_width: usize) -> Self {
        Column {
            header,
            right: true,
            min_width,
        }
    }
}

/// Header and rows, each column as wide as its widest cell (header and
/// `min_width` included); the last column is never padded. Cells must be
/// terminal-safe already.
pub fn aligned_table(columns: &[Column], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            rows.iter()
                .filter_map(|row| row.get(index))
                .map(|cell| display_width(cell))
                .fold(
                    display_width(column.header).max(column.min_width),
                    usize::max,
                )
        })
        .collect();
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|c| c.header.to_owned()).collect();
    for cells in std::iter::once(&header).chain(rows) {
        for (index, (column, cell)) in columns.iter().zip(cells).enumerate() {
            let last = index + 1 == columns.len();
            if index > 0 {
                out.push_str("  ");
            }
            let pad = widths[index].saturating_sub(display_width(cell));
            if column.right {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if !last {
                    out.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_their_widest_cell_and_the_last_is_not_padded() {
        let columns = [
            Column::left("topic", 0),
            Column::right("new", 5),
            Column::left("status", 0),
        ];
        let rows = vec![
            vec!["npu".to_owned(), "3".to_owned(), "ok".to_owned()],
            vec![
                "kv-cache".to_owned(),
                "123456".to_owned(),
                "failed: x".to_owned(),
            ],
        ];
        assert_eq!(
            aligned_table(&columns, &rows),
            "topic        new  status\n\
             npu            3  ok\n\
             kv-cache  123456  failed: x\n"
        );
    }
}
