//! `updateSessionRole(patch:)` changes a role as every update changes
//! things: what the patch leaves out stays, an explicit `null` clears; the
//! deprecated `input:` still replaces the whole role.

use entity::user::UserRole;
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app};

const ROLE: &str = "id version role order affiliation participation person { name }
    stakeholderGroup { code } stakeholderGroupAsWritten region { code } regionAsWritten";

async fn first_speaker(app: &TestApp, admin: &str) -> Value {
    let q = format!(
        r#"{{ session(event: "igf-2025", code: "WS #461") {{ roles(role: SPEAKER) {{ {ROLE} }} }} }}"#
    );
    app.data_as(admin, &q, json!({})).await["session"]["roles"][0].clone()
}

async fn patch(app: &TestApp, admin: &str, role: &Value, patch: Value) -> Value {
    let q = format!(
        "mutation($id: ID!, $v: Int!, $p: UpdateSessionRoleInput) {{
            updateSessionRole(id: $id, version: $v, patch: $p) {{ {ROLE} }} }}"
    );
    app.data_as(
        admin,
        &q,
        json!({ "id": role["id"], "v": role["version"], "p": patch }),
    )
    .await["updateSessionRole"]
        .clone()
}

/// `role` without the fields a write moves on.
fn steady(role: &Value, except: &[&str]) -> Value {
    let mut role = role.clone();
    let map = role.as_object_mut().unwrap();
    for key in ["version"].iter().chain(except) {
        map.remove(*key);
    }
    role
}

#[tokio::test]
async fn a_patch_keeps_what_it_leaves_out_and_null_clears() {
    let app = spawn_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let before = first_speaker(&app, &admin).await;
    assert!(
        before["person"].is_object() && before["stakeholderGroup"].is_object(),
        "{before}"
    );

    let after = patch(
        &app,
        &admin,
        &before,
        json!({ "affiliation": "Fictional Institute" }),
    )
    .await;
    assert_eq!(after["affiliation"], "Fictional Institute");
    assert_eq!(
        steady(&after, &["affiliation"]),
        steady(&before, &["affiliation"])
    );

    let cleared = patch(&app, &admin, &after, json!({ "participation": "ONLINE" })).await;
    let cleared = patch(&app, &admin, &cleared, json!({ "participation": null })).await;
    assert!(cleared["participation"].is_null());
    assert_eq!(
        steady(&cleared, &["participation"]),
        steady(&after, &["participation"])
    );

    // A new region replaces the pair: the old as-written text goes.
    let moved = patch(&app, &admin, &cleared, json!({ "region": "african" })).await;
    assert_eq!(moved["region"]["code"], "african");
    assert_ne!(moved["regionAsWritten"], cleared["regionAsWritten"]);
    assert_eq!(
        moved["regionAsWritten"], "African Group",
        "the new region's own name"
    );
    assert_eq!(
        steady(&moved, &["region", "regionAsWritten"]),
        steady(&cleared, &["region", "regionAsWritten"])
    );

    // Clearing the text alone keeps the code (whose own name stands in).
    let plain = patch(&app, &admin, &moved, json!({ "regionAsWritten": null })).await;
    assert_eq!(plain["region"]["code"], "african");
    assert_eq!(plain["regionAsWritten"], "African Group");

    // A stale version is a conflict, and nothing changes.
    let q = "mutation($id: ID!, $v: Int!) { updateSessionRole(id: $id, version: $v, patch: {affiliation: \"x\"}) { id } }";
    let (_, body) = app
        .gql_as(
            &admin,
            q,
            json!({ "id": before["id"], "v": before["version"] }),
        )
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
}

#[tokio::test]
async fn the_deprecated_input_still_replaces_and_one_of_the_two_is_needed() {
    let app = spawn_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let before = first_speaker(&app, &admin).await;
    let q = format!(
        "mutation($id: ID!, $v: Int!) {{
            updateSessionRole(id: $id, version: $v, input: {{role: SPEAKER}}) {{ {ROLE} }} }}"
    );
    let replaced = app
        .data_as(
            &admin,
            &q,
            json!({ "id": before["id"], "v": before["version"] }),
        )
        .await["updateSessionRole"]
        .clone();
    assert!(replaced["person"].is_null() && replaced["stakeholderGroup"].is_null());

    for args in ["", ", input: {role: SPEAKER}, patch: {order: 1}"] {
        let q = format!(
            "mutation($id: ID!, $v: Int!) {{ updateSessionRole(id: $id, version: $v{args}) {{ id }} }}"
        );
        let (_, body) = app
            .gql_as(
                &admin,
                &q,
                json!({ "id": replaced["id"], "v": replaced["version"] }),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{args}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "patch");
    }
}
