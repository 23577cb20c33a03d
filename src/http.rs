//! What every network source shares: one request at a time, at least
//! `delay` apart, retried with exponential back-off and jitter when the
//! server is overloaded or the network flaky, a cap on the body, the
//! User-Agent, an `Accept` header and timeouts.
//!
//! A source (arXiv's client, later others) decides what a response *means*:
//! it hands [`HttpClient::get`] a classifier that turns status and body into
//! a [`Verdict`], and the retry policy lives in one loop here. Time goes
//! through a [`Clock`], so pacing and back-off are tested exactly without
//! sleeping.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
#[cfg(test)]
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::header::{ACCEPT, RETRY_AFTER};

mod pacing;
use pacing::SharedPacing;

/// A feed page is ~15 KB per 10 entries; 50 MB is far beyond any real page
/// (2,000 entries), so a larger body is a broken or hostile server.
pub const MAX_BODY_BYTES: u64 = 50 * 1024 * 1024;
/// Ceiling for one back-off pause, including a server's Retry-After.
pub const MAX_BACKOFF: Duration = Duration::from_secs(600);
/// The most a declared Content-Length may pre-allocate: a server's claim is
/// not a reason to reserve 50 MB up front. Above arXiv's largest pages
/// (2,000 entries, 4-5 MB), which would otherwise outgrow the buffer at the
/// last chunk and be copied into one twice the size.
const MAX_PREALLOCATION: usize = 16 * 1024 * 1024;

/// Where time comes from. The real one sleeps; tests use [`TestClock`].
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
    fn sleep(&self, pause: Duration);
    /// Wall time, for what other processes read (the shared pacing stamp).
    fn wall(&self) -> SystemTime;
}

/// The wall clock and a real sleep.
pub struct RealClock;

impl Clock for RealClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn sleep(&self, pause: Duration) {
        std::thread::sleep(pause);
    }
    fn wall(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// Virtual time for tests: `sleep` records the pause and advances `now`.
#[cfg(test)]
pub struct TestClock {
    state: Mutex<(Instant, Vec<Duration>)>,
    /// Virtual time zero, on both clocks.
    start: (Instant, SystemTime),
}

#[cfg(test)]
impl Default for TestClock {
    fn default() -> Self {
        let start = (Instant::now(), SystemTime::now());
        TestClock {
            state: Mutex::new((start.0, Vec::new())),
            start,
        }
    }
}

#[cfg(test)]
impl TestClock {
    /// Every pause slept so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().1.clone()
    }
    /// Moves virtual time on without a sleep, as a slow request would.
    pub fn advance(&self, by: Duration) {
        self.lock().0 += by;
    }
    fn lock(&self) -> std::sync::MutexGuard<'_, (Instant, Vec<Duration>)> {
        // A test that panicked mid-update leaves usable data behind.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
impl Clock for TestClock {
    fn now(&self) -> Instant {
        self.lock().0
    }
    fn sleep(&self, pause: Duration) {
        let mut state = self.lock();
        state.0 += pause;
        state.1.push(pause);
    }
    fn wall(&self) -> SystemTime {
        self.start.1 + self.now().saturating_duration_since(self.start.0)
    }
}

/// How to talk to one host.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub user_agent: String,
    /// The `Accept` header every request sends.
    pub accept: &'static str,
    /// Bounds connecting, and the whole exchange body included.
    pub timeout: Duration,
    /// Least time between the end of one request and the start of the next.
    pub delay: Duration,
    /// Retries after the first attempt.
    pub retries: u32,
}

/// Why a request finally failed.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestError {
    /// A final answer: a 4xx other than those the source retries, an
    /// oversized body.
    Final(String),
    /// The service refused the request in its own words (arXiv's error
    /// feed): final, and the words are worth showing as they are.
    Refused {
        service: &'static str,
        message: String,
    },
    /// Still failing after every retry; the last reason.
    GaveUp { attempts: u32, last: String },
    /// The host could not be reached at all (no name, nothing listening,
    /// no route), twice: other requests to it would fare no better.
    Unreachable { host: String, cause: String },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Final(message) => f.write_str(message),
            RequestError::Refused { service, message } => {
                write!(f, "{service} API error: {message}")
            }
            RequestError::GaveUp { attempts, last } => {
                write!(f, "{last} (gave up after {attempts} attempts)")
            }
            RequestError::Unreachable { host, cause } => {
                write!(f, "cannot reach {host}: {cause}; are you online?")
            }
        }
    }
}

impl std::error::Error for RequestError {}

