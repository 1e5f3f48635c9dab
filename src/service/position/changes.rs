//! Writing positions: `recordPosition`, `updatePosition`, publishing,
//! unpublishing and deleting. Each opens its own transaction, checks that
//! the viewer may change the position, validates, writes with the version
//! check, audits and commits.

use chrono::{DateTime, Utc};
use entity::{
    intervention, person, policy_question,
    position::{self, ParticipationMode, PositionSource, PositionStatus},
    position_paragraph, session, session_role,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set,
};

use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
    service::{
        reference::ReferenceData,
        validate::{self, LONG},
        write,
    },
    timestamp,
};

/// A position's fields as a caller gives them; `None` leaves a field as it
/// is. Recording one needs `stance` and `summary`; the topic defaults to
/// `enhanced-cooperation`. Ids are database ids; field names in errors are
/// the API's (`policyQuestion`, `citedParagraphs`, …).
#[derive(Debug, Default, Clone)]
pub struct PositionChanges {
    /// Topic code.
    pub topic: Option<String>,
    /// Stance code within the topic.
    pub stance: Option<String>,
    pub summary: Option<String>,
    /// An empty string clears it.
    pub quote: Option<String>,
    pub session_id: Option<i64>,
    /// A policy question of the position's session.
    pub policy_question_id: Option<i64>,
    pub person_id: Option<i64>,
    /// An intervention of the position's session.
    pub intervention_id: Option<i64>,
    /// Stakeholder group code; this or the written form replaces the group.
    pub stakeholder_group: Option<String>,
    pub stakeholder_group_as_written: Option<String>,
    /// Region code; this or the written form replaces the region.
    pub region: Option<String>,
    pub region_as_written: Option<String>,
    pub participation_mode: Option<ParticipationMode>,
    /// Default `Intervention` for a new position.
    pub source: Option<PositionSource>,
    /// Default now for a new position.
    pub recorded_at: Option<DateTime<Utc>>,
    /// Paragraph ids; replaces the list when given.
    pub cited_paragraphs: Option<Vec<i64>>,
}

/// Why an organizer may not write or publish a position with no session:
/// it would count in every statistic, search and export, outside every
/// scope they hold.
const OUTSIDE_SESSIONS: &str = "organizers record positions inside their sessions only: give the session (one of yours) where the position was taken";

/// Admins change every position; organizers those of their sessions and
/// those they recorded themselves (a position with no session from before
/// organizers had to give one: they may give it a session, take it back
/// to draft or delete it, but not publish it).
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

/// Record a position as a draft (admins, and organizers of its session).
pub async fn record(
    db: &DatabaseConnection,
    refs: &ReferenceData,
    viewer: &Viewer,
    changes: PositionChanges,
) -> AppResult<position::Model> {
    let user = viewer.require_editor()?;
    let cited = changes.cited_paragraphs.clone();
    let txn = write::begin(db).await?;
    let mut am = position::ActiveModel {
        status: Set(PositionStatus::Draft),
        recorded_by_id: Set(Some(user.id)),
        ..Default::default()
    };
    apply(&txn, refs, viewer, &mut am, changes, None).await?;
    let p = write::create(&txn, &viewer.actor(), am).await?;
    if let Some(ids) = cited {
        cite(&txn, p.id, paragraphs(refs, ids)?).await?;
    }
    txn.commit().await?;
    Ok(p)
}

/// Edit position `id` as of `version`; fields left out stay as they are.
pub async fn update(
    db: &DatabaseConnection,
    refs: &ReferenceData,
    viewer: &Viewer,
    id: i64,
    version: i32,
    changes: PositionChanges,
) -> AppResult<position::Model> {
    viewer.require_editor()?;
    let cited = changes.cited_paragraphs.clone();
    let txn = write::begin(db).await?;
    let current = editable(&txn, viewer, id, version).await?;
    let mut am = <position::ActiveModel as Default>::default();
    apply(&txn, refs, viewer, &mut am, changes, Some(&current)).await?;
    let p = write::update(&txn, &viewer.actor(), current.id, version, am).await?;
    if let Some(ids) = cited {
        cite(&txn, p.id, paragraphs(refs, ids)?).await?;
    }
    txn.commit().await?;
    Ok(p)
}

