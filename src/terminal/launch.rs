//! Opening a URL in the user's browser, for `papers open`.
//!
//! `$BROWSER` comes first, read as Python's `webbrowser` and the old
//! `BROWSER` convention read it: a colon-separated list of commands tried in
//! order, `%s` in a command replaced by the URL (`%%` by a literal `%`), the
//! URL appended as the last argument when there is no `%s`. Then the
//! platform's opener: `xdg-open` on Linux and the BSDs, `open` on macOS,
//! `rundll32 url.dll,FileProtocolHandler` on Windows.
//!
//! No shell ever sees the URL: each command is split into words on
//! whitespace (no quoting; put anything fancier in a script) and run
//! directly, with the URL as one argument. That is also why Windows does
//! not use `cmd /c start`: `cmd` would run whatever follows a `&` in the
//! URL's query string as a second command.

use std::process::{Command, Stdio};

use crate::terminal::links::is_web_url;

/// Opens `url` with `$BROWSER` or the platform opener; false when it is not
/// a web URL or nothing could open it, so the caller prints the URL instead.
pub fn open_url(url: &str) -> bool {
    let browser = std::env::var("BROWSER").ok();
    open_url_with(url, browser.as_deref(), std::env::consts::OS)
}

/// [`open_url`] with the environment passed in: `browser` is `$BROWSER`,
/// `os` is a `std::env::consts::OS` value. Each command is tried in turn
/// until one starts and exits with status 0.
///
/// Commands are waited for: a terminal browser (`w3m`, `lynx`) from
/// `$BROWSER` needs the terminal until it quits, and the platform openers
/// return as soon as they have handed the URL over.
pub fn open_url_with(url: &str, browser: Option<&str>, os: &str) -> bool {
    if !is_web_url(url) {
        return false;
    }
    opener_commands(url, browser, os)
        .iter()
        .any(|argv| run(argv))
}

/// The commands [`open_url_with`] tries, in order, each as the program
/// followed by its arguments: every `$BROWSER` entry, then the platform
/// opener when `os` has one.
pub fn opener_commands(url: &str, browser: Option<&str>, os: &str) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<String>> = browser
        .unwrap_or_default()
        .split(':')
        .filter_map(|entry| browser_command(entry, url))
        .collect();
    commands.extend(platform_opener(os, url));
    commands
}

/// One `$BROWSER` entry as argv; None for an empty entry (`a::b`, a
/// trailing colon).
fn browser_command(entry: &str, url: &str) -> Option<Vec<String>> {
    let mut has_placeholder = false;
    let mut argv: Vec<String> = entry
        .split_whitespace()
        .map(|word| {
            let (expanded, substituted) = expand_placeholders(word, url);
            has_placeholder |= substituted;
            expanded
        })
        .collect();
    if argv.is_empty() {
        return None;
    }
    if !has_placeholder {
        argv.push(url.to_owned());
    }
    Some(argv)
}

/// `word` with each `%s` replaced by `url` and each `%%` by `%`, in one
/// pass so `%%s` stays a literal `%s`; true when a `%s` was replaced.
fn expand_placeholders(word: &str, url: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len());
    let mut substituted = false;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => {
                out.push_str(url);
                substituted = true;
            }
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    (out, substituted)
}

/// The desktop's own "open this URL" program, when `os` has one.
fn platform_opener(os: &str, url: &str) -> Option<Vec<String>> {
    let program: &[&str] = match os {
        "macos" => &["open"],
        "windows" => &["rundll32.exe", "url.dll,FileProtocolHandler"],
        "linux" | "freebsd" | "openbsd" | "netbsd" | "dragonfly" | "illumos" | "solaris" => {
            &["xdg-open"]
        }
        _ => return None,
    };
    let mut argv: Vec<String> = program.iter().map(|&word| word.to_owned()).collect();
    argv.push(url.to_owned());
    Some(argv)
}

