//! The export routes, `GET /export/positions.csv` and
//! `GET /export/positions.ndjson`: they take the filters of `positions` as
//! query parameters and stream what [`service::export::positions`] yields,
//! encoded by [`encode`]; and `GET /export/interventions.csv` and `.ndjson`
//! ([`interventions`]), filtered as `speakingTime` is. Here: reading the
//! request, refusing it in the shape of a GraphQL error, and handing the
//! chunks to the response body.

mod encode;
pub mod interventions;

use std::{io, sync::atomic::Ordering, task::Poll, time::Duration};

use axum::{
    body::Body,
    extract::{Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use entity::position::ParticipationMode;
use futures_util::StreamExt;
use serde::Deserialize;

use self::encode::{Encoder, Format};
use super::{refuse, request_viewer, unauthenticated};
use crate::{
    error::AppError,
    graphql::ids::{self, Kind},
    service::{self, export::Running, position::PositionFilterSpec, viewer::Viewer},
    state::AppState,
};

/// Longest the handler waits for the first row before it starts the
/// response anyway: two seconds, or half the request timeout if shorter.
fn first_row_wait(request_timeout_secs: u64) -> Duration {
    Duration::from_secs(2).min(Duration::from_millis(request_timeout_secs * 500))
}

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

impl TryFrom<ExportParams> for PositionFilterSpec {
    type Error = AppError;

    /// Decodes the session's global ID as `positions` does.
    fn try_from(p: ExportParams) -> Result<Self, AppError> {
        let texts = [
            ("topic", &p.topic),
            ("stance", &p.stance),
            ("session", &p.session),
            ("event", &p.event),
            ("stakeholderGroup", &p.stakeholder_group),
            ("region", &p.region),
        ];
        for (field, text) in texts {
            if text.as_deref().is_some_and(|t| t.contains('\0')) {
                return Err(AppError::nul(field));
            }
        }
        Ok(Self {
            topic: p.topic,
            stance: p.stance,
            session_id: p
                .session
                .map(|id| ids::decode_as(&async_graphql::ID(id), Kind::Session))
                .transpose()?,
            event: p.event,
            stakeholder_group: p.stakeholder_group,
            region: p.region,
            participation_mode: p.participation_mode.map(|m| match m {
                ModeParam::Onsite => ParticipationMode::Onsite,
                ModeParam::Online => ParticipationMode::Online,
            }),
            year: p.year,
            year_from: p.year_from,
            year_to: p.year_to,
        })
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
    let (viewer, account) = match exporter(&state, &headers).await {
        Ok(gate) => gate,
        Err(refused) => return refused,
    };
    let params = match params {
        Ok(Query(params)) => params,
        Err(rejection) => return refusal(malformed(&rejection, POSITION_PARAMS)),
    };
    let bom = match bom(format, params.bom) {
        Ok(bom) => bom,
        Err(e) => return refusal(e),
    };
    let filter = match PositionFilterSpec::try_from(params) {
        Ok(spec) => spec.resolve(&state.db, &state.reference()).await,
        Err(e) => Err(e),
    };
    let filter = match filter {
        Ok(filter) => filter,
        Err(e) => return refusal(e),
    };
    let slot = match state.exports.acquire(account) {
        Ok(slot) => slot,
        Err(e) => return refusal(e),
    };
    let running = service::export::positions(
        state.db.clone(),
        &filter,
        service::position::visible(&viewer),
        Encoder::new(format, bom, state.reference()),
        Duration::from_secs(state.config.export_write_timeout_secs),
        slot,
    );
    respond(&state, running, format, "positions").await
}

/// The viewer of a request and the account an export runs for, or the
/// refusal to send.
async fn exporter(state: &AppState, headers: &HeaderMap) -> Result<(Viewer, i64), Response> {
    let viewer = request_viewer(state, headers).await?;
    let account = service::export::require_exporter(&viewer).map_err(refusal)?;
    Ok((viewer, account))
}

/// Whether the body starts with a byte-order mark: asked for, and CSV.
fn bom(format: Format, bom: Option<bool>) -> Result<bool, AppError> {
    match (format, bom) {
        (Format::Ndjson, Some(true)) => Err(AppError::invalid(
            "bom",
            "a byte-order mark is for the CSV export only; JSON lines never start with one",
        )),
        (_, bom) => Ok(bom.unwrap_or(false)),
    }
}

/// The response of a started export: its body as the rows come, under the
/// content type of `format`, as an attachment named after `what`.
async fn respond(state: &AppState, running: Running, format: Format, what: &str) -> Response {
    let wait = first_row_wait(state.config.request_timeout_secs);
    let disposition = HeaderValue::from_str(&format.disposition(what))
        .expect("an export's file name is plain ASCII");
    match body(running, wait).await {
        Some(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(format.content_type()),
                ),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            body,
        )
            .into_response(),
        None => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL",
            "internal error",
        ),
    }
}

/// The parameters of the position export, as [`malformed`] names them.
const POSITION_PARAMS: &str = "the parameters are the fields of `PositionFilterInput`: topic, \
     stance, session, event, stakeholderGroup, region, participationMode (ONSITE or ONLINE), \
     year, yearFrom, yearTo, and bom";

/// The query string could not be read: axum's text names its own step and
/// serde's words for a field, said again here as what to fix, followed by
/// `params`, the parameters the route takes.
fn malformed(rejection: &QueryRejection, params: &str) -> AppError {
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
    AppError::bad_input(format!("{problem}; {params}"))
}

/// The response body of a running export, or none if it failed before its
/// first chunk.
///
/// The first chunk comes once the first row (or the end) has been read,
/// so a statement that fails outright still gets an error status. A
/// statement that must sort before its first row (SQLite may, without
/// statistics) is not waited for past `wait`: the response starts, and
/// the request timeout, which bounds only the time to the response head,
/// no longer applies.
async fn body(running: Running, wait: Duration) -> Option<Body> {
    let Running {
        chunks: mut rx,
        complete,
    } = running;
    let first = match tokio::time::timeout(wait, rx.recv()).await {
        Ok(Some(Ok(first))) => Some(first),
        Ok(Some(Err(_)) | None) => return None,
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
    Some(Body::from_stream(body))
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
