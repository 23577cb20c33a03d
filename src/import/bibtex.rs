//! BibTeX and biblatex files as reference managers export them.
//!
//! A small tolerant scanner rather than a full BibTeX parser: it needs only
//! entry types, keys and raw field text, with the line each entry starts on.
//! Text outside entries is ignored (BibTeX treats it as a comment), so is an
//! `@` not followed by `type{` (an e-mail address). `@comment`, `@string` and
//! `@preamble` are skipped whole; `@string` macros are not expanded, since
//! exports spell arXiv ids out literally.

use super::{Collector, ImportError, one_line};
use crate::model::ids::{find_ids_in_text, parse_user_id};

/// Fields that hold an id and nothing else.
const ID_FIELDS: [&str; 2] = ["arxivid", "arxiv"];
/// Fields where an id appears as a link or `arXiv:...` inside other text,
/// most specific first. `abstract`, `file` and `annote` are left out: they
/// may mention other papers.
const TEXT_FIELDS: [&str; 8] = [
    "doi",
    "url",
    "howpublished",
    "journal",
    "journaltitle",
    "booktitle",
    "note",
    "number",
];

pub(super) fn parse(text: &str, collector: &mut Collector) -> Result<(), ImportError> {
    let mut scanner = Scanner::new(text);
    while let Some(entry) = scanner.next_entry()? {
        match arxiv_id_of(&entry.fields) {
            Some(id) => collector.found(id, entry.line),
            None => collector.skipped(entry.line, entry.label()),
        }
    }
    Ok(())
}

/// True when some line starts an entry: `@type{` or `@type(`.
pub(super) fn has_entry(text: &str) -> bool {
    text.lines()
        .any(|line| starts_with_entry(line.trim_start()))
}

/// `@type{` or `@type(`, whitespace allowed before the delimiter.
fn starts_with_entry(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('@') else {
        return false;
    };
    let after_type = rest.trim_start_matches(is_type_char);
    after_type.len() < rest.len() && after_type.trim_start().starts_with(['{', '('])
}

/// The entry's arXiv id: `eprint` unless its archive prefix names another
/// archive, then id-only fields, then links and `arXiv:` mentions.
fn arxiv_id_of(fields: &[(String, String)]) -> Option<String> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(field_name, _)| field_name == name)
            .map(|(_, value)| value.as_str())
    };
    let archive = field("archiveprefix").or_else(|| field("eprinttype"));
    let eprint =
        field("eprint").filter(|_| archive.is_none_or(|a| a.eq_ignore_ascii_case("arxiv")));
    let whole_value_ids = eprint
        .into_iter()
        .chain(ID_FIELDS.iter().filter_map(|name| field(name)))
        .filter_map(|value| parse_user_id(value).ok());
    let mentioned_ids = TEXT_FIELDS
        .iter()
        .filter_map(|name| field(name))
        .flat_map(find_ids_in_text);
    whole_value_ids
        .chain(mentioned_ids)
        .next()
        .map(|(id, _version)| id)
}

struct Entry {
    /// 1-based line of the `@`.
    line: usize,
    key: String,
    /// Lower-cased names; values without their delimiting braces or quotes.
    fields: Vec<(String, String)>,
}

impl Entry {
    fn label(&self) -> String {
        if !self.key.is_empty() {
            return self.key.clone();
        }
        self.fields
            .iter()
            .find(|(name, _)| name == "title")
            .map(|(_, title)| one_line(title))
            .unwrap_or_else(|| format!("untitled entry on line {}", self.line))
    }
}

/// Where an entry started, for error messages: `@article{smith2024`.
struct EntryStart {
    line: usize,
    kind: String,
    key: String,
}

impl EntryStart {
    fn unterminated(&self, reason: &str) -> ImportError {
        ImportError {
            line: self.line,
            message: format!("unterminated entry @{}{{{}{reason}", self.kind, self.key),
        }
    }
}

