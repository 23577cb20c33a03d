//! Config errors located by file, line, column and key path.

use std::fmt;
use std::ops::Range;

use toml::Spanned;

/// Line and column (both from 1, columns in characters) of a config error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// Where byte `offset` of `text` is. Offsets past the end or inside a
    /// character are clamped rather than trusted.
    pub(super) fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// Any problem with the config, as one line naming the file and, when there
/// is one, the line and key. Callers find it in an `anyhow` chain to choose
/// exit code 2.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    origin: Option<String>,
    position: Option<Position>,
    message: String,
}

impl ConfigError {
    /// A problem not tied to a file, e.g. an unknown `--topic`.
    pub fn new(message: impl Into<String>) -> Self {
        ConfigError {
            origin: None,
            position: None,
            message: one_line(&message.into()),
        }
    }

    /// A problem with a whole file: missing, unreadable, a directory.
    pub fn in_file(origin: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigError {
            origin: Some(origin.into()),
            ..ConfigError::new(message)
        }
    }

    /// A problem at byte `offset` of `text`, the contents of `origin`.
    pub fn at(
        origin: impl Into<String>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        ConfigError {
            position: Some(Position::of_offset(text, offset)),
            ..ConfigError::in_file(origin, message)
        }
    }

    /// The file (or `built-in default ...`) the error is about.
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.origin, self.position) {
            (Some(origin), Some(Position { line, column })) => {
                write!(f, "{origin}:{line}:{column}: {}", self.message)
            }
            (Some(origin), None) => write!(f, "{origin}: {}", self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Error output must stay one line (it is prefixed and logged by cron), so
/// toml's multi-line messages are joined.
pub(super) fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// Raw layer: the file as written.

/// One step of a key path: a table key or an array index.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum PathStep {
    Key(String),
    Index(usize),
}

/// `topics[1].keywords[0]`.
pub(super) fn render_path(path: &[PathStep]) -> String {
    let mut rendered = String::new();
    for step in path {
        match step {
            PathStep::Key(key) if rendered.is_empty() => rendered.push_str(key),
            PathStep::Key(key) => {
                rendered.push('.');
                rendered.push_str(key);
            }
            PathStep::Index(index) => rendered.push_str(&format!("[{index}]")),
        }
    }
    rendered
}

/// The key path of whatever in `text` covers byte `offset`. Only called on
/// text that already parsed as TOML; anything else gives an empty path.
pub(super) fn key_path_at(text: &str, offset: usize) -> Vec<PathStep> {
    let Ok(document) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let mut path = Vec::new();
    path_in_table(document.get_ref(), offset, &mut path);
    path
}

fn contains(span: Range<usize>, offset: usize) -> bool {
    span.contains(&offset) || (span.is_empty() && span.start == offset)
}

/// Depth-first: spans of containers are not reliable (an array of tables
/// spans only its first header), so every child is searched.
fn path_in_table(table: &toml::de::DeTable<'_>, offset: usize, path: &mut Vec<PathStep>) -> bool {
    for (key, value) in table {
        path.push(PathStep::Key(key.get_ref().to_string()));
        if contains(key.span(), offset) || path_in_value(value, offset, path) {
            return true;
        }
        path.pop();
    }
    false
}

fn path_in_value(
    value: &Spanned<toml::de::DeValue<'_>>,
    offset: usize,
    path: &mut Vec<PathStep>,
) -> bool {
    let found_inside = match value.get_ref() {
        toml::de::DeValue::Table(table) => path_in_table(table, offset, path),
        toml::de::DeValue::Array(array) => path_in_array(array, offset, path),
        _ => false,
    };
    found_inside || contains(value.span(), offset)
}

fn path_in_array(array: &toml::de::DeArray<'_>, offset: usize, path: &mut Vec<PathStep>) -> bool {
    for (index, item) in array.iter().enumerate() {
        path.push(PathStep::Index(index));
        if path_in_value(item, offset, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// serde says "unknown field `x`, expected one of `a`, `b`"; the config
/// speaks of keys and sections: "unknown key `x` in [arxiv] (expected one
/// of: a, b)". `path` ends with the unknown key itself.
pub(super) fn unknown_key_message(message: &str, path: &[PathStep]) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, expected) = rest.split_once('`')?;
    let expected: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let section = section_name(path.split_last().map_or(&[][..], |(_, parent)| parent));
    Some(match expected.as_slice() {
        [] => format!("unknown key `{key}` in {section}"),
        names => format!(
            "unknown key `{key}` in {section} (expected one of: {})",
            names.join(", ")
        ),
    })
}

/// `[arxiv]`, `[[topics]]`, or `the top level`, as a TOML user reads them.
fn section_name(path: &[PathStep]) -> String {
    match path {
        [] => "the top level".to_string(),
        [parent @ .., PathStep::Index(_)] => format!("[[{}]]", render_path(parent)),
        _ => format!("[{}]", render_path(path)),
    }
}

// ---------------------------------------------------------------------------
// Finding and reading the file.
