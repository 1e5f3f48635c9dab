//! Mutations over HTTP: create, update and delete for every entity, the
//! one-transaction `saveSession`, `mergePeople`, validation that names the
//! field at fault, optimistic versions, refused deletes of records others
//! refer to, and what organizers may change.

use entity::{event, session::SessionKind, session_role::RoleKind, user::UserRole};
use igf_perspectives::graphql::ids::{self, Kind};
use serde_json::{Value, json};

use crate::helpers::*;

// Requests.

const CREATE_EVENT: &str = r#"mutation($input: EventInput!) {
    createEvent(input: $input) { id code name kind year location version } }"#;
const UPDATE_EVENT: &str = r#"mutation($id: ID!, $version: Int!, $input: EventPatch!) {
    updateEvent(id: $id, version: $version, input: $input) { id code name kind year location version } }"#;
const DELETE_EVENT: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deleteEvent(id: $id, version: $version, cascade: $cascade) { id } }"#;
const EVENTS: &str =
    r#"query($year: Int) { events(year: $year) { code name kind location version } }"#;

const CREATE_SESSION: &str = r#"mutation($input: SessionInput!) {
    createSession(input: $input) {
        id code kind title format durationMinutes room startsAt endsAt version event { code } } }"#;
const UPDATE_SESSION: &str = r#"mutation($id: ID!, $version: Int!, $input: SessionInput!) {
    updateSession(id: $id, version: $version, input: $input) {
        id code title durationMinutes room version } }"#;
const SAVE_SESSION: &str = r#"mutation($input: SaveSessionInput!) {
    saveSession(input: $input) {
        id code title version
        roles { role order person { name } stakeholderGroup { code } region { code } }
        policyQuestions { id order text } } }"#;
const DELETE_SESSION: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deleteSession(id: $id, version: $version, cascade: $cascade) { id } }"#;
const SESSION: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) {
        id code title durationMinutes room version
        roles { id role order person { name } stakeholderGroup { code } region { code } regionAsWritten }
        policyQuestions { id order text }
        citedParagraphs { number } } }"#;

const ADD_ROLE: &str = r#"mutation($session: ID!, $input: RoleInput!) {
    addSessionRole(session: $session, input: $input) {
        id role order person { name } stakeholderGroup { code } region { code }
        stakeholderGroupAsWritten regionAsWritten version } }"#;
const UPDATE_ROLE: &str = r#"mutation($id: ID!, $version: Int!, $input: RoleInput!) {
    updateSessionRole(id: $id, version: $version, input: $input) {
        id role order person { name } stakeholderGroup { code } region { code }
        regionAsWritten version } }"#;
const DELETE_ROLE: &str = r#"mutation($id: ID!, $version: Int!) {
    deleteSessionRole(id: $id, version: $version) { id } }"#;

const ADD_QUESTION: &str = r#"mutation($session: ID!, $text: String!) {
    addPolicyQuestion(session: $session, text: $text) { id order text version } }"#;
const UPDATE_QUESTION: &str = r#"mutation($id: ID!, $version: Int!, $text: String) {
    updatePolicyQuestion(id: $id, version: $version, text: $text) { id order text version } }"#;
const DELETE_QUESTION: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deletePolicyQuestion(id: $id, version: $version, cascade: $cascade) { id } }"#;

const CREATE_PERSON: &str = r#"mutation($input: PersonInput!) {
    createPerson(input: $input) {
        id name affiliation stakeholderGroup { code } region { code } version } }"#;
const UPDATE_PERSON: &str = r#"mutation($id: ID!, $version: Int!, $input: PersonInput!) {
    updatePerson(id: $id, version: $version, input: $input) {
        id name affiliation stakeholderGroup { code } region { code } version } }"#;
const DELETE_PERSON: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deletePerson(id: $id, version: $version, cascade: $cascade) { id } }"#;
const PERSON: &str = r#"query($id: ID!) {
    person(id: $id) {
        name affiliation stakeholderGroup { code } region { code } version
        roles { nodes { role session { code } } }
        positions { nodes { summary } } } }"#;

const RECORD_POSITION: &str = r#"mutation($input: PositionInput!) {
    recordPosition(input: $input) {
        id summary quote status version participationMode
        topic { code } stance { code } session { code } person { name }
        stakeholderGroup { code } region { code } } }"#;
const UPDATE_POSITION: &str = r#"mutation($id: ID!, $version: Int!, $input: PositionInput!) {
    updatePosition(id: $id, version: $version, input: $input) {
        id summary status version stance { code } } }"#;
