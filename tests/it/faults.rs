//! Fault injection: `papers fetch` against a loopback arXiv that misbehaves
//! in every way arXiv is known to (rate limits, outages, error feeds, quirks
//! of paging; see `papers::arxiv`), and a few more.
//!
//! Every fault is checked the same way. The cache is first seeded by a
//! clean fetch; then the server grows and a second fetch meets the fault.
//! That fetch must either complete with every paper the server holds
//! (the fault was transient and retried) or fail the topic with a one-line
//! error naming the cause; either way every paper held before is still held,
//! unchanged, plus whatever the fetch read before failing. A failed topic is
//! read in full by the next clean fetch.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::support::{ArxivStub, Reply, StubEntry, TestEnv, feed, fixture};
use serde_json::Value;

const ONE_TOPIC: &str = r#"
[[topics]]
name = "npu"
title = "NPU acceleration"
keywords = ["NPU"]
"#;

/// Small pages, three attempts per request, and a 10 ms delay: these tests
/// check what a fault does to the cache, not pacing, so every pause and
/// back-off (delay * 2^attempt) is as short as the client allows.
const SETTINGS: &str = "page_size = 10\nmax_results = 40\ndelay_secs = 0.01\nretries = 2";
const ATTEMPTS: usize = 3;
/// Papers the server holds at the seed fetch and at the faulty one.
const SEEDED: u32 = 12;
const HELD: u32 = 25;
/// What the first page of the faulty fetch holds: the ten newest.
const FIRST_PAGE: std::ops::RangeInclusive<u32> = 16..=25;

/// Paper number `n`, submitted on day `n` from 2026-09-01.
fn entry(n: u32) -> StubEntry {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("date")
        + chrono::Duration::days(i64::from(n) - 1);
    StubEntry::new(
        &format!("2609.{n:05}"),
        &date.to_string(),
        &format!("Paper {n}"),
    )
}

fn id(n: u32) -> String {
    format!("2609.{n:05}")
}

/// Papers `numbers`, newest first, as arXiv sorts them.
fn newest_first(numbers: impl IntoIterator<Item = u32>) -> Vec<StubEntry> {
    let mut numbers: Vec<u32> = numbers.into_iter().collect();
    numbers.sort_unstable_by(|a, b| b.cmp(a));
    numbers.into_iter().map(entry).collect()
}

fn ids(numbers: impl IntoIterator<Item = u32>) -> BTreeSet<String> {
    numbers.into_iter().map(id).collect()
}

fn papers(env: &TestEnv) -> BTreeMap<String, Value> {
    env.cache_json()["papers"]
        .as_object()
        .expect("papers map")
        .iter()
        .map(|(id, paper)| (id.clone(), paper.clone()))
        .collect()
}

/// A stub holding papers 1..=12, a cache seeded from it by a clean fetch,
/// and the server then grown to papers 1..=25.
fn seeded(overrides: &str) -> (ArxivStub, TestEnv, BTreeMap<String, Value>) {
    let stub = ArxivStub::start();
    stub.set_catalogue(newest_first(1..=SEEDED));
    let env = TestEnv::with_stub_config(&stub, &format!("{SETTINGS}\n{overrides}"), ONE_TOPIC);
    env.papers().arg("fetch").assert().success();
    let before = papers(&env);
    assert_eq!(before.len(), SEEDED as usize, "seed fetch");
    stub.set_catalogue(newest_first(1..=HELD));
    stub.clear_seen();
    (stub, env, before)
}

/// `papers fetch` reading the whole window (`--since` disables the
/// incremental stop), so the fault can sit on any page.
fn fetch_all(env: &TestEnv) -> std::process::Output {
    env.papers()
        .args(["fetch", "--since", "2026-01-01"])
        .output()
        .expect("run papers fetch")
}

