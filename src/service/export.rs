//! Bulk exports (DESIGN.md, users: analysts need "exports"): of positions,
//! the rows `positions` gives the same viewer, and of interventions, the
//! rows `speakingTime` counts under the same filter; each in id order, read
//! by one SELECT joined to session, event and person, and encoded by the
//! caller's [`Encode`] into chunks.
//!
//! The statement is read as a stream in a spawned task, and the chunks go
//! through a bounded channel to whoever sends them on (the HTTP response
//! body): memory stays flat however many rows there are, and a client that
//! stops reading holds up the database at most the write timeout.
//!
//! Exports run in slots: at most a configured number per account, and at
//! most a configured number in all, never more than half the database pool,
//! so ordinary requests always keep the other half. An export holds a
//! database connection for as long as it streams, so without a cap a few
//! clients that open exports and never read would hold the whole pool, and
//! every other request would fail waiting for a connection. A slot is held
//! by the task that streams the export and given back when it ends, however
//! it ends (finished, failed, or a client that stopped reading).

use std::{
    collections::HashMap,
    io,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use chrono::{DateTime, Utc};
use entity::{
    event, intervention, person,
    position::{self, ParticipationMode, PositionSource, PositionStatus},
    session,
    session_role::RoleKind,
    user::UserRole,
};
use futures_util::StreamExt;
use sea_orm::{
    Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    FromQueryResult, JoinType, QueryOrder, QuerySelect, QueryTrait, RelationTrait, SelectModel,
    Selector, TransactionTrait,
    sea_query::{Expr, ExprTrait},
};
use tokio::{
    sync::{OwnedSemaphorePermit, Semaphore, mpsc},
    time::Instant,
};
use tracing::Instrument;

use super::{position::PositionFilter, speaking::SpeakingFilter};
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
};

/// When a refused client may try again: exports are long, so no exact time
/// is known; this is a polite pause.
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// The export slots of a server.
pub struct ExportSlots {
    total: Arc<Semaphore>,
    per_account_max: usize,
    running: Arc<Mutex<HashMap<i64, usize>>>,
}

/// One running export's slot; dropping it frees the slot.
#[derive(Debug)]
pub struct ExportSlot {
    _permit: OwnedSemaphorePermit,
    account: i64,
    running: Arc<Mutex<HashMap<i64, usize>>>,
}

impl ExportSlots {
    /// `total` exports at once (capped at half of `pool_size`, and at least
    /// one), `per_account` of them for any one account.
    pub fn new(total: usize, per_account: usize, pool_size: usize) -> Self {
        let total = total.min(pool_size / 2).max(1);
        Self {
            total: Arc::new(Semaphore::new(total)),
            per_account_max: per_account.max(1),
            running: Arc::default(),
        }
    }

    /// A slot for `account`, or `RATE_LIMITED` saying which cap is reached.
    pub fn acquire(&self, account: i64) -> Result<ExportSlot, AppError> {
        let mut running = self.running.lock().expect("export slots lock");
        let mine = running.get(&account).copied().unwrap_or(0);
        if mine >= self.per_account_max {
            return Err(AppError::rate_limited(
                &format!(
                    "this account already runs {mine} exports, the most one account may run at once; \
                     finish or cancel one first"
                ),
                RETRY_AFTER,
            ));
        }
        let permit = self.total.clone().try_acquire_owned().map_err(|_| {
            AppError::rate_limited(
                "the server is running as many exports as it may",
                RETRY_AFTER,
            )
        })?;
        running.insert(account, mine + 1);
        Ok(ExportSlot {
            _permit: permit,
            account,
            running: self.running.clone(),
        })
    }
}

impl Drop for ExportSlot {
    fn drop(&mut self) {
        let mut running = self.running.lock().expect("export slots lock");
        if let Some(n) = running.get_mut(&self.account) {
            *n -= 1;
            if *n == 0 {
                running.remove(&self.account);
            }
        }
    }
}

