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
async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_theirs() {
    let app = spawn_app_with(|c| {
        test_secret(c);
        c.auth.login_attempts_per_minute = 3;
    })
    .await;
    app.account("ada.fictional@example.org", UserRole::Admin)
        .await;
    let (attacker, owner) = (client_from([127, 0, 0, 1]), client_from([127, 0, 0, 2]));

    let mut wrong = Vec::new();
    for _ in 0..4 {
        let body = login_from(&app, &attacker, "ada.fictional@example.org", "guess").await;
        wrong.push(error_code(&body).to_owned());
    }
    let started = std::time::Instant::now();
    let right_from_the_owners_address =
        login_from(&app, &owner, "Ada.Fictional@example.org", PASSWORD).await;
    let held_back = started.elapsed();

    // The attacker's address is refused for this email past the limit.
    assert_eq!(
        wrong,
        [
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "RATE_LIMITED"
        ]
    );
    // The owner gets in, held back a little as the email is much tried.
    assert!(
        right_from_the_owners_address["data"]["login"]["token"].is_string(),
        "{right_from_the_owners_address}"
    );
    assert!(
        held_back >= Duration::from_millis(500),
        "a much-tried email is slowed down: {held_back:?}"
    );
}

#[tokio::test]
async fn a_wrong_password_every_few_seconds_from_many_addresses_is_slowed_never_refused() {
    let app = spawn_app_with(|c| {
        test_secret(c);
        c.auth.login_attempts_per_minute = 2;
    })
    .await;
    app.account("ada.fictional@example.org", UserRole::Analyst)
        .await;

    let mut answers = Vec::new();
    for host in 10..14 {
        let body = login_from(
            &app,
            &client_from([127, 0, 0, host]),
            "ada.fictional@example.org",
            "guess",
        )
        .await;
        answers.push(error_code(&body).to_owned());
    }
    let owner = login_from(
        &app,
        &client_from([127, 0, 0, 20]),
        "ada.fictional@example.org",
        PASSWORD,
    )
    .await;

    assert_eq!(answers, ["UNAUTHENTICATED"; 4]);
    assert!(owner["data"]["login"]["token"].is_string(), "{owner}");
}

#[tokio::test]
async fn the_fourth_attempt_from_one_address_is_rate_limited_whatever_the_email() {
    let app = spawn_app_with(|c| {
        test_secret(c);
        c.auth.login_attempts_per_minute_per_client = 3;
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
