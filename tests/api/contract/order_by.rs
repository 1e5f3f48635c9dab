//! `orderBy` on `sessions` (code, title, start time) and `positions`
//! (recorded time), both ways: every page read forward and backward gives
//! the same order, ties go by id, unscheduled sessions come last either
//! way, and a cursor of one order is refused by another.

use chrono::{Duration, TimeZone, Utc};
use entity::{position, session, session::SessionKind};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use crate::helpers::{NewPosition, TestApp, error_code, spawn_empty_app};

const SESSIONS: &str = r#"query($order: SessionOrder, $first: Int, $after: String, $last: Int, $before: String) {
    sessions(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        nodes { code } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"#;

const POSITIONS: &str = r#"query($order: PositionOrder, $first: Int, $after: String, $last: Int, $before: String) {
    positions(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        nodes { summary } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"#;

/// Every item of a list read two at a time, forward and then backward
/// (the backward pages put back in display order): both must agree.
async fn read_all(
    app: &TestApp,
    query: &str,
    list: &str,
    item: &str,
    order: &Value,
) -> Vec<String> {
    let names = |conn: &Value| -> Vec<String> {
        conn["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n[item].as_str().unwrap().to_owned())
            .collect()
    };
    let mut forward = Vec::new();
    let mut after = Value::Null;
    loop {
        let vars = json!({ "order": order, "first": 2, "after": after });
        let conn = app.data(query, vars).await[list].clone();
        forward.extend(names(&conn));
        if !conn["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
    let mut backward = Vec::new();
    let mut before = Value::Null;
    loop {
        let vars = json!({ "order": order, "last": 2, "before": before });
        let conn = app.data(query, vars).await[list].clone();
        let mut page = names(&conn);
        page.extend(backward);
        backward = page;
        if !conn["pageInfo"]["hasPreviousPage"].as_bool().unwrap() {
            break;
        }
        before = conn["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(forward, backward, "{order}: forward and backward agree");
    forward
}

#[tokio::test]
async fn sessions_come_in_the_order_asked_for_page_after_page() {
    let app = spawn_empty_app().await;
    let event = app.event("igf-2024", 2024).await;
    let at =
        |h: i64| Some(Utc.with_ymd_and_hms(2024, 12, 16, 9, 0, 0).unwrap() + Duration::hours(h));
    // code, title, start
    let rows = [
        ("WS #5", "banana forum", at(3)),
        ("WS #1", "Apple Dialogue", None),
        ("WS #3", "cherry talks", at(1)),
        ("WS #2", "APPLE dialogue", at(3)),
        ("WS #4", "date night", None),
    ];
    for (code, title, starts) in rows {
        let s = app
            .session(&event, code, title, SessionKind::Workshop, None)
            .await;
        let mut s: session::ActiveModel = s.into();
        s.starts_at = Set(starts);
        s.update(app.db()).await.unwrap();
    }
    let order = |field: &str, direction: &str| json!({ "field": field, "direction": direction });
    let codes = |list: &[&str]| list.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        read_all(&app, SESSIONS, "sessions", "code", &order("CODE", "DESC")).await,
        codes(&["WS #5", "WS #4", "WS #3", "WS #2", "WS #1"])
    );
    // Titles case aside; the tie goes by id (stored order).
    assert_eq!(
        read_all(&app, SESSIONS, "sessions", "code", &order("TITLE", "ASC")).await,
        codes(&["WS #1", "WS #2", "WS #5", "WS #3", "WS #4"])
    );
    // Unscheduled last both ways; the tie at 12:00 by id.
    assert_eq!(
        read_all(
            &app,
            SESSIONS,
            "sessions",
            "code",
            &order("STARTS_AT", "ASC")
        )
        .await,
        codes(&["WS #3", "WS #5", "WS #2", "WS #1", "WS #4"])
    );
    assert_eq!(
        read_all(
            &app,
            SESSIONS,
            "sessions",
            "code",
            &order("STARTS_AT", "DESC")
        )
        .await,
        codes(&["WS #2", "WS #5", "WS #3", "WS #4", "WS #1"])
    );
    // Without orderBy: by code, as before.
    assert_eq!(
        read_all(&app, SESSIONS, "sessions", "code", &Value::Null).await,
        codes(&["WS #1", "WS #2", "WS #3", "WS #4", "WS #5"])
    );

    // A cursor belongs to its order.
    let by_title = app
        .data(
            SESSIONS,
            json!({ "order": order("TITLE", "ASC"), "first": 1 }),
        )
        .await;
    let cursor = &by_title["sessions"]["pageInfo"]["endCursor"];
    for other in [
        order("STARTS_AT", "ASC"),
        order("TITLE", "DESC"),
        Value::Null,
    ] {
        let body = app
            .gql(
                SESSIONS,
                json!({ "order": other, "first": 1, "after": cursor }),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{other}: {body}");
    }
}

#[tokio::test]
async fn positions_come_newest_first_when_asked() {
    let app = spawn_empty_app().await;
    let base = Utc.with_ymd_and_hms(2025, 6, 24, 8, 0, 0).unwrap();
    // summary, minutes after base (a tie at 10)
    for (summary, minutes) in [("p1", 30), ("p2", 10), ("p3", 50), ("p4", 10), ("p5", 0)] {
        let p = app
            .position(NewPosition {
                summary,
                published: true,
                ..Default::default()
            })
            .await;
        let mut p: position::ActiveModel = p.into();
        p.recorded_at = Set(base + Duration::minutes(minutes));
        p.update(app.db()).await.unwrap();
    }
    let order = |direction: &str| json!({ "field": "RECORDED_AT", "direction": direction });
    let names = |list: &[&str]| list.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        read_all(&app, POSITIONS, "positions", "summary", &order("DESC")).await,
        names(&["p3", "p1", "p4", "p2", "p5"])
    );
    assert_eq!(
        read_all(&app, POSITIONS, "positions", "summary", &order("ASC")).await,
        names(&["p5", "p2", "p4", "p1", "p3"])
    );
    assert_eq!(
        read_all(&app, POSITIONS, "positions", "summary", &Value::Null).await,
        names(&["p1", "p2", "p3", "p4", "p5"])
    );
}