/// Every paper held before is held after, byte for byte the same record.
fn assert_nothing_lost(before: &BTreeMap<String, Value>, after: &BTreeMap<String, Value>) {
    for (id, held) in before {
        assert_eq!(after.get(id), Some(held), "paper {id} lost or changed");
    }
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The failure report: exactly one line, naming the topic and the cause.
fn assert_one_line_failure(output: &std::process::Output, cause: &str) -> String {
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(output));
    let stderr = stderr_of(output);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(
        stderr.starts_with("papers: topic npu failed: "),
        "{stderr:?}"
    );
    assert!(
        stderr.to_lowercase().contains(&cause.to_lowercase()),
        "{stderr:?} should name the cause {cause:?}"
    );
    stderr
}

/// After a failed fetch the next clean one does not trust the partial
/// result: it reads the whole window and ends with every paper.
fn assert_next_fetch_recovers(stub: &ArxivStub, env: &TestEnv, before: &BTreeMap<String, Value>) {
    env.papers().arg("fetch").assert().success();
    let after = papers(env);
    assert_nothing_lost(before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD),
        "a clean fetch after the failure reads everything"
    );
    assert_eq!(stub.script_left(), 0);
}

/// A fault arXiv recovers from: once, then the fetch completes; on every
/// attempt, then the topic fails after `retries` retries.
fn check_retried_fault(cause: &str, overrides: &str, fault: impl Fn() -> Reply) {
    // Transient, on the first page: retried, then everything arrives.
    let (stub, env, before) = seeded(overrides);
    stub.script([fault()]);
    let output = fetch_all(&env);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD)
    );
    let starts: Vec<String> = stub
        .seen()
        .iter()
        .map(|seen| seen.param("start").to_owned())
        .collect();
    assert_eq!(
        starts,
        ["0", "0", "10", "20"],
        "one retry of the first page"
    );

    // Persistent, from the second page on: the topic fails once retries run
    // out, keeping the first page it did read.
    let (stub, env, before) = seeded(overrides);
    stub.script([Reply::Catalogue]);
    stub.script((0..ATTEMPTS).map(|_| fault()));
    let output = fetch_all(&env);
    let stderr = assert_one_line_failure(&output, cause);
    assert!(
        stderr.contains(&format!("gave up after {ATTEMPTS} attempts")),
        "{stderr:?}"
    );
    assert_eq!(
        stub.seen().len(),
        1 + ATTEMPTS,
        "retries = 2: three attempts"
    );
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    let expected: BTreeSet<String> = ids(1..=SEEDED).union(&ids(FIRST_PAGE)).cloned().collect();
    assert_eq!(after.keys().cloned().collect::<BTreeSet<_>>(), expected);
    let last_error = env.cache_json()["topics"]["npu"]["last_error"].clone();
    assert!(
        last_error
            .as_str()
            .is_some_and(|error| error.to_lowercase().contains(&cause.to_lowercase())),
        "the failure is recorded: {last_error}"
    );
    assert_next_fetch_recovers(&stub, &env, &before);
}

/// A fault retrying cannot help: the topic fails at once, keeping what the
/// pages before it brought.
fn check_final_fault(cause: &str, fault: Reply) {
    let (stub, env, before) = seeded("");
    stub.script([Reply::Catalogue, fault]);
    let output = fetch_all(&env);
    let stderr = assert_one_line_failure(&output, cause);
    assert!(!stderr.contains("gave up"), "not retried: {stderr:?}");
    assert_eq!(stub.seen().len(), 2, "no retry of a final answer");
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    let expected: BTreeSet<String> = ids(1..=SEEDED).union(&ids(FIRST_PAGE)).cloned().collect();
    assert_eq!(after.keys().cloned().collect::<BTreeSet<_>>(), expected);
    assert_next_fetch_recovers(&stub, &env, &before);
}

/// A 200 whose body is not what it should be.
fn body(bytes: impl Into<Vec<u8>>) -> Reply {
    Reply::atom(bytes)
}

/// The first page as the catalogue would send it.
fn first_page() -> String {
    feed(HELD as usize, 0, 10, &newest_first(FIRST_PAGE))
}

#[test]
fn rate_limited_429_without_retry_after() {
    check_retried_fault("HTTP 429 Too Many Requests (Rate exceeded.)", "", || {
        Reply::status(429, "Rate exceeded.")
    });
}

