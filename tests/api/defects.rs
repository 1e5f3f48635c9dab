//! Defects found after the features landed: errors that told the user the
//! wrong thing, people filters that missed accented names, and rate limits
//! that did not say when to try again. Names are fictional.

use entity::user::UserRole;
use serde_json::{Value, json};

use crate::{
    helpers::*,
    import::{run_import, with_region},
};

const IMPORT: &str = r#"mutation($text: String!) {
    importProposal(event: "igf-2031", text: $text) { code } }"#;

/// POST `body` as JSON to `/graphql`: the status, `Retry-After` and body.
async fn post(app: &TestApp, body: &Value) -> (u16, Option<String>, Value) {
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, retry, response.json().await.expect("JSON body"))
}

fn message(body: &Value) -> &str {
    body["errors"][0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message in {body}"))
}

// Errors that say what to fix.

#[tokio::test]
async fn an_import_whose_header_has_no_session_code_quotes_the_header_it_read() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let text = "IGF 2031   Fictional Panel on Rivers\n\
                Speaker 1: Ada Lindgren, Government, WEOG\n";

    let (_, body) = app.gql_as(&admin, IMPORT, json!({ "text": text })).await;

    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert!(
        message(&body).contains("line 1: the header names no session code; it reads `IGF 2031 Fictional Panel on Rivers`"),
        "{body}"
    );
}

#[tokio::test]
async fn a_very_long_header_without_a_session_code_is_quoted_shortened() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let title = "Rivers ".repeat(60);
    let text = format!("\n  IGF 2031 {title}\nSpeaker 1: Ada Lindgren, Government, WEOG\n");

    let (_, body) = app.gql_as(&admin, IMPORT, json!({ "text": text })).await;

    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    let said = message(&body);
    assert!(
        said.contains("line 2: the header names no session code; it reads `IGF 2031 Rivers Rivers"),
        "{said}"
    );
    assert!(said.contains("…`"), "{said}");
    assert!(said.chars().count() < 250, "{said}");
}

#[tokio::test]
async fn a_strict_import_refusal_says_nothing_was_stored_and_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = dir.path().join("ws402.txt");
    std::fs::write(&file, with_region(402, "Hollis Tremblay", "Outer Atlantis")).unwrap();

    let run = run_import(
        &db,
        &["--strict", "--event", "igf-2031", file.to_str().unwrap()],
    )
    .await;

    assert_ne!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let error = run.stdout.lines().next().unwrap();
    assert!(error.contains("nothing was stored"), "{error}");
    assert!(error.contains("region `Outer Atlantis`"), "{error}");
    assert!(error.contains("add an alias"), "{error}");
    assert!(!error.contains("kept as written and queued"), "{error}");
}

#[tokio::test]
async fn a_session_report_for_an_unknown_event_is_not_found() {
    let app = spawn_empty_app().await;

    let body = app
        .gql(
            r#"{ sessionReport(event: "igf-1901", code: "WS #1") }"#,
            json!({}),
        )
        .await;

    assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
    assert!(message(&body).contains("igf-1901"), "{body}");
}

#[tokio::test]
async fn variables_that_are_not_an_object_are_refused_saying_so() {
    let app = spawn_empty_app().await;

    for variables in [json!([1]), json!("{}"), json!(7)] {
        let request = json!({ "query": "{ regions { code } }", "variables": variables });
        let (status, _, body) = post(&app, &request).await;

        assert_eq!(status, 400, "{body}");
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(
            message(&body),
            "`variables` must be a JSON object mapping variable names to values"
        );
    }
}

#[tokio::test]
async fn an_empty_batch_is_bad_input_that_asks_for_an_operation() {
    let app = spawn_empty_app().await;

    let (status, _, body) = post(&app, &json!([])).await;

    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert!(
        message(&body).starts_with("a batch must carry at least one operation"),
        "{body}"
    );
}

#[tokio::test]
async fn an_operation_of_a_batch_with_bad_variables_is_named() {
    let app = spawn_empty_app().await;
    let good = json!({ "query": "{ regions { code } }" });
    let bad = json!({ "query": "{ regions { code } }", "variables": [] });

    let (status, _, body) = post(&app, &json!([good, bad])).await;

    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(
        message(&body),
        "operation 2 of the batch: `variables` must be a JSON object mapping variable names to values"
    );
}

