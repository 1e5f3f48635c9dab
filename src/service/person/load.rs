//! People by id, for the per-request loaders: one statement per batch.

use entity::person;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// The people with these ids (any order; a missing id is left out).
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// The person with this id, if any.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id).one(db).await
}
