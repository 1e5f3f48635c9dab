//! Accounts: arranged directly, signed in, and requests made as them; and a
//! fingerprint of the database for checking that nothing changed.

use super::*;

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

    /// GET `path` (an export) with a bearer token; it must answer 200: its
    /// body.
    pub async fn export_as(&self, token: &str, path: &str) -> String {
        let response = self
            .client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "{path}");
        response.text().await.expect("body")
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
            "review_item",
            "transcript",
            "intervention",
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
