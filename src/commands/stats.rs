//! `papers stats`: papers per period and topic. (being written)

use std::process::ExitCode;

use crate::cli::{Cli, StatsArgs};
use crate::output::Terminal;

pub fn run(_cli: &Cli, _args: &StatsArgs, _terminal: Terminal) -> anyhow::Result<ExitCode> {
    anyhow::bail!("papers stats is not implemented yet")
}
