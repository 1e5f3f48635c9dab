//! Requests that cost far more than they look: refused before they run,
//! and never able to stop the server answering others. These run the real
//! binary, so that a request that blocks the server's workers fails the
//! test (its clients time out) instead of blocking the test itself.

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

use serde_json::{Value, json};

/// `igf-perspectives serve` on a fresh SQLite file and a free port,
/// killed when dropped.
struct Server {
    child: Child,
    base: String,
    client: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// With extra environment; the server's log goes to `log` in its
    /// folder.
    async fn start_with(env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("log")).unwrap();
        let url = format!("sqlite://{}", dir.path().join("dos.db").display());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
            .args(["serve", "--database-url", &url])
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .env(
                "JWT_SECRET",
                "fictional-test-secret-Qm9yZWFsaXMtNzQxOS1rZXk",
            )
            .env("REQUEST_TIMEOUT_SECS", "300")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap(),
            _dir: dir,
        };
        for _ in 0..300 {
            if server.healthz().await {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not start");
    }

    fn database(&self) -> std::path::PathBuf {
        self._dir.path().join("dos.db")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self._dir.path().join("log")).unwrap()
    }

    async fn healthz(&self) -> bool {
        self.client
            .get(format!("{}/healthz", self.base))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
    }

    /// POST a document; the status and body, or why there is none.
    async fn post(&self, query: &str) -> Result<(u16, Value), String> {
        let response = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query }))
            // Parsing 640 KB takes seconds in a debug build: the client
            // waits, the health checks do not.
            .timeout(Duration::from_secs(300))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        Ok((status, response.json().await.map_err(|e| e.to_string())?))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Fragments `F1..=Fk`, each spreading the previous one three times: under
/// 1 KB up to k = 16, 3^k selections expanded.
fn fan_out(k: usize) -> String {
    let mut q = format!("query {{ ...F{k} }} fragment F0 on Query {{ regions {{ code }} }}");
    for i in 1..=k {
        let p = i - 1;
        q.push_str(&format!(
            " fragment F{i} on Query{{...F{p} ...F{p} ...F{p}}}"
        ));
    }
    q
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
}

#[tokio::test]
async fn fragment_fan_out_is_refused_and_the_server_keeps_answering() {
    let server = Server::start().await;
    for k in [13, 16, 24] {
        assert!(k > 16 || fan_out(k).len() < 1024);
        let (status, body) = server.post(&fan_out(k)).await.expect("an answer");
        assert_eq!(status, 200);
        assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "level {k}: {body}");
        assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    }

    // Two at once, and the health check between them still answers.
    let (q24, q20) = (fan_out(24), fan_out(20));
    let (a, b, health) = tokio::join!(server.post(&q24), server.post(&q20), async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        server.healthz().await
    });
    assert!(health, "/healthz answers while two fan-outs are in flight");
    for answer in [a, b] {
        let (_, body) = answer.expect("an answer");
        assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    }
}

#[tokio::test]
async fn a_field_repeated_without_aliases_is_refused_before_it_runs() {
    let server = Server::start().await;
    // 20,000 copies of one field: 640 KB, no alias.
    let copies = "sessions(first: 1) { totalCount } ".repeat(20_000);
    let (status, body) = server
        .post(&format!("{{ {copies} }}"))
        .await
        .expect("an answer");
    assert_eq!(status, 200);
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("40000 fields"), "{message}");

    // Eight at once leave the server answering meanwhile.
    let big = format!("{{ {copies} }}");
    let (answers, health) = tokio::join!(
        futures_util::future::join_all((0..8).map(|_| server.post(&big))),
        async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            server.healthz().await
        }
    );
    assert!(health, "/healthz answers while eight are parsed");
    for answer in answers {
        assert_eq!(code(&answer.expect("an answer").1), "QUERY_TOO_COMPLEX");
    }
}

