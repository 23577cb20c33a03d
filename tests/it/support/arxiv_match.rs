//! A local stand-in for arXiv's search matching, so the loopback stub can
//! answer a topic's `search_query` with exactly the held papers arXiv would
//! return.
//!
//! What it reproduces (the current arXiv search service, as observed):
//! - fields `ti`, `abs`, `au`, `cat`, `co`, `jr` and `all`; a bare word is
//!   searched in `all`, as arXiv's query rewriter does;
//! - uppercase `AND`, `OR`, `ANDNOT` and parentheses, AND binding tighter
//!   than OR; two terms with no operator between them are OR'ed (arXiv's
//!   rewriter inserts OR);
//! - text is lowercased, split at every non-alphanumeric character (so a
//!   hyphen splits words), common English stop words dropped, and each word
//!   Porter-stemmed: `abs:LLM` finds "LLMs";
//! - a quoted phrase is an AND of its stemmed words in any order within the
//!   field: `abs:"edge inference"` finds "inference at the edge";
//! - `au:` is not stemmed, `_` stands for a space, and all words must occur
//!   in one author's name; `cat:` matches any listed category (cross-lists
//!   included), exactly; a trailing `*` is a prefix match on unstemmed words.
//!
//! Dates, `id:`, `rn:` and relevance ranking are left out: topics do not use
//! them.

use std::collections::HashSet;

/// The searchable fields of one paper.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub title: String,
    pub summary: String,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub comment: String,
    pub journal_ref: String,
}

/// A search field prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Abstract,
    Author,
    Category,
    Comment,
    JournalRef,
    All,
}

impl Field {
    fn from_prefix(prefix: &str) -> Option<Field> {
        Some(match prefix {
            "ti" => Field::Title,
            "abs" => Field::Abstract,
            "au" => Field::Author,
            "cat" => Field::Category,
            "co" => Field::Comment,
            "jr" => Field::JournalRef,
            "all" => Field::All,
            _ => return None,
        })
    }
}

/// A parsed search_query.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    Term { field: Field, text: String },
    And(Box<Query>, Box<Query>),
    Or(Box<Query>, Box<Query>),
    AndNot(Box<Query>, Box<Query>),
}

/// Whether `record` matches `query`; Err names what in the query cannot be parsed.
pub fn query_matches(query: &str, record: &Record) -> Result<bool, String> {
    Ok(parse(query)?.matches(record))
}

/// Parses a search_query. Err is one line naming the problem and the
/// character position where it was found.
pub fn parse(query: &str) -> Result<Query, String> {
    let tokens = tokenize(query)?;
    let mut parser = Parser { tokens, next: 0 };
    let parsed = parser.or_group()?;
    match parser.tokens.get(parser.next) {
        None => Ok(parsed),
        Some((position, token)) => Err(format!(
            "unexpected {token:?} at character {position} in {query:?}"
        )),
    }
}

impl Query {
    pub fn matches(&self, record: &Record) -> bool {
        match self {
            Query::Term { field, text } => term_matches(*field, text, record),
            Query::And(left, right) => left.matches(record) && right.matches(record),
            Query::Or(left, right) => left.matches(record) || right.matches(record),
            Query::AndNot(left, right) => left.matches(record) && !right.matches(record),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    AndNot,
    Term(Field, String),
}

/// Splits a query into tokens, each with its 1-based character position.
fn tokenize(query: &str) -> Result<Vec<(usize, Token)>, String> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let position = i + 1;
        if c == '(' || c == ')' {
            tokens.push((position, if c == '(' { Token::Open } else { Token::Close }));
            i += 1;
            continue;
        }
        let start = i;
        let mut quoted = false;
        while i < chars.len() {
            match chars[i] {
                '"' => quoted = !quoted,
                ch if !quoted && (ch.is_whitespace() || ch == '(' || ch == ')') => break,
                _ => {}
            }
            i += 1;
        }
        if quoted {
            return Err(format!("unclosed '\"' in the term at character {position}"));
        }
        let word: String = chars[start..i].iter().collect();
        let token = match word.as_str() {
            "AND" => Token::And,
            "OR" => Token::Or,
            "ANDNOT" => Token::AndNot,
            _ => term_token(&word, position)?,
        };
        tokens.push((position, token));
    }
    Ok(tokens)
}

