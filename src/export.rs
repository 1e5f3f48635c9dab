//! Bulk exports of positions for analysts and admins (DESIGN.md, users:
//! analysts need "exports"): `GET /export/positions.csv` and
//! `GET /export/positions.ndjson`, taking the filters of `positions` as
//! query parameters and giving the rows `positions` gives the same viewer,
//! in the same order (by id).
//!
//! One SELECT, joined to session, event and person, is read as a stream in
//! a spawned task and encoded row by row into chunks that a bounded channel
//! hands to the response body: memory stays flat however many rows there
//! are, and a client that stops reading holds up the database at most
//! `EXPORT_WRITE_TIMEOUT_SECS`. Exports run in the slots of
//! [`service::export::ExportSlots`]: a few per account, a few in all.

use std::{
    io,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    task::Poll,
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    extract::{Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use entity::{
    event, person,
    position::{self, ParticipationMode, PositionSource, PositionStatus},
    session,
    user::UserRole,
};
use futures_util::StreamExt;
use sea_orm::{
    DatabaseBackend, DatabaseConnection, DbErr, FromQueryResult, JoinType, QueryOrder, QuerySelect,
    RelationTrait, SelectModel, Selector, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use tokio::{sync::mpsc, time::Instant};
use tracing::Instrument;

use crate::{
    error::AppError,
    graphql::{
        ids::{self, Kind},
        query::PositionFilterInput,
        types,
    },
    http::{refuse, request_viewer, unauthenticated},
    service::{self, export::ExportSlot, reference::ReferenceData},
    state::AppState,
};

/// Longest the handler waits for the first row before it starts the
/// response anyway: two seconds, or half the request timeout if shorter.
fn first_row_wait(request_timeout_secs: u64) -> Duration {
    Duration::from_secs(2).min(Duration::from_millis(request_timeout_secs * 500))
}

/// Rows are sent to the client in chunks of about this many bytes.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks waiting between the database and a slow client.
const CHANNEL_CHUNKS: usize = 8;
/// Longest an export may run, on either database. The request timeout
/// bounds only the time to the response head (see [`first_row_wait`]).
pub const MAX_DURATION: Duration = Duration::from_secs(30 * 60);
/// The same limit as PostgreSQL's `statement_timeout` for the export's
/// statement (other statements keep [`crate::db::STATEMENT_TIMEOUT`]).
const PG_STATEMENT_TIMEOUT: &str = "30min";

/// The filters of `positions`, by the same names (`PositionFilterInput`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportParams {
    topic: Option<String>,
    stance: Option<String>,
    session: Option<String>,
    event: Option<String>,
    stakeholder_group: Option<String>,
    region: Option<String>,
    participation_mode: Option<ModeParam>,
    year: Option<i32>,
    year_from: Option<i32>,
    year_to: Option<i32>,
    /// CSV only: start the file with a UTF-8 byte-order mark, so that Excel
    /// opened by double-click reads the names right.
    bom: Option<bool>,
}

/// `participationMode` spelled as the GraphQL enum spells it.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
enum ModeParam {
    Onsite,
    Online,
}

impl From<ExportParams> for PositionFilterInput {
    fn from(p: ExportParams) -> Self {
        Self {
            topic: p.topic,
            stance: p.stance,
            session: p.session.map(async_graphql::ID),
            event: p.event,
            stakeholder_group: p.stakeholder_group,
            region: p.region,
            participation_mode: p.participation_mode.map(|m| match m {
                ModeParam::Onsite => types::ParticipationMode::Onsite,
                ModeParam::Online => types::ParticipationMode::Online,
            }),
            year: p.year,
            year_from: p.year_from,
            year_to: p.year_to,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Format {
    Csv,
    Ndjson,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ndjson => "application/x-ndjson",
        }
    }
    fn disposition(self) -> &'static str {
        match self {
            Format::Csv => "attachment; filename=\"positions.csv\"",
            Format::Ndjson => "attachment; filename=\"positions.ndjson\"",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
        }
    }
}

/// `GET /export/positions.csv`: one header line, then one line per position.
pub async fn csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<ExportParams>, QueryRejection>,
) -> Response {
    export(state, headers, params, Format::Csv).await
}

/// `GET /export/positions.ndjson`: one JSON object per line and position.
pub async fn ndjson(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<ExportParams>, QueryRejection>,
) -> Response {
    export(state, headers, params, Format::Ndjson).await
}

async fn export(
    state: AppState,
    headers: HeaderMap,
    params: Result<Query<ExportParams>, QueryRejection>,
    format: Format,
) -> Response {
    let viewer = match request_viewer(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(refusal) => return refusal,
    };
    let user = match viewer.require_user() {
        Ok(user) => user,
        Err(e) => return refusal(e),
    };
    if !matches!(user.role, UserRole::Analyst | UserRole::Admin) {
        return refusal(AppError::forbidden("exports are for analysts and admins"));
    }
    let params = match params {
        Ok(Query(params)) => params,
        Err(rejection) => {
            // axum's text names its own step and serde's words for a field:
            // said again as what to fix.
            let text = rejection.body_text();
            let problem = match text.split_once("unknown field `") {
                Some((_, rest)) => {
                    format!(
                        "unknown parameter `{}`",
                        rest.split('`').next().unwrap_or(rest)
                    )
                }
                None => {
                    let detail = text.split_once(": ").map_or(text.as_str(), |(_, d)| d);
                    format!("a parameter is malformed: {detail}")
                }
            };
            return refusal(AppError::bad_input(format!(
                "{problem}; the parameters are the fields of `PositionFilterInput`: topic, stance, \
                 session, event, stakeholderGroup, region, participationMode (ONSITE or ONLINE), \
                 year, yearFrom, yearTo"
            )));
        }
    };
    let bom = match (format, params.bom) {
        (Format::Ndjson, Some(true)) => {
            return refusal(AppError::invalid(
                "bom",
                "a byte-order mark is for the CSV export only; JSON lines never start with one",
            ));
        }
        (_, bom) => bom.unwrap_or(false),
    };
    let filter = match PositionFilterInput::from(params).resolve(&state).await {
        Ok(filter) => filter,
        Err(e) => return refusal(e),
    };
    let query = service::position::select(&filter, viewer.visible_positions())
        .join(JoinType::LeftJoin, position::Relation::Session.def())
        .join(JoinType::LeftJoin, session::Relation::Event.def())
        .join(JoinType::LeftJoin, position::Relation::Person.def())
        .column_as(session::Column::Code, "session_code")
        .column_as(event::Column::Code, "event_code")
        .column_as(event::Column::Year, "event_year")
        .column_as(person::Column::Name, "person_name")
        .order_by_asc(position::Column::Id)
        .into_model::<Row>();

    let slot = match state.exports.acquire(user.id) {
        Ok(slot) => slot,
        Err(e) => return refusal(e),
    };
    let job = Job {
        db: state.db.clone(),
        query,
        refs: state.reference(),
        format,
        bom,
        write_timeout: Duration::from_secs(state.config.export_write_timeout_secs),
        complete: Arc::default(),
        _slot: slot,
    };
    let complete = job.complete.clone();
    let (tx, mut rx) = mpsc::channel(CHANNEL_CHUNKS);
    tokio::spawn(produce(job, tx).instrument(tracing::Span::current()));
    // The first chunk comes once the first row (or the end) has been read,
    // so a statement that fails outright still gets an error status. A
    // statement that must sort before its first row (SQLite may, without
    // statistics) is not waited for past `first_row_wait`: the response
    // starts, and the request timeout, which bounds only the time to the
    // response head, no longer applies.
    let wait = first_row_wait(state.config.request_timeout_secs);
    let first = match tokio::time::timeout(wait, rx.recv()).await {
        Ok(Some(Ok(first))) => Some(first),
        Ok(Some(Err(_)) | None) => {
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                "internal error",
            );
        }
        Err(_) => None,
    };
    // A closed channel keeps answering `None`, so the body may be polled
    // after its end, as compression layers do, without panicking. A body
    // whose rows stopped short (a client that read nothing for the write
    // timeout) ends with an error, so it never looks complete.
    let mut ended = false;
    let rest = futures_util::stream::poll_fn(move |cx| {
        if ended {
            return Poll::Ready(None);
        }
        match rx.poll_recv(cx) {
            Poll::Ready(None) => {
                ended = true;
                if complete.load(Ordering::Acquire) {
                    Poll::Ready(None)
                } else {
                    Poll::Ready(Some(Err(io::Error::other("the export stopped short"))))
                }
            }
            other => other,
        }
    });
    let body = futures_util::stream::iter(first.map(Ok)).chain(rest).fuse();
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static(format.disposition()),
            ),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

