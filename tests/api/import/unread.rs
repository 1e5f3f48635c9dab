//! A line that looks like a person and was not read as a role is never
//! only extra text: it is a warning naming the line, and the session gets
//! one review item listing every such line.

use super::*;

const PANELISTS: &str = "IGF 2031 WS #77 Fictional Panel Under an Unknown Heading
Speaker 1: Ada Mirembe, Civil Society, African Group

Panelists

Jonas Falk, Example Ministry of Tides
Lea Sample (Example Telecom)
The panel will be announced in full later.

Description:
A fictional workshop whose page lists more people under a heading the importer does not know.
";

#[tokio::test]
async fn people_kept_as_extra_text_are_warned_about_and_queued_once_per_session() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, PANELISTS).await;

    let warnings = strings(&report["warnings"]);
    for line in ["line 6:", "line 7:"] {
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with(line) && w.contains("looks like a person")),
            "{line} is named: {warnings:?}"
        );
    }
    assert!(
        !warnings.iter().any(|w| w.starts_with("line 8:")),
        "a sentence is no person: {warnings:?}"
    );
    let queue = review_queue(&app, &admin, json!({ "kind": "UNREAD_PEOPLE" })).await;
    assert_eq!(queue["totalCount"], 1, "{queue}");
    let item = &queue["nodes"][0];
    assert_eq!(item["session"]["code"], "WS #77");
    assert_eq!(
        item["text"],
        "line 6: Jonas Falk, Example Ministry of Tides\nline 7: Lea Sample (Example Telecom)"
    );

    // Importing the page again queues nothing more.
    import(&app, &admin, EVENT, PANELISTS).await;
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 1, "{queue}");

    // An admin adds the roles by hand and resolves it, without a code.
    let resolved = app
        .gql_as(
            &admin,
            r#"mutation($id: ID!, $v: Int!) { resolveReviewItem(id: $id, version: $v, code: "weog") { status } }"#,
            json!({ "id": item["id"], "v": item["version"] }),
        )
        .await
        .1;
    assert_eq!(
        resolved["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{resolved}"
    );
    let resolved = app
        .data_as(
            &admin,
            r#"mutation($id: ID!, $v: Int!) { resolveReviewItem(id: $id, version: $v) { status } }"#,
            json!({ "id": item["id"], "v": item["version"] }),
        )
        .await;
    assert_eq!(resolved["resolveReviewItem"]["status"], "RESOLVED");

    // The page changes: the item says its new lines and is open again.
    let corrected = PANELISTS.replace(
        "Lea Sample (Example Telecom)",
        "Noor Fictive (Example Port)",
    );
    import(&app, &admin, EVENT, &corrected).await;
    let queue = review_queue(&app, &admin, json!({ "kind": "UNREAD_PEOPLE" })).await;
    assert_eq!(queue["totalCount"], 1, "{queue}");
    assert_eq!(
        queue["nodes"][0]["text"],
        "line 6: Jonas Falk, Example Ministry of Tides\nline 7: Noor Fictive (Example Port)"
    );
}
