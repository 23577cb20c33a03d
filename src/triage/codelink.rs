//! Spotting a paper's code repository in its abstract or comment.
//!
//! arXiv has no structured "code" field; authors write "Code is available at
//! https://github.com/foo/bar." in the abstract or the comments instead, often
//! without the scheme ("github.com/foo/bar"). Scheme-less links count and are
//! returned with `https://` in front, since that is how the hosts serve them.
//! When the authors name none, the repository Hugging Face links stands in
//! ([`code_url`], the one function renderers and filters ask).

use crate::model::{CachedPaper, HfInfo, Paper};

/// Hosts that hold code (or model weights) rather than a paper's landing page.
const CODE_HOSTS: [&str; 3] = ["github.com", "gitlab.com", "huggingface.co"];

/// Characters that end a bare URL wherever they appear: they are not allowed
/// unescaped in URLs, and in abstracts they are markup around one (`\url{..}`,
/// `<...>`, quotes, TeX).
const URL_TERMINATORS: &[char] = &['<', '>', '"', '`', '{', '}', '|', '\\', '^'];

/// Punctuation that ends the sentence around a URL far more often than the
/// URL itself.
const TRAILING_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"'];

/// Opening brackets and quotes that may precede a scheme-less URL.
const LEADING_PUNCTUATION: &[char] = &['(', '[', '\'', '"'];

/// The first github.com / gitlab.com / huggingface.co link with a path, from
/// the abstract first and then the comment (the abstract is where authors
/// announce their own code; comments also cite other people's).
pub fn find_code_url(paper: &Paper) -> Option<String> {
    find_in_text(&paper.summary).or_else(|| paper.comment.as_deref().and_then(find_in_text))
}

/// The paper's code link from any source: what its authors wrote
/// ([`find_code_url`]) first, else the repository Hugging Face links.
pub fn code_url(cached: &CachedPaper) -> Option<String> {
    find_code_url(&cached.paper).or_else(|| cached.hf.as_ref().and_then(hf_code_url))
}

/// The repository Hugging Face links, through the same rule as links in
/// abstracts: only a code host with a path, cut where a URL must end, so a
/// strange value from the Hub cannot break a Markdown cell.
pub fn hf_code_url(hf: &HfInfo) -> Option<String> {
    hf.github_repo.as_deref().and_then(find_in_text)
}

fn find_in_text(text: &str) -> Option<String> {
    // Every code host ends in ".com" or ".co"; most abstracts have neither,
    // and a memchr for '.' rules them out far faster than tokenising.
    if !mentions_dot_co(text) {
        return None;
    }
    // Controls end a URL too: it is printed raw into Markdown links.
    text.split(|c: char| c.is_whitespace() || c.is_control() || URL_TERMINATORS.contains(&c))
        .find_map(code_url_in_token)
}

fn mentions_dot_co(text: &str) -> bool {
    text.match_indices('.').any(|(at, _)| {
        text.as_bytes()
            .get(at + 1..at + 3)
            .is_some_and(|next| next.eq_ignore_ascii_case(b"co"))
    })
}

/// A token is a run of text with no whitespace or terminator. The URL in it
/// starts at its scheme; failing that, right after any opening punctuation.
fn code_url_in_token(token: &str) -> Option<String> {
    with_scheme(token).or_else(|| without_scheme(token))
}

fn with_scheme(token: &str) -> Option<String> {
    let start = ["http://", "https://"]
        .into_iter()
        .filter_map(|scheme| find_ignore_ascii_case(token, scheme))
        .min()?;
    let url = trim_trailing_punctuation(&token[start..]);
    starts_with_code_host(strip_scheme(url)?).then(|| url.to_string())
}

fn without_scheme(token: &str) -> Option<String> {
    let url = trim_trailing_punctuation(token.trim_start_matches(LEADING_PUNCTUATION));
    starts_with_code_host(url).then(|| format!("https://{url}"))
}

fn strip_scheme(url: &str) -> Option<&str> {
    strip_prefix_ignore_ascii_case(url, "https://")
        .or_else(|| strip_prefix_ignore_ascii_case(url, "http://"))
}

/// `www.github.com/x` or `github.com/x`, with something after the slash: a
/// bare host says nothing about where the code is.
fn starts_with_code_host(url: &str) -> bool {
    let url = strip_prefix_ignore_ascii_case(url, "www.").unwrap_or(url);
    CODE_HOSTS.iter().any(|host| {
        strip_prefix_ignore_ascii_case(url, host)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|path| !path.is_empty())
    })
}

