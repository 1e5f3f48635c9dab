//! Reference data: topics, stances, documents, paragraphs.

use super::*;

#[tokio::test]
async fn topic_and_stance_edits_show_in_topics_at_once() {
    let (app, _, admin) = atlantis().await;

    let created = app
        .data_as(
            &admin,
            CREATE_TOPIC,
            json!({ "input": { "code": "digital-trust", "name": "Digital trust",
                               "description": "Trust in the network." } }),
        )
        .await["createTopic"]
        .clone();
    assert_eq!(created["code"], "digital-trust");
    assert_eq!(created["name"], "Digital trust");
    assert_eq!(created["description"], "Trust in the network.");
    assert_eq!(created["stances"], json!([]));
    let stance = app
        .data_as(
            &admin,
            CREATE_STANCE,
            json!({ "topic": "digital-trust", "input": { "code": "trust-first", "name": "Trust first" } }),
        )
        .await["createStance"]
        .clone();
    assert_eq!(stance["code"], "trust-first");
    assert_eq!(stance["name"], "Trust first");
    assert_eq!(stance["order"], 1);
    assert_eq!(stance["topic"]["code"], "digital-trust");
    let topics = app.data(TOPICS, json!({})).await;
    assert_eq!(
        topic(&topics, "digital-trust"),
        Some(&json!({ "code": "digital-trust", "name": "Digital trust",
                      "description": "Trust in the network.", "version": 1,
                      "stances": [{ "code": "trust-first", "name": "Trust first",
                                    "description": null, "order": 1, "version": 1 }] }))
    );

    let renamed = app
        .data_as(
            &admin,
            UPDATE_TOPIC,
            json!({ "id": created["id"], "version": topic(&topics, "digital-trust").unwrap()["version"],
                    "input": { "name": "Digital trust and safety", "description": "" } }),
        )
        .await["updateTopic"]
        .clone();
    assert_eq!(renamed["name"], "Digital trust and safety");
    assert!(renamed["description"].is_null());
    let restated = app
        .data_as(
            &admin,
            UPDATE_STANCE,
            json!({ "id": stance["id"],
                    "version": topic(&topics, "digital-trust").unwrap()["stances"][0]["version"],
                    "input": { "name": "Trust before rules", "description": "Rules follow trust.", "order": 2 } }),
        )
        .await["updateStance"]
        .clone();
    assert_eq!(restated["name"], "Trust before rules");
    assert_eq!(restated["order"], 2);
    let topics = app.data(TOPICS, json!({})).await;
    assert_eq!(
        topic(&topics, "digital-trust"),
        Some(
            &json!({ "code": "digital-trust", "name": "Digital trust and safety",
                      "description": null, "version": 2,
                      "stances": [{ "code": "trust-first", "name": "Trust before rules",
                                    "description": "Rules follow trust.", "order": 2,
                                    "version": 2 }] })
        )
    );

    let deleted = app
        .data_as(
            &admin,
            DELETE_STANCE,
            json!({ "id": stance["id"], "version": 2 }),
        )
        .await;
    assert_eq!(deleted["deleteStance"]["id"], stance["id"]);
    let topics = app.data(TOPICS, json!({})).await;
    assert_eq!(
        topic(&topics, "digital-trust").unwrap()["stances"],
        json!([])
    );
    let deleted = app
        .data_as(
            &admin,
            DELETE_TOPIC,
            json!({ "id": created["id"], "version": 2 }),
        )
        .await;
    assert_eq!(deleted["deleteTopic"]["id"], created["id"]);
    let topics = app.data(TOPICS, json!({})).await;
    assert_eq!(topic(&topics, "digital-trust"), None);
    assert!(
        topic(&topics, "enhanced-cooperation").is_some(),
        "other topics stay"
    );
}

#[tokio::test]
async fn a_new_topic_and_stance_can_be_taken_by_a_position_at_once() {
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
    app.data_as(
        &admin,
        CREATE_STANCE,
        json!({ "topic": "digital-trust", "input": { "code": "trust-first", "name": "Trust first" } }),
    )
    .await;

    let recorded = app
        .data_as(
            &admin,
            RECORD_POSITION,
            json!({ "input": { "topic": "digital-trust", "stance": "trust-first",
                               "summary": "Trust comes first.",
                               "session": gid(Kind::Session, session.id) } }),
        )
        .await["recordPosition"]
        .clone();

    assert_eq!(recorded["topic"]["code"], "digital-trust");
    assert_eq!(recorded["stance"]["code"], "trust-first");
}

