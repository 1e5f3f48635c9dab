//! `demo-data`: the generator fills a fresh database that the server then
//! serves as it is, and refuses a database holding real sessions.

use entity::user::UserRole;
use igf_perspectives::demo::{self, Options, Summary};
use serde_json::{Value, json};

use crate::helpers::*;

/// A fresh database filled by the generator, and a server started on it
/// the way `serve` starts (founding-proposal seeding on).
async fn demo_app(sessions: u32, people: u32, positions: u32, seed: u64) -> (TestApp, Summary) {
    let (url, dir) = fresh_database_url().await;
    let db = igf_perspectives::db::connect(&url).await.unwrap();
    igf_perspectives::db::migrate(&db).await.unwrap();
    let summary = demo::generate(
        &db,
        Options {
            sessions,
            people,
            positions,
            interventions: sessions * 10,
            seed,
        },
        &mut |_| {},
    )
    .await
    .expect("demo data");
    db.close().await.unwrap();
    (spawn_app_on(url, dir).await, summary)
}

fn count(data: &Value, field: &str) -> u64 {
    data[field]["totalCount"].as_u64().unwrap()
}

#[tokio::test]
async fn demo_data_fills_a_fresh_database_that_the_server_does_not_seed_over() {
    let (app, summary) = demo_app(12, 80, 600, demo::DEFAULT_SEED).await;
    assert_eq!(
        (summary.sessions, summary.people, summary.positions),
        (12, 80, 600)
    );
    assert!(
        summary.published < 600 && summary.published > 500,
        "{summary}"
    );

    let public = app
        .data(
            r#"{
                sessions { totalCount }
                people { totalCount }
                positions { totalCount }
                founding: session(event: "igf-2025", code: "WS #461") { id }
                events { code }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(count(&public, "sessions"), 12);
    assert_eq!(count(&public, "people"), 80);
    assert_eq!(count(&public, "positions"), summary.published);
    assert!(
        public["founding"].is_null(),
        "the fixture was seeded: {public}"
    );
    let events = public["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let code = e["code"].as_str().unwrap();
        assert!(code.starts_with(demo::EVENT_PREFIX), "{code}");
    }

    let admin = app.login_as(UserRole::Admin).await;
    let all = app
        .data_as(&admin, "{ positions { totalCount } }", json!({}))
        .await;
    assert_eq!(count(&all, "positions"), 600);

    // Every session has a transcript of ten turns, spoken by its panel and
    // the floor, with totals that add up.
    assert_eq!((summary.transcripts, summary.interventions), (12, 120));
    let spoken = app
        .data(
            r#"{ sessions(first: 12) { nodes {
                transcript { interventionCount words seconds estimatedSeconds }
                roles { id }
                interventions(first: 10) { totalCount nodes {
                    order words seconds secondsEstimated isFloor person { id } role { id }
                    selfIntroduction } } } } }"#,
            json!({}),
        )
        .await;
    let (mut matched, mut floor) = (0, 0);
    for s in spoken["sessions"]["nodes"].as_array().unwrap() {
        let t = &s["transcript"];
        let turns = s["interventions"]["nodes"].as_array().unwrap();
        assert_eq!(t["interventionCount"], 10, "{s}");
        assert_eq!(s["interventions"]["totalCount"], 10);
        let sum = |k: &str| turns.iter().map(|i| i[k].as_i64().unwrap()).sum::<i64>();
        assert_eq!(t["words"].as_i64().unwrap(), sum("words"));
        assert_eq!(t["seconds"].as_i64().unwrap(), sum("seconds"));
        let orders: Vec<i64> = turns.iter().map(|i| i["order"].as_i64().unwrap()).collect();
        assert_eq!(orders, (1..=10).collect::<Vec<_>>());
        let roles: Vec<&Value> = s["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["id"])
            .collect();
        for i in turns {
            if let Some(role) = i["role"]["id"].as_str() {
                assert!(
                    roles.iter().any(|r| *r == role),
                    "a role of another session: {i}"
                );
                matched += 1;
            }
            floor += i64::from(i["isFloor"] == true);
        }
    }
    assert!(
        matched > 60 && floor > 0,
        "{matched} matched, {floor} floor"
    );

    // Ids were assigned by the generator; new rows still get fresh ones.
    let created = app
        .data_as(
            &admin,
            r#"mutation { createPerson(input: { name: "Orla Afterwards" }) { name } }"#,
            json!({}),
        )
        .await;
    assert_eq!(created["createPerson"]["name"], "Orla Afterwards");
    let people = app.data("{ people { totalCount } }", json!({})).await;
    assert_eq!(count(&people, "people"), 81);
}

