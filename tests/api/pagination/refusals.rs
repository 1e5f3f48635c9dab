//! The largest page size, and the page arguments that are refused.

use super::*;

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
