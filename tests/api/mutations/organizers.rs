//! Organizers: what they may change.

use super::*;

#[tokio::test]
async fn an_organizer_of_an_event_creates_and_edits_sessions_and_records_and_publishes_positions_there()
 {
    let (app, event, _) = atlantis().await;
    let organizer = organizer_of_event(&app, &event).await;

    let created = app
        .data_as(&organizer, CREATE_SESSION, new_session(json!({})))
        .await["createSession"]
        .clone();
    assert_eq!(created["event"]["code"], ATLANTIS);
    let updated = app
        .data_as(
            &organizer,
            UPDATE_SESSION,
            json!({ "id": created["id"], "version": 1, "input": { "title": "Horizons, edited" } }),
        )
        .await["updateSession"]
        .clone();
    assert_eq!(updated["title"], "Horizons, edited");
    let recorded = app
        .data_as(
            &organizer,
            RECORD_POSITION,
            json!({ "input": { "stance": "concluded", "summary": "The track is done.",
                               "session": created["id"] } }),
        )
        .await["recordPosition"]
        .clone();
    assert_eq!(recorded["status"], "DRAFT");
    let published = app
        .data_as(
            &organizer,
            PUBLISH_POSITION,
            json!({ "id": recorded["id"], "version": 1 }),
        )
        .await["publishPosition"]
        .clone();
    assert_eq!(published["status"], "PUBLISHED");

    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Horizons, edited");
    let public = app
        .data(POSITIONS_IN_SESSION, json!({ "session": created["id"] }))
        .await;
    assert_eq!(
        public["positions"]["nodes"][0]["summary"],
        "The track is done."
    );
}

#[tokio::test]
async fn an_organizer_changes_nothing_in_another_event() {
    let (app, atlantis_event, _) = atlantis().await;
    let lemuria = app.event(LEMURIA, 2025).await;
    let elsewhere = app
        .session(&lemuria, "WS #9", "Sunken", SessionKind::Workshop, None)
        .await;
    let organizer = organizer_of_event(&app, &atlantis_event).await;

    refused(
        &app,
        &organizer,
        CREATE_SESSION,
        new_session(json!({ "event": LEMURIA })),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        UPDATE_SESSION,
        json!({ "id": gid(Kind::Session, elsewhere.id), "version": 1,
                "input": { "title": "Raised" } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        RECORD_POSITION,
        json!({ "input": { "stance": "concluded", "summary": "Not mine to say.",
                           "session": gid(Kind::Session, elsewhere.id) } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        ADD_QUESTION,
        json!({ "session": gid(Kind::Session, elsewhere.id), "text": "Whose sea?" }),
        "FORBIDDEN",
    )
    .await;
    let mut save = save_input(&["Whose sea?"], json!([]));
    save["session"]["event"] = json!(LEMURIA);
    refused(
        &app,
        &organizer,
        SAVE_SESSION,
        json!({ "input": save }),
        "FORBIDDEN",
    )
    .await;
    let mut save = save_input(&["Whose sea?"], json!([]));
    save["id"] = json!(gid(Kind::Session, elsewhere.id));
    save["version"] = json!(1);
    save["session"] = json!({ "title": "Raised" });
    refused(
        &app,
        &organizer,
        SAVE_SESSION,
        json!({ "input": save }),
        "FORBIDDEN",
    )
    .await;

    assert_eq!(session_of(&app, LEMURIA, "WS #9").await["title"], "Sunken");
}

#[tokio::test]
async fn an_organizer_may_not_create_events_topics_or_users() {
    let (app, event, _) = atlantis().await;
    let organizer = organizer_of_event(&app, &event).await;

    refused(
        &app,
        &organizer,
        CREATE_EVENT,
        json!({ "input": { "code": "nri-atlantis-2026", "name": "Atlantis IGF 2026",
                           "kind": "NRI_NATIONAL", "year": 2026 } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        CREATE_TOPIC,
        json!({ "input": { "code": "digital-trust", "name": "Digital trust" } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        CREATE_USER,
        json!({ "input": { "email": "rhea@example.org", "password": PASSWORD, "role": "ADMIN" } }),
        "FORBIDDEN",
    )
    .await;
}

#[tokio::test]
async fn an_edit_form_read_before_a_role_was_added_gets_a_conflict_on_save() {
    let (app, _event, admin) = atlantis().await;
    let saved = app
        .data_as(
            &admin,
            SAVE_SESSION,
            json!({ "input": save_input(&["Who convenes?"], json!([])) }),
        )
        .await;
    let id = saved["saveSession"]["id"].as_str().unwrap().to_owned();
    let read_version = saved["saveSession"]["version"].as_i64().unwrap();
    app.data_as(
        &admin,
        r#"mutation($s: ID!) { addSessionRole(session: $s, input: { role: MODERATOR, region: "weog" }) { id } }"#,
        json!({ "s": id }),
    )
    .await;

    let mut stale = save_input(&["Who convenes?"], json!([]));
    stale["id"] = json!(id);
    stale["version"] = json!(read_version);
    let (_, body) = app
        .gql_as(&admin, SAVE_SESSION, json!({ "input": stale }))
        .await;

    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    let roles = app
        .data(
            r#"query($id: ID!) { node(id: $id) { ... on Session { roles { role } } } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        roles["node"]["roles"],
        json!([{ "role": "MODERATOR" }]),
        "the added role survives"
    );
}

#[tokio::test]
async fn saving_an_unchanged_form_again_keeps_every_role_id() {
    let (app, _, admin) = atlantis().await;
    let nadia = app.person("Nadia Invented", None, None).await;
    let roles = json!([
        { "role": "SPEAKER", "person": gid(Kind::Person, nadia.id), "stakeholderGroup": "government", "region": "african" },
        { "role": "MODERATOR", "stakeholderGroup": "civil-society", "region": "weog" },
    ]);
    let query = r#"mutation($input: SaveSessionInput!) { saveSession(input: $input) { id version roles { id } } }"#;
    let first = app
        .data_as(
            &admin,
            query,
            json!({ "input": save_input(&["Who convenes?"], roles.clone()) }),
        )
        .await;
    let mut again = save_input(&["Who convenes?"], roles);
    again["id"] = first["saveSession"]["id"].clone();
    again["version"] = first["saveSession"]["version"].clone();

    let second = app.data_as(&admin, query, json!({ "input": again })).await;

    assert_eq!(
        second["saveSession"]["roles"],
        first["saveSession"]["roles"]
    );
}
