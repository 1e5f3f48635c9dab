//! Relay connections of `sessions`, `people` and `positions`: page sizes,
//! walking forward and backward, `pageInfo`, `totalCount`, and refusals.

use std::collections::HashSet;

use entity::session::SessionKind;
use serde_json::{Value, json};

use crate::helpers::*;

/// One of the root connections.
#[derive(Debug, Clone, Copy)]
enum List {
    Sessions,
    People,
    Positions,
}

const LISTS: [List; 3] = [List::Sessions, List::People, List::Positions];

impl List {
    fn field(self) -> &'static str {
        match self {
            List::Sessions => "sessions",
            List::People => "people",
            List::Positions => "positions",
        }
    }

    fn filter_type(self) -> &'static str {
        match self {
            List::Sessions => "SessionFilterInput",
            List::People => "PersonFilterInput",
            List::Positions => "PositionFilterInput",
        }
    }

    /// The fields that tell the rows of this list apart.
    fn fields(self) -> &'static str {
        match self {
            List::Sessions => "code title",
            List::People => "name region { code }",
            List::Positions => "summary",
        }
    }

    /// A row as the tests compare it.
    fn label(self, node: &Value) -> String {
        match self {
            List::Sessions => format!("{} / {}", str_of(&node["code"]), str_of(&node["title"])),
            List::People => format!(
                "{} / {}",
                str_of(&node["name"]),
                node["region"]["code"].as_str().unwrap_or("-")
            ),
            List::Positions => str_of(&node["summary"]).to_owned(),
        }
    }

    fn query(self) -> String {
        format!(
            "query($filter: {ty}, $first: Int, $after: String, $last: Int, $before: String) {{
               {field}(filter: $filter, first: $first, after: $after, last: $last, before: $before) {{
                 totalCount
                 pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
                 edges {{ cursor node {{ id {fields} }} }}
               }}
             }}",
            ty = self.filter_type(),
            field = self.field(),
            fields = self.fields(),
        )
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// One page of `list`; `args` holds `filter`, `first`, `after`, `last`, `before`.
async fn page(app: &TestApp, list: List, args: Value) -> Value {
    app.data(&list.query(), args).await[list.field()].clone()
}

