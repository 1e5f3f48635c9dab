//! A session's policy questions one at a time. Every change also bumps the
//! session's version, so an edit form that read it reloads.

use entity::{policy_question, position, session};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::edit::editable;
use crate::{
    error::AppResult,
    service::viewer::Viewer,
    service::{validate, write},
};

/// Add a question to session `session_id`, at place `order` (1 to 1000;
/// default: last).
pub async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    session_id: i64,
    text: &str,
    order: Option<i32>,
) -> AppResult<policy_question::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let session = editable(&txn, viewer, session_id).await?;
    let order = match order {
        Some(n) => validate::range("order", n, 1, 1000)?,
        None => {
            policy_question::Entity::find()
                .filter(policy_question::Column::SessionId.eq(session.id))
                .count(&txn)
                .await? as i32
                + 1
        }
    };
    let am = policy_question::ActiveModel {
        session_id: Set(session.id),
        position: Set(order),
        text: Set(validate::text("text", text, 2000)?),
        ..Default::default()
    };
    let question = write::create(&txn, &viewer.actor(), am).await?;
    write::touch::<session::Entity>(&txn, session.id, session.version).await?;
    txn.commit().await?;
    Ok(question)
}

/// Change question `id`'s text or order; what is left out stays.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    text: Option<String>,
    order: Option<i32>,
) -> AppResult<policy_question::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let question = write::find::<policy_question::Entity>(&txn, id).await?;
    let session = editable(&txn, viewer, question.session_id).await?;
    let mut am = <policy_question::ActiveModel as Default>::default();
    if let Some(text) = text {
        am.text = Set(validate::text("text", &text, 2000)?);
    }
    if let Some(order) = order {
        am.position = Set(validate::range("order", order, 1, 1000)?);
    }
    let question = write::update(&txn, &viewer.actor(), id, version, am).await?;
    write::touch::<session::Entity>(&txn, session.id, session.version).await?;
    txn.commit().await?;
    Ok(question)
}

/// Delete question `id`. Refused with `CONFLICT` while positions answer
/// it, unless an admin asks to `cascade`, which keeps those positions and
/// detaches them from the question.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<policy_question::Model> {
    viewer.require_editor()?;
    if cascade {
        viewer.require_admin()?;
    }
    let txn = write::begin(db).await?;
    let question = write::find::<policy_question::Entity>(&txn, id).await?;
    let session = editable(&txn, viewer, question.session_id).await?;
    let answers = position::Entity::find()
        .filter(position::Column::PolicyQuestionId.eq(id))
        .all(&txn)
        .await?;
    if cascade {
        for p in answers {
            let am = position::ActiveModel {
                policy_question_id: Set(None),
                ..Default::default()
            };
            write::update(&txn, &viewer.actor(), p.id, p.version, am).await?;
        }
    } else {
        write::refuse_if_referred(
            "the policy question",
            &vec![(answers.len() as u64, "positions")],
        )?;
    }
    let deleted =
        write::delete::<policy_question::Entity>(&txn, &viewer.actor(), id, version).await?;
    write::touch::<session::Entity>(&txn, session.id, session.version).await?;
    txn.commit().await?;
    Ok(deleted)
}
