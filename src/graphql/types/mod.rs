//! GraphQL object types: one newtype over an entity model per object, with
//! a doc comment on every field (they become schema.graphql's descriptions).

mod audit;
mod balance;
mod enums;
mod event;
mod node;
mod person;
mod position;
mod reference;
mod review;
mod search;
mod session;
mod stats;
mod timestamp;
mod user;

pub use audit::AuditEntry;
pub use balance::PanelBalance;
pub use enums::*;
pub use event::Event;
pub use node::Node;
pub use person::Person;
pub use position::Position;
pub use reference::{Document, Paragraph, Region, StakeholderGroup, Stance, Topic};
pub use review::{ReviewItem, ReviewKind, ReviewStatus};
pub use search::{SearchHit, SearchResult, SearchTotal};
pub(crate) use session::read_ahead;
pub use session::{PolicyQuestion, Session, SessionRole};
pub use stats::{
    PositionStats, StanceComparison, StanceDifference, StanceProfile, StatsBucket, StatsDimension,
};
pub use timestamp::Timestamp;
pub use user::{Assignment, User, UserRole};

use async_graphql::Context;

use super::loaders::Loaders;
use crate::{service::reference::ReferenceData, state::AppState};
use std::sync::Arc;

/// The request's data loaders.
pub(crate) fn loaders<'a>(ctx: &Context<'a>) -> &'a Loaders {
    ctx.data_unchecked::<Loaders>()
}

/// Who is asking.
pub(crate) fn viewer<'a>(ctx: &Context<'a>) -> &'a crate::auth::Viewer {
    ctx.data_unchecked::<crate::auth::Viewer>()
}

/// The reference data snapshot of the request.
pub(crate) fn reference(ctx: &Context<'_>) -> Arc<ReferenceData> {
    ctx.data_unchecked::<AppState>().reference()
}
