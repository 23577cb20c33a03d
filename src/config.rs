//! The TOML config: which arXiv topics to follow and how politely to fetch them.
//!
//! Two layers: `Raw*` structs mirror the file (with spans, so semantic errors
//! can point at a line), and the validated [`ArxivSettings`] and [`Topic`]
//! the rest of the crate uses. Every problem becomes one [`ConfigError`] line
//! `file:line:col: key: what is wrong`, which `exit` maps to exit code 2.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::query;

/// The built-in config: used when no file is found, and what `papers config
/// init` writes.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

/// Environment variable naming a config file (below --config, above the user file).
pub const CONFIG_ENV: &str = "PAPERS_CONFIG";

const EMBEDDED_NAME: &str = "built-in default (config/default.toml)";

/// arXiv asks for at least this long between requests (ARXIV_API.md §3).
const ARXIV_MIN_DELAY_SECS: f64 = 3.0;
/// Longer pauses or timeouts are typos, and huge values overflow `Duration`.
const MAX_SECONDS: f64 = 3600.0;
const PAGE_SIZE_RANGE: Range<u32> = 1..2001;
/// arXiv's index refuses offsets past 10,000 (ARXIV_API.md §1).
const MAX_RESULTS_RANGE: Range<u32> = 1..10_001;
const MAX_RETRIES: u32 = 10;
/// A year is plenty for moderation delays; far larger values would overflow
/// date arithmetic.
const MAX_OVERLAP_DAYS: u32 = 365;

/// Where the config was read from; shown by `papers config path|show`.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigSource {
    Flag(PathBuf),
    Env(PathBuf),
    UserFile(PathBuf),
    Embedded,
}

impl ConfigSource {
    /// The file read, or `None` for the built-in default.
    pub fn path(&self) -> Option<&Path> {
        match self {
            ConfigSource::Flag(path) | ConfigSource::Env(path) | ConfigSource::UserFile(path) => {
                Some(path)
            }
            ConfigSource::Embedded => None,
        }
    }

    /// How the user chose this file, for "not found" messages.
    fn chosen_by(&self) -> &'static str {
        match self {
            ConfigSource::Flag(_) => "--config",
            ConfigSource::Env(_) => "$PAPERS_CONFIG",
            ConfigSource::UserFile(_) => "user config file",
            ConfigSource::Embedded => "built-in",
        }
    }
}

impl fmt::Display for ConfigSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            Some(path) => write!(f, "{} ({})", path.display(), self.chosen_by()),
            None => f.write_str(EMBEDDED_NAME),
        }
    }
}

/// How to talk to arXiv, with every default filled in.
#[derive(Debug, Clone)]
pub struct ArxivSettings {
    pub api_url: String,
    pub delay: Duration,
    pub page_size: u32,
    pub max_results: u32,
    pub timeout: Duration,
    pub retries: u32,
    pub overlap_days: u32,
    pub user_agent: String,
}

impl Default for ArxivSettings {
    fn default() -> Self {
        ArxivSettings {
            api_url: "https://export.arxiv.org/api/query".into(),
            delay: Duration::from_secs(3),
            page_size: 100,
            max_results: 200,
            timeout: Duration::from_secs(30),
            retries: 4,
            overlap_days: 7,
            user_agent: default_user_agent(),
        }
    }
}

/// Identifies the tool and where to find it, as arXiv's robot detection
/// likes to see (ARXIV_API.md §3).
fn default_user_agent() -> String {
    format!(
        "papers/{} (command-line arXiv listing client)",
        env!("CARGO_PKG_VERSION")
    )
}

/// One validated topic. Either `query` is set (and the lists are empty), or
/// at least one keyword or author is.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub name: String,
    pub title: String,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    pub exclude: Vec<String>,
    /// Raw arXiv search_query, whitespace runs collapsed to one space.
    pub query: Option<String>,
}

/// The validated config and where it came from.
#[derive(Debug, Clone)]
pub struct Config {
    pub arxiv: ArxivSettings,
    pub topics: Vec<Topic>,
    pub source: ConfigSource,
}

impl Config {
    pub fn topic(&self, name: &str) -> Option<&Topic> {
        self.topics.iter().find(|topic| topic.name == name)
    }

    pub fn topic_names(&self) -> Vec<&str> {
        self.topics
            .iter()
            .map(|topic| topic.name.as_str())
            .collect()
    }

    /// Resolve --topic names: empty -> all topics in config order; an unknown name -> error listing the configured ones, e.g. `unknown topic "foo" (configured: npu, edge-inference, ...)`
    ///
    /// A name given twice is fetched once.
    pub fn select_topics(&self, names: &[String]) -> Result<Vec<&Topic>, ConfigError> {
        if names.is_empty() {
            return Ok(self.topics.iter().collect());
        }
        let mut selected: Vec<&Topic> = Vec::with_capacity(names.len());
        for name in names {
            let topic = self.topic(name).ok_or_else(|| {
                ConfigError::new(format!(
                    "unknown topic \"{name}\" (configured: {})",
                    self.topic_names().join(", ")
                ))
            })?;
            if !selected.iter().any(|chosen| chosen.name == topic.name) {
                selected.push(topic);
            }
        }
        Ok(selected)
    }

    /// The effective config as TOML (for `papers config show`), every key explicit.
    pub fn to_toml(&self) -> String {
        let shown = ShownConfig {
            arxiv: ShownArxiv::from(&self.arxiv),
            topics: self.topics.iter().map(ShownTopic::from).collect(),
        };
        // Only strings, integers and finite floats go in, which always
        // serialize; the fallback keeps `config show` from panicking anyway.
        toml::to_string(&shown)
            .unwrap_or_else(|err| format!("# cannot show the config as TOML: {err}\n"))
    }
}

