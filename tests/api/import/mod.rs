//! The proposal importer (issue 4): `importProposal` and the `import`
//! command store what IGF pages say, in the layouts of 2022–2025 and as
//! messily as they are copied, with canonical regions and groups beside the
//! text as written; they update a session in place when it comes again,
//! and refuse broken input without writing anything.
//!
//! Every person in these proposals is fictional, except the speakers of the
//! founding WS #461 fixture.

mod affiliations;
mod bare_lists;
mod bracketed;
mod broken;
mod canonical;
mod citations;
mod cli;
mod dry_runs;
mod every_fixture;
mod fixture;
mod formats;
mod furniture;
mod html;
mod layouts;
mod participation;
mod people;
mod reimport;
mod unread;

use std::path::Path;

use entity::user::UserRole;
use igf_perspectives::graphql::ids;
use serde_json::{Value, json};

use crate::helpers::*;
// The command-line runner is also used by `defects.rs`.
pub(crate) use cli::run_import;

const FIXTURE: &str = include_str!("../../../fixtures/igf2025-ws461-proposal.txt");
const OPEN_FORUM_2023: &str = include_str!("../proposals/of2023-open-forum.txt");
const DYNAMIC_COALITION_2022: &str = include_str!("../proposals/dc2022-dynamic-coalition.txt");
const ROUND_TABLE_2022: &str = include_str!("../proposals/ws2022-round-table.txt");
const NRI_2024: &str = include_str!("../proposals/nri2024-session.txt");
const TOWN_HALL_2024: &str = include_str!("../proposals/th2024-lost-labels.txt");
const REGIONS_AND_GROUPS: &str = include_str!("../proposals/ws2024-regions-and-groups.txt");
const NAMES: &str = include_str!("../proposals/ws2024-names.txt");
const EXTRA_SECTIONS: &str = include_str!("../proposals/ws2023-extra-sections.txt");
const REPAIR_CAFES: &str = include_str!("../proposals/ws2025-repair-cafes.txt");

/// The event most tests import into; no test database holds it before.
const EVENT: &str = "igf-2031";

const IMPORT: &str = r#"mutation($event: String!, $text: String!, $dryRun: Boolean!) {
    importProposal(event: $event, text: $text, dryRun: $dryRun) {
        code title outcome session { id version } created updated removed kept warnings } }"#;

const SESSION: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) {
        id code kind title format durationMinutes formatDescription description
        expectedOutcomes hybridFormat participantGains extraSections { heading body }
        startsAt endsAt room version
        roles { id role order participation affiliation person { id name affiliation }
            stakeholderGroup { code } stakeholderGroupAsWritten
            region { code } regionAsWritten }
        policyQuestions { id order text } } }"#;

const REVIEW_QUEUE: &str = r#"query($filter: ReviewFilter) {
    reviewQueue(filter: $filter, first: 100) {
        totalCount
        nodes { id version kind status text occurrences session { code } people { name } } } }"#;

const EVENTS: &str = "{ events { code name year kind } }";

const AUDIT_COUNT: &str = "{ auditLog(last: 1) { totalCount } }";

const LAST_AUDIT_ENTRIES: &str = r#"query($n: Int!) {
    auditLog(last: $n) { nodes { action entityType } } }"#;

// ---- Helpers: import, read back, and say what was stored in one line.

/// Import `text` into `event` as `token`; the import must succeed.
async fn import(app: &TestApp, token: &str, event: &str, text: &str) -> Value {
    let data = app
        .data_as(
            token,
            IMPORT,
            json!({ "event": event, "text": text, "dryRun": false }),
        )
        .await;
    data["importProposal"].clone()
}

/// A dry run of the same import.
async fn dry_run(app: &TestApp, token: &str, event: &str, text: &str) -> Value {
    let data = app
        .data_as(
            token,
            IMPORT,
            json!({ "event": event, "text": text, "dryRun": true }),
        )
        .await;
    data["importProposal"].clone()
}

/// An import that must be refused: the response body.
async fn refused(app: &TestApp, token: &str, event: &str, text: &str) -> Value {
    let (status, body) = app
        .gql_as(
            token,
            IMPORT,
            json!({ "event": event, "text": text, "dryRun": false }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["data"].is_null(), "the import was not refused: {body}");
    body
}

/// The stored session `code` of `event`, with its roles and questions.
async fn session(app: &TestApp, token: &str, event: &str, code: &str) -> Value {
    let data = app
        .data_as(token, SESSION, json!({ "event": event, "code": code }))
        .await;
    assert!(!data["session"].is_null(), "no session {code} in {event}");
    data["session"].clone()
}

/// A value, or `-` for null.
fn or_dash(value: &Value) -> String {
    value.as_str().unwrap_or("-").to_owned()
}

/// A declared group or region: `code as written`, `- as written` when it
/// maps to nothing, `-` when there is none.
fn declared(canonical: &Value, written: &Value) -> String {
    match written.as_str() {
        Some(written) => format!("{} as {written}", or_dash(&canonical["code"])),
        None => or_dash(&canonical["code"]),
    }
}

/// Each role in one line, in the order the API gives them:
/// `SPEAKER 2: Name, group-code as Written, region-code as Written`.
fn roles(session: &Value) -> Vec<String> {
    session["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| {
            format!(
                "{} {}: {}, {}, {}",
                r["role"].as_str().unwrap(),
                r["order"],
                or_dash(&r["person"]["name"]),
                declared(&r["stakeholderGroup"], &r["stakeholderGroupAsWritten"]),
                declared(&r["region"], &r["regionAsWritten"]),
            )
        })
        .collect()
}

