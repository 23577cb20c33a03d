//! `--format bibtex`: one entry per paper for LaTeX bibliographies.
//!
//! Entries follow arXiv's own recommendation (`eprint`, `archivePrefix`,
//! `primaryClass`) so eprint-aware styles print `arXiv:2401.01234 [cs.AR]`.
//! `eprint` and `url` carry the versionless id, as arXiv's BibTeX export
//! does: a citation names the work rather than one revision, and a `.bib`
//! file stays the same when a paper is revised.
//!
//! Text comes from arXiv and may hold anything, so every field is escaped to
//! keep the file parseable and the braces balanced (BibTeX counts even
//! `\{`): see [`escape_text`].

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::model::{CachedPaper, Paper};
use crate::terminal::sanitize::terminal_safe;
use crate::triage::venue;

/// Title words that say nothing about the paper, skipped when picking the
/// citation key's word.
const STOP_WORDS: &[&str] = &[
    "a", "about", "against", "among", "an", "and", "are", "as", "at", "be", "between", "beyond",
    "by", "can", "do", "does", "for", "from", "how", "in", "into", "is", "it", "its", "not", "of",
    "on", "onto", "or", "our", "over", "the", "through", "to", "toward", "towards", "under",
    "versus", "via", "vs", "we", "what", "when", "where", "which", "why", "with", "within",
    "without",
];

/// Trailing name parts that are not the surname: `John Smith Jr.`.
const NAME_SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];

/// Last words of a group author (`ATLAS Collaboration`), whose key word is
/// the group's name instead.
const GROUP_WORDS: &[&str] = &["collaboration", "consortium", "group", "team"];

/// Key prefix when the first author's surname has no Latin letters.
const FALLBACK_SURNAME: &str = "arxiv";

/// Entries separated by one blank line, each ending in a newline; empty when
/// there are no papers. Keys that collide within this output get `a`, `b`,
/// ... appended, see [`KeyClaims`].
pub fn render_bibtex(papers: &[&CachedPaper]) -> String {
    let mut claims = KeyClaims::default();
    claims.add(papers);
    let keys = claims.settle();
    let mut text = String::new();
    push_entries(&keys, papers, true, &mut text);
    text
}

/// Appends `papers`' entries under their `keys`, a blank line before each
/// but the very first (`first`: nothing was written before them).
fn push_entries(keys: &UniqueKeys, papers: &[&CachedPaper], first: bool, text: &mut String) {
    for (index, cached) in papers.iter().enumerate() {
        if index > 0 || !first {
            text.push('\n');
        }
        let paper = &cached.paper;
        let key = keys.get(&paper.id).map_or("", String::as_str);
        text.push_str(&entry_with_key(paper, key));
    }
}

/// A BibTeX file written a batch of papers at a time, under keys settled
/// over every paper it will hold (see [`KeyClaims`]): a bibliography of the
/// whole cache never has to be one string. The bytes are [`render_bibtex`]'s.
pub(crate) struct BibtexWriter<'a> {
    out: &'a mut dyn Write,
    keys: UniqueKeys,
    written: usize,
    text: String,
}

impl<'a> BibtexWriter<'a> {
    pub(crate) fn new(out: &'a mut dyn Write, keys: UniqueKeys) -> Self {
        BibtexWriter {
            out,
            keys,
            written: 0,
            text: String::new(),
        }
    }

    pub(crate) fn write(&mut self, papers: &[&CachedPaper]) -> io::Result<()> {
        self.text.clear();
        push_entries(&self.keys, papers, self.written == 0, &mut self.text);
        self.written += papers.len();
        self.out.write_all(self.text.as_bytes())
    }

    /// Papers written so far.
    pub(crate) fn written(&self) -> usize {
        self.written
    }
}

/// One entry under [`citation_key`], ending in a newline.
pub fn bibtex_entry(p: &Paper) -> String {
    entry_with_key(p, &citation_key(p))
}