fn term_token(word: &str, position: usize) -> Result<Token, String> {
    let (field, text) = match word.split_once(':') {
        Some((prefix, text)) if !prefix.contains('"') => {
            let field = Field::from_prefix(prefix).ok_or_else(|| {
                format!("unknown field prefix {prefix:?} at character {position}")
            })?;
            (field, text)
        }
        _ => (Field::All, word),
    };
    let text = text.trim_matches('"');
    if text.trim().is_empty() {
        return Err(format!("empty term at character {position}"));
    }
    Ok(Token::Term(field, text.to_string()))
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    next: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(_, token)| token)
    }

    /// `and_group (OR and_group)*`; a missing operator counts as OR.
    fn or_group(&mut self) -> Result<Query, String> {
        let mut left = self.and_group()?;
        loop {
            match self.peek() {
                Some(Token::Or) => self.next += 1,
                Some(Token::Open | Token::Term(..)) => {}
                _ => return Ok(left),
            }
            let right = self.and_group()?;
            left = Query::Or(Box::new(left), Box::new(right));
        }
    }

    /// `operand ((AND | ANDNOT) operand)*`: AND binds tighter than OR.
    fn and_group(&mut self) -> Result<Query, String> {
        let mut left = self.operand()?;
        loop {
            let and_not = match self.peek() {
                Some(Token::And) => false,
                Some(Token::AndNot) => true,
                _ => return Ok(left),
            };
            self.next += 1;
            let right = Box::new(self.operand()?);
            left = if and_not {
                Query::AndNot(Box::new(left), right)
            } else {
                Query::And(Box::new(left), right)
            };
        }
    }

    fn operand(&mut self) -> Result<Query, String> {
        let Some((position, token)) = self.tokens.get(self.next).cloned() else {
            return Err("the query ends where a term or '(' was expected".into());
        };
        self.next += 1;
        match token {
            Token::Term(field, text) => Ok(Query::Term { field, text }),
            Token::Open => {
                let inner = self.or_group()?;
                match self.peek() {
                    Some(Token::Close) => {
                        self.next += 1;
                        Ok(inner)
                    }
                    _ => Err(format!("'(' at character {position} is never closed")),
                }
            }
            other => Err(format!(
                "expected a term or '(' at character {position}, found {other:?}"
            )),
        }
    }
}

fn term_matches(field: Field, text: &str, record: &Record) -> bool {
    match field {
        Field::Category => record
            .categories
            .iter()
            .any(|category| category.eq_ignore_ascii_case(text.trim())),
        Field::Author => author_matches(text, &record.authors),
        Field::Title => text_matches(text, &[&record.title]),
        Field::Abstract => text_matches(text, &[&record.summary]),
        Field::Comment => text_matches(text, &[&record.comment]),
        Field::JournalRef => text_matches(text, &[&record.journal_ref]),
        Field::All => {
            let mut fields: Vec<&str> = vec![
                &record.title,
                &record.summary,
                &record.comment,
                &record.journal_ref,
            ];
            fields.extend(record.authors.iter().map(String::as_str));
            fields.extend(record.categories.iter().map(String::as_str));
            text_matches(text, &fields)
        }
    }
}

/// Every word of `phrase` occurs, stemmed, somewhere in `fields` (in any
/// order); a word ending in `*` matches any unstemmed word it starts.
fn text_matches(phrase: &str, fields: &[&str]) -> bool {
    let words: Vec<String> = fields.iter().flat_map(|field| words_of(field)).collect();
    let stems: HashSet<String> = words.iter().map(|word| stem(word)).collect();
    let mut wanted = 0;
    for raw in phrase.split_whitespace() {
        if let Some(prefix) = raw.strip_suffix('*') {
            let prefix = prefix.to_lowercase();
            wanted += 1;
            if !words.iter().any(|word| word.starts_with(&prefix)) {
                return false;
            }
            continue;
        }
        for word in words_of(raw) {
            wanted += 1;
            if !stems.contains(&stem(&word)) {
                return false;
            }
        }
    }
    // A phrase of stop words only finds nothing, as on arXiv.
    wanted > 0
}

