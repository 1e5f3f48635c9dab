//! The HTTP layer, and the only axum and tower-http code: `/graphql` (POST
//! JSON, GET for queries, GraphiQL for browsers), `/healthz`, `/readyz`,
//! the exports of [`export`], CORS, body limit, timeout, cache
//! headers, compression, tracing and graceful shutdown.

use std::{future::Future, net::SocketAddr, time::Duration};

use async_graphql::{
    BatchRequest, BatchResponse, Request as GqlRequest, ServerError, Variables,
    parser::types::{ExecutableDocument, OperationType},
};
use axum::{
    Json, Router,
    body::Body,
    error_handling::HandleErrorLayer,
    extract::{ConnectInfo, FromRef, Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::map_response,
    response::{IntoResponse, Response},
    routing::get,
};
use serde::Deserialize;
use tokio::net::TcpListener;
use tower::{BoxError, ServiceBuilder};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    cors::{AllowOrigin, Any, CorsLayer},
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

mod body;
mod export;
pub mod graphiql;
mod media;
mod serve;

use self::body::parse_body;
use crate::{
    auth::{self, ClientAddr, Viewer},
    error::{AppError, RETRY_AFTER, finalize_errors},
    graphql::{Schemas, loaders, operation_type},
    state::AppState,
};

#[derive(Clone)]
struct Ctx {
    schemas: Schemas,
    state: AppState,
    graphiql: std::sync::Arc<graphiql::Assets>,
}

impl FromRef<Ctx> for AppState {
    fn from_ref(ctx: &Ctx) -> Self {
        ctx.state.clone()
    }
}

/// The whole HTTP application; `serve` and the tests both use it.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    let schemas = Schemas::new(state.clone());
    let assets = graphiql::Assets::from_setting(&config.graphiql_assets);
    let mut router = Router::new();
    if let graphiql::Assets::Local(dir) = &assets {
        router = router.nest_service(
            graphiql::LOCAL_PREFIX,
            tower_http::services::ServeDir::new(dir),
        );
    }
    router
        .route(
            "/graphql",
            get(graphql_get).post(graphql_post),
        )
        .route(graphiql::INIT_PATH, get(graphiql::init))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/export/positions.csv", get(export::csv))
        .route("/export/positions.ndjson", get(export::ndjson))
        .route("/export/interventions.csv", get(export::interventions::csv))
        .route(
            "/export/interventions.ndjson",
            get(export::interventions::ndjson),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async {
                    tracing::warn!("request timed out");
                    refuse(
                        StatusCode::REQUEST_TIMEOUT,
                        "INTERNAL",
                        "the request took too long and was stopped; ask for less",
                    )
                }))
                // Bounds the time to the response head only: a streamed
                // export's body runs on under the export's own limits.
                .timeout(Duration::from_secs(config.request_timeout_secs)),
        )
        .layer(map_response(cache_defaults))
        // A handler that panics answers 500 like any internal error, rather
        // than dropping the connection.
        .layer(CatchPanicLayer::custom(handler_panicked))
        .layer(
            TraceLayer::new_for_http()
                // The path only: a query string may carry a GraphQL document
                // with a password in it, and logs never hold secrets.
                .make_span_with(|request: &axum::http::Request<Body>| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        // Compresses as the body is written, so streamed answers still stream.
        .layer(CompressionLayer::new())
        // Every answer of /graphql, a timeout's and a panic's too, in the
        // media type the client accepts.
        .layer(axum::middleware::from_fn(media::label))
        // Outermost, so that every answer, a timeout's too, carries CORS headers.
        .layer(cors(&config.cors_origins, &config.cors_headers))
        .with_state(Ctx {
            schemas,
            state,
            graphiql: std::sync::Arc::new(assets),
        })
}

/// Serve `app(state)` on `listener` until `shutdown` resolves; requests in
/// flight then finish before this returns.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let limits = serve::ConnectionLimits {
        header_read_timeout: Duration::from_secs(state.config.header_read_timeout_secs.max(1)),
        max_per_client: state.config.max_connections_per_client.max(1),
        trusted: state.trusted_proxies.clone(),
    };
    serve::serve(listener, app(state), limits, shutdown).await
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// CORS for `origins`, with `headers` allowed beside `content-type` and
/// `authorization` (names that are not header names are left out).
fn cors(origins: &[String], headers: &[String]) -> CorsLayer {
    let mut allowed = vec![header::CONTENT_TYPE, header::AUTHORIZATION];
    allowed.extend(
        headers
            .iter()
            .filter_map(|h| header::HeaderName::from_bytes(h.trim().as_bytes()).ok()),
    );
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(allowed)
        // So that browser code can back off by the clock and read an
        // export's file name.
        .expose_headers([header::RETRY_AFTER, header::CONTENT_DISPOSITION])
        .max_age(Duration::from_secs(3600));
    if origins.iter().any(|o| o.trim() == "*") {
        layer.allow_origin(Any)
    } else {
        let list: Vec<HeaderValue> = origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o.trim()).ok())
            .collect();
        layer.allow_origin(AllowOrigin::list(list))
    }
}

