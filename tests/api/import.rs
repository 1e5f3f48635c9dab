//! The proposal importer (issue 4): `importProposal` and the `import`
//! command store what IGF pages say, in the layouts of 2022–2025 and as
//! messily as they are copied, with canonical regions and groups beside the
//! text as written; they update a session in place when it comes again,
//! and refuse broken input without writing anything.
//!
//! Every person in these proposals is fictional, except the speakers of the
//! founding WS #461 fixture.

use std::path::Path;

use entity::user::UserRole;
use igf_perspectives::graphql::ids;
use serde_json::{Value, json};

use crate::helpers::*;

const FIXTURE: &str = include_str!("../../fixtures/igf2025-ws461-proposal.txt");
const OPEN_FORUM_2023: &str = include_str!("proposals/of2023-open-forum.txt");
const DYNAMIC_COALITION_2022: &str = include_str!("proposals/dc2022-dynamic-coalition.txt");
const ROUND_TABLE_2022: &str = include_str!("proposals/ws2022-round-table.txt");
const NRI_2024: &str = include_str!("proposals/nri2024-session.txt");
const TOWN_HALL_2024: &str = include_str!("proposals/th2024-lost-labels.txt");
const REGIONS_AND_GROUPS: &str = include_str!("proposals/ws2024-regions-and-groups.txt");
const NAMES: &str = include_str!("proposals/ws2024-names.txt");
const EXTRA_SECTIONS: &str = include_str!("proposals/ws2023-extra-sections.txt");
const REPAIR_CAFES: &str = include_str!("proposals/ws2025-repair-cafes.txt");

/// The event most tests import into; no test database holds it before.
const EVENT: &str = "igf-2031";

const IMPORT: &str = r#"mutation($event: String!, $text: String!, $dryRun: Boolean!) {
    importProposal(event: $event, text: $text, dryRun: $dryRun) {
        code title outcome session { id version } created updated removed kept warnings } }"#;

const SESSION: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) {
        id code kind title format durationMinutes formatDescription description
        expectedOutcomes hybridFormat participantGains extraSections { heading body }
        startsAt endsAt room version
        roles { id role order person { id name affiliation }
            stakeholderGroup { code } stakeholderGroupAsWritten
            region { code } regionAsWritten }
        policyQuestions { id order text } } }"#;

const REVIEW_QUEUE: &str = r#"query($filter: ReviewFilter) {
    reviewQueue(filter: $filter, first: 100) {
        totalCount
        nodes { id version kind status text occurrences session { code } people { name } } } }"#;

const EVENTS: &str = "{ events { code name year kind } }";

const AUDIT_COUNT: &str = "{ auditLog(last: 1) { totalCount } }";

const LAST_AUDIT_ENTRIES: &str = r#"query($n: Int!) {
    auditLog(last: $n) { nodes { action entityType } } }"#;

// ---- Helpers: import, read back, and say what was stored in one line.

/// Import `text` into `event` as `token`; the import must succeed.
async fn import(app: &TestApp, token: &str, event: &str, text: &str) -> Value {
    let data = app
        .data_as(
            token,
            IMPORT,
            json!({ "event": event, "text": text, "dryRun": false }),
        )
        .await;
    data["importProposal"].clone()
}

/// A dry run of the same import.
async fn dry_run(app: &TestApp, token: &str, event: &str, text: &str) -> Value {
    let data = app
        .data_as(
            token,
            IMPORT,
            json!({ "event": event, "text": text, "dryRun": true }),
        )
        .await;
    data["importProposal"].clone()
}

/// An import that must be refused: the response body.
async fn refused(app: &TestApp, token: &str, event: &str, text: &str) -> Value {
    let (status, body) = app
        .gql_as(
            token,
            IMPORT,
            json!({ "event": event, "text": text, "dryRun": false }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["data"].is_null(), "the import was not refused: {body}");
    body
}

/// The stored session `code` of `event`, with its roles and questions.
async fn session(app: &TestApp, token: &str, event: &str, code: &str) -> Value {
    let data = app
        .data_as(token, SESSION, json!({ "event": event, "code": code }))
        .await;
    assert!(!data["session"].is_null(), "no session {code} in {event}");
    data["session"].clone()
}

/// A value, or `-` for null.
fn or_dash(value: &Value) -> String {
    value.as_str().unwrap_or("-").to_owned()
}

/// A declared group or region: `code as written`, `- as written` when it
/// maps to nothing, `-` when there is none.
fn declared(canonical: &Value, written: &Value) -> String {
    match written.as_str() {
        Some(written) => format!("{} as {written}", or_dash(&canonical["code"])),
        None => or_dash(&canonical["code"]),
    }
}

/// Each role in one line, in the order the API gives them:
/// `SPEAKER 2: Name, group-code as Written, region-code as Written`.
fn roles(session: &Value) -> Vec<String> {
    session["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| {
            format!(
                "{} {}: {}, {}, {}",
                r["role"].as_str().unwrap(),
                r["order"],
                or_dash(&r["person"]["name"]),
                declared(&r["stakeholderGroup"], &r["stakeholderGroupAsWritten"]),
                declared(&r["region"], &r["regionAsWritten"]),
            )
        })
        .collect()
}

/// The policy questions' texts, in their order.
fn questions(session: &Value) -> Vec<String> {
    let list = session["policyQuestions"].as_array().expect("questions");
    for (i, q) in list.iter().enumerate() {
        assert_eq!(q["order"], i + 1, "questions are numbered from 1: {list:?}");
    }
    list.iter()
        .map(|q| q["text"].as_str().unwrap().to_owned())
        .collect()
}

