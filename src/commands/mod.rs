//! One module per subcommand; `run` dispatches.

pub mod completions;
pub(crate) mod config;
pub(crate) mod doctor;
pub(crate) mod export;
pub(crate) mod fetch;
pub(crate) mod import;
pub(crate) mod list;
pub(crate) mod marks;
pub(crate) mod open;
pub mod search;
pub(crate) mod show;
pub(crate) mod similar;
pub(crate) mod stats;
pub(crate) mod status;
pub(crate) mod trending;
pub(crate) mod try_query;

use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

use crate::cli::{Cli, Command};
use crate::model::CachedPaper;
use crate::storage::cache::{Cache, CacheError, CacheStore, OpenShards, ShardDamage, ShardMeta};
use crate::storage::huggingface::{HfData, HfStore};
use crate::terminal::Terminal;

/// Whether `[display] pager` allows paging. Read only for a terminal (a
/// pipe never pages); a config that does not load is left for the command
/// to report.
pub fn config_allows_pager(cli: &Cli) -> bool {
    use std::io::IsTerminal as _;
    !std::io::stdout().is_terminal()
        || crate::config::load(cli.config.as_deref()).map_or(true, |config| config.display.pager)
}

pub fn run(cli: &Cli, terminal: Terminal) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Fetch(args) => fetch::run(cli, args, terminal),
        Command::List(args) => list::run(cli, args, terminal),
        Command::Show(args) => show::run(cli, args, terminal),
        Command::Search(args) => search::run(cli, args, terminal),
        Command::Open(args) => open::run(cli, args),
        Command::Export(args) => export::run(cli, args),
        Command::Stats(args) => stats::run(cli, args, terminal),
        Command::Status(args) => status::run(cli, args),
        Command::Trending(args) => trending::run(cli, args, terminal),
        Command::Star(args) => marks::star(cli, args),
        Command::Unstar { id } => marks::unstar(id),
        Command::Tag(args) => marks::tag(cli, args),
        Command::Seen(args) => marks::seen(cli, args),
        Command::Try(args) => try_query::run(cli, args, terminal),
        Command::Doctor(args) => doctor::run(cli, args),
        Command::Dismiss { ids } => marks::dismiss(cli, ids),
        Command::Undismiss { ids } => marks::undismiss(ids),
        Command::Similar(args) => similar::run(cli, args, terminal),
        Command::Import(args) => import::run(cli, args),
        Command::Config(command) => config::run(cli, command),
        Command::Completions { shell } => completions::completions(*shell),
        Command::Complete { names } => completions::complete(cli, *names),
        Command::Man { command } => completions::man_page(command),
    }
}

/// Writes a file the user named (`-` is stdout) the one way every writing
/// option does, refusing papers' own files; `what` names it in errors.
fn write_output(cli: &Cli, path: &std::path::Path, what: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let own = crate::storage::output::OwnFiles {
        cache_dir: CacheStore::resolve(cli.cache_dir.as_deref())?
            .dir()
            .to_path_buf(),
        data_dir: crate::storage::state::StateStore::resolve()
            .ok()
            .map(|store| store.dir().to_path_buf()),
    };
    crate::storage::output::write_output(path, &own, bytes).map_err(|err| match err {
        crate::storage::output::OutputError::Refused(refused) => anyhow::Error::new(refused),
        crate::storage::output::OutputError::Io(err) => {
            anyhow::Error::new(err).context(format!("cannot write {what} to {}", path.display()))
        }
    })
}

/// The cache for a command that only reads it, with the shards `wanted`
/// accepts; says on stderr how to fill it when there is none yet.
fn read_cache(
    cli: &Cli,
    wanted: impl Fn(&str, &ShardMeta) -> bool + Sync,
) -> Result<Cache, CacheError> {
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let mut cache = store.load_where(wanted)?;
    HfStore::new(store.dir()).load()?.join(&mut cache);
    say_if_no_cache(&store);
    warn_if_damaged(&cache);
    Ok(cache)
}

/// On stderr, how to fill or mend a cache that has no index yet.
fn say_if_no_cache(store: &CacheStore) {
    if !store.exists() && store.has_shard_files() {
        eprintln!(
            "papers: warning: the cache index {} is missing but its shards are there: \
             run `papers doctor --repair` to rebuild it",
            store.path().display()
        );
    } else if !store.exists() {
        eprintln!(
            "papers: no cache yet at {}: run `papers fetch` first",
            store.path().display()
        );
    }
}

/// One stderr line when a read had to skip shards: the command went on over
/// the rest, and the reader should know what is missing and what mends it.
fn warn_if_damaged(cache: &Cache) {
    warn_if_damage(cache.damage());
}

fn warn_if_damage(damage: &[ShardDamage]) {
    if damage.is_empty() {
        return;
    }
    let shards: Vec<String> = damage
        .iter()
        .map(|shard| {
            let why = if shard.reason == "missing" {
                "missing"
            } else {
                "unreadable"
            };
            format!("{} (shards/{}, {why})", shard.key, shard.file)
        })
        .collect();
    eprintln!(
        "papers: warning: skipped damaged cache shard{} {}; showing the rest: run `papers doctor`",
        if shards.len() == 1 { "" } else { "s" },
        crate::terminal::sanitize::terminal_safe(&shards.join(", "))
    );
}

/// The opened shards of a command that reads them one at a time, each
/// with its Hugging Face data joined in. A shard that cannot be read is
/// damage, warned about once at the end, not a reason to stop; different
/// shards may be read on different threads.
struct ShardReader {
    open: OpenShards,
    hf: HfData,
    damage: Mutex<Vec<ShardDamage>>,
}

impl ShardReader {
    /// The shards `wanted` accepts (None for a schema 1 cache served as it
    /// is, which has none); says on stderr how to fill a cache not there.
    fn open(
        store: &CacheStore,
        wanted: impl Fn(&str, &ShardMeta) -> bool,
    ) -> Result<Option<Self>, CacheError> {
        let Some(open) = store.open_where(wanted)? else {
            return Ok(None);
        };
        say_if_no_cache(store);
        let hf = HfStore::new(store.dir()).load()?;
        let damage = Mutex::new(open.index.damage().to_vec());
        Ok(Some(ShardReader { open, hf, damage }))
    }

    fn index(&self) -> &Cache {
        &self.open.index
    }

    /// The opened shards' keys and summaries; `read` takes their positions.
    fn summaries(&self) -> impl Iterator<Item = (&str, &ShardMeta)> {
        self.open.summaries()
    }

    fn shard_count(&self) -> usize {
        self.summaries().count()
    }

    /// The papers of the shard at `position` (see [`OpenShards::read`]).
    fn read(&self, position: usize, buffer: &mut Vec<u8>) -> Result<Vec<CachedPaper>, CacheError> {
        match self.open.read(position, buffer)? {
            Ok(mut papers) => {
                self.hf.join_papers(&mut papers);
                Ok(papers)
            }
            Err(damaged) => {
                let mut damage = self.damage.lock().unwrap_or_else(PoisonError::into_inner);
                if !damage.iter().any(|known| known.key == damaged.key) {
                    damage.push(damaged);
                }
                Ok(Vec::new())
            }
        }
    }

    /// One stderr line naming the shards that could not be read, if any.
    fn warn_if_damaged(self) {
        warn_if_damage(
            &self
                .damage
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner),
        );
    }
}

/// A whole cache in memory is millions of small allocations: the process is
/// about to exit, and the OS takes the memory back far faster than freeing
/// them one by one would.
fn exit_without_freeing(cache: Cache) {
    std::mem::forget(cache);
}
