//! `AuditEntry`: one change in the audit trail.

use async_graphql::{Context, Description, ID, Json, Object};
use entity::audit_entry;

use super::{Timestamp, User};
use crate::{
    error::AppResult,
    graphql::ids::{self, Kind},
    service,
    state::AppState,
};

/// One change to the record: who, when, what, before and after.
#[derive(Description)]
pub struct AuditEntry(pub audit_entry::Model);

#[Object(use_type_description)]
impl AuditEntry {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::AuditEntry, self.0.id)
    }
    /// The account that made the change; null for the command line and
    /// the server itself.
    async fn actor(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        let Some(id) = self.0.actor_id else {
            return Ok(None);
        };
        let db = &ctx.data_unchecked::<AppState>().db;
        Ok(service::user::by_id(db, id).await?.map(User))
    }
    /// How the actor was known: an email, `cli` or `system`.
    async fn actor_label(&self) -> &str {
        &self.0.actor_label
    }
    /// `create`, `update`, `delete`, `import`, `assign`, …
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// What kind of record changed, such as `session` or `position`.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// The global ID of the record that changed (as its `id` field gives
    /// it, for `node(id:)`); null for records without one (aliases,
    /// organizer assignments).
    async fn record(&self) -> Option<ID> {
        crate::graphql::ids::audited_kind(&self.0.entity_type)
            .map(|kind| crate::graphql::ids::encode(kind, self.0.entity_id))
    }
    /// The database id of the record that changed.
    #[graphql(deprecation = "Use `record`, the record's global ID.")]
    async fn entity_id(&self) -> i64 {
        self.0.entity_id
    }
    /// The record before the change; null for a creation.
    async fn before(&self) -> Option<Json<serde_json::Value>> {
        self.0.before.clone().map(Json)
    }
    /// The record after the change; null for a deletion.
    async fn after(&self) -> Option<Json<serde_json::Value>> {
        self.0.after.clone().map(Json)
    }
    /// When the change was committed.
    async fn created_at(&self) -> Timestamp {
        self.0.created_at.into()
    }
}
