//! One stance taken by someone, where and how it was recorded
//! (DESIGN.md, Position). Only published positions are public.

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ParticipationMode {
    #[sea_orm(string_value = "onsite")]
    Onsite,
    #[sea_orm(string_value = "online")]
    Online,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum PositionSource {
    #[sea_orm(string_value = "intervention")]
    Intervention,
    #[sea_orm(string_value = "written_submission")]
    WrittenSubmission,
    #[sea_orm(string_value = "report")]
    Report,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum PositionStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "published")]
    Published,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "position")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub topic_id: i64,
    pub stance_id: i64,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub quote: Option<String>,
    pub session_id: Option<i64>,
    pub policy_question_id: Option<i64>,
    pub person_id: Option<i64>,
    /// The intervention of the session's transcript it was taken from.
    pub intervention_id: Option<i64>,
    pub stakeholder_group_id: Option<i64>,
    pub stakeholder_group_raw: Option<String>,
    pub region_id: Option<i64>,
    pub region_raw: Option<String>,
    pub participation_mode: Option<ParticipationMode>,
    pub source: PositionSource,
    pub status: PositionStatus,
    pub recorded_at: DateTimeUtc,
    pub recorded_by_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "topic_id", to = "id")]
    pub topic: BelongsTo<super::topic::Entity>,
    #[sea_orm(belongs_to, from = "stance_id", to = "id")]
    pub stance: BelongsTo<super::stance::Entity>,
    #[sea_orm(belongs_to, from = "session_id", to = "id")]
    pub session: BelongsTo<Option<super::session::Entity>>,
    #[sea_orm(belongs_to, from = "policy_question_id", to = "id")]
    pub policy_question: BelongsTo<Option<super::policy_question::Entity>>,
    #[sea_orm(belongs_to, from = "person_id", to = "id")]
    pub person: BelongsTo<Option<super::person::Entity>>,
    #[sea_orm(belongs_to, from = "stakeholder_group_id", to = "id")]
    pub stakeholder_group: BelongsTo<Option<super::stakeholder_group::Entity>>,
    #[sea_orm(belongs_to, from = "region_id", to = "id")]
    pub region: BelongsTo<Option<super::region::Entity>>,
    #[sea_orm(belongs_to, from = "recorded_by_id", to = "id")]
    pub recorded_by: BelongsTo<Option<super::user::Entity>>,
}

impl ActiveModelBehavior for ActiveModel {}
