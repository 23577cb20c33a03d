//! The formats that are a header and one row per paper (CSV, a Markdown
//! table), written a batch of papers at a time: a listing as large as the
//! cache never has to be one string. The bytes are those of the whole-listing
//! renderers ([`csv::render_csv`], [`markdown::markdown_table`]).
//!
//! [`csv::render_csv`]: super::csv::render_csv
//! [`markdown::markdown_table`]: super::markdown::markdown_table

use std::io::{self, Write};

use crate::model::CachedPaper;

/// Appends one paper's row.
pub type PushRow = fn(&CachedPaper, &mut String);

/// Writes the header before the first row, and nothing at all for no papers.
pub struct RowWriter<'a> {
    out: &'a mut dyn Write,
    header: String,
    row: PushRow,
    written: usize,
    text: String,
}

impl<'a> RowWriter<'a> {
    pub fn new(out: &'a mut dyn Write, header: String, row: PushRow) -> Self {
        RowWriter {
            out,
            header,
            row,
            written: 0,
            text: String::new(),
        }
    }

    pub fn write(&mut self, papers: &[&CachedPaper]) -> io::Result<()> {
        if papers.is_empty() {
            return Ok(());
        }
        self.text.clear();
        if self.written == 0 {
            self.text.push_str(&self.header);
        }
        for paper in papers {
            (self.row)(paper, &mut self.text);
        }
        self.written += papers.len();
        self.out.write_all(self.text.as_bytes())
    }

    /// Papers written so far.
    pub fn written(&self) -> usize {
        self.written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample;
    use crate::render::{csv, markdown};

    /// Batch by batch, the bytes of the renderer that sees every paper at once.
    #[test]
    fn batches_write_what_the_whole_listing_renders() {
        let papers: Vec<CachedPaper> = (1..=7)
            .map(|i| {
                let mut paper = sample(
                    &format!("2611.{i:05}"),
                    "A, \"quoted\" | title",
                    "=1+1\n\nSecond.",
                );
                paper.paper.comment = Some(format!("comment {i}"));
                paper
            })
            .collect();
        let all: Vec<&CachedPaper> = papers.iter().collect();
        let formats: [(String, PushRow, String); 2] = [
            (csv::header(), csv::push_paper, csv::render_csv(&all)),
            (
                markdown::TABLE_HEADER.to_owned(),
                markdown::push_row,
                markdown::markdown_table(&all),
            ),
        ];
        for (header, row, whole) in formats {
            for batch in [1, 3, 7] {
                let mut out = Vec::new();
                let mut writer = RowWriter::new(&mut out, header.clone(), row);
                for chunk in all.chunks(batch) {
                    writer.write(chunk).expect("written");
                    writer.write(&[]).expect("nothing to write");
                }
                assert_eq!(writer.written(), 7);
                assert_eq!(
                    String::from_utf8(out).expect("utf-8"),
                    whole,
                    "batches of {batch}"
                );
            }
            let mut out = Vec::new();
            RowWriter::new(&mut out, header, row)
                .write(&[])
                .expect("nothing");
            assert!(out.is_empty(), "no papers, no header");
        }
    }
}
