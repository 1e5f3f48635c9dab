//! Stances, the camps of a topic (`createStance`, `updateStance`,
//! `deleteStance`; admins only). Callers reload the reference snapshot
//! after each write.

use entity::{position, stance};
use sea_orm::{ActiveValue, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::topic::required;
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
    service::{
        reference::ReferenceData,
        validate::{self, LONG, SHORT},
        write,
    },
};

/// A stance's fields; `code` and `name` are required to create one, and
/// `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct StanceChanges {
    pub code: Option<String>,
    pub name: Option<String>,
    /// An empty string clears it.
    pub description: Option<String>,
    /// Display order within the topic, 1 to 1000; default: last.
    pub order: Option<i32>,
}

fn model(changes: StanceChanges, creating: bool) -> AppResult<stance::ActiveModel> {
    required("code", &changes.code, creating)?;
    required("name", &changes.name, creating)?;
    let mut am = <stance::ActiveModel as Default>::default();
    if let Some(code) = changes.code {
        am.code = Set(validate::code("code", &code)?);
    }
    if let Some(name) = changes.name {
        am.name = Set(validate::text("name", &name, SHORT)?);
    }
    if changes.description.is_some() || creating {
        am.description = Set(validate::opt_text(
            "description",
            changes.description,
            LONG,
        )?);
    }
    if let Some(order) = changes.order {
        am.position = Set(validate::range("order", order, 1, 1000)?);
    }
    Ok(am)
}

/// Add a stance to the topic with code `topic`.
pub async fn create(
    db: &DatabaseConnection,
    refs: &ReferenceData,
    viewer: &Viewer,
    topic: &str,
    changes: StanceChanges,
) -> AppResult<stance::Model> {
    viewer.require_admin()?;
    let topic = refs
        .topic_by_code(topic)
        .map_err(|e| AppError::invalid("topic", e.to_string()))?;
    let mut am = model(changes, true)?;
    am.topic_id = Set(topic.id);
    if let ActiveValue::NotSet = am.position {
        am.position = Set(refs.stances_of(topic.id).count() as i32 + 1);
    }
    let txn = write::begin(db).await?;
    let model = write::create(&txn, &viewer.actor(), am).await?;
    txn.commit().await?;
    Ok(model)
}

/// Change stance `id` as of `version`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    changes: StanceChanges,
) -> AppResult<stance::Model> {
    viewer.require_admin()?;
    let am = model(changes, false)?;
    let txn = write::begin(db).await?;
    let model = write::update(&txn, &viewer.actor(), id, version, am).await?;
    txn.commit().await?;
    Ok(model)
}

/// Delete stance `id` as of `version`: refused with `CONFLICT` while
/// positions take it, unless `cascade` deletes them too.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<()> {
    viewer.require_admin()?;
    let txn = write::begin(db).await?;
    write::find::<stance::Entity>(&txn, id).await?;
    let positions = position::Entity::find()
        .filter(position::Column::StanceId.eq(id))
        .all(&txn)
        .await?;
    if cascade {
        super::position::delete_all(&txn, &viewer.actor(), positions).await?;
    } else {
        write::refuse_if_referred("the stance", &vec![(positions.len() as u64, "positions")])?;
    }
    write::delete::<stance::Entity>(&txn, &viewer.actor(), id, version).await?;
    txn.commit().await?;
    Ok(())
}
