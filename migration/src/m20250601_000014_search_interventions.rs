//! Interventions join the full-text search: the speaker label as written
//! (so a name finds its turns) and what was said. As for the other items
//! (migration `m20250601_000005_search`), the database keeps the index:
//!
//! - SQLite: rows of `search_index` with rowid `id * 4` (kind 0, the slot
//!   the first search migration left free), written by triggers.
//! - PostgreSQL: a generated `search_tsv` column (label weighted `A`, text
//!   `B`) with a GIN index over the interventions in their transcript.
//!
//! A turn gone from its transcript (kept only because a position cites it)
//! is never indexed on SQLite and never queried on PostgreSQL: whether it
//! may be seen depends on who reads the citing position.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &str = r#"
CREATE TRIGGER search_intervention_insert AFTER INSERT ON intervention
WHEN new.in_transcript BEGIN
    INSERT INTO search_index(rowid, title, body) VALUES (new.id * 4, new.label, new.text);
END;
CREATE TRIGGER search_intervention_update AFTER UPDATE OF label, "text", in_transcript
ON intervention
WHEN old.label IS NOT new.label OR old.text IS NOT new.text
    OR old.in_transcript IS NOT new.in_transcript BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4;
    INSERT INTO search_index(rowid, title, body)
    SELECT new.id * 4, new.label, new.text WHERE new.in_transcript;
END;
CREATE TRIGGER search_intervention_delete AFTER DELETE ON intervention BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4;
END;

INSERT INTO search_index(rowid, title, body)
SELECT id * 4, label, "text" FROM intervention WHERE in_transcript;
"#;

const SQLITE_DOWN: &str = r#"
DROP TRIGGER IF EXISTS search_intervention_insert;
DROP TRIGGER IF EXISTS search_intervention_update;
DROP TRIGGER IF EXISTS search_intervention_delete;
DELETE FROM search_index WHERE rowid % 4 = 0;
"#;

const POSTGRES_UP: &str = r#"
ALTER TABLE intervention ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', label), 'A')
    || setweight(to_tsvector('english', "text"), 'B')
) STORED;
CREATE INDEX ix_intervention_search_tsv ON intervention USING GIN (search_tsv)
    WHERE in_transcript;
"#;

const POSTGRES_DOWN: &str = r#"
DROP INDEX IF EXISTS ix_intervention_search_tsv;
ALTER TABLE intervention DROP COLUMN IF EXISTS search_tsv;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run(m, SQLITE_UP, POSTGRES_UP).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run(m, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}

async fn run(m: &SchemaManager<'_>, sqlite: &str, postgres: &str) -> Result<(), DbErr> {
    let sql = match m.get_database_backend() {
        DatabaseBackend::Sqlite => sqlite,
        DatabaseBackend::Postgres => postgres,
        other => {
            return Err(DbErr::Migration(format!(
                "full-text search is built for SQLite and PostgreSQL, not {other:?}"
            )));
        }
    };
    m.get_connection().execute_unprepared(sql).await?;
    Ok(())
}
