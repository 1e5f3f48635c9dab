//! Signing keys and trusted issuers, and a configured secret.

use super::*;

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
