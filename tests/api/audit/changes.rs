//! Every kind of change writes one entry naming its action and entity type.

use super::*;

/// Runs mutations one after another, checking that each wrote exactly one
/// audit entry of the expected kind, by the admin.
struct Trail<'a> {
    app: &'a TestApp,
    admin: &'a str,
    count: i64,
}

impl Trail<'_> {
    async fn expect(
        &mut self,
        query: &str,
        variables: Value,
        action: &str,
        entity_type: &str,
    ) -> Value {
        let data = self.app.data_as(self.admin, query, variables).await;
        let last = self.app.data_as(self.admin, LAST_ENTRY, json!({})).await;
        let log = &last["auditLog"];
        assert_eq!(
            log["totalCount"],
            self.count + 1,
            "one entry for {query}: {log}"
        );
        self.count += 1;
        let entry = &log["nodes"][0];
        assert_eq!(
            (entry["action"].as_str(), entry["entityType"].as_str()),
            (Some(action), Some(entity_type)),
            "{query}: {entry}"
        );
        assert_eq!(entry["actor"]["email"], ADMIN_EMAIL, "{entry}");
        // The returned object, if any, is the record the entry is about.
        let returned = data.as_object().unwrap().values().next().unwrap();
        if let Some(id) = returned.get("id") {
            assert_eq!(entry["entityId"], db_id(id), "{query}: {entry}");
        }
        data
    }
}

#[tokio::test]
async fn every_kind_of_change_writes_one_entry_naming_its_action_and_entity_type() {
    let (app, _, _, admin) = arrange().await;
    let count = audit_count(&app, &admin).await;
    let mut trail = Trail {
        app: &app,
        admin: &admin,
        count,
    };

    let Records {
        event,
        session,
        person,
        role,
        question,
    } = events_sessions_and_people(&mut trail).await;
    positions(&mut trail, &session).await;
    let [topic, stance, document, paragraph] = reference_data(&mut trail).await;
    accounts(&mut trail).await;

    // Deletes, dependents first.
    for (query, id, entity_type) in [
        (
            "mutation($id: ID!) { deleteParagraph(id: $id, version: 2) { id } }",
            &paragraph,
            "paragraph",
        ),
        (
            "mutation($id: ID!) { deleteDocument(id: $id, version: 2) { id } }",
            &document,
            "document",
        ),
        (
            "mutation($id: ID!) { deleteStance(id: $id, version: 2) { id } }",
            &stance,
            "stance",
        ),
        (
            "mutation($id: ID!) { deleteTopic(id: $id, version: 2) { id } }",
            &topic,
            "topic",
        ),
        (
            "mutation($id: ID!) { deletePolicyQuestion(id: $id, version: 2) { id } }",
            &question,
            "policy question",
        ),
        (
            "mutation($id: ID!) { deleteSessionRole(id: $id, version: 2) { id } }",
            &role,
            "session role",
        ),
        (
            "mutation($id: ID!) { deletePerson(id: $id, version: 2) { id } }",
            &person,
            "person",
        ),
        (
            // Each of the six role and question changes above bumped the
            // session's version too (from 2 to 8), without an entry of its own.
            "mutation($id: ID!) { deleteSession(id: $id, version: 8) { id } }",
            &session,
            "session",
        ),
        (
            "mutation($id: ID!) { deleteEvent(id: $id, version: 2) { id } }",
            &event,
            "event",
        ),
    ] {
        trail
            .expect(query, json!({ "id": id }), "delete", entity_type)
            .await;
    }
}

/// The records [`events_sessions_and_people`] created, to delete at the end.
struct Records {
    event: Value,
    session: Value,
    person: Value,
    role: Value,
    question: Value,
}

/// Events and sessions, a person, a session role and a policy question:
/// each created and updated.
async fn events_sessions_and_people(trail: &mut Trail<'_>) -> Records {
    let event = trail
        .expect(
            r#"mutation { createEvent(input: { code: "nri-lemuria-2025", name: "Lemuria IGF",
                kind: NRI_NATIONAL, year: 2025 }) { id } }"#,
            json!({}),
            "create",
            "event",
        )
        .await["createEvent"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updateEvent(id: $id, version: 1, input: { location: "Mu" }) { id } }"#,
            json!({ "id": event }),
            "update",
            "event",
        )
        .await;
    let session = trail
        .expect(
            CREATE_SESSION,
            json!({ "input": { "event": "nri-lemuria-2025", "code": "WS #1", "kind": "WORKSHOP",
                               "title": "Sunken cables" } }),
            "create",
            "session",
        )
        .await["createSession"]["id"]
        .clone();
    trail
        .expect(
            UPDATE_SESSION,
            json!({ "id": session, "version": 1, "input": { "durationMinutes": 45 } }),
            "update",
            "session",
        )
        .await;
    let person = trail
        .expect(
            CREATE_PERSON,
            json!({ "input": { "name": "Tomas Madeup" } }),
            "create",
            "person",
        )
        .await["createPerson"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updatePerson(id: $id, version: 1, input: { affiliation: "Mu Labs" }) { id } }"#,
            json!({ "id": person }),
            "update",
            "person",
        )
        .await;
    let role = trail
        .expect(
            r#"mutation($s: ID!, $p: ID!) { addSessionRole(session: $s,
                input: { role: SPEAKER, person: $p, stakeholderGroup: "government" }) { id } }"#,
            json!({ "s": session, "p": person }),
            "create",
            "session role",
        )
        .await["addSessionRole"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!, $p: ID!) { updateSessionRole(id: $id, version: 1,
                input: { role: MODERATOR, person: $p }) { id } }"#,
            json!({ "id": role, "p": person }),
            "update",
            "session role",
        )
        .await;
    let question = trail
        .expect(
            r#"mutation($s: ID!) { addPolicyQuestion(session: $s, text: "Who owns the sea bed?") { id } }"#,
            json!({ "s": session }),
            "create",
            "policy question",
        )
        .await["addPolicyQuestion"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updatePolicyQuestion(id: $id, version: 1, text: "Who owns it?") { id } }"#,
            json!({ "id": question }),
            "update",
            "policy question",
        )
        .await;
    Records {
        event,
        session,
        person,
        role,
        question,
    }
}

