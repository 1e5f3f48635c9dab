//! One stance in a topic's taxonomy; admins can edit the taxonomy.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "stance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub topic_id: i64,
    /// Slug unique within the topic.
    pub code: String,
    pub name: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    /// Display order within the topic.
    pub position: i32,
    pub version: i32,
    #[sea_orm(belongs_to, from = "topic_id", to = "id")]
    pub topic: BelongsTo<super::topic::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
