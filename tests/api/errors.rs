//! Errors found before execution (parse, validation, limits), batches, and
//! the front-end's queries fitting inside the limits.

use entity::{session::SessionKind, session_role::RoleKind};
use serde_json::{Value, json};

use crate::helpers::*;

/// Assert the first error's code and that its message says `says`.
fn assert_error(body: &Value, code: &str, says: &str) {
    assert_eq!(error_code(body), code, "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains(says),
        "the message {message:?} should say {says:?}"
    );
}

/// POST a raw JSON body (a batch, say) and return the status and JSON body.
async fn post(app: &TestApp, body: &Value) -> (u16, Value) {
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

/// `positions(first: 1) { edges { node { person { … } } } }` nested `times`
/// times around `leaf`: three levels of selection per round, cheap to run.
fn nested_positions(times: usize, leaf: &str) -> String {
    let mut query = leaf.to_owned();
    for i in 0..times {
        query = if i == 0 {
            format!("positions(first: 1) {{ edges {{ node {{ {query} }} }} }}")
        } else {
            format!("positions(first: 1) {{ edges {{ node {{ person {{ {query} }} }} }} }}")
        };
    }
    format!("{{ {query} }}")
}

#[tokio::test]
async fn malformed_graphql_is_refused_as_a_parse_failure() {
    let app = spawn_empty_app().await;

    let body = app.gql("{ sessions { totalCount ", json!({})).await;

    assert_error(&body, "GRAPHQL_PARSE_FAILED", "expected selection");
    assert!(body["data"].is_null(), "{body}");
}

#[tokio::test]
async fn an_unknown_field_is_refused_naming_the_field_and_its_type() {
    let app = spawn_empty_app().await;

    let body = app.gql("{ sessions { totalCount nope } }", json!({})).await;

    assert_error(
        &body,
        "GRAPHQL_VALIDATION_FAILED",
        r#"Unknown field "nope" on type "SessionConnection""#,
    );
    assert!(body["data"].is_null(), "{body}");
}

#[tokio::test]
async fn a_query_twelve_levels_deep_runs() {
    let app = spawn_empty_app().await;
    let ada = app.person("Ada Fictional", None, None).await;
    app.position(NewPosition {
        summary: "A fictional view",
        person: Some(&ada),
        ..Default::default()
    })
    .await;
    // positions > edges > node > person > positions > edges > node > person
    // > positions > edges > node > id: twelve levels.
    let query = nested_positions(3, "id");

    let body = app.gql(&query, json!({})).await;

    assert!(body.get("errors").is_none(), "{body}");
    let outer = &body["data"]["positions"]["edges"][0]["node"];
    let inner = &outer["person"]["positions"]["edges"][0]["node"]["person"]["positions"]["edges"]
        [0]["node"];
    assert!(inner["id"].is_string(), "{body}");
}

#[tokio::test]
async fn a_query_nested_deeper_than_twelve_levels_is_refused() {
    let app = spawn_empty_app().await;
    let query = nested_positions(3, "person { name }");

    let body = app.gql(&query, json!({})).await;

    assert_error(
        &body,
        "QUERY_TOO_COMPLEX",
        "nested too deep: select fewer levels",
    );
    assert!(body["data"].is_null(), "{body}");
}

#[tokio::test]

async fn a_query_nested_far_deeper_than_the_limit_is_still_too_complex() {
    let app = spawn_empty_app().await;
    // Forty levels of fields, each within a selection set.
    let query = nested_positions(10, "id");

    let body = app.gql(&query, json!({})).await;

    assert_error(&body, "QUERY_TOO_COMPLEX", "nested too deep");
}

const TOO_COSTLY: &str =
    "{ sessions(first: 100) { edges { node { positions(first: 100) { edges { node {
    person { roles(first: 100) { edges { node { id } } } } } } } } } } }";

#[tokio::test]
async fn a_query_that_costs_too_much_is_refused_before_it_runs() {
    let app = spawn_app().await;

    let body = app.gql(TOO_COSTLY, json!({})).await;

    assert_error(
        &body,
        "QUERY_TOO_COMPLEX",
        "ask for smaller pages (`first`/`last`)",
    );
    assert!(
        body["data"].is_null(),
        "a refused query returns no data: {body}"
    );
    assert_eq!(body["errors"].as_array().unwrap().len(), 1, "{body}");
}