/// The answer to a request whose handler panicked: logged, and answered
/// as an internal error without the panic's text.
fn handler_panicked(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a request handler panicked");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "internal error",
    )
}

/// A refusal before GraphQL runs, still shaped as a GraphQL response.
pub(crate) fn refuse(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message.into(), "extensions": { "code": code } }]
    });
    (status, Json(body)).into_response()
}

/// The viewer of a request from its bearer token, or the answer to give
/// instead: 401 for a token that does not verify, 500 (logged) when the
/// account cannot be read.
pub(crate) async fn request_viewer(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Viewer, Response> {
    match auth::viewer(state, headers).await {
        Ok(viewer) => Ok(viewer),
        Err(AppError::Internal(e)) => {
            crate::telemetry::log_error("resolving the viewer", &e, &());
            Err(refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                "internal error",
            ))
        }
        Err(e) => Err(unauthenticated(e.code(), e.to_string())),
    }
}

/// 401 with `WWW-Authenticate: Bearer`.
pub(crate) fn unauthenticated(code: &str, message: impl Into<String>) -> Response {
    let mut response = refuse(StatusCode::UNAUTHORIZED, code, message);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// What is not said otherwise is not stored, and every answer may differ
/// with the token that asked.
async fn cache_defaults(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("authorization"));
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// The `Cache-Control` of an answer GraphQL gave: only a query that
/// succeeded, sent with GET and without a token, may be kept, and by anyone
/// (nothing it reads depends on who asks); anything with a token is private.
fn cache_control(ctx: &Ctx, get: bool, headers: &HeaderMap, ok: bool) -> HeaderValue {
    if !ok {
        HeaderValue::from_static("no-store")
    } else if get && !headers.contains_key(header::AUTHORIZATION) {
        let max_age = ctx.state.config.cache_max_age_secs;
        HeaderValue::from_str(&format!("public, max-age={max_age}")).expect("ASCII")
    } else {
        HeaderValue::from_static("private, no-store")
    }
}

async fn execute(
    ctx: &Ctx,
    headers: &HeaderMap,
    client: SocketAddr,
    batch: BatchRequest,
    get: bool,
) -> Response {
    let viewer = match request_viewer(&ctx.state, headers).await {
        Ok(viewer) => viewer,
        Err(refusal) => return refusal,
    };
    let delay = std::time::Duration::from_millis(ctx.state.config.loader_delay_ms);
    let client = ClientAddr(ctx.state.trusted_proxies.client(client.ip(), headers));
    let attach = |r: GqlRequest, query: bool| {
        r.data(loaders::for_request(
            ctx.state.db.clone(),
            &viewer,
            delay,
            query,
        ))
        .data(viewer.clone())
        .data(client)
    };
    let response = match batch {
        BatchRequest::Single(r) => {
            let mut response = ctx.schemas.execute(r, attach).await;
            finish(&mut response.errors);
            BatchResponse::Single(response)
        }
        BatchRequest::Batch(requests) => {
            let mut responses = Vec::with_capacity(requests.len());
            for r in requests {
                let mut response = ctx.schemas.execute(r, attach).await;
                finish(&mut response.errors);
                responses.push(response);
            }
            BatchResponse::Batch(responses)
        }
    };
    let cache = cache_control(ctx, get, headers, response.is_ok());
    let status = media::status(media::negotiate(headers), &response);
    let mut answer = (
        status,
        [(header::CACHE_CONTROL, cache)],
        Json(&media::Answer(&response)),
    )
        .into_response();
    if let Some(secs) = retry_after(&response) {
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    answer
}

/// Give errors their codes, and say each once: async-graphql's validation
/// reports some problems (an operation type the schema does not serve)
/// once per pass it makes over the document.
/// Only errors without a path (found before execution, few) are compared:
/// errors raised while executing name their own place, and a page of them
/// must not cost its square.
fn finish(errors: &mut Vec<ServerError>) {
    finalize_errors(errors);
    let mut once: Vec<ServerError> = Vec::with_capacity(errors.len());
    for error in errors.drain(..) {
        let seen = error.path.is_empty()
            && once
                .iter()
                .take_while(|e| e.path.is_empty())
                .any(|e| *e == error);
        if !seen {
            once.push(error);
        }
    }
    *errors = once;
}

/// The longest `extensions.retryAfter` (seconds) among an answer's errors,
/// which `Retry-After` then carries for clients that read headers.
fn retry_after(response: &BatchResponse) -> Option<u64> {
    let responses = match response {
        BatchResponse::Single(r) => std::slice::from_ref(r),
        BatchResponse::Batch(rs) => rs.as_slice(),
    };
    responses
        .iter()
        .flat_map(|r| &r.errors)
        .filter_map(|e| match e.extensions.as_ref()?.get(RETRY_AFTER)? {
            async_graphql::Value::Number(n) => n.as_u64(),
            _ => None,
        })
        .max()
}

async fn graphql_post(
    State(ctx): State<Ctx>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "BAD_USER_INPUT",
            "send GraphQL requests as `content-type: application/json`",
        );
    }
    let limit = ctx.state.config.max_body_bytes;
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "BAD_USER_INPUT",
            format!("the request body is over the limit of {limit} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return too_large();
    }
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return too_large();
    };
    let batch = match parse_body(&bytes, ctx.state.config.max_batch_size) {
        Ok(batch) => batch,
        Err((status, code, message)) => return refuse(status, code, message),
    };
    execute(&ctx, &headers, client, batch, false).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: Option<String>,
    variables: Option<String>,
    operation_name: Option<String>,
    /// JSON, as Apollo clients send `{"persistedQuery": {…}}`.
    extensions: Option<String>,
}

