//! Transcripts: a session's captioning record (`transcript`, one per
//! session) split into turns (`intervention`), each matched to a role of
//! the session where exactly one fits; and the intervention a position was
//! taken from (`position.intervention_id`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from: (&'static str, &'static str),
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{}_{}", from.0, from.1))
        .from(from.0, from.1)
        .to(to, "id")
        .on_delete(on_delete)
        .take()
}

fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!("ix_{}_{}", table, cols.join("_")))
        .table(table);
    for c in cols {
        i.col(*c);
    }
    i.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        m.create_table(
            Table::create()
                .table("transcript")
                .col(big_pk_auto("id"))
                .col(integer("version").default(1))
                .col(big_integer("session_id").unique_key())
                .col(integer("turns"))
                .col(big_integer("words"))
                .col(big_integer("seconds"))
                .col(big_integer("estimated_seconds"))
                .col(string_len("digest", 64))
                .col(text("warnings"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("transcript", "session_id"), "session", Cascade))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("intervention")
                .col(big_pk_auto("id"))
                .col(integer("version").default(1))
                .col(big_integer("session_id"))
                .col(big_integer("transcript_id"))
                .col(integer("ord"))
                .col(boolean("in_transcript"))
                .col(text("label"))
                .col(text("label_key"))
                .col(text("text"))
                .col(integer("words"))
                .col(integer("seconds"))
                .col(boolean("seconds_estimated"))
                .col(boolean("is_floor"))
                .col(text_null("self_introduction"))
                .col(big_integer_null("person_id"))
                .col(big_integer_null("role_id"))
                .col(big_integer_null("stakeholder_group_id"))
                .col(big_integer_null("region_id"))
                .col(string_len_null("participation", 16))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("intervention", "session_id"), "session", Cascade))
                .foreign_key(&mut fk(
                    ("intervention", "transcript_id"),
                    "transcript",
                    Cascade,
                ))
                .foreign_key(&mut fk(("intervention", "person_id"), "person", SetNull))
                .foreign_key(&mut fk(
                    ("intervention", "role_id"),
                    "session_role",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    ("intervention", "stakeholder_group_id"),
                    "stakeholder_group",
                    SetNull,
                ))
                .foreign_key(&mut fk(("intervention", "region_id"), "region", SetNull))
                .take(),
        )
        .await?;
        for cols in [
            &["session_id", "in_transcript", "ord"][..],
            &["person_id"][..],
            &["role_id"][..],
            &["transcript_id"][..],
        ] {
            m.create_index(index("intervention", cols)).await?;
        }
        m.alter_table(
            Table::alter()
                .table("position")
                .add_column(big_integer_null("intervention_id"))
                .take(),
        )
        .await?;
        m.create_index(index("position", &["intervention_id"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_position_intervention_id")
                .table("position")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("position")
                .drop_column("intervention_id")
                .take(),
        )
        .await?;
        m.drop_table(Table::drop().table("intervention").take())
            .await?;
        m.drop_table(Table::drop().table("transcript").take()).await
    }
}
