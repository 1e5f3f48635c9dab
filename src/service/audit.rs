//! The audit trail: one row per change, written in the change's transaction.

use entity::audit_entry;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

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
