//! No N+1: the SQL statements one request runs do not grow with the page
//! size. Every relation loads through the per-request loaders (or, for
//! session pages, is read ahead for the page and fed to them), one
//! statement per relation for the whole page, so each list shape below is
//! asked with 5 and with 50 parents and must run the same, small number of
//! statements. The statements are counted by sea-orm's metric callback,
//! which `spawn_app_with` sets on the app's connection.

use entity::{
    event, person, policy_question, position, session, session::SessionKind, session_role::RoleKind,
};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

use crate::helpers::*;

const SESSIONS: usize = 60;
const PEOPLE: usize = 120;
const GROUPS: [&str; 5] = [
    "government",
    "civil-society",
    "technical-community",
    "private-sector",
    "intergovernmental-organization",
];
const REGIONS: [&str; 5] = [
    "african",
    "asia-pacific",
    "eastern-european",
    "grulac",
    "weog",
];
const STANCES: [&str; 4] = [
    "ongoing-commitment",
    "new-mechanism",
    "complementary",
    "concluded",
];

/// Twelve events (two in 2031, ten in 2032) holding 60 sessions; each
/// session has an organizer, four speakers with people, an anonymous
/// moderator, three policy questions, and three published positions (the
/// first answering a question) and one draft. The words `roundtable`
/// (session titles), `quorum` (questions) and `interoperability`
/// (position summaries) each occur in one kind of item only, for search.
async fn arrange(app: &TestApp) {
    let mut events: Vec<event::Model> = Vec::new();
    for e in 0..12 {
        let year = if e < 2 { 2031 } else { 2032 };
        events.push(app.event(&format!("nri-count-{e:02}"), year).await);
    }
    let mut people: Vec<person::Model> = Vec::new();
    for p in 0..PEOPLE {
        people.push(
            app.person(
                &format!("Fictional Speaker {p:03}"),
                Some(GROUPS[p % GROUPS.len()]),
                Some(REGIONS[p % REGIONS.len()]),
            )
            .await,
        );
    }
    for s in 0..SESSIONS {
        let session = app
            .session(
                &events[s % events.len()],
                &format!("WS #{s:03}"),
                &format!("Fictional roundtable number {s}"),
                SessionKind::Workshop,
                Some(session::SessionFormat::Roundtable),
            )
            .await;
        let group = |k: usize| GROUPS[(s + k) % GROUPS.len()];
        let region = |k: usize| REGIONS[(s + k) % REGIONS.len()];
        let person = |k: usize| &people[(2 * s + k) % PEOPLE];
        app.role(
            &session,
            Some(person(0)),
            RoleKind::Organizer,
            1,
            group(0),
            region(0),
        )
        .await;
        for k in 1..=4 {
            app.role(
                &session,
                Some(person(k)),
                RoleKind::Speaker,
                k as i32,
                group(k),
                region(k),
            )
            .await;
        }
        app.role(&session, None, RoleKind::Moderator, 1, group(5), region(5))
            .await;
        let mut questions = Vec::new();
        for q in 1..=3 {
            let question = policy_question::ActiveModel {
                session_id: Set(session.id),
                position: Set(q),
                text: Set(format!("How should the quorum work, step {q}?")),
                version: Set(1),
                ..Default::default()
            }
            .insert(app.db())
            .await
            .unwrap();
            questions.push(question);
        }
        for k in 1..=4 {
            let summary =
                format!("Speaker {k} of session {s} stresses interoperability between forums.");
            let stored = app
                .position(NewPosition {
                    stance: STANCES[(s + k) % STANCES.len()],
                    summary: &summary,
                    session: Some(&session),
                    person: Some(person(k)),
                    group: Some(group(k)),
                    region: Some(region(k)),
                    mode: Some(position::ParticipationMode::Onsite),
                    // The fourth stays a draft: never counted, never shown.
                    published: k < 4,
                })
                .await;
            if k == 1 {
                let mut answer = stored.into_active_model();
                answer.policy_question_id = Set(Some(questions[0].id));
                answer.update(app.db()).await.unwrap();
            }
        }
    }
}

/// An app with reference data only whose loaders gather keys for 20 ms: a
/// debug build on a busy machine can take longer than the default 1 ms to
/// ask for a page's keys, and would split the batch (see `fewest`).
async fn spawn_counting_app() -> TestApp {
    spawn_app_with(|c| {
        c.seed_fixture = false;
        c.loader_delay_ms = 20;
    })
    .await
}

impl TestApp {
    /// The SQL statements the server runs to answer `query`, which must
    /// succeed, and its `data`.
    async fn statements_for(&self, query: &str, variables: Value) -> (Value, Vec<String>) {
        self.sql.lock().unwrap().clear();
        let data = self.data(query, variables).await;
        let sql = std::mem::take(&mut *self.sql.lock().unwrap());
        (data, sql)
    }
}

