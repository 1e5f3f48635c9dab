//! A stakeholder group: Government, Civil Society, … (DESIGN.md, StakeholderGroup).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "stakeholder_group")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable slug such as `civil-society`.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}
