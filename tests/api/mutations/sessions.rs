//! Sessions, their roles and their policy questions, one by one and all at
//! once with `saveSession`.

use super::*;

#[tokio::test]
async fn an_admin_creates_updates_and_deletes_a_session() {
    let (app, _, admin) = atlantis().await;

    let created = app
        .data_as(
            &admin,
            CREATE_SESSION,
            json!({ "input": {
                "event": ATLANTIS, "code": "WS #7", "kind": "WORKSHOP",
                "title": "Cooperation beyond the horizon", "format": "ROUNDTABLE",
                "durationMinutes": 90, "room": "Hall B" } }),
        )
        .await["createSession"]
        .clone();
    assert_eq!(created["code"], "WS #7");
    assert_eq!(created["kind"], "WORKSHOP");
    assert_eq!(created["title"], "Cooperation beyond the horizon");
    assert_eq!(created["format"], "ROUNDTABLE");
    assert_eq!(created["durationMinutes"], 90);
    assert_eq!(created["room"], "Hall B");
    assert_eq!(created["event"]["code"], ATLANTIS);
    assert_eq!(created["version"], 1);
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["id"], created["id"]);
    assert_eq!(seen["title"], "Cooperation beyond the horizon");

    let id = str_of(&created, "id");
    let updated = app
        .data_as(
            &admin,
            UPDATE_SESSION,
            json!({ "id": id, "version": 1, "input": {
                "title": "Cooperation within the horizon", "durationMinutes": 60, "room": "" } }),
        )
        .await["updateSession"]
        .clone();
    assert_eq!(updated["title"], "Cooperation within the horizon");
    assert_eq!(updated["durationMinutes"], 60);
    assert!(updated["room"].is_null());
    assert_eq!(updated["code"], "WS #7", "a field left out stays");
    assert_eq!(updated["version"], 2);
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Cooperation within the horizon");
    assert_eq!(seen["durationMinutes"], 60);
    assert_eq!(seen["version"], 2);

    let deleted = app
        .data_as(&admin, DELETE_SESSION, json!({ "id": id, "version": 2 }))
        .await;
    assert_eq!(deleted["deleteSession"]["id"], id);
    assert!(session_of(&app, ATLANTIS, "WS #7").await.is_null());
}

#[tokio::test]
async fn an_admin_adds_changes_and_removes_a_session_role() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let nadia = app.person("Nadia Invented", None, None).await;

    let added = app
        .data_as(
            &admin,
            ADD_ROLE,
            json!({ "session": gid(Kind::Session, session.id), "input": {
                "role": "SPEAKER", "person": gid(Kind::Person, nadia.id),
                "stakeholderGroup": "government", "region": "weog" } }),
        )
        .await["addSessionRole"]
        .clone();
    assert_eq!(added["role"], "SPEAKER");
    assert_eq!(added["order"], 1);
    assert_eq!(added["person"]["name"], "Nadia Invented");
    assert_eq!(added["stakeholderGroup"]["code"], "government");
    assert_eq!(added["region"]["code"], "weog");
    assert_eq!(added["stakeholderGroupAsWritten"], "Government");
    assert_eq!(added["version"], 1);
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(
        roles_of(&seen),
        vec![tuple("SPEAKER", "Nadia Invented", "government", "weog")]
    );

    let id = str_of(&added, "id");
    let updated = app
        .data_as(
            &admin,
            UPDATE_ROLE,
            json!({ "id": id, "version": 1, "input": {
                "role": "MODERATOR", "person": gid(Kind::Person, nadia.id),
                "stakeholderGroup": "private-sector", "regionAsWritten": "North America" } }),
        )
        .await["updateSessionRole"]
        .clone();
    assert_eq!(updated["role"], "MODERATOR");
    assert_eq!(updated["order"], 1, "the role keeps its place");
    assert_eq!(updated["stakeholderGroup"]["code"], "private-sector");
    assert!(
        updated["region"].is_null(),
        "North America maps to no UN regional group"
    );
    assert_eq!(updated["regionAsWritten"], "North America");
    assert_eq!(updated["version"], 2);
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(
        roles_of(&seen),
        vec![tuple("MODERATOR", "Nadia Invented", "private-sector", "-")]
    );

    let deleted = app
        .data_as(&admin, DELETE_ROLE, json!({ "id": id, "version": 2 }))
        .await;
    assert_eq!(deleted["deleteSessionRole"]["id"], id);
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["roles"], json!([]));
    assert_eq!(
        app.data(PERSON, json!({ "id": gid(Kind::Person, nadia.id) }))
            .await["person"]["name"],
        "Nadia Invented",
        "removing a role keeps the person"
    );
}

