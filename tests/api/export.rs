//! `GET /export/positions.csv` and `.ndjson`: the rows of `positions`,
//! row for row, for analysts and admins.

use std::collections::BTreeMap;

use entity::{
    policy_question,
    position::{self, ParticipationMode},
    session::SessionKind,
    user::UserRole,
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

use crate::helpers::*;

const CSV: &str = "/export/positions.csv";
const NDJSON: &str = "/export/positions.ndjson";

/// A summary that needs every kind of CSV quoting.
const AWKWARD: &str = "Yes, but: \"enhanced\" cooperation,\nsaid twice\r\nand \"again\".";

/// Positions over two events in two years, one without a session, one
/// awkward to quote, one citing a policy question of WS #461, and a draft.
async fn arrange(app: &TestApp) {
    let north_event = app.event("nri-north", 2024).await;
    let south_event = app.event("nri-south", 2025).await;
    let north = app
        .session(
            &north_event,
            "WS #10",
            "Northern",
            SessionKind::Workshop,
            None,
        )
        .await;
    let south = app
        .session(
            &south_event,
            "WS #20",
            "Southern",
            SessionKind::Workshop,
            None,
        )
        .await;
    let ada = app
        .person("Ada Fictional", Some("civil-society"), Some("weog"))
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
            ..Default::default()
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
            summary: AWKWARD,
            stance: "complementary",
            session: Some(&south),
            group: Some("civil-society"),
            region: Some("african"),
            mode: online,
            ..Default::default()
        },
        NewPosition {
            summary: "no-session",
            stance: "concluded",
            group: Some("civil-society"),
            region: Some("weog"),
            ..Default::default()
        },
        NewPosition {
            summary: "south-draft",
            stance: "complementary",
            session: Some(&south),
            group: Some("civil-society"),
            region: Some("african"),
            mode: online,
            published: false,
            ..Default::default()
        },
    ] {
        app.position(p).await;
    }
    // The first position quotes someone and answers WS #461's first question.
    let question = policy_question::Entity::find()
        .one(app.db())
        .await
        .unwrap()
        .expect("the founding session has policy questions");
    let first = position::Entity::find()
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let mut first = first.into_active_model();
    first.quote = Set(Some("We \"must\", together,\nact.".into()));
    first.policy_question_id = Set(Some(question.id));
    first.update(app.db()).await.unwrap();
}

const POSITIONS: &str = "query($f: PositionFilterInput) {
  positions(filter: $f, first: 100) {
    nodes {
      id topic { code } stance { code } summary quote
      session { id code event { code year } } policyQuestion { id }
      person { id name } stakeholderGroup { code } stakeholderGroupAsWritten
      region { code } regionAsWritten participationMode source status recordedAt
    }
  }
}";

/// What `positions` gives, as the export's records.
async fn expected(app: &TestApp, token: &str, filter: Value) -> Vec<Value> {
    let data = app.data_as(token, POSITIONS, json!({ "f": filter })).await;
    data["positions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            json!({
                "id": n["id"],
                "topic": n["topic"]["code"],
                "stance": n["stance"]["code"],
                "summary": n["summary"],
                "quote": n["quote"],
                "session_id": n["session"]["id"],
                "session_code": n["session"]["code"],
                "event": n["session"]["event"]["code"],
                "event_year": n["session"]["event"]["year"],
                "policy_question_id": n["policyQuestion"]["id"],
                "person_id": n["person"]["id"],
                "person_name": n["person"]["name"],
                "stakeholder_group": n["stakeholderGroup"]["code"],
                "stakeholder_group_as_written": n["stakeholderGroupAsWritten"],
                "region": n["region"]["code"],
                "region_as_written": n["regionAsWritten"],
                "participation_mode": n["participationMode"],
                "source": n["source"],
                "status": n["status"],
                "recorded_at": n["recordedAt"],
            })
        })
        .collect()
}

/// A record as CSV writes it: null is an empty field.
fn as_csv(record: &Value) -> BTreeMap<String, String> {
    record
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect()
}

struct Export {
    status: u16,
    content_type: String,
    disposition: String,
    body: String,
}

async fn get(app: &TestApp, token: Option<&str>, path: &str, query: &str) -> Export {
    get_encoded(app, token, path, query, None).await
}

