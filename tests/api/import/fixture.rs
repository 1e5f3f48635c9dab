//! The founding fixture, imported into a new event and imported again.

use super::*;

#[tokio::test]
async fn the_fixture_imported_into_a_new_event_is_stored_as_the_seeded_ws_461() {
    let seeded = spawn_app().await;
    let seeded_admin = seeded.login_as(UserRole::Admin).await;
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, FIXTURE).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(report["code"], "WS #461");
    assert_eq!(
        report["title"],
        "Exploring Enhanced Cooperation Within the IG Ecosystem"
    );
    assert_eq!(strings(&report["warnings"]), Vec::<String>::new());
    let stored = session(&app, &admin, EVENT, "WS #461").await;
    let original = session(&seeded, &seeded_admin, "igf-2025", "WS #461").await;
    assert_eq!(without_ids(&stored), without_ids(&original));
    assert_eq!(stored["kind"], "WORKSHOP");
    assert_eq!(stored["format"], "THEATER");
    assert_eq!(stored["durationMinutes"], 90);
    assert_eq!(stored["version"], 1);
    let (weog, eeg) = (
        "weog as Western European and Others Group (WEOG)",
        "eastern-european as Eastern European Group",
    );
    assert_eq!(
        roles(&stored),
        [
            format!("ORGANIZER 1: -, civil-society as Civil Society, {eeg}"),
            "ORGANIZER 2: -, civil-society as Civil Society, asia-pacific as Asia-Pacific Group"
                .to_owned(),
            format!("SPEAKER 1: Janis Karklins, government as Government, {eeg}"),
            format!("SPEAKER 2: Peter Major, government as Government, {eeg}"),
            format!("SPEAKER 3: Markus Kummer, civil-society as Civil Society, {weog}"),
            format!("SPEAKER 4: Bertrand de La Chapelle, civil-society as Civil Society, {weog}"),
            format!(
                "SPEAKER 5: Desiree Miloshevic, technical-community as Technical Community, {eeg}"
            ),
            format!(
                "SPEAKER 6: Disspain Chris, technical-community as Technical Community, {weog}"
            ),
        ]
    );
    assert_eq!(
        questions(&stored),
        [
            "What have been the key challenges faced by enhanced cooperation as a follow-up \
             process related to Internet governance?",
            "Are there mechanisms on regional and global levels - within intergovernmental \
             organizations and within Internet governance related organizations - that can \
             facilitate enhanced cooperation rather than creating an independent process?",
            "Does enhanced cooperation remain a standing commitment - or can we consider that \
             the progress made so far is sufficient and shift the focus on multistakeholder \
             policy dialogue platforms like the IGF?",
            "What frameworks and modalities do you foresee for enhanced cooperation?",
            "Can the IGF and enhanced cooperation co-exist?",
        ]
    );
    assert_eq!(
        strings(&stored["participantGains"]),
        [
            "Gain a foundational understanding on enhanced cooperation, its history and its \
             process.",
            "Insights into past activities related to enhanced cooperation and the key reasons \
             behind it.",
            "Exposure to diverse stakeholder perspectives of enhanced cooperation.",
            "Ability to understand why some views support it and who finds it important and who \
             find it less relevant and for what reasons.",
            "Opportunity to interact directly with the panelists who were involved in the \
             enhanced cooperation process.",
            "Ability to critically assess and develop their own informed perspective on enhanced \
             cooperation by the end of the workshop.",
        ]
    );
    assert_eq!(
        stored["formatDescription"],
        fixture_line_after("Format description:")
    );
    assert_eq!(
        stored["description"],
        fixture_paragraph_after("Description:")
    );
    assert_eq!(
        stored["expectedOutcomes"],
        fixture_paragraph_after("Expected Outcomes")
    );
    assert_eq!(stored["hybridFormat"], fixture_line_after("Hybrid Format:"));
    assert_eq!(sections(&stored), Vec::<(String, String)>::new());
    assert_eq!(
        (&stored["startsAt"], &stored["endsAt"], &stored["room"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
}

#[tokio::test]
async fn importing_the_fixture_again_changes_nothing_and_writes_no_audit_entry() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, FIXTURE).await;
    let audit_before = audit_count(&app, &admin).await;
    let before = app.fingerprint().await;

    let again = import(&app, &admin, EVENT, FIXTURE).await;

    assert_eq!(again["outcome"], "UNCHANGED");
    for list in ["created", "updated", "removed", "kept", "warnings"] {
        assert_eq!(strings(&again[list]), Vec::<String>::new(), "{list}");
    }
    assert_eq!(again["session"]["version"], 1);
    assert_eq!(audit_count(&app, &admin).await, audit_before);
    assert_eq!(app.fingerprint().await, before);
}
