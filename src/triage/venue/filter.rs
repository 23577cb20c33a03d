//! `--venue DAC` / `--venue DAC:2025`: which detected venues a user asked for.

use std::fmt;
use std::str::FromStr;

use super::Venue;
use super::scan::year_from_digits;
use super::table::TABLE;

/// A venue (acronym or alias, any case) and optionally a year, parsed from `NAME` or
/// `NAME:YEAR` (`nips:24` is NeurIPS 2024). A conference's filter also takes its ACL-style
/// Findings volume: `EMNLP` matches `EMNLP Findings`, while `EMNLP Findings` matches only it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VenueFilter {
    name: &'static str,
    year: Option<u16>,
}

/// Why a venue filter could not be read; its `Display` is one line naming the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VenueFilterError {
    input: String,
    reason: String,
}

impl fmt::Display for VenueFilterError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "venue filter `{}`: {}", self.input, self.reason)
    }
}

impl std::error::Error for VenueFilterError {}

impl VenueFilter {
    pub fn parse(input: &str) -> Result<Self, VenueFilterError> {
        let fail = |reason: String| VenueFilterError {
            input: input.to_owned(),
            reason,
        };
        let (name, year) = match input.split_once(':') {
            Some((name, year)) => (name.trim(), Some(year.trim())),
            None => (input.trim(), None),
        };
        if name.is_empty() {
            return Err(fail(
                "expected NAME or NAME:YEAR, e.g. DAC or DAC:2025".to_owned(),
            ));
        }
        let year = year
            .map(|year| {
                let digits = year.trim_start_matches(['\'', '\u{2019}']);
                year_from_digits(digits)
                    .ok_or_else(|| fail(format!("year `{year}` is not a year (write 2025 or 25)")))
            })
            .transpose()?;
        let row = TABLE
            .row_named(name)
            .ok_or_else(|| fail(format!("unknown venue `{name}`")))?;
        Ok(VenueFilter {
            name: row.acronym,
            year,
        })
    }

    /// Canonical acronym the filter stands for.
    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn year(&self) -> Option<u16> {
        self.year
    }

    pub fn matches(&self, venue: &Venue) -> bool {
        let same_venue = venue.name == self.name
            || venue
                .name
                .strip_suffix(" Findings")
                .is_some_and(|conference| conference == self.name);
        same_venue && self.year.is_none_or(|year| venue.year == Some(year))
    }
}

impl FromStr for VenueFilter {
    type Err = VenueFilterError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        VenueFilter::parse(input)
    }
}
