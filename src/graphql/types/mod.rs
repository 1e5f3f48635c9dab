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
mod transcript;
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
pub(crate) use transcript::nested_interventions;
pub use transcript::{Intervention, Transcript};
pub use user::{Assignment, User, UserRole};

use async_graphql::Context;

use super::loaders::Loaders;
use crate::{
    error::{AppError, AppResult},
    service::reference::ReferenceData,
    state::AppState,
};
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

/// A reference row that a `NOT NULL` column points at: from the snapshot,
/// or, when it was added (by another instance) after the snapshot was
/// taken, from a fresh one.
pub(crate) async fn required_reference<T>(
    ctx: &Context<'_>,
    what: &str,
    id: i64,
    find: impl Fn(&ReferenceData) -> Option<T>,
) -> AppResult<T> {
    if let Some(found) = find(&reference(ctx)) {
        return Ok(found);
    }
    let state = ctx.data_unchecked::<AppState>();
    state.reload_reference_unless(|r| find(r).is_some()).await?;
    find(&state.reference())
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("{what} {id} is not in the database")))
}

/// The session a `NOT NULL` column points at.
pub(crate) async fn required_session(ctx: &Context<'_>, id: i64) -> AppResult<Session> {
    loaders(ctx)
        .load_one(super::loaders::SessionId(id))
        .await?
        .map(Session)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("session {id} is not in the database")))
}
