//! The HTTP layer, and the only axum and tower-http code: `/graphql` (POST
//! JSON, GET for queries, GraphiQL for browsers), `/healthz`, `/readyz`,
//! CORS, body limit, timeout, tracing and graceful shutdown.

use std::{
    future::Future,
    net::{IpAddr, SocketAddr},
    time::Duration,
};

use async_graphql::{
    BatchRequest, BatchResponse, Request as GqlRequest, Variables,
    http::GraphiQLSource,
    parser::{parse_query, types::OperationType},
};
use axum::{
    Json, Router,
    body::Body,
    error_handling::HandleErrorLayer,
    extract::{ConnectInfo, Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use serde::Deserialize;
use tokio::net::TcpListener;
use tower::{BoxError, ServiceBuilder};
use tower_http::{
    cors::{AllowOrigin, Any, CorsLayer},
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

use crate::{
    auth,
    error::{AppError, finalize_errors},
    graphql::{AppSchema, build_schema, loaders},
    state::AppState,
};

/// The address a request came from, for per-client rate limits.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

#[derive(Clone)]
struct Ctx {
    schema: AppSchema,
    state: AppState,
}

/// The whole HTTP application; `serve` and the tests both use it.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    let schema = build_schema(state.clone());
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
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
                .timeout(Duration::from_secs(config.request_timeout_secs)),
        )
        .layer(
            TraceLayer::new_for_http()
                // The path only: a query string may carry a GraphQL document
                // with a password in it, and logs never hold secrets.
                .make_span_with(|request: &axum::http::Request<Body>| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        // Outermost, so that every answer, a timeout's too, carries CORS headers.
        .layer(cors(&config.cors_origins))
        .with_state(Ctx { schema, state })
}

/// Serve `app(state)` on `listener` until `shutdown` resolves; requests in
/// flight then finish before this returns.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
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

fn cors(origins: &[String]) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
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

/// A refusal before GraphQL runs, still shaped as a GraphQL response.
fn refuse(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message.into(), "extensions": { "code": code } }]
    });
    (status, Json(body)).into_response()
}

async fn execute(
    ctx: &Ctx,
    headers: &HeaderMap,
    client: SocketAddr,
    batch: BatchRequest,
) -> Response {
    let viewer = match auth::viewer(&ctx.state, headers).await {
        Ok(viewer) => viewer,
        Err(AppError::Internal(e)) => {
            tracing::error!(error = ?e, "resolving the viewer");
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                "internal error",
            );
        }
        Err(e) => {
            let mut response = refuse(StatusCode::UNAUTHORIZED, e.code(), e.to_string());
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
    };
    let delay = std::time::Duration::from_millis(ctx.state.config.loader_delay_ms);
    let with_loaders = |r: GqlRequest| {
        r.data(loaders::for_request(ctx.state.db.clone(), &viewer, delay))
            .data(viewer.clone())
            .data(ClientAddr(client.ip()))
    };
    let batch = match batch {
        BatchRequest::Single(r) => BatchRequest::Single(with_loaders(r)),
        BatchRequest::Batch(rs) => BatchRequest::Batch(rs.into_iter().map(with_loaders).collect()),
    };
    let mut response = ctx.schema.execute_batch(batch).await;
    match &mut response {
        BatchResponse::Single(r) => finalize_errors(&mut r.errors),
        BatchResponse::Batch(rs) => rs.iter_mut().for_each(|r| finalize_errors(&mut r.errors)),
    }
    Json(response).into_response()
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
    // Parsed as JSON first: serde would read `[]` as a single empty request.
    let batch: BatchRequest = match serde_json::from_slice::<serde_json::Value>(&bytes).and_then(
        |value| match value {
            serde_json::Value::Array(items) if items.is_empty() => {
                Ok(BatchRequest::Batch(Vec::new()))
            }
            value => serde_json::from_value(value),
        },
    ) {
        Ok(batch) => batch,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                crate::error::PARSE_FAILED,
                format!(
                    "the body is not a GraphQL request in JSON ({e}); send {{\"query\": \"…\", \"variables\": {{…}}}}"
                ),
            );
        }
    };
    if let BatchRequest::Batch(requests) = &batch {
        let max = ctx.state.config.max_batch_size;
        if requests.is_empty() || requests.len() > max {
            return refuse(
                StatusCode::BAD_REQUEST,
                crate::error::TOO_COMPLEX,
                format!(
                    "a batch carries 1 to {max} operations, this one {}",
                    requests.len()
                ),
            );
        }
    }
    execute(&ctx, &headers, client, batch).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: Option<String>,
    variables: Option<String>,
    operation_name: Option<String>,
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
    let Some(query) = params.query else {
        let browser = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if browser {
            return Html(
                GraphiQLSource::build()
                    .endpoint("/graphql")
                    .title("igf-perspectives")
                    .finish(),
            )
            .into_response();
        }
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "pass the query as `?query=…`, or POST JSON",
        );
    };
    if let Ok(doc) = parse_query(&query) {
        let op = doc
            .operations
            .iter()
            .find(|(name, _)| match (&params.operation_name, name) {
                (Some(wanted), Some(name)) => wanted.as_str() == name.as_str(),
                (None, _) => true,
                (Some(_), None) => false,
            });
        if let Some((_, op)) = op
            && op.node.ty != OperationType::Query
        {
            let mut response = refuse(
                StatusCode::METHOD_NOT_ALLOWED,
                "BAD_USER_INPUT",
                "only queries may be sent with GET; send mutations and subscriptions with POST",
            );
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST"));
            return response;
        }
    }
    let mut request = GqlRequest::new(query);
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
    execute(&ctx, &headers, client, BatchRequest::Single(request)).await
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
