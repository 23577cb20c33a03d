//! Hand-written tokenising: words with byte spans, links skipped, years, sentence bounds.
//!
//! Everything works on byte offsets into the original text so a match can be reported as an
//! exact substring of the input.

/// A word of the text outside links and e-mail addresses.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    /// End of the word without a year glued to it (`ICST2023`, `AAAI-24`); `end` when none.
    pub core_end: usize,
    pub glued_year: Option<u16>,
}

/// Oldest four-digit number read as a year; older ones are page counts or model sizes.
const FIRST_YEAR: u16 = 1980;
const LAST_YEAR: u16 = 2099;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that keep a word going when letters are on both sides: `ASP-DAC`, `S&P`,
/// `CODES+ISSS`. A longer word is one word, so `DAC-based` never reads as `DAC`.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '&' | '+')
}

/// Byte spans of the words of `text` (no link masking; venue names use this too).
pub(super) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut position = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_word(text, position)?;
        position = end;
        Some((start, end))
    })
}

/// The character at byte `index` (a char boundary) and its length; bytes scan ASCII fast.
fn char_at(text: &str, index: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(index)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    text[index..].chars().next().map(|c| (c, c.len_utf8()))
}

fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut index = from;
    let start = loop {
        let (c, width) = char_at(text, index)?;
        if is_word_char(c) {
            break index;
        }
        index += width;
    };
    loop {
        let Some((c, width)) = char_at(text, index) else {
            return Some((start, index));
        };
        let continues = is_word_char(c)
            || (is_joiner(c)
                && char_at(text, index + width).is_some_and(|(next, _)| is_word_char(next)));
        if !continues {
            return Some((start, index));
        }
        index += width;
    }
}

/// A whitespace-free chunk that is a URL, a domain or file name, or an e-mail address: no
/// venue is ever read inside one (`iccad2024.github.io`, `dac25@example.org`).
fn is_link(chunk: &str) -> bool {
    // `www.x` and bare domains both have a `.` between a word character and a letter.
    chunk.as_bytes().windows(3).any(|window| {
        let [before, middle, after] = [window[0], window[1], window[2]];
        let word_before = before.is_ascii_alphanumeric();
        window == b"://"
            || (middle == b'@' && word_before && after.is_ascii_alphanumeric())
            || (middle == b'.' && word_before && after.is_ascii_alphabetic())
    })
}

/// The words of `text` outside links, in order.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut found = Vec::with_capacity(text.len() / 6);
    let mut offset = 0;
    // Splitting bytes at ASCII whitespace keeps every chunk on char boundaries.
    for chunk_bytes in text.as_bytes().split(u8::is_ascii_whitespace) {
        let chunk_start = offset;
        offset += chunk_bytes.len() + 1;
        let chunk = &text[chunk_start..chunk_start + chunk_bytes.len()];
        if chunk.is_empty() || is_link(chunk) {
            continue;
        }
        let offset = chunk_start;
        for (start, end) in words(chunk) {
            let (core_end, glued_year) = split_glued_year(&chunk[start..end]);
            found.push(Token {
                start: offset + start,
                end: offset + end,
                core_end: offset + start + core_end,
                glued_year,
            });
        }
    }
    found
}

/// `ICST2023` -> (4, 2023), `AAAI-24` -> (4, 2024); words without a glued year -> (len, None).
fn split_glued_year(word: &str) -> (usize, Option<u16>) {
    let bytes = word.as_bytes();
    let digits = bytes
        .iter()
        .rev()
        .take_while(|byte| byte.is_ascii_digit())
        .count();
    let no_year = (word.len(), None);
    if digits == word.len() {
        return no_year;
    }
    let Some(year) = year_from_digits(&word[word.len() - digits..]) else {
        return no_year;
    };
    let mut core_end = word.len() - digits;
    if bytes[core_end - 1] == b'-' {
        core_end -= 1;
    }
    if core_end == 0 || !bytes[core_end - 1].is_ascii_alphabetic() {
        return no_year;
    }
    (core_end, Some(year))
}

/// A year written with four digits (in range) or two: 00-79 are 20xx, 80-99 are 19xx
/// (`ISCA '98`), since no venue year lies in 2080-2099 yet.
pub(super) fn year_from_digits(digits: &str) -> Option<u16> {
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let value: u16 = digits.parse().ok()?;
    match digits.len() {
        2 if value < 80 => Some(2000 + value),
        2 => Some(1900 + value),
        4 if (FIRST_YEAR..=LAST_YEAR).contains(&value) => Some(value),
        _ => None,
    }
}

/// A standalone four-digit year token.
pub(super) fn four_digit_year(text: &str, token: &Token) -> Option<u16> {
    let word = &text[token.start..token.end];
    if word.len() == 4 {
        year_from_digits(word)
    } else {
        None
    }
}

