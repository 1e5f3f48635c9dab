//! `node(id:)`: every object type comes back by the ID another query gave.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use entity::{event, session, session::SessionKind};
use igf_perspectives::graphql::ids::{self, Kind};
use sea_orm::{EntityTrait, ModelTrait};
use serde_json::{Value, json};

use crate::helpers::*;

const NODE: &str = "query($id: ID!) { node(id: $id) {
    __typename id
    ... on Region { code name }
    ... on StakeholderGroup { code name }
    ... on Event { code name year }
    ... on Session { code title }
    ... on SessionRole { role order regionAsWritten }
    ... on PolicyQuestion { order text }
    ... on Person { name affiliation }
    ... on Topic { code name }
    ... on Stance { code name order }
    ... on Position { summary status }
    ... on Document { code title }
    ... on Paragraph { number document { code } }
} }";

async fn node(app: &TestApp, id: &Value) -> Value {
    app.data(NODE, json!({ "id": id })).await["node"].clone()
}

/// `object` with its `__typename` added, as `node` must answer it.
fn typed(typename: &str, object: &Value) -> Value {
    let mut object = object.clone();
    object["__typename"] = json!(typename);
    object
}

#[tokio::test]
async fn node_returns_regions_groups_topics_stances_documents_and_paragraphs() {
    let app = spawn_empty_app().await;
    let lists = app
        .data(
            "{ regions { id code name } stakeholderGroups { id code name }
               topics { id code name stances { id code name order } }
               documents { id code title paragraphs { id number document { code } } } }",
            json!({}),
        )
        .await;
    let region = &lists["regions"][4];
    let group = &lists["stakeholderGroups"][1];
    let topic = &lists["topics"][0];
    let mut topic_fields = topic.clone();
    topic_fields.as_object_mut().unwrap().remove("stances");
    let stance = &topic["stances"][4];
    let document = &lists["documents"][1];
    let mut document_fields = document.clone();
    document_fields
        .as_object_mut()
        .unwrap()
        .remove("paragraphs");
    let paragraph = &lists["documents"][0]["paragraphs"][2];
    assert_eq!(region["code"], "weog", "arranged: the reference data");
    assert_eq!(group["code"], "civil-society");
    assert_eq!(stance["code"], "complementary");
    assert_eq!(paragraph["number"], 71);

    let expected = [
        (region, typed("Region", region)),
        (group, typed("StakeholderGroup", group)),
        (topic, typed("Topic", &topic_fields)),
        (stance, typed("Stance", stance)),
        (document, typed("Document", &document_fields)),
        (paragraph, typed("Paragraph", paragraph)),
    ];
    for (object, want) in expected {
        let got = node(&app, &object["id"]).await;

        assert_eq!(got, want);
    }
}

#[tokio::test]
async fn node_returns_the_event_session_roles_and_questions_of_the_founding_session() {
    let app = spawn_app().await;
    let lists = app
        .data(
            r#"{ events { id code name year }
                 session(event: "igf-2025", code: "WS #461") {
                   id code title
                   roles { id role order regionAsWritten }
                   policyQuestions { id order text } } }"#,
            json!({}),
        )
        .await;
    let event = &lists["events"][0];
    let session = &lists["session"];
    let mut session_fields = session.clone();
    session_fields.as_object_mut().unwrap().remove("roles");
    session_fields
        .as_object_mut()
        .unwrap()
        .remove("policyQuestions");
    let organizer = &session["roles"][0];
    let speaker = &session["roles"][2];
    let question = &session["policyQuestions"][4];
    assert_eq!(speaker["role"], "SPEAKER", "arranged: the founding session");
    assert_eq!(
        question["text"],
        "Can the IGF and enhanced cooperation co-exist?"
    );

    for (object, want) in [
        (event, typed("Event", event)),
        (session, typed("Session", &session_fields)),
        (organizer, typed("SessionRole", organizer)),
        (speaker, typed("SessionRole", speaker)),
        (question, typed("PolicyQuestion", question)),
    ] {
        let got = node(&app, &object["id"]).await;

        assert_eq!(got, want);
    }
}

