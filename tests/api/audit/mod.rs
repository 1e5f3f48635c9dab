//! The audit trail: every successful change writes its entries in its own
//! transaction, naming the account, the record and its state before and
//! after; a refused change writes none. `auditLog` is for admins and
//! filters by actor, entity and time.

mod changes;
mod compound;
mod reading;
mod records;

use std::time::Duration;

use entity::{
    event,
    session::{self, SessionKind},
    session_role::RoleKind,
    user::UserRole,
};
use igf_perspectives::graphql::ids::{self, Kind};
use serde_json::{Value, json};

use crate::helpers::*;

const AUDIT_LOG: &str = r#"query($filter: AuditFilter) {
    auditLog(filter: $filter, first: 100) {
        totalCount
        nodes { actor { id email } actorLabel action entityType entityId before after createdAt } } }"#;
const LAST_ENTRY: &str = r#"{ auditLog(last: 1) {
    totalCount nodes { actor { email } actorLabel action entityType entityId before after } } }"#;

const UPDATE_SESSION: &str = r#"mutation($id: ID!, $version: Int!, $input: SessionInput!) {
    updateSession(id: $id, version: $version, input: $input) { id title version } }"#;
const CREATE_SESSION: &str = r#"mutation($input: SessionInput!) {
    createSession(input: $input) { id version } }"#;
const CREATE_PERSON: &str =
    r#"mutation($input: PersonInput!) { createPerson(input: $input) { id } }"#;

const ATLANTIS: &str = "nri-atlantis-2025";
const ADMIN_EMAIL: &str = "ines.admin@example.org";

/// The global ID of a stored row.
fn gid(kind: Kind, id: i64) -> String {
    ids::encode(kind, id).0
}

/// The database id behind a global ID in a response.
fn db_id(global: &Value) -> i64 {
    let id = async_graphql::ID::from(global.as_str().expect("an ID"));
    ids::decode(&id).expect("an ID this API issued").1
}

/// A signed-in account of `role` with this email: its token.
async fn sign_in(app: &TestApp, email: &str, role: UserRole) -> String {
    app.account(email, role).await;
    app.login(email).await
}

/// A server with reference data, the event `nri-atlantis-2025` and a
/// session `WS #7` in it, and the token of the admin [`ADMIN_EMAIL`].
async fn arrange() -> (TestApp, event::Model, session::Model, String) {
    let app = spawn_empty_app().await;
    let event = app.event(ATLANTIS, 2025).await;
    let session = app
        .session(&event, "WS #7", "Horizons", SessionKind::Workshop, None)
        .await;
    let admin = sign_in(&app, ADMIN_EMAIL, UserRole::Admin).await;
    (app, event, session, admin)
}

/// The audit entries matching `filter`, oldest first.
async fn entries(app: &TestApp, admin: &str, filter: Value) -> Vec<Value> {
    let data = app
        .data_as(admin, AUDIT_LOG, json!({ "filter": filter }))
        .await;
    data["auditLog"]["nodes"].as_array().unwrap().clone()
}

/// How many audit entries there are.
async fn audit_count(app: &TestApp, admin: &str) -> i64 {
    let data = app.data_as(admin, LAST_ENTRY, json!({})).await;
    data["auditLog"]["totalCount"].as_i64().unwrap()
}

/// `(action, entityType)` of each entry.
fn kinds(entries: &[Value]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["entityType"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(action: &str, entity_type: &str) -> (String, String) {
    (action.into(), entity_type.into())
}
