//! The `User` object (an account) and `UserRole`.

use async_graphql::{Context, Description, Enum, ID, Object};
use entity::{user, user_assignment};

use super::{Event, Session, Timestamp, loaders};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        loaders::{EventId, SessionId},
    },
    service,
    state::AppState,
};

/// What an account may do.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::user::UserRole")]
pub enum UserRole {
    /// Everything, including accounts, events, topics and cited documents.
    Admin,
    /// Changes the events and sessions they are assigned to.
    Organizer,
    /// Reads everything published, and the bulk exports.
    Analyst,
}

/// An account that can sign in. Only admins and the account itself see it.
#[derive(Description)]
pub struct User(pub user::Model);

#[Object(use_type_description)]
impl User {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::User, self.0.id)
    }
    /// Sign-in email, lower case.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// What the account may do.
    async fn role(&self) -> UserRole {
        self.0.role.into()
    }
    /// A disabled account cannot sign in, and its tokens stop working.
    async fn disabled(&self) -> bool {
        self.0.disabled
    }
    /// The events and sessions an organizer may change.
    async fn assignments(&self, ctx: &Context<'_>) -> AppResult<Vec<Assignment>> {
        let db = &ctx.data_unchecked::<AppState>().db;
        Ok(service::user::assignments(db, self.0.id)
            .await?
            .into_iter()
            .map(Assignment)
            .collect())
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the account was created.
    async fn created_at(&self) -> Timestamp {
        self.0.created_at.into()
    }
}

/// An organizer's assignment: a whole event, or one session.
#[derive(Description)]
pub struct Assignment(pub user_assignment::Model);

#[Object(use_type_description)]
impl Assignment {
    /// The event, for an assignment to all of its sessions.
    async fn event(&self, ctx: &Context<'_>) -> AppResult<Option<Event>> {
        let Some(id) = self.0.event_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(EventId(id)).await?.map(Event))
    }
    /// The session, for an assignment to one session.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<Option<Session>> {
        let Some(id) = self.0.session_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(SessionId(id)).await?.map(Session))
    }
}
