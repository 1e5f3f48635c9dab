//! CORS: the headers front ends send pass a preflight by default, the list
//! is configurable, and browser code may read `Content-Disposition` and
//! `Retry-After`.

use crate::helpers::{TestApp, spawn_app_with};

async fn preflight(app: &TestApp, headers: &str) -> reqwest::Response {
    app.client
        .request(reqwest::Method::OPTIONS, app.url("/graphql"))
        .header("origin", "https://nri.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", headers)
        .send()
        .await
        .unwrap()
}

fn allowed(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("access-control-allow-headers")
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|h| h.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test]
async fn tracing_and_client_headers_pass_a_preflight_by_default() {
    let app = spawn_app_with(|c| c.seed_fixture = false).await;
    let sent = [
        "content-type",
        "authorization",
        "traceparent",
        "tracestate",
        "baggage",
        "sentry-trace",
        "x-request-id",
        "apollographql-client-name",
        "apollographql-client-version",
    ];
    let response = preflight(&app, &sent.join(",")).await;
    assert_eq!(response.status(), 200);
    let allowed = allowed(&response);
    for header in sent {
        assert!(allowed.iter().any(|a| a == header), "{header}: {allowed:?}");
    }

    // What an answer lets browser code read.
    let answer = app
        .client
        .post(app.url("/graphql"))
        .header("origin", "https://nri.example")
        .json(&serde_json::json!({ "query": "{ regions { code } }" }))
        .send()
        .await
        .unwrap();
    let exposed: Vec<String> = answer
        .headers()
        .get_all("access-control-expose-headers")
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for header in ["content-disposition", "retry-after"] {
        assert!(exposed.iter().any(|e| e == header), "{header}: {exposed:?}");
    }
}

#[tokio::test]
async fn the_allowed_headers_are_configurable() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.cors_headers = vec!["x-nri-tenant".into()];
    })
    .await;
    let allowed = allowed(&preflight(&app, "x-nri-tenant,content-type").await);
    assert!(allowed.iter().any(|a| a == "x-nri-tenant"), "{allowed:?}");
    assert!(allowed.iter().any(|a| a == "authorization"), "{allowed:?}");
    assert!(!allowed.iter().any(|a| a == "traceparent"), "{allowed:?}");
}
