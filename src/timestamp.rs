//! Timestamps: kept at microsecond precision and written out in one form.
//!
//! `Utc::now()` carries nanoseconds on Linux while PostgreSQL's
//! `timestamptz` keeps microseconds, so a row used to read back differently
//! by database and by whoever wrote it, and exports mixed precisions that
//! pandas' default parser refuses. Every timestamp a row gets goes through
//! [`stored`] (or [`now`]), and every timestamp the API gives out through
//! [`format`]: RFC 3339 in UTC with `Z` and exactly six fractional digits.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};

/// What a timestamp input must look like, for error messages.
pub const EXPECTED: &str = "an RFC 3339 date and time with an offset, such as \
    2025-06-24T10:00:00+02:00 or 2025-06-24T08:00:00.000000Z";

/// The present moment, as a row stores it.
pub fn now() -> DateTime<Utc> {
    stored(Utc::now())
}

/// `at` as a row stores it: truncated to microseconds, the precision of
/// PostgreSQL's `timestamptz`, so what is read back equals what was written.
pub fn stored(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// The one output form: `2025-06-24T08:00:00.000000Z`.
pub fn format(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// An RFC 3339 timestamp with any offset, in UTC at microsecond precision.
/// The error says what to write instead.
pub fn parse(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| stored(at.to_utc()))
        .map_err(|_| format!("{text:?} is not a timestamp: write {EXPECTED}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_offset_is_read_into_utc_and_cut_to_microseconds() {
        let at = parse("2025-06-24T10:00:00.123456789+02:00").unwrap();
        assert_eq!(format(&at), "2025-06-24T08:00:00.123456Z");
        assert_eq!(
            format(&parse("2025-06-24T08:00:00Z").unwrap()),
            "2025-06-24T08:00:00.000000Z"
        );
    }

    #[test]
    fn anything_else_is_refused_with_the_format_to_use() {
        for text in ["2025-06-24", "2025-06-24T10:00", "24/06/2025 10:00", ""] {
            let message = parse(text).unwrap_err();
            assert!(message.contains("RFC 3339"), "{message}");
        }
    }

    #[test]
    fn stored_values_have_whole_microseconds() {
        assert_eq!(now().timestamp_subsec_nanos() % 1_000, 0);
    }
}
