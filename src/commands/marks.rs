//! `papers star`, `unstar`, `tag`, `seen`, `dismiss` and `undismiss`: the
//! reader's own marks.

use std::collections::BTreeSet;
use std::process::ExitCode;

use anyhow::anyhow;

use crate::cli::{Cli, SeenArgs, StarArgs, TagArgs};
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::model::ids;
use crate::storage::cache::CacheStore;
use crate::storage::state::StateStore;
use crate::terminal::print_stdout;
use crate::terminal::sanitize::terminal_safe;

pub fn star(cli: &Cli, args: &StarArgs) -> anyhow::Result<ExitCode> {
    check_tags(&args.tags)?;
    let (paper, fetched) = cached_or_fetched(cli, &args.id)?;
    let id = paper.paper.id.clone();
    let tags = StateStore::resolve()?.update(|state| {
        state.star(&id, &args.tags, chrono::Utc::now());
        if fetched {
            // Looked up by hand: not news for `list --unseen`.
            state.seen.ids.insert(id.clone());
        }
        state.marks[&id].tags.clone()
    })?;
    print_stdout(&format!(
        "starred {}{}\n",
        describe(&paper),
        tag_note(&tags)
    ))?;
    Ok(exit::exit_code(exit::SUCCESS))
}

pub fn unstar(id: &str) -> anyhow::Result<ExitCode> {
    let (id, _) = ids::parse_user_id(id).map_err(UsageError)?;
    let had = StateStore::resolve()?.update(|state| state.unstar(&id))?;
    if had {
        print_stdout(&format!("unstarred {id}\n"))?;
    } else {
        eprintln!("papers: {id} was not starred");
    }
    Ok(exit::exit_code(exit::SUCCESS))
}

