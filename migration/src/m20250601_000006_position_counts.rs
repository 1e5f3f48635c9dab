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
//! another event), in the same transaction as the write. A trigger that
//! touches two counter rows touches them in key order.
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
        format!(
            "CREATE FUNCTION position_count_add(
                t BIGINT, s BIGINT, g BIGINT, r BIGINT, e BIGINT, m VARCHAR, d BIGINT)
             RETURNS void LANGUAGE sql AS $$
                INSERT INTO position_count ({KEY}, n) VALUES (t, s, g, r, e, m, d)
                ON CONFLICT ({KEY}) DO UPDATE SET n = position_count.n + EXCLUDED.n
             $$"
        ),
        r#"CREATE FUNCTION position_count_track() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                old_on BOOLEAN := TG_OP <> 'INSERT' AND OLD.status = 'published';
                new_on BOOLEAN := TG_OP <> 'DELETE' AND NEW.status = 'published';
                old_event BIGINT;
                new_event BIGINT;
                old_key RECORD;
                new_key RECORD;
            BEGIN
                IF old_on THEN
                    old_event := COALESCE((SELECT event_id FROM session WHERE id = OLD.session_id), 0);
                    old_key := ROW(OLD.topic_id, OLD.stance_id, COALESCE(OLD.stakeholder_group_id, 0),
                        COALESCE(OLD.region_id, 0), old_event, COALESCE(OLD.participation_mode, ''));
                END IF;
                IF new_on THEN
                    new_event := COALESCE((SELECT event_id FROM session WHERE id = NEW.session_id), 0);
                    new_key := ROW(NEW.topic_id, NEW.stance_id, COALESCE(NEW.stakeholder_group_id, 0),
                        COALESCE(NEW.region_id, 0), new_event, COALESCE(NEW.participation_mode, ''));
                END IF;
                IF old_on AND new_on AND old_key = new_key THEN
                    RETURN NULL;
                END IF;
                IF NOT old_on AND NOT new_on THEN
                    RETURN NULL;
                END IF;
                -- Lower key first, so two writers never wait on each other
                -- in opposite orders.
                IF old_on AND (NOT new_on OR old_key < new_key) THEN
                    PERFORM position_count_add(OLD.topic_id, OLD.stance_id,
                        COALESCE(OLD.stakeholder_group_id, 0), COALESCE(OLD.region_id, 0),
                        old_event, COALESCE(OLD.participation_mode, ''), -1);
                    old_on := FALSE;
                END IF;
                IF new_on THEN
                    PERFORM position_count_add(NEW.topic_id, NEW.stance_id,
                        COALESCE(NEW.stakeholder_group_id, 0), COALESCE(NEW.region_id, 0),
                        new_event, COALESCE(NEW.participation_mode, ''), 1);
                END IF;
                IF old_on THEN
                    PERFORM position_count_add(OLD.topic_id, OLD.stance_id,
                        COALESCE(OLD.stakeholder_group_id, 0), COALESCE(OLD.region_id, 0),
                        old_event, COALESCE(OLD.participation_mode, ''), -1);
                END IF;
                UPDATE stats_generation SET n = n + 1 WHERE id = 1;
                RETURN NULL;
            END $$"#
            .into(),
        "CREATE TRIGGER position_count_track AFTER INSERT OR UPDATE OR DELETE ON position
         FOR EACH ROW EXECUTE FUNCTION position_count_track()"
            .into(),
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
                "DROP TRIGGER IF EXISTS position_count_track ON position",
                "DROP FUNCTION IF EXISTS stats_generation_bump()",
                "DROP FUNCTION IF EXISTS position_count_session_event()",
                "DROP FUNCTION IF EXISTS position_count_track()",
                "DROP FUNCTION IF EXISTS position_count_add(BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, VARCHAR, BIGINT)",
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