/// Runs `argv` with the terminal's stdin and stderr (a terminal browser
/// needs them, an opener's complaint should be seen) and its stdout
/// discarded, which keeps `papers open`'s own stdout for the printed URL.
/// False when it cannot start or exits unsuccessfully.
fn run(argv: &[String]) -> bool {
    let Some((program, args)) = argv.split_first() else {
        return false;
    };
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://arxiv.org/abs/2509.23324";

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|&word| word.to_owned()).collect()
    }

    #[test]
    fn browser_entries_come_first_then_the_platform_opener() {
        assert_eq!(
            opener_commands(URL, Some("firefox --new-tab %s:w3m"), "linux"),
            vec![
                argv(&["firefox", "--new-tab", URL]),
                argv(&["w3m", URL]),
                argv(&["xdg-open", URL]),
            ]
        );
    }

    #[test]
    fn without_browser_only_the_platform_opener_is_tried() {
        for (os, expected) in [
            ("linux", argv(&["xdg-open", URL])),
            ("freebsd", argv(&["xdg-open", URL])),
            ("macos", argv(&["open", URL])),
            (
                "windows",
                argv(&["rundll32.exe", "url.dll,FileProtocolHandler", URL]),
            ),
        ] {
            assert_eq!(opener_commands(URL, None, os), vec![expected], "{os}");
        }
        assert!(opener_commands(URL, None, "wasi").is_empty());
        assert!(opener_commands(URL, Some(""), "wasi").is_empty());
    }

    #[test]
    fn empty_entries_are_skipped_and_placeholders_expand_once() {
        assert_eq!(
            opener_commands(URL, Some("::echo %%s %s 100%%:"), "wasi"),
            vec![argv(&["echo", "%s", URL, "100%"])]
        );
        assert_eq!(
            opener_commands(URL, Some("qutebrowser --target=%s"), "wasi"),
            vec![argv(&["qutebrowser", &format!("--target={URL}")])]
        );
    }

    #[test]
    fn non_web_urls_are_never_launched() {
        for url in ["file:///etc/passwd", "-e", "javascript:x", "https://a b"] {
            assert!(!open_url_with(url, Some("true"), "wasi"), "{url}");
        }
    }

    #[cfg(unix)]
    mod launching {
        use std::os::unix::fs::PermissionsExt;
        use std::path::{Path, PathBuf};

        use super::super::open_url_with;

        /// A `$BROWSER` stand-in that writes each argument on a line of
        /// `record` and exits with `status`. Run as `sh SCRIPT`: executing a
        /// file just written races with other test threads' forks, which
        /// can hold it open for writing (ETXTBSY).
        fn recorder(dir: &Path, status: u8) -> (String, PathBuf) {
            let script = dir.join(format!("browser-{status}"));
            let record = dir.join(format!("args-{status}"));
            let body = format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nexit {status}\n",
                record.display()
            );
            std::fs::write(&script, body).unwrap();
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
            (format!("sh {}", script.display()), record)
        }

        fn temp_dir() -> tempfile::TempDir {
            tempfile::Builder::new()
                .prefix("feed-launch")
                .tempdir()
                .unwrap()
        }

        #[test]
        fn the_url_reaches_browser_as_one_argument_untouched_by_a_shell() {
            let dir = temp_dir();
            let (script, record) = recorder(dir.path(), 0);
            let marker = dir.path().join("pwned");
            let url = format!(
                "https://example.org/?a=1&b=$(touch${{IFS}}{})`id`;c|d",
                marker.display()
            );
            let browser = format!("{script} --flag %s");
            assert!(open_url_with(&url, Some(&browser), "wasi"));
            let args = std::fs::read_to_string(&record).unwrap();
            assert_eq!(args, format!("--flag\n{url}\n"));
            assert!(!marker.exists(), "a shell ran the URL");
        }

        #[test]
        fn the_url_is_appended_without_a_placeholder() {
            let dir = temp_dir();
            let (script, record) = recorder(dir.path(), 0);
            let browser = script;
            assert!(open_url_with(super::URL, Some(&browser), "wasi"));
            let args = std::fs::read_to_string(&record).unwrap();
            assert_eq!(args, format!("{}\n", super::URL));
        }

        #[test]
        fn a_missing_or_failing_browser_falls_through_to_the_next() {
            let dir = temp_dir();
            let (failing, failing_record) = recorder(dir.path(), 1);
            let (working, working_record) = recorder(dir.path(), 0);
            let missing = dir.path().join("no-such-browser");
            let browser = format!("{}:{failing}:{working}", missing.display());
            assert!(open_url_with(super::URL, Some(&browser), "wasi"));
            assert!(failing_record.exists(), "the failing one was tried");
            assert!(working_record.exists(), "then the next one");
        }

        #[test]
        fn nothing_that_works_reports_failure() {
            let dir = temp_dir();
            let (failing, _) = recorder(dir.path(), 1);
            let browser = failing;
            assert!(!open_url_with(super::URL, Some(&browser), "wasi"));
            assert!(!open_url_with(super::URL, None, "wasi"));
        }
    }
}
