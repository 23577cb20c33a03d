//! Choosing and ordering the cached papers `papers list` shows.
//!
//! The cache can hold a hundred thousand papers, so [`select`] prepares the
//! filter once (lowercased needles) and checks each paper without allocating
//! unless its text is non-ASCII, cheapest tests first.

use std::cmp::{Ordering, Reverse};

use chrono::{DateTime, NaiveDate, Utc};

use std::collections::BTreeSet;

use crate::model::CachedPaper;
use crate::storage::cache::{ShardMeta, shard_key};
use crate::storage::state::Seen;
use crate::triage::codelink::code_url;
use crate::triage::venue::{self, VenueFilter};

/// What to keep; every field left empty or `None` keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Any of these topics; empty = all.
    pub topics: Vec<String>,
    /// First-version (published) UTC date on or after this.
    pub since: Option<NaiveDate>,
    /// First-version (published) UTC date on or before this.
    pub until: Option<NaiveDate>,
    /// Any of these categories, ignoring case; an archive (`cs`) matches its
    /// categories (`cs.LG`).
    pub categories: Vec<String>,
    /// Case-insensitive substring of any author name.
    pub author: Option<String>,
    /// Case-insensitive substring of the title or abstract.
    pub grep: Option<String>,
    /// For `--new`: first stored by a fetch run at or after this instant.
    pub first_seen_since: Option<DateTime<Utc>>,
    /// For `--starred` and `--tag`: only these ids.
    pub only_ids: Option<BTreeSet<String>>,
    /// Papers left out whatever else matches: the dismissed ones, unless
    /// `--dismissed` asks for them.
    pub hidden_ids: Option<BTreeSet<String>>,
    /// For `--unseen`: what the reader has seen already.
    pub unseen: Option<Seen>,
    /// For `--updated`: only papers with a recorded new version, dated (for
    /// `since`, `until` and the date order) by their newest version.
    pub updated_only: bool,
    /// For `--venue`: the venue the comment or journal ref names. Read
    /// from the text each time (last, after the cheap tests), never stored.
    pub venue: Option<VenueFilter>,
    /// For `--has-code`: a code link from any source ([`code_url`]).
    pub has_code: bool,
    /// For `--min-upvotes`: at least this many Hugging Face upvotes (a paper
    /// the Hub never listed has none).
    pub min_upvotes: Option<u32>,
}

/// Order of the listing. Date orders are newest first; ties (and equal
/// titles) fall back to the id, newest first, so output is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortKey {
    /// First-version (published) date.
    #[default]
    Date,
    /// Date of the latest version.
    Updated,
    /// Title, A to Z ignoring case.
    Title,
    /// Relevance score, highest first.
    // Scores depend on the topics and today's date, so the caller ranks and
    // applies the limit; `select` returns every match newest first, the
    // tie-break. (A plain comment: clap shows doc comments in --help.)
    Score,
    /// Hugging Face upvotes, most first; papers the Hub never listed last,
    /// newest first among equals.
    Upvotes,
    /// Fit to the reader's stars, highest first.
    // Like `Score`, ranked by the caller (see `crate::triage::fit`).
    Fit,
}

