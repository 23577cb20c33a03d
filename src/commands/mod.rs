//! One module per subcommand; `run` dispatches.

pub mod completions;
pub mod config;
pub mod export;
pub mod fetch;
pub mod list;
pub mod marks;
pub mod search;
pub mod show;
pub mod stats;
pub mod try_query;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::storage::cache::{Cache, CacheError, CacheStore, ShardMeta};
use crate::terminal::Terminal;

pub fn run(cli: &Cli, terminal: Terminal) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Fetch(args) => fetch::run(cli, args, terminal),
        Command::List(args) => list::run(cli, args, terminal),
        Command::Show(args) => show::run(cli, args, terminal),
        Command::Search(args) => search::run(cli, args, terminal),
        Command::Export(args) => export::run(cli, args),
        Command::Stats(args) => stats::run(cli, args, terminal),
        Command::Star(args) => marks::star(cli, args),
        Command::Unstar { id } => marks::unstar(id),
        Command::Tag(args) => marks::tag(cli, args),
        Command::Seen(args) => marks::seen(cli, args),
        Command::Try(args) => try_query::run(cli, args, terminal),
        Command::Config(command) => config::run(cli, command),
        Command::Completions { shell } => completions::completions(*shell),
        Command::Man { command } => completions::man_page(command),
    }
}

/// The cache for a command that only reads it, with the shards `wanted`
/// accepts; says on stderr how to fill it when there is none yet.
fn read_cache(
    cli: &Cli,
    wanted: impl Fn(&str, &ShardMeta) -> bool + Sync,
) -> Result<Cache, CacheError> {
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let cache = store.load_where(wanted)?;
    if !store.exists() {
        no_cache_yet(&store);
    }
    Ok(cache)
}

fn no_cache_yet(store: &CacheStore) {
    eprintln!(
        "papers: no cache yet at {}: run `papers fetch` first",
        store.path().display()
    );
}

/// A whole cache in memory is millions of small allocations: the process is
/// about to exit, and the OS takes the memory back far faster than freeing
/// them one by one would.
fn exit_without_freeing(cache: Cache) {
    std::mem::forget(cache);
}
