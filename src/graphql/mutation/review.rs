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
    /// and every stored row that carries it is mapped. For an unmatched
    /// speaker label, `person` names who it is. For a likely duplicate,
    /// use `mergePeople` first and give neither.
    async fn resolve_review_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The review item's global ID.")] id: ID,
        #[graphql(desc = "The review item's `version` as last read.")] version: i32,
        #[graphql(
            desc = "The code of the region or stakeholder group the text means; required for those, refused for the other kinds."
        )]
        code: Option<String>,
        #[graphql(
            desc = "For an unmatched speaker label: the global ID of the person it means; every intervention with that label in that session is attributed to them. Refused for other kinds."
        )]
        person: Option<ID>,
    ) -> AppResult<ReviewItem> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let id = ids::decode_as(&id, Kind::ReviewItem)?;
        let person = person
            .map(|p| {
                ids::decode_as(&p, Kind::Person)
                    .map_err(|e| crate::error::AppError::invalid("person", e.to_string()))
            })
            .transpose()?;
        let how = review::Resolution {
            code: code.as_deref(),
            person,
        };
        let item = review::resolve(
            &state.db,
            &viewer.actor(),
            &state.reference(),
            id,
            version,
            how,
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