impl Filter {
    /// Whether any paper of a shard so summarised could pass: lets `list`
    /// skip reading the shards its dates, topics or `--new` rule out.
    pub fn may_match(&self, key: &str, shard: &ShardMeta) -> bool {
        let dates_may_match = if self.updated_only {
            // A new version is submitted before the fetch that records it.
            shard.updated > 0
                && self
                    .since
                    .is_none_or(|since| shard.newest_change.date_naive() >= since)
        } else {
            self.since
                .is_none_or(|since| shard.newest_published.date_naive() >= since)
                && self
                    .until
                    .is_none_or(|until| shard.oldest_published.date_naive() <= until)
        };
        (self.topics.is_empty() || self.topics.iter().any(|t| shard.topics.contains_key(t)))
            && dates_may_match
            && self
                .first_seen_since
                .is_none_or(|t| shard.newest_first_seen >= t)
            && self.unseen.as_ref().is_none_or(|seen| {
                seen.until
                    .is_none_or(|until| shard.newest_first_seen > until)
                    || !seen.ids.is_empty()
            })
            && self
                .only_ids
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|id| shard_key(id) == key))
    }

    /// The date `since`, `until` and the date order go by.
    fn date_of(&self, cached: &CachedPaper) -> DateTime<Utc> {
        match cached.last_update() {
            Some(update) if self.updated_only => update.to_submitted,
            _ => cached.paper.published,
        }
    }

    /// Whether `paper` passes every criterion. For many papers use
    /// [`select`], which prepares the needles once instead of per call.
    pub fn matches(&self, paper: &CachedPaper) -> bool {
        Prepared::new(self).matches(paper)
    }

    /// [`matches`](Self::matches) with the needles prepared once, for
    /// papers that do not arrive as one listing (a shard at a time).
    pub fn matcher(&self) -> impl Fn(&CachedPaper) -> bool + Sync + '_ {
        let prepared = Prepared::new(self);
        move |paper| prepared.matches(paper)
    }
}

/// The papers passing `filter`, sorted by `sort`, at most `limit` of them.
pub fn select<'a>(
    papers: impl IntoIterator<Item = &'a CachedPaper>,
    filter: &Filter,
    sort: SortKey,
    limit: Option<usize>,
) -> Vec<&'a CachedPaper> {
    let prepared = Prepared::new(filter);
    let selected = papers.into_iter().filter(|paper| prepared.matches(paper));
    match sort {
        SortKey::Date => sorted_top(selected.collect(), limit, |a, b| {
            newest_first(filter.date_of(a), filter.date_of(b), a, b)
        }),
        SortKey::Score | SortKey::Fit => sorted_top(selected.collect(), None, |a, b| {
            newest_first(a.paper.published, b.paper.published, a, b)
        }),
        SortKey::Updated => sorted_top(selected.collect(), limit, |a, b| {
            newest_first(a.paper.updated, b.paper.updated, a, b)
        }),
        SortKey::Title => by_title(selected, limit),
        SortKey::Upvotes => sorted_top(selected.collect(), limit, |a, b| {
            upvotes(b)
                .cmp(&upvotes(a))
                .then_with(|| newest_first(a.paper.published, b.paper.published, a, b))
        }),
    }
}

/// [`select`] in date order (newest first, then id) over papers that
/// arrive a shard at a time. `newest` gives each shard's newest
/// first-version date, newest shard first; `read(i)` reads shard `i`. A
/// paper goes to `emit` as soon as no unread shard can hold one before it,
/// so only shards whose dates overlap are in memory together. Not for
/// `--updated`, which dates papers by their newest version.
pub fn select_streamed<E>(
    newest: &[DateTime<Utc>],
    mut read: impl FnMut(usize) -> Result<Vec<CachedPaper>, E>,
    filter: &Filter,
    limit: Option<usize>,
    mut emit: impl FnMut(&[&CachedPaper]) -> Result<(), E>,
) -> Result<(), E> {
    debug_assert!(!filter.updated_only && newest.is_sorted_by(|a, b| a >= b));
    let prepared = Prepared::new(filter);
    let order =
        |a: &CachedPaper, b: &CachedPaper| newest_first(a.paper.published, b.paper.published, a, b);
    let mut left = limit.unwrap_or(usize::MAX);
    // Read but not yet emitted, in order.
    let mut held: Vec<CachedPaper> = Vec::new();
    let mut emit_first = |held: &mut Vec<CachedPaper>, count: usize, left: &mut usize| {
        let count = count.min(*left);
        let batch: Vec<&CachedPaper> = held[..count].iter().collect();
        emit(&batch)?;
        held.drain(..count);
        *left -= count;
        Ok(())
    };
    for (shard, &bound) in newest.iter().enumerate() {
        // An equal date could still lose to a larger id in the next shard.
        let ready = held.partition_point(|paper| paper.paper.published > bound);
        emit_first(&mut held, ready, &mut left)?;
        if left == 0 {
            return Ok(());
        }
        held.extend(
            read(shard)?
                .into_iter()
                .filter(|paper| prepared.matches(paper)),
        );
        held.sort_unstable_by(order);
    }
    let count = held.len();
    emit_first(&mut held, count, &mut left)
}

