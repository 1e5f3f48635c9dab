//! Deleting what others refer to.

use super::*;

#[tokio::test]
async fn a_session_with_positions_is_not_deleted_unless_an_admin_asks_for_the_cascade() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    app.role(&session, None, RoleKind::Speaker, 1, "government", "weog")
        .await;
    for summary in ["One view.", "Another view."] {
        app.position(NewPosition {
            summary,
            session: Some(&session),
            ..Default::default()
        })
        .await;
    }
    let id = gid(Kind::Session, session.id);

    let body = refused(
        &app,
        &admin,
        DELETE_SESSION,
        json!({ "id": id, "version": 1 }),
        "CONFLICT",
    )
    .await;
    assert!(message(&body).contains("2 positions"), "{body}");
    assert!(message(&body).contains("WS #7"), "{body}");

    app.data_as(
        &admin,
        DELETE_SESSION,
        json!({ "id": id, "version": 1, "cascade": true }),
    )
    .await;
    assert!(session_of(&app, ATLANTIS, "WS #7").await.is_null());
    let left = app
        .data_as(
            &admin,
            "query($e: String!) { positions(filter: { event: $e }) { totalCount } }",
            json!({ "e": ATLANTIS }),
        )
        .await;
    assert_eq!(left["positions"]["totalCount"], 0);
}

#[tokio::test]
async fn a_stance_in_use_is_not_deleted_unless_an_admin_asks_for_the_cascade() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    app.data_as(
        &admin,
        CREATE_TOPIC,
        json!({ "input": { "code": "digital-trust", "name": "Digital trust" } }),
    )
    .await;
    let stance = app
        .data_as(
            &admin,
            CREATE_STANCE,
            json!({ "topic": "digital-trust", "input": { "code": "trust-first", "name": "Trust first" } }),
        )
        .await["createStance"]["id"]
        .clone();
    app.data_as(
        &admin,
        RECORD_POSITION,
        json!({ "input": { "topic": "digital-trust", "stance": "trust-first",
                           "summary": "Trust comes first.",
                           "session": gid(Kind::Session, session.id) } }),
    )
    .await;

    let body = refused(
        &app,
        &admin,
        DELETE_STANCE,
        json!({ "id": stance, "version": 1 }),
        "CONFLICT",
    )
    .await;
    assert!(message(&body).contains("1 positions"), "{body}");
    let topics = app.data(TOPICS, json!({})).await;
    assert_eq!(
        topic(&topics, "digital-trust").unwrap()["stances"][0]["code"],
        "trust-first"
    );

    app.data_as(
        &admin,
        DELETE_STANCE,
        json!({ "id": stance, "version": 1, "cascade": true }),
    )
    .await;
    let topics = app.data(TOPICS, json!({})).await;
    assert_eq!(
        topic(&topics, "digital-trust").unwrap()["stances"],
        json!([])
    );
    let left = app
        .data_as(
            &admin,
            POSITIONS_IN_SESSION,
            json!({ "session": gid(Kind::Session, session.id) }),
        )
        .await;
    assert_eq!(left["positions"]["totalCount"], 0);
}

#[tokio::test]
async fn a_person_with_roles_is_not_deleted_unless_an_admin_asks_for_the_cascade() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let nadia = app.person("Nadia Invented", None, None).await;
    app.role(
        &session,
        Some(&nadia),
        RoleKind::Speaker,
        1,
        "government",
        "weog",
    )
    .await;
    let id = gid(Kind::Person, nadia.id);

    let body = refused(
        &app,
        &admin,
        DELETE_PERSON,
        json!({ "id": id, "version": 1 }),
        "CONFLICT",
    )
    .await;
    assert!(message(&body).contains("1 session roles"), "{body}");

    app.data_as(
        &admin,
        DELETE_PERSON,
        json!({ "id": id, "version": 1, "cascade": true }),
    )
    .await;
    assert!(app.data(PERSON, json!({ "id": id })).await["person"].is_null());
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["roles"], json!([]));
}

#[tokio::test]
async fn an_event_with_sessions_is_not_deleted_unless_an_admin_asks_for_the_cascade() {
    let (app, event, admin) = atlantis().await;
    let first = app
        .session(&event, "WS #1", "First", SessionKind::Workshop, None)
        .await;
    app.session(&event, "WS #2", "Second", SessionKind::Workshop, None)
        .await;
    app.position(NewPosition {
        session: Some(&first),
        ..Default::default()
    })
    .await;
    let id = gid(Kind::Event, event.id);

    let body = refused(
        &app,
        &admin,
        DELETE_EVENT,
        json!({ "id": id, "version": 1 }),
        "CONFLICT",
    )
    .await;
    assert!(message(&body).contains("2 sessions"), "{body}");

    app.data_as(
        &admin,
        DELETE_EVENT,
        json!({ "id": id, "version": 1, "cascade": true }),
    )
    .await;
    let events = app.data(EVENTS, json!({ "year": 2025 })).await;
    assert_eq!(events["events"], json!([]));
    assert!(session_of(&app, ATLANTIS, "WS #1").await.is_null());
    assert!(session_of(&app, ATLANTIS, "WS #2").await.is_null());
    let left = app
        .data_as(&admin, "{ positions { totalCount } }", json!({}))
        .await;
    assert_eq!(left["positions"]["totalCount"], 0);
}

