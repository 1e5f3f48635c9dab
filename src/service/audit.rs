//! The audit trail: one row per change, written in the change's
//! transaction, and read back by admins (`auditLog`, oldest first).

use chrono::{DateTime, Utc};
use entity::audit_entry;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::page::{self, Page, PageRequest, Total};
use crate::error::AppResult;

/// Who made a change.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub label: String,
}

impl Actor {
    /// The server itself, for example when it loads the founding proposal.
    pub fn system() -> Self {
        Self {
            user_id: None,
            label: "system".into(),
        }
    }
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: i64,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> AppResult<()> {
    audit_entry::ActiveModel {
        actor_id: Set(actor.user_id),
        actor_label: Set(actor.label.clone()),
        action: Set(action.into()),
        entity_type: Set(entity_type.into()),
        entity_id: Set(entity_id),
        before: Set(before),
        after: Set(after),
        created_at: Set(crate::timestamp::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Which changes `auditLog` lists; all given filters must hold.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    /// The account that made the changes.
    pub actor_id: Option<i64>,
    /// Kind of record, such as `session` (surrounding spaces ignored).
    pub entity_type: Option<String>,
    pub entity_id: Option<i64>,
    /// Changes at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Changes before this time.
    pub until: Option<DateTime<Utc>>,
}

/// A page of the audit trail in the order of the changes (by id), and its
/// total.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    request: &PageRequest,
) -> AppResult<(Page<audit_entry::Model>, Total)> {
    let mut select = audit_entry::Entity::find();
    if let Some(actor) = filter.actor_id {
        select = select.filter(audit_entry::Column::ActorId.eq(actor));
    }
    if let Some(t) = &filter.entity_type {
        select = select.filter(audit_entry::Column::EntityType.eq(t.trim()));
    }
    if let Some(id) = filter.entity_id {
        select = select.filter(audit_entry::Column::EntityId.eq(id));
    }
    if let Some(t) = filter.since {
        select = select.filter(audit_entry::Column::CreatedAt.gte(t));
    }
    if let Some(t) = filter.until {
        select = select.filter(audit_entry::Column::CreatedAt.lt(t));
    }
    page::fetch_counted(db, select, None, audit_entry::Column::Id, request).await
}

/// One change, if it exists.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> AppResult<Option<audit_entry::Model>> {
    Ok(audit_entry::Entity::find_by_id(id).one(db).await?)
}
