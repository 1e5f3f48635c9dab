//! Events by id, for the per-request loaders: one statement per batch.

use entity::event;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// The events with these ids (any order; a missing id is left out).
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// The event with this id, if any.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find_by_id(id).one(db).await
}
