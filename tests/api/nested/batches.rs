//! Nested fields of several parents in one request keep each parent's own
//! rows; bad page arguments are refused.

use super::*;

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
