//! Every transcript in this folder, imported through `importTranscript`
//! after its session's proposal and read back through GraphQL: the stored
//! interventions, their matches and the unmatched labels equal the page's
//! hand-written `.expected.json`; importing it again changes nothing and
//! keeps every id; a `.v2` version updates in place, keeping the ids of
//! the turns it did not change and of a turn edited in its place, and
//! deleting (or, when a position cites
//! it, keeping and marking) the turn it dropped.

use super::*;

/// The stems of the fixtures: `a-panel-and-floor` for
/// `a-panel-and-floor.expected.json`.
fn stems() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/transcripts");
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".expected.json").map(str::to_owned))
        .filter(|n| !n.ends_with(".v2"))
        .collect();
    stems.sort();
    stems
}

/// The transcript of `stem` (`.txt`, else `.html`).
fn transcript(stem: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/transcripts");
    if dir.join(format!("{stem}.txt")).exists() {
        fixture(&format!("{stem}.txt"))
    } else {
        fixture(&format!("{stem}.html"))
    }
}

/// A stored intervention in the form of the expectations.
fn shape(node: &Value) -> Value {
    let or_null = |v: &Value, key: &str| v.get(key).cloned().unwrap_or(Value::Null);
    json!({
        "order": node["order"],
        "label": node["label"],
        "text": node["text"],
        "words": node["words"],
        "seconds": node["seconds"],
        "secondsEstimated": node["secondsEstimated"],
        "isFloor": node["isFloor"],
        "selfIntroduction": node["selfIntroduction"],
        "person": or_null(&node["person"], "name"),
        "role": or_null(&node["role"], "role"),
        "stakeholderGroup": or_null(&node["stakeholderGroup"], "code"),
        "region": or_null(&node["region"], "code"),
        "participationMode": node["participationMode"],
    })
}

/// How the stored session differs from an expectation, one line each.
fn differences(name: &str, expected: &Value, session: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let stored = nodes(session);
    let wanted = expected["interventions"].as_array().unwrap();
    if stored.len() != wanted.len() {
        out.push(format!(
            "{name}: {} interventions stored, {} expected",
            stored.len(),
            wanted.len()
        ));
    }
    for (got, want) in stored.iter().map(shape).zip(wanted) {
        for (key, value) in want.as_object().unwrap() {
            if got[key] != *value {
                out.push(format!(
                    "{name}: intervention {} `{key}`: stored {}, expected {value}",
                    want["order"], got[key]
                ));
            }
        }
    }
    let unmatched = &session["transcript"]["unmatchedLabels"];
    if *unmatched != expected["unmatchedLabels"] {
        out.push(format!(
            "{name}: unmatchedLabels {unmatched}, expected {}",
            expected["unmatchedLabels"]
        ));
    }
    out
}

const CITE: &str = r#"mutation($session: ID!, $intervention: ID!) {
    recordPosition(input: { stance: "ongoing-commitment", summary: "Taken from the record.",
        session: $session, intervention: $intervention }) { id intervention { id } } }"#;

const NODE: &str =
    r#"query($id: ID!) { node(id: $id) { id ... on Intervention { inTranscript } } }"#;

