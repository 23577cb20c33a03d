//! `papers completions SHELL` and the hidden `papers man`: generated from
//! the clap definitions, so they never fall behind the real flags. The
//! committed copies under `completions/` are checked against these by
//! `tests/completions.rs`.
//!
//! Completion is static: topic names live in the user's config, which a
//! generated script cannot know, and clap_complete only completes them
//! dynamically behind its `unstable-dynamic` feature, so `--topic` completes
//! no values.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory as _;
use clap_complete::Shell;
use clap_mangen::Man;

use crate::cli::Cli;
use crate::exit;

/// The name scripts complete and the man page documents, whatever the
/// binary file happens to be called.
pub const BIN_NAME: &str = "papers";

/// Writes the completion script for `shell` to `out`.
pub fn write_completion(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    // clap_complete panics when its writer fails, so it writes to memory
    // and only this copy can meet a closed pipe or a full disk.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN_NAME, &mut script);
    out.write_all(&script)
}

/// Writes the roff man page to `out`. It carries no date, so it only
/// changes when the interface or the version does.
pub fn write_man_page(out: &mut dyn Write) -> io::Result<()> {
    Man::new(Cli::command().name(BIN_NAME)).render(out)
}

pub fn completions(shell: Shell) -> anyhow::Result<ExitCode> {
    let mut stdout = io::stdout().lock();
    write_completion(shell, &mut stdout)?;
    stdout.flush()?;
    Ok(exit::exit_code(exit::SUCCESS))
}

pub fn man_page() -> anyhow::Result<ExitCode> {
    let mut stdout = io::stdout().lock();
    write_man_page(&mut stdout)?;
    stdout.flush()?;
    Ok(exit::exit_code(exit::SUCCESS))
}
