use async_graphql::{Context, ID, InputObject, Object};
use entity::{
    person, policy_question,
    position::{self, PositionStatus},
    position_paragraph, session, session_role,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::{Deleted, env, session::paragraphs};
use crate::{
    auth::Viewer,
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{ParticipationMode, Position, PositionSource, Timestamp},
    },
    service::{
        validate::{self, LONG},
        write,
    },
    state::AppState,
    timestamp,
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
    /// Global ID of the session where it was said.
    session: Option<ID>,
    /// Global ID of the policy question it answers (of that session).
    policy_question: Option<ID>,
    /// Global ID of the person; none for an anonymous participant.
    person: Option<ID>,
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

/// Admins change every position; organizers those of their sessions and
/// those they recorded themselves.
fn check(
    viewer: &Viewer,
    session: Option<&session::Model>,
    recorded_by: Option<i64>,
) -> AppResult<()> {
    let user = viewer.require_editor()?;
    let allowed = match session {
        Some(session) => viewer.may_edit_session(session),
        None => viewer.is_admin() || recorded_by == Some(user.id),
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "you are not an organizer of this position's session",
        ))
    }
}

/// Validate `input` into `am` for a position of `current` (none when new).
async fn apply(
    txn: &DatabaseTransaction,
    state: &AppState,
    viewer: &Viewer,
    am: &mut position::ActiveModel,
    input: PositionInput,
    current: Option<&position::Model>,
) -> AppResult<()> {
    let reference = state.reference();
    let topic_id = match &input.topic {
        Some(code) => {
            reference
                .topic_by_code(code)
                .map_err(|e| AppError::invalid("topic", e.to_string()))?
                .id
        }
        None => match current {
            Some(p) => p.topic_id,
            None => {
                reference
                    .topic_by_code("enhanced-cooperation")
                    .map_err(|e| AppError::invalid("topic", e.to_string()))?
                    .id
            }
        },
    };
    am.topic_id = Set(topic_id);
    match (&input.stance, current) {
        (Some(code), _) => {
            let ids = reference
                .stances_by_code(code, Some(topic_id))
                .map_err(|e| AppError::invalid("stance", e.to_string()))?;
            am.stance_id = Set(ids[0]);
        }
        (None, Some(p))
            if input.topic.is_some()
                && reference
                    .stance(p.stance_id)
                    .is_none_or(|s| s.topic_id != topic_id) =>
        {
            return Err(AppError::invalid(
                "stance",
                "give a stance of the new topic",
            ));
        }
        (None, None) => return Err(AppError::invalid("stance", "is required")),
        (None, Some(_)) => {}
    }
    match (&input.summary, current) {
        (Some(s), _) => am.summary = Set(validate::text("summary", s, LONG)?),
        (None, None) => return Err(AppError::invalid("summary", "is required")),
        _ => {}
    }
    if input.quote.is_some() {
        am.quote = Set(validate::opt_text("quote", input.quote.clone(), LONG)?);
    }
    let session = match &input.session {
        Some(id) => {
            let id = ids::decode_as(id, Kind::Session)
                .map_err(|e| AppError::invalid("session", e.to_string()))?;
            let s = session::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(|| AppError::invalid("session", "no such session"))?;
            am.session_id = Set(Some(s.id));
            Some(s)
        }
        None => match current.and_then(|p| p.session_id) {
            Some(id) => Some(write::find::<session::Entity>(txn, id).await?),
            None => None,
        },
    };
    check(
        viewer,
        session.as_ref(),
        current.map_or(Some(viewer.require_user()?.id), |p| p.recorded_by_id),
    )?;
    let moved = session.as_ref().map(|s| s.id) != current.and_then(|p| p.session_id);
    if input.policy_question.is_none()
        && moved
        && current.is_some_and(|p| p.policy_question_id.is_some())
    {
        return Err(AppError::invalid(
            "policyQuestion",
            "the position answers a question of its previous session: give a policyQuestion of the new session",
        ));
    }
    if let Some(id) = &input.policy_question {
        let id = ids::decode_as(id, Kind::PolicyQuestion)
            .map_err(|e| AppError::invalid("policyQuestion", e.to_string()))?;
        let q = policy_question::Entity::find_by_id(id)
            .one(txn)
            .await?
            .ok_or_else(|| AppError::invalid("policyQuestion", "no such policy question"))?;
        if session.as_ref().map(|s| s.id) != Some(q.session_id) {
            return Err(AppError::invalid(
                "policyQuestion",
                "belongs to another session",
            ));
        }
        am.policy_question_id = Set(Some(q.id));
    }
    let person = match &input.person {
        Some(id) => {
            let id = ids::decode_as(id, Kind::Person)
                .map_err(|e| AppError::invalid("person", e.to_string()))?;
            let p = person::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(|| AppError::invalid("person", "no such person"))?;
            am.person_id = Set(Some(p.id));
            Some(p)
        }
        None => None,
    };
    let declared_group =
        input.stakeholder_group.is_some() || input.stakeholder_group_as_written.is_some();
    let declared_region = input.region.is_some() || input.region_as_written.is_some();
    if declared_group {
        let (id, raw) = reference.declare_group(
            "stakeholderGroup",
            input.stakeholder_group.as_deref(),
            input.stakeholder_group_as_written.as_deref(),
        )?;
        am.stakeholder_group_id = Set(id);
        am.stakeholder_group_raw = Set(raw);
    }
    if declared_region {
        let (id, raw) = reference.declare_region(
            "region",
            input.region.as_deref(),
            input.region_as_written.as_deref(),
        )?;
        am.region_id = Set(id);
        am.region_raw = Set(raw);
    }
    if let Some(person) = &person
        && (!declared_group || !declared_region)
    {
        // As declared for the session where the person has a role there.
        let role = match &session {
            Some(s) => {
                session_role::Entity::find()
                    .filter(session_role::Column::SessionId.eq(s.id))
                    .filter(session_role::Column::PersonId.eq(person.id))
                    .one(txn)
                    .await?
            }
            None => None,
        };
        let (group, group_raw, region, region_raw) = match role {
            Some(r) => (
                r.stakeholder_group_id,
                r.stakeholder_group_raw,
                r.region_id,
                r.region_raw,
            ),
            None => (
                person.stakeholder_group_id,
                person
                    .stakeholder_group_id
                    .and_then(|g| reference.stakeholder_group(g))
                    .map(|g| g.name.clone()),
                person.region_id,
                person
                    .region_id
                    .and_then(|r| reference.region(r))
                    .map(|r| r.name.clone()),
            ),
        };
        if !declared_group {
            am.stakeholder_group_id = Set(group);
            am.stakeholder_group_raw = Set(group_raw);
        }
        if !declared_region {
            am.region_id = Set(region);
            am.region_raw = Set(region_raw);
        }
    }
    if let Some(mode) = input.participation_mode {
        am.participation_mode = Set(Some(mode.into()));
    }
    if let Some(source) = input.source {
        am.source = Set(source.into());
    } else if current.is_none() {
        am.source = Set(position::PositionSource::Intervention);
    }
    if let Some(at) = input.recorded_at {
        am.recorded_at = Set(at.0);
    } else if current.is_none() {
        am.recorded_at = Set(timestamp::now());
    }
    Ok(())
}

