//! The command line: accounts and tokens, and what a served sign-in logs.

use super::*;

fn cli(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(args)
        .env_remove("JWT_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A server in this process on the SQLite database at `url`, with no key
/// configured: it signs with the key file beside the database.
async fn serve_database(url: &str) -> (SocketAddr, AppState) {
    let mut config = Config::for_database(url);
    config.seed_fixture = false;
    let state = AppState::open(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(igf_perspectives::http::run(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    (addr, state)
}

#[tokio::test]
async fn the_cli_adds_an_account_and_mints_a_token_the_server_accepts() {
    // Its own SQLite file, whatever TEST_DATABASE_URL says: the command
    // line and the server share it.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let password = "Erin's fictional passphrase";

    let added = cli(
        &[
            "user",
            "add",
            "--email",
            "erin.fictional@example.org",
            "--role",
            "admin",
            "--database-url",
            &url,
        ],
        &format!("{password}\n"),
    );
    let minted = cli(
        &[
            "token",
            "--sub",
            "erin.fictional@example.org",
            "--role",
            "admin",
            "--ttl",
            "10m",
            "--database-url",
            &url,
        ],
        "",
    );
    let wrong_role = cli(
        &[
            "token",
            "--sub",
            "erin.fictional@example.org",
            "--role",
            "organizer",
            "--database-url",
            &url,
        ],
        "",
    );
    let token = text(&minted.stdout).trim().to_owned();
    let (addr, _state) = serve_database(&url).await;
    let client = reqwest::Client::new();
    let me: Value = client
        .post(format!("http://{addr}/graphql"))
        .bearer_auth(&token)
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let login: Value = client
        .post(format!("http://{addr}/graphql"))
        .json(&json!({ "query": LOGIN, "variables": { "e": "erin.fictional@example.org", "p": password } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert!(added.status.success(), "{}", text(&added.stderr));
    assert!(
        text(&added.stdout).starts_with("added erin.fictional@example.org (admin)"),
        "{}",
        text(&added.stdout)
    );
    assert!(minted.status.success(), "{}", text(&minted.stderr));
    assert_eq!(
        me["data"]["me"],
        json!({ "email": "erin.fictional@example.org", "role": "ADMIN", "disabled": false })
    );
    let key_file = std::fs::read(dir.path().join("x.db.jwt-key")).unwrap();
    let (key, validation) = hs256_validation(&key_file);
    let claims = decode::<Claims>(&token, &key, &validation).unwrap().claims;
    assert!(claims.exp.abs_diff(now() + 600) <= 60, "--ttl 10m");
    assert_eq!(
        login["data"]["login"]["user"]["email"], "erin.fictional@example.org",
        "the password came from standard input, without its newline: {login}"
    );
    assert!(!wrong_role.status.success());
    assert!(
        text(&wrong_role.stderr).contains("has role admin, not organizer"),
        "{}",
        text(&wrong_role.stderr)
    );
    assert!(wrong_role.stdout.is_empty(), "no token printed");
    for output in [&added, &minted, &wrong_role] {
        let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert!(!all.contains(password), "the password is never printed");
    }
    assert!(!text(&minted.stderr).contains(&token), "nor logged");
}

/// A `serve` process, stopped when dropped.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn a_served_sign_in_logs_neither_the_password_nor_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let password = "Fay's fictional passphrase";
    let wrong = "Fay's mistyped passphrase";
    let added = cli(
        &[
            "user",
            "add",
            "--email",
            "fay.fictional@example.org",
            "--role",
            "organizer",
            "--database-url",
            &url,
        ],
        &format!("{password}\n"),
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let log_path = dir.path().join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut served = Served(
        Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
            .args(["serve", "--database-url", &url, "--seed-fixture", "false"])
            .args(["--bind", &addr.to_string()])
            .env_remove("JWT_SECRET")
            .env_remove("LOG_FORMAT")
            .env("RUST_LOG", "debug")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap(),
    );
    let client = reqwest::Client::new();
    let graphql = format!("http://{addr}/graphql");
    let mut ready = false;
    for _ in 0..200 {
        if client
            .get(format!("http://{addr}/healthz"))
            .send()
            .await
            .is_ok()
        {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ready, "serve did not start");

    let login = |p: &str| {
        client
            .post(&graphql)
            .json(&json!({ "query": LOGIN, "variables": { "e": "fay.fictional@example.org", "p": p } }))
            .send()
    };
    login(wrong).await.unwrap();
    let signed_in: Value = login(password).await.unwrap().json().await.unwrap();
    let token = signed_in["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = client
        .post(&graphql)
        .bearer_auth(&token)
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap()
        .status();
    let tampered = format!("{}x", &token);
    let refused = client
        .post(&graphql)
        .bearer_auth(&tampered)
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap()
        .status();
    let _ = served.0.kill();
    let _ = served.0.wait();
    let logged = std::fs::read_to_string(&log_path).unwrap();

    assert_eq!((me.as_u16(), refused.as_u16()), (200, 401));
    assert!(
        logged.contains("signed in"),
        "the log was written: {logged}"
    );
    let signature = token.rsplit('.').next().unwrap();
    for secret in [password, wrong, token.as_str(), signature] {
        assert!(!logged.contains(secret), "{secret:?} is in the log");
    }
}

#[tokio::test]
async fn a_refused_token_is_answered_with_a_bearer_challenge() {
    let app = spawn().await;

    let response = app
        .client
        .post(app.url("/graphql"))
        .header("authorization", "Bearer abc")
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn the_audit_trail_of_accounts_holds_neither_passwords_nor_their_hashes() {
    let app = spawn().await;
    admin(&app).await;
    let token = app.login("root.fictional@example.org").await;
    let (first, second) = (
        "Gus's first fictional passphrase",
        "Gus's second fictional passphrase",
    );

    let created = app
        .data_as(
            &token,
            "mutation($p: String!) { createUser(input: {
                email: \"gus.fictional@example.org\", password: $p, role: ANALYST }) { id version } }",
            json!({ "p": first }),
        )
        .await;
    app.data_as(
        &token,
        "mutation($id: ID!, $v: Int!, $p: String!) {
            updateUser(id: $id, version: $v, input: { password: $p }) { version } }",
        json!({ "id": created["createUser"]["id"], "v": created["createUser"]["version"], "p": second }),
    )
    .await;
    let audit = app
        .data_as(
            &token,
            "{ auditLog(filter: { entityType: \"user\" }) { edges { node { action before after } } } }",
            json!({}),
        )
        .await;
    let relogin = app
        .gql(
            LOGIN,
            json!({ "e": "gus.fictional@example.org", "p": second }),
        )
        .await;

    let entries = audit["auditLog"]["edges"].as_array().unwrap();
    let gus: Vec<&Value> = entries
        .iter()
        .map(|e| &e["node"])
        .filter(|n| n["after"]["email"] == "gus.fictional@example.org")
        .collect();
    assert_eq!(gus.len(), 2, "the creation and the change: {audit}");
    assert_eq!(gus[1]["before"]["email"], "gus.fictional@example.org");
    let trail = audit.to_string();
    for secret in [first, second, "$argon2", "password"] {
        assert!(!trail.contains(secret), "{secret:?} is in {trail}");
    }
    assert!(
        relogin["data"]["login"]["token"].is_string(),
        "the change took: {relogin}"
    );
}
