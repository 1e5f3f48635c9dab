//! Speaking time kept by the database itself, as positions' counts are
//! (migration 6): `intervention_count` holds one row per (event,
//! stakeholder group, region, participation mode, role, floor) with the
//! interventions in transcripts there, their words, seconds, and seconds
//! estimated; 0 and '' stand for "none" so the key has no NULLs. Triggers
//! keep the rows true on every write path (imports, re-imports, names
//! settled in review, roles changed, people merged or deleted, sessions
//! deleted or moved to another event), in the same transaction as the
//! write; on PostgreSQL once per statement over its transition tables.
//!
//! An intervention also keeps the kind of its role (`role`), as it keeps
//! its role's group and region, and its session's event (`event_id`, kept
//! in step when a session moves), so that counting needs no join and a
//! deleted session's interventions still say what they counted under.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const KEY: &str = "event_id, stakeholder_group_id, region_id, participation, role, is_floor";
const SUMS: &str = "n, words, seconds, estimated_seconds";

/// The counter key of one intervention row `p`.
fn key_of(p: &str) -> String {
    format!(
        "COALESCE({p}.event_id, 0), COALESCE({p}.stakeholder_group_id, 0), \
         COALESCE({p}.region_id, 0), COALESCE({p}.participation, ''), COALESCE({p}.role, ''), \
         {p}.is_floor"
    )
}

/// The sums of one intervention row `p`, signed.
fn sums_of(p: &str, sign: &str) -> String {
    format!(
        "{sign}1, {sign}{p}.words, {sign}{p}.seconds, \
         {sign}(CASE WHEN {p}.seconds_estimated THEN {p}.seconds ELSE 0 END)"
    )
}

const ADD: &str = "n = intervention_count.n + excluded.n, \
    words = intervention_count.words + excluded.words, \
    seconds = intervention_count.seconds + excluded.seconds, \
    estimated_seconds = intervention_count.estimated_seconds + excluded.estimated_seconds";

/// Changes that move an intervention between counter rows or change its
/// sums.
const CHANGED: &str = "OLD.in_transcript IS NOT NEW.in_transcript \
    OR OLD.event_id IS NOT NEW.event_id \
    OR OLD.stakeholder_group_id IS NOT NEW.stakeholder_group_id \
    OR OLD.region_id IS NOT NEW.region_id OR OLD.participation IS NOT NEW.participation \
    OR OLD.role IS NOT NEW.role OR OLD.is_floor IS NOT NEW.is_floor \
    OR OLD.words IS NOT NEW.words OR OLD.seconds IS NOT NEW.seconds \
    OR OLD.seconds_estimated IS NOT NEW.seconds_estimated";

fn sqlite() -> Vec<String> {
    let bump = |p: &str, sign: &str, when: &str| {
        format!(
            "INSERT INTO intervention_count ({KEY}, {SUMS}) SELECT {}, {} WHERE {when} \
             ON CONFLICT ({KEY}) DO UPDATE SET {ADD};",
            key_of(p),
            sums_of(p, sign)
        )
    };
    let generation = "UPDATE stats_generation SET n = n + 1 WHERE id = 1;";
    vec![
        format!(
            "CREATE TABLE intervention_count (
                event_id INTEGER NOT NULL, stakeholder_group_id INTEGER NOT NULL,
                region_id INTEGER NOT NULL, participation TEXT NOT NULL, role TEXT NOT NULL,
                is_floor INTEGER NOT NULL, n INTEGER NOT NULL, words INTEGER NOT NULL,
                seconds INTEGER NOT NULL, estimated_seconds INTEGER NOT NULL,
                PRIMARY KEY ({KEY})) WITHOUT ROWID"
        ),
        format!(
            "CREATE TRIGGER intervention_count_insert AFTER INSERT ON intervention
             WHEN NEW.in_transcript BEGIN {} {generation} END",
            bump("NEW", "", "1 = 1")
        ),
        format!(
            "CREATE TRIGGER intervention_count_delete AFTER DELETE ON intervention
             WHEN OLD.in_transcript BEGIN {} {generation} END",
            bump("OLD", "-", "1 = 1")
        ),
        format!(
            "CREATE TRIGGER intervention_count_update AFTER UPDATE ON intervention
             WHEN (OLD.in_transcript OR NEW.in_transcript) AND ({CHANGED})
             BEGIN {} {} {generation} END",
            bump("OLD", "-", "OLD.in_transcript"),
            bump("NEW", "", "NEW.in_transcript"),
        ),
        // A session moved to another event takes its interventions along;
        // the update trigger above moves their counts.
        "CREATE TRIGGER intervention_session_event AFTER UPDATE OF event_id ON session
         WHEN OLD.event_id IS NOT NEW.event_id
         BEGIN UPDATE intervention SET event_id = NEW.event_id WHERE session_id = NEW.id; END"
            .into(),
        format!(
            "INSERT INTO intervention_count ({KEY}, {SUMS})
             SELECT {}, {} FROM intervention p WHERE p.in_transcript
             GROUP BY 1, 2, 3, 4, 5, 6",
            key_of("p"),
            "COUNT(*), SUM(p.words), SUM(p.seconds), \
             SUM(CASE WHEN p.seconds_estimated THEN p.seconds ELSE 0 END)"
        ),
    ]
}

