//! Attacks that must change nothing: forged, expired, foreign and garbled
//! tokens, and roles that may not write.

use super::*;

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
