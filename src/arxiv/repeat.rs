//! Telling an answer arXiv already gave: a fetch that gets the very same
//! page for the very same request has nothing to parse or merge.
//!
//! A [`Fingerprint`] covers the request (URL, stop date, limit), the
//! parser (this binary's version: a newer one may read more from the same
//! bytes), the feed's `totalResults`, and every byte from the first
//! `<entry` on. The feed's own `<id>`, `<updated>` and `<title>` are left
//! out: they echo the query and the time it ran, and change on every
//! request while the papers stay the same.

use chrono::{DateTime, Utc};

/// What takes a body's fingerprint, the request already bound in.
pub type Fingerprinter<'a> = &'a dyn Fn(&[u8]) -> Fingerprint;

/// 64 bits of an answer, written as 16 hex digits in the fetch state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// The fingerprint of `body`, arXiv's answer to `url` in a fetch that
    /// stops before `stop_before` and reads at most `limit` papers.
    pub fn of_answer(
        url: &str,
        stop_before: Option<DateTime<Utc>>,
        limit: usize,
        body: &[u8],
    ) -> Self {
        let entries_at = memchr::memmem::find(body, b"<entry").unwrap_or(body.len());
        let (head, entries) = body.split_at(entries_at);
        let mut hash = Hasher::default();
        hash.write(env!("CARGO_PKG_VERSION").as_bytes());
        hash.write(url.as_bytes());
        let stop = stop_before.map_or(i64::MIN, |stop| stop.timestamp());
        hash.write(&stop.to_le_bytes());
        hash.write(&(limit as u64).to_le_bytes());
        hash.write(total_results(head));
        hash.write(entries);
        Fingerprint(hash.finish())
    }

    pub fn to_hex(self) -> String {
        format!("{:016x}", self.0)
    }

    pub fn from_hex(text: &str) -> Option<Self> {
        (text.len() == 16)
            .then(|| u64::from_str_radix(text, 16).ok())
            .flatten()
            .map(Fingerprint)
    }
}

/// The digits of `<opensearch:totalResults>` (any prefix) in the feed's
/// head, or nothing.
fn total_results(head: &[u8]) -> &[u8] {
    const TAG: &[u8] = b"totalResults>";
    let Some(at) = memchr::memmem::find(head, TAG) else {
        return &[];
    };
    let rest = &head[at + TAG.len()..];
    let end = rest.iter().position(|&b| b == b'<').unwrap_or(rest.len());
    &rest[..end]
}

/// A fast 64-bit hash, eight bytes at a time (the multiply-rotate mix of
/// rustc's FxHasher, with a final avalanche). Not for adversaries: it tells
/// an unchanged page from a changed one. Each `write` also mixes in its
/// length, so the pieces cannot run into each other.
struct Hasher {
    state: u64,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher {
            state: 0x243f_6a88_85a3_08d3,
        }
    }
}

impl Hasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn mix(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.mix(u64::from_le_bytes(last));
        self.mix(bytes.len() as u64);
    }

    fn finish(&self) -> u64 {
        // murmur3's finaliser: every input bit reaches every output bit.
        let mut x = self.state;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str =
        "http://export.arxiv.org/api/query?search_query=all:npu&start=0&max_results=100";

    fn feed(updated: &str, total: u32, entries: &str) -> Vec<u8> {
        format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>https://arxiv.org/api/{updated}</id>\
             <updated>{updated}</updated>\
             <opensearch:totalResults>{total}</opensearch:totalResults>{entries}</feed>"
        )
        .into_bytes()
    }

    fn of(url: &str, body: &[u8]) -> Fingerprint {
        Fingerprint::of_answer(url, None, 100, body)
    }

    const ENTRY: &str = "<entry><id>http://arxiv.org/abs/2611.00001v1</id><title>A</title></entry>";

    #[test]
    fn the_time_of_the_query_does_not_count() {
        let morning = feed("2026-12-01T08:00:00Z", 1, ENTRY);
        let evening = feed("2026-12-01T20:00:00Z", 1, ENTRY);
        assert_eq!(of(URL, &morning), of(URL, &evening));
    }

    #[test]
    fn the_papers_the_total_and_the_request_do() {
        let base = feed("t", 1, ENTRY);
        let retitled = feed("t", 1, &ENTRY.replace("<title>A", "<title>B"));
        let more = feed("t", 2, ENTRY);
        assert_ne!(of(URL, &base), of(URL, &retitled));
        assert_ne!(of(URL, &base), of(URL, &more));
        assert_ne!(of(URL, &base), of(&URL.replace("npu", "moe"), &base));
        let stop = DateTime::parse_from_rfc3339("2026-11-01T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .ok();
        assert_ne!(
            of(URL, &base),
            Fingerprint::of_answer(URL, stop, 100, &base)
        );
        assert_ne!(of(URL, &base), Fingerprint::of_answer(URL, None, 99, &base));
        // One byte anywhere in the entries, even past a multiple of eight.
        let mut flipped = base.clone();
        let last = flipped.len() - 8;
        flipped[last] ^= 1;
        assert_ne!(of(URL, &base), of(URL, &flipped));
    }

    #[test]
    fn hex_round_trips_and_refuses_other_text() {
        let fingerprint = of(URL, &feed("t", 1, ENTRY));
        assert_eq!(
            Fingerprint::from_hex(&fingerprint.to_hex()),
            Some(fingerprint)
        );
        for bad in ["", "xyz", "0123456789abcdef0", "0123456789abcdeg"] {
            assert_eq!(Fingerprint::from_hex(bad), None, "{bad}");
        }
    }
}
