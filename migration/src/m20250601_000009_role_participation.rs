//! Roles say how their person takes part, as positions do (onsite or
//! online, where the page says so), and the affiliation declared for that
//! session, as they already carry its group and region: people change
//! employers over the years.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // SQLite alters one column per statement.
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            string_len_null("participation", 32),
            text_null("affiliation"),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table("session_role")
                    .add_column(&mut column)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["participation", "affiliation"] {
            m.alter_table(
                Table::alter()
                    .table("session_role")
                    .drop_column(column)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
