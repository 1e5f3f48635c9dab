//! Importing a changed proposal again.

use super::*;

/// `WS #500` with these speakers (name, group, region lines), duration and
/// questions.
fn ws500(title: &str, minutes: u32, speakers: &[&str], questions: &[&str]) -> String {
    let speakers: String = speakers
        .iter()
        .enumerate()
        .map(|(i, s)| format!("Speaker {}: {s}\n", i + 1))
        .collect();
    let questions: String = questions
        .iter()
        .enumerate()
        .map(|(i, q)| format!("{}. {q}\n", i + 1))
        .collect();
    format!(
        "IGF 2031 WS #500 {title}\n\
         Organizer 1: Civil Society, African Group\n\
         {speakers}\n\
         Format\n\
         Theater\n\
         Duration (minutes): {minutes}\n\
         \n\
         Policy Question(s)\n\
         {questions}\n\
         Description:\n\
         A fictional session on tidal power.\n"
    )
}

const ANNIKA: &str = "Annika Strand, Government, WEOG";
const BOLA: &str = "Bola Adeyemi, Civil Society, African Group";
const CHEN: &str = "Chen Yuting, Technical Community, Asia-Pacific Group";
const DARIO: &str = "Dario Mendes, Private Sector, GRULAC";
const Q1: &str = "Who owns the tides?";
const Q2: &str = "Who pays for the turbines?";
const Q3: &str = "Who decides where they go?";

const RECORD_POSITION: &str = r#"mutation($input: PositionInput!) {
    recordPosition(input: $input) { id } }"#;

/// A draft position recorded through the API.
async fn record_position(app: &TestApp, admin: &str, input: Value) {
    let mut input = input;
    input["stance"] = json!("complementary");
    input["summary"] = json!("The tides belong to everyone.");
    app.data_as(admin, RECORD_POSITION, json!({ "input": input }))
        .await;
}

#[tokio::test]
async fn importing_a_changed_proposal_again_updates_its_session_in_place() {
    let (app, admin) = arrange().await;
    let v1 = import_first_version_with_answers(&app, &admin).await;
    let audit_before = audit_count(&app, &admin).await;

    // A new title and length, Dario added, the first two questions swapped,
    // the third gone.
    let audit_after = second_version_updates_in_place(&app, &admin, &v1, audit_before).await;

    // Then Chen, who spoke, and Dario, who did not, are gone from the page.
    third_version_drops_who_is_gone_from_the_page(&app, &admin, &v1, audit_after).await;
}

/// WS #500 imported with three speakers and three questions; Chen speaks
/// in the session and someone answers the third question. Returns the
/// session as stored.
async fn import_first_version_with_answers(app: &TestApp, admin: &str) -> Value {
    import(
        app,
        admin,
        EVENT,
        &ws500(
            "Fictional Tidal Power",
            60,
            &[ANNIKA, BOLA, CHEN],
            &[Q1, Q2, Q3],
        ),
    )
    .await;
    let v1 = session(app, admin, EVENT, "WS #500").await;
    // Chen speaks in the session; someone answers the third question.
    record_position(
        app,
        admin,
        json!({ "session": v1["id"], "person": v1["roles"][3]["person"]["id"] }),
    )
    .await;
    record_position(
        app,
        admin,
        json!({ "session": v1["id"], "policyQuestion": v1["policyQuestions"][2]["id"] }),
    )
    .await;
    v1
}

/// The second version updates WS #500 in place; returns the audit count
/// after it.
async fn second_version_updates_in_place(
    app: &TestApp,
    admin: &str,
    v1: &Value,
    audit_before: i64,
) -> i64 {
    let v2_text = ws500(
        "Fictional Tidal Power Revisited",
        90,
        &[ANNIKA, BOLA, CHEN, DARIO],
        &[Q2, Q1],
    );
    let report = import(app, admin, EVENT, &v2_text).await;

    assert_eq!(report["outcome"], "UPDATED");
    assert_eq!(
        strings(&report["created"]),
        ["person Dario Mendes", "speaker 4"]
    );
    assert_eq!(
        strings(&report["updated"]),
        ["session WS #500", "policy question 1", "policy question 2"]
    );
    assert_eq!(strings(&report["removed"]), Vec::<String>::new());
    assert_eq!(
        strings(&report["kept"]),
        [format!("policy question \"{Q3}\": 1 positions answer it")]
    );
    let v2 = session(app, admin, EVENT, "WS #500").await;
    assert_eq!(v2["id"], v1["id"]);
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["title"], "Fictional Tidal Power Revisited");
    assert_eq!(v2["durationMinutes"], 90);
    assert_eq!(
        roles(&v2),
        [
            "ORGANIZER 1: -, civil-society as Civil Society, african as African Group",
            "SPEAKER 1: Annika Strand, government as Government, weog as WEOG",
            "SPEAKER 2: Bola Adeyemi, civil-society as Civil Society, african as African Group",
            "SPEAKER 3: Chen Yuting, technical-community as Technical Community, \
             asia-pacific as Asia-Pacific Group",
            "SPEAKER 4: Dario Mendes, private-sector as Private Sector, grulac as GRULAC",
        ]
    );
    assert_eq!(role_ids(&v2)[..4], role_ids(v1)[..]);
    // The questions keep their ids where they move; the answered one stays.
    assert_eq!(questions(&v2), [Q2, Q1, Q3]);
    let (old, new) = (question_ids(v1), question_ids(&v2));
    assert_eq!(new, [old[1].clone(), old[0].clone(), old[2].clone()]);
    let audit_after = audit_count(app, admin).await;
    assert_eq!(
        last_audit_entries(app, admin, audit_after - audit_before).await,
        [
            "update session",
            "create person",
            "create session role",
            "update policy question",
            "update policy question",
        ]
    );
    audit_after
}

