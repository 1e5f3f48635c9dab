//! Positions: recorded as a draft, edited, published, unpublished, deleted.

use super::*;

#[tokio::test]
async fn a_position_is_recorded_as_a_draft_edited_published_unpublished_and_deleted() {
    let (app, event, admin) = atlantis().await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let nadia = app
        .person("Nadia Invented", Some("government"), Some("african"))
        .await;
    let in_session = json!({ "session": gid(Kind::Session, session.id) });

    let recorded = app
        .data_as(
            &admin,
            RECORD_POSITION,
            json!({ "input": {
                "stance": "complementary", "summary": "The two tracks help each other.",
                "quote": "They are two sides of one coin.",
                "session": gid(Kind::Session, session.id), "person": gid(Kind::Person, nadia.id),
                "participationMode": "ONSITE" } }),
        )
        .await["recordPosition"]
        .clone();
    assert_eq!(recorded["status"], "DRAFT");
    assert_eq!(recorded["version"], 1);
    assert_eq!(recorded["summary"], "The two tracks help each other.");
    assert_eq!(recorded["quote"], "They are two sides of one coin.");
    assert_eq!(recorded["topic"]["code"], "enhanced-cooperation");
    assert_eq!(recorded["stance"]["code"], "complementary");
    assert_eq!(recorded["session"]["code"], "WS #7");
    assert_eq!(recorded["person"]["name"], "Nadia Invented");
    assert_eq!(
        recorded["stakeholderGroup"]["code"], "government",
        "the person's own group, having no role in the session"
    );
    assert_eq!(recorded["region"]["code"], "african");
    assert_eq!(recorded["participationMode"], "ONSITE");
    let public = app.data(POSITIONS_IN_SESSION, in_session.clone()).await;
    assert_eq!(
        public["positions"]["totalCount"], 0,
        "the public sees no draft"
    );
    let seen = app
        .data_as(&admin, POSITIONS_IN_SESSION, in_session.clone())
        .await;
    assert_eq!(seen["positions"]["totalCount"], 1);

    let id = str_of(&recorded, "id");
    let edited = app
        .data_as(
            &admin,
            UPDATE_POSITION,
            json!({ "id": id, "version": 1, "input": {
                "stance": "new-mechanism", "summary": "A new mechanism is needed." } }),
        )
        .await["updatePosition"]
        .clone();
    assert_eq!(edited["stance"]["code"], "new-mechanism");
    assert_eq!(edited["summary"], "A new mechanism is needed.");
    assert_eq!(edited["status"], "DRAFT");
    assert_eq!(edited["version"], 2);
    let seen = app
        .data_as(&admin, POSITIONS_IN_SESSION, in_session.clone())
        .await;
    assert_eq!(
        seen["positions"]["nodes"],
        json!([{ "summary": "A new mechanism is needed.", "status": "DRAFT",
                 "version": 2, "stance": { "code": "new-mechanism" } }])
    );

    let published = app
        .data_as(&admin, PUBLISH_POSITION, json!({ "id": id, "version": 2 }))
        .await["publishPosition"]
        .clone();
    assert_eq!(published["status"], "PUBLISHED");
    assert_eq!(published["version"], 3);
    let public = app.data(POSITIONS_IN_SESSION, in_session.clone()).await;
    assert_eq!(
        public["positions"]["nodes"],
        json!([{ "summary": "A new mechanism is needed.", "status": "PUBLISHED",
                 "version": 3, "stance": { "code": "new-mechanism" } }])
    );

    let unpublished = app
        .data_as(
            &admin,
            UNPUBLISH_POSITION,
            json!({ "id": id, "version": 3 }),
        )
        .await["unpublishPosition"]
        .clone();
    assert_eq!(unpublished["status"], "DRAFT");
    assert_eq!(unpublished["version"], 4);
    let public = app.data(POSITIONS_IN_SESSION, in_session.clone()).await;
    assert_eq!(public["positions"]["totalCount"], 0);

    let deleted = app
        .data_as(&admin, DELETE_POSITION, json!({ "id": id, "version": 4 }))
        .await;
    assert_eq!(deleted["deletePosition"]["id"], id);
    let seen = app.data_as(&admin, POSITIONS_IN_SESSION, in_session).await;
    assert_eq!(seen["positions"]["totalCount"], 0);
}
