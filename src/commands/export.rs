//! `papers export`: the whole topic page. (being written)

use std::process::ExitCode;

use crate::cli::{Cli, ExportArgs};

pub fn run(_cli: &Cli, _args: &ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("papers export is not implemented yet")
}
