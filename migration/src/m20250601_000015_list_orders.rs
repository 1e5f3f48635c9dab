//! Indexes for the orders a client may list by: sessions by title and by
//! start time, positions by the time they were recorded, each with the id
//! that breaks ties, so a page in any order reads only its rows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &str); 3] = [
    ("ix_session_title_folded_id", "session", "title_folded"),
    ("ix_session_starts_at_id", "session", "starts_at"),
    ("ix_position_recorded_at_id", "position", "recorded_at"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, column) in INDEXES {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(table)
                    .col(column)
                    .col("id")
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
