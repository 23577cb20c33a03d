//! What a topic scores papers on: its keywords, followed authors and
//! categories, as lowercase words prepared once per topic.
//!
//! A topic written as a raw arXiv `query` has no lists, so its terms are
//! read out of the query instead: `ti:`, `abs:`, `all:` and unprefixed terms
//! count as keywords, `au:` as authors, `cat:` as categories, and whatever
//! follows `ANDNOT` is skipped (it says what the topic is not about).

use crate::model::Topic;
use crate::triage::words::lowercase_words;

/// One configured phrase: as written (for `show --why`) and as words.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub text: String,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    pub keywords: Vec<Term>,
    pub authors: Vec<Term>,
    /// Lowercase category ids or archives (`cs.ar`, `cs`).
    pub categories: Vec<String>,
}

pub fn topic_terms(topic: &Topic) -> Terms {
    let mut raw = RawTerms::default();
    match &topic.query {
        Some(query) => read_query(query, &mut raw),
        None => {
            raw.keywords.extend(topic.keywords.iter().cloned());
            raw.authors.extend(topic.authors.iter().cloned());
            raw.categories.extend(topic.categories.iter().cloned());
        }
    }
    Terms {
        keywords: without_plural_twins(prepared(raw.keywords)),
        authors: prepared(raw.authors),
        categories: unique_lowercase(raw.categories),
    }
}

#[derive(Default)]
struct RawTerms {
    keywords: Vec<String>,
    authors: Vec<String>,
    categories: Vec<String>,
}

/// Phrases as words, dropping blank ones and repeats.
fn prepared(phrases: Vec<String>) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::with_capacity(phrases.len());
    for text in phrases {
        let words = lowercase_words(&text);
        if !words.is_empty() && !terms.iter().any(|term| term.words == words) {
            terms.push(Term {
                text: text.trim().to_owned(),
                words,
            });
        }
    }
    terms
}

/// A keyword that is another's plural ("NPUs" next to "NPU") already
/// matches wherever the singular does, so counting it too would score one
/// mention twice.
fn without_plural_twins(terms: Vec<Term>) -> Vec<Term> {
    let is_plural_of = |plural: &Term, singular: &Term| {
        plural.words.len() == singular.words.len()
            && plural
                .words
                .iter()
                .zip(&singular.words)
                .all(|(p, s)| p == s || ["s", "es"].iter().any(|end| *p == format!("{s}{end}")))
            && plural.words != singular.words
    };
    terms
        .iter()
        .filter(|term| !terms.iter().any(|other| is_plural_of(term, other)))
        .cloned()
        .collect()
}

fn unique_lowercase(categories: Vec<String>) -> Vec<String> {
    let mut unique: Vec<String> = Vec::new();
    for category in categories {
        let category = category.trim().to_ascii_lowercase();
        if !category.is_empty() && !unique.contains(&category) {
            unique.push(category);
        }
    }
    unique
}

/// Collects the terms of an arXiv search_query (already checked for
/// balanced quotes and parentheses by config validation).
fn read_query(query: &str, raw: &mut RawTerms) {
    let tokens = query_tokens(query);
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "ANDNOT" => i = skip_operand(&tokens, i + 1),
            "AND" | "OR" | "(" | ")" => i += 1,
            term => {
                add_term(term, raw);
                i += 1;
            }
        }
    }
}

/// The index after the operand starting at `i`: one term, or a whole
/// parenthesised group.
fn skip_operand(tokens: &[&str], i: usize) -> usize {
    if tokens.get(i) != Some(&"(") {
        return i + 1;
    }
    let mut depth = 0usize;
    for (offset, token) in tokens[i..].iter().enumerate() {
        match *token {
            "(" => depth += 1,
            ")" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + offset + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Parentheses, and terms running to whitespace or a parenthesis, where a
/// quoted part (`ti:"edge device"`) keeps its spaces and parentheses.
fn query_tokens(query: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in query.char_indices() {
        if quoted {
            quoted = c != '"';
            continue;
        }
        match c {
            '"' => {
                start.get_or_insert(i);
                quoted = true;
            }
            '(' | ')' => {
                if let Some(s) = start.take() {
                    tokens.push(&query[s..i]);
                }
                tokens.push(&query[i..i + 1]);
            }
            c if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    tokens.push(&query[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        tokens.push(&query[s..]);
    }
    tokens
}

fn add_term(term: &str, raw: &mut RawTerms) {
    let (prefix, value) = match term.split_once(':') {
        Some((prefix, value)) if !prefix.contains('"') => (prefix.to_ascii_lowercase(), value),
        _ => (String::from("all"), term),
    };
    let value = value.trim_matches('"').to_owned();
    match prefix.as_str() {
        "ti" | "abs" | "all" => raw.keywords.push(value),
        "au" => raw.authors.push(value.replace('_', " ")),
        "cat" => raw.categories.push(value),
        // co:, jr:, rn:, id: say nothing a paper's text is scored on.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(keywords: &[&str], authors: &[&str], categories: &[&str]) -> Topic {
        let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        Topic {
            name: "t".into(),
            title: "T".into(),
            keywords: strings(keywords),
            categories: strings(categories),
            authors: strings(authors),
            exclude: vec!["quantum".into()],
            query: None,
        }
    }

    fn raw(query: &str) -> Topic {
        Topic {
            query: Some(query.into()),
            ..listed(&[], &[], &[])
        }
    }

    fn texts(terms: &[Term]) -> Vec<&str> {
        terms.iter().map(|term| term.text.as_str()).collect()
    }

    #[test]
    fn lists_become_terms_with_plural_twins_and_repeats_dropped() {
        let terms = topic_terms(&listed(
            &[
                "NPU",
                "NPUs",
                "neural processing unit",
                "Neural Processing Units",
                "npu",
                " ",
            ],
            &["Song Han"],
            &["cs.AR", "CS.ar", "cs"],
        ));
        assert_eq!(texts(&terms.keywords), ["NPU", "neural processing unit"]);
        assert_eq!(terms.keywords[1].words, ["neural", "processing", "unit"]);
        assert_eq!(texts(&terms.authors), ["Song Han"]);
        assert_eq!(terms.categories, ["cs.ar", "cs"]);
    }

    #[test]
    fn a_raw_query_gives_its_terms_but_not_what_follows_andnot() {
        let terms = topic_terms(&raw(
            r#"(((ti:"on-device" OR abs:"edge devices" OR abs:LLM OR abs:LLMs OR transformer)
               AND (cat:cs.LG OR cat:cs.AR) AND au:Han_Song AND co:ICML)
              ANDNOT (abs:"GUI agent" OR abs:"GUI agents")) ANDNOT ti:survey"#,
        ));
        assert_eq!(
            texts(&terms.keywords),
            ["on-device", "edge devices", "LLM", "transformer"]
        );
        assert_eq!(texts(&terms.authors), ["Han Song"]);
        assert_eq!(terms.categories, ["cs.lg", "cs.ar"]);
    }

    #[test]
    fn query_tokens_keep_quoted_parts_whole() {
        assert_eq!(
            query_tokens(r#"(ti:"a (b) c" OR abs:x)AND y"#),
            ["(", r#"ti:"a (b) c""#, "OR", "abs:x", ")", "AND", "y"]
        );
    }
}
