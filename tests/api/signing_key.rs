//! The server's signing key, through the real binary: with none configured
//! it makes one beside a SQLite database and keeps it across restarts, it
//! refuses to start on PostgreSQL, and it refuses weak or published
//! secrets and loose key files whatever `APP_ENV` says.

use std::{
    io::Write,
    os::unix::fs::PermissionsExt,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::helpers::error_code;

/// The development secret earlier versions signed with, as the README
/// published it: anyone could sign an admin token with it.
const PUBLISHED_SECRET: &str = "igf-perspectives-development-secret-do-not-use-in-production";

/// A strong secret for the tests that configure one (fictional, random).
const STRONG_SECRET: &str = "Zq4vN8e2Lr7cYw1kTb5mHs9pXd3gFj6a";

const ME: &str = "{ me { email role } }";

/// The environment the server reads its key from, emptied so the tests
/// decide it.
const KEY_VARIABLES: [&str; 9] = [
    "APP_ENV",
    "DATABASE_URL",
    "JWT_SECRET",
    "JWT_PRIVATE_KEY_FILE",
    "JWT_PUBLIC_KEY_FILE",
    "JWT_ALGORITHM",
    "JWT_KEY_ID",
    "JWT_TRUSTED_ISSUERS_FILE",
    "LOG_FORMAT",
];

fn binary(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_igf-perspectives"));
    command.args(args).env("RUST_LOG", "info");
    for name in KEY_VARIABLES {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A throwaway SQLite database in its own folder.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn database(&self) -> PathBuf {
        self.dir.path().join("perspectives.db")
    }

    fn url(&self) -> String {
        format!("sqlite://{}", self.database().display())
    }

    fn key_file(&self) -> PathBuf {
        self.dir.path().join("perspectives.db.jwt-key")
    }

    /// Add an account with the command line; returns its id.
    fn add_account(&self, email: &str, role: &str) -> String {
        let mut child = binary(
            &[
                "user",
                "add",
                "--email",
                email,
                "--role",
                role,
                "--database-url",
                &self.url(),
            ],
            &[],
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"a fictional long passphrase\n")
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        let stdout = text(&output.stdout);
        stdout
            .trim()
            .rsplit("id ")
            .next()
            .expect("`user add` prints the id")
            .to_owned()
    }
}

/// A `serve` process, stopped when dropped.
struct Served {
    child: Child,
    addr: std::net::SocketAddr,
    log: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.log()
    }

    async fn post(&self, token: Option<&str>, query: &str) -> (u16, Value) {
        let mut request = reqwest::Client::new()
            .post(format!("http://{}/graphql", self.addr))
            .json(&json!({ "query": query }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    async fn login(&self, email: &str) -> String {
        let (_, body) = self
            .post(
                None,
                &format!(
                    r#"mutation {{ login(email: "{email}", password: "a fictional long passphrase") {{ token }} }}"#
                ),
            )
            .await;
        body["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("signed in: {body}"))
            .to_owned()
    }
}

/// How a `serve` process ended up: listening, or exited with its log.
enum Outcome {
    Started(Served),
    Refused { code: Option<i32>, log: String },
}

impl Outcome {
    fn started(self) -> Served {
        match self {
            Outcome::Started(served) => served,
            Outcome::Refused { code, log } => panic!("serve exited ({code:?}): {log}"),
        }
    }

    /// The log of a refusal; a server that started fails the test.
    fn refused(self, case: &str) -> String {
        match self {
            Outcome::Started(served) => {
                let log = served.stop();
                panic!("{case}: serve started:\n{log}")
            }
            Outcome::Refused { code, log } => {
                assert!(code.is_some_and(|c| c != 0), "{case}: exit code {code:?}");
                log
            }
        }
    }
}

/// Start `serve` on `url` in `folder` and wait until it answers
/// `/healthz` or exits.
async fn serve(folder: &Path, url: &str, env: &[(&str, &str)]) -> Outcome {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let log = folder.join(format!("serve-{}.log", addr.port()));
    let file = std::fs::File::create(&log).unwrap();
    let child = binary(
        &["serve", "--database-url", url, "--seed-fixture", "false"],
        env,
    )
    .args(["--bind", &addr.to_string()])
    .current_dir(folder)
    .stdin(Stdio::null())
    .stdout(file.try_clone().unwrap())
    .stderr(file)
    .spawn()
    .unwrap();
    let mut served = Served { child, addr, log };
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some(status) = served.child.try_wait().unwrap() {
            let log = served.log();
            return Outcome::Refused {
                code: status.code(),
                log,
            };
        }
        if client
            .get(format!("http://{addr}/healthz"))
            .send()
            .await
            .is_ok()
        {
            return Outcome::Started(served);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let log = served.log();
    panic!("serve neither started nor exited: {log}")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// An admin token for account `sub`, signed with `secret` the way the
/// server signs its own.
fn forge(sub: &str, secret: &str) -> String {
    let now = jsonwebtoken::get_current_timestamp();
    let claims = json!({
        "sub": sub, "role": "admin", "iss": "igf-perspectives", "aud": "igf-perspectives",
        "exp": now + 600, "nbf": now, "iat": now,
    });
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

#[tokio::test]
async fn a_server_with_no_key_on_sqlite_writes_a_private_key_file_and_its_tokens_survive_a_restart()
{
    let folder = Folder::new();
    folder.add_account("wren.fictional@example.org", "admin");

    let first = serve(folder.dir.path(), &folder.url(), &[]).await.started();
    let token = first.login("wren.fictional@example.org").await;
    let first_log = first.stop();
    let key = std::fs::read(folder.key_file()).expect("a key file beside the database");
    let second = serve(folder.dir.path(), &folder.url(), &[]).await.started();
    let (status, me) = second.post(Some(&token), ME).await;
    let second_log = second.stop();

    assert_eq!(mode(&folder.key_file()), 0o600, "owner-only");
    assert!(key.len() >= 32, "{} bytes", key.len());
    assert_eq!(
        std::fs::read(folder.key_file()).unwrap(),
        key,
        "reused, not replaced"
    );
    assert_eq!((status, &me["data"]["me"]["role"]), (200, &json!("ADMIN")));
    let path = folder.key_file().display().to_string();
    assert!(
        first_log.contains("generated") && first_log.contains(&path),
        "{first_log}"
    );
    assert!(
        second_log.contains(&path) && !second_log.contains("generated"),
        "{second_log}"
    );
    let key = text(&key);
    for log in [&first_log, &second_log] {
        assert!(!log.contains(key.trim()), "the key is never logged");
    }
}

#[tokio::test]
async fn a_token_signed_with_the_published_development_secret_is_refused_by_a_server_with_no_key() {
    let folder = Folder::new();
    let id = folder.add_account("quill.fictional@example.org", "admin");
    let served = serve(folder.dir.path(), &folder.url(), &[]).await.started();

    let (status, body) = served.post(Some(&forge(&id, PUBLISHED_SECRET)), ME).await;

    assert_eq!(status, 401, "{body}");
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn the_token_command_signs_with_the_key_the_server_on_the_same_sqlite_database_verifies() {
    let folder = Folder::new();
    folder.add_account("sorrel.fictional@example.org", "admin");
    let mint = || {
        let output = binary(
            &[
                "token",
                "--sub",
                "sorrel.fictional@example.org",
                "--role",
                "admin",
                "--database-url",
                &folder.url(),
            ],
            &[],
        )
        .output()
        .unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout).trim().to_owned()
    };

    // Before the server ever ran, and while it runs.
    let before = mint();
    let key_after_token = std::fs::read(folder.key_file()).ok();
    let served = serve(folder.dir.path(), &folder.url(), &[]).await.started();
    let during = mint();
    let (first, me_before) = served.post(Some(&before), ME).await;
    let (second, me_during) = served.post(Some(&during), ME).await;
    let published = jsonwebtoken::decode::<Value>(
        &before,
        &jsonwebtoken::DecodingKey::from_secret(PUBLISHED_SECRET.as_bytes()),
        &jsonwebtoken::Validation::new(Algorithm::HS256),
    );

    assert!(key_after_token.is_some(), "`token` made the key file");
    assert_eq!((first, second), (200, 200), "{me_before} {me_during}");
    for me in [&me_before, &me_during] {
        assert_eq!(me["data"]["me"]["email"], "sorrel.fictional@example.org");
    }
    assert!(published.is_err(), "not signed with the published secret");
}

#[tokio::test]
async fn the_server_refuses_to_start_on_postgresql_with_no_key_and_says_how_to_make_one() {
    let admin = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    // A database that is never created: the key is checked before the
    // server connects, so nothing is migrated.
    let root = &admin[..admin.rfind('/').unwrap()];
    let url = format!("{root}/igft_no_key_{}", std::process::id());
    let folder = Folder::new();

    let log = serve(folder.dir.path(), &url, &[("APP_ENV", "development")])
        .await
        .refused("PostgreSQL without a key");

    assert!(log.contains("JWT_SECRET"), "{log}");
    assert!(log.contains("openssl rand -base64 48"), "{log}");
    assert!(!log.contains("cannot connect"), "refused first: {log}");
}

#[tokio::test]
async fn the_server_refuses_short_repeated_padded_and_development_secrets_whatever_app_env_says() {
    let padded = format!(" {STRONG_SECRET}\n");
    let published_padded = format!("{PUBLISHED_SECRET} ");
    let repeated = "a".repeat(32);
    let secrets = [
        ("short", "0123456789abcdef", "bytes"),
        ("repeated", repeated.as_str(), "one character repeated"),
        ("padded", padded.as_str(), "whitespace"),
        ("development", PUBLISHED_SECRET, "development secret"),
        (
            "padded development",
            &published_padded,
            "development secret",
        ),
    ];
    let folder = Folder::new();

    for app_env in [None, Some("prod"), Some(" production"), Some("production")] {
        for (name, secret, says) in secrets {
            let mut env = vec![("JWT_SECRET", secret)];
            env.extend(app_env.map(|value| ("APP_ENV", value)));
            let case = format!("{name} secret with APP_ENV {app_env:?}");

            let log = serve(folder.dir.path(), &folder.url(), &env)
                .await
                .refused(&case);

            assert!(log.contains(says), "{case}: {log}");
            assert!(!log.contains(secret.trim()), "{case}: secret logged");
        }
    }
    assert!(!folder.key_file().exists(), "no key file was made");
}

#[tokio::test]
async fn the_server_refuses_a_key_file_other_users_can_read_or_a_short_one() {
    let folder = Folder::new();
    std::fs::write(folder.key_file(), STRONG_SECRET).unwrap();
    std::fs::set_permissions(folder.key_file(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let readable = serve(folder.dir.path(), &folder.url(), &[])
        .await
        .refused("a key file others can read");
    std::fs::write(folder.key_file(), "0123456789").unwrap();
    std::fs::set_permissions(folder.key_file(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let short = serve(folder.dir.path(), &folder.url(), &[])
        .await
        .refused("a short key file");

    let path = folder.key_file().display().to_string();
    assert!(
        readable.contains(&path) && readable.contains("chmod 600"),
        "{readable}"
    );
    assert!(short.contains(&path) && short.contains("bytes"), "{short}");
    assert!(!readable.contains(STRONG_SECRET), "the key is never logged");
}

#[tokio::test]
async fn a_configured_secret_signs_and_the_log_names_it_without_printing_it() {
    let folder = Folder::new();
    folder.add_account("tansy.fictional@example.org", "analyst");

    let served = serve(
        folder.dir.path(),
        &folder.url(),
        &[("JWT_SECRET", STRONG_SECRET), ("APP_ENV", "prod")],
    )
    .await
    .started();
    let token = served.login("tansy.fictional@example.org").await;
    let log = served.stop();
    let verified = jsonwebtoken::decode::<Value>(
        &token,
        &jsonwebtoken::DecodingKey::from_secret(STRONG_SECRET.as_bytes()),
        &{
            let mut v = jsonwebtoken::Validation::new(Algorithm::HS256);
            v.set_audience(&["igf-perspectives"]);
            v
        },
    );

    assert!(verified.is_ok(), "{verified:?}");
    assert!(!folder.key_file().exists(), "no key file with a secret");
    assert!(log.contains("signing key: JWT_SECRET"), "{log}");
    assert!(!log.contains(STRONG_SECRET), "the secret is never logged");
}

#[tokio::test]
async fn an_in_memory_sqlite_database_gets_an_ephemeral_key() {
    let folder = Folder::new();

    let served = serve(folder.dir.path(), "sqlite::memory:", &[])
        .await
        .started();
    let (status, _) = served.post(None, "{ regions { code } }").await;
    let log = served.stop();

    assert_eq!(status, 200);
    assert!(log.contains("ephemeral"), "{log}");
    let files: Vec<String> = std::fs::read_dir(folder.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("serve-"))
        .collect();
    assert!(files.is_empty(), "nothing written: {files:?}");
}

/// A key file someone else planted chooses the key: a link, or a file of
/// another user, is refused even at mode 600.
#[cfg(unix)]
#[tokio::test]
async fn the_server_refuses_a_key_file_that_is_a_link_or_belongs_to_another_user() {
    let folder = Folder::new();
    let elsewhere = folder.dir.path().join("planted-key");
    std::fs::write(&elsewhere, STRONG_SECRET).unwrap();
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, folder.key_file()).unwrap();
    let linked = serve(folder.dir.path(), &folder.url(), &[])
        .await
        .refused("a key file that is a link");
    assert!(linked.contains("not a regular file"), "{linked}");

    std::fs::remove_file(folder.key_file()).unwrap();
    std::fs::write(folder.key_file(), STRONG_SECRET).unwrap();
    std::fs::set_permissions(folder.key_file(), std::fs::Permissions::from_mode(0o600)).unwrap();
    // Only possible as root, which CI and this machine are; elsewhere the
    // ownership case is skipped.
    if std::os::unix::fs::chown(folder.key_file(), Some(4242), None).is_ok() {
        let planted = serve(folder.dir.path(), &folder.url(), &[])
            .await
            .refused("a key file of another user");
        assert!(planted.contains("belongs to user 4242"), "{planted}");
    }
    assert!(!linked.contains(STRONG_SECRET), "the key is never logged");
}
