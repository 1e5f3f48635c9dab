//! Admin edits of stances (`createStance`, `updateStance`, `deleteStance`);
//! the use cases are in [`crate::service::stance`]. Each write reloads the
//! reference snapshot.

use async_graphql::{Context, ID, InputObject, Object};

use super::{Deleted, env};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        types::Stance,
    },
    service::stance::{self as service, StanceChanges},
};

/// A stance's fields; `code` and `name` are required to create one.
#[derive(InputObject, Default)]
pub struct StanceInput {
    /// Stable code: lower-case letters and digits in dash-separated words,
    /// such as `new-mechanism`.
    code: Option<String>,
    /// Display name, at most 200 characters.
    name: Option<String>,
    /// What the stance holds, at most 20000 characters; an empty string
    /// clears it.
    description: Option<String>,
    /// Display order within the topic, 1 to 1000; default: last.
    order: Option<i32>,
}

impl From<StanceInput> for StanceChanges {
    fn from(input: StanceInput) -> Self {
        Self {
            code: input.code,
            name: input.name,
            description: input.description,
            order: input.order,
        }
    }
}

#[derive(Default)]
pub struct StanceMutation;

#[Object]
impl StanceMutation {
    /// Add a stance to a topic (admins).
    async fn create_stance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The topic's code, such as `enhanced-cooperation`.")] topic: String,
        #[graphql(desc = "The new stance; `code` and `name` are required.")] input: StanceInput,
    ) -> AppResult<Stance> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let refs = state.reference();
        let model = service::create(&state.db, &refs, viewer, &topic, input.into()).await?;
        state.reload_reference().await?;
        Ok(Stance(model))
    }

    /// Change a stance (admins).
    async fn update_stance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The stance's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes; fields left out stay as they are.")] input: StanceInput,
    ) -> AppResult<Stance> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Stance)?;
        let model = service::update(&state.db, viewer, n, version, input.into()).await?;
        state.reload_reference().await?;
        Ok(Stance(model))
    }

    /// Delete a stance (admins). Refused with `CONFLICT` while positions
    /// take it, unless `cascade: true` deletes them too.
    async fn delete_stance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The stance's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(default = false, desc = "Also delete the positions that take it.")] cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Stance)?;
        service::delete(&state.db, viewer, n, version, cascade).await?;
        state.reload_reference().await?;
        Ok(Deleted { id })
    }
}
