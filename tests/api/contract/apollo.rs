//! Apollo Client 4's own `HttpLink` (from the npm registry, pinned in
//! `tools/clients`) against the real server: with the GraphQL response
//! media type, an expired token reaches the application as a GraphQL error
//! with `extensions.code: UNAUTHENTICATED`, not as a bare `ServerError`.

use std::{path::PathBuf, process::Command, sync::OnceLock};

use serde_json::{Value, json};

use crate::{
    auth::{admin, claims_for, now, ours_signed, spawn},
    helpers::TestApp,
};

fn tools() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/clients")
}

/// The pinned packages, installed from the lock file on first use.
fn installed() -> &'static () {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        if tools().join("node_modules/@apollo/client").exists() {
            return;
        }
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(tools())
            .status()
            .expect("npm (Node.js) is needed for the client checks: install nodejs and npm");
        assert!(status.success(), "npm ci in tools/clients failed");
    })
}

/// What the application sees of `query` sent by Apollo Client.
async fn apollo(app: &TestApp, token: &str, query: &str) -> Value {
    run(app, token, query, "").await
}

/// The same, through Apollo's persisted-query link (`mode` `persisted`).
async fn run(app: &TestApp, token: &str, query: &str, mode: &str) -> Value {
    installed();
    let (url, token, query) = (app.url("/graphql"), token.to_owned(), query.to_owned());
    let mode = mode.to_owned();
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg("apollo.mjs")
            .args([url, token, query, mode])
            .current_dir(tools())
            .output()
            .expect("node")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[tokio::test]
async fn apollo_client_sees_unauthenticated_on_an_expired_token() {
    let app = spawn().await;
    let root = admin(&app).await;
    let mut expired = claims_for(&root);
    expired.iat = Some(now() - 3600);
    expired.nbf = expired.iat;
    expired.exp = now() - 120;

    let seen = apollo(&app, &ours_signed(&expired), "{ me { email } }").await;
    assert_eq!(
        seen,
        json!({ "error": "CombinedGraphQLErrors", "codes": ["UNAUTHENTICATED"] })
    );

    // A query that does not validate is a GraphQL error too, and a good
    // one answers.
    let seen = apollo(&app, "", "{ regions { nickname } }").await;
    assert_eq!(
        seen,
        json!({ "error": "CombinedGraphQLErrors", "codes": ["GRAPHQL_VALIDATION_FAILED"] })
    );
    let seen = apollo(&app, &ours_signed(&claims_for(&root)), "{ me { email } }").await;
    assert_eq!(seen["data"]["me"]["email"], "root.fictional@example.org");
}

#[tokio::test]
async fn apollo_persisted_queries_still_work_when_the_hash_is_unknown_at_first() {
    let app = spawn().await;
    // The server does not know the hash: Apollo sends the query with it.
    let seen = run(&app, "", "{ regions { code } }", "persisted").await;
    assert!(seen["data"]["regions"].is_array(), "{seen}");
    // Now it does: the hash alone is enough.
    let seen = run(&app, "", "{ regions { code } }", "persisted").await;
    assert!(seen["data"]["regions"].is_array(), "{seen}");
}