#[test]
fn unavailable_503_with_retry_after() {
    check_retried_fault("HTTP 503 Service Unavailable", "", || Reply::Raw {
        status: 503,
        headers: vec![("Retry-After".into(), "1".into())],
        body: vec![],
    });
}

#[test]
fn unavailable_503_without_retry_after() {
    check_retried_fault("HTTP 503 Service Unavailable", "", || {
        Reply::status(503, "")
    });
}

#[test]
fn internal_error_500() {
    check_retried_fault("HTTP 500 Internal Server Error", "", || {
        Reply::status(500, "")
    });
}

#[test]
fn blank_200_body() {
    check_retried_fault("empty body", "", || body(""));
}

#[test]
fn html_access_denied_page() {
    check_retried_fault("HTML page", "", || {
        body("<!DOCTYPE html><html><body><h1>Access Denied</h1></body></html>")
    });
}

#[test]
fn body_shorter_than_its_content_length() {
    check_retried_fault("connection failed while reading the response", "", || {
        let page = first_page().into_bytes();
        Reply::Truncated {
            declared: page.len(),
            body: page[..page.len() / 2].to_vec(),
        }
    });
}

#[test]
fn feed_cut_off_mid_xml() {
    check_retried_fault("not well-formed XML", "", || {
        let page = first_page().into_bytes();
        body(page[..page.len() * 2 / 3].to_vec())
    });
}

#[test]
fn body_that_is_not_utf8() {
    check_retried_fault("not valid UTF-8", "", || {
        let page = first_page()
            .replace("Paper 25", "Paper \u{1}25")
            .into_bytes();
        // Swap the marker byte for one that is never valid in UTF-8.
        let page: Vec<u8> = page
            .into_iter()
            .map(|byte| if byte == 1 { 0xFF } else { byte })
            .collect();
        body(page)
    });
}

#[test]
fn escape_character_reference_in_a_title() {
    // XML 1.0 cannot carry ESC, not even as `&#27;`: the page is unusable
    // (and retried), never half-parsed.
    check_retried_fault("not well-formed XML", "", || {
        body(first_page().replace("Paper 25", "Paper &#27;[31m25"))
    });
}

#[test]
fn stall_longer_than_the_timeout() {
    check_retried_fault("timed out", "timeout_secs = 0.5", || {
        Reply::Stall(Duration::from_secs(3))
    });
}

#[test]
fn body_trickling_slower_than_the_timeout_allows() {
    // Each piece arrives well within the timeout, but the whole body would
    // take about 4 s: the timeout bounds the whole request, not each read.
    check_retried_fault("timed out", "timeout_secs = 0.5", || {
        let page = first_page().into_bytes();
        let chunk = page.len() / 40 + 1;
        Reply::Trickle {
            body: page,
            chunk,
            every: Duration::from_millis(100),
        }
    });
}

#[test]
fn connection_reset() {
    check_retried_fault("reset", "", || Reply::Reset);
}

#[test]
fn connection_closed_without_a_response() {
    check_retried_fault("connection closed before message completed", "", || {
        Reply::Hangup
    });
}

#[test]
fn empty_page_in_the_middle_of_pagination() {
    // Only a page after the first can be told apart from a true empty
    // result, so both modes put the empty page second.
    let empty = || body(feed(HELD as usize, 10, 10, &[]));
    let (stub, env, before) = seeded("");
    stub.script([Reply::Catalogue, empty()]);
    let output = fetch_all(&env);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD)
    );

    let (stub, env, before) = seeded("");
    stub.script([Reply::Catalogue]);
    stub.script((0..ATTEMPTS).map(|_| empty()));
    let output = fetch_all(&env);
    assert_one_line_failure(&output, "empty page in the middle of the results");
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=SEEDED).union(&ids(FIRST_PAGE)).cloned().collect()
    );
    assert_next_fetch_recovers(&stub, &env, &before);
}

#[test]
fn arxiv_error_feed_with_http_400() {
    check_final_fault(
        "arXiv API error: incorrect id format for abc",
        Reply::Raw {
            status: 400,
            headers: vec![],
            body: fixture("api2026_error_incorrect_id_format_abc_http400.xml"),
        },
    );
}

