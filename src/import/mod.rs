//! Session proposals: [`proposal`] parses the text, [`store`] writes what
//! it found in one transaction, canonical values beside the text as written.

pub mod proposal;

use entity::{
    event, person, policy_question, session,
    session_role::{self, RoleKind},
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use crate::{
    error::{AppError, AppResult},
    service::{
        audit::{self, Actor},
        reference::ReferenceData,
    },
};
use proposal::{ProposalDraft, RoleDraft};

/// The IGF 2025 WS #461 proposal, the project's founding input, compiled in
/// so the server can load it from any folder.
pub const FOUNDING_PROPOSAL: &str = include_str!("../../fixtures/igf2025-ws461-proposal.txt");
pub const FOUNDING_EVENT: &str = "igf-2025";

/// Write a parsed proposal as a new session of `event`: its roles (people
/// found by name or created), its policy questions in order. The caller
/// owns the transaction.
pub async fn store(
    db: &impl ConnectionTrait,
    actor: &Actor,
    event: &event::Model,
    draft: &ProposalDraft,
    reference: &ReferenceData,
) -> AppResult<session::Model> {
    let now = chrono::Utc::now();
    let gains = serde_json::to_value(&draft.participant_gains).map_err(AppError::internal)?;
    let extra: Vec<serde_json::Value> = draft
        .extra_sections
        .iter()
        .map(|s| serde_json::json!({ "heading": s.heading, "body": s.body }))
        .collect();
    let session = session::ActiveModel {
        event_id: Set(event.id),
        code: Set(draft.code.clone()),
        kind: Set(draft.kind),
        title: Set(draft.title.clone()),
        format: Set(draft.format),
        duration_minutes: Set(draft.duration_minutes),
        format_description: Set(draft.format_description.clone()),
        description: Set(draft.description.clone()),
        expected_outcomes: Set(draft.expected_outcomes.clone()),
        hybrid_format: Set(draft.hybrid_format.clone()),
        participant_gains: Set(gains),
        extra_sections: Set(serde_json::Value::Array(extra)),
        starts_at: Set(None),
        ends_at: Set(None),
        room: Set(None),
        online_link: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let roles = draft
        .organizers
        .iter()
        .map(|r| (RoleKind::Organizer, r))
        .chain(draft.speakers.iter().map(|r| (RoleKind::Speaker, r)));
    for (kind, role) in roles {
        store_role(db, actor, &session, kind, role, reference).await?;
    }
    for (i, text) in draft.policy_questions.iter().enumerate() {
        policy_question::ActiveModel {
            session_id: Set(session.id),
            position: Set(i as i32 + 1),
            text: Set(text.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let after = serde_json::json!({
        "event": event.code,
        "code": session.code,
        "kind": session.kind.to_value(),
        "title": session.title,
        "roles": draft.organizers.len() + draft.speakers.len(),
        "policyQuestions": draft.policy_questions.len(),
    });
    audit::record(
        db,
        actor,
        "import",
        "session",
        session.id,
        None,
        Some(after),
    )
    .await?;
    Ok(session)
}

async fn store_role(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session: &session::Model,
    kind: RoleKind,
    role: &RoleDraft,
    reference: &ReferenceData,
) -> AppResult<()> {
    let group = role
        .stakeholder_group
        .as_deref()
        .and_then(|g| reference.match_stakeholder_group(g));
    let region = role
        .region
        .as_deref()
        .and_then(|r| reference.match_region(r));
    let person_id = match &role.name {
        Some(name) => Some(
            find_or_create_person(db, actor, name, group.map(|g| g.id), region.map(|r| r.id))
                .await?,
        ),
        None => None,
    };
    session_role::ActiveModel {
        session_id: Set(session.id),
        person_id: Set(person_id),
        role: Set(kind),
        position: Set(role.number as i32),
        stakeholder_group_id: Set(group.map(|g| g.id)),
        stakeholder_group_raw: Set(role.stakeholder_group.clone()),
        region_id: Set(region.map(|r| r.id)),
        region_raw: Set(role.region.clone()),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn find_or_create_person(
    db: &impl ConnectionTrait,
    actor: &Actor,
    name: &str,
    stakeholder_group_id: Option<i64>,
    region_id: Option<i64>,
) -> AppResult<i64> {
    if let Some(p) = person::Entity::find()
        .filter(person::Column::Name.eq(name))
        .one(db)
        .await?
    {
        return Ok(p.id);
    }
    let now = chrono::Utc::now();
    let p = person::ActiveModel {
        name: Set(name.into()),
        affiliation: Set(None),
        stakeholder_group_id: Set(stakeholder_group_id),
        region_id: Set(region_id),
        gender: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        actor,
        "create",
        "person",
        p.id,
        None,
        Some(serde_json::json!({ "name": p.name })),
    )
    .await?;
    Ok(p.id)
}

/// On a database that holds no session, load the founding WS #461 proposal
/// into `igf-2025` (issue: a server that works on a fresh machine).
/// Returns whether it loaded anything.
pub async fn seed_founding_proposal(
    db: &sea_orm::DatabaseConnection,
    reference: &ReferenceData,
) -> anyhow::Result<bool> {
    use anyhow::Context;
    if crate::service::session::any_exists(db).await? {
        return Ok(false);
    }
    let draft = proposal::parse(FOUNDING_PROPOSAL).context("parsing the founding proposal")?;
    let actor = Actor::system();
    let txn = crate::service::write::begin(db).await?;
    let stored = async {
        let event = crate::service::event::ensure_igf(&txn, &actor, FOUNDING_EVENT).await?;
        let session = store(&txn, &actor, &event, &draft, reference).await?;
        Ok::<_, AppError>((event, session))
    };
    let (event, session) = match stored.await {
        Ok(stored) => stored,
        // Another instance starting on the same database got there first.
        Err(AppError::Conflict(_)) => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    txn.commit().await?;
    tracing::info!(session.code = %session.code, event.code = %event.code, "loaded the founding proposal");
    Ok(true)
}
