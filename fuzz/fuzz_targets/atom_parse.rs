//! Any bytes as an HTTP body: the Atom parser must return a feed or an
//! error, never panic, hang or balloon; and what it returns must hold the
//! promises the rest of papers relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papers::arxiv::atom::{FeedError, parse_feed_bytes};
use papers::terminal::sanitize::terminal_safe;

fuzz_target!(|body: &[u8]| {
    match parse_feed_bytes(body) {
        Ok(feed) => {
            for paper in &feed.entries {
                // An error entry is never a paper.
                assert!(!paper.id.contains("/api/errors"), "{paper:?}");
                assert!(!paper.id.is_empty() && !paper.title.is_empty());
                assert!(!paper.title.contains("  "), "title not collapsed");
                // Whatever the text, the terminal view is control-free.
                for text in [&paper.title, &paper.summary] {
                    let shown = terminal_safe(text);
                    assert!(
                        !shown
                            .chars()
                            .any(|c| c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)),
                        "{shown:?}"
                    );
                }
                for url in [&paper.abs_url, &paper.pdf_url] {
                    assert!(url.starts_with("http"), "{url}");
                }
            }
        }
        // Both kinds are quoted in one-line error reports.
        Err(FeedError::Api(message)) => {
            assert!(
                !message.is_empty() && !message.contains(['\n', '\r']),
                "{message:?}"
            );
        }
        Err(FeedError::Malformed(reason)) => {
            assert!(!reason.contains(char::is_control), "{reason:?}");
        }
    }
});
