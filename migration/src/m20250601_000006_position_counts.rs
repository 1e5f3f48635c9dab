//! Counts of published positions kept by the database itself, so that
//! `positionStats` over the everyday dimensions reads a few thousand counter
//! rows instead of scanning every position.
//!
//! `position_count` holds one row per (topic, stance, stakeholder group,
//! region, event, participation mode) with its number of published
//! positions; 0 and '' stand for "none" so the key has no NULLs. Year is the
//! event's, joined when asked for, so changing an event's year moves no
//! count. Triggers keep the rows true on every write path (mutations,
//! imports, alias resolution, merges, bulk inserts, a session moved to
//! another event), in the same transaction as the write, and touch counter
//! rows in key order. On PostgreSQL they run once per statement over its
//! transition tables, so a bulk insert updates each counter row once.
//!
//! `stats_generation` grows by one on every change that can alter an
//! aggregate; the server caches aggregates under it.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const KEY: &str =
    "topic_id, stance_id, stakeholder_group_id, region_id, event_id, participation_mode";

fn sqlite() -> Vec<String> {
    // The row of one position: (alias).columns mapped to the counter key.
    let row = |p: &str| {
        format!(
            "{p}.topic_id, {p}.stance_id, COALESCE({p}.stakeholder_group_id, 0), \
             COALESCE({p}.region_id, 0), \
             COALESCE((SELECT event_id FROM session WHERE id = {p}.session_id), 0), \
             COALESCE({p}.participation_mode, '')"
        )
    };
    let changed = "OLD.status IS NOT NEW.status OR OLD.topic_id IS NOT NEW.topic_id \
        OR OLD.stance_id IS NOT NEW.stance_id \
        OR OLD.stakeholder_group_id IS NOT NEW.stakeholder_group_id \
        OR OLD.region_id IS NOT NEW.region_id OR OLD.session_id IS NOT NEW.session_id \
        OR OLD.participation_mode IS NOT NEW.participation_mode";
    let bump = |values: &str, n: &str, when: &str| {
        format!(
            "INSERT INTO position_count ({KEY}, n) SELECT {values}, {n} WHERE {when} \
             ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n;"
        )
    };
    let generation = "UPDATE stats_generation SET n = n + 1 WHERE id = 1;";
    let moved = |event: &str, sign: &str| {
        format!(
            "INSERT INTO position_count ({KEY}, n) \
             SELECT topic_id, stance_id, COALESCE(stakeholder_group_id, 0), \
             COALESCE(region_id, 0), {event}, COALESCE(participation_mode, ''), {sign}COUNT(*) \
             FROM position WHERE session_id = NEW.id AND status = 'published' \
             GROUP BY 1, 2, 3, 4, 6 ORDER BY 1, 2, 3, 4, 6 \
             ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n;"
        )
    };
    vec![
        format!(
            "CREATE TABLE position_count (
                topic_id INTEGER NOT NULL, stance_id INTEGER NOT NULL,
                stakeholder_group_id INTEGER NOT NULL, region_id INTEGER NOT NULL,
                event_id INTEGER NOT NULL, participation_mode TEXT NOT NULL,
                n INTEGER NOT NULL, PRIMARY KEY ({KEY})) WITHOUT ROWID"
        ),
        "CREATE TABLE stats_generation (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)".into(),
        "INSERT INTO stats_generation (id, n) VALUES (1, 0)".into(),
        format!(
            "CREATE TRIGGER position_count_insert AFTER INSERT ON position
             WHEN NEW.status = 'published' BEGIN {} {generation} END",
            bump(&row("NEW"), "1", "1 = 1")
        ),
        format!(
            "CREATE TRIGGER position_count_delete AFTER DELETE ON position
             WHEN OLD.status = 'published' BEGIN {} {generation} END",
            bump(&row("OLD"), "-1", "1 = 1")
        ),
        // Old row first, then new: SQLite runs one writer at a time, so
        // the order cannot deadlock here.
        format!(
            "CREATE TRIGGER position_count_update AFTER UPDATE ON position
             WHEN (OLD.status = 'published' OR NEW.status = 'published') AND ({changed})
             BEGIN {} {} {generation} END",
            bump(&row("OLD"), "-1", "OLD.status = 'published'"),
            bump(&row("NEW"), "1", "NEW.status = 'published'"),
        ),
        format!(
            "CREATE TRIGGER position_count_session_event AFTER UPDATE OF event_id ON session
             WHEN OLD.event_id IS NOT NEW.event_id
             BEGIN {} {} {generation} END",
            moved("OLD.event_id", "-"),
            moved("NEW.event_id", ""),
        ),
        format!(
            "CREATE TRIGGER stats_generation_event_year AFTER UPDATE OF year ON event
             WHEN OLD.year IS NOT NEW.year BEGIN {generation} END"
        ),
        format!(
            "INSERT INTO position_count ({KEY}, n)
             SELECT {}, COUNT(*) FROM position p WHERE p.status = 'published'
             GROUP BY 1, 2, 3, 4, 5, 6",
            row("p")
        ),
    ]
}

/// The published rows of a transition table as counter deltas of `sign`.
fn delta(rows: &str, sign: &str) -> String {
    format!(
        "SELECT p.topic_id, p.stance_id, COALESCE(p.stakeholder_group_id, 0) AS g, \
         COALESCE(p.region_id, 0) AS r, COALESCE(s.event_id, 0) AS e, \
         COALESCE(p.participation_mode, '') AS m, {sign} AS d \
         FROM {rows} p LEFT JOIN session s ON s.id = p.session_id \
         WHERE p.status = 'published'"
    )
}