#[tokio::test]
async fn an_admin_adds_changes_and_removes_policy_questions() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let session_id = gid(Kind::Session, session.id);

    let first = app
        .data_as(
            &admin,
            ADD_QUESTION,
            json!({ "session": session_id, "text": "Who should convene?" }),
        )
        .await["addPolicyQuestion"]
        .clone();
    let second = app
        .data_as(
            &admin,
            ADD_QUESTION,
            json!({ "session": session_id, "text": "What comes next?" }),
        )
        .await["addPolicyQuestion"]
        .clone();
    assert_eq!(first["order"], 1);
    assert_eq!(first["text"], "Who should convene?");
    assert_eq!(first["version"], 1);
    assert_eq!(second["order"], 2, "a new question goes last");
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(
        seen["policyQuestions"],
        json!([
            { "id": first["id"], "order": 1, "text": "Who should convene?" },
            { "id": second["id"], "order": 2, "text": "What comes next?" },
        ])
    );

    let updated = app
        .data_as(
            &admin,
            UPDATE_QUESTION,
            json!({ "id": first["id"], "version": 1, "text": "Who should convene the dialogue?" }),
        )
        .await["updatePolicyQuestion"]
        .clone();
    assert_eq!(updated["text"], "Who should convene the dialogue?");
    assert_eq!(updated["order"], 1);
    assert_eq!(updated["version"], 2);
    let deleted = app
        .data_as(
            &admin,
            DELETE_QUESTION,
            json!({ "id": second["id"], "version": 1 }),
        )
        .await;
    assert_eq!(deleted["deletePolicyQuestion"]["id"], second["id"]);

    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(
        seen["policyQuestions"],
        json!([{ "id": first["id"], "order": 1, "text": "Who should convene the dialogue?" }])
    );
}

// saveSession.

#[tokio::test]
async fn save_session_creates_a_session_with_roles_and_questions_then_replaces_them() {
    let (app, _, admin) = atlantis().await;
    let nadia = app.person("Nadia Invented", None, None).await;
    let tomas = app.person("Tomas Madeup", None, None).await;
    let rhea = app.person("Rhea Notreal", None, None).await;

    let created = app
        .data_as(
            &admin,
            SAVE_SESSION,
            json!({ "input": save_input(
                &["Who should convene?", "What comes next?", "Who pays?"],
                json!([
                    { "role": "MODERATOR", "person": gid(Kind::Person, nadia.id),
                      "stakeholderGroup": "civil-society", "region": "weog" },
                    { "role": "SPEAKER", "person": gid(Kind::Person, tomas.id),
                      "stakeholderGroup": "government", "region": "african" },
                    { "role": "SPEAKER", "stakeholderGroupAsWritten": "Private Sector",
                      "regionAsWritten": "Asia Pacific" },
                ]),
            ) }),
        )
        .await["saveSession"]
        .clone();
    assert_eq!(created["title"], "Horizons of cooperation");
    assert_eq!(created["version"], 1);
    let expected_roles = vec![
        tuple("MODERATOR", "Nadia Invented", "civil-society", "weog"),
        tuple("SPEAKER", "-", "private-sector", "asia-pacific"),
        tuple("SPEAKER", "Tomas Madeup", "government", "african"),
    ];
    assert_eq!(roles_of(&created), expected_roles);
    let questions = created["policyQuestions"].as_array().unwrap().clone();
    let texts: Vec<&str> = questions.iter().map(|q| str_of(q, "text")).collect();
    assert_eq!(
        texts,
        ["Who should convene?", "What comes next?", "Who pays?"]
    );
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(roles_of(&seen), expected_roles);
    assert_eq!(seen["policyQuestions"], created["policyQuestions"]);

    let mut input = save_input(
        &["Who should convene?", "What comes after the summit?"],
        json!([{ "role": "RAPPORTEUR", "person": gid(Kind::Person, rhea.id),
                 "stakeholderGroup": "technical-community", "region": "grulac" }]),
    );
    input["id"] = created["id"].clone();
    input["version"] = json!(1);
    input["session"] = json!({ "title": "Horizons of cooperation, revisited" });
    let updated = app
        .data_as(&admin, SAVE_SESSION, json!({ "input": input }))
        .await["saveSession"]
        .clone();

    assert_eq!(updated["id"], created["id"]);
    assert_eq!(updated["title"], "Horizons of cooperation, revisited");
    assert_eq!(updated["version"], 2);
    let expected_roles = vec![tuple(
        "RAPPORTEUR",
        "Rhea Notreal",
        "technical-community",
        "grulac",
    )];
    assert_eq!(roles_of(&updated), expected_roles);
    let kept = json!([
        { "id": questions[0]["id"], "order": 1, "text": "Who should convene?" },
        { "id": questions[1]["id"], "order": 2, "text": "What comes after the summit?" },
    ]);
    assert_eq!(
        updated["policyQuestions"], kept,
        "questions are edited in place, keeping their IDs; the extra one is gone"
    );
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Horizons of cooperation, revisited");
    assert_eq!(roles_of(&seen), expected_roles);
    assert_eq!(seen["policyQuestions"], kept);
    let nadia_now = app
        .data(PERSON, json!({ "id": gid(Kind::Person, nadia.id) }))
        .await;
    assert_eq!(nadia_now["person"]["roles"]["nodes"], json!([]));
}

