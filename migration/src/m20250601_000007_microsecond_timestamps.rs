//! Stored timestamps at microsecond precision, in the form sea-orm writes.
//!
//! Rows used to get `Utc::now()` as it came, with nanoseconds on Linux;
//! the server now keeps microseconds (`igf_perspectives::timestamp`), so
//! that a row reads back as it was written on either database. This brings
//! rows written before to the same precision.
//!
//! PostgreSQL: nothing to do. `timestamptz` holds microseconds, and sqlx
//! sends a `DateTime` as microseconds (dropping the rest), so no stored
//! value is finer.
//!
//! SQLite: a `timestamp_with_time_zone` column is TEXT, and sea-orm (through
//! sqlx) writes a `DateTime<Utc>` as RFC 3339 with `+00:00` and 0, 3, 6 or 9
//! fractional digits, whichever is shortest without loss (chrono's
//! `SecondsFormat::AutoSi`): `2025-06-24T08:00:00.123456789+00:00`. Every
//! value of every timestamp column of every table that is not already such
//! a text at microsecond precision is rewritten to the text sea-orm writes
//! for the value cut to microseconds; values written by SQL
//! (`CURRENT_TIMESTAMP`: `2025-06-24 08:00:00`, UTC) are brought to that form
//! too. A value that is not a timestamp at all is left as it is.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, SubsecRound, Utc};
use sea_orm_migration::{
    prelude::*,
    sea_orm::{ConnectionTrait, DatabaseBackend, Statement},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on SQLite too: every value is rewritten, or none.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = m.get_connection();
        for (table, column) in timestamp_columns(db).await? {
            rewrite(db, &table, &column).await?;
        }
        Ok(())
    }

    /// The precision dropped cannot be restored, and the values kept are
    /// as valid as before: nothing to undo.
    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

/// Every (table, column) declared as a timestamp: sea-query declares
/// `timestamp_with_time_zone` on SQLite as `timestamp_with_timezone_text`.
async fn timestamp_columns(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, DbErr> {
    let sql = "SELECT t.name AS t, c.name AS c \
        FROM sqlite_master t, pragma_table_info(t.name) c \
        WHERE t.type = 'table' AND lower(c.type) LIKE 'timestamp%' ORDER BY 1, 2";
    db.query_all_raw(Statement::from_string(DatabaseBackend::Sqlite, sql))
        .await?
        .iter()
        .map(|row| Ok((row.try_get("", "t")?, row.try_get("", "c")?)))
        .collect()
}

/// A condition true of a text sea-orm writes for a whole-microsecond
/// `DateTime<Utc>`: no fraction, or three or six digits, then `+00:00`.
fn already_stored(column: &str) -> String {
    let seconds = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]";
    let digits = "[0-9][0-9][0-9]";
    [
        format!("{seconds}+00:00"),
        format!("{seconds}.{digits}+00:00"),
        format!("{seconds}.{digits}{digits}+00:00"),
    ]
    .iter()
    .map(|pattern| format!("\"{column}\" GLOB '{pattern}'"))
    .collect::<Vec<_>>()
    .join(" OR ")
}

/// Rewrite the values of `table.column` that are not yet in stored form.
async fn rewrite(db: &impl ConnectionTrait, table: &str, column: &str) -> Result<(), DbErr> {
    let select = format!(
        "SELECT rowid AS id, \"{column}\" AS v FROM \"{table}\" \
         WHERE typeof(\"{column}\") = 'text' AND NOT ({})",
        already_stored(column)
    );
    let update = format!("UPDATE \"{table}\" SET \"{column}\" = ? WHERE rowid = ?");
    let rows = db
        .query_all_raw(Statement::from_string(DatabaseBackend::Sqlite, select))
        .await?;
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let text: String = row.try_get("", "v")?;
        let Some(at) = parse(&text) else {
            continue;
        };
        let stored = as_sea_orm_writes(at.trunc_subsecs(6));
        if stored != text {
            db.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Sqlite,
                &update,
                [stored.into(), id.into()],
            ))
            .await?;
        }
    }
    Ok(())
}

/// The text sqlx writes for a `DateTime<Utc>` on SQLite.
fn as_sea_orm_writes(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// A stored text as sqlx reads it: RFC 3339, or SQLite's own
/// `YYYY-MM-DD HH:MM:SS[.fff]` (UTC), with `T` or a space.
fn parse(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.to_utc());
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_cut_to_microseconds_in_the_form_sea_orm_writes() {
        let cases = [
            (
                "2025-06-24T08:00:00.123456789+00:00",
                "2025-06-24T08:00:00.123456+00:00",
            ),
            (
                "2025-06-24T08:00:00.120000999+00:00",
                "2025-06-24T08:00:00.120+00:00",
            ),
            (
                "2025-06-24T08:00:00.000000999+00:00",
                "2025-06-24T08:00:00+00:00",
            ),
            ("2025-06-24 08:00:00", "2025-06-24T08:00:00+00:00"),
            (
                "2025-06-24T10:00:00.5+02:00",
                "2025-06-24T08:00:00.500+00:00",
            ),
        ];
        for (text, want) in cases {
            let at = parse(text).unwrap().trunc_subsecs(6);
            assert_eq!(as_sea_orm_writes(at), want, "{text}");
        }
        assert_eq!(parse("not a time"), None);
    }
}