const PUBLISH_POSITION: &str = r#"mutation($id: ID!, $version: Int!) {
    publishPosition(id: $id, version: $version) { id status version } }"#;
const UNPUBLISH_POSITION: &str = r#"mutation($id: ID!, $version: Int!) {
    unpublishPosition(id: $id, version: $version) { id status version } }"#;
const DELETE_POSITION: &str = r#"mutation($id: ID!, $version: Int!) {
    deletePosition(id: $id, version: $version) { id } }"#;
const POSITIONS_IN_SESSION: &str = r#"query($session: ID!) {
    positions(filter: { session: $session }) {
        totalCount nodes { summary status version stance { code } } } }"#;

const CREATE_TOPIC: &str = r#"mutation($input: TopicInput!) {
    createTopic(input: $input) { id code name description stances { code } } }"#;
const UPDATE_TOPIC: &str = r#"mutation($id: ID!, $version: Int!, $input: TopicInput!) {
    updateTopic(id: $id, version: $version, input: $input) { id code name description } }"#;
const DELETE_TOPIC: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deleteTopic(id: $id, version: $version, cascade: $cascade) { id } }"#;
const CREATE_STANCE: &str = r#"mutation($topic: String!, $input: StanceInput!) {
    createStance(topic: $topic, input: $input) { id code name description order topic { code } } }"#;
const UPDATE_STANCE: &str = r#"mutation($id: ID!, $version: Int!, $input: StanceInput!) {
    updateStance(id: $id, version: $version, input: $input) { id code name order } }"#;
const DELETE_STANCE: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deleteStance(id: $id, version: $version, cascade: $cascade) { id } }"#;
const TOPICS: &str =
    "{ topics { code name description version stances { code name description order version } } }";

const CREATE_DOCUMENT: &str = r#"mutation($input: DocumentInput!) {
    createDocument(input: $input) { id code title year url paragraphs { number } } }"#;
const UPDATE_DOCUMENT: &str = r#"mutation($id: ID!, $version: Int!, $input: DocumentInput!) {
    updateDocument(id: $id, version: $version, input: $input) { id code title year url } }"#;
const DELETE_DOCUMENT: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deleteDocument(id: $id, version: $version, cascade: $cascade) { id } }"#;
const CREATE_PARAGRAPH: &str = r#"mutation($document: String!, $input: ParagraphInput!) {
    createParagraph(document: $document, input: $input) { id number text document { code } } }"#;
const UPDATE_PARAGRAPH: &str = r#"mutation($id: ID!, $version: Int!, $input: ParagraphInput!) {
    updateParagraph(id: $id, version: $version, input: $input) { id number text } }"#;
const DELETE_PARAGRAPH: &str = r#"mutation($id: ID!, $version: Int!, $cascade: Boolean! = false) {
    deleteParagraph(id: $id, version: $version, cascade: $cascade) { id } }"#;
const DOCUMENTS: &str =
    "{ documents { code title year url version paragraphs { id number text version } } }";

const CREATE_USER: &str = r#"mutation($input: CreateUserInput!) {
    createUser(input: $input) { id email role } }"#;
const MERGE_PEOPLE: &str = r#"mutation($keep: ID!, $merge: ID!) {
    mergePeople(keep: $keep, merge: $merge) {
        id name roles { nodes { role session { code } } } positions { nodes { summary } } } }"#;

// Small helpers.

const ATLANTIS: &str = "nri-atlantis-2025";
const LEMURIA: &str = "nri-lemuria-2025";

/// The global ID of a stored row.
fn gid(kind: Kind, id: i64) -> String {
    ids::encode(kind, id).0
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string `{key}` in {value}"))
}

/// The first error's `extensions.field`.
fn error_field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_else(|| panic!("no extensions.field in {body}"))
}

/// Send a request that must be refused with `code`, and assert that the
/// database is exactly as it was before; returns the response body.
async fn refused(app: &TestApp, token: &str, query: &str, variables: Value, code: &str) -> Value {
    let before = app.fingerprint().await;
    let (status, body) = app.gql_as(token, query, variables).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(error_code(&body), code, "{body}");
    assert_eq!(
        app.fingerprint().await,
        before,
        "a refused request writes nothing: {body}"
    );
    body
}

/// A request refused as `BAD_USER_INPUT` naming `field`, that wrote nothing.
async fn invalid(app: &TestApp, token: &str, query: &str, variables: Value, field: &str) -> Value {
    let body = refused(app, token, query, variables, "BAD_USER_INPUT").await;
    assert_eq!(error_field(&body), field, "{body}");
    body
}

