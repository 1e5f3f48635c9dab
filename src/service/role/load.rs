//! Session roles for many sessions or people at once, for the per-request
//! loaders: one statement per batch, never one per parent.

use entity::{session, session_role};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::service::page;

/// The roles of these sessions, in the order of a proposal: organizers
/// first, then speakers, moderators, rapporteurs (which the stored strings
/// do not sort into), then by place and id.
pub async fn of_sessions(
    db: &impl ConnectionTrait,
    sessions: &[i64],
) -> Result<Vec<session_role::Model>, DbErr> {
    let mut rows = session_role::Entity::find()
        .filter(session_role::Column::SessionId.is_in(sessions.iter().copied()))
        .all(db)
        .await?;
    rows.sort_by_key(|r| (r.role as u8, r.position, r.id));
    Ok(rows)
}

/// The first `first + 1` roles after id `after` of every one of `people`,
/// in id order, in one statement.
pub async fn first_per_person(
    db: &impl ConnectionTrait,
    people: Vec<i64>,
    first: u64,
    after: Option<i64>,
) -> Result<Vec<session_role::Model>, DbErr> {
    page::first_per_parent::<session_role::Entity>(
        db,
        Condition::all(),
        session_role::Column::PersonId,
        session_role::Column::Id,
        people,
        first,
        after,
    )
    .await
}

/// How many roles each of `people` holds, as `(person id, n)` for the
/// people who hold any, in one statement.
pub async fn count_per_person(
    db: &impl ConnectionTrait,
    people: Vec<i64>,
) -> Result<Vec<(i64, i64)>, DbErr> {
    page::count_per_parent::<session_role::Entity>(
        db,
        Condition::all(),
        session_role::Column::PersonId,
        people,
    )
    .await
}

/// The sessions each of `people` has a role in, as `(person id, session
/// id, event id)`, one row per role.
pub async fn sessions_of_people(
    db: &impl ConnectionTrait,
    people: &[i64],
) -> Result<Vec<(i64, i64, i64)>, DbErr> {
    let rows = session_role::Entity::find()
        .filter(session_role::Column::PersonId.is_in(people.iter().copied()))
        .find_also_related(session::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(role, session)| {
            let session = session?;
            Some((role.person_id?, session.id, session.event_id))
        })
        .collect())
}

/// The role with this id, if any.
pub async fn by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<session_role::Model>, DbErr> {
    session_role::Entity::find_by_id(id).one(db).await
}

/// The roles with these ids.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<session_role::Model>, DbErr> {
    session_role::Entity::find()
        .filter(session_role::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}
