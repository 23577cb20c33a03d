//! `list --sort score|title|updated|upvotes` over shards read one at a
//! time: each shard keeps only its papers that could still be among the
//! first `--limit`, so a ranked listing of a large cache never holds the
//! cache. The order is [`select`](super::filter::select)'s (and, for
//! `score`, the command's ranking over it), as [`RankKey`] spells it.

use std::cmp::Reverse;

use chrono::{DateTime, Utc};

use super::filter::{Filter, SortKey, sorted_top};
use super::parallel::each_item;
use crate::model::CachedPaper;

/// Where a paper sorts, smallest first; every sort ends on the id, so no
/// two papers tie and any way of selecting gives the same order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RankKey {
    first: First,
    /// Newest first version first, for the sorts that break ties by it.
    published: Option<Reverse<DateTime<Utc>>>,
    id: Reverse<String>,
}

/// What a sort compares first; one listing uses one kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum First {
    /// Highest score first.
    Score(Reverse<u8>),
    /// A to Z ignoring case.
    Title(String),
    /// Newest latest version first.
    Updated(Reverse<DateTime<Utc>>),
    /// Most upvotes first; `None` (never listed) after 0.
    Upvotes(Reverse<Option<u32>>),
}

impl RankKey {
    /// Whether `sort` ranks by a key ([`of`](Self::of) gives one).
    pub fn ranks(sort: SortKey) -> bool {
        match sort {
            SortKey::Score | SortKey::Title | SortKey::Updated | SortKey::Upvotes => true,
            SortKey::Date | SortKey::Fit => false,
        }
    }

    /// `paper`'s place under `sort`, `score` giving its relevance; None for
    /// the sorts ranked some other way (`date` streams in order, `fit`
    /// trains on the whole pool).
    pub fn of(sort: SortKey, paper: &CachedPaper, score: impl FnOnce() -> u8) -> Option<Self> {
        let published = Some(Reverse(paper.paper.published));
        let (first, published) = match sort {
            SortKey::Score => (First::Score(Reverse(score())), published),
            SortKey::Title => (First::Title(paper.paper.title.to_lowercase()), None),
            SortKey::Updated => (First::Updated(Reverse(paper.paper.updated)), None),
            SortKey::Upvotes => (
                First::Upvotes(Reverse(paper.hf.as_ref().map(|hf| hf.upvotes))),
                published,
            ),
            SortKey::Date | SortKey::Fit => {
                debug_assert!(!Self::ranks(sort));
                return None;
            }
        };
        Some(RankKey {
            first,
            published,
            id: Reverse(paper.paper.id.clone()),
        })
    }
}

/// The first `limit` (all, without one) papers of shards `0..shards`
/// passing `filter`, in `key` order (a paper without a key is left out). `read(i, buffer)` gives shard `i`'s
/// papers; shards are read on two threads, each keeping at most `limit`.
pub fn select_top<E: Send>(
    shards: usize,
    read: impl Fn(usize, &mut Vec<u8>) -> Result<Vec<CachedPaper>, E> + Sync,
    filter: &Filter,
    limit: Option<usize>,
    key: impl Fn(&CachedPaper) -> Option<RankKey> + Sync,
) -> Result<Vec<CachedPaper>, E> {
    let passes = filter.matcher();
    let parts = each_item(shards, 2, Vec::new, |buffer, shard| {
        let ranked: Vec<(RankKey, CachedPaper)> = read(shard, buffer)?
            .into_iter()
            .filter(|paper| passes(paper))
            .filter_map(|paper| Some((key(&paper)?, paper)))
            .collect();
        Ok(sorted_top(ranked, limit, by_key))
    });
    let mut all = Vec::new();
    for part in parts {
        all.extend(part?);
    }
    Ok(sorted_top(all, limit, by_key)
        .into_iter()
        .map(|(_, paper)| paper)
        .collect())
}

fn by_key(a: &(RankKey, CachedPaper), b: &(RankKey, CachedPaper)) -> std::cmp::Ordering {
    a.0.cmp(&b.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HfInfo;
    use crate::render::test_support::sample;
    use crate::triage::filter::select;
    use chrono::TimeZone;

    /// Papers over three "shards" with repeated titles, dates, scores and
    /// upvotes, so that every tie-break is exercised.
    fn shards() -> Vec<Vec<CachedPaper>> {
        (0..3)
            .map(|shard| {
                (0..30)
                    .map(|i| {
                        let n = shard * 30 + i;
                        let title = ["Beta", "alpha", "Gamma", "beta"][n % 4];
                        let mut paper = sample(&format!("26{:02}.{:05}", shard + 1, n), title, "x");
                        let day = Utc.with_ymd_and_hms(2026, 1 + (n % 3) as u32, 1, 0, 0, 0);
                        paper.paper.published = day.single().expect("valid");
                        paper.paper.updated = Utc
                            .with_ymd_and_hms(2026, 6, 1 + (n % 5) as u32, 0, 0, 0)
                            .single()
                            .expect("valid");
                        if n % 4 != 0 {
                            paper.hf = Some(HfInfo {
                                upvotes: (n % 3) as u32,
                                comments: None,
                                github_repo: None,
                                github_stars: None,
                                project_page: None,
                                featured: chrono::NaiveDate::default(),
                                ai_keywords: Vec::new(),
                            });
                        }
                        paper
                    })
                    .collect()
            })
            .collect()
    }

    fn score(paper: &CachedPaper) -> u8 {
        (paper.paper.id.bytes().map(u32::from).sum::<u32>() % 4) as u8
    }

    fn ids(papers: &[&CachedPaper]) -> Vec<String> {
        papers.iter().map(|p| p.paper.id.clone()).collect()
    }

    /// What the whole-cache path gives: `select`, and for `score` the
    /// command's stable ranking over its newest-first order.
    fn expected(all: &[&CachedPaper], sort: SortKey, limit: Option<usize>) -> Vec<String> {
        let filter = Filter::default();
        if sort != SortKey::Score {
            return ids(&select(all.iter().copied(), &filter, sort, limit));
        }
        let mut ranked = select(all.iter().copied(), &filter, sort, None);
        ranked.sort_by_key(|paper| Reverse(score(paper)));
        ranked.truncate(limit.unwrap_or(usize::MAX));
        ids(&ranked)
    }

    #[test]
    fn the_first_n_are_those_the_whole_listing_ranks_first() {
        let shards = shards();
        let all: Vec<&CachedPaper> = shards.iter().flatten().collect();
        let read = |shard: usize, _: &mut Vec<u8>| -> Result<_, ()> { Ok(shards[shard].clone()) };
        for sort in [
            SortKey::Score,
            SortKey::Title,
            SortKey::Updated,
            SortKey::Upvotes,
        ] {
            for limit in [None, Some(0), Some(1), Some(7), Some(29), Some(200)] {
                let key = |paper: &CachedPaper| RankKey::of(sort, paper, || score(paper));
                let top = select_top(3, read, &Filter::default(), limit, key).expect("read");
                let got: Vec<&CachedPaper> = top.iter().collect();
                assert_eq!(ids(&got), expected(&all, sort, limit), "{sort:?} {limit:?}");
            }
        }
    }

    #[test]
    fn date_and_fit_are_ranked_elsewhere() {
        let paper = sample("2601.00001", "t", "s");
        for sort in [SortKey::Date, SortKey::Fit] {
            assert!(!RankKey::ranks(sort));
            assert!(RankKey::of(sort, &paper, || 0).is_none());
        }
        assert!(RankKey::of(SortKey::Title, &paper, || 0).is_some());
    }
}