pub fn tag(cli: &Cli, args: &TagArgs) -> anyhow::Result<ExitCode> {
    check_tags(&args.tags)?;
    if args.remove {
        let (id, _) = ids::parse_user_id(&args.id).map_err(UsageError)?;
        let removed = StateStore::resolve()?.update(|state| state.untag(&id, &args.tags))?;
        let missing: Vec<&String> = args.tags.iter().filter(|t| !removed.contains(t)).collect();
        if !missing.is_empty() {
            eprintln!(
                "papers: {id} had no tag {}",
                missing
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if !removed.is_empty() {
            print_stdout(&format!("untagged {id}: {}\n", removed.join(", ")))?;
        }
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let (paper, fetched) = cached_or_fetched(cli, &args.id)?;
    let id = paper.paper.id.clone();
    let tags = StateStore::resolve()?.update(|state| {
        state.tag(&id, &args.tags);
        if fetched {
            state.seen.ids.insert(id.clone());
        }
        state.marks[&id].tags.clone()
    })?;
    print_stdout(&format!("tagged {}{}\n", describe(&paper), tag_note(&tags)))?;
    Ok(exit::exit_code(exit::SUCCESS))
}

pub fn seen(cli: &Cli, args: &SeenArgs) -> anyhow::Result<ExitCode> {
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let state_store = StateStore::resolve()?;
    if args.all {
        // Everything the cache holds now: the newest first-stored time.
        let index = store.load_index()?;
        let Some(until) = index.shards().values().map(|s| s.newest_first_seen).max() else {
            eprintln!("papers: the cache is empty; nothing to mark");
            return Ok(exit::exit_code(exit::SUCCESS));
        };
        let newly = count_unseen(&store, &state_store.load()?.seen, until)?;
        state_store.update(|state| state.seen.mark_all(until))?;
        print_stdout(&format!("marked {} as seen\n", papers(newly)))?;
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let mut wanted = BTreeSet::new();
    for text in &args.ids {
        wanted.insert(ids::parse_user_id(text).map_err(UsageError)?.0);
    }
    let cache = store.load_ids(wanted.iter().map(String::as_str))?;
    if let Some(missing) = wanted.iter().find(|id| !cache.papers.contains_key(*id)) {
        return Err(anyhow!(
            "{missing} is not in the cache ({}); nothing was marked",
            store.path().display()
        ));
    }
    state_store.update(|state| state.seen.ids.extend(wanted.iter().cloned()))?;
    print_stdout(&format!("marked {} as seen\n", papers(wanted.len())))?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// `papers dismiss ID...`: "not interested". Every id must be cached (the
/// fit learns from the paper's text), else nothing is marked. The latest
/// mark wins, so a starred paper loses its star (see `UserState::dismiss`).
pub fn dismiss(cli: &Cli, texts: &[String]) -> anyhow::Result<ExitCode> {
    let wanted = parse_ids(texts)?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let cache = store.load_ids(wanted.iter().map(String::as_str))?;
    if let Some(missing) = wanted.iter().find(|id| !cache.papers.contains_key(*id)) {
        return Err(anyhow!(
            "{missing} is not in the cache ({}); nothing was dismissed",
            store.path().display()
        ));
    }
    let now = chrono::Utc::now();
    let unstarred = StateStore::resolve()?.update(|state| {
        let unstarred: Vec<String> = wanted
            .iter()
            .filter(|id| state.is_starred(id))
            .cloned()
            .collect();
        for id in &wanted {
            state.dismiss(id, now);
        }
        unstarred
    })?;
    for id in &unstarred {
        eprintln!("papers: {id} was starred; the dismissal replaces the star");
    }
    print_stdout(&format!(
        "dismissed {}
",
        papers(wanted.len())
    ))?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// `papers undismiss ID...`: takes dismissals back; ids that were not
/// dismissed are named on stderr.
pub fn undismiss(texts: &[String]) -> anyhow::Result<ExitCode> {
    let wanted = parse_ids(texts)?;
    let lifted = StateStore::resolve()?.update(|state| {
        wanted
            .iter()
            .filter(|id| state.undismiss(id))
            .cloned()
            .collect::<BTreeSet<String>>()
    })?;
    for id in wanted.difference(&lifted) {
        eprintln!("papers: {id} was not dismissed");
    }
    print_stdout(&format!(
        "undismissed {}
",
        papers(lifted.len())
    ))?;
    Ok(exit::exit_code(exit::SUCCESS))
}

fn parse_ids(texts: &[String]) -> Result<BTreeSet<String>, UsageError> {
    texts
        .iter()
        .map(|text| {
            ids::parse_user_id(text)
                .map(|(id, _)| id)
                .map_err(UsageError)
        })
        .collect()
}

/// Papers `seen --all` is about to mark: unseen ones first stored by `until`.
fn count_unseen(
    store: &CacheStore,
    seen: &crate::storage::state::Seen,
    until: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<usize> {
    let cache = store.load_where(|_, shard| {
        seen.until.is_none_or(|old| shard.newest_first_seen > old) || !seen.ids.is_empty()
    })?;
    Ok(cache
        .papers
        .values()
        .filter(|held| held.first_seen <= until && !seen.has_seen(held))
        .count())
}

/// The paper from the cache or, when it is not there, from arXiv by id
/// (stored under no topic, as `show --fetch` does); says which.
fn cached_or_fetched(cli: &Cli, text: &str) -> anyhow::Result<(CachedPaper, bool)> {
    let (id, _) = ids::parse_user_id(text).map_err(UsageError)?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    if let Some(held) = store.load_ids([id.as_str()])?.papers.remove(&id) {
        return Ok((held, false));
    }
    let fetched = super::show::fetch_into_cache(cli, &store, &id).map_err(|err| {
        err.context(format!(
            "{id} is not in the cache, and looking it up failed"
        ))
    })?;
    eprintln!(
        "papers: added {} to the cache under no topic",
        fetched.paper.versioned_id()
    );
    Ok((fetched, true))
}

/// Tags are words: shell- and Markdown-friendly, one token each.
pub(super) fn check_tags(tags: &[String]) -> Result<(), UsageError> {
    match tags.iter().find(|tag| {
        tag.is_empty()
            || tag
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == ',')
    }) {
        Some(bad) => Err(UsageError(format!(
            "tag {:?}: use a single word without spaces or commas, e.g. read-later",
            terminal_safe(bad)
        ))),
        None => Ok(()),
    }
}

pub(super) fn papers(count: usize) -> String {
    match count {
        1 => "1 paper".to_owned(),
        n => format!("{n} papers"),
    }
}

fn describe(paper: &CachedPaper) -> String {
    format!(
        "{} {}",
        paper.paper.versioned_id(),
        terminal_safe(&paper.paper.title)
    )
}

fn tag_note(tags: &BTreeSet<String>) -> String {
    if tags.is_empty() {
        String::new()
    } else {
        format!(
            " [{}]",
            tags.iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
