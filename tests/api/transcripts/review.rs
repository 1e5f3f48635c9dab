//! Labels an import could not match: one review item per distinct label
//! per session (not per turn), resolved by an admin naming the person,
//! which attributes every intervention with that label in that session,
//! and which later imports keep.

use super::*;

const QUEUE: &str = r#"{ reviewQueue(filter: { kind: UNMATCHED_SPEAKER }, first: 100) {
    nodes { id version status text session { code } people { name } } } }"#;

const RESOLVE: &str = r#"mutation($id: ID!, $version: Int!, $person: ID, $code: String) {
    resolveReviewItem(id: $id, version: $version, person: $person, code: $code) {
        status people { name } } }"#;

const PEOPLE: &str = r#"query($name: String!) {
    people(filter: { name: $name }) { nodes { id name
        interventions(first: 10) { totalCount nodes { label session { code } } } } } }"#;

#[tokio::test]
async fn an_unmatched_label_is_one_review_item_resolved_by_naming_the_person() {
    // Two panelists share a surname: `VESTERGAARD` fits both, in two turns.
    let stem = "a-shared-surname";
    let (app, admin, code) = with_panel(stem).await;
    let text = fixture(&format!("{stem}.txt"));
    let report = imported(&app, &admin, &code, &text).await;
    assert_eq!(
        report["unmatchedLabels"],
        json!(["VESTERGAARD"]),
        "{report}"
    );
    let queue = app.data_as(&admin, QUEUE, json!({})).await;
    let items = queue["reviewQueue"]["nodes"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{queue}");
    let item = &items[0];
    assert_eq!(item["session"]["code"], code);
    assert!(
        item["text"].as_str().unwrap().starts_with("VESTERGAARD"),
        "{item}"
    );
    let unmatched: Vec<Value> = nodes(&read(&app, &admin, &code).await)
        .iter()
        .filter(|n| n["label"] == "VESTERGAARD" || n["label"] == "DR. VESTERGAARD")
        .cloned()
        .collect();
    assert!(unmatched.len() >= 2, "{unmatched:?}");
    assert!(unmatched.iter().all(|n| n["person"].is_null()));

    // Naming a person is required, and a code is refused.
    let vars = json!({ "id": item["id"], "version": item["version"] });
    let body = app.gql_as(&admin, RESOLVE, vars).await.1;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "person", "{body}");
    let maren = app
        .data_as(&admin, PEOPLE, json!({ "name": "Maren" }))
        .await["people"]["nodes"][0]
        .clone();
    let vars = json!({ "id": item["id"], "version": item["version"], "person": maren["id"] });
    let resolved = app.data_as(&admin, RESOLVE, vars).await;
    assert_eq!(resolved["resolveReviewItem"]["status"], "RESOLVED");

    // Every turn with that label is now hers, as her role in the session.
    let session = read(&app, &admin, &code).await;
    let hers: Vec<&Value> = nodes(&session)
        .iter()
        .filter(|n| n["label"] == "VESTERGAARD" || n["label"] == "DR. VESTERGAARD")
        .collect();
    assert_eq!(hers.len(), unmatched.len());
    for n in &hers {
        assert_eq!(n["person"]["id"], maren["id"], "{n}");
        assert_eq!(n["role"]["role"], "SPEAKER", "{n}");
    }
    assert_eq!(session["transcript"]["unmatchedLabels"], json!([]));
    let theirs = app
        .data_as(&admin, PEOPLE, json!({ "name": "Maren" }))
        .await;
    let spoken = &theirs["people"]["nodes"][0]["interventions"];
    assert!(
        spoken["totalCount"].as_i64().unwrap() >= hers.len() as i64,
        "{theirs}"
    );

    // A later import keeps the attribution and queues nothing new.
    let again = imported(&app, &admin, &code, &text).await;
    assert_eq!(again["outcome"], "UNCHANGED", "{again}");
    assert_eq!(again["unmatchedLabels"], json!([]));
    // (The queue lists open items: the resolved one is gone from it.)
    let queue = app.data_as(&admin, QUEUE, json!({})).await;
    assert_eq!(queue["reviewQueue"]["nodes"], json!([]), "{queue}");
    assert_eq!(read(&app, &admin, &code).await, session);
}