/// Publish position `id` or take it back to draft.
pub async fn set_status(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    status: PositionStatus,
) -> AppResult<position::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let p = editable(&txn, viewer, id, version).await?;
    if status == PositionStatus::Published && p.session_id.is_none() && !viewer.is_admin() {
        return Err(AppError::forbidden(OUTSIDE_SESSIONS));
    }
    let am = position::ActiveModel {
        status: Set(status),
        ..Default::default()
    };
    let p = write::update(&txn, &viewer.actor(), p.id, version, am).await?;
    txn.commit().await?;
    Ok(p)
}

/// Delete position `id` as of `version`.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
) -> AppResult<()> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let p = editable(&txn, viewer, id, version).await?;
    write::delete::<position::Entity>(&txn, &viewer.actor(), p.id, version).await?;
    txn.commit().await?;
    Ok(())
}

/// Validate `changes` into `am` for a position of `current` (none when new).
async fn apply(
    txn: &DatabaseTransaction,
    refs: &ReferenceData,
    viewer: &Viewer,
    am: &mut position::ActiveModel,
    changes: PositionChanges,
    current: Option<&position::Model>,
) -> AppResult<()> {
    apply_text(refs, am, &changes, current)?;
    let session = apply_session(txn, viewer, am, &changes, current).await?;
    let spoken = apply_intervention(txn, am, &changes, session.as_ref(), current).await?;
    let person_id = changes
        .person_id
        .or_else(|| current.is_none().then_some(spoken).flatten());
    let person = match person_id {
        Some(id) => {
            let p = person::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(|| AppError::invalid("person", "no such person"))?;
            am.person_id = Set(Some(p.id));
            Some(p)
        }
        None => None,
    };
    apply_declared(txn, refs, am, &changes, session.as_ref(), person.as_ref()).await?;
    if let Some(mode) = changes.participation_mode {
        am.participation_mode = Set(Some(mode));
    }
    if let Some(source) = changes.source {
        am.source = Set(source);
    } else if current.is_none() {
        am.source = Set(PositionSource::Intervention);
    }
    if let Some(at) = changes.recorded_at {
        am.recorded_at = Set(at);
    } else if current.is_none() {
        am.recorded_at = Set(timestamp::now());
    }
    Ok(())
}

