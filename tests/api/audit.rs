//! The audit trail: every successful change writes its entries in its own
//! transaction, naming the account, the record and its state before and
//! after; a refused change writes none. `auditLog` is for admins and
//! filters by actor, entity and time.

use std::time::Duration;

use entity::{
    event,
    session::{self, SessionKind},
    session_role::RoleKind,
    user::UserRole,
};
use igf_perspectives::graphql::ids::{self, Kind};
use serde_json::{Value, json};

use crate::helpers::*;

const AUDIT_LOG: &str = r#"query($filter: AuditFilter) {
    auditLog(filter: $filter, first: 100) {
        totalCount
        nodes { actor { id email } actorLabel action entityType entityId before after createdAt } } }"#;
const LAST_ENTRY: &str = r#"{ auditLog(last: 1) {
    totalCount nodes { actor { email } actorLabel action entityType entityId before after } } }"#;

const UPDATE_SESSION: &str = r#"mutation($id: ID!, $version: Int!, $input: SessionInput!) {
    updateSession(id: $id, version: $version, input: $input) { id title version } }"#;
const CREATE_SESSION: &str = r#"mutation($input: SessionInput!) {
    createSession(input: $input) { id version } }"#;
const CREATE_PERSON: &str =
    r#"mutation($input: PersonInput!) { createPerson(input: $input) { id } }"#;

const ATLANTIS: &str = "nri-atlantis-2025";
const ADMIN_EMAIL: &str = "ines.admin@example.org";

/// The global ID of a stored row.
fn gid(kind: Kind, id: i64) -> String {
    ids::encode(kind, id).0
}

/// The database id behind a global ID in a response.
fn db_id(global: &Value) -> i64 {
    let id = async_graphql::ID::from(global.as_str().expect("an ID"));
    ids::decode(&id).expect("an ID this API issued").1
}

/// A signed-in account of `role` with this email: its token.
async fn sign_in(app: &TestApp, email: &str, role: UserRole) -> String {
    app.account(email, role).await;
    app.login(email).await
}

/// A server with reference data, the event `nri-atlantis-2025` and a
/// session `WS #7` in it, and the token of the admin [`ADMIN_EMAIL`].
async fn arrange() -> (TestApp, event::Model, session::Model, String) {
    let app = spawn_empty_app().await;
    let event = app.event(ATLANTIS, 2025).await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let admin = sign_in(&app, ADMIN_EMAIL, UserRole::Admin).await;
    (app, event, session, admin)
}

/// The audit entries matching `filter`, oldest first.
async fn entries(app: &TestApp, admin: &str, filter: Value) -> Vec<Value> {
    let data = app
        .data_as(admin, AUDIT_LOG, json!({ "filter": filter }))
        .await;
    data["auditLog"]["nodes"].as_array().unwrap().clone()
}

/// How many audit entries there are.
async fn audit_count(app: &TestApp, admin: &str) -> i64 {
    let data = app.data_as(admin, LAST_ENTRY, json!({})).await;
    data["auditLog"]["totalCount"].as_i64().unwrap()
}

