//! An account that can sign in.

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum UserRole {
    #[sea_orm(string_value = "admin")]
    Admin,
    #[sea_orm(string_value = "organizer")]
    Organizer,
    #[sea_orm(string_value = "analyst")]
    Analyst,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    /// argon2id PHC string; never leaves the server, nor enters the audit trail.
    #[serde(skip)]
    pub password_hash: String,
    pub role: UserRole,
    pub disabled: bool,
    /// Tokens signed under an earlier generation no longer work: it moves
    /// on with a new password, a disable and `revokeTokens`.
    pub token_generation: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
