//! Page sizes, and walking each list forward and backward.

use super::*;

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
