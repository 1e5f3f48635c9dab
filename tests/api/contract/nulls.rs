//! A failed field nulls exactly what the specification says: itself when
//! its type allows, else the nearest nullable place above it, through
//! aliases and fragments; a field that failed beside others that failed
//! too is still there, `null`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, node_id, spawn_app};

async fn answer(app: &TestApp, query: &str) -> Value {
    app.client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_failed_non_null_field_nulls_the_nearest_nullable_place() {
    let app = spawn_app().await;
    // `sessions` may not be null: the whole answer is.
    let body = answer(
        &app,
        "{ regions { code } sessions(first: 101) { totalCount } }",
    )
    .await;
    assert!(
        body["data"].is_null() && body.get("data").is_some(),
        "{body}"
    );
    assert_eq!(body["errors"][0]["path"], json!(["sessions"]));

    // Under aliases: `positions` may not be null, `session` may.
    let body = answer(
        &app,
        r#"{ regions { code } s: session(event: "igf-2025", code: "WS #461") { code p: positions(first: 101) { totalCount } } }"#,
    )
    .await;
    assert!(body["data"]["regions"].is_array(), "{body}");
    assert!(
        body["data"]["s"].is_null() && body["data"].get("s").is_some(),
        "{body}"
    );

    // Through an interface's fragment.
    let id = node_id("Session", 1);
    let body = answer(
        &app,
        &format!(r#"{{ node(id: "{id}") {{ ... on Session {{ code positions(first: 101) {{ totalCount }} }} }} }}"#),
    )
    .await;
    assert!(
        body["data"]["node"].is_null() && body["data"].get("node").is_some(),
        "{body}"
    );
}

#[tokio::test]
async fn fields_that_all_failed_are_each_there_null() {
    let app = spawn_app().await;
    let body = answer(
        &app,
        r#"{ sessionReport(event: "igf-1999", code: "WS #1") auditLog(first: 1) { totalCount } }"#,
    )
    .await;
    assert_eq!(
        body["data"],
        json!({ "sessionReport": null, "auditLog": null }),
        "{body}"
    );
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
}