/// A 405 unless the operation `name` picks in `doc` is a query.
fn refuse_unless_query(doc: &ExecutableDocument, name: Option<&str>) -> Option<Response> {
    if operation_type(doc, name)? == OperationType::Query {
        return None;
    }
    let mut response = refuse(
        StatusCode::METHOD_NOT_ALLOWED,
        "BAD_USER_INPUT",
        "only queries may be sent with GET; send mutations and subscriptions with POST",
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST"));
    Some(response)
}

/// `extensions.persistedQuery.sha256Hash`, if the request carries one.
fn persisted_hash(extensions: &async_graphql::Extensions) -> Option<String> {
    let async_graphql::Value::Object(pq) = extensions.get("persistedQuery")? else {
        return None;
    };
    match pq.get("sha256Hash")? {
        async_graphql::Value::String(hash) => Some(hash.clone()),
        _ => None,
    }
}

/// GET runs queries only, so a link or an image tag can never change data;
/// without a `query` a browser gets GraphiQL.
async fn graphql_get(
    State(ctx): State<Ctx>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    params: Result<Query<GetParams>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "the query string is malformed",
        );
    };
    let extensions = match params.extensions.as_deref().map(serde_json::from_str) {
        None => None,
        Some(Ok(extensions)) => Some(extensions),
        Some(Err(e)) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "BAD_USER_INPUT",
                format!("`extensions` is not a JSON object: {e}"),
            );
        }
    };
    let hash = extensions.as_ref().and_then(persisted_hash);
    // With a hash and no query, the query is the one kept for the hash.
    let Some(query) = params
        .query
        .or_else(|| hash.as_ref().map(|_| String::new()))
    else {
        let browser = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if browser {
            return graphiql::page(&ctx.graphiql);
        }
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "pass the query as `?query=…`, or POST JSON",
        );
    };
    // A query sent by hash alone is checked as the query it stands for.
    let doc = match (query.is_empty(), &hash) {
        (true, Some(hash)) => ctx.schemas.persisted().get(hash).await,
        _ if query.len() > crate::graphql::INLINE_DOCUMENT_BYTES => {
            // A long query string is parsed where it holds up no other request.
            let text = query.clone();
            tokio::task::spawn_blocking(move || crate::graphql::size::parse(&text).ok())
                .await
                .ok()
                .flatten()
        }
        _ => crate::graphql::size::parse(&query).ok(),
    };
    if let Some(refusal) = doc
        .as_ref()
        .and_then(|d| refuse_unless_query(d, params.operation_name.as_deref()))
    {
        return refusal;
    }
    let parsed = !query.is_empty();
    let mut request = GqlRequest::new(query);
    // Parsed once: the schema runs the document kept in the request.
    if let (true, Some(doc)) = (parsed, doc) {
        request.set_parsed_query(doc);
    }
    if let Some(extensions) = extensions {
        request.extensions = extensions;
    }
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(vars) = params.variables {
        match serde_json::from_str::<serde_json::Value>(&vars) {
            Ok(v) => request = request.variables(Variables::from_json(v)),
            Err(e) => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    "BAD_USER_INPUT",
                    format!("`variables` is not JSON: {e}"),
                );
            }
        }
    }
    execute(&ctx, &headers, client, BatchRequest::Single(request), true).await
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn readyz(State(ctx): State<Ctx>) -> Response {
    match ctx.state.db.ping().await {
        Ok(_) => Json(serde_json::json!({ "status": "ready" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not reachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "database unreachable" })),
            )
                .into_response()
        }
    }
}

async fn method_not_allowed() -> Response {
    refuse(
        StatusCode::METHOD_NOT_ALLOWED,
        "BAD_USER_INPUT",
        "this path answers GET and POST only",
    )
}

async fn not_found() -> Response {
    refuse(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        "no such path; GraphQL is served at /graphql",
    )
}
