//! One module per subcommand; `run` dispatches.

pub mod config;
pub mod fetch;
pub mod list;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::output::Terminal;

pub fn run(cli: &Cli, terminal: Terminal) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Fetch(args) => fetch::run(cli, args, terminal),
        Command::List(args) => list::run(cli, args, terminal),
        Command::Config(command) => config::run(cli, command),
    }
}