/// A list of strings in a response.
fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// `[{ heading, body }]` as pairs.
fn sections(session: &Value) -> Vec<(String, String)> {
    session["extraSections"]
        .as_array()
        .expect("extraSections")
        .iter()
        .map(|s| {
            (
                s["heading"].as_str().unwrap().to_owned(),
                s["body"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The global ID of every role, in order.
fn role_ids(session: &Value) -> Vec<String> {
    session["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The global ID of every policy question, in order.
fn question_ids(session: &Value) -> Vec<String> {
    session["policyQuestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The session as stored, without anything that names one database's rows
/// (ids): two databases holding the same proposal compare equal.
fn without_ids(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "id")
                .map(|(k, v)| (k.clone(), without_ids(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_ids).collect()),
        other => other.clone(),
    }
}

/// The database id behind a global ID.
fn db_id(global: &Value) -> i64 {
    let id = async_graphql::ID::from(global.as_str().expect("an ID"));
    ids::decode(&id).expect("an ID this API issued").1
}

async fn audit_count(app: &TestApp, admin: &str) -> i64 {
    let data = app.data_as(admin, AUDIT_COUNT, json!({})).await;
    data["auditLog"]["totalCount"].as_i64().unwrap()
}

/// `action entityType` of the last `n` audit entries, oldest first.
async fn last_audit_entries(app: &TestApp, admin: &str, n: i64) -> Vec<String> {
    let data = app
        .data_as(admin, LAST_AUDIT_ENTRIES, json!({ "n": n }))
        .await;
    data["auditLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["action"].as_str().unwrap(),
                e["entityType"].as_str().unwrap()
            )
        })
        .collect()
}

async fn review_queue(app: &TestApp, admin: &str, filter: Value) -> Value {
    let data = app
        .data_as(admin, REVIEW_QUEUE, json!({ "filter": filter }))
        .await;
    data["reviewQueue"].clone()
}

async fn event_codes(app: &TestApp) -> Vec<String> {
    let data = app.data(EVENTS, json!({})).await;
    data["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_owned())
        .collect()
}

/// A server with reference data only, and an admin's token.
async fn arrange() -> (TestApp, String) {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    (app, admin)
}

/// The paragraph after a heading line of the fixture, trimmed.
fn fixture_paragraph_after(heading: &str) -> String {
    let mut lines = FIXTURE.lines().map(str::trim);
    lines.find(|l| *l == heading).expect("heading in fixture");
    lines.find(|l| !l.is_empty()).expect("paragraph").to_owned()
}

/// The text after `prefix` on a line of the fixture.
fn fixture_line_after(prefix: &str) -> String {
    FIXTURE
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix(prefix))
        .expect("line in fixture")
        .trim()
        .to_owned()
}

// ---- 1. The founding fixture.

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

// ---- 2. The layouts IGF has used, and messy text.

#[tokio::test]
async fn a_2023_open_forum_stores_its_schedule_room_role_blocks_topics_and_sdgs() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, OPEN_FORUM_2023).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["created"]),
        [
            "session Open Forum #31",
            "person Oriane Vasseur",
            "person Tendai Mwale",
            "person Haruki Satomura",
            "organizer 1",
            "organizer 2",
            "speaker 1",
            "speaker 2",
            "speaker 3",
            "moderator 1",
            "online moderator 1",
            "rapporteur 1",
            "policy question 1",
            "policy question 2",
        ]
    );
    assert_eq!(strings(&report["warnings"]), Vec::<String>::new());
    let s = session(&app, &admin, EVENT, "Open Forum #31").await;
    assert_eq!(s["kind"], "OPEN_FORUM");
    assert_eq!(s["title"], "Fictional Futures for Community Networks");
    assert_eq!(s["startsAt"], "2023-10-12T01:45:00.000000Z");
    assert_eq!(s["endsAt"], "2023-10-12T03:15:00.000000Z");
    assert_eq!(s["room"], "WS 6 – Room E");
    assert_eq!(s["format"], "THEATER");
    assert_eq!(s["durationMinutes"], 90);
    let weog = "weog as Western European and Others Group (WEOG)";
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Oriane Vasseur, -, -".to_owned(),
            "ORGANIZER 2: Tendai Mwale, -, -".to_owned(),
            format!("SPEAKER 1: Oriane Vasseur, government as Government, {weog}"),
            "SPEAKER 2: Tendai Mwale, civil-society as Civil Society, african as African Group"
                .to_owned(),
            "SPEAKER 3: Haruki Satomura, private-sector as Private Sector, \
             asia-pacific as Asia-Pacific Group"
                .to_owned(),
            format!("MODERATOR 1: Oriane Vasseur, government as Government, {weog}"),
            "ONLINE_MODERATOR 1: Haruki Satomura, -, -".to_owned(),
            "RAPPORTEUR 1: Tendai Mwale, -, -".to_owned(),
        ]
    );
    // The same person in several roles is one person.
    let person_of = |i: usize| s["roles"][i]["person"]["id"].clone();
    assert_eq!(person_of(0), person_of(2));
    assert_eq!(person_of(0), person_of(5));
    assert_eq!(
        s["roles"][0]["person"]["affiliation"],
        "Ministry of Fictional Affairs"
    );
    assert_eq!(s["roles"][4]["person"]["affiliation"], "Example Telecom");
    assert_eq!(
        questions(&s),
        [
            "How can community networks be sustained?",
            "Who should fund the last mile?"
        ]
    );
    assert_eq!(
        strings(&s["participantGains"]),
        [
            "Practical models for community networks.",
            "Contacts with operators."
        ]
    );
    assert_eq!(
        s["description"],
        "An open forum on fictional community networks."
    );
    assert_eq!(
        s["expectedOutcomes"],
        "A short report with recommendations."
    );
    assert_eq!(
        s["hybridFormat"],
        "Online participants speak through the platform."
    );
    assert_eq!(s["formatDescription"], Value::Null);
    assert_eq!(
        sections(&s),
        [
            (
                "Topics".to_owned(),
                "Community Networks\nDigital Inclusion".to_owned()
            ),
            ("SDGs".to_owned(), "9.1\n10.2".to_owned()),
            (
                "Additional Speakers".to_owned(),
                "Further speakers from the Example Youth Network will be confirmed.".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn a_2022_dynamic_coalition_page_stores_its_role_blocks_sdgs_and_additional_speakers() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, DYNAMIC_COALITION_2022).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        ["line 1: no Policy Question(s) section"]
    );
    let s = session(&app, &admin, EVENT, "DC #7").await;
    assert_eq!(s["kind"], "DYNAMIC_COALITION");
    assert_eq!(s["title"], "Dynamic Coalition on Fictional Accessibility");
    assert_eq!(s["startsAt"], "2022-11-30T09:00:00.000000Z");
    assert_eq!(s["endsAt"], "2022-11-30T10:30:00.000000Z");
    assert_eq!(s["room"], "Caucus Room 4");
    assert_eq!(s["format"], "CLASSROOM");
    assert_eq!(s["durationMinutes"], 60);
    let weog = "weog as Western European and Others Group (WEOG)";
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Maelle Brunvoll, -, -".to_owned(),
            "ORGANIZER 2: Kwame Adjei-Larsen, -, -".to_owned(),
            format!("SPEAKER 1: Maelle Brunvoll, civil-society as Civil Society, {weog}"),
            "SPEAKER 2: Kwame Adjei-Larsen, technical-community as Technical Community, \
             african as African Group"
                .to_owned(),
            format!("MODERATOR 1: Maelle Brunvoll, civil-society as Civil Society, {weog}"),
            "ONLINE_MODERATOR 1: Kwame Adjei-Larsen, -, -".to_owned(),
            "RAPPORTEUR 1: Maelle Brunvoll, -, -".to_owned(),
        ]
    );
    assert_eq!(
        s["roles"][0]["person"]["affiliation"],
        "Fictional Accessibility Institute"
    );
    assert_eq!(questions(&s), Vec::<String>::new());
    assert_eq!(
        s["description"],
        "The coalition will present its yearly report on accessible platforms."
    );
    assert_eq!(
        sections(&s),
        [
            ("SDGs".to_owned(), "4.5\n10.2".to_owned()),
            (
                "Additional Speakers".to_owned(),
                "Two members of the coalition will join remotely.".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn a_round_table_layout_line_gives_the_format_and_the_length() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, ROUND_TABLE_2022).await;

    assert_eq!(strings(&report["warnings"]), Vec::<String>::new());
    let s = session(&app, &admin, EVENT, "WS #218").await;
    assert_eq!(s["kind"], "WORKSHOP");
    assert_eq!(s["title"], "Fictional Data Commons for Cities");
    assert_eq!(s["format"], "ROUNDTABLE");
    assert_eq!(s["durationMinutes"], 90);
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Lucia Ferreyra, -, -",
            "SPEAKER 1: Lucia Ferreyra, civil-society as Civil Society, \
             grulac as Latin American and Caribbean Group (GRULAC)",
            "SPEAKER 2: Piotr Zawadzki, government as Government, \
             eastern-european as Eastern European Group",
        ]
    );
    assert_eq!(s["roles"][0]["person"]["affiliation"], "Example Civic Lab");
    // One paragraph of two questions is two questions.
    assert_eq!(
        questions(&s),
        [
            "How can cities share data fairly?",
            "Who governs a data commons?"
        ]
    );
    assert_eq!(sections(&s), Vec::<(String, String)>::new());
}

