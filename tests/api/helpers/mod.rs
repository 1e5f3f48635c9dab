//! `spawn_app()` and the data builders the tests arrange with.

mod accounts;
mod builders;

pub use accounts::PASSWORD;
pub use builders::NewPosition;

use std::{
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU32, Ordering},
    },
    time::{SystemTime, UNIX_EPOCH},
};

use entity::{event, person, position, session, session_role, user};
use igf_perspectives::{config::Config, state::AppState};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, Set};
use serde_json::{Value, json};
use tokio::sync::OnceCell;

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub state: AppState,
    /// Every SQL statement run on the app's database, by the server and by
    /// the test's own builders alike, in order (see `statements.rs`).
    pub sql: Arc<Mutex<Vec<String>>>,
    /// The thread the test (and, on its single-threaded runtime, the
    /// server) runs on, and how many panics had been seen when it started.
    panic_watch: (Option<String>, usize),
    _dir: Option<tempfile::TempDir>,
}

/// Every panic of the test process: the thread it happened on, and what it
/// said. The server catches nothing itself here: a panic in a request's
/// task would only drop the connection, so [`TestApp`] fails the test that
/// caused it when it is dropped.
static PANICS: Mutex<Vec<(Option<String>, String)>> = Mutex::new(Vec::new());

fn watch_panics() -> usize {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().map(str::to_owned);
            if let Ok(mut panics) = PANICS.lock() {
                panics.push((thread, info.to_string()));
            }
            default(info);
        }));
    });
    PANICS.lock().map_or(0, |p| p.len())
}

impl Drop for TestApp {
    /// Fails a test whose server panicked, even where the test itself saw
    /// nothing worse than a dropped connection.
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let (thread, since) = &self.panic_watch;
        let panics = PANICS.lock().map(|p| p.clone()).unwrap_or_default();
        let server: Vec<&String> = panics
            .iter()
            .skip(*since)
            .filter(|(t, _)| {
                t == thread || t.as_deref().is_some_and(|t| t.starts_with("tokio-runtime"))
            })
            .map(|(_, message)| message)
            .collect();
        assert!(server.is_empty(), "the server panicked: {server:?}");
    }
}

/// A server on a fresh database holding the founding WS #461 session.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A server on a fresh database holding reference data only.
pub async fn spawn_empty_app() -> TestApp {
    spawn_app_with(|c| c.seed_fixture = false).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        igf_perspectives::telemetry::init();
    }
    let (url, dir) = fresh_database().await;
    let mut config = config_for(url);
    config.bind = "127.0.0.1:0".parse().unwrap();
    configure(&mut config);
    serve(config, dir).await
}

/// The defaults on `url`. On SQLite the server makes its signing key in
/// the test's folder, beside the database; PostgreSQL has no key unless
/// one is configured, so each server gets a random secret.
fn config_for(url: String) -> Config {
    let sqlite = url.starts_with("sqlite:");
    let mut config = Config::for_database(url);
    if !sqlite {
        config.auth.jwt_secret =
            Some(igf_perspectives::auth::key_file::random_secret().expect("random secret"));
    }
    config
}

/// Open the state as `serve` does and start the server on an ephemeral port.
async fn serve(config: Config, dir: Option<tempfile::TempDir>) -> TestApp {
    let panic_watch = (
        std::thread::current().name().map(str::to_owned),
        watch_panics(),
    );
    let mut state = AppState::open(config).await.expect("server state");
    // sea-orm keeps the metric callback in the connection handle and a clone
    // takes it along: set before the server's clone, it sees every
    // statement the server runs, its per-request loaders included.
    let sql = Arc::new(Mutex::new(Vec::new()));
    let log = sql.clone();
    state.db.set_metric_callback(move |info| {
        log.lock().unwrap().push(info.statement.sql.clone());
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(igf_perspectives::http::run(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    TestApp {
        addr,
        client: reqwest::Client::new(),
        state,
        sql,
        panic_watch,
        _dir: dir,
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let root = &base[..base.rfind('/').expect("database URL has a path")];
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

/// A migrated template database, made once per test run; every test's
/// PostgreSQL database is a copy of it.
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

async fn fresh_database() -> (String, Option<tempfile::TempDir>) {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        return (url, Some(dir));
    };
    let template = TEMPLATE
        .get_or_init(|| async {
            let name = unique("igft_tpl");
            let admin = Database::connect(&admin_url)
                .await
                .expect("connect to TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            let db = igf_perspectives::db::connect(&with_database(&admin_url, &name))
                .await
                .unwrap();
            igf_perspectives::db::migrate(&db).await.unwrap();
            db.close().await.unwrap();
            name
        })
        .await;
    let name = unique("igft");
    let admin = Database::connect(&admin_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    let sql = format!("CREATE DATABASE {name} TEMPLATE {template}");
    let mut tries = 0;
    while let Err(e) = admin.execute_unprepared(&sql).await {
        tries += 1;
        assert!(tries < 20, "creating a test database: {e}");
        tokio::time::sleep(std::time::Duration::from_millis(50 * tries)).await;
    }
    admin.close().await.unwrap();
    (with_database(&admin_url, &name), None)
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// POST a GraphQL request and return the JSON body; the status must be 200.
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "GraphQL over POST answers 200");
        response.json().await.expect("JSON body")
    }

    /// POST a query that must succeed, and return its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }
}

pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {body}"))
}

/// The global ID the API gives an object of `type_name` with database `id`.
pub fn node_id(type_name: &str, id: i64) -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    URL_SAFE_NO_PAD.encode(format!("{type_name}:{id}"))
}

/// A fresh database's URL without a server (and, on SQLite, the temporary
/// folder holding it): for commands that fill a database before a server
/// starts on it.
pub async fn fresh_database_url() -> (String, Option<tempfile::TempDir>) {
    fresh_database().await
}

/// A server on an existing database, started as `serve` starts (so it
/// loads the founding proposal if the database holds no session).
pub async fn spawn_app_on(url: String, dir: Option<tempfile::TempDir>) -> TestApp {
    let mut config = config_for(url);
    config.bind = "127.0.0.1:0".parse().unwrap();
    serve(config, dir).await
}
