//! A loopback stand-in for export.arxiv.org: an HTTP/1.1 server on
//! 127.0.0.1 that answers from a catalogue or a script of replies (faults
//! included) and records every request.
//!
//! It stands in for Hugging Face's `GET /api/daily_papers` too, on the same
//! port ([`ArxivStub::hf_api_url`]): Daily Papers entries (the recorded
//! fixtures' JSON) answer by the period and page asked for, with a script
//! and a request log of their own so arXiv's counts stay as they were.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use super::arxiv_match;
use super::feed::{StubEntry, feed};

/// One request as the stub saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub params: HashMap<String, String>,
    pub user_agent: String,
    /// The `Accept` header, empty when none was sent.
    pub accept: String,
    pub at: Instant,
}

impl Seen {
    pub fn param(&self, name: &str) -> &str {
        self.params.get(name).map(String::as_str).unwrap_or("")
    }
}

/// How the stub answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Answer from the catalogue (a search over the held entries).
    Catalogue,
    /// A fixed response.
    Raw {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Drop the connection without a response.
    Hangup,
    /// Read the request, then hold the connection open without a word for
    /// this long (capped at [`MAX_STALL`]) and close it. Served on its own
    /// thread, so the stub answers the client's retry meanwhile.
    Stall(Duration),
    /// A complete, correct response whose body dribbles out `chunk` bytes
    /// every `every` (a slow or hostile server that never quite stalls).
    /// Own thread; bounded by the body length and [`MAX_STALL`].
    Trickle {
        body: Vec<u8>,
        chunk: usize,
        every: Duration,
    },
    /// Status 200 with `Content-Length: declared`, but only `body` is sent
    /// before the connection closes.
    Truncated { body: Vec<u8>, declared: usize },
    /// A 200 whose body is `bytes` long: the start of a feed, then filler,
    /// streamed from a small buffer (never held in memory). With
    /// `declare_length` the size is announced in `Content-Length`; without,
    /// the body simply runs until the connection closes. Own thread; stops
    /// when the client hangs up.
    Huge { bytes: u64, declare_length: bool },
    /// Close the connection with the request unread, so the kernel answers
    /// with a TCP reset rather than an orderly close.
    Reset,
    /// Answer from the catalogue, then replace the catalogue with these
    /// entries *in the order given* (no sorting): an index update landing
    /// between two pages, or ties coming back in another order.
    CatalogueThen(Vec<StubEntry>),
}

/// Longest a slow reply may take, so no test can hang on the stub.
const MAX_STALL: Duration = Duration::from_secs(20);

impl Reply {
    pub fn atom(body: impl Into<Vec<u8>>) -> Reply {
        Reply::Raw {
            status: 200,
            headers: vec![],
            body: body.into(),
        }
    }

    pub fn status(status: u16, body: &str) -> Reply {
        Reply::Raw {
            status,
            headers: vec![],
            body: body.as_bytes().to_vec(),
        }
    }
}
#[derive(Default)]
struct StubState {
    catalogue: Vec<StubEntry>,
    script: VecDeque<Reply>,
    seen: Vec<Seen>,
    /// Answer a search with only the entries its query matches (opt-in:
    /// most tests want the whole catalogue whatever the query).
    match_queries: bool,
    /// Daily Papers entries (JSON objects), in the Hub's order.
    hf_entries: Vec<serde_json::Value>,
    hf_script: VecDeque<Reply>,
    hf_seen: Vec<Seen>,
}

/// An HTTP/1.1 server on 127.0.0.1 that answers arXiv API requests, one
/// connection at a time, and records every request.
pub struct ArxivStub {
    pub base_url: String,
    state: Arc<Mutex<StubState>>,
}

impl ArxivStub {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let address = listener.local_addr().expect("local address");
        let state = Arc::new(Mutex::new(StubState::default()));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, &shared);
            }
        });
        ArxivStub {
            base_url: format!("http://{address}/api/query"),
            state,
        }
    }

    fn lock(&self) -> MutexGuard<'_, StubState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Papers the catalogue answers searches with, newest submission first.
    pub fn set_catalogue(&self, mut entries: Vec<StubEntry>) {
        entries.sort_by(|a, b| b.published.cmp(&a.published).then(b.id.cmp(&a.id)));
        self.lock().catalogue = entries;
    }

    /// From now on a search is answered with only the catalogue entries its
    /// `search_query` matches, the way arXiv matches (`arxiv_match`); a
    /// query that does not parse gets arXiv's 400 error feed.
    pub fn answer_by_query(&self) {
        self.lock().match_queries = true;
    }

    /// Replies for the next requests, in order; afterwards the catalogue answers.
    pub fn script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.lock().script.extend(replies);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.lock().seen.clone()
    }

    pub fn clear_seen(&self) {
        self.lock().seen.clear();
    }

    /// Forgets the replies not used yet; the catalogue answers from now on.
    pub fn clear_script(&self) {
        self.lock().script.clear();
    }

    /// Replies still waiting in the script.
    pub fn script_left(&self) -> usize {
        self.lock().script.len()
    }

    /// What `[huggingface] api_url` points at to reach this stub.
    pub fn hf_api_url(&self) -> String {
        self.base_url.trim_end_matches("/query").to_owned()
    }

    /// Daily Papers entries `/daily_papers` answers from: each is listed for
    /// the day of its `paper.submittedOnDailyAt`.
    pub fn set_hf_entries(&self, entries: Vec<serde_json::Value>) {
        self.lock().hf_entries = entries;
    }

    /// Replies for the next `/daily_papers` requests; then the entries answer.
    pub fn hf_script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.lock().hf_script.extend(replies);
    }

    /// Every `/daily_papers` request so far.
    pub fn hf_seen(&self) -> Vec<Seen> {
        self.lock().hf_seen.clone()
    }
}

