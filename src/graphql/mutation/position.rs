//! Recording and editing positions: `recordPosition`, `updatePosition`,
//! `publishPosition`, `unpublishPosition`, `deletePosition`. The use cases
//! are in [`crate::service::position`]; here global IDs are decoded.

use async_graphql::{Context, ID, InputObject, Object};
use entity::position::PositionStatus;

use super::{Deleted, env};
use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{ParticipationMode, Position, PositionSource, Timestamp},
    },
    service::position::{self as service, PositionChanges},
};

/// A position's fields. In `recordPosition`, `stance` and `summary` are
/// required; the topic defaults to `enhanced-cooperation`. When a person is
/// given without a declared group or region, those of the person's role in
/// the session (else the person's own) are used.
#[derive(InputObject, Default)]
pub struct PositionInput {
    /// Topic code.
    topic: Option<String>,
    /// Stance code within the topic.
    stance: Option<String>,
    /// What was said, summarised; at most 20000 characters.
    summary: Option<String>,
    /// Verbatim words, where recorded; an empty string clears it.
    quote: Option<String>,
    /// Global ID of the session where it was said. Organizers must give
    /// one of their sessions; only admins record positions with none.
    session: Option<ID>,
    /// Global ID of the policy question it answers (of that session).
    policy_question: Option<ID>,
    /// Global ID of the person; none for an anonymous participant.
    person: Option<ID>,
    /// Global ID of the intervention (of the position's session) it was
    /// taken from; with no `person` given, a new position takes the
    /// intervention's person.
    intervention: Option<ID>,
    /// Stakeholder group code, such as `civil-society`; it must exist.
    /// Giving this or `stakeholderGroupAsWritten` replaces the declared
    /// group.
    stakeholder_group: Option<String>,
    /// The stakeholder group as the speaker put it. Without
    /// `stakeholderGroup`, it is mapped to a known group where it can be
    /// (else the position has none); with it, it is kept beside it.
    stakeholder_group_as_written: Option<String>,
    /// Region code, such as `grulac`; it must exist. Giving this or
    /// `regionAsWritten` replaces the declared region.
    region: Option<String>,
    /// The region as the speaker put it. Without `region`, it is mapped to
    /// a UN regional group where it can be (else the position has none);
    /// with it, it is kept beside it.
    region_as_written: Option<String>,
    /// Onsite or online; left out, it stays unrecorded (null).
    participation_mode: Option<ParticipationMode>,
    /// Where it was recorded from; default `INTERVENTION`.
    source: Option<PositionSource>,
    /// When it was said or written; default now.
    recorded_at: Option<Timestamp>,
    /// Global IDs of cited paragraphs; replaces the list when given.
    cited_paragraphs: Option<Vec<ID>>,
}

/// A global ID of `kind`, or `BAD_USER_INPUT` naming `field`.
fn decode(field: &str, id: &ID, kind: Kind) -> AppResult<i64> {
    ids::decode_as(id, kind).map_err(|e| AppError::invalid(field, e.to_string()))
}

impl TryFrom<PositionInput> for PositionChanges {
    type Error = AppError;

    fn try_from(input: PositionInput) -> AppResult<Self> {
        let decode_opt =
            |field: &str, id: Option<ID>, kind| id.map(|id| decode(field, &id, kind)).transpose();
        Ok(Self {
            session_id: decode_opt("session", input.session, Kind::Session)?,
            policy_question_id: decode_opt(
                "policyQuestion",
                input.policy_question,
                Kind::PolicyQuestion,
            )?,
            person_id: decode_opt("person", input.person, Kind::Person)?,
            intervention_id: decode_opt("intervention", input.intervention, Kind::Intervention)?,
            cited_paragraphs: input
                .cited_paragraphs
                .map(|ids| {
                    ids.iter()
                        .map(|id| decode("citedParagraphs", id, Kind::Paragraph))
                        .collect::<AppResult<Vec<_>>>()
                })
                .transpose()?,
            topic: input.topic,
            stance: input.stance,
            summary: input.summary,
            quote: input.quote,
            stakeholder_group: input.stakeholder_group,
            stakeholder_group_as_written: input.stakeholder_group_as_written,
            region: input.region,
            region_as_written: input.region_as_written,
            participation_mode: input.participation_mode.map(Into::into),
            source: input.source.map(Into::into),
            recorded_at: input.recorded_at.map(|at| at.0),
        })
    }
}

async fn set_status(
    ctx: &Context<'_>,
    id: ID,
    version: i32,
    status: PositionStatus,
) -> AppResult<Position> {
    let (state, viewer) = env(ctx);
    viewer.require_editor()?;
    let n = ids::decode_as(&id, Kind::Position)?;
    let p = service::set_status(&state.db, viewer, n, version, status).await?;
    Ok(Position(p))
}

#[derive(Default)]
pub struct PositionMutation;

#[Object]
impl PositionMutation {
    /// Record a position as a draft (admins, and organizers of its session:
    /// an organizer's position always has a session of theirs).
    async fn record_position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new position; `stance` and `summary` are required.")]
        input: PositionInput,
    ) -> AppResult<Position> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let changes = PositionChanges::try_from(input)?;
        let p = service::record(&state.db, &state.reference(), viewer, changes).await?;
        Ok(Position(p))
    }

    /// Edit a position; fields left out stay as they are.
    async fn update_position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The position's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes.")] input: PositionInput,
    ) -> AppResult<Position> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let n = ids::decode_as(&id, Kind::Position)?;
        let changes = PositionChanges::try_from(input)?;
        let p = service::update(&state.db, &state.reference(), viewer, n, version, changes).await?;
        Ok(Position(p))
    }

    /// Publish a position: the public, aggregates and search see it. A
    /// position with no session is published by admins only.
    async fn publish_position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The position's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
    ) -> AppResult<Position> {
        set_status(ctx, id, version, PositionStatus::Published).await
    }

    /// Take a position back to draft.
    async fn unpublish_position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The position's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
    ) -> AppResult<Position> {
        set_status(ctx, id, version, PositionStatus::Draft).await
    }

    /// Delete a position.
    async fn delete_position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The position's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let n = ids::decode_as(&id, Kind::Position)?;
        service::delete(&state.db, viewer, n, version).await?;
        Ok(Deleted { id })
    }
}
