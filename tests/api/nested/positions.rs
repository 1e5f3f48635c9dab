//! A position's nested fields: its person, session, question, stance, group
//! and region.

use super::*;

#[tokio::test]
async fn a_position_shows_its_person_session_question_stance_group_and_region() {
    let app = spawn_empty_app().await;
    arrange(&app).await;
    app.position(NewPosition {
        summary: "anonymous and unplaced",
        ..Default::default()
    })
    .await;
    let fields = "summary person { name } session { code event { code } } policyQuestion { order text }
                  stance { code topic { code } } topic { code } stakeholderGroup { code } stakeholderGroupAsWritten
                  region { code } regionAsWritten participationMode source status";

    let data = app
        .data(
            &format!("{{ positions(first: 100) {{ edges {{ node {{ {fields} }} }} }} }}"),
            json!({}),
        )
        .await;

    let edges = data["positions"]["edges"].as_array().unwrap();
    let s1a = edges
        .iter()
        .find(|e| e["node"]["summary"] == "s1-a")
        .unwrap();
    assert_eq!(
        s1a["node"],
        json!({
            "summary": "s1-a",
            "person": { "name": "Ada Fictional" },
            "session": { "code": "WS #1", "event": { "code": "nri-nested" } },
            "policyQuestion": { "order": 1, "text": "First fictional question?" },
            "stance": { "code": "new-mechanism", "topic": { "code": "enhanced-cooperation" } },
            "topic": { "code": "enhanced-cooperation" },
            "stakeholderGroup": { "code": "government" },
            "stakeholderGroupAsWritten": "Government (as written)",
            "region": { "code": "african" },
            "regionAsWritten": "Africa (as written)",
            "participationMode": null,
            "source": "INTERVENTION",
            "status": "PUBLISHED"
        })
    );
    let bare = edges
        .iter()
        .find(|e| e["node"]["summary"] == "anonymous and unplaced")
        .unwrap();
    for field in [
        "person",
        "session",
        "policyQuestion",
        "stakeholderGroup",
        "region",
        "regionAsWritten",
    ] {
        assert!(
            bare["node"][field].is_null(),
            "{field} of a position without one is null: {bare}"
        );
    }
    assert_eq!(bare["node"]["stance"]["code"], "complementary");
}
