//! Line-oriented JSON for files kept in git: one array item (or map entry)
//! per line, so that a diff between two versions shows one line per item
//! added, removed or changed, instead of one rewritten line for the file.
//!
//! ```text
//! {"schema_version":2,"shard":"2026-11","papers":[
//! {"paper":{"id":"2611.00001",…},…}
//! ,{"paper":{"id":"2611.00002",…},…}
//! ]}
//! ```
//!
//! The output is ordinary JSON: the same `serde_json::from_slice` reads it
//! and the compact form alike. Separators go at the start of a line
//! (`,{…}`), so appending an item, the usual case for papers sorted by id,
//! adds one line and touches no other; only an item placed before the first
//! also rewrites the old first line. Items are written compactly: serde_json
//! escapes every control character inside strings, so an item can never
//! span two lines. Key order is the field order of the serialised structs
//! (and sorted for `BTreeMap`s); item order is the caller's.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;

/// Writes `{<header fields>,"<array_key>":[` + one item per line + `]}` and
/// a final newline. `header` must serialise to a JSON object without an
/// `array_key` field. Give `out` a buffer (a `Vec` or a `BufWriter`): items
/// are written in many small pieces.
pub fn write_lines<W: Write, H: Serialize, T: Serialize>(
    out: W,
    header: &H,
    array_key: &str,
    items: &[T],
) -> io::Result<()> {
    let mut object = LinesObject::begin(out, header)?;
    object.array(array_key, items)?;
    object.end()
}

/// A JSON object written as header fields on the first line, then sections
/// (arrays or maps) with one element per line. For files with several
/// collections, such as the index with its topics and shards.
pub struct LinesObject<W: Write> {
    out: W,
    /// Field names written so far, to refuse a duplicate key (which serde
    /// would reject when reading the file back).
    keys: BTreeSet<String>,
}

impl<W: Write> LinesObject<W> {
    /// Writes the header's fields, leaving the object open.
    pub fn begin<H: Serialize>(mut out: W, header: &H) -> io::Result<Self> {
        let bytes = serde_json::to_vec(header).map_err(io::Error::other)?;
        let keys = header_keys(&bytes)?;
        // A compact object is `{…}`: drop the closing brace to go on.
        out.write_all(&bytes[..bytes.len() - 1])?;
        Ok(LinesObject { out, keys })
    }

    /// `"key":[` then one item per line, then `]`.
    pub fn array<T: Serialize>(&mut self, key: &str, items: &[T]) -> io::Result<()> {
        self.open(key, b'[')?;
        for (position, item) in items.iter().enumerate() {
            self.out
                .write_all(if position == 0 { b"\n" } else { b"\n," })?;
            serde_json::to_writer(&mut self.out, item).map_err(io::Error::other)?;
        }
        self.out.write_all(b"\n]")
    }

    /// `"key":{` then one `"name":value` entry per line, then `}`. Entries
    /// are written in the order given: pass a `BTreeMap`'s iterator for a
    /// stable one.
    pub fn map<K: AsRef<str>, V: Serialize>(
        &mut self,
        key: &str,
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> io::Result<()> {
        self.open(key, b'{')?;
        for (position, (name, value)) in entries.into_iter().enumerate() {
            self.out
                .write_all(if position == 0 { b"\n" } else { b"\n," })?;
            serde_json::to_writer(&mut self.out, name.as_ref()).map_err(io::Error::other)?;
            self.out.write_all(b":")?;
            serde_json::to_writer(&mut self.out, &value).map_err(io::Error::other)?;
        }
        self.out.write_all(b"\n}")
    }

    /// Closes the object and ends the file with a newline.
    pub fn end(mut self) -> io::Result<()> {
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }

    fn open(&mut self, key: &str, bracket: u8) -> io::Result<()> {
        if !self.keys.insert(key.to_owned()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("line-oriented JSON: field {key:?} written twice"),
            ));
        }
        if self.keys.len() > 1 {
            self.out.write_all(b",")?;
        }
        serde_json::to_writer(&mut self.out, key).map_err(io::Error::other)?;
        self.out.write_all(&[b':', bracket])
    }
}

