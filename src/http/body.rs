//! Reading a GraphQL POST body: one request or a batch, refused with a
//! message that says what to fix when it is neither.

use async_graphql::{BatchRequest, Request as GqlRequest};
use axum::http::StatusCode;

/// How a GraphQL request is sent, quoted in refusals.
const REQUEST_SHAPE: &str = r#"send {"query": "…", "variables": {…}}"#;

/// A refusal before GraphQL runs: status, code and message for [`super::refuse`].
type Refusal = (StatusCode, &'static str, String);

/// The request or batch a POST body carries, or the refusal that says what
/// to fix: a body that is not JSON is a parse failure, JSON of another
/// shape or an empty batch is bad input, too many operations is too complex.
pub(super) fn parse_body(bytes: &[u8], max_batch: usize) -> Result<BatchRequest, Refusal> {
    let bad = |message: String| (StatusCode::BAD_REQUEST, "BAD_USER_INPUT", message);
    let value = serde_json::from_slice::<serde_json::Value>(bytes).map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            crate::error::PARSE_FAILED,
            format!("the body is not JSON ({e}); {REQUEST_SHAPE}"),
        )
    })?;
    // Told apart here, not by serde: it would read `[]` as one empty request.
    let serde_json::Value::Array(items) = value else {
        return one_request(value).map(BatchRequest::Single).map_err(bad);
    };
    if items.is_empty() {
        return Err(bad(
            "a batch must carry at least one operation; send a JSON array of requests".into(),
        ));
    }
    if items.len() > max_batch {
        return Err((
            StatusCode::BAD_REQUEST,
            crate::error::TOO_COMPLEX,
            format!(
                "a batch carries 1 to {max_batch} operations, this one {}",
                items.len()
            ),
        ));
    }
    let requests = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            one_request(item).map_err(|why| format!("operation {} of the batch: {why}", i + 1))
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    Ok(BatchRequest::Batch(requests))
}

/// One GraphQL request from its JSON, or what to fix in it, said without
/// the deserializer's words.
fn one_request(value: serde_json::Value) -> Result<GqlRequest, String> {
    use serde_json::Value as Json;
    let Json::Object(fields) = &value else {
        return Err(format!(
            "a GraphQL request is a JSON object; {REQUEST_SHAPE}"
        ));
    };
    let wrong = |name: &str, fits: fn(&Json) -> bool| {
        fields.get(name).is_some_and(|v| !v.is_null() && !fits(v))
    };
    let problem = if fields.get("query").is_some_and(|v| !v.is_string()) {
        "`query` must be a string holding the GraphQL document"
    } else if wrong("variables", Json::is_object) {
        "`variables` must be a JSON object mapping variable names to values"
    } else if wrong("operationName", Json::is_string) {
        "`operationName` must be a string naming an operation of the document"
    } else if wrong("extensions", Json::is_object) {
        "`extensions` must be a JSON object, such as {\"persistedQuery\": {…}}"
    } else {
        return serde_json::from_value(value)
            .map_err(|_| format!("the body is not a GraphQL request; {REQUEST_SHAPE}"));
    };
    Err(problem.to_owned())
}
