//! `papers show ID`: one paper in full. (being written)

use std::process::ExitCode;

use crate::cli::{Cli, ShowArgs};
use crate::output::Terminal;

pub fn run(_cli: &Cli, _args: &ShowArgs, _terminal: Terminal) -> anyhow::Result<ExitCode> {
    anyhow::bail!("papers show is not implemented yet")
}
