use entity::{
    session::{SessionFormat, SessionKind},
    session_role::RoleKind,
};
use serde_json::json;

use crate::helpers::*;

const DONE_WHEN: &str = r#"{ session(event: "igf-2025", code: "WS #461") {
    title roles { role person { name } stakeholderGroup { name } region { name } }
    policyQuestions { text } } }"#;

#[tokio::test]
async fn a_fresh_server_serves_the_founding_session_with_its_panel_and_questions() {
    let app = spawn_app().await;

    let data = app.data(DONE_WHEN, json!({})).await;

    let session = &data["session"];
    assert_eq!(
        session["title"],
        "Exploring Enhanced Cooperation Within the IG Ecosystem"
    );
    let roles = session["roles"].as_array().unwrap();
    let organizers: Vec<_> = roles.iter().filter(|r| r["role"] == "ORGANIZER").collect();
    assert_eq!(organizers.len(), 2);
    assert!(
        organizers.iter().all(|o| o["person"].is_null()),
        "organizers are anonymous"
    );
    assert_eq!(organizers[0]["stakeholderGroup"]["name"], "Civil Society");
    assert_eq!(organizers[0]["region"]["name"], "Eastern European Group");
    assert_eq!(organizers[1]["region"]["name"], "Asia-Pacific Group");
    let speakers: Vec<(String, String, String)> = roles
        .iter()
        .filter(|r| r["role"] == "SPEAKER")
        .map(|r| {
            (
                r["person"]["name"].as_str().unwrap().to_owned(),
                r["stakeholderGroup"]["name"].as_str().unwrap().to_owned(),
                r["region"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let weog = "Western European and Others Group (WEOG)";
    let eeg = "Eastern European Group";
    let expected = [
        ("Janis Karklins", "Government", eeg),
        ("Peter Major", "Government", eeg),
        ("Markus Kummer", "Civil Society", weog),
        ("Bertrand de La Chapelle", "Civil Society", weog),
        ("Desiree Miloshevic", "Technical Community", eeg),
        ("Disspain Chris", "Technical Community", weog),
    ];
    assert_eq!(speakers.len(), 6);
    for (got, want) in speakers.iter().zip(expected) {
        assert_eq!((got.0.as_str(), got.1.as_str(), got.2.as_str()), want);
    }
    let questions: Vec<&str> = session["policyQuestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert_eq!(questions.len(), 5);
    assert!(questions[0].starts_with("What have been the key challenges"));
    assert_eq!(
        questions[4],
        "Can the IGF and enhanced cooperation co-exist?"
    );
}

#[tokio::test]
async fn the_founding_session_keeps_every_section_of_its_proposal() {
    let app = spawn_app().await;

    let data = app
        .data(
            r#"{ session(event: "igf-2025", code: "WS #461") {
                code kind format durationMinutes formatDescription description
                expectedOutcomes hybridFormat participantGains extraSections { heading body }
                event { code year name }
                roles { order regionAsWritten stakeholderGroupAsWritten } } }"#,
            json!({}),
        )
        .await;

    let s = &data["session"];
    assert_eq!(s["code"], "WS #461");
    assert_eq!(s["kind"], "WORKSHOP");
    assert_eq!(s["format"], "THEATER");
    assert_eq!(s["durationMinutes"], 90);
    assert!(
        s["formatDescription"]
            .as_str()
            .unwrap()
            .starts_with("The Workshop will be conducted")
    );
    assert!(
        s["description"]
            .as_str()
            .unwrap()
            .starts_with("The Tunis Agenda introduced")
    );
    assert!(
        s["expectedOutcomes"]
            .as_str()
            .unwrap()
            .starts_with("The workshop will produce a report")
    );
    assert!(
        s["hybridFormat"]
            .as_str()
            .unwrap()
            .starts_with("We will depend on the host")
    );
    let gains = s["participantGains"].as_array().unwrap();
    assert_eq!(gains.len(), 6);
    assert!(
        gains[0]
            .as_str()
            .unwrap()
            .starts_with("Gain a foundational understanding")
    );
    assert_eq!(
        s["event"],
        json!({ "code": "igf-2025", "year": 2025, "name": "IGF 2025" })
    );
    let roles = s["roles"].as_array().unwrap();
    assert_eq!(
        roles[2]["order"], 1,
        "speakers are numbered as in the proposal"
    );
    assert_eq!(
        roles[4]["regionAsWritten"],
        "Western European and Others Group (WEOG)"
    );
    assert_eq!(roles[0]["stakeholderGroupAsWritten"], "Civil Society");
}

#[tokio::test]
async fn an_unknown_session_or_event_is_null() {
    let app = spawn_app().await;

    let data = app
        .data(
            r#"{ a: session(event: "igf-2025", code: "WS #1") { title }
                 b: session(event: "igf-1999", code: "WS #461") { title } }"#,
            json!({}),
        )
        .await;

    assert!(data["a"].is_null());
    assert!(data["b"].is_null());
}

#[tokio::test]
async fn the_server_loads_the_founding_proposal_only_once() {
    let app = spawn_app().await;

    // Opening the same database again, as a restart does, adds nothing.
    let config = (*app.state.config).clone();
    igf_perspectives::state::AppState::open(config)
        .await
        .unwrap();

    let data = app
        .data(
            "{ sessions { totalCount } people { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["sessions"]["totalCount"], 1);
    assert_eq!(data["people"]["totalCount"], 6);
}

async fn arrange_sessions(app: &TestApp) {
    let a = app.event("nri-alpha", 2024).await;
    let b = app.event("nri-beta", 2025).await;
    let s1 = app
        .session(
            &a,
            "WS #1",
            "Digital cooperation in practice",
            SessionKind::Workshop,
            Some(SessionFormat::Roundtable),
        )
        .await;
    let s2 = app
        .session(
            &a,
            "OF #2",
            "Open forum on data governance",
            SessionKind::OpenForum,
            Some(SessionFormat::Theater),
        )
        .await;
    let s3 = app
        .session(
            &b,
            "WS #3",
            "Cooperation beyond the forum",
            SessionKind::Workshop,
            Some(SessionFormat::Theater),
        )
        .await;
    let p = app
        .person("Ada Fictional", Some("private-sector"), Some("african"))
        .await;
    let q = app
        .person("Bo Imaginary", Some("government"), Some("grulac"))
        .await;
    app.role(
        &s1,
        Some(&p),
        RoleKind::Speaker,
        1,
        "private-sector",
        "african",
    )
    .await;
    app.role(&s2, Some(&q), RoleKind::Speaker, 1, "government", "grulac")
        .await;
    // An organizer's group and region do not make a session match speaker filters.
    app.role(
        &s3,
        None,
        RoleKind::Organizer,
        1,
        "private-sector",
        "african",
    )
    .await;
}

async fn codes(app: &TestApp, filter: serde_json::Value) -> Vec<String> {
    let data = app
        .data(
            "query($f: SessionFilterInput) { sessions(filter: $f) { totalCount edges { node { code } } } }",
            json!({ "f": filter }),
        )
        .await;
    let codes: Vec<String> = data["sessions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(data["sessions"]["totalCount"], codes.len());
    codes
}

#[tokio::test]
async fn sessions_filter_by_event_kind_and_format() {
    let app = spawn_empty_app().await;
    arrange_sessions(&app).await;

    assert_eq!(
        codes(&app, json!({ "event": "nri-alpha" })).await,
        ["OF #2", "WS #1"]
    );
    assert_eq!(
        codes(&app, json!({ "kind": "WORKSHOP" })).await,
        ["WS #1", "WS #3"]
    );
    assert_eq!(
        codes(&app, json!({ "format": "THEATER" })).await,
        ["OF #2", "WS #3"]
    );
    assert_eq!(
        codes(&app, json!({ "event": "nri-beta", "format": "ROUNDTABLE" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn sessions_filter_by_the_group_or_region_of_any_speaker() {
    let app = spawn_empty_app().await;
    arrange_sessions(&app).await;

    assert_eq!(
        codes(&app, json!({ "speakerStakeholderGroup": "private-sector" })).await,
        ["WS #1"]
    );
    assert_eq!(
        codes(&app, json!({ "speakerRegion": "grulac" })).await,
        ["OF #2"]
    );
    assert_eq!(
        codes(&app, json!({ "speakerRegion": "weog" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn sessions_filter_by_words_in_the_title_in_any_case() {
    let app = spawn_empty_app().await;
    arrange_sessions(&app).await;

    assert_eq!(
        codes(&app, json!({ "titleContains": "COOPERATION" })).await,
        ["WS #1", "WS #3"]
    );
    assert_eq!(
        codes(&app, json!({ "titleContains": "cooperation forum" })).await,
        ["WS #3"]
    );
    assert_eq!(
        codes(&app, json!({ "titleContains": "100%" })).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn sessions_refuse_unknown_codes_in_filters() {
    let app = spawn_empty_app().await;

    for (filter, named) in [
        (json!({ "event": "nri-nowhere" }), "nri-nowhere"),
        (json!({ "speakerRegion": "atlantis" }), "atlantis"),
        (json!({ "speakerStakeholderGroup": "pirates" }), "pirates"),
    ] {
        let body = app
            .gql(
                "query($f: SessionFilterInput) { sessions(filter: $f) { totalCount } }",
                json!({ "f": filter }),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(named),
            "{body}"
        );
    }
}
