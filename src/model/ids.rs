//! arXiv identifiers: validating them, splitting off versions, and normalising
//! whatever form a user pastes (bare id, `arXiv:` prefix, abs or pdf URL).
//!
//! The cache is keyed on the versionless id, so every path into it goes
//! through here and ends up with the same canonical spelling.

/// The first YYMM that used new-style ids (2007-04).
const FIRST_NEW_STYLE_YYMM: u32 = 704;
/// Two-digit years from 91 are the 1990s, as in old-style ids (which began
/// in 1991): a new-style `9901.00001` would name January 1999, before
/// new-style ids existed, so no such id is real. (arXiv will have changed
/// scheme long before 2091 comes round.)
const LAST_NEW_STYLE_YY: u32 = 90;
/// From 2015-01 on, new-style ids carry a five-digit sequence number.
const FIRST_FIVE_DIGIT_YYMM: u32 = 1501;

/// Split a trailing version: `"2401.01234v2"` -> `("2401.01234", Some(2))`;
/// `"hep-th/9901001"` -> `("hep-th/9901001", None)`.
///
/// Only a `v` followed by ASCII digits counts, so `"2401.01234v"` stays whole
/// and fails validation later instead of silently losing its `v`.
pub fn split_version(id: &str) -> (&str, Option<u32>) {
    let Some((base, digits)) = id.rsplit_once('v') else {
        return (id, None);
    };
    if base.is_empty() || !is_ascii_digits(digits) {
        return (id, None);
    }
    match digits.parse::<u32>() {
        Ok(version) => (base, Some(version)),
        Err(_) => (id, None),
    }
}

/// From an entry `<id>` URL such as `http://arxiv.org/abs/hep-th/9901001v2`
/// or `https://arxiv.org/abs/2401.01234v3` -> `Some(("hep-th/9901001", 2))`.
///
/// `None` unless it is an http(s) `/abs/` URL holding a valid id with a
/// version of at least 1: the API always sends one, and the cache needs it.
pub fn parse_entry_id(url: &str) -> Option<(String, u32)> {
    let path = strip_scheme(url.trim())?;
    let (_host, path) = path.split_once('/')?;
    let versioned = path.strip_prefix("abs/")?;
    let (id, version) = split_version(versioned);
    let version = version.filter(|&v| v >= 1)?;
    canonical_id(id).map(|id| (id, version))
}

/// True for new-style `YYMM.NNNN` / `YYMM.NNNNN` and old-style
/// `archive(.SC)?/YYMMNNN` ids, without a version.
///
/// New-style ids are checked against the dates their width was in use
/// (4 digits 0704-1412, 5 digits from 1501) so typos are caught before a
/// request is spent on them.
pub fn is_valid_id(id: &str) -> bool {
    if id.contains('/') {
        is_valid_old_style(id)
    } else {
        is_valid_new_style(id)
    }
}

/// Normalise what a user types into `(versionless id, optional version)`.
///
/// Accepts `2508.16653`, `2508.16653v2`, `arXiv:2508.16653`, abs and pdf URLs
/// (with or without scheme, `.pdf` suffix, query or fragment), and old-style
/// ids; an old-style subject class is dropped (`math.CA/0611800` ->
/// `math/0611800`) because arXiv links and lists them without it.
/// The error is one line naming the input.
pub fn parse_user_id(input: &str) -> Result<(String, Option<u32>), String> {
    let reject = || {
        format!(
            "not an arXiv id: {input:?} (expected e.g. 2401.01234, 2401.01234v2, \
             hep-th/9901001 or an arxiv.org abs/pdf link)"
        )
    };
    let candidate = strip_user_decoration(input.trim()).ok_or_else(reject)?;
    let (id, version) = split_version(candidate);
    if version == Some(0) {
        return Err(format!("not an arXiv id: {input:?} (versions start at v1)"));
    }
    let id = canonical_id(id).ok_or_else(reject)?;
    Ok((id, version))
}

/// The id as arXiv spells it externally, or `None` when it is not valid.
fn canonical_id(id: &str) -> Option<String> {
    if !is_valid_id(id) {
        return None;
    }
    Some(drop_subject_class(id))
}

