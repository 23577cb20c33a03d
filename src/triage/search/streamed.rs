//! [`search`](super::search) over papers read a shard at a time, for the
//! filters only the papers can decide (`--author`, `--venue`, `--has-code`,
//! ...), where the search index cannot answer: the same tally and the same
//! scores over the same papers, without the whole cache in memory at once.
//!
//! Each shard is read, filtered and tallied, and only its candidates'
//! papers are kept, up to [`KEEP_AT_MOST`] in all. A shard whose candidates
//! did not fit is read again at the end, and only if one of them ranks
//! among the best: a query matching half the cache costs a few shards read
//! twice, never the cache in memory.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use chrono::{DateTime, Utc};

use super::query::Query;
use super::{Found, Prepared, Tally, best, ranking, tally_keyed};
use crate::model::CachedPaper;
use crate::triage::parallel::each_item;

/// Candidate papers kept in memory across shards (a few MB of papers);
/// beyond it a shard's candidates are read again if they rank.
pub const KEEP_AT_MOST: usize = 5_000;

/// Which candidate a tally found: its place among its shard's candidates.
#[derive(Debug, Clone, Copy)]
struct Key {
    shard: u32,
    candidate: u32,
    published: DateTime<Utc>,
}

/// What a shard's pass leaves behind for ranking and reading back.
#[derive(Debug, Default)]
struct Candidates {
    /// Per candidate, its id (for ties) and its place among the shard's papers.
    ids: Vec<Box<str>>,
    places: Vec<usize>,
    /// The candidates' papers, in candidate order, when they fitted.
    kept: Option<Vec<CachedPaper>>,
}

/// The best `limit` papers of shards `0..shards` passing `passes` and
/// matching `query`, as [`search`](super::search) ranks them over the same
/// papers, keeping at most `keep_at_most` candidates' papers (callers pass
/// [`KEEP_AT_MOST`]). `read(i, buffer)` gives shard `i`'s papers (the same
/// ones each time it is asked), reading the file into `buffer`, which the
/// calls of one thread share.
pub fn search<E: Send>(
    keep_at_most: usize,
    shards: usize,
    read: impl Fn(usize, &mut Vec<u8>) -> Result<Vec<CachedPaper>, E> + Sync,
    passes: impl Fn(&CachedPaper) -> bool + Sync,
    query: &Query,
    limit: usize,
) -> Result<Found, E> {
    let prepared = Prepared::new(query);
    // Candidates' papers kept so far, over every thread.
    let kept = AtomicUsize::new(0);
    let parts = each_item(shards, 2, Vec::new, |buffer, shard| {
        let papers = read(shard, buffer)?;
        let keep =
            |count: usize| kept.fetch_add(count, AtomicOrdering::Relaxed) + count <= keep_at_most;
        Ok(tally_shard(papers, shard, &passes, &prepared, keep))
    });
    let mut tallies = Vec::with_capacity(parts.len());
    let mut candidates = Vec::with_capacity(parts.len());
    for part in parts {
        let (tally, found) = part?;
        tallies.push(tally);
        candidates.push(found);
    }
    let tally = Tally::merge(&prepared, tallies);
    let id_of = |key: &Key| &*candidates[key.shard as usize].ids[key.candidate as usize];
    let scored: Vec<(Key, f64)> = tally.scores(&prepared).collect();
    let top = best(scored, limit, |(a, a_score), (b, b_score)| {
        ranking((*a_score, a.published), (*b_score, b.published), || {
            id_of(b).cmp(id_of(a))
        })
    });
    // A shard reads the same each time (its file stays open), so every hit
    // is there; one that is not is left out rather than invented.
    let (papers, scores) = read_hits(&read, &mut candidates, &top)?
        .into_iter()
        .zip(top.iter().map(|(_, score)| *score))
        .filter_map(|(paper, score)| Some((paper?, score)))
        .unzip();
    Ok(Found {
        papers,
        scores,
        unwritten: None,
    })
}

/// One shard's tally, and its candidates (kept if the budget allows).
fn tally_shard(
    papers: Vec<CachedPaper>,
    shard: usize,
    passes: &(impl Fn(&CachedPaper) -> bool + Sync),
    prepared: &Prepared<'_>,
    keep: impl FnOnce(usize) -> bool,
) -> (Tally<Key>, Candidates) {
    let shard = u32::try_from(shard).unwrap_or(u32::MAX);
    let passing = papers.iter().enumerate().filter(|(_, paper)| passes(paper));
    let mut tally = tally_keyed(
        passing.map(|(place, paper)| {
            let key = Key {
                shard,
                // Its place for now; its rank among the candidates below.
                candidate: u32::try_from(place).unwrap_or(u32::MAX),
                published: paper.paper.published,
            };
            (key, paper)
        }),
        prepared,
    );
    let mut found = Candidates::default();
    for (rank, candidate) in tally.candidates.iter_mut().enumerate() {
        let place = candidate.key.candidate as usize;
        found.places.push(place);
        found.ids.push(papers[place].paper.id.as_str().into());
        candidate.key.candidate = u32::try_from(rank).unwrap_or(u32::MAX);
    }
    if keep(found.places.len()) {
        let mut papers: Vec<Option<CachedPaper>> = papers.into_iter().map(Some).collect();
        found.kept = Some(
            found
                .places
                .iter()
                .filter_map(|&place| papers[place].take())
                .collect(),
        );
    }
    (tally, found)
}

