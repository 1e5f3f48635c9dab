//! Interventions for many sessions or people at once, for the per-request
//! loaders: one statement per batch, never one per parent.

use entity::intervention;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::service::page;

/// The interventions with these ids.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<intervention::Model>, DbErr> {
    intervention::Entity::find()
        .filter(intervention::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

fn in_transcript() -> Condition {
    Condition::all().add(intervention::Column::InTranscript.eq(true))
}

/// The first `first + 1` interventions after place `after` of every one of
/// `sessions`, in transcript order, in one statement.
pub async fn first_per_session(
    db: &impl ConnectionTrait,
    sessions: Vec<i64>,
    first: u64,
    after: Option<i64>,
) -> Result<Vec<intervention::Model>, DbErr> {
    page::first_per_parent::<intervention::Entity>(
        db,
        in_transcript(),
        intervention::Column::SessionId,
        intervention::Column::Ord,
        sessions,
        first,
        after,
    )
    .await
}

/// The first `first + 1` interventions after id `after` of every one of
/// `people`, oldest first, in one statement.
pub async fn first_per_person(
    db: &impl ConnectionTrait,
    people: Vec<i64>,
    first: u64,
    after: Option<i64>,
) -> Result<Vec<intervention::Model>, DbErr> {
    page::first_per_parent::<intervention::Entity>(
        db,
        in_transcript(),
        intervention::Column::PersonId,
        intervention::Column::Id,
        people,
        first,
        after,
    )
    .await
}

/// How many interventions in the transcript each of these sessions (or
/// people) has, as `(parent id, n)`, in one statement.
pub async fn count_per_parent(
    db: &impl ConnectionTrait,
    parent: intervention::Column,
    parents: Vec<i64>,
) -> Result<Vec<(i64, i64)>, DbErr> {
    page::count_per_parent::<intervention::Entity>(db, in_transcript(), parent, parents).await
}
