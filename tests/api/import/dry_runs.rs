//! Dry runs, and who may import where.

use super::*;

#[tokio::test]
async fn a_dry_run_reports_what_it_would_create_and_writes_nothing() {
    let (app, admin) = arrange().await;
    let before = app.fingerprint().await;

    let report = dry_run(&app, &admin, EVENT, REPAIR_CAFES).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(report["session"], Value::Null);
    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #150",
            "person Wanjiru Kamau-Holt",
            "person Bjarne Solberg",
            "organizer 1",
            "speaker 1",
            "speaker 2",
            "policy question 1",
            "policy question 2",
        ]
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(event_codes(&app).await, Vec::<String>::new());
    let data = app
        .data(
            r#"{ session(event: "igf-2031", code: "WS #150") { id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["session"], Value::Null);
}

#[tokio::test]
async fn a_dry_run_of_a_changed_proposal_reports_the_update_and_writes_nothing() {
    let (app, admin) = arrange().await;
    import(
        &app,
        &admin,
        EVENT,
        &with_region(401, "Hollis Tremblay", "WEOG"),
    )
    .await;
    let stored = session(&app, &admin, EVENT, "WS #401").await;
    let before = app.fingerprint().await;
    let changed = with_region(401, "Hollis Tremblay", "North America")
        .replace("Who speaks for the north?", "Who listens to the north?");

    let report = dry_run(&app, &admin, EVENT, &changed).await;

    assert_eq!(report["outcome"], "UPDATED");
    assert_eq!(report["session"], Value::Null);
    assert_eq!(
        strings(&report["updated"]),
        ["speaker 1", "policy question 1"]
    );
    assert_eq!(
        strings(&report["warnings"]),
        ["region `North America` maps to none known; kept as written and queued for review"]
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(session(&app, &admin, EVENT, "WS #401").await, stored);
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0, "the dry run queued nothing");
}

#[tokio::test]
async fn an_organizer_imports_only_into_an_event_they_are_assigned_to() {
    let app = spawn_empty_app().await;
    let atlantis = app.event("nri-atlantis-2031", 2031).await;
    app.event("nri-lemuria-2031", 2031).await;
    let organizer = app
        .account("oona.organizer@example.org", UserRole::Organizer)
        .await;
    app.assign(&organizer, None, Some(&atlantis)).await;
    let token = app.login("oona.organizer@example.org").await;

    let report = import(&app, &token, "nri-atlantis-2031", NRI_2024).await;

    assert_eq!(report["outcome"], "CREATED");
    let s = session(
        &app,
        &token,
        "nri-atlantis-2031",
        "NRI Session: Fictional Youth IGFs Together",
    )
    .await;
    assert_eq!(s["roles"].as_array().unwrap().len(), 3);

    let before = app.fingerprint().await;
    let elsewhere = refused(&app, &token, "nri-lemuria-2031", ROUND_TABLE_2022).await;
    assert_eq!(error_code(&elsewhere), "FORBIDDEN");
    assert_eq!(
        elsewhere["errors"][0]["message"],
        "you are not an organizer of this event"
    );
    let new_event = refused(&app, &token, "igf-2033", ROUND_TABLE_2022).await;
    assert_eq!(error_code(&new_event), "BAD_USER_INPUT");
    assert_eq!(
        new_event["errors"][0]["message"],
        "event: unknown event `igf-2033`"
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(
        event_codes(&app).await,
        ["nri-atlantis-2031", "nri-lemuria-2031"]
    );
}

#[tokio::test]
async fn an_analyst_and_an_anonymous_visitor_cannot_import() {
    let (app, _) = arrange().await;
    let analyst = app.login_as(UserRole::Analyst).await;
    let before = app.fingerprint().await;

    let body = refused(&app, &analyst, EVENT, REPAIR_CAFES).await;
    let anonymous = app
        .gql(
            IMPORT,
            json!({ "event": EVENT, "text": REPAIR_CAFES, "dryRun": false }),
        )
        .await;

    assert_eq!(error_code(&body), "FORBIDDEN");
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn an_admin_import_into_a_new_igf_year_creates_that_event() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, "igf-2032", ROUND_TABLE_2022).await;

    assert_eq!(report["outcome"], "CREATED");
    let data = app.data(EVENTS, json!({})).await;
    assert_eq!(
        data["events"],
        json!([{ "code": "igf-2032", "name": "IGF 2032", "year": 2032, "kind": "IGF" }])
    );
    session(&app, &admin, "igf-2032", "WS #218").await;
}

#[tokio::test]
async fn an_admin_import_into_an_unknown_event_that_is_no_igf_year_is_refused() {
    let (app, admin) = arrange().await;
    let before = app.fingerprint().await;

    let body = refused(&app, &admin, "nri-atlantis-2031", ROUND_TABLE_2022).await;

    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(
        body["errors"][0]["message"],
        "unknown event `nri-atlantis-2031`; an IGF annual meeting is written igf-YYYY"
    );
    assert_eq!(app.fingerprint().await, before);
}