fn roles_with_unknown_third_region() -> Value {
    json!([
        { "role": "MODERATOR", "stakeholderGroup": "civil-society", "region": "weog" },
        { "role": "SPEAKER", "stakeholderGroup": "government", "region": "african" },
        { "role": "SPEAKER", "stakeholderGroup": "government", "region": "atlantis-region" },
    ])
}

#[tokio::test]
async fn a_new_session_whose_third_role_names_an_unknown_region_is_refused_and_nothing_is_written()
{
    let (app, _, admin) = atlantis().await;

    let body = invalid(
        &app,
        &admin,
        SAVE_SESSION,
        json!({ "input": save_input(&["Who should convene?"], roles_with_unknown_third_region()) }),
        "roles[2].region",
    )
    .await;

    let message = str_of(&body["errors"][0], "message");
    assert!(message.contains("atlantis-region"), "{message}");
    assert!(session_of(&app, ATLANTIS, "WS #7").await.is_null());
}

#[tokio::test]
async fn saving_an_existing_session_with_an_unknown_region_in_its_third_role_keeps_it_as_it_was() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    app.role(&session, None, RoleKind::Speaker, 1, "government", "weog")
        .await;
    let mut input = save_input(&["Who pays?"], roles_with_unknown_third_region());
    input["id"] = json!(gid(Kind::Session, session.id));
    input["version"] = json!(1);
    input["session"] = json!({ "title": "Horizons, renamed" });

    invalid(
        &app,
        &admin,
        SAVE_SESSION,
        json!({ "input": input }),
        "roles[2].region",
    )
    .await;

    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Horizons");
    assert_eq!(seen["version"], 1);
    assert_eq!(
        roles_of(&seen),
        vec![tuple("SPEAKER", "-", "government", "weog")]
    );
    assert_eq!(seen["policyQuestions"], json!([]));
}

#[tokio::test]
async fn save_session_names_an_empty_question_by_its_place_and_writes_nothing() {
    let (app, _, admin) = atlantis().await;

    invalid(
        &app,
        &admin,
        SAVE_SESSION,
        json!({ "input": save_input(&["Who should convene?", "  "], json!([])) }),
        "policyQuestions[1]",
    )
    .await;

    assert!(session_of(&app, ATLANTIS, "WS #7").await.is_null());
}

#[tokio::test]
async fn save_session_refuses_to_drop_a_question_that_positions_answer_and_writes_nothing() {
    let (app, _, admin) = atlantis().await;
    let saved = app
        .data_as(
            &admin,
            SAVE_SESSION,
            json!({ "input": save_input(&["Who should convene?", "Who pays?"], json!([])) }),
        )
        .await["saveSession"]
        .clone();
    app.data_as(
        &admin,
        RECORD_POSITION,
        json!({ "input": { "stance": "complementary", "summary": "Everyone pays.",
                           "session": saved["id"],
                           "policyQuestion": saved["policyQuestions"][1]["id"] } }),
    )
    .await;
    let mut input = save_input(&["Who should convene, and where?"], json!([]));
    input["id"] = saved["id"].clone();
    input["version"] = json!(1);

    let body = refused(
        &app,
        &admin,
        SAVE_SESSION,
        json!({ "input": input }),
        "CONFLICT",
    )
    .await;

    assert!(message(&body).contains("1 positions"), "{body}");
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["policyQuestions"], saved["policyQuestions"]);
}
