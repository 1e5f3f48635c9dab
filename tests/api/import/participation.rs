//! Roles say how their person takes part (onsite or online) and the
//! affiliation declared for the session; `sessionRoles` finds roles across
//! sessions by event, kind, participation and a missing group or region,
//! and `Session.roles` takes the same filters.

use super::*;

const FURNITURE_2023: &str = include_str!("../proposals/ws2023-furniture.txt");
const BARE_2024: &str = include_str!("../proposals/ns2024-bare-speakers.txt");

const ROLES: &str = r#"query($filter: RoleFilterInput, $first: Int) {
    sessionRoles(filter: $filter, first: $first) {
        totalCount
        nodes { role order participation affiliation person { name } session { code } } } }"#;

/// `CODE KIND N name (participation)` of each role on the page.
fn listed(data: &Value) -> Vec<String> {
    data["sessionRoles"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} ({})",
                r["session"]["code"].as_str().unwrap(),
                r["role"].as_str().unwrap(),
                r["order"],
                or_dash(&r["person"]["name"]),
                or_dash(&r["participation"]),
            )
        })
        .collect()
}

#[tokio::test]
async fn roles_are_found_across_sessions_by_participation_and_by_a_missing_group_or_region() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, FURNITURE_2023).await;
    import(&app, &admin, EVENT, BARE_2024).await;

    let onsite = app
        .data(
            ROLES,
            json!({ "filter": { "event": EVENT, "participation": "ONSITE" } }),
        )
        .await;
    assert_eq!(
        listed(&onsite),
        [
            "WS #318 SPEAKER 2 Jonas Falk (ONSITE)",
            "Networking Session #88 SPEAKER 4 Mira Placeholder (ONSITE)",
        ]
    );
    let online_moderators = app
        .data(
            ROLES,
            json!({ "filter": { "role": "MODERATOR", "participation": "ONLINE" } }),
        )
        .await;
    assert_eq!(
        listed(&online_moderators),
        ["Networking Session #88 MODERATOR 1 Ravi Invented (ONLINE)"],
        "`[online, moderator]` makes the speaker a moderator too"
    );

    let lacking = app
        .data(
            ROLES,
            json!({ "filter": { "event": EVENT, "withoutGroupOrRegion": true }, "first": 3 }),
        )
        .await;
    assert_eq!(lacking["sessionRoles"]["totalCount"], 6, "{lacking}");
    assert_eq!(
        listed(&lacking),
        [
            "WS #318 ORGANIZER 1 Ines Fictional (-)",
            "Networking Session #88 ORGANIZER 1 Ines Fictional (-)",
            "Networking Session #88 ORGANIZER 2 Tomas Imaginary (-)",
        ]
    );
    let complete = app
        .data(
            ROLES,
            json!({ "filter": { "event": EVENT, "withoutGroupOrRegion": false } }),
        )
        .await;
    assert_eq!(complete["sessionRoles"]["totalCount"], 6, "{complete}");

    let session = app
        .data(
            r#"{ session(event: "igf-2031", code: "WS #318") {
                online: roles(participation: ONLINE) { person { name } affiliation }
                lacking: roles(withoutGroupOrRegion: true) { person { name } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        session["session"]["online"],
        json!([{ "person": { "name": "Lea Sample" }, "affiliation": "Example Telecom" }])
    );
    assert_eq!(
        session["session"]["lacking"],
        json!([{ "person": { "name": "Ines Fictional" } }])
    );

    let unknown = app
        .gql(ROLES, json!({ "filter": { "event": "igf-1999" } }))
        .await;
    assert_eq!(
        unknown["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{unknown}"
    );
}

#[tokio::test]
async fn an_editor_sets_participation_and_affiliation_on_a_role() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, FURNITURE_2023).await;
    let stored = session(&app, &admin, EVENT, "WS #318").await;

    let added = app
        .data_as(
            &admin,
            r#"mutation($s: ID!) { addSessionRole(session: $s, input: {
                role: RAPPORTEUR, stakeholderGroup: "civil-society", region: "african",
                affiliation: " Example Harbour Office ", participation: ONLINE }) {
                role order participation affiliation } }"#,
            json!({ "s": stored["id"] }),
        )
        .await;
    assert_eq!(
        added["addSessionRole"],
        json!({ "role": "RAPPORTEUR", "order": 1, "participation": "ONLINE",
                "affiliation": "Example Harbour Office" })
    );

    // Importing the page again puts the page's roles back and leaves the
    // hand-added role alone only if the page lists it: it does not, so it
    // goes, as any role the page no longer lists.
    let again = import(&app, &admin, EVENT, FURNITURE_2023).await;
    assert_eq!(strings(&again["removed"]), ["rapporteur 1"], "{again}");
}

const MAIN_2024: &str = include_str!("../proposals/ms2024-participation.txt");

const ONSITE: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) { balance { onsite {
        speakersOnsite speakersOnline speakersNotRecorded
        moderatorsOnsite moderatorsOnline moderatorsNotRecorded meetsRule note } } } }"#;

#[tokio::test]
async fn panel_balance_and_the_report_say_who_is_in_the_room_by_the_configured_onsite_rule() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, MAIN_2024).await;
    let read = json!({ "event": EVENT, "code": "Main Session #4" });

    // IGF's rule by default: the moderator and two speakers onsite.
    let data = app.data(ONSITE, read.clone()).await;
    assert_eq!(
        data["session"]["balance"]["onsite"],
        json!({ "speakersOnsite": 2, "speakersOnline": 1, "speakersNotRecorded": 1,
            "moderatorsOnsite": 1, "moderatorsOnline": 0, "moderatorsNotRecorded": 0,
            "meetsRule": true,
            "note": "IGF asks for the moderator and at least 2 speakers onsite: met; \
                a moderator is onsite, 2 of 4 speakers are onsite (1 not recorded)." })
    );
    let report = app
        .data(
            "query($event: String!, $code: String!) { sessionReport(event: $event, code: $code) }",
            read.clone(),
        )
        .await["sessionReport"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        report.contains(
            "- Speaker: Jonas Falk (Government, Western European and Others Group (WEOG); online)"
        ),
        "{report}"
    );
    assert!(
        report
            .contains("- Onsite: IGF asks for the moderator and at least 2 speakers onsite: met;"),
        "{report}"
    );

    // A stricter rule, set for the server, is not met and says so.
    let strict = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.onsite_min_speakers = 4;
    })
    .await;
    let admin = strict.login_as(UserRole::Admin).await;
    import(&strict, &admin, EVENT, MAIN_2024).await;
    let data = strict.data(ONSITE, read).await;
    let onsite = &data["session"]["balance"]["onsite"];
    assert_eq!(onsite["meetsRule"], false, "{onsite}");
    let events = strict
        .data(
            r#"{ events { balance { onsite { speakersOnsite meetsRule note } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        events["events"][0]["balance"]["onsite"],
        json!({ "speakersOnsite": 2, "meetsRule": null, "note": null }),
        "an event's sessions together meet no session's rule"
    );
}