/// A refusal with the status that goes with its `extensions.code`, shaped
/// as a GraphQL error (with `extensions.field` for an invalid field).
fn refusal(e: AppError) -> Response {
    let status = match &e {
        AppError::Unauthenticated(_) => return unauthenticated(e.code(), e.to_string()),
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Internal(source) => {
            crate::telemetry::log_error("preparing an export", source, &());
            StatusCode::INTERNAL_SERVER_ERROR
        }
        _ => StatusCode::BAD_REQUEST,
    };
    let mut extensions = serde_json::json!({ "code": e.code() });
    if let AppError::Invalid { field, .. } = &e {
        extensions["field"] = field.as_str().into();
    }
    let retry_after = match &e {
        AppError::RateLimited {
            retry_after_secs, ..
        } => {
            extensions[crate::error::RETRY_AFTER] = (*retry_after_secs).into();
            Some(*retry_after_secs)
        }
        _ => None,
    };
    let body = serde_json::json!({
        "errors": [{ "message": e.to_string(), "extensions": extensions }]
    });
    let mut response = (status, axum::Json(body)).into_response();
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

/// A position with what the export shows of its session, event and person.
#[derive(Debug, FromQueryResult)]
struct Row {
    id: i64,
    topic_id: i64,
    stance_id: i64,
    summary: String,
    quote: Option<String>,
    session_id: Option<i64>,
    policy_question_id: Option<i64>,
    person_id: Option<i64>,
    stakeholder_group_id: Option<i64>,
    stakeholder_group_raw: Option<String>,
    region_id: Option<i64>,
    region_raw: Option<String>,
    participation_mode: Option<ParticipationMode>,
    source: PositionSource,
    status: PositionStatus,
    recorded_at: DateTime<Utc>,
    session_code: Option<String>,
    event_code: Option<String>,
    event_year: Option<i32>,
    person_name: Option<String>,
}

/// The columns, in order; [`Record`] serializes its fields in this order.
const COLUMNS: [&str; 20] = [
    "id",
    "topic",
    "stance",
    "summary",
    "quote",
    "session_id",
    "session_code",
    "event",
    "event_year",
    "policy_question_id",
    "person_id",
    "person_name",
    "stakeholder_group",
    "stakeholder_group_as_written",
    "region",
    "region_as_written",
    "participation_mode",
    "source",
    "status",
    "recorded_at",
];

/// One exported line. IDs are the global IDs GraphQL gives, codes are the
/// reference codes, enum values are spelled as in GraphQL.
#[derive(Debug, Serialize)]
struct Record<'a> {
    id: String,
    topic: Option<&'a str>,
    stance: Option<&'a str>,
    summary: &'a str,
    quote: Option<&'a str>,
    session_id: Option<String>,
    session_code: Option<&'a str>,
    event: Option<&'a str>,
    event_year: Option<i32>,
    policy_question_id: Option<String>,
    person_id: Option<String>,
    person_name: Option<&'a str>,
    stakeholder_group: Option<&'a str>,
    stakeholder_group_as_written: Option<&'a str>,
    region: Option<&'a str>,
    region_as_written: Option<&'a str>,
    participation_mode: Option<&'static str>,
    source: &'static str,
    status: &'static str,
    recorded_at: String,
}

