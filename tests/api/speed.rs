//! What front ends need for speed: automatic persisted queries, cache
//! headers and compressed answers.

use std::io::Read;

use entity::user::UserRole;
use reqwest::{Response, header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::*;

const REGIONS: &str = "{ regions { code name } }";

fn sha256(query: &str) -> String {
    format!("{:x}", Sha256::digest(query.as_bytes()))
}

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

impl TestApp {
    /// POST a request with `extensions.persistedQuery`, with or without its query.
    async fn post_persisted(&self, query: Option<&str>, hash: &str) -> Value {
        let mut body = json!({ "extensions": persisted(hash) });
        if let Some(query) = query {
            body["query"] = json!(query);
        }
        let response = self
            .client
            .post(self.url("/graphql"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// GET with `extensions` in the query string, as Apollo clients send it.
    async fn get_persisted(&self, query: Option<&str>, hash: &str) -> Response {
        let mut params = vec![("extensions", persisted(hash).to_string())];
        if let Some(query) = query {
            params.push(("query", query.to_owned()));
        }
        self.client
            .get(self.url("/graphql"))
            .query(&params)
            .send()
            .await
            .unwrap()
    }

    async fn get_query(&self, query: &str) -> Response {
        self.client
            .get(self.url("/graphql"))
            .query(&[("query", query)])
            .send()
            .await
            .unwrap()
    }
}

fn cache_control(response: &Response) -> &str {
    response.headers()[header::CACHE_CONTROL].to_str().unwrap()
}

/// Every value of every `Vary` header, lowercase.
fn vary(response: &Response) -> Vec<String> {
    response
        .headers()
        .get_all(header::VARY)
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test]
async fn an_unknown_hash_answers_persisted_query_not_found_over_post_and_get() {
    let app = spawn_empty_app().await;
    let hash = sha256(REGIONS);

    let post = app.post_persisted(None, &hash).await;
    let get = app.get_persisted(None, &hash).await;

    assert_eq!(error_code(&post), "PERSISTED_QUERY_NOT_FOUND");
    assert_eq!(post["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(get.status(), 200);
    assert_eq!(cache_control(&get), "no-store");
    let get: Value = get.json().await.unwrap();
    assert_eq!(error_code(&get), "PERSISTED_QUERY_NOT_FOUND");
}

#[tokio::test]
async fn a_query_registered_over_post_then_runs_by_hash_over_post_and_get() {
    let app = spawn_empty_app().await;
    let hash = sha256(REGIONS);
    let expected = app.data(REGIONS, json!({})).await;
    assert!(!expected["regions"].as_array().unwrap().is_empty());

    let registered = app.post_persisted(Some(REGIONS), &hash).await;
    let by_post = app.post_persisted(None, &hash).await;
    let by_get = app.get_persisted(None, &hash).await;

    assert_eq!(registered["data"], expected, "{registered}");
    assert_eq!(by_post["data"], expected, "{by_post}");
    assert_eq!(by_get.status(), 200);
    assert_eq!(cache_control(&by_get), "public, max-age=60");
    let by_get: Value = by_get.json().await.unwrap();
    assert_eq!(by_get["data"], expected, "{by_get}");
}

#[tokio::test]
async fn a_query_registered_over_get_then_runs_by_hash_with_variables() {
    let app = spawn_app().await;
    let query = "query($c: String!) { session(event: \"igf-2025\", code: $c) { code title } }";
    let hash = sha256(query);
    let get = |query: Option<&'static str>| {
        let mut params = vec![
            ("extensions", persisted(&hash).to_string()),
            ("variables", json!({ "c": "WS #461" }).to_string()),
        ];
        if let Some(query) = query {
            params.push(("query", query.to_owned()));
        }
        app.client.get(app.url("/graphql")).query(&params).send()
    };

    let missing: Value = get(None).await.unwrap().json().await.unwrap();
    let registered: Value = get(Some(query)).await.unwrap().json().await.unwrap();
    let by_hash: Value = get(None).await.unwrap().json().await.unwrap();

    assert_eq!(error_code(&missing), "PERSISTED_QUERY_NOT_FOUND");
    assert_eq!(
        registered["data"]["session"]["code"], "WS #461",
        "{registered}"
    );
    assert_eq!(by_hash["data"], registered["data"]);
}

#[tokio::test]
async fn a_hash_that_does_not_match_its_query_is_refused_and_not_kept() {
    let app = spawn_empty_app().await;
    let wrong = sha256("{ events { code } }");

    let refused = app.post_persisted(Some(REGIONS), &wrong).await;
    let afterwards = app.post_persisted(None, &wrong).await;

    assert_eq!(error_code(&refused), "BAD_USER_INPUT");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("does not match"),
        "{refused}"
    );
    assert!(refused["data"].is_null());
    assert_eq!(error_code(&afterwards), "PERSISTED_QUERY_NOT_FOUND");
}

#[tokio::test]
async fn a_hash_in_capitals_finds_the_same_query() {
    let app = spawn_empty_app().await;
    let hash = sha256(REGIONS);
    app.post_persisted(Some(REGIONS), &hash).await;

    let body = app.post_persisted(None, &hash.to_uppercase()).await;

    assert!(body.get("errors").is_none(), "{body}");
    assert!(!body["data"]["regions"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_malformed_persisted_query_extension_is_bad_user_input() {
    let app = spawn_empty_app().await;
    let hash = sha256(REGIONS);
    let bodies = [
        json!({ "query": REGIONS, "extensions": { "persistedQuery": { "version": 2, "sha256Hash": hash } } }),
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "not-a-hash" } } }),
        json!({ "extensions": { "persistedQuery": { "version": 1 } } }),
        json!({ "extensions": { "persistedQuery": "yes" } }),
    ];

    for body in bodies {
        let response = app
            .client
            .post(app.url("/graphql"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let answer: Value = response.json().await.unwrap();
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{body} → {answer}");
        assert!(answer["data"].is_null());
    }
}

#[tokio::test]
async fn extensions_over_get_that_are_not_a_json_object_are_refused_with_400() {
    let app = spawn_empty_app().await;

    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("extensions", "{persistedQuery")])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    assert_eq!(cache_control(&response), "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("extensions")
    );
}

#[tokio::test]
async fn a_query_registered_with_a_syntax_error_is_a_parse_failure() {
    let app = spawn_empty_app().await;
    let broken = "{ regions { code ";

    let body = app.post_persisted(Some(broken), &sha256(broken)).await;

    assert_eq!(error_code(&body), "GRAPHQL_PARSE_FAILED", "{body}");
}

#[tokio::test]
async fn a_persisted_query_still_meets_the_query_limits() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.max_query_aliases = 1;
    })
    .await;
    let query = "{ a: regions { code } b: regions { code } }";
    let hash = sha256(query);

    let registered = app.post_persisted(Some(query), &hash).await;
    let by_hash = app.post_persisted(None, &hash).await;

    assert_eq!(error_code(&registered), "QUERY_TOO_COMPLEX", "{registered}");
    assert_eq!(error_code(&by_hash), "QUERY_TOO_COMPLEX", "{by_hash}");
}

