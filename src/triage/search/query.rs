//! The `papers search` query language.
//!
//! - `word`: must occur in the title, abstract, authors or comment;
//!   `on-device` (a word with punctuation inside) is the phrase `on device`
//! - `"a phrase"`: those words, one after the other, within one field
//! - `ti:`, `abs:`, `au:` before a word or quoted phrase: only in the
//!   title, abstract or author names
//! - `cat:cs.AR`: listed in that category (`cat:cs`: the whole archive)
//! - `-` before any of these: papers matching it are left out
//!
//! Every term without `-` must match. Words are compared ignoring case, and
//! a word also finds its plural (see `crate::triage::words`).

use crate::model::ids;
use crate::triage::words::lowercase_words;

/// A parsed query: every positive clause must match, no negative one may.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub kind: ClauseKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClauseKind {
    /// Lowercase words, one after the other (one word: a plain term), in
    /// `field` or, with None, in any field.
    Text {
        field: Option<Field>,
        words: Vec<String>,
    },
    /// A lowercase category id or archive.
    Category(String),
}

/// The searchable text of a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Abstract,
    Authors,
    Comment,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::Title,
        Field::Abstract,
        Field::Authors,
        Field::Comment,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

impl ClauseKind {
    /// Whether this clause looks for its words in `field`.
    pub fn searches(&self, field: Field) -> bool {
        match self {
            ClauseKind::Text { field: None, .. } => true,
            ClauseKind::Text { field: Some(f), .. } => *f == field,
            ClauseKind::Category(_) => false,
        }
    }
}

/// More terms than anyone types; the search tracks terms as bits of a u64.
pub const MAX_TERMS: usize = 64;

/// Parses the query; an error is a short reason for a one-line message.
pub fn parse(text: &str) -> Result<Query, String> {
    let mut clauses = Vec::new();
    let mut rest = Cursor { text, position: 0 };
    while rest.skip_whitespace() {
        clauses.push(rest.clause()?);
    }
    if clauses.is_empty() {
        return Err("the query is empty: give words to search for".into());
    }
    if clauses.len() > MAX_TERMS {
        return Err(format!(
            "the query has {} terms; at most {MAX_TERMS} are allowed",
            clauses.len()
        ));
    }
    Ok(Query { clauses })
}

struct Cursor<'a> {
    text: &'a str,
    position: usize,
}

/// What a field prefix selects.
enum Prefix {
    Text(Field),
    Category,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.position..]
    }

    /// Skips whitespace; false at the end of the text.
    fn skip_whitespace(&mut self) -> bool {
        let rest = self.rest();
        self.position += rest.len() - rest.trim_start().len();
        self.position < self.text.len()
    }

    /// 1-based character position of the cursor, for error messages.
    fn column(&self) -> usize {
        self.text[..self.position].chars().count() + 1
    }

    fn clause(&mut self) -> Result<Clause, String> {
        let negated = self.rest().starts_with('-');
        if negated {
            self.position += 1;
            if self.rest().is_empty() || self.rest().starts_with(char::is_whitespace) {
                return Err(format!(
                    "'-' at character {} must be followed by what to exclude",
                    self.column() - 1
                ));
            }
        }
        let prefix = self.prefix()?;
        let (value, quoted) = self.value(prefix.as_ref().map(|(name, _)| *name))?;
        let kind = match prefix {
            Some((_, Prefix::Category)) => category(value)?,
            Some((_, Prefix::Text(field))) => text_clause(Some(field), value)?,
            None => {
                if !quoted && !negated && matches!(value, "AND" | "OR" | "NOT") {
                    return Err(format!(
                        "'{value}' is not an operator here: every word must match anyway, \
                         and -word excludes"
                    ));
                }
                text_clause(None, value)?
            }
        };
        Ok(Clause { negated, kind })
    }

    /// `ti:`, `abs:`, `au:`, `cat:` (any case), consumed; None when the term
    /// has no prefix. Letters then a colon that are none of these are an
    /// error, since they would otherwise be searched as words by surprise.
    fn prefix(&mut self) -> Result<Option<(&'a str, Prefix)>, String> {
        let rest = self.rest();
        let letters = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        if letters == 0 || !rest[letters..].starts_with(':') {
            return Ok(None);
        }
        let name = &rest[..letters + 1];
        let prefix = match name.to_ascii_lowercase().as_str() {
            "ti:" => Prefix::Text(Field::Title),
            "abs:" => Prefix::Text(Field::Abstract),
            "au:" => Prefix::Text(Field::Authors),
            "cat:" => Prefix::Category,
            _ => {
                let term = rest.split(char::is_whitespace).next().unwrap_or(name);
                return Err(format!(
                    "unknown field '{name}' in '{term}' (known: ti:, abs:, au:, cat:); \
                     to search for the text, put it in quotes: '\"{term}\"'"
                ));
            }
        };
        self.position += name.len();
        if self.rest().is_empty() || self.rest().starts_with(char::is_whitespace) {
            return Err(format!(
                "'{name}' needs a word or a quoted phrase right after it"
            ));
        }
        Ok(Some((name, prefix)))
    }

    /// A quoted phrase (without its quotes) or a word running to the next
    /// whitespace; whether it was quoted.
    fn value(&mut self, prefix: Option<&str>) -> Result<(&'a str, bool), String> {
        let rest = self.rest();
        if let Some(inner) = rest.strip_prefix('"') {
            let Some(end) = inner.find('"') else {
                return Err(format!(
                    "unbalanced quote: the '\"' at character {} is never closed",
                    self.column()
                ));
            };
            self.position += end + 2;
            return Ok((&inner[..end], true));
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.contains('"') {
            return Err(format!(
                "unexpected '\"' inside '{}{word}': a quoted phrase starts with its quote",
                prefix.unwrap_or("")
            ));
        }
        self.position += end;
        Ok((word, false))
    }
}

