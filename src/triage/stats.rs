//! Papers per period and topic: the numbers behind `papers stats` and the
//! trend chart of `papers export --trend`.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::CachedPaper;
use crate::model::Topic;
use crate::storage::cache::layout::TopicStats;
use crate::storage::cache::{Cache, ShardMeta};

/// The bucket a count falls in: a calendar month or an ISO week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Period {
    Month,
    Week,
}

/// Counts per period for each topic; `series[i].counts[j]` is topic i in `periods[j]`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Period labels, oldest first: "2026-01" (month) or "2026-W03" (ISO week).
    pub periods: Vec<String>,
    /// One per requested topic, in the order requested.
    pub series: Vec<Series>,
}

/// One topic's counts, aligned with [`Stats::periods`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Series {
    /// The topic's config name.
    pub topic: String,
    pub counts: Vec<usize>,
}

impl Stats {
    /// True when no paper of the chosen topics was counted.
    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }

    /// Papers per period summed over the topics; a paper in two topics
    /// counts twice, as it does in each topic's own column.
    pub fn totals(&self) -> Vec<usize> {
        (0..self.periods.len())
            .map(|index| {
                self.series
                    .iter()
                    .filter_map(|series| series.counts.get(index))
                    .sum()
            })
            .collect()
    }

    /// The largest single count of any topic in any period (0 when empty).
    pub fn max_count(&self) -> usize {
        self.series
            .iter()
            .flat_map(|series| series.counts.iter().copied())
            .max()
            .unwrap_or(0)
    }

    /// Which period the labels are in, read back from their shape, so a
    /// caller holding only a `Stats` can name its axis; None when empty.
    pub fn period(&self) -> Option<Period> {
        let first = self.periods.first()?;
        Some(if first.contains("-W") {
            Period::Week
        } else {
            Period::Month
        })
    }
}

/// Counts each paper once per topic it belongs to, by first-version date
/// (`published`, in UTC), for `topics` in the order given.
///
/// `periods` runs without gaps from the earliest to the latest period
/// holding a counted paper, empty periods as zeros, so a chart's x-axis
/// spaces time evenly. Papers in none of `topics` do not widen the range.
#[cfg(test)]
pub fn count<'a>(
    papers: impl IntoIterator<Item = &'a CachedPaper>,
    topics: &[&Topic],
    period: Period,
) -> Stats {
    count_with(papers, std::iter::empty(), topics, period)
}

/// Whether [`count_cache`] needs shard `meta` read: by month, a shard whose
/// papers were all submitted in one month is counted from its summary.
pub fn shard_needed(meta: &ShardMeta, period: Period) -> bool {
    period == Period::Week || meta.published_month().is_none()
}

/// The same counts over a cache read with every shard [`shard_needed`] accepts:
/// the papers in memory, and the summaries of the shards not read.
pub fn count_cache(cache: &Cache, topics: &[&Topic], period: Period) -> Stats {
    let summed = cache
        .shards()
        .iter()
        .filter(|(key, meta)| !cache.is_loaded(key) && !shard_needed(meta, period))
        .filter_map(|(_, meta)| Some((meta.published_month()?, &meta.topics)));
    count_with(cache.papers.values(), summed, topics, period)
}

