//! What organizers may do stays inside their scope, however they reach
//! past it: adding someone from another organizer's session to their own
//! (by hand or by importing a proposal that names them) never lets them
//! change that person or read their gender; a position with no session,
//! which would count everywhere, is not theirs to record.

use entity::{person, session::SessionKind, session_role::RoleKind, user::UserRole};
use igf_perspectives::graphql::ids::{self, Kind};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use crate::helpers::*;

const UPDATE_PERSON: &str = "mutation($id: ID!, $v: Int!, $in: PersonInput!) {
    updatePerson(id: $id, version: $v, input: $in) { name version } }";
const GENDER: &str = "query($id: ID!) { person(id: $id) { name gender } }";

/// A person with a declared gender, as arranged.
async fn person_with_gender(app: &TestApp, name: &str) -> person::Model {
    let p = app.person(name, Some("civil-society"), Some("weog")).await;
    person::ActiveModel {
        id: Set(p.id),
        gender: Set(Some("woman".into())),
        ..Default::default()
    }
    .update(app.db())
    .await
    .unwrap()
}

async fn gender_as(app: &TestApp, token: &str, p: &person::Model) -> Value {
    app.data_as(
        token,
        GENDER,
        json!({ "id": ids::encode(Kind::Person, p.id) }),
    )
    .await["person"]["gender"]
        .clone()
}

async fn rename(app: &TestApp, token: &str, p: &person::Model, name: &str) -> Value {
    let (_, body) = app
        .gql_as(
            token,
            UPDATE_PERSON,
            json!({ "id": ids::encode(Kind::Person, p.id), "v": p.version, "in": { "name": name, "gender": "man", "region": "grulac" } }),
        )
        .await;
    body
}

/// Two sessions of one event, each with its organizer and its own speaker
/// (both declared a gender); then I add their speaker to my session.
struct World {
    app: TestApp,
    only_mine: person::Model,
    only_theirs: person::Model,
    me: String,
    them: String,
    /// My session's role for their speaker: `{ id version }`.
    added: Value,
}

async fn arrange() -> World {
    let app = spawn_empty_app().await;
    let event = app.event("nri-scope", 2025).await;
    let mine = app
        .session(&event, "WS 1", "Mine", SessionKind::Workshop, None)
        .await;
    let theirs = app
        .session(&event, "WS 2", "Theirs", SessionKind::Workshop, None)
        .await;
    let only_mine = person_with_gender(&app, "Ines Fictional").await;
    let only_theirs = person_with_gender(&app, "Tamar Fictional").await;
    app.role(
        &mine,
        Some(&only_mine),
        RoleKind::Speaker,
        1,
        "civil-society",
        "weog",
    )
    .await;
    app.role(
        &theirs,
        Some(&only_theirs),
        RoleKind::Speaker,
        1,
        "civil-society",
        "weog",
    )
    .await;
    let me = app.organizer_of(&mine).await;
    let them = app.organizer_of(&theirs).await;

    // Before: each organizer reads only their own speaker's gender.
    assert_eq!(gender_as(&app, &me, &only_theirs).await, Value::Null);
    assert_eq!(gender_as(&app, &them, &only_theirs).await, "woman");

    // I add their speaker to my session: allowed, a role of my session.
    let added = app
        .data_as(
            &me,
            "mutation($s: ID!, $p: ID!) { addSessionRole(session: $s, input: {
                role: SPEAKER, person: $p, stakeholderGroup: \"private-sector\", region: \"eastern-european\" }) { id version } }",
            json!({ "s": ids::encode(Kind::Session, mine.id), "p": ids::encode(Kind::Person, only_theirs.id) }),
        )
        .await["addSessionRole"]
        .clone();
    World {
        app,
        only_mine,
        only_theirs,
        me,
        them,
        added,
    }
}

#[tokio::test]
async fn adding_someone_from_another_organizers_session_does_not_open_them_to_change() {
    let World {
        app,
        only_theirs,
        me,
        ..
    } = arrange().await;
    let fingerprint = app.fingerprint().await;

    let refused = rename(&app, &me, &only_theirs, "Renamed by me").await;

    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let said = refused["errors"][0]["message"].as_str().unwrap();
    assert!(said.contains("outside your scope"), "{said}");
    assert_eq!(gender_as(&app, &me, &only_theirs).await, Value::Null);
    assert_eq!(app.fingerprint().await, fingerprint, "nothing changed");
}