/// `None` (never listed) sorts below 0 upvotes.
fn upvotes(cached: &CachedPaper) -> Option<u32> {
    cached.hf.as_ref().map(|hf| hf.upvotes)
}

fn newest_first(
    a_time: DateTime<Utc>,
    b_time: DateTime<Utc>,
    a: &CachedPaper,
    b: &CachedPaper,
) -> Ordering {
    b_time
        .cmp(&a_time)
        .then_with(|| b.paper.id.cmp(&a.paper.id))
}

/// Lowercases each title once, not once per comparison.
fn by_title<'a>(
    papers: impl Iterator<Item = &'a CachedPaper>,
    limit: Option<usize>,
) -> Vec<&'a CachedPaper> {
    let keyed = papers
        .map(|paper| {
            (
                (
                    paper.paper.title.to_lowercase(),
                    Reverse(paper.paper.id.as_str()),
                ),
                paper,
            )
        })
        .collect();
    sorted_top(keyed, limit, |a, b| a.0.cmp(&b.0))
        .into_iter()
        .map(|(_, paper)| paper)
        .collect()
}

/// The first `limit` items in `order`. With a limit far below the count
/// (`--limit 20` of 100,000), a partial selection avoids sorting the rest.
pub(crate) fn sorted_top<T>(
    mut items: Vec<T>,
    limit: Option<usize>,
    order: impl Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    if let Some(limit) = limit
        && limit < items.len()
    {
        if limit > 0 {
            items.select_nth_unstable_by(limit - 1, &order);
        }
        items.truncate(limit);
    }
    items.sort_unstable_by(&order);
    items
}

/// A [`Filter`] with its needles lowercased once.
struct Prepared<'f> {
    filter: &'f Filter,
    categories: Vec<String>,
    author: Option<String>,
    grep: Option<String>,
}

impl<'f> Prepared<'f> {
    fn new(filter: &'f Filter) -> Self {
        Prepared {
            filter,
            categories: filter
                .categories
                .iter()
                .map(|c| c.trim().to_ascii_lowercase())
                .collect(),
            author: filter.author.as_deref().map(str::to_lowercase),
            grep: filter.grep.as_deref().map(str::to_lowercase),
        }
    }

    fn matches(&self, cached: &CachedPaper) -> bool {
        let paper = &cached.paper;
        let filter = self.filter;
        if filter.updated_only && cached.updates.is_empty() {
            return false;
        }
        let published = filter.date_of(cached).date_naive();
        self.matches_facts(cached, published)
            && filter
                .unseen
                .as_ref()
                .is_none_or(|seen| !seen.has_seen(cached))
            && self.author.as_deref().is_none_or(|needle| {
                paper
                    .authors
                    .iter()
                    .any(|a| contains_ignore_case(&a.name, needle))
            })
            && self.grep.as_deref().is_none_or(|needle| {
                contains_ignore_case(&paper.title, needle)
                    || contains_ignore_case(&paper.summary, needle)
            })
            && filter
                .min_upvotes
                .is_none_or(|min| upvotes(cached).is_some_and(|n| n >= min))
            && filter.venue.as_ref().is_none_or(|wanted| {
                venue::of_paper(paper).is_some_and(|found| wanted.matches(&found))
            })
            // Last: scanning abstracts for links is the dearest test.
            && (!filter.has_code || code_url(cached).is_some())
    }

