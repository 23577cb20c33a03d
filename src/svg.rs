//! The trend chart as SVG. (being written)

use crate::stats::Stats;

/// A line chart: one line per topic, axis labels, title and legend.
pub fn trend_chart(_stats: &Stats, _title: &str) -> String {
    String::new()
}
