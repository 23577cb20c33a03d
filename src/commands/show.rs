//! `papers show ID`: one paper in full, from the cache or, with `--fetch`,
//! looked up on arXiv and added to the cache.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use chrono::{DateTime, Utc};

use crate::arxiv::client::{ArxivClient, Quiet};
use crate::arxiv::query;
use crate::cli::{Cli, ShowArgs, ShowFormat};
use crate::config;
use crate::exit::{self, UsageError};
use crate::model::ids;
use crate::model::{CachedPaper, Paper};
use crate::render::{bibtex, json, markdown, text, why};
use crate::storage::cache::{Cache, CacheStore};
use crate::storage::huggingface::HfStore;
use crate::storage::state::StateStore;
use crate::terminal::sanitize::terminal_safe;
use crate::terminal::{Terminal, print_stdout};
use crate::triage::filter::{self, Filter, SortKey};

/// Text width when stdout is not a terminal (a pipe, a file).
const PIPE_WIDTH: usize = 80;
/// Lines wider than this are hard to read, however wide the terminal.
const MAX_WIDTH: usize = 100;
/// Narrower than this, the labelled fields cannot be laid out sensibly.
const MIN_WIDTH: usize = 40;

pub fn run(cli: &Cli, args: &ShowArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let (id, asked_version) = ids::parse_user_id(&args.id).map_err(UsageError)?;
    if args.why && args.format != ShowFormat::Text {
        return Err(
            UsageError("--why explains the score in the text view: drop --format".into()).into(),
        );
    }
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let mut cache = store.load_ids([id.as_str()])?;
    super::warn_if_damaged(&cache);
    let held = cache.papers.remove(&id);
    let mut cached = match held {
        Some(cached) => cached,
        None if args.fetch => {
            let cached = fetch_into_cache(cli, &store, &id)?;
            eprintln!(
                "papers: added {} to the cache under no topic",
                cached.paper.versioned_id()
            );
            cached
        }
        None => return Err(not_in_cache(&id, &store.path())),
    };
    cached.hf = HfStore::new(store.dir()).info_of(&id)?;
    if let Some(note) = version_note(asked_version, &cached.paper) {
        eprintln!("papers: {note}");
    }
    let width = text_width(terminal.stdout_width);
    let mut out = render(&cached, args.format, width)?;
    if terminal.links && args.format == ShowFormat::Text {
        out = linked_fields(&out, &cached.paper);
    }
    if args.why {
        let config = config::load(cli.config.as_deref())?;
        out.push('\n');
        out.push_str(&why::render_why(
            &cached,
            &config.topics,
            Utc::now().date_naive(),
        ));
        out.push('\n');
        out.push_str(&fit_why(&store, &cached.paper.id)?);
    }
    print_stdout(&out)?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// The fit block of `--why`, learnt over what `list --sort fit` with no
/// filters ranks (every paper but the dismissed ones, plus the marked
/// ones), so both show the same fit.
fn fit_why(store: &CacheStore, id: &str) -> anyhow::Result<String> {
    let state = StateStore::resolve()?.load()?;
    let cache = store.load()?;
    let dismissed = state.dismissed_ids();
    let filter = Filter {
        hidden_ids: (!dismissed.is_empty()).then_some(dismissed),
        ..Filter::default()
    };
    let listed = filter::select(cache.papers.values(), &filter, SortKey::Fit, None);
    let marked = Cache::default();
    let mut pool = super::list::fit_pool(&listed, &marked);
    // Dismissed papers are marked papers: in the pool, after the listing.
    pool.extend(
        cache
            .papers
            .values()
            .filter(|held| state.is_dismissed(&held.paper.id)),
    );
    let fitted = super::list::train_fit(pool, &state, None);
    let Some(index) = fitted.pool.iter().position(|held| held.paper.id == id) else {
        return Ok("Fit: none (the paper is not in the cache)\n".into());
    };
    let explanation = fitted
        .fit
        .explain(&fitted.corpus, index, &fitted.pool[index]);
    let basis = explanation
        .mode
        .describe(fitted.fit.positives().len(), "starred");
    let nearest = explanation
        .nearest_starred
        .map(|(starred, cosine)| (fitted.pool[starred], cosine));
    let text = why::render_fit(&explanation, &basis, nearest);
    drop(fitted);
    super::exit_without_freeing(cache);
    Ok(text)
}

/// The text view with its ID, arXiv, PDF and Code values as OSC 8 links.
fn linked_fields(text: &str, paper: &Paper) -> String {
    let id = paper.versioned_id();
    let code = crate::triage::codelink::find_code_url(paper).unwrap_or_default();
    let safe = |url: &str| terminal_safe(url).into_owned();
    let (abs, pdf, code_shown) = (safe(&paper.abs_url), safe(&paper.pdf_url), safe(&code));
    crate::terminal::links::link_fields(
        text,
        &[
            ("ID", &id, &paper.abs_url),
            ("arXiv", &abs, &paper.abs_url),
            ("PDF", &pdf, &paper.pdf_url),
            ("Code", &code_shown, &code),
        ],
    )
}

/// Exit code 1 rather than 2: the id is fine, the cache just lacks it.
pub(super) fn not_in_cache(id: &str, cache_path: &Path) -> anyhow::Error {
    anyhow!(
        "{id} is not in the cache ({}); run `papers fetch`, or `papers show --fetch {id}` \
         to look it up on arXiv",
        cache_path.display()
    )
}

/// Said on stderr when the user named a version other than the one held:
/// the cache keeps one version per paper, and that one is shown.
fn version_note(asked: Option<u32>, held: &Paper) -> Option<String> {
    let asked = asked.filter(|&version| version != held.version)?;
    Some(format!(
        "{}v{asked} was asked for; the cache holds {}, which is shown",
        held.id,
        held.versioned_id()
    ))
}

/// `--fetch`: one id_list request for the versionless id (arXiv answers
/// with the latest version), then the paper is stored under no topic.
/// An unknown id is a usage error (exit 2), as a mistyped id is.
pub(super) fn fetch_into_cache(
    cli: &Cli,
    store: &CacheStore,
    id: &str,
) -> anyhow::Result<CachedPaper> {
    let config = config::load(cli.config.as_deref())?;
    // Fail on an unwritable cache before spending a request.
    store.check_writable()?;
    let mut client = ArxivClient::new(&config.arxiv, Some(&store.pacing_dir()))?;
    let url = query::id_list_url(&config.arxiv.api_url, &[id]);
    let feed = client.get_feed(&url, false, &Quiet).map_err(|err| {
        anyhow!(
            "looking up {id} on arXiv: {}",
            terminal_safe(&err.to_string())
        )
    })?;
    let paper = feed
        .entries
        .into_iter()
        .find(|paper| paper.id == id)
        .ok_or_else(|| UsageError(format!("arXiv has no paper {id}")))?;
    let now = Utc::now();
    let (cached, _) = store
        .update_ids([id], |cache| add_without_topic(cache, paper, now))
        .with_context(|| format!("saving {id} to the cache"))?;
    Ok(cached)
}

/// Stores a paper looked up by id under no topic (a copy a concurrent fetch
/// stored meanwhile keeps its topics); returns it as the cache now holds it.
pub(super) fn add_without_topic(
    cache: &mut Cache,
    paper: Paper,
    now: DateTime<Utc>,
) -> CachedPaper {
    let id = paper.id.clone();
    cache.merge_looked_up(vec![paper], now);
    cache.papers[&id].clone()
}

/// The terminal's width within [MIN_WIDTH, MAX_WIDTH], or PIPE_WIDTH.
fn text_width(stdout_width: Option<u16>) -> usize {
    stdout_width.map_or(PIPE_WIDTH, |width| {
        usize::from(width).clamp(MIN_WIDTH, MAX_WIDTH)
    })
}

fn render(cached: &CachedPaper, format: ShowFormat, width: usize) -> anyhow::Result<String> {
    Ok(match format {
        ShowFormat::Text => text::render_text(cached, width),
        ShowFormat::Markdown => format!(
            "{}{}",
            markdown::TABLE_HEADER,
            markdown::markdown_row(cached)
        ),
        ShowFormat::Json => {
            json::render_json_object(cached).context("rendering the paper as JSON")? + "\n"
        }
        ShowFormat::Bibtex => bibtex::bibtex_entry(&cached.paper),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0)
            .single()
            .expect("valid date")
    }

    fn paper(version: u32) -> Paper {
        Paper::builder("2611.00001")
            .version(version)
            .title(format!("Title v{version}"))
            .summary("Abstract.")
            .published(at(1))
            .updated(at(version))
            .categories(["cs.AR"])
            .primary_category(Some("cs.AR"))
            .link_base("http://arxiv.org")
            .build()
    }

    #[test]
    fn a_looked_up_paper_is_stored_under_no_topic() {
        let mut cache = Cache::default();
        let stored = add_without_topic(&mut cache, paper(2), at(20));
        assert!(stored.topics.is_empty());
        assert_eq!(stored.first_seen, at(20));
        assert_eq!(stored.last_changed, at(20));
        assert_eq!(cache.papers["2611.00001"], stored);
        assert_eq!(cache.last_fetch, None, "a lookup is not a fetch run");
    }

    #[test]
    fn a_copy_stored_meanwhile_keeps_its_topics_and_newer_version() {
        let mut cache = Cache::default();
        cache.merge("npu", vec![paper(3)], at(10));
        let kept = add_without_topic(&mut cache, paper(2), at(20));
        assert_eq!(kept.paper.version, 3);
        assert_eq!(kept.first_seen, at(10));
        assert!(kept.topics.contains("npu"));

        let updated = add_without_topic(&mut cache, paper(4), at(21));
        assert_eq!(updated.paper.version, 4);
        assert_eq!(updated.last_changed, at(21));
        assert_eq!(updated.first_seen, at(10));
        assert!(updated.topics.contains("npu"));
    }

    #[test]
    fn a_looked_up_copy_of_the_same_version_brings_corrected_metadata() {
        let mut cache = Cache::default();
        cache.merge("npu", vec![paper(2)], at(10));
        let mut corrected = paper(2);
        corrected.journal_ref = Some("DAC 2026".into());
        let kept = add_without_topic(&mut cache, corrected, at(20));
        assert_eq!(kept.paper.journal_ref.as_deref(), Some("DAC 2026"));
        assert!(kept.topics.contains("npu"));
        assert_eq!(kept.last_changed, at(10), "no new version, no change time");
    }

    #[test]
    fn not_in_cache_names_the_id_the_path_and_both_ways_out() {
        let err = not_in_cache("2508.16653", Path::new("/tmp/c/papers.json"));
        assert_eq!(
            err.to_string(),
            "2508.16653 is not in the cache (/tmp/c/papers.json); run `papers fetch`, or \
             `papers show --fetch 2508.16653` to look it up on arXiv"
        );
        assert_eq!(exit::code_for(&err), exit::PARTIAL_FAILURE);
    }

    #[test]
    fn version_note_only_when_another_version_was_asked_for() {
        let held = paper(2);
        assert_eq!(version_note(None, &held), None);
        assert_eq!(version_note(Some(2), &held), None);
        assert_eq!(
            version_note(Some(1), &held).as_deref(),
            Some("2611.00001v1 was asked for; the cache holds 2611.00001v2, which is shown")
        );
    }

    #[test]
    fn text_width_fits_the_terminal_within_bounds() {
        assert_eq!(text_width(None), 80);
        assert_eq!(text_width(Some(72)), 72);
        assert_eq!(text_width(Some(250)), 100);
        assert_eq!(text_width(Some(20)), 40);
    }

    #[test]
    fn json_object_is_the_list_element_with_fields_in_order() {
        let mut cached = CachedPaper::new(paper(2), at(3));
        cached.topics = std::collections::BTreeSet::from(["npu".to_string()]);
        let object = json::render_json_object(&cached).expect("renders");
        assert!(
            object.starts_with("{\n  \"id\": \"2611.00001\",\n  \"version\": 2,"),
            "{object}"
        );
        let array: serde_json::Value =
            serde_json::from_str(&json::render_json(&[&cached]).expect("renders")).expect("json");
        let single: serde_json::Value = serde_json::from_str(&object).expect("valid JSON");
        assert_eq!(single, array[0]);
    }

    #[test]
    fn every_format_renders_the_paper() {
        let cached = CachedPaper::new(paper(1), at(3));
        let text = render(&cached, ShowFormat::Text, 80).expect("text");
        assert!(text.starts_with("Title v1\n\nID:"), "{text}");
        let markdown = render(&cached, ShowFormat::Markdown, 80).expect("markdown");
        assert!(markdown.starts_with(markdown::TABLE_HEADER), "{markdown}");
        assert_eq!(markdown.lines().count(), 3, "{markdown}");
        let json = render(&cached, ShowFormat::Json, 80).expect("json");
        assert!(json.starts_with('{') && json.ends_with("}\n"), "{json}");
        let bibtex = render(&cached, ShowFormat::Bibtex, 80).expect("bibtex");
        assert!(bibtex.starts_with("@misc{arxiv2026title,\n"), "{bibtex}");
    }
}
