//! The TOML config: which arXiv topics to follow and how politely to fetch them.
//!
//! Two layers: `Raw*` structs mirror the file (with spans, so semantic errors
//! can point at a line), and the validated [`ArxivSettings`] and [`Topic`]
//! the rest of the crate uses. Every problem becomes one [`ConfigError`] line
//! `file:line:col: key: what is wrong`, which `exit` maps to exit code 2.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The built-in config: used when no file is found, and what `papers config
/// init` writes.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/default.toml");

/// Environment variable naming a config file (below --config, above the user file).
pub const CONFIG_ENV: &str = "PAPERS_CONFIG";

const EMBEDDED_NAME: &str = "built-in default (config/default.toml)";

mod error;
mod show;
#[cfg(test)]
mod tests;
mod validate;

pub use error::{ConfigError, Position};

use crate::arxiv::ArxivSettings;
use crate::huggingface::HfSettings;
use crate::model::Topic;
pub use validate::{Parsed, check_category, check_phrase, check_query, parse, parse_all};

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

/// How output is shown (`[display]`).
#[derive(Debug, Clone, PartialEq)]
pub struct DisplaySettings {
    /// Page output taller than the terminal (`--no-pager` overrides).
    pub pager: bool,
}

impl Default for DisplaySettings {
    fn default() -> Self {
        DisplaySettings { pager: true }
    }
}

/// The validated config and where it came from.
#[derive(Debug, Clone)]
pub struct Config {
    pub arxiv: ArxivSettings,
    pub huggingface: HfSettings,
    pub display: DisplaySettings,
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

    /// The topics `--topic` names, or all of them in config order. An
    /// unknown name lists the configured ones, since a typo is the usual cause.
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
        show::to_toml(self)
    }
}

/// Which source wins: the flag, then a non-empty `$PAPERS_CONFIG`, then the
/// user file if it exists, then the built-in default. Kept free of I/O so
/// the order is tested on its own.
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

/// The config in effect: `--config`, else `$PAPERS_CONFIG`, else the user
/// file, else the built-in default; read and validated. Every error is one
/// line naming the file, since the reader has to go and fix it.
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
    let parsed = match source.path() {
        Some(path) => {
            let origin = path.display().to_string();
            parse_all(&read_config_file(path, &source)?, &origin)?
        }
        None => parse_all(DEFAULT_CONFIG, EMBEDDED_NAME)?,
    };
    Ok(Config {
        arxiv: parsed.arxiv,
        huggingface: parsed.huggingface,
        display: parsed.display,
        topics: parsed.topics,
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
