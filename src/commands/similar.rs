//! `papers similar ID`: the cached papers most like one paper, by the
//! cosine of the fit's tf-idf vectors (see `crate::triage::fit`).

use std::process::ExitCode;

use chrono::Utc;

use crate::cli::{Cli, SimilarArgs};
use crate::config;
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::model::ids;
use crate::render::atom::{self, FeedMeta};
use crate::render::{Format, bibtex, csv, json, markdown, table};
use crate::storage::cache::CacheStore;
use crate::terminal::{Terminal, print_stdout, write_stdout};
use crate::triage::filter::{self, SortKey};
use crate::triage::fit::{self, Corpus, Query};
use crate::triage::score::Relevance;

use super::list::{filtered_cache, requested_topics};

pub fn run(cli: &Cli, args: &SimilarArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let (id, _) = ids::parse_user_id(&args.id).map_err(UsageError)?;
    let config = config::load(cli.config.as_deref())?;
    let topics = requested_topics(&config, &args.filters)?;
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let query = match store.load_ids([id.as_str()])?.papers.remove(&id) {
        Some(held) => held,
        None if args.fetch => {
            let fetched = super::show::fetch_into_cache(cli, &store, &id)?;
            eprintln!(
                "papers: added {} to the cache under no topic",
                fetched.paper.versioned_id()
            );
            fetched
        }
        None => return Err(super::show::not_in_cache(&id, &store.path())),
    };
    let (cache, filter) = filtered_cache(cli, &args.filters, &topics)?;
    let candidates: Vec<&CachedPaper> =
        filter::select(cache.papers.values(), &filter, SortKey::Date, None)
            .into_iter()
            .filter(|held| held.paper.id != id)
            .collect();
    let (papers, similarities) = most_similar(&candidates, &query, args.limit);
    let relevance = Relevance::new(&config.topics, &topics, Utc::now().date_naive());
    let scores = relevance.of_all(&papers);

    if papers.is_empty() && !matches!(args.format, Format::Json | Format::Atom) {
        eprintln!("papers: no paper shares a term with {id}");
        return Ok(exit::exit_code(exit::SUCCESS));
    }
    let text = match args.format {
        Format::Table => {
            let text = table::render_table_with(
                &papers,
                &scores,
                Some(table::LeadColumn {
                    header: "Similar",
                    cells: similarities.iter().map(|s| format!("{s:.2}")).collect(),
                }),
                terminal.stdout_width,
            );
            if terminal.links {
                table::link_cells(&text, &papers)
            } else {
                text
            }
        }
        Format::Atom => {
            let filters = [("similar", id.as_str())];
            atom::render_atom(&papers, &FeedMeta::new("similar", &filters, &papers))
        }
        Format::Json => {
            let rows: Vec<(&CachedPaper, Fields)> = papers
                .iter()
                .zip(scores.iter().zip(&similarities))
                .map(|(&paper, (&score, &similarity))| {
                    (
                        paper,
                        Fields {
                            score,
                            similarity: (f64::from(similarity) * 1000.0).round() / 1000.0,
                        },
                    )
                })
                .collect();
            write_stdout(|out| {
                json::write_json_with(&rows, out).map_err(std::io::Error::from)?;
                out.write_all(b"\n")
            })?;
            return Ok(exit::exit_code(exit::SUCCESS));
        }
        Format::Markdown => markdown::markdown_table(&papers),
        Format::Bibtex => bibtex::render_bibtex(&papers),
        Format::Csv => csv::render_csv(&papers),
    };
    print_stdout(&text)?;
    Ok(exit::exit_code(exit::SUCCESS))
}

/// The `"score"` and `"similarity"` (cosine, 0–1) fields of each JSON object.
#[derive(serde::Serialize)]
struct Fields {
    score: u8,
    similarity: f64,
}

/// The `limit` candidates with the highest cosine to `query`, best first.
/// The corpus (which sets the idf) is the candidates plus the query paper,
/// so the answer does not depend on the order shards were read in.
fn most_similar<'a>(
    candidates: &[&'a CachedPaper],
    query: &'a CachedPaper,
    limit: usize,
) -> (Vec<&'a CachedPaper>, Vec<f32>) {
    let mut pool = candidates.to_vec();
    pool.push(query);
    let corpus = Corpus::build(&pool);
    fit::similar::<&CachedPaper>(&corpus, Query::Paper(pool.len() - 1), limit)
        .into_iter()
        .map(|(index, cosine)| (pool[index], cosine))
        .unzip()
}
