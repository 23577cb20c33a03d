//! `--format json`: every field, for scripts (`jq`, notebooks).
//!
//! Text goes out verbatim: JSON string escaping already makes control
//! characters harmless, and scripts deserve the data as arXiv sent it.

use chrono::{DateTime, SecondsFormat, Utc};
use std::io::Write;

use serde::{Serialize, Serializer};

use crate::model::{CachedPaper, HfInfo};
use crate::triage::codelink::code_url;
use crate::triage::venue::{self, Venue};

/// One paper as scripts see it. A flat shape of its own rather than the cache
/// format, so the cache can change without breaking anyone's `jq` filter.
#[derive(Serialize)]
struct PaperJson<'a> {
    id: &'a str,
    version: u32,
    title: &'a str,
    /// Names only, in order: what nearly every consumer wants.
    authors: Vec<&'a str>,
    /// Parallel to `authors`: `affiliations[i]` belongs to `authors[i]`
    /// (usually empty; arXiv rarely has them).
    affiliations: Vec<&'a [String]>,
    #[serde(rename = "abstract")]
    summary: &'a str,
    published: Rfc3339,
    updated: Rfc3339,
    categories: &'a [String],
    primary_category: Option<&'a str>,
    comment: Option<&'a str>,
    journal_ref: Option<&'a str>,
    doi: Option<&'a str>,
    abs_url: &'a str,
    pdf_url: &'a str,
    code_url: Option<String>,
    /// Where the comment or journal ref says it was accepted or published.
    venue: Option<Venue>,
    topics: Vec<&'a str>,
    first_seen: Rfc3339,
    last_changed: Rfc3339,
    /// New versions fetches found, oldest first (`[]` for none).
    updates: Vec<UpdateJson>,
    /// What Hugging Face Daily Papers says; `null` for a paper it never listed.
    hf: Option<&'a HfInfo>,
}

#[derive(Serialize)]
struct UpdateJson {
    from: u32,
    from_submitted: Rfc3339,
    to: u32,
    to_submitted: Rfc3339,
    seen: Rfc3339,
}

/// A pretty-printed JSON array (`[]` when empty), without a trailing newline.
pub fn render_json(papers: &[&CachedPaper]) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(papers, &mut out)?;
    String::from_utf8(out).map_err(|err| serde_json::Error::io(std::io::Error::other(err)))
}

/// [`render_json`] streamed to `out`, one record at a time: a whole cache
/// never exists twice in memory. Large listings are rendered on two threads.
pub fn write_json(papers: &[&CachedPaper], out: &mut dyn Write) -> serde_json::Result<()> {
    let workers = render_workers();
    if papers.len() < PARALLEL_FROM || workers < 2 {
        let mut chunks = Chunked {
            buffer: Vec::with_capacity(Chunked::SIZE + 4096),
            out,
        };
        let mut serializer = serde_json::Serializer::pretty(&mut chunks);
        serializer.collect_seq(papers.iter().map(|cached| to_json_record(cached)))?;
        return chunks.flush().map_err(serde_json::Error::io);
    }
    write_json_parallel(papers, out, workers)
}

/// Threads a large listing renders on.
fn render_workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Below this many papers a listing renders on the calling thread.
const PARALLEL_FROM: usize = 4096;
/// Papers per rendered piece: large enough to amortise the hand-over, small
/// enough that the pieces in flight stay a few megabytes.
const PIECE: usize = 512;

/// The same bytes as the serial path: `[`, then each element as serde's
/// pretty printer indents it inside an array, `,` between them, `\n]`.
/// Worker `w` renders pieces `w`, `w + workers`, ...; the calling thread
/// writes them in order, so at most two pieces per worker are in memory.
fn write_json_parallel(
    papers: &[&CachedPaper],
    out: &mut dyn Write,
    workers: usize,
) -> serde_json::Result<()> {
    out.write_all(b"[").map_err(serde_json::Error::io)?;
    write_elements(papers, true, out, workers)?;
    out.write_all(b"\n]").map_err(serde_json::Error::io)
}

