//! Positions cite the intervention they were taken from, so a quote can be
//! traced to the record; the intervention must be of the position's
//! session; a cited intervention outlives its turn in the transcript.

use super::*;

const RECORD: &str = r#"mutation($session: ID!, $intervention: ID!, $person: ID) {
    recordPosition(input: { stance: "ongoing-commitment", summary: "From the record.",
        session: $session, intervention: $intervention, person: $person }) {
        id intervention { id label session { code } } person { name } } }"#;

#[tokio::test]
async fn a_position_cites_an_intervention_of_its_own_session() {
    let (app, admin, code) = with_panel("a-panel-and-floor").await;
    let other = import_panel(&app, &admin, "b-role-labels").await;
    imported(&app, &admin, &code, &fixture("a-panel-and-floor.txt")).await;
    imported(&app, &admin, &other, &fixture("b-role-labels.txt")).await;
    let mine = read(&app, &admin, &code).await;
    let theirs = read(&app, &admin, &other).await;
    let spoken = nodes(&mine)
        .iter()
        .find(|n| n["person"].is_object())
        .unwrap()
        .clone();

    // The person defaults to the intervention's.
    let vars = json!({ "session": mine["id"], "intervention": spoken["id"] });
    let p = app.data_as(&admin, RECORD, vars).await["recordPosition"].clone();
    assert_eq!(p["intervention"]["id"], spoken["id"]);
    assert_eq!(p["person"]["name"], spoken["person"]["name"]);

    // An intervention of another session is refused, naming the field.
    let before = app.fingerprint().await;
    let elsewhere = &nodes(&theirs)[0]["id"];
    let vars = json!({ "session": mine["id"], "intervention": elsewhere });
    let body = app.gql_as(&admin, RECORD, vars).await.1;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "intervention");
    // So is an ID of another kind.
    let vars = json!({ "session": mine["id"], "intervention": mine["id"] });
    let body = app.gql_as(&admin, RECORD, vars).await.1;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_speaker_is_deleted_only_with_a_cascade_and_a_deleted_session_takes_its_transcript() {
    let (app, admin, code) = with_panel("a-panel-and-floor").await;
    imported(&app, &admin, &code, &fixture("a-panel-and-floor.txt")).await;
    let session = read(&app, &admin, &code).await;
    let spoken = nodes(&session)
        .iter()
        .find(|n| n["person"].is_object())
        .unwrap()
        .clone();
    // A person who spoke cannot be deleted without a cascade.
    let body = app
        .gql_as(
            &admin,
            r#"mutation($id: ID!) { deletePerson(id: $id, version: 1) { id } }"#,
            json!({ "id": spoken["person"]["id"] }),
        )
        .await
        .1;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("interventions"),
        "{body}"
    );
    // With a cascade the record stays, attributed to no one, with nothing
    // left of the deleted role.
    let body = app
        .gql_as(
            &admin,
            r#"mutation($id: ID!) { deletePerson(id: $id, version: 1, cascade: true) { id } }"#,
            json!({ "id": spoken["person"]["id"] }),
        )
        .await
        .1;
    assert!(body.get("errors").is_none(), "{body}");
    let after = read(&app, &admin, &code).await;
    let theirs = nodes(&after)
        .iter()
        .find(|n| n["id"] == spoken["id"])
        .unwrap();
    for field in [
        "person",
        "role",
        "stakeholderGroup",
        "region",
        "participationMode",
    ] {
        assert!(theirs[field].is_null(), "{field}: {theirs}");
    }
    assert_eq!(theirs["text"], spoken["text"]);
    let body = app
        .gql_as(
            &admin,
            r#"mutation($id: ID!) { deleteSession(id: $id, version: 1, cascade: true) { id } }"#,
            json!({ "id": session["id"] }),
        )
        .await
        .1;
    assert!(body.get("errors").is_none(), "{body}");
    let gone = app
        .data_as(
            &admin,
            r#"query($id: ID!) { node(id: $id) { id } }"#,
            json!({ "id": spoken["id"] }),
        )
        .await;
    assert!(gone["node"].is_null(), "{gone}");
}

const KEPT: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) { transcript { keptInterventions { id } } } }"#;

const NODE: &str = r#"query($id: ID!) { node(id: $id) { id } }"#;

#[tokio::test]
async fn a_cited_turn_that_comes_back_or_moves_keeps_its_id_and_drafts_stay_unseen() {
    let stem = "b-cited-removed";
    let (app, admin, code) = with_panel(stem).await;
    let v1 = fixture(&format!("{stem}.txt"));
    imported(&app, &admin, &code, &v1).await;
    let first = read(&app, &admin, &code).await;
    let cited = nodes(&first)[2].clone();
    let vars = json!({ "session": first["id"], "intervention": cited["id"] });
    app.data_as(&admin, RECORD, vars).await;

    // v2 drops the cited turn: kept, and seen only by those who may read
    // the draft position citing it.
    imported(&app, &admin, &code, &fixture(&format!("{stem}.v2.txt"))).await;
    let vars = json!({ "event": EVENT, "code": code });
    let kept = app.data_as(&admin, KEPT, vars.clone()).await;
    assert_eq!(
        kept["session"]["transcript"]["keptInterventions"],
        json!([{ "id": cited["id"] }])
    );
    let public = app.data(KEPT, vars.clone()).await;
    assert_eq!(
        public["session"]["transcript"]["keptInterventions"],
        json!([])
    );
    let node = app.data(NODE, json!({ "id": cited["id"] })).await;
    assert!(node["node"].is_null(), "{node}");

    // v1 again: the turn comes back with its id, nothing is duplicated.
    let back = imported(&app, &admin, &code, &v1).await;
    assert_eq!(back["created"], 0, "{back}");
    let again = read(&app, &admin, &code).await;
    let ids = |s: &Value| -> Vec<Value> { nodes(s).iter().map(|n| n["id"].clone()).collect() };
    assert_eq!(ids(&again), ids(&first));
    assert_eq!(again["transcript"]["keptInterventions"], json!([]));

    // Two turns swap places, the cited one among them: both keep their ids.
    let mut lines: Vec<&str> = v1.lines().collect();
    let turns: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with(">>"))
        .collect();
    let (a, b) = (turns[2], turns[3]);
    assert_eq!(b, a + 1, "single-paragraph turns in this fixture");
    lines.swap(a, b);
    let swapped = imported(&app, &admin, &code, &lines.join("\n")).await;
    assert_eq!(
        (swapped["created"].clone(), swapped["removed"].clone()),
        (json!(0), json!(0))
    );
    let after = read(&app, &admin, &code).await;
    let mut before_ids = ids(&first);
    before_ids.swap(2, 3);
    assert_eq!(ids(&after), before_ids);
    assert!(
        after["transcript"]["keptInterventions"] == json!([]),
        "{after}"
    );
}