/// Strips sentence punctuation from the end, except a `)` that closes a `(`
/// inside the URL (`.../Foo_(bar)` keeps its parenthesis).
fn trim_trailing_punctuation(mut url: &str) -> &str {
    while let Some(last) = url.chars().next_back() {
        if !TRAILING_PUNCTUATION.contains(&last) || (last == ')' && parens_balanced(url)) {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    url
}

fn parens_balanced(text: &str) -> bool {
    text.matches('(').count() == text.matches(')').count()
}

fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Byte offset of an ASCII `needle` in `haystack`, ignoring ASCII case. The
/// match starts with an ASCII byte, so the offset is a char boundary.
fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(summary: &str, comment: Option<&str>) -> Paper {
        let paper = Paper::builder("2501.00001")
            .version(1)
            .title("A paper")
            .summary(summary)
            .published("2025-01-02T03:04:05Z")
            .updated("2025-01-02T03:04:05Z")
            .categories(["cs.LG"])
            .primary_category(Some("cs.LG"))
            .link_base("http://arxiv.org");
        match comment {
            Some(comment) => paper.comment(comment),
            None => paper,
        }
        .build()
    }

    fn code_in(summary: &str) -> Option<String> {
        find_code_url(&paper(summary, None))
    }

    #[test]
    fn sentence_final_period_is_not_part_of_the_url() {
        assert_eq!(
            code_in("We beat the baseline. Code is available at https://github.com/foo/bar."),
            Some("https://github.com/foo/bar".into())
        );
    }

    #[test]
    fn url_in_parentheses_loses_the_closing_parenthesis() {
        assert_eq!(
            code_in("Weights are released (https://huggingface.co/x/y)."),
            Some("https://huggingface.co/x/y".into())
        );
    }

    #[test]
    fn parenthesis_closing_one_inside_the_url_is_kept() {
        assert_eq!(
            code_in("See https://github.com/foo/bar_(v2)."),
            Some("https://github.com/foo/bar_(v2)".into())
        );
        assert_eq!(
            code_in("(see https://github.com/foo/bar_(v2))"),
            Some("https://github.com/foo/bar_(v2)".into())
        );
    }

    #[test]
    fn scheme_less_link_counts_and_gets_https() {
        assert_eq!(
            code_in("Our code: github.com/foo/bar, and data."),
            Some("https://github.com/foo/bar".into())
        );
        assert_eq!(
            code_in("(www.gitlab.com/group/project)"),
            Some("https://www.gitlab.com/group/project".into())
        );
    }

    #[test]
    fn http_and_www_are_kept_as_written() {
        assert_eq!(
            code_in("at http://www.github.com/a/b;"),
            Some("http://www.github.com/a/b".into())
        );
    }

    #[test]
    fn host_match_ignores_case() {
        assert_eq!(
            code_in("Code: HTTPS://GitHub.com/Foo/Bar"),
            Some("HTTPS://GitHub.com/Foo/Bar".into())
        );
    }

    #[test]
    fn bare_host_does_not_count() {
        assert_eq!(code_in("We host everything on github.com."), None);
        assert_eq!(code_in("See https://github.com/ for details"), None);
        assert_eq!(code_in("See https://github.com"), None);
    }

    #[test]
    fn other_hosts_and_lookalikes_do_not_count() {
        assert_eq!(code_in("Project page: https://foo.github.io/bar"), None);
        assert_eq!(
            code_in("See https://notgithub.com/a/b and evilgithub.com/a/b"),
            None
        );
        assert_eq!(
            code_in("Mirror at https://github.com.evil.example/a/b"),
            None
        );
        assert_eq!(code_in("Paper at https://arxiv.org/abs/2501.00001"), None);
    }

    #[test]
    fn url_ends_at_markup_characters() {
        assert_eq!(
            code_in(r"Code: \url{https://github.com/foo/bar}."),
            Some("https://github.com/foo/bar".into())
        );
        assert_eq!(
            code_in(r#"<a href="https://gitlab.com/g/p">code</a>"#),
            Some("https://gitlab.com/g/p".into())
        );
        assert_eq!(
            code_in(r"\href{https://github.com/x/y}{here}"),
            Some("https://github.com/x/y".into())
        );
    }

    #[test]
    fn http_later_in_the_path_does_not_hide_a_scheme_less_link() {
        assert_eq!(
            code_in("github.com/foo/http-server"),
            Some("https://github.com/foo/http-server".into())
        );
    }

    #[test]
    fn control_characters_end_the_url() {
        assert_eq!(
            code_in("https://github.com/a/b\u{1b}[31m"),
            Some("https://github.com/a/b".into())
        );
    }

    #[test]
    fn quotes_around_the_url_are_dropped() {
        assert_eq!(
            code_in("available at 'https://github.com/a/b'"),
            Some("https://github.com/a/b".into())
        );
    }

    #[test]
    fn first_link_in_the_abstract_wins() {
        assert_eq!(
            code_in("Ours: https://github.com/us/ours. Baseline: https://github.com/them/theirs."),
            Some("https://github.com/us/ours".into())
        );
    }

    #[test]
    fn comment_is_used_when_the_abstract_has_none() {
        let p = paper(
            "No links here.",
            Some("12 pages; code at https://github.com/c/d"),
        );
        assert_eq!(find_code_url(&p), Some("https://github.com/c/d".into()));
    }

    #[test]
    fn abstract_wins_over_comment() {
        let p = paper("Code: github.com/a/b", Some("https://github.com/c/d"));
        assert_eq!(find_code_url(&p), Some("https://github.com/a/b".into()));
    }

    #[test]
    fn no_link_anywhere_is_none() {
        assert_eq!(
            find_code_url(&paper("Nothing to see.", Some("10 pages"))),
            None
        );
    }
}