/// `lovelace2026speculative`: the first author's surname, the year of the
/// first version and the first significant title word, in lowercase ASCII
/// letters. Stable: it depends only on metadata that never changes between
/// versions (unless the authors retitle the paper).
///
/// The surname keeps its particles (`van der Waals` -> `vanderwaals`);
/// letters are folded to ASCII (`Gödel` -> `godel`); a name with no Latin
/// letters gives `arxiv`; a title with no usable word adds nothing.
pub fn citation_key(p: &Paper) -> String {
    let surname = p
        .authors
        .first()
        .map(|author| key_letters(surname(&author.name)))
        .filter(|letters| !letters.is_empty())
        .unwrap_or_else(|| FALLBACK_SURNAME.to_owned());
    let word = first_significant_word(&p.title).unwrap_or_default();
    format!("{surname}{}{word}", p.published.format("%Y"))
}

/// Each paper's id to its citation key, all distinct (see [`KeyClaims`]).
pub(crate) type UniqueKeys = HashMap<String, String>;

/// The papers of one bibliography, gathered a batch at a time, and then
/// their keys, all distinct. When several papers share a key, the earliest
/// submitted (then lowest id) keeps it bare and the others get `a`, `b`,
/// ... in that order, so the suffixes do not depend on the list's sort
/// order or its batches; a suffixed key never takes a key some other paper
/// has bare. Holds three short strings a paper, never the papers.
#[derive(Default)]
pub(crate) struct KeyClaims {
    /// (first version's date, id, key), one per paper.
    claims: Vec<(DateTime<Utc>, String, String)>,
}

impl KeyClaims {
    pub(crate) fn add(&mut self, papers: &[&CachedPaper]) {
        self.claims.extend(papers.iter().map(|cached| {
            let paper = &cached.paper;
            (paper.published, paper.id.clone(), citation_key(paper))
        }));
    }

    pub(crate) fn settle(mut self) -> UniqueKeys {
        let mut taken: HashSet<String> = self.claims.iter().map(|(.., key)| key.clone()).collect();
        let mut bare_given: HashSet<String> = HashSet::new();
        self.claims
            .sort_unstable_by(|(a_date, a_id, _), (b_date, b_id, _)| {
                (a_date, a_id).cmp(&(b_date, b_id))
            });
        let mut keys = UniqueKeys::with_capacity(self.claims.len());
        for (_, id, key) in self.claims {
            if !bare_given.contains(&key) {
                bare_given.insert(key.clone());
                keys.insert(id, key);
                continue;
            }
            let unique = (0..)
                .map(|n| format!("{key}{}", letter_suffix(n)))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
            taken.insert(unique.clone());
            keys.insert(id, unique);
        }
        keys
    }
}

