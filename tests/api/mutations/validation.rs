//! Validation: BAD_USER_INPUT naming the field, and nothing written.

use super::*;

#[tokio::test]
async fn an_empty_title_is_refused_naming_the_title() {
    let (app, _, admin) = atlantis().await;

    invalid(
        &app,
        &admin,
        CREATE_SESSION,
        new_session(json!({ "title": "   " })),
        "title",
    )
    .await;
}

#[tokio::test]
async fn a_duration_of_zero_or_more_than_a_day_is_refused_naming_the_duration() {
    let (app, _, admin) = atlantis().await;

    for minutes in [0, 1441, -5] {
        let body = invalid(
            &app,
            &admin,
            CREATE_SESSION,
            new_session(json!({ "durationMinutes": minutes })),
            "durationMinutes",
        )
        .await;
        let message = str_of(&body["errors"][0], "message");
        assert!(message.contains("between 1 and 1440"), "{message}");
    }
}

#[tokio::test]
async fn a_duration_of_one_minute_and_of_a_whole_day_are_accepted() {
    let (app, _, admin) = atlantis().await;

    for (code, minutes) in [("WS #1", 1), ("WS #1440", 1440)] {
        let created = app
            .data_as(
                &admin,
                CREATE_SESSION,
                new_session(json!({ "code": code, "durationMinutes": minutes })),
            )
            .await;
        assert_eq!(created["createSession"]["durationMinutes"], minutes);
        assert_eq!(
            session_of(&app, ATLANTIS, code).await["durationMinutes"],
            minutes
        );
    }
}

#[tokio::test]
async fn an_unknown_stance_code_is_refused_naming_the_stance() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;

    let body = invalid(
        &app,
        &admin,
        RECORD_POSITION,
        json!({ "input": { "stance": "strongly-agree", "summary": "Yes.",
                           "session": gid(Kind::Session, session.id) } }),
        "stance",
    )
    .await;

    let message = str_of(&body["errors"][0], "message");
    assert!(message.contains("strongly-agree"), "{message}");
}

#[tokio::test]
async fn an_unknown_event_code_is_refused_naming_the_event() {
    let (app, _, admin) = atlantis().await;

    invalid(
        &app,
        &admin,
        CREATE_SESSION,
        new_session(json!({ "event": "nri-nowhere-2025" })),
        "event",
    )
    .await;
}

#[tokio::test]
async fn a_policy_question_of_another_session_is_refused_naming_the_policy_question() {
    let (app, event, admin) = atlantis().await;
    let here = app
        .session(&event, "WS #1", "Here", SessionKind::Workshop, None)
        .await;
    let elsewhere = app
        .session(&event, "WS #2", "Elsewhere", SessionKind::Workshop, None)
        .await;
    let question = app
        .data_as(
            &admin,
            ADD_QUESTION,
            json!({ "session": gid(Kind::Session, elsewhere.id), "text": "Who pays?" }),
        )
        .await["addPolicyQuestion"]["id"]
        .clone();

    invalid(
        &app,
        &admin,
        RECORD_POSITION,
        json!({ "input": { "stance": "complementary", "summary": "Everyone pays.",
                           "session": gid(Kind::Session, here.id),
                           "policyQuestion": question } }),
        "policyQuestion",
    )
    .await;
}

#[tokio::test]
async fn an_end_before_the_start_is_refused_naming_the_end() {
    let (app, _, admin) = atlantis().await;

    invalid(
        &app,
        &admin,
        CREATE_SESSION,
        new_session(
            json!({ "startsAt": "2025-06-24T10:00:00Z", "endsAt": "2025-06-24T09:00:00Z" }),
        ),
        "endsAt",
    )
    .await;
}

