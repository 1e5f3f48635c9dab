//! Who sees a draft position, by every read path: root `positions` (both
//! directions, with `totalCount`), a session's `positions` (one session
//! and the session list), a person's `positions`, `node(id:)` and
//! `position(id:)`.

use entity::{event, person, position, session, session::SessionKind, user::UserRole};
use igf_perspectives::graphql::ids::{self, Kind};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use crate::helpers::*;

const PUBLISHED: &str = "Ada backs the complementary track";
const DRAFT: &str = "Ada's draft, not yet reviewed";

/// Every path a position can be read by, for one session and one person.
const PATHS: &str = "query($person: ID!, $position: ID!) {
    positions(first: 100) { totalCount edges { node { summary } } }
    backward: positions(last: 100) { totalCount edges { node { summary } } }
    session(event: \"nri-fictional\", code: \"WS #101\") {
        positions { totalCount edges { node { summary } } } }
    sessions { edges { node { code positions { totalCount edges { node { summary } } } } } }
    person(id: $person) { positions { totalCount edges { node { summary } } } }
    node(id: $position) { ... on Position { summary status } }
    position(id: $position) { summary status }
}";

/// What one viewer read by each path: the count and the summaries listed.
#[derive(Debug, PartialEq)]
struct Seen {
    positions: (i64, Vec<String>),
    positions_backward: (i64, Vec<String>),
    session: (i64, Vec<String>),
    session_in_list: (i64, Vec<String>),
    person: (i64, Vec<String>),
    node: Option<String>,
    lookup: Option<String>,
}

impl Seen {
    /// What a viewer sees when every path lists `summaries` and `node`
    /// finds the asked-for position only if `node` is given.
    fn everywhere(summaries: &[&str], node: Option<&str>) -> Self {
        let listed = || {
            (
                summaries.len() as i64,
                summaries.iter().map(|s| s.to_string()).collect(),
            )
        };
        Self {
            positions: listed(),
            positions_backward: listed(),
            session: listed(),
            session_in_list: listed(),
            person: listed(),
            node: node.map(Into::into),
            lookup: node.map(Into::into),
        }
    }
}

fn listed(connection: &Value) -> (i64, Vec<String>) {
    let summaries = connection["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("not a connection: {connection}"))
        .iter()
        .map(|e| e["node"]["summary"].as_str().unwrap().to_owned())
        .collect();
    (connection["totalCount"].as_i64().unwrap(), summaries)
}

/// Read every path as `token`'s viewer, or as the public without one.
async fn seen_by(app: &TestApp, token: Option<&str>, world: &World, position: i64) -> Seen {
    let variables = json!({
        "person": ids::encode(Kind::Person, world.ada.id),
        "position": ids::encode(Kind::Position, position),
    });
    let data = match token {
        Some(token) => app.data_as(token, PATHS, variables).await,
        None => app.data(PATHS, variables).await,
    };
    let in_list = data["sessions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["code"] == "WS #101")
        .expect("WS #101 is listed");
    Seen {
        positions: listed(&data["positions"]),
        positions_backward: listed(&data["backward"]),
        session: listed(&data["session"]["positions"]),
        session_in_list: listed(&in_list["node"]["positions"]),
        person: listed(&data["person"]["positions"]),
        node: data["node"]["summary"].as_str().map(Into::into),
        lookup: data["position"]["summary"].as_str().map(Into::into),
    }
}

/// An event with sessions WS #101 and WS #202; in WS #101, Ada took a
/// published position and then a draft one.
struct World {
    event: event::Model,
    ws101: session::Model,
    ws202: session::Model,
    ada: person::Model,
    published: position::Model,
    draft: position::Model,
}

async fn arrange(app: &TestApp) -> World {
    let event = app.event("nri-fictional", 2025).await;
    let ws101 = app
        .session(
            &event,
            "WS #101",
            "Drafting in the open",
            SessionKind::Workshop,
            None,
        )
        .await;
    let ws202 = app
        .session(
            &event,
            "WS #202",
            "Another fictional session",
            SessionKind::Workshop,
            None,
        )
        .await;
    let ada = app
        .person("Ada Fictional", Some("civil-society"), Some("weog"))
        .await;
    let published = app
        .position(NewPosition {
            summary: PUBLISHED,
            session: Some(&ws101),
            person: Some(&ada),
            ..Default::default()
        })
        .await;
    let draft = app
        .position(NewPosition {
            summary: DRAFT,
            session: Some(&ws101),
            person: Some(&ada),
            published: false,
            ..Default::default()
        })
        .await;
    World {
        event,
        ws101,
        ws202,
        ada,
        published,
        draft,
    }
}

fn hidden() -> Seen {
    Seen::everywhere(&[PUBLISHED], None)
}

fn visible() -> Seen {
    Seen::everywhere(&[PUBLISHED, DRAFT], Some(DRAFT))
}

#[tokio::test]
async fn a_draft_is_hidden_from_the_public_by_every_path() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;

    let seen = seen_by(&app, None, &world, world.draft.id).await;

    assert_eq!(seen, hidden());
}

#[tokio::test]
async fn a_draft_is_hidden_from_an_analyst_by_every_path() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let analyst = app.login_as(UserRole::Analyst).await;

    let seen = seen_by(&app, Some(&analyst), &world, world.draft.id).await;

    assert_eq!(seen, hidden());
}