#[tokio::test]
async fn a_mutation_sent_by_hash_over_get_is_refused_with_405() {
    let app = spawn_empty_app().await;
    let mutation = "mutation { login(email: \"nobody@example.org\", password: \"not the password\") { token } }";
    let hash = sha256(mutation);
    // Registered over POST, where mutations belong.
    let registered = app.post_persisted(Some(mutation), &hash).await;
    assert_eq!(error_code(&registered), "UNAUTHENTICATED", "{registered}");

    let response = app.get_persisted(None, &hash).await;

    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()[header::ALLOW], "POST");
    assert_eq!(cache_control(&response), "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}

#[tokio::test]
async fn an_anonymous_query_over_get_may_be_cached_publicly_for_the_configured_time() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.cache_max_age_secs = 300;
    })
    .await;

    let response = app.get_query(REGIONS).await;

    assert_eq!(response.status(), 200);
    assert_eq!(cache_control(&response), "public, max-age=300");
    assert!(vary(&response).contains(&"authorization".into()));
}

#[tokio::test]
async fn a_query_over_get_with_a_token_is_private() {
    let app = spawn_empty_app().await;
    let token = app.login_as(UserRole::Analyst).await;

    let response = app
        .client
        .get(app.url("/graphql"))
        .bearer_auth(&token)
        .query(&[("query", REGIONS)])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(cache_control(&response), "private, no-store");
    assert!(vary(&response).contains(&"authorization".into()));
    let body: Value = response.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test]