/// `math.CA/0611800` -> `math/0611800`; other ids unchanged.
fn drop_subject_class(id: &str) -> String {
    match id.split_once('/') {
        Some((archive_and_class, number)) => {
            let archive = archive_and_class
                .split_once('.')
                .map_or(archive_and_class, |(archive, _class)| archive);
            format!("{archive}/{number}")
        }
        None => id.to_string(),
    }
}

/// Peel `arXiv:` prefixes and URL parts off user input, leaving `id[vN]`.
fn strip_user_decoration(input: &str) -> Option<&str> {
    if let Some(rest) = strip_prefix_ignore_case(input, "arxiv:") {
        return Some(rest.trim());
    }
    let without_scheme = strip_scheme(input).unwrap_or(input);
    match without_scheme.split_once('/') {
        Some((host, path)) if is_arxiv_host(host) => id_from_url_path(path),
        _ => Some(input),
    }
}

/// `abs/2401.01234v2`, `pdf/2401.01234v2.pdf?x=1` -> `2401.01234v2`.
fn id_from_url_path(path: &str) -> Option<&str> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = path.trim_end_matches('/');
    if let Some(id) = path.strip_prefix("abs/") {
        return Some(id);
    }
    let id = path.strip_prefix("pdf/")?;
    Some(id.strip_suffix(".pdf").unwrap_or(id))
}

/// `arxiv.org` or one of its subdomains: the hosts arXiv's terms of use
/// (and its 3-second spacing) cover.
pub fn is_arxiv_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "arxiv.org" || host.ends_with(".arxiv.org")
}

fn strip_scheme(url: &str) -> Option<&str> {
    strip_prefix_ignore_case(url, "https://").or_else(|| strip_prefix_ignore_case(url, "http://"))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// `YYMM.NNNN` (2007-04 to 2014-12) or `YYMM.NNNNN` (2015-01 on, up to
/// [`LAST_NEW_STYLE_YY`]).
fn is_valid_new_style(id: &str) -> bool {
    let Some((yymm, number)) = id.split_once('.') else {
        return false;
    };
    let Some(yymm) = parse_yymm(yymm) else {
        return false;
    };
    if yymm < FIRST_NEW_STYLE_YYMM || yymm / 100 > LAST_NEW_STYLE_YY || !is_ascii_digits(number) {
        return false;
    }
    let expected_width = if yymm >= FIRST_FIVE_DIGIT_YYMM { 5 } else { 4 };
    number.len() == expected_width
}

/// `archive(.SC)?/YYMMNNN`, e.g. `hep-th/9901001`, `math.CA/0611800`: the
/// category grammar, a slash and the number.
fn is_valid_old_style(id: &str) -> bool {
    let Some((category, number)) = id.split_once('/') else {
        return false;
    };
    is_category(category) && is_old_style_number(number)
}

/// Seven digits whose first four are a plausible YYMM.
fn is_old_style_number(number: &str) -> bool {
    number.len() == 7 && is_ascii_digits(number) && number.get(..4).and_then(parse_yymm).is_some()
}

/// Four digits with a month of 01-12, as a number (`0704` -> 704).
fn parse_yymm(yymm: &str) -> Option<u32> {
    if yymm.len() != 4 || !is_ascii_digits(yymm) {
        return None;
    }
    let value: u32 = yymm.parse().ok()?;
    let month = value % 100;
    (1..=12).contains(&month).then_some(value)
}

fn is_ascii_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `archive` or `archive.SUBJECT`, where the archive is lower-case words
/// joined by hyphens (`astro-ph`, `q-bio`) and the subject class letters and
/// hyphens (`CA`, `str-el`, `atom-ph`). ACM codes start upper-case (`I.2.6`)
/// and MSC codes contain digits, so neither matches.
pub fn is_category(term: &str) -> bool {
    let (archive, subject) = match term.split_once('.') {
        Some((archive, subject)) => (archive, Some(subject)),
        None => (term, None),
    };
    is_hyphenated_word(archive, |c| c.is_ascii_lowercase())
        && subject.is_none_or(|subject| is_hyphenated_word(subject, |c| c.is_ascii_alphabetic()))
}

fn is_hyphenated_word(word: &str, is_letter: impl Fn(char) -> bool) -> bool {
    !word.is_empty()
        && word
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(&is_letter))
}

