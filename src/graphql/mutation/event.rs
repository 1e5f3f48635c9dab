//! Mutations on events: the input types, their conversion into
//! `service::event` commands, and thin resolvers.

use async_graphql::{Context, ID, InputObject, Object};

use super::{Deleted, env};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        types::{Event, EventKind},
    },
    service::{
        self,
        event::{EventChanges, NewEvent},
    },
};

/// A new event.
#[derive(InputObject)]
pub struct EventInput {
    /// Stable slug, such as `igf-2026` or `nri-kenya-2025`.
    code: String,
    /// Display name, such as "IGF 2026"; at most 200 characters.
    name: String,
    /// IGF annual meeting or which kind of NRI event.
    kind: EventKind,
    /// The year that filters and aggregates use: 2000 to 2100.
    year: i32,
    /// Where it takes place, at most 200 characters; null or empty for none.
    location: Option<String>,
}

/// Changes to an event; fields left out stay as they are.
#[derive(InputObject)]
pub struct EventPatch {
    /// A new display name, at most 200 characters.
    name: Option<String>,
    /// A new kind.
    kind: Option<EventKind>,
    /// A new year: 2000 to 2100.
    year: Option<i32>,
    /// An empty string clears it.
    location: Option<String>,
}

impl From<EventInput> for NewEvent {
    fn from(input: EventInput) -> Self {
        Self {
            code: input.code,
            name: input.name,
            kind: input.kind.into(),
            year: input.year,
            location: input.location,
        }
    }
}

impl From<EventPatch> for EventChanges {
    fn from(input: EventPatch) -> Self {
        Self {
            name: input.name,
            kind: input.kind.map(Into::into),
            year: input.year,
            location: input.location,
        }
    }
}

#[derive(Default)]
pub struct EventMutation;

#[Object]
impl EventMutation {
    /// Create an event (admins).
    async fn create_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new event; its code must be unused (else `CONFLICT`).")]
        input: EventInput,
    ) -> AppResult<Event> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let event = service::event::create(&state.db, viewer, input.into()).await?;
        Ok(Event(event))
    }

    /// Change an event (admins, and organizers assigned to it).
    async fn update_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes.")] input: EventPatch,
    ) -> AppResult<Event> {
        let (state, viewer) = env(ctx);
        let id = ids::decode_as(&id, Kind::Event)?;
        let event = service::event::update(&state.db, viewer, id, version, input.into()).await?;
        Ok(Event(event))
    }

    /// Delete an event (admins). Refused with `CONFLICT` while it has
    /// sessions, unless `cascade: true` deletes them with their roles,
    /// questions and positions.
    async fn delete_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Also delete its sessions, with their roles, questions and positions."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let event_id = ids::decode_as(&id, Kind::Event)?;
        service::event::delete(&state.db, viewer, event_id, version, cascade).await?;
        Ok(Deleted { id })
    }
}
