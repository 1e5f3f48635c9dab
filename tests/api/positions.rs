//! `positions` filters, and drafts kept out of every public read path.

use entity::{
    position::{self, ParticipationMode, PositionStatus},
    session::SessionKind,
    stance, topic,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::{Value, json};

use crate::helpers::*;

/// Five published positions across two events, and two drafts that match
/// many of the same filters.
async fn arrange(app: &TestApp) {
    let north_event = app.event("nri-north", 2025).await;
    let south_event = app.event("nri-south", 2025).await;
    let north = app
        .session(
            &north_event,
            "WS #10",
            "Northern session",
            SessionKind::Workshop,
            None,
        )
        .await;
    let south = app
        .session(
            &south_event,
            "WS #20",
            "Southern session",
            SessionKind::Workshop,
            None,
        )
        .await;
    let ada = app
        .person("Ada Fictional", Some("civil-society"), Some("weog"))
        .await;
    let bo = app
        .person("Bo Imaginary", Some("government"), Some("african"))
        .await;
    let onsite = Some(ParticipationMode::Onsite);
    let online = Some(ParticipationMode::Online);
    for p in [
        NewPosition {
            summary: "north-cs-onsite",
            stance: "complementary",
            session: Some(&north),
            person: Some(&ada),
            group: Some("civil-society"),
            region: Some("weog"),
            mode: onsite,
            published: true,
        },
        NewPosition {
            summary: "north-gov-online",
            stance: "new-mechanism",
            session: Some(&north),
            group: Some("government"),
            region: Some("african"),
            mode: online,
            ..Default::default()
        },
        NewPosition {
            summary: "south-cs-online",
            stance: "complementary",
            session: Some(&south),
            group: Some("civil-society"),
            region: Some("african"),
            mode: online,
            ..Default::default()
        },
        NewPosition {
            summary: "south-tech-mode-unknown",
            stance: "concluded",
            session: Some(&south),
            group: Some("technical-community"),
            region: Some("grulac"),
            ..Default::default()
        },
        NewPosition {
            summary: "floating-undecided",
            stance: "undecided",
            ..Default::default()
        },
        NewPosition {
            summary: "draft-north-cs-onsite",
            stance: "complementary",
            session: Some(&north),
            person: Some(&ada),
            group: Some("civil-society"),
            region: Some("weog"),
            mode: onsite,
            published: false,
        },
        NewPosition {
            summary: "draft-by-bo",
            stance: "complementary",
            session: Some(&south),
            person: Some(&bo),
            group: Some("government"),
            region: Some("african"),
            mode: online,
            published: false,
        },
    ] {
        app.position(p).await;
    }
}

/// The summaries `positions(filter:)` lists, checking `totalCount` agrees.
async fn summaries(app: &TestApp, filter: Value) -> Vec<String> {
    let data = app
        .data(
            "query($f: PositionFilterInput) { positions(filter: $f) { totalCount edges { node { summary } } } }",
            json!({ "f": filter }),
        )
        .await;
    let found: Vec<String> = data["positions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["summary"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(data["positions"]["totalCount"], found.len(), "{data}");
    found
}

async fn session_id(app: &TestApp, event: &str, code: &str) -> Value {
    let data = app
        .data(
            "query($e: String!, $c: String!) { session(event: $e, code: $c) { id } }",
            json!({ "e": event, "c": code }),
        )
        .await;
    data["session"]["id"].clone()
}

async fn person_id(app: &TestApp, name: &str) -> Value {
    let data = app
        .data(
            "query($n: String) { people(filter: { name: $n }) { edges { node { id } } } }",
            json!({ "n": name }),
        )
        .await;
    data["people"]["edges"][0]["node"]["id"].clone()
}

fn assert_bad_input(body: &Value, says: &str) {
    assert_eq!(error_code(body), "BAD_USER_INPUT", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains(says),
        "the message {message:?} should say {says:?}"
    );
}

#[tokio::test]
async fn positions_filter_by_stance_returns_only_that_stance() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    assert_eq!(
        summaries(&app, json!({ "stance": "complementary" })).await,
        ["north-cs-onsite", "south-cs-online"]
    );
    assert_eq!(
        summaries(&app, json!({ "stance": "concluded" })).await,
        ["south-tech-mode-unknown"]
    );
    assert_eq!(
        summaries(&app, json!({ "stance": "existing-mechanisms" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn positions_filter_by_session_returns_only_that_sessions() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let north = session_id(&app, "nri-north", "WS #10").await;
    let south = session_id(&app, "nri-south", "WS #20").await;

    assert_eq!(
        summaries(&app, json!({ "session": north })).await,
        ["north-cs-onsite", "north-gov-online"]
    );
    assert_eq!(
        summaries(&app, json!({ "session": south })).await,
        ["south-cs-online", "south-tech-mode-unknown"]
    );
}

#[tokio::test]
async fn positions_filter_by_event_code_returns_only_that_events() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    app.event("nri-quiet", 2025).await;

    assert_eq!(
        summaries(&app, json!({ "event": "nri-south" })).await,
        ["south-cs-online", "south-tech-mode-unknown"]
    );
    assert_eq!(
        summaries(&app, json!({ "event": "nri-north" })).await,
        ["north-cs-onsite", "north-gov-online"]
    );
    assert_eq!(
        summaries(&app, json!({ "event": "nri-quiet" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn positions_filter_by_stakeholder_group_returns_only_that_group() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    assert_eq!(
        summaries(&app, json!({ "stakeholderGroup": "civil-society" })).await,
        ["north-cs-onsite", "south-cs-online"]
    );
    assert_eq!(
        summaries(&app, json!({ "stakeholderGroup": "government" })).await,
        ["north-gov-online"]
    );
    assert_eq!(
        summaries(&app, json!({ "stakeholderGroup": "private-sector" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn positions_filter_by_region_returns_only_that_region() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    assert_eq!(
        summaries(&app, json!({ "region": "african" })).await,
        ["north-gov-online", "south-cs-online"]
    );
    assert_eq!(
        summaries(&app, json!({ "region": "grulac" })).await,
        ["south-tech-mode-unknown"]
    );
    assert_eq!(
        summaries(&app, json!({ "region": "eastern-european" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn positions_filter_by_participation_mode_onsite_or_online() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    assert_eq!(
        summaries(&app, json!({ "participationMode": "ONSITE" })).await,
        ["north-cs-onsite"]
    );
    assert_eq!(
        summaries(&app, json!({ "participationMode": "ONLINE" })).await,
        ["north-gov-online", "south-cs-online"]
    );
}

#[tokio::test]
async fn positions_filters_combine_and_all_must_hold() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let north = session_id(&app, "nri-north", "WS #10").await;

    assert_eq!(
        summaries(
            &app,
            json!({ "event": "nri-north", "participationMode": "ONLINE" })
        )
        .await,
        ["north-gov-online"]
    );
    assert_eq!(
        summaries(
            &app,
            json!({ "stance": "complementary", "region": "african" })
        )
        .await,
        ["south-cs-online"]
    );
    assert_eq!(
        summaries(
            &app,
            json!({ "session": north, "stakeholderGroup": "civil-society", "participationMode": "ONSITE", "topic": "enhanced-cooperation" })
        )
        .await,
        ["north-cs-onsite"]
    );
    assert_eq!(
        summaries(&app, json!({ "event": "nri-south", "region": "weog" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn positions_filter_by_topic_and_by_stance_within_a_topic() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    // A second topic whose taxonomy also has a `complementary` stance.
    let other = topic::ActiveModel {
        code: Set("data-governance".into()),
        name: Set("Data governance".into()),
        description: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let mut stances = Vec::new();
    for (i, code) in ["complementary", "open-data"].into_iter().enumerate() {
        let s = stance::ActiveModel {
            topic_id: Set(other.id),
            code: Set(code.into()),
            name: Set(code.into()),
            description: Set(None),
            position: Set(i as i32 + 1),
            version: Set(1),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
        stances.push(s);
    }
    app.state.reload_reference().await.unwrap();
    for (summary, stance) in [
        ("data-complementary", &stances[0]),
        ("data-open", &stances[1]),
    ] {
        let mut p = app
            .position(NewPosition {
                summary,
                ..Default::default()
            })
            .await
            .into_active_model();
        p.topic_id = Set(other.id);
        p.stance_id = Set(stance.id);
        p.update(app.db()).await.unwrap();
    }

    assert_eq!(
        summaries(&app, json!({ "topic": "data-governance" })).await,
        ["data-complementary", "data-open"]
    );
    assert_eq!(
        summaries(&app, json!({ "topic": "enhanced-cooperation" }))
            .await
            .len(),
        5
    );
    assert_eq!(
        summaries(&app, json!({ "stance": "complementary" })).await,
        ["north-cs-onsite", "south-cs-online", "data-complementary"],
        "a stance code without a topic means that stance in every topic"
    );
    assert_eq!(
        summaries(
            &app,
            json!({ "topic": "data-governance", "stance": "complementary" })
        )
        .await,
        ["data-complementary"]
    );
    let body = app
        .gql(
            "query($f: PositionFilterInput) { positions(filter: $f) { totalCount } }",
            json!({ "f": { "topic": "enhanced-cooperation", "stance": "open-data" } }),
        )
        .await;
    assert_bad_input(&body, "unknown stance `open-data`");
}

#[tokio::test]
async fn draft_positions_never_appear_in_positions_nor_in_its_total_count() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    let all = summaries(&app, json!({})).await;
    let matching_the_draft = summaries(
        &app,
        json!({ "event": "nri-north", "stakeholderGroup": "civil-society", "region": "weog", "participationMode": "ONSITE" }),
    )
    .await;
    let backward = app
        .data(
            "{ positions(last: 100) { totalCount edges { node { summary status } } } }",
            json!({}),
        )
        .await;

    assert_eq!(
        all,
        [
            "north-cs-onsite",
            "north-gov-online",
            "south-cs-online",
            "south-tech-mode-unknown",
            "floating-undecided"
        ]
    );
    assert_eq!(matching_the_draft, ["north-cs-onsite"]);
    assert_eq!(backward["positions"]["totalCount"], 5);
    let edges = backward["positions"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 5);
    assert!(
        edges.iter().all(|e| e["node"]["status"] == "PUBLISHED"),
        "{backward}"
    );
}

#[tokio::test]
async fn draft_positions_never_appear_in_a_sessions_or_a_persons_positions() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let ada = person_id(&app, "Ada Fictional").await;
    let bo = person_id(&app, "Bo Imaginary").await;

    let data = app
        .data(
            "query($ada: ID!, $bo: ID!) {
               sessions { edges { node { code positions { totalCount edges { node { summary } } } } } }
               ada: person(id: $ada) { positions { totalCount edges { node { summary } } } }
               bo: person(id: $bo) { positions { totalCount pageInfo { hasNextPage } edges { node { summary } } } }
             }",
            json!({ "ada": ada, "bo": bo }),
        )
        .await;

    assert_eq!(
        data["sessions"]["edges"],
        json!([
            { "node": { "code": "WS #10", "positions": { "totalCount": 2, "edges": [
                { "node": { "summary": "north-cs-onsite" } }, { "node": { "summary": "north-gov-online" } } ] } } },
            { "node": { "code": "WS #20", "positions": { "totalCount": 2, "edges": [
                { "node": { "summary": "south-cs-online" } }, { "node": { "summary": "south-tech-mode-unknown" } } ] } } }
        ])
    );
    assert_eq!(
        data["ada"]["positions"],
        json!({ "totalCount": 1, "edges": [{ "node": { "summary": "north-cs-onsite" } }] })
    );
    assert_eq!(
        data["bo"]["positions"],
        json!({ "totalCount": 0, "pageInfo": { "hasNextPage": false }, "edges": [] }),
        "a person with drafts only shows none"
    );
}

#[tokio::test]
async fn a_position_turned_back_into_a_draft_is_null_through_node_and_gone_from_every_list() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let listed = app
        .data(
            r#"{ positions(filter: { participationMode: ONSITE }) { edges { node { id } } } }"#,
            json!({}),
        )
        .await;
    let id = listed["positions"]["edges"][0]["node"]["id"].clone();
    let node = "query($id: ID!) { node(id: $id) { __typename ... on Position { summary } } }";
    let before = app.data(node, json!({ "id": id })).await;
    assert_eq!(
        before["node"],
        json!({ "__typename": "Position", "summary": "north-cs-onsite" })
    );
    let stored = position::Entity::find()
        .filter(position::Column::Summary.eq("north-cs-onsite"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let mut draft = stored.into_active_model();
    draft.status = Set(PositionStatus::Draft);
    draft.update(app.db()).await.unwrap();

    let after = app.gql(node, json!({ "id": id })).await;
    let lists = app
        .data(
            "query($ada: ID!) {
               positions { totalCount }
               sessions { edges { node { code positions { totalCount } } } }
               person(id: $ada) { positions { totalCount edges { node { id } } } }
             }",
            json!({ "ada": person_id(&app, "Ada Fictional").await }),
        )
        .await;

    assert!(after.get("errors").is_none(), "{after}");
    assert!(
        after["data"]["node"].is_null(),
        "a draft is not visible through node: {after}"
    );
    assert_eq!(lists["positions"]["totalCount"], 4);
    assert_eq!(lists["sessions"]["edges"][0]["node"]["code"], "WS #10");
    assert_eq!(
        lists["sessions"]["edges"][0]["node"]["positions"]["totalCount"],
        1
    );
    assert_eq!(
        lists["person"]["positions"],
        json!({ "totalCount": 0, "edges": [] })
    );
}

#[tokio::test]
async fn positions_refuse_unknown_codes_and_name_them() {
    let app = spawn_empty_app().await;

    for (filter, says) in [
        (json!({ "topic": "astrology" }), "unknown topic `astrology`"),
        (
            json!({ "stance": "maybe-later" }),
            "unknown stance `maybe-later`",
        ),
        (
            json!({ "event": "nri-nowhere" }),
            "unknown event `nri-nowhere`",
        ),
        (
            json!({ "stakeholderGroup": "pirates" }),
            "unknown stakeholder group `pirates`",
        ),
        (json!({ "region": "atlantis" }), "unknown region `atlantis`"),
    ] {
        let body = app
            .gql(
                "query($f: PositionFilterInput) { positions(filter: $f) { totalCount } }",
                json!({ "f": filter }),
            )
            .await;

        assert_bad_input(&body, says);
    }
}

#[tokio::test]
async fn positions_refuse_a_session_filter_that_is_not_a_session_id() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let ada = person_id(&app, "Ada Fictional").await;

    for (session, says) in [
        (json!("garbage"), "is not an ID this API issued"),
        (ada, "is the ID of a Person, not of a Session"),
    ] {
        let body = app
            .gql(
                "query($f: PositionFilterInput) { positions(filter: $f) { totalCount } }",
                json!({ "f": { "session": session } }),
            )
            .await;

        assert_bad_input(&body, says);
    }
}
