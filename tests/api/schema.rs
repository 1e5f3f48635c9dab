/// `schema.graphql` is what front ends build against: it must be exactly
/// what the code generates (`igf-perspectives schema -o schema.graphql`).
#[test]
fn schema_graphql_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    let checked_in = std::fs::read_to_string(path).expect("schema.graphql at the top level");
    let generated = igf_perspectives::sdl();
    assert!(
        checked_in == generated,
        "schema.graphql is out of date: run `cargo run -- schema -o schema.graphql` and commit it"
    );
}

/// Links the database requires (`NOT NULL` foreign keys) are non-null in
/// the schema too, so typed clients need no null checks for them.
#[tokio::test]
async fn required_links_are_non_null() {
    let app = crate::helpers::spawn_empty_app().await;
    for (type_name, field) in [
        ("Position", "stance"),
        ("Position", "topic"),
        ("Stance", "topic"),
        ("PolicyQuestion", "session"),
        ("SessionRole", "session"),
        ("Paragraph", "document"),
    ] {
        let data = app
            .data(
                "query($t: String!) { __type(name: $t) { fields { name type { kind ofType { name } } } } }",
                serde_json::json!({ "t": type_name }),
            )
            .await;
        let fields = data["__type"]["fields"].as_array().unwrap();
        let found = fields
            .iter()
            .find(|f| f["name"] == field)
            .unwrap_or_else(|| panic!("{type_name}.{field} exists"));
        assert_eq!(
            found["type"]["kind"], "NON_NULL",
            "{type_name}.{field}: {found}"
        );
    }
}

/// A stance another instance added after this one loaded its reference
/// data still resolves: the non-null link reloads rather than failing.
#[tokio::test]
async fn a_stance_added_elsewhere_resolves_on_this_instance() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = crate::helpers::spawn_empty_app().await;
    let topic = app.topic_id();
    let stance = entity::stance::ActiveModel {
        topic_id: Set(topic),
        code: Set("added-elsewhere".into()),
        name: Set("Added elsewhere".into()),
        description: Set(None),
        position: Set(99),
        version: Set(1),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let position = app.position(crate::helpers::NewPosition::default()).await;
    let mut position: entity::position::ActiveModel = position.into();
    position.stance_id = Set(stance.id);
    position.update(app.db()).await.unwrap();

    let data = app
        .data(
            "{ positions { nodes { stance { code topic { code } } } } }",
            serde_json::json!({}),
        )
        .await;
    assert_eq!(
        data["positions"]["nodes"][0]["stance"]["code"],
        "added-elsewhere"
    );
}
