//! Nested fields both ways: session → event, roles, questions, positions,
//! cited paragraphs; person → roles, positions; position → its relations.

use entity::{
    person, policy_question, position, session, session::SessionKind, session_paragraph,
    session_role::RoleKind,
};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

use crate::helpers::*;

struct Arranged {
    /// The ids of the paragraphs WS #1 cites.
    paragraphs: Vec<i64>,
}

/// Three sessions of one event, three people with roles, two policy
/// questions, two cited paragraphs, and positions stored interleaved across
/// sessions and people, with a draft among them.
async fn arrange(app: &TestApp) -> Arranged {
    let event = app.event("nri-nested", 2024).await;
    let s1 = app
        .session(
            &event,
            "WS #1",
            "First nested session",
            SessionKind::Workshop,
            None,
        )
        .await;
    let s2 = app
        .session(
            &event,
            "WS #2",
            "Second nested session",
            SessionKind::OpenForum,
            None,
        )
        .await;
    app.session(
        &event,
        "WS #3",
        "Quiet session",
        SessionKind::TownHall,
        None,
    )
    .await;
    let ada = app
        .person("Ada Fictional", Some("civil-society"), Some("weog"))
        .await;
    let bo = app
        .person("Bo Imaginary", Some("government"), Some("african"))
        .await;
    let cyd = app
        .person("Cyd Madeup", Some("technical-community"), Some("grulac"))
        .await;

    // Stored out of display order; Ada declares another group for WS #1.
    app.role(
        &s1,
        Some(&cyd),
        RoleKind::Moderator,
        1,
        "technical-community",
        "grulac",
    )
    .await;
    app.role(
        &s1,
        Some(&bo),
        RoleKind::Speaker,
        2,
        "government",
        "african",
    )
    .await;
    app.role(
        &s1,
        None,
        RoleKind::Organizer,
        1,
        "civil-society",
        "eastern-european",
    )
    .await;
    app.role(
        &s1,
        Some(&ada),
        RoleKind::Speaker,
        1,
        "private-sector",
        "asia-pacific",
    )
    .await;
    app.role(
        &s2,
        Some(&ada),
        RoleKind::Speaker,
        1,
        "civil-society",
        "weog",
    )
    .await;

    let mut questions = Vec::new();
    for (order, text) in [
        (2, "Second fictional question?"),
        (1, "First fictional question?"),
    ] {
        let q = policy_question::ActiveModel {
            session_id: Set(s1.id),
            position: Set(order),
            text: Set(text.into()),
            version: Set(1),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
        questions.push(q);
    }

    let reference = app.state.reference();
    let mut paragraphs = Vec::new();
    for (document, number) in [("global-digital-compact", 27), ("tunis-agenda", 70)] {
        let doc = reference
            .documents
            .iter()
            .find(|d| d.code == document)
            .unwrap();
        let paragraph = reference
            .paragraphs
            .iter()
            .find(|p| p.document_id == doc.id && p.number == number)
            .unwrap();
        session_paragraph::ActiveModel {
            session_id: Set(s1.id),
            paragraph_id: Set(paragraph.id),
        }
        .insert(app.db())
        .await
        .unwrap();
        paragraphs.push(paragraph.id);
    }

    let at = |s: &session::Model, p: Option<&person::Model>, summary: &'static str| {
        (s.clone(), p.cloned(), summary)
    };
    let stored = [
        at(&s1, Some(&ada), "s1-a"),
        at(&s2, Some(&bo), "s2-a"),
        at(&s1, None, "s1-b"),
        at(&s2, Some(&ada), "s2-b"),
        at(&s1, Some(&bo), "s1-c"),
        at(&s1, Some(&ada), "s1-d"),
        at(&s2, None, "s2-c"),
        at(&s1, None, "s1-e"),
    ];
    for (i, (session, person, summary)) in stored.iter().enumerate() {
        app.position(NewPosition {
            summary,
            stance: "new-mechanism",
            session: Some(session),
            person: person.as_ref(),
            group: Some("civil-society"),
            region: Some("weog"),
            ..Default::default()
        })
        .await;
        if i == 2 {
            // A draft between published ones, by Ada in WS #1.
            app.position(NewPosition {
                summary: "s1-draft",
                session: Some(&s1),
                person: Some(&ada),
                published: false,
                ..Default::default()
            })
            .await;
        }
    }
    // s1-a answers the first question, with a group and region written
    // otherwise than their codes.
    let mut s1a = position_by_summary(app, "s1-a").await.into_active_model();
    s1a.policy_question_id = Set(Some(questions[1].id));
    s1a.stakeholder_group_id = Set(Some(app.group_id("government")));
    s1a.stakeholder_group_raw = Set(Some("Government (as written)".into()));
    s1a.region_id = Set(Some(app.region_id("african")));
    s1a.region_raw = Set(Some("Africa (as written)".into()));
    s1a.update(app.db()).await.unwrap();

    Arranged { paragraphs }
}

