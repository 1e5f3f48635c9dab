//! Versions: no lost updates.

use super::*;

#[tokio::test]
async fn an_update_with_a_stale_version_is_a_conflict_naming_the_current_version() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let id = gid(Kind::Session, session.id);
    app.data_as(
        &admin,
        UPDATE_SESSION,
        json!({ "id": id, "version": 1, "input": { "title": "First edit" } }),
    )
    .await;

    let body = refused(
        &app,
        &admin,
        UPDATE_SESSION,
        json!({ "id": id, "version": 1, "input": { "title": "Second edit from an old form" } }),
        "CONFLICT",
    )
    .await;

    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "First edit");
    assert_eq!(seen["version"], 2);
}

#[tokio::test]
async fn a_delete_with_a_stale_version_is_a_conflict_and_the_row_stays() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
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
        json!({ "id": id, "version": 1 }),
        "CONFLICT",
    )
    .await;

    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Edited meanwhile");
}

#[tokio::test]
async fn publishing_with_a_stale_version_is_a_conflict_and_the_position_stays_a_draft() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let draft = app
        .position(NewPosition {
            session: Some(&session),
            published: false,
            ..Default::default()
        })
        .await;
    let id = gid(Kind::Position, draft.id);
    app.data_as(
        &admin,
        UPDATE_POSITION,
        json!({ "id": id, "version": 1, "input": { "summary": "Reworded." } }),
    )
    .await;

    let body = refused(
        &app,
        &admin,
        PUBLISH_POSITION,
        json!({ "id": id, "version": 1 }),
        "CONFLICT",
    )
    .await;

    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    let public = app
        .data(
            POSITIONS_IN_SESSION,
            json!({ "session": gid(Kind::Session, session.id) }),
        )
        .await;
    assert_eq!(public["positions"]["totalCount"], 0);
}

#[tokio::test]
async fn of_two_concurrent_updates_with_the_same_version_exactly_one_wins() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let id = gid(Kind::Session, session.id);
    let update = |version: i32, title: String| {
        app.gql_as(
            &admin,
            UPDATE_SESSION,
            json!({ "id": id, "version": version, "input": { "title": title } }),
        )
    };

    for (round, version) in (1..=6).enumerate() {
        let (left, right) = tokio::join!(
            update(version, format!("Left title {round}")),
            update(version, format!("Right title {round}")),
        );

        let outcomes = [left, right];
        let winners: Vec<&Value> = outcomes
            .iter()
            .filter(|(_, b)| b.get("errors").is_none())
            .map(|(_, b)| b)
            .collect();
        let losers: Vec<&Value> = outcomes
            .iter()
            .filter(|(_, b)| b.get("errors").is_some())
            .map(|(_, b)| b)
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {outcomes:?}");
        assert_eq!(losers.len(), 1, "round {round}: {outcomes:?}");
        assert_eq!(error_code(losers[0]), "CONFLICT", "{}", losers[0]);
        assert_eq!(
            losers[0]["errors"][0]["extensions"]["currentVersion"],
            version + 1
        );
        let won = &winners[0]["data"]["updateSession"];
        assert_eq!(won["version"], version + 1);
        let seen = session_of(&app, ATLANTIS, "WS #7").await;
        assert_eq!(seen["title"], won["title"], "round {round}");
        assert_eq!(seen["version"], version + 1);
    }
}

#[tokio::test]
async fn of_two_concurrent_creates_of_the_same_session_code_exactly_one_wins() {
    let (app, _, admin) = atlantis().await;

    for round in 0..4 {
        let code = format!("WS #{round}");
        let (left, right) = tokio::join!(
            app.gql_as(
                &admin,
                CREATE_SESSION,
                new_session(json!({ "code": code, "title": "Left" }))
            ),
            app.gql_as(
                &admin,
                CREATE_SESSION,
                new_session(json!({ "code": code, "title": "Right" }))
            ),
        );

        let outcomes = [left, right];
        let won: Vec<&Value> = outcomes
            .iter()
            .map(|(_, b)| b)
            .filter(|b| b.get("errors").is_none())
            .collect();
        assert_eq!(won.len(), 1, "round {round}: {outcomes:?}");
        let lost = outcomes
            .iter()
            .map(|(_, b)| b)
            .find(|b| b.get("errors").is_some())
            .unwrap();
        assert_eq!(error_code(lost), "CONFLICT", "{lost}");
        let seen = session_of(&app, ATLANTIS, &code).await;
        assert_eq!(seen["title"], won[0]["data"]["createSession"]["title"]);
    }
}
