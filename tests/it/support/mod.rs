//! Test support shared by every area: a loopback stand-in for
//! export.arxiv.org (`stub`) serving Atom built by `feed`, a `TestEnv`
//! owning a temporary config and cache directory (`env`), and shared test
//! data (`fixtures`).

pub mod arxiv_match;
mod env;
mod feed;
mod fixtures;
mod stub;

pub use env::TestEnv;
pub use feed::{StubEntry, feed};
pub use fixtures::{TWO_TOPICS, fixture, labelled_catalogue, labelled_in, moe_paper};
pub use stub::{ArxivStub, Reply};
