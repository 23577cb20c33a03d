//! Exit codes, and the error kinds that select them.
//!
//! 0 ok, 1 partial failure (a topic failed, a network error), 2 usage or
//! config error, 3 cache error. Scripts and cron rely on these; the README
//! documents them.

use std::fmt;
use std::process::ExitCode;

use crate::cache::CacheError;
use crate::config::ConfigError;

pub const SUCCESS: u8 = 0;
pub const PARTIAL_FAILURE: u8 = 1;
pub const USAGE: u8 = 2;
pub const CACHE: u8 = 3;

/// A mistake in what the user typed on the command line (a bad date, an
/// unknown id), as opposed to a network or disk failure.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Picks the exit code from the first typed error in the cause chain.
pub fn code_for(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.is::<ConfigError>() || cause.is::<UsageError>() {
            return USAGE;
        }
        if cause.is::<CacheError>() {
            return CACHE;
        }
    }
    PARTIAL_FAILURE
}

/// True when the error only says stdout was closed early (`papers list | head`),
/// which is not a failure worth reporting.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn exit_code(code: u8) -> ExitCode {
    ExitCode::from(code)
}
