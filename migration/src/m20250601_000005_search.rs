//! Full-text search over session titles and descriptions, policy questions,
//! and the summaries and quotes of published positions.
//!
//! The index is kept by the database itself, so every write path (the API,
//! the importer, bulk inserts, cascading deletes, merges) keeps it in step
//! without application code:
//!
//! - SQLite: one FTS5 table, `search_index(title, body)`, filled by
//!   triggers. Its rowid encodes what a row indexes, `id * 4 + kind` (1
//!   session, 2 policy question, 3 position), so a trigger finds its row by
//!   rowid rather than by scanning. Porter stemming, as PostgreSQL's
//!   `english` configuration does.
//! - PostgreSQL: a generated, stored `search_tsv` column on each table
//!   (`english` configuration, title-like text weighted `A`, the rest `B`)
//!   with a GIN index; the one on `position` is partial, over published
//!   rows only. A generated column cannot drift from its row.
//!
//! Draft positions are never indexed on SQLite and never queried on
//! PostgreSQL: search sees published positions only, for every viewer.
//!
//! On SQLite a later migration that rebuilds `session`, `policy_question` or
//! `position` (SQLite's way to alter a column) drops their triggers with
//! them, and must create them again.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &str = r#"
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_session_insert AFTER INSERT ON "session" BEGIN
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 4 + 1, new.title, coalesce(new.description, ''));
END;
CREATE TRIGGER search_session_update AFTER UPDATE OF title, description ON "session"
WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 4 + 1, new.title, coalesce(new.description, ''));
END;
CREATE TRIGGER search_session_delete AFTER DELETE ON "session" BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER search_question_insert AFTER INSERT ON policy_question BEGIN
    INSERT INTO search_index(rowid, title, body) VALUES (new.id * 4 + 2, new.text, '');
END;
CREATE TRIGGER search_question_update AFTER UPDATE OF "text" ON policy_question
WHEN old.text IS NOT new.text BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
    INSERT INTO search_index(rowid, title, body) VALUES (new.id * 4 + 2, new.text, '');
END;
CREATE TRIGGER search_question_delete AFTER DELETE ON policy_question BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER search_position_insert AFTER INSERT ON "position"
WHEN new.status = 'published' BEGIN
    INSERT INTO search_index(rowid, title, body)
    VALUES (new.id * 4 + 3, new.summary, coalesce(new.quote, ''));
END;
CREATE TRIGGER search_position_update AFTER UPDATE OF summary, quote, status ON "position"
WHEN old.summary IS NOT new.summary OR old.quote IS NOT new.quote
    OR old.status IS NOT new.status BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
    INSERT INTO search_index(rowid, title, body)
    SELECT new.id * 4 + 3, new.summary, coalesce(new.quote, '')
    WHERE new.status = 'published';
END;
CREATE TRIGGER search_position_delete AFTER DELETE ON "position" BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
END;

INSERT INTO search_index(rowid, title, body)
SELECT id * 4 + 1, title, coalesce(description, '') FROM "session";
INSERT INTO search_index(rowid, title, body)
SELECT id * 4 + 2, "text", '' FROM policy_question;
INSERT INTO search_index(rowid, title, body)
SELECT id * 4 + 3, summary, coalesce(quote, '') FROM "position" WHERE status = 'published';
"#;

const SQLITE_DOWN: &str = r#"
DROP TRIGGER IF EXISTS search_session_insert;
DROP TRIGGER IF EXISTS search_session_update;
DROP TRIGGER IF EXISTS search_session_delete;
DROP TRIGGER IF EXISTS search_question_insert;
DROP TRIGGER IF EXISTS search_question_update;
DROP TRIGGER IF EXISTS search_question_delete;
DROP TRIGGER IF EXISTS search_position_insert;
DROP TRIGGER IF EXISTS search_position_update;
DROP TRIGGER IF EXISTS search_position_delete;
DROP TABLE IF EXISTS search_index;
"#;

const POSTGRES_UP: &str = r#"
ALTER TABLE "session" ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', coalesce(description, '')), 'B')
) STORED;
CREATE INDEX ix_session_search_tsv ON "session" USING GIN (search_tsv);

ALTER TABLE policy_question ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', "text"), 'A')
) STORED;
CREATE INDEX ix_policy_question_search_tsv ON policy_question USING GIN (search_tsv);

ALTER TABLE "position" ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', summary), 'A')
    || setweight(to_tsvector('english', coalesce(quote, '')), 'B')
) STORED;
CREATE INDEX ix_position_search_tsv ON "position" USING GIN (search_tsv)
    WHERE status = 'published';
"#;

const POSTGRES_DOWN: &str = r#"
DROP INDEX IF EXISTS ix_session_search_tsv;
DROP INDEX IF EXISTS ix_policy_question_search_tsv;
DROP INDEX IF EXISTS ix_position_search_tsv;
ALTER TABLE "session" DROP COLUMN IF EXISTS search_tsv;
ALTER TABLE policy_question DROP COLUMN IF EXISTS search_tsv;
ALTER TABLE "position" DROP COLUMN IF EXISTS search_tsv;
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
