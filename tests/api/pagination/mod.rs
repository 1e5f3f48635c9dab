//! Relay connections of `sessions`, `people` and `positions`: page sizes,
//! walking forward and backward, `pageInfo`, `totalCount`, and refusals.

mod page_info;
mod refusals;
mod walking;

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
