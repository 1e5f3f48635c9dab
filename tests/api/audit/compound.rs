//! Changes of several records or by several callers: `saveSession`,
//! refused and concurrent changes, organizers, cascades and merges.

use super::*;

const SAVE_SESSION: &str = r#"mutation($input: SaveSessionInput!) {
    saveSession(input: $input) { id } }"#;

fn save_input(code: &str, third_region: &str) -> Value {
    json!({ "input": {
        "session": { "event": ATLANTIS, "code": code, "kind": "WORKSHOP", "title": "Deep water" },
        "roles": [
            { "role": "MODERATOR", "stakeholderGroup": "civil-society", "region": "weog" },
            { "role": "SPEAKER", "stakeholderGroup": "government", "region": "african" },
            { "role": "SPEAKER", "stakeholderGroup": "government", "region": third_region },
        ],
        "policyQuestions": ["Who owns the sea bed?", "Who repairs the cables?"],
    } })
}

#[tokio::test]
async fn a_save_session_audits_its_session_roles_and_questions_together() {
    let (app, _, _, admin) = arrange().await;
    let before = audit_count(&app, &admin).await;

    app.data_as(&admin, SAVE_SESSION, save_input("WS #9", "grulac"))
        .await;

    let found = entries(&app, &admin, json!({})).await;
    let new = &found[before as usize..];
    let mut got = kinds(new);
    got.sort();
    assert_eq!(
        got,
        [
            pair("create", "policy question"),
            pair("create", "policy question"),
            pair("create", "session"),
            pair("create", "session role"),
            pair("create", "session role"),
            pair("create", "session role"),
        ]
    );
    assert!(
        new.iter().all(|e| e["actorLabel"] == ADMIN_EMAIL),
        "{new:?}"
    );
}

#[tokio::test]
async fn a_save_session_that_fails_at_its_third_role_leaves_no_entry_for_the_first_two() {
    let (app, _, _, admin) = arrange().await;
    let before = audit_count(&app, &admin).await;

    let (_, body) = app
        .gql_as(&admin, SAVE_SESSION, save_input("WS #9", "atlantis-region"))
        .await;

    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(audit_count(&app, &admin).await, before);
    let roles = entries(&app, &admin, json!({ "entityType": "session role" })).await;
    assert_eq!(roles, Vec::<Value>::new());
}

#[tokio::test]
async fn a_refused_change_writes_no_audit_entry() {
    let (app, _, session, admin) = arrange().await;
    let id = gid(Kind::Session, session.id);
    app.data_as(
        &admin,
        UPDATE_SESSION,
        json!({ "id": id, "version": 1, "input": { "title": "Edited once" } }),
    )
    .await;
    app.position(NewPosition {
        session: Some(&session),
        ..Default::default()
    })
    .await;
    let lemuria = app.event("nri-lemuria-2025", 2025).await;
    let other = app
        .session(&lemuria, "WS #9", "Sunken", SessionKind::Workshop, None)
        .await;
    let stranger = app.organizer_of(&other).await;
    let before = audit_count(&app, &admin).await;
    let fingerprint = app.fingerprint().await;

    let attempts = [
        (
            &admin,
            UPDATE_SESSION,
            json!({ "id": id, "version": 2, "input": { "title": " " } }),
            "BAD_USER_INPUT",
        ),
        (
            &admin,
            UPDATE_SESSION,
            json!({ "id": id, "version": 1, "input": { "title": "From a stale form" } }),
            "CONFLICT",
        ),
        (
            &stranger,
            UPDATE_SESSION,
            json!({ "id": id, "version": 2, "input": { "title": "Not mine" } }),
            "FORBIDDEN",
        ),
        (
            &admin,
            "mutation($id: ID!, $version: Int!) { deleteSession(id: $id, version: $version) { id } }",
            json!({ "id": id, "version": 2 }),
            "CONFLICT",
        ),
    ];
    for (token, query, variables, code) in attempts {
        let (_, body) = app.gql_as(token, query, variables).await;
        assert_eq!(error_code(&body), code, "{body}");
    }

    assert_eq!(audit_count(&app, &admin).await, before);
    assert_eq!(app.fingerprint().await, fingerprint);
}