#[tokio::test]
async fn someone_in_two_organizers_sessions_is_changed_by_admins_and_each_role_by_its_organizer() {
    let World {
        app,
        only_mine,
        only_theirs,
        me,
        them,
        added,
    } = arrange().await;
    let admin = app.login_as(UserRole::Admin).await;

    // Neither organizer alone may change the person any more; an admin may.
    let refused = rename(&app, &them, &only_theirs, "Renamed by them").await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(gender_as(&app, &them, &only_theirs).await, Value::Null);
    let by_admin = rename(&app, &admin, &only_theirs, "Tamar Fictional-Renamed").await;
    assert_eq!(
        by_admin["data"]["updatePerson"]["name"], "Tamar Fictional-Renamed",
        "{by_admin}"
    );
    assert_eq!(gender_as(&app, &admin, &only_theirs).await, "man");

    // What my session's role declares stays mine to change.
    let role = app
        .data_as(
            &me,
            "mutation($id: ID!, $v: Int!, $p: ID!) { updateSessionRole(id: $id, version: $v, input: {
                role: SPEAKER, person: $p, stakeholderGroup: \"government\", region: \"african\" }) {
                stakeholderGroup { code } region { code } } }",
            json!({ "id": added["id"], "v": added["version"],
                "p": ids::encode(Kind::Person, only_theirs.id) }),
        )
        .await;
    assert_eq!(role["updateSessionRole"]["region"]["code"], "african");

    // My own speaker, in my sessions only, is still mine.
    let mine_renamed = rename(&app, &me, &only_mine, "Ines Fictional-Renamed").await;
    assert_eq!(
        mine_renamed["data"]["updatePerson"]["name"], "Ines Fictional-Renamed",
        "{mine_renamed}"
    );
    assert_eq!(gender_as(&app, &me, &only_mine).await, "man");
}

#[tokio::test]
async fn importing_a_proposal_that_names_someone_elsewhere_does_not_open_them_to_change() {
    let app = spawn_empty_app().await;
    let elsewhere = app.event("nri-elsewhere", 2025).await;
    let theirs = app
        .session(&elsewhere, "WS 9", "Theirs", SessionKind::Workshop, None)
        .await;
    let speaker = person_with_gender(&app, "Ada Mirembe").await;
    app.role(
        &theirs,
        Some(&speaker),
        RoleKind::Speaker,
        1,
        "civil-society",
        "african",
    )
    .await;
    let mine = app.event("igf-2031", 2031).await;
    let organizer = app
        .account("ima.fictional@example.org", UserRole::Organizer)
        .await;
    app.assign(&organizer, None, Some(&mine)).await;
    let me = app.login("ima.fictional@example.org").await;

    let imported = app
        .data_as(
            &me,
            "mutation($t: String!) { importProposal(event: \"igf-2031\", text: $t) { code } }",
            json!({ "t": "IGF 2031 WS #7 Fictional Rivers\n\
                Speaker 1: Ada Mirembe, Civil Society, African Group\n\
                Speaker 2: Jonas Falk, Technical Community, WEOG\n" }),
        )
        .await;
    assert!(!imported["importProposal"].is_null(), "{imported}");
    let roles = app
        .data(
            "{ session(event: \"igf-2031\", code: \"WS #7\") { roles { person { id name } } } }",
            json!({}),
        )
        .await;
    let named: Vec<&Value> = roles["session"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["person"]["id"])
        .collect();
    assert!(
        named.contains(&&json!(ids::encode(Kind::Person, speaker.id))),
        "the import matched the stored person: {roles}"
    );

    let refused = rename(&app, &me, &speaker, "Renamed by import").await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(gender_as(&app, &me, &speaker).await, Value::Null);
}

#[tokio::test]
async fn organizers_record_and_publish_positions_only_inside_their_sessions() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-scope", 2025).await;
    let mine = app
        .session(&event, "WS 1", "Mine", SessionKind::Workshop, None)
        .await;
    let me = app.organizer_of(&mine).await;
    let record = "mutation($in: PositionInput!) { recordPosition(input: $in) { id version } }";

    let before = app.fingerprint().await;
    let (_, refused) = app
        .gql_as(
            &me,
            record,
            json!({ "in": { "stance": "complementary", "summary": "Counted everywhere" } }),
        )
        .await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "session");
    assert_eq!(app.fingerprint().await, before);

    let inside = app
        .data_as(
            &me,
            record,
            json!({ "in": { "stance": "complementary", "summary": "Said in my session",
                "session": ids::encode(Kind::Session, mine.id) } }),
        )
        .await;
    let published = app
        .data_as(
            &me,
            "mutation($id: ID!, $v: Int!) { publishPosition(id: $id, version: $v) { status } }",
            json!({ "id": inside["recordPosition"]["id"], "v": inside["recordPosition"]["version"] }),
        )
        .await;
    assert_eq!(published["publishPosition"]["status"], "PUBLISHED");

    // Admins still record positions with no session (a written
    // contribution, say).
    let admin = app.login_as(UserRole::Admin).await;
    let by_admin = app
        .data_as(
            &admin,
            record,
            json!({ "in": { "stance": "complementary", "summary": "A written contribution" } }),
        )
        .await;
    assert!(!by_admin["recordPosition"]["id"].is_null());
}
