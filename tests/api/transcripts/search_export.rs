//! Interventions in `search` and in the exports: under one filter, the
//! search's hits, the CSV and NDJSON export rows and `speakingTime`'s
//! totals count the same interventions, words and seconds. Every turn of
//! the transcripts here holds the word `quorum`, so a search for it finds
//! every intervention the filter selects.

use super::*;

const TOTALS: &str = r#"query($filter: SpeakingTimeFilter) {
    speakingTime(filter: $filter) { total { interventions words seconds } } }"#;

const SEARCH: &str = r#"query($q: String!, $filter: SpeakingTimeFilter, $after: String) {
    search(query: $q, interventions: $filter, first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { snippet item { __typename ... on Intervention { id words seconds } } } } } }"#;

/// Every text fixture's panel and transcript, each turn ending in
/// `quorum`, and one turn that starts like a spreadsheet formula.
async fn import_marked(app: &TestApp, admin: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/transcripts");
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".proposal.txt").map(str::to_owned))
        .filter(|stem| dir.join(format!("{stem}.txt")).exists())
        .collect();
    stems.sort();
    for stem in stems {
        let code = import_panel(app, admin, &stem).await;
        let mut text: String = fixture(&format!("{stem}.txt"))
            .lines()
            .map(|l| {
                if l.starts_with(">> ") {
                    format!("{l} quorum\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        if stem == "a-panel-and-floor" {
            text.push_str(">> AUDIENCE: =1+2 quorum, said the spreadsheet\n");
        }
        imported(app, admin, &code, &text).await;
    }
}

/// `(interventions, words, seconds)` of `speakingTime` under `filter`.
async fn totals(app: &TestApp, filter: &Value) -> (i64, i64, i64) {
    let t = app.data(TOTALS, json!({ "filter": filter })).await["speakingTime"]["total"].clone();
    let n = |f: &str| t[f].as_i64().unwrap();
    (n("interventions"), n("words"), n("seconds"))
}

/// Every hit of a search for `q` under `filter`, page after page: the
/// total count and the hits.
async fn search_all(app: &TestApp, q: &str, filter: &Value) -> (i64, Vec<Value>) {
    let mut hits = Vec::new();
    let mut after = Value::Null;
    loop {
        let vars = json!({ "q": q, "filter": filter, "after": after });
        let s = app.data(SEARCH, vars).await["search"].clone();
        hits.extend(s["edges"].as_array().unwrap().iter().cloned());
        if !s["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return (s["totalCount"].as_i64().unwrap(), hits);
        }
        after = s["pageInfo"]["endCursor"].clone();
    }
}

/// A filter as export query parameters.
fn query_string(filter: &Value) -> String {
    filter
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn search_hits_and_export_rows_equal_speaking_time_under_the_same_filter() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let analyst = app.login_as(UserRole::Analyst).await;
    import_marked(&app, &admin).await;

    let filters = [
        json!({}),
        json!({ "event": EVENT }),
        json!({ "year": 2024, "floor": false }),
        json!({ "floor": true }),
        json!({ "stakeholderGroup": "civil-society" }),
        json!({ "region": "weog" }),
        json!({ "role": "SPEAKER", "participationMode": "ONLINE" }),
        json!({ "sessionKind": "WORKSHOP" }),
        json!({ "topic": "enhanced-cooperation" }),
    ];
    let mut seen_some = 0;
    for filter in &filters {
        let (n, words, seconds) = totals(&app, filter).await;
        seen_some += usize::from(n > 0);

        let (count, hits) = search_all(&app, "quorum", filter).await;
        assert_eq!(count, n, "{filter}: totalCount");
        assert_eq!(hits.len() as i64, n, "{filter}: hits");
        let sum = |f: &str| {
            hits.iter()
                .map(|h| h["node"]["item"][f].as_i64().unwrap())
                .sum::<i64>()
        };
        assert!(
            hits.iter()
                .all(|h| h["node"]["item"]["__typename"] == "Intervention")
        );
        assert!(
            hits.iter().all(|h| h["node"]["snippet"]
                .as_str()
                .unwrap()
                .contains("<mark>quorum</mark>")),
            "{filter}: every snippet marks the word"
        );
        assert_eq!((sum("words"), sum("seconds")), (words, seconds), "{filter}");

        let params = query_string(filter);
        let csv = app
            .export_as(&analyst, &format!("/export/interventions.csv?{params}"))
            .await;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len() as i64, n, "{filter}: CSV rows");
        let csv_sum = |name: &str| {
            rows.iter()
                .map(|r| r[col(name)].parse::<i64>().unwrap())
                .sum::<i64>()
        };
        assert_eq!((csv_sum("words"), csv_sum("seconds")), (words, seconds));
        let mut csv_ids: Vec<&str> = rows.iter().map(|r| &r[col("id")]).collect();
        let mut hit_ids: Vec<&str> = hits
            .iter()
            .map(|h| h["node"]["item"]["id"].as_str().unwrap())
            .collect();
        csv_ids.sort();
        hit_ids.sort();
        assert_eq!(csv_ids, hit_ids, "{filter}: the same interventions");

        let ndjson = app
            .export_as(&analyst, &format!("/export/interventions.ndjson?{params}"))
            .await;
        let lines: Vec<Value> = ndjson
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len() as i64, n, "{filter}: NDJSON lines");
        let json_words: i64 = lines.iter().map(|l| l["words"].as_i64().unwrap()).sum();
        assert_eq!(json_words, words);
    }
    assert!(seen_some >= 7, "the filters select something");

    // The whole search finds interventions beside the other kinds.
    let (everything, _) = {
        let s = app
            .data(
                SEARCH,
                json!({ "q": "quorum", "filter": null, "after": null }),
            )
            .await;
        (s["search"]["totalCount"].as_i64().unwrap(), ())
    };
    assert_eq!(everything, totals(&app, &json!({})).await.0);
}

