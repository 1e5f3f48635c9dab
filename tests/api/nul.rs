//! A NUL character (U+0000) in any text a client sends is refused as
//! `BAD_USER_INPUT` naming where it is, on both databases, and nothing is
//! stored: PostgreSQL cannot hold one in a text column, and SQLite would
//! keep it where no reader expects it.

use entity::user::UserRole;
use serde_json::{Value, json};

use crate::helpers::*;

fn assert_refused(body: &Value, field: &str) {
    let error = &body["errors"][0];
    assert_eq!(error_code(body), "BAD_USER_INPUT", "{body}");
    assert_eq!(error["extensions"]["field"], field, "{body}");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("NUL"), "{message}");
}

#[tokio::test]
async fn a_nul_in_a_variable_is_refused_naming_it_and_nothing_is_stored() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let create = "mutation($input: PersonInput!) { createPerson(input: $input) { id } }";

    let (status, body) = app
        .gql_as(
            &admin,
            create,
            json!({"input": {"name": "Ada\u{0}Fictional", "affiliation": "Somewhere"}}),
        )
        .await;
    assert_eq!(status, 200);
    assert_refused(&body, "input.name");

    let (_, body) = app
        .gql_as(
            &admin,
            create,
            json!({"input": {"name": "Ada Fictional", "affiliation": "Some\u{0}where"}}),
        )
        .await;
    assert_refused(&body, "input.affiliation");

    let people = app
        .data("{ people(first: 5) { totalCount } }", json!({}))
        .await;
    assert_eq!(people["people"]["totalCount"], 0, "nothing was stored");
}

#[tokio::test]
async fn a_nul_written_in_the_document_or_a_filter_is_refused_before_anything_runs() {
    let app = spawn_empty_app().await;
    let body = app
        .gql(
            r#"{ people(first: 5, filter: {name: "Ada\u0000"}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_refused(&body, "filter.name");

    let body = app
        .gql(
            "query($e: String!) { session(event: $e, code: \"WS 1\") { code } }",
            json!({"e": "igf\u{0}2025"}),
        )
        .await;
    assert_refused(&body, "event");

    // Sign-in reads the email before any lookup.
    let body = app
        .gql(
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            json!({"e": "a\u{0}@example.org", "p": "whatever it is"}),
        )
        .await;
    assert_refused(&body, "email");
}

#[tokio::test]
async fn a_proposal_holding_a_nul_is_refused_whole() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let text = include_str!("../../fixtures/igf2025-ws461-proposal.txt").replacen(
        "Speaker 1",
        "Speaker\u{0} 1",
        1,
    );
    let (_, body) = app
        .gql_as(
            &admin,
            "mutation($t: String!) { importProposal(event: \"igf-2025\", text: $t) { code } }",
            json!({"t": text}),
        )
        .await;
    assert_refused(&body, "text");
    let sessions = app
        .data("{ sessions(first: 5) { totalCount } }", json!({}))
        .await;
    assert_eq!(sessions["sessions"]["totalCount"], 0);
}

#[tokio::test]
async fn an_export_filter_holding_a_nul_is_bad_input_not_a_server_error() {
    let app = spawn_empty_app().await;
    let analyst = app.login_as(UserRole::Analyst).await;
    for (param, field) in [
        ("event", "event"),
        ("topic", "topic"),
        ("stakeholderGroup", "stakeholderGroup"),
    ] {
        for format in ["csv", "ndjson"] {
            let response = app
                .client
                .get(app.url(&format!("/export/positions.{format}?{param}=igf%002025")))
                .bearer_auth(&analyst)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 400, "{param} {format}");
            let body: Value = response.json().await.unwrap();
            assert_refused(&body, field);
        }
    }
}
