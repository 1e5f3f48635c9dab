//! `spawn_app()` and the data builders the tests arrange with.

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

    // Builders for arranging data. Names are fictional.

    pub async fn event(&self, code: &str, year: i32) -> event::Model {
        let now = chrono::Utc::now();
        event::ActiveModel {
            code: Set(code.into()),
            name: Set(code.to_uppercase()),
            kind: Set(event::EventKind::NriNational),
            year: Set(year),
            location: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    pub async fn session(
        &self,
        event: &event::Model,
        code: &str,
        title: &str,
        kind: session::SessionKind,
        format: Option<session::SessionFormat>,
    ) -> session::Model {
        let now = chrono::Utc::now();
        session::ActiveModel {
            event_id: Set(event.id),
            code: Set(code.into()),
            kind: Set(kind),
            title: Set(title.into()),
            format: Set(format),
            duration_minutes: Set(Some(60)),
            format_description: Set(None),
            description: Set(None),
            expected_outcomes: Set(None),
            hybrid_format: Set(None),
            participant_gains: Set(json!([])),
            extra_sections: Set(json!([])),
            starts_at: Set(None),
            ends_at: Set(None),
            room: Set(None),
            online_link: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    pub fn region_id(&self, code: &str) -> i64 {
        self.state.reference().region_by_code(code).unwrap().id
    }

    pub fn group_id(&self, code: &str) -> i64 {
        self.state
            .reference()
            .stakeholder_group_by_code(code)
            .unwrap()
            .id
    }

    /// The id of the enhanced-cooperation topic.
    pub fn topic_id(&self) -> i64 {
        self.state
            .reference()
            .topic_by_code("enhanced-cooperation")
            .unwrap()
            .id
    }

    /// `n` published positions in one statement, on either database, their
    /// summaries `summary` followed by their number.
    pub async fn insert_positions(&self, n: usize, summary: &str) {
        let (topic, stance) = (self.topic_id(), self.stance_id("complementary"));
        let sql = format!(
            "INSERT INTO position (topic_id, stance_id, summary, source, status, recorded_at, \
             version, created_at, updated_at) \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
             SELECT {topic}, {stance}, '{summary}' || i, 'report', \
             'published', CURRENT_TIMESTAMP, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM n"
        );
        self.db().execute_unprepared(&sql).await.unwrap();
    }

    pub fn stance_id(&self, code: &str) -> i64 {
        self.state.reference().stances_by_code(code, None).unwrap()[0]
    }

    pub async fn person(
        &self,
        name: &str,
        group: Option<&str>,
        region: Option<&str>,
    ) -> person::Model {
        let now = chrono::Utc::now();
        person::ActiveModel {
            name: Set(name.into()),
            affiliation: Set(Some("Fictional Institute".into())),
            stakeholder_group_id: Set(group.map(|g| self.group_id(g))),
            region_id: Set(region.map(|r| self.region_id(r))),
            gender: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    pub async fn role(
        &self,
        session: &session::Model,
        person: Option<&person::Model>,
        role: session_role::RoleKind,
        order: i32,
        group: &str,
        region: &str,
    ) -> session_role::Model {
        session_role::ActiveModel {
            session_id: Set(session.id),
            person_id: Set(person.map(|p| p.id)),
            role: Set(role),
            position: Set(order),
            stakeholder_group_id: Set(Some(self.group_id(group))),
            stakeholder_group_raw: Set(Some(group.into())),
            region_id: Set(Some(self.region_id(region))),
            region_raw: Set(Some(region.into())),
            version: Set(1),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    /// A position; `published` decides its status.
    pub async fn position(&self, p: NewPosition<'_>) -> position::Model {
        let now = chrono::Utc::now();
        let topic = self.topic_id();
        position::ActiveModel {
            topic_id: Set(topic),
            stance_id: Set(self.stance_id(p.stance)),
            summary: Set(p.summary.into()),
            quote: Set(None),
            session_id: Set(p.session.map(|s| s.id)),
            policy_question_id: Set(None),
            person_id: Set(p.person.map(|s| s.id)),
            stakeholder_group_id: Set(p.group.map(|g| self.group_id(g))),
            stakeholder_group_raw: Set(p.group.map(Into::into)),
            region_id: Set(p.region.map(|r| self.region_id(r))),
            region_raw: Set(p.region.map(Into::into)),
            participation_mode: Set(p.mode),
            source: Set(position::PositionSource::Intervention),
            status: Set(if p.published {
                position::PositionStatus::Published
            } else {
                position::PositionStatus::Draft
            }),
            recorded_at: Set(now),
            recorded_by_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }
}

/// The password every test account has.
pub const PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// A stored account with [`PASSWORD`], arranged directly.
    pub async fn account(&self, email: &str, role: user::UserRole) -> user::Model {
        let txn = igf_perspectives::service::write::begin(self.db())
            .await
            .unwrap();
        let actor = igf_perspectives::service::audit::Actor {
            user_id: None,
            label: "test".into(),
        };
        let user =
            igf_perspectives::service::user::create(&txn, &actor, email, PASSWORD.into(), role)
                .await
                .unwrap();
        txn.commit().await.unwrap();
        user
    }

    /// Assign an organizer to a session (or, with `event`, a whole event).
    pub async fn assign(
        &self,
        user: &user::Model,
        session: Option<&session::Model>,
        event: Option<&event::Model>,
    ) {
        use igf_perspectives::service::user::Scope;
        let txn = igf_perspectives::service::write::begin(self.db())
            .await
            .unwrap();
        let actor = igf_perspectives::service::audit::Actor {
            user_id: None,
            label: "test".into(),
        };
        let scope = match (session, event) {
            (Some(s), _) => Scope::Session(s.id),
            (None, Some(e)) => Scope::Event(e.id),
            _ => panic!("assign to a session or an event"),
        };
        igf_perspectives::service::user::assign(&txn, &actor, user.id, scope)
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }

    /// Sign in through the `login` mutation and return the token.
    pub async fn login(&self, email: &str) -> String {
        let data = self
            .data(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
                json!({ "e": email, "p": PASSWORD }),
            )
            .await;
        data["login"]["token"].as_str().unwrap().to_owned()
    }

    /// A new account of `role`, signed in: its token.
    pub async fn login_as(&self, role: user::UserRole) -> String {
        let email = format!("{}@example.org", unique("user"));
        self.account(&email, role).await;
        self.login(&email).await
    }

    /// A new organizer assigned to `session`, signed in: its token.
    pub async fn organizer_of(&self, session: &session::Model) -> String {
        let email = format!("{}@example.org", unique("organizer"));
        let user = self.account(&email, user::UserRole::Organizer).await;
        self.assign(&user, Some(session), None).await;
        self.login(&email).await
    }

    /// POST a GraphQL request with a bearer token; returns the status and body.
    pub async fn gql_as(&self, token: &str, query: &str, variables: Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.url("/graphql"))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// A request with a token that must succeed: its `data`.
    pub async fn data_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.gql_as(token, query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// A fingerprint of the whole database: for every table, its row count
    /// and the sum of its versions. Any insert, delete or versioned update
    /// changes it; tests of refused requests assert it stays the same.
    pub async fn fingerprint(&self) -> Vec<(String, i64, i64)> {
        use sea_orm::{ConnectionTrait, Statement};
        const VERSIONED: &[&str] = &[
            "region",
            "stakeholder_group",
            "event",
            "session",
            "person",
            "session_role",
            "policy_question",
            "topic",
            "stance",
            "position",
            "document",
            "paragraph",
            "user",
        ];
        const OTHERS: &[&str] = &[
            "audit_entry",
            "session_paragraph",
            "position_paragraph",
            "user_assignment",
        ];
        let backend = self.db().get_database_backend();
        let mut out = Vec::new();
        for (table, versioned) in VERSIONED
            .iter()
            .map(|t| (t, true))
            .chain(OTHERS.iter().map(|t| (t, false)))
        {
            let sum = if versioned {
                "COALESCE(SUM(version), 0)"
            } else {
                "0"
            };
            let sql = format!("SELECT COUNT(*) AS n, {sum} AS v FROM \"{table}\"");
            let row = self
                .db()
                .query_one_raw(Statement::from_string(backend, sql))
                .await
                .unwrap()
                .unwrap();
            let n: i64 = row.try_get("", "n").unwrap();
            let v: i64 = row.try_get("", "v").unwrap_or_default();
            out.push((table.to_string(), n, v));
        }
        out
    }
}

/// What a test says about a position it arranges.
pub struct NewPosition<'a> {
    pub stance: &'a str,
    pub summary: &'a str,
    pub session: Option<&'a session::Model>,
    pub person: Option<&'a person::Model>,
    pub group: Option<&'a str>,
    pub region: Option<&'a str>,
    pub mode: Option<position::ParticipationMode>,
    pub published: bool,
}

impl Default for NewPosition<'_> {
    fn default() -> Self {
        Self {
            stance: "complementary",
            summary: "The two tracks complement each other.",
            session: None,
            person: None,
            group: None,
            region: None,
            mode: None,
            published: true,
        }
    }
}

/// The `extensions.code` of the first error of a response.
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
