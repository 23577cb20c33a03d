//! The search segment file, `search/<shard stem>.idx`: one shard's papers
//! as search reads them, in a small binary format of papers' own.
//!
//! ```text
//! header   MAGIC (8 bytes) | FORMAT_VERSION u32 | body length u64 | checksum u64
//! body     shard file name (str) | shard byte length | papers | labels: count, str…
//!          terms T | T+1 u32 text offsets | T u32 term ids | the term texts
//!          records: byte length, then one record per paper
//! record   byte length | id (str) | JSON start, JSON length (in the shard file)
//!          published secs (zigzag), nanos | first seen secs (zigzag), nanos
//!          topics: count, label… | categories: count, label…
//!          4 word counts (title, abstract, authors, comment)
//!          4 term streams: entry count, then the term ids, each u16 (u32
//!          when the shard has more than 65,535 terms)
//! ```
//!
//! Numbers are LEB128 varints and strings a varint length then UTF-8,
//! except the dictionary's two tables, fixed-width little-endian so a term
//! is found by binary search without decoding the dictionary, and the term
//! ids: fixed width reads four times faster than varints (whose one- or
//! two-byte lengths defeat branch prediction) for about a third more bytes.
//! The texts are in byte order; term ids are given by frequency, most
//! frequent first. Term 0 in an authors stream is [`AUTHOR_BOUNDARY`]. The
//! checksum covers the body: a damaged file is rebuilt, never believed.

use std::ops::Range;

use chrono::{DateTime, Utc};

/// The first bytes of every segment file.
pub const MAGIC: [u8; 8] = *b"papersix";
/// Bumped whenever the layout or what it means changes: another version is
/// rebuilt, whichever binary wrote it.
pub const FORMAT_VERSION: u32 = 1;
/// Fields per paper, in the search's order: title, abstract, authors,
/// comment.
pub const FIELDS: usize = 4;
/// The entry between two author names in the authors stream: no term has
/// this id, so a phrase never matches across it.
pub const AUTHOR_BOUNDARY: u32 = 0;

const HEADER_LEN: usize = MAGIC.len() + 4 + 8 + 8;

/// Why a segment cannot be used; the caller rebuilds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt(pub &'static str);

/// A decoded segment: the file's bytes and where its sections lie.
#[derive(Debug, Clone)]
pub struct Segment {
    bytes: Vec<u8>,
    shard_file: Range<usize>,
    shard_len: u64,
    papers: usize,
    labels: Vec<Range<usize>>,
    terms: usize,
    /// Bytes per term id in the streams: 2, or 4 past 65,535 terms.
    term_width: usize,
    text_offsets: usize,
    term_ids: usize,
    texts: usize,
    records: Range<usize>,
}

impl Segment {
    /// Checks the header and checksum and finds the sections; records are
    /// decoded (and checked) as they are read.
    pub fn decode(bytes: Vec<u8>) -> Result<Segment, Corrupt> {
        if bytes.len() < HEADER_LEN || bytes[..MAGIC.len()] != MAGIC {
            return Err(Corrupt("not a papers search segment"));
        }
        let mut header = Reader::new(&bytes, MAGIC.len()..HEADER_LEN);
        if header.u32_le()? != FORMAT_VERSION {
            return Err(Corrupt("another format version"));
        }
        let body_len = header.u64_le()?;
        let checksum = header.u64_le()?;
        if u64::try_from(bytes.len() - HEADER_LEN).ok() != Some(body_len) {
            return Err(Corrupt("truncated or extended"));
        }
        if self::checksum(&bytes[HEADER_LEN..]) != checksum {
            return Err(Corrupt("checksum mismatch"));
        }
        let mut body = Reader::new(&bytes, HEADER_LEN..bytes.len());
        let shard_file = body.str_range()?;
        let shard_len = body.varint()?;
        let papers = body.count()?;
        let label_count = body.count()?;
        let labels = (0..label_count)
            .map(|_| body.str_range())
            .collect::<Result<Vec<_>, _>>()?;
        let terms = body.count()?;
        let term_width = term_width(terms);
        let table = |rows: usize| rows.checked_mul(4).ok_or(TOO_LARGE);
        let text_offsets = body.skip(table(terms.checked_add(1).ok_or(TOO_LARGE)?)?)?;
        let term_ids = body.skip(table(terms)?)?;
        let texts_len = u32_at(&bytes, text_offsets + terms * 4)
            .ok_or(Corrupt("the term texts are cut short"))?;
        let texts = body.skip(texts_len as usize)?;
        let records_len = body.count()?;
        let records_start = body.skip(records_len)?;
        if body.position != bytes.len() {
            return Err(Corrupt("bytes after the records"));
        }
        Ok(Segment {
            shard_file,
            shard_len,
            papers,
            labels,
            terms,
            term_width,
            text_offsets,
            term_ids,
            texts,
            records: records_start..records_start + records_len,
            bytes,
        })
    }

