//! Answers keep the query's field order, and a field refused to some
//! viewers is there, null, beside the fields they may read: a typed
//! client never finds a field of its query missing.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value, json};

use crate::helpers::spawn_app;

/// The keys of a JSON text, object by object (a list by its first item),
/// in the order the text writes them: `[["key", shape], …]`, null for a
/// scalar.
struct Shape(Value);

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Shape>()? {
                    keys.push(json!([k, v.0]));
                }
                Ok(Shape(Value::Array(keys)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
                let first = seq.next_element::<Shape>()?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(first.unwrap_or(Shape(Value::Null)))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape(Value::Null))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape(Value::Null))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape(Value::Null))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape(Value::Null))
            }
            fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape(Value::Null))
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape(Value::Null))
            }
        }
        d.deserialize_any(V)
    }
}

/// The shape of `text`'s member `key`.
fn member(text: &str, key: &str) -> Value {
    let Shape(top) = serde_json::from_str(text).unwrap();
    top.as_array()
        .unwrap()
        .iter()
        .find(|kv| kv[0] == key)
        .map(|kv| kv[1].clone())
        .unwrap_or_else(|| panic!("no {key}: {text}"))
}

#[tokio::test]
async fn identical_requests_answer_in_the_order_the_query_asks() {
    let app = spawn_app().await;
    let query = r#"{
        regions { name code }
        sessions(first: 2) {
            totalCount
            nodes { title code roles(role: SPEAKER) { person { name } role } ...Questions }
            pageInfo { hasNextPage endCursor }
        }
        events { year code }
        stakeholderGroups { code }
    }
    fragment Questions on Session { policyQuestions { text order } id }"#;
    let want = json!([
        ["regions", [["name", null], ["code", null]]],
        [
            "sessions",
            [
                ["totalCount", null],
                [
                    "nodes",
                    [
                        ["title", null],
                        ["code", null],
                        ["roles", [["person", [["name", null]]], ["role", null]]],
                        ["policyQuestions", [["text", null], ["order", null]]],
                        ["id", null]
                    ]
                ],
                ["pageInfo", [["hasNextPage", null], ["endCursor", null]]]
            ]
        ],
        ["events", [["year", null], ["code", null]]],
        ["stakeholderGroups", [["code", null]]]
    ]);
    for round in 0..20 {
        let response = app
            .client
            .post(app.url("/graphql"))
            .json(&json!({ "query": query }))
            .send()
            .await
            .unwrap();
        let text = response.text().await.unwrap();
        assert_eq!(member(&text, "data"), want, "round {round}: {text}");
    }
}

#[tokio::test]
async fn a_field_refused_to_the_viewer_is_null_beside_the_fields_it_may_read() {
    let app = spawn_app().await;
    let query = r#"{
        regions { code }
        users(first: 1) { totalCount }
        auditLog(first: 1) { totalCount }
        reviewQueue(first: 1) { totalCount }
        sessionReport(event: "igf-2025", code: "WS #99999")
        events { code }
    }"#;
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    let body: Map<String, Value> = serde_json::from_str(&text).unwrap();
    let data = body["data"].as_object().expect("data");
    let keys: Vec<String> = member(&text, "data")
        .as_array()
        .unwrap()
        .iter()
        .map(|kv| kv[0].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        keys,
        [
            "regions",
            "users",
            "auditLog",
            "reviewQueue",
            "sessionReport",
            "events"
        ],
        "{text}"
    );
    for refused in ["users", "auditLog", "reviewQueue", "sessionReport"] {
        assert!(data[refused].is_null(), "{refused}: {text}");
    }
    assert!(data["regions"].is_array() && data["events"].is_array());
    let mut paths: Vec<String> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e["path"][0].as_str().unwrap(),
                e["extensions"]["code"].as_str().unwrap()
            )
        })
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "auditLog:UNAUTHENTICATED",
            "reviewQueue:UNAUTHENTICATED",
            "sessionReport:NOT_FOUND",
            "users:UNAUTHENTICATED"
        ]
    );
}