/// The account an export runs for: exports are for analysts and admins.
pub fn require_exporter(viewer: &Viewer) -> AppResult<i64> {
    let user = viewer.require_user()?;
    if !matches!(user.role, UserRole::Analyst | UserRole::Admin) {
        return Err(AppError::forbidden("exports are for analysts and admins"));
    }
    Ok(user.id)
}

/// Rows are sent in chunks of about this many bytes.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks waiting between the database and a slow client.
const CHANNEL_CHUNKS: usize = 8;
/// Longest an export may run, on either database. The HTTP request
/// timeout bounds only the time to the response head.
pub const MAX_DURATION: Duration = Duration::from_secs(30 * 60);
/// The same limit as PostgreSQL's `statement_timeout` for the export's
/// statement (other statements keep [`crate::db::STATEMENT_TIMEOUT`]).
const PG_STATEMENT_TIMEOUT: &str = "30min";

/// A position with what the export shows of its session, event and person.
#[derive(Debug, FromQueryResult)]
pub struct ExportRow {
    pub id: i64,
    pub topic_id: i64,
    pub stance_id: i64,
    pub summary: String,
    pub quote: Option<String>,
    pub session_id: Option<i64>,
    pub policy_question_id: Option<i64>,
    pub person_id: Option<i64>,
    pub stakeholder_group_id: Option<i64>,
    pub stakeholder_group_raw: Option<String>,
    pub region_id: Option<i64>,
    pub region_raw: Option<String>,
    pub participation_mode: Option<ParticipationMode>,
    pub source: PositionSource,
    pub status: PositionStatus,
    pub recorded_at: DateTime<Utc>,
    pub session_code: Option<String>,
    pub event_code: Option<String>,
    pub event_year: Option<i32>,
    pub person_name: Option<String>,
}

/// An intervention with what the export shows of its session, event and
/// person.
#[derive(Debug, FromQueryResult)]
pub struct InterventionRow {
    pub id: i64,
    pub session_id: i64,
    pub ord: i32,
    pub label: String,
    pub text: String,
    pub words: i32,
    pub seconds: i32,
    pub seconds_estimated: bool,
    pub is_floor: bool,
    pub person_id: Option<i64>,
    pub role: Option<RoleKind>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub participation: Option<ParticipationMode>,
    pub session_code: String,
    pub event_code: Option<String>,
    pub event_year: Option<i32>,
    pub person_name: Option<String>,
}

/// How rows of type `R` become bytes (CSV, JSON lines, …); the caller
/// picks.
pub trait Encode<R>: Send + 'static {
    /// The format's name, for logs.
    fn name(&self) -> &'static str;
    /// Write what comes before the first row (a header line, a mark).
    fn start(&mut self, buf: &mut Vec<u8>) -> io::Result<()>;
    /// Write one row.
    fn row(&mut self, row: &R, buf: &mut Vec<u8>) -> io::Result<()>;
}

/// A chunk of the encoded export, or the error that ends it.
pub type Chunk = Result<Vec<u8>, io::Error>;

/// An export under way: its chunks, in order, and whether every row has
/// been handed over (once the channel closes). A body that ends without
/// `complete` stopped short.
pub struct Running {
    pub chunks: mpsc::Receiver<Chunk>,
    pub complete: Arc<AtomicBool>,
}

/// Start exporting the positions of `filter` that `visible` lets the
/// viewer see, encoded by `encoder`, in `slot`, which is held until the
/// export ends. A chunk the reader leaves waiting for `write_timeout`
/// stops the export.
pub fn positions(
    db: DatabaseConnection,
    filter: &PositionFilter,
    visible: Condition,
    encoder: impl Encode<ExportRow>,
    write_timeout: Duration,
    slot: ExportSlot,
) -> Running {
    let query = super::position::select(filter, visible)
        .join(JoinType::LeftJoin, position::Relation::Session.def())
        .join(JoinType::LeftJoin, session::Relation::Event.def())
        .join(JoinType::LeftJoin, position::Relation::Person.def())
        .column_as(session::Column::Code, "session_code")
        .column_as(event::Column::Code, "event_code")
        .column_as(event::Column::Year, "event_year")
        .column_as(person::Column::Name, "person_name")
        .order_by_asc(position::Column::Id)
        .into_model::<ExportRow>();
    start(db, query, Box::new(encoder), write_timeout, slot)
}