    /// The file's bytes, as written.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes back, to read the next segment into (fresh memory costs
    /// a page fault per page).
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The shard file (inside `shards/`) this was built from.
    pub fn shard_file(&self) -> &str {
        std::str::from_utf8(&self.bytes[self.shard_file.clone()]).unwrap_or("")
    }

    /// That shard file's length when this was built.
    pub fn shard_len(&self) -> u64 {
        self.shard_len
    }

    #[cfg(test)]
    pub fn paper_count(&self) -> usize {
        self.papers
    }

    /// Term ids run from 1 to this.
    pub fn term_count(&self) -> usize {
        self.terms
    }

    /// The id of the term whose text is `text`, if any paper has it.
    pub fn term(&self, text: &str) -> Option<u32> {
        let (mut low, mut high) = (0, self.terms);
        while low < high {
            let middle = low + (high - low) / 2;
            let here = self.term_text(middle)?;
            match here.cmp(text.as_bytes()) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => {
                    return u32_at(&self.bytes, self.term_ids + middle * 4);
                }
            }
        }
        None
    }

    /// The text of the `rank`-th term in byte order.
    fn term_text(&self, rank: usize) -> Option<&[u8]> {
        let start = u32_at(&self.bytes, self.text_offsets + rank * 4)? as usize;
        let end = u32_at(&self.bytes, self.text_offsets + (rank + 1) * 4)? as usize;
        self.bytes.get(self.texts + start..self.texts + end)
    }

    /// Label `id` (a topic or category name); ids were checked when their
    /// record was read.
    fn label(&self, id: u64) -> &str {
        usize::try_from(id)
            .ok()
            .and_then(|id| self.labels.get(id))
            .and_then(|range| std::str::from_utf8(&self.bytes[range.clone()]).ok())
            .unwrap_or("")
    }

    /// The papers' records, in shard order; as many as the header says, or
    /// an error.
    pub fn records(&self) -> Records<'_> {
        Records {
            segment: self,
            reader: Reader::new(&self.bytes, self.records.clone()),
            left: self.papers,
        }
    }
}

/// The records of a segment, each decoded as it is reached.
pub struct Records<'s> {
    segment: &'s Segment,
    reader: Reader<'s>,
    /// Records the header promises that are not read yet.
    left: usize,
}

impl<'s> Iterator for Records<'s> {
    type Item = Result<Record<'s>, Corrupt>;

    fn next(&mut self) -> Option<Self::Item> {
        let at_end = self.reader.position >= self.reader.end;
        let record = match (at_end, self.left) {
            (true, 0) => return None,
            (true, _) => Err(Corrupt("fewer records than the header counts")),
            (false, 0) => Err(Corrupt("more records than the header counts")),
            (false, _) => Record::read(self.segment, &mut self.reader),
        };
        self.left = self.left.saturating_sub(1);
        if record.is_err() {
            // One error ends the walk.
            self.reader.position = self.reader.end;
            self.left = 0;
        }
        Some(record)
    }
}

