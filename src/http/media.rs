//! GraphQL over HTTP (the GraphQL Foundation's specification): which media
//! type an answer goes out as, the status code that goes with it, and the
//! shape of a request that never executed.
//!
//! - A client that accepts `application/graphql-response+json` (Apollo
//!   Client 4 asks for it first) gets it, with status codes that say what
//!   happened: 200 when execution ran (even when fields failed), and for a
//!   request that never executed 400, or 401, 403, 404, 429 or 500 by its
//!   error's `extensions.code`. A request refused as a whole while it ran
//!   (its data `null` and every error `RATE_LIMITED`, say) gets that status
//!   too.
//! - A client that asks only for `application/json` (or sends no `Accept`)
//!   gets `application/json` and 200 for every GraphQL answer, as the
//!   specification keeps for older clients; refusals before GraphQL runs
//!   (a bad token, a body too large) keep their status codes either way.
//! - An answer to a request that never executed (it did not parse, did not
//!   validate, was over a limit) has no `data` entry at all.

use async_graphql::{BatchResponse, Response as GqlResponse};
use axum::{
    extract::Request,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::Response,
};
use serde::{Serialize, Serializer, ser::SerializeMap};

/// The specification's media type for GraphQL answers.
pub const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// The media type an answer goes out as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Json,
    GraphqlResponse,
}

impl Media {
    pub fn content_type(self) -> HeaderValue {
        match self {
            Media::Json => HeaderValue::from_static("application/json"),
            Media::GraphqlResponse => {
                HeaderValue::from_static("application/graphql-response+json; charset=utf-8")
            }
        }
    }
}

/// The media type the client prefers, by its `Accept` header: the
/// GraphQL response type when it is accepted at least as much as
/// `application/json`, else `application/json` (also for no `Accept`,
/// `*/*`, or a header that cannot be read).
pub fn negotiate(headers: &HeaderMap) -> Media {
    let mut graphql = 0.0_f32;
    let mut json = 0.0_f32;
    for value in headers.get_all(header::ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for range in value.split(',') {
            let Ok(mime) = range.trim().parse::<mime::Mime>() else {
                continue;
            };
            // A range whose weight cannot be read is ignored (RFC 9110).
            let q = match mime.get_param("q") {
                None => 1.0,
                Some(q) => match q.as_str().parse::<f32>() {
                    Ok(q) => q,
                    Err(_) => continue,
                },
            };
            let essence = mime.essence_str();
            if essence.eq_ignore_ascii_case(GRAPHQL_RESPONSE) {
                graphql = graphql.max(q);
            } else if essence.eq_ignore_ascii_case("application/json") {
                json = json.max(q);
            }
        }
    }
    if graphql > 0.0 && graphql >= json {
        Media::GraphqlResponse
    } else {
        Media::Json
    }
}

/// Whether an answer comes from a request that never executed: no data,
/// and only errors found before execution (they name no field).
fn never_executed(r: &GqlResponse) -> bool {
    r.data == async_graphql::Value::Null
        && !r.errors.is_empty()
        && r.errors.iter().all(|e| e.path.is_empty())
}

/// An error's `extensions.code`.
fn code(e: &async_graphql::ServerError) -> Option<&str> {
    match e.extensions.as_ref()?.get("code")? {
        async_graphql::Value::String(s) => Some(s),
        _ => None,
    }
}

/// The status a code gives a request refused as a whole.
fn refused(code: Option<&str>) -> StatusCode {
    match code {
        Some("UNAUTHENTICATED") => StatusCode::UNAUTHORIZED,
        Some("FORBIDDEN") => StatusCode::FORBIDDEN,
        Some("NOT_FOUND") => StatusCode::NOT_FOUND,
        Some("RATE_LIMITED") => StatusCode::TOO_MANY_REQUESTS,
        Some("INTERNAL") => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// The status of one answer under `application/graphql-response+json`.
fn status_of(r: &GqlResponse) -> StatusCode {
    if never_executed(r) {
        return refused(r.errors.first().and_then(code));
    }
    // Execution ran. Only an answer whose data is null (errors nulled it
    // all) and whose errors all refuse for one reason (a rate limit, a
    // missing sign-in) says so; any data at all is 200, as the
    // specification requires.
    let empty = r.data == async_graphql::Value::Null;
    let first = r.errors.first().and_then(code);
    let whole = matches!(
        first,
        Some("RATE_LIMITED" | "UNAUTHENTICATED" | "FORBIDDEN")
    ) && r.errors.iter().all(|e| code(e) == first);
    if empty && whole {
        refused(first)
    } else {
        StatusCode::OK
    }
}

/// The status of an answer: 200 for `application/json`; by the
/// specification for the GraphQL response type (a batch is 200 when any of
/// its requests executed).
pub fn status(media: Media, response: &BatchResponse) -> StatusCode {
    if media == Media::Json {
        return StatusCode::OK;
    }
    match response {
        BatchResponse::Single(r) => status_of(r),
        BatchResponse::Batch(rs) => {
            let statuses: Vec<StatusCode> = rs.iter().map(status_of).collect();
            if statuses.contains(&StatusCode::OK) || statuses.is_empty() {
                StatusCode::OK
            } else {
                statuses[0]
            }
        }
    }
}

/// An answer as the specification shapes it: `data` only when execution
/// ran, `errors` and `extensions` only when there are some.
pub struct Answer<'a>(pub &'a BatchResponse);

struct One<'a>(&'a GqlResponse);

impl Serialize for One<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut map = s.serialize_map(None)?;
        if !never_executed(r) {
            map.serialize_entry("data", &r.data)?;
        }
        if !r.extensions.is_empty() {
            map.serialize_entry("extensions", &r.extensions)?;
        }
        if !r.errors.is_empty() {
            map.serialize_entry("errors", &r.errors)?;
        }
        map.end()
    }
}

impl Serialize for Answer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            BatchResponse::Single(r) => One(r).serialize(s),
            BatchResponse::Batch(rs) => s.collect_seq(rs.iter().map(One)),
        }
    }
}

/// Layered outside every other layer: every answer of `/graphql` in JSON,
/// refusals made before GraphQL runs, timeouts and panics included, goes
/// out as the media type the client accepts.
pub async fn label(request: Request, next: Next) -> Response {
    if request.uri().path() != "/graphql" {
        return next.run(request).await;
    }
    let media = negotiate(request.headers());
    let mut response = next.run(request).await;
    // The same URL answers in the type asked for: caches must tell apart.
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept"));
    if media == Media::GraphqlResponse {
        let json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if json {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, media.content_type());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Media {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        negotiate(&h)
    }

    #[test]
    fn the_graphql_response_type_is_chosen_when_accepted_at_least_as_much_as_json() {
        use Media::*;
        assert_eq!(negotiate(&HeaderMap::new()), Json);
        assert_eq!(accept("*/*"), Json);
        assert_eq!(accept("application/json"), Json);
        assert_eq!(
            accept("application/graphql-response+json, application/json;q=0.9"),
            GraphqlResponse
        );
        assert_eq!(accept("application/graphql-response+json"), GraphqlResponse);
        assert_eq!(
            accept("application/json, application/graphql-response+json;q=0.5"),
            Json
        );
        assert_eq!(accept("application/graphql-response+json;q=0"), Json);
        assert_eq!(
            accept("nonsense, Application/GraphQL-Response+JSON"),
            GraphqlResponse
        );
    }
}
