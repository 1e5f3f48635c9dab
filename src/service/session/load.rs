//! Sessions and what hangs off them (policy questions, cited paragraphs)
//! for many ids at once, for the per-request loaders: one statement per
//! batch, never one per session.

use entity::{policy_question, session, session_paragraph};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The sessions with these ids (any order; a missing id is left out).
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<session::Model>, DbErr> {
    session::Entity::find()
        .filter(session::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// The policy questions with these ids (any order).
pub async fn questions_by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<policy_question::Model>, DbErr> {
    policy_question::Entity::find()
        .filter(policy_question::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// The policy questions of these sessions, each session's in order.
pub async fn questions_of_sessions(
    db: &impl ConnectionTrait,
    sessions: &[i64],
) -> Result<Vec<policy_question::Model>, DbErr> {
    policy_question::Entity::find()
        .filter(policy_question::Column::SessionId.is_in(sessions.iter().copied()))
        .order_by_asc(policy_question::Column::Position)
        .order_by_asc(policy_question::Column::Id)
        .all(db)
        .await
}

/// The paragraphs these sessions cite, as `(session id, paragraph id)` in
/// paragraph order.
pub async fn cited_paragraphs(
    db: &impl ConnectionTrait,
    sessions: &[i64],
) -> Result<Vec<(i64, i64)>, DbErr> {
    let rows = session_paragraph::Entity::find()
        .filter(session_paragraph::Column::SessionId.is_in(sessions.iter().copied()))
        .order_by_asc(session_paragraph::Column::ParagraphId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| (c.session_id, c.paragraph_id))
        .collect())
}

/// The session with this id, if any.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<session::Model>, DbErr> {
    session::Entity::find_by_id(id).one(db).await
}

/// The policy question with this id, if any.
pub async fn question_by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<policy_question::Model>, DbErr> {
    policy_question::Entity::find_by_id(id).one(db).await
}
