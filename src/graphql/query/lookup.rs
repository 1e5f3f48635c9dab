//! Single lookups a front end reaches for first: an event or a topic by its
//! code, a position or a policy question by its global ID. Each answers
//! null for what does not exist or the reader may not see, as `node` does
//! (a draft position is seen by admins and by the organizers in its scope
//! only).

use async_graphql::{Context, ID, Object};

use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{Event, PolicyQuestion, Position, Topic, reference, viewer},
    },
    service,
    state::AppState,
};

#[derive(Default)]
pub struct LookupQuery;

/// The row id of a global ID of `kind`, or `BAD_USER_INPUT` on `id`.
fn decode(id: &ID, kind: Kind) -> AppResult<i64> {
    ids::decode_as(id, kind).map_err(|e| AppError::invalid("id", e.to_string()))
}

#[Object]
impl LookupQuery {
    /// One event by its code, such as `event(code: "igf-2025")`; null if
    /// none.
    async fn event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Event code, such as `igf-2025`.")] code: String,
    ) -> AppResult<Option<Event>> {
        let db = &ctx.data_unchecked::<AppState>().db;
        Ok(service::event::by_code(db, code.trim()).await?.map(Event))
    }

    /// One topic by its code, such as `topic(code: "enhanced-cooperation")`;
    /// null if none.
    async fn topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Topic code, such as `enhanced-cooperation`.")] code: String,
    ) -> Option<Topic> {
        reference(ctx)
            .topic_by_code(code.trim())
            .ok()
            .cloned()
            .map(Topic)
    }

    /// One position by its global ID; null if none, or if it is a draft the
    /// reader may not see.
    async fn position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The position's global ID.")] id: ID,
    ) -> AppResult<Option<Position>> {
        let id = decode(&id, Kind::Position)?;
        let db = &ctx.data_unchecked::<AppState>().db;
        let visible = service::position::visible(viewer(ctx));
        Ok(service::position::visible_by_id(db, visible, id)
            .await?
            .map(Position))
    }

    /// One policy question by its global ID; null if none.
    async fn policy_question(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The policy question's global ID.")] id: ID,
    ) -> AppResult<Option<PolicyQuestion>> {
        let id = decode(&id, Kind::PolicyQuestion)?;
        let db = &ctx.data_unchecked::<AppState>().db;
        Ok(service::session::load::question_by_id(db, id)
            .await?
            .map(PolicyQuestion))
    }
}
