//! Timestamps: any RFC 3339 offset in, one format out (RFC 3339 in UTC,
//! `Z`, exactly six fractional digits) in GraphQL and in both exports,
//! microsecond precision stored, and a migration that brings rows written
//! before at finer precision to it.

use std::{collections::BTreeMap, sync::LazyLock};

use chrono::{DateTime, TimeZone, Utc};
use entity::{
    position,
    review_item::ReviewKind,
    session::{self, SessionKind},
    user::UserRole,
};
use regex::Regex;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, IntoActiveModel, QueryFilter, Set, Statement,
    sea_query::{Expr, Query},
};
use serde_json::{Value, json};

use crate::helpers::*;

/// What every timestamp the API gives out looks like.
static FORMAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$").unwrap());

fn assert_format(what: &str, value: &Value) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"));
    assert!(
        FORMAT.is_match(text),
        "{what} is {text:?}, not RFC 3339 in UTC with `Z` and six fractional digits"
    );
}

/// 2025-06-24 08:00:00 UTC plus `nanos`.
fn june_24(nanos: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 24, 8, 0, 0).unwrap()
        + chrono::TimeDelta::nanoseconds(nanos.into())
}

const CREATE_SESSION: &str = r#"mutation($input: SessionInput!) {
    createSession(input: $input) { id startsAt endsAt createdAt updatedAt } }"#;
const RECORD_POSITION: &str = r#"mutation($input: PositionInput!) {
    recordPosition(input: $input) { id version recordedAt } }"#;
const PUBLISH_POSITION: &str = r#"mutation($id: ID!, $version: Int!) {
    publishPosition(id: $id, version: $version) { id recordedAt } }"#;
const SESSION: &str = r#"query($code: String!) {
    session(event: "igf-2025", code: $code) { startsAt endsAt createdAt updatedAt
        transcript { createdAt updatedAt } } }"#;
const POSITIONS: &str = r#"{ positions(first: 100) { nodes { id summary recordedAt } } }"#;

/// A session of igf-2025 created through the API, as it answers.
async fn create_session(app: &TestApp, token: &str, code: &str, times: Value) -> Value {
    let mut input = json!({
        "event": "igf-2025", "code": code, "kind": "WORKSHOP",
        "title": "Clocks and calendars of Atlantis",
    });
    input
        .as_object_mut()
        .unwrap()
        .extend(times.as_object().unwrap().clone());
    app.data_as(token, CREATE_SESSION, json!({ "input": input }))
        .await["createSession"]
        .clone()
}