fn labels(list: List, conn: &Value) -> Vec<String> {
    conn["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| list.label(&e["node"]))
        .collect()
}

/// `startCursor` and `endCursor` are the cursors of the first and last edge,
/// or null on an empty page.
fn assert_cursors_match_edges(conn: &Value) {
    let edges = conn["edges"].as_array().unwrap();
    let info = &conn["pageInfo"];
    match (edges.first(), edges.last()) {
        (Some(first), Some(last)) => {
            assert_eq!(info["startCursor"], first["cursor"], "{conn}");
            assert_eq!(info["endCursor"], last["cursor"], "{conn}");
        }
        _ => {
            assert!(info["startCursor"].is_null(), "{conn}");
            assert!(info["endCursor"].is_null(), "{conn}");
        }
    }
}

/// Walk `list` with `first`/`after` to its end, checking every page on the
/// way, and return the rows in the order met.
async fn walk_forward(
    app: &TestApp,
    list: List,
    filter: &Value,
    size: usize,
    total: usize,
) -> Vec<String> {
    let mut rows = Vec::new();
    let mut ids = HashSet::new();
    let mut after = Value::Null;
    for page_no in 0.. {
        assert!(page_no <= total, "the walk over {list:?} does not end");
        let conn = page(
            app,
            list,
            json!({ "filter": filter, "first": size, "after": after }),
        )
        .await;
        assert_eq!(conn["totalCount"], total, "page {page_no}: {conn}");
        assert_eq!(
            conn["pageInfo"]["hasPreviousPage"],
            page_no > 0,
            "page {page_no}: {conn}"
        );
        assert_cursors_match_edges(&conn);
        let edges = conn["edges"].as_array().unwrap();
        for edge in edges {
            let id = str_of(&edge["node"]["id"]).to_owned();
            assert!(ids.insert(id), "{list:?} repeats a row: {edge}");
        }
        rows.extend(labels(list, &conn));
        if conn["pageInfo"]["hasNextPage"] == false {
            break;
        }
        assert_eq!(edges.len(), size, "a page before the last is full: {conn}");
        after = conn["pageInfo"]["endCursor"].clone();
    }
    rows
}

/// Walk `list` with `last`/`before` to its start and return the rows in
/// display order.
async fn walk_backward(
    app: &TestApp,
    list: List,
    filter: &Value,
    size: usize,
    total: usize,
) -> Vec<String> {
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut ids = HashSet::new();
    let mut before = Value::Null;
    for page_no in 0.. {
        assert!(page_no <= total, "the walk over {list:?} does not end");
        let conn = page(
            app,
            list,
            json!({ "filter": filter, "last": size, "before": before }),
        )
        .await;
        assert_eq!(conn["totalCount"], total, "page {page_no}: {conn}");
        assert_eq!(
            conn["pageInfo"]["hasNextPage"],
            page_no > 0,
            "page {page_no}: {conn}"
        );
        assert_cursors_match_edges(&conn);
        let edges = conn["edges"].as_array().unwrap();
        for edge in edges {
            let id = str_of(&edge["node"]["id"]).to_owned();
            assert!(ids.insert(id), "{list:?} repeats a row: {edge}");
        }
        pages.push(labels(list, &conn));
        if conn["pageInfo"]["hasPreviousPage"] == false {
            break;
        }
        assert_eq!(edges.len(), size, "a page before the first is full: {conn}");
        before = conn["pageInfo"]["startCursor"].clone();
    }
    pages.into_iter().rev().flatten().collect()
}

/// What `arrange` stored: for each list, the filter that picks the 25 rows
/// under test and those rows in the order the list must give them. Three
/// more rows per list lie outside the filter.
struct Arranged {
    sessions: Vec<String>,
    people: Vec<String>,
    positions: Vec<String>,
}

const ROWS: usize = 25;

impl Arranged {
    fn expected(&self, list: List) -> &[String] {
        match list {
            List::Sessions => &self.sessions,
            List::People => &self.people,
            List::Positions => &self.positions,
        }
    }
}

fn filter_of(list: List) -> Value {
    match list {
        List::Sessions => json!({ "event": "nri-paging" }),
        List::People => json!({ "region": "weog" }),
        List::Positions => json!({ "stance": "complementary" }),
    }
}

/// Rows are stored out of their display order, so that an id order would
/// not pass for a code or name order.
async fn arrange(app: &TestApp) -> Arranged {
    let paging = app.event("nri-paging", 2025).await;
    let other = app.event("nri-other", 2025).await;
    let shuffled = |i: usize| (i * 7) % ROWS + 1;

    let mut sessions = Vec::new();
    for i in 0..ROWS {
        let code = format!("S{:02}", shuffled(i));
        let title = format!("Paging session {}", 100 + i);
        let s = app
            .session(&paging, &code, &title, SessionKind::Workshop, None)
            .await;
        sessions.push((s.code, s.id, s.title));
    }
    for i in 0..3 {
        app.session(
            &other,
            &format!("S{:02}", i + 1),
            "Elsewhere",
            SessionKind::OpenForum,
            None,
        )
        .await;
    }
    sessions.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));

    let mut people = Vec::new();
    for i in 0..ROWS {
        let name = format!("Fictional Speaker {:02}", shuffled(i));
        let p = app.person(&name, Some("civil-society"), Some("weog")).await;
        people.push((p.name, p.id));
    }
    for i in 0..3 {
        app.person(&format!("Fictional Outsider {i}"), None, Some("african"))
            .await;
    }
    people.sort();

    let mut positions = Vec::new();
    for i in 0..ROWS {
        let summary = format!("Complementary view {}", shuffled(i));
        let p = app
            .position(NewPosition {
                stance: "complementary",
                summary: &summary,
                ..Default::default()
            })
            .await;
        positions.push((p.id, p.summary));
    }
    for _ in 0..3 {
        app.position(NewPosition {
            stance: "concluded",
            summary: "Concluded view",
            ..Default::default()
        })
        .await;
    }
    positions.sort();

    Arranged {
        sessions: sessions
            .into_iter()
            .map(|(code, _, title)| format!("{code} / {title}"))
            .collect(),
        people: people
            .into_iter()
            .map(|(name, _)| format!("{name} / weog"))
            .collect(),
        positions: positions.into_iter().map(|(_, summary)| summary).collect(),
    }
}