#[tokio::test]
async fn page_sizes_passed_as_variables_count_towards_the_cost_too() {
    let app = spawn_app().await;
    let query = "query($n: Int) { sessions(first: $n) { edges { node { positions(first: $n) { edges { node {
        person { roles(first: $n) { edges { node { id } } } } } } } } } } }";

    let costly = app.gql(query, json!({ "n": 100 })).await;
    let cheap = app.gql(query, json!({ "n": 2 })).await;

    assert_error(&costly, "QUERY_TOO_COMPLEX", "too complex");
    assert!(costly["data"].is_null(), "{costly}");
    assert!(
        cheap.get("errors").is_none(),
        "the same query with small pages runs: {cheap}"
    );
    assert_eq!(
        cheap["data"]["sessions"]["edges"].as_array().unwrap().len(),
        1
    );
}

fn aliases(n: usize) -> String {
    (0..n)
        .map(|i| format!("a{i}: regions {{ code }}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn thirty_aliases_are_allowed() {
    let app = spawn_empty_app().await;

    let data = app.data(&format!("{{ {} }}", aliases(30)), json!({})).await;

    assert_eq!(data.as_object().unwrap().len(), 30);
    assert_eq!(data["a29"][4]["code"], "weog");
}

#[tokio::test]
async fn more_than_thirty_aliases_are_refused() {
    let app = spawn_empty_app().await;

    let body = app.gql(&format!("{{ {} }}", aliases(31)), json!({})).await;

    assert_error(
        &body,
        "QUERY_TOO_COMPLEX",
        "the query uses 31 aliases; at most 30 are allowed",
    );
    assert!(body["data"].is_null(), "{body}");
}

#[tokio::test]
async fn aliases_inside_fragments_count_towards_the_limit() {
    let app = spawn_empty_app().await;
    let query = format!("{{ ...Many }} fragment Many on Query {{ {} }}", aliases(31));

    let body = app.gql(&query, json!({})).await;

    assert_error(&body, "QUERY_TOO_COMPLEX", "at most 30 are allowed");
}

#[tokio::test]
async fn a_batch_of_two_queries_answers_with_an_array_of_two() {
    let app = spawn_empty_app().await;

    let (status, body) = post(
        &app,
        &json!([
            { "query": "{ regions { code } }" },
            { "query": "query($y: Int) { events(year: $y) { code } }", "variables": { "y": 2025 } }
        ]),
    )
    .await;

    assert_eq!(status, 200);
    let answers = body
        .as_array()
        .unwrap_or_else(|| panic!("a batch answers with an array: {body}"));
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["data"]["regions"][0]["code"], "african");
    assert_eq!(answers[1]["data"]["events"], json!([]));
    assert!(answers.iter().all(|a| a.get("errors").is_none()), "{body}");
}

#[tokio::test]
async fn each_operation_of_a_batch_gets_its_own_errors_with_codes() {
    let app = spawn_empty_app().await;

    let (status, body) = post(
        &app,
        &json!([{ "query": "{ regions { code } }" }, { "query": "{ regions { nope } }" }]),
    )
    .await;

    assert_eq!(status, 200);
    let answers = body.as_array().unwrap();
    assert!(answers[0].get("errors").is_none(), "{body}");
    assert_eq!(answers[0]["data"]["regions"].as_array().unwrap().len(), 6);
    assert_error(
        &answers[1],
        "GRAPHQL_VALIDATION_FAILED",
        r#"Unknown field "nope""#,
    );
}

#[tokio::test]
async fn a_batch_of_ten_runs_and_a_batch_of_eleven_is_refused() {
    let app = spawn_empty_app().await;
    let batch = |n: usize| {
        json!(
            (0..n)
                .map(|_| json!({ "query": "{ regions { code } }" }))
                .collect::<Vec<_>>()
        )
    };

    let (ten_status, ten) = post(&app, &batch(10)).await;
    let (eleven_status, eleven) = post(&app, &batch(11)).await;

    assert_eq!(ten_status, 200);
    assert_eq!(ten.as_array().unwrap().len(), 10);
    assert!(
        ten.as_array()
            .unwrap()
            .iter()
            .all(|a| a["data"]["regions"][4]["code"] == "weog"),
        "{ten}"
    );
    assert_eq!(eleven_status, 400);
    assert_error(
        &eleven,
        "QUERY_TOO_COMPLEX",
        "a batch carries 1 to 10 operations, this one 11",
    );
    assert!(eleven.get("data").is_none_or(Value::is_null), "{eleven}");
}

#[tokio::test]
async fn a_variable_of_the_wrong_type_is_refused_with_a_code() {
    let app = spawn_empty_app().await;

    let body = app
        .gql(
            "query($n: Int) { sessions(first: $n) { totalCount } }",
            json!({ "n": "twenty" }),
        )
        .await;

    assert_error(
        &body,
        "BAD_USER_INPUT",
        r#"Invalid value for argument "first", expected type "Int""#,
    );
    assert!(body["data"].is_null(), "{body}");
}

#[tokio::test]
async fn an_enum_variable_with_an_unknown_value_is_refused_with_a_code() {
    let app = spawn_empty_app().await;

    let body = app
        .gql(
            "query($f: PositionFilterInput) { positions(filter: $f) { totalCount } }",
            json!({ "f": { "participationMode": "SIDEWAYS" } }),
        )
        .await;

    assert_error(
        &body,
        "BAD_USER_INPUT",
        r#"enumeration type "ParticipationMode" does not contain the value "SIDEWAYS""#,
    );
    assert!(body["data"].is_null(), "{body}");
}

#[tokio::test]
async fn the_done_when_query_fits_inside_the_limits() {
    let app = spawn_app().await;

    let body = app
        .gql(
            r#"{ session(event: "igf-2025", code: "WS #461") { title roles { role person { name } stakeholderGroup { name } region { name } } policyQuestions { text } } }"#,
            json!({}),
        )
        .await;

    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(
        body["data"]["session"]["roles"].as_array().unwrap().len(),
        8
    );
    assert_eq!(
        body["data"]["session"]["policyQuestions"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[tokio::test]
async fn a_fifty_session_list_page_with_six_speakers_each_fits_inside_the_limits() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-list", 2025).await;
    let groups = [
        "government",
        "civil-society",
        "technical-community",
        "private-sector",
        "government",
        "civil-society",
    ];
    let regions = [
        "african",
        "asia-pacific",
        "eastern-european",
        "grulac",
        "weog",
        "african",
    ];
    let mut people = Vec::new();
    for i in 0..12 {
        people.push(
            app.person(
                &format!("Fictional Panelist {i:02}"),
                Some(groups[i % 6]),
                Some(regions[i % 6]),
            )
            .await,
        );
    }
    for s in 0..55 {
        let session = app
            .session(
                &event,
                &format!("WS #{:03}", s + 1),
                &format!("Listed session {s}"),
                SessionKind::Workshop,
                None,
            )
            .await;
        for k in 0..6 {
            let person = &people[(s + k) % people.len()];
            app.role(
                &session,
                Some(person),
                RoleKind::Speaker,
                k as i32 + 1,
                groups[k],
                regions[k],
            )
            .await;
        }
    }
    let query = "{ sessions(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code title event { code } roles(role: SPEAKER) { order person { name affiliation } stakeholderGroup { code name } region { code name } } } } } }";

    let body = app.gql(query, json!({})).await;

    assert!(body.get("errors").is_none(), "{body}");
    let sessions = &body["data"]["sessions"];
    assert_eq!(sessions["totalCount"], 55);
    assert_eq!(sessions["pageInfo"]["hasNextPage"], true);
    let edges = sessions["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 50);
    assert_eq!(edges[0]["node"]["code"], "WS #001");
    assert_eq!(edges[49]["node"]["code"], "WS #050");
    for edge in edges {
        let roles = edge["node"]["roles"].as_array().unwrap();
        assert_eq!(roles.len(), 6, "{edge}");
        assert!(roles.iter().all(|r| {
            r["person"]["name"]
                .as_str()
                .unwrap()
                .starts_with("Fictional Panelist")
        }));
        assert_eq!(roles[5]["order"], 6);
        assert_eq!(roles[5]["region"]["code"], "african");
    }
}

/// GraphiQL's and code generators' introspection query: its `ofType`
/// chain is deeper than the depth limit, and it must still run.
const INTROSPECTION: &str = r#"query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}"#;

#[tokio::test]
async fn the_full_introspection_query_of_graphiql_runs() {
    let app = spawn_empty_app().await;

    let data = app.data(INTROSPECTION, json!({})).await;

    let types = data["__schema"]["types"].as_array().unwrap();
    assert!(types.iter().any(|t| t["name"] == "Session"));
    assert_eq!(data["__schema"]["mutationType"]["name"], "Mutation");
}

#[tokio::test]
async fn a_huge_page_size_is_bad_input_not_a_cost_refusal() {
    let app = spawn_empty_app().await;

    let body = app
        .gql(
            "{ sessions(first: 5000) { edges { node { code roles { person { name } } } } } }",
            json!({}),
        )
        .await;

    assert_error(&body, "BAD_USER_INPUT", "between 0 and 100");
}

#[tokio::test]
async fn a_text_filter_with_too_many_words_is_refused() {
    let app = spawn_empty_app().await;
    let words = ["word"; 11].join(" ");

    let body = app
        .gql(
            "query($w: String) { people(filter: { name: $w }) { totalCount } }",
            json!({ "w": words }),
        )
        .await;

    assert_error(&body, "BAD_USER_INPUT", "at most 10 words");
    assert_eq!(body["errors"][0]["extensions"]["field"], "name");
}
