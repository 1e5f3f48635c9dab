//! The `Person` object: name, affiliation, group, region, gender (for those
//! who may read it), roles and positions.

use async_graphql::{Context, Description, ID, Object};
use entity::person;

use super::{
    Position, Region, SessionRole, StakeholderGroup, loaders, reference, session::nested_positions,
    viewer,
};
use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        loaders::{CountKey, PositionParent, RolesOfPersonPage, SessionsOfPerson},
    },
    service::{self, page::Page},
};

/// A speaker or participant.
#[derive(Description)]
pub struct Person(pub person::Model);

#[Object(use_type_description)]
impl Person {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Person, self.0.id)
    }
    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Organisation the person is with.
    async fn affiliation(&self) -> Option<&str> {
        self.0.affiliation.as_deref()
    }
    /// The person's current stakeholder group; a role keeps the one
    /// declared for its session.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        let id = self.0.stakeholder_group_id?;
        reference(ctx)
            .stakeholder_group(id)
            .cloned()
            .map(StakeholderGroup)
    }
    /// The stakeholder group as first written for this person (by an import).
    async fn stakeholder_group_as_written(&self) -> Option<&str> {
        self.0.stakeholder_group_raw.as_deref()
    }
    /// The region as first written for this person (by an import).
    async fn region_as_written(&self) -> Option<&str> {
        self.0.region_raw.as_deref()
    }
    /// The person's current UN regional group.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        let id = self.0.region_id?;
        reference(ctx).region(id).cloned().map(Region)
    }
    /// The person's roles in sessions, each with its session, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<Conn<SessionRole>> {
        let (first, after) = connection::nested_request(Scope::Roles, first, after)?;
        let key = RolesOfPersonPage {
            person: self.0.id,
            first,
            after,
        };
        let mut rows = loaders(ctx).load_one(key).await?.unwrap_or_default();
        let has_next = rows.len() as u64 > first;
        rows.truncate(first as usize);
        Ok(connection::connection(
            Scope::Roles,
            Page {
                rows,
                has_previous: after.is_some(),
                has_next,
            },
            TotalCount::Loader(CountKey::RolesOfPerson(self.0.id)),
            |r| (None, r.id),
            SessionRole,
        ))
    }
    /// Published positions this person took, in recording order.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn positions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<Conn<Position>> {
        nested_positions(ctx, PositionParent::Person(self.0.id), first, after).await
    }
    /// What this person said in session transcripts (interventions matched
    /// to them), oldest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn interventions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<Conn<super::Intervention>> {
        super::nested_interventions(
            ctx,
            crate::graphql::loaders::InterventionParent::Person(self.0.id),
            first,
            after,
        )
        .await
    }
    /// Self-declared gender, for IGF's balance criteria. Only those who may
    /// change the person read it: admins, and an organizer in whose scope
    /// every session the person has a role in lies. Everyone else gets null
    /// (and sees it only inside aggregated balance).
    async fn gender(&self, ctx: &Context<'_>) -> AppResult<Option<&str>> {
        let Some(gender) = self.0.gender.as_deref() else {
            return Ok(None);
        };
        let viewer = viewer(ctx);
        if viewer.is_admin() {
            return Ok(Some(gender));
        }
        if viewer.user().is_none() {
            return Ok(None);
        }
        let sessions = loaders(ctx)
            .load_one(SessionsOfPerson(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(service::person::may_edit(viewer, &sessions).then_some(gender))
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