/// What a source makes of one answer.
pub enum Verdict<T> {
    Done(T),
    Retry {
        reason: String,
        retry_after: Option<Duration>,
    },
    Fail(RequestError),
}

impl<T> Verdict<T> {
    pub fn map<U>(self, done: impl FnOnce(T) -> U) -> Verdict<U> {
        match self {
            Verdict::Done(value) => Verdict::Done(done(value)),
            Verdict::Retry {
                reason,
                retry_after,
            } => Verdict::Retry {
                reason,
                retry_after,
            },
            Verdict::Fail(err) => Verdict::Fail(err),
        }
    }
}

/// One answer as a source's classifier sees it: the body is read in full
/// (within [`MAX_BODY_BYTES`]).
pub struct Answer {
    pub status: StatusCode,
    pub retry_after: Option<Duration>,
    pub body: Vec<u8>,
}

/// Told about pauses and retries, so a progress bar can say what is happening.
pub trait Observer {
    fn waiting(&self, _pause: Duration, _reason: &str) {}
}

/// An observer that ignores everything.
pub struct Quiet;
impl Observer for Quiet {}

pub struct HttpClient {
    http: Client,
    settings: HttpSettings,
    clock: Arc<dyn Clock>,
    /// When the previous request finished: the next may start `delay` later.
    last_finished: Option<Instant>,
    requests: u32,
    /// Spreads back-off pauses; seeded in tests so pauses are exact.
    jitter: fastrand::Rng,
    /// Said when pausing between requests for no other reason.
    pacing_reason: &'static str,
    /// Where the per-host pacing lock files live, when pacing is shared
    /// with other processes.
    pacing_dir: Option<PathBuf>,
}

impl HttpClient {
    pub fn new(settings: HttpSettings, pacing_reason: &'static str) -> anyhow::Result<Self> {
        Self::with_clock(settings, pacing_reason, Arc::new(RealClock))
    }

    pub fn with_clock(
        settings: HttpSettings,
        pacing_reason: &'static str,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let http = Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .build()
            .map_err(|err| anyhow::anyhow!("cannot set up the HTTP client: {err}"))?;
        Ok(HttpClient {
            http,
            settings,
            clock,
            last_finished: None,
            requests: 0,
            jitter: fastrand::Rng::new(),
            pacing_reason,
            pacing_dir: None,
        })
    }

    /// Spaces requests to each host together with every other process that
    /// uses `dir`: one lock file per host, holding when its last request
    /// finished.
    pub fn pace_with_other_processes(&mut self, dir: &Path) {
        self.pacing_dir = Some(dir.to_owned());
    }

    /// Makes the back-off jitter repeatable (tests).
    #[cfg(test)]
    pub fn seed_jitter(&mut self, seed: u64) {
        self.jitter = fastrand::Rng::with_seed(seed);
    }

    /// HTTP requests sent so far, retries included.
    pub fn requests(&self) -> u32 {
        self.requests
    }