    /// The criteria [`Facts`] decide, `published` being the date they go by.
    fn matches_facts(&self, paper: &impl Facts, published: NaiveDate) -> bool {
        let filter = self.filter;
        (filter.topics.is_empty() || filter.topics.iter().any(|t| paper.in_topic(t)))
            && filter
                .only_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(paper.id()))
            && filter
                .hidden_ids
                .as_ref()
                .is_none_or(|ids| !ids.contains(paper.id()))
            && filter.since.is_none_or(|since| published >= since)
            && filter.until.is_none_or(|until| published <= until)
            && filter
                .first_seen_since
                .is_none_or(|t| paper.first_seen() >= t)
            && (self.categories.is_empty()
                || paper.any_category(|c| self.categories.iter().any(|n| category_matches(c, n))))
    }
}

/// What a paper must tell for the filter's cheap criteria (topics, ids,
/// dates, `--new`, categories): a cached paper tells it, and so does the
/// search index's record of one, which holds nothing else.
pub trait Facts {
    fn id(&self) -> &str;
    fn published(&self) -> DateTime<Utc>;
    fn first_seen(&self) -> DateTime<Utc>;
    fn in_topic(&self, topic: &str) -> bool;
    fn any_category(&self, test: impl FnMut(&str) -> bool) -> bool;
}

impl Facts for CachedPaper {
    fn id(&self) -> &str {
        &self.paper.id
    }
    fn published(&self) -> DateTime<Utc> {
        self.paper.published
    }
    fn first_seen(&self) -> DateTime<Utc> {
        self.first_seen
    }
    fn in_topic(&self, topic: &str) -> bool {
        self.topics.contains(topic)
    }
    fn any_category(&self, test: impl FnMut(&str) -> bool) -> bool {
        self.paper.categories.iter().map(String::as_str).any(test)
    }
}

/// A [`Filter`] every set criterion of which [`Facts`] decide, ready to
/// test many papers' facts.
pub struct FactsFilter<'f>(Prepared<'f>);

impl<'f> FactsFilter<'f> {
    /// None when the filter has a criterion facts cannot decide (`--author`,
    /// `--grep`, `--unseen`, `--updated`, `--venue`, `--has-code`,
    /// `--min-upvotes`): only the papers themselves can.
    pub fn new(filter: &'f Filter) -> Option<Self> {
        let Filter {
            topics: _,
            since: _,
            until: _,
            categories: _,
            first_seen_since: _,
            only_ids: _,
            hidden_ids: _,
            author,
            grep,
            unseen,
            updated_only,
            venue,
            has_code,
            min_upvotes,
        } = filter;
        let facts_decide = author.is_none()
            && grep.is_none()
            && unseen.is_none()
            && !updated_only
            && venue.is_none()
            && !has_code
            && min_upvotes.is_none();
        facts_decide.then(|| FactsFilter(Prepared::new(filter)))
    }

    /// Whether a paper with these facts passes (as [`Filter::matches`] would
    /// say of the paper).
    pub fn matches(&self, paper: &impl Facts) -> bool {
        self.0.matches_facts(paper, paper.published().date_naive())
    }
}

/// `cs.LG` matches `cs.lg`, and also `cs` (the archive) but not `c` or `cs.L`.
pub(crate) fn category_matches(category: &str, lowercase_needle: &str) -> bool {
    let n = lowercase_needle.len();
    match category.get(..n) {
        Some(head) if head.eq_ignore_ascii_case(lowercase_needle) => {
            category.len() == n || category.as_bytes()[n] == b'.'
        }
        _ => false,
    }
}

