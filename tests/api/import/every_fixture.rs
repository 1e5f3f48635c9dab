//! Every page in `tests/api/proposals/` (text, or HTML as saved from the
//! site), imported through `importProposal` and read back through GraphQL:
//!
//! - the stored session matches the page's `.expected` file, written by
//!   hand from the page (roles in order with name, affiliation, group and
//!   region as written and participation; format; duration; questions;
//!   cited paragraphs);
//! - nothing is lost in silence: every non-empty line of what the page
//!   shows is in a stored field, in kept extra text, or named in a warning;
//! - importing it again changes nothing and keeps every id.
//!
//! Each page goes into an event of its own, so that codes never meet.

use std::collections::BTreeSet;

use super::*;

const FULL: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) {
        id code kind title format formatAsWritten durationMinutes formatDescription description
        expectedOutcomes hybridFormat participantGains room version
        extraSections { heading body }
        citedParagraphs { id number document { code } }
        roles { id version role order participation affiliation
            person { id name affiliation }
            stakeholderGroup { code } stakeholderGroupAsWritten
            region { code } regionAsWritten }
        policyQuestions { id text } } }"#;

const IMPORT_FULL: &str = r#"mutation($event: String!, $text: String!) {
    importProposal(event: $event, text: $text, dryRun: false) {
        code outcome warnings created updated removed kept } }"#;

/// One fixture page and what it should store.
struct Page {
    name: String,
    text: String,
    expected: Expected,
}

/// A page's `.expected` file.
#[derive(Default)]
struct Expected {
    code: String,
    kind: String,
    format: String,
    duration: String,
    roles: Vec<String>,
    questions: Vec<String>,
    cites: Vec<String>,
}

fn pages() -> Vec<Page> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/proposals");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the fixtures folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".html"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).expect("fixture");
            let stem = name.rsplit_once('.').expect("extension").0;
            let expected = std::fs::read_to_string(dir.join(format!("{stem}.expected")))
                .unwrap_or_else(|_| panic!("{name} has a {stem}.expected file"));
            Page {
                expected: parse_expected(&expected),
                name,
                text,
            }
        })
        .collect()
}

fn parse_expected(text: &str) -> Expected {
    let mut e = Expected::default();
    let mut list: Option<&str> = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let line = line.trim_end();
        match line.split_once(':') {
            Some((key @ ("roles" | "questions" | "cites"), "")) => list = Some(key),
            Some(("code", v)) if list.is_none() => e.code = v.trim().to_owned(),
            Some(("kind", v)) if list.is_none() => e.kind = v.trim().to_owned(),
            Some(("format", v)) if list.is_none() => e.format = v.trim().to_owned(),
            Some(("duration", v)) if list.is_none() => e.duration = v.trim().to_owned(),
            _ if line.trim().is_empty() => {}
            _ => match list {
                Some("roles") => e.roles.push(normalise_role(line)),
                Some("questions") => e.questions.push(line.trim().to_owned()),
                Some("cites") => e.cites.push(line.trim().to_owned()),
                _ => panic!("unexpected line in an .expected file: {line}"),
            },
        }
    }
    e.cites.sort();
    e
}

/// `KIND N | a | b` with single spaces around the bars.
fn normalise_role(line: &str) -> String {
    line.split('|')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The enum a layout as written maps to.
fn format_enum(written: &str) -> Value {
    let w = written.to_lowercase();
    if w == "-" {
        Value::Null
    } else if w.contains("theat") {
        json!("THEATER")
    } else if w.contains("round") {
        json!("ROUNDTABLE")
    } else if w.contains("classroom") {
        json!("CLASSROOM")
    } else {
        json!("OTHER")
    }
}

/// The stored roles in the `.expected` form.
fn stored_roles(session: &Value) -> Vec<String> {
    let dash = |v: &Value| v.as_str().unwrap_or("-").to_owned();
    session["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| {
            [
                format!("{} {}", dash(&r["role"]), r["order"]),
                dash(&r["person"]["name"]),
                dash(&r["affiliation"]),
                dash(&r["stakeholderGroupAsWritten"]),
                dash(&r["regionAsWritten"]),
                dash(&r["participation"]),
            ]
            .join(" | ")
        })
        .collect()
}

fn stored_cites(session: &Value) -> Vec<String> {
    let mut cites = cited_paragraphs(session);
    cites.sort();
    cites
}

