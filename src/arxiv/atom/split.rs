//! Where a feed's entries are, found without building its tree: each entry
//! is then parsed as a small document of its own, which keeps the tree of a
//! 2,000-entry page (tens of MB, every page of it freshly zeroed by the
//! kernel) from ever existing at once.
//!
//! This only locates markup; roxmltree still checks every byte. A body this
//! scan does not understand (a DTD, an unclosed comment, no root) gets no
//! split, and the caller parses it whole, as before.

use std::ops::Range;

/// A feed cut into its entries and the rest.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split<'a> {
    /// The root element's start tag, namespace declarations and all.
    pub root_start: &'a str,
    /// The root's qualified name, to close an entry's document with.
    pub root_name: &'a str,
    /// Each child element of the root whose local name is `entry`, from
    /// its `<` to the end of its closing tag.
    pub entries: Vec<Range<usize>>,
}

impl Split<'_> {
    /// The document without its entries: the prolog, the root and every
    /// byte between and after the entries.
    pub fn rest(&self, xml: &str) -> String {
        let mut rest = String::with_capacity(4096);
        let mut from = 0;
        for entry in &self.entries {
            rest.push_str(&xml[from..entry.start]);
            from = entry.end;
        }
        rest.push_str(&xml[from..]);
        rest
    }

    /// Entry `range` as a document of its own, inside a copy of the root
    /// start tag so that every namespace prefix means what it meant.
    pub fn entry_document(&self, xml: &str, range: &Range<usize>, into: &mut String) {
        into.clear();
        into.push_str(self.root_start);
        into.push_str(&xml[range.clone()]);
        into.push_str("</");
        into.push_str(self.root_name);
        into.push('>');
    }
}

pub(super) fn split(xml: &str) -> Option<Split<'_>> {
    let bytes = xml.as_bytes();
    let mut at = 0;
    let mut depth = 0usize;
    let mut root: Option<(&str, &str)> = None;
    let mut entries = Vec::new();
    let mut entry_start: Option<usize> = None;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + found;
        let rest = &bytes[open..];
        if rest.starts_with(b"<!--") {
            at = skip_past(bytes, open + 4, b"-->")?;
        } else if rest.starts_with(b"<![CDATA[") {
            at = skip_past(bytes, open + 9, b"]]>")?;
        } else if rest.starts_with(b"<?") {
            at = skip_past(bytes, open + 2, b"?>")?;
        } else if rest.starts_with(b"<!") {
            // A DTD: refused by the whole-document parse, with its reason.
            return None;
        } else if rest.starts_with(b"</") {
            let end = open + memchr::memchr(b'>', rest)? + 1;
            depth = depth.checked_sub(1)?;
            if depth == 1
                && let Some(start) = entry_start.take()
            {
                entries.push(start..end);
            }
            at = end;
            if depth == 0 {
                let (root_start, root_name) = root?;
                return Some(Split {
                    root_start,
                    root_name,
                    entries,
                });
            }
        } else {
            let end = start_tag_end(bytes, open)?;
            let tag = &xml[open..end];
            let self_closing = tag.ends_with("/>");
            let name = tag_name(tag)?;
            match depth {
                0 if root.is_some() || self_closing => return None,
                0 => root = Some((tag, name)),
                1 if !self_closing && local_name(name) == "entry" => entry_start = Some(open),
                _ => {}
            }
            if !self_closing {
                depth += 1;
            }
            at = end;
        }
    }
    None
}

/// The index just past the first `needle` at or after `from`.
fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let found = memchr::memmem::find(bytes.get(from..)?, needle)?;
    Some(from + found + needle.len())
}

/// The index just past the `>` ending the start tag at `open`; attribute
/// values may hold a `>`, so quoted text is skipped.
fn start_tag_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut at = open + 1;
    loop {
        let found = at + memchr::memchr3(b'>', b'"', b'\'', bytes.get(at..)?)?;
        match bytes[found] {
            b'>' => return Some(found + 1),
            quote => at = found + 1 + memchr::memchr(quote, bytes.get(found + 1..)?)? + 1,
        }
    }
}

/// The qualified name right after a start tag's `<`.
fn tag_name(tag: &str) -> Option<&str> {
    let name = tag[1..]
        .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .next()?;
    (!name.is_empty()).then_some(name)
}

fn local_name(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries<'a>(xml: &'a str, split: &Split<'_>) -> Vec<&'a str> {
        split
            .entries
            .iter()
            .map(|range| &xml[range.clone()])
            .collect()
    }

    #[test]
    fn finds_the_root_s_entries_and_nothing_inside_them() {
        let xml = "<?xml version='1.0'?>\n<!-- <entry> -->\n<a:feed xmlns:a=\"u\" q='>'>\
                   <a:title>x &lt;entry&gt;</a:title>\
                   <a:entry k=\"a>b\"><a:entry/><![CDATA[</a:entry>]]><b/></a:entry>\
                   <a:link/><a:entry></a:entry></a:feed>\n";
        let split = split(xml).expect("splits");
        assert_eq!(split.root_name, "a:feed");
        assert_eq!(split.root_start, "<a:feed xmlns:a=\"u\" q='>'>");
        assert_eq!(
            entries(xml, &split),
            [
                "<a:entry k=\"a>b\"><a:entry/><![CDATA[</a:entry>]]><b/></a:entry>",
                "<a:entry></a:entry>"
            ]
        );
        assert_eq!(
            split.rest(xml),
            "<?xml version='1.0'?>\n<!-- <entry> -->\n<a:feed xmlns:a=\"u\" q='>'>\
             <a:title>x &lt;entry&gt;</a:title><a:link/></a:feed>\n"
        );
        let mut document = String::new();
        split.entry_document(xml, &split.entries[1], &mut document);
        assert_eq!(
            document,
            "<a:feed xmlns:a=\"u\" q='>'><a:entry></a:entry></a:feed>"
        );
    }

    #[test]
    fn what_it_cannot_follow_gets_no_split() {
        for xml in [
            "",
            "no markup",
            "<!DOCTYPE feed><feed/>",
            "<feed><entry></entry>",
            "<feed/>",
            "<feed><!-- unclosed </feed>",
            "<feed a=\"unclosed></feed>",
            "</feed>",
        ] {
            assert_eq!(split(xml), None, "{xml:?}");
        }
    }
}
