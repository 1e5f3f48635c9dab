//! Signing in and every attack on it, through HTTP: `login` and `me`, the
//! same answer for a wrong password and an unknown email, rate limits,
//! forged and mangled tokens, organizers and analysts out of their scope,
//! disabled accounts and changed roles, signing keys and trusted issuers,
//! and the `user add` and `token` commands. Where the server's own key
//! comes from, and what it refuses, is in `signing_key.rs`.

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
async fn spawn() -> TestApp {
    spawn_app_with(test_secret).await
}

fn test_secret(config: &mut Config) {
    config.seed_fixture = false;
    config.auth.jwt_secret = Some(TEST_SECRET.into());
}

fn now() -> u64 {
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
fn claims_for(user: &user::Model) -> Claims {
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

fn ours_signed(claims: &Claims) -> String {
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

async fn admin(app: &TestApp) -> user::Model {
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

// Signing in.

#[tokio::test]
async fn login_returns_a_token_naming_the_account_its_role_and_expiry_and_me_returns_the_account() {
    let app = spawn().await;
    let ada = app
        .account("ada.fictional@example.org", UserRole::Organizer)
        .await;

    let data = app
        .data(
            LOGIN,
            json!({ "e": "Ada.Fictional@Example.org ", "p": PASSWORD }),
        )
        .await;
    let token = data["login"]["token"].as_str().unwrap();
    let me = app.data_as(token, ME, json!({})).await;

    let (key, validation) = our_validation();
    let claims = decode::<Claims>(token, &key, &validation).unwrap().claims;
    assert_eq!(claims.sub, ada.id.to_string());
    assert_eq!(claims.role.as_deref(), Some("organizer"));
    let eight_hours = 8 * 3600;
    assert!(
        claims.exp.abs_diff(now() + eight_hours) <= 60,
        "expires in 8 h: {}",
        claims.exp
    );
    let expires_at =
        chrono::DateTime::parse_from_rfc3339(data["login"]["expiresAt"].as_str().unwrap()).unwrap();
    assert_eq!(expires_at.timestamp() as u64, claims.exp);
    assert_eq!(data["login"]["user"]["email"], "ada.fictional@example.org");
    assert_eq!(
        me["me"],
        json!({ "email": "ada.fictional@example.org", "role": "ORGANIZER", "disabled": false })
    );
}

#[tokio::test]
async fn me_is_null_without_a_token() {
    let app = spawn().await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;

    let data = app.data(ME, json!({})).await;

    assert_eq!(data, json!({ "me": null }));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer_and_both_verify_a_hash() {
    let app = spawn().await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;
    let dummies_before = igf_perspectives::auth::password::dummy_verifications();

    let wrong_password = app
        .gql(
            LOGIN,
            json!({ "e": "ada.fictional@example.org", "p": "not Ada's passphrase" }),
        )
        .await;
    let unknown_email = app
        .gql(
            LOGIN,
            json!({ "e": "nobody.fictional@example.org", "p": PASSWORD }),
        )
        .await;

    assert_eq!(error_code(&wrong_password), "UNAUTHENTICATED");
    assert_eq!(
        wrong_password["errors"][0]["message"],
        "wrong email or password"
    );
    assert_eq!(
        wrong_password, unknown_email,
        "nothing tells whether the email exists"
    );
    assert!(
        igf_perspectives::auth::password::dummy_verifications() > dummies_before,
        "the unknown email still verified the dummy hash"
    );
}

#[tokio::test]
async fn a_failed_login_never_echoes_the_password() {
    let app = spawn().await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;
    let admin_token = app.login("ada.fictional@example.org").await;
    let secret = "Hunter2-fictional-passphrase";

    let wrong = app
        .gql(
            LOGIN,
            json!({ "e": "ada.fictional@example.org", "p": secret }),
        )
        .await;
    let unknown = app
        .gql(
            LOGIN,
            json!({ "e": "nobody.fictional@example.org", "p": secret }),
        )
        .await;
    let (_, too_short) = app
        .gql_as(
            &admin_token,
            "mutation($p: String!) { createUser(input: {
                email: \"bo.fictional@example.org\", password: $p, role: ANALYST }) { id } }",
            json!({ "p": "Hunter2-fic" }),
        )
        .await;

    assert_eq!(error_code(&wrong), "UNAUTHENTICATED");
    assert_eq!(error_code(&unknown), "UNAUTHENTICATED");
    assert_eq!(error_code(&too_short), "BAD_USER_INPUT");
    for body in [&wrong, &unknown] {
        assert!(!body.to_string().contains(secret), "{body}");
    }
    assert!(!too_short.to_string().contains("Hunter2"), "{too_short}");
}

// Rate limits.

/// A client whose requests come from `source` (any 127.x.y.z is loopback).
fn client_from(source: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::from(source))
        .build()
        .unwrap()
}

async fn login_from(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> Value {
    client
        .post(app.url("/graphql"))
        .json(&json!({ "query": LOGIN, "variables": { "e": email, "p": password } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_fourth_attempt_for_one_email_is_rate_limited_even_with_the_right_password() {
    let app = spawn_app_with(|c| {
        test_secret(c);
        c.auth.login_attempts_per_minute = 3;
    })
    .await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;
    let (first, second) = (client_from([127, 0, 0, 1]), client_from([127, 0, 0, 2]));

    let mut wrong = Vec::new();
    for _ in 0..3 {
        let body = login_from(&app, &first, "ada.fictional@example.org", "guess").await;
        wrong.push(error_code(&body).to_owned());
    }
    let right_from_another_address =
        login_from(&app, &second, "Ada.Fictional@example.org", PASSWORD).await;

    assert_eq!(wrong, ["UNAUTHENTICATED"; 3]);
    assert_eq!(error_code(&right_from_another_address), "RATE_LIMITED");
    assert!(right_from_another_address["data"].is_null());
    assert!(!right_from_another_address.to_string().contains(PASSWORD));
}

#[tokio::test]
async fn the_fourth_attempt_from_one_address_is_rate_limited_whatever_the_email() {
    let app = spawn_app_with(|c| {
        test_secret(c);
        c.auth.login_attempts_per_minute = 3;
    })
    .await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;
    let (sprayer, bystander) = (client_from([127, 0, 0, 3]), client_from([127, 0, 0, 4]));

    for n in 0..3 {
        let email = format!("guess{n}.fictional@example.org");
        login_from(&app, &sprayer, &email, "guess").await;
    }
    let from_sprayer = login_from(&app, &sprayer, "ada.fictional@example.org", PASSWORD).await;
    let from_bystander = login_from(&app, &bystander, "ada.fictional@example.org", PASSWORD).await;

    assert_eq!(error_code(&from_sprayer), "RATE_LIMITED");
    assert!(
        from_bystander["data"]["login"]["token"].is_string(),
        "another address still signs in: {from_bystander}"
    );
}

// Attacks that must change nothing.

#[tokio::test]
async fn a_token_forged_with_the_servers_own_secret_and_valid_claims_is_accepted() {
    // The control for the forgeries below: each changes one thing only.
    let app = spawn().await;
    let root = admin(&app).await;

    let attempt = attempt_with_token(&app, &ours_signed(&claims_for(&root))).await;

    assert_eq!(attempt.status, 200);
    assert_eq!(
        attempt.body["data"]["createUser"],
        json!({ "email": "mallory@example.org", "role": "ADMIN" })
    );
    assert!(!attempt.unchanged);
}

#[tokio::test]
async fn a_mutation_without_a_token_is_unauthenticated_and_changes_nothing() {
    let app = spawn().await;
    admin(&app).await;

    let attempt = attempt_admin_creation(&app, None).await;

    assert_eq!(attempt.status, 200);
    assert_eq!(error_code(&attempt.body), "UNAUTHENTICATED");
    assert!(attempt.body["data"].is_null());
    assert!(attempt.unchanged);
}

#[tokio::test]
async fn a_token_expired_beyond_the_leeway_is_refused_and_changes_nothing() {
    let app = spawn().await;
    let root = admin(&app).await;
    let mut expired = claims_for(&root);
    expired.iat = Some(now() - 3600);
    expired.nbf = expired.iat;
    expired.exp = now() - 120;
    let mut within_leeway = claims_for(&root);
    within_leeway.exp = now() - 5;

    let attempt = attempt_with_token(&app, &ours_signed(&expired)).await;
    let (status, me) = app
        .gql_as(&ours_signed(&within_leeway), ME, json!({}))
        .await;

    assert_unauthenticated(&attempt, "expired");
    assert_eq!(status, 200, "5 s past expiry is within the 30 s leeway");
    assert_eq!(me["data"]["me"]["email"], "root.fictional@example.org");
}

#[tokio::test]
async fn a_token_signed_with_another_secret_is_refused_and_changes_nothing() {
    let app = spawn().await;
    let root = admin(&app).await;

    let attempt = attempt_with_token(
        &app,
        &hs256(
            &claims_for(&root),
            b"a-fictional-attacker-secret-of-40-bytes!",
        ),
    )
    .await;

    assert_unauthenticated(&attempt, "signature");
}

#[tokio::test]
async fn an_unsigned_alg_none_token_is_refused_and_changes_nothing() {
    let app = spawn().await;
    let root = admin(&app).await;
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims_for(&root)).unwrap());
    let signed = ours_signed(&claims_for(&root));
    let signature = signed.rsplit('.').next().unwrap();

    let unsigned = attempt_with_token(&app, &format!("{header}.{payload}.")).await;
    let with_a_borrowed_signature =
        attempt_with_token(&app, &format!("{header}.{payload}.{signature}")).await;

    assert_unauthenticated(&unsigned, "not accepted");
    assert_unauthenticated(&with_a_borrowed_signature, "not accepted");
}

#[tokio::test]
async fn tokens_for_another_audience_or_from_another_issuer_are_refused_and_change_nothing() {
    let app = spawn().await;
    let root = admin(&app).await;
    let mut other_audience = claims_for(&root);
    other_audience.aud = json!(["fictional-other-api"]);
    let mut other_issuer = claims_for(&root);
    other_issuer.iss = "https://fictional-issuer.example".into();

    let audience = attempt_with_token(&app, &ours_signed(&other_audience)).await;
    let issuer = attempt_with_token(&app, &ours_signed(&other_issuer)).await;

    assert_unauthenticated(&audience, "audience");
    assert_unauthenticated(&issuer, "issuer");
}

#[tokio::test]
async fn a_token_not_valid_yet_is_refused_and_changes_nothing() {
    let app = spawn().await;
    let root = admin(&app).await;
    let mut later = claims_for(&root);
    later.nbf = Some(now() + 600);
    later.exp = now() + 1200;

    let attempt = attempt_with_token(&app, &ours_signed(&later)).await;

    assert_unauthenticated(&attempt, "not valid yet");
}

#[tokio::test]
async fn garbled_authorization_headers_are_refused_and_change_nothing() {
    let app = spawn().await;
    let root = admin(&app).await;
    let valid = ours_signed(&claims_for(&root));

    let bearer_junk = attempt_admin_creation(&app, Some("Bearer abc")).await;
    let basic = attempt_admin_creation(&app, Some("Basic x")).await;
    let empty_bearer = attempt_admin_creation(&app, Some("Bearer ")).await;
    let valid_under_another_scheme =
        attempt_admin_creation(&app, Some(&format!("Token {valid}"))).await;
    let truncated = attempt_with_token(&app, &valid[..valid.len() - 4]).await;

    assert_unauthenticated(&bearer_junk, "not a well-formed JWT");
    assert_unauthenticated(&basic, "Bearer <token>");
    assert_unauthenticated(&empty_bearer, "Bearer <token>");
    assert_unauthenticated(&valid_under_another_scheme, "Bearer <token>");
    assert_unauthenticated(&truncated, "not accepted");
}

#[tokio::test]
async fn an_organizer_editing_a_session_not_assigned_to_them_is_forbidden_and_changes_nothing() {
    let app = spawn().await;
    let event = app.event("nri-fictional", 2025).await;
    let theirs = app
        .session(
            &event,
            "WS #1",
            "Their session",
            SessionKind::Workshop,
            None,
        )
        .await;
    let other = app
        .session(
            &event,
            "WS #2",
            "Someone else's",
            SessionKind::Workshop,
            None,
        )
        .await;
    let token = app.organizer_of(&theirs).await;
    let update = "mutation($id: ID!) { updateSession(id: $id, version: 1, input: { title: \"Renamed\" }) { title version } }";

    let before = app.fingerprint().await;
    let (status, refused) = app
        .gql_as(
            &token,
            update,
            json!({ "id": ids::encode(Kind::Session, other.id) }),
        )
        .await;
    let unchanged = app.fingerprint().await == before;
    let allowed = app
        .data_as(
            &token,
            update,
            json!({ "id": ids::encode(Kind::Session, theirs.id) }),
        )
        .await;

    assert_forbidden(status, &refused, unchanged);
    assert_eq!(
        refused["errors"][0]["message"],
        "you are not an organizer of session WS #2"
    );
    assert_eq!(
        allowed["updateSession"],
        json!({ "title": "Renamed", "version": 2 }),
        "the same organizer edits their own session"
    );
}

#[tokio::test]
async fn an_analyst_calling_a_mutation_is_forbidden_and_changes_nothing() {
    let app = spawn().await;
    let token = app.login_as(UserRole::Analyst).await;

    let before = app.fingerprint().await;
    let (status, body) = app
        .gql_as(
            &token,
            "mutation { createPerson(input: { name: \"Cy Fictional\" }) { id } }",
            json!({}),
        )
        .await;
    let unchanged = app.fingerprint().await == before;

    assert_forbidden(status, &body, unchanged);
}

// Changes to an account take effect on its next request.

#[tokio::test]
async fn a_disabled_account_is_refused_on_its_next_request_with_its_old_token() {
    let app = spawn().await;
    admin(&app).await;
    let admin_token = app.login("root.fictional@example.org").await;
    app.account("bea.fictional@example.org", UserRole::Organizer)
        .await;
    let signed_in = app
        .data(
            LOGIN,
            json!({ "e": "bea.fictional@example.org", "p": PASSWORD }),
        )
        .await;
    let bea_token = signed_in["login"]["token"].as_str().unwrap();
    let bea = &signed_in["login"]["user"];
    let before = app.data_as(bea_token, ME, json!({})).await;

    let disabled = app
        .data_as(
            &admin_token,
            "mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, input: { disabled: true }) { disabled } }",
            json!({ "id": bea["id"], "v": bea["version"] }),
        )
        .await;
    let (status, after) = app.gql_as(bea_token, ME, json!({})).await;
    let relogin = app
        .gql(
            LOGIN,
            json!({ "e": "bea.fictional@example.org", "p": PASSWORD }),
        )
        .await;

    assert_eq!(before["me"]["email"], "bea.fictional@example.org");
    assert_eq!(disabled["updateUser"]["disabled"], true);
    assert_eq!(status, 401, "{after}");
    assert_eq!(error_code(&after), "UNAUTHENTICATED");
    assert_eq!(error_code(&relogin), "UNAUTHENTICATED");
    assert_eq!(relogin["errors"][0]["message"], "wrong email or password");
}

#[tokio::test]
async fn a_demoted_admin_loses_admin_rights_on_the_next_request_with_the_old_token() {
    let app = spawn().await;
    admin(&app).await;
    let root_token = app.login("root.fictional@example.org").await;
    app.account("cal.fictional@example.org", UserRole::Admin)
        .await;
    let signed_in = app
        .data(
            LOGIN,
            json!({ "e": "cal.fictional@example.org", "p": PASSWORD }),
        )
        .await;
    let cal_token = signed_in["login"]["token"].as_str().unwrap();
    let cal = &signed_in["login"]["user"];

    app.data_as(
        &root_token,
        "mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, input: { role: ORGANIZER }) { role } }",
        json!({ "id": cal["id"], "v": cal["version"] }),
    )
    .await;
    let me = app.data_as(cal_token, ME, json!({})).await;
    let attempt = attempt_with_token(&app, cal_token).await;

    let (key, validation) = our_validation();
    let still_claims = decode::<Claims>(cal_token, &key, &validation)
        .unwrap()
        .claims;
    assert_eq!(still_claims.role.as_deref(), Some("admin"));
    assert_eq!(me["me"]["role"], "ORGANIZER", "the stored role decides");
    assert_forbidden(attempt.status, &attempt.body, attempt.unchanged);
}

// Signing keys and trusted issuers.

#[tokio::test]
async fn a_configured_es256_or_eddsa_key_signs_login_tokens_with_its_kid() {
    for (alg, name, kid) in [
        (Algorithm::ES256, "es256", "fictional-es256-2025"),
        (Algorithm::EdDSA, "ed25519", "fictional-ed25519-2025"),
    ] {
        let app = spawn_app_with(|c| {
            test_secret(c);
            c.auth.jwt_private_key_file = Some(key_path(&format!("{name}-private")));
            c.auth.jwt_public_key_file = Some(key_path(&format!("{name}-public")));
            c.auth.jwt_algorithm = alg;
            c.auth.jwt_key_id = Some(kid.into());
        })
        .await;
        let root = admin(&app).await;

        let token = app.login("root.fictional@example.org").await;
        let me = app.data_as(&token, ME, json!({})).await;
        let hs256_token = attempt_with_token(&app, &ours_signed(&claims_for(&root))).await;

        let header = decode_header(&token).unwrap();
        assert_eq!(header.alg, alg);
        assert_eq!(header.kid.as_deref(), Some(kid));
        let public = pem(&format!("{name}-public"));
        let key = match alg {
            Algorithm::ES256 => DecodingKey::from_ec_pem(&public),
            _ => DecodingKey::from_ed_pem(&public),
        }
        .unwrap();
        let mut validation = Validation::new(alg);
        validation.set_audience(&[OURS]);
        validation.set_issuer(&[OURS]);
        let claims = decode::<Claims>(&token, &key, &validation).unwrap().claims;
        assert_eq!(claims.sub, root.id.to_string());
        assert_eq!(me["me"]["email"], "root.fictional@example.org");
        assert_unauthenticated(&hs256_token, "key id is not trusted");
    }
}

fn jwk(alg: Algorithm, key: &EncodingKey, kid: &str) -> Value {
    let mut jwk = Jwk::from_encoding_key(key, alg).unwrap();
    jwk.common.key_id = Some(kid.into());
    serde_json::to_value(jwk).unwrap()
}

fn es256_key() -> EncodingKey {
    EncodingKey::from_ec_pem(&pem("es256-private")).unwrap()
}

fn rs256_key() -> EncodingKey {
    EncodingKey::from_rsa_pem(&pem("rs256-private")).unwrap()
}

fn ed25519_key() -> EncodingKey {
    EncodingKey::from_ed_pem(&pem("ed25519-private")).unwrap()
}

/// A server that also trusts two external issuers: one with an ES256 key,
/// one with an RS256 and an EdDSA key.
async fn spawn_trusting(dir: &tempfile::TempDir) -> TestApp {
    let file = dir.path().join("trusted-issuers.json");
    let trusted = json!([
        { "issuer": IDP, "audience": [OURS],
          "jwks": { "keys": [jwk(Algorithm::ES256, &es256_key(), "idp-es256")] } },
        { "issuer": OTHER_IDP, "audience": [OURS, "fictional-portal"],
          "jwks": { "keys": [
              jwk(Algorithm::RS256, &rs256_key(), "other-rs256"),
              jwk(Algorithm::EdDSA, &ed25519_key(), "other-ed25519"),
          ] } },
    ]);
    std::fs::write(&file, serde_json::to_vec_pretty(&trusted).unwrap()).unwrap();
    spawn_app_with(|c| {
        test_secret(c);
        c.auth.jwt_trusted_issuers_file = Some(file);
    })
    .await
}

#[tokio::test]
async fn a_trusted_issuers_es256_token_with_an_email_signs_in_as_the_stored_account() {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_trusting(&dir).await;
    app.account("dana.fictional@example.org", UserRole::Analyst)
        .await;
    let claims = external_claims(IDP, Some("Dana.Fictional@Example.org"));

    let me = app
        .data_as(
            &sign(Algorithm::ES256, Some("idp-es256"), &claims, &es256_key()),
            ME,
            json!({}),
        )
        .await;

    assert_eq!(
        me["me"],
        json!({ "email": "dana.fictional@example.org", "role": "ANALYST", "disabled": false })
    );
}

#[tokio::test]
async fn rs256_and_eddsa_keys_from_the_trusted_file_verify_too() {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_trusting(&dir).await;
    app.account("eli.fictional@example.org", UserRole::Organizer)
        .await;
    let claims = external_claims(OTHER_IDP, Some("eli.fictional@example.org"));

    let by_rsa = app
        .data_as(
            &sign(Algorithm::RS256, Some("other-rs256"), &claims, &rs256_key()),
            ME,
            json!({}),
        )
        .await;
    let by_eddsa = app
        .data_as(
            &sign(
                Algorithm::EdDSA,
                Some("other-ed25519"),
                &claims,
                &ed25519_key(),
            ),
            ME,
            json!({}),
        )
        .await;

    assert_eq!(by_rsa["me"]["email"], "eli.fictional@example.org");
    assert_eq!(by_eddsa["me"]["email"], "eli.fictional@example.org");
}

#[tokio::test]
async fn external_tokens_for_unknown_emails_without_emails_or_from_the_wrong_issuer_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_trusting(&dir).await;
    let root = admin(&app).await;
    let es256 = |claims: &Claims| sign(Algorithm::ES256, Some("idp-es256"), claims, &es256_key());
    let mut by_our_id = external_claims(IDP, None);
    by_our_id.sub = root.id.to_string();
    let mut with_our_issuer = external_claims(OURS, Some("root.fictional@example.org"));
    with_our_issuer.sub = root.id.to_string();
    let mut under_another_kid = external_claims(IDP, Some("root.fictional@example.org"));
    under_another_kid.iss = OTHER_IDP.into();

    let unknown = attempt_with_token(
        &app,
        &es256(&external_claims(IDP, Some("nobody.fictional@example.org"))),
    )
    .await;
    let no_email = attempt_with_token(&app, &es256(&by_our_id)).await;
    let our_issuer = attempt_with_token(&app, &es256(&with_our_issuer)).await;
    let other_issuers_claims = attempt_with_token(&app, &es256(&under_another_kid)).await;

    assert_unauthenticated(&unknown, "does not exist");
    assert_unauthenticated(&no_email, "does not exist");
    assert_unauthenticated(&our_issuer, "issuer");
    assert_unauthenticated(&other_issuers_claims, "issuer");
}

#[tokio::test]
async fn an_hs256_token_signed_with_a_configured_public_key_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_trusting(&dir).await;
    let root = admin(&app).await;
    let mut claims = external_claims(IDP, Some("root.fictional@example.org"));
    claims.role = Some("admin".into());
    let public_pem = pem("es256-public");
    let public_jwk = serde_json::to_vec(&jwk(Algorithm::ES256, &es256_key(), "idp-es256")).unwrap();

    let with_its_kid = attempt_with_token(
        &app,
        &sign(
            Algorithm::HS256,
            Some("idp-es256"),
            &claims,
            &EncodingKey::from_secret(&public_pem),
        ),
    )
    .await;
    let with_its_jwk = attempt_with_token(
        &app,
        &sign(
            Algorithm::HS256,
            Some("idp-es256"),
            &claims,
            &EncodingKey::from_secret(&public_jwk),
        ),
    )
    .await;
    let mut ours = claims_for(&root);
    ours.role = Some("admin".into());
    let without_kid = attempt_with_token(&app, &hs256(&ours, &public_pem)).await;
    let genuine = attempt_with_token(
        &app,
        &sign(Algorithm::ES256, Some("idp-es256"), &claims, &es256_key()),
    )
    .await;

    assert_unauthenticated(&with_its_kid, "algorithm does not match");
    assert_unauthenticated(&with_its_jwk, "algorithm does not match");
    assert_unauthenticated(&without_kid, "signature");
    assert_eq!(
        genuine.body["data"]["createUser"]["email"], "mallory@example.org",
        "the same claims signed with the real key are accepted: {}",
        genuine.body
    );
}

// A configured secret.

#[tokio::test]
async fn a_configured_40_byte_secret_signs_login_tokens() {
    const SECRET: &str = "fictional-production-secret-0123456789ab";
    assert_eq!(SECRET.len(), 40);
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.auth.jwt_secret = Some(SECRET.into());
    })
    .await;
    admin(&app).await;

    let token = app.login("root.fictional@example.org").await;

    let (key, validation) = hs256_validation(SECRET.as_bytes());
    let (published, _) = hs256_validation(DEVELOPMENT_SECRET.as_bytes());
    assert!(decode::<Claims>(&token, &key, &validation).is_ok());
    assert!(
        decode::<Claims>(&token, &published, &validation).is_err(),
        "not signed with the development secret"
    );
}

// The command line.

fn cli(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(args)
        .env_remove("JWT_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A server in this process on the SQLite database at `url`, with no key
/// configured: it signs with the key file beside the database.
async fn serve_database(url: &str) -> (SocketAddr, AppState) {
    let mut config = Config::for_database(url);
    config.seed_fixture = false;
    let state = AppState::open(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(igf_perspectives::http::run(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    (addr, state)
}

#[tokio::test]
async fn the_cli_adds_an_account_and_mints_a_token_the_server_accepts() {
    // Its own SQLite file, whatever TEST_DATABASE_URL says: the command
    // line and the server share it.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let password = "Erin's fictional passphrase";

    let added = cli(
        &[
            "user",
            "add",
            "--email",
            "erin.fictional@example.org",
            "--role",
            "admin",
            "--database-url",
            &url,
        ],
        &format!("{password}\n"),
    );
    let minted = cli(
        &[
            "token",
            "--sub",
            "erin.fictional@example.org",
            "--role",
            "admin",
            "--ttl",
            "10m",
            "--database-url",
            &url,
        ],
        "",
    );
    let wrong_role = cli(
        &[
            "token",
            "--sub",
            "erin.fictional@example.org",
            "--role",
            "organizer",
            "--database-url",
            &url,
        ],
        "",
    );
    let token = text(&minted.stdout).trim().to_owned();
    let (addr, _state) = serve_database(&url).await;
    let client = reqwest::Client::new();
    let me: Value = client
        .post(format!("http://{addr}/graphql"))
        .bearer_auth(&token)
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let login: Value = client
        .post(format!("http://{addr}/graphql"))
        .json(&json!({ "query": LOGIN, "variables": { "e": "erin.fictional@example.org", "p": password } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert!(added.status.success(), "{}", text(&added.stderr));
    assert!(
        text(&added.stdout).starts_with("added erin.fictional@example.org (admin)"),
        "{}",
        text(&added.stdout)
    );
    assert!(minted.status.success(), "{}", text(&minted.stderr));
    assert_eq!(
        me["data"]["me"],
        json!({ "email": "erin.fictional@example.org", "role": "ADMIN", "disabled": false })
    );
    let key_file = std::fs::read(dir.path().join("x.db.jwt-key")).unwrap();
    let (key, validation) = hs256_validation(&key_file);
    let claims = decode::<Claims>(&token, &key, &validation).unwrap().claims;
    assert!(claims.exp.abs_diff(now() + 600) <= 60, "--ttl 10m");
    assert_eq!(
        login["data"]["login"]["user"]["email"], "erin.fictional@example.org",
        "the password came from standard input, without its newline: {login}"
    );
    assert!(!wrong_role.status.success());
    assert!(
        text(&wrong_role.stderr).contains("has role admin, not organizer"),
        "{}",
        text(&wrong_role.stderr)
    );
    assert!(wrong_role.stdout.is_empty(), "no token printed");
    for output in [&added, &minted, &wrong_role] {
        let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert!(!all.contains(password), "the password is never printed");
    }
    assert!(!text(&minted.stderr).contains(&token), "nor logged");
}

/// A `serve` process, stopped when dropped.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn a_served_sign_in_logs_neither_the_password_nor_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let password = "Fay's fictional passphrase";
    let wrong = "Fay's mistyped passphrase";
    let added = cli(
        &[
            "user",
            "add",
            "--email",
            "fay.fictional@example.org",
            "--role",
            "organizer",
            "--database-url",
            &url,
        ],
        &format!("{password}\n"),
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let log_path = dir.path().join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut served = Served(
        Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
            .args(["serve", "--database-url", &url, "--seed-fixture", "false"])
            .args(["--bind", &addr.to_string()])
            .env_remove("JWT_SECRET")
            .env_remove("LOG_FORMAT")
            .env("RUST_LOG", "debug")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap(),
    );
    let client = reqwest::Client::new();
    let graphql = format!("http://{addr}/graphql");
    let mut ready = false;
    for _ in 0..200 {
        if client
            .get(format!("http://{addr}/healthz"))
            .send()
            .await
            .is_ok()
        {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ready, "serve did not start");

    let login = |p: &str| {
        client
            .post(&graphql)
            .json(&json!({ "query": LOGIN, "variables": { "e": "fay.fictional@example.org", "p": p } }))
            .send()
    };
    login(wrong).await.unwrap();
    let signed_in: Value = login(password).await.unwrap().json().await.unwrap();
    let token = signed_in["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = client
        .post(&graphql)
        .bearer_auth(&token)
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap()
        .status();
    let tampered = format!("{}x", &token);
    let refused = client
        .post(&graphql)
        .bearer_auth(&tampered)
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap()
        .status();
    let _ = served.0.kill();
    let _ = served.0.wait();
    let logged = std::fs::read_to_string(&log_path).unwrap();

    assert_eq!((me.as_u16(), refused.as_u16()), (200, 401));
    assert!(
        logged.contains("signed in"),
        "the log was written: {logged}"
    );
    let signature = token.rsplit('.').next().unwrap();
    for secret in [password, wrong, token.as_str(), signature] {
        assert!(!logged.contains(secret), "{secret:?} is in the log");
    }
}

#[tokio::test]
async fn a_refused_token_is_answered_with_a_bearer_challenge() {
    let app = spawn().await;

    let response = app
        .client
        .post(app.url("/graphql"))
        .header("authorization", "Bearer abc")
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn the_audit_trail_of_accounts_holds_neither_passwords_nor_their_hashes() {
    let app = spawn().await;
    admin(&app).await;
    let token = app.login("root.fictional@example.org").await;
    let (first, second) = (
        "Gus's first fictional passphrase",
        "Gus's second fictional passphrase",
    );

    let created = app
        .data_as(
            &token,
            "mutation($p: String!) { createUser(input: {
                email: \"gus.fictional@example.org\", password: $p, role: ANALYST }) { id version } }",
            json!({ "p": first }),
        )
        .await;
    app.data_as(
        &token,
        "mutation($id: ID!, $v: Int!, $p: String!) {
            updateUser(id: $id, version: $v, input: { password: $p }) { version } }",
        json!({ "id": created["createUser"]["id"], "v": created["createUser"]["version"], "p": second }),
    )
    .await;
    let audit = app
        .data_as(
            &token,
            "{ auditLog(filter: { entityType: \"user\" }) { edges { node { action before after } } } }",
            json!({}),
        )
        .await;
    let relogin = app
        .gql(
            LOGIN,
            json!({ "e": "gus.fictional@example.org", "p": second }),
        )
        .await;

    let entries = audit["auditLog"]["edges"].as_array().unwrap();
    let gus: Vec<&Value> = entries
        .iter()
        .map(|e| &e["node"])
        .filter(|n| n["after"]["email"] == "gus.fictional@example.org")
        .collect();
    assert_eq!(gus.len(), 2, "the creation and the change: {audit}");
    assert_eq!(gus[1]["before"]["email"], "gus.fictional@example.org");
    let trail = audit.to_string();
    for secret in [first, second, "$argon2", "password"] {
        assert!(!trail.contains(secret), "{secret:?} is in {trail}");
    }
    assert!(
        relogin["data"]["login"]["token"].is_string(),
        "the change took: {relogin}"
    );
}
