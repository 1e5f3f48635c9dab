//! Writing a session: create, update, save with its roles and questions
//! (an edit form), delete. Each opens its own transaction, checks the
//! viewer's scope, validates, writes with a version check and an audit
//! row, and commits.

use std::collections::HashMap;

use entity::{policy_question, position, session};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set,
    sea_query::{Expr, ExprTrait, Query},
};

use super::{
    ClientId, SessionChanges, WhenAnswered,
    changes::{apply, cite, paragraphs},
    replace_questions, replace_roles,
    role::{RoleSpec, role_model},
};
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
    service::{self, reference::ReferenceData, validate, write},
};

/// A whole session as an edit form holds it: without `id` it is created;
/// with `id` and `version` it is updated, and its roles and policy
/// questions become exactly the lists given.
#[derive(Debug)]
pub struct SaveSession {
    pub id: Option<ClientId>,
    /// Required with `id`.
    pub version: Option<i32>,
    pub changes: SessionChanges,
    /// The roles in order; a role's order defaults to its place among the
    /// listed roles of its kind.
    pub roles: Vec<RoleSpec>,
    /// The policy questions in order.
    pub questions: Vec<String>,
}

/// The session `id`, which the viewer must be allowed to change.
pub(super) async fn editable(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> AppResult<session::Model> {
    let session = write::find::<session::Entity>(db, id).await?;
    viewer.check_session(&session)?;
    Ok(session)
}

/// Create a session in an event (admins, and organizers of the event).
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    changes: SessionChanges,
) -> AppResult<session::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let session = create_in(&txn, viewer, reference, changes).await?;
    txn.commit().await?;
    Ok(session)
}

/// Change a session's own fields (admins, and its organizers).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    id: i64,
    version: i32,
    changes: SessionChanges,
) -> AppResult<session::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let session = update_in(&txn, viewer, reference, id, version, changes).await?;
    txn.commit().await?;
    Ok(session)
}

/// Write a session with its roles and policy questions in one transaction.
/// A named role keeps its id while the same person plays the same part; a
/// question keeps its id while it stays in the list.
pub async fn save(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    save: SaveSession,
) -> AppResult<session::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let session = match (save.id, save.version) {
        (None, _) => create_in(&txn, viewer, reference, save.changes).await?,
        (Some(id), Some(version)) => {
            update_in(&txn, viewer, reference, id?, version, save.changes).await?
        }
        (Some(_), None) => return Err(AppError::invalid("version", "is required with `id`")),
    };
    let actor = viewer.actor();
    let mut counts = HashMap::new();
    let mut wanted = Vec::new();
    for (i, role) in save.roles.into_iter().enumerate() {
        let n = counts.entry(role.role).or_insert(0);
        *n += 1;
        let am = role_model(&txn, reference, session.id, role, Some(*n))
            .await
            .map_err(|e| e.within(&format!("roles[{i}]")))?;
        wanted.push(am);
    }
    replace_roles(&txn, &actor, session.id, wanted, false).await?;
    let questions: Vec<String> = save
        .questions
        .iter()
        .enumerate()
        .map(|(i, text)| validate::text(&format!("policyQuestions[{i}]"), text, 2000))
        .collect::<AppResult<_>>()?;
    replace_questions(&txn, &actor, session.id, &questions, WhenAnswered::Refuse).await?;
    let session = write::find::<session::Entity>(&txn, session.id).await?;
    txn.commit().await?;
    Ok(session)
}

/// Delete a session with its roles and questions (admins, and its
/// organizers). Refused with `CONFLICT` while positions refer to it,
/// unless an admin asks to `cascade`, which deletes them too.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<session::Model> {
    viewer.require_editor()?;
    if cascade {
        viewer.require_admin()?;
    }
    let txn = write::begin(db).await?;
    let session = editable(&txn, viewer, id).await?;
    if cascade {
        let positions = position::Entity::find()
            .filter(position::Column::SessionId.eq(session.id))
            .all(&txn)
            .await?;
        service::position::delete_all(&txn, &viewer.actor(), positions).await?;
        let questions = Expr::col(position::Column::PolicyQuestionId).in_subquery(
            Query::select()
                .column(policy_question::Column::Id)
                .from(policy_question::Entity)
                .and_where(policy_question::Column::SessionId.eq(session.id))
                .to_owned(),
        );
        let answers = position::Entity::find().filter(questions).all(&txn).await?;
        service::position::delete_all(&txn, &viewer.actor(), answers).await?;
    } else {
        write::refuse_if_referred(
            &format!("session {}", session.code),
            &super::referrers(&txn, &[session.id]).await?,
        )?;
    }
    let deleted =
        write::delete::<session::Entity>(&txn, &viewer.actor(), session.id, version).await?;
    txn.commit().await?;
    Ok(deleted)
}

async fn create_in(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    reference: &ReferenceData,
    mut changes: SessionChanges,
) -> AppResult<session::Model> {
    let event_code = changes
        .event
        .clone()
        .ok_or_else(|| AppError::invalid("event", "is required"))?;
    let event = service::event::require(txn, &event_code)
        .await
        .map_err(|e| AppError::invalid("event", e.to_string()))?;
    viewer.check_event(event.id)?;
    let cited = changes.cited_paragraphs.take();
    let mut am = session::ActiveModel {
        event_id: Set(event.id),
        ..Default::default()
    };
    apply(&mut am, changes, None)?;
    if super::by_event_and_code(txn, event.id, am.code.as_ref())
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "{} already has a session {}",
            event.code,
            am.code.as_ref()
        )));
    }
    let session = write::create(txn, &viewer.actor(), am).await?;
    if let Some(ids) = cited {
        cite(
            txn,
            session.id,
            paragraphs(reference, "citedParagraphs", ids)?,
        )
        .await?;
    }
    Ok(session)
}

async fn update_in(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    reference: &ReferenceData,
    id: i64,
    version: i32,
    mut changes: SessionChanges,
) -> AppResult<session::Model> {
    let current = editable(txn, viewer, id).await?;
    if let Some(code) = &changes.event {
        let event = service::event::require(txn, code)
            .await
            .map_err(|e| AppError::invalid("event", e.to_string()))?;
        if event.id != current.event_id {
            return Err(AppError::invalid(
                "event",
                "a session stays in its event; create it in the other event instead",
            ));
        }
    }
    let cited = changes.cited_paragraphs.take();
    let mut am = <session::ActiveModel as Default>::default();
    apply(&mut am, changes, Some(&current))?;
    if let sea_orm::ActiveValue::Set(code) = &am.code
        && code != &current.code
        && super::by_event_and_code(txn, current.event_id, code)
            .await?
            .is_some()
    {
        return Err(AppError::Conflict(format!(
            "the event already has a session {code}"
        )));
    }
    let session = write::update(txn, &viewer.actor(), current.id, version, am).await?;
    if let Some(ids) = cited {
        cite(
            txn,
            session.id,
            paragraphs(reference, "citedParagraphs", ids)?,
        )
        .await?;
    }
    Ok(session)
}