#[derive(Serialize)]
struct ShownConfig<'a> {
    arxiv: ShownArxiv<'a>,
    topics: Vec<ShownTopic<'a>>,
}

#[derive(Serialize)]
struct ShownArxiv<'a> {
    api_url: &'a str,
    delay_secs: f64,
    page_size: u32,
    max_results: u32,
    timeout_secs: f64,
    retries: u32,
    overlap_days: u32,
    user_agent: &'a str,
}

impl<'a> From<&'a ArxivSettings> for ShownArxiv<'a> {
    fn from(settings: &'a ArxivSettings) -> Self {
        ShownArxiv {
            api_url: &settings.api_url,
            delay_secs: settings.delay.as_secs_f64(),
            page_size: settings.page_size,
            max_results: settings.max_results,
            timeout_secs: settings.timeout.as_secs_f64(),
            retries: settings.retries,
            overlap_days: settings.overlap_days,
            user_agent: &settings.user_agent,
        }
    }
}

#[derive(Serialize)]
struct ShownTopic<'a> {
    name: &'a str,
    title: &'a str,
    keywords: &'a [String],
    categories: &'a [String],
    authors: &'a [String],
    exclude: &'a [String],
    /// TOML has no null: a topic without a raw query leaves the key out.
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a str>,
}

impl<'a> From<&'a Topic> for ShownTopic<'a> {
    fn from(topic: &'a Topic) -> Self {
        ShownTopic {
            name: &topic.name,
            title: &topic.title,
            keywords: &topic.keywords,
            categories: &topic.categories,
            authors: &topic.authors,
            exclude: &topic.exclude,
            query: topic.query.as_deref(),
        }
    }
}

/// Line and column (both from 1, columns in characters) of a config error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// Where byte `offset` of `text` is. Offsets past the end or inside a
    /// character are clamped rather than trusted.
    fn of_offset(text: &str, offset: usize) -> Self {
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
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// Raw layer: the file as written.

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    arxiv: RawArxiv,
    #[serde(default)]
    topics: Vec<Spanned<RawTopic>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArxiv {
    api_url: Option<Spanned<String>>,
    delay_secs: Option<Spanned<f64>>,
    page_size: Option<Spanned<u32>>,
    max_results: Option<Spanned<u32>>,
    timeout_secs: Option<Spanned<f64>>,
    retries: Option<Spanned<u32>>,
    overlap_days: Option<Spanned<u32>>,
    user_agent: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    name: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
    #[serde(default)]
    categories: Vec<Spanned<String>>,
    #[serde(default)]
    authors: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    query: Option<Spanned<String>>,
}

// ---------------------------------------------------------------------------
// Parsing and validation.

/// Parses and validates config text. `origin` is the path shown in errors.
pub fn parse(text: &str, origin: &str) -> Result<(ArxivSettings, Vec<Topic>), ConfigError> {
    let checker = Checker { text, origin };
    let raw: RawConfig = toml::from_str(text).map_err(|err| checker.toml_error(&err))?;
    let arxiv = checker.arxiv(raw.arxiv)?;
    let topics = checker.topics(raw.topics)?;
    Ok((arxiv, topics))
}

/// Turns spans in one config text into located errors.
struct Checker<'a> {
    text: &'a str,
    origin: &'a str,
}