async fn position_by_summary(app: &TestApp, summary: &str) -> position::Model {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    position::Entity::find()
        .filter(position::Column::Summary.eq(summary))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

fn summaries(conn: &Value) -> Vec<&str> {
    conn["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["summary"].as_str().unwrap())
        .collect()
}

const SESSION: &str = r#"query($code: String!) { session(event: "nri-nested", code: $code) {"#;

#[tokio::test]
async fn a_session_shows_its_event() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    let data = app
        .data(
            &format!("{SESSION} event {{ code name kind year }} }} }}"),
            json!({ "code": "WS #2" }),
        )
        .await;

    assert_eq!(
        data["session"]["event"],
        json!({ "code": "nri-nested", "name": "NRI-NESTED", "kind": "NRI_NATIONAL", "year": 2024 })
    );
}

#[tokio::test]
async fn a_session_lists_its_roles_by_kind_then_order_as_declared_for_it() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    let data = app
        .data(
            &format!(
                "{SESSION} roles {{ role order person {{ name stakeholderGroup {{ code }} }}
                   stakeholderGroup {{ code }} stakeholderGroupAsWritten region {{ code }} regionAsWritten }}
                 speakers: roles(role: SPEAKER) {{ order person {{ name }} }} }} }}"
            ),
            json!({ "code": "WS #1" }),
        )
        .await;

    let role = |role: &str, order: i32, person: Value, group: &str, region: &str| {
        json!({ "role": role, "order": order, "person": person,
                "stakeholderGroup": { "code": group }, "stakeholderGroupAsWritten": group,
                "region": { "code": region }, "regionAsWritten": region })
    };
    let person =
        |name: &str, group: &str| json!({ "name": name, "stakeholderGroup": { "code": group } });
    assert_eq!(
        data["session"]["roles"],
        json!([
            role(
                "ORGANIZER",
                1,
                Value::Null,
                "civil-society",
                "eastern-european"
            ),
            role(
                "SPEAKER",
                1,
                person("Ada Fictional", "civil-society"),
                "private-sector",
                "asia-pacific"
            ),
            role(
                "SPEAKER",
                2,
                person("Bo Imaginary", "government"),
                "government",
                "african"
            ),
            role(
                "MODERATOR",
                1,
                person("Cyd Madeup", "technical-community"),
                "technical-community",
                "grulac"
            ),
        ]),
        "a role keeps the group declared for its session, apart from the person's current one"
    );
    assert_eq!(
        data["session"]["speakers"],
        json!([{ "order": 1, "person": { "name": "Ada Fictional" } }, { "order": 2, "person": { "name": "Bo Imaginary" } }])
    );
}

#[tokio::test]
async fn a_session_lists_its_policy_questions_in_order() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    let data = app
        .data(
            &format!("{SESSION} policyQuestions {{ order text session {{ code }} }} }} }}"),
            json!({ "code": "WS #1" }),
        )
        .await;

    assert_eq!(
        data["session"]["policyQuestions"],
        json!([
            { "order": 1, "text": "First fictional question?", "session": { "code": "WS #1" } },
            { "order": 2, "text": "Second fictional question?", "session": { "code": "WS #1" } }
        ])
    );
}

