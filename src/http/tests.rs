//! The retry loop against a loopback server that answers from a script,
//! on virtual time: every pause is checked exactly and nothing sleeps.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::*;

/// Serves one scripted response per connection, then stops; keeps each
/// request's header lines.
struct Script {
    url: String,
    requests: Arc<Mutex<Vec<Vec<String>>>>,
    thread: Option<JoinHandle<()>>,
}

impl Script {
    fn serve(responses: Vec<String>) -> Script {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}/q", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let thread = std::thread::spawn(move || {
            for response in responses {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let mut reader = BufReader::new(stream);
                let mut headers = Vec::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    headers.push(line.trim_end().to_owned());
                }
                if let Ok(mut all) = seen.lock() {
                    all.push(headers);
                }
                let _ = reader.get_mut().write_all(response.as_bytes());
            }
        });
        Script {
            url,
            requests,
            thread: Some(thread),
        }
    }

    fn headers(&mut self) -> Vec<Vec<String>> {
        if let Some(thread) = self.thread.take() {
            thread.join().expect("server thread");
        }
        self.requests.lock().expect("requests").clone()
    }
}

fn answer(status: &str, extra: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn ok(body: &str) -> String {
    answer("200 OK", "", body)
}

fn unavailable() -> String {
    answer("503 Service Unavailable", "", "busy")
}

const DELAY: Duration = Duration::from_secs(3);

fn client(retries: u32) -> (HttpClient, Arc<TestClock>) {
    let clock = Arc::new(TestClock::default());
    let settings = HttpSettings {
        user_agent: "papers-test/1 (mailto:test@example.org)".into(),
        accept: "application/atom+xml, */*;q=0.8",
        timeout: Duration::from_secs(5),
        delay: DELAY,
        retries,
    };
    let client = HttpClient::with_clock(settings, "pacing", clock.clone()).expect("client");
    (client, clock)
}

/// 2xx is done, 429 and 5xx are retried, anything else is final.
fn plain(answer: &Answer) -> Verdict<String> {
    let body = String::from_utf8_lossy(&answer.body).into_owned();
    if answer.status.is_success() {
        Verdict::Done(body)
    } else if answer.status == StatusCode::TOO_MANY_REQUESTS || answer.status.is_server_error() {
        Verdict::Retry {
            reason: format!("HTTP {}", answer.status),
            retry_after: answer.retry_after,
        }
    } else {
        Verdict::Fail(RequestError::Final(format!("HTTP {}", answer.status)))
    }
}

#[test]
fn requests_are_spaced_by_the_delay_and_the_first_goes_at_once() {
    let mut server = Script::serve(vec![ok("a"), ok("b"), ok("c")]);
    let (mut http, clock) = client(0);
    assert_eq!(http.get(&server.url, &Quiet, plain), Ok("a".to_owned()));
    assert_eq!(http.get(&server.url, &Quiet, plain), Ok("b".to_owned()));
    // Time already spent since the last request counts towards the delay.
    clock.advance(Duration::from_secs(1));
    assert_eq!(http.get(&server.url, &Quiet, plain), Ok("c".to_owned()));
    assert_eq!(clock.sleeps(), [DELAY, Duration::from_secs(2)]);
    assert_eq!(http.requests(), 3);
    server.headers();
}

#[test]
fn retries_back_off_exponentially_with_the_seeded_jitter() {
    let mut server = Script::serve(vec![unavailable(), unavailable(), ok("done")]);
    let (mut http, clock) = client(4);
    http.seed_jitter(7);
    assert_eq!(http.get(&server.url, &Quiet, plain), Ok("done".to_owned()));
    let mut rng = fastrand::Rng::with_seed(7);
    let expected = [
        backoff(DELAY, 1, None, rng.f64()),
        backoff(DELAY, 2, None, rng.f64()),
    ];
    assert_eq!(clock.sleeps(), expected);
    assert!(
        expected[0] >= DELAY * 2 && expected[1] >= DELAY * 4,
        "{expected:?}"
    );
    server.headers();
}

#[test]
fn retry_after_is_honoured() {
    let mut server = Script::serve(vec![
        answer("429 Too Many Requests", "Retry-After: 40\r\n", ""),
        ok("done"),
    ]);
    let (mut http, clock) = client(1);
    assert_eq!(http.get(&server.url, &Quiet, plain), Ok("done".to_owned()));
    assert_eq!(clock.sleeps(), [Duration::from_secs(40)]);
    server.headers();
}

#[test]
fn gives_up_after_the_last_retry_with_the_last_reason() {
    let mut server = Script::serve(vec![unavailable(), unavailable(), unavailable()]);
    let (mut http, clock) = client(2);
    let err = http
        .get(&server.url, &Quiet, plain)
        .expect_err("never succeeds");
    assert_eq!(
        err,
        RequestError::GaveUp {
            attempts: 3,
            last: "HTTP 503 Service Unavailable".into()
        }
    );
    assert_eq!(http.requests(), 3);
    assert_eq!(clock.sleeps().len(), 2);
    server.headers();
}

#[test]
fn a_final_answer_is_not_retried() {
    let mut server = Script::serve(vec![answer("404 Not Found", "", "")]);
    let (mut http, clock) = client(4);
    let err = http.get(&server.url, &Quiet, plain).expect_err("final");
    assert_eq!(err, RequestError::Final("HTTP 404 Not Found".into()));
    assert!(clock.sleeps().is_empty());
    server.headers();
}

#[test]
fn every_request_sends_the_user_agent_and_accept_header() {
    let mut server = Script::serve(vec![unavailable(), ok("done")]);
    let (mut http, _clock) = client(1);
    assert_eq!(http.get(&server.url, &Quiet, plain), Ok("done".to_owned()));
    let requests = server.headers();
    assert_eq!(requests.len(), 2);
    for headers in requests {
        let has = |want: &str| headers.iter().any(|line| line.eq_ignore_ascii_case(want));
        assert!(
            has("user-agent: papers-test/1 (mailto:test@example.org)"),
            "{headers:?}"
        );
        assert!(
            has("accept: application/atom+xml, */*;q=0.8"),
            "{headers:?}"
        );
    }
}

#[test]
fn a_body_declared_over_the_cap_is_refused_unread() {
    let huge = format!(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        MAX_BODY_BYTES + 1
    );
    let mut server = Script::serve(vec![huge]);
    let (mut http, _clock) = client(4);
    let err = http.get(&server.url, &Quiet, plain).expect_err("too large");
    assert!(
        matches!(&err, RequestError::Final(message) if message.contains("larger than 50 MB")),
        "{err:?}"
    );
    assert_eq!(http.requests(), 1);
    server.headers();
}

#[test]
fn backoff_doubles_and_respects_delay_and_retry_after() {
    let first = backoff(DELAY, 1, None, 0.0);
    assert_eq!(first, Duration::from_secs(6));
    let jittered = backoff(DELAY, 1, None, 0.999_999);
    assert!(
        jittered > first && jittered < Duration::from_millis(7500),
        "{jittered:?}"
    );
    assert_eq!(backoff(DELAY, 3, None, 0.0), Duration::from_secs(24));
    let told = backoff(DELAY, 1, Some(Duration::from_secs(40)), 0.5);
    assert_eq!(told, Duration::from_secs(40));
    let capped = backoff(DELAY, 15, Some(Duration::from_secs(100_000)), 0.5);
    assert_eq!(capped, MAX_BACKOFF);
}

/// A loopback port nothing listens on: bound, then let go.
fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{address}/q")
}

