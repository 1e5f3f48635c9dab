//! Paragraphs a page cites are linked on import: the founding WS #461
//! proposal cites Tunis Agenda ¶69–71 and GDC ¶27; a paragraph shows the
//! sessions and published positions citing it; a paragraph the documents
//! do not hold is reported, never invented, and linked once an admin adds
//! it and the page is imported again.

use super::*;

const CITES_GDC_2025: &str = include_str!("../proposals/of2025-cites-gdc.txt");

const CITED: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) { citedParagraphs { number document { code } } } }"#;

const CITING: &str = r#"{ documents { code paragraphs { number
    citedBySessions(first: 5) { totalCount nodes { code } }
    citedByPositions(first: 5) { totalCount nodes { summary } } } } }"#;

fn cited(data: &Value) -> Vec<String> {
    cited_paragraphs(&data["session"])
}

/// `document number: session codes` for every paragraph some session cites.
fn citing(data: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for d in data["documents"].as_array().unwrap() {
        for p in d["paragraphs"].as_array().unwrap() {
            let sessions: Vec<&str> = p["citedBySessions"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["code"].as_str().unwrap())
                .collect();
            if !sessions.is_empty() {
                out.push(format!(
                    "{} {}: {}",
                    d["code"].as_str().unwrap(),
                    p["number"],
                    sessions.join(", ")
                ));
            }
        }
    }
    out
}

#[tokio::test]
async fn the_founding_proposal_is_linked_to_the_paragraphs_it_cites_and_they_show_it() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, FIXTURE).await;

    let data = app
        .data(CITED, json!({ "event": EVENT, "code": "WS #461" }))
        .await;
    assert_eq!(
        cited(&data),
        [
            "tunis-agenda 69",
            "tunis-agenda 70",
            "tunis-agenda 71",
            "global-digital-compact 27"
        ]
    );
    let data = app.data(CITING, json!({})).await;
    assert_eq!(
        citing(&data),
        [
            "tunis-agenda 69: WS #461",
            "tunis-agenda 70: WS #461",
            "tunis-agenda 71: WS #461",
            "global-digital-compact 27: WS #461",
        ]
    );
    // No position cites them yet.
    let tunis = &data["documents"][0]["paragraphs"][0];
    assert_eq!(tunis["citedByPositions"]["totalCount"], 0, "{tunis}");
}

#[tokio::test]
async fn a_paragraph_not_stored_is_reported_and_linked_once_an_admin_adds_it() {
    let (app, admin) = arrange().await;
    let first = import(&app, &admin, EVENT, CITES_GDC_2025).await;
    let warnings = strings(&first["warnings"]);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("paragraph 72 of the Tunis Agenda") && w.contains("not stored")),
        "{warnings:?}"
    );
    let read = json!({ "event": EVENT, "code": "Open Forum #64" });
    assert_eq!(
        cited(&app.data(CITED, read.clone()).await),
        ["global-digital-compact 27"]
    );

    app.data_as(
        &admin,
        r#"mutation { createParagraph(document: "tunis-agenda", input: { number: 72 }) { id } }"#,
        json!({}),
    )
    .await;
    let again = import(&app, &admin, EVENT, CITES_GDC_2025).await;
    assert_eq!(again["outcome"], "UPDATED", "{again}");
    assert_eq!(
        strings(&again["created"]),
        ["citation of Tunis Agenda for the Information Society ¶72"]
    );
    assert_eq!(
        cited(&app.data(CITED, read).await),
        // By paragraph, in the order they were stored.
        ["global-digital-compact 27", "tunis-agenda 72"]
    );
    let unchanged = import(&app, &admin, EVENT, CITES_GDC_2025).await;
    assert_eq!(unchanged["outcome"], "UNCHANGED", "{unchanged}");
}

#[tokio::test]
async fn a_paragraph_shows_the_published_positions_citing_it_and_never_a_draft() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, FIXTURE).await;
    let session_id = session(&app, &admin, EVENT, "WS #461").await["id"].clone();
    let paragraphs = app
        .data(
            r#"{ documents { code paragraphs { id number } } }"#,
            json!({}),
        )
        .await;
    let tunis_69 = paragraphs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "tunis-agenda")
        .and_then(|d| {
            d["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["number"] == 69)
        })
        .expect("Tunis Agenda ¶69")["id"]
        .clone();
    let record = r#"mutation($i: PositionInput!) { recordPosition(input: $i) { id version } }"#;
    let mut ids = Vec::new();
    for summary in ["A published reading of the paragraph.", "A draft reading."] {
        let made = app
            .data_as(
                &admin,
                record,
                json!({ "i": { "topic": "enhanced-cooperation", "stance": "ongoing-commitment",
                    "summary": summary, "session": session_id, "source": "INTERVENTION",
                    "citedParagraphs": [tunis_69] } }),
            )
            .await;
        ids.push(made["recordPosition"].clone());
    }
    app.data_as(
        &admin,
        "mutation($id: ID!, $v: Int!) { publishPosition(id: $id, version: $v) { version } }",
        json!({ "id": ids[0]["id"], "v": ids[0]["version"] }),
    )
    .await;

    let query = r#"query($id: ID!) { node(id: $id) { ... on Paragraph {
        citedByPositions(first: 10) { totalCount nodes { summary } } } } }"#;
    for token in [None, Some(admin.as_str())] {
        let data = match token {
            Some(t) => app.data_as(t, query, json!({ "id": tunis_69 })).await,
            None => app.data(query, json!({ "id": tunis_69 })).await,
        };
        assert_eq!(
            data["node"]["citedByPositions"],
            json!({ "totalCount": 1, "nodes": [{ "summary": "A published reading of the paragraph." }] }),
            "drafts never show, to any viewer"
        );
    }
}
