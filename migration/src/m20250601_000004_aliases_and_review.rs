//! What the importer needs to keep canonical values honest: aliases that
//! map text as written to a region or stakeholder group (admins extend
//! them), and the review queue of values and people it could not settle.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("alias")
                .col(big_pk_auto("id"))
                .col(integer("version").default(1))
                // `region` or `stakeholder_group`.
                .col(string_len("kind", 32))
                // The text as written, normalised (lower case, single spaces).
                .col(string("text"))
                .col(big_integer("target_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_alias_kind_text")
                .table("alias")
                .col("kind")
                .col("text")
                .unique()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("review_item")
                .col(big_pk_auto("id"))
                .col(integer("version").default(1))
                // `region`, `stakeholder_group` or `possible_duplicate`.
                .col(string_len("kind", 32))
                // Normalised text of an unmapped value, or the pair of person ids.
                .col(string("key"))
                // The text as first written, or a readable description.
                .col(text("sample"))
                .col(string_len("status", 16))
                .col(big_integer_null("person_id"))
                .col(big_integer_null("other_person_id"))
                .col(big_integer_null("session_id"))
                .col(integer("occurrences").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_review_item_person_id")
                        .from("review_item", "person_id")
                        .to("person", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_review_item_other_person_id")
                        .from("review_item", "other_person_id")
                        .to("person", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_review_item_session_id")
                        .from("review_item", "session_id")
                        .to("session", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_review_item_kind_key")
                .table("review_item")
                .col("kind")
                .col("key")
                .unique()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_review_item_status")
                .table("review_item")
                .col("status")
                .take(),
        )
        .await?;
        for (table, col) in [
            ("session_role", "stakeholder_group_raw"),
            ("session_role", "region_raw"),
        ] {
            m.create_index(
                Index::create()
                    .name(format!("ix_{table}_{col}"))
                    .table(table)
                    .col(col)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("review_item").to_owned())
            .await?;
        m.drop_table(Table::drop().table("alias").to_owned()).await
    }
}
