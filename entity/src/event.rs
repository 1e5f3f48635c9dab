//! An IGF annual meeting or an NRI event; sessions belong to one.

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum EventKind {
    /// The global IGF annual meeting.
    #[sea_orm(string_value = "igf")]
    Igf,
    /// A national IGF initiative.
    #[sea_orm(string_value = "nri_national")]
    NriNational,
    /// A regional or sub-regional IGF initiative.
    #[sea_orm(string_value = "nri_regional")]
    NriRegional,
    /// A youth IGF initiative.
    #[sea_orm(string_value = "nri_youth")]
    NriYouth,
    /// Any other event where follow-ups happen.
    #[sea_orm(string_value = "other")]
    Other,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable slug such as `igf-2025`.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub kind: EventKind,
    /// The year every filter and aggregate means by "year".
    pub year: i32,
    pub location: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(has_many)]
    pub sessions: HasMany<super::session::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