#[tokio::test]
async fn an_nri_session_without_a_number_is_found_again_by_its_kind_and_title() {
    let (app, admin) = arrange().await;

    let first = import(&app, &admin, EVENT, NRI_2024).await;
    let again = import(&app, &admin, EVENT, NRI_2024).await;

    let code = "NRI Session: Fictional Youth IGFs Together";
    assert_eq!(first["code"], code);
    assert_eq!(first["outcome"], "CREATED");
    assert_eq!(again["code"], code);
    assert_eq!(again["outcome"], "UNCHANGED");
    let s = session(&app, &admin, EVENT, code).await;
    assert_eq!(s["kind"], "NRI_SESSION");
    assert_eq!(s["title"], "Fictional Youth IGFs Together");
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: -, civil-society as Civil Society, \
             grulac as Latin American and Caribbean Group (GRULAC)",
            "SPEAKER 1: Valentina Orozco, civil-society as Civil Society, grulac as GRULAC",
            "SPEAKER 2: Emeka Obi, technical-community as Technical Community, \
             african as African Group",
        ]
    );
    assert_eq!(
        s["description"],
        "National and regional youth initiatives compare notes."
    );
}

#[tokio::test]
async fn a_town_hall_whose_role_labels_were_lost_takes_the_bare_names_in_order() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, TOWN_HALL_2024).await;

    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 10: 3 name line(s) after the speakers have no label; taken as Moderator, \
             Online Moderator, Rapporteur in that order",
            "line 1: no Policy Question(s) section",
        ]
    );
    let s = session(&app, &admin, EVENT, "Town Hall #12").await;
    assert_eq!(s["kind"], "TOWN_HALL");
    assert_eq!(s["title"], "Fictional Town Hall on Rural Access");
    assert_eq!(s["startsAt"], "2024-12-17T10:00:00.000000Z");
    assert_eq!(s["endsAt"], "2024-12-17T11:00:00.000000Z");
    assert_eq!(s["room"], "Workshop Room 3");
    assert_eq!(s["format"], "CLASSROOM");
    assert_eq!(s["durationMinutes"], 60);
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Noor Haddadin, -, -",
            "SPEAKER 1: Noor Haddadin, civil-society as Civil Society, \
             intergovernmental-organization as Intergovernmental Organization",
            "SPEAKER 2: Tomasz Wierzba, technical-community as Technical Community, \
             eastern-european as Eastern European Group",
            "MODERATOR 1: Noor Haddadin, -, -",
            "ONLINE_MODERATOR 1: Tomasz Wierzba, -, -",
            "RAPPORTEUR 1: Noor Haddadin, -, -",
        ]
    );
    assert_eq!(sections(&s), Vec::<(String, String)>::new());
}

/// `ws2025-repair-cafes.txt` as a page copied badly: a Byte Order Mark,
/// CRLF line ends, tabs, odd indentation, spaces before commas and a
/// speaker line rendered twice.
const REPAIR_CAFES_MESSY: &str = concat!(
    "\u{feff}IGF 2025 WS #150   Fictional Repair Cafés Online\r\n",
    "\r\n",
    "\t\tOrganizer 1:\tCivil Society, African Group\r\n",
    "\r\n",
    "  Speaker 1: Wanjiru Kamau-Holt , Civil Society ,  African Group \r\n",
    "\t Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)\r\n",
    "\t Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)\r\n",
    "   \r\n",
    "Format\r\n",
    "\r\n",
    "        Roundtable\t\r\n",
    "Duration (minutes):\t60\r\n",
    "\r\n",
    "      Policy Question(s)\r\n",
    "\r\n",
    "\t1)\tWho repairs the devices of the future?\r\n",
    "\t2)\tWhat should manufacturers publish?\r\n",
    "\r\n",
    "Description:\r\n",
    "\r\n",
    "\t   A workshop on fictional   repair cafés.\r\n",
);

#[tokio::test]
async fn messy_text_is_stored_exactly_as_its_clean_version() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, REPAIR_CAFES).await;

    let report = import(&app, &admin, "igf-2032", REPAIR_CAFES_MESSY).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        ["line 7: repeats Speaker 2 from line 6; counted once"]
    );
    let messy = session(&app, &admin, "igf-2032", "WS #150").await;
    let clean = session(&app, &admin, EVENT, "WS #150").await;
    assert_eq!(without_ids(&messy), without_ids(&clean));
    assert_eq!(messy["title"], "Fictional Repair Cafés Online");
    assert_eq!(messy["format"], "ROUNDTABLE");
    assert_eq!(messy["durationMinutes"], 60);
    assert_eq!(
        roles(&messy),
        [
            "ORGANIZER 1: -, civil-society as Civil Society, african as African Group",
            "SPEAKER 1: Wanjiru Kamau-Holt, civil-society as Civil Society, \
             african as African Group",
            "SPEAKER 2: Bjarne Solberg, private-sector as Private Sector, \
             weog as Western European and Others Group (WEOG)",
        ]
    );
    assert_eq!(
        questions(&messy),
        [
            "Who repairs the devices of the future?",
            "What should manufacturers publish?"
        ]
    );
    assert_eq!(
        messy["description"],
        "A workshop on fictional repair cafés."
    );
    // The two events share their people: one per name.
    assert_eq!(messy["roles"][1]["person"], clean["roles"][1]["person"]);
}

#[tokio::test]
async fn regions_and_groups_written_in_other_ways_map_to_the_canonical_ones() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, REGIONS_AND_GROUPS).await;

    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 1: no Organizer lines",
            "line 1: no Policy Question(s) section"
        ]
    );
    let s = session(&app, &admin, EVENT, "WS #120").await;
    assert_eq!(
        roles(&s),
        [
            "SPEAKER 1: Aino Virtanen, civil-society as Civil society, weog as WEOG",
            "SPEAKER 2: Rafael Quintero, \
             intergovernmental-organization as International Organization, \
             weog as (Western European and other States)",
            "SPEAKER 3: Mei-Lin Kaoru, government as Government, asia-pacific as Asia-Pacific",
            "SPEAKER 4: Idris Benali, \
             intergovernmental-organization as Intergovernmental Organisation, \
             intergovernmental-organization as Intergovernmental Organization",
        ]
    );
    let queue = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(queue["totalCount"], 0, "everything mapped: {queue}");
}

