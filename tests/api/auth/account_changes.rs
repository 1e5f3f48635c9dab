//! Changes to an account take effect on its next request.

use super::*;

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