#[tokio::test]
async fn an_input_with_an_offset_comes_back_in_utc_with_z_and_microseconds() {
    let app = spawn_app().await;
    let admin = app.login_as(UserRole::Admin).await;

    let created = create_session(
        &app,
        &admin,
        "WS #901",
        json!({ "startsAt": "2025-06-24T10:00:00+02:00", "endsAt": "2025-06-24T11:30:00.25-03:30" }),
    )
    .await;
    let recorded = app
        .data_as(
            &admin,
            RECORD_POSITION,
            json!({ "input": {
                "stance": "complementary", "summary": "Said by Oriane Vell at dawn.",
                "session": created["id"], "recordedAt": "2025-06-24T10:00:00.123456789+02:00",
            } }),
        )
        .await["recordPosition"]
        .clone();

    assert_eq!(created["startsAt"], "2025-06-24T08:00:00.000000Z");
    assert_eq!(created["endsAt"], "2025-06-24T15:00:00.250000Z");
    assert_eq!(recorded["recordedAt"], "2025-06-24T08:00:00.123456Z");
    // Read back, the values are the ones written.
    let read = app.data(SESSION, json!({ "code": "WS #901" })).await["session"].clone();
    for field in ["startsAt", "endsAt", "createdAt", "updatedAt"] {
        assert_eq!(read[field], created[field], "{field}");
    }
    let stored = position::Entity::find()
        .filter(position::Column::Summary.eq("Said by Oriane Vell at dawn."))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.recorded_at, june_24(123_456_000));
    let session = session::Entity::find()
        .filter(session::Column::Code.eq("WS #901"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(session.created_at.timestamp_subsec_nanos() % 1_000, 0);
    assert_eq!(session.created_at, session.updated_at);
}

/// `recorded_at` of each exported position, by global ID.
fn recorded_by_id(records: impl Iterator<Item = (String, String)>) -> BTreeMap<String, String> {
    records.collect()
}

#[tokio::test]
async fn a_row_written_through_the_api_and_one_written_directly_read_alike_everywhere() {
    let app = spawn_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    // Written directly, at the nanosecond precision rows had before.
    let direct = app
        .position(NewPosition {
            summary: "Written down by Tamsin Orlov's clerk.",
            ..Default::default()
        })
        .await;
    let direct_id = node_id("Position", direct.id);
    let mut am = direct.into_active_model();
    am.recorded_at = Set(june_24(987_654_321));
    am.update(app.db()).await.unwrap();
    // Written through the API, recorded now.
    let recorded = app
        .data_as(
            &admin,
            RECORD_POSITION,
            json!({ "input": { "stance": "complementary", "summary": "Recorded by Wendeline Arro." } }),
        )
        .await["recordPosition"]
        .clone();
    app.data_as(
        &admin,
        PUBLISH_POSITION,
        json!({ "id": recorded["id"], "version": recorded["version"] }),
    )
    .await;

    let nodes = app.data_as(&admin, POSITIONS, json!({})).await["positions"]["nodes"].clone();
    let graphql: BTreeMap<String, String> = nodes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            assert_format("Position.recordedAt", &n["recordedAt"]);
            let id = n["id"].as_str().unwrap().to_owned();
            (id, n["recordedAt"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(graphql.len(), 2, "{nodes}");
    assert_eq!(graphql[&direct_id], "2025-06-24T08:00:00.987654Z");
    assert_eq!(
        graphql[recorded["id"].as_str().unwrap()],
        recorded["recordedAt"]
    );

    let csv = app.export_as(&admin, "/export/positions.csv").await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name| header.iter().position(|h| h == name).unwrap();
    let (id, recorded_at) = (at("id"), at("recorded_at"));
    let from_csv = recorded_by_id(reader.records().map(|r| {
        let r = r.unwrap();
        (r[id].to_owned(), r[recorded_at].to_owned())
    }));
    assert_eq!(from_csv, graphql, "CSV recorded_at");

    let ndjson = app.export_as(&admin, "/export/positions.ndjson").await;
    let from_ndjson = recorded_by_id(ndjson.lines().map(|l| {
        let v: Value = serde_json::from_str(l).unwrap();
        let at = v["recorded_at"].as_str().unwrap().to_owned();
        (v["id"].as_str().unwrap().to_owned(), at)
    }));
    assert_eq!(from_ndjson, graphql, "NDJSON recorded_at");
}

/// Every output field of type `DateTime` (named or wrapped), as `Type.field`.
async fn datetime_fields(app: &TestApp) -> Vec<String> {
    let data = app
        .data(
            "{ __schema { types { name fields { name type { name ofType { name } } } } } }",
            json!({}),
        )
        .await;
    let mut out = Vec::new();
    for ty in data["__schema"]["types"].as_array().unwrap() {
        for field in ty["fields"].as_array().into_iter().flatten() {
            let t = &field["type"];
            if t["name"] == "DateTime" || t["ofType"]["name"] == "DateTime" {
                let (ty, field) = (ty["name"].as_str(), field["name"].as_str());
                out.push(format!("{}.{}", ty.unwrap(), field.unwrap()));
            }
        }
    }
    out.sort();
    out
}

const EVERY_TIMESTAMP: &str = r#"query($code: String!) {
    session(event: "igf-2025", code: $code) { startsAt endsAt createdAt updatedAt
        transcript { createdAt updatedAt } }
    positions(first: 100) { nodes { recordedAt } }
    auditLog(first: 100) { nodes { createdAt } }
    me { createdAt }
    users(first: 100) { nodes { createdAt } }
    reviewQueue(first: 100) { nodes { createdAt } } }"#;

#[tokio::test]
async fn every_timestamp_the_api_gives_has_one_format() {
    let app = spawn_app().await;
    let email = "philippa.admin@example.org";
    app.account(email, UserRole::Admin).await;
    let login = app
        .data(
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt } }",
            json!({ "e": email, "p": PASSWORD }),
        )
        .await["login"]
        .clone();
    let admin = login["token"].as_str().unwrap();
    create_session(
        &app,
        admin,
        "WS #902",
        json!({ "startsAt": "2025-06-24T10:00:00+02:00", "endsAt": "2025-06-24T12:00:00Z" }),
    )
    .await;
    app.position(NewPosition::default()).await;
    queue_region(&app, "atlantis", "Atlantis").await;
    app.data_as(
        admin,
        r#"mutation { importTranscript(event: "igf-2025", session: "WS #902",
            text: ">> KOFI: Hello.", dryRun: false) { outcome } }"#,
        json!({}),
    )
    .await;

    let data = app
        .data_as(admin, EVERY_TIMESTAMP, json!({ "code": "WS #902" }))
        .await;

    // This test reads every `DateTime` field the schema has.
    let covered = [
        "AuditEntry.createdAt",
        "LoginPayload.expiresAt",
        "Position.recordedAt",
        "ReviewItem.createdAt",
        "Session.createdAt",
        "Session.endsAt",
        "Session.startsAt",
        "Session.updatedAt",
        "Transcript.createdAt",
        "Transcript.updatedAt",
        "User.createdAt",
    ];
    assert_eq!(datetime_fields(&app).await, covered);
    assert_format("LoginPayload.expiresAt", &login["expiresAt"]);
    for field in ["startsAt", "endsAt", "createdAt", "updatedAt"] {
        assert_format(&format!("Session.{field}"), &data["session"][field]);
    }
    for field in ["createdAt", "updatedAt"] {
        let value = &data["session"]["transcript"][field];
        assert_format(&format!("Transcript.{field}"), value);
    }
    assert_format("User.createdAt", &data["me"]["createdAt"]);
    for (list, field) in [
        ("positions", "recordedAt"),
        ("auditLog", "createdAt"),
        ("users", "createdAt"),
        ("reviewQueue", "createdAt"),
    ] {
        let nodes = data[list]["nodes"].as_array().unwrap();
        assert!(!nodes.is_empty(), "{list} is empty");
        for node in nodes {
            assert_format(&format!("{list}.{field}"), &node[field]);
        }
    }
}

