use async_graphql::{Context, ID, InputObject, Object};
use entity::{event, session};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{Deleted, env};
use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{Event, EventKind},
    },
    service::{
        self,
        validate::{self, SHORT, YEARS},
        write,
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
        let am = event::ActiveModel {
            code: Set(validate::code("code", &input.code)?),
            name: Set(validate::text("name", &input.name, SHORT)?),
            kind: Set(input.kind.into()),
            year: Set(validate::range("year", input.year, YEARS.0, YEARS.1)?),
            location: Set(validate::opt_text("location", input.location, SHORT)?),
            ..Default::default()
        };
        let txn = write::begin(&state.db).await?;
        if service::event::by_code(&txn, am.code.as_ref())
            .await?
            .is_some()
        {
            return Err(AppError::Conflict(format!(
                "an event with code {} already exists",
                am.code.as_ref()
            )));
        }
        let event = write::create(&txn, &viewer.actor(), am).await?;
        txn.commit().await?;
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
        viewer.check_event(id)?;
        let mut am = <event::ActiveModel as Default>::default();
        if let Some(name) = input.name {
            am.name = Set(validate::text("name", &name, SHORT)?);
        }
        if let Some(kind) = input.kind {
            am.kind = Set(kind.into());
        }
        if let Some(year) = input.year {
            am.year = Set(validate::range("year", year, YEARS.0, YEARS.1)?);
        }
        if input.location.is_some() {
            am.location = Set(validate::opt_text("location", input.location, SHORT)?);
        }
        let txn = write::begin(&state.db).await?;
        let event = write::update(&txn, &viewer.actor(), id, version, am).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let sessions: Vec<i64> = session::Entity::find()
            .filter(session::Column::EventId.eq(event_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|s| s.id)
            .collect();
        if cascade {
            service::session::delete_cascade(&txn, &viewer.actor(), &sessions).await?;
        } else {
            write::refuse_if_referred("the event", &vec![(sessions.len() as u64, "sessions")])?;
        }
        write::delete::<event::Entity>(&txn, &viewer.actor(), event_id, version).await?;
        txn.commit().await?;
        Ok(Deleted { id })
    }
}
