//! Rate limits on signing in, per email and per address.

use super::*;

/// A client whose requests come from `source` (any 127.x.y.z is loopback).
fn client_from(source: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::from(source))
        .build()
        .unwrap()
}

async fn login_from(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> Value {
    client
        .post(app.url("/graphql"))
        .json(&json!({ "query": LOGIN, "variables": { "e": email, "p": password } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_fourth_attempt_for_one_email_is_rate_limited_even_with_the_right_password() {
    let app = spawn_app_with(|c| {
        test_secret(c);
        c.auth.login_attempts_per_minute = 3;
    })
    .await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;
    let (first, second) = (client_from([127, 0, 0, 1]), client_from([127, 0, 0, 2]));

    let mut wrong = Vec::new();
    for _ in 0..3 {
        let body = login_from(&app, &first, "ada.fictional@example.org", "guess").await;
        wrong.push(error_code(&body).to_owned());
    }
    let right_from_another_address =
        login_from(&app, &second, "Ada.Fictional@example.org", PASSWORD).await;

    assert_eq!(wrong, ["UNAUTHENTICATED"; 3]);
    assert_eq!(error_code(&right_from_another_address), "RATE_LIMITED");
    assert!(right_from_another_address["data"].is_null());
    assert!(!right_from_another_address.to_string().contains(PASSWORD));
}

#[tokio::test]
async fn the_fourth_attempt_from_one_address_is_rate_limited_whatever_the_email() {
    let app = spawn_app_with(|c| {
        test_secret(c);
        c.auth.login_attempts_per_minute = 3;
    })
    .await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;
    let (sprayer, bystander) = (client_from([127, 0, 0, 3]), client_from([127, 0, 0, 4]));

    for n in 0..3 {
        let email = format!("guess{n}.fictional@example.org");
        login_from(&app, &sprayer, &email, "guess").await;
    }
    let from_sprayer = login_from(&app, &sprayer, "ada.fictional@example.org", PASSWORD).await;
    let from_bystander = login_from(&app, &bystander, "ada.fictional@example.org", PASSWORD).await;

    assert_eq!(error_code(&from_sprayer), "RATE_LIMITED");
    assert!(
        from_bystander["data"]["login"]["token"].is_string(),
        "another address still signs in: {from_bystander}"
    );
}