/// One paper as the segment holds it.
#[derive(Debug, Clone)]
pub struct Record<'s> {
    segment: &'s Segment,
    pub id: &'s str,
    /// Its JSON object's bytes in the shard file.
    pub json: Range<u64>,
    pub published: DateTime<Utc>,
    pub first_seen: DateTime<Utc>,
    /// Words per field.
    pub lengths: [u32; FIELDS],
    topics: Range<usize>,
    categories: Range<usize>,
    streams: Range<usize>,
}

impl<'s> Record<'s> {
    fn read(segment: &'s Segment, reader: &mut Reader<'s>) -> Result<Record<'s>, Corrupt> {
        let len = reader.count()?;
        let body = reader.skip(len)?;
        let end = body + len;
        let mut fields = Reader::new(reader.bytes, body..end);
        let id = fields.str()?;
        let json_start = fields.varint()?;
        let json_len = fields.varint()?;
        let published = fields.time()?;
        let first_seen = fields.time()?;
        let topics = fields.labels(segment.labels.len())?;
        let categories = fields.labels(segment.labels.len())?;
        let mut lengths = [0; FIELDS];
        for length in &mut lengths {
            *length = u32::try_from(fields.varint()?).map_err(|_| TOO_LARGE)?;
        }
        Ok(Record {
            segment,
            id,
            json: json_start..json_start.checked_add(json_len).ok_or(TOO_LARGE)?,
            published,
            first_seen,
            lengths,
            topics,
            categories,
            streams: fields.position..end,
        })
    }

    /// Its topics' names.
    pub fn topics(&self) -> impl Iterator<Item = &'s str> + Clone + 's {
        self.label_names(self.topics.clone())
    }

    /// Its categories, primary first.
    pub fn categories(&self) -> impl Iterator<Item = &'s str> + Clone + 's {
        self.label_names(self.categories.clone())
    }

    fn label_names(&self, list: Range<usize>) -> impl Iterator<Item = &'s str> + Clone + 's {
        let segment = self.segment;
        let mut reader = Reader::new(&segment.bytes, list);
        std::iter::from_fn(move || {
            (reader.position < reader.end)
                .then(|| reader.varint().map(|id| segment.label(id)).ok())
                .flatten()
        })
    }

    /// The four term streams, in field order; the last one ends the record.
    pub fn streams(&self) -> Streams<'s> {
        Streams {
            reader: Reader::new(&self.segment.bytes, self.streams.clone()),
            width: self.segment.term_width,
        }
    }
}

/// The term streams of one record, one field after the other.
pub struct Streams<'s> {
    reader: Reader<'s>,
    /// Bytes per term id.
    width: usize,
}

impl Streams<'_> {
    /// The next field's term ids, into `terms` (cleared first). Read each
    /// field in turn; [`finish`](Self::finish) after the last. The ids are
    /// not checked against the dictionary: look them up with `get`.
    pub fn next_field(&mut self, terms: &mut Vec<u32>) -> Result<(), Corrupt> {
        let entries = self.reader.count()?;
        let len = entries.checked_mul(self.width).ok_or(TOO_LARGE)?;
        let start = self
            .reader
            .skip(len)
            .map_err(|_| Corrupt("a term stream is cut short"))?;
        let bytes = &self.reader.bytes[start..start + len];
        terms.clear();
        // Fixed width, no branch per id: this loop runs over every word of
        // every paper searched.
        if self.width == 2 {
            terms.extend(
                bytes
                    .chunks_exact(2)
                    .map(|id| u32::from(u16::from_le_bytes([id[0], id[1]]))),
            );
        } else {
            terms.extend(
                bytes
                    .chunks_exact(4)
                    .map(|id| u32::from_le_bytes([id[0], id[1], id[2], id[3]])),
            );
        }
        Ok(())
    }

    /// Whether the streams filled the record exactly.
    pub fn finish(&self) -> Result<(), Corrupt> {
        if self.reader.position == self.reader.end {
            Ok(())
        } else {
            Err(Corrupt("bytes after the term streams"))
        }
    }
}

const TOO_LARGE: Corrupt = Corrupt("a number out of range");

