//! Connecting to SQLite or PostgreSQL, and running migrations.

use std::{path::PathBuf, str::FromStr, time::Duration};

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

/// Longest a single SQL statement may run on PostgreSQL.
pub const STATEMENT_TIMEOUT: &str = "60s";

/// Connections the pool for `url` holds at most: SQLite has one writer
/// at a time, so fewer help there.
pub fn pool_size(url: &str) -> u32 {
    if url.starts_with("sqlite:") { 8 } else { 16 }
}

/// Connect to `url`. A SQLite file is created when missing and put in WAL
/// mode, with a busy timeout so writers wait for the lock instead of failing.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    let sqlite = url.starts_with("sqlite:");
    let url = if sqlite && !url.contains("mode=") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_owned()
    };
    let mut options = ConnectOptions::new(url.clone());
    options
        .max_connections(pool_size(&url))
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // A statement outliving any request is stopped by PostgreSQL itself:
        // a timed-out request does not leave its query running.
        .map_sqlx_postgres_opts(|o| o.options([("statement_timeout", STATEMENT_TIMEOUT)]));
    let db = Database::connect(options)
        .await
        .with_context(|| format!("cannot connect to the database at {}", redact(&url)))?;
    if sqlite {
        // WAL is a property of the file, so once is enough. sqlx already
        // turns on foreign keys and a 5 s busy timeout on every connection.
        db.execute_unprepared("PRAGMA journal_mode = WAL")
            .await
            .context("switching SQLite to WAL mode")?;
    }
    Ok(db)
}

/// Where a SQLite database lives, as its URL says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteFile {
    /// `sqlite::memory:` or `mode=memory`: gone when the process ends.
    Memory,
    /// A file, relative to the working directory unless absolute.
    Path(PathBuf),
}

/// The SQLite database `url` names, or `None` for another database. The
/// file name is parsed by sqlx itself, so it is the file `connect` opens.
pub fn sqlite_file(url: &str) -> anyhow::Result<Option<SqliteFile>> {
    if !url.starts_with("sqlite:") {
        return Ok(None);
    }
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (database, params) = rest.split_once('?').unwrap_or((rest, ""));
    let memory = database == ":memory:" || params.split('&').any(|p| p == "mode=memory");
    if memory {
        return Ok(Some(SqliteFile::Memory));
    }
    let options = sea_orm::sqlx::sqlite::SqliteConnectOptions::from_str(url)
        .with_context(|| format!("{url} is not a SQLite URL"))?;
    Ok(Some(SqliteFile::Path(options.get_filename().to_path_buf())))
}

/// Apply every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("migrating the database")
}

/// Let SQLite refresh its planner statistics where they are missing or
/// stale (cheap: `PRAGMA optimize` skips tables that have not changed much).
/// PostgreSQL keeps its own with autovacuum. A failure only costs speed.
pub async fn optimize(db: &DatabaseConnection) {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite
        && let Err(e) = db.execute_unprepared("PRAGMA optimize = 0x10002").await
    {
        tracing::warn!(error = %e, "PRAGMA optimize failed");
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}
