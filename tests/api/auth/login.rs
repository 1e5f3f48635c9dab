//! Signing in: tokens, `me`, and answers that give nothing away.

use super::*;

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
