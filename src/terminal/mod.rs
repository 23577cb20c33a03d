//! Terminal decisions made once: colour, progress bars, table width, the
//! pager, and the stdout writer every command prints data through.

pub(crate) mod launch;
pub(crate) mod links;
pub mod sanitize;

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// `--color`: the flag wins, then `NO_COLOR`, then whether the stream is a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self, stream_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => no_color_unset() && stream_is_terminal,
        }
    }
}

/// <https://no-color.org>: any non-empty value turns colour off.
fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// What a command may do to the terminal, decided once in `main`.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// Colour on stderr (errors, fetch summary).
    pub color_stderr: bool,
    /// Colour on stdout (search hits highlighted).
    pub color_stdout: bool,
    /// Progress bars on stderr: only for a person watching a terminal.
    pub progress: bool,
    /// Width to fit tables to; for a pipe `COLUMNS` or None.
    pub stdout_width: Option<u16>,
    /// OSC 8 links on ids and code URLs: stdout is a terminal that supports
    /// them and colour is not `never`.
    pub links: bool,
}

/// The screen height when output longer than it goes through the pager;
/// unset (no paging) in pipes, with `--no-pager`, and in tests.
static PAGE_ROWS: OnceLock<usize> = OnceLock::new();

impl Terminal {
    /// Decides colour, progress and width, and turns the pager on when
    /// stdout is a terminal and `no_pager` is false.
    pub fn detect_with_pager(choice: ColorChoice, no_pager: bool) -> Self {
        let terminal = Terminal::detect(choice);
        if !no_pager
            && io::stdout().is_terminal()
            && let Some((rows, _cols)) = console::Term::stdout().size_checked()
        {
            let _ = PAGE_ROWS.set(usize::from(rows));
        }
        terminal
    }

    pub fn detect(choice: ColorChoice) -> Self {
        let stderr_tty = io::stderr().is_terminal();
        let color_stderr = choice.enabled(stderr_tty);
        console::set_colors_enabled_stderr(color_stderr);
        let color_stdout = choice.enabled(io::stdout().is_terminal());
        console::set_colors_enabled(color_stdout);
        Terminal {
            color_stderr,
            color_stdout,
            progress: stderr_tty,
            stdout_width: stdout_width(),
            links: choice != ColorChoice::Never && links::terminal_supports_links(),
        }
    }
}

/// The terminal's width; for a pipe or file `COLUMNS` when set (so
/// `COLUMNS=40 papers list | less` fits), else none: columns take their
/// content's width and each paper stays on one line for `grep`.
fn stdout_width() -> Option<u16> {
    if !io::stdout().is_terminal() {
        return std::env::var("COLUMNS")
            .ok()
            .and_then(|value| value.trim().parse::<u16>().ok())
            .filter(|&width| width > 0);
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_rows, cols)| cols)
}

/// The pager command, as git chooses it: `$PAPERS_PAGER`, else `$PAGER`,
/// else `less -FRX` (quits when the text fits, keeps colours and links,
/// leaves the text on screen). Empty or `cat` means no pager.
pub fn pager_command(papers_pager: Option<&str>, pager: Option<&str>) -> Option<String> {
    let chosen = papers_pager.or(pager).unwrap_or("less -FRX").trim();
    (!chosen.is_empty() && chosen != "cat").then(|| chosen.to_owned())
}

/// Whether output may go through the pager (stdout is a terminal and
/// paging is on): streamed output would bypass it.
pub fn may_page() -> bool {
    PAGE_ROWS.get().is_some()
}

/// Sends `text` through the pager when it is on and `text` is taller than
/// the screen; false when it did not (the caller prints it itself).
fn page(text: &str) -> bool {
    let Some(&rows) = PAGE_ROWS.get() else {
        return false;
    };
    if text.lines().count() < rows {
        return false;
    }
    let papers_pager = std::env::var("PAPERS_PAGER").ok();
    let pager = std::env::var("PAGER").ok();
    let Some(command) = pager_command(papers_pager.as_deref(), pager.as_deref()) else {
        return false;
    };
    // Through the shell, as git and man run $PAGER: it may hold arguments.
    let mut shell = Command::new("sh");
    shell.args(["-c", &command]).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        shell.env("LESS", "FRX");
    }
    let Ok(mut child) = shell.spawn() else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader quitting the pager early closes the pipe: not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    true
}

/// Writes `text` to stdout in one go, through the pager when it is on and
/// the text does not fit the screen. A closed pipe surfaces as an
/// `io::ErrorKind::BrokenPipe` error, which `main` treats as a quiet exit.
pub fn print_stdout(text: &str) -> io::Result<()> {
    if page(text) {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Streams output to stdout through a buffer, for output too large to build
/// as one string first (`list --format json` of a whole cache). Errors as
/// [`print_stdout`].
pub fn write_stdout(fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    fill(&mut out)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::pager_command;

    #[test]
    fn the_pager_is_chosen_as_git_chooses_it() {
        assert_eq!(pager_command(None, None).as_deref(), Some("less -FRX"));
        assert_eq!(pager_command(None, Some("more")).as_deref(), Some("more"));
        assert_eq!(
            pager_command(Some("bat -p"), Some("more")).as_deref(),
            Some("bat -p")
        );
        assert_eq!(pager_command(Some(""), Some("more")), None, "empty: off");
        assert_eq!(pager_command(None, Some("cat")), None);
    }
}