/// Start exporting the interventions `speakingTime` counts under `filter`
/// (interventions are public, as `Session.interventions` shows them),
/// encoded by `encoder`, in `slot`.
pub fn interventions(
    db: DatabaseConnection,
    filter: &SpeakingFilter,
    encoder: impl Encode<InterventionRow>,
    write_timeout: Duration,
    slot: ExportSlot,
) -> Running {
    use intervention::Column as I;
    let mut select = intervention::Entity::find().select_only().columns([
        I::Id,
        I::SessionId,
        I::Ord,
        I::Label,
        I::Text,
        I::Words,
        I::Seconds,
        I::SecondsEstimated,
        I::IsFloor,
        I::PersonId,
        I::Role,
        I::StakeholderGroupId,
        I::RegionId,
        I::Participation,
    ]);
    let q = QueryTrait::query(&mut select);
    super::speaking::restrict(q, filter);
    q.join(
        sea_orm::sea_query::JoinType::LeftJoin,
        person::Entity,
        Expr::col((person::Entity, person::Column::Id)).equals((intervention::Entity, I::PersonId)),
    );
    let query = select
        .column_as(session::Column::Code, "session_code")
        .column_as(event::Column::Code, "event_code")
        .column_as(event::Column::Year, "event_year")
        .column_as(person::Column::Name, "person_name")
        .order_by_asc(I::Id)
        .into_model::<InterventionRow>();
    start(db, query, Box::new(encoder), write_timeout, slot)
}

/// Stream `query`'s rows through `encoder` from a task of their own.
fn start<R>(
    db: DatabaseConnection,
    query: Selector<SelectModel<R>>,
    encoder: Box<dyn Encode<R>>,
    write_timeout: Duration,
    slot: ExportSlot,
) -> Running
where
    R: FromQueryResult + Send + Sync + 'static,
{
    let complete = Arc::<AtomicBool>::default();
    let job = Job {
        db,
        query,
        encoder,
        write_timeout,
        complete: complete.clone(),
        _slot: slot,
    };
    let (tx, chunks) = mpsc::channel(CHANNEL_CHUNKS);
    tokio::spawn(produce(job, tx).instrument(tracing::Span::current()));
    Running { chunks, complete }
}

/// Why an export stopped before its last row.
#[derive(Debug, thiserror::Error)]
enum Stop {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("encoding: {0}")]
    Encode(#[from] io::Error),
    #[error("the export ran past its limit of {MAX_DURATION:?}")]
    TooLong,
    #[error("the client took nothing for the write timeout")]
    Stalled,
    #[error("the client went away")]
    Gone,
}

/// One export's work, with the slot it holds until it ends.
struct Job<R: FromQueryResult> {
    db: DatabaseConnection,
    query: Selector<SelectModel<R>>,
    encoder: Box<dyn Encode<R>>,
    /// How long a chunk may wait for the client to take it.
    write_timeout: Duration,
    /// Set once every row has been handed to the body.
    complete: Arc<AtomicBool>,
    _slot: ExportSlot,
}