/// `(action, entityType)` of each entry.
fn kinds(entries: &[Value]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["entityType"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(action: &str, entity_type: &str) -> (String, String) {
    (action.into(), entity_type.into())
}

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

    // Events and sessions.
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

    // Positions.
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

    // Reference data.
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

    // Accounts.
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

// Who may read the trail, and its filters.

#[tokio::test]
async fn only_admins_read_the_audit_log() {
    let (app, _, session, _) = arrange().await;
    let organizer = app.organizer_of(&session).await;
    let analyst = app.login_as(UserRole::Analyst).await;

    for token in [&organizer, &analyst] {
        let (status, body) = app.gql_as(token, AUDIT_LOG, json!({})).await;
        assert_eq!(status, 200);
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
        assert!(body["data"].is_null(), "{body}");
    }
    let body = app.gql(AUDIT_LOG, json!({})).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    assert!(body["data"].is_null(), "{body}");
}

#[tokio::test]
async fn the_audit_log_filters_by_actor() {
    let (app, _, _, ines) = arrange().await;
    let omar_account = app.account("omar.admin@example.org", UserRole::Admin).await;
    let omar = app.login("omar.admin@example.org").await;
    app.data_as(
        &ines,
        CREATE_PERSON,
        json!({ "input": { "name": "Made by Ines" } }),
    )
    .await;
    app.data_as(
        &omar,
        CREATE_PERSON,
        json!({ "input": { "name": "Made by Omar" } }),
    )
    .await;
    app.data_as(
        &omar,
        CREATE_PERSON,
        json!({ "input": { "name": "Also made by Omar" } }),
    )
    .await;

    let found = entries(
        &app,
        &ines,
        json!({ "actor": gid(Kind::User, omar_account.id) }),
    )
    .await;

    let names: Vec<&str> = found
        .iter()
        .map(|e| e["after"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Made by Omar", "Also made by Omar"]);
    assert!(
        found
            .iter()
            .all(|e| e["actor"]["email"] == "omar.admin@example.org")
    );
}

#[tokio::test]
async fn the_audit_log_filters_by_entity_type_and_id() {
    let (app, event, session, admin) = arrange().await;
    let other = app
        .session(&event, "WS #8", "Shallows", SessionKind::Workshop, None)
        .await;
    for (s, title) in [(&session, "Horizons, edited"), (&other, "Shallows, edited")] {
        app.data_as(
            &admin,
            UPDATE_SESSION,
            json!({ "id": gid(Kind::Session, s.id), "version": 1, "input": { "title": title } }),
        )
        .await;
    }
    app.data_as(
        &admin,
        CREATE_PERSON,
        json!({ "input": { "name": "Nadia Invented" } }),
    )
    .await;

    let one = entries(
        &app,
        &admin,
        json!({ "entityType": "session", "entityId": other.id }),
    )
    .await;
    let sessions = entries(&app, &admin, json!({ "entityType": "session" })).await;
    let people = entries(&app, &admin, json!({ "entityType": "person" })).await;

    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(one[0]["after"]["title"], "Shallows, edited");
    let titles: Vec<&str> = sessions
        .iter()
        .map(|e| e["after"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Horizons, edited", "Shallows, edited"]);
    assert_eq!(kinds(&people), [pair("create", "person")]);
    assert_eq!(people[0]["after"]["name"], "Nadia Invented");
}

#[tokio::test]
async fn the_audit_log_filters_by_time() {
    let (app, _, _, admin) = arrange().await;
    app.data_as(
        &admin,
        CREATE_PERSON,
        json!({ "input": { "name": "Before the mark" } }),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mark = chrono::Utc::now();
    tokio::time::sleep(Duration::from_millis(50)).await;
    app.data_as(
        &admin,
        CREATE_PERSON,
        json!({ "input": { "name": "After the mark" } }),
    )
    .await;
    let mark = mark.to_rfc3339();

    let since = entries(
        &app,
        &admin,
        json!({ "entityType": "person", "since": mark }),
    )
    .await;
    let until = entries(
        &app,
        &admin,
        json!({ "entityType": "person", "until": mark }),
    )
    .await;
    let window = entries(
        &app,
        &admin,
        json!({ "entityType": "person", "since": mark, "until": chrono::Utc::now().to_rfc3339() }),
    )
    .await;

    let names = |found: &[Value]| -> Vec<String> {
        found
            .iter()
            .map(|e| e["after"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&since), ["After the mark"]);
    assert_eq!(names(&until), ["Before the mark"]);
    assert_eq!(names(&window), ["After the mark"]);
}

#[tokio::test]
async fn password_hashes_never_enter_the_audit_trail() {
    let (app, _, _, admin) = arrange().await;
    let password = "a long enough passphrase";
    let created = app
        .data_as(
            &admin,
            r#"mutation($p: String!) { createUser(input: { email: "rhea@example.org",
                password: $p, role: ANALYST }) { id } }"#,
            json!({ "p": password }),
        )
        .await["createUser"]["id"]
        .clone();
    app.data_as(
        &admin,
        r#"mutation($id: ID!) { updateUser(id: $id, version: 1,
            input: { password: "another long passphrase" }) { id } }"#,
        json!({ "id": created }),
    )
    .await;

    let found = entries(
        &app,
        &admin,
        json!({ "entityType": "user", "entityId": db_id(&created) }),
    )
    .await;

    assert_eq!(
        kinds(&found),
        [pair("create", "user"), pair("update", "user")]
    );
    let after = found[0]["after"].as_object().unwrap();
    assert_eq!(after["email"], "rhea@example.org");
    assert_eq!(after["role"], "analyst");
    assert!(!after.contains_key("password_hash"), "{after:?}");
    assert!(!after.contains_key("password"), "{after:?}");
    assert_eq!(found[1]["after"]["version"], 2);
    let everything = entries(&app, &admin, json!({})).await;
    let text = serde_json::to_string(&everything).unwrap();
    assert!(!text.contains("$argon2"), "a hash in {text}");
    assert!(!text.contains(password), "a password in the audit trail");
    assert!(!text.contains("another long passphrase"));
    assert!(!text.contains(PASSWORD), "a password in the audit trail");
}
