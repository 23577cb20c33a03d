//! Everything that knows arXiv: the query language, the HTTP client, the Atom
//! feed and the paging of a topic's fetch.
//!
//! # The facts the code relies on
//!
//! Each is defined here once; the rest of the code names these constants.
//!
//! - **One request every 3 seconds, one connection at a time**, counted over
//!   all of a user's machines together (<https://info.arxiv.org/help/api/tou.html>,
//!   "Rate limits"). [`MIN_DELAY`] is the floor of `arxiv.delay_secs` for
//!   arXiv's own hosts, and every process shares the spacing.
//! - **At most 2,000 results a request and 30,000 a query**
//!   (<https://info.arxiv.org/help/api/user-manual.html>, section 3.1.1.2):
//!   [`MAX_PAGE_SIZE`] and [`MAX_RESULTS_PER_QUERY`]. In practice the index
//!   degrades long before 30,000 (empty pages and 500s past a few thousand,
//!   an internal cut near 10,000), so [`DEEPEST_OFFSET`] bounds how deep a
//!   fetch pages; a topic matching that many papers needs a narrower query.
//! - **Search is stemmed and phrases are loose**: terms are lower-cased,
//!   hyphens become spaces and words are stemmed (`abs:LLM` finds "LLMs"); a
//!   quoted phrase matches its words in any order. So recall is broad and
//!   precision comes from our own scoring. arXiv does not document this; it
//!   is what the service does (observed 2025–2026).
//! - **A 406 is a passing refusal, not an answer**: since 2026-09
//!   export.arxiv.org has answered `406 Not Acceptable` to requests without
//!   an `Accept` header, and during throttling a 406 comes and goes even
//!   with one. So every request sends [`ACCEPT`] and a 406 is retried with
//!   back-off like a 429.
//! - **An empty page can be a stale index**: a first page with no entries
//!   but `totalResults` above zero is arXiv's index lagging, not a quiet
//!   day; it is retried, and a topic where it persists fails.
//! - **Rate limiting answers 429 or 503**, usually without `Retry-After`;
//!   a `Retry-After` is honoured when present, otherwise the client backs
//!   off exponentially with jitter, never faster than the 3 s spacing.
//! - **New papers appear once a day**, after the midnight (US Eastern) that
//!   follows their processing, so one fetch a day per query is enough
//!   (<https://info.arxiv.org/help/api/user-manual.html>, section 3.3.1.1).
//! - **Which hosts are arXiv's**: `arxiv.org` and its subdomains
//!   ([`is_arxiv_host`]); only those get the 3 s floor, so tests and mirrors
//!   may go faster.

use std::time::Duration;

pub mod atom;
pub(crate) mod client;
pub(crate) mod fetch;
pub(crate) mod query;
pub(crate) mod repeat;

pub use crate::model::ids::is_arxiv_host;

/// The spacing arXiv's terms of use ask for between two requests.
pub const MIN_DELAY: Duration = Duration::from_secs(3);

/// What every request to arXiv accepts: the Atom feed first, then any XML
/// (arXiv labels some feeds `application/xml`), then anything, so an error
/// page still arrives to be quoted. Without an `Accept` header
/// export.arxiv.org answers 406 (see the facts above).
pub const ACCEPT: &str = "application/atom+xml, application/xml;q=0.9, */*;q=0.8";

/// The most results one request may ask for.
pub const MAX_PAGE_SIZE: u32 = 2_000;

/// The most ids one `id_list` request names: arXiv's guidance for
/// lookups by id, and a URL of a safe length (~2 KB).
pub const MAX_IDS_PER_REQUEST: usize = 100;

/// The most results arXiv documents for one query, whatever the paging.
pub const MAX_RESULTS_PER_QUERY: u32 = 30_000;

/// How deep a fetch pages (`start` + page): past about this offset arXiv's
/// index answers with empty pages or errors rather than papers.
pub const DEEPEST_OFFSET: u32 = 10_000;

/// The most results `papers try` asks for: it samples a query, one small
/// request, rather than reading a listing.
pub const TRY_MAX_RESULTS: u32 = 100;

/// How to talk to arXiv, with every default filled in.
#[derive(Debug, Clone)]
pub struct ArxivSettings {
    pub api_url: String,
    pub delay: Duration,
    pub page_size: u32,
    pub max_results: u32,
    pub timeout: Duration,
    pub retries: u32,
    pub overlap_days: u32,
    /// Days without a successful fetch after which a topic is called stale
    /// (by `status`, and in a warning from `fetch` and `list`).
    pub stale_days: u32,
    pub user_agent: String,
}

impl Default for ArxivSettings {
    fn default() -> Self {
        ArxivSettings {
            api_url: "https://export.arxiv.org/api/query".into(),
            delay: MIN_DELAY,
            page_size: 100,
            max_results: 200,
            timeout: Duration::from_secs(30),
            retries: 4,
            overlap_days: 7,
            stale_days: 3,
            user_agent: default_user_agent(),
        }
    }
}

/// Identifies the tool and where to find it, as arXiv's robot detection
/// likes to see.
fn default_user_agent() -> String {
    format!(
        "papers/{} (command-line arXiv listing client)",
        env!("CARGO_PKG_VERSION")
    )
}