/// An export fetched with `Accept-Encoding: encoding`, its body decoded as
/// the `Content-Encoding` of the answer says (as browsers, Node `fetch` and
/// Python `requests` do).
async fn get_encoded(
    app: &TestApp,
    token: Option<&str>,
    path: &str,
    query: &str,
    encoding: Option<&str>,
) -> Export {
    let mut request = app.client.get(app.url(&format!("{path}?{query}")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(encoding) = encoding {
        request = request.header("accept-encoding", encoding);
    }
    let response = request.send().await.expect("request");
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    let content_encoding = header("content-encoding");
    let status = response.status().as_u16();
    let raw = response
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("the whole body of {path}?{query} ({encoding:?}): {e}"));
    Export {
        status,
        content_type,
        disposition,
        body: decode(&content_encoding, &raw),
    }
}

/// A body decoded from its `Content-Encoding`.
fn decode(content_encoding: &str, raw: &[u8]) -> String {
    use std::io::Read;
    let mut text = String::new();
    match content_encoding {
        "" | "identity" => text = String::from_utf8(raw.to_vec()).expect("UTF-8"),
        "gzip" => {
            flate2::read::GzDecoder::new(raw)
                .read_to_string(&mut text)
                .expect("a whole gzip stream");
        }
        "br" => {
            brotli::Decompressor::new(raw, 4096)
                .read_to_string(&mut text)
                .expect("a whole brotli stream");
        }
        other => panic!("unexpected content-encoding {other}"),
    };
    text
}

/// The CSV header and records.
fn parse_csv(body: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(Into::into).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(Into::into))
                .collect()
        })
        .collect();
    (header, rows)
}