/// Words that may follow a two-digit year written without an apostrophe (`DAC 25 paper`);
/// any other word means the number is a quantity (`DAC 25 MHz`).
const AFTER_SHORT_YEAR: &[&str] = &[
    "paper",
    "main",
    "conference",
    "accepted",
    "oral",
    "poster",
    "spotlight",
    "findings",
    "workshop",
    "proceedings",
    "camera",
    "track",
];

/// How a year written after a venue attaches to it.
#[derive(Debug, Clone, Copy)]
pub(super) struct YearAfter {
    pub year: u16,
    /// Index of the token holding the year.
    pub token: usize,
    /// A `)` stands between venue and year: `(ICCAD) 2025`.
    pub across_paren: bool,
}

/// The year right after the venue ending at token `last`: `ICCAD 2024`, `ISCA '25`,
/// `ICLR'24`, `(ICCAD) 2025`, `DAC 25`.
pub(super) fn year_after(text: &str, tokens: &[Token], last: usize) -> Option<YearAfter> {
    let next = tokens.get(last + 1)?;
    let gap = text[tokens[last].end..next.start].trim_start();
    let (gap, across_paren) = match gap.strip_prefix(')') {
        Some(rest) => (rest.trim_start(), true),
        None => (gap, false),
    };
    let (gap, apostrophe) = match gap.strip_prefix(['\'', '\u{2019}', '\u{2018}', '`']) {
        Some(rest) => (rest, true),
        None => (gap, false),
    };
    if !gap.is_empty() {
        return None;
    }
    let digits = &text[next.start..next.end];
    let year = year_from_digits(digits)?;
    if digits.len() == 2 && !apostrophe && !short_year_ends_here(text, tokens, last + 1) {
        return None;
    }
    Some(YearAfter {
        year,
        token: last + 1,
        across_paren,
    })
}

fn short_year_ends_here(text: &str, tokens: &[Token], year_token: usize) -> bool {
    let rest = text[tokens[year_token].end..].trim_start();
    let Some(first) = rest.chars().next() else {
        return true;
    };
    if !first.is_alphanumeric() {
        return true;
    }
    tokens.get(year_token + 1).is_some_and(|word| {
        let word = &text[word.start..word.end];
        AFTER_SHORT_YEAR
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(word))
    })
}

/// The four-digit year right before token `first` (`2024 ICCAD`), separated by spaces only.
pub(super) fn year_before(text: &str, tokens: &[Token], first: usize) -> Option<(u16, usize)> {
    let previous = tokens.get(first.checked_sub(1)?)?;
    let gap = &text[previous.end..tokens[first].start];
    if !gap.chars().all(char::is_whitespace) {
        return None;
    }
    Some((four_digit_year(text, previous)?, first - 1))
}

/// Words before a `.` that do not end a sentence (`Proc. ACM`, `pp. 1-9`, `Int. J.`).
const ABBREVIATIONS: &[&str] = &[
    "proc", "int", "intl", "conf", "symp", "trans", "vol", "no", "pp", "al", "vs", "fig", "eq",
    "sec", "ref", "approx", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "comput", "syst", "eng", "lett",
];

/// Byte offsets where sentences end: `;`, `|`, `!`, `?`, a line break, or a `.` followed by
/// a space that does not close an abbreviation or an initial.
pub(super) fn sentence_ends(text: &str) -> Vec<usize> {
    // All separators are ASCII, and ASCII bytes never occur inside a multi-byte character.
    let mut ends = Vec::new();
    for (index, byte) in text.bytes().enumerate() {
        let ends_here = match byte {
            b';' | b'|' | b'!' | b'?' | b'\n' => true,
            b'.' => period_ends_sentence(text, index),
            _ => false,
        };
        if ends_here {
            ends.push(index);
        }
    }
    ends
}

fn period_ends_sentence(text: &str, index: usize) -> bool {
    let after = &text[index + 1..];
    if !after.chars().next().is_none_or(char::is_whitespace) {
        return false;
    }
    if after.trim_start().starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let before = &text[..index];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(position, c)| position + c.len_utf8());
    let word = &before[word_start..];
    let is_initial = word.chars().count() == 1;
    !is_initial
        && !ABBREVIATIONS
            .iter()
            .any(|abbreviation| abbreviation.eq_ignore_ascii_case(word))
}

/// The sentence (byte range) holding `position`, given the ends from [`sentence_ends`].
pub(super) fn sentence_around(ends: &[usize], text_len: usize, position: usize) -> (usize, usize) {
    let after = ends.partition_point(|&end| end < position);
    let start = if after == 0 { 0 } else { ends[after - 1] + 1 };
    let end = ends.get(after).copied().unwrap_or(text_len);
    (start, end)
}

/// `word` lowercased into `buffer`, or `None` when too long for it.
pub(super) fn ascii_lowercase_in<'buffer>(
    word: &str,
    buffer: &'buffer mut [u8],
) -> Option<&'buffer [u8]> {
    let target = buffer.get_mut(..word.len())?;
    for (slot, byte) in target.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    Some(target)
}