// ---- Proposed addition (import helper): ids inside running text. ----

/// The DOI prefix arXiv registers every paper under: `10.48550/arXiv.<id>`.
const ARXIV_DOI_PREFIX: &str = "10.48550/arxiv.";

/// Every arXiv id written out in running text, in order of appearance:
/// arxiv.org links (any host under arxiv.org, abs or pdf), `arXiv:` prefixed
/// ids (also with a space after the colon) and arXiv DOIs
/// (`10.48550/arXiv.2401.01234`, bare or as a doi.org link).
///
/// Bare ids are not picked up: in free text `2401.01234` may as well be a
/// page range or a version number. Where a field is known to hold only an id,
/// use [`parse_user_id`] on it instead. Sentence punctuation after an id
/// (`see arXiv:2401.01234.`) is not part of it.
pub fn find_ids_in_text(text: &str) -> Vec<(String, Option<u32>)> {
    let mut found = Vec::new();
    let mut tokens = text
        .split(is_text_separator)
        .filter(|token| !token.is_empty());
    while let Some(token) = tokens.next() {
        let id = if token.eq_ignore_ascii_case("arxiv:") {
            // `arXiv: 2401.01234`: the id is the next token.
            tokens.next().and_then(parse_trimming_punctuation)
        } else {
            id_in_token(token)
        };
        found.extend(id);
    }
    found
}

/// Characters that cannot be part of an id or an arXiv link, so they end one:
/// whitespace plus the brackets, quotes and separators of Markdown, BibTeX,
/// HTML and JSON.
fn is_text_separator(c: char) -> bool {
    c.is_whitespace() || "()[]{}<>\"'`|,;*\\".contains(c)
}