fn assert_refused(body: &Value, code: &str, says: &str) {
    assert_eq!(error_code(body), code, "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains(says),
        "the message {message:?} should say {says:?}"
    );
    assert!(
        body["data"].is_null(),
        "a refused page returns no data: {body}"
    );
}

#[tokio::test]
async fn each_list_gives_twenty_rows_when_no_page_size_is_asked() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;

    for list in LISTS {
        let conn = page(&app, list, json!({ "filter": filter_of(list) })).await;

        assert_eq!(
            labels(list, &conn),
            arranged.expected(list)[..20],
            "{list:?}"
        );
        assert_eq!(conn["pageInfo"]["hasNextPage"], true, "{list:?}");
        assert_eq!(conn["totalCount"], ROWS, "{list:?}");
    }
}

#[tokio::test]
async fn walking_sessions_forward_meets_every_session_once_by_code_then_id() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;

    let rows = walk_forward(&app, List::Sessions, &filter_of(List::Sessions), 7, ROWS).await;

    assert_eq!(rows, arranged.sessions);
}

#[tokio::test]
async fn walking_people_forward_meets_every_person_once_by_name_then_id() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;

    let rows = walk_forward(&app, List::People, &filter_of(List::People), 7, ROWS).await;

    assert_eq!(rows, arranged.people);
}

#[tokio::test]
async fn walking_positions_forward_meets_every_position_once_by_id() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;

    let rows = walk_forward(&app, List::Positions, &filter_of(List::Positions), 7, ROWS).await;

    assert_eq!(rows, arranged.positions);
}

#[tokio::test]
async fn walking_each_list_backward_meets_every_row_once_in_the_same_order() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;

    for list in LISTS {
        let rows = walk_backward(&app, list, &filter_of(list), 7, ROWS).await;

        assert_eq!(rows, arranged.expected(list), "{list:?}");
    }
}

