//! Admin edits of topics (`createTopic`, `updateTopic`, `deleteTopic`); the
//! use cases are in [`crate::service::topic`]. Each write reloads the
//! reference snapshot.

use async_graphql::{Context, ID, InputObject, Object};

use super::{Deleted, env};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        types::Topic,
    },
    service::topic::{self as service, TopicChanges},
};

/// A topic's fields; `code` and `name` are required to create one.
#[derive(InputObject, Default)]
pub struct TopicInput {
    /// Stable code: lower-case letters and digits in dash-separated words,
    /// such as `enhanced-cooperation`.
    code: Option<String>,
    /// Display name, at most 200 characters.
    name: Option<String>,
    /// At most 20000 characters; an empty string clears it.
    description: Option<String>,
    /// What marks a mention of the topic in an intervention (case aside),
    /// such as "enhanced cooperation" or "Tunis Agenda"; replaces the list
    /// when given, `[]` clears it. At most 50, each up to 100 characters.
    keywords: Option<Vec<String>>,
}

impl From<TopicInput> for TopicChanges {
    fn from(input: TopicInput) -> Self {
        Self {
            code: input.code,
            name: input.name,
            description: input.description,
            keywords: input.keywords,
        }
    }
}

#[derive(Default)]
pub struct TopicMutation;

#[Object]
impl TopicMutation {
    /// Create a topic (admins).
    async fn create_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new topic; `code` and `name` are required.")] input: TopicInput,
    ) -> AppResult<Topic> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let model = service::create(&state.db, viewer, input.into()).await?;
        state.reload_reference().await?;
        Ok(Topic(model))
    }

    /// Change a topic (admins).
    async fn update_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The topic's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes; fields left out stay as they are.")] input: TopicInput,
    ) -> AppResult<Topic> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Topic)?;
        let model = service::update(&state.db, viewer, n, version, input.into()).await?;
        state.reload_reference().await?;
        Ok(Topic(model))
    }

    /// Delete a topic (admins). Refused with `CONFLICT` while it has
    /// stances or positions, unless `cascade: true` deletes them too.
    async fn delete_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The topic's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Also delete its stances and the positions on the topic."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Topic)?;
        service::delete(&state.db, viewer, n, version, cascade).await?;
        state.reload_reference().await?;
        Ok(Deleted { id })
    }
}
