//! Every table of the domain model (DESIGN.md), with foreign keys, unique
//! keys and the indexes that the read API's filters and orders use.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `CREATE TABLE` with the `version` column every changeable entity carries.
fn table(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(big_pk_auto("id"))
        .col(integer("version").default(1))
        .take()
}

/// Timestamps kept on the entities that people edit.
fn timestamps(mut t: TableCreateStatement) -> TableCreateStatement {
    t.col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"));
    t
}

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

fn unique(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = index(table, cols);
    i.name(format!("ux_{}_{}", table, cols.join("_"))).unique();
    i
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        // Columns that lists are sorted and paged by compare bytewise on
        // PostgreSQL too, as on SQLite, whatever the cluster's locale.
        let postgres = m.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres;
        let sort_key = |mut c: ColumnDef| {
            if postgres {
                c.extra("COLLATE \"C\"");
            }
            c
        };

        for name in ["region", "stakeholder_group"] {
            m.create_table(
                table(name)
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .take(),
            )
            .await?;
        }

        m.create_table(timestamps(
            table("event")
                .col(string_uniq("code"))
                .col(string("name"))
                .col(string_len("kind", 32))
                .col(integer("year"))
                .col(string_null("location"))
                .take(),
        ))
        .await?;
        m.create_index(index("event", &["year"])).await?;

        m.create_table(timestamps(
            table("session")
                .col(big_integer("event_id"))
                .col(sort_key(string("code")))
                .col(string_len("kind", 32))
                .col(text("title"))
                .col(text("title_folded"))
                .col(string_len_null("format", 32))
                .col(integer_null("duration_minutes"))
                .col(text_null("format_description"))
                .col(text_null("description"))
                .col(text_null("expected_outcomes"))
                .col(text_null("hybrid_format"))
                .col(json("participant_gains"))
                .col(json("extra_sections"))
                .col(timestamp_with_time_zone_null("starts_at"))
                .col(timestamp_with_time_zone_null("ends_at"))
                .col(string_null("room"))
                .col(string_null("online_link"))
                .foreign_key(&mut fk(("session", "event_id"), "event", Restrict))
                .take(),
        ))
        .await?;
        m.create_index(unique("session", &["event_id", "code"]))
            .await?;
        m.create_index(index("session", &["code"])).await?;

        m.create_table(timestamps(
            table("person")
                .col(string("name"))
                .col(sort_key(string("name_folded")))
                .col(string("match_key"))
                .col(string("token_key"))
                .col(string_null("affiliation"))
                .col(big_integer_null("stakeholder_group_id"))
                .col(string_null("stakeholder_group_raw"))
                .col(big_integer_null("region_id"))
                .col(string_null("region_raw"))
                .col(string_null("gender"))
                .foreign_key(&mut fk(
                    ("person", "stakeholder_group_id"),
                    "stakeholder_group",
                    Restrict,
                ))
                .foreign_key(&mut fk(("person", "region_id"), "region", Restrict))
                .take(),
        ))
        .await?;
        for cols in [
            &["name_folded"][..],
            &["match_key"],
            &["token_key"],
            &["stakeholder_group_id"],
            &["region_id"],
        ] {
            m.create_index(index("person", cols)).await?;
        }

        m.create_table(
            table("session_role")
                .col(big_integer("session_id"))
                .col(big_integer_null("person_id"))
                .col(string_len("role", 32))
                .col(integer("position"))
                .col(big_integer_null("stakeholder_group_id"))
                .col(string_null("stakeholder_group_raw"))
                .col(big_integer_null("region_id"))
                .col(string_null("region_raw"))
                .foreign_key(&mut fk(("session_role", "session_id"), "session", Cascade))
                .foreign_key(&mut fk(("session_role", "person_id"), "person", Restrict))
                .foreign_key(&mut fk(
                    ("session_role", "stakeholder_group_id"),
                    "stakeholder_group",
                    Restrict,
                ))
                .foreign_key(&mut fk(("session_role", "region_id"), "region", Restrict))
                .take(),
        )
        .await?;
        for cols in [
            &["session_id", "role", "position"][..],
            &["person_id"],
            &["stakeholder_group_id", "role"],
            &["region_id", "role"],
        ] {
            m.create_index(index("session_role", cols)).await?;
        }

        m.create_table(
            table("policy_question")
                .col(big_integer("session_id"))
                .col(integer("position"))
                .col(text("text"))
                .foreign_key(&mut fk(
                    ("policy_question", "session_id"),
                    "session",
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("policy_question", &["session_id", "position"]))
            .await?;

        m.create_table(
            table("topic")
                .col(string_uniq("code"))
                .col(string("name"))
                .col(text_null("description"))
                .take(),
        )
        .await?;
        m.create_table(
            table("stance")
                .col(big_integer("topic_id"))
                .col(string("code"))
                .col(string("name"))
                .col(text_null("description"))
                .col(integer("position"))
                .foreign_key(&mut fk(("stance", "topic_id"), "topic", Restrict))
                .take(),
        )
        .await?;
        m.create_index(unique("stance", &["topic_id", "code"]))
            .await?;

        m.create_table(timestamps(
            table("user")
                .col(sort_key(string_uniq("email")))
                .col(string("password_hash"))
                .col(string_len("role", 16))
                .col(boolean("disabled").default(false))
                .take(),
        ))
        .await?;

        m.create_table(timestamps(
            table("position")
                .col(big_integer("topic_id"))
                .col(big_integer("stance_id"))
                .col(text("summary"))
                .col(text_null("quote"))
                .col(big_integer_null("session_id"))
                .col(big_integer_null("policy_question_id"))
                .col(big_integer_null("person_id"))
                .col(big_integer_null("stakeholder_group_id"))
                .col(string_null("stakeholder_group_raw"))
                .col(big_integer_null("region_id"))
                .col(string_null("region_raw"))
                .col(string_len_null("participation_mode", 16))
                .col(string_len("source", 32))
                .col(string_len("status", 16))
                .col(timestamp_with_time_zone("recorded_at"))
                .col(big_integer_null("recorded_by_id"))
                .foreign_key(&mut fk(("position", "topic_id"), "topic", Restrict))
                .foreign_key(&mut fk(("position", "stance_id"), "stance", Restrict))
                .foreign_key(&mut fk(("position", "session_id"), "session", Restrict))
                .foreign_key(&mut fk(
                    ("position", "policy_question_id"),
                    "policy_question",
                    Restrict,
                ))
                .foreign_key(&mut fk(("position", "person_id"), "person", Restrict))
                .foreign_key(&mut fk(
                    ("position", "stakeholder_group_id"),
                    "stakeholder_group",
                    Restrict,
                ))
                .foreign_key(&mut fk(("position", "region_id"), "region", Restrict))
                .foreign_key(&mut fk(("position", "recorded_by_id"), "user", SetNull))
                .take(),
        ))
        .await?;
        for cols in [
            &["status", "recorded_at"][..],
            &["session_id", "status"],
            &["person_id", "status"],
            &["stance_id", "status"],
            &["topic_id", "status"],
            &["stakeholder_group_id", "status"],
            &["region_id", "status"],
            &["policy_question_id"],
        ] {
            m.create_index(index("position", cols)).await?;
        }

        m.create_table(
            table("document")
                .col(string_uniq("code"))
                .col(string("title"))
                .col(integer_null("year"))
                .col(string_null("url"))
                .take(),
        )
        .await?;
        m.create_table(
            table("paragraph")
                .col(big_integer("document_id"))
                .col(integer("number"))
                .col(text_null("text"))
                .foreign_key(&mut fk(("paragraph", "document_id"), "document", Restrict))
                .take(),
        )
        .await?;
        m.create_index(unique("paragraph", &["document_id", "number"]))
            .await?;

        for owner in ["session", "position"] {
            let name = if owner == "session" {
                "session_paragraph"
            } else {
                "position_paragraph"
            };
            let owner_col = if owner == "session" {
                "session_id"
            } else {
                "position_id"
            };
            m.create_table(
                Table::create()
                    .table(name)
                    .col(big_integer(owner_col))
                    .col(big_integer("paragraph_id"))
                    .primary_key(Index::create().col(owner_col).col("paragraph_id"))
                    .foreign_key(&mut fk((name, owner_col), owner, Cascade))
                    .foreign_key(&mut fk((name, "paragraph_id"), "paragraph", Restrict))
                    .take(),
            )
            .await?;
            m.create_index(index(name, &["paragraph_id"])).await?;
        }

        m.create_table(
            Table::create()
                .table("audit_entry")
                .col(big_pk_auto("id"))
                .col(big_integer_null("actor_id"))
                .col(string("actor_label"))
                .col(string("action"))
                .col(string("entity_type"))
                .col(big_integer("entity_id"))
                .col(json_null("before"))
                .col(json_null("after"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(("audit_entry", "actor_id"), "user", SetNull))
                .take(),
        )
        .await?;
        for cols in [
            &["entity_type", "entity_id"][..],
            &["actor_id"],
            &["created_at"],
        ] {
            m.create_index(index("audit_entry", cols)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "audit_entry",
            "position_paragraph",
            "session_paragraph",
            "paragraph",
            "document",
            "position",
            "user",
            "stance",
            "topic",
            "policy_question",
            "session_role",
            "person",
            "session",
            "event",
            "stakeholder_group",
            "region",
        ] {
            m.drop_table(Table::drop().table(name).to_owned()).await?;
        }
        Ok(())
    }
}
