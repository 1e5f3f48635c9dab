//! A person's nested fields: roles with their sessions, and published
//! positions.

use super::*;

#[tokio::test]
async fn a_person_lists_their_roles_each_with_its_session() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let query = r#"query($after: String) { people(filter: { name: "ada" }) { edges { node {
        roles(first: 1, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { node { role order stakeholderGroup { code } session { code title } } } } } } } }"#;

    let first = app.data(query, json!({})).await["people"]["edges"][0]["node"]["roles"].clone();
    let second = app
        .data(query, json!({ "after": first["pageInfo"]["endCursor"] }))
        .await["people"]["edges"][0]["node"]["roles"]
        .clone();

    assert_eq!(first["totalCount"], 2);
    assert_eq!(
        first["edges"][0]["node"],
        json!({ "role": "SPEAKER", "order": 1, "stakeholderGroup": { "code": "private-sector" },
                "session": { "code": "WS #1", "title": "First nested session" } })
    );
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(second["totalCount"], 2);
    assert_eq!(
        second["edges"][0]["node"],
        json!({ "role": "SPEAKER", "order": 1, "stakeholderGroup": { "code": "civil-society" },
                "session": { "code": "WS #2", "title": "Second nested session" } })
    );
    assert_eq!(second["pageInfo"]["hasNextPage"], false);
    assert_eq!(second["pageInfo"]["hasPreviousPage"], true);
}

#[tokio::test]
async fn a_person_lists_their_published_positions_in_recording_order() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    let data = app
        .data(
            r#"{ people(filter: { name: "ada" }) { edges { node {
                 positions { totalCount edges { node { summary session { code } person { name } } } } } } } }"#,
            json!({}),
        )
        .await;

    let positions = &data["people"]["edges"][0]["node"]["positions"];
    assert_eq!(positions["totalCount"], 3, "the draft is not counted");
    let got: Vec<(&str, &str, &str)> = positions["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = &e["node"];
            (
                n["summary"].as_str().unwrap(),
                n["session"]["code"].as_str().unwrap(),
                n["person"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("s1-a", "WS #1", "Ada Fictional"),
            ("s2-b", "WS #2", "Ada Fictional"),
            ("s1-d", "WS #1", "Ada Fictional")
        ]
    );
}
