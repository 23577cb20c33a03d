//! `papers export`: the whole topic page (see [`crate::render::page`]),
//! optionally with the monthly trend chart beside it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};

use crate::cli::{Cli, ExportArgs};
use crate::config;
use crate::exit::{self, UsageError};
use crate::model::CachedPaper;
use crate::model::Topic;
use crate::render::chart;
use crate::render::page::{self, Page};
use crate::storage::cache::{Cache, CacheStore, ShardMeta};
use crate::storage::huggingface::HfStore;
use crate::terminal::print_stdout;
use crate::triage::stats;
use crate::triage::stats::Period;

pub fn run(cli: &Cli, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    // Flags first: a typo should not wait for the cache to load.
    let updated_on = match args.date.as_deref() {
        Some(text) => parse_page_date(text)?,
        // UTC, like arXiv's dates and `list`'s "today".
        None => Utc::now().date_naive(),
    };
    if args.max_per_topic == 0 {
        return Err(UsageError("--max-per-topic: must be at least 1".into()).into());
    }
    if let (Some(output), Some(trend)) = (&args.output, &args.trend)
        && lexical_absolute(output) == lexical_absolute(trend)
    {
        return Err(UsageError(format!(
            "--trend and --output both name {}",
            trend.display()
        ))
        .into());
    }

    let config = config::load(cli.config.as_deref())?;
    let selected = config.select_topics(&args.topics)?;
    // Config order whatever the order of the flags: the page is a standing
    // document, and `-t b -t a` should not reshuffle it.
    let topics: Vec<&Topic> = config
        .topics
        .iter()
        .filter(|topic| selected.iter().any(|chosen| chosen.name == topic.name))
        .collect();
    let store = CacheStore::resolve(cli.cache_dir.as_deref())?;
    let trend = args.trend.is_some();
    let mut cache = store.load_chosen(|shards| {
        let mut chosen = newest_shards(shards, &topics, args.max_per_topic);
        // A lost shard is read all the same, so the warning names it.
        let lost = shards
            .iter()
            .filter(|(_, meta)| !store.has_shard_file(meta));
        chosen.extend(lost.map(|(key, _)| key.clone()));
        if trend {
            let straddling = shards
                .iter()
                .filter(|(_, meta)| stats::shard_needed(meta, Period::Month));
            chosen.extend(straddling.map(|(key, _)| key.clone()));
        }
        chosen
    })?;
    HfStore::new(store.dir()).load()?.join(&mut cache);
    super::say_if_no_cache(&store);
    super::warn_if_damaged(&cache);
    let papers: Vec<&CachedPaper> = cache.papers.values().collect();

    // The chart is written before the page, so a page never links a chart
    // that failed to be written.
    let trend_image = match &args.trend {
        Some(svg_path) => {
            write_trend_chart(cli, svg_path, &topics, &cache)?;
            Some(link_from_page(args.output.as_deref(), svg_path))
        }
        None => None,
    };
    let text = page::render_page(&Page {
        updated_on,
        topics: &topics,
        papers: &papers,
        max_per_topic: args.max_per_topic,
        trend_image: trend_image.as_deref(),
    });
    match &args.output {
        Some(path) => super::write_output(cli, path, "the page", text.as_bytes())?,
        None => print_stdout(&text)?,
    }
    Ok(exit::exit_code(exit::SUCCESS))
}

/// `--date`: exactly `YYYY-MM-DD`. Spans like `7d` make no sense for the
/// day a page claims to be from.
fn parse_page_date(text: &str) -> Result<NaiveDate, UsageError> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    well_formed
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            UsageError(format!(
                "--date: invalid date {text:?}: expected YYYY-MM-DD"
            ))
        })
}

/// The shards holding each topic's newest `max` papers (by first version,
/// the page's order): shards in order of the topic's newest paper until
/// they hold `max` of its papers, then every shard whose newest paper of the
/// topic is no older than the oldest paper of those; none of the newest
/// `max` can be anywhere else.
fn newest_shards(
    shards: &BTreeMap<String, ShardMeta>,
    topics: &[&Topic],
    max: usize,
) -> BTreeSet<String> {
    let mut wanted = BTreeSet::new();
    for topic in topics {
        let mut holding: Vec<(&String, &ShardMeta, DateTime<Utc>)> = shards
            .iter()
            .filter_map(|(key, meta)| {
                Some((key, meta, meta.topics.get(&topic.name)?.newest_published))
            })
            .collect();
        holding.sort_by_key(|&(_, _, newest)| std::cmp::Reverse(newest));
        let (mut count, mut oldest) = (0, DateTime::<Utc>::MAX_UTC);
        let mut cutoff: Option<DateTime<Utc>> = None;
        for (key, meta, newest) in holding {
            if cutoff.is_some_and(|cutoff| newest < cutoff) {
                break;
            }
            wanted.insert(key.clone());
            if cutoff.is_none() {
                count += meta.topics.get(&topic.name).map_or(0, |stats| stats.papers);
                oldest = oldest.min(meta.oldest_published);
                cutoff = (count >= max).then_some(oldest);
            }
        }
    }
    wanted
}

/// Counts the selected topics' papers per month and draws them, atomically,
/// so a reader never sees half a chart.
fn write_trend_chart(
    cli: &Cli,
    path: &Path,
    topics: &[&Topic],
    cache: &Cache,
) -> anyhow::Result<()> {
    let counts = stats::count_cache(cache, topics, Period::Month);
    let chart = chart::trend_chart(&counts, page::TREND_ALT);
    super::write_output(cli, path, "the trend chart", chart.as_bytes())
}

