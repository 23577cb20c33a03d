//! The arXiv HTTP client: one request at a time, at least `delay` apart,
//! retried with exponential back-off when arXiv is overloaded or flaky.
//!
//! Every response is classified once (`Attempt`) so the retry policy lives in
//! one loop: what is retried (429, 5xx, timeouts, resets, blank or unparsable
//! bodies, empty pages mid-pagination) and what is final (arXiv error feeds,
//! other 4xx, oversized bodies).

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Read};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::header::RETRY_AFTER;

use crate::arxiv::ArxivSettings;
use crate::arxiv::atom::{self, Feed, FeedError};

/// A feed page is ~15 KB per 10 entries; 50 MB is far beyond any real page
/// (2,000 entries), so a larger body is a broken or hostile server.
pub const MAX_BODY_BYTES: u64 = 50 * 1024 * 1024;
/// Ceiling for one back-off pause, including a server's Retry-After.
const MAX_BACKOFF: Duration = Duration::from_secs(600);

/// Why a request finally failed.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestError {
    /// arXiv answered with an error feed; retrying the same request can't help.
    Api(String),
    /// A final HTTP or protocol problem (4xx other than 429, oversized body).
    Final(String),
    /// Still failing after every retry; the last reason.
    GaveUp { attempts: u32, last: String },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Api(message) => write!(f, "arXiv API error: {message}"),
            RequestError::Final(message) => f.write_str(message),
            RequestError::GaveUp { attempts, last } => {
                write!(f, "{last} (gave up after {attempts} attempts)")
            }
        }
    }
}

impl std::error::Error for RequestError {}

/// What one attempt came to.
enum Attempt {
    Done(Feed),
    Retry {
        reason: String,
        retry_after: Option<Duration>,
    },
    Fail(RequestError),
}

/// Told about pauses and retries, so a progress bar can say what is happening.
pub trait Observer {
    fn waiting(&self, _pause: Duration, _reason: &str) {}
}

/// An observer that ignores everything.
pub struct Quiet;
impl Observer for Quiet {}

pub struct ArxivClient {
    http: Client,
    /// Bounds a whole attempt, body included (see `attempt`).
    timeout: Duration,
    delay: Duration,
    retries: u32,
    /// When the previous request finished: the next may start `delay` later.
    last_finished: Option<Instant>,
    requests: u32,
}

impl ArxivClient {
    pub fn new(settings: &ArxivSettings) -> anyhow::Result<Self> {
        let http = Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .build()
            .map_err(|err| anyhow::anyhow!("cannot set up the HTTP client: {err}"))?;
        Ok(ArxivClient {
            http,
            timeout: settings.timeout,
            delay: settings.delay,
            retries: settings.retries,
            last_finished: None,
            requests: 0,
        })
    }

    /// HTTP requests sent so far, retries included.
    pub fn requests(&self) -> u32 {
        self.requests
    }

    /// GETs one feed page. `expect_entries` says a page with no entries is a
    /// glitch to retry (mid-pagination) rather than a true empty result.
    pub fn get_feed(
        &mut self,
        url: &str,
        expect_entries: bool,
        observer: &dyn Observer,
    ) -> Result<Feed, RequestError> {
        let attempts = self.retries + 1;
        let mut pause = self.delay;
        let mut last_reason = String::new();
        for attempt in 1..=attempts {
            self.wait_turn(pause, &last_reason, observer);
            let outcome = self.attempt(url, expect_entries);
            self.last_finished = Some(Instant::now());
            match outcome {
                Attempt::Done(feed) => return Ok(feed),
                Attempt::Fail(err) => return Err(err),
                Attempt::Retry {
                    reason,
                    retry_after,
                } => {
                    pause = backoff(self.delay, attempt, retry_after);
                    last_reason = format!(
                        "{reason}; retry {attempt}/{} in {:.1}s",
                        self.retries,
                        pause.as_secs_f64()
                    );
                    if attempt == attempts {
                        return Err(RequestError::GaveUp {
                            attempts,
                            last: reason,
                        });
                    }
                }
            }
        }
        unreachable!("the loop returns on its last attempt")
    }

    /// Sleeps until `pause` has passed since the previous request finished.
    fn wait_turn(&self, pause: Duration, reason: &str, observer: &dyn Observer) {
        let Some(finished) = self.last_finished else {
            return;
        };
        let remaining = pause.saturating_sub(finished.elapsed());
        if remaining.is_zero() {
            return;
        }
        let why = if reason.is_empty() {
            "arXiv asks for a pause between requests"
        } else {
            reason
        };
        observer.waiting(remaining, why);
        std::thread::sleep(remaining);
    }

