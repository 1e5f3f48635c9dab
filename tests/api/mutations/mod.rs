//! Mutations over HTTP: create, update and delete for every entity, the
//! one-transaction `saveSession`, `mergePeople`, validation that names the
//! field at fault, optimistic versions, refused deletes of records others
//! refer to, and what organizers may change.

mod deletion;
mod events;
mod organizers;
mod people;
mod positions;
mod reference;
mod sessions;
mod validation;
mod versions;

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

fn save_input(questions: &[&str], roles: Value) -> Value {
    json!({
        "session": { "event": ATLANTIS, "code": "WS #7", "kind": "WORKSHOP",
                     "title": "Horizons of cooperation" },
        "roles": roles,
        "policyQuestions": questions,
    })
}

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

fn new_session(fields: Value) -> Value {
    let mut input = json!({ "event": ATLANTIS, "code": "WS #7", "kind": "WORKSHOP",
                            "title": "Horizons" });
    for (k, v) in fields.as_object().unwrap() {
        input[k] = v.clone();
    }
    json!({ "input": input })
}

fn message(body: &Value) -> &str {
    str_of(&body["errors"][0], "message")
}
