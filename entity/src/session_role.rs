//! A part someone plays in a session. The person is optional because
//! proposals often list organizers anonymously; group and region are as
//! declared for this session, canonical where known and always as written.

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum RoleKind {
    #[sea_orm(string_value = "organizer")]
    Organizer,
    #[sea_orm(string_value = "speaker")]
    Speaker,
    #[sea_orm(string_value = "moderator")]
    Moderator,
    #[sea_orm(string_value = "online_moderator")]
    OnlineModerator,
    #[sea_orm(string_value = "rapporteur")]
    Rapporteur,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "session_role")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub person_id: Option<i64>,
    pub role: RoleKind,
    /// Order within the session (1-based, as in "Speaker 3").
    pub position: i32,
    pub stakeholder_group_id: Option<i64>,
    pub stakeholder_group_raw: Option<String>,
    pub region_id: Option<i64>,
    pub region_raw: Option<String>,
    /// The organisation as declared for this session.
    #[sea_orm(column_type = "Text", nullable)]
    pub affiliation: Option<String>,
    /// Onsite or online, where the source says so.
    pub participation: Option<super::position::ParticipationMode>,
    pub version: i32,
    #[sea_orm(belongs_to, from = "session_id", to = "id")]
    pub session: BelongsTo<super::session::Entity>,
    #[sea_orm(belongs_to, from = "person_id", to = "id")]
    pub person: BelongsTo<Option<super::person::Entity>>,
    #[sea_orm(belongs_to, from = "stakeholder_group_id", to = "id")]
    pub stakeholder_group: BelongsTo<Option<super::stakeholder_group::Entity>>,
    #[sea_orm(belongs_to, from = "region_id", to = "id")]
    pub region: BelongsTo<Option<super::region::Entity>>,
}

impl ActiveModelBehavior for ActiveModel {}
