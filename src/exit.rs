//! Exit codes, and the error kinds that select them.
//!
//! 0 ok, 1 partial failure (a topic failed, a network error), 2 usage or
//! config error, 3 cache error. Scripts and cron rely on these; the README
//! documents them.

use std::fmt;
use std::process::ExitCode;

use crate::config::ConfigError;
use crate::storage::cache::CacheError;
use crate::storage::state::StateError;

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
        if cause.is::<ConfigError>()
            || cause.is::<UsageError>()
            || cause.is::<crate::storage::output::OwnFileRefused>()
        {
            return USAGE;
        }
        if cause.is::<CacheError>() || cause.is::<StateError>() {
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

/// clap's usage errors span several lines (usage, possible values, tips, a
/// pointer to --help); papers' errors are one line: the message, then the
/// possible values and tips in brackets.
pub fn clap_error_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let mut message = String::new();
    let mut tips = Vec::new();
    for line in rendered
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        if let Some(text) = line.strip_prefix("error: ") {
            message = text.to_owned();
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip.to_owned());
        }
    }
    if message.is_empty() {
        message = rendered.lines().next().unwrap_or_default().to_owned();
    }
    // clap lists the valid values only in its rich layout, which `render`
    // leaves out when a tip takes their place: read them from the context.
    if let Some(clap::error::ContextValue::Strings(values)) =
        err.get(clap::error::ContextKind::ValidValue)
        && !values.is_empty()
    {
        tips.insert(0, format!("possible values: {}", values.join(", ")));
    }
    if !tips.is_empty() {
        message.push_str(&format!(" ({})", tips.join("; ")));
    }
    format!("{message}; see `papers --help`")
}

pub fn exit_code(code: u8) -> ExitCode {
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn clap_errors_become_one_line_with_their_tips() {
        let err = crate::cli::Cli::try_parse_from(["papers", "lst"]).expect_err("no such command");
        let line = clap_error_line(&err);
        assert_eq!(line.lines().count(), 1, "{line}");
        assert!(line.starts_with("unrecognized subcommand 'lst'"), "{line}");
        assert!(line.contains("'list'"), "the suggestion survives: {line}");

        let err = crate::cli::Cli::try_parse_from(["papers", "fetch", "--max", "0"])
            .expect_err("out of range");
        let line = clap_error_line(&err);
        assert!(
            line.starts_with("invalid value '0' for '--max <N>'"),
            "{line}"
        );
        assert!(line.ends_with("see `papers --help`"), "{line}");

        let err = crate::cli::Cli::try_parse_from(["papers", "list", "--sort", "nope"])
            .expect_err("no such sort key");
        let line = clap_error_line(&err);
        assert_eq!(line.lines().count(), 1, "{line}");
        assert!(
            line.contains("(possible values: date, updated, title, score, upvotes, fit)"),
            "{line}"
        );
    }
}