/// A server with reference data and one NRI event, `nri-atlantis-2025`,
/// and an admin's token.
async fn atlantis() -> (TestApp, event::Model, String) {
    let app = spawn_empty_app().await;
    let event = app.event(ATLANTIS, 2025).await;
    let admin = app.login_as(UserRole::Admin).await;
    (app, event, admin)
}

/// A signed-in organizer assigned to every session of `event`.
async fn organizer_of_event(app: &TestApp, event: &event::Model) -> String {
    let email = format!("organizer-of-{}@example.org", event.code);
    let user = app.account(&email, UserRole::Organizer).await;
    app.assign(&user, None, Some(event)).await;
    app.login(&email).await
}

async fn session_of(app: &TestApp, event: &str, code: &str) -> Value {
    app.data(SESSION, json!({ "event": event, "code": code }))
        .await["session"]
        .clone()
}

/// `roles` of a session as sorted `(role, person, group, region)` tuples.
fn roles_of(session: &Value) -> Vec<(String, String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or("-").to_owned();
    let mut roles: Vec<_> = session["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                text(&r["role"]),
                text(&r["person"]["name"]),
                text(&r["stakeholderGroup"]["code"]),
                text(&r["region"]["code"]),
            )
        })
        .collect();
    roles.sort();
    roles
}

fn tuple(role: &str, person: &str, group: &str, region: &str) -> (String, String, String, String) {
    (role.into(), person.into(), group.into(), region.into())
}

// Events.

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

// Sessions, their roles and their policy questions.

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

fn save_input(questions: &[&str], roles: Value) -> Value {
    json!({
        "session": { "event": ATLANTIS, "code": "WS #7", "kind": "WORKSHOP",
                     "title": "Horizons of cooperation" },
        "roles": roles,
        "policyQuestions": questions,
    })
}

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

// People.

#[tokio::test]
async fn an_admin_creates_updates_and_deletes_a_person() {
    let (app, _, admin) = atlantis().await;

    let created = app
        .data_as(
            &admin,
            CREATE_PERSON,
            json!({ "input": {
                "name": "Nadia Invented", "affiliation": "Imaginary University",
                "stakeholderGroup": "civil-society", "region": "african" } }),
        )
        .await["createPerson"]
        .clone();
    assert_eq!(created["name"], "Nadia Invented");
    assert_eq!(created["affiliation"], "Imaginary University");
    assert_eq!(created["stakeholderGroup"]["code"], "civil-society");
    assert_eq!(created["region"]["code"], "african");
    assert_eq!(created["version"], 1);
    let id = str_of(&created, "id");
    let seen = app.data(PERSON, json!({ "id": id })).await;
    assert_eq!(seen["person"]["name"], "Nadia Invented");
    assert_eq!(seen["person"]["affiliation"], "Imaginary University");

    let updated = app
        .data_as(
            &admin,
            UPDATE_PERSON,
            json!({ "id": id, "version": 1, "input": { "affiliation": "", "region": "grulac" } }),
        )
        .await["updatePerson"]
        .clone();
    assert_eq!(updated["name"], "Nadia Invented", "a field left out stays");
    assert!(
        updated["affiliation"].is_null(),
        "an empty string clears it"
    );
    assert_eq!(updated["region"]["code"], "grulac");
    assert_eq!(updated["stakeholderGroup"]["code"], "civil-society");
    assert_eq!(updated["version"], 2);
    let seen = app.data(PERSON, json!({ "id": id })).await;
    assert!(seen["person"]["affiliation"].is_null());
    assert_eq!(seen["person"]["region"]["code"], "grulac");
    assert_eq!(seen["person"]["version"], 2);

    let deleted = app
        .data_as(&admin, DELETE_PERSON, json!({ "id": id, "version": 2 }))
        .await;
    assert_eq!(deleted["deletePerson"]["id"], id);
    let seen = app.data(PERSON, json!({ "id": id })).await;
    assert!(seen["person"].is_null());
}