/// Read the statement in a read transaction and send the encoded rows; an
/// error ends the body with an error, never as a clean, truncated success.
async fn produce<R>(job: Job<R>, tx: mpsc::Sender<Chunk>)
where
    R: FromQueryResult + Send + Sync + 'static,
{
    let started = Instant::now();
    let mut rows = 0u64;
    // The slot is held until this function returns.
    let Job {
        db,
        query,
        mut encoder,
        write_timeout,
        complete,
        _slot,
    } = job;
    let format = encoder.name();
    match stream_rows(&db, query, encoder.as_mut(), write_timeout, &tx, &mut rows).await {
        Ok(()) => {
            complete.store(true, Ordering::Release);
            tracing::info!(
                export.format = format,
                export.rows = rows,
                duration_ms = started.elapsed().as_millis() as u64,
                "export sent"
            );
        }
        Err(stop @ (Stop::Stalled | Stop::Gone)) => tracing::info!(
            export.format = format,
            export.rows = rows,
            "export stopped: {stop}"
        ),
        Err(stop) => {
            tracing::error!(
                export.format = format,
                export.rows = rows,
                error = %stop,
                "export failed"
            );
            // Ends the body with an error; if the client is gone, so be it.
            let _ = tx.try_send(Err(io::Error::other("the export failed")));
        }
    }
}

async fn stream_rows<R>(
    db: &DatabaseConnection,
    query: Selector<SelectModel<R>>,
    encoder: &mut dyn Encode<R>,
    write_timeout: Duration,
    tx: &mpsc::Sender<Chunk>,
    count: &mut u64,
) -> Result<(), Stop>
where
    R: FromQueryResult + Send + Sync + 'static,
{
    let deadline = Instant::now() + MAX_DURATION;
    // One transaction: one snapshot, and on PostgreSQL a statement timeout
    // of its own, as long as the export may run.
    let txn = db.begin().await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared(&format!(
            "SET LOCAL statement_timeout = '{PG_STATEMENT_TIMEOUT}'"
        ))
        .await?;
    }
    let mut out = Vec::with_capacity(CHUNK_BYTES * 2);
    encoder.start(&mut out)?;
    {
        let mut rows = while_wanted(tx, query.stream(&txn)).await??;
        let mut sent = false;
        loop {
            let next = while_wanted(tx, tokio::time::timeout_at(deadline, rows.next()))
                .await?
                .map_err(|_| Stop::TooLong)?;
            let Some(row) = next else { break };
            let row = row?;
            encoder.row(&row, &mut out)?;
            *count += 1;
            if !sent || out.len() >= CHUNK_BYTES {
                send(tx, take(&mut out), write_timeout).await?;
                sent = true;
            }
        }
    }
    txn.commit().await?;
    send(tx, take(&mut out), write_timeout).await
}

/// The bytes encoded so far, leaving the buffer empty (and its capacity).
fn take(buf: &mut Vec<u8>) -> Vec<u8> {
    let chunk = buf.clone();
    buf.clear();
    chunk
}

/// `work`, unless the client goes away first: a client that disconnects
/// while the database is still sorting, or between chunks, frees its slot
/// and connection at once rather than at the next chunk.
async fn while_wanted<T>(
    tx: &mpsc::Sender<Chunk>,
    work: impl std::future::Future<Output = T>,
) -> Result<T, Stop> {
    tokio::select! {
        out = work => Ok(out),
        () = tx.closed() => Err(Stop::Gone),
    }
}

async fn send(tx: &mpsc::Sender<Chunk>, chunk: Vec<u8>, timeout: Duration) -> Result<(), Stop> {
    match tokio::time::timeout(timeout, tx.send(Ok(chunk))).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err(Stop::Gone),
        Err(_) => Err(Stop::Stalled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_capped_per_account_and_in_all_and_come_back() {
        let slots = ExportSlots::new(3, 2, 16);
        let a1 = slots.acquire(1).unwrap();
        let _a2 = slots.acquire(1).unwrap();
        assert!(slots.acquire(1).is_err(), "two per account");
        let _b1 = slots.acquire(2).unwrap();
        assert!(slots.acquire(3).is_err(), "three in all");
        drop(a1);
        let _c1 = slots.acquire(3).unwrap();
        assert!(slots.acquire(1).is_err());
    }

    #[test]
    fn exports_never_take_more_than_half_the_pool() {
        let slots = ExportSlots::new(100, 100, 8);
        let held: Vec<_> = (0..4).map(|a| slots.acquire(a).unwrap()).collect();
        assert!(slots.acquire(99).is_err());
        assert_eq!(held.len(), 4);
    }
}