/// Walks the text byte by byte; every byte it stops at is ASCII, so slicing
/// `text` there is always on a character boundary.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        if byte == b'\n' {
            self.line += 1;
        }
        Some(byte)
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.bump();
        }
    }

    fn take_while(&mut self, keep: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(&keep) {
            self.bump();
        }
        self.slice(start, self.pos)
    }

    /// The scanner only cuts next to ASCII bytes, so this is always on a
    /// character boundary; `get` keeps a slip in that reasoning from panicking.
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or_default()
    }

    /// True when the scanner is at an entry start, without moving. Off a
    /// character boundary `get` is `None`, and no `@` starts there anyway.
    fn at_entry_start(&self) -> bool {
        self.text.get(self.pos..).is_some_and(starts_with_entry)
    }

    /// True when only whitespace precedes the scanner on its line.
    fn at_line_start(&self) -> bool {
        self.slice(0, self.pos)
            .rsplit('\n')
            .next()
            .is_some_and(|before| before.trim().is_empty())
    }

    /// The next bibliographic entry, skipping comments, strings and preambles.
    fn next_entry(&mut self) -> Result<Option<Entry>, ImportError> {
        loop {
            while self.peek().is_some() && !self.at_entry_start() {
                self.bump();
            }
            if self.peek().is_none() {
                return Ok(None);
            }
            let line = self.line;
            self.bump(); // '@'
            // Kept as written for messages; compared lower-cased.
            let kind = self.take_while(is_type_byte).to_string();
            self.skip_whitespace();
            let close = if self.bump() == Some(b'(') {
                b')'
            } else {
                b'}'
            };
            let mut start = EntryStart {
                line,
                kind,
                key: String::new(),
            };
            let kind = start.kind.to_ascii_lowercase();
            if matches!(kind.as_str(), "comment" | "string" | "preamble") {
                self.skip_balanced(close, &start)?;
                continue;
            }
            start.key = self
                .take_while(|b| b != b',' && b != close && !b.is_ascii_whitespace())
                .to_string();
            let fields = self.fields(close, &start)?;
            return Ok(Some(Entry {
                line,
                key: start.key,
                fields,
            }));
        }
    }

    /// Skip to the `close` that ends a `@comment`/`@string`/`@preamble`.
    fn skip_balanced(&mut self, close: u8, start: &EntryStart) -> Result<(), ImportError> {
        let mut depth = 0usize;
        loop {
            match self.bump() {
                None => return Err(start.unterminated("")),
                Some(b'{') => depth += 1,
                Some(b'}') if depth > 0 => depth -= 1,
                Some(byte) if byte == close && depth == 0 => return Ok(()),
                Some(_) => {}
            }
        }
    }

    /// `name = value` pairs up to the entry's closing delimiter.
    fn fields(
        &mut self,
        close: u8,
        start: &EntryStart,
    ) -> Result<Vec<(String, String)>, ImportError> {
        let mut fields = Vec::new();
        loop {
            self.skip_whitespace();
            match self.peek() {
                None => return Err(start.unterminated("")),
                Some(byte) if byte == close => {
                    self.bump();
                    return Ok(fields);
                }
                Some(b',') => {
                    self.bump();
                    continue;
                }
                Some(b'@') if self.at_entry_start() => {
                    return Err(self.next_entry_inside(start));
                }
                Some(b'%') => {
                    // Hand-edited files comment fields out with `%`: skip, don't reject.
                    self.take_while(|b| b != b'\n');
                    continue;
                }
                Some(_) => {}
            }
            let name = self.take_while(is_field_name_byte).to_ascii_lowercase();
            if name.is_empty() {
                return Err(self.unexpected(start, "a field name"));
            }
            self.skip_whitespace();
            if self.peek() != Some(b'=') {
                return Err(self.unexpected(start, &format!("'=' after field {name}")));
            }
            self.bump();
            let value = self.value(start)?;
            fields.push((name, value));
        }
    }

    /// A field value: `{...}`, `"..."`, a number or a macro name, pieces
    /// joined by `#`. Braces are dropped from the text: they only protect
    /// case in BibTeX and would split `{arXiv}:2401.01234` apart.
    fn value(&mut self, start: &EntryStart) -> Result<String, ImportError> {
        let mut value = String::new();
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.bump();
                    self.delimited(b'}', start, &mut value)?;
                }
                Some(b'"') => {
                    self.bump();
                    self.delimited(b'"', start, &mut value)?;
                }
                Some(byte) if is_field_name_byte(byte) => {
                    // A number is its own text; a macro (`month = aug`) is not expanded.
                    let word = self.take_while(is_field_name_byte);
                    if word.bytes().all(|b| b.is_ascii_digit()) {
                        value.push_str(word);
                    }
                }
                None => return Err(start.unterminated("")),
                Some(_) => return Err(self.unexpected(start, "a field value")),
            }
            self.skip_whitespace();
            if self.peek() != Some(b'#') {
                return Ok(value);
            }
            self.bump();
        }
    }

    /// Text up to `end` at brace depth zero, appended to `value` without braces.
    /// A line starting with `@type{` inside means the value never closed:
    /// real exports never begin a value's line that way.
    fn delimited(
        &mut self,
        end: u8,
        start: &EntryStart,
        value: &mut String,
    ) -> Result<(), ImportError> {
        let mut depth = 0usize;
        let mut run_start = self.pos;
        loop {
            if self.peek() == Some(b'@') && self.at_line_start() && self.at_entry_start() {
                return Err(self.next_entry_inside(start));
            }
            let at = self.pos;
            match self.bump() {
                None => return Err(start.unterminated("")),
                Some(byte) if byte == end && depth == 0 => {
                    value.push_str(self.slice(run_start, at));
                    return Ok(());
                }
                Some(b'{') => depth += 1,
                Some(b'}') if depth > 0 => depth -= 1,
                Some(b'}') => {
                    // A stray `}` inside quotes closes the entry in BibTeX.
                    return Err(start.unterminated(" (unbalanced '}' in a quoted value)"));
                }
                Some(_) => continue,
            }
            value.push_str(self.slice(run_start, at));
            run_start = self.pos;
        }
    }

    fn next_entry_inside(&self, start: &EntryStart) -> ImportError {
        start.unterminated(&format!(" (the next entry starts on line {})", self.line))
    }

    fn unexpected(&self, start: &EntryStart, expected: &str) -> ImportError {
        let found = self
            .slice(self.pos, self.text.len())
            .chars()
            .next()
            .map_or_else(|| "end of file".to_string(), |c| format!("{c:?}"));
        ImportError {
            line: self.line,
            message: format!(
                "expected {expected}, found {found} in entry @{}{{{}",
                start.kind, start.key
            ),
        }
    }
}

/// Entry types are words: `article`, `online`, `inproceedings`.
fn is_type_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_type_byte(byte: u8) -> bool {
    is_type_char(char::from(byte))
}

/// Field names and macro names: anything but BibTeX's syntax characters.
fn is_field_name_byte(byte: u8) -> bool {
    !byte.is_ascii_whitespace() && !b"=,{}()\"#@%'~".contains(&byte) && byte.is_ascii()
}
