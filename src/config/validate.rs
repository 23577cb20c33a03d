//! From TOML text to validated settings: the raw serde layer with spans,
//! and the checks that turn each problem into a located [`ConfigError`].

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::error::{key_path_at, one_line, render_path, unknown_key_message};
use super::{ConfigError, DisplaySettings, Position};
use crate::arxiv::{self, ArxivSettings, query};
use crate::huggingface::{self, HfSettings};
use crate::model::{Topic, ids};

/// Longer pauses or timeouts are typos, and huge values overflow `Duration`.
const MAX_SECONDS: f64 = 3600.0;
const PAGE_SIZE_RANGE: Range<u32> = 1..arxiv::MAX_PAGE_SIZE + 1;
const MAX_RESULTS_RANGE: Range<u32> = 1..arxiv::DEEPEST_OFFSET + 1;
const MAX_RETRIES: u32 = 10;
/// A year is plenty for moderation delays; far larger values would overflow
/// date arithmetic.
const MAX_OVERLAP_DAYS: u32 = 365;
/// A topic fetched daily is stale after a day or two; past a year the
/// warning means nothing.
const STALE_DAYS_RANGE: Range<u32> = 1..366;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    arxiv: RawArxiv,
    #[serde(default)]
    huggingface: RawHuggingface,
    #[serde(default)]
    display: RawDisplay,
    #[serde(default)]
    topics: Vec<Spanned<RawTopic>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDisplay {
    pager: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHuggingface {
    enabled: Option<bool>,
    api_url: Option<Spanned<String>>,
    delay_secs: Option<Spanned<f64>>,
    timeout_secs: Option<Spanned<f64>>,
    retries: Option<Spanned<u32>>,
}

/// A host whose operator asks for (or whose limits call for) a least
/// spacing between requests: the rule lives beside the client that talks to
/// it (`arxiv::MIN_DELAY`, `huggingface::MIN_DELAY`), the check here.
struct HostFloor {
    min: Duration,
    is_host: fn(&str) -> bool,
    /// Completes "… is below N seconds, {why} {host}".
    why: &'static str,
}

const ARXIV_FLOOR: HostFloor = HostFloor {
    min: arxiv::MIN_DELAY,
    is_host: arxiv::is_arxiv_host,
    why: "the minimum arXiv allows for",
};

const HF_FLOOR: HostFloor = HostFloor {
    min: huggingface::MIN_DELAY,
    is_host: huggingface::is_hf_host,
    why: "the minimum papers keeps for",
};

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
    stale_days: Option<Spanned<u32>>,
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
    /// What `config show` prints; accepted so its output reads back, but
    /// only when it is what the topic sends, so nobody mistakes it for a
    /// setting.
    search_query: Option<Spanned<String>>,
}

// ---------------------------------------------------------------------------
// The rules for one value, shared with `papers try`, which takes the same
// lists on the command line. Each error is the reason alone; the caller
// names where the value came from.

/// A keyword, author or exclude phrase as the query will quote it: a phrase
/// that is only quotes or spaces would silently search for nothing.
pub fn check_phrase(raw: &str) -> Result<String, String> {
    let cleaned = query::clean_phrase(raw);
    if cleaned.is_empty() {
        return Err("is blank".into());
    }
    Ok(cleaned)
}

/// An arXiv category id (`cs.AR`, `hep-th`), trimmed.
pub fn check_category(raw: &str) -> Result<String, String> {
    let id = raw.trim();
    if !ids::is_category(id) {
        return Err(format!(
            "\"{id}\" is not an arXiv category id like cs.AR or hep-th"
        ));
    }
    Ok(id.to_string())
}

/// A raw search_query on one line, balanced and non-empty.
pub fn check_query(raw: &str) -> Result<String, String> {
    let query = one_line(raw);
    query::check_raw_query(&query)?;
    Ok(query)
}

// ---------------------------------------------------------------------------
// Parsing and validation.

/// Parses and validates config text. `origin` is the path shown in errors.
pub fn parse(text: &str, origin: &str) -> Result<(ArxivSettings, Vec<Topic>), ConfigError> {
    parse_all(text, origin).map(|parsed| (parsed.arxiv, parsed.topics))
}

/// Every table of a config file, validated.
pub struct Parsed {
    pub arxiv: ArxivSettings,
    pub huggingface: HfSettings,
    pub display: DisplaySettings,
    pub topics: Vec<Topic>,
}