#[test]
fn arxiv_error_feed_with_http_200() {
    check_final_fault(
        "arXiv API error: incorrect id format for abc",
        body(fixture("api2026_error_incorrect_id_format_abc_http400.xml")),
    );
}

#[test]
fn not_found_404() {
    check_final_fault("HTTP 404 Not Found", Reply::status(404, "no such page"));
}

#[test]
fn access_denied_403_html() {
    check_final_fault(
        "HTTP 403",
        Reply::Raw {
            status: 403,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: b"<html><body>Access Denied</body></html>".to_vec(),
        },
    );
}

#[test]
fn body_declared_larger_than_50_mb() {
    check_final_fault(
        "larger than 50 MB",
        Reply::Huge {
            bytes: 60 * 1024 * 1024,
            declare_length: true,
        },
    );
}

#[test]
fn body_streaming_past_50_mb_without_a_length() {
    check_final_fault(
        "larger than 50 MB",
        Reply::Huge {
            bytes: 51 * 1024 * 1024,
            declare_length: false,
        },
    );
}

/// The server's list as it is after an index update or a tie reshuffle.
fn run_shifted(next: Vec<StubEntry>) -> (ArxivStub, TestEnv, BTreeMap<String, Value>) {
    let (stub, env, before) = seeded("");
    stub.script([Reply::CatalogueThen(next)]);
    let output = fetch_all(&env);
    assert!(output.status.success(), "{}", stderr_of(&output));
    (stub, env, before)
}

#[test]
fn pages_overlap_when_new_papers_arrive_between_pages() {
    // Two papers are announced after the first page: everything moves down
    // by two, so the second page repeats the first page's last two papers.
    let (_stub, env, before) = run_shifted(newest_first(1..=HELD + 2));
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD + 2),
        "every paper the server holds, the late arrivals included"
    );
}

#[test]
fn pages_skip_when_a_paper_drops_out_between_pages() {
    // Paper 20 (first page) vanishes from the index after the first page:
    // everything moves up by one and paper 15 slides out of the second page.
    let (stub, env, before) = run_shifted(newest_first((1..=HELD).filter(|n| *n != 20)));
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD),
        "paper 15 is not skipped, paper 20 is kept"
    );
    assert!(stub.seen().len() > 3, "the window was read again");
}

#[test]
fn pages_skip_when_ties_come_back_in_another_order() {
    // Papers at positions 9 and 10 swap places between the two pages (equal
    // sort keys in arXiv's index): the second page repeats one and the
    // other is never on any page.
    let mut swapped = newest_first(1..=HELD);
    swapped.swap(9, 10);
    let (_stub, env, before) = run_shifted(swapped);
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD)
    );
}

#[test]
fn order_that_never_settles_fails_the_topic_and_keeps_what_was_read() {
    // A new paper lands before every page: no two pages ever agree.
    let (stub, env, before) = seeded("");
    stub.script((1..=12).map(|extra| Reply::CatalogueThen(newest_first(1..=HELD + extra))));
    let output = fetch_all(&env);
    assert_one_line_failure(&output, "order kept shifting");
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert!(
        after.len() > before.len() && ids(FIRST_PAGE).iter().all(|id| after.contains_key(id)),
        "what was read is stored: {:?}",
        after.keys().collect::<Vec<_>>()
    );
    let requests = stub.seen().len();
    assert!(requests <= 12, "bounded: {requests} requests");

    // Once the index settles, a clean fetch reads the whole window.
    let settled = newest_first(1..=HELD + requests as u32);
    stub.set_catalogue(settled);
    stub.clear_script();
    env.papers().arg("fetch").assert().success();
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD + requests as u32)
    );
}