fn parse_ndjson(body: &str) -> Vec<Value> {
    body.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// Both exports for `query` equal `positions` for `filter`, for this viewer.
async fn assert_exports_match(app: &TestApp, token: &str, query: &str, filter: Value) -> usize {
    let want = expected(app, token, filter.clone()).await;

    let csv = get(app, Some(token), CSV, query).await;
    assert_eq!(csv.status, 200, "{query}: {}", csv.body);
    let (header, rows) = parse_csv(&csv.body);
    assert_eq!(header.len(), 20, "{header:?}");
    assert_eq!(header[0], "id");
    let want_csv: Vec<_> = want.iter().map(as_csv).collect();
    assert_eq!(rows, want_csv, "CSV for {query}");

    let ndjson = get(app, Some(token), NDJSON, query).await;
    assert_eq!(ndjson.status, 200, "{query}: {}", ndjson.body);
    assert_eq!(parse_ndjson(&ndjson.body), want, "NDJSON for {query}");
    want.len()
}

#[tokio::test]
async fn exports_match_positions_row_for_row_for_each_filter() {
    let app = spawn_app().await;
    arrange(&app).await;
    let token = app.login_as(UserRole::Analyst).await;
    let south = app
        .data(
            r#"{ session(event: "nri-south", code: "WS #20") { id } }"#,
            json!({}),
        )
        .await["session"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let cases = [
        ("", json!({}), 4),
        (
            "stance=complementary",
            json!({ "stance": "complementary" }),
            2,
        ),
        (
            "topic=enhanced-cooperation&stance=complementary",
            json!({ "topic": "enhanced-cooperation", "stance": "complementary" }),
            2,
        ),
        (
            "stakeholderGroup=civil-society&region=weog",
            json!({ "stakeholderGroup": "civil-society", "region": "weog" }),
            2,
        ),
        ("event=nri-north", json!({ "event": "nri-north" }), 2),
        ("year=2025", json!({ "year": 2025 }), 1),
        (
            "yearFrom=2024&yearTo=2024",
            json!({ "yearFrom": 2024, "yearTo": 2024 }),
            2,
        ),
        (
            "participationMode=ONLINE",
            json!({ "participationMode": "ONLINE" }),
            2,
        ),
        (&format!("session={south}"), json!({ "session": south }), 1),
    ];
    for (query, filter, count) in cases {
        let n = assert_exports_match(&app, &token, query, filter).await;
        assert_eq!(n, count, "rows for `{query}`");
    }
}

#[tokio::test]
async fn a_filter_matching_nothing_exports_the_header_only_and_an_empty_body() {
    let app = spawn_app().await;
    arrange(&app).await;
    let token = app.login_as(UserRole::Analyst).await;

    let n = assert_exports_match(
        &app,
        &token,
        "stance=undecided",
        json!({ "stance": "undecided" }),
    )
    .await;
    assert_eq!(n, 0);
    let csv = get(&app, Some(&token), CSV, "stance=undecided").await;
    assert_eq!(csv.body.lines().count(), 1, "{}", csv.body);
    assert!(csv.body.starts_with("id,topic,stance,summary,quote,"));
    let ndjson = get(&app, Some(&token), NDJSON, "stance=undecided").await;
    assert_eq!(ndjson.body, "");
}

/// Every export, empty and not, fetched as browsers and HTTP libraries
/// fetch it: the whole body arrives and decodes to the rows of `positions`.
#[tokio::test]
async fn exports_arrive_whole_under_gzip_brotli_and_identity() {
    let app = spawn_app().await;
    arrange(&app).await;
    let token = app.login_as(UserRole::Analyst).await;

    for (query, filter, rows) in [
        ("", json!({}), 4),
        ("stance=undecided", json!({ "stance": "undecided" }), 0),
    ] {
        let want = expected(&app, &token, filter).await;
        assert_eq!(want.len(), rows);
        for encoding in ["gzip", "br", "identity", "gzip, deflate, br, zstd"] {
            let csv = get_encoded(&app, Some(&token), CSV, query, Some(encoding)).await;
            assert_eq!(csv.status, 200, "{encoding}: {}", csv.body);
            let (header, got) = parse_csv(&csv.body);
            assert_eq!(header[0], "id", "{encoding}");
            let want_csv: Vec<_> = want.iter().map(as_csv).collect();
            assert_eq!(got, want_csv, "CSV `{query}` under {encoding}");

            let ndjson = get_encoded(&app, Some(&token), NDJSON, query, Some(encoding)).await;
            assert_eq!(ndjson.status, 200, "{encoding}: {}", ndjson.body);
            assert_eq!(
                parse_ndjson(&ndjson.body),
                want,
                "NDJSON `{query}` under {encoding}"
            );
        }
    }
}

#[tokio::test]
async fn analysts_get_published_positions_and_admins_drafts_too() {
    let app = spawn_app().await;
    arrange(&app).await;
    let analyst = app.login_as(UserRole::Analyst).await;
    let admin = app.login_as(UserRole::Admin).await;

    let published = assert_exports_match(&app, &analyst, "", json!({})).await;
    let all = assert_exports_match(&app, &admin, "", json!({})).await;
    assert_eq!((published, all), (4, 5));

    let analyst_rows = parse_ndjson(&get(&app, Some(&analyst), NDJSON, "").await.body);
    assert!(analyst_rows.iter().all(|r| r["status"] == "PUBLISHED"));
    assert!(!analyst_rows.iter().any(|r| r["summary"] == "south-draft"));
    let admin_rows = parse_ndjson(&get(&app, Some(&admin), NDJSON, "").await.body);
    assert!(
        admin_rows
            .iter()
            .any(|r| r["summary"] == "south-draft" && r["status"] == "DRAFT")
    );
}

#[tokio::test]
async fn csv_quoting_round_trips_commas_quotes_and_line_breaks() {
    let app = spawn_app().await;
    arrange(&app).await;
    let token = app.login_as(UserRole::Analyst).await;

    let csv = get(&app, Some(&token), CSV, "").await;
    let (_, rows) = parse_csv(&csv.body);
    let awkward = rows
        .iter()
        .find(|r| r["summary"] == AWKWARD)
        .expect("the awkward summary comes back as it was stored");
    assert_eq!(awkward["event"], "nri-south");
    let quoted = rows.iter().find(|r| !r["quote"].is_empty()).unwrap();
    assert_eq!(quoted["quote"], "We \"must\", together,\nact.");
    assert_eq!(quoted["person_name"], "Ada Fictional");
    assert!(!quoted["policy_question_id"].is_empty());
}

#[tokio::test]
async fn exports_are_attachments_of_their_content_types() {
    let app = spawn_empty_app().await;
    let token = app.login_as(UserRole::Admin).await;

    let csv = get(&app, Some(&token), CSV, "").await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    assert_eq!(csv.disposition, "attachment; filename=\"positions.csv\"");
    let ndjson = get(&app, Some(&token), NDJSON, "").await;
    assert_eq!(ndjson.status, 200);
    assert_eq!(ndjson.content_type, "application/x-ndjson");
    assert_eq!(
        ndjson.disposition,
        "attachment; filename=\"positions.ndjson\""
    );
}

/// The status and `extensions.code` of a refused export.
async fn refused(app: &TestApp, token: Option<&str>, path: &str, query: &str) -> (u16, Value) {
    let export = get(app, token, path, query).await;
    let body: Value = serde_json::from_str(&export.body)
        .unwrap_or_else(|_| panic!("a JSON error body: {}", export.body));
    (export.status, body)
}

#[tokio::test]
async fn exports_need_an_analyst_or_admin_token() {
    let app = spawn_app().await;
    arrange(&app).await;
    let organizer = app.login_as(UserRole::Organizer).await;

    for path in [CSV, NDJSON] {
        let (status, body) = refused(&app, None, path, "").await;
        assert_eq!(
            (status, error_code(&body)),
            (401, "UNAUTHENTICATED"),
            "{body}"
        );
        let (status, body) = refused(&app, Some("not-a-token"), path, "").await;
        assert_eq!(
            (status, error_code(&body)),
            (401, "UNAUTHENTICATED"),
            "{body}"
        );
        let (status, body) = refused(&app, Some(&organizer), path, "").await;
        assert_eq!((status, error_code(&body)), (403, "FORBIDDEN"), "{body}");
    }
    let response = app.client.get(app.url(CSV)).send().await.unwrap();
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn bad_parameters_are_refused_with_bad_user_input() {
    let app = spawn_app().await;
    arrange(&app).await;
    let token = app.login_as(UserRole::Analyst).await;

    for (query, says) in [
        ("colour=blue", "colour"),
        ("stakeholder_group=government", "stakeholder_group"),
        ("year=last", "year"),
        ("participationMode=onsite", "onsite"),
        ("participationMode=BOTH", "BOTH"),
        ("region=atlantis", "atlantis"),
        ("stance=maybe", "maybe"),
        ("event=igf-1999", "igf-1999"),
        ("session=bm90LWFuLWlk", "bm90LWFuLWlk"),
        ("year=2025&yearFrom=2024", "year"),
        ("yearFrom=2026&yearTo=2024", "yearFrom"),
    ] {
        for path in [CSV, NDJSON] {
            let (status, body) = refused(&app, Some(&token), path, query).await;
            assert_eq!(status, 400, "{query}: {body}");
            assert_eq!(error_code(&body), "BAD_USER_INPUT", "{query}: {body}");
            let message = body["errors"][0]["message"].as_str().unwrap();
            assert!(message.contains(says), "{query}: {message}");
        }
    }
    let (_, body) = refused(&app, Some(&token), CSV, "year=2025&yearFrom=2024").await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "year");
}

#[tokio::test]
async fn a_large_export_streams_every_row_in_order() {
    let app = spawn_empty_app().await;
    let token = app.login_as(UserRole::Analyst).await;
    // Enough rows for many chunks of the body.
    let rows = 3000;
    app.insert_positions(rows, "Position in bulk number ").await;

    let ndjson = get(&app, Some(&token), NDJSON, "").await;
    assert_eq!(ndjson.status, 200);
    let records = parse_ndjson(&ndjson.body);
    assert_eq!(records.len(), rows);
    let ids: Vec<String> = records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let first_page = expected(&app, &token, json!({})).await;
    let first_ids: Vec<&str> = first_page
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids[..100], first_ids[..]);

    let csv = get(&app, Some(&token), CSV, "").await;
    let (_, csv_rows) = parse_csv(&csv.body);
    let csv_ids: Vec<&str> = csv_rows.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(csv_ids, ids);
}

/// `bom=true` starts the CSV with a UTF-8 byte-order mark, for Excel;
/// without it the file is plain UTF-8, and NDJSON refuses it.
#[tokio::test]
async fn csv_carries_a_byte_order_mark_on_request_only() {
    let app = spawn_app().await;
    arrange(&app).await;
    let token = app.login_as(UserRole::Analyst).await;
    let want: Vec<_> = expected(&app, &token, json!({}))
        .await
        .iter()
        .map(as_csv)
        .collect();

    for encoding in ["identity", "gzip"] {
        let marked = get_encoded(&app, Some(&token), CSV, "bom=true", Some(encoding)).await;
        assert_eq!(marked.status, 200, "{}", marked.body);
        let text = marked
            .body
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("a byte-order mark first ({encoding})"));
        let (header, rows) = parse_csv(text);
        assert_eq!(header[0], "id");
        assert_eq!(rows, want);
    }
    for query in ["", "bom=false"] {
        let plain = get(&app, Some(&token), CSV, query).await;
        assert!(plain.body.starts_with("id,"), "{query}: {}", plain.body);
    }
    let empty = get(&app, Some(&token), CSV, "bom=true&stance=undecided").await;
    assert_eq!(empty.body.lines().count(), 1);
    assert!(empty.body.starts_with("\u{feff}id,"));

    let (status, body) = refused(&app, Some(&token), NDJSON, "bom=true").await;
    assert_eq!(
        (status, error_code(&body)),
        (400, "BAD_USER_INPUT"),
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["field"], "bom");
}
