//! Both media types, side by side, for every kind of outcome: a client
//! that accepts `application/graphql-response+json` gets it with the
//! specification's status codes; one that asks only for `application/json`
//! keeps 200 for every GraphQL answer. A request that never executed has
//! no `data` entry under either.

use reqwest::Response;
use serde_json::{Value, json};

use crate::{
    auth::{admin, claims_for, now, ours_signed, spawn},
    helpers::TestApp,
};

/// What Apollo Client 4 sends.
const APOLLO_ACCEPT: &str = "application/graphql-response+json,application/json;q=0.9";
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

#[derive(Clone, Copy, Debug)]
enum Client {
    /// Accepts the GraphQL response type first (Apollo Client 4).
    Modern,
    /// Asks for `application/json` only.
    Legacy,
    /// Sends no `Accept` at all.
    Silent,
}

impl Client {
    fn all() -> [Client; 3] {
        [Client::Modern, Client::Legacy, Client::Silent]
    }
    fn modern(self) -> bool {
        matches!(self, Client::Modern)
    }
}

/// POST `body` as `client`, with `token` if any: status, content type and
/// the answer, with its `Retry-After` if any.
async fn post(
    app: &TestApp,
    client: Client,
    token: Option<&str>,
    body: Value,
) -> (u16, String, Value, Option<String>) {
    let mut request = app.client.post(app.url("/graphql")).json(&body);
    match client {
        Client::Modern => request = request.header("accept", APOLLO_ACCEPT),
        Client::Legacy => request = request.header("accept", "application/json"),
        Client::Silent => {}
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    read(request.send().await.unwrap()).await
}

async fn read(response: Response) -> (u16, String, Value, Option<String>) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, content_type, body, retry)
}

/// The content type `client` must be answered with.
fn expected_type(client: Client, content_type: &str) {
    if client.modern() {
        assert!(
            content_type.starts_with(GRAPHQL_RESPONSE),
            "{client:?}: {content_type}"
        );
    } else {
        assert!(
            content_type.starts_with("application/json"),
            "{client:?}: {content_type}"
        );
    }
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
}

#[tokio::test]
async fn a_request_that_never_executed_has_no_data_and_is_400_for_modern_clients() {
    let app = spawn().await;
    for client in Client::all() {
        for (query, what) in [
            ("{ regions { code ", "a parse error"),
            ("{ regions { nickname } }", "a validation error"),
            (
                "query A { regions { code } } query B { events { code } }",
                "no operation chosen",
            ),
        ] {
            let (status, content_type, body, _) =
                post(&app, client, None, json!({ "query": query })).await;
            expected_type(client, &content_type);
            let want = if client.modern() { 400 } else { 200 };
            assert_eq!(status, want, "{client:?} {what}: {body}");
            assert!(body.get("data").is_none(), "{client:?} {what}: {body}");
            assert!(!body["errors"].as_array().unwrap().is_empty(), "{what}");
        }
    }
}

#[tokio::test]
async fn an_answer_that_executed_is_200_with_data_for_every_client() {
    let app = spawn().await;
    for client in Client::all() {
        let (status, content_type, body, _) = post(
            &app,
            client,
            None,
            json!({ "query": "{ regions { code } }" }),
        )
        .await;
        expected_type(client, &content_type);
        assert_eq!(status, 200, "{client:?}");
        assert!(body["data"]["regions"].is_array(), "{body}");
        assert!(body.get("errors").is_none());

        // A field refused beside one served: a partial answer, 200.
        let (status, _, body, _) = post(
            &app,
            client,
            None,
            json!({ "query": "{ regions { code } auditLog(first: 1) { totalCount } }" }),
        )
        .await;
        assert_eq!(status, 200, "{client:?}: {body}");
        assert!(body.get("data").is_some(), "{body}");
        assert_eq!(code(&body), "UNAUTHENTICATED", "{body}");
    }
}

