//! `sessionReport` and `igf-perspectives report`.

use entity::{
    policy_question, position::ParticipationMode, session::SessionKind, session_role::RoleKind,
};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::json;

use crate::helpers::{NewPosition, error_code, spawn_app, spawn_empty_app};

const REPORT: &str = "query($e: String!, $c: String!) { sessionReport(event: $e, code: $c) }";

#[tokio::test]
async fn the_ws_461_report_lists_the_panel_questions_and_balance() {
    let app = spawn_app().await;
    let md = app
        .data(REPORT, json!({ "e": "igf-2025", "c": "WS #461" }))
        .await["sessionReport"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        md.starts_with("# WS #461: Exploring Enhanced Cooperation Within the IG Ecosystem\n"),
        "{md}"
    );
    for heading in [
        "## Organizers and speakers",
        "## Panelists' interventions by policy question",
        "## Participants' perspectives",
        "## Stance summary",
        "## Panel balance",
    ] {
        assert!(md.contains(&format!("\n{heading}\n")), "{heading} in {md}");
    }
    assert!(md.contains("- Speaker: Peter Major (Government, Eastern European Group)"));
    let first = md.find("### 1. What have been the key challenges").unwrap();
    let fifth = md
        .find("### 5. Can the IGF and enhanced cooperation co-exist?")
        .unwrap();
    assert!(first < fifth);
    assert!(
        md.contains("Score: **58 / 100** (6 speakers, 2 organizers)."),
        "{md}"
    );
    assert!(md.contains("- Add a Private Sector speaker."));
    // No position is recorded for the real panel.
    assert!(md.contains("_No published position yet._"));
}

#[tokio::test]
async fn interventions_go_under_their_question_and_participants_by_group_region_and_mode() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-report", 2024).await;
    let session = app
        .session(
            &event,
            "WS #7",
            "A fictional panel",
            SessionKind::Workshop,
            None,
        )
        .await;
    let q1 = policy_question::ActiveModel {
        session_id: Set(session.id),
        position: Set(1),
        text: Set("Is the commitment still standing?".into()),
        version: Set(1),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let panelist = app
        .person("Ada Fictional", Some("government"), Some("african"))
        .await;
    app.role(
        &session,
        Some(&panelist),
        RoleKind::Speaker,
        1,
        "government",
        "african",
    )
    .await;
    let answer = app
        .position(NewPosition {
            stance: "ongoing-commitment",
            summary: "The commitment stands | as written.",
            session: Some(&session),
            person: Some(&panelist),
            group: Some("government"),
            region: Some("african"),
            mode: Some(ParticipationMode::Onsite),
            ..Default::default()
        })
        .await;
    let mut active = answer.into_active_model();
    active.policy_question_id = Set(Some(q1.id));
    active.quote = Set(Some("We stand by it.".into()));
    active.update(app.db()).await.unwrap();
    for (mode, stance, summary) in [
        (
            ParticipationMode::Onsite,
            "complementary",
            "Both tracks help.",
        ),
        (
            ParticipationMode::Online,
            "concluded",
            "Move on to dialogue.",
        ),
    ] {
        app.position(NewPosition {
            stance,
            summary,
            session: Some(&session),
            group: Some("civil-society"),
            region: Some("grulac"),
            mode: Some(mode),
            ..Default::default()
        })
        .await;
    }
    app.position(NewPosition {
        stance: "new-mechanism",
        summary: "A draft nobody may read.",
        session: Some(&session),
        published: false,
        ..Default::default()
    })
    .await;

    let md = app
        .data(REPORT, json!({ "e": "nri-report", "c": "WS #7" }))
        .await["sessionReport"]
        .as_str()
        .unwrap()
        .to_owned();
    let question = md.find("### 1. Is the commitment still standing?").unwrap();
    let intervention = md
        .find("- **Ada Fictional** (Government, African Group; onsite): _Ongoing commitment_. The commitment stands \\| as written.")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(question < intervention);
    assert!(md.contains("  > “We stand by it.”"));
    assert!(
        md.contains("| Civil Society | Latin American and Caribbean Group (GRULAC) | 1 | 1 | 0 |"),
        "{md}"
    );
    let onsite = md.find("Onsite:\n\n- _IGF and EC complement each other_. Both tracks help.");
    let online = md
        .find("Online:\n\n- _Concluded; shift")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(onsite.is_some_and(|on| on < online), "{md}");
    assert!(!md.contains("A draft nobody may read."));
    assert!(md.contains("| All |"), "{md}");
    assert!(md.contains("| 1 | 0 | 1 | 33 % |"), "{md}");
}

#[tokio::test]
async fn an_unknown_session_or_event_is_refused() {
    let app = spawn_app().await;
    let body = app
        .gql(REPORT, json!({ "e": "igf-2025", "c": "WS #0" }))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let body = app
        .gql(REPORT, json!({ "e": "igf-1850", "c": "WS #461" }))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
}

#[tokio::test]
async fn the_command_line_prints_the_same_report() {
    let app = spawn_app().await;
    let md = app
        .data(REPORT, json!({ "e": "igf-2025", "c": "WS #461" }))
        .await["sessionReport"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(["report", "--event", "igf-2025", "--code", "WS #461"])
        .arg("--database-url")
        .arg(&app.state.config.db.database_url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), md);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(["report", "--event", "igf-2025", "--code", "WS #0"])
        .arg("--database-url")
        .arg(&app.state.config.db.database_url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no session `WS #0` in event `igf-2025`")
    );
}
