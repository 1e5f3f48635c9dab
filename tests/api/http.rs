use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn healthz_and_readyz_answer_ok() {
    let app = spawn_empty_app().await;

    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();

    assert_eq!(health.status(), 200);
    assert_eq!(health.json::<Value>().await.unwrap()["status"], "ok");
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.json::<Value>().await.unwrap()["status"], "ready");
}

#[tokio::test]
async fn readyz_answers_503_when_the_database_is_gone() {
    let app = spawn_empty_app().await;
    app.state.db.clone().close().await.unwrap();

    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();

    assert_eq!(ready.status(), 503);
}

#[tokio::test]
async fn a_query_runs_over_get() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[
            (
                "query",
                "query($c: String!) { session(event: \"igf-2025\", code: $c) { code } }",
            ),
            ("variables", r#"{"c":"WS #461"}"#),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["session"]["code"], "WS #461");
}

#[tokio::test]
async fn a_browser_gets_graphiql_on_get() {
    let app = spawn_empty_app().await;

    let response = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .to_lowercase()
            .contains("graphiql")
    );
}

#[tokio::test]
async fn a_mutation_over_get_is_refused_with_405() {
    let app = spawn_empty_app().await;

    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "mutation { anything }")])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("POST")
    );
}

#[tokio::test]
async fn a_post_that_is_not_json_is_refused_with_415() {
    let app = spawn_empty_app().await;

    // A form post is what a cross-site page can send without CORS.
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("query={regions{code}}")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 415);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("application/json")
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.max_body_bytes = 1024;
    })
    .await;

    let query = format!("{{ regions {{ code }} }} # {}", "x".repeat(2048));
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("1024 bytes")
    );
}

#[tokio::test]
async fn a_body_that_is_not_a_graphql_request_is_refused_with_400() {
    let app = spawn_empty_app().await;

    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "GRAPHQL_PARSE_FAILED");
}

#[tokio::test]
async fn other_methods_get_405_with_a_graphql_shaped_body() {
    let app = spawn_empty_app().await;

    let response = app.client.put(app.url("/graphql")).send().await.unwrap();

    assert_eq!(response.status(), 405);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("GET and POST")
    );
}

#[tokio::test]
async fn an_unknown_path_gets_404_naming_the_endpoint() {
    let app = spawn_empty_app().await;

    let response = app.client.get(app.url("/graphq")).send().await.unwrap();

    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("/graphql")
    );
}

#[tokio::test]
async fn cors_answers_preflight_for_a_configured_origin_only() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.cors_origins = vec!["https://nri.example".into()];
    })
    .await;

    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/graphql"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("https://nri.example").await.unwrap();
    let other = preflight("https://elsewhere.example").await.unwrap();

    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://nri.example"
    );
    assert!(other.headers().get("access-control-allow-origin").is_none());
}
