//! Text logs written to a file or a pipe hold no colour codes: the real
//! binary's `serve`, its standard error a pipe, logs plain text.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

#[test]
fn logs_to_a_pipe_have_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}/logs.db", dir.path().display()))
        .env("JWT_SECRET", "fictional-test-signing-secret-7f3a9c2e51")
        .env("RUST_LOG", "info")
        .env_remove("NO_COLOR")
        .env_remove("LOG_FORMAT")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let started = Instant::now();
    let mut seen = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        let serving = line.contains("serving GraphQL");
        seen.push(line);
        if serving || started.elapsed() > Duration::from_secs(30) {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = seen.join("\n");
    assert!(text.contains("serving GraphQL"), "{text}");
    assert!(!text.contains('\u{1b}'), "escape codes in: {text:?}");
}