#[tokio::test]
async fn a_draft_is_hidden_from_an_organizer_of_another_session_by_every_path() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let other_organizer = app.organizer_of(&world.ws202).await;

    let seen = seen_by(&app, Some(&other_organizer), &world, world.draft.id).await;

    assert_eq!(seen, hidden());
}

#[tokio::test]
async fn a_draft_is_visible_by_every_path_to_an_admin() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let admin = app.login_as(UserRole::Admin).await;

    let seen = seen_by(&app, Some(&admin), &world, world.draft.id).await;

    assert_eq!(seen, visible());
}

#[tokio::test]
async fn a_draft_is_visible_by_every_path_to_the_organizer_of_its_session() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let organizer = app.organizer_of(&world.ws101).await;

    let seen = seen_by(&app, Some(&organizer), &world, world.draft.id).await;

    assert_eq!(seen, visible());
}

#[tokio::test]
async fn a_draft_is_visible_by_every_path_to_an_organizer_of_its_whole_event() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let user = app
        .account("event.lead@example.org", UserRole::Organizer)
        .await;
    app.assign(&user, None, Some(&world.event)).await;
    let organizer = app.login("event.lead@example.org").await;

    let seen = seen_by(&app, Some(&organizer), &world, world.draft.id).await;

    assert_eq!(seen, visible());
}

#[tokio::test]
async fn a_published_position_is_visible_by_every_path_to_every_viewer() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let tokens = [
        None,
        Some(app.login_as(UserRole::Analyst).await),
        Some(app.organizer_of(&world.ws202).await),
        Some(app.organizer_of(&world.ws101).await),
        Some(app.login_as(UserRole::Admin).await),
    ];

    let mut seen = Vec::new();
    for token in &tokens {
        let by_node = seen_by(&app, token.as_deref(), &world, world.published.id).await;
        seen.push(by_node.node.clone());
        assert!(by_node.positions.1.contains(&PUBLISHED.to_owned()));
        assert!(by_node.session.1.contains(&PUBLISHED.to_owned()));
        assert!(by_node.session_in_list.1.contains(&PUBLISHED.to_owned()));
        assert!(by_node.person.1.contains(&PUBLISHED.to_owned()));
    }

    assert_eq!(seen, vec![Some(PUBLISHED.to_owned()); 5]);
}

#[tokio::test]
async fn once_its_organizer_publishes_a_draft_the_public_sees_it_by_every_path() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let organizer = app.organizer_of(&world.ws101).await;

    app.data_as(
        &organizer,
        "mutation($id: ID!) { publishPosition(id: $id, version: 1) { status } }",
        json!({ "id": ids::encode(Kind::Position, world.draft.id) }),
    )
    .await;
    let seen = seen_by(&app, None, &world, world.draft.id).await;

    assert_eq!(seen, visible());
}