#[tokio::test]
async fn an_unknown_export_parameter_is_named_in_a_plain_sentence() {
    let app = spawn_empty_app().await;
    let analyst = app.login_as(UserRole::Analyst).await;

    let response = app
        .client
        .get(app.url("/export/positions.csv?foo=1"))
        .bearer_auth(&analyst)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    let said = message(&body);
    assert!(
        said.starts_with("unknown parameter `foo`; the parameters are"),
        "{said}"
    );
    assert!(!said.contains("deserialize"), "{said}");
}

#[tokio::test]
async fn a_subscription_is_refused_with_one_error() {
    let app = spawn_empty_app().await;

    let body = app
        .gql("subscription { regions { code } }", json!({}))
        .await;

    let errors = body["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{body}");
}

// People filters fold case and accents as person matching does.

#[tokio::test]
async fn people_filtered_by_name_are_found_in_any_case_and_without_accents() {
    let app = spawn_empty_app().await;
    app.person("José Fictício Almirante", None, None).await;
    app.person("Lan Nguyễn Thị Example", None, None).await;
    app.person("Jose Plainname", None, None).await;
    app.person("Ödön Sample-Kovács", None, None).await;
    let names = |filter: &'static str| {
        let app = &app;
        async move {
            let data = app
                .data(
                    "query($n: String) { people(filter: { name: $n }) { nodes { name } } }",
                    json!({ "n": filter }),
                )
                .await;
            let mut names: Vec<String> = data["people"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            names.sort();
            names
        }
    };

    assert_eq!(
        names("jose").await,
        ["Jose Plainname", "José Fictício Almirante"]
    );
    assert_eq!(
        names("JOSÉ").await,
        ["Jose Plainname", "José Fictício Almirante"]
    );
    assert_eq!(names("nguyen thi").await, ["Lan Nguyễn Thị Example"]);
    assert_eq!(names("fictício").await, ["José Fictício Almirante"]);
    assert_eq!(names("odon kovacs").await, ["Ödön Sample-Kovács"]);
    assert_eq!(names("sample-kovacs").await, ["Ödön Sample-Kovács"]);
    assert_eq!(names("nobody").await, Vec::<String>::new());
}

// RATE_LIMITED says when to try again.

#[tokio::test]
async fn a_rate_limited_sign_in_says_when_to_retry_in_the_header_and_the_extension() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.auth.login_attempts_per_minute = 3;
    })
    .await;
    let login = json!({
        "query": "mutation { login(email: \"ines.fictional@example.org\", password: \"guess\") { token } }"
    });
    for _ in 0..3 {
        let (_, retry, body) = post(&app, &login).await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
        assert_eq!(retry, None, "{body}");
    }

    let (status, retry, body) = post(&app, &login).await;

    assert_eq!(status, 200, "{body}");
    assert_eq!(error_code(&body), "RATE_LIMITED", "{body}");
    let seconds = body["errors"][0]["extensions"]["retryAfter"]
        .as_u64()
        .unwrap_or_else(|| panic!("retryAfter is a whole number of seconds: {body}"));
    // Three a minute: one comes back every 20 seconds.
    assert!((1..=20).contains(&seconds), "{body}");
    assert_eq!(retry, Some(seconds.to_string()), "{body}");
    let says = format!("try again in {seconds} second");
    assert!(message(&body).contains(&says), "{body}");
}

#[tokio::test]
async fn a_rate_limited_operation_in_a_batch_sets_retry_after_for_the_batch() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.auth.login_attempts_per_minute = 1;
    })
    .await;
    let login = json!({
        "query": "mutation { login(email: \"ines.fictional@example.org\", password: \"guess\") { token } }"
    });
    let regions = json!({ "query": "{ regions { code } }" });

    let (_, _, first) = post(&app, &login).await;
    let (status, retry, batch) = post(&app, &json!([regions, login])).await;

    assert_eq!(error_code(&first), "UNAUTHENTICATED", "{first}");
    assert_eq!(status, 200, "{batch}");
    assert_eq!(batch[1]["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    let seconds = batch[1]["errors"][0]["extensions"]["retryAfter"]
        .as_u64()
        .unwrap_or_else(|| panic!("retryAfter: {batch}"));
    assert!((1..=60).contains(&seconds), "{batch}");
    assert_eq!(retry, Some(seconds.to_string()), "{batch}");
}
