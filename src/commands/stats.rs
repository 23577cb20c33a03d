//! `papers stats`: papers per month or ISO week and topic, as a table with
//! inline bars, as JSON, and optionally as an SVG line chart.

use std::process::ExitCode;

use crate::cli::{Cli, StatsArgs, StatsFormat};
use crate::config;
use crate::exit;
use crate::render::chart;
use crate::render::display_width;
use crate::storage::cache::CacheStore;
use crate::terminal::sanitize::terminal_safe;
use crate::terminal::{Terminal, print_stdout};
use crate::triage::stats::Period;
use crate::triage::stats::{self, Stats};

/// Longest bar, in cells: long enough to compare rows by eye, short enough
/// to leave the numbers the focus when the output is piped or logged.
const MAX_BAR_CELLS: usize = 40;
/// Narrower than this a bar says little; it is left out instead.
const MIN_BAR_CELLS: usize = 4;
const GAP: &str = "  ";
/// Partial cells for 1/8 … 7/8 of a block: bars resolve eight steps per cell.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const FULL_BLOCK: char = '█';

pub fn run(cli: &Cli, args: &StatsArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let config = config::load(cli.config.as_deref())?;
    let topics = config.select_topics(&args.topics)?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    // A shard counted from its summary is not read, unless its file is
    // gone: then the read records the damage and the warning names it, as
    // every reader's does, and its papers are not counted.
    let cache = store
        .load_where(|_, meta| stats::shard_needed(meta, args.by) || !store.has_shard_file(meta))?;
    super::warn_if_damaged(&cache);
    let stats = stats::count_cache(&cache, &topics, args.by);

    // The chart first: when it cannot be written the command fails before
    // printing anything a script might take for success.
    if let Some(path) = &args.svg {
        let chart = chart::trend_chart(&stats, &chart_title(&stats, args.by));
        super::write_output(cli, path, "the chart", chart.as_bytes())?;
        eprintln!("papers: wrote the chart to {}", path.display());
    }

    if stats.is_empty() {
        if cache.papers.is_empty() && cache.shards().values().all(|meta| meta.papers == 0) {
            eprintln!("papers: no papers in the cache yet: run `papers fetch`");
        } else {
            eprintln!("papers: no cached papers in the selected topics");
        }
    }
    let text = match args.format {
        StatsFormat::Json => serde_json::to_string_pretty(&stats)? + "\n",
        StatsFormat::Table => render_table(&stats, terminal.stdout_width),
    };
    print_stdout(&text)?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// "Papers per month by topic, 2025-01 to 2026-06": the range makes a
/// chart saved on its own self-explanatory.
fn chart_title(stats: &Stats, period: Period) -> String {
    let unit = match period {
        Period::Month => "month",
        Period::Week => "week",
    };
    match (stats.periods.first(), stats.periods.last()) {
        (Some(first), Some(last)) if first != last => {
            format!("Papers per {unit} by topic, {first} to {last}")
        }
        (Some(only), _) => format!("Papers per {unit} by topic, {only}"),
        _ => format!("Papers per {unit} by topic"),
    }
}

/// One row per period and one column per topic, then (with two or more
/// topics) the row total, then a bar proportional to the total, the longest
/// bar for the busiest period. Empty when there are no periods.
///
/// With `Some(width)` no line is longer than `width`: the bar shrinks to fit
/// and is dropped when fewer than [`MIN_BAR_CELLS`] remain (the numbers
/// themselves are never cut). Lines carry no trailing spaces.
pub fn render_table(stats: &Stats, width: Option<u16>) -> String {
    if stats.is_empty() {
        return String::new();
    }
    let totals = stats.totals();
    let mut header: Vec<String> = vec!["period".to_owned()];
    header.extend(
        stats
            .series
            .iter()
            .map(|series| terminal_safe(&series.topic).into_owned()),
    );
    let show_total = stats.series.len() > 1;
    if show_total {
        header.push("total".to_owned());
    }
    let rows: Vec<Vec<String>> = stats
        .periods
        .iter()
        .enumerate()
        .map(|(index, period)| {
            let mut row = vec![terminal_safe(period).into_owned()];
            row.extend(
                stats
                    .series
                    .iter()
                    .map(|series| series.counts.get(index).copied().unwrap_or(0).to_string()),
            );
            if show_total {
                row.push(totals[index].to_string());
            }
            row
        })
        .collect();

    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|row| display_width(&row[column]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numbers_width = widths.iter().sum::<usize>() + GAP.len() * (widths.len() - 1);
    let bar_cells = match width {
        Some(width) => usize::from(width)
            .saturating_sub(numbers_width + GAP.len())
            .min(MAX_BAR_CELLS),
        None => MAX_BAR_CELLS,
    };
    let bar_cells = if bar_cells >= MIN_BAR_CELLS {
        bar_cells
    } else {
        0
    };
    let busiest = totals.iter().copied().max().unwrap_or(0);

    let mut text = String::new();
    push_line(&mut text, &header, &widths, "");
    let rules: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    push_line(&mut text, &rules, &widths, "");
    for (row, &total) in rows.iter().zip(&totals) {
        push_line(&mut text, row, &widths, &bar(total, busiest, bar_cells));
    }
    text
}

/// The period column left-aligned, counts right-aligned, then the bar.
fn push_line(text: &mut String, cells: &[String], widths: &[usize], bar: &str) {
    let mut line = String::new();
    for (column, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        if column > 0 {
            line.push_str(GAP);
        }
        let padding = " ".repeat(width.saturating_sub(display_width(cell)));
        if column == 0 {
            line.push_str(cell);
            line.push_str(&padding);
        } else {
            line.push_str(&padding);
            line.push_str(cell);
        }
    }
    if !bar.is_empty() {
        line.push_str(GAP);
        line.push_str(bar);
    }
    text.push_str(line.trim_end());
    text.push('\n');
}

/// `value` as a bar of eighth blocks, `cells` long for `max`. Any nonzero
/// value shows at least a sliver, so "few" never looks like "none".
fn bar(value: usize, max: usize, cells: usize) -> String {
    if value == 0 || max == 0 || cells == 0 {
        return String::new();
    }
    let eighths = ((value * cells * 8 + max / 2) / max).max(1);
    let mut bar = String::with_capacity(cells * 3);
    bar.extend(std::iter::repeat_n(FULL_BLOCK, eighths / 8));
    let partial_eighths = eighths % 8;
    if partial_eighths > 0 {
        bar.push(EIGHTHS[partial_eighths - 1]);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::stats::Series;

    fn sample() -> Stats {
        Stats {
            periods: vec!["2026-01".into(), "2026-02".into(), "2026-03".into()],
            series: vec![
                Series {
                    topic: "npu".into(),
                    counts: vec![3, 0, 12],
                },
                Series {
                    topic: "edge-inference".into(),
                    counts: vec![1, 0, 4],
                },
            ],
        }
    }

    #[test]
    fn rows_hold_counts_totals_and_bars_scaled_to_the_busiest_period() {
        let table = render_table(&sample(), None);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "period   npu  edge-inference  total");
        assert_eq!(lines[1], "───────  ───  ──────────────  ─────");
        assert_eq!(
            lines[2],
            format!("2026-01    3               1      4  {}", "██████████")
        );
        assert_eq!(lines[3], "2026-02    0               0      0");
        assert_eq!(
            lines[4],
            format!("2026-03   12               4     16  {}", "█".repeat(40))
        );
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn a_single_topic_has_no_total_column() {
        let mut stats = sample();
        stats.series.truncate(1);
        let table = render_table(&stats, None);
        assert!(table.starts_with("period   npu\n"), "{table}");
        assert!(!table.contains("total"));
    }

    #[test]
    fn no_line_exceeds_a_known_terminal_width() {
        for width in [35u16, 40, 41, 45, 50, 60, 80, 200] {
            let table = render_table(&sample(), Some(width));
            for line in table.lines() {
                assert!(
                    display_width(line) <= usize::from(width),
                    "{width}: {line:?} is {} wide",
                    display_width(line)
                );
            }
            let has_bars = table.contains(FULL_BLOCK);
            // The numbers take 35 columns; the gap and 4 cells need 41.
            assert_eq!(has_bars, width >= 41, "width {width}:\n{table}");
        }
    }

    #[test]
    fn a_terminal_too_narrow_for_the_numbers_gets_them_without_bars() {
        let table = render_table(&sample(), Some(20));
        assert!(!table.contains(FULL_BLOCK));
        assert_eq!(
            table.lines().nth(4),
            Some("2026-03   12               4     16")
        );
    }

    #[test]
    fn bars_fill_the_room_a_terminal_has() {
        let table = render_table(&sample(), Some(50));
        let busiest = table.lines().last().expect("rows");
        assert_eq!(display_width(busiest), 50);
        assert!(busiest.ends_with(&"█".repeat(13)));
    }

    #[test]
    fn bars_use_eighth_blocks() {
        assert_eq!(bar(0, 10, 8), "");
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 3), "█▌");
        assert_eq!(bar(8, 16, 1), "▌");
        assert_eq!(bar(3, 8, 1), "▍");
        // Tiny but not zero: still visible.
        assert_eq!(bar(1, 1000, 4), "▏");
    }

    #[test]
    fn empty_stats_render_nothing() {
        let stats = Stats {
            periods: Vec::new(),
            series: vec![Series {
                topic: "npu".into(),
                counts: Vec::new(),
            }],
        };
        assert_eq!(render_table(&stats, Some(80)), "");
    }

    #[test]
    fn chart_title_names_the_unit_and_range() {
        assert_eq!(
            chart_title(&sample(), Period::Month),
            "Papers per month by topic, 2026-01 to 2026-03"
        );
        let empty = Stats {
            periods: Vec::new(),
            series: Vec::new(),
        };
        assert_eq!(
            chart_title(&empty, Period::Week),
            "Papers per week by topic"
        );
    }
}
