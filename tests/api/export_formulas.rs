//! A spreadsheet opening an exported CSV must not run what a speaker's
//! words or a name happen to start with: cells that begin with `=`, `+`,
//! `-`, `@`, a tab or a carriage return go out behind a `'` (OWASP's advice
//! on CSV injection). NDJSON is not a spreadsheet format and stays exact.

use entity::user::UserRole;
use serde_json::Value;

use crate::helpers::*;

/// Texts a spreadsheet would read as formulas, each with what the CSV
/// cell must say instead.
const FORMULAS: [(&str, &str); 6] = [
    (
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "'=HYPERLINK(\"http://evil.example\",\"x\")",
    ),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
];

#[tokio::test]
async fn csv_cells_that_start_a_formula_are_neutralised_and_ndjson_stays_exact() {
    let app = spawn_empty_app().await;
    let event = app.event("nri-formula", 2025).await;
    let session = app
        .session(
            &event,
            "=WS 1",
            "A session",
            entity::session::SessionKind::Workshop,
            None,
        )
        .await;
    for (i, (text, _)) in FORMULAS.iter().enumerate() {
        let name = format!("{text} Fictional {i}");
        let person = app.person(&name, Some("civil-society"), Some("weog")).await;
        app.position(NewPosition {
            summary: text,
            session: Some(&session),
            person: Some(&person),
            ..Default::default()
        })
        .await;
    }
    let token = app.login_as(UserRole::Analyst).await;

    let csv = app.export_as(&token, "/export/positions.csv").await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), FORMULAS.len());
    for (row, (text, cell)) in rows.iter().zip(FORMULAS) {
        assert_eq!(&row[column("summary")], cell, "summary {text:?}");
        assert_eq!(
            row[column("person_name")],
            format!(
                "{cell} Fictional {}",
                FORMULAS.iter().position(|f| f.0 == text).unwrap()
            ),
        );
        assert_eq!(&row[column("session_code")], "'=WS 1");
    }

    let ndjson = app.export_as(&token, "/export/positions.ndjson").await;
    let records: Vec<Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (record, (text, _)) in records.iter().zip(FORMULAS) {
        assert_eq!(record["summary"], text);
        assert_eq!(record["session_code"], "=WS 1");
    }
}
