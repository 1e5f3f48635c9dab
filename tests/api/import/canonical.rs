//! Canonical values, raw values kept, and the review queue.

use super::*;

#[tokio::test]
async fn a_region_that_maps_to_nothing_is_kept_as_written_warned_about_and_queued() {
    let (app, admin) = arrange().await;

    let report = import(
        &app,
        &admin,
        EVENT,
        &with_region(401, "Hollis Tremblay", "North America"),
    )
    .await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        ["region `North America` maps to none known; kept as written and queued for review"]
    );
    let s = session(&app, &admin, EVENT, "WS #401").await;
    assert_eq!(
        roles(&s)[1],
        "SPEAKER 1: Hollis Tremblay, civil-society as Civil Society, - as North America"
    );
    assert!(s["roles"][1]["region"].is_null());
    let queue = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(queue["totalCount"], 1);
    let item = &queue["nodes"][0];
    assert_eq!(item["kind"], "REGION");
    assert_eq!(item["status"], "OPEN");
    assert_eq!(item["text"], "North America");
    assert_eq!(item["occurrences"], 1);
    assert_eq!(item["session"]["code"], "WS #401");
}

const RESOLVE: &str = r#"mutation($id: ID!, $version: Int!, $code: String) {
    resolveReviewItem(id: $id, version: $version, code: $code) { status occurrences } }"#;

#[tokio::test]
async fn resolving_an_unmapped_region_maps_every_role_with_that_text_and_later_imports() {
    let (app, admin) = arrange().await;
    import(
        &app,
        &admin,
        EVENT,
        &with_region(401, "Hollis Tremblay", "North America"),
    )
    .await;
    import(
        &app,
        &admin,
        EVENT,
        &with_region(402, "Dakota Whitford", "North America"),
    )
    .await;
    let queue = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(queue["totalCount"], 1, "one item for one text: {queue}");
    let item = queue["nodes"][0].clone();
    assert_eq!(item["occurrences"], 2);
    assert_eq!(item["session"]["code"], "WS #402");

    let resolved = app
        .data_as(
            &admin,
            RESOLVE,
            json!({ "id": item["id"], "version": item["version"], "code": "weog" }),
        )
        .await;

    assert_eq!(resolved["resolveReviewItem"]["status"], "RESOLVED");
    for (code, speaker) in [
        ("WS #401", "Hollis Tremblay"),
        ("WS #402", "Dakota Whitford"),
    ] {
        let s = session(&app, &admin, EVENT, code).await;
        assert_eq!(
            roles(&s)[1],
            format!("SPEAKER 1: {speaker}, civil-society as Civil Society, weog as North America")
        );
    }
    let open = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(open["totalCount"], 0);

    // A later proposal writes it in lower case: it maps at once.
    let later = import(
        &app,
        &admin,
        EVENT,
        &with_region(403, "Sam Okafor-Berg", "north america"),
    )
    .await;

    assert_eq!(strings(&later["warnings"]), Vec::<String>::new());
    let s = session(&app, &admin, EVENT, "WS #403").await;
    assert_eq!(
        roles(&s)[1],
        "SPEAKER 1: Sam Okafor-Berg, civil-society as Civil Society, weog as north america"
    );
    let all = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(all["totalCount"], 1, "no new item: {all}");
}

#[tokio::test]
async fn an_alias_added_by_an_admin_maps_the_rows_that_carry_its_text() {
    let (app, admin) = arrange().await;
    for (number, speaker) in [(410, "Greta Holmqvist"), (411, "Lars Öberg")] {
        let text = format!(
            "IGF 2031 WS #{number} Fictional Campus Networks\n\
             Speaker 1: {speaker}, Academia, WEOG\n"
        );
        let report = import(&app, &admin, EVENT, &text).await;
        assert!(
            strings(&report["warnings"]).contains(
                &"stakeholder group `Academia` maps to none known; kept as written and queued \
                  for review"
                    .to_owned()
            ),
            "{report}"
        );
    }

    let data = app
        .data_as(
            &admin,
            r#"mutation { addAlias(kind: STAKEHOLDER_GROUP, text: "ACADEMIA", code: "civil-society") }"#,
            json!({}),
        )
        .await;

    // Two roles and the two people they created, who carry the same text.
    assert_eq!(data["addAlias"], 4);
    let people = app
        .data(r#"{ people(filter: { stakeholderGroup: "civil-society" }) { nodes { name stakeholderGroupAsWritten } } }"#, json!({}))
        .await;
    assert_eq!(
        people["people"]["nodes"],
        json!([
            { "name": "Greta Holmqvist", "stakeholderGroupAsWritten": "Academia" },
            { "name": "Lars Öberg", "stakeholderGroupAsWritten": "Academia" }
        ])
    );
    for (code, speaker) in [("WS #410", "Greta Holmqvist"), ("WS #411", "Lars Öberg")] {
        let s = session(&app, &admin, EVENT, code).await;
        assert_eq!(
            roles(&s),
            [format!(
                "SPEAKER 1: {speaker}, civil-society as Academia, weog as WEOG"
            )]
        );
    }
    let later = import(
        &app,
        &admin,
        EVENT,
        "IGF 2031 WS #412 Fictional Campus Networks\nSpeaker 1: Mira Kallio, academia, WEOG\n",
    )
    .await;
    assert!(
        !strings(&later["warnings"])
            .iter()
            .any(|w| w.contains("maps to none")),
        "{later}"
    );
    let s = session(&app, &admin, EVENT, "WS #412").await;
    assert_eq!(
        roles(&s),
        ["SPEAKER 1: Mira Kallio, civil-society as academia, weog as WEOG"]
    );
}
