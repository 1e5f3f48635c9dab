//! How every change is written: in one transaction (SQLite `BEGIN
//! IMMEDIATE`, so writers queue for the lock instead of failing), with an
//! optimistic version check done by the database itself (`UPDATE … WHERE
//! id = ? AND version = ?`, never read-check-write), and an audit row.

use std::str::FromStr;

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel, QueryFilter, TransactionOptions,
    TransactionTrait,
    sea_query::{Expr, ExprTrait},
};
use serde::Serialize;

use super::audit::{self, Actor};
use crate::error::{AppError, AppResult};

/// The PostgreSQL advisory lock every write transaction holds.
const WRITE_LOCK: i64 = 4_610_001;

/// Start a write transaction. Writers take turns on both databases: SQLite
/// by `BEGIN IMMEDIATE`, PostgreSQL by a transaction-scoped advisory lock
/// taken first. Every position write also updates the shared counter rows
/// of `positionStats` (database triggers), so two writers interleaving
/// row locks could otherwise deadlock; writes are an organizer's pace, and
/// reads never wait for this lock.
pub async fn begin(db: &DatabaseConnection) -> AppResult<DatabaseTransaction> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
            .await?;
    }
    Ok(txn)
}

/// An entity written through this module: it has `id` and `version`.
pub trait Record: EntityTrait {
    /// The name the audit trail and error messages use.
    const NAME: &'static str;
    fn id_of(model: &Self::Model) -> i64;
    fn version_of(model: &Self::Model) -> i32;
}

macro_rules! record {
    ($($module:ident => $name:literal),* $(,)?) => {$(
        impl Record for entity::$module::Entity {
            const NAME: &'static str = $name;
            fn id_of(m: &Self::Model) -> i64 { m.id }
            fn version_of(m: &Self::Model) -> i32 { m.version }
        }
    )*};
}
record!(
    event => "event",
    session => "session",
    session_role => "session role",
    policy_question => "policy question",
    person => "person",
    position => "position",
    topic => "topic",
    stance => "stance",
    document => "document",
    paragraph => "paragraph",
    user => "user",
    alias => "alias",
    review_item => "review item",
    transcript => "transcript",
    intervention => "intervention",
);

fn column<E: EntityTrait>(name: &str) -> Option<E::Column> {
    E::Column::from_str(name).ok()
}

fn json<T: Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// The row, or `NOT_FOUND` naming what was looked for.
pub async fn find<E: Record>(db: &impl ConnectionTrait, id: i64) -> AppResult<E::Model>
where
    E::Model: Sync,
{
    let id_col = column::<E>("id").expect("every record has an id");
    E::find()
        .filter(id_col.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no {} with this ID", E::NAME)))
}

/// Insert a new row, with version 1 and timestamps where the table has
/// them, and audit it.
pub async fn create<E, A>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    mut am: A,
) -> AppResult<E::Model>
where
    E: Record,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<A> + Serialize + Sync,
{
    let now = crate::timestamp::now();
    am.set(
        column::<E>("version").expect("every record has a version"),
        1.into(),
    );
    for stamp in ["created_at", "updated_at"] {
        if let Some(c) = column::<E>(stamp) {
            am.set(c, now.into());
        }
    }
    let model = am.insert(txn).await?;
    audit::record(
        txn,
        actor,
        "create",
        E::NAME,
        E::id_of(&model),
        None,
        json(&model),
    )
    .await?;
    Ok(model)
}

/// Write the fields set in `am` to row `id` if its version is still
/// `version`, bump the version, and audit before and after. A stale
/// version is `CONFLICT` with the current version; nothing is written.
pub async fn update<E, A>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    version: i32,
    mut am: A,
) -> AppResult<E::Model>
where
    E: Record,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<A> + Serialize + Sync,
{
    let before = find::<E>(txn, id).await?;
    let version_col = column::<E>("version").expect("every record has a version");
    am.set(
        column::<E>("id").expect("every record has an id"),
        id.into(),
    );
    am.set(version_col, (version + 1).into());
    if let Some(c) = column::<E>("updated_at") {
        am.set(c, crate::timestamp::now().into());
    }
    let am = am.before_save(txn, false).await?;
    let written = E::update(am)
        .validate()?
        .filter(version_col.eq(version))
        .exec(txn)
        .await;
    match written {
        Ok(after) => {
            audit::record(
                txn,
                actor,
                "update",
                E::NAME,
                id,
                json(&before),
                json(&after),
            )
            .await?;
            Ok(after)
        }
        Err(DbErr::RecordNotUpdated) => Err(stale::<E>(txn, id, version).await),
        Err(e) => Err(e.into()),
    }
}

/// Bump the version of row `id` if it is still `version`, changing nothing
/// else: for a change that lives in other tables (roles, citations).
pub async fn touch<E>(txn: &DatabaseTransaction, id: i64, version: i32) -> AppResult<()>
where
    E: Record,
    E::Model: Sync,
{
    let id_col = column::<E>("id").expect("every record has an id");
    let version_col = column::<E>("version").expect("every record has a version");
    let mut q = E::update_many().col_expr(version_col, Expr::col(version_col).add(1));
    if let Some(c) = column::<E>("updated_at") {
        q = q.col_expr(c, Expr::value(crate::timestamp::now()));
    }
    let result = q
        .filter(id_col.eq(id))
        .filter(version_col.eq(version))
        .exec(txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(stale::<E>(txn, id, version).await);
    }
    Ok(())
}

/// Delete row `id` if its version is still `version`, and audit it.
pub async fn delete<E>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    version: i32,
) -> AppResult<E::Model>
where
    E: Record,
    E::Model: Serialize + Sync,
{
    let before = find::<E>(txn, id).await?;
    let id_col = column::<E>("id").expect("every record has an id");
    let version_col = column::<E>("version").expect("every record has a version");
    let result = E::delete_many()
        .filter(id_col.eq(id))
        .filter(version_col.eq(version))
        .exec(txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(stale::<E>(txn, id, version).await);
    }
    audit::record(txn, actor, "delete", E::NAME, id, json(&before), None).await?;
    Ok(before)
}

async fn stale<E>(txn: &DatabaseTransaction, id: i64, sent: i32) -> AppError
where
    E: Record,
    E::Model: Sync,
{
    match find::<E>(txn, id).await {
        Ok(current) => AppError::Stale {
            entity: E::NAME,
            id,
            sent,
            current: E::version_of(&current),
        },
        Err(e) => e,
    }
}

/// What still refers to a row: `(how many, what)` pairs.
pub type Referrers = Vec<(u64, &'static str)>;

/// `CONFLICT` naming what still refers to the row, unless nothing does.
pub fn refuse_if_referred(what: &str, referrers: &Referrers) -> AppResult<()> {
    let named: Vec<String> = referrers
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if named.is_empty() {
        return Ok(());
    }
    Err(AppError::Conflict(format!(
        "{what} is still referred to by {}; remove those first, or (as an admin) pass `cascade: true` to delete them too",
        named.join(", ")
    )))
}
