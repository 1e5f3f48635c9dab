//! Automatic persisted queries, as Apollo clients speak them: a request may
//! carry `extensions.persistedQuery = { version: 1, sha256Hash }` instead of
//! its query; an unknown hash answers `PERSISTED_QUERY_NOT_FOUND`, and the
//! client then sends the query with its hash once, which is checked and kept.
//! async-graphql's `ApolloPersistedQueries` does the work; this wrapper bounds
//! what it keeps and gives its errors our codes (DESIGN.md, Contract: errors).
//! <https://www.apollographql.com/docs/apollo-server/performance/apq>

use std::sync::Arc;

use async_graphql::{
    Request, ServerError, ServerResult, Value,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
        apollo_persisted_queries::{ApolloPersistedQueries, CacheStorage, LruCacheStorage},
    },
    parser::types::ExecutableDocument,
};

use crate::error::set_code;

/// The code Apollo clients look for before they resend the query in full.
pub const NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";

/// Queries kept, least recently used dropped first.
const KEPT: usize = 1000;

/// Longest query text kept, in bytes. With [`KEPT`] it bounds the memory the
/// store can take; a longer query still runs, it is just not kept.
const MAX_QUERY_BYTES: usize = 16 * 1024;

/// The parsed queries known by hash, shared by the schema and the HTTP layer
/// (which must refuse a mutation sent by hash over GET).
#[derive(Clone)]
pub struct PersistedQueries(LruCacheStorage);

impl Default for PersistedQueries {
    fn default() -> Self {
        Self(LruCacheStorage::new(KEPT))
    }
}

impl PersistedQueries {
    /// The query kept for `hash` (lowercase hex SHA-256 of its text).
    pub async fn get(&self, hash: &str) -> Option<ExecutableDocument> {
        self.0.get(hash.to_ascii_lowercase()).await
    }
}

impl ExtensionFactory for PersistedQueries {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(PersistedQueriesExtension {
            inner: ApolloPersistedQueries::new(self.0.clone()).create(),
        })
    }
}

struct PersistedQueriesExtension {
    inner: Arc<dyn Extension>,
}

fn bad_input(message: &str) -> ServerError {
    let mut e = ServerError::new(message, None);
    set_code(&mut e, "BAD_USER_INPUT");
    e
}

/// The hash, once `persistedQuery` is checked to be what the protocol says.
fn checked_hash(value: &Value) -> ServerResult<String> {
    const SHAPE: &str = "`extensions.persistedQuery` must be `{\"version\": 1, \"sha256Hash\": \"<SHA-256 of the query, 64 hex digits>\"}`";
    let Value::Object(fields) = value else {
        return Err(bad_input(SHAPE));
    };
    match fields.get("version") {
        Some(Value::Number(n)) if n.as_i64() == Some(1) => {}
        Some(Value::Number(n)) => {
            return Err(bad_input(&format!(
                "persisted query version {n} is not supported; send version 1"
            )));
        }
        _ => return Err(bad_input(SHAPE)),
    }
    match fields.get("sha256Hash") {
        Some(Value::String(hash))
            if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(hash.to_ascii_lowercase())
        }
        _ => Err(bad_input(SHAPE)),
    }
}

#[async_trait::async_trait]
impl Extension for PersistedQueriesExtension {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let Some(value) = request.extensions.get("persistedQuery") else {
            return next.run(ctx, request).await;
        };
        let hash = checked_hash(value)?;
        if request.query.len() > MAX_QUERY_BYTES {
            // Too long to keep: run it as an ordinary query.
            request.extensions.remove("persistedQuery");
            return next.run(ctx, request).await;
        }
        // Clients send lowercase hex; the store is keyed by it.
        request.extensions.insert(
            "persistedQuery".into(),
            Value::from_json(serde_json::json!({ "version": 1, "sha256Hash": hash }))
                .expect("a JSON object is a value"),
        );
        let registering = !request.query.is_empty();
        self.inner
            .prepare_request(ctx, request, next)
            .await
            .map_err(|mut e| {
                let coded = e.extensions.as_ref().is_some_and(|x| x.get("code").is_some());
                if coded {
                    return e;
                }
                // The messages below are async-graphql's (apollo_persisted_queries.rs).
                if e.message == "PersistedQueryNotFound" {
                    set_code(&mut e, NOT_FOUND);
                } else if e.message == "provided sha does not match query" {
                    e = bad_input(
                        "`extensions.persistedQuery.sha256Hash` does not match the query: send the SHA-256 of the query text, in hex",
                    );
                } else if registering {
                    // The query sent with the hash did not parse.
                    crate::graphql::limits::code_parse_error(&mut e);
                }
                e
            })
    }
}
