//! Names brought to the scheme keep their old spelling working, marked
//! deprecated with the replacement named: a client written against either
//! gets the same answer, and a client giving both with different values is
//! told which one to keep.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app};

async fn total(app: &TestApp, list: &str, filter: Value) -> i64 {
    let query = format!(
        "query($f: {}) {{ {list}(filter: $f) {{ totalCount }} }}",
        match list {
            "sessions" => "SessionFilterInput",
            _ => "PersonFilterInput",
        }
    );
    app.data(&query, json!({ "f": filter })).await[list]["totalCount"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn old_and_new_filter_names_answer_alike() {
    let app = spawn_app().await;
    let mut some = 0;
    for code in ["weog", "eastern-european", "african"] {
        let new = total(&app, "sessions", json!({ "region": code })).await;
        let old = total(&app, "sessions", json!({ "speakerRegion": code })).await;
        assert_eq!(new, old, "{code}");
        some += new;
    }
    for code in ["civil-society", "government", "technical-community"] {
        let new = total(&app, "sessions", json!({ "stakeholderGroup": code })).await;
        let old = total(&app, "sessions", json!({ "speakerStakeholderGroup": code })).await;
        assert_eq!(new, old, "{code}");
        some += new;
    }
    assert!(
        some > 0,
        "the founding session has speakers with groups and regions"
    );
    let new = total(&app, "people", json!({ "nameContains": "major" })).await;
    let old = total(&app, "people", json!({ "name": "major" })).await;
    assert_eq!((new, old), (1, 1));

    let body = app
        .gql(
            "query($f: SessionFilterInput) { sessions(filter: $f) { totalCount } }",
            json!({ "f": { "region": "weog", "speakerRegion": "african" } }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "region");
}

#[tokio::test]
async fn deprecated_names_say_what_replaces_them() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{ s: __type(name: "SessionFilterInput") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } }
                 p: __type(name: "PersonFilterInput") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } }
                 a: __type(name: "AuditEntry") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
                 f: __type(name: "AuditFilter") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } } }"#,
            json!({}),
        )
        .await;
    let reason = |ty: &str, list: &str, name: &str| -> String {
        let field = data[ty][list]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("{ty}.{name}"));
        assert_eq!(field["isDeprecated"], true, "{ty}.{name}");
        field["deprecationReason"].as_str().unwrap().to_owned()
    };
    assert!(reason("s", "inputFields", "speakerRegion").contains("`region`"));
    assert!(reason("s", "inputFields", "speakerStakeholderGroup").contains("`stakeholderGroup`"));
    assert!(reason("p", "inputFields", "name").contains("`nameContains`"));
    assert!(reason("a", "fields", "entityId").contains("`record`"));
    assert!(reason("f", "inputFields", "entityId").contains("`record`"));
}

#[tokio::test]
async fn an_audit_entry_names_its_record_by_global_id() {
    let app = spawn_app().await;
    let admin = app.login_as(entity::user::UserRole::Admin).await;
    let entries = app
        .data_as(
            &admin,
            r#"{ auditLog(first: 100, filter: { entityType: "session" }) { nodes { entityType entityId record } } }"#,
            json!({}),
        )
        .await;
    let entry = entries["auditLog"]["nodes"][0].clone();
    assert!(entry["record"].is_string(), "{entries}");
    let found = app
        .data_as(
            &admin,
            r#"query($id: ID!) { node(id: $id) { __typename ... on Session { code } }
                auditLog(first: 100, filter: { record: $id }) { nodes { entityId } } }"#,
            json!({ "id": entry["record"] }),
        )
        .await;
    assert_eq!(found["node"]["__typename"], "Session");
    let listed = found["auditLog"]["nodes"].as_array().unwrap();
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|n| n["entityId"] == entry["entityId"]));

    let body = app
        .gql_as(
            &admin,
            r#"query($id: ID!) { auditLog(filter: { record: $id, entityId: -1 }) { totalCount } }"#,
            json!({ "id": entry["record"] }),
        )
        .await
        .1;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "record");
}