#[tokio::test]
async fn a_timestamp_that_is_not_rfc_3339_is_bad_user_input_saying_what_to_write() {
    let app = spawn_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let before = app.fingerprint().await;
    let audit = r#"query($since: DateTime) { auditLog(filter: { since: $since }) { totalCount } }"#;

    let cases = [
        (
            RECORD_POSITION,
            json!({ "input": { "stance": "complementary", "summary": "Late.",
                "recordedAt": "24/06/2025 10:00" } }),
        ),
        (
            RECORD_POSITION,
            json!({ "input": { "stance": "complementary",
                "summary": "Late.", "recordedAt": "2025-06-24 10:00:00" } }),
        ),
        (audit, json!({ "since": "2025-06-24" })),
        (audit, json!({ "since": "yesterday" })),
        (
            r#"{ auditLog(filter: { since: "2025-06-24T10:00" }) { totalCount } }"#,
            json!({}),
        ),
    ];
    for (query, variables) in cases {
        let (status, body) = app.gql_as(&admin, query, variables.clone()).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{variables}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains("RFC 3339") && message.contains("2025-06-24T10:00:00+02:00"),
            "{variables}: the message says what to write: {message}"
        );
    }
    assert_eq!(app.fingerprint().await, before, "nothing was written");
}

/// The new migration, by the name it is recorded under.
const MIGRATION: &str = "m20250601_000007_microsecond_timestamps";

/// Every timestamp column of every table.
const COLUMNS: &[(&str, &[&str])] = &[
    ("alias", &["created_at", "updated_at"]),
    ("audit_entry", &["created_at"]),
    ("event", &["created_at", "updated_at"]),
    ("intervention", &["created_at", "updated_at"]),
    ("person", &["created_at", "updated_at"]),
    ("position", &["recorded_at", "created_at", "updated_at"]),
    ("review_item", &["created_at", "updated_at"]),
    (
        "session",
        &["starts_at", "ends_at", "created_at", "updated_at"],
    ),
    ("transcript", &["created_at", "updated_at"]),
    ("user", &["created_at", "updated_at"]),
    ("user_assignment", &["created_at"]),
];

/// The columns SQLite declares as timestamps, as `table.column`.
async fn sqlite_timestamp_columns(db: &DatabaseConnection) -> Vec<String> {
    let sql = "SELECT t.name AS t, c.name AS c FROM sqlite_master t, pragma_table_info(t.name) c \
        WHERE t.type = 'table' AND c.type LIKE 'timestamp%' ORDER BY t.name, c.cid";
    db.query_all_raw(Statement::from_string(DatabaseBackend::Sqlite, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            let table: String = row.try_get("", "t").unwrap();
            format!("{table}.{}", row.try_get::<String>("", "c").unwrap())
        })
        .collect()
}

/// The values of `table.column`, as the entities read them.
async fn stored(db: &DatabaseConnection, table: &str, column: &str) -> Vec<DateTime<Utc>> {
    let backend = db.get_database_backend();
    let sql = format!("SELECT \"{column}\" AS t FROM \"{table}\"");
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<DateTime<Utc>>("", "t").unwrap())
        .collect()
}

