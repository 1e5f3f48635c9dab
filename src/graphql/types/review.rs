//! `ReviewItem`, `ReviewKind` and `ReviewStatus`: what the importer could
//! not map and left for a person to decide.

use async_graphql::{Context, Description, Enum, ID, Object};
use entity::review_item;

use super::{Person, Session, Timestamp, loaders};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        loaders::{PersonId, SessionId},
    },
};

/// What a review item is about.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::review_item::ReviewKind")]
pub enum ReviewKind {
    /// A region as written that maps to no UN regional group.
    Region,
    /// A stakeholder group as written that maps to none known.
    StakeholderGroup,
    /// Two people who are likely the same (same name words, another order).
    PossibleDuplicate,
    /// Lines of a session's page that look like people and were not read
    /// as roles: `text` lists them. Add the roles by hand
    /// (`addSessionRole`), then resolve it without a code.
    UnreadPeople,
    /// A speaker label of a session's transcript that matches no one of
    /// its roles, or more than one: `text` gives the label, `session` the
    /// session. Resolve it with `person`, and every intervention with that
    /// label in that session is attributed to that person.
    UnmatchedSpeaker,
}

/// Where a review item stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "entity::review_item::ReviewStatus")]
pub enum ReviewStatus {
    /// Waiting for an admin.
    Open,
    /// Settled with `resolveReviewItem`.
    Resolved,
    /// Set aside with `dismissReviewItem`.
    Dismissed,
}

/// Something an import could not settle, for admins to resolve.
#[derive(Description)]
pub struct ReviewItem(pub review_item::Model);

#[Object(use_type_description)]
impl ReviewItem {
    /// Global ID for `node(id:)` and `resolveReviewItem`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::ReviewItem, self.0.id)
    }
    /// What it is about.
    async fn kind(&self) -> ReviewKind {
        self.0.kind.into()
    }
    /// Open, resolved or dismissed.
    async fn status(&self) -> ReviewStatus {
        self.0.status.into()
    }
    /// The text as first written, or the two names of a likely duplicate.
    async fn text(&self) -> &str {
        &self.0.sample
    }
    /// How many times imports met it in another session than the last.
    async fn occurrences(&self) -> i32 {
        self.0.occurrences
    }
    /// The session where it was last met.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<Option<Session>> {
        let Some(id) = self.0.session_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(SessionId(id)).await?.map(Session))
    }
    /// For a likely duplicate: the two people; for a resolved speaker
    /// label: the person named.
    async fn people(&self, ctx: &Context<'_>) -> AppResult<Vec<Person>> {
        let ids: Vec<i64> = [self.0.person_id, self.0.other_person_id]
            .into_iter()
            .flatten()
            .collect();
        let mut found = loaders(ctx)
            .load_many(ids.iter().map(|&id| PersonId(id)))
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| found.remove(&PersonId(*id)))
            .map(Person)
            .collect())
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When it was first met.
    async fn created_at(&self) -> Timestamp {
        self.0.created_at.into()
    }
}
