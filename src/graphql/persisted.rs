//! Automatic persisted queries, as Apollo clients speak them: a request may
//! carry `extensions.persistedQuery = { version: 1, sha256Hash }` instead of
//! its query; an unknown hash answers `PERSISTED_QUERY_NOT_FOUND`, and the
//! client then sends the query with its hash once, which is checked and kept.
//! The HTTP layer applies them before the schema runs (see
//! [`super::Schemas`]); the store is async-graphql's bounded LRU, and the
//! errors carry our codes (DESIGN.md, Contract: errors).
//! <https://www.apollographql.com/docs/apollo-server/performance/apq>

use async_graphql::{
    Request, ServerError, ServerResult, Value,
    extensions::apollo_persisted_queries::{CacheStorage, LruCacheStorage},
    parser::types::ExecutableDocument,
};
use sha2::{Digest, Sha256};

use crate::error::set_code;

/// The code Apollo clients look for before they resend the query in full.
pub const NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";

/// Queries kept, least recently used dropped first.
const KEPT: usize = 1000;

/// Longest query text kept, in bytes. With [`KEPT`] it bounds the memory the
/// store can take; a longer query still runs, it is just not kept.
const MAX_QUERY_BYTES: usize = 16 * 1024;

/// The parsed queries known by hash. The HTTP layer resolves a request's
/// hash before the schema sees it, so that the schema runs without
/// extensions (an extension wraps every field of every answer).
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

    /// Apply `extensions.persistedQuery`, if `request` carries one, and
    /// return its hash: a hash alone runs the query kept for it
    /// (`PERSISTED_QUERY_NOT_FOUND` if none); a query with its hash is
    /// checked, kept and run. Either way the request leaves with its parsed
    /// document.
    pub async fn apply(&self, request: &mut Request) -> ServerResult<Option<String>> {
        let Some(value) = request.extensions.remove("persistedQuery") else {
            return Ok(None);
        };
        let hash = checked_hash(&value)?;
        if request.query.is_empty() {
            let doc = self.0.get(hash.clone()).await.ok_or_else(|| {
                let mut e = ServerError::new("PersistedQueryNotFound", None);
                set_code(&mut e, NOT_FOUND);
                e
            })?;
            request.set_parsed_query(doc);
            return Ok(Some(hash));
        }
        if request.query.len() > MAX_QUERY_BYTES {
            // Too long to keep: run it as an ordinary query.
            return Ok(Some(hash));
        }
        if format!("{:x}", Sha256::digest(request.query.as_bytes())) != hash {
            return Err(bad_input(
                "`extensions.persistedQuery.sha256Hash` does not match the query: send the SHA-256 of the query text, in hex",
            ));
        }
        let doc = crate::graphql::size::parse(&request.query)?;
        self.0.set(hash.clone(), doc.clone()).await;
        request.set_parsed_query(doc);
        Ok(Some(hash))
    }
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
