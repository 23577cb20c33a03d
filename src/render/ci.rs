//! GitHub Actions workflow commands: `::error::` and `::warning::` lines that
//! the runner turns into annotations on the run's summary page.
//!
//! The runner reads them from stdout and stderr alike, so papers prints them
//! on stderr, where its other diagnostics go, and stdout stays data.

use std::ffi::OsStr;

/// How the annotation is shown: red or yellow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    fn command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// Whether to print workflow commands: GitHub sets `GITHUB_ACTIONS=true` in
/// every step it runs, and nothing else should see these lines.
pub fn enabled() -> bool {
    is_github_actions(std::env::var_os("GITHUB_ACTIONS").as_deref())
}

/// The rule behind [`enabled`], given the variable's value.
pub fn is_github_actions(value: Option<&OsStr>) -> bool {
    value == Some(OsStr::new("true"))
}

/// The workflow command for `message` when running under GitHub Actions,
/// else `None`: what a command prints on stderr beside its own diagnostic,
/// e.g. `ci::annotation(Level::Warning, "the cache is 3 days old")`.
pub fn annotation(level: Level, message: &str) -> Option<String> {
    enabled().then(|| workflow_command(level, message))
}

/// One workflow command line, without the trailing newline:
/// `::error::topic npu failed: …`. The message may hold anything; `%`, CR and
/// LF are escaped as the runner expects (a raw newline would end the command
/// and print the rest as plain log text).
pub fn workflow_command(level: Level, message: &str) -> String {
    let mut line = String::with_capacity(message.len() + 12);
    line.push_str("::");
    line.push_str(level.command());
    line.push_str("::");
    for ch in message.chars() {
        match ch {
            '%' => line.push_str("%25"),
            '\r' => line.push_str("%0D"),
            '\n' => line.push_str("%0A"),
            other => line.push(other),
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_names_its_command() {
        assert_eq!(
            workflow_command(Level::Error, "topic npu failed"),
            "::error::topic npu failed"
        );
        assert_eq!(
            workflow_command(Level::Warning, "cache is 3 days old"),
            "::warning::cache is 3 days old"
        );
    }

    #[test]
    fn percent_and_line_breaks_are_escaped_so_the_command_stays_one_line() {
        let line = workflow_command(Level::Error, "100% failed\r\nsecond line\nthird");
        assert_eq!(line, "::error::100%25 failed%0D%0Asecond line%0Athird");
        assert!(!line.contains(['\r', '\n']));
    }

    #[test]
    fn escaping_is_not_applied_twice_to_what_looks_escaped() {
        // A literal "%0A" in a message must come out as text, not a newline.
        assert_eq!(
            workflow_command(Level::Warning, "id %0A"),
            "::warning::id %250A"
        );
    }

    #[test]
    fn colons_commas_and_non_ascii_pass_through_in_the_message() {
        // Only property values need ':' and ',' escaped; the message does not.
        assert_eq!(
            workflow_command(Level::Error, "arXiv API error: bad id, «abc» → 400"),
            "::error::arXiv API error: bad id, «abc» → 400"
        );
    }

    #[test]
    fn only_the_exact_value_true_enables_commands() {
        assert!(is_github_actions(Some(OsStr::new("true"))));
        for other in ["", "1", "TRUE", "false", "true "] {
            assert!(!is_github_actions(Some(OsStr::new(other))), "{other:?}");
        }
        assert!(!is_github_actions(None));
    }
}