#[tokio::test]
async fn a_session_lists_the_paragraphs_it_cites() {
    let app = spawn_empty_app().await;
    let arranged = arrange(&app).await;
    let mut ids = arranged.paragraphs.clone();
    ids.sort();
    let reference = app.state.reference();
    let expected: Vec<Value> = ids
        .iter()
        .map(|id| {
            let p = reference.paragraph(*id).unwrap();
            let doc = reference.document(p.document_id).unwrap();
            json!({ "number": p.number, "document": { "code": doc.code } })
        })
        .collect();

    let data = app
        .data(
            &format!(
                "{SESSION} citedParagraphs {{ number document {{ code }} }} }}
                 other: session(event: \"nri-nested\", code: \"WS #2\") {{ citedParagraphs {{ number }} }} }}"
            ),
            json!({ "code": "WS #1" }),
        )
        .await;

    assert_eq!(data["session"]["citedParagraphs"], json!(expected));
    assert_eq!(expected.len(), 2);
    assert_eq!(data["other"]["citedParagraphs"], json!([]));
}

#[tokio::test]
async fn a_session_pages_its_published_positions_with_first_and_after() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let query = r#"query($code: String!, $after: String) { session(event: "nri-nested", code: $code) {
           positions(first: 2, after: $after) { totalCount
             pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { summary } } } } }"#;

    let mut pages = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = app
            .data(query, json!({ "code": "WS #1", "after": after }))
            .await;
        let conn = data["session"]["positions"].clone();
        after = conn["pageInfo"]["endCursor"].clone();
        let more = conn["pageInfo"]["hasNextPage"] == true;
        pages.push(conn);
        if !more || pages.len() > 5 {
            break;
        }
    }

    let got: Vec<Vec<&str>> = pages.iter().map(summaries).collect();
    assert_eq!(
        got,
        [vec!["s1-a", "s1-b"], vec!["s1-c", "s1-d"], vec!["s1-e"]]
    );
    for (i, conn) in pages.iter().enumerate() {
        assert_eq!(conn["totalCount"], 5, "the draft is not counted: {conn}");
        assert_eq!(conn["pageInfo"]["hasPreviousPage"], i > 0, "{conn}");
        assert_eq!(conn["pageInfo"]["hasNextPage"], i < 2, "{conn}");
        let edges = conn["edges"].as_array().unwrap();
        assert_eq!(conn["pageInfo"]["startCursor"], edges[0]["cursor"]);
        assert_eq!(
            conn["pageInfo"]["endCursor"],
            edges[edges.len() - 1]["cursor"]
        );
    }
}

#[tokio::test]
async fn a_person_lists_their_roles_each_with_its_session() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let query = r#"query($after: String) { people(filter: { name: "ada" }) { edges { node {
        roles(first: 1, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { node { role order stakeholderGroup { code } session { code title } } } } } } } }"#;

    let first = app.data(query, json!({})).await["people"]["edges"][0]["node"]["roles"].clone();
    let second = app
        .data(query, json!({ "after": first["pageInfo"]["endCursor"] }))
        .await["people"]["edges"][0]["node"]["roles"]
        .clone();

    assert_eq!(first["totalCount"], 2);
    assert_eq!(
        first["edges"][0]["node"],
        json!({ "role": "SPEAKER", "order": 1, "stakeholderGroup": { "code": "private-sector" },
                "session": { "code": "WS #1", "title": "First nested session" } })
    );
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(second["totalCount"], 2);
    assert_eq!(
        second["edges"][0]["node"],
        json!({ "role": "SPEAKER", "order": 1, "stakeholderGroup": { "code": "civil-society" },
                "session": { "code": "WS #2", "title": "Second nested session" } })
    );
    assert_eq!(second["pageInfo"]["hasNextPage"], false);
    assert_eq!(second["pageInfo"]["hasPreviousPage"], true);
}