impl Checker<'_> {
    fn error(&self, span: Range<usize>, key: &str, message: impl fmt::Display) -> ConfigError {
        ConfigError::at(
            self.origin,
            self.text,
            span.start,
            format!("{key}: {message}"),
        )
    }

    /// toml reports unknown keys and wrong types with a span but without
    /// array indices, so the key path is recomputed from the span.
    fn toml_error(&self, err: &toml::de::Error) -> ConfigError {
        let message = one_line(err.message());
        let Some(span) = err.span() else {
            return ConfigError::in_file(self.origin, message);
        };
        let path = key_path_at(self.text, span.start);
        let described = match (unknown_key_message(&message, &path), path.as_slice()) {
            (Some(unknown), _) => unknown,
            (None, []) if message == "duplicate key" => {
                format!(
                    "duplicate key `{}`",
                    self.text.get(span.clone()).unwrap_or("?").trim()
                )
            }
            (None, []) => message,
            (None, path) => format!("{}: {message}", render_path(path)),
        };
        ConfigError::at(self.origin, self.text, span.start, described)
    }

    fn arxiv(&self, raw: RawArxiv) -> Result<ArxivSettings, ConfigError> {
        let defaults = ArxivSettings::default();
        let api_url = match raw.api_url {
            Some(url) => self.api_url(url)?,
            None => defaults.api_url,
        };
        let delay = match raw.delay_secs {
            Some(delay) => self.delay(delay, &api_url)?,
            None => defaults.delay,
        };
        let timeout = match raw.timeout_secs {
            Some(timeout) => self.timeout(timeout)?,
            None => defaults.timeout,
        };
        Ok(ArxivSettings {
            delay,
            timeout,
            page_size: self.in_range(
                raw.page_size,
                "arxiv.page_size",
                PAGE_SIZE_RANGE,
                defaults.page_size,
            )?,
            max_results: self.in_range(
                raw.max_results,
                "arxiv.max_results",
                MAX_RESULTS_RANGE,
                defaults.max_results,
            )?,
            retries: self.in_range(
                raw.retries,
                "arxiv.retries",
                0..MAX_RETRIES + 1,
                defaults.retries,
            )?,
            overlap_days: self.in_range(
                raw.overlap_days,
                "arxiv.overlap_days",
                0..MAX_OVERLAP_DAYS + 1,
                defaults.overlap_days,
            )?,
            user_agent: match raw.user_agent {
                Some(agent) => self.user_agent(agent)?,
                None => defaults.user_agent,
            },
            api_url,
        })
    }

    fn api_url(&self, raw: Spanned<String>) -> Result<String, ConfigError> {
        let span = raw.span();
        let url = raw.into_inner().trim().to_string();
        let parsed = reqwest::Url::parse(&url).ok();
        let web = parsed
            .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !web {
            return Err(self.error(
                span,
                "arxiv.api_url",
                format!("\"{url}\" is not an http(s) URL"),
            ));
        }
        Ok(url)
    }

    fn delay(&self, raw: Spanned<f64>, api_url: &str) -> Result<Duration, ConfigError> {
        let span = raw.span();
        let seconds = *raw.get_ref();
        let duration = self.seconds(raw, "arxiv.delay_secs", 0.0)?;
        if let Some(host) = arxiv_host(api_url)
            && seconds < ARXIV_MIN_DELAY_SECS
        {
            return Err(self.error(
                span,
                "arxiv.delay_secs",
                format!("{seconds:?} is below 3 seconds, the minimum arXiv allows for {host}"),
            ));
        }
        Ok(duration)
    }

    fn timeout(&self, raw: Spanned<f64>) -> Result<Duration, ConfigError> {
        let span = raw.span();
        if *raw.get_ref() <= 0.0 {
            return Err(self.error(
                span,
                "arxiv.timeout_secs",
                format!("{:?} must be more than 0", raw.get_ref()),
            ));
        }
        self.seconds(raw, "arxiv.timeout_secs", 0.0)
    }

    /// A finite number of seconds from `min` to an hour.
    fn seconds(&self, raw: Spanned<f64>, key: &str, min: f64) -> Result<Duration, ConfigError> {
        let seconds = *raw.get_ref();
        if !(min..=MAX_SECONDS).contains(&seconds) {
            let message =
                format!("{seconds:?} must be a number of seconds from {min:?} to {MAX_SECONDS:?}");
            return Err(self.error(raw.span(), key, message));
        }
        Ok(Duration::from_secs_f64(seconds))
    }

    fn in_range(
        &self,
        raw: Option<Spanned<u32>>,
        key: &str,
        range: Range<u32>,
        default: u32,
    ) -> Result<u32, ConfigError> {
        let Some(raw) = raw else { return Ok(default) };
        let value = *raw.get_ref();
        if !range.contains(&value) {
            let message = format!("{value} is outside {}..={}", range.start, range.end - 1);
            return Err(self.error(raw.span(), key, message));
        }
        Ok(value)
    }

    /// reqwest refuses header values with control characters, which would
    /// surface only at fetch time; say so here instead.
    fn user_agent(&self, raw: Spanned<String>) -> Result<String, ConfigError> {
        let agent = raw.get_ref().trim();
        if agent.is_empty() || !agent.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
            let message = "must be non-empty printable ASCII (it is sent as an HTTP header)";
            return Err(self.error(raw.span(), "arxiv.user_agent", message));
        }
        Ok(agent.to_string())
    }

    fn topics(&self, raw: Vec<Spanned<RawTopic>>) -> Result<Vec<Topic>, ConfigError> {
        if raw.is_empty() {
            return Err(ConfigError::in_file(
                self.origin,
                "no topics: add at least one [[topics]] table",
            ));
        }
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let mut topics = Vec::with_capacity(raw.len());
        for (index, spanned) in raw.into_iter().enumerate() {
            let topic_span = spanned.span();
            let raw_topic = spanned.into_inner();
            let name_offset = raw_topic.name.as_ref().map_or(topic_span.start, |name| {
                self.key_offset("name", name.span().start)
            });
            let topic = self.topic(index, topic_span, raw_topic)?;
            let line = Position::of_offset(self.text, name_offset).line;
            if let Some(first_line) = first_seen.insert(topic.name.clone(), line) {
                let message = format!(
                    "duplicate topic name \"{}\" (first at line {first_line})",
                    topic.name
                );
                let key = format!("topics[{index}].name");
                return Err(self.error(name_offset..name_offset, &key, message));
            }
            topics.push(topic);
        }
        Ok(topics)
    }

    /// Where `key` starts, given where its value starts: the key is the
    /// last mention of its name before the value on the same line (serde
    /// only gives value spans). Falls back to the value.
    fn key_offset(&self, key: &str, value_start: usize) -> usize {
        let before = self.text.get(..value_start).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        before[line_start..]
            .rfind(key)
            .map_or(value_start, |found| line_start + found)
    }

    fn topic(&self, index: usize, span: Range<usize>, raw: RawTopic) -> Result<Topic, ConfigError> {
        let key = format!("topics[{index}]");
        let name = self.topic_name(&key, span.clone(), raw.name)?;
        let title = match raw.title {
            Some(title) => self.non_blank(title, &format!("{key}.title"))?,
            None => name.clone(),
        };
        let keywords = self.phrases(raw.keywords, &format!("{key}.keywords"))?;
        let authors = self.phrases(raw.authors, &format!("{key}.authors"))?;
        let exclude = self.phrases(raw.exclude, &format!("{key}.exclude"))?;
        let categories = self.categories(raw.categories, &format!("{key}.categories"))?;
        let query = match raw.query {
            Some(query) => {
                let has_lists = !(keywords.is_empty()
                    && authors.is_empty()
                    && exclude.is_empty()
                    && categories.is_empty());
                Some(self.raw_query(query, &format!("{key}.query"), has_lists)?)
            }
            None => None,
        };
        if query.is_none() && keywords.is_empty() && authors.is_empty() {
            return Err(self.error(
                span,
                &key,
                format!(
                    "topic \"{name}\" has nothing to search: give keywords, authors or a query"
                ),
            ));
        }
        Ok(Topic {
            name,
            title,
            keywords,
            categories,
            authors,
            exclude,
            query,
        })
    }

    /// Names are typed after --topic and used as cache keys, so they stay
    /// shell- and file-friendly; a leading '-' would read as a flag.
    fn topic_name(
        &self,
        key: &str,
        topic_span: Range<usize>,
        raw: Option<Spanned<String>>,
    ) -> Result<String, ConfigError> {
        let Some(raw) = raw else {
            return Err(self.error(topic_span, key, "missing `name`"));
        };
        let name = raw.get_ref();
        let allowed =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        let message = if name.is_empty() {
            "is empty".to_string()
        } else if !name.chars().all(allowed) || name.starts_with(['-', '_']) {
            format!(
                "\"{name}\" must be lowercase letters, digits, '-' and '_', starting with a letter or digit"
            )
        } else {
            return Ok(name.clone());
        };
        Err(self.error(raw.span(), &format!("{key}.name"), message))
    }

    fn non_blank(&self, raw: Spanned<String>, key: &str) -> Result<String, ConfigError> {
        let cleaned = one_line(raw.get_ref());
        if cleaned.is_empty() {
            return Err(self.error(raw.span(), key, "is blank"));
        }
        Ok(cleaned)
    }

    /// Phrases as they will be quoted in the query: a phrase that is only
    /// quotes or spaces would silently search for nothing.
    fn phrases(&self, raw: Vec<Spanned<String>>, key: &str) -> Result<Vec<String>, ConfigError> {
        raw.into_iter()
            .enumerate()
            .map(|(index, phrase)| {
                let cleaned = query::clean_phrase(phrase.get_ref());
                if cleaned.is_empty() {
                    return Err(self.error(phrase.span(), &format!("{key}[{index}]"), "is blank"));
                }
                Ok(cleaned)
            })
            .collect()
    }

    fn categories(&self, raw: Vec<Spanned<String>>, key: &str) -> Result<Vec<String>, ConfigError> {
        raw.into_iter()
            .enumerate()
            .map(|(index, category)| {
                let id = category.get_ref().trim();
                if !is_category_id(id) {
                    let message =
                        format!("\"{id}\" is not an arXiv category id like cs.AR or hep-th");
                    return Err(self.error(category.span(), &format!("{key}[{index}]"), message));
                }
                Ok(id.to_string())
            })
            .collect()
    }

    fn raw_query(
        &self,
        raw: Spanned<String>,
        key: &str,
        has_lists: bool,
    ) -> Result<String, ConfigError> {
        if has_lists {
            let message = "replaces keywords, authors, categories and exclude, so leave those out";
            return Err(self.error(raw.span(), key, message));
        }
        let query = one_line(raw.get_ref());
        query::check_raw_query(&query).map_err(|reason| self.error(raw.span(), key, reason))?;
        Ok(query)
    }
}

