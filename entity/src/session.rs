//! A session of an event, as published in its proposal (DESIGN.md, Session).

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum SessionKind {
    #[sea_orm(string_value = "workshop")]
    Workshop,
    #[sea_orm(string_value = "open_forum")]
    OpenForum,
    #[sea_orm(string_value = "town_hall")]
    TownHall,
    #[sea_orm(string_value = "lightning_talk")]
    LightningTalk,
    #[sea_orm(string_value = "launch_award")]
    LaunchAward,
    #[sea_orm(string_value = "networking")]
    Networking,
    #[sea_orm(string_value = "day_zero")]
    DayZero,
    #[sea_orm(string_value = "dynamic_coalition")]
    DynamicCoalition,
    #[sea_orm(string_value = "main_session")]
    MainSession,
    #[sea_orm(string_value = "nri_session")]
    NriSession,
    #[sea_orm(string_value = "other")]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum SessionFormat {
    #[sea_orm(string_value = "theater")]
    Theater,
    #[sea_orm(string_value = "roundtable")]
    Roundtable,
    #[sea_orm(string_value = "classroom")]
    Classroom,
    #[sea_orm(string_value = "other")]
    Other,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    /// The code as published, such as `WS #461`; unique within its event.
    pub code: String,
    pub kind: SessionKind,
    pub title: String,
    /// `title` folded for case-insensitive search; kept by `before_save`.
    pub title_folded: String,
    pub format: Option<SessionFormat>,
    /// The room layout as the imported page wrote it.
    #[sea_orm(column_type = "Text", nullable)]
    pub format_raw: Option<String>,
    pub duration_minutes: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub format_description: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub expected_outcomes: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub hybrid_format: Option<String>,
    /// JSON array of strings: what participants gain from attending.
    pub participant_gains: Json,
    /// JSON array of `{"heading", "body"}`: proposal sections the importer
    /// does not know, kept rather than dropped.
    pub extra_sections: Json,
    pub starts_at: Option<DateTimeUtc>,
    pub ends_at: Option<DateTimeUtc>,
    pub room: Option<String>,
    pub online_link: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "event_id", to = "id")]
    pub event: BelongsTo<super::event::Entity>,
    #[sea_orm(has_many)]
    pub roles: HasMany<super::session_role::Entity>,
    #[sea_orm(has_many)]
    pub policy_questions: HasMany<super::policy_question::Entity>,
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// Keep `title_folded` in step with `title` on every write.
    async fn before_save<C: ConnectionTrait>(
        mut self,
        _db: &C,
        _insert: bool,
    ) -> Result<Self, DbErr> {
        if self.title.is_set() {
            self.title_folded = sea_orm::Set(crate::fold(self.title.as_ref()));
        }
        Ok(self)
    }
}
