//! Organizers' scopes: the events and sessions each organizer may edit.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let fk = |col: &'static str, to: &'static str| {
            ForeignKey::create()
                .name(format!("fk_user_assignment_{col}"))
                .from("user_assignment", col)
                .to(to, "id")
                .on_delete(ForeignKeyAction::Cascade)
                .take()
        };
        m.create_table(
            Table::create()
                .table("user_assignment")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(big_integer_null("event_id"))
                .col(big_integer_null("session_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("user_id", "user"))
                .foreign_key(&mut fk("event_id", "event"))
                .foreign_key(&mut fk("session_id", "session"))
                .take(),
        )
        .await?;
        for (name, cols) in [
            ("ux_user_assignment_user_event", ["user_id", "event_id"]),
            ("ux_user_assignment_user_session", ["user_id", "session_id"]),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("user_assignment")
                    .col(cols[0])
                    .col(cols[1])
                    .unique()
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("user_assignment").to_owned())
            .await
    }
}
