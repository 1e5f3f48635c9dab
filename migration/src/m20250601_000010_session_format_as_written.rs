//! A session keeps the room layout as its page wrote it beside the layout
//! it maps to (`Round Table - U-shape - 90 Min` beside `roundtable`), as
//! roles keep groups and regions as written.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("session")
                .add_column(text_null("format_raw"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("session")
                .drop_column("format_raw")
                .take(),
        )
        .await
    }
}