#[tokio::test]
async fn names_in_capitals_with_titles_and_non_ascii_letters_are_stored_as_written() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, NAMES).await;

    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #121",
            "person AMARA NWOSU-LINDQVIST",
            "person Dr. Søren Ødegård",
            "person Zoë Ñúñez-Łukasik",
            "speaker 1",
            "speaker 2",
            "speaker 3",
        ]
    );
    let s = session(&app, &admin, EVENT, "WS #121").await;
    assert_eq!(
        roles(&s),
        [
            "SPEAKER 1: AMARA NWOSU-LINDQVIST, government as Government, \
             african as African Group",
            "SPEAKER 2: Dr. Søren Ødegård, technical-community as Technical Community, \
             weog as Western European and Others Group (WEOG)",
            "SPEAKER 3: Zoë Ñúñez-Łukasik, civil-society as Civil Society, \
             eastern-european as Eastern European Group",
        ]
    );
    assert_eq!(s["roles"][1]["person"]["affiliation"], "Example University");
}

#[tokio::test]
async fn a_page_cut_off_mid_word_imports_what_is_there_and_warns_about_the_rest() {
    let (app, admin) = arrange().await;
    // No final line break: the copy stopped in the middle of a word.
    let cut = "IGF 2023 WS #140 Fictional Page That Stops\n\
               Organizer 1: Civil Society, African Group\n\
               Speaker 1: Jomo Kariuki, Government, African Group\n\
               \n\
               Description:\n\
               The session will exam";

    let report = import(&app, &admin, EVENT, cut).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 1: no Policy Question(s) section",
            "line 6: the text stops mid-sentence in the Description section (\"The session \
             will exam\"); the page seems cut off; missing: Format, Policy Question(s), \
             Expected Outcomes",
        ]
    );
    let s = session(&app, &admin, EVENT, "WS #140").await;
    assert_eq!(s["title"], "Fictional Page That Stops");
    assert_eq!(s["description"], "The session will exam");
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: -, civil-society as Civil Society, african as African Group",
            "SPEAKER 1: Jomo Kariuki, government as Government, african as African Group",
        ]
    );
    assert_eq!(
        (&s["format"], &s["expectedOutcomes"]),
        (&Value::Null, &Value::Null)
    );
}

#[tokio::test]
async fn sections_the_importer_does_not_know_are_kept_in_extra_sections() {
    let (app, admin) = arrange().await;

    import(&app, &admin, EVENT, EXTRA_SECTIONS).await;

    let s = session(&app, &admin, EVENT, "WS #130").await;
    assert_eq!(
        sections(&s),
        [
            (
                "Key Takeaways".to_owned(),
                "Takeaways are kept as written.".to_owned()
            ),
            (
                "Online Participation".to_owned(),
                "Remote participants join through the fictional platform.".to_owned()
            ),
        ]
    );
    assert_eq!(s["description"], "The session looks at unplanned sections.");
    assert_eq!(s["expectedOutcomes"], "A list of sections nobody planned.");
    assert_eq!(
        roles(&s),
        ["SPEAKER 1: Ilse Vandamme, private-sector as Private Sector, weog as WEOG"]
    );
}

#[tokio::test]
async fn every_session_kind_of_the_header_is_stored_with_its_code() {
    let (app, admin) = arrange().await;
    let headers = [
        (
            "IGF 2022 Lightning Talk #7 Fictional Mesh Radios",
            "LIGHTNING_TALK",
            "Lightning Talk #7",
        ),
        (
            "IGF 2024 Launch/Award Event #5 Fictional Open Data Prize",
            "LAUNCH_AWARD",
            "Launch/Award Event #5",
        ),
        (
            "IGF 2023 Networking Session #50 Fictional Librarians Meet",
            "NETWORKING",
            "Networking Session #50",
        ),
        (
            "IGF 2023 Day 0 Event #10 Fictional Repair Day",
            "DAY_ZERO",
            "Day 0 Event #10",
        ),
        (
            "IGF 2025 Open Forum #12 Fictional Ministries Online",
            "OPEN_FORUM",
            "Open Forum #12",
        ),
        (
            "IGF 2022 Dynamic Coalition #3 Fictional Coalition Report",
            "DYNAMIC_COALITION",
            "Dynamic Coalition #3",
        ),
        (
            "IGF 2023 NRIs Collaborative Session: Fictional Regional Voices",
            "NRI_SESSION",
            "NRIs Collaborative Session: Fictional Regional Voices",
        ),
        (
            "IGF 2024 Town Hall Fictional Village Networks",
            "TOWN_HALL",
            "Town Hall: Fictional Village Networks",
        ),
    ];

    for (header, _, _) in headers {
        let text = format!("{header}\nSpeaker 1: Ada Mirembe, Civil Society, African Group\n");
        import(&app, &admin, EVENT, &text).await;
    }

    for (header, kind, code) in headers {
        let s = session(&app, &admin, EVENT, code).await;
        assert_eq!(s["kind"], kind, "{header}");
        assert!(header.ends_with(s["title"].as_str().unwrap()), "{header}");
        assert!(s["title"].as_str().unwrap().starts_with("Fictional"));
    }
    let data = app
        .data(
            r#"{ sessions(filter: { event: "igf-2031" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["sessions"]["totalCount"], headers.len());
}

#[tokio::test]
async fn policy_questions_in_every_list_form_are_split_into_single_questions() {
    let (app, admin) = arrange().await;
    let forms = [
        "1- Who builds it?\n2- Who pays for it?\n3- Who keeps it running - and how?",
        "1) Who builds it?\n2) Who pays for it?\n3) Who keeps it running - and how?",
        "A. Who builds it?\nB. Who pays for it?\nC. Who keeps it running - and how?",
        "● Who builds it?\n● Who pays for it?\n● Who keeps it running - and how?",
        "* Who builds it?\n* Who pays for it?\n* Who keeps it running - and how?",
        "- Who builds it?\n- Who pays for it?\n- Who keeps it running - and how?",
        "Who builds it?\nWho pays for it?\nWho keeps it running - and how?",
        "Who builds it? Who pays for it? Who keeps it running - and how?",
    ];

    for (i, form) in forms.iter().enumerate() {
        let text = format!(
            "IGF 2025 WS #{} Fictional Bridges\nSpeaker 1: Ada Mirembe, Civil Society, African Group\n\
             \nPolicy Question(s)\n\n{form}\n\nDescription:\nA session on bridges.\n",
            301 + i
        );
        import(&app, &admin, EVENT, &text).await;
    }

    for (i, form) in forms.iter().enumerate() {
        let s = session(&app, &admin, EVENT, &format!("WS #{}", 301 + i)).await;
        assert_eq!(
            questions(&s),
            [
                "Who builds it?",
                "Who pays for it?",
                "Who keeps it running - and how?"
            ],
            "{form}"
        );
    }
}

// ---- 3. Canonical values, raw values kept, and the review queue.

/// A proposal whose one speaker declares `region`.
pub(crate) fn with_region(number: u32, speaker: &str, region: &str) -> String {
    format!(
        "IGF 2031 WS #{number} Fictional Northern Perspectives {number}\n\
         Organizer 1: Civil Society, African Group\n\
         Speaker 1: {speaker}, Civil Society, {region}\n\
         \n\
         Policy Question(s)\n\
         Who speaks for the north?\n\
         \n\
         Description:\n\
         A fictional session.\n"
    )
}

#[tokio::test]
async fn a_region_that_maps_to_nothing_is_kept_as_written_warned_about_and_queued() {
    let (app, admin) = arrange().await;

    let report = import(
        &app,
        &admin,
        EVENT,
        &with_region(401, "Hollis Tremblay", "North America"),
    )
    .await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        ["region `North America` maps to none known; kept as written and queued for review"]
    );
    let s = session(&app, &admin, EVENT, "WS #401").await;
    assert_eq!(
        roles(&s)[1],
        "SPEAKER 1: Hollis Tremblay, civil-society as Civil Society, - as North America"
    );
    assert!(s["roles"][1]["region"].is_null());
    let queue = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(queue["totalCount"], 1);
    let item = &queue["nodes"][0];
    assert_eq!(item["kind"], "REGION");
    assert_eq!(item["status"], "OPEN");
    assert_eq!(item["text"], "North America");
    assert_eq!(item["occurrences"], 1);
    assert_eq!(item["session"]["code"], "WS #401");
}

