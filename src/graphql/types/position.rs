//! The `Position` object: a stance someone took, where and how.

use async_graphql::{Context, Description, ID, Object};
use entity::position;

use super::{
    Paragraph, ParticipationMode, Person, PolicyQuestion, PositionSource, PositionStatus, Region,
    Session, StakeholderGroup, Stance, Timestamp, Topic, loaders, reference, required_reference,
};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        loaders::{CitedByPosition, PersonId, PolicyQuestionId, SessionId},
    },
};

/// One stance taken by someone on a topic: what they said, where, and how
/// it was recorded.
#[derive(Description)]
pub struct Position(pub position::Model);

#[Object(use_type_description)]
impl Position {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Position, self.0.id)
    }
    /// The topic the position is about.
    async fn topic(&self, ctx: &Context<'_>) -> AppResult<Topic> {
        let id = self.0.topic_id;
        required_reference(ctx, "topic", id, |r| r.topic(id).cloned().map(Topic)).await
    }
    /// The stance taken.
    async fn stance(&self, ctx: &Context<'_>) -> AppResult<Stance> {
        let id = self.0.stance_id;
        required_reference(ctx, "stance", id, |r| r.stance(id).cloned().map(Stance)).await
    }
    /// What was said, summarised.
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    /// What was said, verbatim, where recorded.
    async fn quote(&self) -> Option<&str> {
        self.0.quote.as_deref()
    }
    /// The session where it was said.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<Option<Session>> {
        let Some(id) = self.0.session_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(SessionId(id)).await?.map(Session))
    }
    /// The policy question it answers.
    async fn policy_question(&self, ctx: &Context<'_>) -> AppResult<Option<PolicyQuestion>> {
        let Some(id) = self.0.policy_question_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)
            .load_one(PolicyQuestionId(id))
            .await?
            .map(PolicyQuestion))
    }
    /// The intervention of the session's transcript it was taken from, so
    /// its quote can be traced to the record.
    async fn intervention(&self, ctx: &Context<'_>) -> AppResult<Option<super::Intervention>> {
        let Some(id) = self.0.intervention_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)
            .load_one(crate::graphql::loaders::InterventionId(id))
            .await?
            .map(super::Intervention))
    }
    /// Who took it; null for an anonymous floor participant.
    async fn person(&self, ctx: &Context<'_>) -> AppResult<Option<Person>> {
        let Some(id) = self.0.person_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(PersonId(id)).await?.map(Person))
    }
    /// The stakeholder group declared with the position, if it maps to one.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        let id = self.0.stakeholder_group_id?;
        reference(ctx)
            .stakeholder_group(id)
            .cloned()
            .map(StakeholderGroup)
    }
    /// The stakeholder group exactly as the source wrote it.
    async fn stakeholder_group_as_written(&self) -> Option<&str> {
        self.0.stakeholder_group_raw.as_deref()
    }
    /// The UN regional group declared with the position, if it maps to one.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        let id = self.0.region_id?;
        reference(ctx).region(id).cloned().map(Region)
    }
    /// The region exactly as the source wrote it.
    async fn region_as_written(&self) -> Option<&str> {
        self.0.region_raw.as_deref()
    }
    /// Onsite or online.
    async fn participation_mode(&self) -> Option<ParticipationMode> {
        self.0.participation_mode.map(Into::into)
    }
    /// Intervention, written submission or report.
    async fn source(&self) -> PositionSource {
        self.0.source.into()
    }
    /// Draft or published.
    async fn status(&self) -> PositionStatus {
        self.0.status.into()
    }
    /// When it was said or written.
    async fn recorded_at(&self) -> Timestamp {
        self.0.recorded_at.into()
    }
    /// Paragraphs of cited documents it refers to.
    async fn cited_paragraphs(&self, ctx: &Context<'_>) -> AppResult<Vec<Paragraph>> {
        let ids = loaders(ctx)
            .load_one(CitedByPosition(self.0.id))
            .await?
            .unwrap_or_default();
        let reference = reference(ctx);
        Ok(ids
            .into_iter()
            .filter_map(|id| reference.paragraph(id).cloned())
            .map(Paragraph)
            .collect())
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
