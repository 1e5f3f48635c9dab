//! The GraphQL enums, mirrored from the entity enums.

use async_graphql::Enum;

/// What kind of event: the IGF annual meeting or an NRI event.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::event::EventKind")]
pub enum EventKind {
    /// The global IGF annual meeting.
    Igf,
    /// A national IGF initiative.
    NriNational,
    /// A regional or sub-regional IGF initiative.
    NriRegional,
    /// A youth IGF initiative.
    NriYouth,
    /// Any other event.
    Other,
}

/// The kind of session as IGF publishes it.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::session::SessionKind")]
pub enum SessionKind {
    Workshop,
    OpenForum,
    TownHall,
    LightningTalk,
    LaunchAward,
    Networking,
    DayZero,
    DynamicCoalition,
    MainSession,
    NriSession,
    Other,
}

/// The room layout of a session.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::session::SessionFormat")]
pub enum SessionFormat {
    Theater,
    Roundtable,
    Classroom,
    Other,
}

/// The part a person plays in a session.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::session_role::RoleKind")]
pub enum RoleKind {
    Organizer,
    Speaker,
    Moderator,
    OnlineModerator,
    Rapporteur,
}

/// Whether a position was taken in the room or online.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::position::ParticipationMode")]
pub enum ParticipationMode {
    Onsite,
    Online,
}

/// Where a position was recorded from.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::position::PositionSource")]
pub enum PositionSource {
    /// An intervention during a session.
    Intervention,
    /// A written submission.
    WrittenSubmission,
    /// A session report.
    Report,
}

/// Whether a position is a draft or published; the public sees published
/// positions only.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::position::PositionStatus")]
pub enum PositionStatus {
    Draft,
    Published,
}