async fn cite(txn: &DatabaseTransaction, position_id: i64, mut ids: Vec<i64>) -> AppResult<()> {
    position_paragraph::Entity::delete_many()
        .filter(position_paragraph::Column::PositionId.eq(position_id))
        .exec(txn)
        .await?;
    ids.sort_unstable();
    ids.dedup();
    for paragraph_id in ids {
        position_paragraph::ActiveModel {
            position_id: Set(position_id),
            paragraph_id: Set(paragraph_id),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The position behind a global ID, which the viewer must be allowed to
/// change. The version the client sent must be the one read here, so that
/// the authorisation and the write concern the same state of the row.
async fn editable(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    id: &ID,
    version: i32,
) -> AppResult<position::Model> {
    let id = ids::decode_as(id, Kind::Position)?;
    let p = write::find::<position::Entity>(txn, id).await?;
    let session = match p.session_id {
        Some(s) => Some(write::find::<session::Entity>(txn, s).await?),
        None => None,
    };
    let allowed = check(viewer, session.as_ref(), p.recorded_by_id);
    // A position the viewer may not even read is reported as missing.
    if p.status == PositionStatus::Draft && allowed.is_err() {
        viewer.require_editor()?;
        return Err(AppError::NotFound("no position with this ID".into()));
    }
    if p.version != version {
        viewer.require_editor()?;
        return Err(AppError::Stale {
            entity: "position",
            id,
            sent: version,
            current: p.version,
        });
    }
    allowed?;
    Ok(p)
}

async fn set_status(
    ctx: &Context<'_>,
    id: ID,
    version: i32,
    status: PositionStatus,
) -> AppResult<Position> {
    let (state, viewer) = env(ctx);
    viewer.require_editor()?;
    let txn = write::begin(&state.db).await?;
    let p = editable(&txn, viewer, &id, version).await?;
    let am = position::ActiveModel {
        status: Set(status),
        ..Default::default()
    };
    let p = write::update(&txn, &viewer.actor(), p.id, version, am).await?;
    txn.commit().await?;
    Ok(Position(p))
}

#[derive(Default)]
pub struct PositionMutation;

#[Object]
impl PositionMutation {
    /// Record a position as a draft (admins, and organizers of its session).
    async fn record_position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new position; `stance` and `summary` are required.")]
        input: PositionInput,
    ) -> AppResult<Position> {
        let (state, viewer) = env(ctx);
        let user = viewer.require_editor()?;
        let cited = input.cited_paragraphs.clone();
        let txn = write::begin(&state.db).await?;
        let mut am = position::ActiveModel {
            status: Set(PositionStatus::Draft),
            recorded_by_id: Set(Some(user.id)),
            ..Default::default()
        };
        apply(&txn, state, viewer, &mut am, input, None).await?;
        let p = write::create(&txn, &viewer.actor(), am).await?;
        if let Some(ids) = cited {
            cite(
                &txn,
                p.id,
                paragraphs(&state.reference(), "citedParagraphs", &ids)?,
            )
            .await?;
        }
        txn.commit().await?;
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
        let cited = input.cited_paragraphs.clone();
        let txn = write::begin(&state.db).await?;
        let current = editable(&txn, viewer, &id, version).await?;
        let mut am = <position::ActiveModel as Default>::default();
        apply(&txn, state, viewer, &mut am, input, Some(&current)).await?;
        let p = write::update(&txn, &viewer.actor(), current.id, version, am).await?;
        if let Some(ids) = cited {
            cite(
                &txn,
                p.id,
                paragraphs(&state.reference(), "citedParagraphs", &ids)?,
            )
            .await?;
        }
        txn.commit().await?;
        Ok(Position(p))
    }

    /// Publish a position: the public, aggregates and search see it.
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
        let txn = write::begin(&state.db).await?;
        let p = editable(&txn, viewer, &id, version).await?;
        write::delete::<position::Entity>(&txn, &viewer.actor(), p.id, version).await?;
        txn.commit().await?;
        Ok(Deleted { id })
    }
}
