use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn regions_and_stakeholder_groups_are_the_igf_lists() {
    let app = spawn_empty_app().await;

    let data = app
        .data(
            "{ regions { code name } stakeholderGroups { code name } }",
            json!({}),
        )
        .await;

    let regions: Vec<&str> = data["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        regions,
        [
            "african",
            "asia-pacific",
            "eastern-european",
            "grulac",
            "weog",
            "intergovernmental-organization"
        ]
    );
    let groups: Vec<&str> = data["stakeholderGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "Government",
            "Civil Society",
            "Technical Community",
            "Private Sector",
            "Intergovernmental Organization"
        ]
    );
}

#[tokio::test]
async fn the_enhanced_cooperation_topic_has_the_camps_of_the_proposal() {
    let app = spawn_empty_app().await;

    let data = app
        .data(
            "{ topics { code stances { code order topic { code } } } }",
            json!({}),
        )
        .await;

    let topic = &data["topics"][0];
    assert_eq!(topic["code"], "enhanced-cooperation");
    let stances: Vec<&str> = topic["stances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        stances,
        [
            "ongoing-commitment",
            "concluded",
            "existing-mechanisms",
            "new-mechanism",
            "complementary",
            "undecided"
        ]
    );
    assert_eq!(topic["stances"][5]["order"], 6);
    assert_eq!(topic["stances"][0]["topic"]["code"], "enhanced-cooperation");
}

#[tokio::test]
async fn cited_documents_hold_tunis_69_to_71_and_gdc_27() {
    let app = spawn_empty_app().await;

    let data = app
        .data(
            "{ documents { code year paragraphs { number text document { code } } } }",
            json!({}),
        )
        .await;

    let tunis = &data["documents"][0];
    assert_eq!(tunis["code"], "tunis-agenda");
    let numbers: Vec<i64> = tunis["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [69, 70, 71]);
    assert!(
        tunis["paragraphs"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("We further recognize the need for enhanced cooperation")
    );
    assert!(
        tunis["paragraphs"][1]["text"].is_null(),
        "¶70 is stored by number until an admin adds its text"
    );
    let gdc = &data["documents"][1];
    assert_eq!(gdc["code"], "global-digital-compact");
    assert_eq!(gdc["paragraphs"][0]["number"], 27);
    assert!(
        gdc["paragraphs"][0]["text"]
            .as_str()
            .unwrap()
            .contains("including in relation to enhanced cooperation")
    );
    assert_eq!(
        gdc["paragraphs"][0]["document"]["code"],
        "global-digital-compact"
    );
}

#[tokio::test]
async fn events_list_newest_year_first_and_filter_by_year() {
    let app = spawn_app().await;
    app.event("nri-older", 2023).await;

    let data = app
        .data(
            "{ all: events { code year kind } y: events(year: 2023) { code } }",
            json!({}),
        )
        .await;

    assert_eq!(
        data["all"],
        json!([{ "code": "igf-2025", "year": 2025, "kind": "IGF" }, { "code": "nri-older", "year": 2023, "kind": "NRI_NATIONAL" }])
    );
    assert_eq!(data["y"], json!([{ "code": "nri-older" }]));
}