#[tokio::test]
async fn of_two_concurrent_updates_only_the_winner_is_audited() {
    let (app, _, session, admin) = arrange().await;
    let id = gid(Kind::Session, session.id);

    let (left, right) = tokio::join!(
        app.gql_as(
            &admin,
            UPDATE_SESSION,
            json!({ "id": id, "version": 1, "input": { "title": "Left" } }),
        ),
        app.gql_as(
            &admin,
            UPDATE_SESSION,
            json!({ "id": id, "version": 1, "input": { "title": "Right" } }),
        ),
    );

    let winner = [&left.1, &right.1]
        .into_iter()
        .find(|b| b.get("errors").is_none())
        .expect("one update wins");
    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "session", "entityId": session.id }),
    )
    .await;
    assert_eq!(kinds(&found), [pair("update", "session")]);
    assert_eq!(
        found[0]["after"]["title"],
        winner["data"]["updateSession"]["title"]
    );
}

#[tokio::test]
async fn an_organizers_change_names_the_organizer() {
    let (app, _, session, admin) = arrange().await;
    let organizer = app
        .account("omar.organizer@example.org", UserRole::Organizer)
        .await;
    app.assign(&organizer, Some(&session), None).await;
    let token = app.login("omar.organizer@example.org").await;

    app.data_as(
        &token,
        UPDATE_SESSION,
        json!({ "id": gid(Kind::Session, session.id), "version": 1,
                "input": { "title": "Organized" } }),
    )
    .await;

    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "session", "entityId": session.id }),
    )
    .await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["actor"]["email"], "omar.organizer@example.org");
    assert_eq!(
        found[0]["actor"]["id"],
        gid(Kind::User, organizer.id).as_str()
    );
    assert_eq!(found[0]["actorLabel"], "omar.organizer@example.org");
}

#[tokio::test]
async fn a_cascade_audits_every_record_it_deletes() {
    let (app, event, session, admin) = arrange().await;
    let second = app
        .session(&event, "WS #8", "Shallows", SessionKind::Workshop, None)
        .await;
    let position = app
        .position(NewPosition {
            session: Some(&session),
            ..Default::default()
        })
        .await;
    let before = audit_count(&app, &admin).await;

    app.data_as(
        &admin,
        "mutation($id: ID!) { deleteEvent(id: $id, version: 1, cascade: true) { id } }",
        json!({ "id": gid(Kind::Event, session.event_id) }),
    )
    .await;

    let found = entries(&app, &admin, json!({})).await;
    let mut deleted: Vec<(String, i64)> = found[before as usize..]
        .iter()
        .map(|e| {
            assert_eq!(e["action"], "delete", "{e}");
            assert_eq!(e["actorLabel"], ADMIN_EMAIL, "{e}");
            assert!(e["after"].is_null(), "{e}");
            (
                e["entityType"].as_str().unwrap().to_owned(),
                e["entityId"].as_i64().unwrap(),
            )
        })
        .collect();
    deleted.sort();
    assert_eq!(
        deleted,
        [
            ("event".to_owned(), session.event_id),
            ("position".to_owned(), position.id),
            ("session".to_owned(), session.id),
            ("session".to_owned(), second.id),
        ]
    );
}

#[tokio::test]
async fn merging_people_audits_each_moved_reference_and_the_deleted_duplicate() {
    let (app, _, session, admin) = arrange().await;
    let keep = app.person("Ada Fictional", None, None).await;
    let duplicate = app.person("Ada Fictionall", None, None).await;
    let role = app
        .role(
            &session,
            Some(&duplicate),
            RoleKind::Speaker,
            1,
            "government",
            "weog",
        )
        .await;
    let position = app
        .position(NewPosition {
            session: Some(&session),
            person: Some(&duplicate),
            ..Default::default()
        })
        .await;
    let before = audit_count(&app, &admin).await;

    app.data_as(
        &admin,
        "mutation($k: ID!, $m: ID!) { mergePeople(keep: $k, merge: $m) { id } }",
        json!({ "k": gid(Kind::Person, keep.id), "m": gid(Kind::Person, duplicate.id) }),
    )
    .await;

    let found = entries(&app, &admin, json!({})).await;
    let new = &found[before as usize..];
    assert_eq!(
        kinds(new),
        [
            pair("update", "session role"),
            pair("update", "position"),
            pair("delete", "person"),
        ]
    );
    assert_eq!(new[0]["entityId"], role.id);
    assert_eq!(new[0]["before"]["person_id"], duplicate.id);
    assert_eq!(new[0]["after"]["person_id"], keep.id);
    assert_eq!(new[1]["entityId"], position.id);
    assert_eq!(new[1]["before"]["person_id"], duplicate.id);
    assert_eq!(new[1]["after"]["person_id"], keep.id);
    assert_eq!(new[2]["entityId"], duplicate.id);
    assert_eq!(new[2]["before"]["name"], "Ada Fictionall");
}
