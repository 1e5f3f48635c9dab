//! A UN regional group as IGF forms use it (DESIGN.md, Region).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "region")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable slug such as `weog`.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}