/// The counted rows of a transition table as counter deltas of `sign`.
fn delta(rows: &str, sign: &str) -> String {
    format!(
        "SELECT COALESCE(p.event_id, 0) AS e, COALESCE(p.stakeholder_group_id, 0) AS g, \
         COALESCE(p.region_id, 0) AS r, COALESCE(p.participation, '') AS m, \
         COALESCE(p.role, '') AS k, p.is_floor AS f, {sign} AS n, {sign} * p.words AS w, \
         {sign} * p.seconds AS s, \
         {sign} * (CASE WHEN p.seconds_estimated THEN p.seconds ELSE 0 END) AS es \
         FROM {rows} p WHERE p.in_transcript"
    )
}

/// The function and trigger applying one kind of write's deltas.
fn statement_trigger(name: &str, event: &str, tables: &str, deltas: &str) -> String {
    format!(
        "CREATE FUNCTION intervention_count_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             -- The one generation row first, then the counters in key
             -- order: every writer locks in the same order.
             UPDATE stats_generation SET n = n + 1 WHERE id = 1;
             INSERT INTO intervention_count ({KEY}, {SUMS})
             SELECT e, g, r, m, k, f, SUM(n), SUM(w), SUM(s), SUM(es) FROM ({deltas}) AS deltas
             GROUP BY 1, 2, 3, 4, 5, 6
             HAVING SUM(n) <> 0 OR SUM(w) <> 0 OR SUM(s) <> 0 OR SUM(es) <> 0
             ORDER BY 1, 2, 3, 4, 5, 6
             ON CONFLICT ({KEY}) DO UPDATE SET {ADD};
             RETURN NULL;
         END $$;
         CREATE TRIGGER intervention_count_{name} AFTER {event} ON intervention
         REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION intervention_count_{name}();"
    )
}

fn postgres() -> Vec<String> {
    vec![
        format!(
            "CREATE TABLE intervention_count (
                event_id BIGINT NOT NULL, stakeholder_group_id BIGINT NOT NULL,
                region_id BIGINT NOT NULL, participation VARCHAR(16) NOT NULL,
                role VARCHAR(32) NOT NULL, is_floor BOOLEAN NOT NULL, n BIGINT NOT NULL,
                words BIGINT NOT NULL, seconds BIGINT NOT NULL, estimated_seconds BIGINT NOT NULL,
                PRIMARY KEY ({KEY}))"
        ),
        statement_trigger(
            "insert",
            "INSERT",
            "NEW TABLE AS new_rows",
            &delta("new_rows", "1"),
        ),
        statement_trigger(
            "delete",
            "DELETE",
            "OLD TABLE AS old_rows",
            &delta("old_rows", "-1"),
        ),
        statement_trigger(
            "update",
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            &format!(
                "{} UNION ALL {}",
                delta("old_rows", "-1"),
                delta("new_rows", "1")
            ),
        ),
        r#"CREATE FUNCTION intervention_session_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE intervention SET event_id = NEW.event_id WHERE session_id = NEW.id;
                RETURN NULL;
            END $$"#
            .into(),
        "CREATE TRIGGER intervention_session_event AFTER UPDATE OF event_id ON session
         FOR EACH ROW WHEN (OLD.event_id IS DISTINCT FROM NEW.event_id)
         EXECUTE FUNCTION intervention_session_event()"
            .into(),
        format!(
            "INSERT INTO intervention_count ({KEY}, {SUMS})
             SELECT {}, COUNT(*), SUM(p.words), SUM(p.seconds),
                    SUM(CASE WHEN p.seconds_estimated THEN p.seconds ELSE 0 END)
             FROM intervention p WHERE p.in_transcript
             GROUP BY 1, 2, 3, 4, 5, 6",
            key_of("p")
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for mut column in [string_len_null("role", 32), big_integer_null("event_id")] {
            m.alter_table(
                Table::alter()
                    .table("intervention")
                    .add_column(&mut column)
                    .take(),
            )
            .await?;
        }
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE intervention SET \
             role = (SELECT r.role FROM session_role r WHERE r.id = intervention.role_id), \
             event_id = (SELECT s.event_id FROM session s WHERE s.id = intervention.session_id)",
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_intervention_event_id_in_transcript")
                .table("intervention")
                .col("event_id")
                .col("in_transcript")
                .take(),
        )
        .await?;
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
                "DROP TRIGGER IF EXISTS intervention_session_event ON session",
                "DROP TRIGGER IF EXISTS intervention_count_insert ON intervention",
                "DROP TRIGGER IF EXISTS intervention_count_update ON intervention",
                "DROP TRIGGER IF EXISTS intervention_count_delete ON intervention",
                "DROP FUNCTION IF EXISTS intervention_session_event()",
                "DROP FUNCTION IF EXISTS intervention_count_insert()",
                "DROP FUNCTION IF EXISTS intervention_count_update()",
                "DROP FUNCTION IF EXISTS intervention_count_delete()",
                "DROP TABLE IF EXISTS intervention_count",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS intervention_session_event",
                "DROP TRIGGER IF EXISTS intervention_count_update",
                "DROP TRIGGER IF EXISTS intervention_count_delete",
                "DROP TRIGGER IF EXISTS intervention_count_insert",
                "DROP TABLE IF EXISTS intervention_count",
            ],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        m.drop_index(
            Index::drop()
                .name("ix_intervention_event_id_in_transcript")
                .table("intervention")
                .to_owned(),
        )
        .await?;
        for column in ["role", "event_id"] {
            m.alter_table(
                Table::alter()
                    .table("intervention")
                    .drop_column(column)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