#[tokio::test]
async fn intervention_exports_neutralise_formulas_in_csv_and_keep_them_in_ndjson() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    import_marked(&app, &admin).await;
    let csv = app
        .export_as(&admin, "/export/interventions.csv?floor=true")
        .await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let text = header.iter().position(|h| h == "text").unwrap();
    let texts: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[text].to_owned())
        .collect();
    assert!(
        texts.contains(&"'=1+2 quorum, said the spreadsheet".to_owned()),
        "{texts:?}"
    );
    assert!(texts.iter().all(|t| !t.starts_with('=')));
    let ndjson = app
        .export_as(&admin, "/export/interventions.ndjson?floor=true")
        .await;
    assert!(ndjson.contains(r#""text":"=1+2 quorum, said the spreadsheet""#));
    let disposition = app
        .client
        .get(app.url("/export/interventions.csv"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(disposition, "attachment; filename=\"interventions.csv\"");
}

#[tokio::test]
async fn intervention_exports_refuse_the_anonymous_and_say_what_to_fix() {
    let app = spawn_empty_app().await;
    let analyst = app.login_as(UserRole::Analyst).await;
    let anonymous = app
        .client
        .get(app.url("/export/interventions.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    for (query, field, says) in [
        ("role=speaker", "role", "SPEAKER"),
        ("sessionKind=PANEL", "sessionKind", "OPEN_FORUM"),
        ("region=atlantis", "region", "atlantis"),
        ("event=igf-1999", "event", "igf-1999"),
        ("topic=nothing-here", "topic", "nothing-here"),
    ] {
        let response = app
            .client
            .get(app.url(&format!("/export/interventions.ndjson?{query}")))
            .bearer_auth(&analyst)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.unwrap();
        let error = &body["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{query}");
        assert_eq!(error["extensions"]["field"], field, "{query}");
        assert!(
            error["message"].as_str().unwrap().contains(says),
            "{query}: {error}"
        );
    }
    let response = app
        .client
        .get(app.url("/export/interventions.csv?speaker=x"))
        .bearer_auth(&analyst)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("unknown parameter `speaker`") && message.contains("SpeakingTimeFilter"),
        "{message}"
    );
}
