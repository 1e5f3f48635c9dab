//! A topic of debate, such as `enhanced-cooperation`, with its stances.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "topic")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub version: i32,
    #[sea_orm(has_many)]
    pub stances: HasMany<super::stance::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