    /// GETs `url` until `classify` calls the answer done or final, or the
    /// retries run out. Transport failures and unreadable bodies are
    /// retried here; an oversized body is final.
    pub fn get<T>(
        &mut self,
        url: &str,
        observer: &dyn Observer,
        mut classify: impl FnMut(&Answer) -> Verdict<T>,
    ) -> Result<T, RequestError> {
        let retries = self.settings.retries;
        let attempts = retries + 1;
        let mut pause = self.settings.delay;
        let mut last_reason = String::new();
        let mut unreachable_before = false;
        for attempt in 1..=attempts {
            self.wait_turn(pause, &last_reason, observer);
            let turn = self.pacing_dir.as_deref().and_then(|dir| {
                SharedPacing::new(dir, &host_of(url))
                    .take_turn(self.settings.delay, self.clock.as_ref())
            });
            let sent = self.send(url);
            if let Some(turn) = turn {
                turn.finish(self.clock.as_ref());
            }
            let outcome = match sent {
                Ok(answer) => classify(&answer),
                Err(Failure::Unreachable(cause)) => {
                    self.last_finished = Some(self.clock.now());
                    // One quick retry for a blip; growing pauses would only
                    // keep an offline user waiting.
                    if unreachable_before || attempt == attempts {
                        return Err(RequestError::Unreachable {
                            host: host_of(url),
                            cause,
                        });
                    }
                    unreachable_before = true;
                    pause = self.settings.delay;
                    last_reason = format!("{cause}; retry {attempt}/{retries}");
                    continue;
                }
                Err(Failure::Other(verdict)) => verdict,
            };
            self.last_finished = Some(self.clock.now());
            match outcome {
                Verdict::Done(value) => return Ok(value),
                Verdict::Fail(err) => return Err(err),
                Verdict::Retry {
                    reason,
                    retry_after,
                } => {
                    if attempt == attempts {
                        return Err(RequestError::GaveUp {
                            attempts,
                            last: reason,
                        });
                    }
                    pause = backoff(self.settings.delay, attempt, retry_after, self.jitter.f64());
                    last_reason = format!(
                        "{reason}; retry {attempt}/{retries} in {:.1}s",
                        pause.as_secs_f64()
                    );
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
        let elapsed = self.clock.now().saturating_duration_since(finished);
        let remaining = pause.saturating_sub(elapsed);
        if remaining.is_zero() {
            return;
        }
        let why = if reason.is_empty() {
            self.pacing_reason
        } else {
            reason
        };
        observer.waiting(remaining, why);
        self.clock.sleep(remaining);
    }

    /// One exchange; `Err` says how the transport or the body failed.
    fn send<T>(&mut self, url: &str) -> Result<Answer, Failure<T>> {
        self.requests += 1;
        // The client-wide timeout only bounds each read of the body, so a
        // server dribbling a byte at a time could hold a fetch for hours;
        // a per-request timeout is a deadline for the whole exchange.
        let response = self
            .http
            .get(url)
            .header(ACCEPT, self.settings.accept)
            .timeout(self.settings.timeout)
            .send()
            .map_err(|err| {
                if is_unreachable(&err) {
                    Failure::Unreachable(root_cause(&err))
                } else {
                    Failure::Other(Verdict::Retry {
                        reason: describe_transport_error(&err),
                        retry_after: None,
                    })
                }
            })?;
        let status = response.status();
        let retry_after = retry_after(&response);
        match read_capped(response) {
            Ok(body) => Ok(Answer {
                status,
                retry_after,
                body,
            }),
            Err(BodyError::TooLarge) => {
                Err(Failure::Other(Verdict::Fail(RequestError::Final(format!(
                    "response body larger than {} MB; stopped reading",
                    MAX_BODY_BYTES / (1024 * 1024)
                )))))
            }
            Err(BodyError::Read(reason)) => Err(Failure::Other(Verdict::Retry {
                reason,
                retry_after,
            })),
        }
    }
}

/// How one exchange failed before there was an answer to classify.
enum Failure<T> {
    /// No name, nothing listening, no route: see [`is_unreachable`].
    Unreachable(String),
    Other(Verdict<T>),
}

/// The host named in `url`, for messages.
fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.to_owned())
}

/// A failure to reach the host at all, as opposed to a host that is slow or
/// failing (timeouts, resets, 5xx), which retries with back-off may outlast.
fn is_unreachable(err: &reqwest::Error) -> bool {
    if !err.is_connect() || err.is_timeout() {
        return false;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = cause {
        if let Some(io) = current.downcast_ref::<io::Error>()
            && matches!(
                io.kind(),
                io::ErrorKind::ConnectionRefused
                    | io::ErrorKind::NetworkUnreachable
                    | io::ErrorKind::HostUnreachable
                    | io::ErrorKind::AddrNotAvailable
            )
        {
            return true;
        }
        // hyper-util's connector names a failed lookup "dns error"; the
        // resolver's own error has no dedicated io::ErrorKind.
        if current.to_string().starts_with("dns error") {
            return true;
        }
        cause = current.source();
    }
    false
}

/// `delay * 2^attempt`, with up to 25% jitter (`jitter` in [0, 1)) so
/// clients that failed together don't retry together; never shorter than
/// `delay` nor a server's Retry-After, never longer than [`MAX_BACKOFF`].
fn backoff(delay: Duration, attempt: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
    let exponential = delay.saturating_mul(1u32 << attempt.min(16));
    let spread = exponential.mul_f64(jitter.clamp(0.0, 1.0) * 0.25);
    let pause = exponential.saturating_add(spread).max(delay);
    pause
        .max(retry_after.unwrap_or_default())
        .min(MAX_BACKOFF.max(delay))
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
    let declared = response.content_length();
    if declared.is_some_and(|len| len > MAX_BODY_BYTES) {
        return Err(BodyError::TooLarge);
    }
    let capacity = declared.map_or(0, |len| (len as usize).min(MAX_PREALLOCATION));
    let mut body = Vec::with_capacity(capacity);
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
mod tests;