    fn attempt(&mut self, url: &str, expect_entries: bool) -> Attempt {
        self.requests += 1;
        // The client-wide timeout only bounds each read of the body, so a
        // server dribbling a byte at a time could hold a fetch for hours;
        // a per-request timeout is a deadline for the whole exchange.
        let response = match self.http.get(url).timeout(self.timeout).send() {
            Ok(response) => response,
            Err(err) => {
                return Attempt::Retry {
                    reason: describe_transport_error(&err),
                    retry_after: None,
                };
            }
        };
        let status = response.status();
        let retry_after = retry_after(&response);
        let body = match read_capped(response) {
            Ok(body) => body,
            Err(BodyError::TooLarge) => {
                return Attempt::Fail(RequestError::Final(format!(
                    "response body larger than {} MB; stopped reading",
                    MAX_BODY_BYTES / (1024 * 1024)
                )));
            }
            Err(BodyError::Read(reason)) => {
                return Attempt::Retry {
                    reason,
                    retry_after,
                };
            }
        };
        classify(status, retry_after, &body, expect_entries)
    }
}

fn classify(
    status: StatusCode,
    retry_after: Option<Duration>,
    body: &[u8],
    expect_entries: bool,
) -> Attempt {
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        // arXiv's 503/500 bodies may still be an error feed worth quoting.
        let reason = match atom::parse_feed_bytes(body) {
            Err(FeedError::Api(message)) => format!("HTTP {status}: {message}"),
            _ => format!("HTTP {status}{}", body_hint(body)),
        };
        return Attempt::Retry {
            reason,
            retry_after,
        };
    }
    let parsed = atom::parse_feed_bytes(body);
    if !status.is_success() {
        return Attempt::Fail(match parsed {
            Err(FeedError::Api(message)) => RequestError::Api(message),
            _ => RequestError::Final(format!("HTTP {status}{}", body_hint(body))),
        });
    }
    match parsed {
        Ok(feed) if feed.entries.is_empty() && expect_entries => Attempt::Retry {
            reason: "empty page in the middle of the results".to_owned(),
            retry_after,
        },
        Ok(feed) => Attempt::Done(feed),
        Err(FeedError::Api(message)) => Attempt::Fail(RequestError::Api(message)),
        Err(FeedError::Malformed(reason)) => Attempt::Retry {
            reason,
            retry_after,
        },
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

/// `delay * 2^attempt`, with up to 25% jitter so clients that failed together
/// don't retry together; never shorter than `delay` nor a server's Retry-After.
fn backoff(delay: Duration, attempt: u32, retry_after: Option<Duration>) -> Duration {
    let exponential = delay.saturating_mul(1u32 << attempt.min(16));
    let jitter = exponential.mul_f64(jitter_fraction() * 0.25);
    let pause = exponential.saturating_add(jitter).max(delay);
    pause
        .max(retry_after.unwrap_or_default())
        .min(MAX_BACKOFF.max(delay))
}

/// A number in [0, 1) that differs per call; std's randomly keyed hasher is
/// random enough for spreading retries and saves a dependency.
fn jitter_fraction() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(Instant::now().elapsed().as_nanos());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Retry-After in seconds or as an HTTP date.
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    wait.to_std().ok()
}

enum BodyError {
    TooLarge,
    Read(String),
}

fn read_capped(response: Response) -> Result<Vec<u8>, BodyError> {
    if response
        .content_length()
        .is_some_and(|len| len > MAX_BODY_BYTES)
    {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::new();
    let mut limited = response.take(MAX_BODY_BYTES + 1);
    limited.read_to_end(&mut body).map_err(|err| {
        BodyError::Read(if is_timeout(&err) {
            "request timed out while reading the response".to_owned()
        } else {
            format!(
                "connection failed while reading the response: {}",
                root_cause(&err)
            )
        })
    })?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(BodyError::TooLarge);
    }
    Ok(body)
}

fn describe_transport_error(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        "request timed out".to_owned()
    } else if err.is_connect() {
        format!("cannot connect: {}", root_cause(err))
    } else {
        format!("request failed: {}", root_cause(err))
    }
}

/// A read that failed on the request's deadline; reqwest reports it as an
/// I/O error wrapping its own timeout error.
fn is_timeout(err: &io::Error) -> bool {
    if err.kind() == io::ErrorKind::TimedOut {
        return true;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> =
        err.get_ref().map(|inner| inner as _);
    while let Some(current) = cause {
        if current
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout)
        {
            return true;
        }
        cause = current.source();
    }
    false
}

/// reqwest wraps the interesting part ("connection reset by peer") deep in its chain.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_respects_delay_and_retry_after() {
        let delay = Duration::from_secs(3);
        let first = backoff(delay, 1, None);
        assert!(
            first >= Duration::from_secs(6) && first <= Duration::from_millis(7500),
            "{first:?}"
        );
        let third = backoff(delay, 3, None);
        assert!(
            third >= Duration::from_secs(24) && third <= Duration::from_secs(30),
            "{third:?}"
        );
        let told = backoff(delay, 1, Some(Duration::from_secs(40)));
        assert_eq!(told, Duration::from_secs(40));
        let capped = backoff(delay, 15, Some(Duration::from_secs(100_000)));
        assert_eq!(capped, MAX_BACKOFF);
    }

    #[test]
    fn classify_sorts_answers_into_retry_and_final() {
        let retry = |attempt: Attempt| matches!(attempt, Attempt::Retry { .. });
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
        assert!(matches!(
            classify(StatusCode::NOT_FOUND, None, b"not here", false),
            Attempt::Fail(RequestError::Final(_))
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