#[tokio::test]
async fn document_and_paragraph_edits_show_in_documents_at_once() {
    let (app, _, admin) = atlantis().await;

    let created = app
        .data_as(
            &admin,
            CREATE_DOCUMENT,
            json!({ "input": { "code": "atlantis-charter", "title": "Atlantis Charter",
                               "year": 2024, "url": "https://example.org/charter" } }),
        )
        .await["createDocument"]
        .clone();
    assert_eq!(created["code"], "atlantis-charter");
    assert_eq!(created["title"], "Atlantis Charter");
    assert_eq!(created["year"], 2024);
    assert_eq!(created["url"], "https://example.org/charter");
    assert_eq!(created["paragraphs"], json!([]));
    let paragraph = app
        .data_as(
            &admin,
            CREATE_PARAGRAPH,
            json!({ "document": "atlantis-charter",
                    "input": { "number": 12, "text": "Cooperation is a shared duty." } }),
        )
        .await["createParagraph"]
        .clone();
    assert_eq!(paragraph["number"], 12);
    assert_eq!(paragraph["text"], "Cooperation is a shared duty.");
    assert_eq!(paragraph["document"]["code"], "atlantis-charter");
    let documents = app.data(DOCUMENTS, json!({})).await;
    assert_eq!(
        document(&documents, "atlantis-charter"),
        Some(
            &json!({ "code": "atlantis-charter", "title": "Atlantis Charter", "year": 2024,
                      "url": "https://example.org/charter", "version": 1,
                      "paragraphs": [{ "id": paragraph["id"], "number": 12,
                                       "text": "Cooperation is a shared duty.", "version": 1 }] })
        )
    );

    let updated = app
        .data_as(
            &admin,
            UPDATE_DOCUMENT,
            json!({ "id": created["id"], "version": 1,
                    "input": { "title": "Atlantis Charter on Digital Cooperation", "url": "" } }),
        )
        .await["updateDocument"]
        .clone();
    assert_eq!(updated["title"], "Atlantis Charter on Digital Cooperation");
    assert!(updated["url"].is_null());
    assert_eq!(updated["year"], 2024, "a field left out stays");
    let renumbered = app
        .data_as(
            &admin,
            UPDATE_PARAGRAPH,
            json!({ "id": paragraph["id"], "version": 1,
                    "input": { "number": 13, "text": "Cooperation is everyone's duty." } }),
        )
        .await["updateParagraph"]
        .clone();
    assert_eq!(renumbered["number"], 13);
    assert_eq!(renumbered["text"], "Cooperation is everyone's duty.");
    let documents = app.data(DOCUMENTS, json!({})).await;
    assert_eq!(
        document(&documents, "atlantis-charter"),
        Some(&json!({ "code": "atlantis-charter",
                      "title": "Atlantis Charter on Digital Cooperation", "year": 2024,
                      "url": null, "version": 2,
                      "paragraphs": [{ "id": paragraph["id"], "number": 13,
                                       "text": "Cooperation is everyone's duty.", "version": 2 }] }))
    );

    app.data_as(
        &admin,
        DELETE_PARAGRAPH,
        json!({ "id": paragraph["id"], "version": 2 }),
    )
    .await;
    let documents = app.data(DOCUMENTS, json!({})).await;
    assert_eq!(
        document(&documents, "atlantis-charter").unwrap()["paragraphs"],
        json!([])
    );
    let deleted = app
        .data_as(
            &admin,
            DELETE_DOCUMENT,
            json!({ "id": created["id"], "version": 2 }),
        )
        .await;
    assert_eq!(deleted["deleteDocument"]["id"], created["id"]);
    let documents = app.data(DOCUMENTS, json!({})).await;
    assert_eq!(document(&documents, "atlantis-charter"), None);
    assert!(document(&documents, "tunis-agenda").is_some());
}