#[tokio::test]
async fn page_info_describes_the_first_a_middle_and_the_exact_last_page() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;
    let list = List::Sessions;
    let filter = filter_of(list);

    let first = page(&app, list, json!({ "filter": filter, "first": 5 })).await;
    let second = page(
        &app,
        list,
        json!({ "filter": filter, "first": 5, "after": first["pageInfo"]["endCursor"] }),
    )
    .await;
    // Pages three and four lie between the second and the last.
    let mut cursor = second["pageInfo"]["endCursor"].clone();
    for _ in 0..2 {
        let p = page(
            &app,
            list,
            json!({ "filter": filter, "first": 5, "after": cursor }),
        )
        .await;
        cursor = p["pageInfo"]["endCursor"].clone();
    }
    let last = page(
        &app,
        list,
        json!({ "filter": filter, "first": 5, "after": cursor }),
    )
    .await;

    assert_eq!(labels(list, &first), arranged.sessions[0..5]);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_cursors_match_edges(&first);
    assert_eq!(labels(list, &second), arranged.sessions[5..10]);
    assert_eq!(second["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(second["pageInfo"]["hasNextPage"], true);
    assert_cursors_match_edges(&second);
    assert_eq!(
        labels(list, &last),
        arranged.sessions[20..25],
        "the last page holds exactly 5 rows"
    );
    assert_eq!(last["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(
        last["pageInfo"]["hasNextPage"], false,
        "nothing lies after an exactly full last page"
    );
    assert_cursors_match_edges(&last);
}

#[tokio::test]
async fn page_info_describes_the_last_and_the_exact_first_page_when_walking_backward() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;
    let filter = filter_of(List::People);

    let last = page(&app, List::People, json!({ "filter": filter, "last": 5 })).await;
    let mut cursor = last["pageInfo"]["startCursor"].clone();
    for _ in 0..3 {
        let p = page(
            &app,
            List::People,
            json!({ "filter": filter, "last": 5, "before": cursor }),
        )
        .await;
        cursor = p["pageInfo"]["startCursor"].clone();
    }
    let first = page(
        &app,
        List::People,
        json!({ "filter": filter, "last": 5, "before": cursor }),
    )
    .await;

    assert_eq!(labels(List::People, &last), arranged.people[20..25]);
    assert_eq!(last["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(last["pageInfo"]["hasNextPage"], false);
    assert_cursors_match_edges(&last);
    assert_eq!(labels(List::People, &first), arranged.people[0..5]);
    assert_eq!(
        first["pageInfo"]["hasPreviousPage"], false,
        "nothing lies before an exactly full first page"
    );
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_cursors_match_edges(&first);
}

#[tokio::test]
async fn an_empty_result_has_no_edges_null_cursors_and_no_next_page() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    app.event("nri-empty", 2025).await;

    for (list, filter) in [
        (List::Sessions, json!({ "event": "nri-empty" })),
        (List::People, json!({ "name": "nobody-by-this-name" })),
        (List::Positions, json!({ "stance": "new-mechanism" })),
    ] {
        let conn = page(&app, list, json!({ "filter": filter })).await;

        assert_eq!(
            conn,
            json!({
                "totalCount": 0,
                "pageInfo": { "hasNextPage": false, "hasPreviousPage": false, "startCursor": null, "endCursor": null },
                "edges": []
            }),
            "{list:?}"
        );
    }
}

#[tokio::test]
async fn total_count_is_the_filtered_count_on_every_page() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    for list in LISTS {
        // `walk_forward` checks `totalCount` on every page it reads.
        let rows = walk_forward(&app, list, &filter_of(list), 10, ROWS).await;
        let unfiltered = page(&app, list, json!({ "first": 3 })).await;

        assert_eq!(rows.len(), ROWS, "{list:?}");
        assert_eq!(
            unfiltered["totalCount"],
            ROWS + 3,
            "{list:?}: without the filter"
        );
    }
}

#[tokio::test]
async fn first_zero_gives_no_edges_but_the_total_and_that_rows_follow() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    for list in LISTS {
        let conn = page(&app, list, json!({ "filter": filter_of(list), "first": 0 })).await;

        assert_eq!(conn["edges"], json!([]), "{list:?}");
        assert_eq!(conn["totalCount"], ROWS, "{list:?}");
        assert_eq!(conn["pageInfo"]["hasNextPage"], true, "{list:?}");
        assert_eq!(conn["pageInfo"]["hasPreviousPage"], false, "{list:?}");
        assert!(conn["pageInfo"]["endCursor"].is_null(), "{list:?}");
    }
}

#[tokio::test]
async fn a_page_size_of_a_hundred_is_the_largest_allowed() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    for list in LISTS {
        let forward = page(&app, list, json!({ "first": 100 })).await;
        let backward = page(&app, list, json!({ "last": 100 })).await;

        assert_eq!(
            forward["edges"].as_array().unwrap().len(),
            ROWS + 3,
            "{list:?}"
        );
        assert_eq!(forward["pageInfo"]["hasNextPage"], false, "{list:?}");
        assert_eq!(
            backward["edges"].as_array().unwrap().len(),
            ROWS + 3,
            "{list:?}"
        );
        assert_eq!(backward["pageInfo"]["hasPreviousPage"], false, "{list:?}");
    }
}

#[tokio::test]
async fn page_sizes_outside_zero_to_a_hundred_are_refused() {
    let app = spawn_empty_app().await;

    for list in LISTS {
        for (args, says) in [
            (
                json!({ "first": 101 }),
                "`first` must be between 0 and 100, got 101",
            ),
            (
                json!({ "last": 101 }),
                "`last` must be between 0 and 100, got 101",
            ),
            (
                json!({ "first": -1 }),
                "`first` must be between 0 and 100, got -1",
            ),
            (
                json!({ "last": -1 }),
                "`last` must be between 0 and 100, got -1",
            ),
        ] {
            let body = app.gql(&list.query(), args).await;

            assert_refused(&body, "BAD_USER_INPUT", says);
        }
    }
}

