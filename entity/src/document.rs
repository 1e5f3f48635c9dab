//! A text the debate cites, such as the Tunis Agenda.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "document")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub title: String,
    pub year: Option<i32>,
    pub url: Option<String>,
    pub version: i32,
    #[sea_orm(has_many)]
    pub paragraphs: HasMany<super::paragraph::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