/// One request's statements at a time, so that the tests of this file do
/// not load the machine for each other while counting.
static COUNTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The fewest statements `query` runs with `$n` = `n` in up to `runs`
/// tries, stopping early at `enough` or fewer; `check` sees every answer.
///
/// Why the fewest: a loader waits 1 ms for keys before it runs its batch.
/// On a busy machine the sibling fields of a page can reach it over more
/// than that, and the batch then runs as two statements or three. Such
/// splits only ever add statements, and not in every run; an N+1 adds one
/// per row in every run, so the fewest still shows it.
async fn fewest(
    app: &TestApp,
    query: &str,
    n: usize,
    runs: usize,
    enough: usize,
    check: impl Fn(&Value, usize),
) -> (Vec<String>, Vec<usize>) {
    let mut best: Option<Vec<String>> = None;
    let mut seen = Vec::new();
    for _ in 0..runs {
        let (data, sql) = app.statements_for(query, json!({ "n": n })).await;
        check(&data, n);
        seen.push(sql.len());
        if best.as_ref().is_none_or(|b| sql.len() < b.len()) {
            best = Some(sql);
        }
        if seen.last() <= Some(&enough) {
            break;
        }
    }
    (best.unwrap(), seen)
}

/// `query` runs the same number of statements for 5 parents as for 50,
/// and at most `most`; returns that number.
async fn assert_flat(
    app: &TestApp,
    shape: &str,
    query: &str,
    most: usize,
    check: impl Fn(&Value, usize),
) -> usize {
    let _alone = COUNTING.lock().await;
    let (five, seen_five) = fewest(app, query, 5, 3, 0, &check).await;
    let (fifty, seen_fifty) = fewest(app, query, 50, 20, five.len(), &check).await;
    println!(
        "{shape}: {} statements for 5 (runs: {seen_five:?}), {} for 50 (runs: {seen_fifty:?})",
        five.len(),
        fifty.len()
    );
    assert_eq!(
        five.len(),
        fifty.len(),
        "{shape}: the statements grow with the page size\nfor 5: {five:#?}\nfor 50: {fifty:#?}"
    );
    assert!(
        (1..=most).contains(&fifty.len()),
        "{shape}: {} statements, expected 1 to {most}: {fifty:#?}",
        fifty.len()
    );
    fifty.len()
}

/// The items at `list`, which must hold `n` of them.
fn items<'a>(data: &'a Value, list: &str, n: usize) -> &'a Vec<Value> {
    let items = data
        .pointer(list)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no list at {list} in {data}"));
    assert_eq!(items.len(), n, "{list} holds the page size");
    items
}

#[tokio::test]
async fn listing_sessions_with_panels_and_questions_runs_the_same_statements_for_5_or_50() {
    let app = spawn_counting_app().await;
    arrange(&app).await;

    let query = "query($n: Int) { sessions(first: $n) { totalCount
        edges { cursor node { code title event { code }
          roles { role person { name affiliation }
                  stakeholderGroup { name } region { name } }
          policyQuestions { text } } } } }";
    assert_flat(&app, "sessions with panels", query, 6, |data, n| {
        assert_eq!(data["sessions"]["totalCount"], SESSIONS);
        for edge in items(data, "/sessions/edges", n) {
            let node = &edge["node"];
            let roles = node["roles"].as_array().unwrap();
            assert_eq!(roles.len(), 6, "{node}");
            assert_eq!(roles.iter().filter(|r| r["person"].is_null()).count(), 1);
            assert!(roles.iter().all(|r| r["region"]["name"].is_string()));
            assert_eq!(node["policyQuestions"].as_array().unwrap().len(), 3);
            assert!(node["event"]["code"].is_string());
        }
    })
    .await;
}

