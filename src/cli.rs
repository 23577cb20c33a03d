//! Command-line interface: the clap definitions and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;
use crate::terminal::ColorChoice;
use crate::triage::filter::SortKey;
use crate::triage::stats::Period;
use crate::triage::venue::VenueFilter;

/// Keep up with arXiv from the shell: fetch the listings of the topics you
/// follow into a local cache, then list, filter and export them.
#[derive(Debug, Parser)]
#[command(name = "papers", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// When to use colour on the terminal (NO_COLOR is honoured in auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Never page: by default, output taller than the terminal goes through
    /// $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)
    #[arg(long, global = true)]
    pub no_pager: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch new arXiv listings for the configured topics into the cache
    Fetch(FetchArgs),
    /// List cached papers as a table, Markdown or JSON
    List(ListArgs),
    /// Show one paper in full
    Show(ShowArgs),
    /// Search the cached papers, best match first
    Search(SearchArgs),
    /// Papers most like one paper (cosine over the fit's features)
    Similar(SimilarArgs),
    /// Hugging Face Daily Papers of the last days by upvotes, marked with your topics
    Trending(TrendingArgs),
    /// Send one search to arXiv and show what it catches, storing nothing: try a query before it becomes a topic
    Try(TryArgs),
    /// Star a paper (fetching it by id when it is not cached), optionally tagging it
    Star(StarArgs),
    /// Remove a paper's star (its tags stay)
    Unstar {
        /// arXiv id, as for `show`
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Add tags to a paper, or remove them with --remove
    Tag(TagArgs),
    /// Mark papers as seen, so `list --unseen` no longer shows them
    Seen(SeenArgs),
    /// Mark papers "not interested": hidden from listings, a negative example for `--sort fit`
    Dismiss {
        /// arXiv ids, as for `show`
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
    },
    /// Take back a dismissal
    Undismiss {
        /// arXiv ids, as for `show`
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
    },
    /// Star (or tag, or dismiss) the arXiv papers named in a BibTeX, cv-arxiv-daily JSON, Markdown or plain-list file
    Import(ImportArgs),
    /// Open a paper's abs page (or PDF, or code) in the browser: $BROWSER, else the platform opener
    Open(OpenArgs),
    /// Write the whole topic page: every topic's table, a contents list and a trend chart
    Export(ExportArgs),
    /// Papers per month or week and topic, as a table, JSON or an SVG chart
    Stats(StatsArgs),
    /// Each topic's fetch health: last success, last attempt and its error, papers held, staleness
    Status(StatusArgs),
    /// Check the cache files against each other; --repair mends what it finds
    Doctor(DoctorArgs),
    /// Show where the config comes from, write the default, print the effective config
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The topic or tag names, one a line, for the completion scripts
    #[command(name = "__complete", hide = true)]
    Complete {
        #[arg(value_enum)]
        names: Names,
    },
    /// Print the man page (roff) of papers, or of one of its commands
    Man {
        /// A command path, e.g. `fetch` or `config init` [default: papers itself]
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// arXiv id: 2508.16653, 2508.16653v2, arXiv:2508.16653, an abs/pdf URL, hep-th/9901001
    #[arg(value_name = "ID")]
    pub id: String,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,

    /// Look the paper up on arXiv (id_list) when it is not in the cache, and add it
    #[arg(long)]
    pub fetch: bool,

    /// After the text view, explain the paper's relevance score for each of its topics, and its fit
    #[arg(long)]
    pub why: bool,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// arXiv id, as for `show`
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Show at most N papers
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Look the paper up on arXiv (id_list) when it is not in the cache, and add it
    #[arg(long)]
    pub fetch: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A BibTeX export, a cv-arxiv-daily JSON file, a Markdown topic page or a list of ids/URLs
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Tag the papers with TAG instead of starring them
    #[arg(long, value_name = "TAG", conflicts_with = "dismiss")]
    pub tag: Option<String>,

    /// Dismiss the papers instead of starring them
    #[arg(long)]
    pub dismiss: bool,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// arXiv id, as for `show`
    #[arg(value_name = "ID")]
    pub id: String,

    /// Open the PDF instead of the abs page
    #[arg(long, conflicts_with = "code")]
    pub pdf: bool,

    /// Open the code repository the abstract or comment links to
    #[arg(long)]
    pub code: bool,
}

#[derive(Debug, Args)]
pub struct StarArgs {
    /// arXiv id: 2508.16653, arXiv:2508.16653v2, an abs/pdf URL, hep-th/9901001
    #[arg(value_name = "ID")]
    pub id: String,

    /// Also tag it (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// arXiv id, as for `show`
    #[arg(value_name = "ID")]
    pub id: String,

    /// Tags to add (or remove)
    #[arg(value_name = "TAG", required = true)]
    pub tags: Vec<String>,

    /// Remove these tags instead
    #[arg(long)]
    pub remove: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["all", "ids"])))]
