//! The trend chart as a standalone SVG 1.1 document, written by hand: a few
//! hundred lines of string formatting are easier to keep deterministic and
//! dependency-free than a plotting library.
//!
//! Layout is computed from estimated text widths (no font metrics are
//! available), so every estimate errs wide: labels may sit a little loose,
//! but nothing is pushed outside the picture.

use std::fmt::Write as _;

use crate::triage::stats::{Period, Stats};

/// Size of the picture in user units; the viewBox matches, so it scales.
pub const WIDTH: f64 = 900.0;
pub const HEIGHT: f64 = 420.0;

/// Okabe–Ito colours, told apart under the common colour-vision
/// deficiencies; the yellow is left out as unreadable on white. Beyond
/// seven topics the colours repeat with a dash pattern added.
const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000",
];
const DASHES: [Option<&str>; 3] = [None, Some("7 4"), Some("2 3")];

const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";
const TITLE_SIZE: f64 = 18.0;
const LABEL_SIZE: f64 = 12.0;
const TICK_SIZE: f64 = 11.0;
/// Average glyph advance as a share of the font size, on the wide side of
/// common sans-serif faces (DejaVu Sans, the widest, averages about 0.6).
const GLYPH_WIDTH: f64 = 0.62;

const MARGIN: f64 = 16.0;
const RIGHT_MARGIN: f64 = 28.0;
/// Keeps the first and last markers off the axis lines.
const X_INSET: f64 = 14.0;
/// More labels than this along the x-axis run together.
const MAX_X_LABELS: usize = 12;
/// Longest legend name and title shown in full, in characters.
const MAX_LEGEND_CHARS: usize = 32;
const MAX_TITLE_CHARS: usize = ((WIDTH - 2.0 * MARGIN) / (TITLE_SIZE * GLYPH_WIDTH)) as usize;

const TEXT_COLOR: &str = "#222222";
const MUTED_COLOR: &str = "#555555";
const AXIS_COLOR: &str = "#888888";
const GRID_COLOR: &str = "#e6e6e6";

/// A line chart: one line per topic, axis labels, title and legend.
///
/// Same input, same bytes: nothing depends on the clock, the locale or a
/// hash order, so a regenerated chart only changes when the data does.
/// With no periods the frame, legend and a "no papers yet" note are drawn.
pub fn trend_chart(stats: &Stats, title: &str) -> String {
    let unit = match stats.period() {
        Some(Period::Week) => "week",
        _ => "month",
    };
    let mut svg = String::with_capacity(8 * 1024);
    let _ = write!(
        svg,
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" ",
            "width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" ",
            "role=\"img\" aria-labelledby=\"chart-title\" ",
            "font-family=\"{font}\" fill=\"{text}\">\n",
            "<title id=\"chart-title\">{title}</title>\n",
            "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
            "<text class=\"title\" x=\"{tx}\" y=\"{ty}\" ",
            "font-size=\"{ts}\" font-weight=\"bold\">{shown_title}</text>\n",
        ),
        w = num(WIDTH),
        h = num(HEIGHT),
        font = FONT_FAMILY,
        text = TEXT_COLOR,
        title = xml_escape(title),
        tx = num(MARGIN),
        ty = num(MARGIN + TITLE_SIZE),
        ts = num(TITLE_SIZE),
        shown_title = xml_escape(&truncate(title, MAX_TITLE_CHARS)),
    );

    let topics: Vec<&str> = stats.series.iter().map(|s| s.topic.as_str()).collect();
    let legend_top = MARGIN + TITLE_SIZE + 20.0;
    let legend_bottom = write_legend(&mut svg, &topics, legend_top);

    // No ticks without data: a scale of nothing would suggest zeros.
    let ticks = if stats.is_empty() {
        Vec::new()
    } else {
        nice_ticks(stats.max_count())
    };
    let frame = Frame::new(stats, &ticks, legend_bottom + 16.0);
    write_y_axis(&mut svg, &frame, &ticks, unit);
    write_x_axis(&mut svg, &frame, &stats.periods, unit);
    if stats.is_empty() {
        let _ = writeln!(
            svg,
            "<text class=\"empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" fill=\"{MUTED_COLOR}\">no papers yet</text>",
            num((frame.left + frame.right) / 2.0),
            num((frame.top + frame.bottom) / 2.0),
            num(LABEL_SIZE + 2.0),
        );
    } else {
        write_series(&mut svg, &frame, stats);
    }
    svg.push_str("</svg>\n");
    svg
}