#[tokio::test]
async fn a_person_lists_their_published_positions_in_recording_order() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    let data = app
        .data(
            r#"{ people(filter: { name: "ada" }) { edges { node {
                 positions { totalCount edges { node { summary session { code } person { name } } } } } } } }"#,
            json!({}),
        )
        .await;

    let positions = &data["people"]["edges"][0]["node"]["positions"];
    assert_eq!(positions["totalCount"], 3, "the draft is not counted");
    let got: Vec<(&str, &str, &str)> = positions["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = &e["node"];
            (
                n["summary"].as_str().unwrap(),
                n["session"]["code"].as_str().unwrap(),
                n["person"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("s1-a", "WS #1", "Ada Fictional"),
            ("s2-b", "WS #2", "Ada Fictional"),
            ("s1-d", "WS #1", "Ada Fictional")
        ]
    );
}

#[tokio::test]
async fn a_position_shows_its_person_session_question_stance_group_and_region() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    app.position(NewPosition {
        summary: "anonymous and unplaced",
        ..Default::default()
    })
    .await;
    let fields = "summary person { name } session { code event { code } } policyQuestion { order text }
                  stance { code topic { code } } topic { code } stakeholderGroup { code } stakeholderGroupAsWritten
                  region { code } regionAsWritten participationMode source status";

    let data = app
        .data(
            &format!("{{ positions(first: 100) {{ edges {{ node {{ {fields} }} }} }} }}"),
            json!({}),
        )
        .await;

    let edges = data["positions"]["edges"].as_array().unwrap();
    let s1a = edges
        .iter()
        .find(|e| e["node"]["summary"] == "s1-a")
        .unwrap();
    assert_eq!(
        s1a["node"],
        json!({
            "summary": "s1-a",
            "person": { "name": "Ada Fictional" },
            "session": { "code": "WS #1", "event": { "code": "nri-nested" } },
            "policyQuestion": { "order": 1, "text": "First fictional question?" },
            "stance": { "code": "new-mechanism", "topic": { "code": "enhanced-cooperation" } },
            "topic": { "code": "enhanced-cooperation" },
            "stakeholderGroup": { "code": "government" },
            "stakeholderGroupAsWritten": "Government (as written)",
            "region": { "code": "african" },
            "regionAsWritten": "Africa (as written)",
            "participationMode": null,
            "source": "INTERVENTION",
            "status": "PUBLISHED"
        })
    );
    let bare = edges
        .iter()
        .find(|e| e["node"]["summary"] == "anonymous and unplaced")
        .unwrap();
    for field in [
        "person",
        "session",
        "policyQuestion",
        "stakeholderGroup",
        "region",
        "regionAsWritten",
    ] {
        assert!(
            bare["node"][field].is_null(),
            "{field} of a position without one is null: {bare}"
        );
    }
    assert_eq!(bare["node"]["stance"]["code"], "complementary");
}

