//! `resolveReviewItem` and `dismissReviewItem`: settling the review queue
//! (`service::review`).

use async_graphql::{Context, ID, Object};

use super::env;
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        types::ReviewItem,
    },
    service::review,
};

#[derive(Default)]
pub struct ReviewMutation;

#[Object]
impl ReviewMutation {
    /// Resolve a review item (admins). For an unmapped region or group,
    /// `code` names the region or group it means: the text becomes an alias
    /// and every stored row that carries it is mapped. For a likely
    /// duplicate, use `mergePeople` first or leave `code` out.
    async fn resolve_review_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The review item's global ID.")] id: ID,
        #[graphql(desc = "The review item's `version` as last read.")] version: i32,
        #[graphql(
            desc = "The code of the region or stakeholder group the text means; required for those, refused for a likely duplicate and for unread people."
        )]
        code: Option<String>,
    ) -> AppResult<ReviewItem> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let id = ids::decode_as(&id, Kind::ReviewItem)?;
        let item = review::resolve(
            &state.db,
            &viewer.actor(),
            &state.reference(),
            id,
            version,
            code.as_deref(),
        )
        .await?;
        state.reload_reference().await?;
        Ok(ReviewItem(item))
    }

    /// Dismiss a review item without acting on it (admins).
    async fn dismiss_review_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The review item's global ID.")] id: ID,
        #[graphql(desc = "The review item's `version` as last read.")] version: i32,
    ) -> AppResult<ReviewItem> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let id = ids::decode_as(&id, Kind::ReviewItem)?;
        let item = review::dismiss(&state.db, &viewer.actor(), id, version).await?;
        Ok(ReviewItem(item))
    }
}