/// The text of `table.column` on SQLite, and the text sea-orm writes for
/// `at` (a bound value read straight back).
async fn sqlite_texts(
    db: &DatabaseConnection,
    table: &str,
    column: &str,
    at: DateTime<Utc>,
) -> (Vec<String>, String) {
    let rows = db
        .query_all_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            format!("SELECT \"{column}\" AS t FROM \"{table}\""),
        ))
        .await
        .unwrap();
    let texts = rows
        .iter()
        .map(|r| r.try_get::<String>("", "t").unwrap())
        .collect();
    let written = db
        .query_one_raw(Statement::from_sql_and_values(
            DatabaseBackend::Sqlite,
            "SELECT ? AS t",
            [at.into()],
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<String>("", "t")
        .unwrap();
    (texts, written)
}

#[tokio::test]
async fn the_migration_brings_stored_nanoseconds_to_microseconds_in_every_timestamp_column() {
    // A database with a row in every table that has a timestamp.
    let app = spawn_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let event = app.event("nri-lemuria", 2025).await;
    let session = app
        .session(&event, "WS #1", "Tides", SessionKind::Workshop, None)
        .await;
    app.organizer_of(&session).await;
    app.person("Casimir Vantongeren", None, None).await;
    app.position(NewPosition::default()).await;
    app.data_as(
        &admin,
        r#"mutation { addAlias(kind: REGION, text: "Lemurian Group", code: "weog") }"#,
        json!({}),
    )
    .await;
    queue_region(&app, "mu", "Mu").await;
    igf_perspectives::service::transcript::import_into(
        app.db(),
        &igf_perspectives::service::audit::Actor::system(),
        session,
        ">> KOFI: Hello.",
        false,
    )
    .await
    .unwrap();
    let db = app.db();
    let backend = db.get_database_backend();
    if backend == DatabaseBackend::Sqlite {
        let covered: Vec<String> = COLUMNS
            .iter()
            .flat_map(|(table, columns)| columns.iter().map(move |c| format!("{table}.{c}")))
            .collect();
        let declared = sqlite_timestamp_columns(db).await;
        assert_eq!(declared, covered, "the test covers every timestamp column");
    }

    // Every timestamp written with nanoseconds, as rows were before, and
    // the migration not yet applied.
    let nanos = june_24(123_456_789);
    for (table, columns) in COLUMNS {
        for column in *columns {
            let update = Query::update()
                .table(*table)
                .value(*column, Expr::val(nanos))
                .to_owned();
            db.execute(&update).await.unwrap();
        }
    }
    if backend == DatabaseBackend::Sqlite {
        // As SQL's CURRENT_TIMESTAMP writes it.
        db.execute_unprepared("UPDATE event SET updated_at = '2025-06-24 08:00:00'")
            .await
            .unwrap();
    }
    let forget = Statement::from_sql_and_values(
        backend,
        match backend {
            DatabaseBackend::Postgres => "DELETE FROM seaql_migrations WHERE version = $1",
            _ => "DELETE FROM seaql_migrations WHERE version = ?",
        },
        [MIGRATION.into()],
    );
    db.execute_raw(forget).await.unwrap();

    igf_perspectives::db::migrate(db).await.unwrap();

    let micros = june_24(123_456_000);
    for (table, columns) in COLUMNS {
        for column in *columns {
            let want = if (*table, *column) == ("event", "updated_at")
                && backend == DatabaseBackend::Sqlite
            {
                june_24(0)
            } else {
                micros
            };
            let values = stored(db, table, column).await;
            assert!(!values.is_empty(), "{table} has rows");
            assert!(
                values.iter().all(|v| *v == want),
                "{table}.{column}: {values:?}"
            );
            if backend == DatabaseBackend::Sqlite {
                let (texts, written) = sqlite_texts(db, table, column, want).await;
                assert!(
                    texts.iter().all(|t| *t == written),
                    "{table}.{column} is stored as sea-orm writes {written}: {texts:?}"
                );
            }
        }
    }
}

/// A region value queued for review, as the importer queues one.
async fn queue_region(app: &TestApp, key: &str, text: &str) {
    let txn = igf_perspectives::service::write::begin(app.db())
        .await
        .unwrap();
    let actor = igf_perspectives::service::audit::Actor {
        user_id: None,
        label: "test".into(),
    };
    igf_perspectives::service::review::note(
        &txn,
        &actor,
        ReviewKind::Region,
        key,
        text,
        None,
        None,
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
}
