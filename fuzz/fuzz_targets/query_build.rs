//! A topic from arbitrary config text: the query builder must not panic, and
//! what it builds must be a well-formed arXiv query (balanced quotes and
//! parentheses, so arXiv's parser cannot read it differently) inside a URL
//! that carries it intact.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papers::config::Topic;
use papers::arxiv::query::{check_raw_query, search_query, search_url};

/// Splits the input into strings at 0xFF bytes (never in UTF-8): the first
/// picks the shape, the rest fill the topic's lists in turn.
fn topic_from(data: &[u8]) -> Option<(Topic, u64, u64)> {
    let (&shape, rest) = data.split_first()?;
    let mut fields = rest
        .split(|&byte| byte == 0xFF)
        .map(|field| String::from_utf8_lossy(field).into_owned());
    let mut list =
        |count: u8| -> Vec<String> { (0..count).filter_map(|_| fields.next()).collect() };
    let keywords = list(shape & 0b11);
    let categories = list((shape >> 2) & 0b11);
    let authors = list((shape >> 4) & 0b1);
    let exclude = list((shape >> 5) & 0b1);
    let query = (shape & 0x40 != 0).then(|| list(1).concat());
    let start = u64::from(shape.rotate_left(3)) * 37;
    let max = u64::from(shape % 200) + 1;
    Some((
        Topic {
            name: "fuzz".into(),
            title: "Fuzz".into(),
            keywords,
            categories,
            authors,
            exclude,
            query,
        },
        start,
        max,
    ))
}

/// The inverse of the URL's form encoding.
fn form_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some((topic, start, max)) = topic_from(data) else {
        return;
    };
    let query = search_query(&topic);
    if topic.query.is_none() && !query.is_empty() {
        assert!(
            check_raw_query(&query).is_ok(),
            "built an unbalanced query {query:?}: {:?}",
            check_raw_query(&query)
        );
        assert!(!query.contains(['\n', '\r', '\t']), "{query:?}");
    }
    let api = "https://export.arxiv.org/api/query";
    let url = search_url(api, &query, start, max);
    let params = url
        .strip_prefix(&format!("{api}?"))
        .expect("api prefix kept");
    assert!(
        params
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~:+%&=".contains(&b)),
        "unencoded byte in {url:?}"
    );
    let sent = params
        .split('&')
        .find_map(|pair| pair.strip_prefix("search_query="))
        .expect("search_query parameter");
    assert_eq!(form_decode(sent).as_deref(), Some(query.as_str()), "{url}");
    assert!(
        url.ends_with(&format!("&start={start}&max_results={max}")),
        "{url}"
    );
});