/// A session list and one session read ahead what their selection asks
/// (roles, people, questions, event), so their statements do not depend on
/// the loaders' timing: with no wait for keys at all, every run of the
/// page runs the same statements, not only the fewest of several runs.
#[tokio::test]
async fn session_pages_read_ahead_with_the_same_statements_every_time() {
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.loader_delay_ms = 0;
    })
    .await;
    arrange(&app).await;
    let _alone = COUNTING.lock().await;

    let list = "{ sessions(first: 50) { totalCount nodes { code event { code }
        roles(role: SPEAKER) { person { name affiliation } stakeholderGroup { name } region { name } }
        policyQuestions { text } } } }";
    for _ in 0..10 {
        let (data, sql) = app.statements_for(list, json!({})).await;
        assert_eq!(data["sessions"]["nodes"].as_array().unwrap().len(), 50);
        let first = &data["sessions"]["nodes"][0];
        assert_eq!(first["roles"].as_array().unwrap().len(), 4, "{first}");
        assert!(first["roles"][0]["person"]["name"].is_string(), "{first}");
        // The page, its count, roles, their people, questions, events.
        assert_eq!(sql.len(), 6, "{sql:#?}");
    }

    let one = r#"{ session(event: "nri-count-07", code: "WS #007") { code
        roles(role: SPEAKER) { person { name affiliation } stakeholderGroup { name } region { name } }
        policyQuestions { text } } }"#;
    for _ in 0..10 {
        let (data, sql) = app.statements_for(one, json!({})).await;
        assert_eq!(data["session"]["roles"].as_array().unwrap().len(), 4);
        assert_eq!(
            data["session"]["policyQuestions"].as_array().unwrap().len(),
            3
        );
        // The session with its event, roles, their people, questions.
        assert_eq!(sql.len(), 4, "{sql:#?}");
    }
}

#[tokio::test]
async fn one_session_with_everything_nested_runs_a_small_fixed_number_of_statements() {
    let app = spawn_counting_app().await;
    arrange(&app).await;

    let query = r#"query { session(event: "nri-count-07", code: "WS #007") {
        code event { code }
        roles { role order person { name affiliation stakeholderGroup { code } }
                stakeholderGroup { name } region { name } }
        policyQuestions { order text }
        positions(first: 10) { totalCount nodes { summary stance { code }
          person { name } policyQuestion { text } } }
        balance { speakers score missingRegions { code } }
        citedParagraphs { number } } }"#;
    let (data, sql) = app.statements_for(query, json!({})).await;
    println!("one session: {} statements", sql.len());

    let session = &data["session"];
    assert_eq!(session["roles"].as_array().unwrap().len(), 6);
    assert_eq!(session["positions"]["totalCount"], 3);
    assert_eq!(session["balance"]["speakers"], 4);
    // Twelve loads at most, one per relation; the people of the panel and
    // of the positions share a statement when they reach the loader within
    // its 1 ms window.
    assert!(
        sql.len() <= 12,
        "one session: {} statements: {sql:#?}",
        sql.len()
    );
}

#[tokio::test]
async fn listing_people_with_their_positions_runs_the_same_statements_for_5_or_50() {
    let app = spawn_counting_app().await;
    arrange(&app).await;

    let query = "query($n: Int) { people(first: $n) { totalCount
        nodes { name stakeholderGroup { name } region { name }
          roles(first: 5) { nodes { role } }
          positions(first: 10) { totalCount
            nodes { summary stance { code } session { code } } } } } }";
    assert_flat(&app, "people with positions", query, 6, |data, n| {
        assert_eq!(data["people"]["totalCount"], PEOPLE);
        let people = items(data, "/people/nodes", n);
        // Each person speaks in two sessions and takes a published
        // position in at least one of them.
        for person in people {
            let roles = person["roles"]["nodes"].as_array().unwrap();
            assert!(roles.len() >= 2, "{person}");
            let positions = person["positions"]["nodes"].as_array().unwrap();
            assert!(!positions.is_empty(), "{person}");
            assert!(positions.iter().all(|p| p["session"]["code"].is_string()));
        }
    })
    .await;
}

#[tokio::test]
async fn listing_positions_with_their_relations_runs_the_same_statements_for_5_or_50() {
    let app = spawn_counting_app().await;
    arrange(&app).await;

    let query = "query($n: Int) { positions(first: $n) { totalCount
        nodes { summary person { name } session { code event { code } }
          stance { code } topic { code } policyQuestion { text }
          stakeholderGroup { name } region { name } citedParagraphs { number } } } }";
    assert_flat(&app, "positions with relations", query, 7, |data, n| {
        assert_eq!(data["positions"]["totalCount"], SESSIONS * 3);
        let positions = items(data, "/positions/nodes", n);
        for p in positions {
            assert!(p["person"]["name"].is_string(), "{p}");
            assert!(p["session"]["event"]["code"].is_string(), "{p}");
            assert!(p["stance"]["code"].is_string(), "{p}");
        }
        // One in three answers a policy question.
        assert!(
            positions
                .iter()
                .any(|p| p["policyQuestion"]["text"].is_string())
        );
    })
    .await;
}

