//! A paragraph cited by a position.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "position_paragraph")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub position_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub paragraph_id: i64,
    #[sea_orm(belongs_to, from = "position_id", to = "id")]
    pub position: BelongsTo<super::position::Entity>,
    #[sea_orm(belongs_to, from = "paragraph_id", to = "id")]
    pub paragraph: BelongsTo<super::paragraph::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