#[tokio::test]
async fn a_cited_paragraph_is_not_deleted_unless_an_admin_asks_for_the_cascade() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    app.data_as(
        &admin,
        CREATE_DOCUMENT,
        json!({ "input": { "code": "atlantis-charter", "title": "Atlantis Charter" } }),
    )
    .await;
    let paragraph = app
        .data_as(
            &admin,
            CREATE_PARAGRAPH,
            json!({ "document": "atlantis-charter", "input": { "number": 12 } }),
        )
        .await["createParagraph"]["id"]
        .clone();
    app.data_as(
        &admin,
        UPDATE_SESSION,
        json!({ "id": gid(Kind::Session, session.id), "version": 1,
                "input": { "citedParagraphs": [paragraph] } }),
    )
    .await;
    assert_eq!(
        session_of(&app, ATLANTIS, "WS #7").await["citedParagraphs"],
        json!([{ "number": 12 }])
    );

    let body = refused(
        &app,
        &admin,
        DELETE_PARAGRAPH,
        json!({ "id": paragraph, "version": 1 }),
        "CONFLICT",
    )
    .await;
    assert!(message(&body).contains("1 citing sessions"), "{body}");

    app.data_as(
        &admin,
        DELETE_PARAGRAPH,
        json!({ "id": paragraph, "version": 1, "cascade": true }),
    )
    .await;
    let documents = app.data(DOCUMENTS, json!({})).await;
    assert_eq!(
        document(&documents, "atlantis-charter").unwrap()["paragraphs"],
        json!([])
    );
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Horizons", "the citing session stays");
    assert_eq!(seen["citedParagraphs"], json!([]));
}

#[tokio::test]
async fn an_organizer_asking_for_a_cascade_is_forbidden() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    app.position(NewPosition {
        session: Some(&session),
        ..Default::default()
    })
    .await;
    let question = app
        .data_as(
            &admin,
            ADD_QUESTION,
            json!({ "session": gid(Kind::Session, session.id), "text": "Who pays?" }),
        )
        .await["addPolicyQuestion"]["id"]
        .clone();
    let organizer = app.organizer_of(&session).await;

    refused(
        &app,
        &organizer,
        DELETE_SESSION,
        json!({ "id": gid(Kind::Session, session.id), "version": 1, "cascade": true }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        DELETE_QUESTION,
        json!({ "id": question, "version": 1, "cascade": true }),
        "FORBIDDEN",
    )
    .await;

    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Horizons");
    assert_eq!(seen["policyQuestions"][0]["text"], "Who pays?");
}

#[tokio::test]
async fn an_answered_policy_question_is_not_deleted_unless_an_admin_detaches_its_answers() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let question = app
        .data_as(
            &admin,
            ADD_QUESTION,
            json!({ "session": gid(Kind::Session, session.id), "text": "Who pays?" }),
        )
        .await["addPolicyQuestion"]["id"]
        .clone();
    let position = app
        .data_as(
            &admin,
            RECORD_POSITION,
            json!({ "input": { "stance": "complementary", "summary": "Everyone pays.",
                               "session": gid(Kind::Session, session.id),
                               "policyQuestion": question } }),
        )
        .await["recordPosition"]["id"]
        .clone();

    let body = refused(
        &app,
        &admin,
        DELETE_QUESTION,
        json!({ "id": question, "version": 1 }),
        "CONFLICT",
    )
    .await;
    assert!(message(&body).contains("1 positions"), "{body}");

    app.data_as(
        &admin,
        DELETE_QUESTION,
        json!({ "id": question, "version": 1, "cascade": true }),
    )
    .await;
    assert_eq!(
        session_of(&app, ATLANTIS, "WS #7").await["policyQuestions"],
        json!([])
    );
    let kept = app
        .data_as(
            &admin,
            "query($id: ID!) { node(id: $id) { ... on Position { summary version policyQuestion { id } } } }",
            json!({ "id": position }),
        )
        .await;
    assert_eq!(
        kept["node"],
        json!({ "summary": "Everyone pays.", "version": 2, "policyQuestion": null }),
        "the answer stays, detached from the question"
    );
}

#[tokio::test]
async fn a_cascade_with_a_stale_version_deletes_nothing() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    app.position(NewPosition {
        session: Some(&session),
        ..Default::default()
    })
    .await;
    let id = gid(Kind::Session, session.id);
    app.data_as(
        &admin,
        UPDATE_SESSION,
        json!({ "id": id, "version": 1, "input": { "title": "Edited meanwhile" } }),
    )
    .await;

    let body = refused(
        &app,
        &admin,
        DELETE_SESSION,
        json!({ "id": id, "version": 1, "cascade": true }),
        "CONFLICT",
    )
    .await;

    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    let left = app
        .data_as(&admin, POSITIONS_IN_SESSION, json!({ "session": id }))
        .await;
    assert_eq!(left["positions"]["totalCount"], 1, "the positions stay");
}
