//! What `importTranscript` refuses, each with `BAD_USER_INPUT` (or the
//! scope's code), one message naming what to fix, and the database exactly
//! as it was; who may import; a dry run; and the `transcript` command.

use super::*;

const STEM: &str = "a-panel-and-floor";

/// Refused with `code`, naming `field`; nothing written.
async fn refused(app: &TestApp, token: &str, session: &str, text: &str, code: &str) -> String {
    let before = app.fingerprint().await;
    let body = import(app, token, session, text, false).await;
    assert_eq!(error_code(&body), code, "{body}");
    assert_eq!(app.fingerprint().await, before, "something was written");
    body["errors"][0]["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn unreadable_transcripts_and_unknown_sessions_are_refused_and_nothing_is_written() {
    let (app, admin, code) = with_panel(STEM).await;
    let good = fixture(&format!("{STEM}.txt"));
    // A first import, so that a refused one must leave it as it was.
    imported(&app, &admin, &code, &good).await;
    let stored = read(&app, &admin, &code).await;

    let m = refused(
        &app,
        &admin,
        &code,
        "A disclaimer.\n***\nJust words.\n",
        "BAD_USER_INPUT",
    )
    .await;
    assert!(m.contains("no turns") && m.contains(">> JANE DOE:"), "{m}");
    let m = refused(&app, &admin, &code, "", "BAD_USER_INPUT").await;
    assert!(m.contains("no turns"), "{m}");
    let binary = format!("{}\0\u{1}\u{2}", &good[..200]);
    // The API refuses NUL in any text before the importer sees it.
    let m = refused(&app, &admin, &code, &binary, "BAD_USER_INPUT").await;
    assert!(m.contains("NUL"), "{m}");
    let huge = format!("***\n>> KOFI: {}\n", "word ".repeat(220_000));
    let m = refused(&app, &admin, &code, &huge, "BAD_USER_INPUT").await;
    assert!(m.contains("over the limit of 1048576 bytes"), "{m}");
    let m = refused(&app, &admin, "WS #999", &good, "BAD_USER_INPUT").await;
    assert!(
        m.contains("no session `WS #999`") && m.contains("import its proposal"),
        "{m}"
    );
    let vars = json!({ "event": "igf-1999", "session": code, "text": good, "dryRun": false });
    let body = app.gql_as(&admin, IMPORT, vars).await.1;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "event", "{body}");

    assert_eq!(read(&app, &admin, &code).await, stored);
}

#[tokio::test]
async fn admins_and_the_sessions_organizers_import_and_no_one_else() {
    let (app, admin, code) = with_panel(STEM).await;
    let other = import_panel(&app, &admin, "b-role-labels").await;
    let text = fixture(&format!("{STEM}.txt"));
    let body = app
        .gql(
            IMPORT,
            json!({ "event": EVENT, "session": code, "text": text, "dryRun": false }),
        )
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    let analyst = app.login_as(UserRole::Analyst).await;
    refused(&app, &analyst, &code, &text, "FORBIDDEN").await;
    let session = session_model(&app, &other).await;
    let organizer = app.organizer_of(&session).await;
    refused(&app, &organizer, &code, &text, "FORBIDDEN").await;
    // The organizer of the other session imports there.
    let theirs = fixture("b-role-labels.txt");
    let report = imported(&app, &organizer, &other, &theirs).await;
    assert_eq!(report["outcome"], "CREATED");
    // And the import is in the audit trail, as theirs.
    let log = app
        .data_as(
            &admin,
            r#"{ auditLog(last: 3) { nodes { action entityType actor { email } } } }"#,
            json!({}),
        )
        .await;
    let nodes = log["auditLog"]["nodes"].as_array().unwrap();
    assert!(
        nodes.iter().any(|n| n["entityType"] == "intervention"),
        "{log}"
    );
    assert!(
        nodes.iter().all(|n| n["actor"]["email"].is_string()),
        "{log}"
    );
}

#[tokio::test]
async fn a_dry_run_reports_what_it_would_store_and_writes_nothing() {
    let (app, admin, code) = with_panel(STEM).await;
    let before = app.fingerprint().await;
    let body = import(&app, &admin, &code, &fixture(&format!("{STEM}.txt")), true).await;
    let report = &body["data"]["importTranscript"];
    assert_eq!(report["outcome"], "CREATED", "{body}");
    assert_eq!(report["created"], report["interventions"]);
    assert_eq!(app.fingerprint().await, before);
    assert!(read(&app, &admin, &code).await["transcript"].is_null());
}

/// Run `igf-perspectives ARGS…` on the SQLite file `db`.
fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(args)
        .arg("--database-url")
        .arg(format!("sqlite://{}?mode=rwc", db.display()))
        .env_remove("DATABASE_URL")
        .env_remove("RUST_BACKTRACE")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run the binary");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn the_transcript_command_imports_a_file_and_says_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/transcripts");
    let file = |name: &str| folder.join(name).display().to_string();
    let proposal = file(&format!("{STEM}.proposal.txt"));
    let (code, _, err) = run(&db, &["import", "--event", EVENT, &proposal]);
    assert_eq!(code, 0, "{err}");
    let transcript = file(&format!("{STEM}.txt"));
    let args = [
        "transcript",
        "--event",
        EVENT,
        "--session",
        "WS #601",
        &transcript,
    ];
    let (code, out, err) = run(&db, &args);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("created the transcript of WS #601: 11 interventions"),
        "{out}"
    );
    let (code, out, _) = run(&db, &args);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("unchanged the transcript of WS #601"),
        "{out}"
    );
    let args = [
        "transcript",
        "--event",
        EVENT,
        "--session",
        "WS #1",
        &transcript,
    ];
    let (code, out, err) = run(&db, &args);
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("no session `WS #1`"), "{err}");
    // Binary input, such as a PDF saved by mistake: refused, naming why.
    let pdf = dir.path().join("transcript.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\xff\xfe\x00\x01binary").unwrap();
    let pdf = pdf.display().to_string();
    let args = ["transcript", "--event", EVENT, "--session", "WS #601", &pdf];
    let (code, out, err) = run(&db, &args);
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("not a text transcript"), "{err}");
}
