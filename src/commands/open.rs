//! `papers open ID [--pdf|--code]`: the paper's abs page (or PDF, or code
//! repository) in the browser, as `gh browse` does for a repository.

use std::process::ExitCode;

use anyhow::anyhow;

use crate::cli::{Cli, OpenArgs};
use crate::exit::{self, UsageError};
use crate::model::ids;
use crate::storage::cache::CacheStore;
use crate::storage::huggingface::HfStore;
use crate::terminal::launch;
use crate::terminal::print_stdout;
use crate::triage::codelink::code_url;

pub fn run(cli: &Cli, args: &OpenArgs) -> anyhow::Result<ExitCode> {
    let (id, _version) = ids::parse_user_id(&args.id).map_err(UsageError)?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let mut cached = store
        .load_ids([id.as_str()])?
        .papers
        .remove(&id)
        .ok_or_else(|| {
            anyhow!(
                "{id} is not in the cache ({}); run `papers fetch`, or `papers show --fetch {id}` \
             to add it",
                store.path().display()
            )
        })?;
    // `--code` falls back to the repository Hugging Face links.
    cached.hf = HfStore::new(store.dir()).info_of(&id)?;
    let paper = &cached.paper;
    let url = if args.pdf {
        paper.pdf_url.clone()
    } else if args.code {
        code_url(&cached).ok_or_else(|| {
            anyhow!("{id} names no code repository (abstract, comment or Hugging Face)")
        })?
    } else {
        paper.abs_url.clone()
    };
    if !launch::open_url(&url) {
        // Nothing could open it (no $BROWSER, no desktop): the URL on stdout
        // is still what the user asked for, ready to copy or pipe.
        eprintln!("papers: nothing could open the URL (set $BROWSER); here it is");
        print_stdout(&format!("{url}\n"))?;
    }
    Ok(exit::exit_code(exit::SUCCESS))
}