#[test]
fn connection_refused_gets_one_quick_retry_then_names_the_host() {
    let url = closed_port_url();
    let (mut http, clock) = client(4);
    let err = http.get(&url, &Quiet, plain).expect_err("nothing listens");
    let RequestError::Unreachable { host, cause } = &err else {
        panic!("not unreachable: {err:?}");
    };
    assert_eq!(host, "127.0.0.1");
    assert!(cause.to_lowercase().contains("refused"), "{cause}");
    assert_eq!(http.requests(), 2);
    assert_eq!(clock.sleeps(), [DELAY], "one pause of the plain delay");
    assert!(err.to_string().ends_with("; are you online?"), "{err}");
}

#[test]
fn an_unresolvable_name_is_unreachable() {
    let (mut http, _clock) = client(4);
    let err = http
        .get("http://nonexistent.invalid/q", &Quiet, plain)
        .expect_err("no such name");
    assert!(
        matches!(&err, RequestError::Unreachable { host, .. } if host == "nonexistent.invalid"),
        "{err:?}"
    );
    assert_eq!(http.requests(), 2);
}

#[test]
fn clients_sharing_a_pacing_dir_keep_the_delay_between_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Script::serve(vec![ok("a"), ok("b"), ok("c")]);
    let clock = Arc::new(TestClock::default());
    let settings = HttpSettings {
        user_agent: "papers-test/1".into(),
        accept: "*/*",
        timeout: Duration::from_secs(5),
        delay: DELAY,
        retries: 0,
    };
    let mut first =
        HttpClient::with_clock(settings.clone(), "pacing", clock.clone()).expect("client");
    let mut second = HttpClient::with_clock(settings, "pacing", clock.clone()).expect("client");
    first.pace_with_other_processes(dir.path());
    second.pace_with_other_processes(dir.path());
    assert_eq!(first.get(&server.url, &Quiet, plain), Ok("a".to_owned()));
    // The second client never sent a request, yet waits its turn.
    assert_eq!(second.get(&server.url, &Quiet, plain), Ok("b".to_owned()));
    clock.advance(Duration::from_secs(1));
    assert_eq!(first.get(&server.url, &Quiet, plain), Ok("c".to_owned()));
    assert_eq!(clock.sleeps(), [DELAY, Duration::from_secs(2)]);
    assert!(dir.path().join("127.0.0.1.lock").is_file());
    server.headers();
}
