//! `papers completions SHELL` and the hidden `papers man`: generated from
//! the clap definitions, so they never fall behind the real flags. The
//! committed copies under `completions/` are checked against these by
//! `tests/it/completions.rs`.
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

/// Writes the roff man page of `command_path` (empty: papers itself; `["config", "init"]`:
/// `papers config init`) to `out`. Pages carry no date, so they only change
/// when the interface or the version does.
pub fn write_man_page(command_path: &[String], out: &mut dyn Write) -> io::Result<()> {
    let page = man_command(command_path).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("no command `papers {}`", command_path.join(" ")),
        )
    })?;
    Man::new(page)
        .source(format!("{BIN_NAME} {}", env!("CARGO_PKG_VERSION")))
        .render(out)
}

/// Every page's command path, papers first, then each visible command
/// depth-first: one page each, named as git and cargo name theirs
/// (`papers-config-init.1`), so the SEE ALSO references resolve.
pub fn man_page_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: Vec<String>, pages: &mut Vec<Vec<String>>) {
        pages.push(path.clone());
        for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_owned());
            walk(sub, sub_path, pages);
        }
    }
    let mut pages = Vec::new();
    walk(&Cli::command(), Vec::new(), &mut pages);
    pages
}

/// `papers-config-init` for `["config", "init"]`.
pub fn man_page_name(command_path: &[String]) -> String {
    std::iter::once(BIN_NAME)
        .chain(command_path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-")
}

/// The clap command for a page, renamed so its NAME and SYNOPSIS read as
/// the user types it.
fn man_command(command_path: &[String]) -> Option<clap::Command> {
    let mut command = Cli::command().name(BIN_NAME);
    // Building propagates the global flags (--config, ...) to every command.
    command.build();
    for name in command_path {
        command = command.find_subcommand(name)?.clone();
    }
    let typed = std::iter::once(BIN_NAME)
        .chain(command_path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    Some(command.name(man_page_name(command_path)).bin_name(typed))
}

pub fn completions(shell: Shell) -> anyhow::Result<ExitCode> {
    let mut stdout = io::stdout().lock();
    write_completion(shell, &mut stdout)?;
    stdout.flush()?;
    Ok(exit::exit_code(exit::SUCCESS))
}

pub fn man_page(command_path: &[String]) -> anyhow::Result<ExitCode> {
    if man_command(command_path).is_none() {
        anyhow::bail!(exit::UsageError(format!(
            "no command `papers {}` to show a man page for",
            command_path.join(" ")
        )));
    }
    let mut page = Vec::new();
    write_man_page(command_path, &mut page)?;
    let mut stdout = io::stdout().lock();
    stdout.write_all(&page)?;
    stdout.flush()?;
    Ok(exit::exit_code(exit::SUCCESS))
}
