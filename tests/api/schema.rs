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
    for _ in 0..10 {
        let position = app.position(crate::helpers::NewPosition::default()).await;
        let mut position: entity::position::ActiveModel = position.into();
        position.stance_id = Set(stance.id);
        position.update(app.db()).await.unwrap();
    }

    app.sql.lock().unwrap().clear();
    let data = app
        .data(
            "{ positions { nodes { stance { code topic { code } } } } }",
            serde_json::json!({}),
        )
        .await;
    let nodes = data["positions"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 10);
    assert!(
        nodes
            .iter()
            .all(|n| n["stance"]["code"] == "added-elsewhere")
    );
    // Ten rows miss the snapshot at once; it is reloaded once for them all.
    let reloads = app
        .sql
        .lock()
        .unwrap()
        .iter()
        .filter(|sql| sql.contains(r#"FROM "stance""#))
        .count();
    assert_eq!(reloads, 1);
}

/// Every member a front end reads about in its tools (types, fields,
/// arguments, input fields and enum values) says what it is, as the server
/// answers introspection. Built-in types (`__…`) and scalars are skipped.
#[tokio::test]
async fn every_schema_member_has_a_description() {
    let app = crate::helpers::spawn_empty_app().await;
    let data = app
        .data(
            "{ __schema { description types { name description \
               fields(includeDeprecated: true) { name description args { name description } } \
               inputFields { name description } \
               enumValues(includeDeprecated: true) { name description } } } }",
            serde_json::json!({}),
        )
        .await;
    let schema = &data["__schema"];
    let described = |v: &serde_json::Value| {
        v["description"]
            .as_str()
            .is_some_and(|d| !d.trim().is_empty())
    };
    let mut missing = Vec::new();
    // async-graphql 7 answers a fixed text here and cannot be given ours;
    // the API is described on `Query` instead.
    if !described(schema) {
        missing.push("the schema".to_owned());
    }
    const BUILT_IN: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];
    let list = |v: &serde_json::Value| v.as_array().cloned().unwrap_or_default();
    for ty in list(&schema["types"]) {
        let name = ty["name"].as_str().unwrap_or_default();
        if name.starts_with("__") || BUILT_IN.contains(&name) {
            continue;
        }
        if !described(&ty) {
            missing.push(name.to_owned());
        }
        for field in list(&ty["fields"]) {
            let field_name = format!("{name}.{}", field["name"].as_str().unwrap_or_default());
            if !described(&field) {
                missing.push(field_name.clone());
            }
            for arg in list(&field["args"]) {
                if !described(&arg) {
                    missing.push(format!(
                        "{field_name}({}:)",
                        arg["name"].as_str().unwrap_or_default()
                    ));
                }
            }
        }
        for member in list(&ty["inputFields"])
            .into_iter()
            .chain(list(&ty["enumValues"]))
        {
            if !described(&member) {
                missing.push(format!(
                    "{name}.{}",
                    member["name"].as_str().unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} schema members have no description:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