/// The elements of [`write_json_parallel`]'s array, each with the separator
/// before it (`first`: the array's first element, which has none).
fn write_elements(
    papers: &[&CachedPaper],
    first: bool,
    out: &mut dyn Write,
    workers: usize,
) -> serde_json::Result<()> {
    let pieces: Vec<&[&CachedPaper]> = papers.chunks(PIECE).collect();
    std::thread::scope(|scope| {
        let mut inboxes = Vec::with_capacity(workers);
        let mut returns = Vec::with_capacity(workers);
        for worker in 0..workers {
            let (sender, inbox) = std::sync::mpsc::sync_channel::<serde_json::Result<Vec<u8>>>(2);
            // Written pieces go back to their worker: fresh megabytes for
            // every piece would cost more in page faults than rendering.
            let (give_back, recycled) = std::sync::mpsc::channel::<Vec<u8>>();
            inboxes.push(inbox);
            returns.push(give_back);
            let pieces = &pieces;
            scope.spawn(move || {
                for (index, piece) in pieces.iter().enumerate().skip(worker).step_by(workers) {
                    let mut bytes = recycled.try_recv().unwrap_or_default();
                    bytes.clear();
                    let rendered =
                        render_piece(piece, first && index == 0, &mut bytes).map(|()| bytes);
                    // A closed channel means the writer stopped (a closed
                    // pipe): stop too.
                    if sender.send(rendered).is_err() {
                        break;
                    }
                }
            });
        }
        for index in 0..pieces.len() {
            let piece = inboxes[index % workers]
                .recv()
                .map_err(|err| serde_json::Error::io(std::io::Error::other(err)))??;
            out.write_all(&piece).map_err(serde_json::Error::io)?;
            let _ = returns[index % workers].send(piece);
        }
        Ok(())
        // Leaving the scope drops the inboxes, so workers blocked on a full
        // channel wake up with an error and finish.
    })
}

/// [`write_json`] a batch at a time, for listings read a shard at a time:
/// the same bytes as one call with every batch's papers in order.
pub struct JsonArrayWriter<'a> {
    out: &'a mut dyn Write,
    written: usize,
}

impl<'a> JsonArrayWriter<'a> {
    pub fn new(out: &'a mut dyn Write) -> Self {
        JsonArrayWriter { out, written: 0 }
    }

    pub fn write(&mut self, papers: &[&CachedPaper]) -> serde_json::Result<()> {
        if papers.is_empty() {
            return Ok(());
        }
        if self.written == 0 {
            self.out.write_all(b"[").map_err(serde_json::Error::io)?;
        }
        let workers = render_workers();
        let first = self.written == 0;
        if papers.len() < PIECE || workers < 2 {
            let mut bytes = Vec::new();
            render_piece(papers, first, &mut bytes)?;
            self.out.write_all(&bytes).map_err(serde_json::Error::io)?;
        } else {
            write_elements(papers, first, self.out, workers)?;
        }
        self.written += papers.len();
        Ok(())
    }

    /// Closes the array (`[]` when nothing was written).
    pub fn finish(self) -> serde_json::Result<()> {
        let end: &[u8] = if self.written == 0 { b"[]" } else { b"\n]" };
        self.out.write_all(end).map_err(serde_json::Error::io)
    }
}

/// Elements of one piece, each preceded by its separator and indented one
/// level as inside the array.
fn render_piece(
    piece: &[&CachedPaper],
    first: bool,
    bytes: &mut Vec<u8>,
) -> serde_json::Result<()> {
    let mut element = Vec::with_capacity(4096);
    for (offset, cached) in piece.iter().enumerate() {
        bytes.extend_from_slice(if first && offset == 0 {
            b"\n  "
        } else {
            b",\n  "
        });
        element.clear();
        serde_json::to_writer_pretty(&mut element, &to_json_record(cached))?;
        // Newlines only ever separate tokens (strings escape theirs).
        for line in element.split_inclusive(|&byte| byte == b'\n') {
            bytes.extend_from_slice(line);
            if line.ends_with(b"\n") {
                bytes.extend_from_slice(b"  ");
            }
        }
    }
    Ok(())
}