/// A position recorded, updated, published, unpublished and deleted.
async fn positions(trail: &mut Trail<'_>, session: &Value) {
    let position = trail
        .expect(
            r#"mutation($s: ID!) { recordPosition(input: { stance: "undecided",
                summary: "Hard to say.", session: $s }) { id } }"#,
            json!({ "s": session }),
            "create",
            "position",
        )
        .await["recordPosition"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updatePosition(id: $id, version: 1, input: { summary: "Still hard." }) { id } }"#,
            json!({ "id": position }),
            "update",
            "position",
        )
        .await;
    trail
        .expect(
            r#"mutation($id: ID!) { publishPosition(id: $id, version: 2) { id } }"#,
            json!({ "id": position }),
            "update",
            "position",
        )
        .await;
    trail
        .expect(
            r#"mutation($id: ID!) { unpublishPosition(id: $id, version: 3) { id } }"#,
            json!({ "id": position }),
            "update",
            "position",
        )
        .await;
    trail
        .expect(
            r#"mutation($id: ID!) { deletePosition(id: $id, version: 4) { id } }"#,
            json!({ "id": position }),
            "delete",
            "position",
        )
        .await;
}

/// A topic, a stance, a document and a paragraph, each created and updated;
/// returned in that order.
async fn reference_data(trail: &mut Trail<'_>) -> [Value; 4] {
    let topic = trail
        .expect(
            r#"mutation { createTopic(input: { code: "sea-cables", name: "Sea cables" }) { id } }"#,
            json!({}),
            "create",
            "topic",
        )
        .await["createTopic"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updateTopic(id: $id, version: 1, input: { name: "Submarine cables" }) { id } }"#,
            json!({ "id": topic }),
            "update",
            "topic",
        )
        .await;
    let stance = trail
        .expect(
            r#"mutation { createStance(topic: "sea-cables", input: { code: "shared", name: "Shared" }) { id } }"#,
            json!({}),
            "create",
            "stance",
        )
        .await["createStance"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updateStance(id: $id, version: 1, input: { name: "Shared duty" }) { id } }"#,
            json!({ "id": stance }),
            "update",
            "stance",
        )
        .await;
    let document = trail
        .expect(
            r#"mutation { createDocument(input: { code: "mu-charter", title: "Mu Charter" }) { id } }"#,
            json!({}),
            "create",
            "document",
        )
        .await["createDocument"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updateDocument(id: $id, version: 1, input: { year: 2020 }) { id } }"#,
            json!({ "id": document }),
            "update",
            "document",
        )
        .await;
    let paragraph = trail
        .expect(
            r#"mutation { createParagraph(document: "mu-charter", input: { number: 1 }) { id } }"#,
            json!({}),
            "create",
            "paragraph",
        )
        .await["createParagraph"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updateParagraph(id: $id, version: 1, input: { text: "First." }) { id } }"#,
            json!({ "id": paragraph }),
            "update",
            "paragraph",
        )
        .await;
    [topic, stance, document, paragraph]
}

/// An account created, updated, assigned to an event and unassigned.
async fn accounts(trail: &mut Trail<'_>) {
    let user = trail
        .expect(
            r#"mutation { createUser(input: { email: "omar@example.org",
                password: "a long enough passphrase", role: ORGANIZER }) { id } }"#,
            json!({}),
            "create",
            "user",
        )
        .await["createUser"]["id"]
        .clone();
    trail
        .expect(
            r#"mutation($id: ID!) { updateUser(id: $id, version: 1, input: { disabled: true }) { id } }"#,
            json!({ "id": user }),
            "update",
            "user",
        )
        .await;
    trail
        .expect(
            r#"mutation($id: ID!) { assignOrganizer(user: $id, event: "nri-lemuria-2025") { id } }"#,
            json!({ "id": user }),
            "assign",
            "user",
        )
        .await;
    trail
        .expect(
            r#"mutation($id: ID!) { unassignOrganizer(user: $id, event: "nri-lemuria-2025") { id } }"#,
            json!({ "id": user }),
            "unassign",
            "user",
        )
        .await;
}

#[tokio::test]
async fn publishing_is_audited_as_a_change_of_status() {
    let (app, _, session, admin) = arrange().await;
    let draft = app
        .position(NewPosition {
            session: Some(&session),
            published: false,
            ..Default::default()
        })
        .await;

    app.data_as(
        &admin,
        "mutation($id: ID!) { publishPosition(id: $id, version: 1) { id } }",
        json!({ "id": gid(Kind::Position, draft.id) }),
    )
    .await;

    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "position", "entityId": draft.id }),
    )
    .await;
    assert_eq!(kinds(&found), [pair("update", "position")]);
    assert_eq!(found[0]["before"]["status"], "draft");
    assert_eq!(found[0]["after"]["status"], "published");
}
