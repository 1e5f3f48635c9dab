//! The `Node` interface: every object with a global ID.

use async_graphql::{ID, Interface};

use super::{
    AuditEntry, Document, Event, Intervention, Paragraph, Person, PolicyQuestion, Position, Region,
    ReviewItem, Session, SessionRole, StakeholderGroup, Stance, Topic, Transcript, User,
};

/// An object with a global ID, fetchable with `node(id:)` (Relay).
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global ID, unique across all types."))]
pub enum Node {
    Region(Region),
    StakeholderGroup(StakeholderGroup),
    Event(Event),
    Session(Session),
    SessionRole(SessionRole),
    PolicyQuestion(PolicyQuestion),
    Person(Person),
    Topic(Topic),
    Stance(Stance),
    Position(Position),
    Document(Document),
    Paragraph(Paragraph),
    User(User),
    AuditEntry(AuditEntry),
    ReviewItem(ReviewItem),
    Transcript(Transcript),
    Intervention(Intervention),
}