impl<'a> Record<'a> {
    fn new(row: &'a Row, refs: &'a ReferenceData) -> Self {
        let global = |kind, id: Option<i64>| id.map(|id| ids::encode(kind, id).0);
        Self {
            id: ids::encode(Kind::Position, row.id).0,
            topic: refs.topic(row.topic_id).map(|t| t.code.as_str()),
            stance: refs.stance(row.stance_id).map(|s| s.code.as_str()),
            summary: &row.summary,
            quote: row.quote.as_deref(),
            session_id: global(Kind::Session, row.session_id),
            session_code: row.session_code.as_deref(),
            event: row.event_code.as_deref(),
            event_year: row.event_year,
            policy_question_id: global(Kind::PolicyQuestion, row.policy_question_id),
            person_id: global(Kind::Person, row.person_id),
            person_name: row.person_name.as_deref(),
            stakeholder_group: row
                .stakeholder_group_id
                .and_then(|id| refs.stakeholder_group(id))
                .map(|g| g.code.as_str()),
            stakeholder_group_as_written: row.stakeholder_group_raw.as_deref(),
            region: row
                .region_id
                .and_then(|id| refs.region(id))
                .map(|r| r.code.as_str()),
            region_as_written: row.region_raw.as_deref(),
            participation_mode: row.participation_mode.map(|m| match m {
                ParticipationMode::Onsite => "ONSITE",
                ParticipationMode::Online => "ONLINE",
            }),
            source: match row.source {
                PositionSource::Intervention => "INTERVENTION",
                PositionSource::WrittenSubmission => "WRITTEN_SUBMISSION",
                PositionSource::Report => "REPORT",
            },
            status: match row.status {
                PositionStatus::Draft => "DRAFT",
                PositionStatus::Published => "PUBLISHED",
            },
            // As GraphQL's `DateTime` writes it.
            recorded_at: crate::timestamp::format(&row.recorded_at),
        }
    }
}

