//! Creating, updating and deleting one record: who, what, before and after.

use super::*;

#[tokio::test]
async fn creating_a_session_is_audited_with_the_account_the_record_and_its_state_after() {
    let (app, _, _, admin) = arrange().await;

    let created = app
        .data_as(
            &admin,
            CREATE_SESSION,
            json!({ "input": { "event": ATLANTIS, "code": "WS #8", "kind": "OPEN_FORUM",
                               "title": "Tides of cooperation" } }),
        )
        .await["createSession"]
        .clone();

    let id = db_id(&created["id"]);
    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "session", "entityId": id }),
    )
    .await;
    assert_eq!(found.len(), 1, "{found:?}");
    let entry = &found[0];
    assert_eq!(entry["action"], "create");
    assert_eq!(entry["entityType"], "session");
    assert_eq!(entry["entityId"], id);
    assert_eq!(entry["actor"]["email"], ADMIN_EMAIL);
    assert_eq!(entry["actorLabel"], ADMIN_EMAIL);
    assert!(entry["before"].is_null(), "nothing before a creation");
    assert_eq!(entry["after"]["id"], id);
    assert_eq!(entry["after"]["title"], "Tides of cooperation");
    assert_eq!(entry["after"]["code"], "WS #8");
    assert_eq!(entry["after"]["kind"], "open_forum");
    assert_eq!(entry["after"]["version"], 1);
}

#[tokio::test]
async fn updating_a_session_is_audited_with_the_old_title_before_and_the_new_one_after() {
    let (app, _, session, admin) = arrange().await;

    app.data_as(
        &admin,
        UPDATE_SESSION,
        json!({ "id": gid(Kind::Session, session.id), "version": 1,
                "input": { "title": "Horizons, revisited" } }),
    )
    .await;

    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "session", "entityId": session.id }),
    )
    .await;
    assert_eq!(kinds(&found), [pair("update", "session")]);
    let entry = &found[0];
    assert_eq!(entry["actor"]["email"], ADMIN_EMAIL);
    assert_eq!(entry["before"]["title"], "Horizons");
    assert_eq!(entry["before"]["version"], 1);
    assert_eq!(entry["after"]["title"], "Horizons, revisited");
    assert_eq!(entry["after"]["version"], 2);
    assert_eq!(
        entry["before"]["code"], entry["after"]["code"],
        "fields not changed are the same on both sides"
    );
}

#[tokio::test]
async fn deleting_a_person_is_audited_with_the_record_before_and_nothing_after() {
    let (app, _, _, admin) = arrange().await;
    let nadia = app
        .person("Nadia Invented", Some("civil-society"), None)
        .await;

    app.data_as(
        &admin,
        "mutation($id: ID!) { deletePerson(id: $id, version: 1) { id } }",
        json!({ "id": gid(Kind::Person, nadia.id) }),
    )
    .await;

    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "person", "entityId": nadia.id }),
    )
    .await;
    assert_eq!(kinds(&found), [pair("delete", "person")]);
    assert_eq!(found[0]["before"]["name"], "Nadia Invented");
    assert_eq!(found[0]["before"]["affiliation"], "Fictional Institute");
    assert!(found[0]["after"].is_null(), "nothing after a deletion");
}
