//! People: create, update, delete, and merging two.

use super::*;

#[tokio::test]
async fn an_admin_creates_updates_and_deletes_a_person() {
    let (app, _, admin) = atlantis().await;

    let created = app
        .data_as(
            &admin,
            CREATE_PERSON,
            json!({ "input": {
                "name": "Nadia Invented", "affiliation": "Imaginary University",
                "stakeholderGroup": "civil-society", "region": "african" } }),
        )
        .await["createPerson"]
        .clone();
    assert_eq!(created["name"], "Nadia Invented");
    assert_eq!(created["affiliation"], "Imaginary University");
    assert_eq!(created["stakeholderGroup"]["code"], "civil-society");
    assert_eq!(created["region"]["code"], "african");
    assert_eq!(created["version"], 1);
    let id = str_of(&created, "id");
    let seen = app.data(PERSON, json!({ "id": id })).await;
    assert_eq!(seen["person"]["name"], "Nadia Invented");
    assert_eq!(seen["person"]["affiliation"], "Imaginary University");

    let updated = app
        .data_as(
            &admin,
            UPDATE_PERSON,
            json!({ "id": id, "version": 1, "input": { "affiliation": "", "region": "grulac" } }),
        )
        .await["updatePerson"]
        .clone();
    assert_eq!(updated["name"], "Nadia Invented", "a field left out stays");
    assert!(
        updated["affiliation"].is_null(),
        "an empty string clears it"
    );
    assert_eq!(updated["region"]["code"], "grulac");
    assert_eq!(updated["stakeholderGroup"]["code"], "civil-society");
    assert_eq!(updated["version"], 2);
    let seen = app.data(PERSON, json!({ "id": id })).await;
    assert!(seen["person"]["affiliation"].is_null());
    assert_eq!(seen["person"]["region"]["code"], "grulac");
    assert_eq!(seen["person"]["version"], 2);

    let deleted = app
        .data_as(&admin, DELETE_PERSON, json!({ "id": id, "version": 2 }))
        .await;
    assert_eq!(deleted["deletePerson"]["id"], id);
    let seen = app.data(PERSON, json!({ "id": id })).await;
    assert!(seen["person"].is_null());
}

#[tokio::test]
async fn merging_people_moves_roles_and_positions_to_the_one_kept_and_deletes_the_duplicate() {
    let (app, event, admin) = atlantis().await;
    let north = app
        .session(&event, "WS #1", "North", SessionKind::Workshop, None)
        .await;
    let south = app
        .session(&event, "WS #2", "South", SessionKind::Workshop, None)
        .await;
    let keep = app
        .person("Ada Fictional", Some("civil-society"), Some("weog"))
        .await;
    let duplicate = app
        .person("Ada Fictionall", Some("civil-society"), Some("weog"))
        .await;
    app.role(
        &north,
        Some(&keep),
        RoleKind::Speaker,
        1,
        "civil-society",
        "weog",
    )
    .await;
    app.role(
        &south,
        Some(&duplicate),
        RoleKind::Moderator,
        1,
        "civil-society",
        "weog",
    )
    .await;
    app.position(NewPosition {
        summary: "Said in the south by the duplicate.",
        session: Some(&south),
        person: Some(&duplicate),
        ..Default::default()
    })
    .await;

    let merged = app
        .data_as(
            &admin,
            MERGE_PEOPLE,
            json!({ "keep": gid(Kind::Person, keep.id), "merge": gid(Kind::Person, duplicate.id) }),
        )
        .await["mergePeople"]
        .clone();

    assert_eq!(merged["id"], gid(Kind::Person, keep.id));
    assert_eq!(merged["name"], "Ada Fictional");
    let mut roles: Vec<(String, String)> = merged["roles"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                str_of(&r["session"], "code").to_owned(),
                str_of(r, "role").to_owned(),
            )
        })
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            ("WS #1".to_owned(), "SPEAKER".to_owned()),
            ("WS #2".to_owned(), "MODERATOR".to_owned())
        ]
    );
    assert_eq!(
        merged["positions"]["nodes"],
        json!([{ "summary": "Said in the south by the duplicate." }])
    );
    let gone = app
        .data(PERSON, json!({ "id": gid(Kind::Person, duplicate.id) }))
        .await;
    assert!(gone["person"].is_null());
    let south_seen = session_of(&app, ATLANTIS, "WS #2").await;
    assert_eq!(south_seen["roles"][0]["person"]["name"], "Ada Fictional");
}
