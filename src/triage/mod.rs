//! Deciding what the reader sees first: filters, dates, the relevance score,
//! full-text search, code links, venues and statistics.

pub(crate) mod codelink;
pub mod dates;
pub mod filter;
pub mod fit;
mod parallel;
pub mod score;
pub mod search;
pub(crate) mod stats;
pub(crate) mod top;
pub mod venue;
pub(crate) mod words;
