//! The single lookups: `event(code:)`, `topic(code:)`, `position(id:)` and
//! `policyQuestion(id:)` find what exists, answer null for what does not,
//! and say which ID is of the wrong kind. (Drafts and `position(id:)`: see
//! the visibility tests, which read every path.)

use serde_json::json;

use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn events_topics_and_policy_questions_are_found_by_their_keys() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{ event(code: "igf-2025") { code year }
                 missing: event(code: "igf-1999") { code }
                 topic(code: "enhanced-cooperation") { code stances { code } }
                 unknown: topic(code: "no-such-topic") { code }
                 session(event: "igf-2025", code: "WS #461") { policyQuestions { id text } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["event"], json!({ "code": "igf-2025", "year": 2025 }));
    assert!(data["missing"].is_null() && data["unknown"].is_null());
    assert_eq!(data["topic"]["code"], "enhanced-cooperation");
    assert!(!data["topic"]["stances"].as_array().unwrap().is_empty());

    let question = &data["session"]["policyQuestions"][0];
    let found = app
        .data(
            "query($id: ID!) { policyQuestion(id: $id) { id text session { code } } }",
            json!({ "id": question["id"] }),
        )
        .await;
    assert_eq!(found["policyQuestion"]["text"], question["text"]);
    assert_eq!(found["policyQuestion"]["session"]["code"], "WS #461");

    // An ID of another kind is the caller's mistake, said on `id`.
    let body = app
        .gql(
            "query($id: ID!) { position(id: $id) { summary } }",
            json!({ "id": question["id"] }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "id");
    assert!(body["data"]["position"].is_null());
}
