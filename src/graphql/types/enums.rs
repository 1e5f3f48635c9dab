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
    /// A workshop (`WS #461`).
    Workshop,
    /// An open forum (`Open Forum #12`).
    OpenForum,
    /// A town hall (`Town Hall #2`).
    TownHall,
    /// A lightning talk (`Lightning Talk #9`).
    LightningTalk,
    /// A launch or award event (`Launch/Award #1`).
    LaunchAward,
    /// A networking session.
    Networking,
    /// A Day 0 event, held the day before the meeting opens.
    DayZero,
    /// A dynamic coalition session.
    DynamicCoalition,
    /// A main session.
    MainSession,
    /// A session of the national and regional initiatives (NRIs).
    NriSession,
    /// Any other kind, or a kind the import did not recognise.
    Other,
}

/// The room layout of a session.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::session::SessionFormat")]
pub enum SessionFormat {
    /// Rows of seats facing the speakers.
    Theater,
    /// Participants around a table (also "U-shape" round tables).
    Roundtable,
    /// Rows of tables facing the speakers.
    Classroom,
    /// Any other layout, or one the import did not recognise;
    /// `formatDescription` has it as written.
    Other,
}

/// The part a person plays in a session.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::session_role::RoleKind")]
pub enum RoleKind {
    /// Organizes the session; counts in the panel balance.
    Organizer,
    /// Speaks on the panel; counts in the panel balance.
    Speaker,
    /// Moderates in the room.
    Moderator,
    /// Moderates the online participants.
    OnlineModerator,
    /// Writes the session report.
    Rapporteur,
}

/// Whether a position was taken in the room or online.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::position::ParticipationMode")]
pub enum ParticipationMode {
    /// In the room.
    Onsite,
    /// Remotely, online.
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
    /// Not yet public: admins see it, and organizers who recorded it or
    /// whose sessions or events it belongs to.
    Draft,
    /// Visible to everyone, anonymous callers included.
    Published,
}
