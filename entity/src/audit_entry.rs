//! One row per mutation: who, when, what, before and after.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The signed-in user, or none for the command line and start-up seeding.
    pub actor_id: Option<i64>,
    /// How the actor was known: an email, `cli`, `system`.
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: i64,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub created_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "actor_id", to = "id")]
    pub actor: BelongsTo<Option<super::user::Entity>>,
}

impl ActiveModelBehavior for ActiveModel {}
