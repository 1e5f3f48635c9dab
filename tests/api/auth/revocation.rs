//! Tokens stop working when what they stood for ends: a new password, a
//! disable (and enabling the account again does not bring them back), and
//! `revokeTokens`. A token signed afterwards works.

use super::*;

const BEA: &str = "bea.fictional@example.org";
const UPDATE: &str = "mutation($id: ID!, $v: Int!, $in: UpdateUserInput!) { updateUser(id: $id, version: $v, input: $in) { version } }";
const REVOKE: &str = "mutation($id: ID!) { revokeTokens(user: $id) { id version } }";

/// Bea signs in: her token, global ID and version.
async fn sign_in(app: &TestApp, password: &str) -> (String, Value, i64) {
    let body = app.data(LOGIN, json!({ "e": BEA, "p": password })).await;
    let login = &body["login"];
    (
        login["token"].as_str().unwrap().to_owned(),
        login["user"]["id"].clone(),
        login["user"]["version"].as_i64().unwrap(),
    )
}

/// `me` with `token` answers 401 `UNAUTHENTICATED`, saying it was revoked.
async fn assert_revoked(app: &TestApp, token: &str) {
    let (status, body) = app.gql_as(token, ME, json!({})).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("revoked"), "{message}");
}

async fn assert_works(app: &TestApp, token: &str) {
    let me = app.data_as(token, ME, json!({})).await;
    assert_eq!(me["me"]["email"], BEA);
}

#[tokio::test]
async fn a_new_password_revokes_earlier_tokens() {
    let app = spawn().await;
    admin(&app).await;
    let root = app.login("root.fictional@example.org").await;
    app.account(BEA, UserRole::Organizer).await;
    let (old, id, version) = sign_in(&app, PASSWORD).await;
    assert_works(&app, &old).await;

    let new_password = "a quite different passphrase";
    app.data_as(
        &root,
        UPDATE,
        json!({ "id": id, "v": version, "in": { "password": new_password } }),
    )
    .await;

    assert_revoked(&app, &old).await;
    let (fresh, _, _) = sign_in(&app, new_password).await;
    assert_works(&app, &fresh).await;
}

#[tokio::test]
async fn enabling_a_disabled_account_again_does_not_bring_its_old_tokens_back() {
    let app = spawn().await;
    admin(&app).await;
    let root = app.login("root.fictional@example.org").await;
    app.account(BEA, UserRole::Analyst).await;
    let (old, id, version) = sign_in(&app, PASSWORD).await;

    let disabled = app
        .data_as(
            &root,
            UPDATE,
            json!({ "id": id, "v": version, "in": { "disabled": true } }),
        )
        .await;
    let version = disabled["updateUser"]["version"].as_i64().unwrap();
    app.data_as(
        &root,
        UPDATE,
        json!({ "id": id, "v": version, "in": { "disabled": false } }),
    )
    .await;

    assert_revoked(&app, &old).await;
    let (fresh, _, _) = sign_in(&app, PASSWORD).await;
    assert_works(&app, &fresh).await;
}

#[tokio::test]
async fn revoke_tokens_is_for_admins_and_for_the_account_itself() {
    let app = spawn().await;
    admin(&app).await;
    let root = app.login("root.fictional@example.org").await;
    app.account(BEA, UserRole::Organizer).await;
    app.account("cy.fictional@example.org", UserRole::Organizer)
        .await;
    let cy = app.login("cy.fictional@example.org").await;
    let (first, id, version) = sign_in(&app, PASSWORD).await;

    // Another organizer may not sign Bea out.
    let (_, refused) = app.gql_as(&cy, REVOKE, json!({ "id": id })).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_works(&app, &first).await;

    // An admin may; the account's version moves on, as with any change.
    let revoked = app.data_as(&root, REVOKE, json!({ "id": id })).await;
    assert_eq!(revoked["revokeTokens"]["version"], version + 1);
    assert_revoked(&app, &first).await;

    // Bea signs out everywhere herself, with the token she is using.
    let (second, _, _) = sign_in(&app, PASSWORD).await;
    let (third, _, _) = sign_in(&app, PASSWORD).await;
    app.data_as(&second, REVOKE, json!({ "id": id })).await;
    assert_revoked(&app, &second).await;
    assert_revoked(&app, &third).await;
    let (fourth, _, _) = sign_in(&app, PASSWORD).await;
    assert_works(&app, &fourth).await;

    // Other accounts' tokens are untouched; the anonymous are refused.
    assert_eq!(
        app.data_as(&cy, ME, json!({})).await["me"]["email"],
        "cy.fictional@example.org"
    );
    let anonymous = app.gql(REVOKE, json!({ "id": id })).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
}
