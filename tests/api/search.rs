//! Full-text search: what matches, kept in step with every write, safe on
//! any input, paged. SQLite and PostgreSQL rank and stem differently, so
//! these tests compare sets of hits, never their order or snippet text.

use std::collections::BTreeSet;

use entity::{event, policy_question, session, session::SessionKind, user::UserRole};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::{Value, json};

use crate::helpers::*;

const SEARCH: &str = r#"query($q: String!, $first: Int, $after: String) {
    search(query: $q, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { score snippet item {
            __typename
            ... on Session { id }
            ... on PolicyQuestion { id }
            ... on Position { id }
        } } }
    } }"#;

/// The global IDs of a search page's hits.
fn ids(data: &Value) -> BTreeSet<String> {
    data["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["item"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Search as `token` (or anonymously), expecting no errors.
async fn search(app: &TestApp, token: Option<&str>, q: &str) -> Value {
    let vars = json!({ "q": q });
    match token {
        Some(t) => app.data_as(t, SEARCH, vars).await,
        None => app.data(SEARCH, vars).await,
    }
}

async fn found(app: &TestApp, q: &str) -> BTreeSet<String> {
    ids(&search(app, None, q).await)
}

fn set<const N: usize>(items: [String; N]) -> BTreeSet<String> {
    items.into_iter().collect()
}

async fn question(app: &TestApp, session: &session::Model, text: &str) -> policy_question::Model {
    policy_question::ActiveModel {
        session_id: Set(session.id),
        position: Set(1),
        text: Set(text.into()),
        version: Set(1),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap()
}

async fn session_with(
    app: &TestApp,
    event: &event::Model,
    code: &str,
    title: &str,
    description: Option<&str>,
) -> session::Model {
    let s = app
        .session(event, code, title, SessionKind::Workshop, None)
        .await;
    let mut a = s.into_active_model();
    a.description = Set(description.map(Into::into));
    a.update(app.db()).await.unwrap()
}

#[tokio::test]
async fn search_finds_titles_descriptions_questions_summaries_and_quotes() {
    let app = spawn_empty_app().await;
    let ev = app.event("nri-fictional", 2025).await;
    let by_title = session_with(&app, &ev, "WS #1", "Lantern networks", None).await;
    let by_description = session_with(
        &app,
        &ev,
        "WS #2",
        "Marigold roundtable",
        Some("Who keeps the lantern lit between meetings?"),
    )
    .await;
    let unrelated = session_with(&app, &ev, "WS #3", "Copper wires", Some("Nothing here")).await;
    let q = question(&app, &unrelated, "Should lantern keepers report yearly?").await;
    let by_summary = app
        .position(NewPosition {
            summary: "The lantern process is a standing commitment.",
            ..Default::default()
        })
        .await;
    let by_quote = app
        .position(NewPosition {
            summary: "Existing mechanisms suffice.",
            ..Default::default()
        })
        .await;
    let mut a = by_quote.clone().into_active_model();
    a.quote = Set(Some(
        "We already carry a lantern, said the delegate.".into(),
    ));
    a.update(app.db()).await.unwrap();
    app.position(NewPosition::default()).await;

    let data = search(&app, None, "lantern").await;

    assert_eq!(
        ids(&data),
        set([
            node_id("Session", by_title.id),
            node_id("Session", by_description.id),
            node_id("PolicyQuestion", q.id),
            node_id("Position", by_summary.id),
            node_id("Position", by_quote.id),
        ])
    );
    assert_eq!(data["search"]["totalCount"], 5);
    for edge in data["search"]["edges"].as_array().unwrap() {
        let snippet = edge["node"]["snippet"].as_str().unwrap();
        assert!(snippet.contains("<mark>"), "no highlight in {snippet}");
        assert!(edge["node"]["score"].is_number());
    }
    let typenames: BTreeSet<&str> = data["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["item"]["__typename"].as_str().unwrap())
        .collect();
    assert_eq!(
        typenames,
        BTreeSet::from(["Session", "PolicyQuestion", "Position"])
    );
    // Every word must occur; case and English inflection do not matter.
    assert_eq!(
        found(&app, "MARIGOLD lanterns").await,
        set([node_id("Session", by_description.id)])
    );
    assert_eq!(
        found(&app, "copper").await,
        set([node_id("Session", unrelated.id)])
    );
}

#[tokio::test]
async fn a_query_matching_nothing_is_empty() {
    let app = spawn_app().await;

    let data = search(&app, None, "xylophonic").await;

    assert!(ids(&data).is_empty());
    assert_eq!(data["search"]["totalCount"], 0);
    assert_eq!(data["search"]["pageInfo"]["hasNextPage"], false);
}

#[tokio::test]
async fn imported_sessions_are_found() {
    // spawn_app loads the WS #461 proposal through the importer.
    let app = spawn_app().await;
    let ws461 = app
        .data(
            r#"{ session(event: "igf-2025", code: "WS #461") { id policyQuestions { id } } }"#,
            json!({}),
        )
        .await;

    let hits = found(&app, "enhanced cooperation ecosystem").await;

    assert!(
        hits.contains(ws461["session"]["id"].as_str().unwrap()),
        "{hits:?}"
    );
}

#[tokio::test]
async fn draft_positions_never_match_for_any_viewer() {
    let app = spawn_empty_app().await;
    let draft = app
        .position(NewPosition {
            summary: "A quasar-sized mechanism is needed.",
            published: false,
            ..Default::default()
        })
        .await;
    let admin = app.login_as(UserRole::Admin).await;
    let analyst = app.login_as(UserRole::Analyst).await;

    for token in [None, Some(admin.as_str()), Some(analyst.as_str())] {
        let data = search(&app, token, "quasar").await;
        assert!(ids(&data).is_empty(), "{data}");
        assert_eq!(data["search"]["totalCount"], 0);
    }

    let id = node_id("Position", draft.id);
    app.data_as(
        &admin,
        "mutation($id: ID!) { publishPosition(id: $id, version: 1) { id } }",
        json!({ "id": id }),
    )
    .await;
    assert_eq!(found(&app, "quasar").await, set([id.clone()]));

    app.data_as(
        &admin,
        "mutation($id: ID!) { unpublishPosition(id: $id, version: 2) { id } }",
        json!({ "id": id }),
    )
    .await;
    for token in [None, Some(admin.as_str()), Some(analyst.as_str())] {
        assert!(ids(&search(&app, token, "quasar").await).is_empty());
    }
}

#[tokio::test]
async fn editing_and_deleting_change_what_matches() {
    let app = spawn_empty_app().await;
    let ev = app.event("nri-fictional", 2025).await;
    let s = session_with(&app, &ev, "WS #7", "Heliotrope dialogue", None).await;
    let q = question(&app, &s, "Is sapphire governance possible?").await;
    let p = app
        .position(NewPosition {
            summary: "Turquoise forums complement each other.",
            session: Some(&s),
            ..Default::default()
        })
        .await;
    let admin = app.login_as(UserRole::Admin).await;
    let sid = node_id("Session", s.id);

    app.data_as(
        &admin,
        r#"mutation($id: ID!) { updateSession(id: $id, version: 1, input: { title: "Sapphire dialogue" }) { id } }"#,
        json!({ "id": sid }),
    )
    .await;
    app.data_as(
        &admin,
        r#"mutation($id: ID!) { updatePosition(id: $id, version: 1, input: { summary: "Amber forums complement each other." }) { id } }"#,
        json!({ "id": node_id("Position", p.id) }),
    )
    .await;

    assert!(found(&app, "heliotrope").await.is_empty());
    assert_eq!(
        found(&app, "sapphire").await,
        set([sid.clone(), node_id("PolicyQuestion", q.id)])
    );
    assert!(found(&app, "turquoise").await.is_empty());
    assert_eq!(found(&app, "amber").await, set([node_id("Position", p.id)]));

    // A cascading delete takes the session's questions and positions along.
    app.data_as(
        &admin,
        "mutation($id: ID!) { deleteSession(id: $id, version: 2, cascade: true) { id } }",
        json!({ "id": sid }),
    )
    .await;
    assert!(found(&app, "sapphire").await.is_empty());
    assert!(found(&app, "amber").await.is_empty());
}

#[tokio::test]
async fn punctuation_quotes_and_operators_are_safe() {
    let app = spawn_empty_app().await;
    let ev = app.event("nri-fictional", 2025).await;
    let s = session_with(&app, &ev, "WS #9", "Lantern networks", None).await;
    let lantern = set([node_id("Session", s.id)]);

    for q in [
        "\"",
        "\"lantern",
        "lantern\"",
        "'lantern'",
        "NEAR(lantern networks)",
        "lantern AND",
        "lantern OR",
        "NOT lantern",
        "-lantern",
        "^lantern",
        "lantern*",
        "lantern:*",
        "title:lantern",
        "{title body}: lantern",
        "lantern & networks | !",
        "'; DROP TABLE session; --",
        "(((",
        "\\",
        "!!! ???",
        "«lantern»",
        "lantern\u{E000}",
        // Letters to Rust that FTS5 may not count as word characters.
        "\u{0903}",
        "\u{0345} lantern",
        "\u{2160}",
    ] {
        let body = app.gql(SEARCH, json!({ "q": q })).await;
        assert!(body.get("errors").is_none(), "{q:?}: {body}");
    }
    for q in [
        "\"lantern\"",
        "lantern*",
        "(lantern)",
        "«lantern»",
        "LANTERN!",
    ] {
        assert_eq!(found(&app, q).await, lantern, "{q:?}");
    }
    assert!(found(&app, "!!! ???").await.is_empty());
    // The session is still there.
    assert_eq!(found(&app, "networks").await, lantern);
}

#[tokio::test]
async fn pages_give_every_hit_once() {
    let app = spawn_empty_app().await;
    let ev = app.event("nri-fictional", 2025).await;
    let mut all = BTreeSet::new();
    for i in 0..7 {
        let title = format!("Cobalt session {}", "cobalt ".repeat(i));
        let s = session_with(&app, &ev, &format!("WS #{i}"), &title, None).await;
        all.insert(node_id("Session", s.id));
    }
    let p = app
        .position(NewPosition {
            summary: "Cobalt is a standing commitment.",
            ..Default::default()
        })
        .await;
    all.insert(node_id("Position", p.id));

    let mut seen = BTreeSet::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let data = app
            .data(SEARCH, json!({ "q": "cobalt", "first": 3, "after": after }))
            .await;
        let page = &data["search"];
        assert_eq!(page["totalCount"], 8);
        assert_eq!(page["pageInfo"]["hasPreviousPage"], pages > 0);
        let ids = ids(&data);
        assert!(seen.is_disjoint(&ids), "pages overlap");
        seen.extend(ids);
        pages += 1;
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = Some(page["pageInfo"]["endCursor"].as_str().unwrap().to_owned());
        assert!(pages < 5, "too many pages");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, all);

    let data = app.data(SEARCH, json!({ "q": "cobalt", "first": 0 })).await;
    assert!(ids(&data).is_empty());
    assert_eq!(data["search"]["pageInfo"]["hasNextPage"], true);
}

#[tokio::test]
async fn bad_search_input_is_refused() {
    let app = spawn_app().await;
    let sessions_cursor = app
        .data(
            "{ sessions(first: 1) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await;
    let long = "a".repeat(101);
    let eleven = "word ".repeat(11);
    for vars in [
        json!({ "q": "" }),
        json!({ "q": "   \t " }),
        json!({ "q": eleven }),
        json!({ "q": long }),
        json!({ "q": "lantern", "first": 101 }),
        json!({ "q": "lantern", "first": -1 }),
        json!({ "q": "lantern", "after": "garbage" }),
        json!({ "q": "lantern", "after": node_id("search", -5) }),
        json!({ "q": "lantern", "after": sessions_cursor["sessions"]["pageInfo"]["endCursor"] }),
    ] {
        let body = app.gql(SEARCH, vars.clone()).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{vars}: {body}");
    }
}

#[tokio::test]
async fn bulk_inserts_and_deletes_are_indexed() {
    // Rows written without the API (as the importer and generators do).
    let app = spawn_empty_app().await;
    let ev = app.event("nri-fictional", 2025).await;
    let s = app
        .session(&ev, "WS #5", "Placeholder", SessionKind::Workshop, None)
        .await;
    let mut rows = Vec::new();
    for text in ["Where does obsidian policy live?", "Is obsidian enough?"] {
        rows.push(policy_question::ActiveModel {
            session_id: Set(s.id),
            position: Set(1),
            text: Set(text.into()),
            version: Set(1),
            ..Default::default()
        });
    }
    policy_question::Entity::insert_many(rows)
        .exec(app.db())
        .await
        .unwrap();
    assert_eq!(found(&app, "obsidian").await.len(), 2);

    session::Entity::delete_many().exec(app.db()).await.unwrap();
    assert!(found(&app, "obsidian").await.is_empty());
}

/// What of the search index the database holds: SQLite's table and
/// triggers, or PostgreSQL's columns and indexes.
async fn search_objects(app: &TestApp) -> i64 {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let backend = app.db().get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => "SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'search%'",
        _ => {
            "SELECT (SELECT count(*) FROM information_schema.columns WHERE column_name = 'search_tsv')
                  + (SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%search_tsv') AS n"
        }
    };
    let row = app
        .db()
        .query_one_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test]
async fn the_search_migration_goes_down_and_up_again_with_existing_rows() {
    use migration::{Migrator, MigratorTrait};
    let app = spawn_empty_app().await;
    let ev = app.event("nri-fictional", 2025).await;
    let before = session_with(&app, &ev, "WS #1", "Lantern networks", None).await;
    assert!(search_objects(&app).await > 0);
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let ours = names
        .iter()
        .position(|n| n == "m20250601_000005_search")
        .unwrap();

    Migrator::down(app.db(), Some((names.len() - ours) as u32))
        .await
        .unwrap();
    assert_eq!(search_objects(&app).await, 0);
    // Rows written meanwhile are indexed when the migration runs again.
    // The schema is the one of that time: later migrations (columns added
    // to sessions) are down too, so the row names only the columns it sets
    // and reads nothing back.
    let now = chrono::Utc::now();
    session::Entity::insert(session::ActiveModel {
        event_id: Set(ev.id),
        code: Set("WS #2".into()),
        kind: Set(SessionKind::Workshop),
        title: Set("Lantern keepers".into()),
        title_folded: Set(entity::fold("Lantern keepers")),
        participant_gains: Set(json!([])),
        extra_sections: Set(json!([])),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(app.db())
    .await
    .unwrap();
    Migrator::up(app.db(), None).await.unwrap();
    let during = session::Entity::find()
        .filter(session::Column::Code.eq("WS #2"))
        .one(app.db())
        .await
        .unwrap()
        .expect("the session written while the migration was down");

    assert_eq!(
        found(&app, "lantern").await,
        set([node_id("Session", before.id), node_id("Session", during.id)])
    );
}
