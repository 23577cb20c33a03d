//! `papers config path|init|show`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use crate::cli::{Cli, ConfigCommand};
use crate::config::{self, ConfigSource, DEFAULT_CONFIG};
use crate::exit::{self, UsageError};
use crate::terminal::print_stdout;

pub fn run(cli: &Cli, command: &ConfigCommand) -> anyhow::Result<ExitCode> {
    match command {
        ConfigCommand::Path => path(cli),
        ConfigCommand::Init { force } => init(cli, *force),
        ConfigCommand::Show => show(cli),
    }?;
    Ok(exit::exit_code(exit::SUCCESS))
}

fn path(cli: &Cli) -> anyhow::Result<()> {
    let config = config::load(cli.config.as_deref())?;
    match &config.source {
        ConfigSource::Embedded => {
            print_stdout("built-in default\n")?;
            if let Some(user) = config::user_config_path() {
                eprintln!(
                    "papers: no config file; `papers config init` writes one to {}",
                    user.display()
                );
            }
        }
        source => {
            let shown = source
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            print_stdout(&format!("{shown}\n"))?;
        }
    }
    Ok(())
}

/// Writes the default (with its comments) where the next run will find it.
fn init(cli: &Cli, force: bool) -> anyhow::Result<()> {
    let target: PathBuf = match &cli.config {
        Some(path) => path.clone(),
        None => config::user_config_path().ok_or_else(|| {
            UsageError("no config directory on this system: pass --config FILE".into())
        })?,
    };
    if target.exists() && !force {
        bail!(UsageError(format!(
            "{} already exists; pass --force to replace it",
            target.display()
        )));
    }
    super::write_output(cli, &target, "the config", DEFAULT_CONFIG.as_bytes())?;
    eprintln!("papers: wrote the default config to {}", target.display());
    print_stdout(&format!("{}\n", target.display()))?;
    Ok(())
}

fn show(cli: &Cli) -> anyhow::Result<()> {
    let config = config::load(cli.config.as_deref())?;
    print_stdout(&format!(
        "# effective config, from {}\n{}",
        config.source,
        config.to_toml()
    ))?;
    Ok(())
}
