//! How timestamps are shown: in UTC, or in the local time of the machine running the
//! console (its offset read once at start by the runtime). Providers send any offset.

use chrono::{DateTime, FixedOffset, Offset, TimeZone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeShown {
    #[default]
    Utc,
    /// The console machine's offset.
    Local(FixedOffset),
}

impl TimeShown {
    fn offset(self) -> FixedOffset {
        match self {
            TimeShown::Utc => chrono::Utc.fix(),
            TimeShown::Local(o) => o,
        }
    }

    /// `2026-11-21 14:03 UTC`, or `2026-11-21 15:03 +01:00` in local time: for details,
    /// where the zone must be said.
    pub fn minutes<Tz: TimeZone>(self, t: &DateTime<Tz>) -> String {
        let t = t.with_timezone(&self.offset());
        match self {
            TimeShown::Utc => t.format("%Y-%m-%d %H:%M UTC").to_string(),
            TimeShown::Local(_) => t.format("%Y-%m-%d %H:%M %:z").to_string(),
        }
    }

    /// `2026-11-21 14:03`: for table cells, whose zone the setting says.
    pub fn short<Tz: TimeZone>(self, t: &DateTime<Tz>) -> String {
        t.with_timezone(&self.offset())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// `2026-11-21`, the day in the zone shown.
    pub fn date<Tz: TimeZone>(self, t: &DateTime<Tz>) -> String {
        t.with_timezone(&self.offset())
            .format("%Y-%m-%d")
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn any_offset_in_utc_or_local() {
        let paris = FixedOffset::east_opt(3600).unwrap();
        let t = DateTime::parse_from_rfc3339("2013-09-10T23:49:58+02:00").unwrap();
        assert_eq!(TimeShown::Utc.minutes(&t), "2013-09-10 21:49 UTC");
        assert_eq!(
            TimeShown::Local(paris).minutes(&t),
            "2013-09-10 22:49 +01:00"
        );
        let u = t.with_timezone(&Utc);
        assert_eq!(TimeShown::Utc.short(&u), "2013-09-10 21:49");
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        assert_eq!(TimeShown::Local(tokyo).date(&u), "2013-09-11");
    }
}