#[tokio::test]
async fn a_malformed_event_code_is_refused_naming_the_code() {
    let (app, _, admin) = atlantis().await;

    for code in ["Atlantis 2026!", "nri--atlantis", ""] {
        invalid(
            &app,
            &admin,
            CREATE_EVENT,
            json!({ "input": { "code": code, "name": "Atlantis IGF", "kind": "NRI_NATIONAL",
                               "year": 2026 } }),
            "code",
        )
        .await;
    }
}

#[tokio::test]
async fn a_name_longer_than_two_hundred_characters_is_refused_naming_the_name() {
    let (app, _, admin) = atlantis().await;
    let long = "N".repeat(201);

    let body = invalid(
        &app,
        &admin,
        CREATE_PERSON,
        json!({ "input": { "name": long } }),
        "name",
    )
    .await;

    let message = str_of(&body["errors"][0], "message");
    assert!(message.contains("201"), "{message}");
    let fits = app
        .data_as(
            &admin,
            CREATE_PERSON,
            json!({ "input": { "name": "N".repeat(200) } }),
        )
        .await;
    assert_eq!(
        fits["createPerson"]["name"]
            .as_str()
            .unwrap()
            .chars()
            .count(),
        200
    );
}

#[tokio::test]
async fn a_too_short_password_is_refused_naming_the_password() {
    let (app, _, admin) = atlantis().await;

    invalid(
        &app,
        &admin,
        CREATE_USER,
        json!({ "input": { "email": "rhea@example.org", "password": "short-pass", "role": "ORGANIZER" } }),
        "password",
    )
    .await;
}

#[tokio::test]
async fn an_end_moved_before_the_stored_start_is_refused_naming_the_end() {
    let (app, _, admin) = atlantis().await;
    let created = app
        .data_as(
            &admin,
            CREATE_SESSION,
            new_session(
                json!({ "startsAt": "2025-06-24T10:00:00Z", "endsAt": "2025-06-24T11:00:00Z" }),
            ),
        )
        .await["createSession"]
        .clone();

    invalid(
        &app,
        &admin,
        UPDATE_SESSION,
        json!({ "id": created["id"], "version": 1, "input": { "endsAt": "2025-06-24T09:00:00Z" } }),
        "endsAt",
    )
    .await;
}

#[tokio::test]
async fn moving_a_position_to_another_session_never_leaves_it_answering_a_question_of_the_old_one()
{
    let (app, event, admin) = atlantis().await;
    let here = app
        .session(&event, "WS #1", "Here", SessionKind::Workshop, None)
        .await;
    let elsewhere = app
        .session(&event, "WS #2", "Elsewhere", SessionKind::Workshop, None)
        .await;
    let question = app
        .data_as(
            &admin,
            ADD_QUESTION,
            json!({ "session": gid(Kind::Session, here.id), "text": "Who pays?" }),
        )
        .await["addPolicyQuestion"]["id"]
        .clone();
    let position = app
        .data_as(
            &admin,
            RECORD_POSITION,
            json!({ "input": { "stance": "complementary", "summary": "Everyone pays.",
                               "session": gid(Kind::Session, here.id),
                               "policyQuestion": question } }),
        )
        .await["recordPosition"]["id"]
        .clone();

    let (_, body) = app
        .gql_as(
            &admin,
            r#"mutation($id: ID!, $s: ID!) { updatePosition(id: $id, version: 1, input: { session: $s }) {
                session { code } policyQuestion { session { code } } } }"#,
            json!({ "id": position, "s": gid(Kind::Session, elsewhere.id) }),
        )
        .await;

    match body.get("errors") {
        Some(_) => {
            assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
            assert_eq!(error_field(&body), "policyQuestion", "{body}");
        }
        None => {
            let moved = &body["data"]["updatePosition"];
            assert_eq!(moved["session"]["code"], "WS #2");
            assert!(
                moved["policyQuestion"].is_null()
                    || moved["policyQuestion"]["session"]["code"] == "WS #2",
                "a position answers a question of its own session: {moved}"
            );
        }
    }
}
