//! Positions: who stood where. Which positions a reader may see is decided
//! by [`visible`]; every read path (root
//! list, nested lists and counts, `node`) passes that condition in here.
//! The filter callers give is resolved in [`filter`]; writes are in
//! [`changes`].

mod changes;
mod filter;

pub use changes::{PositionChanges, delete, record, set_status, update};
pub use filter::PositionFilterSpec;

use entity::{
    event,
    position::{self, ParticipationMode, PositionStatus},
    session,
    user::UserRole,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Select, sea_query::Query,
};

use super::page::{self, Page, PageRequest};
use crate::{error::AppResult, service::viewer::Viewer};

/// Published positions only: what aggregates and search count, for every
/// viewer (DESIGN.md, Position).
pub fn published() -> Condition {
    Condition::all().add(position::Column::Status.eq(PositionStatus::Published))
}

#[derive(Debug, Default, Clone)]
pub struct PositionFilter {
    pub topic_id: Option<i64>,
    /// Any of these stances (a stance code may exist in several topics).
    pub stance_ids: Option<Vec<i64>>,
    pub session_id: Option<i64>,
    pub event_id: Option<i64>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub participation_mode: Option<ParticipationMode>,
    /// The event's year, inclusive bounds.
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
}

pub fn select(filter: &PositionFilter, visible: Condition) -> Select<position::Entity> {
    let mut q = position::Entity::find().filter(visible);
    if let Some(id) = filter.topic_id {
        q = q.filter(position::Column::TopicId.eq(id));
    }
    if let Some(ids) = &filter.stance_ids {
        q = q.filter(position::Column::StanceId.is_in(ids.iter().copied()));
    }
    if let Some(id) = filter.session_id {
        q = q.filter(position::Column::SessionId.eq(id));
    }
    if let Some(id) = filter.event_id {
        q = q.filter(
            position::Column::SessionId.in_subquery(
                Query::select()
                    .column(session::Column::Id)
                    .from(session::Entity)
                    .and_where(session::Column::EventId.eq(id))
                    .to_owned(),
            ),
        );
    }
    if filter.year_from.is_some() || filter.year_to.is_some() {
        let mut events = Query::select();
        events.column(event::Column::Id).from(event::Entity);
        if let Some(y) = filter.year_from {
            events.and_where(event::Column::Year.gte(y));
        }
        if let Some(y) = filter.year_to {
            events.and_where(event::Column::Year.lte(y));
        }
        q = q.filter(
            position::Column::SessionId.in_subquery(
                Query::select()
                    .column(session::Column::Id)
                    .from(session::Entity)
                    .and_where(session::Column::EventId.in_subquery(events.to_owned()))
                    .to_owned(),
            ),
        );
    }
    if let Some(id) = filter.stakeholder_group_id {
        q = q.filter(position::Column::StakeholderGroupId.eq(id));
    }
    if let Some(id) = filter.region_id {
        q = q.filter(position::Column::RegionId.eq(id));
    }
    if let Some(mode) = filter.participation_mode {
        q = q.filter(position::Column::ParticipationMode.eq(mode));
    }
    q
}

/// A page of positions in recording order (by id).
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &PositionFilter,
    visible: Condition,
    request: &PageRequest,
) -> AppResult<Page<position::Model>> {
    page::fetch(
        db,
        select(filter, visible),
        None,
        position::Column::Id,
        request,
    )
    .await
}

/// A page of positions by the time they were recorded (either direction),
/// then id.
pub async fn list_by_time(
    db: &impl ConnectionTrait,
    filter: &PositionFilter,
    visible: Condition,
    descending: bool,
    request: &PageRequest,
) -> AppResult<Page<position::Model>> {
    use page::sorted::{KeyKind, SortKey};
    let sort = SortKey {
        column: position::Column::RecordedAt,
        kind: KeyKind::Time,
        descending,
        nullable: false,
    };
    page::sorted::fetch(
        db,
        select(filter, visible),
        sort,
        position::Column::Id,
        request,
    )
    .await
}

/// One position, if it exists and the reader may see it.
pub async fn visible_by_id(
    db: &impl ConnectionTrait,
    visible: Condition,
    id: i64,
) -> AppResult<Option<position::Model>> {
    Ok(position::Entity::find_by_id(id)
        .filter(visible)
        .one(db)
        .await?)
}

/// Delete positions that a cascade takes with it, auditing each.
pub async fn delete_all(
    txn: &sea_orm::DatabaseTransaction,
    actor: &super::audit::Actor,
    positions: Vec<position::Model>,
) -> AppResult<()> {
    for p in positions {
        position::Entity::delete_by_id(p.id).exec(txn).await?;
        super::audit::record(
            txn,
            actor,
            "delete",
            "position",
            p.id,
            serde_json::to_value(&p).ok(),
            None,
        )
        .await?;
    }
    Ok(())
}

pub mod load;

/// The positions `viewer` may read: published ones for everybody; drafts
/// too for admins, and for organizers within their scope or recorded by
/// themselves. Every read path filters through this.
pub fn visible(viewer: &Viewer) -> Condition {
    let published = position::Column::Status.eq(PositionStatus::Published);
    match viewer.user() {
        Some(u) if u.role == UserRole::Admin => Condition::all(),
        Some(u) if u.role == UserRole::Organizer => {
            let in_events = Query::select()
                .column(session::Column::Id)
                .from(session::Entity)
                .and_where(session::Column::EventId.is_in(u.event_ids.clone()))
                .to_owned();
            Condition::any()
                .add(published)
                .add(position::Column::RecordedById.eq(u.id))
                .add(position::Column::SessionId.is_in(u.session_ids.clone()))
                .add(position::Column::SessionId.in_subquery(in_events))
        }
        _ => Condition::all().add(published),
    }
}