#[tokio::test]
async fn panel_balance_of_sessions_and_events_runs_the_same_statements_for_few_or_many() {
    let app = spawn_counting_app().await;
    arrange(&app).await;

    let query = "query($n: Int) { sessions(first: $n) {
        nodes { code balance { speakers organizers score
          byRegion { region { code } speakers } missingStakeholderGroups { code } } } } }";
    assert_flat(&app, "sessions with balance", query, 2, |data, n| {
        for session in items(data, "/sessions/nodes", n) {
            assert_eq!(session["balance"]["speakers"], 4, "{session}");
            assert_eq!(session["balance"]["organizers"], 1, "{session}");
        }
    })
    .await;

    // `events` has no page size: two events of 2031 against ten of 2032.
    let query = "query($year: Int) { events(year: $year) {
        code balance { speakers organizers score byStakeholderGroup { speakers } } } }";
    let _alone = COUNTING.lock().await;
    let mut counts = Vec::new();
    for (year, n) in [(2031, 2), (2032, 10)] {
        let (data, sql) = app.statements_for(query, json!({ "year": year })).await;
        let events = data["events"].as_array().unwrap();
        assert_eq!(events.len(), n);
        for event in events {
            assert!(event["balance"]["speakers"].as_i64().unwrap() >= 4 * 5);
        }
        counts.push(sql);
    }
    println!(
        "events with balance: {} statements for 2 events, {} for 10",
        counts[0].len(),
        counts[1].len()
    );
    assert_eq!(counts[0].len(), counts[1].len(), "{counts:#?}");
    assert!(counts[1].len() <= 2, "{counts:#?}");
}

#[tokio::test]
async fn searching_runs_the_same_statements_for_5_or_50_hits() {
    let app = spawn_counting_app().await;
    arrange(&app).await;

    // One search per kind of item, so that both page sizes find that kind;
    // each in its own request, as root fields resolve side by side and
    // whether their loads share a batch depends on timing.
    for (word, kind, total) in [
        ("roundtable", "Session", SESSIONS),
        ("quorum", "PolicyQuestion", SESSIONS * 3),
        ("interoperability", "Position", SESSIONS * 3),
    ] {
        let query = format!(
            "query($n: Int) {{ search(query: \"{word}\", first: $n) {{ totalCount
              edges {{ cursor node {{ score snippet item {{ __typename
                ... on Session {{ code event {{ code }} roles {{ person {{ name }} }} }}
                ... on PolicyQuestion {{ text session {{ code event {{ code }} }} }}
                ... on Position {{ summary person {{ name }} session {{ code }}
                                   stance {{ code }} }}
              }} }} }} }} }}"
        );
        assert_flat(&app, &format!("search for {kind}"), &query, 6, |data, n| {
            assert_eq!(data["search"]["totalCount"], total, "{word}");
            for edge in items(data, "/search/edges", n) {
                assert_eq!(edge["node"]["item"]["__typename"], kind, "{edge}");
                assert!(edge["node"]["snippet"].is_string(), "{edge}");
            }
        })
        .await;
    }
}

#[tokio::test]
async fn position_stats_run_a_small_fixed_number_of_statements() {
    let app = spawn_counting_app().await;
    arrange(&app).await;

    let query = "{ positionStats(groupBy: [STANCE, STAKEHOLDER_GROUP, REGION]) {
        total buckets { stance { code } stakeholderGroup { code } region { code } count } } }";
    let (data, sql) = app.statements_for(query, json!({})).await;
    println!(
        "positionStats by stance, group, region: {} statements",
        sql.len()
    );
    assert_eq!(data["positionStats"]["total"], SESSIONS * 3);
    assert!(data["positionStats"]["buckets"].as_array().unwrap().len() > 5);
    assert!((1..=2).contains(&sql.len()), "{sql:#?}");

    // Sixty session buckets load their sessions and events in one go each.
    let query = "{ positionStats(groupBy: [EVENT, SESSION]) {
        buckets { event { code } session { code title } count } } }";
    let (data, sql) = app.statements_for(query, json!({})).await;
    println!("positionStats by event, session: {} statements", sql.len());
    let buckets = data["positionStats"]["buckets"].as_array().unwrap();
    assert_eq!(buckets.len(), SESSIONS);
    assert!(buckets.iter().all(|b| b["session"]["code"].is_string()));
    assert!((1..=4).contains(&sql.len()), "{sql:#?}");
}

#[tokio::test]
async fn the_statement_log_sees_what_loaders_run_in_their_own_tasks() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-count", 2031).await;
    let session = app
        .session(
            &event,
            "WS #1",
            "Fictional roundtable",
            SessionKind::Workshop,
            None,
        )
        .await;
    app.role(&session, None, RoleKind::Speaker, 1, "government", "weog")
        .await;

    // Roles load in a task the loader spawns: if the log missed them, the
    // counts above could not grow whatever the loaders did.
    let (_, sql) = app
        .statements_for("{ sessions { nodes { roles { role } } } }", json!({}))
        .await;
    assert!(
        sql.iter().any(|s| s.contains("session_role")),
        "the roles query is logged: {sql:#?}"
    );
}
