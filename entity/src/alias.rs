//! Text as written that maps to a region or a stakeholder group; admins
//! extend the built-in rules with these.

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum AliasKind {
    #[sea_orm(string_value = "region")]
    Region,
    #[sea_orm(string_value = "stakeholder_group")]
    StakeholderGroup,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "alias")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub version: i32,
    pub kind: AliasKind,
    /// The text as written, normalised: lower case, single spaces.
    pub text: String,
    /// The region or stakeholder group it maps to.
    pub target_id: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
