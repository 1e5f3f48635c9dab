//! Declared gender through an aggregate: panel balance shows those who may
//! not read genders a gender only where at least k people declared it
//! (`GENDER_MIN_COUNT`, 3 by default); smaller counts are merged into
//! "other or undisclosed" (`gender: null`), in the tallies and the score
//! alike. Admins, and organizers who may read every counted person's
//! gender, see them in full.

use entity::{person, session, session::SessionKind, session_role::RoleKind, user::UserRole};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use crate::helpers::*;

const BALANCE: &str = "query { session(event: \"nri-genders\", code: \"WS 1\") {
    balance { byGender { gender speakers organizers } criteria { name points note } advice } }
  events { code balance { byGender { gender speakers organizers } } } }";

/// A session whose speakers declared `genders` (`None`: nothing declared),
/// and its speakers.
async fn panel(app: &TestApp, genders: &[Option<&str>]) -> (session::Model, Vec<person::Model>) {
    let event = app.event("nri-genders", 2025).await;
    let s = app
        .session(&event, "WS 1", "Who speaks", SessionKind::Workshop, None)
        .await;
    let mut people = Vec::new();
    for (i, gender) in genders.iter().enumerate() {
        let p = app
            .person(
                &format!("Fictional Panelist {i}"),
                Some("civil-society"),
                Some("weog"),
            )
            .await;
        let p = person::ActiveModel {
            id: Set(p.id),
            gender: Set(gender.map(Into::into)),
            ..Default::default()
        }
        .update(app.db())
        .await
        .unwrap();
        app.role(
            &s,
            Some(&p),
            RoleKind::Speaker,
            i as i32 + 1,
            "civil-society",
            "weog",
        )
        .await;
        people.push(p);
    }
    (s, people)
}

fn by_gender(data: &Value) -> Value {
    data["session"]["balance"]["byGender"].clone()
}

fn event_by_gender(data: &Value) -> Value {
    data["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "nri-genders")
        .unwrap()["balance"]["byGender"]
        .clone()
}

#[tokio::test]
async fn one_declared_gender_is_not_revealed_to_the_public_by_the_balance() {
    let app = spawn_empty_app().await;
    panel(&app, &[Some("nonbinary"), None, None, None]).await;

    let public = app.data(BALANCE, json!({})).await;
    let analyst = app
        .data_as(&app.login_as(UserRole::Analyst).await, BALANCE, json!({}))
        .await;

    let merged = json!([{ "gender": null, "speakers": 4, "organizers": 0 }]);
    for seen in [&public, &analyst] {
        assert_eq!(by_gender(seen), merged);
        assert_eq!(event_by_gender(seen), merged);
        assert!(
            !seen.to_string().contains("nonbinary"),
            "nothing names the gender: {seen}"
        );
        let gender = seen["session"]["balance"]["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "gender")
            .unwrap()
            .clone();
        assert_eq!(gender["points"], Value::Null, "{gender}");
        assert!(
            gender["note"]
                .as_str()
                .unwrap()
                .contains("fewer than 3 people"),
            "{gender}"
        );
    }
}

#[tokio::test]
async fn genders_that_k_people_declared_are_shown_and_smaller_ones_merged() {
    let app = spawn_empty_app().await;
    let (s, _) = panel(
        &app,
        &[
            Some("woman"),
            Some("Woman"),
            Some("woman "),
            Some("man"),
            Some("man"),
            None,
        ],
    )
    .await;

    let public = app.data(BALANCE, json!({})).await;
    let admin = app
        .data_as(&app.login_as(UserRole::Admin).await, BALANCE, json!({}))
        .await;
    let organizer = app
        .data_as(&app.organizer_of(&s).await, BALANCE, json!({}))
        .await;

    assert_eq!(
        by_gender(&public),
        json!([
            { "gender": "woman", "speakers": 3, "organizers": 0 },
            { "gender": null, "speakers": 3, "organizers": 0 },
        ])
    );
    let full = json!([
        { "gender": "woman", "speakers": 3, "organizers": 0 },
        { "gender": "man", "speakers": 2, "organizers": 0 },
        { "gender": null, "speakers": 1, "organizers": 0 },
    ]);
    assert_eq!(by_gender(&admin), full);
    // The organizer may read every panelist's gender (they hold roles in
    // this session only), so sees the same.
    assert_eq!(by_gender(&organizer), full);
}

#[tokio::test]
async fn an_organizer_who_may_not_read_a_panelists_gender_sees_the_public_counts() {
    let app = spawn_empty_app().await;
    let (s, people) = panel(&app, &[Some("man"), None, None]).await;
    // The panelist who declared a gender also speaks in another
    // organizer's session.
    let event = app.event("nri-elsewhere", 2025).await;
    let elsewhere = app
        .session(&event, "WS 9", "Elsewhere", SessionKind::Workshop, None)
        .await;
    app.role(
        &elsewhere,
        Some(&people[0]),
        RoleKind::Speaker,
        1,
        "civil-society",
        "weog",
    )
    .await;

    let organizer = app
        .data_as(&app.organizer_of(&s).await, BALANCE, json!({}))
        .await;

    assert_eq!(
        by_gender(&organizer),
        json!([{ "gender": null, "speakers": 3, "organizers": 0 }])
    );
}

#[tokio::test]
async fn the_threshold_is_a_setting() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.gender_min_count = 1;
    })
    .await;
    panel(&app, &[Some("nonbinary"), None]).await;

    let public = app.data(BALANCE, json!({})).await;

    assert_eq!(
        by_gender(&public),
        json!([
            { "gender": "nonbinary", "speakers": 1, "organizers": 0 },
            { "gender": null, "speakers": 1, "organizers": 0 },
        ])
    );
}

#[tokio::test]
async fn the_session_report_hides_what_the_balance_hides() {
    let app = spawn_empty_app().await;
    panel(&app, &[Some("nonbinary"), Some("nonbinary"), None, None]).await;
    let report = "{ sessionReport(event: \"nri-genders\", code: \"WS 1\") }";

    let public = app.data(report, json!({})).await["sessionReport"]
        .as_str()
        .unwrap()
        .to_owned();
    let admin = app
        .data_as(&app.login_as(UserRole::Admin).await, report, json!({}))
        .await["sessionReport"]
        .as_str()
        .unwrap()
        .to_owned();

    assert!(
        admin.contains("2 of 4 speakers declared a gender"),
        "{admin}"
    );
    assert!(!public.contains("declared a gender"), "{public}");
    assert!(
        public.contains("no gender that at least 3 people declared"),
        "{public}"
    );
}

#[tokio::test]
async fn a_reduced_view_says_the_same_whether_or_not_anyone_declared() {
    let app = spawn_empty_app().await;
    panel(&app, &[Some("nonbinary"), None, None]).await;
    let one_declared = app.data(BALANCE, json!({})).await["session"]["balance"].clone();
    let app = spawn_empty_app().await;
    panel(&app, &[None, None, None]).await;
    let none_declared = app.data(BALANCE, json!({})).await["session"]["balance"].clone();

    assert_eq!(one_declared, none_declared);
}