#[tokio::test]
async fn demo_data_refuses_a_database_that_already_holds_demo_data() {
    let (app, _) = demo_app(3, 20, 10, 1).await;
    let before = app.fingerprint().await;

    let refused = demo::generate(
        app.db(),
        Options {
            sessions: 3,
            people: 20,
            positions: 10,
            interventions: 30,
            seed: 1,
        },
        &mut |_| {},
    )
    .await
    .expect_err("a second run is refused");

    assert!(
        refused.to_string().contains("already holds demo data"),
        "{refused}"
    );
    assert_eq!(app.fingerprint().await, before, "nothing is written");
}

#[tokio::test]
async fn demo_sessions_have_about_six_speakers_and_three_to_five_questions() {
    let (app, _) = demo_app(40, 200, 0, demo::DEFAULT_SEED).await;

    let data = app
        .data(
            r#"{ sessions(first: 40) { nodes {
                code
                speakers: roles(role: SPEAKER) { person { name } }
                moderators: roles(role: MODERATOR) { person { name } }
                policyQuestions { text }
            } } }"#,
            json!({}),
        )
        .await;

    let sessions = data["sessions"]["nodes"].as_array().unwrap();
    assert_eq!(sessions.len(), 40);
    let mut speakers = 0;
    for s in sessions {
        let panel = s["speakers"].as_array().unwrap();
        assert!((4..=8).contains(&panel.len()), "{s}");
        assert!(panel.iter().all(|r| r["person"]["name"].is_string()), "{s}");
        assert_eq!(s["moderators"].as_array().unwrap().len(), 1, "{s}");
        let questions = s["policyQuestions"].as_array().unwrap().len();
        assert!((3..=5).contains(&questions), "{s}");
        speakers += panel.len();
    }
    let mean = speakers as f64 / 40.0;
    assert!((5.0..=7.0).contains(&mean), "{mean} speakers per session");
}

/// What a client sees of a demo database: sessions with their panels,
/// people, and positions.
async fn snapshot(app: &TestApp) -> Value {
    app.data(
        r#"{
            sessions(first: 50) { nodes {
                code title startsAt event { code year }
                roles { role person { name } stakeholderGroup { code } region { code } }
                policyQuestions { text }
            } }
            people(first: 100) { nodes { name affiliation stakeholderGroup { code } region { code } } }
            positions(first: 100) { nodes {
                summary quote participationMode recordedAt
                stance { code } person { name } session { code }
            } }
        }"#,
        json!({}),
    )
    .await
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let (first, _) = demo_app(10, 40, 200, 7).await;
    let (again, _) = demo_app(10, 40, 200, 7).await;
    let (other, _) = demo_app(10, 40, 200, 8).await;

    let first = snapshot(&first).await;
    assert_eq!(first["positions"]["nodes"].as_array().unwrap().len(), 100);
    assert_eq!(snapshot(&again).await, first);
    let other = snapshot(&other).await;
    assert_ne!(other["people"], first["people"]);
    assert_ne!(other["sessions"], first["sessions"]);
}

#[tokio::test]
async fn demo_data_refuses_a_database_holding_the_founding_session_and_writes_nothing() {
    let app = spawn_app().await;
    let before = app.fingerprint().await;

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(["demo-data", "--database-url"])
        .arg(&app.state.config.db.database_url)
        .args(["--sessions", "5", "--people", "20", "--positions", "10"])
        .env_remove("DATABASE_URL")
        .output()
        .expect("run igf-perspectives");

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("real sessions"), "{stderr}");
    assert!(stderr.contains("igf-2025 WS #461"), "{stderr}");
    assert_eq!(app.fingerprint().await, before, "nothing is written");
}

#[tokio::test]
async fn no_demo_person_shares_a_name_with_a_person_of_the_founding_proposal() {
    let founding = spawn_app().await;
    let data = founding
        .data(
            r#"{ session(event: "igf-2025", code: "WS #461") { roles { person { name } } } }"#,
            json!({}),
        )
        .await;
    let names: Vec<&str> = data["session"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["person"]["name"].as_str())
        .collect();
    assert!(names.len() >= 6, "{data}");

    let (demo, _) = demo_app(5, 3000, 0, demo::DEFAULT_SEED).await;
    let query = "query($n: String!) { people(filter: { name: $n }) { totalCount } }";
    for name in names {
        let found = demo.data(query, json!({ "n": name })).await;
        assert_eq!(
            count(&found, "people"),
            0,
            "{name} is among the demo people"
        );
    }
    // The same filter finds a generated name, so the zeros above mean something.
    let some = demo
        .data("{ people(first: 1) { nodes { name } } }", json!({}))
        .await;
    let generated = some["people"]["nodes"][0]["name"].as_str().unwrap();
    let found = demo.data(query, json!({ "n": generated })).await;
    assert!(count(&found, "people") >= 1);
}
