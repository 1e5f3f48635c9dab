//! `people` filters and `person(id:)`.

use entity::{person, session::SessionKind};
use sea_orm::{EntityTrait, ModelTrait};
use serde_json::{Value, json};

use crate::helpers::*;

async fn arrange_people(app: &TestApp) {
    app.person("Ada Fictional", Some("civil-society"), Some("african"))
        .await;
    app.person("Bo Imaginary", Some("government"), Some("grulac"))
        .await;
    app.person("Cyd Madeup", Some("civil-society"), Some("weog"))
        .await;
    app.person("Ada Invented", Some("government"), Some("african"))
        .await;
    app.person("Dee Nobody", None, None).await;
}

/// The names `people(filter:)` lists, checking `totalCount` agrees.
async fn names(app: &TestApp, filter: Value) -> Vec<String> {
    let data = app
        .data(
            "query($f: PersonFilterInput) { people(filter: $f) { totalCount edges { node { name } } } }",
            json!({ "f": filter }),
        )
        .await;
    let names: Vec<String> = data["people"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(data["people"]["totalCount"], names.len(), "{data}");
    names
}

fn assert_bad_input(body: &Value, says: &[&str]) {
    assert_eq!(error_code(body), "BAD_USER_INPUT", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    for s in says {
        assert!(
            message.contains(s),
            "the message {message:?} should say {s:?}"
        );
    }
}

const PERSON: &str = "query($id: ID!) { person(id: $id) {
    id name affiliation stakeholderGroup { code } region { code } } }";

