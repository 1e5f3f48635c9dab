//! The `DateTime` scalar: RFC 3339 in UTC, to the microsecond, as stored.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::Utc;

use crate::timestamp;

/// The GraphQL `DateTime`: our own scalar rather than async-graphql's, so
/// every timestamp goes in and out in one form (see `crate::timestamp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub chrono::DateTime<Utc>);

impl From<chrono::DateTime<Utc>> for Timestamp {
    fn from(at: chrono::DateTime<Utc>) -> Self {
        Self(at)
    }
}

/// A point in time, as an RFC 3339 string.
///
/// Accepted: any RFC 3339 date and time with an offset, such as
/// `2025-06-24T10:00:00+02:00` or `2025-06-24T08:00:00Z`; it is converted to
/// UTC and cut to microseconds. Returned: always UTC with `Z` and exactly six
/// fractional digits, such as `2025-06-24T08:00:00.000000Z`.
#[Scalar(
    name = "DateTime",
    specified_by_url = "https://www.rfc-editor.org/rfc/rfc3339"
)]
impl ScalarType for Timestamp {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => timestamp::parse(text)
                .map(Self)
                .map_err(InputValueError::custom),
            _ => Err(InputValueError::custom(format!(
                "{value} is not a timestamp: write {}",
                timestamp::EXPECTED
            ))),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(timestamp::format(&self.0))
    }
}