pub struct SeenArgs {
    /// Every paper in the cache now
    #[arg(long)]
    pub all: bool,

    /// These papers
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
}

/// What `papers __complete` lists, one name a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Names {
    /// The topics of the config in effect.
    Topics,
    /// Every tag given to a paper.
    Tags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
    Bibtex,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write the page here (atomically; `-` is stdout) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only this topic (repeatable) [default: all, in config order]
    #[arg(long = "topic", short = 't', value_name = "NAME")]
    pub topics: Vec<String>,

    /// At most N papers per topic, newest first
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_per_topic: usize,

    /// Also draw the monthly trend chart to this SVG file and link it from the page
    #[arg(long, value_name = "FILE.svg")]
    pub trend: Option<PathBuf>,

    /// The "Updated on" date (YYYY-MM-DD) [default: today], for reproducible pages
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only this topic (repeatable) [default: all, in config order]
    #[arg(long = "topic", short = 't', value_name = "NAME")]
    pub topics: Vec<String>,

    /// Count per calendar month or ISO week of the first-version date
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub by: Period,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,

    /// Also draw the chart to this SVG file
    #[arg(long, value_name = "FILE.svg")]
    pub svg: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TrendingArgs {
    /// Papers featured on or after this day (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)
    #[arg(long, value_name = "DATE", default_value = "7d")]
    pub since: String,

    /// Show at most N papers
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Only papers in this topic (repeatable: any of them)
    #[arg(long = "topic", short = 't', value_name = "NAME")]
    pub topics: Vec<String>,

    /// Add the arXiv records of the listed papers the cache lacks (id_list, under no topic)
    #[arg(long)]
    pub fetch: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TrendingFormat::Table)]
    pub format: TrendingFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrendingFormat {
    Table,
    Json,
    Markdown,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Fetch only this topic (repeatable) [default: all configured topics]
    #[arg(long = "topic", short = 't', value_name = "NAME")]
    pub topics: Vec<String>,

    /// Read back to this submission date instead of stopping at what the cache already has (YYYY-MM-DD, 7d, 2w, 3m)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Send nothing to Hugging Face this run (as `[huggingface] enabled = false` does always)
    #[arg(long)]
    pub no_hf: bool,

    /// At most this many papers per topic this run [default: arxiv.max_results]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::arxiv::DEEPEST_OFFSET)))]
    pub max: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Show at most N papers
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,

    /// Order: newest submission first, newest version first, title, relevance score, Hugging Face upvotes, or fit to your stars (with --tag: to that tag's papers)
    #[arg(long, value_enum, default_value_t = SortKey::Date)]
    pub sort: SortKey,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `papers search`; the query language is documented in `search::query`.
/// Exclusions go after `--`, as in `gh search`, so options can follow the
/// query like everywhere else: `papers search npu --limit 5 -- -quantum`.
#[derive(Debug, Args)]
#[command(
    after_help = "Exclude words after `--`: papers search npu --limit 5 -- -quantum -au:smith"
)]
pub struct SearchArgs {
    /// Words (all must match), "quoted phrases", ti: abs: au: cat: prefixes
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,