#[test]
fn retries_back_off_no_faster_than_the_delay_and_stop_in_bounded_time() {
    // Long enough that each back-off outgrows the one before by far more
    // than a loaded machine's scheduling noise (at least 0.6 * 2 * DELAY).
    const DELAY: f64 = 0.2;
    const RETRIES: u32 = 3;
    let stub = ArxivStub::start();
    stub.script((0..=RETRIES).map(|_| Reply::status(503, "")));
    let env = TestEnv::with_stub_config(
        &stub,
        &format!("delay_secs = {DELAY}\nretries = {RETRIES}\ntimeout_secs = 2"),
        ONE_TOPIC,
    );
    let started = Instant::now();
    let output = env
        .papers()
        .arg("fetch")
        .output()
        .expect("run papers fetch");
    let elapsed = started.elapsed();
    assert_one_line_failure(
        &output,
        "HTTP 503 Service Unavailable (gave up after 4 attempts)",
    );

    let seen = stub.seen();
    assert_eq!(seen.len(), RETRIES as usize + 1, "gives up after `retries`");
    let gaps: Vec<Duration> = seen
        .windows(2)
        .map(|pair| pair[1].at.duration_since(pair[0].at))
        .collect();
    let delay = Duration::from_secs_f64(DELAY);
    for (n, gap) in gaps.iter().enumerate() {
        // Retry n+1 waits delay * 2^(n+1) plus jitter: never less than delay.
        let floor = delay * (1 << (n + 1));
        assert!(*gap >= delay, "retry {} came after {gap:?}", n + 1);
        assert!(
            *gap >= floor,
            "retry {} came after {gap:?} < {floor:?}",
            n + 1
        );
    }
    assert!(
        gaps.windows(2).all(|pair| pair[1] > pair[0]),
        "back-off grows: {gaps:?}"
    );
    // Upper bound: every pause at its largest (+25% jitter), plus a generous
    // allowance for starting the binary and four loopback round trips.
    let pauses: f64 = (1..=RETRIES)
        .map(|n| DELAY * f64::from(1u32 << n) * 1.25)
        .sum();
    let bound = Duration::from_secs_f64(pauses + 5.0);
    assert!(elapsed < bound, "took {elapsed:?}, bound {bound:?}");
}

// Hostile content: text that would drive a terminal if printed raw.

/// C1 controls are legal XML 1.0 characters, so arXiv (or anything in the
/// middle) can send them: 8-bit CSI (clear screen, colours), OSC (window
/// title, hyperlink), DCS, NEL, plus DEL.
const HOSTILE_TITLE: &str =
    "Evil \u{9b}2J\u{9b}31mred\u{9b}0m \u{9d}0;pwned\u{9c}title \u{90}q\u{9c}with\u{85}NEL\u{7f}";
const HOSTILE_AUTHOR: &str = "Mallory \u{9d}8;;https://evil.example/\u{9c}Mallet\u{9d}8;;\u{9c}";
const HOSTILE_ABSTRACT: &str =
    "Clean start. \u{9b}1;1H\u{9b}2JOverwritten \u{9e}privacy\u{9c} end.";

/// Characters a terminal may act on: C0 (but newline), DEL and C1.
fn has_terminal_controls(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c))
}

#[test]
fn control_characters_reach_json_verbatim_and_the_terminal_never() {
    let stub = ArxivStub::start();
    stub.set_catalogue(vec![
        StubEntry::new("2611.06666", "2026-11-06", HOSTILE_TITLE)
            .authors(&[HOSTILE_AUTHOR, "Eve"])
            .summary(HOSTILE_ABSTRACT),
        entry(1),
    ]);
    let env = TestEnv::with_stub_config(&stub, SETTINGS, ONE_TOPIC);
    env.papers().arg("fetch").assert().success();

    let json = env
        .papers()
        .args(["list", "--format", "json"])
        .output()
        .expect("list json");
    assert!(json.status.success());
    let listed: Value = serde_json::from_slice(&json.stdout).expect("json");
    let hostile = &listed[0];
    assert_eq!(hostile["id"], "2611.06666");
    assert_eq!(hostile["title"], HOSTILE_TITLE, "verbatim in JSON");
    assert_eq!(hostile["authors"][0], HOSTILE_AUTHOR);
    assert_eq!(hostile["abstract"], HOSTILE_ABSTRACT);

    for args in [
        vec!["list"],
        vec!["list", "--color", "always"],
        vec!["show", "2611.06666"],
    ] {
        let output = env.papers().args(&args).output().expect("run papers");
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).expect("utf-8");
        // `--color always` adds the SGR sequences papers itself chose;
        // whatever remains must be free of controls.
        let stripped = strip_own_sgr(&text);
        assert!(
            !has_terminal_controls(&stripped),
            "papers {args:?} printed raw controls: {text:?}"
        );
        assert!(stripped.contains("Evil"), "the text itself stays: {text}");
    }
}

