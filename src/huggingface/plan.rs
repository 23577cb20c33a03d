//! Which `daily_papers` requests read a span of featured days, and their URLs.
//!
//! The endpoint selects days by `date=` (one day), `week=` (an ISO week,
//! Monday to Sunday) or `month=` (a calendar month). [`plan_requests`] covers
//! a span with the fewest such periods, each day exactly once and none
//! outside it, so a six-month backfill is six requests rather than 183 (plus
//! the extra pages busy periods need, see [`next_page`]).

use std::cmp::Reverse;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Page size asked for: the most the endpoint is known to serve per page
/// (its default is 50).
pub const PAGE_LIMIT: u32 = 100;

/// Pages read per period at most: 3,000 entries, far above a month of
/// Daily Papers (a few dozen a day). The cap only stops a server that keeps
/// sending full pages.
pub const MAX_PAGES: u32 = 30;

/// How many days we read when nothing was read before.
const FIRST_READ_DAYS: u64 = 7;

/// The featured days one request selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HfPeriod {
    /// `date=YYYY-MM-DD`.
    Day(NaiveDate),
    /// `week=YYYY-Www`: the ISO week holding this date (the planner passes
    /// its Monday).
    Week(NaiveDate),
    /// `month=YYYY-MM`: the month holding this date (the planner passes the
    /// 1st).
    Month(NaiveDate),
}

impl HfPeriod {
    /// The parameter name and value selecting this period.
    pub fn query_param(&self) -> (&'static str, String) {
        match self {
            HfPeriod::Day(day) => ("date", day.format("%Y-%m-%d").to_string()),
            HfPeriod::Week(day) => {
                // The ISO year, not the calendar year: 2026-12-31 is 2026-W53
                // and 2027-01-01 too.
                let week = day.iso_week();
                ("week", format!("{:04}-W{:02}", week.year(), week.week()))
            }
            HfPeriod::Month(day) => ("month", format!("{:04}-{:02}", day.year(), day.month())),
        }
    }

    /// First and last day selected, both included.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        match *self {
            HfPeriod::Day(day) => (day, day),
            HfPeriod::Week(day) => {
                let week = day.week(Weekday::Mon);
                // Only a week cut off by the end of chrono's calendar fails.
                let first = week.checked_first_day().unwrap_or(day);
                (first, week.checked_last_day().unwrap_or(day))
            }
            HfPeriod::Month(day) => {
                let first = day.with_day(1).unwrap_or(day);
                (first, last_day_of_month(first))
            }
        }
    }
}

/// The query of one `GET {api_url}/daily_papers` request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HfRequest {
    pub period: HfPeriod,
    /// Page number, from 0.
    pub page: u32,
    /// Entries per page.
    pub limit: u32,
}

impl HfRequest {
    /// The first page of `period`.
    pub fn first_page(period: HfPeriod) -> Self {
        HfRequest {
            period,
            page: 0,
            limit: PAGE_LIMIT,
        }
    }

    /// Query parameters in the order they are sent.
    pub fn query_pairs(&self) -> [(&'static str, String); 3] {
        [
            self.period.query_param(),
            ("limit", self.limit.to_string()),
            ("p", self.page.to_string()),
        ]
    }
}

/// First pages of the fewest requests covering every day of `from..=to`
/// once; empty when `from > to`.
///
/// Shortest path over the days: from each day the next request is that day,
/// its ISO week if it is a Monday and the week ends in the span, or its
/// month if it is the 1st and the month ends in the span. On equal counts
/// the longer period wins, since one long period needs fewer pages than
/// several short ones holding the same papers.
pub fn plan_requests(from: NaiveDate, to: NaiveDate) -> Vec<HfRequest> {
    let Ok(span) = usize::try_from(to.signed_duration_since(from).num_days() + 1) else {
        return Vec::new();
    };
    // best[i]: fewest requests for the days from offset i on, and the
    // period to start with; filled from the end.
    let mut best: Vec<(usize, Option<HfPeriod>)> = vec![(0, None); span + 1];
    for offset in (0..span).rev() {
        let day = from + Days::new(offset as u64);
        best[offset] = candidate_periods(day, to)
            .into_iter()
            .flatten()
            .map(|period| {
                let len = period_len(&period);
                (1 + best[offset + len].0, Reverse(len), period)
            })
            .min_by_key(|&(count, len, _)| (count, len))
            .map_or((usize::MAX, None), |(count, _, period)| {
                (count, Some(period))
            });
    }
    let mut requests = Vec::with_capacity(best[0].0.min(span));
    let mut offset = 0;
    while let Some(period) = best.get(offset).and_then(|&(_, period)| period) {
        requests.push(HfRequest::first_page(period));
        offset += period_len(&period);
    }
    requests
}

/// Periods that start on `day` and end by `last`: the day itself, plus its
/// week and month when they start there and fit.
fn candidate_periods(day: NaiveDate, last: NaiveDate) -> [Option<HfPeriod>; 3] {
    let fits = |period: HfPeriod| (period.days().1 <= last).then_some(period);
    [
        Some(HfPeriod::Day(day)),
        (day.weekday() == Weekday::Mon)
            .then_some(HfPeriod::Week(day))
            .and_then(fits),
        (day.day() == 1)
            .then_some(HfPeriod::Month(day))
            .and_then(fits),
    ]
}

fn period_len(period: &HfPeriod) -> usize {
    let (first, last) = period.days();
    usize::try_from(last.signed_duration_since(first).num_days() + 1).unwrap_or(1)
}

fn last_day_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(first)
}