fn author_matches(query: &str, authors: &[String]) -> bool {
    let wanted: Vec<String> = split_lowercase(&query.replace('_', " ")).collect();
    !wanted.is_empty()
        && authors.iter().any(|author| {
            let names: HashSet<String> = split_lowercase(author).collect();
            wanted.iter().all(|word| names.contains(word))
        })
}

fn split_lowercase(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// Lowercased words of `text` without stop words.
fn words_of(text: &str) -> Vec<String> {
    split_lowercase(text)
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .collect()
}

/// The stop-word list of Lucene's English analyzer, which arXiv's
/// Elasticsearch index is built on.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Porter's (1980) stemmer for lowercase ASCII words; other words are
/// returned unchanged.
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w: Vec<u8> = word.as_bytes().to_vec();
    step1a(&mut w);
    step1b(&mut w);
    step1c(&mut w);
    replace_suffix(&mut w, STEP2, 0);
    replace_suffix(&mut w, STEP3, 0);
    step4(&mut w);
    step5(&mut w);
    // Only ASCII bytes were ever pushed, so this cannot fail.
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Porter's m: the number of vowel-consonant sequences in `w`.
fn measure(w: &[u8]) -> usize {
    let mut count = 0;
    let mut previous_vowel = false;
    for i in 0..w.len() {
        let vowel = !is_consonant(w, i);
        if previous_vowel && !vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    count
}

fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !is_consonant(w, i))
}

fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// consonant-vowel-consonant at the end, the last not w, x or y.
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

fn step1a(w: &mut Vec<u8>) {
    if w.ends_with(b"sses") || w.ends_with(b"ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"s") && !w.ends_with(b"ss") {
        w.pop();
    }
}

fn step1b(w: &mut Vec<u8>) {
    if w.ends_with(b"eed") {
        if measure(&w[..w.len() - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let suffix = if w.ends_with(b"ed") {
        2
    } else if w.ends_with(b"ing") {
        3
    } else {
        return;
    };
    if !has_vowel(&w[..w.len() - suffix]) {
        return;
    }
    w.truncate(w.len() - suffix);
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        w.push(b'e');
    } else if ends_double_consonant(w) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
        w.pop();
    } else if measure(w) == 1 && ends_cvc(w) {
        w.push(b'e');
    }
}

fn step1c(w: &mut [u8]) {
    let n = w.len();
    if w.ends_with(b"y") && has_vowel(&w[..n - 1]) {
        w[n - 1] = b'i';
    }
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
];

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

/// Replaces the longest listed suffix when the stem before it has m > `min_measure`.
fn replace_suffix(w: &mut Vec<u8>, rules: &[(&str, &str)], min_measure: usize) {
    let longest = rules
        .iter()
        .filter(|(suffix, _)| w.ends_with(suffix.as_bytes()))
        .max_by_key(|(suffix, _)| suffix.len());
    if let Some((suffix, replacement)) = longest {
        let stem_len = w.len() - suffix.len();
        if measure(&w[..stem_len]) > min_measure {
            w.truncate(stem_len);
            w.extend_from_slice(replacement.as_bytes());
        }
    }
}

const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
];

fn step4(w: &mut Vec<u8>) {
    let Some(suffix) = STEP4
        .iter()
        .filter(|suffix| w.ends_with(suffix.as_bytes()))
        .max_by_key(|suffix| suffix.len())
    else {
        return;
    };
    let stem_len = w.len() - suffix.len();
    let stem = &w[..stem_len];
    let ion_allowed = *suffix != "ion" || matches!(stem.last(), Some(b's' | b't'));
    if measure(stem) > 1 && ion_allowed {
        w.truncate(stem_len);
    }
}