#[tokio::test]
async fn node_returns_a_person_and_a_published_position() {
    let app = spawn_app().await;
    app.position(NewPosition {
        summary: "A fictional view on cooperation",
        ..Default::default()
    })
    .await;
    let lists = app
        .data(
            r#"{ people(filter: { name: "kummer" }) { edges { node { id name affiliation } } }
                 positions { edges { node { id summary status } } } }"#,
            json!({}),
        )
        .await;
    let person = &lists["people"]["edges"][0]["node"];
    let position = &lists["positions"]["edges"][0]["node"];
    assert_eq!(
        person["name"], "Markus Kummer",
        "arranged: a speaker of the founding session"
    );

    assert_eq!(node(&app, &person["id"]).await, typed("Person", person));
    assert_eq!(
        node(&app, &position["id"]).await,
        json!({
            "__typename": "Position",
            "id": position["id"],
            "summary": "A fictional view on cooperation",
            "status": "PUBLISHED"
        })
    );
}

#[tokio::test]
async fn node_ids_are_unique_across_types() {
    let app = spawn_app().await;
    let lists = app
        .data(
            r#"{ regions { id } stakeholderGroups { id } topics { id stances { id } } documents { id paragraphs { id } }
                 events { id } people { edges { node { id } } }
                 session(event: "igf-2025", code: "WS #461") { id roles { id } policyQuestions { id } } }"#,
            json!({}),
        )
        .await;
    let mut ids = Vec::new();
    collect_ids(&lists, &mut ids);
    let mut types = std::collections::HashSet::new();

    for id in &ids {
        let got = node(&app, &json!(id)).await;
        assert_eq!(
            got["id"],
            json!(id),
            "node(id:) answers the object with that ID"
        );
        types.insert(got["__typename"].as_str().unwrap().to_owned());
    }

    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no two objects share an ID");
    assert_eq!(types.len(), 11, "every listed type came back: {types:?}");
}

fn collect_ids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("id", Value::String(id)) => out.push(id.clone()),
                    _ => collect_ids(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn node_with_an_unknown_but_well_formed_id_is_null() {
    let app = spawn_empty_app().await;
    let gone_event = app.event("nri-gone", 2025).await;
    let gone_session = app
        .session(&gone_event, "WS #0", "Removed", SessionKind::Workshop, None)
        .await;
    let gone_person = app.person("Gone Fictional", None, None).await;
    let lists = app
        .data(
            "{ events { id } sessions { edges { node { id } } } people { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let ids = [
        lists["events"][0]["id"].clone(),
        lists["sessions"]["edges"][0]["node"]["id"].clone(),
        lists["people"]["edges"][0]["node"]["id"].clone(),
    ];
    let db = app.db();
    session::Entity::find_by_id(gone_session.id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .delete(db)
        .await
        .unwrap();
    event::Entity::find_by_id(gone_event.id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .delete(db)
        .await
        .unwrap();
    gone_person.delete(db).await.unwrap();

    for id in ids {
        let body = app.gql(NODE, json!({ "id": id })).await;

        assert!(
            body.get("errors").is_none(),
            "an ID of nothing is not an error: {body}"
        );
        assert!(body["data"]["node"].is_null(), "{body}");
    }
}

#[tokio::test]
async fn node_with_a_well_formed_id_of_nothing_is_null_for_every_type() {
    let app = spawn_app().await;

    for kind in [
        Kind::Region,
        Kind::StakeholderGroup,
        Kind::Event,
        Kind::Session,
        Kind::SessionRole,
        Kind::PolicyQuestion,
        Kind::Person,
        Kind::Topic,
        Kind::Stance,
        Kind::Position,
        Kind::Document,
        Kind::Paragraph,
    ] {
        let id = ids::encode(kind, 2_000_000_000);
        let body = app.gql(NODE, json!({ "id": id.as_str() })).await;

        assert!(body.get("errors").is_none(), "{kind:?}: {body}");
        assert!(body["data"]["node"].is_null(), "{kind:?}: {body}");
    }
}

#[tokio::test]
async fn node_with_a_malformed_id_is_refused() {
    let app = spawn_app().await;
    let cursor = app
        .data("{ sessions { pageInfo { endCursor } } }", json!({}))
        .await["sessions"]["pageInfo"]["endCursor"]
        .clone();
    assert!(cursor.is_string(), "arranged: a cursor, which is not an ID");

    let encoded = |text: &str| json!(URL_SAFE_NO_PAD.encode(text));

    for id in [
        json!("not-an-id"),
        json!(""),
        json!("Session:1"),
        encoded("Planet:1"),
        encoded("Session:one"),
        encoded("Session"),
        cursor,
    ] {
        let body = app.gql(NODE, json!({ "id": id })).await;

        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{id}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains("is not an ID this API issued"),
            "{message}"
        );
    }
}
