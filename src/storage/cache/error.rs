//! Everything that can go wrong with the cache files; exits with code 3.

use std::fmt;
use std::io;
use std::path::Path;

use super::SCHEMA_VERSION;

#[derive(Debug)]
pub struct CacheError {
    message: String,
    /// A shard named by the index is gone: a writer replaced it between our
    /// reading the index and the shard. Worth one more read, not an error.
    pub(super) vanished: bool,
    /// The shard is missing or unreadable (not merely newer): a reader can
    /// go on over the other shards.
    pub(super) damaged: bool,
}

impl CacheError {
    pub(super) fn new(message: impl Into<String>) -> Self {
        CacheError {
            message: message.into(),
            vanished: false,
            damaged: false,
        }
    }

    /// For the cache dir's other files (the Hugging Face signals), which
    /// fail the same way.
    pub(in crate::storage) fn other(message: impl Into<String>) -> Self {
        CacheError::new(message)
    }

    pub(super) fn io(action: &str, path: &Path, err: &io::Error) -> Self {
        CacheError::new(format!("cannot {action} {}: {err}", path.display()))
    }

    /// A file that does not parse: where, why, and that it was not touched.
    pub(super) fn invalid(path: &Path, err: &serde_json::Error) -> Self {
        CacheError::new(format!(
            "cache {} is not valid (line {}, column {}: {}); it was left untouched: \
             run `papers doctor` to check the cache and `papers doctor --repair` to mend it",
            path.display(),
            err.line(),
            err.column(),
            strip_position(err)
        ))
    }

    pub(super) fn newer_schema(path: &Path, version: u32) -> Self {
        CacheError::new(format!(
            "cache {} has schema version {version}, newer than this papers understands \
             ({SCHEMA_VERSION}); upgrade papers or point --cache-dir elsewhere",
            path.display()
        ))
    }
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CacheError {}

/// serde_json appends " at line L column C" to its messages; we print those separately.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}
