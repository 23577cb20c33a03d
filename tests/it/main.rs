//! The integration tests: one binary (as ripgrep and fd have), so the
//! support code and the library are built and linked once, not once per
//! area. Each module is one area of `papers`; `support` holds what they
//! share: the loopback arXiv stand-in, the temporary home the real binary
//! runs in, and the test data helpers.
//!
//! Run one area with `cargo test --test it fetch::`, one test with its
//! full path (`cargo test --test it faults::connection_reset`).

// A test that cannot set up has failed: panicking is its error path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod atom_fixtures;
mod bad_input;
mod categories;
mod completions;
mod config_cli;
mod crash_safety;
mod doctor;
mod export;
mod faults;
mod fetch;
mod fit;
mod formats;
mod huggingface;
mod import_files;
mod layout;
mod list;
mod markdown_validity;
mod output_safety;
mod render_golden;
mod score;
mod search;
mod search_index;
mod shell;
mod show;
mod stats;
mod status;
mod topics;
mod triage;
mod try_query;
mod venue;
