//! Date lines: `Thursday, 12th October, 2023 (01:45 UTC) - ...` or
//! `October 12, 2023 01:45 UTC`, read into a start and an optional end in UTC.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use regex::{Captures, Regex};

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// `(01:45 UTC)`, `01:45 UTC+2`; group names start with `p`.
fn time_pattern(p: &str) -> String {
    format!(
        r"\(?\s*(?P<{p}h>\d{{1,2}}):(?P<{p}mi>\d{{2}})\s*(?:UTC|GMT)\s*(?P<{p}off>[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?\s*\)?"
    )
}

/// `Thursday, 12th October, 2023 (01:45 UTC)` or `October 12, 2023 01:45 UTC`.
fn datetime_pattern(p: &str) -> String {
    format!(
        r"(?:[a-z]{{2,9}}\.?,?\s+)?(?:(?P<{p}d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<{p}m1>{MONTHS})\.?|(?P<{p}m2>{MONTHS})\.?\s+(?P<{p}d2>\d{{1,2}})(?:st|nd|rd|th)?),?\s+(?P<{p}y>\d{{4}}),?\s*{}",
        time_pattern(p)
    )
}

/// A date line: a start, optionally ` - ` and an end (a full date or only a
/// time on the start's day).
pub(super) static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:date|time|date\s*(?:&|and)\s*time|when|schedule)\s*:\s*)?{}(?:\s*(?:-|–|—|to|until)\s*(?:{}|{}))?$",
        datetime_pattern("s"),
        datetime_pattern("e"),
        time_pattern("t")
    ))
    .expect("valid regex")
});

/// Start and end of a date line; `None` for an impossible date.
pub(super) fn date_range(c: &Captures<'_>) -> Option<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let start = datetime(c, "s")?;
    let end = if c.name("ey").is_some() {
        Some(datetime(c, "e")?)
    } else if c.name("th").is_some() {
        // Only a time: the start's day, or the next one if it is earlier.
        let (h, mi, off) = time_parts(c, "t")?;
        let local = start.date_naive().and_hms_opt(h, mi, 0)?;
        let mut end = local.and_utc() - off;
        if end < start {
            end += TimeDelta::days(1);
        }
        Some(end)
    } else {
        None
    };
    Some((start, end))
}

fn datetime(c: &Captures<'_>, p: &str) -> Option<DateTime<Utc>> {
    let get = |n: &str| c.name(&format!("{p}{n}")).map(|m| m.as_str());
    let day: u32 = get("d1").or_else(|| get("d2"))?.parse().ok()?;
    let month = get("m1").or_else(|| get("m2"))?.to_lowercase();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| month.starts_with(m))? as u32
        + 1;
    let year: i32 = get("y")?.parse().ok()?;
    let (h, mi, off) = time_parts(c, p)?;
    let local = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(h, mi, 0)?;
    Some(local.and_utc() - off)
}

/// Hour, minute and UTC offset of a time captured with prefix `p`.
fn time_parts(c: &Captures<'_>, p: &str) -> Option<(u32, u32, TimeDelta)> {
    let get = |n: &str| c.name(&format!("{p}{n}")).map(|m| m.as_str());
    let h = get("h")?.parse().ok()?;
    let mi = get("mi")?.parse().ok()?;
    let off = match get("off") {
        None => TimeDelta::zero(),
        Some(o) => {
            let negative = o.starts_with('-');
            let digits: String = o.chars().filter(char::is_ascii_digit).collect();
            let (oh, om) = if digits.len() > 2 {
                digits.split_at(digits.len() - 2)
            } else {
                (digits.as_str(), "0")
            };
            let minutes = oh.parse::<i64>().ok()? * 60 + om.parse::<i64>().ok()?;
            TimeDelta::minutes(if negative { -minutes } else { minutes })
        }
    };
    Some((h, mi, off))
}

#[cfg(test)]
mod tests {
    use crate::import::proposal::{parse, test_support::utc};

    #[test]
    fn dates_in_other_forms() {
        let dates = |line: &str| {
            let d = parse(&format!(
                "IGF 2022 WS #1 T\n{line}\nSpeaker 1: A B, Government, WEOG\n"
            ))
            .expect("parses");
            (d.starts_at, d.ends_at, d.warnings)
        };
        // A UTC offset is taken off; month first; abbreviated month.
        let (s, e, _) = dates("Date: Dec 1, 2022 10:15 UTC+1 - Dec 1, 2022 10:45 UTC+1");
        assert_eq!(
            (s, e),
            (Some(utc(2022, 12, 1, 9, 15)), Some(utc(2022, 12, 1, 9, 45)))
        );
        let (s, e, _) = dates("monday, 28TH NOVEMBER 2022 (13:00 UTC)");
        assert_eq!((s, e), (Some(utc(2022, 11, 28, 13, 0)), None));
        // An impossible date is kept as text, with a warning.
        let (s, _, w) = dates("Wednesday, 31st February, 2023 (10:00 UTC)");
        assert_eq!(s, None);
        assert!(
            w.contains(&"line 2: date line with an impossible date; kept as text".to_owned()),
            "{w:?}"
        );
        let (s, e, w) = dates(
            "Thursday, 12th October, 2023 (03:15 UTC) - Thursday, 12th October, 2023 (01:45 UTC)",
        );
        assert_eq!(
            (s, e),
            (
                Some(utc(2023, 10, 12, 3, 15)),
                Some(utc(2023, 10, 12, 1, 45))
            )
        );
        assert!(w.contains(&"line 2: the session ends before it starts".to_owned()));
    }
}
