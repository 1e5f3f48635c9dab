//! A session's captioning transcript as last imported: one per session.
//! Its turns are the session's interventions; the transcript keeps what
//! the import found about the whole (totals, warnings, labels it could not
//! match).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "transcript")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub session_id: i64,
    /// Turns read, that is interventions in the transcript.
    pub turns: i32,
    pub words: i64,
    pub seconds: i64,
    /// Of `seconds`, how many were estimated from words.
    pub estimated_seconds: i64,
    /// SHA-256 of the text as read, so an unchanged page is seen at once.
    pub digest: String,
    /// What was read but not used, one line each.
    #[sea_orm(column_type = "Text")]
    pub warnings: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "session_id", to = "id")]
    pub session: BelongsTo<super::session::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