/// The serializer writes a token at a time; through `dyn Write` each is a
/// call. Collecting them in a concrete `Vec` and passing on large chunks
/// roughly halves the cost of printing a whole cache.
struct Chunked<'a> {
    buffer: Vec<u8>,
    out: &'a mut dyn Write,
}

impl Chunked<'_> {
    const SIZE: usize = 1 << 16;
}

impl Write for Chunked<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::SIZE {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.write(bytes).map(drop)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        self.out.flush()
    }
}

/// Like [`render_json`], each object followed by the fields of the
/// `extra` paired with its paper: the listing's relevance score, or a search
/// hit's score and snippet.
pub fn render_json_with<E: Serialize>(papers: &[(&CachedPaper, E)]) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json_with(papers, &mut out)?;
    String::from_utf8(out).map_err(|err| serde_json::Error::io(std::io::Error::other(err)))
}

/// [`render_json_with`] streamed to `out`, as [`write_json`].
pub fn write_json_with<E: Serialize>(
    papers: &[(&CachedPaper, E)],
    out: &mut dyn Write,
) -> serde_json::Result<()> {
    #[derive(Serialize)]
    struct Extended<'a, E> {
        #[serde(flatten)]
        paper: PaperJson<'a>,
        #[serde(flatten)]
        extra: &'a E,
    }
    let mut chunks = Chunked {
        buffer: Vec::with_capacity(Chunked::SIZE + 4096),
        out,
    };
    let mut serializer = serde_json::Serializer::pretty(&mut chunks);
    serializer.collect_seq(papers.iter().map(|(cached, extra)| Extended {
        paper: to_json_record(cached),
        extra,
    }))?;
    chunks.flush().map_err(serde_json::Error::io)
}

/// One paper as a pretty-printed object, shaped exactly like an element of
/// [`render_json`]'s array (`papers show --format json`).
pub fn render_json_object(cached: &CachedPaper) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&to_json_record(cached))
}

fn to_json_record(cached: &CachedPaper) -> PaperJson<'_> {
    let paper = &cached.paper;
    PaperJson {
        id: &paper.id,
        version: paper.version,
        title: &paper.title,
        authors: paper.authors.iter().map(|a| a.name.as_str()).collect(),
        affiliations: paper
            .authors
            .iter()
            .map(|a| a.affiliations.as_slice())
            .collect(),
        summary: &paper.summary,
        published: rfc3339(paper.published),
        updated: rfc3339(paper.updated),
        categories: &paper.categories,
        primary_category: paper.primary_category.as_deref(),
        comment: paper.comment.as_deref(),
        journal_ref: paper.journal_ref.as_deref(),
        doi: paper.dois.first().map(String::as_str),
        abs_url: &paper.abs_url,
        pdf_url: &paper.pdf_url,
        code_url: code_url(cached),
        venue: venue::of_paper(paper),
        topics: cached.topics.iter().map(String::as_str).collect(),
        first_seen: rfc3339(cached.first_seen),
        last_changed: rfc3339(cached.last_changed),
        updates: cached
            .updates
            .iter()
            .map(|update| UpdateJson {
                from: update.from,
                from_submitted: rfc3339(update.from_submitted),
                to: update.to,
                to_submitted: rfc3339(update.to_submitted),
                seen: rfc3339(update.seen),
            })
            .collect(),
        hf: cached.hf.as_ref(),
    }
}

/// `2025-09-27T10:30:00Z`: whole seconds, as arXiv gives them, and `Z`
/// rather than `+00:00`, as most tools print UTC.
fn rfc3339(time: DateTime<Utc>) -> Rfc3339 {
    Rfc3339(time)
}