const RESOLVE: &str = r#"mutation($id: ID!, $version: Int!, $code: String) {
    resolveReviewItem(id: $id, version: $version, code: $code) { status occurrences } }"#;

#[tokio::test]
async fn resolving_an_unmapped_region_maps_every_role_with_that_text_and_later_imports() {
    let (app, admin) = arrange().await;
    import(
        &app,
        &admin,
        EVENT,
        &with_region(401, "Hollis Tremblay", "North America"),
    )
    .await;
    import(
        &app,
        &admin,
        EVENT,
        &with_region(402, "Dakota Whitford", "North America"),
    )
    .await;
    let queue = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(queue["totalCount"], 1, "one item for one text: {queue}");
    let item = queue["nodes"][0].clone();
    assert_eq!(item["occurrences"], 2);
    assert_eq!(item["session"]["code"], "WS #402");

    let resolved = app
        .data_as(
            &admin,
            RESOLVE,
            json!({ "id": item["id"], "version": item["version"], "code": "weog" }),
        )
        .await;

    assert_eq!(resolved["resolveReviewItem"]["status"], "RESOLVED");
    for (code, speaker) in [
        ("WS #401", "Hollis Tremblay"),
        ("WS #402", "Dakota Whitford"),
    ] {
        let s = session(&app, &admin, EVENT, code).await;
        assert_eq!(
            roles(&s)[1],
            format!("SPEAKER 1: {speaker}, civil-society as Civil Society, weog as North America")
        );
    }
    let open = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(open["totalCount"], 0);

    // A later proposal writes it in lower case: it maps at once.
    let later = import(
        &app,
        &admin,
        EVENT,
        &with_region(403, "Sam Okafor-Berg", "north america"),
    )
    .await;

    assert_eq!(strings(&later["warnings"]), Vec::<String>::new());
    let s = session(&app, &admin, EVENT, "WS #403").await;
    assert_eq!(
        roles(&s)[1],
        "SPEAKER 1: Sam Okafor-Berg, civil-society as Civil Society, weog as north america"
    );
    let all = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(all["totalCount"], 1, "no new item: {all}");
}

#[tokio::test]
async fn an_alias_added_by_an_admin_maps_the_rows_that_carry_its_text() {
    let (app, admin) = arrange().await;
    for (number, speaker) in [(410, "Greta Holmqvist"), (411, "Lars Öberg")] {
        let text = format!(
            "IGF 2031 WS #{number} Fictional Campus Networks\n\
             Speaker 1: {speaker}, Academia, WEOG\n"
        );
        let report = import(&app, &admin, EVENT, &text).await;
        assert!(
            strings(&report["warnings"]).contains(
                &"stakeholder group `Academia` maps to none known; kept as written and queued \
                  for review"
                    .to_owned()
            ),
            "{report}"
        );
    }

    let data = app
        .data_as(
            &admin,
            r#"mutation { addAlias(kind: STAKEHOLDER_GROUP, text: "ACADEMIA", code: "civil-society") }"#,
            json!({}),
        )
        .await;

    // Two roles and the two people they created, who carry the same text.
    assert_eq!(data["addAlias"], 4);
    let people = app
        .data(r#"{ people(filter: { stakeholderGroup: "civil-society" }) { nodes { name stakeholderGroupAsWritten } } }"#, json!({}))
        .await;
    assert_eq!(
        people["people"]["nodes"],
        json!([
            { "name": "Greta Holmqvist", "stakeholderGroupAsWritten": "Academia" },
            { "name": "Lars Öberg", "stakeholderGroupAsWritten": "Academia" }
        ])
    );
    for (code, speaker) in [("WS #410", "Greta Holmqvist"), ("WS #411", "Lars Öberg")] {
        let s = session(&app, &admin, EVENT, code).await;
        assert_eq!(
            roles(&s),
            [format!(
                "SPEAKER 1: {speaker}, civil-society as Academia, weog as WEOG"
            )]
        );
    }
    let later = import(
        &app,
        &admin,
        EVENT,
        "IGF 2031 WS #412 Fictional Campus Networks\nSpeaker 1: Mira Kallio, academia, WEOG\n",
    )
    .await;
    assert!(
        !strings(&later["warnings"])
            .iter()
            .any(|w| w.contains("maps to none")),
        "{later}"
    );
    let s = session(&app, &admin, EVENT, "WS #412").await;
    assert_eq!(
        roles(&s),
        ["SPEAKER 1: Mira Kallio, civil-society as academia, weog as WEOG"]
    );
}

// ---- The command line.

/// What running the binary gave: exit code, standard output, standard error.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `igf-perspectives import ARGS…` on the SQLite file `db`.
pub(crate) async fn run_import(db: &Path, args: &[&str]) -> Run {
    let url = format!("sqlite://{}", db.display());
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_igf-perspectives"));
    command
        .arg("import")
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn");
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("run the import command");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A server on the SQLite file the command wrote, to read it back.
async fn app_on(db: &Path) -> TestApp {
    let url = format!("sqlite://{}", db.display());
    spawn_app_with(move |c| {
        c.db.database_url = url;
        c.seed_fixture = false;
    })
    .await
}

async fn session_codes(app: &TestApp) -> Vec<String> {
    let data = app
        .data(
            r#"{ sessions(first: 100) { totalCount nodes { code event { code } } } }"#,
            json!({}),
        )
        .await;
    data["sessions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["event"]["code"].as_str().unwrap(),
                s["code"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn the_command_line_with_strict_refuses_an_unmapped_region_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = dir.path().join("ws401.txt");
    std::fs::write(&file, with_region(401, "Hollis Tremblay", "North America")).unwrap();
    let file = file.to_str().unwrap();

    let run = run_import(&db, &["--strict", "--event", EVENT, file]).await;

    assert_ne!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{file}: error: strict import refused, nothing was stored: region `North America` \
             maps to no known value; write known values in the proposal or add an alias \
             (`addAlias`) and import again, or import without --strict to keep it as written \
             and queue it for review\n\
             1 files into igf-2031: 0 created, 0 updated, 0 unchanged, 1 failed, 0 with warnings\n"
        )
    );
    let app = app_on(&db).await;
    let admin = app.login_as(UserRole::Admin).await;
    assert_eq!(session_codes(&app).await, Vec::<String>::new());
    assert_eq!(event_codes(&app).await, Vec::<String>::new());
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0);
    let people = app.data("{ people { totalCount } }", json!({})).await;
    assert_eq!(people["people"]["totalCount"], 0);
}

#[tokio::test]
async fn the_command_line_without_strict_imports_the_same_file_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = dir.path().join("ws401.txt");
    std::fs::write(&file, with_region(401, "Hollis Tremblay", "North America")).unwrap();
    let file = file.to_str().unwrap();

    let run = run_import(&db, &["--event", EVENT, file]).await;

    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{file}: created WS #401 \"Fictional Northern Perspectives 401\" (5 records)\n    \
             warning: region `North America` maps to none known; kept as written and queued \
             for review\n\
             1 files into igf-2031: 1 created, 0 updated, 0 unchanged, 0 failed, 1 with warnings\n"
        )
    );
    let app = app_on(&db).await;
    assert_eq!(session_codes(&app).await, ["igf-2031 WS #401"]);
}

