//! Who may read the trail, and its filters.

use super::*;

#[tokio::test]
async fn only_admins_read_the_audit_log() {
    let (app, _, session, _) = arrange().await;
    let organizer = app.organizer_of(&session).await;
    let analyst = app.login_as(UserRole::Analyst).await;

    for token in [&organizer, &analyst] {
        let (status, body) = app.gql_as(token, AUDIT_LOG, json!({})).await;
        assert_eq!(status, 200);
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
        // Refused, and there as null: the field is nullable.
        assert_eq!(body["data"], json!({ "auditLog": null }), "{body}");
    }
    let body = app.gql(AUDIT_LOG, json!({})).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    assert_eq!(body["data"], json!({ "auditLog": null }), "{body}");
}

#[tokio::test]
async fn the_audit_log_filters_by_actor() {
    let (app, _, _, ines) = arrange().await;
    let omar_account = app.account("omar.admin@example.org", UserRole::Admin).await;
    let omar = app.login("omar.admin@example.org").await;
    app.data_as(
        &ines,
        CREATE_PERSON,
        json!({ "input": { "name": "Made by Ines" } }),
    )
    .await;
    app.data_as(
        &omar,
        CREATE_PERSON,
        json!({ "input": { "name": "Made by Omar" } }),
    )
    .await;
    app.data_as(
        &omar,
        CREATE_PERSON,
        json!({ "input": { "name": "Also made by Omar" } }),
    )
    .await;

    let found = entries(
        &app,
        &ines,
        json!({ "actor": gid(Kind::User, omar_account.id) }),
    )
    .await;

    let names: Vec<&str> = found
        .iter()
        .map(|e| e["after"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Made by Omar", "Also made by Omar"]);
    assert!(
        found
            .iter()
            .all(|e| e["actor"]["email"] == "omar.admin@example.org")
    );
}

#[tokio::test]
async fn the_audit_log_filters_by_entity_type_and_id() {
    let (app, event, session, admin) = arrange().await;
    let other = app
        .session(&event, "WS #8", "Shallows", SessionKind::Workshop, None)
        .await;
    for (s, title) in [(&session, "Horizons, edited"), (&other, "Shallows, edited")] {
        app.data_as(
            &admin,
            UPDATE_SESSION,
            json!({ "id": gid(Kind::Session, s.id), "version": 1, "input": { "title": title } }),
        )
        .await;
    }
    app.data_as(
        &admin,
        CREATE_PERSON,
        json!({ "input": { "name": "Nadia Invented" } }),
    )
    .await;

    let one = entries(
        &app,
        &admin,
        json!({ "entityType": "session", "entityId": other.id }),
    )
    .await;
    let sessions = entries(&app, &admin, json!({ "entityType": "session" })).await;
    let people = entries(&app, &admin, json!({ "entityType": "person" })).await;

    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(one[0]["after"]["title"], "Shallows, edited");
    let titles: Vec<&str> = sessions
        .iter()
        .map(|e| e["after"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Horizons, edited", "Shallows, edited"]);
    assert_eq!(kinds(&people), [pair("create", "person")]);
    assert_eq!(people[0]["after"]["name"], "Nadia Invented");
}

#[tokio::test]
async fn the_audit_log_filters_by_time() {
    let (app, _, _, admin) = arrange().await;
    app.data_as(
        &admin,
        CREATE_PERSON,
        json!({ "input": { "name": "Before the mark" } }),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mark = chrono::Utc::now();
    tokio::time::sleep(Duration::from_millis(50)).await;
    app.data_as(
        &admin,
        CREATE_PERSON,
        json!({ "input": { "name": "After the mark" } }),
    )
    .await;
    let mark = mark.to_rfc3339();

    let since = entries(
        &app,
        &admin,
        json!({ "entityType": "person", "since": mark }),
    )
    .await;
    let until = entries(
        &app,
        &admin,
        json!({ "entityType": "person", "until": mark }),
    )
    .await;
    let window = entries(
        &app,
        &admin,
        json!({ "entityType": "person", "since": mark, "until": chrono::Utc::now().to_rfc3339() }),
    )
    .await;

    let names = |found: &[Value]| -> Vec<String> {
        found
            .iter()
            .map(|e| e["after"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&since), ["After the mark"]);
    assert_eq!(names(&until), ["Before the mark"]);
    assert_eq!(names(&window), ["After the mark"]);
}

#[tokio::test]
async fn password_hashes_never_enter_the_audit_trail() {
    let (app, _, _, admin) = arrange().await;
    let password = "a long enough passphrase";
    let created = app
        .data_as(
            &admin,
            r#"mutation($p: String!) { createUser(input: { email: "rhea@example.org",
                password: $p, role: ANALYST }) { id } }"#,
            json!({ "p": password }),
        )
        .await["createUser"]["id"]
        .clone();
    app.data_as(
        &admin,
        r#"mutation($id: ID!) { updateUser(id: $id, version: 1,
            input: { password: "another long passphrase" }) { id } }"#,
        json!({ "id": created }),
    )
    .await;

    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "user", "entityId": db_id(&created) }),
    )
    .await;

    assert_eq!(
        kinds(&found),
        [pair("create", "user"), pair("update", "user")]
    );
    let after = found[0]["after"].as_object().unwrap();
    assert_eq!(after["email"], "rhea@example.org");
    assert_eq!(after["role"], "analyst");
    assert!(!after.contains_key("password_hash"), "{after:?}");
    assert!(!after.contains_key("password"), "{after:?}");
    assert_eq!(found[1]["after"]["version"], 2);
    let everything = entries(&app, &admin, json!({})).await;
    let text = serde_json::to_string(&everything).unwrap();
    assert!(!text.contains("$argon2"), "a hash in {text}");
    assert!(!text.contains(password), "a password in the audit trail");
    assert!(!text.contains("another long passphrase"));
    assert!(!text.contains(PASSWORD), "a password in the audit trail");
}
