//! Events: IGF annual meetings and NRI events; lookups, and every change
//! to an event (create, update, delete with its sessions).

use entity::{
    event::{self, EventKind},
    session,
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

use super::{
    audit::{self, Actor},
    validate::{self, SHORT, YEARS},
    write,
};
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
};

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

/// A new event; every field is checked.
#[derive(Debug)]
pub struct NewEvent {
    /// Stable slug, such as `igf-2026`; must be unused.
    pub code: String,
    pub name: String,
    pub kind: EventKind,
    /// 2000 to 2100.
    pub year: i32,
    /// Empty or none for none.
    pub location: Option<String>,
}

/// Changes to an event; fields left out stay as they are, an empty
/// `location` clears it.
#[derive(Debug, Default)]
pub struct EventChanges {
    pub name: Option<String>,
    pub kind: Option<EventKind>,
    pub year: Option<i32>,
    pub location: Option<String>,
}

/// Create an event (admins); `CONFLICT` when its code is taken.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    new: NewEvent,
) -> AppResult<event::Model> {
    viewer.require_admin()?;
    let am = event::ActiveModel {
        code: Set(validate::code("code", &new.code)?),
        name: Set(validate::text("name", &new.name, SHORT)?),
        kind: Set(new.kind),
        year: Set(validate::range("year", new.year, YEARS.0, YEARS.1)?),
        location: Set(validate::opt_text("location", new.location, SHORT)?),
        ..Default::default()
    };
    let txn = write::begin(db).await?;
    if by_code(&txn, am.code.as_ref()).await?.is_some() {
        return Err(AppError::Conflict(format!(
            "an event with code {} already exists",
            am.code.as_ref()
        )));
    }
    let event = write::create(&txn, &viewer.actor(), am).await?;
    txn.commit().await?;
    Ok(event)
}

/// Change event `id` (admins, and organizers assigned to it).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    changes: EventChanges,
) -> AppResult<event::Model> {
    viewer.check_event(id)?;
    let mut am = <event::ActiveModel as Default>::default();
    if let Some(name) = changes.name {
        am.name = Set(validate::text("name", &name, SHORT)?);
    }
    if let Some(kind) = changes.kind {
        am.kind = Set(kind);
    }
    if let Some(year) = changes.year {
        am.year = Set(validate::range("year", year, YEARS.0, YEARS.1)?);
    }
    if changes.location.is_some() {
        am.location = Set(validate::opt_text("location", changes.location, SHORT)?);
    }
    let txn = write::begin(db).await?;
    let event = write::update(&txn, &viewer.actor(), id, version, am).await?;
    txn.commit().await?;
    Ok(event)
}

/// Delete event `id` (admins). Refused with `CONFLICT` while it has
/// sessions, unless `cascade` deletes them with their roles, questions and
/// positions.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<event::Model> {
    viewer.require_admin()?;
    let txn = write::begin(db).await?;
    let sessions: Vec<i64> = session::Entity::find()
        .filter(session::Column::EventId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if cascade {
        super::session::delete_cascade(&txn, &viewer.actor(), &sessions).await?;
    } else {
        write::refuse_if_referred("the event", &vec![(sessions.len() as u64, "sessions")])?;
    }
    let deleted = write::delete::<event::Entity>(&txn, &viewer.actor(), id, version).await?;
    txn.commit().await?;
    Ok(deleted)
}

pub mod load;
