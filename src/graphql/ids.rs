//! Relay global object IDs: `base64("Type:id")`, opaque to clients and
//! unique across types, so `node(id:)` can find any object.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::error::{AppError, AppResult};

/// Every object type that `node(id:)` can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Region,
    StakeholderGroup,
    Event,
    Session,
    SessionRole,
    PolicyQuestion,
    Person,
    Topic,
    Stance,
    Position,
    Document,
    Paragraph,
    User,
    AuditEntry,
    ReviewItem,
    Transcript,
    Intervention,
}

const KINDS: [Kind; 17] = [
    Kind::Region,
    Kind::StakeholderGroup,
    Kind::Event,
    Kind::Session,
    Kind::SessionRole,
    Kind::PolicyQuestion,
    Kind::Person,
    Kind::Topic,
    Kind::Stance,
    Kind::Position,
    Kind::Document,
    Kind::Paragraph,
    Kind::User,
    Kind::AuditEntry,
    Kind::ReviewItem,
    Kind::Transcript,
    Kind::Intervention,
];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Region => "Region",
            Kind::StakeholderGroup => "StakeholderGroup",
            Kind::Event => "Event",
            Kind::Session => "Session",
            Kind::SessionRole => "SessionRole",
            Kind::PolicyQuestion => "PolicyQuestion",
            Kind::Person => "Person",
            Kind::Topic => "Topic",
            Kind::Stance => "Stance",
            Kind::Position => "Position",
            Kind::Document => "Document",
            Kind::Paragraph => "Paragraph",
            Kind::User => "User",
            Kind::AuditEntry => "AuditEntry",
            Kind::ReviewItem => "ReviewItem",
            Kind::Transcript => "Transcript",
            Kind::Intervention => "Intervention",
        }
    }
}

/// The kind of global ID of a record the audit trail names by
/// `entityType`; none for records without one (aliases, assignments).
pub fn audited_kind(entity_type: &str) -> Option<Kind> {
    Some(match entity_type {
        "event" => Kind::Event,
        "session" => Kind::Session,
        "session role" => Kind::SessionRole,
        "policy question" => Kind::PolicyQuestion,
        "person" => Kind::Person,
        "position" => Kind::Position,
        "topic" => Kind::Topic,
        "stance" => Kind::Stance,
        "document" => Kind::Document,
        "paragraph" => Kind::Paragraph,
        "user" => Kind::User,
        "review item" => Kind::ReviewItem,
        "transcript" => Kind::Transcript,
        "intervention" => Kind::Intervention,
        _ => return None,
    })
}

/// The `entityType` the audit trail writes for records of `kind`.
pub fn audited_type(kind: Kind) -> Option<&'static str> {
    [
        "event",
        "session",
        "session role",
        "policy question",
        "person",
        "position",
        "topic",
        "stance",
        "document",
        "paragraph",
        "user",
        "review item",
        "transcript",
        "intervention",
    ]
    .into_iter()
    .find(|t| audited_kind(t) == Some(kind))
}

pub fn encode(kind: Kind, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.name())))
}

/// The type and database id behind a global ID, or a `BAD_USER_INPUT`.
pub fn decode(id: &ID) -> AppResult<(Kind, i64)> {
    let invalid = || AppError::bad_input(format!("`{}` is not an ID this API issued", id.as_str()));
    let bytes = URL_SAFE_NO_PAD.decode(id.as_str()).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (name, number) = text.split_once(':').ok_or_else(invalid)?;
    let kind = KINDS
        .into_iter()
        .find(|k| k.name() == name)
        .ok_or_else(invalid)?;
    let number = number.parse().map_err(|_| invalid())?;
    Ok((kind, number))
}

/// The database id behind a global ID that must be of `kind`.
pub fn decode_as(id: &ID, kind: Kind) -> AppResult<i64> {
    match decode(id)? {
        (k, n) if k == kind => Ok(n),
        (k, _) => Err(AppError::bad_input(format!(
            "`{}` is the ID of a {}, not of a {}",
            id.as_str(),
            k.name(),
            kind.name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_keep_their_type() {
        let id = encode(Kind::Session, 42);
        assert_eq!(decode(&id).unwrap(), (Kind::Session, 42));
        assert!(decode_as(&id, Kind::Person).is_err());
        assert!(decode(&ID("not-an-id".into())).is_err());
    }
}