/// Under the bound, copies of one field make one answer and run the
/// statements of one copy.
#[tokio::test]
async fn repeated_copies_of_a_field_are_resolved_once() {
    let app = crate::helpers::spawn_app().await;
    let one = "sessions(first: 1) { totalCount nodes { code } }";
    let app = &app;
    let run = |query: String| async move {
        app.sql.lock().unwrap().clear();
        let data = app.data(&query, json!({})).await;
        (data, app.sql.lock().unwrap().len())
    };
    let (single, statements) = run(format!("{{ {one} }}")).await;
    let (repeated, repeated_statements) = run(format!("{{ {} }}", one.repeat(40))).await;
    assert_eq!(repeated, single);
    assert_eq!(repeated_statements, statements);
    // Copies that select different sub-fields merge into one answer too.
    let (merged, _) =
        run("{ sessions(first: 1) { totalCount } sessions(first: 1) { nodes { code } } }".into())
            .await;
    assert_eq!(merged, single);
}

/// The same failure, over and over, with backtraces switched on: a few
/// log lines, each one line long, and a count of the rest.
#[tokio::test]
async fn repeated_internal_errors_are_logged_briefly_and_rarely() {
    let server = Server::start_with(&[("RUST_BACKTRACE", "1"), ("RUST_LOG", "warn")]).await;
    // Break the database under the server: the table positionStats reads
    // first is gone, so every such request fails inside.
    {
        use sea_orm::ConnectionTrait;
        let url = format!("sqlite://{}", server.database().display());
        let db = sea_orm::Database::connect(&url).await.unwrap();
        db.execute_unprepared("DROP TABLE stats_generation")
            .await
            .unwrap();
        db.close().await.unwrap();
    }
    for _ in 0..40 {
        let (_, body) = server
            .post("{ positionStats(groupBy: [STANCE]) { total } }")
            .await
            .expect("an answer");
        assert_eq!(code(&body), "INTERNAL", "{body}");
        assert_eq!(body["errors"][0]["message"], "internal error");
    }
    let log = server.log();
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("stats_generation"))
        .collect();
    assert!(!lines.is_empty(), "the failure is logged: {log}");
    assert!(
        lines.len() <= 3,
        "{} lines for one failure:\n{log}",
        lines.len()
    );
    assert!(!log.to_lowercase().contains("backtrace"), "{log}");
    assert!(log.lines().count() < 10, "{log}");
}

/// Brackets nested thousands deep would overflow the parser's stack and
/// abort the process: refused before parsing, over POST and GET.
#[tokio::test]
async fn brackets_nested_thousands_deep_are_refused_and_the_server_lives() {
    let server = Server::start().await;
    let deep = format!(
        "{{ regions(code: {}\"weog\"{}) {{ code }} }}",
        "[".repeat(3000),
        "]".repeat(3000)
    );
    let (status, body) = server.post(&deep).await.expect("an answer");
    assert_eq!(status, 200);
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let get = server
        .client
        .get(format!("{}/graphql", server.base))
        .query(&[("query", deep.as_str())])
        .send()
        .await
        .expect("an answer over GET");
    let body: Value = get.json().await.unwrap();
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    assert!(server.healthz().await, "the server is still up");
}

/// Introspection lists nested in each other multiply by the number of
/// types with no page size: refused past what clients ask; what GraphiQL
/// and code generators ask still answers.
#[tokio::test]
async fn nested_introspection_lists_are_refused() {
    let app = crate::helpers::spawn_empty_app().await;
    let nested =
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    let body = app.gql(nested, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let mixed = "{ regions { code } __type(name: \"Session\") { fields { type { fields { type { fields { name } } } } } } }";
    let body = app.gql(mixed, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let client = "{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } inputFields { name } interfaces { name } possibleTypes { name } } } }";
    app.data(client, json!({})).await;
}

/// Merging repeated fields never turns an invalid query into a valid one.
#[tokio::test]
async fn a_leaf_written_beside_its_selection_is_still_invalid() {
    let app = crate::helpers::spawn_empty_app().await;
    let body = app.gql("{ regions regions { code } }", json!({})).await;
    assert_eq!(code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");
}