/// The next page of `req` when the one just read (`got` entries, skipped
/// ones included) was full; `None` when it was short or the cap is reached.
pub fn next_page(req: &HfRequest, got: usize) -> Option<HfRequest> {
    let full = got >= req.limit as usize;
    let page = req.page + 1;
    (full && page < MAX_PAGES).then_some(HfRequest { page, ..*req })
}

/// The featured days to read (both included), `today` being the UTC date.
///
/// The first time, the last seven days. After that, from the day last read,
/// itself included because it may have gained papers after it was read, to
/// today. A `last_read` after `today` (a clock set back) reads only today.
pub fn days_to_read(last_read: Option<NaiveDate>, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = match last_read {
        Some(day) => day.min(today),
        None => today
            .checked_sub_days(Days::new(FIRST_READ_DAYS - 1))
            .unwrap_or(today),
    };
    (from, today)
}

/// `{api_url}/daily_papers?{query}`; `api_url` is the API root such as
/// `https://huggingface.co/api`, a trailing `/` allowed.
pub fn request_url(api_url: &str, req: &HfRequest) -> String {
    let query: Vec<String> = req
        .query_pairs()
        .iter()
        .map(|(key, value)| format!("{}={}", encode_query_part(key), encode_query_part(value)))
        .collect();
    format!(
        "{}/daily_papers?{}",
        api_url.trim_end_matches('/'),
        query.join("&")
    )
}

