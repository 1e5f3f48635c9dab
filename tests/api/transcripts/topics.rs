//! Topic mentions: a topic's keywords (admins edit them) say which
//! interventions mention it; `interventions` and `speakingTime` filter by
//! topic, and an intervention can mention several topics.

use super::*;

const KEYWORDS: &[&str] = &[
    "enhanced cooperation",
    "tunis agenda",
    "paragraph 69",
    "paragraphs 69",
    "wsis",
];

const BY_TOPIC: &str = r#"query($topic: String!) {
    interventions(filter: { topic: $topic }, first: 100) {
        totalCount nodes { id text topics { code } } }
    speakingTime(filter: { topic: $topic }) { total { interventions words seconds } } }"#;

/// Import four fixtures; gives each intervention's text, words and
/// seconds, as their expectations say.
async fn import_some(app: &TestApp, admin: &str) -> Vec<(String, i64, i64)> {
    let mut texts: Vec<(String, i64, i64)> = Vec::new();
    for stem in [
        "a-panel-and-floor",
        "a-stage-directions",
        "b-html",
        "b-continuations",
    ] {
        let code = import_panel(app, admin, stem).await;
        let file = if stem.ends_with("html") {
            format!("{stem}.html")
        } else {
            format!("{stem}.txt")
        };
        imported(app, admin, &code, &fixture(&file)).await;
        let expected: Value =
            serde_json::from_str(&fixture(&format!("{stem}.expected.json"))).unwrap();
        for t in expected["interventions"].as_array().unwrap() {
            texts.push((
                t["text"].as_str().unwrap().to_owned(),
                t["words"].as_i64().unwrap(),
                t["seconds"].as_i64().unwrap(),
            ));
        }
    }
    texts
}

#[tokio::test]
async fn a_topics_keywords_find_the_interventions_that_mention_it() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let texts = import_some(&app, &admin).await;
    let topics = app
        .data("{ topics { id code version keywords } }", json!({}))
        .await["topics"]
        .clone();
    let topic = topics
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "enhanced-cooperation")
        .unwrap()
        .clone();
    assert_eq!(topic["keywords"][0], "enhanced cooperation", "{topic}");

    let mentions = |keywords: &[&str]| -> Vec<&(String, i64, i64)> {
        texts
            .iter()
            .filter(|(t, _, _)| keywords.iter().any(|k| t.to_lowercase().contains(k)))
            .collect()
    };
    let want = mentions(KEYWORDS);
    assert!(
        !want.is_empty() && want.len() < texts.len(),
        "{} of {}",
        want.len(),
        texts.len()
    );
    let vars = json!({ "topic": "enhanced-cooperation" });
    let data = app.data(BY_TOPIC, vars.clone()).await;
    assert_eq!(
        data["interventions"]["totalCount"],
        want.len() as i64,
        "{data}"
    );
    let total = &data["speakingTime"]["total"];
    assert_eq!(total["interventions"], want.len() as i64);
    assert_eq!(total["words"], want.iter().map(|w| w.1).sum::<i64>());
    assert_eq!(total["seconds"], want.iter().map(|w| w.2).sum::<i64>());
    for n in data["interventions"]["nodes"].as_array().unwrap() {
        assert!(
            n["topics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["code"] == "enhanced-cooperation")
        );
    }

    // A second topic, whose keywords some of the same interventions hold:
    // counted under both, so totals by topic do not add up.
    let created = app
        .data_as(
            &admin,
            r#"mutation { createTopic(input: { code: "multistakeholder", name: "Multistakeholder model",
                keywords: ["multistakeholder", "  Tunis   Agenda "] }) { keywords } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        created["createTopic"]["keywords"],
        json!(["multistakeholder", "Tunis Agenda"])
    );
    let other = app
        .data(BY_TOPIC, json!({ "topic": "multistakeholder" }))
        .await;
    let both = mentions(&["multistakeholder", "tunis agenda"]);
    assert_eq!(
        other["interventions"]["totalCount"],
        both.len() as i64,
        "{other}"
    );

    // Admins edit the keywords; the filters follow at once.
    let edited = app
        .data_as(
            &admin,
            r#"mutation($id: ID!, $version: Int!) { updateTopic(id: $id, version: $version,
                input: { keywords: ["WSIS"] }) { keywords } }"#,
            json!({ "id": topic["id"], "version": topic["version"] }),
        )
        .await;
    assert_eq!(edited["updateTopic"]["keywords"], json!(["WSIS"]));
    let data = app.data(BY_TOPIC, vars).await;
    assert_eq!(
        data["interventions"]["totalCount"],
        mentions(&["wsis"]).len() as i64
    );
}

#[tokio::test]
async fn a_topic_without_keywords_and_a_bad_keyword_are_refused() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    // Filtering by a topic with no keywords, or giving an empty or
    // over-long keyword, is refused.
    let body = app
        .gql_as(
            &admin,
            r#"mutation { createTopic(input: { code: "quiet", name: "Quiet" }) { code } }"#,
            json!({}),
        )
        .await
        .1;
    assert!(body.get("errors").is_none(), "{body}");
    let body = app.gql(BY_TOPIC, json!({ "topic": "quiet" })).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no keywords"),
        "{body}"
    );
    for keyword in [" ".to_owned(), "k".repeat(101)] {
        let body = app
            .gql_as(
                &admin,
                r#"mutation($k: String!) { createTopic(input: { code: "long", name: "Long", keywords: [$k] }) { code } }"#,
                json!({ "k": keyword }),
            )
            .await
            .1;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(
            body["errors"][0]["extensions"]["field"], "keywords",
            "{body}"
        );
    }
}
