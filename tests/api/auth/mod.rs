//! Signing in and every attack on it, through HTTP: `login` and `me`, the
//! same answer for a wrong password and an unknown email, rate limits,
//! forged and mangled tokens, organizers and analysts out of their scope,
//! disabled accounts and changed roles, signing keys and trusted issuers,
//! and the `user add` and `token` commands. Where the server's own key
//! comes from, and what it refuses, is in `signing_key.rs`.

mod account_changes;
mod attacks;
mod cli;
mod login;
mod rate_limits;
mod revocation;
mod signing_keys;

use std::{
    io::Write,
    net::{IpAddr, SocketAddr},
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
    time::Duration,
};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use entity::{session::SessionKind, user, user::UserRole};
use igf_perspectives::{
    auth::jwt::{Claims, DEVELOPMENT_SECRET},
    config::Config,
    graphql::ids::{self, Kind},
    state::AppState,
};
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
    jwk::Jwk,
};
use serde_json::{Value, json};

use crate::helpers::*;

/// `iss` and `aud` of the tokens the server signs, by default.
const OURS: &str = "igf-perspectives";
/// A trusted external identity provider in these tests.
const IDP: &str = "https://idp.fictional.example";
/// A second trusted provider, with RSA and EdDSA keys.
const OTHER_IDP: &str = "https://login.imaginary.example";

/// A mutation that would create an admin: what every attacker wants.
const CREATE_ADMIN: &str = r#"mutation { createUser(input: {
    email: "mallory@example.org", password: "mallory's long passphrase", role: ADMIN
}) { email role } }"#;

const ME: &str = "{ me { email role disabled } }";

const LOGIN: &str = "mutation($e: String!, $p: String!) {
    login(email: $e, password: $p) { token expiresAt user { id email role version } } }";

/// The signing secret of the servers these tests start (fictional).
const TEST_SECRET: &str = "fictional-test-signing-secret-7f3a9c2e51";

/// A server signing with [`TEST_SECRET`].
pub(crate) async fn spawn() -> TestApp {
    spawn_app_with(test_secret).await
}

fn test_secret(config: &mut Config) {
    config.seed_fixture = false;
    config.auth.jwt_secret = Some(TEST_SECRET.into());
}

pub(crate) fn now() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

fn key_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/api/keys")
        .join(format!("{name}.pem"))
}

fn pem(name: &str) -> Vec<u8> {
    std::fs::read(key_path(name)).unwrap()
}

/// The claims of a valid token of ours for `user`, good for ten minutes.
pub(crate) fn claims_for(user: &user::Model) -> Claims {
    let now = now();
    Claims {
        sub: user.id.to_string(),
        role: Some(sea_orm::ActiveEnum::to_value(&user.role)),
        email: None,
        iss: OURS.into(),
        aud: OURS.into(),
        exp: now + 600,
        nbf: Some(now),
        iat: Some(now),
        generation: Some(user.token_generation),
    }
}

/// The claims of an external provider's token for `email`.
fn external_claims(issuer: &str, email: Option<&str>) -> Claims {
    let now = now();
    Claims {
        sub: "idp-subject-4711".into(),
        role: None,
        email: email.map(Into::into),
        iss: issuer.into(),
        aud: json!([OURS]),
        exp: now + 600,
        nbf: None,
        iat: Some(now),
        generation: None,
    }
}

fn sign(alg: Algorithm, kid: Option<&str>, claims: &Claims, key: &EncodingKey) -> String {
    let mut header = Header::new(alg);
    header.kid = kid.map(Into::into);
    encode(&header, claims, key).unwrap()
}

fn hs256(claims: &Claims, secret: &[u8]) -> String {
    sign(
        Algorithm::HS256,
        None,
        claims,
        &EncodingKey::from_secret(secret),
    )
}

pub(crate) fn ours_signed(claims: &Claims) -> String {
    hs256(claims, TEST_SECRET.as_bytes())
}

/// POST `query` with `authorization` as the raw header value, if any.
async fn post(app: &TestApp, authorization: Option<&str>, query: &str) -> (u16, Value) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }));
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// What an attempt to create an admin got, and whether the database
/// stayed exactly as it was.
struct Attempt {
    status: u16,
    body: Value,
    unchanged: bool,
}

async fn attempt_admin_creation(app: &TestApp, authorization: Option<&str>) -> Attempt {
    let before = app.fingerprint().await;
    let (status, body) = post(app, authorization, CREATE_ADMIN).await;
    let unchanged = app.fingerprint().await == before;
    Attempt {
        status,
        body,
        unchanged,
    }
}

async fn attempt_with_token(app: &TestApp, token: &str) -> Attempt {
    attempt_admin_creation(app, Some(&format!("Bearer {token}"))).await
}

/// Refused before GraphQL runs: HTTP 401, `UNAUTHENTICATED`, no data,
/// nothing written.
fn assert_unauthenticated(attempt: &Attempt, says: &str) {
    assert_eq!(attempt.status, 401, "{}", attempt.body);
    assert_eq!(error_code(&attempt.body), "UNAUTHENTICATED");
    let message = attempt.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains(says), "{message:?} should say {says:?}");
    assert!(attempt.body.get("data").is_none(), "{}", attempt.body);
    assert!(attempt.unchanged, "the database changed");
}

/// Refused by the resolver: `FORBIDDEN`, a null result, nothing written.
fn assert_forbidden(attempt_status: u16, body: &Value, unchanged: bool) {
    assert_eq!(attempt_status, 200, "{body}");
    assert_eq!(error_code(body), "FORBIDDEN");
    assert!(body["data"].is_null(), "{body}");
    assert!(unchanged, "the database changed");
}

pub(crate) async fn admin(app: &TestApp) -> user::Model {
    app.account("root.fictional@example.org", UserRole::Admin)
        .await
}

fn our_validation() -> (DecodingKey, Validation) {
    hs256_validation(TEST_SECRET.as_bytes())
}

fn hs256_validation(secret: &[u8]) -> (DecodingKey, Validation) {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[OURS]);
    validation.set_issuer(&[OURS]);
    (DecodingKey::from_secret(secret), validation)
}
