//! Test support: a loopback stand-in for export.arxiv.org and a `TestEnv`
//! owning a temporary config and cache directory.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// One request as the stub saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub target: String,
    pub params: HashMap<String, String>,
    pub user_agent: String,
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
}

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

/// A paper the stub's catalogue holds.
#[derive(Debug, Clone)]
pub struct StubEntry {
    pub id: String,
    pub version: u32,
    /// `YYYY-MM-DD`, the v1 submission date.
    pub published: String,
    pub title: String,
    pub summary: String,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
}

impl StubEntry {
    pub fn new(id: &str, published: &str, title: &str) -> Self {
        StubEntry {
            id: id.to_owned(),
            version: 1,
            published: published.to_owned(),
            title: title.to_owned(),
            summary: format!("Abstract of {title}."),
            authors: vec!["Ada Lovelace".to_owned(), "Charles Babbage".to_owned()],
            categories: vec!["cs.AR".to_owned(), "cs.LG".to_owned()],
        }
    }

    pub fn version(mut self, version: u32) -> Self {
        self.version = version;
        self
    }

    pub fn summary(mut self, summary: &str) -> Self {
        self.summary = summary.to_owned();
        self
    }

    pub fn authors(mut self, authors: &[&str]) -> Self {
        self.authors = authors.iter().map(|a| a.to_string()).collect();
        self
    }

    pub fn categories(mut self, categories: &[&str]) -> Self {
        self.categories = categories.iter().map(|c| c.to_string()).collect();
        self
    }

    pub fn to_xml(&self) -> String {
        let authors: String = self
            .authors
            .iter()
            .map(|name| format!("<author><name>{}</name></author>", xml_escape(name)))
            .collect();
        let categories: String = self
            .categories
            .iter()
            .map(|c| format!(r#"<category term="{c}" scheme="http://arxiv.org/schemas/atom"/>"#))
            .collect();
        let primary = self.categories.first().cloned().unwrap_or_default();
        let v = self.version;
        let id = &self.id;
        format!(
            r#"<entry><id>http://arxiv.org/abs/{id}v{v}</id><title>{title}</title><updated>{published}T12:00:00Z</updated><link href="https://arxiv.org/abs/{id}v{v}" rel="alternate" type="text/html"/><link href="https://arxiv.org/pdf/{id}v{v}" rel="related" type="application/pdf" title="pdf"/><summary>{summary}</summary>{categories}<published>{published}T12:00:00Z</published><arxiv:primary_category term="{primary}"/>{authors}</entry>"#,
            title = xml_escape(&self.title),
            summary = xml_escape(&self.summary),
            published = self.published,
        )
    }
}

pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A whole feed in the current service's shape.
pub fn feed(total: usize, start: usize, items_per_page: usize, entries: &[StubEntry]) -> String {
    let body: String = entries.iter().map(StubEntry::to_xml).collect();
    format!(
        r#"<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/api/stub</id><title>arXiv Query: stub</title><updated>2026-11-23T00:00:00Z</updated><opensearch:itemsPerPage>{items_per_page}</opensearch:itemsPerPage><opensearch:totalResults>{total}</opensearch:totalResults><opensearch:startIndex>{start}</opensearch:startIndex>{body}</feed>"#
    )
}

#[derive(Default)]
struct StubState {
    catalogue: Vec<StubEntry>,
    script: VecDeque<Reply>,
    seen: Vec<Seen>,
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
}

fn serve(stream: TcpStream, state: &Arc<Mutex<StubState>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some((target, user_agent)) = read_request(&stream) else {
        return;
    };
    let params = parse_query(&target);
    let reply = {
        let mut state = state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.seen.push(Seen {
            target: target.clone(),
            params: params.clone(),
            user_agent,
            at: Instant::now(),
        });
        state.script.pop_front().unwrap_or(Reply::Catalogue)
    };
    let (status, headers, body) = match reply {
        Reply::Hangup => return,
        Reply::Raw {
            status,
            headers,
            body,
        } => (status, headers, body),
        Reply::Catalogue => {
            let state = state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let start: usize = params
                .get("start")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let max: usize = params
                .get("max_results")
                .and_then(|s| s.parse().ok())
                .unwrap_or(10);
            let page: Vec<StubEntry> = state
                .catalogue
                .iter()
                .skip(start)
                .take(max)
                .cloned()
                .collect();
            (
                200,
                vec![],
                feed(state.catalogue.len(), start, max, &page).into_bytes(),
            )
        }
    };
    write_response(stream, status, &headers, &body);
}

fn read_request(stream: &TcpStream) -> Option<(String, String)> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let target = request_line.split_whitespace().nth(1)?.to_owned();
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("user-agent")
        {
            user_agent = value.trim().to_owned();
        }
    }
    Some((target, user_agent))
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
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Decodes `a=b+c&d=%28e%29` the way a form decoder does.
pub fn parse_query(target: &str) -> HashMap<String, String> {
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

/// A temporary home for one test: config file, cache dir, and a way to run
/// the real binary against them with nothing from the user's own setup.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A config pointing at `stub` with fast, test-sized settings;
    /// `overrides` holds `key = value` lines replacing those [arxiv] defaults.
    pub fn with_stub_config(stub: &ArxivStub, overrides: &str, topics: &str) -> Self {
        let api_url = format!("\"{}\"", stub.base_url);
        let mut settings: Vec<(&str, String)> = vec![
            ("api_url", api_url),
            ("delay_secs", "0.2".into()),
            ("page_size", "10".into()),
            ("max_results", "20".into()),
            ("timeout_secs", "5".into()),
            ("retries", "2".into()),
        ];
        for line in overrides.lines().filter(|line| !line.trim().is_empty()) {
            let (key, value) = line.split_once('=').expect("override is key = value");
            match settings.iter_mut().find(|(name, _)| *name == key.trim()) {
                Some(setting) => setting.1 = value.trim().to_owned(),
                None => settings.push((key.trim(), value.trim().to_owned())),
            }
        }
        let arxiv: String = settings
            .iter()
            .map(|(key, value)| format!("{key} = {value}\n"))
            .collect();
        let env = TestEnv::new();
        env.write_config(&format!("[arxiv]\n{arxiv}\n{topics}"));
        env
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    pub fn cache_file(&self) -> PathBuf {
        self.cache_dir().join("papers.json")
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_path(), text).expect("write config");
    }

    /// `papers` with this env's config and cache, and no colour or terminal.
    pub fn papers(&self) -> Command {
        let mut cmd = Command::cargo_bin("papers").expect("papers binary");
        cmd.env_clear()
            .env("PAPERS_CONFIG", self.config_path())
            .env("PAPERS_CACHE_DIR", self.cache_dir())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("xdg-cache"))
            .env("NO_COLOR", "1")
            .timeout(Duration::from_secs(60));
        cmd
    }

    pub fn cache_json(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.cache_file()).expect("cache file");
        serde_json::from_str(&text).expect("cache parses")
    }
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/arxiv")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("fixture {}: {err}", path.display()))
}

pub const TWO_TOPICS: &str = r#"
[[topics]]
name = "npu"
title = "NPU acceleration"
keywords = ["NPU", "neural processing unit"]
categories = ["cs.AR"]

[[topics]]
name = "edge"
title = "Edge inference"
keywords = ["edge inference"]
"#;