/// How the page links the chart: relative to the page's directory, so the
/// pair can be moved or published together. Without `--output` the page's
/// directory is unknown and the current directory stands in. When no
/// relative path exists (different Windows drives) the chart path is used as
/// given. Paths are compared lexically, without resolving symlinks.
fn link_from_page(page_path: Option<&Path>, chart: &Path) -> String {
    let page_dir = page_path
        .and_then(Path::parent)
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let link = relative_path(&lexical_absolute(page_dir), &lexical_absolute(chart))
        .unwrap_or_else(|| chart.to_path_buf());
    link.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` made absolute against the current directory, `.` and `..`
/// resolved by name; the path unchanged if the current directory is gone.
fn lexical_absolute(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    normal.push(part);
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

/// The path from directory `from` to `to`, both absolute and normalised;
/// `None` when they share no root.
fn relative_path(from: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut relative = PathBuf::new();
    for _ in shared..from.len() {
        relative.push("..");
    }
    for part in &to[shared..] {
        relative.push(part);
    }
    Some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paper;

    #[test]
    fn the_newest_shards_hold_each_topics_newest_papers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = CacheStore::new(dir.path());
        let day = |month: u32, day: u32| {
            NaiveDate::from_ymd_opt(2026, month, day)
                .expect("date")
                .and_hms_opt(12, 0, 0)
                .expect("noon")
                .and_utc()
        };
        // npu: two papers in November, one in October, one late-announced
        // in an August id submitted in October (newer than the October one).
        let papers = [
            ("2611.00001", day(11, 3), "npu"),
            ("2611.00002", day(11, 9), "npu"),
            ("2610.00001", day(10, 2), "npu"),
            ("2608.00001", day(10, 5), "npu"),
            ("2607.00001", day(7, 5), "npu"),
            ("2605.00001", day(5, 5), "edge"),
        ];
        store
            .update(|cache| {
                for (id, published, topic) in papers {
                    let paper = Paper::builder(id).published(published).build();
                    cache.merge(topic, vec![paper], day(12, 1));
                }
            })
            .expect("write");
        let (npu, edge) = (topic("npu"), topic("edge"));
        let shards = store.load_index().expect("index").shards().clone();
        let keys = |chosen: BTreeSet<String>| chosen.into_iter().collect::<Vec<_>>();
        assert_eq!(keys(newest_shards(&shards, &[&npu], 2)), ["2026-11"]);
        assert_eq!(
            keys(newest_shards(&shards, &[&npu], 3)),
            ["2026-08", "2026-11"],
            "the August id submitted in October is among the newest three"
        );
        assert_eq!(
            keys(newest_shards(&shards, &[&npu], 4)),
            ["2026-08", "2026-10", "2026-11"]
        );
        assert_eq!(
            keys(newest_shards(&shards, &[&npu, &edge], 1)),
            ["2026-05", "2026-11"]
        );
    }

    fn topic(name: &str) -> Topic {
        Topic {
            name: name.to_owned(),
            title: name.to_owned(),
            keywords: vec![name.to_owned()],
            categories: Vec::new(),
            authors: Vec::new(),
            exclude: Vec::new(),
            query: None,
        }
    }

    #[test]
    fn page_date_must_be_a_real_iso_date() {
        assert_eq!(
            parse_page_date("2026-02-07").ok(),
            NaiveDate::from_ymd_opt(2026, 2, 7)
        );
        for bad in ["2026-2-7", "2026-02-30", "7d", "today", "+2026-02-07", ""] {
            let err = parse_page_date(bad).expect_err(bad);
            assert_eq!(
                err.to_string(),
                format!("--date: invalid date {bad:?}: expected YYYY-MM-DD")
            );
        }
    }

    #[test]
    fn chart_link_is_relative_to_the_page_directory() {
        let link =
            |page: Option<&str>, chart: &str| link_from_page(page.map(Path::new), Path::new(chart));
        assert_eq!(
            link(Some("site/index.md"), "site/imgs/trend.svg"),
            "imgs/trend.svg"
        );
        assert_eq!(link(Some("site/index.md"), "trend.svg"), "../trend.svg");
        assert_eq!(link(Some("index.md"), "imgs/trend.svg"), "imgs/trend.svg");
        assert_eq!(link(Some("./a/../site/index.md"), "site/./t.svg"), "t.svg");
        assert_eq!(link(None, "imgs/trend.svg"), "imgs/trend.svg");
        assert_eq!(
            link(Some("/srv/www/index.md"), "/srv/img/t.svg"),
            "../img/t.svg"
        );
    }

    #[test]
    fn absolute_chart_paths_become_relative_to_a_relative_page() {
        let cwd = std::env::current_dir().expect("current dir");
        let chart = cwd.join("out/charts/trend.svg");
        assert_eq!(
            link_from_page(Some(Path::new("out/page.md")), &chart),
            "charts/trend.svg"
        );
    }

    #[test]
    fn relative_path_climbs_out_of_unshared_directories() {
        assert_eq!(
            relative_path(Path::new("/a/b/c"), Path::new("/a/x/y.svg")),
            Some(PathBuf::from("../../x/y.svg"))
        );
        assert_eq!(
            relative_path(Path::new("/"), Path::new("/y.svg")),
            Some(PathBuf::from("y.svg"))
        );
    }
}