/// The plot area and the scales mapping periods and counts into it.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    periods: usize,
    y_max: f64,
    /// X labels every `label_step` periods, counted back from the latest.
    label_step: usize,
    rotate_labels: bool,
}

impl Frame {
    fn new(stats: &Stats, ticks: &[usize], top: f64) -> Self {
        let widest_tick = ticks.iter().map(|t| t.to_string().len()).max().unwrap_or(1);
        // Rotated axis title, a gap, the tick labels, a gap.
        let mut left = MARGIN + LABEL_SIZE + 10.0 + text_width(widest_tick, TICK_SIZE) + 8.0;
        let right = WIDTH - RIGHT_MARGIN;
        let periods = stats.periods.len();
        let label_step = periods.div_ceil(MAX_X_LABELS).max(1);
        let longest_label = stats
            .periods
            .iter()
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        let label_width = text_width(longest_label, TICK_SIZE);
        let point_spacing = if periods > 1 {
            (right - left - 2.0 * X_INSET) / (periods - 1) as f64
        } else {
            right - left
        };
        let rotate_labels = point_spacing * (label_step as f64) < label_width + 10.0;
        if rotate_labels {
            // A rotated label hangs down and to the left of its point; the
            // first one must not run off the left edge. Moving the plot
            // right only narrows the spacing, so rotation stays needed.
            let overhang = label_width * std::f64::consts::FRAC_1_SQRT_2 + 4.0;
            left = left.max(overhang - X_INSET);
        }
        // Below the plot: tick labels (their diagonal extent when rotated),
        // a gap, the axis title.
        let label_depth = if rotate_labels {
            (label_width + TICK_SIZE) * std::f64::consts::FRAC_1_SQRT_2 + 4.0
        } else {
            TICK_SIZE + 6.0
        };
        let bottom = HEIGHT - MARGIN - LABEL_SIZE - 6.0 - label_depth;
        Frame {
            left,
            right,
            top,
            bottom,
            periods,
            y_max: ticks.last().copied().unwrap_or(1).max(1) as f64,
            label_step,
            rotate_labels,
        }
    }

    fn x(&self, index: usize) -> f64 {
        if self.periods <= 1 {
            return (self.left + self.right) / 2.0;
        }
        let usable = self.right - self.left - 2.0 * X_INSET;
        self.left + X_INSET + usable * index as f64 / (self.periods - 1) as f64
    }

    fn y(&self, value: usize) -> f64 {
        self.bottom - (self.bottom - self.top) * value as f64 / self.y_max
    }

    fn is_labelled(&self, index: usize) -> bool {
        // Counted from the end so the latest period, the one readers look
        // for first, always has its label.
        (self.periods - 1 - index).is_multiple_of(self.label_step)
    }
}

