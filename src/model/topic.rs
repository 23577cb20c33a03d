//! A topic the reader follows, as the validated config defines it.

/// One validated topic. Either `query` is set (and the lists are empty), or
/// at least one keyword or author is.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub name: String,
    pub title: String,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    pub exclude: Vec<String>,
    /// Raw arXiv search_query, whitespace runs collapsed to one space.
    pub query: Option<String>,
}