#[tokio::test]
async fn merging_people_moves_roles_and_positions_to_the_one_kept_and_deletes_the_duplicate() {
    let (app, event, admin) = atlantis().await;
    let north = app
        .session(&event, "WS #1", "North", SessionKind::Workshop, None)
        .await;
    let south = app
        .session(&event, "WS #2", "South", SessionKind::Workshop, None)
        .await;
    let keep = app
        .person("Ada Fictional", Some("civil-society"), Some("weog"))
        .await;
    let duplicate = app
        .person("Ada Fictionall", Some("civil-society"), Some("weog"))
        .await;
    app.role(
        &north,
        Some(&keep),
        RoleKind::Speaker,
        1,
        "civil-society",
        "weog",
    )
    .await;
    app.role(
        &south,
        Some(&duplicate),
        RoleKind::Moderator,
        1,
        "civil-society",
        "weog",
    )
    .await;
    app.position(NewPosition {
        summary: "Said in the south by the duplicate.",
        session: Some(&south),
        person: Some(&duplicate),
        ..Default::default()
    })
    .await;

    let merged = app
        .data_as(
            &admin,
            MERGE_PEOPLE,
            json!({ "keep": gid(Kind::Person, keep.id), "merge": gid(Kind::Person, duplicate.id) }),
        )
        .await["mergePeople"]
        .clone();

    assert_eq!(merged["id"], gid(Kind::Person, keep.id));
    assert_eq!(merged["name"], "Ada Fictional");
    let mut roles: Vec<(String, String)> = merged["roles"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                str_of(&r["session"], "code").to_owned(),
                str_of(r, "role").to_owned(),
            )
        })
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            ("WS #1".to_owned(), "SPEAKER".to_owned()),
            ("WS #2".to_owned(), "MODERATOR".to_owned())
        ]
    );
    assert_eq!(
        merged["positions"]["nodes"],
        json!([{ "summary": "Said in the south by the duplicate." }])
    );
    let gone = app
        .data(PERSON, json!({ "id": gid(Kind::Person, duplicate.id) }))
        .await;
    assert!(gone["person"].is_null());
    let south_seen = session_of(&app, ATLANTIS, "WS #2").await;
    assert_eq!(south_seen["roles"][0]["person"]["name"], "Ada Fictional");
}

// Positions.

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

// Reference data: topics, stances, documents, paragraphs.

fn topic<'a>(topics: &'a Value, code: &str) -> Option<&'a Value> {
    topics["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == code)
}

fn document<'a>(documents: &'a Value, code: &str) -> Option<&'a Value> {
    documents["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
}

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

// Validation: BAD_USER_INPUT naming the field, and nothing written.

fn new_session(fields: Value) -> Value {
    let mut input = json!({ "event": ATLANTIS, "code": "WS #7", "kind": "WORKSHOP",
                            "title": "Horizons" });
    for (k, v) in fields.as_object().unwrap() {
        input[k] = v.clone();
    }
    json!({ "input": input })
}

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

// Versions: no lost updates.

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

// Deleting what others refer to.

fn message(body: &Value) -> &str {
    str_of(&body["errors"][0], "message")
}

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

// Organizers.

#[tokio::test]
async fn an_organizer_of_an_event_creates_and_edits_sessions_and_records_and_publishes_positions_there()
 {
    let (app, event, _) = atlantis().await;
    let organizer = organizer_of_event(&app, &event).await;

    let created = app
        .data_as(&organizer, CREATE_SESSION, new_session(json!({})))
        .await["createSession"]
        .clone();
    assert_eq!(created["event"]["code"], ATLANTIS);
    let updated = app
        .data_as(
            &organizer,
            UPDATE_SESSION,
            json!({ "id": created["id"], "version": 1, "input": { "title": "Horizons, edited" } }),
        )
        .await["updateSession"]
        .clone();
    assert_eq!(updated["title"], "Horizons, edited");
    let recorded = app
        .data_as(
            &organizer,
            RECORD_POSITION,
            json!({ "input": { "stance": "concluded", "summary": "The track is done.",
                               "session": created["id"] } }),
        )
        .await["recordPosition"]
        .clone();
    assert_eq!(recorded["status"], "DRAFT");
    let published = app
        .data_as(
            &organizer,
            PUBLISH_POSITION,
            json!({ "id": recorded["id"], "version": 1 }),
        )
        .await["publishPosition"]
        .clone();
    assert_eq!(published["status"], "PUBLISHED");

    let seen = session_of(&app, ATLANTIS, "WS #7").await;
    assert_eq!(seen["title"], "Horizons, edited");
    let public = app
        .data(POSITIONS_IN_SESSION, json!({ "session": created["id"] }))
        .await;
    assert_eq!(
        public["positions"]["nodes"][0]["summary"],
        "The track is done."
    );
}