/// Removes `ESC [ digits/; m` colour sequences (papers' own styling).
fn strip_own_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            while chars.next_if(|c| c.is_ascii_digit() || *c == ';').is_some() {}
            chars.next_if_eq(&'m');
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn hostile_error_texts_reach_stderr_without_controls() {
    let stub = ArxivStub::start();
    let env = TestEnv::with_stub_config(&stub, SETTINGS, ONE_TOPIC);
    let error_feed =
        String::from_utf8(fixture("api2026_error_incorrect_id_format_abc_http400.xml"))
            .expect("utf-8 fixture")
            .replace(
                "incorrect id format for abc",
                "bad \u{9b}2Jquery \u{9d}0;title\u{9c}here",
            );
    for reply in [
        Reply::Raw {
            status: 400,
            headers: vec![],
            body: error_feed.into_bytes(),
        },
        // Plain-text bodies are quoted in the message: raw ESC and BEL here.
        Reply::status(404, "gone \u{1b}]0;pwned\u{7}\u{1b}[2J away"),
    ] {
        stub.script([reply]);
        let output = env.papers().arg("fetch").output().expect("run papers");
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            !has_terminal_controls(stderr.trim_end()),
            "raw controls on stderr: {stderr:?}"
        );
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(!has_terminal_controls(&stdout), "{stdout:?}");
        assert!(
            stderr.contains("bad ") || stderr.contains("gone "),
            "the message itself stays: {stderr:?}"
        );
    }
}

#[test]
fn not_acceptable_406_is_retried_with_back_off() {
    check_retried_fault("HTTP 406", "", || Reply::status(406, "Not Acceptable"));
}

#[test]
fn an_empty_first_page_below_total_results_is_retried_then_fails_the_topic() {
    // arXiv's stale index: no entries, yet totalResults says 25.
    let stale = || body(feed(HELD as usize, 0, 10, &[]));
    let (stub, env, before) = seeded("");
    stub.script([stale()]);
    let output = fetch_all(&env);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(
        papers(&env).len(),
        HELD as usize,
        "retried, then read in full"
    );
    assert_nothing_lost(&before, &papers(&env));

    let (stub, env, before_second) = seeded("");
    let success_before = env.cache_json()["topics"]["npu"]["last_success"].clone();
    assert!(success_before.is_string(), "the seed fetch succeeded");
    stub.script((0..ATTEMPTS).map(|_| stale()));
    let output = fetch_all(&env);
    assert_one_line_failure(&output, "empty page although arXiv reports 25 results");
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains(" ok"),
        "never reported ok"
    );
    let topic = env.cache_json()["topics"]["npu"].clone();
    assert_eq!(
        topic["last_success"], success_before,
        "a quiet day that was not does not count as a success"
    );
    assert_nothing_lost(&before_second, &papers(&env));
    assert_next_fetch_recovers(&stub, &env, &before_second);
}

