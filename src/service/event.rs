//! Events: IGF annual meetings and NRI events.

use entity::event::{self, EventKind};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::audit::{self, Actor};
use crate::error::{AppError, AppResult};

pub async fn by_code(db: &impl ConnectionTrait, code: &str) -> AppResult<Option<event::Model>> {
    Ok(event::Entity::find()
        .filter(event::Column::Code.eq(code))
        .one(db)
        .await?)
}

/// The event with this code, or a `BAD_USER_INPUT` that names it.
pub async fn require(db: &impl ConnectionTrait, code: &str) -> AppResult<event::Model> {
    by_code(db, code)
        .await?
        .ok_or_else(|| AppError::bad_input(format!("unknown event `{code}`")))
}

pub async fn list(db: &impl ConnectionTrait, year: Option<i32>) -> AppResult<Vec<event::Model>> {
    let mut q = event::Entity::find();
    if let Some(year) = year {
        q = q.filter(event::Column::Year.eq(year));
    }
    Ok(q.order_by_desc(event::Column::Year)
        .order_by_asc(event::Column::Code)
        .all(db)
        .await?)
}

/// An IGF annual meeting's code: `igf-YYYY`.
pub fn parse_igf_code(code: &str) -> Option<i32> {
    let year = code.strip_prefix("igf-")?;
    (year.len() == 4).then(|| year.parse().ok()).flatten()
}

/// The event with this code, created when it is an IGF annual meeting
/// (`igf-2023`) that is not stored yet.
pub async fn ensure_igf(
    db: &impl ConnectionTrait,
    actor: &Actor,
    code: &str,
) -> AppResult<event::Model> {
    if let Some(event) = by_code(db, code).await? {
        return Ok(event);
    }
    let year = parse_igf_code(code)
        .filter(|y| (2006..=2100).contains(y))
        .ok_or_else(|| {
            AppError::bad_input(format!(
                "unknown event `{code}`; an IGF annual meeting is written igf-YYYY"
            ))
        })?;
    let now = crate::timestamp::now();
    let event = event::ActiveModel {
        code: Set(code.into()),
        name: Set(format!("IGF {year}")),
        kind: Set(EventKind::Igf),
        year: Set(year),
        location: Set(None),
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
        "event",
        event.id,
        None,
        Some(to_json(&event)),
    )
    .await?;
    Ok(event)
}

fn to_json(e: &event::Model) -> serde_json::Value {
    serde_json::json!({ "code": e.code, "name": e.name, "kind": e.kind.to_value(), "year": e.year })
}

pub mod load;
