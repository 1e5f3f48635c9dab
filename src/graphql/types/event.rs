//! The `Event` object: an IGF annual meeting or an NRI, with its sessions
//! and panel balance.

use async_graphql::{Context, Description, ID, Object};
use entity::event;

use super::{EventKind, PanelBalance, loaders};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        loaders::SeatsOfEvent,
    },
};

/// An IGF annual meeting (`igf-2025`) or an NRI event.
#[derive(Description)]
pub struct Event(pub event::Model);

#[Object(use_type_description)]
impl Event {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Event, self.0.id)
    }
    /// Stable slug, such as `igf-2025`; `session(event:)` and filters take it.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Display name, such as "IGF 2025".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// IGF annual meeting or which kind of NRI event.
    async fn kind(&self) -> EventKind {
        self.0.kind.into()
    }
    /// The year every filter and aggregate means by "year".
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Where it takes place.
    async fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }
    /// The panel balance of all the event's sessions together: every
    /// speaker and organizer role counted once per session.
    async fn balance(&self, ctx: &Context<'_>) -> AppResult<PanelBalance> {
        let seats = loaders(ctx)
            .load_one(SeatsOfEvent(self.0.id))
            .await?
            .unwrap_or_default();
        PanelBalance::as_seen(ctx, seats, false, self.0.id).await
    }
    /// Optimistic-concurrency version; an update names the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
