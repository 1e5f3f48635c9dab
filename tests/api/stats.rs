//! `positionStats` and `compareStances` over a data set whose counts are
//! known: exact buckets, shares and totals; drafts never counted.

use entity::{position::ParticipationMode, user::UserRole};
use serde_json::{Value, json};

use crate::helpers::{NewPosition, TestApp, error_code, spawn_empty_app};

/// Nine published positions and one draft:
///
/// | # | session | group | region | stance | mode |
/// |---|---------|-------|--------|--------|------|
/// | 1 | s1 (2023) | civil-society | african | ongoing-commitment | onsite |
/// | 2 | s1 | civil-society | african | ongoing-commitment | online |
/// | 3 | s1 | civil-society | african | concluded | onsite |
/// | 4 | s1 | government | weog | concluded | onsite |
/// | 5 | s2 (2025) | civil-society | african | complementary | onsite |
/// | 6 | s2 | government | weog | concluded | online |
/// | 7 | s2 | government | weog | new-mechanism | onsite |
/// | 8 | s2 | technical-community | — | existing-mechanisms | — |
/// | 9 | — | civil-society | african | ongoing-commitment | onsite |
/// | draft | s2 | civil-society | african | concluded | onsite |
async fn seeded() -> TestApp {
    let app = spawn_empty_app().await;
    let e23 = app.event("nri-2023", 2023).await;
    let e25 = app.event("nri-2025", 2025).await;
    use entity::session::SessionKind::Workshop;
    let s1 = app.session(&e23, "WS #1", "First", Workshop, None).await;
    let s2 = app.session(&e25, "WS #2", "Second", Workshop, None).await;
    let on = Some(ParticipationMode::Onsite);
    let off = Some(ParticipationMode::Online);
    let rows = [
        (
            Some(&s1),
            "civil-society",
            Some("african"),
            "ongoing-commitment",
            on,
            true,
        ),
        (
            Some(&s1),
            "civil-society",
            Some("african"),
            "ongoing-commitment",
            off,
            true,
        ),
        (
            Some(&s1),
            "civil-society",
            Some("african"),
            "concluded",
            on,
            true,
        ),
        (Some(&s1), "government", Some("weog"), "concluded", on, true),
        (
            Some(&s2),
            "civil-society",
            Some("african"),
            "complementary",
            on,
            true,
        ),
        (
            Some(&s2),
            "government",
            Some("weog"),
            "concluded",
            off,
            true,
        ),
        (
            Some(&s2),
            "government",
            Some("weog"),
            "new-mechanism",
            on,
            true,
        ),
        (
            Some(&s2),
            "technical-community",
            None,
            "existing-mechanisms",
            None,
            true,
        ),
        (
            None,
            "civil-society",
            Some("african"),
            "ongoing-commitment",
            on,
            true,
        ),
        (
            Some(&s2),
            "civil-society",
            Some("african"),
            "concluded",
            on,
            false,
        ),
    ];
    for (session, group, region, stance, mode, published) in rows {
        app.position(NewPosition {
            stance,
            session,
            group: Some(group),
            region,
            mode,
            published,
            ..Default::default()
        })
        .await;
    }
    app
}

const STATS: &str = "query($f: PositionFilterInput, $g: [StatsDimension!]!) {
  positionStats(filter: $f, groupBy: $g) {
    total groupBy
    buckets {
      stance { code } stakeholderGroup { code } region { code } event { code }
      session { code } participationMode year
      count shareOfTotal shareWithinGroup
    }
  }
}";

async fn stats(app: &TestApp, filter: Value, group_by: Value) -> Value {
    app.data(STATS, json!({ "f": filter, "g": group_by })).await["positionStats"].clone()
}

/// Buckets as `(key, count)` where the key joins the grouped values with
/// `/` (`-` for a missing value).
fn counts(stats: &Value) -> Vec<(String, i64)> {
    let dims: Vec<String> = stats["groupBy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_owned())
        .collect();
    stats["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let key: Vec<String> = dims
                .iter()
                .map(|d| {
                    let v = match d.as_str() {
                        "STANCE" => &b["stance"]["code"],
                        "STAKEHOLDER_GROUP" => &b["stakeholderGroup"]["code"],
                        "REGION" => &b["region"]["code"],
                        "EVENT" => &b["event"]["code"],
                        "SESSION" => &b["session"]["code"],
                        "PARTICIPATION_MODE" => &b["participationMode"],
                        "YEAR" => &b["year"],
                        other => panic!("unknown dimension {other}"),
                    };
                    match v {
                        Value::Null => "-".to_owned(),
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }
                })
                .collect();
            (key.join("/"), b["count"].as_i64().unwrap())
        })
        .collect()
}