/// The function and trigger applying one kind of write's deltas.
fn position_count_statement(name: &str, event: &str, tables: &str, deltas: &str) -> String {
    format!(
        "CREATE FUNCTION position_count_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             INSERT INTO position_count ({KEY}, n)
             SELECT topic_id, stance_id, g, r, e, m, SUM(d) FROM ({deltas}) AS deltas
             GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM(d) <> 0
             ORDER BY 1, 2, 3, 4, 5, 6
             ON CONFLICT ({KEY}) DO UPDATE SET n = position_count.n + EXCLUDED.n;
             IF FOUND THEN
                 UPDATE stats_generation SET n = n + 1 WHERE id = 1;
             END IF;
             RETURN NULL;
         END $$;
         CREATE TRIGGER position_count_{name} AFTER {event} ON position
         REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION position_count_{name}();"
    )
}

fn postgres() -> Vec<String> {
    vec![
        format!(
            "CREATE TABLE position_count (
                topic_id BIGINT NOT NULL, stance_id BIGINT NOT NULL,
                stakeholder_group_id BIGINT NOT NULL, region_id BIGINT NOT NULL,
                event_id BIGINT NOT NULL, participation_mode VARCHAR(16) NOT NULL,
                n BIGINT NOT NULL, PRIMARY KEY ({KEY}))"
        ),
        "CREATE TABLE stats_generation (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)".into(),
        "INSERT INTO stats_generation (id, n) VALUES (1, 0)".into(),
        // One statement-level trigger per kind of write, reading the
        // statement's rows from transition tables: a bulk insert of
        // thousands of positions updates each counter row once, in key
        // order, instead of once per position.
        position_count_statement(
            "insert",
            "INSERT",
            "NEW TABLE AS new_rows",
            &delta("new_rows", "1"),
        ),
        position_count_statement(
            "delete",
            "DELETE",
            "OLD TABLE AS old_rows",
            &delta("old_rows", "-1"),
        ),
        position_count_statement(
            "update",
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            &format!(
                "{} UNION ALL {}",
                delta("old_rows", "-1"),
                delta("new_rows", "1")
            ),
        ),
        format!(
            r#"CREATE FUNCTION position_count_session_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO position_count ({KEY}, n)
                SELECT topic_id, stance_id, COALESCE(stakeholder_group_id, 0),
                       COALESCE(region_id, 0), e.event_id, COALESCE(participation_mode, ''),
                       e.sign * COUNT(*)
                FROM position
                CROSS JOIN (VALUES (OLD.event_id, -1), (NEW.event_id, 1)) AS e(event_id, sign)
                WHERE session_id = NEW.id AND status = 'published'
                GROUP BY 1, 2, 3, 4, 5, 6, e.sign
                ORDER BY 1, 2, 3, 4, 5, 6
                ON CONFLICT ({KEY}) DO UPDATE SET n = position_count.n + EXCLUDED.n;
                UPDATE stats_generation SET n = n + 1 WHERE id = 1;
                RETURN NULL;
            END $$"#
        ),
        "CREATE TRIGGER position_count_session_event AFTER UPDATE OF event_id ON session
         FOR EACH ROW WHEN (OLD.event_id IS DISTINCT FROM NEW.event_id)
         EXECUTE FUNCTION position_count_session_event()"
            .into(),
        r#"CREATE FUNCTION stats_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE stats_generation SET n = n + 1 WHERE id = 1;
                RETURN NULL;
            END $$"#
            .into(),
        "CREATE TRIGGER stats_generation_event_year AFTER UPDATE OF year ON event
         FOR EACH ROW WHEN (OLD.year IS DISTINCT FROM NEW.year)
         EXECUTE FUNCTION stats_generation_bump()"
            .into(),
        format!(
            "INSERT INTO position_count ({KEY}, n)
             SELECT p.topic_id, p.stance_id, COALESCE(p.stakeholder_group_id, 0),
                    COALESCE(p.region_id, 0), COALESCE(s.event_id, 0),
                    COALESCE(p.participation_mode, ''), COUNT(*)
             FROM position p LEFT JOIN session s ON s.id = p.session_id
             WHERE p.status = 'published'
             GROUP BY 1, 2, 3, 4, 5, 6"
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let statements = match m.get_database_backend() {
            DatabaseBackend::Postgres => postgres(),
            _ => sqlite(),
        };
        for sql in statements {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let statements: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &[
                "DROP TRIGGER IF EXISTS stats_generation_event_year ON event",
                "DROP TRIGGER IF EXISTS position_count_session_event ON session",
                "DROP TRIGGER IF EXISTS position_count_insert ON position",
                "DROP TRIGGER IF EXISTS position_count_update ON position",
                "DROP TRIGGER IF EXISTS position_count_delete ON position",
                "DROP FUNCTION IF EXISTS stats_generation_bump()",
                "DROP FUNCTION IF EXISTS position_count_session_event()",
                "DROP FUNCTION IF EXISTS position_count_insert()",
                "DROP FUNCTION IF EXISTS position_count_update()",
                "DROP FUNCTION IF EXISTS position_count_delete()",
                "DROP TABLE IF EXISTS stats_generation",
                "DROP TABLE IF EXISTS position_count",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS stats_generation_event_year",
                "DROP TRIGGER IF EXISTS position_count_session_event",
                "DROP TRIGGER IF EXISTS position_count_update",
                "DROP TRIGGER IF EXISTS position_count_delete",
                "DROP TRIGGER IF EXISTS position_count_insert",
                "DROP TABLE IF EXISTS stats_generation",
                "DROP TABLE IF EXISTS position_count",
            ],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