/// Rows encoded into a buffer, taken out chunk by chunk.
struct Encoder {
    format: Format,
    buf: Vec<u8>,
}

impl Encoder {
    /// An encoder whose first bytes are the CSV header (after a byte-order
    /// mark when `bom`), or nothing for NDJSON.
    fn new(format: Format, bom: bool) -> io::Result<Self> {
        let mut encoder = Self {
            format,
            buf: Vec::with_capacity(CHUNK_BYTES * 2),
        };
        if bom {
            encoder.buf.extend_from_slice("\u{feff}".as_bytes());
        }
        if let Format::Csv = format {
            let mut w = csv_writer(&mut encoder.buf);
            w.write_record(COLUMNS)?;
            w.flush()?;
        }
        Ok(encoder)
    }

    fn push(&mut self, record: &Record<'_>) -> io::Result<()> {
        match self.format {
            Format::Csv => {
                let mut w = csv_writer(&mut self.buf);
                w.serialize(record).map_err(io::Error::other)?;
                w.flush()
            }
            Format::Ndjson => {
                serde_json::to_writer(&mut self.buf, record)?;
                self.buf.push(b'\n');
                Ok(())
            }
        }
    }

    fn len(&self) -> usize {
        self.buf.len()
    }

    fn take(&mut self) -> Bytes {
        let chunk = Bytes::copy_from_slice(&self.buf);
        self.buf.clear();
        chunk
    }
}