/// The `date=`, `week=` or `month=` period of a request, paged by `p` and
/// `limit` (default 50, as the Hub's).
fn hf_page(entries: &[serde_json::Value], params: &HashMap<String, String>) -> Vec<u8> {
    use chrono::Datelike;
    let day_of = |entry: &serde_json::Value| {
        entry["paper"]["submittedOnDailyAt"]
            .as_str()
            .and_then(|at| at.get(..10))
            .and_then(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
    };
    let in_period = |day: chrono::NaiveDate| {
        if let Some(date) = params.get("date") {
            return day.to_string() == *date;
        }
        if let Some(month) = params.get("month") {
            return day.format("%Y-%m").to_string() == *month;
        }
        if let Some(week) = params.get("week") {
            let iso = day.iso_week();
            return format!("{}-W{:02}", iso.year(), iso.week()) == *week;
        }
        false
    };
    let number = |name: &str, default: usize| {
        params
            .get(name)
            .and_then(|value| value.parse().ok())
            .unwrap_or(default)
    };
    let (page, limit) = (number("p", 0), number("limit", 50));
    let listed: Vec<&serde_json::Value> = entries
        .iter()
        .filter(|entry| day_of(entry).is_some_and(in_period))
        .skip(page * limit)
        .take(limit)
        .collect();
    serde_json::to_vec(&listed).unwrap_or_default()
}

fn serve(stream: TcpStream, state: &Arc<Mutex<StubState>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some(Request {
        target,
        user_agent,
        accept,
    }) = read_request(&stream)
    else {
        return;
    };
    let params = parse_query(&target);
    if target
        .split('?')
        .next()
        .unwrap_or("")
        .ends_with("/daily_papers")
    {
        let reply = {
            let mut state = state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            state.hf_seen.push(Seen {
                params: params.clone(),
                user_agent,
                accept,
                at: Instant::now(),
            });
            match state.hf_script.pop_front() {
                Some(Reply::Raw {
                    status,
                    headers,
                    body,
                }) => (status, headers, body),
                Some(Reply::Hangup) => return,
                _ => (200, vec![], hf_page(&state.hf_entries, &params)),
            }
        };
        let (status, mut headers, body) = reply;
        headers.push(("Content-Type".into(), "application/json".into()));
        write_response(stream, status, &headers, &body);
        return;
    }
    let reply = {
        let mut state = state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.seen.push(Seen {
            params: params.clone(),
            user_agent,
            accept,
            at: Instant::now(),
        });
        state.script.pop_front().unwrap_or(Reply::Catalogue)
    };
    let (status, headers, body) = match reply {
        Reply::Hangup => return,
        Reply::Reset => {
            reset(stream);
            return;
        }
        Reply::Stall(duration) => {
            thread::spawn(move || {
                thread::sleep(duration.min(MAX_STALL));
                drop(stream);
            });
            return;
        }
        Reply::Trickle { body, chunk, every } => {
            thread::spawn(move || trickle(stream, &body, chunk, every));
            return;
        }
        Reply::Truncated { body, declared } => {
            let mut stream = stream;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {declared}\r\nConnection: close\r\n\
                 Content-Type: application/atom+xml; charset=utf-8\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            let _ = stream.flush();
            return;
        }
        Reply::Huge {
            bytes,
            declare_length,
        } => {
            thread::spawn(move || stream_huge(stream, bytes, declare_length));
            return;
        }
        Reply::CatalogueThen(next) => {
            let mut state = state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let answer = catalogue_page(&state.catalogue, &params, state.match_queries);
            state.catalogue = next;
            answer
        }
        Reply::Raw {
            status,
            headers,
            body,
        } => (status, headers, body),
        Reply::Catalogue => {
            let state = state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            catalogue_page(&state.catalogue, &params, state.match_queries)
        }
    };
    write_response(stream, status, &headers, &body);
}

/// Closes with a TCP reset: `SO_LINGER` on with a zero timeout makes close()
/// send RST rather than FIN.
fn reset(stream: TcpStream) {
    socket2::SockRef::from(&stream)
        .set_linger(Some(Duration::ZERO))
        .expect("set SO_LINGER");
    drop(stream);
}

type Answer = (u16, Vec<(String, String)>, Vec<u8>);

/// The feed page `start`/`max_results` ask for, of the whole catalogue or,
/// with `match_queries`, of the entries `search_query` matches; with
/// `id_list`, only the catalogue's entries with those (versionless) ids,
/// as arXiv answers.
fn catalogue_page(
    catalogue: &[StubEntry],
    params: &HashMap<String, String>,
    match_queries: bool,
) -> Answer {
    if let Some(list) = params.get("id_list").filter(|list| !list.is_empty()) {
        let wanted: Vec<&str> = list.split(',').collect();
        let found: Vec<StubEntry> = catalogue
            .iter()
            .filter(|entry| wanted.contains(&entry.id.as_str()))
            .cloned()
            .collect();
        return (
            200,
            vec![],
            feed(found.len(), 0, found.len().max(1), &found).into_bytes(),
        );
    }
    let query = params.get("search_query").map_or("", String::as_str);
    let matched: Vec<StubEntry>;
    let catalogue = if match_queries && !query.is_empty() {
        match arxiv_match::parse(query) {
            Ok(parsed) => {
                matched = catalogue
                    .iter()
                    .filter(|entry| parsed.matches(&entry.record()))
                    .cloned()
                    .collect();
                &matched[..]
            }
            Err(_) => return (400, vec![], error_feed(query).into_bytes()),
        }
    } else {
        catalogue
    };
    let start: usize = params
        .get("start")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let max: usize = params
        .get("max_results")
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let page: Vec<StubEntry> = catalogue.iter().skip(start).take(max).cloned().collect();
    (
        200,
        vec![],
        feed(catalogue.len(), start, max, &page).into_bytes(),
    )
}

/// arXiv's answer to a query it cannot parse, in the current service's shape.
fn error_feed(query: &str) -> String {
    let message = format!("Invalid query string: '{query}'")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        r#"<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/api/errors</id><title>Error</title><updated>2026-11-23T00:00:00Z</updated><opensearch:totalResults>1</opensearch:totalResults><opensearch:startIndex>0</opensearch:startIndex><opensearch:itemsPerPage>1</opensearch:itemsPerPage><entry><id>https://arxiv.org/api/errors#invalid_query</id><title>Error</title><summary>{message}</summary><updated>2026-11-23T00:00:00Z</updated><author><name>arXiv api core</name></author></entry></feed>"#
    )
}