    /// After `--`: -word, -"a phrase", -au:name to exclude (more query words may follow too)
    #[arg(value_name = "EXCLUDE", last = true)]
    pub exclude: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Show at most N papers
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `papers try`: what a topic, a raw query or keyword lists would catch.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("search").required(true).multiple(true).args(["topic", "query", "keywords", "authors"])))]
pub struct TryArgs {
    /// A configured topic's query
    #[arg(long, short = 't', value_name = "NAME", conflicts_with_all = ["query", "keywords", "categories", "authors"])]
    pub topic: Option<String>,

    /// A raw arXiv search_query, as a topic's `query` takes it
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true, conflicts_with_all = ["keywords", "categories", "authors"])]
    pub query: Option<String>,

    /// Phrases searched in title and abstract, as a topic's `keywords`
    #[arg(long, value_name = "PHRASE", num_args = 1..)]
    pub keywords: Vec<String>,

    /// Keep only papers listed in one of these categories, as a topic's `categories`
    #[arg(long, value_name = "CAT", num_args = 1..)]
    pub categories: Vec<String>,

    /// Authors to follow, as a topic's `authors`
    #[arg(long, value_name = "NAME", num_args = 1..)]
    pub authors: Vec<String>,

    /// How many of the newest matches to ask arXiv for and show
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::arxiv::TRY_MAX_RESULTS)))]
    pub limit: u32,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TryFormat::Text)]
    pub format: TryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TryFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Mend what the check finds: drop lost shards from the index, rebuild a missing or damaged index from the shards, move damaged files aside, remove leftovers
    #[arg(long)]
    pub repair: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = DoctorFormat::Text)]
    pub format: DoctorFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DoctorFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file in use
    Path,
    /// Write the default config to the user config path (or --config FILE)
    Init {
        /// Replace an existing file
        #[arg(long)]
        force: bool,
    },
    /// Print the effective config as TOML
    Show,
}

/// Which cached papers to consider; shared by `list` and `search`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only papers of this topic (repeatable; Markdown gets a section per topic)
    #[arg(long = "topic", short = 't', value_name = "NAME")]
    pub topics: Vec<String>,

    /// Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Submitted on or before this date (same forms as --since)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)
    #[arg(long = "category", short = 'c', value_name = "CAT")]
    pub categories: Vec<String>,

    /// Only papers with an author whose name contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub author: Option<String>,

    /// Only papers whose title or abstract contains TEXT (case-insensitive)
    #[arg(long, short = 'g', value_name = "TEXT")]
    pub grep: Option<String>,

    /// Only papers first seen by the latest fetch
    #[arg(long)]
    pub new: bool,

    /// Only papers not yet marked with `papers seen`
    #[arg(long)]
    pub unseen: bool,

    /// Only starred papers
    #[arg(long)]
    pub starred: bool,

    /// Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag's model instead
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Only dismissed papers (they are hidden otherwise)
    #[arg(long)]
    pub dismissed: bool,

    /// Only papers a fetch found a new version of; --since/--until then apply to the new version's date
    #[arg(long)]
    pub updated: bool,

    /// Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year
    #[arg(long, value_name = "NAME[:YEAR]")]
    pub venue: Option<VenueFilter>,
    /// Only papers with a code link (in the abstract or comment, or on Hugging Face)
    #[arg(long)]
    pub has_code: bool,

    /// Only papers with at least N upvotes on Hugging Face Daily Papers
    #[arg(long, value_name = "N")]
    pub min_upvotes: Option<u32>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Options anywhere: clap takes an option after a positional unless the
    /// positional swallows hyphenated words, so none may (search's
    /// exclusions go after `--` instead).
    #[test]
    fn no_positional_swallows_options() {
        fn walk(command: &clap::Command, path: &str) {
            for arg in command.get_positionals() {
                assert!(
                    !arg.is_allow_hyphen_values_set() && !arg.is_trailing_var_arg_set(),
                    "{path} {} swallows the options after it",
                    arg.get_id()
                );
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        let mut command = Cli::command();
        command.build();
        walk(&command, "papers");
    }
}