/// Legend entries flow left to right under the title, wrapping as needed.
/// Returns the y just below the last row.
fn write_legend(svg: &mut String, topics: &[&str], top: f64) -> f64 {
    const ROW_HEIGHT: f64 = 20.0;
    const SWATCH: f64 = 22.0;
    const GAP: f64 = 16.0;
    let left = MARGIN;
    let right = WIDTH - RIGHT_MARGIN;
    let (mut x, mut row) = (left, 0usize);
    svg.push_str("<g class=\"legend\">\n");
    for (index, topic) in topics.iter().enumerate() {
        let name = truncate(topic, MAX_LEGEND_CHARS);
        let entry_width = SWATCH + 6.0 + text_width(name.chars().count(), LABEL_SIZE);
        if x > left && x + entry_width > right {
            x = left;
            row += 1;
        }
        let y = top + row as f64 * ROW_HEIGHT;
        let (color, dash) = line_style(index);
        let _ = writeln!(
            svg,
            concat!(
                "<g class=\"legend-entry\">",
                "<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"2.5\"{dash}/>",
                "<circle cx=\"{cx}\" cy=\"{y}\" r=\"3.5\" fill=\"{color}\"/>",
                "<text x=\"{tx}\" y=\"{ty}\" font-size=\"{size}\">{name}</text></g>"
            ),
            x1 = num(x),
            x2 = num(x + SWATCH),
            cx = num(x + SWATCH / 2.0),
            y = num(y),
            color = color,
            dash = dash_attribute(dash),
            tx = num(x + SWATCH + 6.0),
            ty = num(y + LABEL_SIZE * 0.35),
            size = num(LABEL_SIZE),
            name = xml_escape(&name),
        );
        x += entry_width + GAP;
    }
    svg.push_str("</g>\n");
    let rows = if topics.is_empty() { 0 } else { row + 1 };
    top + rows as f64 * ROW_HEIGHT - ROW_HEIGHT / 2.0
}

fn write_y_axis(svg: &mut String, frame: &Frame, ticks: &[usize], unit: &str) {
    svg.push_str("<g class=\"y-axis\">\n");
    for &tick in ticks {
        let y = num(frame.y(tick));
        let _ = writeln!(
            svg,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GRID_COLOR}\" stroke-width=\"1\"/>",
            num(frame.left),
            num(frame.right),
        );
        let _ = writeln!(
            svg,
            "<text class=\"y-tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"{}\" fill=\"{MUTED_COLOR}\">{tick}</text>",
            num(frame.left - 8.0),
            num(frame.y(tick) + TICK_SIZE * 0.35),
            num(TICK_SIZE),
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{AXIS_COLOR}\" stroke-width=\"1\"/>",
        num(frame.top),
        num(frame.bottom),
        x = num(frame.left),
    );
    let title_x = MARGIN + LABEL_SIZE * 0.8;
    let title_y = (frame.top + frame.bottom) / 2.0;
    let _ = writeln!(
        svg,
        "<text class=\"axis-title\" x=\"{x}\" y=\"{y}\" transform=\"rotate(-90 {x} {y})\" text-anchor=\"middle\" font-size=\"{}\" fill=\"{MUTED_COLOR}\">papers per {unit}</text>",
        num(LABEL_SIZE),
        x = num(title_x),
        y = num(title_y),
    );
    svg.push_str("</g>\n");
}

fn write_x_axis(svg: &mut String, frame: &Frame, periods: &[String], unit: &str) {
    svg.push_str("<g class=\"x-axis\">\n");
    let _ = writeln!(
        svg,
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{AXIS_COLOR}\" stroke-width=\"1\"/>",
        num(frame.left),
        num(frame.right),
        y = num(frame.bottom),
    );
    for (index, period) in periods.iter().enumerate() {
        if !frame.is_labelled(index) {
            continue;
        }
        let x = frame.x(index);
        let _ = writeln!(
            svg,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{AXIS_COLOR}\" stroke-width=\"1\"/>",
            num(frame.bottom),
            num(frame.bottom + 4.0),
            x = num(x),
        );
        let label_y = frame.bottom + 8.0 + TICK_SIZE * 0.75;
        let placement = if frame.rotate_labels {
            format!(
                "text-anchor=\"end\" transform=\"rotate(-45 {x} {y})\"",
                x = num(x),
                y = num(label_y)
            )
        } else {
            "text-anchor=\"middle\"".to_owned()
        };
        let _ = writeln!(
            svg,
            "<text class=\"x-tick\" x=\"{}\" y=\"{}\" {placement} font-size=\"{}\" fill=\"{MUTED_COLOR}\">{}</text>",
            num(x),
            num(label_y),
            num(TICK_SIZE),
            xml_escape(period),
        );
    }
    let _ = writeln!(
        svg,
        "<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" fill=\"{MUTED_COLOR}\">{unit}</text>",
        num((frame.left + frame.right) / 2.0),
        num(HEIGHT - MARGIN),
        num(LABEL_SIZE),
    );
    svg.push_str("</g>\n");
}

