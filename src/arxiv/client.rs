//! The arXiv client: what arXiv's answers mean. The shared HTTP machinery
//! (pacing, back-off, body cap, headers) is in [`crate::http`]; this file
//! decides, once per answer, what is retried (429, 406, 5xx, blank or
//! unparsable bodies, empty pages mid-pagination or below `totalResults`) and what is final (arXiv error feeds,
//! other 4xx).

use std::path::Path;

use reqwest::StatusCode;

use crate::arxiv::atom::{self, Feed, FeedError};
use crate::arxiv::repeat::{Fingerprint, Fingerprinter};
use crate::arxiv::{ACCEPT, ArxivSettings};
use crate::http::{Answer, HttpClient, HttpSettings, Verdict};

pub use crate::http::{Observer, Quiet, RequestError};

pub struct ArxivClient {
    http: HttpClient,
}

impl ArxivClient {
    /// `pacing_dir` shares the spacing of requests with other `papers`
    /// processes (arXiv counts them together).
    pub fn new(settings: &ArxivSettings, pacing_dir: Option<&Path>) -> anyhow::Result<Self> {
        let mut http = HttpClient::new(http_settings(settings), PACING_REASON)?;
        if let Some(dir) = pacing_dir {
            http.pace_with_other_processes(dir);
        }
        Ok(ArxivClient { http })
    }

    /// HTTP requests sent so far, retries included.
    pub fn requests(&self) -> u32 {
        self.http.requests()
    }

    /// GETs one feed page. `expect_entries` says a page with no entries is a
    /// glitch to retry (mid-pagination) rather than a true empty result.
    pub fn get_feed(
        &mut self,
        url: &str,
        expect_entries: bool,
        observer: &dyn Observer,
    ) -> Result<Feed, RequestError> {
        self.http
            .get(url, observer, |answer| classify(answer, expect_entries))
    }

    /// [`get_feed`](Self::get_feed), also taking the answer's
    /// [`Fingerprint`] with `fingerprint` when one is given; an answer whose
    /// fingerprint is `known` comes back as [`Page::Repeat`], unparsed.
    pub fn get_page(
        &mut self,
        url: &str,
        expect_entries: bool,
        observer: &dyn Observer,
        known: Option<Fingerprint>,
        fingerprint: Option<Fingerprinter<'_>>,
    ) -> Result<Page, RequestError> {
        self.http.get(url, observer, |answer| {
            let print = fingerprint
                .filter(|_| answer.status.is_success())
                .map(|fingerprint| fingerprint(&answer.body));
            if let Some(print) = print
                && known == Some(print)
            {
                return Verdict::Done(Page::Repeat(print));
            }
            classify(answer, expect_entries).map(|feed| Page::Fresh(feed, print))
        })
    }
}

/// One page as [`ArxivClient::get_page`] returns it.
#[derive(Debug)]
pub enum Page {
    /// Parsed; with its fingerprint when the answer was a success.
    Fresh(Feed, Option<Fingerprint>),
    /// The same bytes as the answer this fingerprint was taken of.
    Repeat(Fingerprint),
}

const PACING_REASON: &str = "arXiv asks for a pause between requests";

fn http_settings(settings: &ArxivSettings) -> HttpSettings {
    HttpSettings {
        user_agent: settings.user_agent.clone(),
        accept: ACCEPT,
        timeout: settings.timeout,
        delay: settings.delay,
        retries: settings.retries,
    }
}

