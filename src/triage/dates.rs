//! Parsing the dates users type for `--since` and `--until`.
//!
//! Besides a plain `YYYY-MM-DD`, people think in spans ("the last two
//! weeks"), so `7d`, `2w`, `3m` and `1y` count back from today, and `today`
//! and `yesterday` work too. `today` is passed in so tests are deterministic.

use chrono::{Days, Months, NaiveDate};

/// The date `input` names, relative spans counted back from `today`.
/// Months and years are calendar ones: `1m` from 2024-03-31 is 2024-02-29.
pub fn parse_date_arg(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = input.trim().to_ascii_lowercase();
    let date = match text.as_str() {
        "today" => Some(today),
        "yesterday" => today.pred_opt(),
        _ if looks_like_iso_date(&text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok(),
        _ => span_before(&text, today),
    };
    date.ok_or_else(|| {
        // `{:?}` quotes the input and escapes any control characters in it.
        format!("invalid date {input:?}: expected YYYY-MM-DD or a span like 7d, 2w, 3m")
    })
}

/// Exactly four, two and two digits: chrono alone would also take `2024-1-5`
/// or `+2024-01-05`, which are more likely typos than intent.
fn looks_like_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// `<count><unit>` with unit d, w, m or y; `None` when malformed or when the
/// date would fall outside chrono's range.
fn span_before(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let unit = text.chars().last()?;
    let count = &text[..text.len() - unit.len_utf8()];
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let count: u32 = count.parse().ok()?;
    match unit {
        'd' => today.checked_sub_days(Days::new(count.into())),
        'w' => today.checked_sub_days(Days::new(u64::from(count) * 7)),
        'm' => today.checked_sub_months(Months::new(count)),
        'y' => today.checked_sub_months(Months::new(count.checked_mul(12)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn parse(input: &str) -> Result<NaiveDate, String> {
        parse_date_arg(input, date(2024, 3, 31))
    }

    #[test]
    fn iso_date_is_taken_as_is() {
        assert_eq!(parse("2023-12-25"), Ok(date(2023, 12, 25)));
        assert_eq!(parse(" 2024-02-29 "), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn impossible_or_sloppy_iso_dates_are_rejected() {
        assert!(parse("2023-02-29").is_err());
        assert!(parse("2023-13-01").is_err());
        assert!(parse("2024-1-5").is_err());
        assert!(parse("24-01-05").is_err());
    }

    #[test]
    fn today_and_yesterday() {
        assert_eq!(parse("today"), Ok(date(2024, 3, 31)));
        assert_eq!(parse("Yesterday"), Ok(date(2024, 3, 30)));
    }

    #[test]
    fn day_and_week_spans_count_back_from_today() {
        assert_eq!(parse("7d"), Ok(date(2024, 3, 24)));
        assert_eq!(parse("0d"), Ok(date(2024, 3, 31)));
        assert_eq!(parse("2w"), Ok(date(2024, 3, 17)));
        assert_eq!(parse("31D"), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn month_spans_are_calendar_months_clamped_to_month_end() {
        assert_eq!(parse("1m"), Ok(date(2024, 2, 29)));
        assert_eq!(parse("3m"), Ok(date(2023, 12, 31)));
        assert_eq!(parse("13m"), Ok(date(2023, 2, 28)));
    }

    #[test]
    fn year_spans_are_twelve_calendar_months() {
        assert_eq!(parse("1y"), Ok(date(2023, 3, 31)));
        assert_eq!(
            parse_date_arg("1y", date(2024, 2, 29)),
            Ok(date(2023, 2, 28))
        );
    }

    #[test]
    fn malformed_spans_are_rejected() {
        for input in ["", "d", "7", "7x", "-7d", "+7d", "7 d", "1.5w", "٣d", "7dd"] {
            assert!(parse(input).is_err(), "{input:?} should be rejected");
        }
    }

    #[test]
    fn spans_beyond_the_calendar_are_errors_not_panics() {
        assert!(parse("4294967295y").is_err());
        assert!(parse("4294967295d").is_err());
        assert!(parse("99999999999999999999d").is_err());
    }

    #[test]
    fn error_names_the_input_and_the_accepted_forms_on_one_line() {
        assert_eq!(
            parse("last week"),
            Err(
                r#"invalid date "last week": expected YYYY-MM-DD or a span like 7d, 2w, 3m"#.into()
            )
        );
        let message = parse("x\ny").expect_err("newline is not a date");
        assert!(!message.contains('\n'), "{message}");
    }
}