/// `cs.AR`, `hep-th`, `astro-ph.CO`, `q-bio.NC`: an archive, optionally a
/// dot and a subject class.
fn is_category_id(id: &str) -> bool {
    let (archive, subject) = match id.split_once('.') {
        Some((archive, subject)) => (archive, Some(subject)),
        None => (id, None),
    };
    let archive_ok = archive.starts_with(|c: char| c.is_ascii_lowercase())
        && archive.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    let subject_ok = subject
        .is_none_or(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic() || c == '-'));
    archive_ok && subject_ok
}

/// The host when `api_url` is arXiv's own (arxiv.org or a subdomain), whose
/// terms of use set the 3-second minimum.
fn arxiv_host(api_url: &str) -> Option<String> {
    let url = reqwest::Url::parse(api_url).ok()?;
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    (host == "arxiv.org" || host.ends_with(".arxiv.org")).then_some(host)
}

/// One step of a key path: a table key or an array index.
#[derive(Debug, Clone, PartialEq)]
enum PathStep {
    Key(String),
    Index(usize),
}

/// `topics[1].keywords[0]`.
fn render_path(path: &[PathStep]) -> String {
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
fn key_path_at(text: &str, offset: usize) -> Vec<PathStep> {
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
fn unknown_key_message(message: &str, path: &[PathStep]) -> Option<String> {
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

/// Pure: which source wins. flag > env (non-empty) > user file (only if `user_file_exists`) > embedded.
pub fn resolve_source(
    flag: Option<&Path>,
    env: Option<&OsStr>,
    user_file: Option<PathBuf>,
    user_file_exists: bool,
) -> ConfigSource {
    if let Some(path) = flag {
        return ConfigSource::Flag(path.to_path_buf());
    }
    if let Some(path) = env.filter(|value| !value.is_empty()) {
        return ConfigSource::Env(PathBuf::from(path));
    }
    match user_file {
        Some(path) if user_file_exists => ConfigSource::UserFile(path),
        _ => ConfigSource::Embedded,
    }
}

/// `dirs::config_dir()/papers/config.toml`, e.g. `~/.config/papers/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("papers").join("config.toml"))
}

/// Resolve (using env var PAPERS_CONFIG and the user path), read and validate. Errors (one line, naming the path): file not found (for --config/env), path is a directory, unreadable, not UTF-8, and every ConfigError.
pub fn load(flag: Option<&Path>) -> anyhow::Result<Config> {
    let user_file = user_config_path();
    // An existence check that fails (permissions) counts as "exists", so
    // reading it reports the real problem instead of silently using the default.
    let user_file_exists = user_file
        .as_deref()
        .is_some_and(|path| path.try_exists().unwrap_or(true));
    let env = std::env::var_os(CONFIG_ENV);
    let source = resolve_source(flag, env.as_deref(), user_file, user_file_exists);
    Ok(load_from(source)?)
}

/// Reads and validates the config from an already chosen source.
pub fn load_from(source: ConfigSource) -> Result<Config, ConfigError> {
    let (arxiv, topics) = match source.path() {
        Some(path) => {
            let origin = path.display().to_string();
            parse(&read_config_file(path, &source)?, &origin)?
        }
        None => parse(DEFAULT_CONFIG, EMBEDDED_NAME)?,
    };
    Ok(Config {
        arxiv,
        topics,
        source,
    })
}

fn read_config_file(path: &Path, source: &ConfigSource) -> Result<String, ConfigError> {
    let origin = path.display().to_string();
    let metadata = fs::metadata(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => ConfigError::in_file(
            &origin,
            format!("file not found (given by {})", source.chosen_by()),
        ),
        _ => ConfigError::in_file(&origin, format!("cannot read: {err}")),
    })?;
    if metadata.is_dir() {
        return Err(ConfigError::in_file(
            &origin,
            "is a directory, not a config file",
        ));
    }
    let bytes = fs::read(path)
        .map_err(|err| ConfigError::in_file(&origin, format!("cannot read: {err}")))?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(err.as_bytes());
        // The lossy copy matches the original up to the first bad byte.
        ConfigError::at(&origin, &text, valid, "not UTF-8 text")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_TOPIC: &str = "[[topics]]\nname = \"npu\"\nkeywords = [\"NPU\"]\n";

    fn error_of(text: &str) -> String {
        match parse(text, "config.toml") {
            Ok(_) => panic!("expected an error for:\n{text}"),
            Err(err) => err.to_string(),
        }
    }

    fn topics_of(text: &str) -> Vec<Topic> {
        parse(text, "config.toml")
            .map(|(_, topics)| topics)
            .unwrap()
    }

    #[test]
    fn default_config_parses_and_has_an_npu_topic() {
        let config = load_from(ConfigSource::Embedded).unwrap();
        assert!(config.topic("npu").is_some());
        assert_eq!(
            config.topic_names(),
            [
                "npu",
                "edge-inference",
                "mobile-llm",
                "llm-acceleration",
                "moe-inference"
            ]
        );
        assert_eq!(config.arxiv.delay, Duration::from_secs(3));
        assert_eq!(
            (config.arxiv.page_size, config.arxiv.max_results),
            (100, 200)
        );
        assert_eq!((config.arxiv.retries, config.arxiv.overlap_days), (4, 7));
        assert_eq!(config.arxiv.timeout, Duration::from_secs(30));
    }

    #[test]
    fn default_raw_queries_are_single_line_and_balanced() {
        let config = load_from(ConfigSource::Embedded).unwrap();
        for topic in &config.topics {
            let search = query::search_query(topic);
            assert!(!search.contains('\n'), "{search}");
            assert_eq!(query::check_raw_query(&search), Ok(()), "{}", topic.name);
            assert!(
                !search.contains(" and ") && !search.contains(" or "),
                "{search}"
            );
        }
    }

    #[test]
    fn to_toml_parses_back_to_the_same_config() {
        let config = load_from(ConfigSource::Embedded).unwrap();
        let shown = config.to_toml();
        let (arxiv, topics) = parse(&shown, "shown").unwrap();
        assert_eq!(topics, config.topics);
        assert_eq!(arxiv.user_agent, config.arxiv.user_agent);
        assert_eq!(
            (arxiv.delay, arxiv.timeout),
            (config.arxiv.delay, config.arxiv.timeout)
        );
        for key in [
            "api_url",
            "delay_secs",
            "page_size",
            "max_results",
            "timeout_secs",
            "retries",
            "overlap_days",
            "user_agent",
        ] {
            assert!(
                shown.contains(&format!("\n{key} = ")),
                "{key} missing from:\n{shown}"
            );
        }
    }

    #[test]
    fn arxiv_section_is_optional() {
        let (arxiv, topics) = parse(ONE_TOPIC, "config.toml").unwrap();
        assert_eq!(arxiv.api_url, "https://export.arxiv.org/api/query");
        assert_eq!(arxiv.page_size, 100);
        assert!(
            arxiv
                .user_agent
                .starts_with(&format!("papers/{} (", env!("CARGO_PKG_VERSION")))
        );
        assert_eq!(topics[0].title, "npu");
        assert_eq!(topics[0].query, None);
    }

    #[test]
    fn malformed_toml_gives_toml_message_on_one_line_with_position() {
        let text = "[[topics]]\nname = \"npu\nkeywords = [\"NPU\"]\n";
        assert_eq!(
            error_of(text),
            "config.toml:2:12: invalid basic string, expected `\"`"
        );
        assert_eq!(
            error_of("[arxiv\n"),
            "config.toml:1:7: unclosed table, expected `]`"
        );
    }

    #[test]
    fn duplicate_key_is_named() {
        let text = format!("{ONE_TOPIC}[arxiv]\nretries = 1\nretries = 2\n");
        assert_eq!(error_of(&text), "config.toml:6:1: duplicate key `retries`");
    }

    #[test]
    fn unknown_key_in_a_topic_names_the_section_and_valid_keys() {
        let text = format!("{ONE_TOPIC}\n[[topics]]\nname = \"edge\"\nkeyword = [\"edge\"]\n");
        assert_eq!(
            error_of(&text),
            "config.toml:7:1: unknown key `keyword` in [[topics]] (expected one of: name, title, keywords, categories, authors, exclude, query)"
        );
    }

    #[test]
    fn unknown_key_in_arxiv_and_at_top_level() {
        let arxiv = format!("[arxiv]\ndelay = 3\n{ONE_TOPIC}");
        let err = error_of(&arxiv);
        assert!(err.starts_with("config.toml:2:1: unknown key `delay` in [arxiv] (expected one of: api_url, delay_secs,"), "{err}");
        assert_eq!(
            error_of(&format!("topic = 1\n{ONE_TOPIC}")),
            "config.toml:1:1: unknown key `topic` in the top level (expected one of: arxiv, topics)"
        );
    }

    #[test]
    fn wrong_type_names_the_key() {
        let text = "[arxiv]\napi_url = \"https://export.arxiv.org/api/query\"\ndelay_secs = 3.0\ntimeout_secs = 30\npage_size = \"100\"\n";
        assert_eq!(
            error_of(&format!("{text}{ONE_TOPIC}")),
            "config.toml:5:13: arxiv.page_size: invalid type: string \"100\", expected u32"
        );
    }

    #[test]
    fn wrong_type_inside_an_array_gives_the_index() {
        let text = format!("{ONE_TOPIC}[[topics]]\nname = \"b\"\nkeywords = [\"x\", 3]\n");
        assert_eq!(
            error_of(&text),
            "config.toml:6:18: topics[1].keywords[1]: invalid type: integer `3`, expected a string"
        );
    }

    #[test]
    fn topic_with_nothing_to_search_points_at_the_topic() {
        let text = format!("{ONE_TOPIC}\n[[topics]]\nname = \"empty\"\ncategories = [\"cs.AR\"]\n");
        assert_eq!(
            error_of(&text),
            "config.toml:5:1: topics[1]: topic \"empty\" has nothing to search: give keywords, authors or a query"
        );
    }

    #[test]
    fn authors_alone_are_enough() {
        let topics = topics_of("[[topics]]\nname = \"han\"\nauthors = [\"Song Han\"]\n");
        assert_eq!(topics[0].authors, ["Song Han"]);
    }

    #[test]
    fn duplicate_topic_names_point_at_the_second_and_mention_the_first() {
        let mut text = String::from("[arxiv]\nretries = 4\n");
        text.push_str(ONE_TOPIC); // name on line 4
        text.push_str("title = \"NPUs\"\ncategories = [\"cs.AR\"]\nauthors = []\nexclude = []\n\n");
        text.push_str("[[topics]]\nname = \"edge\"\nkeywords = [\"edge\"]\n");
        text.push_str("[[topics]]\nname = \"npu\"\nkeywords = [\"again\"]\n"); // name on line 15
        assert_eq!(
            error_of(&text),
            "config.toml:15:1: topics[2].name: duplicate topic name \"npu\" (first at line 4)"
        );
        let inline = "topics = [\n  { title = \"name\", name = \"a\", keywords = [\"x\"] },\n  { name = \"a\", keywords = [\"y\"] },\n]\n";
        assert_eq!(
            error_of(inline),
            "config.toml:3:5: topics[1].name: duplicate topic name \"a\" (first at line 2)"
        );
    }

    #[test]
    fn empty_invalid_and_missing_topic_names() {
        assert_eq!(
            error_of("[[topics]]\nname = \"\"\nkeywords = [\"x\"]\n"),
            "config.toml:2:8: topics[0].name: is empty"
        );
        assert_eq!(
            error_of("[[topics]]\nname = \"Edge AI\"\nkeywords = [\"x\"]\n"),
            "config.toml:2:8: topics[0].name: \"Edge AI\" must be lowercase letters, digits, '-' and '_', starting with a letter or digit"
        );
        let leading_dash = error_of("[[topics]]\nname = \"-x\"\nkeywords = [\"x\"]\n");
        assert!(
            leading_dash.starts_with("config.toml:2:8: topics[0].name: \"-x\" must be"),
            "{leading_dash}"
        );
        assert_eq!(
            error_of("[[topics]]\nkeywords = [\"x\"]\n"),
            "config.toml:1:1: topics[0]: missing `name`"
        );
    }

    #[test]
    fn blank_keywords_authors_and_exclusions_are_refused() {
        let text = "[[topics]]\nname = \"a\"\nkeywords = [\"NPU\", \"  \"]\n";
        assert_eq!(
            error_of(text),
            "config.toml:3:20: topics[0].keywords[1]: is blank"
        );
        let quotes_only = "[[topics]]\nname = \"a\"\nkeywords = [\"NPU\"]\nexclude = ['\"']\n";
        assert_eq!(
            error_of(quotes_only),
            "config.toml:4:12: topics[0].exclude[0]: is blank"
        );
        let author = "[[topics]]\nname = \"a\"\nauthors = [\"\"]\n";
        assert_eq!(
            error_of(author),
            "config.toml:3:12: topics[0].authors[0]: is blank"
        );
    }

    #[test]
    fn keywords_are_cleaned_for_quoting() {
        let topics = topics_of("[[topics]]\nname = \"a\"\nkeywords = ['the \"fast\"  path ']\n");
        assert_eq!(topics[0].keywords, ["the fast path"]);
    }

    #[test]
    fn invalid_category_is_refused() {
        let text =
            "[[topics]]\nname = \"a\"\nkeywords = [\"x\"]\ncategories = [\"cs.AR\", \"cs AR\"]\n";
        assert_eq!(
            error_of(text),
            "config.toml:4:24: topics[0].categories[1]: \"cs AR\" is not an arXiv category id like cs.AR or hep-th"
        );
        assert!(
            is_category_id("hep-th") && is_category_id("astro-ph.CO") && is_category_id("q-bio.NC")
        );
        assert!(!is_category_id("cs.") && !is_category_id("CS.AR") && !is_category_id(""));
    }

    #[test]
    fn short_delay_is_refused_for_arxiv_hosts_only() {
        let text = format!(
            "[arxiv]\napi_url = \"https://export.arxiv.org/api/query\"\nretries = 4\ndelay_secs = 1.0\n{ONE_TOPIC}"
        );
        assert_eq!(
            error_of(&text),
            "config.toml:4:14: arxiv.delay_secs: 1.0 is below 3 seconds, the minimum arXiv allows for export.arxiv.org"
        );
        let default_host = error_of(&format!("[arxiv]\ndelay_secs = 2\n{ONE_TOPIC}"));
        assert!(
            default_host
                .ends_with("2.0 is below 3 seconds, the minimum arXiv allows for export.arxiv.org"),
            "{default_host}"
        );
        let bare = error_of(&format!(
            "[arxiv]\napi_url = \"http://ARXIV.org/api/query\"\ndelay_secs = 0\n{ONE_TOPIC}"
        ));
        assert!(
            bare.starts_with("config.toml:3:14: arxiv.delay_secs: 0.0 is below 3 seconds")
                && bare.ends_with("arxiv.org"),
            "{bare}"
        );

        let local = format!(
            "[arxiv]\napi_url = \"http://127.0.0.1:8080/api/query\"\ndelay_secs = 0.0\n{ONE_TOPIC}"
        );
        let (arxiv, _) = parse(&local, "config.toml").unwrap();
        assert_eq!(arxiv.delay, Duration::ZERO);
        let lookalike =
            format!("[arxiv]\napi_url = \"http://notarxiv.org/q\"\ndelay_secs = 0.5\n{ONE_TOPIC}");
        assert_eq!(
            parse(&lookalike, "config.toml").unwrap().0.delay,
            Duration::from_millis(500)
        );
    }

    #[test]
    fn delay_must_be_finite_and_not_negative() {
        let local = |value: &str| {
            format!("[arxiv]\napi_url = \"http://127.0.0.1/q\"\ndelay_secs = {value}\n{ONE_TOPIC}")
        };
        assert_eq!(
            error_of(&local("-1.0")),
            "config.toml:3:14: arxiv.delay_secs: -1.0 must be a number of seconds from 0.0 to 3600.0"
        );
        assert!(
            error_of(&local("nan")).starts_with("config.toml:3:14: arxiv.delay_secs: NaN must be")
        );
        assert!(
            error_of(&local("inf")).starts_with("config.toml:3:14: arxiv.delay_secs: inf must be")
        );
    }

    #[test]
    fn numeric_ranges_are_enforced() {
        let arxiv = |line: &str| error_of(&format!("[arxiv]\n{line}\n{ONE_TOPIC}"));
        assert_eq!(
            arxiv("page_size = 0"),
            "config.toml:2:13: arxiv.page_size: 0 is outside 1..=2000"
        );
        assert_eq!(
            arxiv("page_size = 2001"),
            "config.toml:2:13: arxiv.page_size: 2001 is outside 1..=2000"
        );
        assert_eq!(
            arxiv("max_results = 10001"),
            "config.toml:2:15: arxiv.max_results: 10001 is outside 1..=10000"
        );
        assert_eq!(
            arxiv("max_results = 0"),
            "config.toml:2:15: arxiv.max_results: 0 is outside 1..=10000"
        );
        assert_eq!(
            arxiv("retries = 11"),
            "config.toml:2:11: arxiv.retries: 11 is outside 0..=10"
        );
        assert_eq!(
            arxiv("overlap_days = 400"),
            "config.toml:2:16: arxiv.overlap_days: 400 is outside 0..=365"
        );
        assert_eq!(
            arxiv("timeout_secs = 0"),
            "config.toml:2:16: arxiv.timeout_secs: 0.0 must be more than 0"
        );
        assert_eq!(
            arxiv("timeout_secs = -5"),
            "config.toml:2:16: arxiv.timeout_secs: -5.0 must be more than 0"
        );
        assert_eq!(
            arxiv("page_size = -1"),
            "config.toml:2:13: arxiv.page_size: invalid value: integer `-1`, expected u32"
        );
    }

    #[test]
    fn numeric_limits_are_inclusive() {
        let text = format!(
            "[arxiv]\npage_size = 2000\nmax_results = 10000\nretries = 10\ntimeout_secs = 0.5\n{ONE_TOPIC}"
        );
        let (arxiv, _) = parse(&text, "config.toml").unwrap();
        assert_eq!(
            (arxiv.page_size, arxiv.max_results, arxiv.retries),
            (2000, 10000, 10)
        );
        assert_eq!(arxiv.timeout, Duration::from_millis(500));
    }

    #[test]
    fn api_url_must_be_http() {
        let arxiv = |url: &str| error_of(&format!("[arxiv]\napi_url = \"{url}\"\n{ONE_TOPIC}"));
        assert_eq!(
            arxiv("ftp://export.arxiv.org/api"),
            "config.toml:2:11: arxiv.api_url: \"ftp://export.arxiv.org/api\" is not an http(s) URL"
        );
        assert_eq!(
            arxiv("export.arxiv.org/api/query"),
            "config.toml:2:11: arxiv.api_url: \"export.arxiv.org/api/query\" is not an http(s) URL"
        );
    }

    #[test]
    fn user_agent_must_be_a_valid_header() {
        let text = format!("[arxiv]\nuser_agent = \"bad\\nagent\"\n{ONE_TOPIC}");
        assert_eq!(
            error_of(&text),
            "config.toml:2:14: arxiv.user_agent: must be non-empty printable ASCII (it is sent as an HTTP header)"
        );
    }

    #[test]
    fn raw_query_is_checked_and_normalised() {
        let bad = "[[topics]]\nname = \"raw\"\nquery = '(abs:LLM AND cat:cs.AR'\n";
        assert_eq!(
            error_of(bad),
            "config.toml:3:9: topics[0].query: 1 unclosed '('"
        );
        let multi_line =
            "[[topics]]\nname = \"raw\"\nquery = '''\n(abs:LLM\n AND cat:cs.AR)\n'''\n";
        assert_eq!(
            topics_of(multi_line)[0].query.as_deref(),
            Some("(abs:LLM AND cat:cs.AR)")
        );
    }

    #[test]
    fn raw_query_with_keywords_is_refused() {
        let text = "[[topics]]\nname = \"raw\"\nkeywords = [\"x\"]\nquery = 'abs:LLM'\n";
        assert_eq!(
            error_of(text),
            "config.toml:4:9: topics[0].query: replaces keywords, authors, categories and exclude, so leave those out"
        );
    }

    #[test]
    fn no_topics_is_an_error() {
        assert_eq!(
            error_of("[arxiv]\nretries = 1\n"),
            "config.toml: no topics: add at least one [[topics]] table"
        );
        assert_eq!(
            error_of("topics = []\n"),
            "config.toml: no topics: add at least one [[topics]] table"
        );
    }

    #[test]
    fn inline_topic_tables_work_and_errors_find_them() {
        let text = "topics = [\n  { name = \"a\", keywords = [\"x\"] },\n  { name = \"b\", keyword = [\"y\"] },\n]\n";
        let err = error_of(text);
        assert!(
            err.starts_with("config.toml:3:17: unknown key `keyword` in [[topics]]"),
            "{err}"
        );
    }

    #[test]
    fn position_counts_characters_and_clamps() {
        let text = "é = 1\nab";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 2),
            Position { line: 1, column: 2 }
        );
        assert_eq!(
            Position::of_offset(text, 1),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 99),
            Position { line: 2, column: 3 }
        );
    }

    #[test]
    fn source_precedence() {
        let user = Some(PathBuf::from("/home/u/.config/papers/config.toml"));
        let flag = Path::new("flag.toml");
        let env = OsStr::new("env.toml");
        assert_eq!(
            resolve_source(Some(flag), Some(env), user.clone(), true),
            ConfigSource::Flag(flag.into())
        );
        assert_eq!(
            resolve_source(None, Some(env), user.clone(), true),
            ConfigSource::Env("env.toml".into())
        );
        assert_eq!(
            resolve_source(None, Some(OsStr::new("")), user.clone(), true),
            ConfigSource::UserFile("/home/u/.config/papers/config.toml".into())
        );
        assert_eq!(
            resolve_source(None, None, user, false),
            ConfigSource::Embedded
        );
        assert_eq!(
            resolve_source(None, None, None, true),
            ConfigSource::Embedded
        );
    }

    #[test]
    fn source_display_says_how_it_was_chosen() {
        assert_eq!(
            ConfigSource::Flag("a.toml".into()).to_string(),
            "a.toml (--config)"
        );
        assert_eq!(
            ConfigSource::Env("b.toml".into()).to_string(),
            "b.toml ($PAPERS_CONFIG)"
        );
        assert_eq!(
            ConfigSource::UserFile("c.toml".into()).to_string(),
            "c.toml (user config file)"
        );
        assert_eq!(
            ConfigSource::Embedded.to_string(),
            "built-in default (config/default.toml)"
        );
        assert_eq!(ConfigSource::Embedded.path(), None);
        assert_eq!(
            ConfigSource::Env("b.toml".into()).path(),
            Some(Path::new("b.toml"))
        );
    }

    #[test]
    fn user_config_path_ends_in_papers_config_toml() {
        if let Some(path) = user_config_path() {
            assert!(path.ends_with("papers/config.toml"), "{}", path.display());
        }
    }

    #[test]
    fn file_problems_are_config_errors_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.toml");
        let err = load(Some(&missing)).unwrap_err();
        assert!(err.downcast_ref::<ConfigError>().is_some());
        assert_eq!(
            err.to_string(),
            format!("{}: file not found (given by --config)", missing.display())
        );

        let from_env = load_from(ConfigSource::Env(missing.clone())).unwrap_err();
        assert!(
            from_env
                .to_string()
                .ends_with("file not found (given by $PAPERS_CONFIG)"),
            "{from_env}"
        );

        let as_dir = load_from(ConfigSource::Flag(dir.path().to_path_buf())).unwrap_err();
        assert_eq!(
            as_dir.to_string(),
            format!(
                "{}: is a directory, not a config file",
                dir.path().display()
            )
        );

        let latin1 = dir.path().join("latin1.toml");
        fs::write(&latin1, b"[[topics]]\nname = \"caf\xe9\"\n").unwrap();
        let not_utf8 = load_from(ConfigSource::Flag(latin1.clone())).unwrap_err();
        assert_eq!(
            not_utf8.to_string(),
            format!("{}:2:12: not UTF-8 text", latin1.display())
        );
    }

    #[test]
    fn load_reads_the_given_file_and_reports_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, format!("{ONE_TOPIC}[arxiv]\npage_size = 5000\n")).unwrap();
        let err = load(Some(&path)).unwrap_err();
        let config_error = err.downcast_ref::<ConfigError>().unwrap();
        assert_eq!(
            config_error.position(),
            Some(Position {
                line: 5,
                column: 13
            })
        );
        assert_eq!(
            err.to_string(),
            format!(
                "{}:5:13: arxiv.page_size: 5000 is outside 1..=2000",
                path.display()
            )
        );

        fs::write(&path, ONE_TOPIC).unwrap();
        let config = load(Some(&path)).unwrap();
        assert_eq!(config.source, ConfigSource::Flag(path.clone()));
        assert_eq!(config.topic_names(), ["npu"]);
    }

    #[test]
    fn select_topics_resolves_names() {
        let config = load_from(ConfigSource::Embedded).unwrap();
        assert_eq!(
            config.select_topics(&[]).unwrap().len(),
            config.topics.len()
        );
        let chosen = config
            .select_topics(&["moe-inference".into(), "npu".into(), "npu".into()])
            .unwrap();
        let names: Vec<&str> = chosen.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["moe-inference", "npu"]);
        let err = config.select_topics(&["foo".into()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown topic \"foo\" (configured: npu, edge-inference, mobile-llm, llm-acceleration, moe-inference)"
        );
    }
}
