//! Something an import could not settle, for admins to resolve: a region
//! or stakeholder group that maps to nothing, two people who are likely
//! the same, or lines of a page that look like people and were not read as
//! roles.

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum ReviewKind {
    #[sea_orm(string_value = "region")]
    Region,
    #[sea_orm(string_value = "stakeholder_group")]
    StakeholderGroup,
    #[sea_orm(string_value = "possible_duplicate")]
    PossibleDuplicate,
    /// Lines of a session's page that look like people and were not read
    /// as roles.
    #[sea_orm(string_value = "unread_people")]
    UnreadPeople,
    /// A speaker label of a session's transcript that matches no one of
    /// its panel; resolved by naming the person, which every intervention
    /// with that label in that session then carries.
    #[sea_orm(string_value = "unmatched_speaker")]
    UnmatchedSpeaker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ReviewStatus {
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "resolved")]
    Resolved,
    #[sea_orm(string_value = "dismissed")]
    Dismissed,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "review_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub version: i32,
    pub kind: ReviewKind,
    /// Normalised text of an unmapped value, or `min-max` person ids.
    pub key: String,
    /// The text as first written, or a description of the likely duplicate.
    #[sea_orm(column_type = "Text")]
    pub sample: String,
    pub status: ReviewStatus,
    pub person_id: Option<i64>,
    pub other_person_id: Option<i64>,
    /// The session where it was last seen.
    pub session_id: Option<i64>,
    /// How many times imports met it in another session than the last.
    pub occurrences: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
