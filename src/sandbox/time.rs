//! Dates and times as the providers write them, from epoch milliseconds.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};

pub fn days_ms(days: i64) -> i64 {
    days * 86_400_000
}

pub fn midnight_ms(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_millis())
        .unwrap_or(0)
}

pub fn fmt_date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `2025-03-10T14:49:58Z` (MasCustomers, pxlhub).
pub fn fmt_utc_ms(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// `2018-10-02T16:13:57+00:00` (Lyra).
pub fn fmt_lyra(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// `2025-03-10T15:49:58.791+01:00` (S-money).
pub fn fmt_offset_ms(ms: i64, offset_min: i64) -> String {
    let Some(offset) = FixedOffset::east_opt((offset_min * 60) as i32) else {
        return fmt_utc_ms(ms);
    };
    offset
        .timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string())
        .unwrap_or_default()
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut d = next.pred_opt()?;
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt()?;
    }
    Some(d)
}

/// Paris is UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October
/// 01:00 UTC, else UTC+1.
pub fn paris_offset_minutes(ms: i64) -> i64 {
    let Some(t) = Utc.timestamp_millis_opt(ms).single() else {
        return 60;
    };
    let y = t.year();
    let start = last_sunday(y, 3).map(|d| midnight_ms(d) + 3_600_000);
    let end = last_sunday(y, 10).map(|d| midnight_ms(d) + 3_600_000);
    match (start, end) {
        (Some(s), Some(e)) if ms >= s && ms < e => 120,
        _ => 60,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let ms = 1_741_618_198_791; // 2025-03-10T14:49:58.791Z
        assert_eq!(fmt_utc_ms(ms), "2025-03-10T14:49:58Z");
        assert_eq!(paris_offset_minutes(ms), 60);
        assert_eq!(fmt_offset_ms(ms, 60), "2025-03-10T15:49:58.791+01:00");
        assert_eq!(paris_offset_minutes(ms + days_ms(100)), 120);
    }
}
