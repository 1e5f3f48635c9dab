//! `GET /export/interventions.csv` and `GET /export/interventions.ndjson`:
//! the interventions `speakingTime` counts, filtered by the fields of
//! `SpeakingTimeFilter` as query parameters, one row each, in id order.

use std::time::Duration;

use axum::{
    extract::{Query, State, rejection::QueryRejection},
    http::HeaderMap,
    response::Response,
};
use entity::{position::ParticipationMode, session::SessionKind, session_role::RoleKind};
use sea_orm::{ActiveEnum, Iterable};
use serde::Deserialize;

use super::{
    ModeParam, bom,
    encode::{Encoder, Format},
    exporter, malformed, refusal, respond,
};
use crate::{
    error::AppError,
    graphql::ids::{self, Kind},
    service::{self, speaking::SpeakingFilterSpec},
    state::AppState,
};

/// The fields of `SpeakingTimeFilter`, by the same names and spellings.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Params {
    event: Option<String>,
    year: Option<i32>,
    session: Option<String>,
    session_kind: Option<String>,
    stakeholder_group: Option<String>,
    region: Option<String>,
    participation_mode: Option<ModeParam>,
    role: Option<String>,
    floor: Option<bool>,
    topic: Option<String>,
    /// CSV only: start with a UTF-8 byte-order mark (for Excel).
    bom: Option<bool>,
}

const PARAMS: &str = "the parameters are the fields of `SpeakingTimeFilter`: event, year, \
     session, sessionKind, stakeholderGroup, region, participationMode (ONSITE or ONLINE), \
     role, floor (true or false), topic, and bom";

/// An enum value as GraphQL spells it (`OPEN_FORUM`), or `BAD_USER_INPUT`
/// on `field` listing the values there are.
fn spelled<E: ActiveEnum<Value = String> + Iterable>(
    field: &str,
    text: &str,
) -> Result<E, AppError> {
    E::try_from_value(&text.to_ascii_lowercase())
        .ok()
        .filter(|_| !text.bytes().any(|b| b.is_ascii_lowercase()))
        .ok_or_else(|| {
            let known: Vec<String> = E::iter()
                .map(|e| e.to_value().to_ascii_uppercase())
                .collect();
            AppError::invalid(
                field,
                format!("no value `{text}`; it is one of {}", known.join(", ")),
            )
        })
}

impl TryFrom<Params> for SpeakingFilterSpec {
    type Error = AppError;

    fn try_from(p: Params) -> Result<Self, AppError> {
        let texts = [
            ("event", &p.event),
            ("session", &p.session),
            ("sessionKind", &p.session_kind),
            ("stakeholderGroup", &p.stakeholder_group),
            ("region", &p.region),
            ("role", &p.role),
            ("topic", &p.topic),
        ];
        for (field, text) in texts {
            if text.as_deref().is_some_and(|t| t.contains('\0')) {
                return Err(AppError::nul(field));
            }
        }
        Ok(Self {
            event: p.event,
            year: p.year,
            session_id: p
                .session
                .map(|id| ids::decode_as(&async_graphql::ID(id), Kind::Session))
                .transpose()?,
            session_kind: p
                .session_kind
                .map(|k| spelled::<SessionKind>("sessionKind", &k))
                .transpose()?,
            stakeholder_group: p.stakeholder_group,
            region: p.region,
            participation: p.participation_mode.map(|m| match m {
                ModeParam::Onsite => ParticipationMode::Onsite,
                ModeParam::Online => ParticipationMode::Online,
            }),
            role: p
                .role
                .map(|r| spelled::<RoleKind>("role", &r))
                .transpose()?,
            floor: p.floor,
            topic: p.topic,
        })
    }
}

/// `GET /export/interventions.csv`: a header line, then one line per
/// intervention.
pub async fn csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    export(state, headers, params, Format::Csv).await
}

/// `GET /export/interventions.ndjson`: one JSON object per line and
/// intervention.
pub async fn ndjson(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    export(state, headers, params, Format::Ndjson).await
}

async fn export(
    state: AppState,
    headers: HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
    format: Format,
) -> Response {
    let (_, account) = match exporter(&state, &headers).await {
        Ok(gate) => gate,
        Err(refused) => return refused,
    };
    let params = match params {
        Ok(Query(params)) => params,
        Err(rejection) => return refusal(malformed(&rejection, PARAMS)),
    };
    let bom = match bom(format, params.bom) {
        Ok(bom) => bom,
        Err(e) => return refusal(e),
    };
    let filter = match SpeakingFilterSpec::try_from(params) {
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
    let running = service::export::interventions(
        state.db.clone(),
        &filter,
        Encoder::new(format, bom, state.reference()),
        Duration::from_secs(state.config.export_write_timeout_secs),
        slot,
    );
    respond(&state, running, format, "interventions").await
}