fn count_with<'a, 'b>(
    papers: impl IntoIterator<Item = &'a CachedPaper>,
    monthly: impl Iterator<Item = (NaiveDate, &'b BTreeMap<String, TopicStats>)>,
    topics: &[&Topic],
    period: Period,
) -> Stats {
    let mut by_start: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (month, summary) in monthly {
        let sums: Vec<usize> = topics
            .iter()
            .map(|topic| summary.get(&topic.name).map_or(0, |stats| stats.papers))
            .collect();
        if sums.iter().all(|&n| n == 0) {
            continue;
        }
        let counts = by_start
            .entry(month)
            .or_insert_with(|| vec![0; topics.len()]);
        for (count, sum) in counts.iter_mut().zip(sums) {
            *count += sum;
        }
    }
    for cached in papers {
        let memberships: Vec<bool> = topics
            .iter()
            .map(|topic| cached.topics.contains(&topic.name))
            .collect();
        if !memberships.contains(&true) {
            continue;
        }
        let start = period_start(cached.paper.published.date_naive(), period);
        let counts = by_start
            .entry(start)
            .or_insert_with(|| vec![0; topics.len()]);
        for (count, member) in counts.iter_mut().zip(memberships) {
            *count += usize::from(member);
        }
    }

    let mut periods = Vec::new();
    let mut series: Vec<Series> = topics
        .iter()
        .map(|topic| Series {
            topic: topic.name.clone(),
            counts: Vec::new(),
        })
        .collect();
    let (Some(&first), Some(&last)) = (by_start.keys().next(), by_start.keys().next_back()) else {
        return Stats { periods, series };
    };
    let mut current = Some(first);
    while let Some(start) = current.filter(|start| *start <= last) {
        periods.push(period_label(start, period));
        let counts = by_start.get(&start);
        for (index, topic_series) in series.iter_mut().enumerate() {
            let count = counts.and_then(|counts| counts.get(index)).copied();
            topic_series.counts.push(count.unwrap_or(0));
        }
        current = next_period_start(start, period);
    }
    Stats { periods, series }
}

/// First day of the month, or the Monday of the ISO week, holding `date`.
fn period_start(date: NaiveDate, period: Period) -> NaiveDate {
    let start = match period {
        Period::Month => date.with_day(1),
        Period::Week => {
            date.checked_sub_days(Days::new(date.weekday().num_days_from_monday().into()))
        }
    };
    // Only the first days chrono can represent lack a Monday before them;
    // such a paper is counted in the period it falls in anyway.
    start.unwrap_or(date)
}

/// None past the last date chrono can represent, which ends the range.
fn next_period_start(start: NaiveDate, period: Period) -> Option<NaiveDate> {
    match period {
        Period::Month => start.checked_add_months(Months::new(1)),
        Period::Week => start.checked_add_days(Days::new(7)),
    }
}

/// `2026-01`, or `2026-W03` with the ISO week-numbering year, which differs
/// from the calendar year around New Year (2025-12-29 is in 2026-W01).
fn period_label(start: NaiveDate, period: Period) -> String {
    match period {
        Period::Month => format!("{:04}-{:02}", start.year(), start.month()),
        Period::Week => {
            let week = start.iso_week();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{DateTime, TimeZone, Utc};

    use super::*;
    use crate::model::Paper;

    fn topic(name: &str) -> Topic {
        Topic {
            name: name.to_owned(),
            title: name.to_uppercase(),
            keywords: vec![name.to_owned()],
            categories: Vec::new(),
            authors: Vec::new(),
            exclude: Vec::new(),
            query: None,
        }
    }

    fn at(date: &str) -> DateTime<Utc> {
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("test date");
        Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).expect("noon"))
    }

    /// A paper first submitted on `published` but updated much later, so a
    /// count by the wrong date would show up.
    fn paper(id: &str, published: &str, topics: &[&str]) -> CachedPaper {
        let paper = Paper::builder(id)
            .version(2)
            .title(format!("Paper {id}"))
            .published(at(published))
            .updated(at("2030-06-15"))
            .categories(["cs.AR"])
            .primary_category(Some("cs.AR"))
            .build();
        let mut cached = CachedPaper::new(paper, at("2030-06-15"));
        cached.topics = topics
            .iter()
            .map(|name| name.to_string())
            .collect::<BTreeSet<_>>();
        cached
    }

    #[test]
    fn counts_from_the_index_agree_with_counts_of_every_paper() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = crate::storage::cache::CacheStore::new(dir.path());
        let papers = [
            paper("2609.00001", "2026-09-03", &["npu"]),
            paper("2609.00002", "2026-09-28", &["npu", "edge"]),
            // An October id first submitted on 1 November, UTC: that shard
            // straddles two months and must be read.
            paper("2610.00001", "2026-10-30", &["edge"]),
            paper("2610.00002", "2026-11-01", &["npu"]),
            paper("2612.00001", "2026-12-02", &["moe"]),
        ];
        store
            .update(|cache| {
                papers
                    .iter()
                    .for_each(|held| cache.insert_held(held.clone()))
            })
            .expect("write");
        let (npu, edge) = (topic("npu"), topic("edge"));
        let topics = [&npu, &edge];
        let everything = store.load().expect("all");
        for period in [Period::Month, Period::Week] {
            let partial = store
                .load_where(|_, meta| shard_needed(meta, period))
                .expect("partial");
            assert_eq!(
                count_cache(&partial, &topics, period),
                count(everything.papers.values(), &topics, period),
                "{period:?}"
            );
        }
        let by_month = store
            .load_where(|_, meta| shard_needed(meta, Period::Month))
            .expect("partial");
        assert_eq!(
            by_month.papers.keys().collect::<Vec<_>>(),
            ["2610.00001", "2610.00002"],
            "only the straddling shard is read"
        );
    }

    fn counts_of(stats: &Stats) -> Vec<(&str, Vec<usize>)> {
        stats
            .series
            .iter()
            .map(|series| (series.topic.as_str(), series.counts.clone()))
            .collect()
    }

    #[test]
    fn months_are_continuous_with_gaps_filled_by_zeros() {
        let (npu, edge) = (topic("npu"), topic("edge"));
        let papers = [
            paper("a", "2026-01-31", &["npu"]),
            paper("b", "2026-01-01", &["npu", "edge"]),
            paper("c", "2026-04-10", &["edge"]),
        ];
        let stats = count(&papers, &[&npu, &edge], Period::Month);
        assert_eq!(stats.periods, ["2026-01", "2026-02", "2026-03", "2026-04"]);
        assert_eq!(
            counts_of(&stats),
            [("npu", vec![2, 0, 0, 0]), ("edge", vec![1, 0, 0, 1])]
        );
        assert_eq!(stats.totals(), [3, 0, 0, 1]);
        assert_eq!(stats.max_count(), 2);
        assert_eq!(stats.period(), Some(Period::Month));
    }

    #[test]
    fn months_cross_the_year_boundary() {
        let npu = topic("npu");
        let papers = [
            paper("a", "2025-11-30", &["npu"]),
            paper("b", "2026-02-01", &["npu"]),
        ];
        let stats = count(&papers, &[&npu], Period::Month);
        assert_eq!(stats.periods, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(stats.series[0].counts, [1, 0, 0, 1]);
    }

    #[test]
    fn weeks_use_the_iso_week_numbering_year() {
        let npu = topic("npu");
        let papers = [
            // Sunday, the last day of 2025-W52.
            paper("a", "2025-12-28", &["npu"]),
            // Monday: ISO week 1 of 2026 starts in December 2025.
            paper("b", "2025-12-29", &["npu"]),
            paper("c", "2026-01-04", &["npu"]),
            paper("d", "2026-01-05", &["npu"]),
        ];
        let stats = count(&papers, &[&npu], Period::Week);
        assert_eq!(stats.periods, ["2025-W52", "2026-W01", "2026-W02"]);
        assert_eq!(stats.series[0].counts, [1, 2, 1]);
        assert_eq!(stats.period(), Some(Period::Week));
    }

    #[test]
    fn a_long_iso_year_has_a_week_53_that_reaches_into_january() {
        let npu = topic("npu");
        let papers = [
            paper("a", "2026-12-28", &["npu"]),
            // A Friday in calendar 2027 but ISO week 53 of 2026.
            paper("b", "2027-01-01", &["npu"]),
            paper("c", "2027-01-04", &["npu"]),
        ];
        let stats = count(&papers, &[&npu], Period::Week);
        assert_eq!(stats.periods, ["2026-W53", "2027-W01"]);
        assert_eq!(stats.series[0].counts, [2, 1]);
    }

    #[test]
    fn week_gaps_are_filled_across_the_year_boundary() {
        let npu = topic("npu");
        let papers = [
            paper("a", "2025-12-15", &["npu"]),
            paper("b", "2026-01-12", &["npu"]),
        ];
        let stats = count(&papers, &[&npu], Period::Week);
        assert_eq!(
            stats.periods,
            ["2025-W51", "2025-W52", "2026-W01", "2026-W02", "2026-W03"]
        );
        assert_eq!(stats.series[0].counts, [1, 0, 0, 0, 1]);
    }

    #[test]
    fn a_paper_in_two_topics_counts_once_in_each() {
        let (npu, edge) = (topic("npu"), topic("edge"));
        let papers = [paper("a", "2026-03-03", &["npu", "edge"])];
        let stats = count(&papers, &[&npu, &edge], Period::Month);
        assert_eq!(counts_of(&stats), [("npu", vec![1]), ("edge", vec![1])]);
        assert_eq!(stats.totals(), [2]);
    }

    #[test]
    fn series_follow_the_requested_topic_order() {
        let (npu, edge) = (topic("npu"), topic("edge"));
        let papers = [paper("a", "2026-03-03", &["npu"])];
        let stats = count(&papers, &[&edge, &npu], Period::Month);
        assert_eq!(counts_of(&stats), [("edge", vec![0]), ("npu", vec![1])]);
    }

    #[test]
    fn papers_outside_the_chosen_topics_do_not_widen_the_range() {
        let npu = topic("npu");
        let papers = [
            paper("a", "2025-01-10", &["edge"]),
            paper("b", "2026-03-03", &["npu"]),
            paper("c", "2027-09-09", &["other"]),
        ];
        let stats = count(&papers, &[&npu], Period::Month);
        assert_eq!(stats.periods, ["2026-03"]);
        assert_eq!(stats.series[0].counts, [1]);
    }

    #[test]
    fn counts_by_first_version_date_not_update_date() {
        let npu = topic("npu");
        let papers = [paper("a", "2026-03-03", &["npu"])];
        let stats = count(&papers, &[&npu], Period::Month);
        // `updated` is 2030-06-15 in the fixture.
        assert_eq!(stats.periods, ["2026-03"]);
    }

    #[test]
    fn no_papers_give_empty_periods_but_keep_the_topics() {
        let (npu, edge) = (topic("npu"), topic("edge"));
        let stats = count(std::iter::empty(), &[&npu, &edge], Period::Week);
        assert!(stats.is_empty());
        assert_eq!(counts_of(&stats), [("npu", vec![]), ("edge", vec![])]);
        assert_eq!(stats.totals(), Vec::<usize>::new());
        assert_eq!(stats.max_count(), 0);
        assert_eq!(stats.period(), None);
    }

    #[test]
    fn serialises_as_periods_and_series() {
        let npu = topic("npu");
        let papers = [paper("a", "2026-03-03", &["npu"])];
        let json = serde_json::to_value(count(&papers, &[&npu], Period::Month)).expect("json");
        assert_eq!(
            json,
            serde_json::json!({
                "periods": ["2026-03"],
                "series": [{"topic": "npu", "counts": [1]}]
            })
        );
    }
}