fn classify(answer: &Answer, expect_entries: bool) -> Verdict<Feed> {
    let (status, retry_after, body) = (answer.status, answer.retry_after, &answer.body[..]);
    // 406 comes and goes while arXiv throttles (see the facts in arxiv/mod.rs).
    if status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::NOT_ACCEPTABLE
        || status.is_server_error()
    {
        // arXiv's 503/500 bodies may still be an error feed worth quoting.
        let reason = match atom::parse_feed_bytes(body) {
            Err(FeedError::Api(message)) => format!("HTTP {status}: {message}"),
            _ => format!("HTTP {status}{}", body_hint(body)),
        };
        return Verdict::Retry {
            reason,
            retry_after,
        };
    }
    let parsed = atom::parse_feed_bytes(body);
    if !status.is_success() {
        return Verdict::Fail(match parsed {
            Err(FeedError::Api(message)) => api_error(&message),
            _ => RequestError::Final(format!("HTTP {status}{}", body_hint(body))),
        });
    }
    match parsed {
        Ok(feed) if feed.entries.is_empty() && expect_entries => Verdict::Retry {
            reason: "empty page in the middle of the results".to_owned(),
            retry_after,
        },
        // arXiv sends such pages when its index is stale; taken at its word
        // it would pass for a quiet day.
        Ok(feed) if feed.entries.is_empty() && claims_more(&feed) => Verdict::Retry {
            reason: format!(
                "empty page although arXiv reports {} results",
                feed.total_results.unwrap_or_default()
            ),
            retry_after,
        },
        Ok(feed) => Verdict::Done(feed),
        Err(FeedError::Api(message)) => Verdict::Fail(api_error(&message)),
        Err(FeedError::Malformed(reason)) => Verdict::Retry {
            reason,
            retry_after,
        },
    }
}

/// The feed says it holds results at or past this page's offset.
fn claims_more(feed: &Feed) -> bool {
    feed.total_results
        .is_some_and(|total| total > feed.start_index.unwrap_or(0))
}

/// arXiv answered with an error feed; retrying the same request can't help.
fn api_error(message: &str) -> RequestError {
    RequestError::Refused {
        service: "arXiv",
        message: message.to_owned(),
    }
}

/// ` ("Rate exceeded.")` for short plain-text bodies, so the user sees what arXiv said.
/// An HTML page is named as such; arXiv's robot block page gets advice.
fn body_hint(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let head = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("<html") {
        return if head.contains("access denied") {
            " (arXiv's \"Access Denied\" page: its robot detection blocked this client; \
             wait, keep delay_secs at 3 or more, and set a user_agent with a contact)"
                .to_owned()
        } else {
            " (an HTML page, not an Atom feed)".to_owned()
        };
    }
    if text.is_empty() || text.len() > 80 || text.starts_with('<') {
        return String::new();
    }
    // Shown raw here; whoever prints an error makes it terminal-safe.
    format!(" ({text})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_sorts_answers_into_retry_and_final() {
        let retry = |verdict: Verdict<Feed>| matches!(verdict, Verdict::Retry { .. });
        let classify = |status, retry_after, body: &[u8], expect_entries| {
            let answer = Answer {
                status,
                retry_after,
                body: body.to_vec(),
            };
            classify(&answer, expect_entries)
        };
        assert!(retry(classify(
            StatusCode::TOO_MANY_REQUESTS,
            None,
            b"Rate exceeded.",
            false
        )));
        assert!(retry(classify(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            b"",
            false
        )));
        assert!(retry(classify(StatusCode::OK, None, b"", false)));
        assert!(retry(classify(
            StatusCode::OK,
            None,
            b"<html><body>Access Denied</body></html>",
            false
        )));
        assert!(retry(classify(
            StatusCode::NOT_ACCEPTABLE,
            None,
            b"Not Acceptable",
            false
        )));
        let stale = br#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><opensearch:totalResults>12</opensearch:totalResults><opensearch:startIndex>0</opensearch:startIndex></feed>"#;
        assert!(retry(classify(StatusCode::OK, None, stale, false)));
        let quiet = br#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><opensearch:totalResults>0</opensearch:totalResults><opensearch:startIndex>0</opensearch:startIndex></feed>"#;
        assert!(matches!(
            classify(StatusCode::OK, None, quiet, false),
            Verdict::Done(feed) if feed.entries.is_empty()
        ));
        assert!(matches!(
            classify(StatusCode::NOT_FOUND, None, b"not here", false),
            Verdict::Fail(RequestError::Final(_))
        ));
    }

    #[test]
    fn body_hint_quotes_short_text_only() {
        assert_eq!(body_hint(b"Rate exceeded.\n"), " (Rate exceeded.)");
        assert_eq!(body_hint(b"<html>"), " (an HTML page, not an Atom feed)");
        let denied = body_hint(b"<!DOCTYPE html><html><title>Access Denied</title></html>");
        assert!(denied.contains("robot detection"), "{denied}");
        assert_eq!(body_hint(b"<feed/>"), "");
        assert_eq!(body_hint(&[b'x'; 200]), "");
    }
}