/// `a`..`z`, then `aa`, `ab`, ...: bijective base 26.
fn letter_suffix(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// `@inproceedings` with the conference's full name as `booktitle` when the
/// comment or journal ref names a conference it was accepted at or
/// published in; `@article` when it names a journal, or when the paper has
/// been published (journal ref or DOI); else `@misc`. A venue's year, when
/// given, is the year cited. The comment itself ("12 pages, 5 figures") is
/// left out: reference lists are not the place for it.
fn entry_with_key(p: &Paper, key: &str) -> String {
    let venue = venue::of_paper(p);
    let venue_name = venue
        .as_ref()
        .map(|v| venue::full_name(&v.name).unwrap_or(&v.name));
    let conference = venue.as_ref().is_some_and(|v| !venue::is_journal(&v.name));
    let published = p.journal_ref.is_some() || !p.dois.is_empty();
    let kind = if conference {
        "inproceedings"
    } else if published || venue.is_some() {
        "article"
    } else {
        "misc"
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !p.title.trim().is_empty() {
        // The inner braces keep styles from lowercasing "NPU" or "LLaMA".
        fields.push(("title", format!("{{{{{}}}}}", escape_title(&p.title))));
    }
    if !p.authors.is_empty() {
        fields.push(("author", braced(&author_list(p))));
    }
    match (conference, &p.journal_ref, venue_name) {
        (true, _, Some(name)) => fields.push(("booktitle", braced(&escape_text(name)))),
        // The journal ref says volume and pages; the venue list only the name.
        (false, Some(journal), _) => fields.push(("journal", braced(&escape_text(journal)))),
        (false, None, Some(name)) => fields.push(("journal", braced(&escape_text(name)))),
        _ => {}
    }
    let year = venue
        .as_ref()
        .and_then(|v| v.year)
        .map_or_else(|| p.published.format("%Y").to_string(), |y| y.to_string());
    fields.push(("year", braced(&year)));
    // An unbraced month is BibTeX's macro, which styles localise.
    fields.push(("month", p.published.format("%b").to_string().to_lowercase()));
    fields.push(("eprint", braced(&verbatim(&p.id))));
    fields.push(("archivePrefix", braced("arXiv")));
    if let Some(class) = p.primary_category.as_ref().or(p.categories.first()) {
        fields.push(("primaryClass", braced(&verbatim(class))));
    }
    if let Some(doi) = p.dois.first() {
        fields.push(("doi", braced(&verbatim(doi))));
    }
    let url = format!("https://arxiv.org/abs/{}", p.id);
    fields.push(("url", braced(&verbatim(&url))));

    let mut entry = format!("@{kind}{{{key},\n");
    for (name, value) in fields {
        // Writing to a String cannot fail.
        let _ = writeln!(entry, "  {name} = {value},");
    }
    entry.push_str("}\n");
    entry
}

fn braced(value: &str) -> String {
    format!("{{{value}}}")
}

/// `A and B and C`. A name holding a comma or the word "and" is braced
/// whole, so BibTeX neither reads it as `Last, First` nor splits it.
fn author_list(p: &Paper) -> String {
    p.authors
        .iter()
        .map(|author| {
            let name = escape_text(&author.name);
            let splits = name.contains(',')
                || name
                    .split_whitespace()
                    .any(|word| word.eq_ignore_ascii_case("and"));
            if splits { braced(&name) } else { name }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Text with LaTeX's special characters escaped, on one line.
///
/// `& % $ # _` get a backslash; `{ } \ ~ ^` become `\textbraceleft{}`,
/// `\textbraceright{}`, `\textbackslash{}`, `\textasciitilde{}` and
/// `\textasciicircum{}`, which keep BibTeX's brace count balanced where
/// `\{` would not. A character the text already escapes TeX-style (`Q\&A`,
/// `\{x\}`) is taken as that character, not as a backslash plus it.
/// Controls and line breaks become spaces and whitespace runs collapse;
/// other characters, non-ASCII included, stay as they are (UTF-8).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, &one_line(text));
    out
}

/// [`escape_text`], except that `$...$` math is kept as written, since
/// arXiv titles are TeX. Math whose braces do not balance, that ends in a
/// backslash or holds a bare `%` or `#` would break the file or the LaTeX
/// run, so its `$` is escaped and it is treated as text.
pub fn escape_title(title: &str) -> String {
    let title = one_line(title);
    let mut out = String::with_capacity(title.len() + 8);
    let mut rest = title.as_str();
    while let Some(open) = find_unescaped_dollar(rest) {
        let after = &rest[open + 1..];
        match after
            .find('$')
            .filter(|&close| is_safe_math(&after[..close]))
        {
            Some(close) => {
                push_escaped(&mut out, &rest[..open]);
                out.push_str(&rest[open..open + close + 2]);
                rest = &after[close + 1..];
            }
            None => {
                push_escaped(&mut out, &rest[..open]);
                out.push_str("\\$");
                rest = after;
            }
        }
    }
    push_escaped(&mut out, rest);
    out
}

/// Byte offset of the first `$` not written as `\$`.
fn find_unescaped_dollar(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&at| bytes[at] == b'$' && (at == 0 || bytes[at - 1] != b'\\'))
}

fn is_safe_math(math: &str) -> bool {
    let mut depth = 0i32;
    let mut previous = ' ';
    for c in math.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            '%' | '#' if previous != '\\' => return false,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
        previous = c;
    }
    !math.trim().is_empty() && depth == 0 && trailing_backslashes(math).is_multiple_of(2)
}

fn trailing_backslashes(text: &str) -> usize {
    text.chars().rev().take_while(|&c| c == '\\').count()
}

/// Terminal-safe (controls gone, line breaks as spaces), whitespace collapsed.
fn one_line(text: &str) -> String {
    terminal_safe(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn push_escaped(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match (c, chars.peek()) {
            ('\\', Some(&next)) if "&%$#_{}".contains(next) => {
                chars.next();
                next
            }
            _ => c,
        };
        match c {
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
}

/// For `eprint`, `doi`, `primaryClass` and `url`, which tools read
/// verbatim: whitespace, controls, braces and backslashes (none of which a
/// real id, DOI or URL holds) are percent-encoded, so the field cannot end
/// early or unbalance the entry.
fn verbatim(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.trim().chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '{' | '}' | '\\') {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The surname part of a display name: `Ada Lovelace` -> `Lovelace`,
/// `Johannes Diderik van der Waals` -> `van der Waals` (from the first
/// lowercase particle on), `Lovelace, Ada` -> `Lovelace`, `John Smith Jr.`
/// -> `Smith`, `Plato` -> `Plato`, `The ATLAS Collaboration` -> `ATLAS`.
fn surname(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|word| {
            NAME_SUFFIXES.contains(&word.trim_end_matches(',').to_lowercase().as_str())
        })
    {
        words.pop();
    }
    let name = words.join(" ");
    let name = name.trim_end_matches(',');
    if let Some((last, _first)) = name.split_once(',') {
        return last.trim().to_owned();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(&last) = words.last() else {
        return String::new();
    };
    if GROUP_WORDS.contains(&last.to_lowercase().as_str()) {
        let group = words
            .iter()
            .find(|word| !word.eq_ignore_ascii_case("the"))
            .copied()
            .unwrap_or(last);
        return group.to_owned();
    }
    let particle = words
        .iter()
        .skip(1)
        .position(|word| word.chars().next().is_some_and(char::is_lowercase));
    match particle {
        Some(offset) => words[offset + 1..].join(" "),
        None => last.to_owned(),
    }
}

/// The first title word, outside math and TeX commands, that is not a stop
/// word and has Latin letters; as [`key_letters`]. Hyphens and apostrophes
/// join (`Test-Time` -> `testtime`); digits are dropped.
fn first_significant_word(title: &str) -> Option<String> {
    words_outside_tex(title)
        .iter()
        .map(key_letters)
        .find(|word| !word.is_empty() && !STOP_WORDS.contains(&word.as_str()))
}

/// Title words with `$...$` math and `\command` names removed.
fn words_outside_tex(title: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = title.chars().peekable();
    let mut in_math = false;
    while let Some(c) = chars.next() {
        let joins_word = c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
        if c == '$' {
            in_math = !in_math;
        } else if in_math {
            continue;
        } else if c == '\\' {
            // A command name, or one escaped symbol such as the `$` of `\$`.
            if chars.next_if(|next| !next.is_ascii_alphabetic()).is_none() {
                while chars.next_if(|next| next.is_ascii_alphabetic()).is_some() {}
            }
        } else if joins_word {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Lowercase ASCII letters only: accented Latin letters folded to their
/// base (`ö` -> `o`, `ß` -> `ss`, `ł` -> `l`), everything else dropped.
fn key_letters(text: impl AsRef<str>) -> String {
    text.as_ref()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(fold_to_ascii)
        .collect()
}

/// A lowercase letter as ASCII letters, or `None` for anything else.
/// Covers Latin-1 and Latin Extended-A, which is where European names live.
fn fold_to_ascii(c: char) -> Option<&'static str> {
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz";
    if c.is_ascii_lowercase() {
        let at = c as usize - 'a' as usize;
        return ASCII.get(at..=at);
    }
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::{author, sample, utc};

    fn paper(title: &str, first_author: &str) -> Paper {
        let mut paper = sample("2601.00001", title, "Abstract.").paper;
        paper.published = utc(2026, 1, 15, 9, 0);
        paper.authors[0] = author(first_author);
        paper
    }

    fn key(title: &str, first_author: &str) -> String {
        citation_key(&paper(title, first_author))
    }

    #[test]
    fn key_is_surname_year_and_first_significant_word() {
        assert_eq!(
            key("Speculative Decoding on NPUs", "Ada Lovelace"),
            "lovelace2026speculative"
        );
        assert_eq!(
            key("The Art of Computer Programming", "Donald E. Knuth"),
            "knuth2026art"
        );
        assert_eq!(
            key("On the Origin of Species", "Charles Darwin"),
            "darwin2026origin"
        );
        assert_eq!(
            key("A Test-Time Study", "Ada Lovelace"),
            "lovelace2026testtime"
        );
    }

    #[test]
    fn key_surname_handles_particles_suffixes_and_single_names() {
        assert_eq!(
            key("Gases", "Johannes Diderik van der Waals"),
            "vanderwaals2026gases"
        );
        assert_eq!(
            key("Symphonies", "Ludwig van Beethoven"),
            "vanbeethoven2026symphonies"
        );
        assert_eq!(key("Dialogues", "Plato"), "plato2026dialogues");
        assert_eq!(key("Letters", "Martin Luther King Jr."), "king2026letters");
        assert_eq!(key("Letters", "Lovelace, Ada"), "lovelace2026letters");
        assert_eq!(key("Higgs", "The ATLAS Collaboration"), "atlas2026higgs");
        assert_eq!(
            key("Cells", "Jean-Pierre Serre-Dubois"),
            "serredubois2026cells"
        );
    }

    #[test]
    fn key_folds_accents_and_falls_back_for_non_latin_names() {
        assert_eq!(
            key("Unvollständigkeit", "Kurt Gödel"),
            "godel2026unvollstandigkeit"
        );
        assert_eq!(key("Straße", "Paweł Łukasiewicz"), "lukasiewicz2026strasse");
        assert_eq!(key("大模型 Inference", "张伟"), "arxiv2026inference");
        assert_eq!(key("Model", "Иван Петров"), "arxiv2026model");
        let mut nobody = paper("Model", "x");
        nobody.authors.clear();
        assert_eq!(citation_key(&nobody), "arxiv2026model");
    }

    #[test]
    fn key_word_skips_math_commands_digits_and_stop_words() {
        assert_eq!(
            key("$O(n^2)$ Sorting", "Ada Lovelace"),
            "lovelace2026sorting"
        );
        assert_eq!(
            key("\\emph{Fast} Sorting", "Ada Lovelace"),
            "lovelace2026fast"
        );
        assert_eq!(key("0", "Ada Lovelace"), "lovelace2026");
        assert_eq!(key("GPT-4 in the Wild", "Ada Lovelace"), "lovelace2026gpt");
        assert_eq!(key("Is It on of the", "Ada Lovelace"), "lovelace2026");
        assert_eq!(
            key("\\$5 Deals on $x$ Markets", "Ada Lovelace"),
            "lovelace2026deals"
        );
    }

    #[test]
    fn key_year_is_the_first_version_year() {
        let mut revised = paper("Speculative", "Ada Lovelace");
        revised.published = utc(2025, 12, 31, 23, 0);
        revised.updated = utc(2026, 3, 1, 0, 0);
        revised.version = 4;
        assert_eq!(citation_key(&revised), "lovelace2025speculative");
    }

    #[test]
    fn colliding_keys_get_letter_suffixes_by_submission_order() {
        let mut older = sample("2601.00001", "Speculative A", "x");
        let mut newer = sample("2601.00002", "Speculative B", "x");
        let mut newest = sample("2601.00003", "Speculative C", "x");
        older.paper.published = utc(2026, 1, 1, 0, 0);
        newer.paper.published = utc(2026, 1, 2, 0, 0);
        newest.paper.published = utc(2026, 1, 3, 0, 0);
        let other = sample("2601.00004", "Other", "x");
        let text = render_bibtex(&[&newest, &other, &older, &newer]);
        let keys: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with('@'))
            .filter_map(|line| line.split_once('{'))
            .filter_map(|(_, rest)| rest.strip_suffix(','))
            .collect();
        assert_eq!(
            keys,
            [
                "lovelace2026speculativeb",
                "lovelace2025other",
                "lovelace2026speculative",
                "lovelace2026speculativea"
            ]
        );
    }

    #[test]
    fn suffixed_keys_never_take_another_papers_bare_key() {
        // The second "foo" would become "lovelace2026fooa", which a paper
        // titled "Fooa" already has bare.
        let mut first = sample("2601.00001", "Foo", "x");
        let mut second = sample("2601.00002", "Foo", "x");
        let mut fooa = sample("2601.00003", "Fooa", "x");
        for (cached, day) in [(&mut first, 1), (&mut second, 2), (&mut fooa, 3)] {
            cached.paper.published = utc(2026, 1, day, 0, 0);
        }
        let mut claims = KeyClaims::default();
        claims.add(&[&first, &second]);
        claims.add(&[&fooa]);
        let keys = claims.settle();
        let key = |cached: &CachedPaper| keys[&cached.paper.id].as_str();
        assert_eq!(
            [key(&first), key(&second), key(&fooa)],
            ["lovelace2026foo", "lovelace2026foob", "lovelace2026fooa"]
        );
    }

    #[test]
    fn letter_suffixes_continue_past_z() {
        assert_eq!(letter_suffix(0), "a");
        assert_eq!(letter_suffix(25), "z");
        assert_eq!(letter_suffix(26), "aa");
        assert_eq!(letter_suffix(27), "ab");
        assert_eq!(letter_suffix(26 + 26 * 26), "aaa");
    }

    #[test]
    fn preprint_entry_is_misc_with_arxiv_fields() {
        let mut p = paper("Speculative Decoding on NPUs", "Ada Lovelace");
        p.version = 3;
        assert_eq!(
            bibtex_entry(&p),
            "@misc{lovelace2026speculative,
  title = {{Speculative Decoding on NPUs}},
  author = {Ada Lovelace and Charles Babbage},
  year = {2026},
  month = jan,
  eprint = {2601.00001},
  archivePrefix = {arXiv},
  primaryClass = {cs.DC},
  url = {https://arxiv.org/abs/2601.00001},
}
"
        );
    }

    #[test]
    fn published_paper_is_an_article_with_journal_and_doi() {
        let mut p = paper("Results", "Ada Lovelace");
        p.journal_ref = Some("Phys. Rev. D 99, 1 (2026)".into());
        p.dois = vec!["10.1103/PhysRevD.99.1".into(), "10.9/other".into()];
        let entry = bibtex_entry(&p);
        assert!(
            entry.starts_with("@article{lovelace2026results,\n"),
            "{entry}"
        );
        assert!(
            entry.contains("  journal = {Phys. Rev. D 99, 1 (2026)},\n"),
            "{entry}"
        );
        assert!(
            entry.contains("  doi = {10.1103/PhysRevD.99.1},\n"),
            "{entry}"
        );
        let doi_only = Paper {
            journal_ref: None,
            ..p
        };
        assert!(bibtex_entry(&doi_only).starts_with("@article{"));
    }

    #[test]
    fn accepted_conference_paper_is_inproceedings_with_its_full_name() {
        let mut p = paper("Results", "Ada Lovelace");
        p.comment = Some("Accepted by DAC'25. 6 pages".into());
        let entry = bibtex_entry(&p);
        assert!(
            entry.starts_with("@inproceedings{lovelace2026results,\n"),
            "{entry}"
        );
        assert!(
            entry.contains("  booktitle = {Design Automation Conference},\n"),
            "{entry}"
        );
        assert!(entry.contains("  year = {2025},\n"), "{entry}");
        assert!(entry.contains("  eprint = {2601.00001},\n"), "{entry}");
        assert!(!entry.contains("journal"), "{entry}");
    }

    #[test]
    fn accepted_journal_paper_is_an_article_in_that_journal() {
        let mut p = paper("Results", "Ada Lovelace");
        p.comment = Some("Accepted to IEEE TCAD".into());
        let entry = bibtex_entry(&p);
        assert!(entry.starts_with("@article{"), "{entry}");
        assert!(
            entry.contains(
                "  journal = {IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems},\n"
            ),
            "{entry}"
        );
        assert!(entry.contains("  year = {2026},\n"), "{entry}");
    }

    #[test]
    fn specials_are_escaped_and_braces_balanced() {
        assert_eq!(escape_text("R&D 50% $5 #1 a_b"), r"R\&D 50\% \$5 \#1 a\_b");
        assert_eq!(
            escape_text(r"{x} a\b ~ ^"),
            r"\textbraceleft{}x\textbraceright{} a\textbackslash{}b \textasciitilde{} \textasciicircum{}"
        );
        assert_eq!(
            escape_text("}{ unbalanced {{"),
            r"\textbraceright{}\textbraceleft{} unbalanced \textbraceleft{}\textbraceleft{}"
        );
    }

    #[test]
    fn tex_escapes_already_in_the_text_are_not_doubled() {
        assert_eq!(
            escape_text(r"Q\&A at 5\% \{x\}"),
            r"Q\&A at 5\% \textbraceleft{}x\textbraceright{}"
        );
        assert_eq!(escape_text(r"ends with \"), r"ends with \textbackslash{}");
    }

    #[test]
    fn text_is_put_on_one_line_without_controls_and_keeps_unicode() {
        assert_eq!(
            escape_text("Gödel\n  and\t🚀 \u{1b}[31mred"),
            "Gödel and 🚀 red"
        );
    }

    #[test]
    fn title_math_is_kept_and_text_around_it_escaped() {
        assert_eq!(
            escape_title(r"Bounds on $x_1^{2}$ & $\alpha$-stable_laws"),
            r"Bounds on $x_1^{2}$ \& $\alpha$-stable\_laws"
        );
        assert_eq!(escape_title(r"Costs \$5 and $10"), r"Costs \$5 and \$10");
    }

    #[test]
    fn unsafe_math_is_escaped_as_text() {
        assert_eq!(
            escape_title("$x^{2$ y"),
            r"\$x\textasciicircum{}\textbraceleft{}2\$ y"
        );
        assert_eq!(escape_title("$50%$"), r"\$50\%\$");
        assert_eq!(escape_title(r"$a\$ b"), r"\$a\$ b");
        assert_eq!(escape_title("$$"), r"\$\$");
    }

    #[test]
    fn every_title_comes_out_balanced() {
        for title in [
            "}{",
            "$}{$",
            "$x$}",
            r"\",
            r"$\$",
            "{{{",
            "a $b$ c $d",
            r"\{$x\}$",
        ] {
            let escaped = escape_title(title);
            let mut depth = 0i32;
            for c in escaped.chars() {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                assert!(depth >= 0, "{title:?} -> {escaped:?}");
            }
            assert_eq!(depth, 0, "{title:?} -> {escaped:?}");
        }
    }

    #[test]
    fn author_names_that_bibtex_would_split_are_braced() {
        let mut p = paper("T", "Ada Lovelace");
        p.authors = vec![
            author("The ATLAS and CMS Collaborations"),
            author("John Smith, Jr."),
            author("Bob & Alice"),
        ];
        let entry = bibtex_entry(&p);
        assert!(
            entry.contains(
                "  author = {{The ATLAS and CMS Collaborations} and {John Smith, Jr.} and Bob \\& Alice},\n"
            ),
            "{entry}"
        );
    }

    #[test]
    fn verbatim_fields_cannot_break_the_entry() {
        assert_eq!(verbatim("10.1000/a_b<c>"), "10.1000/a_b<c>");
        assert_eq!(verbatim("10.1/{x} y\\"), "10.1/%7Bx%7D%20y%5C");
    }

    #[test]
    fn entries_are_separated_by_one_blank_line() {
        let a = sample("2601.00001", "Alpha", "x");
        let b = sample("2601.00002", "Beta", "x");
        let text = render_bibtex(&[&a, &b]);
        assert_eq!(text.matches("\n\n@").count(), 1, "{text}");
        assert!(
            text.starts_with("@misc{") && text.ends_with("}\n"),
            "{text}"
        );
        assert_eq!(render_bibtex(&[]), "");
    }

    /// Keys claimed a batch at a time, entries written a batch at a time:
    /// the whole bibliography's bytes, colliding keys suffixed as if all
    /// the papers had been seen at once.
    #[test]
    fn a_bibliography_written_in_batches_is_the_whole_one() {
        let papers: Vec<CachedPaper> = (1..=6)
            .map(|i| {
                // Three share a key, two others another; submitted newest
                // first, as a listing streams them.
                let title = if i % 2 == 0 { "Foo" } else { "Bar" };
                let mut cached = sample(&format!("2601.0000{i}"), title, "x");
                cached.paper.published = utc(2026, 1, 10 - i, 0, 0);
                cached
            })
            .collect();
        let all: Vec<&CachedPaper> = papers.iter().collect();
        let whole = render_bibtex(&all);
        assert!(whole.contains("lovelace2026foob"), "{whole}");
        for batch in 1..=all.len() {
            let mut claims = KeyClaims::default();
            for papers in all.chunks(batch) {
                claims.add(papers);
            }
            let mut out = Vec::new();
            let mut writer = BibtexWriter::new(&mut out, claims.settle());
            for papers in all.chunks(batch) {
                writer.write(papers).expect("write");
            }
            assert_eq!(writer.written(), all.len());
            assert_eq!(
                String::from_utf8(out).expect("utf-8"),
                whole,
                "batches of {batch}"
            );
        }
    }
}
