//! `papers import FILE`: star (or tag, or dismiss) the arXiv papers a
//! reference file names — the cold start for `list --sort fit`.
//!
//! The file is read whole first (`crate::import`), so a bad file marks
//! nothing. Papers the cache lacks are looked up by id in batches, stored
//! under no topic, and only then are the marks written, in one update.

use std::collections::BTreeSet;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use chrono::Utc;

use crate::arxiv::client::{ArxivClient, Quiet};
use crate::arxiv::{MAX_IDS_PER_REQUEST, query};
use crate::cli::{Cli, ImportArgs};
use crate::config;
use crate::exit::{self, UsageError};
use crate::import;
use crate::storage::cache::CacheStore;
use crate::storage::state::{StateStore, UserState};
use crate::terminal::print_stdout;
use crate::terminal::sanitize::terminal_safe;

use super::marks::{check_tags, papers};

/// What the import does to each paper.
#[derive(Debug, Clone, Copy)]
enum Action<'a> {
    Star,
    Tag(&'a str),
    Dismiss,
}

impl Action<'_> {
    fn done(self, state: &UserState, id: &str) -> bool {
        match self {
            Action::Star => state.is_starred(id),
            Action::Tag(tag) => state.marks.get(id).is_some_and(|m| m.tags.contains(tag)),
            Action::Dismiss => state.is_dismissed(id),
        }
    }

    fn apply(self, state: &mut UserState, id: &str, now: chrono::DateTime<Utc>) {
        match self {
            Action::Star => state.star(id, &[], now),
            Action::Tag(tag) => state.tag(id, &[tag.to_owned()]),
            Action::Dismiss => {
                state.dismiss(id, now);
            }
        }
    }

    fn past(self) -> String {
        match self {
            Action::Star => "starred".into(),
            Action::Tag(tag) => format!("tagged {tag}"),
            Action::Dismiss => "dismissed".into(),
        }
    }
}

pub fn run(cli: &Cli, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let action = match (&args.tag, args.dismiss) {
        (Some(tag), _) => {
            check_tags(std::slice::from_ref(tag))?;
            Action::Tag(tag)
        }
        (None, true) => Action::Dismiss,
        (None, false) => Action::Star,
    };
    let shown_path = terminal_safe(&args.file.display().to_string()).into_owned();
    let text = std::fs::read_to_string(&args.file)
        .map_err(|err| UsageError(format!("cannot read {shown_path}: {err}")))?;
    let found = import::parse(&text)
        .map_err(|err| UsageError(format!("{shown_path}: {}", terminal_safe(&err.to_string()))))?;

    let state_store = StateStore::resolve()?;
    let state = state_store.load()?;
    let (already, wanted): (Vec<String>, Vec<String>) = found
        .ids
        .iter()
        .map(|found| found.id.clone())
        .partition(|id| action.done(&state, id));
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let cached: BTreeSet<String> = store
        .load_ids(wanted.iter().map(String::as_str))?
        .papers
        .into_keys()
        .collect();
    let missing: Vec<&str> = wanted
        .iter()
        .map(String::as_str)
        .filter(|id| !cached.contains(*id))
        .collect();
    let fetched = if missing.is_empty() {
        BTreeSet::new()
    } else {
        look_up(cli, &store, &missing)?
    };
    let not_found: Vec<&str> = missing
        .iter()
        .copied()
        .filter(|id| !fetched.contains(*id))
        .collect();
    let to_mark: Vec<&String> = wanted
        .iter()
        .filter(|id| cached.contains(*id) || fetched.contains(*id))
        .collect();
    let now = Utc::now();
    state_store.update(|state| {
        for id in &to_mark {
            action.apply(state, id, now);
            if fetched.contains(*id) {
                // Looked up by hand, as `star` does: not news for `--unseen`.
                state.seen.ids.insert((*id).clone());
            }
        }
    })?;

    let mut report = format!(
        "{shown_path} ({}): {} with an arXiv id\n",
        found.format.name(),
        papers(found.ids.len())
    );
    report.push_str(&format!(
        "imported: {} {}{}\n",
        action.past(),
        papers(to_mark.len()),
        match fetched.len() {
            0 => String::new(),
            n => format!(" ({} looked up on arXiv)", papers(n)),
        }
    ));
    report.push_str(&format!(
        "already {}: {}\n",
        action.past(),
        papers(already.len())
    ));
    report.push_str(&format!(
        "not found on arXiv: {}{}\n",
        papers(not_found.len()),
        listed(not_found.iter().copied())
    ));
    report.push_str(&format!(
        "no arXiv id: {}{}\n",
        entries(found.without_id.len()),
        listed(found.without_id.iter().map(|skipped| format!(
            "line {}: {}",
            skipped.line,
            terminal_safe(&skipped.label)
        )))
    ));
    print_stdout(&report)?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// Looks `ids` up on arXiv, [`MAX_IDS_PER_REQUEST`] a request (the client
/// paces requests as for a fetch), and stores those arXiv has under no
/// topic; returns their ids. A failed request fails the import before any
/// mark is written.
fn look_up(cli: &Cli, store: &CacheStore, ids: &[&str]) -> anyhow::Result<BTreeSet<String>> {
    let config = config::load(cli.config.as_deref())?;
    store.check_writable()?;
    let mut client = ArxivClient::new(&config.arxiv, Some(&store.pacing_dir()))?;
    let mut found = BTreeSet::new();
    for batch in ids.chunks(MAX_IDS_PER_REQUEST) {
        let url = query::id_list_url(&config.arxiv.api_url, batch);
        let feed = client.get_feed(&url, false, &Quiet).map_err(|err| {
            anyhow!(
                "looking up {} on arXiv: {}; nothing was marked",
                papers(batch.len()),
                terminal_safe(&err.to_string())
            )
        })?;
        let entries: Vec<_> = feed
            .entries
            .into_iter()
            .filter(|paper| batch.contains(&paper.id.as_str()))
            .collect();
        let now = Utc::now();
        let stored: Vec<String> = entries.iter().map(|paper| paper.id.clone()).collect();
        store
            .update_ids(stored.iter().map(String::as_str), |cache| {
                for paper in entries {
                    super::show::add_without_topic(cache, paper, now);
                }
            })
            .context("saving looked-up papers to the cache")?;
        found.extend(stored);
    }
    if !found.is_empty() {
        eprintln!(
            "papers: added {} to the cache under no topic",
            papers(found.len())
        );
    }
    Ok(found)
}

fn entries(count: usize) -> String {
    match count {
        1 => "1 entry".to_owned(),
        n => format!("{n} entries"),
    }
}

/// ` (a, b, c)` for a short list, ` (a, b, c, …)` past eight; nothing for none.
fn listed(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    const SHOWN: usize = 8;
    let items: Vec<String> = items
        .into_iter()
        .map(|item| item.as_ref().to_owned())
        .collect();
    if items.is_empty() {
        return String::new();
    }
    let mut text = items[..items.len().min(SHOWN)].join(", ");
    if items.len() > SHOWN {
        text.push_str(", …");
    }
    format!(" ({text})")
}