/// Whether `haystack` contains `lowercase_needle`, ignoring case. ASCII text
/// (most titles and abstracts) is compared in place; anything else is
/// lowercased first so `Ö` finds `ö`.
fn contains_ignore_case(haystack: &str, lowercase_needle: &str) -> bool {
    if haystack.is_ascii() && lowercase_needle.is_ascii() {
        let needle = lowercase_needle.as_bytes();
        needle.is_empty()
            || haystack
                .as_bytes()
                .windows(needle.len())
                .any(|window| window.eq_ignore_ascii_case(needle))
    } else {
        haystack.to_lowercase().contains(lowercase_needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Paper};
    use chrono::TimeZone;
    use std::collections::BTreeSet;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .expect("valid test time")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn cached(id: &str, title: &str, published: DateTime<Utc>) -> CachedPaper {
        let paper = Paper::builder(id)
            .version(1)
            .title(title)
            .authors(["Ada Lovelace"])
            .summary("We study things.")
            .published(published)
            .updated(published)
            .categories(["cs.LG"])
            .primary_category(Some("cs.LG"))
            .link_base("http://arxiv.org")
            .build();
        let mut cached = CachedPaper::new(paper, at(2025, 1, 1, 0));
        cached.topics = BTreeSet::from(["npu".to_string()]);
        cached
    }

    fn plain(id: &str) -> CachedPaper {
        cached(id, "A title", at(2025, 1, 10, 12))
    }

    fn ids(papers: &[&CachedPaper]) -> Vec<String> {
        papers.iter().map(|p| p.paper.id.clone()).collect()
    }

    #[test]
    fn empty_filter_keeps_everything() {
        assert!(Filter::default().matches(&plain("2501.00001")));
    }

    #[test]
    fn topics_match_any_listed() {
        let paper = plain("2501.00001");
        let filter = |topics: &[&str]| Filter {
            topics: topics.iter().map(|t| t.to_string()).collect(),
            ..Filter::default()
        };
        assert!(filter(&["edge", "npu"]).matches(&paper));
        assert!(!filter(&["edge"]).matches(&paper));
        assert!(!filter(&["NPU"]).matches(&paper), "topic names are exact");
    }

    #[test]
    fn since_and_until_are_inclusive_utc_dates_of_the_first_version() {
        let mut paper = cached("2501.00001", "T", at(2025, 1, 10, 23));
        paper.paper.updated = at(2025, 3, 1, 0);
        let range = |since, until| Filter {
            since,
            until,
            ..Filter::default()
        };
        assert!(range(Some(day(2025, 1, 10)), Some(day(2025, 1, 10))).matches(&paper));
        assert!(!range(Some(day(2025, 1, 11)), None).matches(&paper));
        assert!(!range(None, Some(day(2025, 1, 9))).matches(&paper));
        assert!(
            !range(Some(day(2025, 2, 1)), None).matches(&paper),
            "a new version does not make an old paper recent"
        );
    }

    #[test]
    fn categories_ignore_case_and_archives_match_their_categories() {
        let mut paper = plain("2501.00001");
        paper.paper.categories = vec!["cs.LG".into(), "stat.ML".into(), "hep-th".into()];
        let by = |c: &str| Filter {
            categories: vec![c.to_string()],
            ..Filter::default()
        };
        for hit in ["cs.lg", "STAT.ML", "cs", "stat", "hep-th", " cs.LG "] {
            assert!(by(hit).matches(&paper), "{hit} should match");
        }
        for miss in ["c", "cs.L", "cs.AI", "math", "hep", "cs.LG.x"] {
            assert!(!by(miss).matches(&paper), "{miss} should not match");
        }
        let any = Filter {
            categories: vec!["math".into(), "cs.LG".into()],
            ..Filter::default()
        };
        assert!(any.matches(&paper));
    }

    #[test]
    fn author_is_a_case_insensitive_substring_of_any_author() {
        let mut paper = plain("2501.00001");
        paper.paper.authors.push(Author {
            name: "Jürgen Müller".into(),
            affiliations: Vec::new(),
        });
        let by = |a: &str| Filter {
            author: Some(a.to_string()),
            ..Filter::default()
        };
        assert!(by("lovelace").matches(&paper));
        assert!(by("ADA LOVE").matches(&paper));
        assert!(by("MÜLLER").matches(&paper));
        assert!(!by("babbage").matches(&paper));
        assert!(!by("ada müller").matches(&paper), "not across authors");
    }

    #[test]
    fn grep_searches_title_and_abstract_ignoring_case() {
        let mut paper = cached(
            "2501.00001",
            "Speculative Decoding on NPUs",
            at(2025, 1, 1, 0),
        );
        paper.paper.summary = "We accelerate LLM inference.\n\nMore text.".into();
        let grep = |g: &str| Filter {
            grep: Some(g.to_string()),
            ..Filter::default()
        };
        assert!(grep("speculative decoding").matches(&paper));
        assert!(grep("llm INFERENCE").matches(&paper));
        assert!(!grep("quantization").matches(&paper));
        assert!(
            !grep("npus we").matches(&paper),
            "title and abstract are separate"
        );
    }

    #[test]
    fn first_seen_since_keeps_papers_stored_at_or_after_it() {
        let paper = plain("2501.00001");
        let new_since = |t| Filter {
            first_seen_since: Some(t),
            ..Filter::default()
        };
        assert!(new_since(at(2025, 1, 1, 0)).matches(&paper));
        assert!(!new_since(at(2025, 1, 1, 1)).matches(&paper));
    }

    #[test]
    fn venue_filter_reads_the_comment_with_or_without_a_year() {
        let mut accepted = plain("2501.00001");
        accepted.paper.comment = Some("Accepted at ICCAD 2024".into());
        let mut submitted = plain("2501.00002");
        submitted.paper.comment = Some("Submitted to ICCAD 2024".into());
        let papers = [accepted, submitted, plain("2501.00003")];
        let by = |text: &str| Filter {
            venue: Some(VenueFilter::parse(text).expect("a known venue")),
            ..Filter::default()
        };
        let selected = select(&papers, &by("iccad"), SortKey::Date, None);
        assert_eq!(ids(&selected), ["2501.00001"]);
        assert_eq!(
            ids(&select(&papers, &by("ICCAD:2024"), SortKey::Date, None)),
            ["2501.00001"]
        );
        assert!(select(&papers, &by("ICCAD:2025"), SortKey::Date, None).is_empty());
        assert!(select(&papers, &by("DAC"), SortKey::Date, None).is_empty());
    }

    #[test]
    fn all_criteria_must_hold() {
        let paper = plain("2501.00001");
        let filter = Filter {
            author: Some("ada".into()),
            grep: Some("nothing like this".into()),
            ..Filter::default()
        };
        assert!(!filter.matches(&paper));
    }

    /// `select_streamed` over shards whose dates overlap, tie and leave
    /// gaps gives exactly what `select` gives over all the papers at once,
    /// with and without a limit and a filter.
    #[test]
    fn streamed_selection_is_the_same_as_selecting_everything_at_once() {
        // Six shards; each paper's date is spread so neighbouring shards
        // overlap, and some papers share a date across shards.
        let mut shards: Vec<Vec<CachedPaper>> = Vec::new();
        for shard in 0..6u32 {
            let papers = (0..15u32)
                .map(|n| {
                    let hour = (shard * 7 + n * 3) % 48;
                    let topic = if n % 3 == 0 { "moe" } else { "npu" };
                    let mut paper = cached(
                        &format!("25{:02}.{n:05}", shard + 1),
                        "T",
                        at(2025, 3, 1 + hour / 24, hour % 24),
                    );
                    paper.topics = BTreeSet::from([topic.to_string()]);
                    paper
                })
                .collect();
            shards.push(papers);
        }
        shards.sort_by_key(|papers: &Vec<CachedPaper>| {
            Reverse(papers.iter().map(|p| p.paper.published).max())
        });
        let newest: Vec<DateTime<Utc>> = shards
            .iter()
            .filter_map(|papers| papers.iter().map(|p| p.paper.published).max())
            .collect();
        let everything: Vec<CachedPaper> = shards.iter().flatten().cloned().collect();
        let moe = Filter {
            topics: vec!["moe".into()],
            ..Filter::default()
        };
        for filter in [Filter::default(), moe] {
            for limit in [None, Some(1), Some(7), Some(40), Some(500)] {
                let expected = ids(&select(&everything, &filter, SortKey::Date, limit));
                let mut got = Vec::new();
                let mut reads = 0;
                let result: Result<(), ()> = select_streamed(
                    &newest,
                    |shard| {
                        reads += 1;
                        Ok(shards[shard].clone())
                    },
                    &filter,
                    limit,
                    |batch| {
                        got.extend(ids(batch));
                        Ok(())
                    },
                );
                assert_eq!(result, Ok(()));
                assert_eq!(got, expected, "limit {limit:?}");
                if limit == Some(1) {
                    assert!(reads < shards.len(), "a short listing stops reading early");
                }
            }
        }
    }

    #[test]
    fn date_sort_is_newest_first_with_ties_by_id_descending() {
        let papers = [
            cached("2501.00001", "A", at(2025, 1, 5, 0)),
            cached("2501.00003", "B", at(2025, 1, 9, 0)),
            cached("2501.00002", "C", at(2025, 1, 5, 0)),
        ];
        let selected = select(&papers, &Filter::default(), SortKey::Date, None);
        assert_eq!(ids(&selected), ["2501.00003", "2501.00002", "2501.00001"]);
    }

    #[test]
    fn updated_sort_uses_the_latest_version_date() {
        let mut old_but_revised = cached("2401.00001", "A", at(2024, 1, 1, 0));
        old_but_revised.paper.updated = at(2025, 6, 1, 0);
        let papers = [
            cached("2501.00001", "B", at(2025, 1, 1, 0)),
            old_but_revised,
        ];
        let by_updated = select(&papers, &Filter::default(), SortKey::Updated, None);
        assert_eq!(ids(&by_updated), ["2401.00001", "2501.00001"]);
        let by_date = select(&papers, &Filter::default(), SortKey::Date, None);
        assert_eq!(ids(&by_date), ["2501.00001", "2401.00001"]);
    }

    #[test]
    fn title_sort_is_a_to_z_ignoring_case() {
        let when = at(2025, 1, 1, 0);
        let papers = [
            cached("1", "beta", when),
            cached("2", "Alpha", when),
            cached("3", "Ärger", when),
            cached("4", "alpha", when),
        ];
        let selected = select(&papers, &Filter::default(), SortKey::Title, None);
        assert_eq!(ids(&selected), ["4", "2", "1", "3"]);
    }

    #[test]
    fn limit_keeps_the_first_in_sort_order() {
        let papers: Vec<CachedPaper> = (1..=50)
            .map(|i| {
                cached(
                    &format!("2501.{i:05}"),
                    &format!("t{i:02}"),
                    at(2025, 1, 1, 0),
                )
            })
            .collect();
        let top = select(&papers, &Filter::default(), SortKey::Date, Some(3));
        assert_eq!(ids(&top), ["2501.00050", "2501.00049", "2501.00048"]);
        let top_titles = select(&papers, &Filter::default(), SortKey::Title, Some(2));
        assert_eq!(ids(&top_titles), ["2501.00001", "2501.00002"]);
        assert!(select(&papers, &Filter::default(), SortKey::Date, Some(0)).is_empty());
        assert_eq!(
            select(&papers, &Filter::default(), SortKey::Date, Some(500)).len(),
            50
        );
    }

    #[test]
    fn select_applies_the_filter_before_the_limit() {
        let mut other = plain("2501.00009");
        other.topics = BTreeSet::from(["edge".to_string()]);
        let papers = [plain("2501.00001"), other];
        let filter = Filter {
            topics: vec!["npu".into()],
            ..Filter::default()
        };
        let selected = select(&papers, &filter, SortKey::Date, Some(1));
        assert_eq!(ids(&selected), ["2501.00001"]);
    }
}
