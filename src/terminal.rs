//! Terminal decisions made once: colour, progress bars, table width, and the
//! stdout writer every command prints data through.

use std::io::{self, IsTerminal, Write};

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
}

impl Terminal {
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

/// Writes `text` to stdout in one go. A closed pipe surfaces as an
/// `io::ErrorKind::BrokenPipe` error, which `main` treats as a quiet exit.
pub fn print_stdout(text: &str) -> io::Result<()> {
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