#[tokio::test]
async fn the_command_line_imports_the_good_files_of_a_folder_and_names_the_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let folder = dir.path().join("proposals");
    std::fs::create_dir(&folder).unwrap();
    let broken = "IGF 2031 WS #701 Fictional Broken Panel\n\
                  Speaker 1: Ada Lindgren, Government, WEOG\n\
                  Speaker 2: Jonas Falk, Example Lab, Civil Society\n";
    for (name, text) in [
        ("a-open-forum.txt", OPEN_FORUM_2023),
        ("b-round-table.txt", ROUND_TABLE_2022),
        ("c-broken.txt", broken),
        ("d-nri.txt", NRI_2024),
        (
            "notes.md",
            "Not a proposal: the folder import reads .txt files only.",
        ),
    ] {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let broken_path = folder.join("c-broken.txt");

    let run = run_import(&db, &["--event", EVENT, folder.to_str().unwrap()]).await;

    assert_ne!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(
            &format!(
                "{}: error: line 3: Speaker 2 has no region: \"Civil Society\" is a stakeholder \
             group; needs \"Name, Stakeholder group, Region\"",
                broken_path.display()
            )
            .as_str()
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines.last().copied(),
        Some("4 files into igf-2031: 3 created, 0 updated, 0 unchanged, 1 failed, 1 with warnings")
    );
    assert!(
        run.stderr.contains("1 of 4 files failed to import"),
        "{}",
        run.stderr
    );
    let app = app_on(&db).await;
    let mut codes = session_codes(&app).await;
    codes.sort();
    assert_eq!(
        codes,
        [
            "igf-2031 NRI Session: Fictional Youth IGFs Together",
            "igf-2031 Open Forum #31",
            "igf-2031 WS #218",
        ]
    );
    let people = app
        .data(
            r#"{ people(filter: { name: "Ada Lindgren" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        people["people"]["totalCount"], 0,
        "nothing of the broken file"
    );
}

// ---- 4. Broken inputs: refused, naming the line, nothing written.

#[tokio::test]
async fn broken_proposals_are_refused_with_a_reason_naming_the_line_and_nothing_is_written() {
    let (app, admin) = arrange().await;
    import(&app, &admin, "igf-2030", REPAIR_CAFES).await;
    let too_big = format!(
        "IGF 2031 WS #1 Fictional Long Read\nDescription:\n{}\n",
        "word ".repeat(igf_perspectives::import::MAX_BYTES / 5 + 1)
    );
    assert!(too_big.len() > igf_perspectives::import::MAX_BYTES);
    let cases = [
        (
            "empty",
            String::new(),
            "text: line 1: empty proposal".to_owned(),
        ),
        (
            "blank",
            "\u{feff}  \r\n\t\n".to_owned(),
            "text: line 1: empty proposal".to_owned(),
        ),
        (
            "binary",
            "PK\u{3}\u{4}\u{14}\u{0}\u{6}\u{0}\u{8}\u{0}\n\u{fffd}\u{fffd}word/document.xml\u{0}"
                .to_owned(),
            "text: line 1: not a text proposal: binary data".to_owned(),
        ),
        (
            "binary after a header",
            "IGF 2031 WS #2 Fictional\nSpeaker 1: Ada Mirembe, Civil Society, African Group\n\
             \u{0}\u{0}\u{1}\u{2}\n"
                .to_owned(),
            "text: line 3: not a text proposal: binary data".to_owned(),
        ),
        (
            "no header and no roles",
            "Dear organizers,\nplease find our fictional proposal attached.\n".to_owned(),
            "text: line 1: expected a header line \"IGF YYYY <code> <title>\" (such as \
             \"IGF 2025 WS #461 Title\") or Organizer/Speaker lines"
                .to_owned(),
        ),
        (
            "a speaker without a region",
            "IGF 2031 WS #3 Fictional Panel\n\
             \n\
             Speaker 1: Ada Mirembe, Civil Society, African Group\n\
             Speaker 2: Jonas Falk, Example Lab, Civil Society\n"
                .to_owned(),
            "text: line 4: Speaker 2 has no region: \"Civil Society\" is a stakeholder group; \
             needs \"Name, Stakeholder group, Region\""
                .to_owned(),
        ),
        (
            "a speaker without a name",
            "IGF 2031 WS #4 Fictional Panel\nSpeaker 1: , Government, WEOG\n".to_owned(),
            "text: line 2: Speaker 1 has no name".to_owned(),
        ),
        (
            "a speaker with one field",
            "IGF 2031 WS #5 Fictional Panel\nSpeaker 1: Jonas Falk\nSpeaker 2: Ada Mirembe, \
             Civil Society, African Group\n"
                .to_owned(),
            "text: line 2: Speaker 1 needs \"Name, Stakeholder group, Region\" but has 1 \
             comma-separated field(s)"
                .to_owned(),
        ),
        (
            "over the size limit",
            too_big,
            format!(
                "text: is over the limit of {} bytes",
                igf_perspectives::import::MAX_BYTES
            ),
        ),
    ];

    for (what, text, reason) in cases {
        let before = app.fingerprint().await;

        let body = refused(&app, &admin, EVENT, &text).await;

        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{what}");
        assert_eq!(body["errors"][0]["message"], reason.as_str(), "{what}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "text", "{what}");
        assert_eq!(app.fingerprint().await, before, "{what}");
    }
    assert_eq!(event_codes(&app).await, ["igf-2030"]);
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0);
}