#[tokio::test]
async fn nested_position_pages_of_several_sessions_in_one_request_keep_each_sessions_own_rows() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let page = "positions(first: 2, after: $AFTER) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
                edges { node { summary session { code } } } }";

    let first = app
        .data(
            &format!(
                r#"{{ sessions(filter: {{ event: "nri-nested" }}) {{ edges {{ node {{ code {} }} }} }} }}"#,
                page.replace(", after: $AFTER", "")
            ),
            json!({}),
        )
        .await;
    let by_code: Vec<(String, Value)> = first["sessions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["code"].as_str().unwrap().to_owned(),
                e["node"]["positions"].clone(),
            )
        })
        .collect();
    let cursor_of = |code: &str| {
        by_code.iter().find(|(c, _)| c == code).unwrap().1["pageInfo"]["endCursor"].clone()
    };
    let second = app
        .data(
            &format!(
                r#"query($one: String, $two: String) {{
                     one: session(event: "nri-nested", code: "WS #1") {{ {} }}
                     two: session(event: "nri-nested", code: "WS #2") {{ {} }} }}"#,
                page.replace("$AFTER", "$one"),
                page.replace("$AFTER", "$two")
            ),
            json!({ "one": cursor_of("WS #1"), "two": cursor_of("WS #2") }),
        )
        .await;

    let firsts: Vec<(&str, Vec<&str>, &Value, &Value)> = by_code
        .iter()
        .map(|(code, conn)| {
            (
                code.as_str(),
                summaries(conn),
                &conn["totalCount"],
                &conn["pageInfo"]["hasNextPage"],
            )
        })
        .collect();
    assert_eq!(
        firsts,
        [
            ("WS #1", vec!["s1-a", "s1-b"], &json!(5), &json!(true)),
            ("WS #2", vec!["s2-a", "s2-b"], &json!(3), &json!(true)),
            ("WS #3", vec![], &json!(0), &json!(false)),
        ]
    );
    for (code, conn) in &by_code {
        for edge in conn["edges"].as_array().unwrap() {
            assert_eq!(
                edge["node"]["session"]["code"],
                json!(code),
                "each session gets its own positions"
            );
        }
    }
    let one = &second["one"]["positions"];
    let two = &second["two"]["positions"];
    assert_eq!(summaries(one), ["s1-c", "s1-d"]);
    assert_eq!(
        (&one["totalCount"], &one["pageInfo"]["hasNextPage"]),
        (&json!(5), &json!(true))
    );
    assert_eq!(one["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(summaries(two), ["s2-c"]);
    assert_eq!(
        (&two["totalCount"], &two["pageInfo"]["hasNextPage"]),
        (&json!(3), &json!(false))
    );
    assert_eq!(two["pageInfo"]["hasPreviousPage"], true);
}

#[tokio::test]
async fn nested_roles_and_positions_of_several_people_in_one_request_keep_each_persons_own_rows() {
    let app = spawn_empty_app().await;
    arrange(&app).await;

    let data = app
        .data(
            "{ people { edges { node { name
                 roles(first: 1) { totalCount edges { node { role session { code } } } }
                 positions(first: 2) { totalCount pageInfo { hasNextPage } edges { node { summary } } } } } } }",
            json!({}),
        )
        .await;

    let got: Vec<Value> = data["people"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = &e["node"];
            json!([
                n["name"],
                n["roles"]["totalCount"],
                n["roles"]["edges"],
                n["positions"]["totalCount"],
                n["positions"]["pageInfo"]["hasNextPage"],
                summaries(&n["positions"])
            ])
        })
        .collect();
    let role =
        |role: &str, code: &str| json!([{ "node": { "role": role, "session": { "code": code } } }]);
    assert_eq!(
        got,
        [
            json!([
                "Ada Fictional",
                2,
                role("SPEAKER", "WS #1"),
                3,
                true,
                ["s1-a", "s2-b"]
            ]),
            json!([
                "Bo Imaginary",
                1,
                role("SPEAKER", "WS #1"),
                2,
                false,
                ["s2-a", "s1-c"]
            ]),
            json!([
                "Cyd Madeup",
                1,
                role("MODERATOR", "WS #1"),
                0,
                false,
                Vec::<&str>::new()
            ]),
        ]
    );
}

#[tokio::test]
async fn nested_connections_refuse_bad_page_arguments() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    let session_cursor = app
        .data(
            "{ sessions(first: 1) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await["sessions"]["pageInfo"]["endCursor"]
        .clone();
    let positions_cursor = app
        .data(
            "{ positions(first: 1) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await["positions"]["pageInfo"]["endCursor"]
        .clone();

    for (query, vars, says) in [
        (
            format!("{SESSION} positions(first: 101) {{ totalCount }} }} }}"),
            json!({ "code": "WS #1" }),
            "`first` must be between 0 and 100, got 101",
        ),
        (
            format!("{SESSION} positions(first: -1) {{ totalCount }} }} }}"),
            json!({ "code": "WS #1" }),
            "`first` must be between 0 and 100, got -1",
        ),
        (
            "query($c: String) { people { edges { node { positions(after: $c) { totalCount } } } } }".to_owned(),
            json!({ "c": session_cursor }),
            "is not a cursor of this list",
        ),
        (
            "query($c: String) { people { edges { node { roles(after: $c) { totalCount } } } } }".to_owned(),
            json!({ "c": positions_cursor }),
            "is not a cursor of this list",
        ),
    ] {
        let body = app.gql(&query, vars).await;

        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{query}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(says), "the message {message:?} should say {says:?}");
    }
}