/// The hit papers in `top`'s order: kept ones moved out, the others read
/// again from their shards, each shard once.
fn read_hits<E>(
    read: &impl Fn(usize, &mut Vec<u8>) -> Result<Vec<CachedPaper>, E>,
    candidates: &mut [Candidates],
    top: &[(Key, f64)],
) -> Result<Vec<Option<CachedPaper>>, E> {
    let mut by_shard: BTreeMap<u32, Vec<(usize, u32)>> = BTreeMap::new();
    for (rank, (key, _)) in top.iter().enumerate() {
        by_shard
            .entry(key.shard)
            .or_default()
            .push((rank, key.candidate));
    }
    let mut papers: Vec<Option<CachedPaper>> = top.iter().map(|_| None).collect();
    let mut buffer = Vec::new();
    for (shard, hits) in by_shard {
        let found = &mut candidates[shard as usize];
        let mut shard_papers: Vec<Option<CachedPaper>> = match found.kept.take() {
            Some(kept) => kept.into_iter().map(Some).collect(),
            None => {
                let all = read(shard as usize, &mut buffer)?;
                let mut all: Vec<Option<CachedPaper>> = all.into_iter().map(Some).collect();
                // In candidate order, as the kept ones are.
                found
                    .places
                    .iter()
                    .map(|&place| all.get_mut(place).and_then(Option::take))
                    .collect()
            }
        };
        for (rank, candidate) in hits {
            papers[rank] = shard_papers
                .get_mut(candidate as usize)
                .and_then(Option::take);
        }
    }
    Ok(papers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::{author, sample};
    use crate::triage::search::query;
    use std::sync::Mutex;

    /// Three "shards" of papers, some sharing words, ids and dates so that
    /// ties must be broken the same way.
    fn shards() -> Vec<Vec<CachedPaper>> {
        let topics = ["npu", "sparse attention", "kv cache", "npu kv cache"];
        (0..3)
            .map(|shard| {
                (0..40)
                    .map(|i| {
                        let id = format!("26{:02}.{:05}", shard + 1, i);
                        let text = topics[(i + shard) % topics.len()];
                        let mut paper = sample(&id, &format!("On {text}"), &format!("We {text}."));
                        if i % 3 == 0 {
                            paper.paper.authors = vec![author("Song Han")];
                        }
                        paper
                    })
                    .collect()
            })
            .collect()
    }

    fn ids(found: &Found) -> Vec<(String, f64)> {
        found
            .hits()
            .iter()
            .map(|hit| (hit.paper.paper.id.clone(), hit.score))
            .collect()
    }

    /// Whatever the budget (all kept, none kept: every hit read again), the
    /// answer is the whole-cache search's over the papers that pass.
    #[test]
    fn the_answer_is_the_whole_search_over_the_passing_papers() {
        let shards = shards();
        let by_han = |paper: &CachedPaper| paper.paper.authors.iter().any(|a| a.name == "Song Han");
        let everything = |_: &CachedPaper| true;
        for text in ["npu", "kv cache", "\"kv cache\" -npu", "zzz"] {
            let query = query::parse(text).expect("query");
            for passes in [
                &by_han as &(dyn Fn(&CachedPaper) -> bool + Sync),
                &everything,
            ] {
                let all: Vec<&CachedPaper> =
                    shards.iter().flatten().filter(|p| passes(p)).collect();
                let expected: Vec<(String, f64)> = crate::triage::search::search(&all, &query, 7)
                    .iter()
                    .map(|hit| (hit.paper.paper.id.clone(), hit.score))
                    .collect();
                for budget in [0, 3, usize::MAX] {
                    let reads = Mutex::new(0);
                    let read = |shard: usize, _: &mut Vec<u8>| -> Result<_, ()> {
                        *reads.lock().expect("count") += 1;
                        Ok(shards[shard].clone())
                    };
                    let found = search(budget, 3, read, passes, &query, 7).expect("found");
                    assert_eq!(ids(&found), expected, "{text:?}, budget {budget}");
                    let reads = *reads.lock().expect("count");
                    if budget == usize::MAX || expected.is_empty() {
                        assert_eq!(reads, 3, "kept papers are not read again");
                    } else {
                        assert!(reads <= 3 + 3, "each shard read again at most once");
                    }
                    if budget == 0 && !expected.is_empty() {
                        assert!(reads > 3, "with nothing kept the hits are read again");
                    }
                }
            }
        }
    }

    /// A shard that cannot be read stops the search with its error.
    #[test]
    fn a_read_error_is_the_answer() {
        let query = query::parse("npu").expect("query");
        let read = |_: usize, _: &mut Vec<u8>| -> Result<Vec<CachedPaper>, &str> { Err("broken") };
        let found = search(KEEP_AT_MOST, 2, read, |_: &CachedPaper| true, &query, 5);
        assert_eq!(found.err(), Some("broken"));
    }
}