/// A bounds-checked cursor over `bytes[position..end]`.
#[derive(Debug, Clone)]
struct Reader<'b> {
    bytes: &'b [u8],
    position: usize,
    end: usize,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8], range: Range<usize>) -> Self {
        Reader {
            bytes,
            position: range.start,
            end: range.end.min(bytes.len()),
        }
    }

    fn varint(&mut self) -> Result<u64, Corrupt> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            if self.position >= self.end {
                return Err(Corrupt("a number is cut short"));
            }
            let byte = self.bytes[self.position];
            self.position += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(Corrupt("a number too long"))
    }

    fn count(&mut self) -> Result<usize, Corrupt> {
        usize::try_from(self.varint()?).map_err(|_| TOO_LARGE)
    }

    /// Skips `len` bytes; where they start.
    fn skip(&mut self, len: usize) -> Result<usize, Corrupt> {
        let start = self.position;
        match start.checked_add(len) {
            Some(end) if end <= self.end => {
                self.position = end;
                Ok(start)
            }
            _ => Err(Corrupt("a section is cut short")),
        }
    }

    fn str_range(&mut self) -> Result<Range<usize>, Corrupt> {
        let len = self.count()?;
        let start = self.skip(len)?;
        std::str::from_utf8(&self.bytes[start..start + len])
            .map_err(|_| Corrupt("a string is not UTF-8"))?;
        Ok(start..start + len)
    }

    fn str(&mut self) -> Result<&'b str, Corrupt> {
        let range = self.str_range()?;
        std::str::from_utf8(&self.bytes[range]).map_err(|_| Corrupt("a string is not UTF-8"))
    }

    fn time(&mut self) -> Result<DateTime<Utc>, Corrupt> {
        let secs = unzigzag(self.varint()?);
        let nanos = u32::try_from(self.varint()?).map_err(|_| TOO_LARGE)?;
        DateTime::from_timestamp(secs, nanos).ok_or(Corrupt("a time out of range"))
    }

    /// A label list (count, then ids below `labels`), checked and skipped:
    /// its range.
    fn labels(&mut self, labels: usize) -> Result<Range<usize>, Corrupt> {
        let count = self.count()?;
        let start = self.position;
        for _ in 0..count {
            if usize::try_from(self.varint()?).map_or(true, |id| id >= labels) {
                return Err(Corrupt("a label out of range"));
            }
        }
        Ok(start..self.position)
    }

    fn u32_le(&mut self) -> Result<u32, Corrupt> {
        let start = self.skip(4)?;
        u32_at(self.bytes, start).ok_or(Corrupt("cut short"))
    }

    fn u64_le(&mut self) -> Result<u64, Corrupt> {
        let start = self.skip(8)?;
        let mut word = [0u8; 8];
        word.copy_from_slice(&self.bytes[start..start + 8]);
        Ok(u64::from_le_bytes(word))
    }
}

/// Two bytes per term id while they fit (nearly every shard), else four.
fn term_width(terms: usize) -> usize {
    if terms <= usize::from(u16::MAX) { 2 } else { 4 }
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let slice = bytes.get(at..at.checked_add(4)?)?;
    let mut word = [0u8; 4];
    word.copy_from_slice(slice);
    Some(u32::from_le_bytes(word))
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

/// A fast 64-bit checksum: four independent multiply-xor lanes over 8-byte
/// words, so it runs at memory speed. Each step is a bijection of the lane
/// for a given word, so changing any one word always changes the result.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes = [1u64, 2, 3, 4];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            *lane = (*lane ^ u64::from_le_bytes(eight))
                .wrapping_mul(K)
                .rotate_left(31);
        }
    }
    let mut tail = [0u8; 32];
    let rest = blocks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    for (lane, word) in lanes.iter_mut().zip(tail.chunks_exact(8)) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        *lane = (*lane ^ u64::from_le_bytes(eight))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    lanes.iter().fold(bytes.len() as u64, |sum, &lane| {
        (sum ^ lane).wrapping_mul(K).rotate_left(27)
    })
}

/// Writes a segment's bytes.
pub(super) struct Writer {
    body: Vec<u8>,
    width: usize,
}

