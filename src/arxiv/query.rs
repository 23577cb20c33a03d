//! Building arXiv API queries and URLs from configured topics.
//!
//! arXiv's current query parser rewrites or rejects sloppy queries
//! (see [`crate::arxiv`]), so everything built here is fully explicit: prefixed
//! terms, quoted phrases, uppercase operators and parentheses around every
//! group.

use crate::model::Topic;

/// A topic's search_query, before URL encoding. Keywords are quoted and
/// searched in title and abstract, authors with `au:`, all OR'ed, AND'ed
/// with the categories and ANDNOT the excluded words; parentheses and
/// operators are always explicit because arXiv's parser guesses otherwise.
/// Keywords `NPU` and `neural processing unit` in cs.AR or cs.LG give
///
/// ```text
/// ((ti:"NPU" OR abs:"NPU" OR ti:"neural processing unit" OR abs:"neural processing unit") AND (cat:cs.AR OR cat:cs.LG))
/// ```
///
/// A raw `query` is the user's own and is sent as written (trimmed).
///
/// Entries that clean to nothing are skipped; a topic left with nothing to
/// search for (config validation prevents this) gives an empty string.
pub fn search_query(topic: &Topic) -> String {
    if let Some(raw) = &topic.query {
        return raw.trim().to_string();
    }
    let mut wanted: Vec<String> = topic
        .keywords
        .iter()
        .flat_map(|k| title_or_abstract(k))
        .collect();
    wanted.extend(topic.authors.iter().filter_map(|a| author_term(a)));
    let categories: Vec<String> = topic
        .categories
        .iter()
        .filter_map(|c| category_term(c))
        .collect();
    let excluded: Vec<String> = topic
        .exclude
        .iter()
        .flat_map(|k| title_or_abstract(k))
        .collect();

    let base = match (or_group(&wanted), or_group(&categories)) {
        (Some(wanted), Some(categories)) => format!("({wanted} AND {categories})"),
        (Some(wanted), None) => wanted,
        (None, Some(categories)) => categories,
        (None, None) => return String::new(),
    };
    match or_group(&excluded) {
        Some(excluded) => format!("({base} ANDNOT {excluded})"),
        None => base,
    }
}