/// One polyline per topic with a marker per point; each marker carries a
/// tooltip (`<title>`) with the exact count for readers of the live SVG.
fn write_series(svg: &mut String, frame: &Frame, stats: &Stats) {
    let spacing = if frame.periods > 1 {
        frame.x(1) - frame.x(0)
    } else {
        f64::INFINITY
    };
    // Markers and lines thin out as points crowd together (a year of
    // weeks), so the lines stay readable; markers never vanish.
    let radius = (spacing / 4.0).clamp(1.5, 3.5);
    let halo = (radius / 3.0).min(1.0);
    let line_width = if spacing < 10.0 { 1.5 } else { 2.0 };
    for (index, series) in stats.series.iter().enumerate() {
        let (color, dash) = line_style(index);
        let points: Vec<(f64, f64)> = series
            .counts
            .iter()
            .enumerate()
            .map(|(period, &count)| (frame.x(period), frame.y(count)))
            .collect();
        let _ = writeln!(svg, "<g class=\"series\">");
        let path: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{},{}", num(x), num(y)))
            .collect();
        let _ = writeln!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{}/>",
            path.join(" "),
            num(line_width),
            dash_attribute(dash),
        );
        for ((x, y), (period, count)) in points.iter().zip(stats.periods.iter().zip(&series.counts))
        {
            let _ = writeln!(
                svg,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{color}\" stroke=\"#ffffff\" stroke-width=\"{}\"><title>{}, {}: {count}</title></circle>",
                num(*x),
                num(*y),
                num(radius),
                num(halo),
                xml_escape(&series.topic),
                xml_escape(period),
            );
        }
        svg.push_str("</g>\n");
    }
}

fn line_style(index: usize) -> (&'static str, Option<&'static str>) {
    let color = PALETTE[index % PALETTE.len()];
    let dash = DASHES[(index / PALETTE.len()) % DASHES.len()];
    (color, dash)
}

fn dash_attribute(dash: Option<&str>) -> String {
    dash.map(|pattern| format!(" stroke-dasharray=\"{pattern}\""))
        .unwrap_or_default()
}

/// Y-axis ticks from 0: a step of 1, 2 or 5 × 10ⁿ (never below 1, counts
/// being whole), 3 to 5 intervals, the last tick at or above `max`.
pub fn nice_ticks(max: usize) -> Vec<usize> {
    const MAX_INTERVALS: usize = 5;
    const MIN_INTERVALS: usize = 3;
    let max = max.max(1);
    let mut magnitude = 1usize;
    let step = loop {
        if let Some(step) = [1, 2, 5]
            .iter()
            .map(|factor| factor * magnitude)
            .find(|step| max.div_ceil(*step) <= MAX_INTERVALS)
        {
            break step;
        }
        magnitude = magnitude.saturating_mul(10);
    };
    let intervals = max.div_ceil(step).max(MIN_INTERVALS);
    (0..=intervals).map(|i| i * step).collect()
}

/// Text for XML content and attribute values. Characters XML 1.0 forbids
/// (most control characters) are dropped: an invalid document shows nothing.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{kept}…")
}

fn text_width(chars: usize, font_size: f64) -> f64 {
    chars as f64 * font_size * GLYPH_WIDTH
}