fn step5(w: &mut Vec<u8>) {
    if w.ends_with(b"e") {
        let stem = &w[..w.len() - 1];
        let m = measure(stem);
        if m > 1 || (m == 1 && !ends_cvc(stem)) {
            w.pop();
        }
    }
    if measure(w) > 1 && ends_double_consonant(w) && w.ends_with(b"l") {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(title: &str, summary: &str) -> Record {
        Record {
            title: title.into(),
            summary: summary.into(),
            authors: vec!["Luca Del Maestro".into(), "Ada Lovelace".into()],
            categories: vec!["cs.CL".into(), "cs.LG".into()],
            ..Record::default()
        }
    }

    fn hit(query: &str, record: &Record) -> bool {
        query_matches(query, record).unwrap()
    }

    #[test]
    fn porter_stems_match_the_published_examples() {
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("digitizer", "digit"),
            ("hopefulness", "hope"),
            ("generalization", "gener"),
            ("adjustment", "adjust"),
            ("adoption", "adopt"),
            ("controlling", "control"),
            ("speculative", "specul"),
            ("speculation", "specul"),
            ("decoding", "decod"),
            ("decoder", "decod"),
            ("caches", "cach"),
            ("caching", "cach"),
            ("llms", "llm"),
            ("kv", "kv"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn stemming_folds_plurals_and_inflections() {
        let p = paper("Serving LLMs", "We cache keys on smartphones.");
        assert!(hit("ti:LLM", &p));
        assert!(hit("abs:smartphone", &p));
        assert!(hit("abs:caching", &p));
        assert!(!hit("abs:phone", &p));
    }

    #[test]
    fn phrases_are_unordered_and_of_their_words() {
        let p = paper("T", "Inference at the edge, on device, for models.");
        assert!(hit(r#"abs:"edge inference""#, &p));
        assert!(hit(r#"abs:"on-device""#, &p));
        assert!(!hit(r#"abs:"edge training""#, &p));
        // The words must all be in the one field asked for.
        assert!(!hit(r#"ti:"edge inference""#, &p));
    }

    #[test]
    fn hyphens_split_words() {
        let p = paper("T", "A mixture of experts with key-value caching.");
        assert!(hit(r#"abs:"mixture-of-experts""#, &p));
        assert!(hit(r#"abs:"KV cache" OR abs:"key value cache""#, &p));
        assert!(!hit(r#"abs:"KV cache""#, &p));
    }

    #[test]
    fn operators_precedence_and_grouping() {
        let p = paper("Alpha", "beta gamma");
        assert!(hit("ti:alpha AND abs:beta", &p));
        assert!(!hit("ti:alpha AND abs:delta", &p));
        assert!(hit("ti:alpha ANDNOT abs:delta", &p));
        assert!(!hit("ti:alpha ANDNOT abs:beta", &p));
        // AND binds tighter: delta OR (alpha AND beta).
        assert!(hit("abs:delta OR ti:alpha AND abs:beta", &p));
        assert!(!hit("(abs:delta OR ti:alpha) AND abs:omega", &p));
        // No operator means OR, as arXiv's rewriter does.
        assert!(hit("abs:delta abs:gamma", &p));
        // Lowercase "and" is a search word, not an operator: with AND this
        // would need delta too.
        assert!(hit("abs:delta and abs:gamma", &p));
    }

    #[test]
    fn authors_categories_and_all() {
        let p = paper("Alpha", "beta");
        assert!(hit("au:del_maestro", &p));
        assert!(hit(r#"au:"Ada Lovelace""#, &p));
        assert!(!hit("au:maestros", &p), "au: is not stemmed");
        assert!(
            !hit(r#"au:"Ada Maestro""#, &p),
            "one author must hold all words"
        );
        assert!(hit("cat:cs.LG", &p));
        assert!(!hit("cat:cs.AR", &p));
        assert!(hit("all:lovelace AND all:beta", &p));
        assert!(hit("alpha", &p), "a bare word is searched in all");
    }

    #[test]
    fn prefix_wildcards_and_stop_words() {
        let p = paper("Attention sinks", "of the");
        assert!(hit("ti:atten*", &p));
        assert!(!hit("ti:attx*", &p));
        assert!(!hit(r#"abs:"of the""#, &p), "stop words alone find nothing");
    }

    #[test]
    fn malformed_queries_are_errors_naming_the_place() {
        assert_eq!(
            parse("(ti:a OR ti:b").unwrap_err(),
            "'(' at character 1 is never closed"
        );
        assert_eq!(
            parse("ti:a )").unwrap_err(),
            r#"unexpected Close at character 6 in "ti:a )""#
        );
        assert_eq!(
            parse(r#"abs:"open"#).unwrap_err(),
            "unclosed '\"' in the term at character 1"
        );
        assert_eq!(
            parse("xx:a").unwrap_err(),
            "unknown field prefix \"xx\" at character 1"
        );
        assert_eq!(
            parse("ti:a AND").unwrap_err(),
            "the query ends where a term or '(' was expected"
        );
    }
}
