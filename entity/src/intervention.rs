//! One turn of a session's transcript: who spoke (the label as written,
//! matched to a role of the session where exactly one fits), what they
//! said, how many words and how long. The role's group, region and
//! participation are copied here, as positions keep theirs, so counting by
//! them needs no join.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "intervention")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    /// The session's event, kept in step when the session moves.
    pub event_id: Option<i64>,
    pub transcript_id: i64,
    /// Place in the transcript, from 1.
    pub ord: i32,
    /// False for a turn gone from the transcript but kept because a
    /// position cites it.
    pub in_transcript: bool,
    /// The speaker label as written (`DR. FALK`).
    #[sea_orm(column_type = "Text")]
    pub label: String,
    /// The label's name key (`falk`), for matching and review.
    #[sea_orm(column_type = "Text")]
    pub label_key: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub words: i32,
    pub seconds: i32,
    pub seconds_estimated: bool,
    /// Spoken from the floor by someone the captioner did not name.
    pub is_floor: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub self_introduction: Option<String>,
    pub person_id: Option<i64>,
    pub role_id: Option<i64>,
    /// The kind of that role, copied as its group and region are.
    pub role: Option<super::session_role::RoleKind>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub participation: Option<super::position::ParticipationMode>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "session_id", to = "id")]
    pub session: BelongsTo<super::session::Entity>,
    #[sea_orm(belongs_to, from = "transcript_id", to = "id")]
    pub transcript: BelongsTo<super::transcript::Entity>,
    #[sea_orm(belongs_to, from = "person_id", to = "id")]
    pub person: BelongsTo<Option<super::person::Entity>>,
    #[sea_orm(belongs_to, from = "role_id", to = "id")]
    pub session_role: BelongsTo<Option<super::session_role::Entity>>,
}

impl ActiveModelBehavior for ActiveModel {}