/// A phrase made safe to put between double quotes: inner quotes would end
/// the phrase early and unbalance the query, so they become spaces, and
/// whitespace runs (newlines from multi-line TOML strings) collapse to one
/// space.
pub fn clean_phrase(phrase: &str) -> String {
    phrase
        .replace('"', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `ti:"phrase"` and `abs:"phrase"`, or nothing for a blank phrase.
fn title_or_abstract(phrase: &str) -> Vec<String> {
    let phrase = clean_phrase(phrase);
    if phrase.is_empty() {
        return Vec::new();
    }
    vec![format!("ti:\"{phrase}\""), format!("abs:\"{phrase}\"")]
}

fn author_term(name: &str) -> Option<String> {
    let name = clean_phrase(name);
    (!name.is_empty()).then(|| format!("au:\"{name}\""))
}

/// Category ids (`cs.AR`, `hep-th`) are used unquoted, so anything that is
/// not part of an id is dropped rather than allowed to break the grouping.
fn category_term(category: &str) -> Option<String> {
    let id: String = category
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    (!id.is_empty()).then(|| format!("cat:{id}"))
}

/// `(a OR b OR c)`, parenthesised even for one term so every group looks
/// the same to arXiv's parser.
fn or_group(terms: &[String]) -> Option<String> {
    (!terms.is_empty()).then(|| format!("({})", terms.join(" OR ")))
}

/// One query-string value, percent-encoded. `:` stays readable (arXiv
/// accepts it, and logs stay legible) and a space becomes `+`.
pub fn encode_component(value: &str) -> String {
    encode_keeping(value, b":")
}

/// Percent-encodes `value`, leaving RFC 3986 unreserved bytes and `extra`
/// as they are.
fn encode_keeping(value: &str, extra: &[u8]) -> String {
    let mut encoded = String::with_capacity(value.len() * 3 / 2);
    for &byte in value.as_bytes() {
        let unreserved = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
        if unreserved || extra.contains(&byte) {
            encoded.push(char::from(byte));
        } else if byte == b' ' {
            encoded.push('+');
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// What joins `api_url` to the first parameter: an api_url that already has
/// a query string (a proxy, a test server) keeps it.
fn parameter_separator(api_url: &str) -> &'static str {
    match api_url.find('?') {
        None => "?",
        Some(_) if api_url.ends_with('?') || api_url.ends_with('&') => "",
        Some(_) => "&",
    }
}

/// The URL of one page, newest submissions first, so an incremental fetch
/// can stop as soon as it reaches papers it already holds.
pub fn search_url(api_url: &str, search_query: &str, start: u64, max_results: u64) -> String {
    format!(
        "{api_url}{}search_query={}&sortBy=submittedDate&sortOrder=descending&start={start}&max_results={max_results}",
        parameter_separator(api_url),
        encode_component(search_query),
    )
}

/// `{api_url}?id_list=a,b&max_results=N` for looking papers up by id (ids are versionless or versioned).
///
/// `max_results` is set because arXiv's default page (10) would silently
/// drop ids past the tenth; it is never 0, which arXiv cannot handle
/// (arXiv's user manual, section 3.1). `/` in old-style ids (`hep-th/9901001`) is kept.
pub fn id_list_url(api_url: &str, ids: &[&str]) -> String {
    let list: Vec<String> = ids
        .iter()
        .map(|id| encode_keeping(id.trim(), b":/"))
        .collect();
    format!(
        "{api_url}{}id_list={}&max_results={}",
        parameter_separator(api_url),
        list.join(","),
        ids.len().max(1),
    )
}

/// A light check of a raw query the user wrote: non-empty, balanced
/// parentheses and quotes. The reason comes back short, for a config error.
///
/// Parentheses inside a quoted phrase do not count. Catching these here
/// turns arXiv's opaque `400 Invalid query string` into a config error with
/// a line number.
pub fn check_raw_query(query: &str) -> Result<(), String> {
    if query.trim().is_empty() {
        return Err("the query is empty".into());
    }
    let mut depth = 0usize;
    let mut open_quote: Option<usize> = None;
    let mut previous = ' ';
    for (position, c) in query.chars().enumerate() {
        match c {
            '"' if open_quote.is_some() => open_quote = None,
            '"' => open_quote = Some(position + 1),
            _ if open_quote.is_some() => {}
            '(' => depth += 1,
            ')' if depth == 0 => {
                return Err(format!("unmatched ')' at character {}", position + 1));
            }
            ')' if previous == '(' => {
                return Err(format!("empty parentheses at character {}", position + 1));
            }
            ')' => depth -= 1,
            _ => {}
        }
        if !c.is_whitespace() {
            previous = c;
        }
    }
    if let Some(start) = open_quote {
        return Err(format!("unclosed '\"' opened at character {start}"));
    }
    if depth > 0 {
        return Err(format!("{depth} unclosed '('"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(keywords: &[&str], categories: &[&str], authors: &[&str], exclude: &[&str]) -> Topic {
        let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        Topic {
            name: "t".into(),
            title: "T".into(),
            keywords: strings(keywords),
            categories: strings(categories),
            authors: strings(authors),
            exclude: strings(exclude),
            query: None,
        }
    }

    #[test]
    fn keywords_and_categories_match_the_documented_example() {
        let npu = topic(
            &["NPU", "neural processing unit"],
            &["cs.AR", "cs.LG"],
            &[],
            &[],
        );
        assert_eq!(
            search_query(&npu),
            r#"((ti:"NPU" OR abs:"NPU" OR ti:"neural processing unit" OR abs:"neural processing unit") AND (cat:cs.AR OR cat:cs.LG))"#
        );
    }

    #[test]
    fn keywords_only_is_one_group() {
        let t = topic(&["speculative decoding"], &[], &[], &[]);
        assert_eq!(
            search_query(&t),
            r#"(ti:"speculative decoding" OR abs:"speculative decoding")"#
        );
    }

    #[test]
    fn authors_only_is_one_group() {
        let t = topic(&[], &[], &["Song Han", "Onur Mutlu"], &[]);
        assert_eq!(search_query(&t), r#"(au:"Song Han" OR au:"Onur Mutlu")"#);
    }

    #[test]
    fn everything_combined_nests_categories_then_exclude() {
        let t = topic(&["NPU"], &["cs.AR"], &["Song Han"], &["survey"]);
        assert_eq!(
            search_query(&t),
            r#"(((ti:"NPU" OR abs:"NPU" OR au:"Song Han") AND (cat:cs.AR)) ANDNOT (ti:"survey" OR abs:"survey"))"#
        );
    }

    #[test]
    fn raw_query_is_returned_trimmed_and_unchanged() {
        let mut t = topic(&["ignored"], &["cs.AR"], &[], &[]);
        t.query = Some("  (abs:\"on-device\" AND cat:cs.LG)\n".into());
        assert_eq!(search_query(&t), "(abs:\"on-device\" AND cat:cs.LG)");
    }

    #[test]
    fn inner_quotes_and_newlines_do_not_break_phrases() {
        let t = topic(&["the \"fast\"\n path", "\"\""], &["cs.AR (x)"], &[], &[]);
        assert_eq!(
            search_query(&t),
            r#"((ti:"the fast path" OR abs:"the fast path") AND (cat:cs.ARx))"#
        );
    }

    #[test]
    fn nothing_to_search_gives_an_empty_query() {
        assert_eq!(search_query(&topic(&[" "], &[], &[], &["x"])), "");
    }

    /// A deterministic spread of awkward inputs: quotes, parentheses,
    /// blanks, non-ASCII, each field empty or not.
    #[test]
    fn generated_topics_always_give_balanced_queries() {
        let pieces = [
            "NPU",
            "a \"quoted\" word",
            "(paren",
            "close)",
            "",
            "  ",
            "\"",
            "ünïcode",
            "x\ny",
            "AND OR",
        ];
        let pick = |seed: usize, count: usize| -> Vec<&str> {
            (0..count)
                .map(|i| pieces[(seed * 7 + i * 3) % pieces.len()])
                .collect()
        };
        let mut checked = 0;
        for seed in 0..400 {
            let t = topic(
                &pick(seed, seed % 4),
                &pick(seed + 1, seed / 4 % 3),
                &pick(seed + 2, seed / 12 % 3),
                &pick(seed + 3, seed / 36 % 3),
            );
            let query = search_query(&t);
            if query.is_empty() {
                continue;
            }
            checked += 1;
            assert_eq!(check_raw_query(&query), Ok(()), "{query}");
            assert!(query.starts_with('(') && query.ends_with(')'), "{query}");
        }
        assert!(checked > 200, "only {checked} non-empty queries");
    }

    #[test]
    fn encoding_keeps_unreserved_and_colon() {
        assert_eq!(encode_component("ti:\"a b\" (c)"), "ti:%22a+b%22+%28c%29");
        assert_eq!(encode_component("A-z_0.9~"), "A-z_0.9~");
        assert_eq!(encode_component("é&+/"), "%C3%A9%26%2B%2F");
    }

    fn query_pairs(url: &str) -> Vec<(String, String)> {
        let parsed = reqwest::Url::parse(url).unwrap();
        parsed
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn search_url_round_trips_through_a_url_parser() {
        let t = topic(&["NPU", "a+b & c"], &["cs.AR"], &["Ünal"], &[]);
        let query = search_query(&t);
        let url = search_url("https://export.arxiv.org/api/query", &query, 200, 100);
        assert!(
            url.starts_with(
                "https://export.arxiv.org/api/query?search_query=%28%28ti:%22NPU%22+OR+"
            ),
            "{url}"
        );
        assert!(
            url.ends_with("&sortBy=submittedDate&sortOrder=descending&start=200&max_results=100"),
            "{url}"
        );
        let pairs = query_pairs(&url);
        assert_eq!(pairs[0], ("search_query".to_string(), query));
        assert_eq!(pairs[4], ("max_results".to_string(), "100".to_string()));
    }

    #[test]
    fn search_url_appends_to_an_existing_query_string() {
        let url = search_url("http://127.0.0.1:8080/api/query?raw=1", "cat:cs.AR", 0, 10);
        assert_eq!(
            url,
            "http://127.0.0.1:8080/api/query?raw=1&search_query=cat:cs.AR&sortBy=submittedDate&sortOrder=descending&start=0&max_results=10"
        );
        let trailing = search_url("http://h/q?", "cat:cs.AR", 0, 1);
        assert!(
            trailing.starts_with("http://h/q?search_query=cat:cs.AR&"),
            "{trailing}"
        );
    }

    #[test]
    fn id_list_url_lists_ids_and_asks_for_all_of_them() {
        let url = id_list_url(
            "https://export.arxiv.org/api/query",
            &["2401.01234", "hep-th/9901001v2"],
        );
        assert_eq!(
            url,
            "https://export.arxiv.org/api/query?id_list=2401.01234,hep-th/9901001v2&max_results=2"
        );
        let pairs = query_pairs(&url);
        assert_eq!(pairs[0].1, "2401.01234,hep-th/9901001v2");
        assert!(id_list_url("http://h/q?x=1", &[]).ends_with("?x=1&id_list=&max_results=1"));
    }

    #[test]
    fn raw_query_check_accepts_well_formed_queries() {
        assert_eq!(
            check_raw_query(r#"(abs:"on-device" OR abs:"edge (device)") AND (abs:LLM)"#),
            Ok(())
        );
        assert_eq!(check_raw_query("cat:cs.AR"), Ok(()));
    }

    #[test]
    fn raw_query_check_names_what_is_wrong() {
        assert_eq!(
            check_raw_query("  \n"),
            Err("the query is empty".to_string())
        );
        assert_eq!(
            check_raw_query("(abs:a OR abs:b"),
            Err("1 unclosed '('".to_string())
        );
        assert_eq!(
            check_raw_query("abs:a) OR (abs:b"),
            Err("unmatched ')' at character 6".to_string())
        );
        assert_eq!(
            check_raw_query("abs:\"on-device AND x"),
            Err("unclosed '\"' opened at character 5".to_string())
        );
        assert_eq!(
            check_raw_query("abs:a AND ( )"),
            Err("empty parentheses at character 13".to_string())
        );
    }
}
