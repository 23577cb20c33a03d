//! `papers config show`: the effective config as TOML, every key explicit.

use serde::Serialize;

use super::Config;
use crate::arxiv::{ArxivSettings, query};
use crate::huggingface::HfSettings;
use crate::model::Topic;

pub(super) fn to_toml(config: &Config) -> String {
    let shown = ShownConfig {
        arxiv: ShownArxiv::from(&config.arxiv),
        huggingface: ShownHuggingface::from(&config.huggingface),
        display: ShownDisplay {
            pager: config.display.pager,
        },
        topics: config.topics.iter().map(ShownTopic::from).collect(),
    };
    // Only strings, integers and finite floats go in, which always
    // serialize; the fallback keeps `config show` from panicking anyway.
    toml::to_string(&shown)
        .unwrap_or_else(|err| format!("# cannot show the config as TOML: {err}\n"))
}

#[derive(Serialize)]
struct ShownConfig<'a> {
    arxiv: ShownArxiv<'a>,
    huggingface: ShownHuggingface<'a>,
    display: ShownDisplay,
    topics: Vec<ShownTopic<'a>>,
}

#[derive(Serialize)]
struct ShownDisplay {
    pager: bool,
}

#[derive(Serialize)]
struct ShownHuggingface<'a> {
    enabled: bool,
    api_url: &'a str,
    delay_secs: f64,
    timeout_secs: f64,
    retries: u32,
}

impl<'a> From<&'a HfSettings> for ShownHuggingface<'a> {
    fn from(settings: &'a HfSettings) -> Self {
        ShownHuggingface {
            enabled: settings.enabled,
            api_url: &settings.api_url,
            delay_secs: settings.delay.as_secs_f64(),
            timeout_secs: settings.timeout.as_secs_f64(),
            retries: settings.retries,
        }
    }
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
    stale_days: u32,
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
            stale_days: settings.stale_days,
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
    /// What the topic sends to arXiv, built from the keys above; the parser
    /// accepts it back only unchanged.
    search_query: String,
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
            search_query: query::search_query(topic),
        }
    }
}