/// Each role's participation (`ONSITE`, `ONLINE`, or `-`), in order.
fn participations(session: &Value) -> Vec<String> {
    session["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| or_dash(&r["participation"]))
        .collect()
}

/// `document-code number` of each paragraph a session cites, in order.
fn cited_paragraphs(session: &Value) -> Vec<String> {
    session["citedParagraphs"]
        .as_array()
        .expect("citedParagraphs")
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p["document"]["code"].as_str().unwrap(),
                p["number"]
            )
        })
        .collect()
}

/// `name: affiliation` of each role's person, in order.
fn affiliations(session: &Value) -> Vec<String> {
    session["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}: {}",
                or_dash(&r["person"]["name"]),
                or_dash(&r["person"]["affiliation"])
            )
        })
        .collect()
}

/// The policy questions' texts, in their order.
fn questions(session: &Value) -> Vec<String> {
    let list = session["policyQuestions"].as_array().expect("questions");
    for (i, q) in list.iter().enumerate() {
        assert_eq!(q["order"], i + 1, "questions are numbered from 1: {list:?}");
    }
    list.iter()
        .map(|q| q["text"].as_str().unwrap().to_owned())
        .collect()
}

/// A list of strings in a response.
fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// `[{ heading, body }]` as pairs.
fn sections(session: &Value) -> Vec<(String, String)> {
    session["extraSections"]
        .as_array()
        .expect("extraSections")
        .iter()
        .map(|s| {
            (
                s["heading"].as_str().unwrap().to_owned(),
                s["body"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The global ID of every role, in order.
fn role_ids(session: &Value) -> Vec<String> {
    session["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The global ID of every policy question, in order.
fn question_ids(session: &Value) -> Vec<String> {
    session["policyQuestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The session as stored, without anything that names one database's rows
/// (ids): two databases holding the same proposal compare equal.
fn without_ids(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "id")
                .map(|(k, v)| (k.clone(), without_ids(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_ids).collect()),
        other => other.clone(),
    }
}

/// The database id behind a global ID.
fn db_id(global: &Value) -> i64 {
    let id = async_graphql::ID::from(global.as_str().expect("an ID"));
    ids::decode(&id).expect("an ID this API issued").1
}

async fn audit_count(app: &TestApp, admin: &str) -> i64 {
    let data = app.data_as(admin, AUDIT_COUNT, json!({})).await;
    data["auditLog"]["totalCount"].as_i64().unwrap()
}

/// `action entityType` of the last `n` audit entries, oldest first.
async fn last_audit_entries(app: &TestApp, admin: &str, n: i64) -> Vec<String> {
    let data = app
        .data_as(admin, LAST_AUDIT_ENTRIES, json!({ "n": n }))
        .await;
    data["auditLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["action"].as_str().unwrap(),
                e["entityType"].as_str().unwrap()
            )
        })
        .collect()
}

async fn review_queue(app: &TestApp, admin: &str, filter: Value) -> Value {
    let data = app
        .data_as(admin, REVIEW_QUEUE, json!({ "filter": filter }))
        .await;
    data["reviewQueue"].clone()
}

async fn event_codes(app: &TestApp) -> Vec<String> {
    let data = app.data(EVENTS, json!({})).await;
    data["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_owned())
        .collect()
}

/// A server with reference data only, and an admin's token.
async fn arrange() -> (TestApp, String) {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    (app, admin)
}

/// The paragraph after a heading line of the fixture, trimmed.
fn fixture_paragraph_after(heading: &str) -> String {
    let mut lines = FIXTURE.lines().map(str::trim);
    lines.find(|l| *l == heading).expect("heading in fixture");
    lines.find(|l| !l.is_empty()).expect("paragraph").to_owned()
}

/// The text after `prefix` on a line of the fixture.
fn fixture_line_after(prefix: &str) -> String {
    FIXTURE
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix(prefix))
        .expect("line in fixture")
        .trim()
        .to_owned()
}

/// A proposal whose one speaker declares `region`.
pub(crate) fn with_region(number: u32, speaker: &str, region: &str) -> String {
    format!(
        "IGF 2031 WS #{number} Fictional Northern Perspectives {number}\n\
         Organizer 1: Civil Society, African Group\n\
         Speaker 1: {speaker}, Civil Society, {region}\n\
         \n\
         Policy Question(s)\n\
         Who speaks for the north?\n\
         \n\
         Description:\n\
         A fictional session.\n"
    )
}