/// One paper's record, for [`Writer`].
pub(super) struct RecordInput<'a> {
    pub id: &'a str,
    pub json: Range<usize>,
    pub published: DateTime<Utc>,
    pub first_seen: DateTime<Utc>,
    pub topics: Vec<u32>,
    pub categories: Vec<u32>,
    pub lengths: [u32; FIELDS],
    pub streams: [&'a [u32]; FIELDS],
}

impl Writer {
    /// Starts a segment for `shard_file` of `shard_len` bytes with these
    /// labels and term texts (`terms[i]` has id `i + 1`).
    pub fn new(
        shard_file: &str,
        shard_len: u64,
        papers: usize,
        labels: &[&str],
        terms: &[&str],
    ) -> Result<Writer, Corrupt> {
        let mut body = Vec::new();
        put_str(&mut body, shard_file);
        put_varint(&mut body, shard_len);
        put_varint(&mut body, papers as u64);
        put_varint(&mut body, labels.len() as u64);
        for label in labels {
            put_str(&mut body, label);
        }
        put_varint(&mut body, terms.len() as u64);
        let width = term_width(terms.len());
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_unstable_by_key(|&i| terms[i].as_bytes());
        let mut offset = 0u32;
        for &i in order.iter().chain([&usize::MAX]) {
            body.extend_from_slice(&offset.to_le_bytes());
            if let Some(term) = terms.get(i) {
                offset = u32::try_from(term.len())
                    .ok()
                    .and_then(|len| offset.checked_add(len))
                    .ok_or(TOO_LARGE)?;
            }
        }
        for &i in &order {
            let id = u32::try_from(i + 1).map_err(|_| TOO_LARGE)?;
            body.extend_from_slice(&id.to_le_bytes());
        }
        for &i in &order {
            body.extend_from_slice(terms[i].as_bytes());
        }
        Ok(Writer { body, width })
    }

