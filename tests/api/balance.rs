//! Panel balance of a session and of an event.

use entity::{session::SessionKind, session_role::RoleKind, user::UserRole};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

use crate::helpers::{spawn_app, spawn_empty_app};

const BALANCE: &str = "
  speakers organizers score advice
  byStakeholderGroup { stakeholderGroup { code } speakers organizers }
  byRegion { region { code } speakers organizers }
  byGender { gender speakers organizers }
  missingStakeholderGroups { code }
  missingRegions { code }
  criteria { name points maxPoints note }
";

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_owned())
        .collect()
}

fn speakers_by(list: &Value, field: &str) -> Vec<(String, i64)> {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|t| t["speakers"].as_i64().unwrap() > 0)
        .map(|t| {
            (
                t[field]["code"].as_str().unwrap_or("-").to_owned(),
                t["speakers"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn ws_461_has_speakers_from_two_regions_and_none_from_the_private_sector() {
    let app = spawn_app().await;
    let b = app
        .data(
            &format!(
                r#"{{ session(event: "igf-2025", code: "WS #461") {{ balance {{ {BALANCE} }} }} }}"#
            ),
            json!({}),
        )
        .await["session"]["balance"]
        .clone();
    assert_eq!(b["speakers"], 6);
    assert_eq!(b["organizers"], 2);
    assert_eq!(
        speakers_by(&b["byRegion"], "region"),
        [("eastern-european".to_owned(), 3), ("weog".to_owned(), 3)]
    );
    assert_eq!(
        speakers_by(&b["byStakeholderGroup"], "stakeholderGroup"),
        [
            ("government".to_owned(), 2),
            ("civil-society".to_owned(), 2),
            ("technical-community".to_owned(), 2)
        ]
    );
    let missing = codes(&b["missingStakeholderGroups"]);
    assert!(missing.contains(&"private-sector".to_owned()), "{b}");
    assert!(!missing.contains(&"government".to_owned()));
    let mut regions = codes(&b["missingRegions"]);
    regions.sort();
    assert_eq!(
        regions,
        [
            "african",
            "asia-pacific",
            "grulac",
            "intergovernmental-organization"
        ]
    );
    // Organizers are counted apart: two civil society organizers.
    let cs = b["byStakeholderGroup"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["stakeholderGroup"]["code"] == "civil-society")
        .unwrap();
    assert_eq!(cs["organizers"], 2);
    // 3 of 4 groups (30 of 40) and 2 of 5 regions (16 of 40); no declared
    // gender, so that criterion is left out: 46 / 80.
    assert_eq!(b["score"], 58, "{b}");
    let gender = b["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "gender")
        .unwrap();
    assert_eq!(gender["points"], Value::Null);
    let advice: Vec<&str> = b["advice"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        advice.contains(&"Add a Private Sector speaker."),
        "{advice:?}"
    );
    assert!(
        advice
            .iter()
            .any(|a| a.starts_with("All speakers come from 2 regions")),
        "{advice:?}"
    );
}

#[tokio::test]
async fn declared_genders_are_counted_and_scored_and_events_add_their_sessions_up() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-balance", 2024).await;
    let s1 = app
        .session(&event, "WS #1", "One", SessionKind::Workshop, None)
        .await;
    let s2 = app
        .session(&event, "WS #2", "Two", SessionKind::Workshop, None)
        .await;
    let genders = [Some("Woman"), Some("woman "), Some("man"), None];
    let places = [
        ("government", "african"),
        ("private-sector", "grulac"),
        ("civil-society", "asia-pacific"),
        ("technical-community", "weog"),
    ];
    for (i, (gender, (group, region))) in genders.iter().zip(places).enumerate() {
        let person = app
            .person(&format!("Fictional Speaker {i}"), Some(group), Some(region))
            .await;
        let mut active = person.clone().into_active_model();
        active.gender = Set(gender.map(Into::into));
        let person = active.update(app.db()).await.unwrap();
        app.role(
            &s1,
            Some(&person),
            RoleKind::Speaker,
            i as i32 + 1,
            group,
            region,
        )
        .await;
    }
    let other = app.person("Fictional Organizer", None, None).await;
    app.role(
        &s2,
        Some(&other),
        RoleKind::Organizer,
        1,
        "civil-society",
        "weog",
    )
    .await;
    app.role(
        &s2,
        None,
        RoleKind::Speaker,
        1,
        "civil-society",
        "eastern-european",
    )
    .await;

    // As an admin, who sees declared genders in full (see `genders.rs` for
    // what everyone else sees).
    let admin = app.login_as(UserRole::Admin).await;
    let data = app
        .data_as(
            &admin,
            &format!(
                r#"{{ session(event: "nri-balance", code: "WS #1") {{ balance {{ {BALANCE} }} }}
                     events {{ code balance {{ {BALANCE} }} }} }}"#
            ),
            json!({}),
        )
        .await;
    let b = &data["session"]["balance"];
    assert_eq!(b["speakers"], 4);
    assert_eq!(
        b["byGender"],
        json!([
            { "gender": "woman", "speakers": 2, "organizers": 0 },
            { "gender": "man", "speakers": 1, "organizers": 0 },
            { "gender": null, "speakers": 1, "organizers": 0 },
        ])
    );
    // Four of four groups (40), four of five regions (32), largest declared
    // gender 2 of 3 (20 * (1/3) / 0.5 = 13.33): 85.33 of 100.
    assert_eq!(b["score"], 85, "{b}");
    assert_eq!(
        codes(&b["missingRegions"]),
        ["eastern-european", "intergovernmental-organization"]
    );

    let e = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "nri-balance")
        .unwrap()["balance"]
        .clone();
    assert_eq!(e["speakers"], 5);
    assert_eq!(e["organizers"], 1);
    assert_eq!(
        codes(&e["missingRegions"]),
        ["intergovernmental-organization"]
    );
    assert_eq!(
        e["byGender"].as_array().unwrap().last().unwrap(),
        &json!({ "gender": null, "speakers": 2, "organizers": 1 })
    );
}

#[tokio::test]
async fn a_session_without_speakers_scores_zero_and_says_so() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-empty", 2024).await;
    app.session(&event, "WS #9", "Nobody yet", SessionKind::Workshop, None)
        .await;
    let b = app
        .data(
            r#"{ session(event: "nri-empty", code: "WS #9") { balance { speakers score advice missingRegions { code } } } }"#,
            json!({}),
        )
        .await["session"]["balance"]
        .clone();
    assert_eq!(b["speakers"], 0);
    assert_eq!(b["score"], 0);
    assert_eq!(b["advice"], json!(["No speaker is listed yet."]));
    assert_eq!(b["missingRegions"].as_array().unwrap().len(), 6);
}