#[tokio::test]
async fn paging_forward_and_backward_at_once_is_refused() {
    let app = spawn_empty_app().await;
    let s = app.event("nri-y", 2025).await;
    app.session(&s, "WS #1", "One", SessionKind::Workshop, None)
        .await;
    let cursor = page(&app, List::Sessions, json!({})).await["pageInfo"]["endCursor"].clone();

    for list in LISTS {
        for args in [
            json!({ "first": 1, "last": 1 }),
            json!({ "first": 1, "before": cursor }),
            json!({ "last": 1, "after": cursor }),
        ] {
            let body = app.gql(&list.query(), args.clone()).await;

            assert_refused(&body, "BAD_USER_INPUT", "not both");
        }
    }
}

#[tokio::test]
async fn a_garbage_cursor_is_refused() {
    let app = spawn_empty_app().await;

    for list in LISTS {
        for args in [
            json!({ "after": "garbage" }),
            json!({ "before": "garbage" }),
            json!({ "after": "%%% not base64 %%%" }),
        ] {
            let body = app.gql(&list.query(), args).await;

            assert_refused(&body, "BAD_USER_INPUT", "is not a cursor of this list");
        }
    }
}

#[tokio::test]
async fn a_cursor_from_another_list_is_refused() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let mut cursors = Vec::new();
    for list in LISTS {
        let conn = page(&app, list, json!({ "first": 1 })).await;
        cursors.push((list, conn["pageInfo"]["endCursor"].clone()));
    }

    for (from, cursor) in &cursors {
        for to in LISTS.into_iter().filter(|to| to.field() != from.field()) {
            for args in [json!({ "after": cursor }), json!({ "before": cursor })] {
                let body = app.gql(&to.query(), args).await;

                assert_eq!(
                    error_code(&body),
                    "BAD_USER_INPUT",
                    "a {from:?} cursor given to {to:?}: {body}"
                );
                assert!(
                    body["errors"][0]["message"]
                        .as_str()
                        .unwrap()
                        .contains("is not a cursor of this list"),
                    "{body}"
                );
            }
        }
    }
}

#[tokio::test]
async fn sessions_with_the_same_code_in_different_events_page_without_skipping_or_repeating() {
    let app = spawn_empty_app().await;
    let mut stored = Vec::new();
    for (event, codes) in [
        ("nri-one", ["WS #2", "WS #1", "WS #3"].as_slice()),
        ("nri-two", ["WS #1", "WS #2"].as_slice()),
        ("nri-three", ["WS #2", "WS #1"].as_slice()),
        ("nri-four", ["WS #2"].as_slice()),
    ] {
        let e = app.event(event, 2025).await;
        for code in codes {
            let title = format!("{code} at {event}");
            let s = app
                .session(&e, code, &title, SessionKind::Workshop, None)
                .await;
            stored.push((s.code, s.id, s.title));
        }
    }
    stored.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let expected: Vec<String> = stored
        .iter()
        .map(|(code, _, title)| format!("{code} / {title}"))
        .collect();
    let total = expected.len();

    for size in [1, 2, 3] {
        let forward = walk_forward(&app, List::Sessions, &Value::Null, size, total).await;
        let backward = walk_backward(&app, List::Sessions, &Value::Null, size, total).await;

        assert_eq!(forward, expected, "forward by {size}");
        assert_eq!(backward, expected, "backward by {size}");
    }
}

#[tokio::test]
async fn people_with_the_same_name_page_without_skipping_or_repeating() {
    let app = spawn_empty_app().await;
    let mut stored = Vec::new();
    for (name, region) in [
        ("Robin Example", "weog"),
        ("Alex Sample", "african"),
        ("Robin Example", "african"),
        ("Zed Placeholder", "grulac"),
        ("Robin Example", "grulac"),
        ("Alex Sample", "asia-pacific"),
        ("Robin Example", "asia-pacific"),
    ] {
        let p = app.person(name, None, Some(region)).await;
        stored.push((p.name, p.id, region));
    }
    stored.sort();
    let expected: Vec<String> = stored
        .iter()
        .map(|(name, _, region)| format!("{name} / {region}"))
        .collect();
    let total = expected.len();

    for size in [1, 2, 3] {
        let forward = walk_forward(&app, List::People, &Value::Null, size, total).await;
        let backward = walk_backward(&app, List::People, &Value::Null, size, total).await;

        assert_eq!(forward, expected, "forward by {size}");
        assert_eq!(backward, expected, "backward by {size}");
    }
}