    /// Ends the segment with `records` and returns its file bytes.
    pub fn finish(mut self, records: &[RecordInput<'_>]) -> Vec<u8> {
        let mut all = Vec::new();
        let mut record = Vec::new();
        for input in records {
            record.clear();
            put_str(&mut record, input.id);
            put_varint(&mut record, input.json.start as u64);
            put_varint(&mut record, input.json.len() as u64);
            for time in [input.published, input.first_seen] {
                put_varint(&mut record, zigzag(time.timestamp()));
                put_varint(&mut record, u64::from(time.timestamp_subsec_nanos()));
            }
            for labels in [&input.topics, &input.categories] {
                put_varint(&mut record, labels.len() as u64);
                for &label in labels {
                    put_varint(&mut record, u64::from(label));
                }
            }
            for &length in &input.lengths {
                put_varint(&mut record, u64::from(length));
            }
            for stream in input.streams {
                put_varint(&mut record, stream.len() as u64);
                for &term in stream {
                    record.extend_from_slice(&term.to_le_bytes()[..self.width]);
                }
            }
            put_varint(&mut all, record.len() as u64);
            all.extend_from_slice(&record);
        }
        put_varint(&mut self.body, all.len() as u64);
        self.body.extend_from_slice(&all);
        let mut bytes = Vec::with_capacity(HEADER_LEN + self.body.len());
        bytes.extend_from_slice(&MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(self.body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&checksum(&self.body).to_le_bytes());
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        sample_counting(2)
    }

    /// The sample's two records under a header that counts `papers`.
    fn sample_counting(papers: usize) -> Vec<u8> {
        let writer = Writer::new(
            "2024-03.g7.json",
            1234,
            papers,
            &["npu", "cs.AR"],
            &["the", "npu", "über"],
        )
        .expect("writer");
        let published = DateTime::from_timestamp(1_700_000_000, 5).expect("time");
        let before = DateTime::from_timestamp(-86_400, 0).expect("time");
        writer.finish(&[
            RecordInput {
                id: "2403.00001",
                json: 40..400,
                published,
                first_seen: published,
                topics: vec![0],
                categories: vec![1],
                lengths: [2, 1, 2, 0],
                streams: [&[1, 2], &[3], &[2, AUTHOR_BOUNDARY, 1], &[]],
            },
            RecordInput {
                id: "2403.00002",
                json: 401..900,
                published: before,
                first_seen: published,
                topics: vec![],
                categories: vec![1, 1],
                lengths: [0; FIELDS],
                streams: [&[], &[], &[], &[]],
            },
        ])
    }

    #[test]
    fn a_segment_reads_back_what_was_written() {
        let segment = Segment::decode(sample()).expect("decodes");
        assert_eq!(segment.shard_file(), "2024-03.g7.json");
        assert_eq!((segment.shard_len(), segment.paper_count()), (1234, 2));
        assert_eq!(segment.term_count(), 3);
        assert_eq!(
            ["the", "npu", "über", "np", "zzz", ""].map(|t| segment.term(t)),
            [Some(1), Some(2), Some(3), None, None, None]
        );
        let records: Vec<Record<'_>> = segment
            .records()
            .collect::<Result<_, _>>()
            .expect("records");
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!((first.id, first.json.clone()), ("2403.00001", 40..400));
        assert_eq!(first.published.timestamp_subsec_nanos(), 5);
        assert_eq!(first.lengths, [2, 1, 2, 0]);
        assert_eq!(first.topics().collect::<Vec<_>>(), ["npu"]);
        let mut streams = first.streams();
        let mut all = Vec::new();
        for _ in 0..FIELDS {
            let mut terms = Vec::new();
            streams.next_field(&mut terms).expect("field");
            all.push(terms);
        }
        streams.finish().expect("exact");
        assert_eq!(all, [vec![1, 2], vec![3], vec![2, 0, 1], vec![]]);
        let second = &records[1];
        assert_eq!(second.id, "2403.00002");
        assert_eq!(second.published.timestamp(), -86_400);
        assert_eq!(second.categories().collect::<Vec<_>>(), ["cs.AR", "cs.AR"]);
    }

    /// A header counting other than the records written (a writer's bug,
    /// the checksum holding) ends the walk with an error, not a short or
    /// long answer.
    #[test]
    fn records_must_number_what_the_header_counts() {
        for (counted, read, reason) in [
            (3, 2, "fewer records than the header counts"),
            (1, 1, "more records than the header counts"),
        ] {
            let segment = Segment::decode(sample_counting(counted)).expect("decodes");
            let walked: Vec<Result<Record<'_>, Corrupt>> = segment.records().collect();
            assert_eq!(walked.len(), read + 1, "counted {counted}");
            assert!(walked[..read].iter().all(Result::is_ok));
            assert_eq!(walked[read].as_ref().err(), Some(&Corrupt(reason)));
        }
    }

    #[test]
    fn damage_of_any_kind_is_refused() {
        let good = sample();
        assert!(Segment::decode(Vec::new()).is_err());
        assert!(Segment::decode(b"garbage".to_vec()).is_err());
        for cut in [good.len() - 1, good.len() / 2, HEADER_LEN, 3] {
            assert!(
                Segment::decode(good[..cut].to_vec()).is_err(),
                "cut at {cut}"
            );
        }
        for at in [
            0,
            9,
            HEADER_LEN - 1,
            HEADER_LEN + 3,
            good.len() / 2,
            good.len() - 1,
        ] {
            let mut flipped = good.clone();
            flipped[at] ^= 0x10;
            assert!(Segment::decode(flipped).is_err(), "byte {at} flipped");
        }
        let mut newer = good.clone();
        newer[MAGIC.len()] = 2;
        assert_eq!(
            Segment::decode(newer).err(),
            Some(Corrupt("another format version"))
        );
    }

    #[test]
    fn varints_and_zigzag_round_trip() {
        for value in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut bytes = Vec::new();
            put_varint(&mut bytes, value);
            let mut reader = Reader::new(&bytes, 0..bytes.len());
            assert_eq!(reader.varint(), Ok(value));
        }
        for value in [0i64, 1, -1, i64::MIN, i64::MAX, -86_400] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
    }
}