/// A csv writer for one record at a time: the crate does the quoting of
/// commas, quotes and line breaks (RFC 4180).
fn csv_writer(buf: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(4096)
        .from_writer(buf)
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

type Chunk = Result<Bytes, io::Error>;

/// One export's work, with the slot it holds until it ends.
struct Job {
    db: DatabaseConnection,
    query: Selector<SelectModel<Row>>,
    refs: Arc<ReferenceData>,
    format: Format,
    bom: bool,
    /// How long a chunk may wait for the client to take it.
    write_timeout: Duration,
    /// Set once every row has been handed to the body.
    complete: Arc<AtomicBool>,
    _slot: ExportSlot,
}

/// Read the statement in a read transaction and send the encoded rows; an
/// error ends the body with an error, never as a clean, truncated success.
async fn produce(job: Job, tx: mpsc::Sender<Chunk>) {
    let started = Instant::now();
    let mut rows = 0u64;
    // The slot is held until this function returns.
    let Job {
        db,
        query,
        refs,
        format,
        bom,
        write_timeout,
        complete,
        _slot,
    } = job;
    let out = Out {
        format,
        bom,
        write_timeout,
    };
    match stream_rows(&db, query, &refs, out, &tx, &mut rows).await {
        Ok(()) => {
            complete.store(true, Ordering::Release);
            tracing::info!(
                export.format = format.name(),
                export.rows = rows,
                duration_ms = started.elapsed().as_millis() as u64,
                "export sent"
            );
        }
        Err(stop @ (Stop::Stalled | Stop::Gone)) => tracing::info!(
            export.format = format.name(),
            export.rows = rows,
            "export stopped: {stop}"
        ),
        Err(stop) => {
            tracing::error!(
                export.format = format.name(),
                export.rows = rows,
                error = %stop,
                "export failed"
            );
            // Ends the body with an error; if the client is gone, so be it.
            let _ = tx.try_send(Err(io::Error::other("the export failed")));
        }
    }
}

/// How rows go out: their format, and how long a chunk may wait.
#[derive(Clone, Copy)]
struct Out {
    format: Format,
    bom: bool,
    write_timeout: Duration,
}

async fn stream_rows(
    db: &DatabaseConnection,
    query: Selector<SelectModel<Row>>,
    refs: &ReferenceData,
    Out {
        format,
        bom,
        write_timeout,
    }: Out,
    tx: &mpsc::Sender<Chunk>,
    count: &mut u64,
) -> Result<(), Stop> {
    let deadline = Instant::now() + MAX_DURATION;
    // One transaction: one snapshot, and on PostgreSQL a statement timeout
    // of its own, as long as the export may run.
    let txn = db.begin().await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        use sea_orm::ConnectionTrait;
        txn.execute_unprepared(&format!(
            "SET LOCAL statement_timeout = '{PG_STATEMENT_TIMEOUT}'"
        ))
        .await?;
    }
    let mut out = Encoder::new(format, bom)?;
    {
        let mut rows = while_wanted(tx, query.stream(&txn)).await??;
        let mut sent = false;
        loop {
            let next = while_wanted(tx, tokio::time::timeout_at(deadline, rows.next()))
                .await?
                .map_err(|_| Stop::TooLong)?;
            let Some(row) = next else { break };
            let row = row?;
            out.push(&Record::new(&row, refs))?;
            *count += 1;
            if !sent || out.len() >= CHUNK_BYTES {
                send(tx, out.take(), write_timeout).await?;
                sent = true;
            }
        }
    }
    txn.commit().await?;
    send(tx, out.take(), write_timeout).await
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

async fn send(tx: &mpsc::Sender<Chunk>, chunk: Bytes, timeout: Duration) -> Result<(), Stop> {
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
    fn the_csv_header_names_the_record_fields_in_order() {
        let row = Row {
            id: 1,
            topic_id: 0,
            stance_id: 0,
            summary: "s".into(),
            quote: None,
            session_id: None,
            policy_question_id: None,
            person_id: None,
            stakeholder_group_id: None,
            stakeholder_group_raw: None,
            region_id: None,
            region_raw: None,
            participation_mode: None,
            source: PositionSource::Report,
            status: PositionStatus::Draft,
            recorded_at: Utc::now(),
            session_code: None,
            event_code: None,
            event_year: None,
            person_name: None,
        };
        let refs = ReferenceData::default();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(Record::new(&row, &refs)).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), COLUMNS.join(","));
    }
}