fn trickle(mut stream: TcpStream, body: &[u8], chunk: usize, every: Duration) {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\
         Content-Type: application/atom+xml; charset=utf-8\r\n\r\n",
        body.len()
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let started = Instant::now();
    for piece in body.chunks(chunk.max(1)) {
        if started.elapsed() > MAX_STALL
            || stream.write_all(piece).is_err()
            || stream.flush().is_err()
        {
            return;
        }
        thread::sleep(every);
    }
}

/// Writes a `bytes`-long body from one 64 KiB buffer: the opening of a real
/// feed, then an XML comment that never ends.
fn stream_huge(mut stream: TcpStream, bytes: u64, declare_length: bool) {
    let mut head = String::from(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/atom+xml\r\n",
    );
    if declare_length {
        head.push_str(&format!("Content-Length: {bytes}\r\n"));
    }
    head.push_str("\r\n");
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let opening =
        b"<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><!--";
    let filler = vec![b'x'; 64 * 1024];
    let mut sent = 0u64;
    let mut first = true;
    while sent < bytes {
        let buffer: &[u8] = if first { opening } else { &filler };
        first = false;
        let take = buffer
            .len()
            .min(usize::try_from(bytes - sent).unwrap_or(usize::MAX));
        if stream.write_all(&buffer[..take]).is_err() {
            return; // the client stopped reading and closed: expected
        }
        sent += take as u64;
    }
    let _ = stream.flush();
}

/// The parts of a request the stub keeps.
struct Request {
    target: String,
    user_agent: String,
    accept: String,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut request = Request {
        target: request_line.split_whitespace().nth(1)?.to_owned(),
        user_agent: String::new(),
        accept: String::new(),
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.eq_ignore_ascii_case("user-agent") {
            request.user_agent = value.trim().to_owned();
        } else if name.eq_ignore_ascii_case("accept") {
            request.accept = value.trim().to_owned();
        }
    }
    Some(request)
}

fn write_response(mut stream: TcpStream, status: u16, headers: &[(String, String)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
    {
        head.push_str("Content-Type: application/atom+xml; charset=utf-8\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        406 => "Not Acceptable",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Decodes `a=b+c&d=%28e%29` the way a form decoder does.
fn parse_query(target: &str) -> HashMap<String, String> {
    let Some((_, query)) = target.split_once('?') else {
        return HashMap::new();
    };
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (percent_decode(name), percent_decode(value)))
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
