//! Everything that knows arXiv: the query language, the HTTP client, the Atom
//! feed and the paging of a topic's fetch.

pub mod atom;
pub mod client;
pub mod fetch;
pub mod query;
