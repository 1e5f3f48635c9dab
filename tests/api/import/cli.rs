//! The command line: `import` with and without `--strict`, and folders.

use super::*;

/// What running the binary gave: exit code, standard output, standard error.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `igf-perspectives import ARGS…` on the SQLite file `db`.
pub(crate) async fn run_import(db: &Path, args: &[&str]) -> Run {
    let url = format!("sqlite://{}", db.display());
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_igf-perspectives"));
    command
        .arg("import")
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn");
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("run the import command");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A server on the SQLite file the command wrote, to read it back.
async fn app_on(db: &Path) -> TestApp {
    let url = format!("sqlite://{}", db.display());
    spawn_app_with(move |c| {
        c.db.database_url = url;
        c.seed_fixture = false;
    })
    .await
}

async fn session_codes(app: &TestApp) -> Vec<String> {
    let data = app
        .data(
            r#"{ sessions(first: 100) { totalCount nodes { code event { code } } } }"#,
            json!({}),
        )
        .await;
    data["sessions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["event"]["code"].as_str().unwrap(),
                s["code"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn the_command_line_with_strict_refuses_an_unmapped_region_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = dir.path().join("ws401.txt");
    std::fs::write(&file, with_region(401, "Hollis Tremblay", "North America")).unwrap();
    let file = file.to_str().unwrap();

    let run = run_import(&db, &["--strict", "--event", EVENT, file]).await;

    assert_ne!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{file}: error: strict import refused, nothing was stored: region `North America` \
             maps to no known value; write known values in the proposal or add an alias \
             (`addAlias`) and import again, or import without --strict to keep it as written \
             and queue it for review\n\
             1 files into igf-2031: 0 created, 0 updated, 0 unchanged, 1 failed, 0 with warnings\n"
        )
    );
    let app = app_on(&db).await;
    let admin = app.login_as(UserRole::Admin).await;
    assert_eq!(session_codes(&app).await, Vec::<String>::new());
    assert_eq!(event_codes(&app).await, Vec::<String>::new());
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0);
    let people = app.data("{ people { totalCount } }", json!({})).await;
    assert_eq!(people["people"]["totalCount"], 0);
}

#[tokio::test]
async fn the_command_line_without_strict_imports_the_same_file_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = dir.path().join("ws401.txt");
    std::fs::write(&file, with_region(401, "Hollis Tremblay", "North America")).unwrap();
    let file = file.to_str().unwrap();

    let run = run_import(&db, &["--event", EVENT, file]).await;

    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{file}: created WS #401 \"Fictional Northern Perspectives 401\" (5 records)\n    \
             1 speakers, 1 organizers, 0 moderators, 0 online moderators, 0 rapporteurs; \
             0 without group or region; 0 lines of extra text\n    \
             warning: region `North America` maps to none known; kept as written and queued \
             for review\n\
             1 files into igf-2031: 1 created, 0 updated, 0 unchanged, 0 failed, 1 with warnings\n"
        )
    );
    let app = app_on(&db).await;
    assert_eq!(session_codes(&app).await, ["igf-2031 WS #401"]);
}

#[tokio::test]
async fn the_command_line_imports_the_good_files_of_a_folder_and_names_the_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let folder = dir.path().join("proposals");
    std::fs::create_dir(&folder).unwrap();
    let broken = "IGF 2031 WS #701 Fictional Broken Panel\n\
                  Speaker 1: Ada Lindgren, Government, WEOG\n\
                  Speaker 2: Jonas Falk, Example Lab, Civil Society\n";
    for (name, text) in [
        ("a-open-forum.txt", OPEN_FORUM_2023),
        ("b-round-table.txt", ROUND_TABLE_2022),
        ("c-broken.txt", broken),
        ("d-nri.txt", NRI_2024),
        (
            "notes.md",
            "Not a proposal: the folder import reads .txt files only.",
        ),
    ] {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let broken_path = folder.join("c-broken.txt");

    let run = run_import(&db, &["--event", EVENT, folder.to_str().unwrap()]).await;

    assert_ne!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(
            &format!(
                "{}: error: line 3: Speaker 2 has no region: \"Civil Society\" is a stakeholder \
             group; needs \"Name, Stakeholder group, Region\"",
                broken_path.display()
            )
            .as_str()
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines.last().copied(),
        Some("4 files into igf-2031: 3 created, 0 updated, 0 unchanged, 1 failed, 1 with warnings")
    );
    assert!(
        run.stderr.contains("1 of 4 files failed to import"),
        "{}",
        run.stderr
    );
    let app = app_on(&db).await;
    let mut codes = session_codes(&app).await;
    codes.sort();
    assert_eq!(
        codes,
        [
            "igf-2031 NRI Session: Fictional Youth IGFs Together",
            "igf-2031 Open Forum #31",
            "igf-2031 WS #218",
        ]
    );
    let people = app
        .data(
            r#"{ people(filter: { name: "Ada Lindgren" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        people["people"]["totalCount"], 0,
        "nothing of the broken file"
    );
}
