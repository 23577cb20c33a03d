//! `papers`: keep up with arXiv from the shell.

pub mod atom;
pub mod atomic;
pub mod cache;
pub mod cli;
pub mod client;
pub mod codelink;
pub mod commands;
pub mod config;
pub mod dates;
pub mod exit;
pub mod fetch;
pub mod filter;
pub mod ids;
pub mod model;
pub mod output;
pub mod query;
pub mod render;
pub mod sanitize;
pub mod score;
pub mod search;
pub mod state;
pub mod stats;
pub mod svg;
pub mod words;