/// What differs between the stored session and the expectation.
fn differences(page: &Page, session: &Value) -> Vec<String> {
    let e = &page.expected;
    let mut out = Vec::new();
    let mut check = |what: &str, stored: Value, wanted: Value| {
        if stored != wanted {
            out.push(format!("{what}: stored {stored}, expected {wanted}"));
        }
    };
    check("code", session["code"].clone(), json!(e.code));
    check("kind", session["kind"].clone(), json!(e.kind));
    check("format", session["format"].clone(), format_enum(&e.format));
    check(
        "duration",
        session["durationMinutes"].clone(),
        e.duration.parse::<i64>().map_or(Value::Null, |d| json!(d)),
    );
    check("roles", json!(stored_roles(session)), json!(e.roles));
    let questions: Vec<&str> = session["policyQuestions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    check("questions", json!(questions), json!(e.questions));
    check("cites", json!(stored_cites(session)), json!(e.cites));
    out
}

/// Words that a page uses as labels or schedule furniture: a line needs
/// none of them stored.
const LABEL_WORDS: &[&str] = &[
    "igf",
    "speaker",
    "speakers",
    "organizer",
    "organizers",
    "organiser",
    "organisers",
    "moderator",
    "moderators",
    "online",
    "onsite",
    "rapporteur",
    "format",
    "duration",
    "minutes",
    "min",
    "policy",
    "question",
    "questions",
    "s",
    "description",
    "session",
    "expected",
    "outcomes",
    "outcome",
    "room",
    "topics",
    "topic",
    "sdgs",
    "sdg",
    "utc",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "st",
    "nd",
    "rd",
    "th",
    "main",
    "sub",
    "and",
    "organizational",
    "affiliation",
    "stakeholder",
    "regional",
    "group",
    "co",
    "hybrid",
    "additional",
    "time",
    "what",
    "will",
    "participants",
    "gain",
    "from",
    "attending",
    "this",
];

/// The words of `text`, lower case, without numbers (`30th`, `2024`) and
/// single letters (list markers such as `b)`).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .filter(|w| w.chars().next().is_some_and(|c| !c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

/// Lines of the page whose words are not all stored, and that no warning
/// names: lost in silence.
fn silently_lost(page_text: &str, session: &Value, warnings: &[String]) -> Vec<String> {
    let mut stored = BTreeSet::new();
    collect_words(session, &mut stored);
    page_text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .filter(|(i, _)| {
            let named = format!("line {}:", i + 1);
            let named_in_list = format!("line {},", i + 1);
            !warnings
                .iter()
                .any(|w| w.starts_with(&named) || w.contains(&named) || w.contains(&named_in_list))
        })
        .filter(|(_, l)| {
            words(l)
                .iter()
                .any(|w| !LABEL_WORDS.contains(&w.as_str()) && !stored.contains(w))
        })
        .map(|(i, l)| format!("line {}: {l}", i + 1))
        .collect()
}

fn collect_words(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => into.extend(words(s)),
        Value::Array(items) => items.iter().for_each(|v| collect_words(v, into)),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| k.as_str() != "id")
            .for_each(|(_, v)| collect_words(v, into)),
        _ => {}
    }
}

/// Ids of the session, its roles and its questions, with versions.
fn ids_of(session: &Value) -> Vec<String> {
    let mut ids = vec![format!("{} v{}", session["id"], session["version"])];
    for r in session["roles"].as_array().unwrap() {
        ids.push(format!("{} v{}", r["id"], r["version"]));
    }
    for q in session["policyQuestions"].as_array().unwrap() {
        ids.push(q["id"].to_string());
    }
    ids
}

#[tokio::test]
async fn every_fixture_stores_what_its_page_says_loses_nothing_in_silence_and_reimports_unchanged()
{
    let (app, admin) = arrange().await;
    let mut failures = Vec::new();
    let pages = pages();
    assert!(pages.len() >= 30, "{} fixtures", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let event = format!("igf-{}", 2040 + i);
        let vars = json!({ "event": event, "text": page.text });
        let first = app.data_as(&admin, IMPORT_FULL, vars.clone()).await["importProposal"].clone();
        let warnings = strings(&first["warnings"]);
        let code = first["code"].as_str().unwrap().to_owned();
        let read = json!({ "event": event, "code": code });
        let session = app.data_as(&admin, FULL, read.clone()).await["session"].clone();
        for d in differences(page, &session) {
            failures.push(format!("{}: {d}", page.name));
        }
        // HTML is checked over the lines the page shows.
        let shown = igf_perspectives::import::page_text(&page.text).expect("within the limit");
        for lost in silently_lost(&shown, &session, &warnings) {
            failures.push(format!("{}: lost in silence: {lost}", page.name));
        }
        let again = app.data_as(&admin, IMPORT_FULL, vars).await["importProposal"].clone();
        if again["outcome"] != "UNCHANGED" {
            failures.push(format!(
                "{}: a second import changed it: {again}",
                page.name
            ));
        }
        let after = app.data_as(&admin, FULL, read).await["session"].clone();
        if ids_of(&after) != ids_of(&session) {
            failures.push(format!("{}: ids or versions moved on re-import", page.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Writes what the importer stores for each page to `target/fixture-dump/`
/// in the `.expected` form, for reviewing a new page's expectation by hand.
#[tokio::test]
#[ignore = "a tool for writing expectations, not a test"]
async fn dump_what_each_fixture_stores() {
    let (app, admin) = arrange().await;
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fixture-dump");
    std::fs::create_dir_all(&out).unwrap();
    for (i, page) in pages_without_expectations().iter().enumerate() {
        let event = format!("igf-{}", 2040 + i);
        let vars = json!({ "event": event, "text": page.1 });
        let (_, body) = app.gql_as(&admin, IMPORT_FULL, vars).await;
        let report = &body["data"]["importProposal"];
        let Some(code) = report["code"].as_str() else {
            std::fs::write(out.join(&page.0), body.to_string()).unwrap();
            continue;
        };
        let read = json!({ "event": event, "code": code });
        let s = app.data_as(&admin, FULL, read).await["session"].clone();
        let questions: Vec<String> = s["policyQuestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap().to_owned())
            .collect();
        let text = format!(
            "code: {}\nkind: {}\nformat: {}\nduration: {}\nroles:\n{}\nquestions:\n{}\ncites:\n{}\n# warnings:\n# {}\n# extra: {}\n",
            s["code"].as_str().unwrap(),
            s["kind"].as_str().unwrap(),
            s["format"],
            s["durationMinutes"],
            stored_roles(&s).join("\n"),
            questions.join("\n"),
            stored_cites(&s).join("\n"),
            strings(&report["warnings"]).join("\n# "),
            s["extraSections"]
        );
        std::fs::write(out.join(&page.0), text).unwrap();
    }
}

fn pages_without_expectations() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/proposals");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".html"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let t = std::fs::read_to_string(dir.join(&n)).unwrap();
            (n, t)
        })
        .collect()
}
