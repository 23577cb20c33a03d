//! `papers show --why`: the paper's relevance score for each of its topics,
//! one line per part, biggest first, so a reader can add it up and see what to change in
//! the config.

use chrono::NaiveDate;

use crate::model::CachedPaper;
use crate::model::Topic;
use crate::render::display_width;
use crate::terminal::sanitize::terminal_safe;
use crate::triage::fit::{Explanation, FitMode};
use crate::triage::score::{self, Part, Reason};

/// The fit part of `show --why`: the fit, then the terms that pushed it up
/// and down most with their weights, and the nearest starred paper.
/// `basis` is the mode's one-line description ("fit: model trained on …").
/// For a model a term's weight is its contribution to the log-odds (+1.2
/// multiplies the odds by about 3.3) and the bias plus all contributions is
/// the paper's log-odds; for similarity it is the term's share of the
/// cosine, in fit points.
pub fn render_fit(
    explanation: &Explanation,
    basis: &str,
    nearest: Option<(&CachedPaper, f32)>,
) -> String {
    let basis = basis.strip_prefix("fit: ").unwrap_or(basis);
    if explanation.mode == FitMode::None {
        return "Fit: none, nothing is starred (star papers or `papers import` a reference file)\n"
            .to_owned();
    }
    let mut out = format!(
        "Fit: {:.1}/100 ({})\n",
        explanation.fit,
        terminal_safe(basis)
    );
    let scale = if explanation.mode == FitMode::Similarity {
        100.0
    } else {
        1.0
    };
    for (heading, terms) in [
        ("pushed up", &explanation.top_up),
        ("pushed down", &explanation.top_down),
    ] {
        if terms.is_empty() {
            continue;
        }
        out.push_str(&format!("  {heading}:\n"));
        for term in terms {
            out.push_str(&format!(
                "  {:>+7.2}  {}\n",
                term.weight * scale,
                terminal_safe(&term.text)
            ));
        }
    }
    if explanation.mode == FitMode::Model {
        out.push_str(&format!(
            "  {:>+7.2}  (bias: the log-odds of a paper with no known term)\n",
            explanation.bias
        ));
    }
    if let Some((paper, cosine)) = nearest {
        out.push_str(&format!(
            "  nearest starred: {} {} (cosine {cosine:.2})\n",
            paper.paper.versioned_id(),
            terminal_safe(&paper.paper.title)
        ));
    }
    out
}

/// One block per topic the paper belongs to, in the paper's topic order,
/// ending in a newline. Each piece of text is made terminal-safe: terms come
/// from the config, categories from arXiv.
pub fn render_why(cached: &CachedPaper, topics: &[Topic], today: NaiveDate) -> String {
    if cached.topics.is_empty() {
        return "Relevance: in no topic (looked up by id), so there is nothing to score\n".into();
    }
    let blocks: Vec<String> = cached
        .topics
        .iter()
        .map(
            |name| match topics.iter().find(|topic| &topic.name == name) {
                Some(topic) => topic_block(cached, topic, today),
                None => format!(
                    "Relevance to {}: no longer a configured topic\n",
                    terminal_safe(name)
                ),
            },
        )
        .collect();
    blocks.join("\n")
}

fn topic_block(cached: &CachedPaper, topic: &Topic, today: NaiveDate) -> String {
    let score = score::score(&cached.paper, topic, today);
    let sum: u32 = score.parts.iter().map(|part| u32::from(part.points)).sum();
    let cap_note = if sum > u32::from(score.total) {
        format!(" (the parts add up to {sum})")
    } else {
        String::new()
    };
    let mut out = format!(
        "Relevance to {} ({}): {}/{}{cap_note}\n",
        terminal_safe(&topic.name),
        terminal_safe(&topic.title),
        score.total,
        score::MAX
    );
    if score.parts.is_empty() {
        out.push_str("  nothing matched\n");
    }
    let label_width = score
        .parts
        .iter()
        .map(|part| display_width(part.reason.label()))
        .max()
        .unwrap_or(0);
    for part in &score.parts {
        let points = format!("+{}", part.points);
        out.push_str(&format!(
            "  {points:>3}  {:<label_width$}  {}\n",
            part.reason.label(),
            terminal_safe(&shown_term(part))
        ));
    }
    out
}

/// Keywords and names quoted, as written in the config; categories and the
/// recency note as they are.
fn shown_term(part: &Part) -> String {
    match part.reason {
        Reason::PrimaryCategory | Reason::CrossList | Reason::Recency => part.term.clone(),
        _ => format!("\"{}\"", part.term),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample;

    fn npu() -> Topic {
        Topic {
            name: "npu".into(),
            title: "NPU acceleration".into(),
            keywords: vec!["NPU".into(), "neural processing unit".into()],
            categories: vec!["cs.DC".into()],
            authors: vec!["Babbage".into()],
            exclude: Vec::new(),
            query: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 10, 3).expect("valid date")
    }

    #[test]
    fn each_part_is_a_line_with_aligned_points_and_labels() {
        let cached = sample(
            "2509.00001",
            "An NPU for phones",
            "A neural processing unit.",
        );
        assert_eq!(
            render_why(&cached, &[npu()], today()),
            "\
Relevance to npu (NPU acceleration): 75/100
  +25  followed author   \"Babbage\"
  +20  title word        \"NPU\"
  +12  abstract phrase   \"neural processing unit\"
  +10  primary category  cs.DC
   +8  recency           submitted 2025-09-27, 6 days ago
"
        );
    }

    #[test]
    fn unmatched_unknown_and_missing_topics_say_so() {
        let mut cached = sample("2509.00001", "Other", "Nothing.");
        cached.paper.categories = vec!["math.CO".into()];
        cached.paper.primary_category = None;
        cached.paper.authors.clear();
        cached.paper.published -= chrono::Duration::days(365);
        cached.topics.insert("gone".into());
        assert_eq!(
            render_why(&cached, &[npu()], today()),
            "Relevance to gone: no longer a configured topic\n\n\
             Relevance to npu (NPU acceleration): 0/100\n  nothing matched\n"
        );
        cached.topics.clear();
        assert!(render_why(&cached, &[npu()], today()).starts_with("Relevance: in no topic"));
    }

    #[test]
    fn a_capped_score_shows_what_the_parts_add_up_to() {
        let mut topic = npu();
        topic.keywords = vec!["a b".into(), "c d".into(), "e f".into()];
        let cached = sample("2509.00001", "a b c d e f", "x");
        let text = render_why(&cached, &[topic], today());
        assert!(
            text.starts_with(
                "Relevance to npu (NPU acceleration): 100/100 (the parts add up to 133)\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn config_text_cannot_reach_the_terminal_raw() {
        let mut topic = npu();
        topic.title = "Bad \u{1b}[31mtitle".into();
        let cached = sample("2509.00001", "T", "x");
        let text = render_why(&cached, &[topic], today());
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
}