#[tokio::test]
async fn people_filter_by_stakeholder_group_returns_only_that_group() {
    let app = spawn_empty_app().await;
    arrange_people(&app).await;

    assert_eq!(
        names(&app, json!({ "stakeholderGroup": "civil-society" })).await,
        ["Ada Fictional", "Cyd Madeup"]
    );
    assert_eq!(
        names(&app, json!({ "stakeholderGroup": "government" })).await,
        ["Ada Invented", "Bo Imaginary"]
    );
    assert_eq!(
        names(&app, json!({ "stakeholderGroup": "private-sector" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn people_filter_by_region_returns_only_that_region() {
    let app = spawn_empty_app().await;
    arrange_people(&app).await;

    assert_eq!(
        names(&app, json!({ "region": "african" })).await,
        ["Ada Fictional", "Ada Invented"]
    );
    assert_eq!(
        names(&app, json!({ "region": "weog" })).await,
        ["Cyd Madeup"]
    );
    assert_eq!(
        names(&app, json!({ "region": "eastern-european" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn people_filter_by_name_needs_every_word_in_any_case() {
    let app = spawn_empty_app().await;
    arrange_people(&app).await;

    assert_eq!(
        names(&app, json!({ "name": "ADA" })).await,
        ["Ada Fictional", "Ada Invented"]
    );
    assert_eq!(
        names(&app, json!({ "name": "ada fict" })).await,
        ["Ada Fictional"]
    );
    assert_eq!(
        names(&app, json!({ "name": "FICTIONAL ada" })).await,
        ["Ada Fictional"],
        "words in any order"
    );
    assert_eq!(
        names(&app, json!({ "name": "ada madeup" })).await,
        Vec::<String>::new(),
        "every word must match"
    );
    assert_eq!(
        names(&app, json!({ "name": "  " })).await.len(),
        5,
        "blank text filters nothing"
    );
}

#[tokio::test]

async fn people_filter_by_name_ignores_the_case_of_accented_letters() {
    let app = spawn_empty_app().await;
    app.person("Élodie Fictive", None, None).await;
    app.person("Désirée Imaginaire", None, None).await;

    assert_eq!(
        names(&app, json!({ "name": "élodie" })).await,
        ["Élodie Fictive"]
    );
    assert_eq!(
        names(&app, json!({ "name": "ÉLODIE" })).await,
        ["Élodie Fictive"]
    );
    assert_eq!(
        names(&app, json!({ "name": "DÉSIRÉE" })).await,
        ["Désirée Imaginaire"]
    );
}

#[tokio::test]
async fn people_filter_by_name_reads_percent_and_underscore_as_punctuation_not_wildcards() {
    let app = spawn_empty_app().await;
    app.person("Kim Dash-Line", None, None).await;
    app.person("Lou Under_Score", None, None).await;

    // As wildcards, `k_m` and `k%e` would find Kim Dash-Line.
    assert_eq!(
        names(&app, json!({ "name": "k_m" })).await,
        Vec::<String>::new()
    );
    assert_eq!(
        names(&app, json!({ "name": "k%e" })).await,
        Vec::<String>::new()
    );
    // Punctuation is a space, as when people are matched.
    assert_eq!(
        names(&app, json!({ "name": "r_s" })).await,
        ["Lou Under_Score"]
    );
    assert_eq!(
        names(&app, json!({ "name": "dash_line" })).await,
        ["Kim Dash-Line"]
    );
}

#[tokio::test]
async fn people_filters_combine_and_all_must_hold() {
    let app = spawn_empty_app().await;
    arrange_people(&app).await;

    assert_eq!(
        names(
            &app,
            json!({ "stakeholderGroup": "government", "region": "african" })
        )
        .await,
        ["Ada Invented"]
    );
    assert_eq!(
        names(
            &app,
            json!({ "name": "ada", "stakeholderGroup": "civil-society" })
        )
        .await,
        ["Ada Fictional"]
    );
    assert_eq!(
        names(&app, json!({ "name": "bo", "region": "african" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn people_refuse_an_unknown_stakeholder_group_and_name_it() {
    let app = spawn_empty_app().await;

    let body = app
        .gql(
            "query($f: PersonFilterInput) { people(filter: $f) { totalCount } }",
            json!({ "f": { "stakeholderGroup": "pirates" } }),
        )
        .await;

    assert_bad_input(
        &body,
        &["unknown stakeholder group `pirates`", "civil-society"],
    );
}

#[tokio::test]
async fn people_refuse_an_unknown_region_and_name_it() {
    let app = spawn_empty_app().await;

    let body = app
        .gql(
            "query($f: PersonFilterInput) { people(filter: $f) { totalCount } }",
            json!({ "f": { "region": "atlantis" } }),
        )
        .await;

    assert_bad_input(&body, &["unknown region `atlantis`", "weog"]);
}

#[tokio::test]
async fn person_by_id_returns_that_person() {
    let app = spawn_empty_app().await;
    arrange_people(&app).await;
    let listed = app
        .data(
            r#"{ people(filter: { name: "cyd" }) { edges { node { id } } } }"#,
            json!({}),
        )
        .await;
    let id = listed["people"]["edges"][0]["node"]["id"].clone();

    let data = app.data(PERSON, json!({ "id": id })).await;

    assert_eq!(
        data["person"],
        json!({
            "id": id,
            "name": "Cyd Madeup",
            "affiliation": "Fictional Institute",
            "stakeholderGroup": { "code": "civil-society" },
            "region": { "code": "weog" }
        })
    );
}

#[tokio::test]
async fn person_with_an_unknown_id_is_null() {
    let app = spawn_empty_app().await;
    let gone = app.person("Gone Fictional", None, None).await;
    let listed = app
        .data("{ people { edges { node { id } } } }", json!({}))
        .await;
    let id = listed["people"]["edges"][0]["node"]["id"].clone();
    person::Entity::find_by_id(gone.id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .delete(app.db())
        .await
        .unwrap();

    let body = app.gql(PERSON, json!({ "id": id })).await;

    assert!(
        body.get("errors").is_none(),
        "an ID that names no one is not an error: {body}"
    );
    assert!(body["data"]["person"].is_null(), "{body}");
}

#[tokio::test]
async fn person_with_a_malformed_id_is_refused() {
    let app = spawn_empty_app().await;

    for id in ["not-an-id", "", "!!!"] {
        let body = app.gql(PERSON, json!({ "id": id })).await;

        assert_bad_input(&body, &["is not an ID this API issued"]);
    }
}

#[tokio::test]
async fn person_with_the_id_of_a_session_is_refused() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-ids", 2025).await;
    app.session(
        &event,
        "WS #1",
        "A session, not a person",
        SessionKind::Workshop,
        None,
    )
    .await;
    let listed = app
        .data("{ sessions { edges { node { id } } } }", json!({}))
        .await;
    let session_id = listed["sessions"]["edges"][0]["node"]["id"].clone();

    let body = app.gql(PERSON, json!({ "id": session_id })).await;

    assert_bad_input(&body, &["is the ID of a Session, not of a Person"]);
    assert!(
        body["data"].is_null() || body["data"]["person"].is_null(),
        "{body}"
    );
}

#[tokio::test]
async fn gender_is_read_only_by_admins_and_the_organizers_of_the_persons_sessions() {
    use entity::{session::SessionKind, session_role::RoleKind, user::UserRole};
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let app = spawn_empty_app().await;
    let event = app.event("nri-gender", 2025).await;
    let mine = app
        .session(&event, "WS #1", "A panel", SessionKind::Workshop, None)
        .await;
    let other = app
        .session(
            &event,
            "WS #2",
            "Another panel",
            SessionKind::Workshop,
            None,
        )
        .await;
    let person = app
        .person("Gale Fictional", Some("civil-society"), Some("african"))
        .await;
    let mut am = person.clone().into_active_model();
    am.gender = Set(Some("female".into()));
    am.update(app.db()).await.unwrap();
    app.role(
        &mine,
        Some(&person),
        RoleKind::Speaker,
        1,
        "civil-society",
        "african",
    )
    .await;
    let query = "query($id: ID!) { person(id: $id) { gender } }";
    let id = json!({ "id": node_id("Person", person.id) });

    let public = app.data(query, id.clone()).await;
    let analyst = app
        .data_as(&app.login_as(UserRole::Analyst).await, query, id.clone())
        .await;
    let outsider = app
        .data_as(&app.organizer_of(&other).await, query, id.clone())
        .await;
    let organizer = app
        .data_as(&app.organizer_of(&mine).await, query, id.clone())
        .await;
    let admin = app
        .data_as(&app.login_as(UserRole::Admin).await, query, id)
        .await;

    assert!(public["person"]["gender"].is_null());
    assert!(analyst["person"]["gender"].is_null());
    assert!(outsider["person"]["gender"].is_null());
    assert_eq!(organizer["person"]["gender"], "female");
    assert_eq!(admin["person"]["gender"], "female");
}
