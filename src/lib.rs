//! `papers`: keep up with arXiv from the shell.
//!
//! The folders follow the data: `arxiv/` is the only code that speaks to
//! arXiv (through `http`, what every network source shares), `storage/`
//! the only code that writes to disk, `triage/` decides what the reader sees
//! first, `render/` turns papers into text, and `commands/`
//! wires one subcommand each. `model/` is the leaf they all share.

pub mod arxiv;
pub mod cli;
pub mod commands;
pub mod config;
pub mod exit;
pub(crate) mod http;
pub(crate) mod huggingface;
pub mod import;
pub mod model;
pub mod render;
pub mod storage;
pub mod terminal;
pub mod triage;
