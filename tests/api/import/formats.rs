//! The room layout and the length where real pages put them: the layout
//! alone on a line with no `Format` heading, a `Panel - 30 Min` line after
//! role blocks whose labels were lost, and the length from the schedule
//! line's start and end when nothing else gives it.

use super::*;

const FORMAT_ALONE_2022: &str = include_str!("../proposals/ws2022-format-alone.txt");
const PANEL_AFTER_NAMES_2024: &str = include_str!("../proposals/lt2024-panel-after-names.txt");

#[tokio::test]
async fn a_layout_alone_on_its_line_is_the_format_and_the_schedule_gives_the_length() {
    let (app, admin) = arrange().await;

    import(&app, &admin, EVENT, FORMAT_ALONE_2022).await;

    let stored = session(&app, &admin, EVENT, "WS #144").await;
    assert_eq!(stored["format"], "CLASSROOM");
    assert_eq!(stored["durationMinutes"], 90, "from 09:00 to 10:30");
    assert_eq!(stored["room"], "Room 3");
    assert_eq!(sections(&stored), Vec::<(String, String)>::new());
}

#[tokio::test]
async fn a_layout_line_after_names_without_labels_is_the_format() {
    let (app, admin) = arrange().await;

    import(&app, &admin, EVENT, PANEL_AFTER_NAMES_2024).await;

    let stored = session(&app, &admin, EVENT, "Lightning Talk #12").await;
    assert_eq!(
        roles(&stored),
        [
            "ORGANIZER 1: Jonas Falk, -, -",
            "SPEAKER 1: Jonas Falk, civil-society as Civil Society, weog as WEOG",
            "MODERATOR 1: Lea Sample, -, -",
            "ONLINE_MODERATOR 1: Noor Fictive, -, -",
        ]
    );
    assert_eq!(stored["format"], "OTHER");
    assert_eq!(stored["durationMinutes"], 30);
    assert_eq!(sections(&stored), Vec::<(String, String)>::new());
}