/// [`parse`] with the `[huggingface]` and `[display]` settings too.
pub fn parse_all(text: &str, origin: &str) -> Result<Parsed, ConfigError> {
    let checker = Checker { text, origin };
    let raw: RawConfig = toml::from_str(text).map_err(|err| checker.toml_error(&err))?;
    Ok(Parsed {
        arxiv: checker.arxiv(raw.arxiv)?,
        huggingface: checker.huggingface(raw.huggingface)?,
        display: DisplaySettings {
            pager: raw
                .display
                .pager
                .unwrap_or(DisplaySettings::default().pager),
        },
        topics: checker.topics(raw.topics)?,
    })
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
            Some(url) => self.api_url(url, "arxiv.api_url")?,
            None => defaults.api_url,
        };
        let delay = match raw.delay_secs {
            Some(delay) => self.delay(delay, "arxiv.delay_secs", &api_url, &ARXIV_FLOOR)?,
            None => defaults.delay,
        };
        let timeout = match raw.timeout_secs {
            Some(timeout) => self.timeout(timeout, "arxiv.timeout_secs")?,
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
            stale_days: self.in_range(
                raw.stale_days,
                "arxiv.stale_days",
                STALE_DAYS_RANGE,
                defaults.stale_days,
            )?,
            user_agent: match raw.user_agent {
                Some(agent) => self.user_agent(agent)?,
                None => defaults.user_agent,
            },
            api_url,
        })
    }

    fn huggingface(&self, raw: RawHuggingface) -> Result<HfSettings, ConfigError> {
        let defaults = HfSettings::default();
        let api_url = match raw.api_url {
            Some(url) => self.api_url(url, "huggingface.api_url")?,
            None => defaults.api_url,
        };
        let delay = match raw.delay_secs {
            Some(delay) => self.delay(delay, "huggingface.delay_secs", &api_url, &HF_FLOOR)?,
            // The default is the floor itself, which suits any host.
            None => defaults.delay,
        };
        Ok(HfSettings {
            enabled: raw.enabled.unwrap_or(defaults.enabled),
            delay,
            timeout: match raw.timeout_secs {
                Some(timeout) => self.timeout(timeout, "huggingface.timeout_secs")?,
                None => defaults.timeout,
            },
            retries: self.in_range(
                raw.retries,
                "huggingface.retries",
                0..MAX_RETRIES + 1,
                defaults.retries,
            )?,
            api_url,
        })
    }

    fn api_url(&self, raw: Spanned<String>, key: &str) -> Result<String, ConfigError> {
        let span = raw.span();
        let url = raw.into_inner().trim().to_string();
        let parsed = reqwest::Url::parse(&url).ok();
        let web = parsed
            .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !web {
            return Err(self.error(span, key, format!("\"{url}\" is not an http(s) URL")));
        }
        Ok(url)
    }

    fn delay(
        &self,
        raw: Spanned<f64>,
        key: &str,
        api_url: &str,
        floor: &HostFloor,
    ) -> Result<Duration, ConfigError> {
        let span = raw.span();
        let seconds = *raw.get_ref();
        let duration = self.seconds(raw, key, 0.0)?;
        if let Some(host) = host_of(api_url).filter(|host| (floor.is_host)(host))
            && seconds < floor.min.as_secs_f64()
        {
            let min = floor.min.as_secs();
            let unit = if min == 1 { "second" } else { "seconds" };
            return Err(self.error(
                span,
                key,
                format!("{seconds:?} is below {min} {unit}, {} {host}", floor.why),
            ));
        }
        Ok(duration)
    }

    fn timeout(&self, raw: Spanned<f64>, key: &str) -> Result<Duration, ConfigError> {
        let span = raw.span();
        if *raw.get_ref() <= 0.0 {
            return Err(self.error(
                span,
                key,
                format!("{:?} must be more than 0", raw.get_ref()),
            ));
        }
        self.seconds(raw, key, 0.0)
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
        let topic = Topic {
            name,
            title,
            keywords,
            categories,
            authors,
            exclude,
            query,
        };
        if let Some(shown) = raw.search_query
            && one_line(shown.get_ref()) != query::search_query(&topic)
        {
            let message = "is what `papers config show` prints, not a setting: \
                           change `query` or `keywords` instead";
            return Err(self.error(shown.span(), &format!("{key}.search_query"), message));
        }
        Ok(topic)
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
                check_phrase(phrase.get_ref())
                    .map_err(|reason| self.error(phrase.span(), &format!("{key}[{index}]"), reason))
            })
            .collect()
    }

    fn categories(&self, raw: Vec<Spanned<String>>, key: &str) -> Result<Vec<String>, ConfigError> {
        raw.into_iter()
            .enumerate()
            .map(|(index, category)| {
                check_category(category.get_ref()).map_err(|reason| {
                    self.error(category.span(), &format!("{key}[{index}]"), reason)
                })
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
        check_query(raw.get_ref()).map_err(|reason| self.error(raw.span(), key, reason))
    }
}

/// The host when `api_url` is arXiv's own (arxiv.org or a subdomain), whose
/// terms of use set the 3-second minimum.
fn host_of(api_url: &str) -> Option<String> {
    let url = reqwest::Url::parse(api_url).ok()?;
    Some(url.host_str()?.trim_end_matches('.').to_ascii_lowercase())
}
