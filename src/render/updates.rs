//! `list --updated` as a table: which papers got a new version, and when.

use comfy_table::presets::UTF8_HORIZONTAL_ONLY;
use comfy_table::{ContentArrangement, Table};

use crate::model::CachedPaper;
use crate::terminal::sanitize::terminal_safe;

/// One row per paper: the new version's date, the id, `v1 → v3` with the
/// old version's date, and the title. Papers without a recorded update are
/// skipped (the filter has already removed them).
pub fn render_updates_table(papers: &[&CachedPaper], width: Option<u16>) -> String {
    let mut table = Table::new();
    table
        .load_preset(UTF8_HORIZONTAL_ONLY)
        .force_no_tty()
        .set_header(["Revised", "ID", "Versions", "Title"]);
    // As `list`'s table: one space after each cell, none before.
    for column in table.column_iter_mut() {
        column.set_padding((0, 1));
    }
    match width {
        Some(width) => {
            table
                .set_width(width)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    for held in papers {
        let Some(first) = held.updates.first() else {
            continue;
        };
        let Some(last) = held.last_update() else {
            continue;
        };
        table.add_row([
            last.to_submitted.format("%Y-%m-%d").to_string(),
            held.paper.id.clone(),
            format!(
                "v{} → v{} (v{} of {})",
                first.from,
                last.to,
                first.from,
                first.from_submitted.format("%Y-%m-%d")
            ),
            terminal_safe(&held.paper.title).into_owned(),
        ]);
    }
    let mut text = table.to_string();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::cache::Cache;
    use crate::storage::cache::tests::{at, paper};

    #[test]
    fn rows_show_first_and_latest_version_with_dates() {
        let mut cache = Cache::default();
        cache.merge("npu", vec![paper("2611.00001", 1, 2)], at(3));
        cache.merge("npu", vec![paper("2611.00001", 2, 10)], at(11));
        cache.merge("npu", vec![paper("2611.00001", 3, 20)], at(21));
        let held: Vec<&CachedPaper> = cache.papers.values().collect();
        let text = render_updates_table(&held, None);
        let row = text
            .lines()
            .find(|line| line.contains("2611.00001"))
            .expect("a row");
        assert!(row.starts_with("2026-11-20"), "{row}");
        assert!(row.contains("v1 → v3 (v1 of 2026-11-02)"), "{row}");
        assert!(row.contains("Title of 2611.00001 v3"), "{row}");
    }
}
