//! Tokens that can be revoked: each account counts the times its tokens
//! were revoked (a new password, a disable, `revokeTokens`); a token
//! carries the count it was signed under and stops working when the count
//! moves on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("user")
                .add_column(integer("token_generation").default(0))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("user")
                .drop_column("token_generation")
                .take(),
        )
        .await
    }
}
