//! Transcripts (issue: who said what, from the record): `importTranscript`
//! and the `transcript` command turn a session's captioning transcript into
//! interventions matched to the session's roles, update them in place on a
//! re-import, and refuse what they cannot read without writing anything.
//!
//! The pages in this folder are written for these tests, with fictional
//! people: `<name>.proposal.txt` gives the panel, `<name>.txt` (or
//! `.html`) the transcript, `<name>.expected.json` what must be stored,
//! written by hand from the page; `<name>.v2.*` a later version of it.

mod errors;
mod every_fixture;
mod positions;
mod replay;
mod review;
mod search_export;
mod speaking;
mod topics;

use std::path::Path;

use entity::user::UserRole;
use serde_json::{Value, json};

use crate::helpers::*;

/// Every fixture goes into this event.
const EVENT: &str = "igf-2024";

const IMPORT_PROPOSAL: &str = r#"mutation($event: String!, $text: String!) {
    importProposal(event: $event, text: $text) { code session { id } } }"#;

const IMPORT: &str = r#"mutation($event: String!, $session: String!, $text: String!, $dryRun: Boolean!) {
    importTranscript(event: $event, session: $session, text: $text, dryRun: $dryRun) {
        outcome interventions words seconds estimatedSeconds created updated unchanged
        removed kept matched floor unmatchedLabels warnings session { id code } } }"#;

const READ: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) {
        id
        transcript { id interventionCount words seconds estimatedSeconds unmatchedLabels
            keptInterventions { id order label inTranscript } }
        interventions(first: 100) {
            totalCount
            nodes { id version order label text words seconds secondsEstimated isFloor
                selfIntroduction person { id name } role { role }
                stakeholderGroup { code } region { code } participationMode inTranscript
                session { code } } } } }"#;

/// A fixture file's text.
fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/api/transcripts")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A server with an admin, and the panel of fixture `stem` imported.
async fn with_panel(stem: &str) -> (TestApp, String, String) {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let code = import_panel(&app, &admin, stem).await;
    (app, admin, code)
}

/// Import fixture `stem`'s proposal; gives the session code.
async fn import_panel(app: &TestApp, admin: &str, stem: &str) -> String {
    let text = fixture(&format!("{stem}.proposal.txt"));
    let data = app
        .data_as(
            admin,
            IMPORT_PROPOSAL,
            json!({ "event": EVENT, "text": text }),
        )
        .await;
    data["importProposal"]["code"].as_str().unwrap().to_owned()
}

/// `importTranscript` as `token`: the HTTP status and the body.
async fn import(app: &TestApp, token: &str, code: &str, text: &str, dry_run: bool) -> Value {
    let vars = json!({ "event": EVENT, "session": code, "text": text, "dryRun": dry_run });
    app.gql_as(token, IMPORT, vars).await.1
}

/// `importTranscript` that must succeed: its report.
async fn imported(app: &TestApp, token: &str, code: &str, text: &str) -> Value {
    let body = import(app, token, code, text, false).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["importTranscript"].clone()
}

/// The session with its transcript and interventions.
async fn read(app: &TestApp, token: &str, code: &str) -> Value {
    app.data_as(token, READ, json!({ "event": EVENT, "code": code }))
        .await["session"]
        .clone()
}

/// The interventions' nodes.
fn nodes(session: &Value) -> &Vec<Value> {
    session["interventions"]["nodes"].as_array().unwrap()
}

/// The stored session `code` of [`EVENT`].
async fn session_model(app: &TestApp, code: &str) -> entity::session::Model {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    entity::session::Entity::find()
        .filter(entity::session::Column::Code.eq(code))
        .one(app.db())
        .await
        .unwrap()
        .expect("the session")
}