#[tokio::test]
async fn labels_are_queued_once_per_session_however_often_they_speak() {
    let stem = "b-unknown-speaker";
    let (app, admin, code) = with_panel(stem).await;
    let report = imported(&app, &admin, &code, &fixture(&format!("{stem}.txt"))).await;
    let labels = report["unmatchedLabels"].as_array().unwrap().len();
    assert!(labels >= 1, "{report}");
    let queue = app.data_as(&admin, QUEUE, json!({})).await;
    assert_eq!(
        queue["reviewQueue"]["nodes"].as_array().unwrap().len(),
        labels,
        "{queue}"
    );
    // Role labels and floor turns are never queued; an organizer does not
    // see the queue.
    let organizer = app.organizer_of(&session_model(&app, &code).await).await;
    let body = app.gql_as(&organizer, QUEUE, json!({})).await.1;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
}

const LABELLED: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) {
        transcript { unmatchedLabels }
        interventions(first: 100) { nodes { label person { name } role { role }
            stakeholderGroup { code } region { code } participationMode } } } }"#;

#[tokio::test]
async fn a_corrected_panel_matches_the_labels_it_now_fits() {
    let stem = "b-unknown-speaker";
    let (app, admin, code) = with_panel(stem).await;
    imported(&app, &admin, &code, &fixture(&format!("{stem}.txt"))).await;
    let vars = json!({ "event": EVENT, "code": code });
    let before = app.data_as(&admin, LABELLED, vars.clone()).await;
    assert_eq!(
        before["session"]["transcript"]["unmatchedLabels"],
        json!(["MR. BRINDLEMOOR"])
    );
    // The proposal is corrected: the speaker from the floor was on the panel.
    let proposal = fixture(&format!("{stem}.proposal.txt")).replace(
        "\n\nOnsite Moderator",
        "\nSpeaker 3: Tove Brindlemoor, Civil Society, WEOG [onsite]\n\nOnsite Moderator",
    );
    app.data_as(
        &admin,
        IMPORT_PROPOSAL,
        json!({ "event": EVENT, "text": proposal }),
    )
    .await;
    let after = app.data_as(&admin, LABELLED, vars).await;
    assert_eq!(after["session"]["transcript"]["unmatchedLabels"], json!([]));
    let theirs: Vec<&Value> = after["session"]["interventions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["label"].as_str().unwrap().contains("BRINDLEMOOR"))
        .collect();
    assert_eq!(theirs.len(), 2, "{after}");
    for n in theirs {
        assert_eq!(
            *n,
            json!({ "label": n["label"], "person": { "name": "Tove Brindlemoor" },
                "role": { "role": "SPEAKER" }, "stakeholderGroup": { "code": "civil-society" },
                "region": { "code": "weog" }, "participationMode": "ONSITE" })
        );
    }
}

#[tokio::test]
async fn naming_the_person_of_a_label_leaves_role_labels_with_the_same_key_alone() {
    // `MR. CHAIR` and `CHAIR` share the key `chair`; only the first is a name.
    let (app, admin, code) = with_panel("b-role-labels").await;
    let text = ">> CHAIR: Welcome to the session.\n>> MR. CHAIR: Thank you, chair.\n";
    let report = imported(&app, &admin, &code, text).await;
    assert_eq!(report["unmatchedLabels"], json!(["MR. CHAIR"]), "{report}");
    let moderator = nodes(&read(&app, &admin, &code).await)[0]["person"].clone();
    assert!(moderator.is_object());
    let queue = app.data_as(&admin, QUEUE, json!({})).await;
    let item = &queue["reviewQueue"]["nodes"][0];
    let someone = app
        .data_as(
            &admin,
            r#"mutation { createPerson(input: { name: "Osric Chairfield" }) { id } }"#,
            json!({}),
        )
        .await["createPerson"]["id"]
        .clone();
    let vars = json!({ "id": item["id"], "version": item["version"], "person": someone });
    app.data_as(&admin, RESOLVE, vars).await;
    let session = read(&app, &admin, &code).await;
    let turns = nodes(&session);
    assert_eq!(
        turns[0]["person"], moderator,
        "the CHAIR turn moved: {session}"
    );
    assert_eq!(turns[1]["person"]["id"], someone);
    // A person with no role in the session: no role, nor its group.
    assert!(turns[1]["role"].is_null());
    let again = imported(&app, &admin, &code, text).await;
    assert_eq!(again["outcome"], "UNCHANGED", "{again}");
}