#[tokio::test]
async fn an_organizer_changes_nothing_in_another_event() {
    let (app, atlantis_event, _) = atlantis().await;
    let lemuria = app.event(LEMURIA, 2025).await;
    let elsewhere = app
        .session(&lemuria, "WS #9", "Sunken", SessionKind::Workshop, None)
        .await;
    let organizer = organizer_of_event(&app, &atlantis_event).await;

    refused(
        &app,
        &organizer,
        CREATE_SESSION,
        new_session(json!({ "event": LEMURIA })),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        UPDATE_SESSION,
        json!({ "id": gid(Kind::Session, elsewhere.id), "version": 1,
                "input": { "title": "Raised" } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        RECORD_POSITION,
        json!({ "input": { "stance": "concluded", "summary": "Not mine to say.",
                           "session": gid(Kind::Session, elsewhere.id) } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        ADD_QUESTION,
        json!({ "session": gid(Kind::Session, elsewhere.id), "text": "Whose sea?" }),
        "FORBIDDEN",
    )
    .await;
    let mut save = save_input(&["Whose sea?"], json!([]));
    save["session"]["event"] = json!(LEMURIA);
    refused(
        &app,
        &organizer,
        SAVE_SESSION,
        json!({ "input": save }),
        "FORBIDDEN",
    )
    .await;
    let mut save = save_input(&["Whose sea?"], json!([]));
    save["id"] = json!(gid(Kind::Session, elsewhere.id));
    save["version"] = json!(1);
    save["session"] = json!({ "title": "Raised" });
    refused(
        &app,
        &organizer,
        SAVE_SESSION,
        json!({ "input": save }),
        "FORBIDDEN",
    )
    .await;

    assert_eq!(session_of(&app, LEMURIA, "WS #9").await["title"], "Sunken");
}

#[tokio::test]
async fn an_organizer_may_not_create_events_topics_or_users() {
    let (app, event, _) = atlantis().await;
    let organizer = organizer_of_event(&app, &event).await;

    refused(
        &app,
        &organizer,
        CREATE_EVENT,
        json!({ "input": { "code": "nri-atlantis-2026", "name": "Atlantis IGF 2026",
                           "kind": "NRI_NATIONAL", "year": 2026 } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        CREATE_TOPIC,
        json!({ "input": { "code": "digital-trust", "name": "Digital trust" } }),
        "FORBIDDEN",
    )
    .await;
    refused(
        &app,
        &organizer,
        CREATE_USER,
        json!({ "input": { "email": "rhea@example.org", "password": PASSWORD, "role": "ADMIN" } }),
        "FORBIDDEN",
    )
    .await;
}

#[tokio::test]
async fn an_edit_form_read_before_a_role_was_added_gets_a_conflict_on_save() {
    let (app, _event, admin) = atlantis().await;
    let saved = app
        .data_as(
            &admin,
            SAVE_SESSION,
            json!({ "input": save_input(&["Who convenes?"], json!([])) }),
        )
        .await;
    let id = saved["saveSession"]["id"].as_str().unwrap().to_owned();
    let read_version = saved["saveSession"]["version"].as_i64().unwrap();
    app.data_as(
        &admin,
        r#"mutation($s: ID!) { addSessionRole(session: $s, input: { role: MODERATOR, region: "weog" }) { id } }"#,
        json!({ "s": id }),
    )
    .await;

    let mut stale = save_input(&["Who convenes?"], json!([]));
    stale["id"] = json!(id);
    stale["version"] = json!(read_version);
    let (_, body) = app
        .gql_as(&admin, SAVE_SESSION, json!({ "input": stale }))
        .await;

    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    let roles = app
        .data(
            r#"query($id: ID!) { node(id: $id) { ... on Session { roles { role } } } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        roles["node"]["roles"],
        json!([{ "role": "MODERATOR" }]),
        "the added role survives"
    );
}

#[tokio::test]
async fn saving_an_unchanged_form_again_keeps_every_role_id() {
    let (app, _, admin) = atlantis().await;
    let nadia = app.person("Nadia Invented", None, None).await;
    let roles = json!([
        { "role": "SPEAKER", "person": gid(Kind::Person, nadia.id), "stakeholderGroup": "government", "region": "african" },
        { "role": "MODERATOR", "stakeholderGroup": "civil-society", "region": "weog" },
    ]);
    let query = r#"mutation($input: SaveSessionInput!) { saveSession(input: $input) { id version roles { id } } }"#;
    let first = app
        .data_as(
            &admin,
            query,
            json!({ "input": save_input(&["Who convenes?"], roles.clone()) }),
        )
        .await;
    let mut again = save_input(&["Who convenes?"], roles);
    again["id"] = first["saveSession"]["id"].clone();
    again["version"] = first["saveSession"]["version"].clone();

    let second = app.data_as(&admin, query, json!({ "input": again })).await;

    assert_eq!(
        second["saveSession"]["roles"],
        first["saveSession"]["roles"]
    );
}
