//! One module per subcommand; `run` dispatches.

pub mod completions;
pub mod config;
pub mod export;
pub mod fetch;
pub mod list;
pub mod show;
pub mod stats;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::output::Terminal;

pub fn run(cli: &Cli, terminal: Terminal) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Fetch(args) => fetch::run(cli, args, terminal),
        Command::List(args) => list::run(cli, args, terminal),
        Command::Show(args) => show::run(cli, args, terminal),
        Command::Export(args) => export::run(cli, args),
        Command::Stats(args) => stats::run(cli, args, terminal),
        Command::Config(command) => config::run(cli, command),
        Command::Completions { shell } => completions::completions(*shell),
        Command::Man { command } => completions::man_page(command),
    }
}