fn text_clause(field: Option<Field>, value: &str) -> Result<ClauseKind, String> {
    let words = lowercase_words(value);
    if words.is_empty() {
        return Err(format!("'{value}' has no letters or digits to search for"));
    }
    Ok(ClauseKind::Text { field, words })
}

fn category(value: &str) -> Result<ClauseKind, String> {
    let id = value.trim();
    // Typed by hand, so the archive's case is forgiven (`CS.AR`); the grammar
    // is the one the feed and the config use.
    let archive_lowercased = match id.split_once('.') {
        Some((archive, subject)) => format!("{}.{subject}", archive.to_ascii_lowercase()),
        None => id.to_ascii_lowercase(),
    };
    if !ids::is_category(&archive_lowercased) {
        return Err(format!(
            "'cat:{value}' is not a category: give one such as cs.AR, or an archive such as cs"
        ));
    }
    Ok(ClauseKind::Category(id.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(negated: bool, field: Option<Field>, words: &[&str]) -> Clause {
        Clause {
            negated,
            kind: ClauseKind::Text {
                field,
                words: words.iter().map(|w| w.to_string()).collect(),
            },
        }
    }

    fn clauses(query: &str) -> Vec<Clause> {
        parse(query)
            .unwrap_or_else(|err| panic!("{query}: {err}"))
            .clauses
    }

    fn error(query: &str) -> String {
        parse(query).expect_err(query)
    }

    #[test]
    fn bare_words_search_every_field() {
        assert_eq!(
            clauses("  NPU  Inference "),
            [
                text(false, None, &["npu"]),
                text(false, None, &["inference"])
            ]
        );
    }

    #[test]
    fn quoted_phrases_and_punctuated_words_become_phrases() {
        assert_eq!(
            clauses(r#""Neural Processing Unit" on-device"#),
            [
                text(false, None, &["neural", "processing", "unit"]),
                text(false, None, &["on", "device"])
            ]
        );
    }

    #[test]
    fn prefixes_apply_to_the_next_word_or_phrase() {
        assert_eq!(
            clauses(r#"ti:npu AU:"Song Han" abs:sparse cat:cs.AR npu"#),
            [
                text(false, Some(Field::Title), &["npu"]),
                text(false, Some(Field::Authors), &["song", "han"]),
                text(false, Some(Field::Abstract), &["sparse"]),
                Clause {
                    negated: false,
                    kind: ClauseKind::Category("cs.ar".into())
                },
                text(false, None, &["npu"]),
            ]
        );
    }

    #[test]
    fn a_minus_excludes_a_word_phrase_or_prefixed_term() {
        assert_eq!(
            clauses(r#"npu -quantum -"graph neural" -au:smith -cat:cs"#),
            [
                text(false, None, &["npu"]),
                text(true, None, &["quantum"]),
                text(true, None, &["graph", "neural"]),
                text(true, Some(Field::Authors), &["smith"]),
                Clause {
                    negated: true,
                    kind: ClauseKind::Category("cs".into())
                },
            ]
        );
    }

    #[test]
    fn unicode_words_are_lowercased() {
        assert_eq!(
            clauses("au:GÖDEL"),
            [text(false, Some(Field::Authors), &["gödel"])]
        );
    }

    #[test]
    fn mistakes_are_one_line_reasons() {
        assert_eq!(error(""), "the query is empty: give words to search for");
        assert_eq!(error("   "), "the query is empty: give words to search for");
        assert_eq!(
            error(r#"npu "neural processing"#),
            "unbalanced quote: the '\"' at character 5 is never closed"
        );
        assert!(error("xx:npu").starts_with("unknown field 'xx:' in 'xx:npu'"));
        assert!(error("npu ti: x").contains("'ti:' needs a word"));
        assert!(error("npu -").contains("'-' at character 5 must be followed"));
        assert!(error("-- npu").contains("has no letters or digits"));
        assert!(error(r#"ab"cd ef""#).contains("unexpected '\"'"));
        assert!(error("cat:cs/AR").contains("not a category"));
        assert!(error("npu OR tpu").contains("'OR' is not an operator"));
        assert_eq!(
            error(&"w ".repeat(65)),
            "the query has 65 terms; at most 64 are allowed"
        );
        assert_eq!(clauses(&"w ".repeat(64)).len(), 64);
        for err in [error(""), error("xx:npu"), error("\"open")] {
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }

    #[test]
    fn quoting_makes_operators_and_prefixes_plain_text() {
        assert_eq!(
            clauses(r#""OR" "xx:npu""#),
            [
                text(false, None, &["or"]),
                text(false, None, &["xx", "npu"])
            ]
        );
        assert_eq!(clauses("or"), [text(false, None, &["or"])]);
    }
}
