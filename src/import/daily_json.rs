//! The JSON file cv-arxiv-daily keeps: `{topic: {key: row}}`, where the key is
//! the paper's id (sometimes with a version) and the row is the Markdown
//! table row the page shows, `|**date**|**title**|authors|[id](link)|code|`.
//!
//! serde_json checks the syntax and decodes strings; it keeps no positions,
//! so a second, lexical pass finds the line of each paper key. Both passes
//! walk the keys in document order, so the n-th key of one is the n-th of
//! the other.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::{Collector, ImportError, one_line};
use crate::model::ids::{find_ids_in_text, parse_user_id};

pub(super) fn parse(text: &str, collector: &mut Collector) -> Result<(), ImportError> {
    let topics: Topics = serde_json::from_str(text).map_err(syntax_error)?;
    let key_lines = paper_key_lines(text);
    let papers = topics.0.into_iter().flat_map(|topic| topic.0);
    for (index, (key, row)) in papers.enumerate() {
        // Only a decoder/lexer disagreement could leave a key without a line.
        let line = key_lines.get(index).copied().unwrap_or(1);
        let row = row.as_str().unwrap_or_default();
        match id_of(&key, row) {
            Some(id) => collector.found(id, line),
            None => collector.skipped(line, title_of(row).unwrap_or(key)),
        }
    }
    Ok(())
}

/// The key when it is an id, else the first arXiv link in the row.
fn id_of(key: &str, row: &str) -> Option<String> {
    parse_user_id(key)
        .ok()
        .or_else(|| find_ids_in_text(row).into_iter().next())
        .map(|(id, _version)| id)
}

/// The row's second cell, `**Title**`, without the bold markers.
fn title_of(row: &str) -> Option<String> {
    let title = row.trim().trim_start_matches('|').split('|').nth(1)?;
    let title = one_line(title.trim().trim_matches('*'));
    (!title.is_empty()).then_some(title)
}

/// serde_json's message ends in `at line L column C`; the line moves to the
/// front like every import error, the column stays as a hint.
fn syntax_error(error: serde_json::Error) -> ImportError {
    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(what, _where)| what);
    ImportError {
        line: error.line().max(1),
        message: format!("{message} (column {})", error.column()),
    }
}

/// Lines of the keys two objects deep (the paper keys), in document order.
/// A string is a key when the next thing after it is `:`.
fn paper_key_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut depth = 0usize;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            '"' => {
                let start_line = line;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        // JSON strings cannot hold a raw newline, but count it anyway.
                        '\n' => line += 1,
                        _ => {}
                    }
                }
                // A newline between a key and its colon is legal JSON.
                while let Some(c) = chars.next_if(|c| c.is_whitespace()) {
                    if c == '\n' {
                        line += 1;
                    }
                }
                if depth == 2 && chars.peek() == Some(&':') {
                    lines.push(start_line);
                }
            }
            _ => {}
        }
    }
    lines
}

/// The whole file: topics in file order.
struct Topics(Vec<Topic>);
/// One topic's papers in file order: key and row.
struct Topic(Vec<(String, Value)>);

const EXPECTED_TOPICS: &str = "an object of topics, each an object of papers keyed by arXiv id";

impl<'de> Deserialize<'de> for Topics {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopicsVisitor;
        impl<'de> Visitor<'de> for TopicsVisitor {
            type Value = Topics;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED_TOPICS)
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Topics, M::Error> {
                let mut topics = Vec::new();
                while let Some((_name, topic)) = map.next_entry::<String, Topic>()? {
                    topics.push(topic);
                }
                Ok(Topics(topics))
            }
        }
        deserializer.deserialize_map(TopicsVisitor)
    }
}

impl<'de> Deserialize<'de> for Topic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopicVisitor;
        impl<'de> Visitor<'de> for TopicVisitor {
            type Value = Topic;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a topic: an object of papers keyed by arXiv id")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Topic, M::Error> {
                let mut papers = Vec::new();
                while let Some(paper) = map.next_entry::<String, Value>()? {
                    papers.push(paper);
                }
                Ok(Topic(papers))
            }
        }
        deserializer.deserialize_map(TopicVisitor)
    }
}
