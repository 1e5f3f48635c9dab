//! Events: create, update and delete.

use super::*;

#[tokio::test]
async fn an_admin_creates_updates_and_deletes_an_event() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;

    let created = app
        .data_as(
            &admin,
            CREATE_EVENT,
            json!({ "input": {
                "code": "nri-atlantis-2026", "name": "Atlantis IGF 2026",
                "kind": "NRI_NATIONAL", "year": 2026, "location": "Port Azure" } }),
        )
        .await["createEvent"]
        .clone();
    assert_eq!(created["code"], "nri-atlantis-2026");
    assert_eq!(created["name"], "Atlantis IGF 2026");
    assert_eq!(created["kind"], "NRI_NATIONAL");
    assert_eq!(created["year"], 2026);
    assert_eq!(created["location"], "Port Azure");
    assert_eq!(created["version"], 1);
    let listed = app.data(EVENTS, json!({ "year": 2026 })).await;
    assert_eq!(
        listed["events"],
        json!([{ "code": "nri-atlantis-2026", "name": "Atlantis IGF 2026",
                 "kind": "NRI_NATIONAL", "location": "Port Azure", "version": 1 }])
    );

    let id = str_of(&created, "id");
    let updated = app
        .data_as(
            &admin,
            UPDATE_EVENT,
            json!({ "id": id, "version": 1, "input": {
                "name": "Atlantis Internet Governance Forum 2026", "kind": "NRI_REGIONAL",
                "location": "" } }),
        )
        .await["updateEvent"]
        .clone();
    assert_eq!(updated["name"], "Atlantis Internet Governance Forum 2026");
    assert_eq!(updated["kind"], "NRI_REGIONAL");
    assert_eq!(updated["year"], 2026, "a field left out stays");
    assert!(updated["location"].is_null(), "an empty string clears it");
    assert_eq!(updated["version"], 2);
    let listed = app.data(EVENTS, json!({ "year": 2026 })).await;
    assert_eq!(
        listed["events"][0]["name"],
        "Atlantis Internet Governance Forum 2026"
    );
    assert_eq!(listed["events"][0]["version"], 2);

    let deleted = app
        .data_as(&admin, DELETE_EVENT, json!({ "id": id, "version": 2 }))
        .await;
    assert_eq!(deleted["deleteEvent"]["id"], id);
    let listed = app.data(EVENTS, json!({ "year": 2026 })).await;
    assert_eq!(listed["events"], json!([]));
}