/// One decimal at most: enough for a screen, and stable across platforms.
fn num(value: f64) -> String {
    let text = format!("{value:.1}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::stats::Series;

    fn stats(periods: &[&str], series: &[(&str, &[usize])]) -> Stats {
        Stats {
            periods: periods.iter().map(|p| p.to_string()).collect(),
            series: series
                .iter()
                .map(|(topic, counts)| Series {
                    topic: topic.to_string(),
                    counts: counts.to_vec(),
                })
                .collect(),
        }
    }

    fn months(count: usize) -> Vec<String> {
        (0..count)
            .map(|i| format!("{}-{:02}", 2025 + i / 12, i % 12 + 1))
            .collect()
    }

    fn realistic() -> Stats {
        let periods = months(18);
        let npu: Vec<usize> = (0..18).map(|i| 3 + i * 2 % 7 + i / 3).collect();
        let edge: Vec<usize> = (0..18).map(|i| 10 + (i * 5) % 9).collect();
        let llm: Vec<usize> = (0..18)
            .map(|i| if i % 4 == 0 { 0 } else { 20 + i })
            .collect();
        let labels: Vec<&str> = periods.iter().map(String::as_str).collect();
        stats(
            &labels,
            &[
                ("npu", &npu),
                ("edge-inference", &edge),
                ("llm-serving", &llm),
            ],
        )
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|err| panic!("invalid SVG: {err}\n{svg}"))
    }

    fn with_class<'a, 'i>(
        doc: &'a roxmltree::Document<'i>,
        class: &str,
    ) -> Vec<roxmltree::Node<'a, 'i>> {
        doc.descendants()
            .filter(|node| node.attribute("class") == Some(class))
            .collect()
    }

    fn texts(doc: &roxmltree::Document<'_>, class: &str) -> Vec<String> {
        with_class(doc, class)
            .iter()
            .map(|node| node.text().unwrap_or_default().to_owned())
            .collect()
    }

    fn tag_count(doc: &roxmltree::Document<'_>, tag: &str) -> usize {
        doc.descendants()
            .filter(|node| node.has_tag_name(tag))
            .count()
    }

    #[test]
    fn is_a_standalone_svg_with_viewbox_and_background() {
        let svg = trend_chart(&realistic(), "Papers per month");
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("viewBox"), Some("0 0 900 420"));
        assert_eq!(
            (root.attribute("width"), root.attribute("height")),
            (Some("900"), Some("420"))
        );
        let background = root
            .children()
            .find(|node| node.has_tag_name("rect"))
            .expect("background rect");
        assert_eq!(background.attribute("fill"), Some("#ffffff"));
        assert_eq!(texts(&doc, "title"), ["Papers per month"]);
    }

    #[test]
    fn draws_one_line_and_one_legend_entry_per_topic() {
        let data = realistic();
        let doc_text = trend_chart(&data, "t");
        let doc = parse(&doc_text);
        assert_eq!(tag_count(&doc, "polyline"), 3);
        let legend: Vec<String> = with_class(&doc, "legend-entry")
            .iter()
            .map(|entry| {
                entry
                    .descendants()
                    .find(|node| node.has_tag_name("text"))
                    .and_then(|node| node.text())
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(legend, ["npu", "edge-inference", "llm-serving"]);
        let line_colors: Vec<&str> = doc
            .descendants()
            .filter(|node| node.has_tag_name("polyline"))
            .filter_map(|node| node.attribute("stroke"))
            .collect();
        assert_eq!(line_colors, &PALETTE[..3]);
        // A marker per point per topic.
        assert_eq!(
            with_class(&doc, "series")
                .iter()
                .map(|s| s.children().filter(|n| n.has_tag_name("circle")).count())
                .collect::<Vec<_>>(),
            [18, 18, 18]
        );
    }

    #[test]
    fn y_ticks_are_nice_numbers_covering_the_data() {
        let doc_text = trend_chart(&realistic(), "t");
        let doc = parse(&doc_text);
        let ticks: Vec<usize> = texts(&doc, "y-tick")
            .iter()
            .map(|text| text.parse().expect("tick is a whole number"))
            .collect();
        assert!((4..=6).contains(&ticks.len()), "{ticks:?}");
        assert_eq!(ticks[0], 0);
        let step = ticks[1];
        assert!(is_nice(step), "step {step}");
        assert!(
            ticks.windows(2).all(|pair| pair[1] - pair[0] == step),
            "{ticks:?}"
        );
        assert!(*ticks.last().expect("ticks") >= realistic().max_count());
    }

    fn is_nice(step: usize) -> bool {
        let mut mantissa = step;
        while mantissa >= 10 && mantissa.is_multiple_of(10) {
            mantissa /= 10;
        }
        matches!(mantissa, 1 | 2 | 5)
    }

    #[test]
    fn nice_ticks_pick_small_round_steps() {
        assert_eq!(nice_ticks(0), [0, 1, 2, 3]);
        assert_eq!(nice_ticks(1), [0, 1, 2, 3]);
        assert_eq!(nice_ticks(4), [0, 1, 2, 3, 4]);
        assert_eq!(nice_ticks(7), [0, 2, 4, 6, 8]);
        assert_eq!(nice_ticks(23), [0, 5, 10, 15, 20, 25]);
        assert_eq!(nice_ticks(100), [0, 20, 40, 60, 80, 100]);
        assert_eq!(nice_ticks(101), [0, 50, 100, 150]);
        for max in 0..5000 {
            let ticks = nice_ticks(max);
            assert!((4..=6).contains(&ticks.len()), "{max}: {ticks:?}");
            assert!(
                is_nice(ticks[1]) && *ticks.last().expect("ticks") >= max,
                "{max}: {ticks:?}"
            );
        }
    }

    /// Every coordinate attribute, the polyline points included.
    fn coordinates(doc: &roxmltree::Document<'_>) -> Vec<(String, f64)> {
        let mut found = Vec::new();
        for node in doc.descendants().filter(|node| node.is_element()) {
            for name in ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy"] {
                if let Some(value) = node.attribute(name) {
                    found.push((
                        format!("{}@{name}", node.tag_name().name()),
                        value.parse().expect("number"),
                    ));
                }
            }
            if let Some(points) = node.attribute("points") {
                for (i, value) in points.split([' ', ',']).enumerate() {
                    let axis = if i % 2 == 0 { "x" } else { "y" };
                    found.push((format!("polyline@{axis}"), value.parse().expect("number")));
                }
            }
        }
        found
    }

    fn assert_inside_viewbox(svg: &str) {
        let doc = parse(svg);
        let found = coordinates(&doc);
        assert!(found.len() > 10);
        for (what, value) in found {
            let limit = if what.ends_with('x') || what.ends_with("x1") || what.ends_with("x2") {
                WIDTH
            } else {
                HEIGHT
            };
            assert!(
                (0.0..=limit).contains(&value),
                "{what} = {value} outside 0..{limit}"
            );
        }
    }

    #[test]
    fn all_coordinates_are_inside_the_viewbox() {
        assert_inside_viewbox(&trend_chart(&realistic(), "t"));
        let weeks: Vec<String> = (1..=52).map(|w| format!("2026-W{w:02}")).collect();
        let labels: Vec<&str> = weeks.iter().map(String::as_str).collect();
        let many: Vec<usize> = (0..52).map(|i| i * 37 % 1234).collect();
        let topics: Vec<String> = (0..9).map(|i| format!("topic-number-{i}")).collect();
        let series: Vec<(&str, &[usize])> =
            topics.iter().map(|t| (t.as_str(), &many[..])).collect();
        assert_inside_viewbox(&trend_chart(&stats(&labels, &series), "t"));
    }

    #[test]
    fn text_is_escaped() {
        let data = stats(&["2026-01", "2026-02"], &[("a<b&\"c\"", &[1, 2])]);
        let svg = trend_chart(&data, "Tom's <chart> & \"more\"");
        assert!(svg.contains("a&lt;b&amp;&quot;c&quot;"), "{svg}");
        assert!(svg.contains("Tom&apos;s &lt;chart&gt; &amp; &quot;more&quot;"));
        let doc = parse(&svg);
        assert_eq!(texts(&doc, "title"), ["Tom's <chart> & \"more\""]);
        let legend = with_class(&doc, "legend-entry");
        let name = legend[0]
            .descendants()
            .find(|n| n.has_tag_name("text"))
            .and_then(|n| n.text());
        assert_eq!(name, Some("a<b&\"c\""));
    }

    #[test]
    fn control_characters_are_dropped_to_keep_the_xml_valid() {
        assert_eq!(xml_escape("a\u{1b}[31mb\u{0}c\td"), "a[31mbc d");
        let data = stats(&["2026-01"], &[("bell\u{7}", &[1])]);
        parse(&trend_chart(&data, "t\u{1}"));
    }

    #[test]
    fn a_single_period_is_drawn_as_a_point_in_the_middle() {
        let data = stats(&["2026-03"], &[("npu", &[4]), ("edge", &[0])]);
        let svg = trend_chart(&data, "t");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        let doc = parse(&svg);
        let circles: Vec<f64> = with_class(&doc, "series")
            .iter()
            .flat_map(|series| series.children().filter(|n| n.has_tag_name("circle")))
            .filter_map(|circle| circle.attribute("cx")?.parse().ok())
            .collect();
        assert_eq!(circles.len(), 2);
        assert!(
            circles.iter().all(|&x| x > WIDTH * 0.4 && x < WIDTH * 0.6),
            "{circles:?}"
        );
        assert_eq!(texts(&doc, "x-tick"), ["2026-03"]);
        assert_inside_viewbox(&svg);
    }

    #[test]
    fn no_periods_still_give_a_valid_chart_saying_so() {
        let data = stats(&[], &[("npu", &[])]);
        let svg = trend_chart(&data, "t");
        let doc = parse(&svg);
        assert_eq!(tag_count(&doc, "polyline"), 0);
        assert_eq!(texts(&doc, "empty"), ["no papers yet"]);
        assert_eq!(with_class(&doc, "legend-entry").len(), 1);
    }

    #[test]
    fn many_periods_get_at_most_twelve_labels_ending_at_the_latest() {
        let weeks: Vec<String> = (1..=52).map(|w| format!("2026-W{w:02}")).collect();
        let labels: Vec<&str> = weeks.iter().map(String::as_str).collect();
        let counts = vec![1; 52];
        let doc_text = trend_chart(&stats(&labels, &[("npu", &counts)]), "t");
        let doc = parse(&doc_text);
        let shown = texts(&doc, "x-tick");
        assert!(shown.len() <= MAX_X_LABELS && shown.len() >= 6, "{shown:?}");
        assert_eq!(shown.last().map(String::as_str), Some("2026-W52"));
        let titles = texts(&doc, "axis-title");
        assert_eq!(titles, ["papers per week", "week"]);
    }

    #[test]
    fn axis_titles_name_the_month_unit() {
        let doc_text = trend_chart(&realistic(), "t");
        let doc = parse(&doc_text);
        assert_eq!(texts(&doc, "axis-title"), ["papers per month", "month"]);
        assert_eq!(
            texts(&doc, "x-tick").len(),
            9,
            "18 months, every second labelled"
        );
    }

    #[test]
    fn topics_beyond_the_palette_reuse_colours_with_dashes() {
        let topics: Vec<String> = (0..8).map(|i| format!("t{i}")).collect();
        let series: Vec<(&str, &[usize])> = topics
            .iter()
            .map(|t| (t.as_str(), &[1usize, 2][..]))
            .collect();
        let doc_text = trend_chart(&stats(&["2026-01", "2026-02"], &series), "t");
        let doc = parse(&doc_text);
        let lines: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .collect();
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[7].attribute("stroke"), lines[0].attribute("stroke"));
        assert_eq!(lines[0].attribute("stroke-dasharray"), None);
        assert!(lines[7].attribute("stroke-dasharray").is_some());
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(
            trend_chart(&realistic(), "t"),
            trend_chart(&realistic(), "t")
        );
    }
}
