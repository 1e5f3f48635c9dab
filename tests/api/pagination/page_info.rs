//! `pageInfo` and `totalCount` on first, middle, last and empty pages.

use super::*;

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