fn share(stats: &Value, key: &str, field: &str) -> f64 {
    let i = counts(stats)
        .iter()
        .position(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("no bucket {key} in {stats}"));
    stats["buckets"][i][field].as_f64().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn owned(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[tokio::test]
async fn counts_by_stance_leave_drafts_out() {
    let app = seeded().await;
    let s = stats(&app, json!(null), json!(["STANCE"])).await;
    assert_eq!(s["total"], 9);
    // Taxonomy order (ids): ongoing, concluded, existing, new, complementary.
    let mut got = counts(&s);
    got.sort();
    assert_eq!(
        got,
        owned(&[
            ("complementary", 1),
            ("concluded", 3),
            ("existing-mechanisms", 1),
            ("new-mechanism", 1),
            ("ongoing-commitment", 3),
        ])
    );
    assert!(close(share(&s, "concluded", "shareOfTotal"), 3.0 / 9.0));
    assert!(close(share(&s, "concluded", "shareWithinGroup"), 3.0 / 9.0));
    // An admin sees drafts in `positions`, never in aggregates.
    let admin = app.login_as(UserRole::Admin).await;
    let as_admin = app
        .data_as(&admin, STATS, json!({ "f": null, "g": ["STANCE"] }))
        .await;
    assert_eq!(as_admin["positionStats"]["total"], 9);
    assert_eq!(as_admin["positionStats"]["buckets"], s["buckets"]);
}

#[tokio::test]
async fn a_cross_tab_gives_shares_within_each_region() {
    let app = seeded().await;
    let s = stats(&app, json!(null), json!(["REGION", "STANCE"])).await;
    assert_eq!(s["total"], 9);
    assert_eq!(
        counts(&s),
        owned(&[
            ("african/ongoing-commitment", 3),
            ("african/concluded", 1),
            ("african/complementary", 1),
            ("weog/concluded", 2),
            ("weog/new-mechanism", 1),
            ("-/existing-mechanisms", 1),
        ])
    );
    // Of the African Group's five positions, three say ongoing commitment.
    assert!(close(
        share(&s, "african/ongoing-commitment", "shareWithinGroup"),
        0.6
    ));
    assert!(close(
        share(&s, "african/ongoing-commitment", "shareOfTotal"),
        3.0 / 9.0
    ));
    assert!(close(
        share(&s, "weog/concluded", "shareWithinGroup"),
        2.0 / 3.0
    ));
    assert!(close(
        share(&s, "-/existing-mechanisms", "shareWithinGroup"),
        1.0
    ));
}

#[tokio::test]
async fn three_dimensions_and_every_other_dimension_count_each_position_once() {
    let app = seeded().await;
    let s = stats(
        &app,
        json!(null),
        json!(["STAKEHOLDER_GROUP", "REGION", "STANCE"]),
    )
    .await;
    let mut got = counts(&s);
    got.sort();
    assert_eq!(
        got,
        owned(&[
            ("civil-society/african/complementary", 1),
            ("civil-society/african/concluded", 1),
            ("civil-society/african/ongoing-commitment", 3),
            ("government/weog/concluded", 2),
            ("government/weog/new-mechanism", 1),
            ("technical-community/-/existing-mechanisms", 1),
        ])
    );
    let by = |g: Value| {
        let app = &app;
        async move { counts(&stats(app, json!(null), g).await) }
    };
    assert_eq!(
        by(json!(["YEAR"])).await,
        owned(&[("2023", 4), ("2025", 4), ("-", 1)])
    );
    assert_eq!(
        by(json!(["EVENT"])).await.len(),
        3,
        "two events and no event"
    );
    let mut events = by(json!(["EVENT"])).await;
    events.sort();
    assert_eq!(events, owned(&[("-", 1), ("nri-2023", 4), ("nri-2025", 4)]));
    let mut sessions = by(json!(["SESSION"])).await;
    sessions.sort();
    assert_eq!(sessions, owned(&[("-", 1), ("WS #1", 4), ("WS #2", 4)]));
    assert_eq!(
        by(json!(["PARTICIPATION_MODE"])).await,
        owned(&[("ONSITE", 6), ("ONLINE", 2), ("-", 1)])
    );
    assert_eq!(
        by(json!(["YEAR", "PARTICIPATION_MODE"])).await,
        owned(&[
            ("2023/ONSITE", 3),
            ("2023/ONLINE", 1),
            ("2025/ONSITE", 2),
            ("2025/ONLINE", 1),
            ("2025/-", 1),
            ("-/ONSITE", 1),
        ])
    );
    let total = stats(&app, json!(null), json!([])).await;
    assert_eq!(total["total"], 9);
    assert_eq!(counts(&total), owned(&[("", 9)]));
}

#[tokio::test]
async fn filters_narrow_the_total() {
    let app = seeded().await;
    let s = stats(
        &app,
        json!({ "stakeholderGroup": "civil-society", "region": "african", "yearFrom": 2024 }),
        json!(["STANCE"]),
    )
    .await;
    assert_eq!(s["total"], 1);
    assert_eq!(counts(&s), owned(&[("complementary", 1)]));

    let s = stats(&app, json!({ "year": 2023 }), json!(["STANCE"])).await;
    assert_eq!(s["total"], 4);
    let s = stats(&app, json!({ "yearTo": 2024 }), json!(["REGION"])).await;
    assert_eq!(counts(&s), owned(&[("african", 3), ("weog", 1)]));
    let s = stats(
        &app,
        json!({ "event": "nri-2025", "participationMode": "ONLINE" }),
        json!(["STANCE"]),
    )
    .await;
    assert_eq!(counts(&s), owned(&[("concluded", 1)]));
    let s = stats(&app, json!({ "stance": "concluded" }), json!(["REGION"])).await;
    assert_eq!(counts(&s), owned(&[("african", 1), ("weog", 2)]));
}

#[tokio::test]
async fn a_filter_that_matches_nothing_gives_no_buckets() {
    let app = seeded().await;
    for filter in [
        json!({ "stakeholderGroup": "private-sector" }),
        json!({ "year": 1999 }),
    ] {
        let s = stats(&app, filter, json!(["STANCE", "REGION"])).await;
        assert_eq!(s["total"], 0);
        assert_eq!(s["buckets"], json!([]));
    }
}

#[tokio::test]
async fn unknown_codes_and_dimensions_are_bad_user_input() {
    let app = seeded().await;
    for (filter, group_by) in [
        (json!({ "region": "atlantis" }), json!(["STANCE"])),
        (json!({ "stance": "maybe" }), json!(["STANCE"])),
        (json!({ "event": "igf-1850" }), json!(["STANCE"])),
        (json!({ "topic": "weather" }), json!(["STANCE"])),
        (
            json!({ "yearFrom": 2025, "yearTo": 2020 }),
            json!(["STANCE"]),
        ),
        (json!(null), json!(["STANCE", "STANCE"])),
        (
            json!(null),
            json!(["STANCE", "REGION", "YEAR", "EVENT", "SESSION"]),
        ),
        (json!(null), json!(["COLOUR"])),
    ] {
        let body = app.gql(STATS, json!({ "f": filter, "g": group_by })).await;
        assert_eq!(
            error_code(&body),
            "BAD_USER_INPUT",
            "{filter} {group_by}: {body}"
        );
        assert!(body["data"].is_null() || body["data"]["positionStats"].is_null());
    }
    let body = app
        .gql("{ positionStats(groupBy: [COLOUR]) { total } }", json!({}))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
}

const COMPARE: &str = "query($a: PositionFilterInput!, $b: PositionFilterInput!) {
  compareStances(a: $a, b: $b) {
    topic { code }
    a { total division leadingStance { code } }
    b { total division leadingStance { code } }
    stances { stance { code } countA countB shareA shareB difference }
    distance
  }
}";

#[tokio::test]
async fn two_groups_side_by_side() {
    let app = seeded().await;
    let c = app
        .data(
            COMPARE,
            json!({
                "a": { "stakeholderGroup": "civil-society", "region": "african" },
                "b": { "stakeholderGroup": "government", "region": "weog" },
            }),
        )
        .await["compareStances"]
        .clone();
    assert_eq!(c["topic"]["code"], "enhanced-cooperation");
    assert_eq!(c["a"]["total"], 5);
    assert_eq!(c["b"]["total"], 3);
    assert_eq!(c["a"]["leadingStance"]["code"], "ongoing-commitment");
    assert_eq!(c["b"]["leadingStance"]["code"], "concluded");
    let stances = c["stances"].as_array().unwrap();
    assert_eq!(stances.len(), 6, "every stance of the topic: {c}");
    let row = |code: &str| {
        stances
            .iter()
            .find(|s| s["stance"]["code"] == code)
            .unwrap()
            .clone()
    };
    let concluded = row("concluded");
    assert_eq!(
        (concluded["countA"].as_i64(), concluded["countB"].as_i64()),
        (Some(1), Some(2))
    );
    assert!(close(concluded["shareA"].as_f64().unwrap(), 0.2));
    assert!(close(concluded["shareB"].as_f64().unwrap(), 2.0 / 3.0));
    assert!(close(
        concluded["difference"].as_f64().unwrap(),
        0.2 - 2.0 / 3.0
    ));
    assert_eq!(row("undecided")["countA"], 0);
    // a: 0.6 ongoing, 0.2 concluded, 0.2 complementary; b: 2/3 concluded,
    // 1/3 new mechanism. Half the L1 distance: (0.6 + 0.4667 + 0.2 + 0.3333) / 2.
    let distance = (0.6 + (2.0 / 3.0 - 0.2) + 0.2 + 1.0 / 3.0) / 2.0;
    assert!(close(c["distance"].as_f64().unwrap(), distance), "{c}");
    // Normalized entropy over six stances.
    let h = |ps: &[f64]| -ps.iter().map(|p| p * p.ln()).sum::<f64>() / 6f64.ln();
    assert!(close(
        c["a"]["division"].as_f64().unwrap(),
        h(&[0.6, 0.2, 0.2])
    ));
    assert!(close(
        c["b"]["division"].as_f64().unwrap(),
        h(&[2.0 / 3.0, 1.0 / 3.0])
    ));

    let empty = app
        .data(
            COMPARE,
            json!({ "a": { "stakeholderGroup": "private-sector" }, "b": {} }),
        )
        .await["compareStances"]
        .clone();
    assert_eq!(empty["a"]["total"], 0);
    assert_eq!(empty["a"]["division"], Value::Null);
    assert_eq!(empty["b"]["total"], 9);
    assert_eq!(empty["distance"], Value::Null);

    let body = app
        .gql(COMPARE, json!({ "a": { "region": "atlantis" }, "b": {} }))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}

/// Every aggregate over nothing: zeros and empty lists, never an error,
/// both on a fresh database before anything is published and for a filter
/// that matches nothing.
#[tokio::test]
async fn every_aggregate_over_nothing_answers_zeros() {
    let fresh = spawn_empty_app().await;
    let seeded = seeded().await;
    let nothing = json!({ "stakeholderGroup": "private-sector" });
    for (app, filter) in [(&fresh, json!({})), (&seeded, nothing.clone())] {
        for group_by in [
            json!([]),
            json!(["STANCE"]),
            json!(["REGION", "STANCE"]),
            json!(["SESSION"]),
            json!(["YEAR", "EVENT", "PARTICIPATION_MODE", "STAKEHOLDER_GROUP"]),
        ] {
            let body = app.gql(STATS, json!({ "f": filter, "g": group_by })).await;
            assert!(body.get("errors").is_none(), "{group_by}: {body}");
            let s = &body["data"]["positionStats"];
            assert_eq!(s["total"], 0, "{group_by}: {s}");
            assert_eq!(s["buckets"], json!([]), "{group_by}: {s}");
        }
        let c =
            app.data(COMPARE, json!({ "a": filter, "b": filter })).await["compareStances"].clone();
        for side in ["a", "b"] {
            assert_eq!(c[side]["total"], 0, "{c}");
            assert_eq!(c[side]["leadingStance"], Value::Null, "{c}");
        }
        assert!(c["stances"].as_array().unwrap().iter().all(|s| {
            s["countA"] == 0 && s["countB"] == 0 && s["shareA"] == 0.0 && s["difference"] == 0.0
        }));
    }
    // Panel balance of an event with no session, and of a session with no panel.
    let event = fresh.event("nri-empty", 2026).await;
    fresh
        .session(
            &event,
            "WS #0",
            "Empty",
            entity::session::SessionKind::Workshop,
            None,
        )
        .await;
    let balance = "speakers organizers byStakeholderGroup { speakers } byRegion { speakers } byGender { speakers } score";
    let data = fresh
        .data(
            &format!(
                r#"{{ events {{ code balance {{ {balance} }} }}
                     session(event: "nri-empty", code: "WS #0") {{ balance {{ {balance} }} }} }}"#
            ),
            json!({}),
        )
        .await;
    let event_balance = &data["events"].as_array().unwrap()[0]["balance"];
    for b in [event_balance, &data["session"]["balance"]] {
        assert_eq!(
            (b["speakers"].as_i64(), b["organizers"].as_i64()),
            (Some(0), Some(0)),
            "{b}"
        );
    }
}
