//! Entry point: parse the command line, run the command, report an error once.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use papers::cli::Cli;
use papers::terminal::Terminal;
use papers::terminal::sanitize::terminal_safe;
use papers::{commands, exit};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version are not mistakes to report: clap prints them.
        Err(err) if !err.use_stderr() => err.exit(),
        // A bare `papers`: the short help and where to start, on stderr with
        // exit 2, as clap's `arg_required_else_help` does (a script that
        // runs `papers $EMPTY` learns it ran nothing).
        Err(err) if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let help = Cli::command().render_help();
            eprintln!("{help}");
            eprintln!(
                "Start with `papers fetch` (it fetches the configured topics), then `papers list`."
            );
            return exit::exit_code(exit::USAGE);
        }
        Err(err) => {
            let argv: Vec<String> = std::env::args_os()
                .map(|arg| arg.to_string_lossy().into_owned())
                .collect();
            let line = (err.kind() == ErrorKind::UnknownArgument)
                .then(|| commands::search::exclusion_before_dashes(&argv))
                .flatten()
                .unwrap_or_else(|| exit::clap_error_line(&err));
            eprintln!("papers: error: {}", terminal_safe(&line));
            return exit::exit_code(exit::USAGE);
        }
    };
    let no_pager = cli.no_pager || !commands::config_allows_pager(&cli);
    let terminal = Terminal::detect_with_pager(cli.color, no_pager);
    match commands::run(&cli, terminal) {
        Ok(code) => code,
        // `papers list | head`: the reader left; nothing went wrong.
        Err(err) if exit::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err, terminal);
            exit::exit_code(exit::code_for(&err))
        }
    }
}

/// One line: the error and its causes, `outer: cause: root`.
fn report(err: &anyhow::Error, terminal: Terminal) {
    let label = if terminal.color_stderr {
        "\x1b[1;31merror:\x1b[0m"
    } else {
        "error:"
    };
    // Errors quote what servers and files said: never raw to the terminal.
    let line = terminal_safe(&format!("{err:#}")).into_owned();
    eprintln!("papers: {label} {line}");
}