/// Whatever the server does, a topic reported `ok` holds every paper the
/// server has for it (all 25 fit in max_results = 40).
#[test]
fn no_fault_sequence_ends_ok_with_papers_missing() {
    let stale_first = || body(feed(HELD as usize, 0, 10, &[]));
    let empty_second = || body(feed(HELD as usize, 10, 10, &[]));
    let sequences: Vec<(&str, Vec<Reply>)> = vec![
        ("406 once", vec![Reply::status(406, "")]),
        (
            "406 throughout",
            (0..ATTEMPTS).map(|_| Reply::status(406, "")).collect(),
        ),
        ("stale first page", vec![stale_first()]),
        (
            "stale first page throughout",
            (0..ATTEMPTS).map(|_| stale_first()).collect(),
        ),
        (
            "503 then stale",
            vec![Reply::status(503, ""), stale_first()],
        ),
        ("empty second page", vec![Reply::Catalogue, empty_second()]),
        (
            "empty second page throughout",
            std::iter::once(Reply::Catalogue)
                .chain((0..ATTEMPTS).map(|_| empty_second()))
                .collect(),
        ),
        ("blank body then hang-up", vec![body(""), Reply::Hangup]),
        (
            "truncated third page",
            vec![
                Reply::Catalogue,
                Reply::Catalogue,
                Reply::Truncated {
                    body: b"<feed".to_vec(),
                    declared: 400,
                },
            ],
        ),
        (
            "stale, 406, reset",
            vec![stale_first(), Reply::status(406, ""), Reply::Reset],
        ),
    ];
    for (name, script) in sequences {
        let (stub, env, before) = seeded("");
        stub.script(script);
        let output = fetch_all(&env);
        let after = papers(&env);
        assert_nothing_lost(&before, &after);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let said_ok = stdout
            .lines()
            .any(|line| line.starts_with("npu ") && line.ends_with(" ok"));
        if output.status.success() || said_ok {
            assert_eq!(
                after.keys().cloned().collect::<BTreeSet<_>>(),
                ids(1..=HELD),
                "{name}: reported ok with papers missing\n{stdout}"
            );
        } else {
            assert_eq!(
                output.status.code(),
                Some(1),
                "{name}: {}",
                stderr_of(&output)
            );
        }
    }
}

/// A loopback URL nothing listens on: a port bound, then let go.
fn closed_port_api() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{address}/api/query")
}

/// Every topic fails with the host's cause, the first after one quick
/// retry and the rest unrequested, in one line on stderr.
fn check_unreachable(api_url: &str, host: &str) {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[arxiv]\napi_url = \"{api_url}\"\ndelay_secs = 0.1\nretries = 4\n{}",
        crate::support::TWO_TOPICS
    ));
    let started = Instant::now();
    let output = env
        .papers()
        .arg("fetch")
        .output()
        .expect("run papers fetch");
    assert!(started.elapsed() < Duration::from_secs(10), "fails fast");
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(
        stderr.starts_with(&format!("papers: cannot reach {host}: "))
            && stderr.trim_end().ends_with("; are you online?"),
        "{stderr:?}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with("npu ") && line.contains(" 2  ")),
        "the first topic tried twice:\n{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with("edge ") && line.contains(" 0  ")),
        "the second topic sent nothing:\n{stdout}"
    );
    let topics = env.cache_json()["topics"].clone();
    for name in ["npu", "edge"] {
        assert!(
            topics[name]["last_error"]
                .as_str()
                .is_some_and(|error| error.contains("cannot reach")),
            "{name}: {topics}"
        );
    }
}

#[test]
fn a_closed_port_fails_every_topic_at_once() {
    check_unreachable(&closed_port_api(), "127.0.0.1");
}

#[test]
fn an_unresolvable_host_fails_every_topic_at_once() {
    check_unreachable(
        "http://nonexistent.invalid/api/query",
        "nonexistent.invalid",
    );
}

#[test]
fn a_raw_control_character_costs_the_character_not_the_topic() {
    // ESC and BEL straight in the text (title and abstract both name
    // "Paper 25"), as a broken abstract once had them.
    let (stub, env, before) = seeded("");
    stub.script([body(
        first_page()
            .replace("Paper 25", "Paper \u{1b}[31m25\u{7}")
            .into_bytes(),
    )]);
    let output = fetch_all(&env);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        stdout.contains(" ok (4 invalid XML characters removed)"),
        "{stdout}"
    );
    let after = papers(&env);
    assert_nothing_lost(&before, &after);
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        ids(1..=HELD)
    );
    assert_eq!(after[&id(25)]["paper"]["title"], "Paper [31m25");
    assert_eq!(stub.seen().len(), 3, "not retried: the page was usable");
}
