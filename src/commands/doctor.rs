//! `papers doctor [--repair]`: checks the cache index against its shard
//! files and, with `--repair`, mends it (see [`crate::storage::cache`]'s
//! doctor for what is done and what is never done). Exits 1 while anything
//! is wrong, so a cron job or a script can tell.

use std::process::ExitCode;

use crate::cli::{Cli, DoctorArgs, DoctorFormat};
use crate::exit;
use crate::storage::cache::{CacheStore, Checkup, Repair};
use crate::terminal::print_stdout;
use crate::terminal::sanitize::terminal_safe;

pub fn run(cli: &Cli, args: &DoctorArgs) -> anyhow::Result<ExitCode> {
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let repair = if args.repair {
        Some(store.repair()?)
    } else {
        None
    };
    let checkup = store.checkup()?;
    let text = match args.format {
        DoctorFormat::Json => {
            let report = serde_json::json!({
                "cache_dir": store.dir(),
                "healthy": checkup.is_healthy(),
                "checkup": checkup,
                "repair": repair,
            });
            serde_json::to_string_pretty(&report)? + "\n"
        }
        DoctorFormat::Text => render_text(&store, &checkup, repair.as_ref()),
    };
    print_stdout(&text)?;
    Ok(exit::exit_code(if checkup.is_healthy() {
        exit::SUCCESS
    } else {
        exit::PARTIAL_FAILURE
    }))
}

fn render_text(store: &CacheStore, checkup: &Checkup, repair: Option<&Repair>) -> String {
    let mut out = String::new();
    if let Some(repair) = repair {
        for action in &repair.actions {
            out.push_str(&format!("repaired: {}\n", terminal_safe(action)));
        }
        if let Some(oldest) = repair
            .lost_shards
            .iter()
            .filter(|key| *key != "other")
            .min()
        {
            out.push_str(&format!(
                "lost: {} papers in {}; `papers fetch --since {oldest}-01` fetches again what \
                 arXiv still lists for your topics from then on\n",
                repair.lost_papers,
                repair.lost_shards.join(", ")
            ));
        }
        if repair.actions.is_empty() {
            out.push_str("repaired: nothing to do\n");
        }
    }
    for finding in &checkup.findings {
        out.push_str(&format!(
            "{}: {}: {}\n",
            finding.kind,
            terminal_safe(&finding.path.display().to_string()),
            terminal_safe(&finding.detail)
        ));
    }
    if checkup.is_healthy() {
        out.push_str(&format!(
            "cache ok: {} shards, {} papers in {}\n",
            checkup.shards,
            checkup.papers,
            terminal_safe(&store.dir().display().to_string())
        ));
    } else if repair.is_none() {
        out.push_str("run `papers doctor --repair` to mend the cache\n");
    }
    out
}