async fn a_post_is_private_with_or_without_a_token() {
    let app = spawn_empty_app().await;
    let token = app.login_as(UserRole::Analyst).await;
    let post = |token: Option<&str>| {
        let request = app
            .client
            .post(app.url("/graphql"))
            .json(&json!({ "query": REGIONS }));
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
        .send()
    };

    let anonymous = post(None).await.unwrap();
    let signed_in = post(Some(&token)).await.unwrap();

    for response in [&anonymous, &signed_in] {
        assert_eq!(response.status(), 200);
        assert_eq!(cache_control(response), "private, no-store");
        assert!(vary(response).contains(&"authorization".into()));
    }
}

#[tokio::test]
async fn an_answer_with_errors_is_not_stored() {
    let app = spawn_empty_app().await;

    let invalid = app.get_query("{ noSuchField }").await;
    let bad_page = app
        .get_query("{ sessions(first: 1000) { totalCount } }")
        .await;
    let refused = app.get_query("mutation { anything }").await;

    assert_eq!(invalid.status(), 200);
    assert_eq!(cache_control(&invalid), "no-store");
    assert_eq!(bad_page.status(), 200);
    assert_eq!(cache_control(&bad_page), "no-store");
    assert_eq!(refused.status(), 405);
    assert_eq!(cache_control(&refused), "no-store");
    for response in [&invalid, &bad_page, &refused] {
        assert!(vary(response).contains(&"authorization".into()));
    }
    let bad_page: Value = bad_page.json().await.unwrap();
    assert_eq!(error_code(&bad_page), "BAD_USER_INPUT", "{bad_page}");
}

#[tokio::test]
async fn an_answer_is_gzipped_when_the_client_accepts_it() {
    let app = spawn_empty_app().await;
    let plain: Value = app.get_query(REGIONS).await.json().await.unwrap();

    let response = app
        .client
        .get(app.url("/graphql"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .query(&[("query", REGIONS)])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
    let vary = vary(&response);
    assert!(vary.contains(&"accept-encoding".into()), "{vary:?}");
    assert!(vary.contains(&"authorization".into()), "{vary:?}");
    let compressed = response.bytes().await.unwrap();
    let mut json = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut json)
        .expect("a gzip body");
    let body: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(body, plain);
    assert!(!body["data"]["regions"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_answer_is_brotli_compressed_when_the_client_prefers_it() {
    let app = spawn_empty_app().await;

    let response = app
        .client
        .post(app.url("/graphql"))
        .header(header::ACCEPT_ENCODING, "br")
        .json(&json!({ "query": REGIONS }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
}

#[tokio::test]
async fn an_answer_is_not_compressed_without_accept_encoding() {
    let app = spawn_empty_app().await;

    let response = app.get_query(REGIONS).await;

    assert_eq!(response.status(), 200);
    assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
    let body: Value = response.json().await.unwrap();
    assert!(!body["data"]["regions"].as_array().unwrap().is_empty());
}