/// The field names of a compact serialised header, which must be an object.
fn header_keys(bytes: &[u8]) -> io::Result<BTreeSet<String>> {
    let not_an_object = || {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("line-oriented JSON: the header must serialise to an object, not {shown}"),
        )
    };
    if bytes.first() != Some(&b'{') || bytes.last() != Some(&b'}') {
        return Err(not_an_object());
    }
    let fields: std::collections::BTreeMap<String, serde::de::IgnoredAny> =
        serde_json::from_slice(bytes).map_err(|_| not_an_object())?;
    Ok(fields.into_keys().collect())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Item {
        id: String,
        title: String,
        tags: Vec<String>,
    }

    #[derive(Serialize)]
    struct Header<'a> {
        schema_version: u32,
        shard: &'a str,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct File {
        schema_version: u32,
        shard: String,
        papers: Vec<Item>,
    }

    fn item(n: u32) -> Item {
        Item {
            id: format!("2611.{n:05}"),
            title: format!("Paper number {n}"),
            tags: vec!["npu".into()],
        }
    }

    fn lines_of(items: &[Item]) -> String {
        let mut out = Vec::new();
        let header = Header {
            schema_version: 2,
            shard: "2026-11",
        };
        write_lines(&mut out, &header, "papers", items).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Lines removed and added by a minimal line diff (longest common
    /// subsequence), as `diff` counts them.
    pub(in crate::storage::cache) fn diff_counts(old: &str, new: &str) -> (usize, usize) {
        let old: Vec<&str> = old.lines().collect();
        let new: Vec<&str> = new.lines().collect();
        let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
        for i in (0..old.len()).rev() {
            for j in (0..new.len()).rev() {
                common[i][j] = if old[i] == new[j] {
                    common[i + 1][j + 1] + 1
                } else {
                    common[i + 1][j].max(common[i][j + 1])
                };
            }
        }
        let kept = common[0][0];
        (old.len() - kept, new.len() - kept)
    }

    #[test]
    fn output_parses_back_to_what_was_written() {
        let items: Vec<Item> = (1..=5).map(item).collect();
        let parsed: File = serde_json::from_str(&lines_of(&items)).unwrap();
        assert_eq!(
            parsed,
            File {
                schema_version: 2,
                shard: "2026-11".into(),
                papers: items
            }
        );
    }

    #[test]
    fn line_form_and_compact_form_hold_the_same_json() {
        let items: Vec<Item> = (1..=3).map(item).collect();
        let compact = serde_json::json!({"schema_version": 2, "shard": "2026-11", "papers": items});
        let lines: serde_json::Value = serde_json::from_str(&lines_of(&items)).unwrap();
        assert_eq!(lines, compact);
    }

    #[test]
    fn each_item_is_one_line_between_the_header_and_the_closing_line() {
        let items: Vec<Item> = (1..=4).map(item).collect();
        let text = lines_of(&items);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), items.len() + 2);
        assert_eq!(
            lines[0],
            r#"{"schema_version":2,"shard":"2026-11","papers":["#
        );
        assert!(lines[1].starts_with(r#"{"id":"2611.00001""#));
        assert!(lines[2..=4].iter().all(|line| line.starts_with(",{")));
        assert_eq!(lines[5], "]}");
        assert!(text.ends_with("]}\n"));
    }

    #[test]
    fn appending_or_inserting_an_item_adds_exactly_one_line() {
        let before: Vec<Item> = [1, 2, 4, 5].map(item).to_vec();
        let appended: Vec<Item> = [1, 2, 4, 5, 6].map(item).to_vec();
        let inserted: Vec<Item> = [1, 2, 3, 4, 5].map(item).to_vec();
        assert_eq!(
            diff_counts(&lines_of(&before), &lines_of(&appended)),
            (0, 1)
        );
        assert_eq!(
            diff_counts(&lines_of(&before), &lines_of(&inserted)),
            (0, 1)
        );
    }

    #[test]
    fn changing_one_item_changes_one_line_and_prepending_two() {
        let before: Vec<Item> = (2..=5).map(item).collect();
        let mut revised = before.clone();
        revised[2].title = "Revised title".into();
        assert_eq!(diff_counts(&lines_of(&before), &lines_of(&revised)), (1, 1));
        // Before the first, the old first line gains its comma.
        let prepended: Vec<Item> = (1..=5).map(item).collect();
        assert_eq!(
            diff_counts(&lines_of(&before), &lines_of(&prepended)),
            (1, 2)
        );
    }

    #[test]
    fn the_same_items_give_the_same_bytes() {
        let items: Vec<Item> = (1..=3).map(item).collect();
        assert_eq!(lines_of(&items), lines_of(&items.clone()));
    }

    #[test]
    fn newlines_and_quotes_inside_strings_stay_on_the_item_line() {
        let tricky = Item {
            id: "2611.00009".into(),
            title: "A \"quoted\"\ntwo-line\r\ntitle\u{2028}with a line separator".into(),
            tags: vec!["]}\n,{".into()],
        };
        let text = lines_of(std::slice::from_ref(&tricky));
        assert_eq!(text.lines().count(), 3);
        let parsed: File = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed.papers, vec![tricky]);
    }

    #[test]
    fn no_items_is_still_valid_json() {
        let parsed: File = serde_json::from_str(&lines_of(&[])).unwrap();
        assert!(parsed.papers.is_empty());
    }

    #[test]
    fn maps_get_one_entry_per_line_and_parse_back() {
        #[derive(Serialize)]
        struct IndexHeader {
            schema_version: u32,
            generation: u64,
        }
        let topics: BTreeMap<String, u32> = [("edge".into(), 3), ("npu".into(), 7)].into();
        let mut shards: BTreeMap<String, Item> = BTreeMap::new();
        shards.insert("2026-10".into(), item(10));
        shards.insert("2026-11".into(), item(11));
        let write = |shards: &BTreeMap<String, Item>| {
            let mut out = Vec::new();
            let header = IndexHeader {
                schema_version: 2,
                generation: 41,
            };
            let mut object = LinesObject::begin(&mut out, &header).unwrap();
            object.map("topics", &topics).unwrap();
            object.map("shards", shards).unwrap();
            object.end().unwrap();
            String::from_utf8(out).unwrap()
        };
        let before = write(&shards);
        let value: serde_json::Value = serde_json::from_str(&before).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"schema_version": 2, "generation": 41,
                "topics": topics, "shards": shards})
        );
        // Header and topics' opening, 2 topics, `},"shards":{`, 2 shards, `}}`.
        let lines: Vec<&str> = before.lines().collect();
        assert_eq!(lines.len(), 1 + 2 + 1 + 2 + 1);
        assert_eq!(lines[3], r#"},"shards":{"#);
        let mut changed = shards.clone();
        changed.insert("2026-11".into(), item(12));
        assert_eq!(diff_counts(&before, &write(&changed)), (1, 1));
    }

    #[test]
    fn an_empty_header_starts_the_object_with_the_first_section() {
        #[derive(Serialize)]
        struct Empty {}
        let mut out = Vec::new();
        write_lines(&mut out, &Empty {}, "papers", &[item(1)]).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["papers"][0]["id"], "2611.00001");
        assert!(out.starts_with(b"{\"papers\":[\n"));
    }

    #[test]
    fn keys_needing_escapes_are_escaped() {
        let mut out = Vec::new();
        write_lines(
            &mut out,
            &Header {
                schema_version: 2,
                shard: "x",
            },
            "pa\"pers",
            &[1, 2],
        )
        .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["pa\"pers"], serde_json::json!([1, 2]));
    }

    #[test]
    fn a_header_that_is_not_an_object_is_refused() {
        for header in [
            serde_json::json!("text"),
            serde_json::json!([1]),
            serde_json::json!(3),
        ] {
            let err = write_lines(Vec::new(), &header, "papers", &[1]).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
            assert!(
                err.to_string().contains("must serialise to an object"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_field_written_twice_is_refused() {
        let header = Header {
            schema_version: 2,
            shard: "x",
        };
        let err = write_lines(Vec::new(), &header, "shard", &[1]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line-oriented JSON: field \"shard\" written twice"
        );
        let mut object = LinesObject::begin(Vec::new(), &header).unwrap();
        object.array("papers", &[1]).unwrap();
        assert!(object.array("papers", &[2]).is_err());
    }
}