/// Topic, stance, summary and quote.
fn apply_text(
    refs: &ReferenceData,
    am: &mut position::ActiveModel,
    changes: &PositionChanges,
    current: Option<&position::Model>,
) -> AppResult<()> {
    let topic_id = match &changes.topic {
        Some(code) => {
            refs.topic_by_code(code)
                .map_err(|e| AppError::invalid("topic", e.to_string()))?
                .id
        }
        None => match current {
            Some(p) => p.topic_id,
            None => {
                refs.topic_by_code("enhanced-cooperation")
                    .map_err(|e| AppError::invalid("topic", e.to_string()))?
                    .id
            }
        },
    };
    am.topic_id = Set(topic_id);
    match (&changes.stance, current) {
        (Some(code), _) => {
            let ids = refs
                .stances_by_code(code, Some(topic_id))
                .map_err(|e| AppError::invalid("stance", e.to_string()))?;
            am.stance_id = Set(ids[0]);
        }
        (None, Some(p))
            if changes.topic.is_some()
                && refs
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
    match (&changes.summary, current) {
        (Some(s), _) => am.summary = Set(validate::text("summary", s, LONG)?),
        (None, None) => return Err(AppError::invalid("summary", "is required")),
        _ => {}
    }
    if changes.quote.is_some() {
        am.quote = Set(validate::opt_text("quote", changes.quote.clone(), LONG)?);
    }
    Ok(())
}

/// The session and policy question, and whether the viewer may write a
/// position there; the position's session, if any, comes back.
async fn apply_session(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    am: &mut position::ActiveModel,
    changes: &PositionChanges,
    current: Option<&position::Model>,
) -> AppResult<Option<session::Model>> {
    let session = match changes.session_id {
        Some(id) => {
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
    if session.is_none() && !viewer.is_admin() {
        return Err(AppError::invalid("session", OUTSIDE_SESSIONS));
    }
    let moved = session.as_ref().map(|s| s.id) != current.and_then(|p| p.session_id);
    if changes.policy_question_id.is_none()
        && moved
        && current.is_some_and(|p| p.policy_question_id.is_some())
    {
        return Err(AppError::invalid(
            "policyQuestion",
            "the position answers a question of its previous session: give a policyQuestion of the new session",
        ));
    }
    if let Some(id) = changes.policy_question_id {
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
    Ok(session)
}

/// The intervention the position was taken from, which must be of the
/// position's session; gives its person when it has one. A position that
/// moves to another session must name an intervention there or none.
async fn apply_intervention(
    txn: &DatabaseTransaction,
    am: &mut position::ActiveModel,
    changes: &PositionChanges,
    session: Option<&session::Model>,
    current: Option<&position::Model>,
) -> AppResult<Option<i64>> {
    let Some(id) = changes.intervention_id else {
        let moved = session.map(|s| s.id) != current.and_then(|p| p.session_id);
        if moved && current.is_some_and(|p| p.intervention_id.is_some()) {
            return Err(AppError::invalid(
                "intervention",
                "the position cites an intervention of its previous session: give one of the new session",
            ));
        }
        return Ok(None);
    };
    let i = intervention::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::invalid("intervention", "no such intervention"))?;
    if session.map(|s| s.id) != Some(i.session_id) {
        return Err(AppError::invalid(
            "intervention",
            "was said in another session than the position's: give the position that session",
        ));
    }
    am.intervention_id = Set(Some(i.id));
    Ok(i.person_id)
}

/// The stakeholder group and region as declared: given, else (with a
/// person) as declared for the person's role in the session, else the
/// person's own.
async fn apply_declared(
    txn: &DatabaseTransaction,
    refs: &ReferenceData,
    am: &mut position::ActiveModel,
    changes: &PositionChanges,
    session: Option<&session::Model>,
    person: Option<&person::Model>,
) -> AppResult<()> {
    let declared_group =
        changes.stakeholder_group.is_some() || changes.stakeholder_group_as_written.is_some();
    let declared_region = changes.region.is_some() || changes.region_as_written.is_some();
    if declared_group {
        let (id, raw) = refs.declare_group(
            "stakeholderGroup",
            changes.stakeholder_group.as_deref(),
            changes.stakeholder_group_as_written.as_deref(),
        )?;
        am.stakeholder_group_id = Set(id);
        am.stakeholder_group_raw = Set(raw);
    }
    if declared_region {
        let (id, raw) = refs.declare_region(
            "region",
            changes.region.as_deref(),
            changes.region_as_written.as_deref(),
        )?;
        am.region_id = Set(id);
        am.region_raw = Set(raw);
    }
    let Some(person) = person else { return Ok(()) };
    if declared_group && declared_region {
        return Ok(());
    }
    // As declared for the session where the person has a role there.
    let role = match session {
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
                .and_then(|g| refs.stakeholder_group(g))
                .map(|g| g.name.clone()),
            person.region_id,
            person
                .region_id
                .and_then(|r| refs.region(r))
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
    Ok(())
}

/// The cited paragraphs, each of which must exist.
fn paragraphs(refs: &ReferenceData, ids: Vec<i64>) -> AppResult<Vec<i64>> {
    ids.into_iter()
        .map(|n| {
            refs.paragraph(n)
                .map(|p| p.id)
                .ok_or_else(|| AppError::invalid("citedParagraphs", "no such paragraph"))
        })
        .collect()
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

/// Position `id`, which the viewer must be allowed to change. The version
/// the client sent must be the one read here, so that the authorisation
/// and the write concern the same state of the row.
async fn editable(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    id: i64,
    version: i32,
) -> AppResult<position::Model> {
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
