//! Page furniture never ends up in stored values: the lock mark the site
//! puts before hidden affiliations, `[onsite]`-style tags (read into the
//! role's participation, and the part they name), and a group and region
//! in brackets that splitting at commas would leave with half a bracket
//! each.

use super::*;

const WORKSHOP_2023: &str = include_str!("../proposals/ws2023-furniture.txt");
const OPEN_FORUM_2022: &str = include_str!("../proposals/of2022-furniture.txt");

#[tokio::test]
async fn lock_marks_tags_and_split_brackets_are_not_stored() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, WORKSHOP_2023).await;

    let stored = session(&app, &admin, EVENT, "WS #318").await;
    assert_eq!(
        roles(&stored),
        [
            "ORGANIZER 1: Ines Fictional, -, -",
            "SPEAKER 1: Ada Mirembe, civil-society as Civil Society, african as African Group",
            "SPEAKER 2: Jonas Falk, government as Government, weog as WEOG",
            "SPEAKER 3: Lea Sample, private-sector as Private Sector, asia-pacific as Asia-Pacific Group",
        ]
    );
    assert_eq!(
        affiliations(&stored),
        [
            "Ines Fictional: Example Lighthouse Trust",
            "Ada Mirembe: Example Network",
            "Jonas Falk: Example Ministry",
            "Lea Sample: Example Telecom",
        ]
    );
    assert_eq!(
        participations(&stored),
        ["-", "-", "ONSITE", "ONLINE"],
        "[onsite] and [online] are the roles' participation"
    );
    assert_eq!(
        strings(&report["warnings"]),
        ["line 1: no Policy Question(s) section"]
    );
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(
        queue["totalCount"], 0,
        "nothing half-bracketed to review: {queue}"
    );
}

#[tokio::test]
async fn an_open_forum_with_furniture_reads_the_same_and_imports_again_unchanged() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, OPEN_FORUM_2022).await;
    let first = session(&app, &admin, EVENT, "Open Forum #19").await;
    let again = import(&app, &admin, EVENT, OPEN_FORUM_2022).await;
    let second = session(&app, &admin, EVENT, "Open Forum #19").await;

    assert_eq!(
        roles(&first),
        [
            "ORGANIZER 1: Tomas Imaginary, -, -",
            "SPEAKER 1: Noor Fictive, government as Government, eastern-european as Eastern European Group",
            "SPEAKER 2: Piet Imagined, private-sector as Private Sector, weog as WEOG",
            // `[online, moderator]` on a speaker line: the speaker moderates.
            "MODERATOR 1: Noor Fictive, government as Government, eastern-european as Eastern European Group",
        ]
    );
    assert_eq!(
        affiliations(&first),
        [
            "Tomas Imaginary: Example Harbour Office",
            "Noor Fictive: Example Port Authority",
            "Piet Imagined: Example Shipping",
            "Noor Fictive: Example Port Authority",
        ]
    );
    assert!(
        !strings(&report["warnings"])
            .iter()
            .any(|w| w.contains("[online, moderator]")),
        "a tag read as data is no warning: {report}"
    );
    assert_eq!(role_ids(&second), role_ids(&first));
    assert_eq!(strings(&again["updated"]), Vec::<String>::new());
}
