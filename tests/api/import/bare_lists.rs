//! People listed under a bare `Speakers` or `Organizers` heading, with no
//! `Speaker N:` before them, as networking sessions, lightning talks and
//! other templates list them: each becomes a role, in order, with the
//! group and region only where the page gives them, the affiliation as
//! written otherwise, and page furniture taken off.

use super::*;

const NETWORKING_2024: &str = include_str!("../proposals/ns2024-bare-speakers.txt");
const LIGHTNING_2023: &str = include_str!("../proposals/lt2023-bare-speakers.txt");

#[tokio::test]
async fn a_networking_session_lists_its_people_under_bare_headings() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, NETWORKING_2024).await;

    let stored = session(&app, &admin, EVENT, "Networking Session #88").await;
    assert_eq!(
        roles(&stored),
        [
            "ORGANIZER 1: Ines Fictional, civil-society as Civil Society, -",
            "ORGANIZER 2: Tomas Imaginary, -, weog as Western European and Others Group (WEOG)",
            "SPEAKER 1: Ada Mirembe, civil-society as Civil Society, african as African Group",
            "SPEAKER 2: Jonas Falk, government as Government, weog as WEOG",
            "SPEAKER 3: Lea Sample, private-sector as Private Sector, asia-pacific as Asia-Pacific Group",
            "SPEAKER 4: Mira Placeholder, -, -",
            "SPEAKER 5: Ravi Invented, -, -",
            // `[online, moderator]`: the speaker moderates too.
            "MODERATOR 1: Ravi Invented, -, -",
        ]
    );
    assert_eq!(
        affiliations(&stored),
        [
            "Ines Fictional: Example Water Trust",
            "Tomas Imaginary: Example Ministry of Rivers",
            "Ada Mirembe: Example University",
            "Jonas Falk: Example Ministry",
            "Lea Sample: Example Telecom",
            // The lock mark is page furniture; the country is kept as
            // written, never taken for a region.
            "Mira Placeholder: Example Lab, KENYA",
            // A job title and an employer, never a group and a region.
            "Ravi Invented: Senior Adviser, Example Institute",
            "Ravi Invented: Senior Adviser, Example Institute",
        ]
    );
    // The tags are data now: how each takes part, and the part a tag names.
    assert_eq!(
        participations(&stored),
        ["-", "-", "-", "-", "-", "ONSITE", "ONLINE", "ONLINE"]
    );
    let warnings = strings(&report["warnings"]);
    assert!(
        !warnings.iter().any(|w| w.contains("[onsite]")),
        "a tag read as data is no warning: {warnings:?}"
    );
    assert_eq!(sections(&stored), Vec::<(String, String)>::new());
    assert_eq!(stored["room"], "Room 7");
}

#[tokio::test]
async fn a_lightning_talk_lists_its_speakers_under_a_heading_with_a_colon() {
    let (app, admin) = arrange().await;

    import(&app, &admin, EVENT, LIGHTNING_2023).await;

    let stored = session(&app, &admin, EVENT, "Lightning Talk #41").await;
    assert_eq!(
        roles(&stored),
        [
            "SPEAKER 1: Noor Fictive, civil-society as Civil Society, eastern-european as Eastern European Group",
            "SPEAKER 2: Piet Imagined, private-sector as Private Sector, -",
        ]
    );
    assert_eq!(stored["format"], "THEATER");
    assert_eq!(stored["durationMinutes"], 30);
}

#[tokio::test]
async fn importing_a_bare_list_again_changes_nothing_and_keeps_every_id() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, NETWORKING_2024).await;
    let first = session(&app, &admin, EVENT, "Networking Session #88").await;

    let again = import(&app, &admin, EVENT, NETWORKING_2024).await;

    let second = session(&app, &admin, EVENT, "Networking Session #88").await;
    assert_eq!(role_ids(&second), role_ids(&first));
    assert_eq!(second["version"], first["version"]);
    assert_eq!(strings(&again["created"]), Vec::<String>::new());
    assert_eq!(strings(&again["updated"]), Vec::<String>::new());
}

#[tokio::test]
async fn the_report_counts_roles_by_kind_roles_lacking_a_group_or_region_extra_text_and_warnings() {
    let (app, admin) = arrange().await;
    let counted = "mutation($text: String!) { importProposal(event: \"igf-2031\", text: $text) {
        warnings counts { organizers speakers moderators onlineModerators rapporteurs
            rolesWithoutGroupOrRegion extraTextLines warnings } } }";

    let networking = app
        .data_as(&admin, counted, json!({ "text": NETWORKING_2024 }))
        .await["importProposal"]
        .clone();
    let nobody = app
        .data_as(
            &admin,
            counted,
            json!({ "text": "IGF 2031 Networking Session #9 Fictional Empty Room\n\n\
                Speakers\n\nTo be announced.\n\nDescription:\nA fictional session.\n" }),
        )
        .await["importProposal"]
        .clone();

    let warnings = networking["warnings"].as_array().unwrap().len();
    assert_eq!(
        networking["counts"],
        json!({ "organizers": 2, "speakers": 5, "moderators": 1, "onlineModerators": 0,
            "rapporteurs": 0, "rolesWithoutGroupOrRegion": 5, "extraTextLines": 0,
            "warnings": warnings })
    );
    // A session that came in with no speakers says so at a glance, and the
    // line under its bare heading is kept as extra text.
    assert_eq!(nobody["counts"]["speakers"], 0, "{nobody}");
    assert_eq!(nobody["counts"]["extraTextLines"], 1, "{nobody}");
}