/// Percent-encode all but RFC 3986 unreserved characters. Our values never
/// need it today; the encoding keeps that true if a parameter ever does.
fn encode_query_part(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn param(period: HfPeriod) -> String {
        let (key, value) = period.query_param();
        format!("{key}={value}")
    }

    /// Every day the plan selects, in request order.
    fn covered_days(requests: &[HfRequest]) -> Vec<NaiveDate> {
        requests
            .iter()
            .flat_map(|req| {
                let (first, last) = req.period.days();
                first.iter_days().take_while(move |d| *d <= last)
            })
            .collect()
    }

    fn span_days(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        from.iter_days().take_while(|d| *d <= to).collect()
    }

    fn assert_exact_cover(from: NaiveDate, to: NaiveDate) -> Vec<HfRequest> {
        let requests = plan_requests(from, to);
        assert_eq!(
            covered_days(&requests),
            span_days(from, to),
            "{from}..={to}"
        );
        requests
    }

    /// An independent valid plan: whole months first, then whole weeks,
    /// then days. The optimal plan may never need more requests.
    fn month_week_day_count(from: NaiveDate, to: NaiveDate) -> usize {
        let mut count = 0;
        let mut day = from;
        while day <= to {
            let next = [HfPeriod::Month(day), HfPeriod::Week(day)]
                .into_iter()
                .map(|p| p.days())
                .find(|&(first, last)| first == day && last <= to)
                .map_or(day, |(_, last)| last);
            count += 1;
            day = next.succ_opt().unwrap();
        }
        count
    }

    // --- formats ---

    #[test]
    fn period_parameters_are_formatted_as_the_endpoint_expects() {
        assert_eq!(param(HfPeriod::Day(day(2026, 11, 30))), "date=2026-11-30");
        assert_eq!(param(HfPeriod::Day(day(2026, 1, 5))), "date=2026-01-05");
        assert_eq!(param(HfPeriod::Week(day(2026, 11, 23))), "week=2026-W48");
        assert_eq!(param(HfPeriod::Week(day(2026, 1, 5))), "week=2026-W02");
        assert_eq!(param(HfPeriod::Month(day(2026, 11, 1))), "month=2026-11");
        assert_eq!(param(HfPeriod::Month(day(2027, 2, 1))), "month=2027-02");
    }

    #[test]
    fn weeks_use_the_iso_year_at_year_boundaries() {
        // 2026 has 53 ISO weeks; its last one ends on 2027-01-03.
        assert_eq!(param(HfPeriod::Week(day(2026, 12, 28))), "week=2026-W53");
        assert_eq!(param(HfPeriod::Week(day(2027, 1, 3))), "week=2026-W53");
        assert_eq!(param(HfPeriod::Week(day(2027, 1, 4))), "week=2027-W01");
        // 2024-12-30 already belongs to 2025-W01.
        assert_eq!(param(HfPeriod::Week(day(2024, 12, 30))), "week=2025-W01");
    }

    #[test]
    fn period_days_span_the_whole_period() {
        assert_eq!(
            HfPeriod::Week(day(2026, 12, 31)).days(),
            (day(2026, 12, 28), day(2027, 1, 3))
        );
        assert_eq!(
            HfPeriod::Month(day(2028, 2, 10)).days(),
            (day(2028, 2, 1), day(2028, 2, 29))
        );
        assert_eq!(
            HfPeriod::Month(day(2026, 12, 1)).days(),
            (day(2026, 12, 1), day(2026, 12, 31))
        );
    }

    #[test]
    fn query_pairs_hold_period_limit_and_page() {
        let req = HfRequest::first_page(HfPeriod::Week(day(2026, 11, 23)));
        assert_eq!(
            req.query_pairs(),
            [
                ("week", "2026-W48".to_string()),
                ("limit", PAGE_LIMIT.to_string()),
                ("p", "0".to_string()),
            ]
        );
    }

    // --- planning ---

    #[test]
    fn six_month_backfill_is_one_request_per_month() {
        let requests = assert_exact_cover(day(2026, 6, 1), day(2026, 11, 30));
        assert!(requests.len() < 60);
        let params: Vec<String> = requests.iter().map(|r| param(r.period)).collect();
        assert_eq!(
            params,
            [
                "month=2026-06",
                "month=2026-07",
                "month=2026-08",
                "month=2026-09",
                "month=2026-10",
                "month=2026-11"
            ]
        );
        assert!(
            requests
                .iter()
                .all(|r| r.page == 0 && r.limit == PAGE_LIMIT)
        );
    }

    #[test]
    fn ragged_backfill_trades_a_month_for_weeks_when_that_is_fewer() {
        // Wed 2026-06-03 .. Thu 2026-12-10. June: 5 days, 3 weeks, 2 days;
        // July..October whole; November as 1 day + weeks W45..W49, since W49
        // (Nov 30 - Dec 6) then also covers December's first days: 24
        // requests. Walking forward taking the longest period that fits
        // would take W27 (Jun 29 - Jul 5) and lose every month: 35.
        let (from, to) = (day(2026, 6, 3), day(2026, 12, 10));
        let requests = assert_exact_cover(from, to);
        let months: Vec<String> = requests
            .iter()
            .filter(|r| matches!(r.period, HfPeriod::Month(_)))
            .map(|r| param(r.period))
            .collect();
        assert_eq!(
            months,
            [
                "month=2026-07",
                "month=2026-08",
                "month=2026-09",
                "month=2026-10"
            ]
        );
        assert_eq!(requests.len(), 24);
        assert_eq!(month_week_day_count(from, to), 35);
    }

    #[test]
    fn a_week_is_not_allowed_to_spoil_a_whole_month() {
        // Mon 2026-06-15 .. 2026-08-31: two weeks, two days, July, August.
        // Running weeks on through June 29 would lose both months.
        let requests = assert_exact_cover(day(2026, 6, 15), day(2026, 8, 31));
        let params: Vec<String> = requests.iter().map(|r| param(r.period)).collect();
        assert_eq!(
            params,
            [
                "week=2026-W25",
                "week=2026-W26",
                "date=2026-06-29",
                "date=2026-06-30",
                "month=2026-07",
                "month=2026-08"
            ]
        );
    }

    #[test]
    fn iso_week_across_new_year_is_one_request() {
        let requests = assert_exact_cover(day(2026, 12, 28), day(2027, 1, 3));
        assert_eq!(requests.len(), 1);
        assert_eq!(param(requests[0].period), "week=2026-W53");
    }

    #[test]
    fn equal_counts_prefer_the_longer_period() {
        // 2026-12-28 .. 2027-01-31 is five requests either way: W53 and four
        // January weeks, or four December days and month=2027-01. Starting
        // with the week is the longer first period.
        let requests = assert_exact_cover(day(2026, 12, 28), day(2027, 1, 31));
        let params: Vec<String> = requests.iter().map(|r| param(r.period)).collect();
        assert_eq!(
            params,
            [
                "week=2026-W53",
                "week=2027-W01",
                "week=2027-W02",
                "week=2027-W03",
                "week=2027-W04"
            ]
        );
    }

    #[test]
    fn partial_week_across_new_year_is_single_days() {
        let requests = assert_exact_cover(day(2026, 12, 30), day(2027, 1, 2));
        let params: Vec<String> = requests.iter().map(|r| param(r.period)).collect();
        assert_eq!(
            params,
            [
                "date=2026-12-30",
                "date=2026-12-31",
                "date=2027-01-01",
                "date=2027-01-02"
            ]
        );
    }

    #[test]
    fn coverage_is_exact_and_never_worse_than_months_then_weeks() {
        let start = day(2026, 11, 1);
        for offset in 0..400 {
            let from = start + Days::new(offset);
            for len in (0..40).chain([59, 90, 200]) {
                let to = from + Days::new(len);
                let requests = assert_exact_cover(from, to);
                assert!(
                    requests.len() <= month_week_day_count(from, to),
                    "{from}..={to}: {} requests",
                    requests.len()
                );
            }
        }
    }

    #[test]
    fn single_day_and_empty_spans() {
        let requests = assert_exact_cover(day(2026, 11, 30), day(2026, 11, 30));
        assert_eq!(
            requests,
            [HfRequest::first_page(HfPeriod::Day(day(2026, 11, 30)))]
        );
        assert!(plan_requests(day(2026, 12, 1), day(2026, 11, 30)).is_empty());
    }

    // --- the daily read ---

    #[test]
    fn first_read_is_the_last_seven_days() {
        assert_eq!(
            days_to_read(None, day(2026, 11, 30)),
            (day(2026, 11, 24), day(2026, 11, 30))
        );
        assert_eq!(
            days_to_read(None, day(2027, 1, 2)),
            (day(2026, 12, 27), day(2027, 1, 2))
        );
    }

    #[test]
    fn later_reads_start_at_the_day_last_read() {
        let today = day(2026, 11, 30);
        assert_eq!(
            days_to_read(Some(day(2026, 11, 29)), today),
            (day(2026, 11, 29), today)
        );
        assert_eq!(days_to_read(Some(today), today), (today, today));
        assert_eq!(
            days_to_read(Some(day(2026, 6, 1)), today),
            (day(2026, 6, 1), today)
        );
        // A clock set back: nothing in the future, just today.
        assert_eq!(days_to_read(Some(day(2026, 12, 5)), today), (today, today));
    }

    #[test]
    fn daily_reads_take_a_handful_of_requests() {
        let start = day(2026, 1, 1);
        for offset in 0..366 {
            let today = start + Days::new(offset);
            let (from, to) = days_to_read(None, today);
            assert!(plan_requests(from, to).len() <= 7, "first read on {today}");
            let (from, to) = days_to_read(Some(today - Days::new(1)), today);
            assert_eq!(plan_requests(from, to).len(), 2, "next read on {today}");
        }
    }

    // --- paging ---

    #[test]
    fn a_full_page_asks_for_the_next() {
        let first = HfRequest::first_page(HfPeriod::Month(day(2026, 6, 1)));
        let second = next_page(&first, PAGE_LIMIT as usize).unwrap();
        assert_eq!(second.page, 1);
        assert_eq!(second.period, first.period);
        assert_eq!(second.limit, first.limit);
        assert_eq!(next_page(&second, PAGE_LIMIT as usize).unwrap().page, 2);
    }

    #[test]
    fn a_short_or_empty_page_is_the_last() {
        let first = HfRequest::first_page(HfPeriod::Day(day(2026, 6, 12)));
        assert_eq!(next_page(&first, PAGE_LIMIT as usize - 1), None);
        assert_eq!(next_page(&first, 0), None);
    }

    #[test]
    fn paging_stops_at_the_cap() {
        let last = HfRequest {
            page: MAX_PAGES - 1,
            ..HfRequest::first_page(HfPeriod::Month(day(2026, 6, 1)))
        };
        assert_eq!(next_page(&last, PAGE_LIMIT as usize), None);
        let before = HfRequest {
            page: MAX_PAGES - 2,
            ..last
        };
        assert_eq!(
            next_page(&before, PAGE_LIMIT as usize).unwrap().page,
            MAX_PAGES - 1
        );
    }

    // --- URLs ---

    #[test]
    fn urls_carry_the_query_in_order() {
        let req = HfRequest::first_page(HfPeriod::Day(day(2026, 11, 30)));
        assert_eq!(
            request_url("https://huggingface.co/api", &req),
            "https://huggingface.co/api/daily_papers?date=2026-11-30&limit=100&p=0"
        );
        let week = HfRequest {
            page: 3,
            ..HfRequest::first_page(HfPeriod::Week(day(2026, 12, 28)))
        };
        assert_eq!(
            request_url("http://127.0.0.1:8080/api/", &week),
            "http://127.0.0.1:8080/api/daily_papers?week=2026-W53&limit=100&p=3"
        );
    }

    #[test]
    fn query_parts_are_percent_encoded() {
        assert_eq!(encode_query_part("2026-W48"), "2026-W48");
        assert_eq!(
            encode_query_part("a b&c=d/é~_."),
            "a%20b%26c%3Dd%2F%C3%A9~_."
        );
    }
}
