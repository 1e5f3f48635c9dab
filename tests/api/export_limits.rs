//! Exports cannot take the database pool: a few run at once per account
//! and in all, a client that stops reading is dropped after the write
//! timeout, and ordinary requests keep answering meanwhile.

use std::time::Duration;

use entity::user::UserRole;
use serde_json::json;

use crate::helpers::*;

const CSV: &str = "/export/positions.csv";

/// Open an export and read nothing of its body.
async fn open(app: &TestApp, token: &str) -> reqwest::Response {
    app.client
        .get(app.url(CSV))
        .bearer_auth(token)
        .send()
        .await
        .expect("an answer")
}

async fn assert_rate_limited(response: reqwest::Response) {
    assert_eq!(response.status(), 429);
    let retry = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "RATE_LIMITED", "{body}");
    let seconds = body["errors"][0]["extensions"]["retryAfter"]
        .as_u64()
        .unwrap();
    assert!(seconds >= 1);
    assert_eq!(retry, seconds.to_string());
}

#[tokio::test]
async fn stalled_exports_are_capped_and_dropped_and_other_requests_keep_answering() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.max_exports = 2;
        c.max_exports_per_account = 1;
        // Long enough that the twenty refusals below all come while the
        // first export is still held, even on a loaded machine.
        c.export_write_timeout_secs = 3;
    })
    .await;
    // About 2 KB a row: far more than the socket buffers and the export's
    // own queue hold, so a client that reads nothing stalls the export.
    let filler = "A long fictional summary of a position. ".repeat(50);
    app.insert_positions(12_000, &filler).await;
    let (ana, bea, admin) = (
        app.login_as(UserRole::Analyst).await,
        app.login_as(UserRole::Analyst).await,
        app.login_as(UserRole::Admin).await,
    );

    // One client opens twenty exports and reads none of them.
    let first = open(&app, &ana).await;
    assert_eq!(first.status(), 200);
    for _ in 0..19 {
        assert_rate_limited(open(&app, &ana).await).await;
    }
    let second = open(&app, &bea).await;
    assert_eq!(second.status(), 200, "another account has a slot");
    assert_rate_limited(open(&app, &admin).await).await;
    // Ordinary requests, anonymous ones included, still answer.
    for _ in 0..20 {
        app.data("{ regions { code } sessions { totalCount } }", json!({}))
            .await;
    }

    // Past the write timeout the stalled exports are dropped, their slots
    // and connections freed, and a new export runs to its end.
    let mut freed = None;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let again = open(&app, &admin).await;
        if again.status() == 200 {
            freed = Some(again);
            break;
        }
    }
    let body = freed
        .expect("a slot is free again within ten seconds")
        .text()
        .await
        .expect("the whole body");
    assert_eq!(body.lines().count(), 12_001, "the header and every row");

    // The stalled body ends with an error, never as a complete file.
    let stalled = first.bytes().await;
    assert!(stalled.is_err(), "a stalled export breaks off");
    drop(second);
}
