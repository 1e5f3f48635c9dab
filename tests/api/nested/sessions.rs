//! A session's nested fields: its event, roles, policy questions, cited
//! paragraphs and published positions.

use super::*;

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