/// Who sees a position recorded without a session, by each path that
/// reaches it: root `positions`, the person's `positions`, `node`.
async fn sees_unsessioned(app: &TestApp, token: Option<&str>, world: &World, id: &Value) -> bool {
    let query = "query($person: ID!, $id: ID!) {
        positions(first: 100) { totalCount edges { node { summary } } }
        person(id: $person) { positions { totalCount edges { node { summary } } } }
        node(id: $id) { ... on Position { summary } }
    }";
    let variables = json!({ "person": ids::encode(Kind::Person, world.ada.id), "id": id });
    let data = match token {
        Some(token) => app.data_as(token, query, variables).await,
        None => app.data(query, variables).await,
    };
    let note = "Olu's note, without a session".to_owned();
    let by_root = listed(&data["positions"]);
    let by_person = listed(&data["person"]["positions"]);
    let by_node = data["node"]["summary"] == note.as_str();
    let found = [
        by_root.1.contains(&note),
        by_person.1.contains(&note),
        by_node,
    ];
    assert!(
        found.iter().all(|f| *f == found[0]),
        "every path agrees: {data}"
    );
    for (count, summaries) in [&by_root, &by_person] {
        assert_eq!(
            *count as usize,
            summaries.len(),
            "totalCount agrees: {data}"
        );
    }
    found[0]
}

#[tokio::test]
async fn an_organizer_records_no_position_without_a_session_and_an_older_one_stays_theirs_and_admins()
 {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let olu_account = app
        .account("olu.fictional@example.org", UserRole::Organizer)
        .await;
    let olu = app.login("olu.fictional@example.org").await;
    let before = app.fingerprint().await;
    let (_, refused) = app
        .gql_as(
            &olu,
            "mutation($person: ID!) { recordPosition(input: {
                stance: \"complementary\", summary: \"Olu's note, without a session\", person: $person
            }) { id } }",
            json!({ "person": ids::encode(Kind::Person, world.ada.id) }),
        )
        .await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "session");
    assert_eq!(app.fingerprint().await, before, "nothing was stored");

    // One recorded before organizers had to give a session.
    let older = app
        .position(NewPosition {
            summary: "Olu's note, without a session",
            person: Some(&world.ada),
            published: false,
            ..Default::default()
        })
        .await;
    position::ActiveModel {
        id: Set(older.id),
        recorded_by_id: Set(Some(olu_account.id)),
        ..Default::default()
    }
    .update(app.db())
    .await
    .unwrap();
    let id = json!(ids::encode(Kind::Position, older.id));
    let viewers = [
        ("the public", None),
        ("an analyst", Some(app.login_as(UserRole::Analyst).await)),
        (
            "the organizer of WS #101",
            Some(app.organizer_of(&world.ws101).await),
        ),
        ("Olu, who recorded it", Some(olu.clone())),
        ("an admin", Some(app.login_as(UserRole::Admin).await)),
    ];

    let mut seen = Vec::new();
    for (who, token) in &viewers {
        seen.push((
            *who,
            sees_unsessioned(&app, token.as_deref(), &world, &id).await,
        ));
    }
    let publish = "mutation($id: ID!) { publishPosition(id: $id, version: 1) { status } }";
    let (_, by_olu) = app.gql_as(&olu, publish, json!({ "id": id })).await;
    let admin = viewers[4].1.as_deref().unwrap();
    let by_admin = app.data_as(admin, publish, json!({ "id": id })).await;

    assert_eq!(
        seen,
        [
            ("the public", false),
            ("an analyst", false),
            ("the organizer of WS #101", false),
            ("Olu, who recorded it", true),
            ("an admin", true),
        ]
    );
    assert_eq!(error_code(&by_olu), "FORBIDDEN", "{by_olu}");
    assert_eq!(by_admin["publishPosition"]["status"], "PUBLISHED");
}

#[tokio::test]
async fn an_organizer_of_another_session_cannot_publish_a_draft_nor_learn_that_it_exists() {
    let app = spawn_empty_app().await;
    let world = arrange(&app).await;
    let other_organizer = app.organizer_of(&world.ws202).await;
    let publish = "mutation($id: ID!) { publishPosition(id: $id, version: 1) { status } }";
    let missing = ids::encode(Kind::Position, world.draft.id + 1000);

    let before = app.fingerprint().await;
    let (_, draft) = app
        .gql_as(
            &other_organizer,
            publish,
            json!({ "id": ids::encode(Kind::Position, world.draft.id) }),
        )
        .await;
    let (_, nothing) = app
        .gql_as(&other_organizer, publish, json!({ "id": missing }))
        .await;
    let unchanged = app.fingerprint().await == before;

    assert_eq!(error_code(&draft), "NOT_FOUND");
    assert_eq!(
        draft["errors"][0]["message"], nothing["errors"][0]["message"],
        "a hidden draft answers as a missing position does"
    );
    assert!(unchanged, "nothing was written");
    assert_eq!(seen_by(&app, None, &world, world.draft.id).await, hidden());
}
