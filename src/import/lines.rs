//! A plain list: one id or arXiv link per line. Blank lines are allowed, `#`
//! at the start of a line or after whitespace starts a comment (a `#` inside
//! a link, `abs/2401.01234#comments`, does not).

use super::{Collector, ImportError};
use crate::model::ids::parse_user_id;

pub(super) fn parse(text: &str, collector: &mut Collector) -> Result<(), ImportError> {
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let Some(entry) = entry_of(raw) else {
            continue;
        };
        let (id, _version) =
            parse_user_id(entry).map_err(|message| ImportError { line, message })?;
        collector.found(id, line);
    }
    Ok(())
}

/// True when every line is blank, a comment, or an id `parse` accepts.
pub(super) fn is_plain_list(text: &str) -> bool {
    text.lines()
        .filter_map(entry_of)
        .all(|entry| parse_user_id(entry).is_ok())
}

/// The line without its comment and surrounding blanks; `None` if nothing is left.
fn entry_of(line: &str) -> Option<&str> {
    let without_comment = match comment_start(line) {
        Some(at) => &line[..at],
        None => line,
    };
    let entry = without_comment.trim();
    (!entry.is_empty()).then_some(entry)
}

fn comment_start(line: &str) -> Option<usize> {
    line.char_indices()
        .find(|&(at, c)| {
            c == '#'
                && line[..at]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(at, _)| at)
}
