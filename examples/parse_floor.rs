//! The floor the design card's crates set under `papers fetch`: builds
//! roxmltree's tree of one Atom page and does nothing else, the page read
//! from a file or fetched with reqwest's blocking client (papers' crate and
//! features, default settings). benches/compare_python.sh times both beside
//! `papers fetch`, so a target for the Atom path can be set against what the
//! parser and the HTTP client cost on their own.
//!
//!     parse_floor PAGE.xml
//!     parse_floor http://127.0.0.1:PORT/api/query?...
//!
//! Prints the number of nodes, so that the tree is used.

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(source) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor PAGE.xml | URL");
        return ExitCode::from(2);
    };
    match floor(&source) {
        Ok(nodes) => {
            println!("{nodes}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("parse_floor: {source}: {err}");
            ExitCode::FAILURE
        }
    }
}

fn floor(source: &str) -> Result<usize, Box<dyn std::error::Error>> {
    let text = if source.starts_with("http://") {
        let mut response = reqwest::blocking::Client::builder()
            .build()?
            .get(source)
            .send()?
            .error_for_status()?;
        // Sized from Content-Length, as papers reads a body.
        let declared = response.content_length().unwrap_or(0);
        let mut body = Vec::with_capacity(usize::try_from(declared)?);
        response.read_to_end(&mut body)?;
        String::from_utf8(body)?
    } else {
        std::fs::read_to_string(source)?
    };
    Ok(roxmltree::Document::parse(&text)?.descendants().count())
}