#[tokio::test]
async fn an_expired_token_is_401_unauthenticated_in_the_media_type_asked_for() {
    let app = spawn().await;
    let root = admin(&app).await;
    let mut expired = claims_for(&root);
    expired.iat = Some(now() - 3600);
    expired.nbf = expired.iat;
    expired.exp = now() - 120;
    let token = ours_signed(&expired);
    for client in Client::all() {
        let (status, content_type, body, _) = post(
            &app,
            client,
            Some(&token),
            json!({ "query": "{ me { email } }" }),
        )
        .await;
        expected_type(client, &content_type);
        assert_eq!(status, 401, "{client:?}");
        assert_eq!(code(&body), "UNAUTHENTICATED", "{body}");
        assert!(body.get("data").is_none(), "{body}");
    }
}

#[tokio::test]
async fn a_mutation_refused_as_a_whole_says_so_in_its_status_for_modern_clients() {
    let app = spawn().await;
    let mutation = r#"mutation { createEvent(input: {code: "igf-2031", name: "IGF 2031", year: 2031, kind: IGF}) { code } }"#;
    for client in Client::all() {
        let (status, content_type, body, _) =
            post(&app, client, None, json!({ "query": mutation })).await;
        expected_type(client, &content_type);
        assert_eq!(code(&body), "UNAUTHENTICATED", "{body}");
        assert_eq!(
            status,
            if client.modern() { 401 } else { 200 },
            "{client:?}"
        );
        // It ran (and refused): its data is there, null.
        assert!(
            body["data"].is_null() && body.get("data").is_some(),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_rate_limited_sign_in_is_429_with_retry_after_for_modern_clients() {
    let app = crate::helpers::spawn_app_with(|c| {
        c.seed_fixture = false;
        c.auth.jwt_secret = Some("fictional-test-signing-secret-7f3a9c2e51".into());
        c.auth.login_attempts_per_minute_per_client = 1;
    })
    .await;
    let login = json!({ "query": r#"mutation { login(email: "nobody.fictional@example.org", password: "guess") { token } }"# });
    post(&app, Client::Legacy, None, login.clone()).await;
    for client in Client::all() {
        let (status, content_type, body, retry) = post(&app, client, None, login.clone()).await;
        expected_type(client, &content_type);
        assert_eq!(code(&body), "RATE_LIMITED", "{body}");
        assert_eq!(
            status,
            if client.modern() { 429 } else { 200 },
            "{client:?}"
        );
        let retry: u64 = retry.expect("Retry-After").parse().unwrap();
        assert!(retry >= 1);
    }
}

#[tokio::test]
async fn get_requests_batches_and_refusals_before_graphql_follow_the_same_rules() {
    let app = spawn().await;
    // GET, never executed.
    let response = app
        .client
        .get(app.url("/graphql?query=%7B%20regions%20%7B%20nickname%20%7D%20%7D"))
        .header("accept", APOLLO_ACCEPT)
        .send()
        .await
        .unwrap();
    let (status, content_type, body, _) = read(response).await;
    assert_eq!(status, 400);
    assert!(content_type.starts_with(GRAPHQL_RESPONSE));
    assert!(body.get("data").is_none(), "{body}");

    // A batch with one request that ran: 200; the other has no data.
    let batch = json!([{ "query": "{ regions { code } }" }, { "query": "{ nope }" }]);
    let (status, content_type, body, _) = post(&app, Client::Modern, None, batch).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with(GRAPHQL_RESPONSE));
    assert!(body[0]["data"]["regions"].is_array());
    assert!(body[1].get("data").is_none(), "{body}");

    // Refused before GraphQL runs: the status it always had, in the type
    // asked for.
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("accept", APOLLO_ACCEPT)
        .header("content-type", "text/plain")
        .body("{ regions { code } }")
        .send()
        .await
        .unwrap();
    let (status, content_type, body, _) = read(response).await;
    assert_eq!(status, 415);
    assert!(content_type.starts_with(GRAPHQL_RESPONSE), "{content_type}");
    assert_eq!(code(&body), "BAD_USER_INPUT");
}