#[tokio::test]
async fn a_broken_update_leaves_the_stored_session_as_it_was() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, REPAIR_CAFES).await;
    let stored = session(&app, &admin, EVENT, "WS #150").await;
    let before = app.fingerprint().await;
    // A new title, and a third speaker without a region further down.
    let broken = REPAIR_CAFES
        .replace(
            "Fictional Repair Cafés Online",
            "Fictional Repair Cafés Renamed",
        )
        .replace(
            "Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)",
            "Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)\n\
             Speaker 3: Jonas Falk, Example Lab, Civil Society",
        );

    let body = refused(&app, &admin, EVENT, &broken).await;

    assert_eq!(
        body["errors"][0]["message"],
        "text: line 7: Speaker 3 has no region: \"Civil Society\" is a stakeholder group; \
         needs \"Name, Stakeholder group, Region\""
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(session(&app, &admin, EVENT, "WS #150").await, stored);
}

// ---- 5. Importing a changed proposal again.

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
    import(
        &app,
        &admin,
        EVENT,
        &ws500(
            "Fictional Tidal Power",
            60,
            &[ANNIKA, BOLA, CHEN],
            &[Q1, Q2, Q3],
        ),
    )
    .await;
    let v1 = session(&app, &admin, EVENT, "WS #500").await;
    // Chen speaks in the session; someone answers the third question.
    record_position(
        &app,
        &admin,
        json!({ "session": v1["id"], "person": v1["roles"][3]["person"]["id"] }),
    )
    .await;
    record_position(
        &app,
        &admin,
        json!({ "session": v1["id"], "policyQuestion": v1["policyQuestions"][2]["id"] }),
    )
    .await;
    let audit_before = audit_count(&app, &admin).await;

    // A new title and length, Dario added, the first two questions swapped,
    // the third gone.
    let v2_text = ws500(
        "Fictional Tidal Power Revisited",
        90,
        &[ANNIKA, BOLA, CHEN, DARIO],
        &[Q2, Q1],
    );
    let report = import(&app, &admin, EVENT, &v2_text).await;

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
    let v2 = session(&app, &admin, EVENT, "WS #500").await;
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
    assert_eq!(role_ids(&v2)[..4], role_ids(&v1)[..]);
    // The questions keep their ids where they move; the answered one stays.
    assert_eq!(questions(&v2), [Q2, Q1, Q3]);
    let (old, new) = (question_ids(&v1), question_ids(&v2));
    assert_eq!(new, [old[1].clone(), old[0].clone(), old[2].clone()]);
    let audit_after = audit_count(&app, &admin).await;
    assert_eq!(
        last_audit_entries(&app, &admin, audit_after - audit_before).await,
        [
            "update session",
            "create person",
            "create session role",
            "update policy question",
            "update policy question",
        ]
    );

    // Then Chen, who spoke, and Dario, who did not, are gone from the page.
    let v3_text = ws500(
        "Fictional Tidal Power Revisited",
        90,
        &[ANNIKA, BOLA],
        &[Q2, Q1],
    );
    let report = import(&app, &admin, EVENT, &v3_text).await;

    assert_eq!(report["outcome"], "UPDATED");
    assert_eq!(strings(&report["removed"]), ["speaker 4"]);
    assert_eq!(
        strings(&report["kept"]),
        [
            "speaker 3: 1 positions refer to its person in this session".to_owned(),
            format!("policy question \"{Q3}\": 1 positions answer it"),
        ]
    );
    let v3 = session(&app, &admin, EVENT, "WS #500").await;
    assert_eq!(v3["id"], v1["id"]);
    assert_eq!(role_ids(&v3), role_ids(&v1));
    assert_eq!(
        roles(&v3)[1..],
        [
            "SPEAKER 1: Annika Strand, government as Government, weog as WEOG",
            "SPEAKER 2: Bola Adeyemi, civil-society as Civil Society, african as African Group",
            "SPEAKER 3: Chen Yuting, technical-community as Technical Community, \
             asia-pacific as Asia-Pacific Group",
        ]
    );
    let audit_end = audit_count(&app, &admin).await;
    assert_eq!(
        last_audit_entries(&app, &admin, audit_end - audit_after).await,
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

// ---- 6. People across proposals.

/// `WS #number` with one speaker.
fn with_speaker(number: u32, speaker: &str) -> String {
    format!(
        "IGF 2031 WS #{number} Fictional Rivers {number}\n\
         Organizer 1: Civil Society, WEOG\n\
         Speaker 1: {speaker}, Civil Society, Western European and Others Group (WEOG)\n\
         \n\
         Policy Question(s)\n\
         Who owns a river?\n\
         \n\
         Description:\n\
         A fictional session.\n"
    )
}

const PEOPLE_NAMED: &str = r#"query($name: String!) {
    people(filter: { name: $name }, first: 100) {
        totalCount nodes { id name roles { totalCount } } } }"#;

#[tokio::test]
async fn the_same_person_written_another_way_in_two_proposals_is_one_person() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, &with_speaker(601, "Élodie Fictive")).await;

    let report = import(
        &app,
        &admin,
        EVENT,
        &with_speaker(602, "DR. ELODIE FICTIVE"),
    )
    .await;

    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #602",
            "organizer 1",
            "speaker 1",
            "policy question 1"
        ]
    );
    assert_eq!(strings(&report["warnings"]), Vec::<String>::new());
    let first = session(&app, &admin, EVENT, "WS #601").await;
    let second = session(&app, &admin, EVENT, "WS #602").await;
    assert_eq!(
        second["roles"][1]["person"]["id"],
        first["roles"][1]["person"]["id"]
    );
    let people = app.data(PEOPLE_NAMED, json!({ "name": "fictive" })).await;
    assert_eq!(people["people"]["totalCount"], 1);
    assert_eq!(people["people"]["nodes"][0]["name"], "Élodie Fictive");
    assert_eq!(people["people"]["nodes"][0]["roles"]["totalCount"], 2);
}

#[tokio::test]
async fn the_same_words_in_another_order_are_a_new_person_reported_as_a_likely_duplicate() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, &with_speaker(601, "Élodie Fictive")).await;
    let elodie = session(&app, &admin, EVENT, "WS #601").await["roles"][1]["person"].clone();

    let report = import(&app, &admin, EVENT, &with_speaker(603, "Fictive Elodie")).await;

    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #603",
            "person Fictive Elodie",
            "organizer 1",
            "speaker 1",
            "policy question 1",
        ]
    );
    assert_eq!(
        strings(&report["warnings"]),
        [format!(
            "`Fictive Elodie` may be the same person as `Élodie Fictive` (id {}); not merged: \
             an admin can merge them",
            db_id(&elodie["id"])
        )]
    );
    let third = session(&app, &admin, EVENT, "WS #603").await;
    assert_ne!(third["roles"][1]["person"]["id"], elodie["id"]);
    let queue = review_queue(&app, &admin, json!({ "kind": "POSSIBLE_DUPLICATE" })).await;
    assert_eq!(queue["totalCount"], 1);
    let item = &queue["nodes"][0];
    assert_eq!(item["status"], "OPEN");
    assert_eq!(item["text"], "`Élodie Fictive` and `Fictive Elodie`");
    assert_eq!(item["session"]["code"], "WS #603");
    assert_eq!(
        item["people"],
        json!([{ "name": "Élodie Fictive" }, { "name": "Fictive Elodie" }])
    );

    // Imported again, still two people and one item.
    import(&app, &admin, EVENT, &with_speaker(603, "Fictive Elodie")).await;

    let people = app.data(PEOPLE_NAMED, json!({ "name": "fictive" })).await;
    assert_eq!(people["people"]["totalCount"], 2);
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 1);
}