/// The `.v2` of `stem`: import it over the first, then check what was
/// kept, changed and dropped. When `cite`, a position cites the dropped
/// turn first, so it must be kept and marked.
async fn second_version(
    app: &TestApp,
    admin: &str,
    stem: &str,
    code: &str,
    first: &Value,
    cite: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let v2: Value = serde_json::from_str(&fixture(&format!("{stem}.v2.expected.json"))).unwrap();
    let by_order = |n: &Value| -> Value {
        nodes(first)
            .iter()
            .find(|i| i["order"] == *n)
            .unwrap_or_else(|| panic!("{stem}: no intervention {n}"))
            .clone()
    };
    let dropped: Vec<Value> = v2["removedFromV1"]
        .as_array()
        .unwrap()
        .iter()
        .map(by_order)
        .collect();
    if cite {
        for d in &dropped {
            let vars = json!({ "session": first["id"], "intervention": d["id"] });
            app.data_as(admin, CITE, vars).await;
        }
    }
    let report = imported(app, admin, code, &fixture(&format!("{stem}.v2.txt"))).await;
    if report["outcome"] != "UPDATED" {
        out.push(format!("{stem}.v2: outcome {}", report["outcome"]));
    }
    let after = read(app, admin, code).await;
    out.extend(differences(&format!("{stem}.v2"), &v2, &after));
    let ids: Vec<&Value> = nodes(&after).iter().map(|n| &n["id"]).collect();
    for n in v2["unchangedFromV1"].as_array().into_iter().flatten() {
        let before = by_order(n);
        if !ids.contains(&&before["id"]) {
            out.push(format!("{stem}.v2: unchanged turn {n} lost its id"));
        }
    }
    // A turn edited in place (in neither list, its label at the same
    // place in v2) keeps its id, at a new version.
    let listed = |key: &str, n: &Value| v2[key].as_array().is_some_and(|l| l.contains(n));
    for old in nodes(first) {
        let n = &old["order"];
        if listed("unchangedFromV1", n) || listed("removedFromV1", n) {
            continue;
        }
        let now = nodes(&after).iter().find(|i| i["order"] == *n);
        if let Some(now) = now.filter(|now| now["label"] == old["label"])
            && (now["id"] != old["id"] || now["version"].as_i64() <= old["version"].as_i64())
        {
            out.push(format!("{stem}.v2: edited turn {n} is {now}, was {old}"));
        }
    }
    for d in &dropped {
        let node = app.data_as(admin, NODE, json!({ "id": d["id"] })).await["node"].clone();
        let kept = &after["transcript"]["keptInterventions"];
        match (cite, &node) {
            (true, Value::Object(_)) if node["inTranscript"] == false => {
                if !kept.as_array().unwrap().iter().any(|k| k["id"] == d["id"]) {
                    out.push(format!("{stem}.v2: kept turn missing from {kept}"));
                }
                if report["kept"].as_array().unwrap().is_empty() {
                    out.push(format!("{stem}.v2: the kept turn is not reported"));
                }
            }
            (false, Value::Null) => {}
            _ => out.push(format!(
                "{stem}.v2: dropped turn {} (cited: {cite}) is {node}",
                d["order"]
            )),
        }
    }
    out
}

#[tokio::test]
async fn every_transcript_stores_what_its_page_says_and_reimports_in_place() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let stems = stems();
    assert!(stems.len() >= 12, "{} fixtures", stems.len());
    let mut failures = Vec::new();
    for stem in &stems {
        let expected: Value =
            serde_json::from_str(&fixture(&format!("{stem}.expected.json"))).unwrap();
        let code = import_panel(&app, &admin, stem).await;
        assert_eq!(code, expected["session"], "{stem}");
        let text = transcript(stem);
        let report = imported(&app, &admin, &code, &text).await;
        if report["outcome"] != "CREATED" {
            failures.push(format!("{stem}: first import {}", report["outcome"]));
        }
        let session = read(&app, &admin, &code).await;
        failures.extend(differences(stem, &expected, &session));
        let again = imported(&app, &admin, &code, &text).await;
        if again["outcome"] != "UNCHANGED" || again["unchanged"] != report["interventions"] {
            failures.push(format!("{stem}: a second import changed it: {again}"));
        }
        if read(&app, &admin, &code).await != session {
            failures.push(format!("{stem}: ids or versions moved on re-import"));
        }
        let v2 = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/api/transcripts")
            .join(format!("{stem}.v2.txt"));
        if v2.exists() {
            let cite = stem.contains("cited");
            failures.extend(second_version(&app, &admin, stem, &code, &session, cite).await);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
