//! `papers completions SHELL` and the hidden `papers man`. (being written)

use std::process::ExitCode;

pub fn completions(_shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    anyhow::bail!("papers completions is not implemented yet")
}

pub fn man_page() -> anyhow::Result<ExitCode> {
    anyhow::bail!("papers man is not implemented yet")
}