/// The id a single token spells, if it is an arXiv DOI, link or `arXiv:` id.
fn id_in_token(token: &str) -> Option<(String, Option<u32>)> {
    // ASCII lower-casing keeps byte offsets, so positions carry over to `token`.
    let lower = token.to_ascii_lowercase();
    if let Some(at) = lower.find(ARXIV_DOI_PREFIX) {
        return token
            .get(at + ARXIV_DOI_PREFIX.len()..)
            .and_then(parse_trimming_punctuation);
    }
    if let Some(at) = lower.find("arxiv.org/") {
        // Back up over a subdomain (`export.`) so the host is checked whole:
        // `notarxiv.org` must not pass.
        let host_start = lower[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .map_or(0, |separator| separator + 1);
        return token.get(host_start..).and_then(parse_trimming_punctuation);
    }
    if lower.starts_with("arxiv:") {
        return parse_trimming_punctuation(token);
    }
    None
}

/// [`parse_user_id`], retried without trailing sentence punctuation.
fn parse_trimming_punctuation(candidate: &str) -> Option<(String, Option<u32>)> {
    parse_user_id(candidate).ok().or_else(|| {
        let trimmed = candidate.trim_end_matches(['.', ':', '!', '?']);
        (trimmed != candidate)
            .then(|| parse_user_id(trimmed).ok())
            .flatten()
    })
}

// ---- End of proposed addition. ----

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_version_splits_new_and_old_style() {
        assert_eq!(split_version("2401.01234v2"), ("2401.01234", Some(2)));
        assert_eq!(
            split_version("hep-th/9901001v12"),
            ("hep-th/9901001", Some(12))
        );
        assert_eq!(split_version("hep-th/9901001"), ("hep-th/9901001", None));
        assert_eq!(split_version("2401.01234"), ("2401.01234", None));
    }

    #[test]
    fn split_version_leaves_non_versions_alone() {
        assert_eq!(split_version("2401.01234v"), ("2401.01234v", None));
        assert_eq!(split_version("v2"), ("v2", None));
        assert_eq!(split_version("2401.01234vx"), ("2401.01234vx", None));
        assert_eq!(
            split_version("2401.01234v99999999999"),
            ("2401.01234v99999999999", None)
        );
        assert_eq!(split_version(""), ("", None));
    }

    #[test]
    fn valid_new_style_ids() {
        for id in [
            "0704.0001",
            "1412.9999",
            "1501.00001",
            "2401.01234",
            "2508.16653",
        ] {
            assert!(is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn valid_old_style_ids() {
        for id in [
            "hep-th/9901001",
            "astro-ph/0601001",
            "math.CA/0611800",
            "cond-mat/0412498",
        ] {
            assert!(is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn invalid_ids() {
        for id in [
            "",
            "abc",
            "1234.123",
            "2401.01234v",
            "2401.01234v2",
            "../etc",
            "0000.0000",
            "2413.01234",
            "1501.0001",
            "1412.00001",
            "0612.0001",
            "0703.0001",
            "9901.00001",
            "9112.00001",
            "hep-th/990100",
            "hep-th/99010011",
            "HEP-TH/9901001",
            "hep-th/9913001",
            "hep-th/",
            "/9901001",
            "-th/9901001",
            "math./0611800",
            "2401.0123a",
            "2401-01234",
            " 2401.01234",
        ] {
            assert!(!is_valid_id(id), "{id:?} should be invalid");
        }
    }

    #[test]
    fn entry_ids_from_both_services() {
        assert_eq!(
            parse_entry_id("http://arxiv.org/abs/hep-th/9901001v2"),
            Some(("hep-th/9901001".to_string(), 2))
        );
        assert_eq!(
            parse_entry_id("https://arxiv.org/abs/2401.01234v3"),
            Some(("2401.01234".to_string(), 3))
        );
        assert_eq!(
            parse_entry_id(" http://arxiv.org/abs/astro-ph/0601001v1\n"),
            Some(("astro-ph/0601001".to_string(), 1))
        );
    }

    #[test]
    fn entry_id_drops_subject_class() {
        assert_eq!(
            parse_entry_id("http://arxiv.org/abs/math.CA/0611800v2"),
            Some(("math/0611800".to_string(), 2))
        );
    }

    #[test]
    fn entry_id_rejects_non_abs_or_unversioned() {
        for url in [
            "http://arxiv.org/abs/2401.01234",
            "http://arxiv.org/abs/2401.01234v0",
            "http://arxiv.org/pdf/2401.01234v1",
            "https://arxiv.org/api/errors#incorrect_id_format_for_abc",
            "2401.01234v1",
            "ftp://arxiv.org/abs/2401.01234v1",
            "http://arxiv.org/abs/abc v1",
            "http://arxiv.org/abs/../etc/passwdv1",
            "",
        ] {
            assert_eq!(parse_entry_id(url), None, "{url:?}");
        }
    }

    fn ok(id: &str, version: Option<u32>) -> Result<(String, Option<u32>), String> {
        Ok((id.to_string(), version))
    }

    #[test]
    fn user_ids_in_all_accepted_forms() {
        assert_eq!(parse_user_id("2508.16653"), ok("2508.16653", None));
        assert_eq!(parse_user_id("2508.16653v2"), ok("2508.16653", Some(2)));
        assert_eq!(parse_user_id("arXiv:2508.16653"), ok("2508.16653", None));
        assert_eq!(
            parse_user_id("ARXIV:2508.16653v4"),
            ok("2508.16653", Some(4))
        );
        assert_eq!(
            parse_user_id("https://arxiv.org/abs/2508.16653v2"),
            ok("2508.16653", Some(2))
        );
        assert_eq!(
            parse_user_id("http://arxiv.org/pdf/2508.16653v2"),
            ok("2508.16653", Some(2))
        );
        assert_eq!(
            parse_user_id("https://arxiv.org/pdf/2508.16653v2.pdf"),
            ok("2508.16653", Some(2))
        );
        assert_eq!(
            parse_user_id("arxiv.org/abs/2508.16653"),
            ok("2508.16653", None)
        );
        assert_eq!(
            parse_user_id("https://export.arxiv.org/abs/2508.16653/"),
            ok("2508.16653", None)
        );
        assert_eq!(
            parse_user_id("https://arxiv.org/abs/2508.16653v1#comments"),
            ok("2508.16653", Some(1))
        );
        assert_eq!(parse_user_id("  2508.16653\n"), ok("2508.16653", None));
    }

    #[test]
    fn user_old_style_ids_drop_subject_class() {
        assert_eq!(parse_user_id("hep-th/9901001"), ok("hep-th/9901001", None));
        assert_eq!(
            parse_user_id("math.CA/0611800v2"),
            ok("math/0611800", Some(2))
        );
        assert_eq!(
            parse_user_id("https://arxiv.org/abs/hep-th/9901001v3"),
            ok("hep-th/9901001", Some(3))
        );
        assert_eq!(
            parse_user_id("arXiv:math.CA/0611800"),
            ok("math/0611800", None)
        );
    }

    #[test]
    fn user_id_rejects_name_the_input_on_one_line() {
        for input in [
            "abc",
            "",
            "1234.123",
            "2401.01234v",
            "../etc",
            "2401.01234v0",
            "https://example.com/abs/2401.01234",
            "https://arxiv.org/list/cs.AI",
            "a\nb",
        ] {
            let err = parse_user_id(input).expect_err(input);
            assert!(err.contains(&format!("{input:?}")), "{err}");
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn arxiv_categories_are_recognised() {
        for term in [
            "cs.AR",
            "astro-ph",
            "hep-th",
            "q-bio.NC",
            "cond-mat.str-el",
            "physics.atom-ph",
            "math.CA",
            "stat.ML",
            "math-ph",
            "q-fin.ST",
            "econ.EM",
        ] {
            assert!(is_category(term), "{term}");
        }
    }

    #[test]
    fn acm_and_msc_codes_are_not_categories() {
        for term in [
            "14C20, 14M99",
            "I.2.6",
            "05E99 (Primary), 05E05, 20B30 (Secondary)",
            "H.3.3",
            "68T05",
            "",
            "cs.",
            ".AI",
            "cs AI",
            "-cs",
            "Cs.AI",
            "cs.AI.x",
        ] {
            assert!(!is_category(term), "{term:?}");
        }
    }

    fn found(id: &str, version: Option<u32>) -> (String, Option<u32>) {
        (id.to_string(), version)
    }

    #[test]
    fn finds_links_prefixed_ids_and_dois_in_text() {
        let text = "See https://arxiv.org/abs/2401.01234v2, arXiv:2402.00001 and \
                    doi 10.48550/arXiv.2403.00002 or [pdf](http://export.arxiv.org/pdf/2404.00003.pdf).";
        assert_eq!(
            find_ids_in_text(text),
            vec![
                found("2401.01234", Some(2)),
                found("2402.00001", None),
                found("2403.00002", None),
                found("2404.00003", None),
            ]
        );
    }

    #[test]
    fn finds_old_style_ids_in_every_form() {
        for text in [
            "arXiv:hep-th/9901001",
            "arXiv: hep-th/9901001v2.",
            "https://arxiv.org/abs/hep-th/9901001",
            "(http://arxiv.org/pdf/hep-th/9901001v1.pdf)",
            "https://doi.org/10.48550/arXiv.hep-th/9901001",
        ] {
            let ids: Vec<String> = find_ids_in_text(text)
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            assert_eq!(ids, vec!["hep-th/9901001".to_string()], "{text}");
        }
        assert_eq!(
            find_ids_in_text("arXiv:math.GT/0309136 [math.GT]"),
            vec![found("math/0309136", None)]
        );
    }

    #[test]
    fn ignores_bare_ids_other_hosts_and_other_dois() {
        for text in [
            "pages 2401.01234",
            "https://notarxiv.org/abs/2401.01234",
            "https://example.com/arxiv/2401.01234",
            "10.1145/2401.01234",
            "arXiv preprint",
            "arXiv:",
            "arXiv:2401.0123",
            "https://arxiv.org/list/cs.AI/recent",
        ] {
            assert_eq!(find_ids_in_text(text), Vec::new(), "{text}");
        }
    }
}
