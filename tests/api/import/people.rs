//! People across proposals.

use super::*;

/// `WS #number` with one speaker.
fn with_speaker(number: u32, speaker: &str) -> String {
    format!(
        "IGF 2031 WS #{number} Fictional Rivers {number}\n\
         Organizer 1: Civil Society, WEOG\n\
         Speaker 1: {speaker}, Civil Society, Western European and Others Group (WEOG)\n\
         \n\
         Policy Question(s)\n\
         Who owns a river?\n\
         \n\
         Description:\n\
         A fictional session.\n"
    )
}

const PEOPLE_NAMED: &str = r#"query($name: String!) {
    people(filter: { name: $name }, first: 100) {
        totalCount nodes { id name roles { totalCount } } } }"#;

#[tokio::test]
async fn the_same_person_written_another_way_in_two_proposals_is_one_person() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, &with_speaker(601, "Élodie Fictive")).await;

    let report = import(
        &app,
        &admin,
        EVENT,
        &with_speaker(602, "DR. ELODIE FICTIVE"),
    )
    .await;

    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #602",
            "organizer 1",
            "speaker 1",
            "policy question 1"
        ]
    );
    assert_eq!(strings(&report["warnings"]), Vec::<String>::new());
    let first = session(&app, &admin, EVENT, "WS #601").await;
    let second = session(&app, &admin, EVENT, "WS #602").await;
    assert_eq!(
        second["roles"][1]["person"]["id"],
        first["roles"][1]["person"]["id"]
    );
    let people = app.data(PEOPLE_NAMED, json!({ "name": "fictive" })).await;
    assert_eq!(people["people"]["totalCount"], 1);
    assert_eq!(people["people"]["nodes"][0]["name"], "Élodie Fictive");
    assert_eq!(people["people"]["nodes"][0]["roles"]["totalCount"], 2);
}

#[tokio::test]
async fn the_same_words_in_another_order_are_a_new_person_reported_as_a_likely_duplicate() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, &with_speaker(601, "Élodie Fictive")).await;
    let elodie = session(&app, &admin, EVENT, "WS #601").await["roles"][1]["person"].clone();

    let report = import(&app, &admin, EVENT, &with_speaker(603, "Fictive Elodie")).await;

    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #603",
            "person Fictive Elodie",
            "organizer 1",
            "speaker 1",
            "policy question 1",
        ]
    );
    assert_eq!(
        strings(&report["warnings"]),
        [format!(
            "`Fictive Elodie` may be the same person as `Élodie Fictive` (id {}); not merged: \
             an admin can merge them",
            db_id(&elodie["id"])
        )]
    );
    let third = session(&app, &admin, EVENT, "WS #603").await;
    assert_ne!(third["roles"][1]["person"]["id"], elodie["id"]);
    let queue = review_queue(&app, &admin, json!({ "kind": "POSSIBLE_DUPLICATE" })).await;
    assert_eq!(queue["totalCount"], 1);
    let item = &queue["nodes"][0];
    assert_eq!(item["status"], "OPEN");
    assert_eq!(item["text"], "`Élodie Fictive` and `Fictive Elodie`");
    assert_eq!(item["session"]["code"], "WS #603");
    assert_eq!(
        item["people"],
        json!([{ "name": "Élodie Fictive" }, { "name": "Fictive Elodie" }])
    );

    // Imported again, still two people and one item.
    import(&app, &admin, EVENT, &with_speaker(603, "Fictive Elodie")).await;

    let people = app.data(PEOPLE_NAMED, json!({ "name": "fictive" })).await;
    assert_eq!(people["people"]["totalCount"], 2);
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 1);
}

#[tokio::test]
async fn merging_a_likely_duplicate_settles_its_review_item() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, &with_speaker(601, "Élodie Fictive")).await;
    import(&app, &admin, EVENT, &with_speaker(603, "Fictive Elodie")).await;
    let queue = review_queue(&app, &admin, json!({ "kind": "POSSIBLE_DUPLICATE" })).await;
    let keep = session(&app, &admin, EVENT, "WS #601").await["roles"][1]["person"]["id"].clone();
    let merge = session(&app, &admin, EVENT, "WS #603").await["roles"][1]["person"]["id"].clone();
    assert_eq!(queue["totalCount"], 1);

    app.data_as(
        &admin,
        "mutation($k: ID!, $m: ID!) { mergePeople(keep: $k, merge: $m) { id } }",
        json!({ "k": keep, "m": merge }),
    )
    .await;

    let open = review_queue(&app, &admin, json!({ "kind": "POSSIBLE_DUPLICATE" })).await;
    assert_eq!(open["totalCount"], 0, "the pair is settled by the merge");
    let all = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(all["totalCount"], 1, "the item is kept, not deleted");
    assert_eq!(all["nodes"][0]["status"], "RESOLVED");
    assert_eq!(
        all["nodes"][0]["people"],
        json!([{ "name": "Élodie Fictive" }]),
        "both sides name the kept person"
    );
}
