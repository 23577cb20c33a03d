//! The only code that touches papers' own files: atomic writes and locks, the
//! sharded cache, what Hugging Face said (`huggingface.json`), the search
//! index derived from the shards, and the reader's marks in `state.json`.

pub(crate) mod atomic;
pub mod cache;
pub(crate) mod huggingface;
pub(crate) mod output;
pub(crate) mod search_index;
pub(crate) mod state;