/// The third version drops Chen (kept: positions refer to Chen) and Dario.
async fn third_version_drops_who_is_gone_from_the_page(
    app: &TestApp,
    admin: &str,
    v1: &Value,
    audit_after: i64,
) {
    let v3_text = ws500(
        "Fictional Tidal Power Revisited",
        90,
        &[ANNIKA, BOLA],
        &[Q2, Q1],
    );
    let report = import(app, admin, EVENT, &v3_text).await;

    assert_eq!(report["outcome"], "UPDATED");
    assert_eq!(strings(&report["removed"]), ["speaker 4"]);
    assert_eq!(
        strings(&report["kept"]),
        [
            "speaker 3: 1 positions refer to its person in this session".to_owned(),
            format!("policy question \"{Q3}\": 1 positions answer it"),
        ]
    );
    let v3 = session(app, admin, EVENT, "WS #500").await;
    assert_eq!(v3["id"], v1["id"]);
    assert_eq!(role_ids(&v3), role_ids(v1));
    assert_eq!(
        roles(&v3)[1..],
        [
            "SPEAKER 1: Annika Strand, government as Government, weog as WEOG",
            "SPEAKER 2: Bola Adeyemi, civil-society as Civil Society, african as African Group",
            "SPEAKER 3: Chen Yuting, technical-community as Technical Community, \
             asia-pacific as Asia-Pacific Group",
        ]
    );
    let audit_end = audit_count(app, admin).await;
    assert_eq!(
        last_audit_entries(app, admin, audit_end - audit_after).await,
        ["delete session role"]
    );
    let people = app
        .data(r#"{ people(first: 100) { totalCount } }"#, json!({}))
        .await;
    assert_eq!(people["people"]["totalCount"], 4, "nobody duplicated");
}

#[tokio::test]
async fn removing_a_speaker_from_the_middle_keeps_the_others_roles_and_the_one_positions_refer_to()
{
    let (app, admin) = arrange().await;
    import(
        &app,
        &admin,
        EVENT,
        &ws500("Fictional Tidal Power", 60, &[ANNIKA, BOLA, CHEN], &[Q1]),
    )
    .await;
    let v1 = session(&app, &admin, EVENT, "WS #500").await;
    // Bola speaks in the session.
    record_position(
        &app,
        &admin,
        json!({ "session": v1["id"], "person": v1["roles"][2]["person"]["id"] }),
    )
    .await;

    let report = import(
        &app,
        &admin,
        EVENT,
        &ws500("Fictional Tidal Power", 60, &[ANNIKA, CHEN], &[Q1]),
    )
    .await;

    let kept = strings(&report["kept"]);
    assert_eq!(kept.len(), 1, "Bola's role is kept and reported: {report}");
    assert!(kept[0].ends_with(": 1 positions refer to its person in this session"));
    assert_eq!(
        strings(&report["removed"]),
        Vec::<String>::new(),
        "{report}"
    );
    let v2 = session(&app, &admin, EVENT, "WS #500").await;
    let by_person = |s: &Value, name: &str| {
        s["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["role"] == "SPEAKER" && r["person"]["name"] == name)
            .map(|r| r["id"].clone())
    };
    assert_eq!(
        by_person(&v2, "Annika Strand"),
        by_person(&v1, "Annika Strand")
    );
    assert_eq!(by_person(&v2, "Chen Yuting"), by_person(&v1, "Chen Yuting"));
    assert_eq!(
        by_person(&v2, "Bola Adeyemi"),
        by_person(&v1, "Bola Adeyemi"),
        "Bola has a position in the session: the role is kept"
    );
}

#[tokio::test]
async fn a_re_import_that_only_changes_the_speakers_bumps_the_session_version() {
    let (app, admin) = arrange().await;
    import(
        &app,
        &admin,
        EVENT,
        &ws500("Fictional Tidal Power", 60, &[ANNIKA, BOLA], &[Q1]),
    )
    .await;

    let report = import(
        &app,
        &admin,
        EVENT,
        &ws500("Fictional Tidal Power", 60, &[ANNIKA, BOLA, CHEN], &[Q1]),
    )
    .await;

    assert_eq!(report["outcome"], "UPDATED");
    let s = session(&app, &admin, EVENT, "WS #500").await;
    assert_eq!(s["version"], 2);
}

#[tokio::test]
async fn a_question_that_positions_answer_is_not_rewritten_into_a_new_question() {
    let (app, admin) = arrange().await;
    import(
        &app,
        &admin,
        EVENT,
        &ws500("Fictional Tidal Power", 60, &[ANNIKA], &[Q1, Q2, Q3]),
    )
    .await;
    let v1 = session(&app, &admin, EVENT, "WS #500").await;
    record_position(
        &app,
        &admin,
        json!({ "session": v1["id"], "policyQuestion": v1["policyQuestions"][2]["id"] }),
    )
    .await;
    let q4 = "Who maintains the cables?";

    // The third question is replaced by another one.
    let report = import(
        &app,
        &admin,
        EVENT,
        &ws500("Fictional Tidal Power", 60, &[ANNIKA], &[Q1, Q2, q4]),
    )
    .await;

    assert_eq!(
        strings(&report["kept"]),
        [format!("policy question \"{Q3}\": 1 positions answer it")],
        "{report}"
    );
    let v2 = session(&app, &admin, EVENT, "WS #500").await;
    let answered = v2["policyQuestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == v1["policyQuestions"][2]["id"])
        .expect("the answered question is kept")
        .clone();
    assert_eq!(answered["text"], Q3);
}