/// A time serialised as [`rfc3339`] says, without building a `String`:
/// chrono's general formatter was a tenth of printing a whole cache.
struct Rfc3339(DateTime<Utc>);

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use chrono::{Datelike, Timelike};
        let time = self.0;
        let year = time.year();
        if !(0..=9999).contains(&year) {
            return serializer.serialize_str(&time.to_rfc3339_opts(SecondsFormat::Secs, true));
        }
        let mut text = *b"0000-00-00T00:00:00Z";
        let mut put = |at: usize, value: u32, digits: usize| {
            let mut value = value;
            for i in (0..digits).rev() {
                text[at + i] = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(0, year.unsigned_abs(), 4);
        put(5, time.month(), 2);
        put(8, time.day(), 2);
        put(11, time.hour(), 2);
        put(14, time.minute(), 2);
        put(17, time.second(), 2);
        match std::str::from_utf8(&text) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => serializer.serialize_str(&time.to_rfc3339_opts(SecondsFormat::Secs, true)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample;
    use serde_json::{Value, json};

    fn parsed(papers: &[&CachedPaper]) -> Value {
        let text = render_json(papers).expect("serialisable");
        serde_json::from_str(&text).expect("valid JSON")
    }

    #[test]
    fn empty_list_is_an_empty_array() {
        assert_eq!(render_json(&[]).expect("serialisable"), "[]");
    }

    #[test]
    fn every_field_round_trips() {
        let mut cached = sample(
            "2509.23324",
            "Scaling \"LLM\" Test-Time Compute",
            "Code at https://github.com/foo/bar.\n\nSecond paragraph.",
        );
        cached.paper.version = 2;
        cached.paper.authors[0].affiliations = vec!["Analytical Society".into()];
        cached.paper.comment = Some("12 pages".into());
        cached.paper.dois = vec!["10.1000/xyz".into(), "10.1000/other".into()];
        cached.topics.insert("edge".into());

        let value = parsed(&[&cached]);
        let record = &value[0];
        assert_eq!(value.as_array().map(Vec::len), Some(1));
        assert_eq!(record["id"], "2509.23324");
        assert_eq!(record["version"], 2);
        assert_eq!(record["title"], "Scaling \"LLM\" Test-Time Compute");
        assert_eq!(
            record["authors"],
            json!(["Ada Lovelace", "Charles Babbage"])
        );
        assert_eq!(record["affiliations"], json!([["Analytical Society"], []]));
        assert_eq!(
            record["abstract"],
            "Code at https://github.com/foo/bar.\n\nSecond paragraph."
        );
        assert_eq!(record["published"], "2025-09-27T10:30:00Z");
        assert_eq!(record["updated"], "2025-09-27T10:30:00Z");
        assert_eq!(record["categories"], json!(["cs.DC", "cs.AI"]));
        assert_eq!(record["primary_category"], "cs.DC");
        assert_eq!(record["comment"], "12 pages");
        assert_eq!(record["journal_ref"], Value::Null);
        assert_eq!(record["doi"], "10.1000/xyz");
        assert_eq!(record["abs_url"], "http://arxiv.org/abs/2509.23324v1");
        assert_eq!(record["pdf_url"], "http://arxiv.org/pdf/2509.23324v1");
        assert_eq!(record["code_url"], "https://github.com/foo/bar");
        assert_eq!(record["venue"], Value::Null, "`12 pages` names no venue");
        assert_eq!(record["topics"], json!(["edge", "npu"]));
        assert_eq!(record["first_seen"], "2025-09-29T06:00:00Z");
        assert_eq!(record["last_changed"], "2025-09-29T06:00:00Z");
    }

    #[test]
    fn venue_is_read_from_the_comment() {
        let mut cached = sample("2509.23324", "T", "A");
        cached.paper.comment = Some("Accepted by DAC'25, 6 pages".into());
        let record = &parsed(&[&cached])[0];
        assert_eq!(
            record["venue"],
            json!({"name": "DAC", "year": 2025, "status": "accepted", "matched": "DAC'25"})
        );
    }

    #[test]
    fn missing_optional_fields_are_null_not_absent() {
        let cached = sample("2509.00001", "T", "No links.");
        let record = &parsed(&[&cached])[0];
        for field in ["comment", "journal_ref", "doi", "code_url", "venue"] {
            assert_eq!(record.get(field), Some(&Value::Null), "{field}");
        }
    }

    #[test]
    fn control_characters_survive_escaped() {
        let cached = sample("2509.00002", "Bad \u{1b}[31mred\u{7} title", "x");
        let text = render_json(&[&cached]).expect("serialisable");
        assert!(
            !text.contains('\u{1b}'),
            "raw ESC must not reach the output"
        );
        assert!(text.contains(r"\u001b[31m"));
        assert_eq!(
            parsed(&[&cached])[0]["title"],
            "Bad \u{1b}[31mred\u{7} title"
        );
    }

    #[test]
    fn extra_fields_follow_the_paper_fields() {
        #[derive(Serialize)]
        struct Extra {
            score: u8,
        }
        let a = sample("2509.00001", "A", "x");
        let text = render_json_with(&[(&a, Extra { score: 42 })]).expect("serialisable");
        let value: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value[0]["score"], 42);
        assert_eq!(value[0]["id"], "2509.00001");
        assert!(
            text.find("\"last_changed\"") < text.find("\"score\""),
            "{text}"
        );
        let plain = parsed(&[&a]);
        let mut extended = value[0].clone();
        extended.as_object_mut().map(|o| o.remove("score"));
        assert_eq!(extended, plain[0]);
    }

    #[test]
    fn order_is_kept() {
        let a = sample("2509.00001", "A", "x");
        let b = sample("2509.00002", "B", "x");
        let value = parsed(&[&b, &a]);
        assert_eq!(value[0]["id"], "2509.00002");
        assert_eq!(value[1]["id"], "2509.00001");
    }

    #[test]
    fn times_print_as_chrono_prints_them() {
        use chrono::TimeZone;
        for (y, mo, d, h, mi, se) in [
            (2026, 11, 23, 9, 5, 7),
            (1999, 1, 1, 0, 0, 0),
            (2000, 2, 29, 23, 59, 59),
            (12, 3, 4, 5, 6, 7),
        ] {
            let time = Utc
                .with_ymd_and_hms(y, mo, d, h, mi, se)
                .single()
                .expect("valid time");
            let ours = serde_json::to_string(&Rfc3339(time)).expect("serialises");
            let chrono = format!("\"{}\"", time.to_rfc3339_opts(SecondsFormat::Secs, true));
            assert_eq!(ours, chrono);
        }
    }

    #[test]
    fn an_array_written_in_batches_is_the_array_written_at_once() {
        let papers: Vec<CachedPaper> = (0..PIECE * 3 + 11)
            .map(|n| sample(&format!("2611.{n:05}"), "Title", "One.\n\nTwo."))
            .collect();
        let refs: Vec<&CachedPaper> = papers.iter().collect();
        let at_once = render_json(&refs).expect("renders");
        // Empty batches, one small one, one above a piece, the rest.
        for cuts in [vec![], vec![0, 0, 1, 5, 5 + PIECE + 3], vec![PIECE * 2]] {
            let mut bytes = Vec::new();
            let mut array = JsonArrayWriter::new(&mut bytes);
            let mut start = 0;
            for cut in cuts.into_iter().chain([refs.len()]) {
                array.write(&refs[start..cut]).expect("renders");
                start = cut;
            }
            array.finish().expect("renders");
            assert_eq!(String::from_utf8_lossy(&bytes), at_once);
        }
        let mut empty = Vec::new();
        JsonArrayWriter::new(&mut empty).finish().expect("renders");
        assert_eq!(empty, render_json(&[]).expect("renders").into_bytes());
    }

    #[test]
    fn large_listings_render_the_same_bytes_on_several_threads() {
        let papers: Vec<CachedPaper> = (0..PARALLEL_FROM + PIECE + 7)
            .map(|n| {
                let mut paper = sample(
                    &format!("2611.{n:05}"),
                    "Title \"quoted\"",
                    "Line one.\n\nTwo.",
                );
                paper.paper.version = 1 + (n % 3) as u32;
                paper
            })
            .collect();
        let refs: Vec<&CachedPaper> = papers.iter().collect();
        let mut parallel = Vec::new();
        write_json_parallel(&refs, &mut parallel, 3).expect("renders");
        let serial = serde_json::to_vec_pretty(
            &refs
                .iter()
                .map(|cached| to_json_record(cached))
                .collect::<Vec<_>>(),
        )
        .expect("renders");
        assert_eq!(
            String::from_utf8_lossy(&parallel),
            String::from_utf8_lossy(&serial)
        );
    }
}
