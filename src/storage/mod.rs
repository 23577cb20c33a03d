//! The only code that touches papers' own files: atomic writes and locks, the
//! sharded cache, what Hugging Face said (`huggingface.json`), the search
//! index derived from the shards, and the reader's marks in `state.json`.

pub mod atomic;
pub mod cache;
pub mod huggingface;
pub mod output;
pub mod search_index;
pub mod state;