#[tokio::test]
async fn merging_a_likely_duplicate_settles_its_review_item() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, &with_speaker(601, "Élodie Fictive")).await;
    import(&app, &admin, EVENT, &with_speaker(603, "Fictive Elodie")).await;
    let queue = review_queue(&app, &admin, json!({ "kind": "POSSIBLE_DUPLICATE" })).await;
    let keep = session(&app, &admin, EVENT, "WS #601").await["roles"][1]["person"]["id"].clone();
    let merge = session(&app, &admin, EVENT, "WS #603").await["roles"][1]["person"]["id"].clone();
    assert_eq!(queue["totalCount"], 1);

    app.data_as(
        &admin,
        "mutation($k: ID!, $m: ID!) { mergePeople(keep: $k, merge: $m) { id } }",
        json!({ "k": keep, "m": merge }),
    )
    .await;

    let open = review_queue(&app, &admin, json!({ "kind": "POSSIBLE_DUPLICATE" })).await;
    assert_eq!(open["totalCount"], 0, "the pair is settled by the merge");
    let all = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(all["totalCount"], 1, "the item is kept, not deleted");
    assert_eq!(all["nodes"][0]["status"], "RESOLVED");
    assert_eq!(
        all["nodes"][0]["people"],
        json!([{ "name": "Élodie Fictive" }]),
        "both sides name the kept person"
    );
}

// ---- 7. Dry runs, and who may import where.

#[tokio::test]
async fn a_dry_run_reports_what_it_would_create_and_writes_nothing() {
    let (app, admin) = arrange().await;
    let before = app.fingerprint().await;

    let report = dry_run(&app, &admin, EVENT, REPAIR_CAFES).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(report["session"], Value::Null);
    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #150",
            "person Wanjiru Kamau-Holt",
            "person Bjarne Solberg",
            "organizer 1",
            "speaker 1",
            "speaker 2",
            "policy question 1",
            "policy question 2",
        ]
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(event_codes(&app).await, Vec::<String>::new());
    let data = app
        .data(
            r#"{ session(event: "igf-2031", code: "WS #150") { id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["session"], Value::Null);
}

#[tokio::test]
async fn a_dry_run_of_a_changed_proposal_reports_the_update_and_writes_nothing() {
    let (app, admin) = arrange().await;
    import(
        &app,
        &admin,
        EVENT,
        &with_region(401, "Hollis Tremblay", "WEOG"),
    )
    .await;
    let stored = session(&app, &admin, EVENT, "WS #401").await;
    let before = app.fingerprint().await;
    let changed = with_region(401, "Hollis Tremblay", "North America")
        .replace("Who speaks for the north?", "Who listens to the north?");

    let report = dry_run(&app, &admin, EVENT, &changed).await;

    assert_eq!(report["outcome"], "UPDATED");
    assert_eq!(report["session"], Value::Null);
    assert_eq!(
        strings(&report["updated"]),
        ["speaker 1", "policy question 1"]
    );
    assert_eq!(
        strings(&report["warnings"]),
        ["region `North America` maps to none known; kept as written and queued for review"]
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(session(&app, &admin, EVENT, "WS #401").await, stored);
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0, "the dry run queued nothing");
}

#[tokio::test]
async fn an_organizer_imports_only_into_an_event_they_are_assigned_to() {
    let app = spawn_empty_app().await;
    let atlantis = app.event("nri-atlantis-2031", 2031).await;
    app.event("nri-lemuria-2031", 2031).await;
    let organizer = app
        .account("oona.organizer@example.org", UserRole::Organizer)
        .await;
    app.assign(&organizer, None, Some(&atlantis)).await;
    let token = app.login("oona.organizer@example.org").await;

    let report = import(&app, &token, "nri-atlantis-2031", NRI_2024).await;

    assert_eq!(report["outcome"], "CREATED");
    let s = session(
        &app,
        &token,
        "nri-atlantis-2031",
        "NRI Session: Fictional Youth IGFs Together",
    )
    .await;
    assert_eq!(s["roles"].as_array().unwrap().len(), 3);

    let before = app.fingerprint().await;
    let elsewhere = refused(&app, &token, "nri-lemuria-2031", ROUND_TABLE_2022).await;
    assert_eq!(error_code(&elsewhere), "FORBIDDEN");
    assert_eq!(
        elsewhere["errors"][0]["message"],
        "you are not an organizer of this event"
    );
    let new_event = refused(&app, &token, "igf-2033", ROUND_TABLE_2022).await;
    assert_eq!(error_code(&new_event), "BAD_USER_INPUT");
    assert_eq!(
        new_event["errors"][0]["message"],
        "event: unknown event `igf-2033`"
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(
        event_codes(&app).await,
        ["nri-atlantis-2031", "nri-lemuria-2031"]
    );
}

#[tokio::test]
async fn an_analyst_and_an_anonymous_visitor_cannot_import() {
    let (app, _) = arrange().await;
    let analyst = app.login_as(UserRole::Analyst).await;
    let before = app.fingerprint().await;

    let body = refused(&app, &analyst, EVENT, REPAIR_CAFES).await;
    let anonymous = app
        .gql(
            IMPORT,
            json!({ "event": EVENT, "text": REPAIR_CAFES, "dryRun": false }),
        )
        .await;

    assert_eq!(error_code(&body), "FORBIDDEN");
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn an_admin_import_into_a_new_igf_year_creates_that_event() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, "igf-2032", ROUND_TABLE_2022).await;

    assert_eq!(report["outcome"], "CREATED");
    let data = app.data(EVENTS, json!({})).await;
    assert_eq!(
        data["events"],
        json!([{ "code": "igf-2032", "name": "IGF 2032", "year": 2032, "kind": "IGF" }])
    );
    session(&app, &admin, "igf-2032", "WS #218").await;
}

#[tokio::test]
async fn an_admin_import_into_an_unknown_event_that_is_no_igf_year_is_refused() {
    let (app, admin) = arrange().await;
    let before = app.fingerprint().await;

    let body = refused(&app, &admin, "nri-atlantis-2031", ROUND_TABLE_2022).await;

    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(
        body["errors"][0]["message"],
        "unknown event `nri-atlantis-2031`; an IGF annual meeting is written igf-YYYY"
    );
    assert_eq!(app.fingerprint().await, before);
}
