//! The maintained position counts stay equal to a fresh `GROUP BY` over the
//! positions through a long random sequence of writes made through the API:
//! creates, edits, publishes, unpublishes, deletes, alias resolution,
//! merges, an event's year changing and a session deleted with its
//! positions. `positionStats` (counts and cache) must agree with a scan
//! after every step.

use entity::{session::SessionKind, user::UserRole};
use igf_perspectives::service::{position::PositionFilter, stats};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::helpers::{TestApp, node_id, spawn_empty_app};

/// A small deterministic generator (xorshift), so a failure replays.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.roll(items.len())]
    }
}

/// The counter table's rows with n > 0, as sorted text.
async fn stored_counts(app: &TestApp) -> Vec<String> {
    let sql = "SELECT topic_id, stance_id, stakeholder_group_id, region_id, event_id, \
               participation_mode, n FROM position_count WHERE n > 0";
    rows(app, sql).await
}

/// The same key counted from the positions now.
async fn fresh_counts(app: &TestApp) -> Vec<String> {
    let sql = "SELECT p.topic_id, p.stance_id, COALESCE(p.stakeholder_group_id, 0), \
               COALESCE(p.region_id, 0), COALESCE(s.event_id, 0), \
               COALESCE(p.participation_mode, ''), COUNT(*) \
               FROM position p LEFT JOIN session s ON s.id = p.session_id \
               WHERE p.status = 'published' GROUP BY 1, 2, 3, 4, 5, 6";
    rows(app, sql).await
}

async fn rows(app: &TestApp, sql: &str) -> Vec<String> {
    let db = app.db();
    let result = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
    let mut out: Vec<String> = result
        .iter()
        .map(|r| {
            let int = |i: usize| r.try_get_by_index::<i64>(i).unwrap();
            format!(
                "{}/{}/{}/{}/{}/{}={}",
                int(0),
                int(1),
                int(2),
                int(3),
                int(4),
                r.try_get_by_index::<String>(5).unwrap(),
                int(6)
            )
        })
        .collect();
    out.sort();
    out
}

const STATS: &str = "query($g: [StatsDimension!]!, $f: PositionFilterInput) {
  positionStats(groupBy: $g, filter: $f) {
    total
    buckets { stance { id } stakeholderGroup { id } region { id } event { id } year participationMode count }
  }
}";

fn dims_of(names: &[&str]) -> Vec<stats::Dimension> {
    use stats::Dimension::*;
    names
        .iter()
        .map(|n| match *n {
            "STANCE" => Stance,
            "STAKEHOLDER_GROUP" => StakeholderGroup,
            "REGION" => Region,
            "EVENT" => Event,
            "YEAR" => Year,
            "PARTICIPATION_MODE" => ParticipationMode,
            other => panic!("{other}"),
        })
        .collect()
}

/// `positionStats` over HTTP equals a scan, for a few groupings.
async fn assert_stats_agree(app: &TestApp, step: usize) {
    let groupings: [&[&str]; 4] = [
        &["STANCE", "STAKEHOLDER_GROUP", "REGION"],
        &["YEAR", "PARTICIPATION_MODE"],
        &["EVENT", "STANCE"],
        &[],
    ];
    for g in groupings {
        let body = app.data(STATS, json!({ "g": g, "f": null })).await;
        let scan = stats::position_stats_by_scan(app.db(), &PositionFilter::default(), &dims_of(g))
            .await
            .unwrap();
        let got = &body["positionStats"];
        assert_eq!(got["total"], scan.total, "step {step}, {g:?}: {got}");
        let counts: Vec<i64> = got["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_i64().unwrap())
            .collect();
        let expected: Vec<i64> = scan.buckets.iter().map(|b| b.count).collect();
        assert_eq!(counts, expected, "step {step}, {g:?}: {got}");
        let years: Vec<Value> = got["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["year"].clone())
            .collect();
        let expected: Vec<Value> = scan.buckets.iter().map(|b| json!(b.key.year)).collect();
        assert_eq!(years, expected, "step {step}, {g:?}");
    }
    // A filter on a year goes through the counts too.
    let body = app
        .data(STATS, json!({ "g": ["STANCE"], "f": { "yearFrom": 2024 } }))
        .await;
    let filter = PositionFilter {
        year_from: Some(2024),
        ..Default::default()
    };
    let scan = stats::position_stats_by_scan(app.db(), &filter, &dims_of(&["STANCE"]))
        .await
        .unwrap();
    assert_eq!(body["positionStats"]["total"], scan.total, "step {step}");
}

struct Pos {
    id: String,
    version: i64,
    published: bool,
}

const STANCES: [&str; 6] = [
    "ongoing-commitment",
    "concluded",
    "existing-mechanisms",
    "new-mechanism",
    "complementary",
    "undecided",
];

/// The state of the random sequence: what exists, as the test knows it.
struct World {
    app: TestApp,
    admin: String,
    e1: entity::event::Model,
    /// Global id and row of each session still there.
    sessions: Vec<(String, entity::session::Model)>,
    /// Global ids of the people still there.
    people: Vec<String>,
    positions: Vec<Pos>,
    dice: Dice,
}

impl World {
    /// Two events of two sessions each, four people, no position.
    async fn new() -> Self {
        let app = spawn_empty_app().await;
        let admin = app.login_as(UserRole::Admin).await;
        let e1 = app.event("nri-count-a", 2023).await;
        let e2 = app.event("nri-count-b", 2024).await;
        let mut sessions = Vec::new();
        for (i, e) in [&e1, &e1, &e2, &e2].into_iter().enumerate() {
            let s = app
                .session(
                    e,
                    &format!("WS #{i}"),
                    "Counting",
                    SessionKind::Workshop,
                    None,
                )
                .await;
            sessions.push((node_id("Session", s.id), s));
        }
        let mut people = Vec::new();
        for i in 0..4 {
            let p = app
                .person(
                    &format!("Fictional Counter {i}"),
                    Some("civil-society"),
                    Some("weog"),
                )
                .await;
            people.push(node_id("Person", p.id));
        }
        Self {
            app,
            admin,
            e1,
            sessions,
            people,
            positions: Vec::new(),
            dice: Dice(0x2545_f491_4f6c_dd1d),
        }
    }

    async fn gql(&self, q: &str, v: Value) -> Value {
        self.app.data_as(&self.admin, q, v).await
    }

    /// A random position input over what exists.
    fn input(&mut self) -> Value {
        // `Civil soc.` maps to no group until an alias says so.
        let groups = [
            json!({ "stakeholderGroup": "government" }),
            json!({ "stakeholderGroup": "civil-society" }),
            json!({ "stakeholderGroupAsWritten": "Civil soc." }),
            json!({}),
        ];
        let regions = [
            json!("african"),
            json!("weog"),
            json!("grulac"),
            Value::Null,
        ];
        let modes = [json!("ONSITE"), json!("ONLINE"), Value::Null];
        let dice = &mut self.dice;
        let mut i = json!({
            "topic": "enhanced-cooperation",
            "stance": dice.pick(&STANCES),
            "summary": "A fictional view.",
            "region": dice.pick(&regions),
            "participationMode": dice.pick(&modes),
        });
        for (k, v) in dice.pick(&groups).as_object().unwrap() {
            i[k] = v.clone();
        }
        if dice.roll(4) > 0 {
            i["session"] = json!(dice.pick(&self.sessions).0);
        }
        if dice.roll(2) == 0 {
            i["person"] = json!(dice.pick(&self.people));
        }
        i
    }

    /// Step `step` of the sequence: a fixed write at steps 30, 40, 50 and
    /// 60, else one drawn at random.
    async fn step(&mut self, step: usize) {
        let live = !self.positions.is_empty();
        match (step, self.dice.roll(10)) {
            (30, _) => {
                self.gql(
                    "mutation { addAlias(kind: STAKEHOLDER_GROUP, text: \"Civil soc.\", code: \"civil-society\") }",
                    json!({}),
                )
                .await;
            }
            (40, _) => self.merge_people().await,
            (50, _) => self.move_event_to_2025().await,
            (60, _) => self.delete_session().await,
            (_, roll) if !live || roll <= 1 => self.record(false).await,
            (_, 4..=5) => self.toggle_published().await,
            (_, 6..=7) => self.update().await,
            (_, 8) => self.delete().await,
            _ => self.record(true).await,
        }
        if matches!(step, 30 | 40) {
            self.reload_versions().await;
        }
    }

    async fn merge_people(&mut self) {
        let merged = self
            .gql(
                "mutation($k: ID!, $m: ID!) { mergePeople(keep: $k, merge: $m) { id } }",
                json!({ "k": self.people[0], "m": self.people[1] }),
            )
            .await;
        assert!(merged["mergePeople"]["id"].is_string());
        self.people.remove(1);
    }

    async fn move_event_to_2025(&mut self) {
        let id = node_id("Event", self.e1.id);
        let v = self
            .gql(
                "query($id: ID!) { node(id: $id) { ... on Event { version } } }",
                json!({ "id": id }),
            )
            .await["node"]["version"]
            .clone();
        self.gql(
            "mutation($id: ID!, $v: Int!) { updateEvent(id: $id, version: $v, input: { year: 2025 }) { year } }",
            json!({ "id": id, "v": v }),
        )
        .await;
    }

    /// A session goes, and its positions with it.
    async fn delete_session(&mut self) {
        let (id, _) = self.sessions.remove(0);
        let v = self
            .gql(
                "query($id: ID!) { node(id: $id) { ... on Session { version } } }",
                json!({ "id": id }),
            )
            .await["node"]["version"]
            .clone();
        self.gql(
            "mutation($id: ID!, $v: Int!) { deleteSession(id: $id, version: $v, cascade: true) { id } }",
            json!({ "id": id, "v": v }),
        )
        .await;
        let mut kept = Vec::new();
        for p in std::mem::take(&mut self.positions) {
            let alive = self
                .gql(
                    "query($id: ID!) { node(id: $id) { id } }",
                    json!({ "id": p.id }),
                )
                .await["node"]
                .is_object();
            if alive {
                kept.push(p);
            }
        }
        self.positions = kept;
    }

    /// Record a random position, and publish it if `publish`.
    async fn record(&mut self, publish: bool) {
        let input = self.input();
        let made = self
            .gql(
                "mutation($i: PositionInput!) { recordPosition(input: $i) { id version } }",
                json!({ "i": input }),
            )
            .await;
        let id = made["recordPosition"]["id"].as_str().unwrap().to_owned();
        let mut version = made["recordPosition"]["version"].as_i64().unwrap();
        if publish {
            let done = self
                .gql(
                    "mutation($id: ID!, $v: Int!) { publishPosition(id: $id, version: $v) { version } }",
                    json!({ "id": id, "v": version }),
                )
                .await;
            version = done["publishPosition"]["version"].as_i64().unwrap();
        }
        self.positions.push(Pos {
            id,
            version,
            published: publish,
        });
    }

    /// The index of a random position still there.
    fn any_position(&mut self) -> usize {
        let live: Vec<usize> = (0..self.positions.len()).collect();
        *self.dice.pick(&live)
    }

    async fn toggle_published(&mut self) {
        let i = self.any_position();
        let (q, field) = if self.positions[i].published {
            (
                "mutation($id: ID!, $v: Int!) { unpublishPosition(id: $id, version: $v) { version } }",
                "unpublishPosition",
            )
        } else {
            (
                "mutation($id: ID!, $v: Int!) { publishPosition(id: $id, version: $v) { version } }",
                "publishPosition",
            )
        };
        let p = &self.positions[i];
        let done = self.gql(q, json!({ "id": p.id, "v": p.version })).await;
        let p = &mut self.positions[i];
        p.version = done[field]["version"].as_i64().unwrap();
        p.published = !p.published;
    }

    async fn update(&mut self) {
        let i = self.any_position();
        let new = self.input();
        let p = &self.positions[i];
        let done = self
            .gql(
                "mutation($id: ID!, $v: Int!, $i: PositionInput!) { updatePosition(id: $id, version: $v, input: $i) { version } }",
                json!({ "id": p.id, "v": p.version, "i": new }),
            )
            .await;
        self.positions[i].version = done["updatePosition"]["version"].as_i64().unwrap();
    }

    async fn delete(&mut self) {
        let i = self.any_position();
        let p = self.positions.remove(i);
        self.gql(
            "mutation($id: ID!, $v: Int!) { deletePosition(id: $id, version: $v) { id } }",
            json!({ "id": p.id, "v": p.version }),
        )
        .await;
    }

    /// Versions after a write that touched many positions at once.
    async fn reload_versions(&mut self) {
        for i in 0..self.positions.len() {
            let version = self
                .gql(
                    "query($id: ID!) { node(id: $id) { ... on Position { version } } }",
                    json!({ "id": self.positions[i].id }),
                )
                .await["node"]["version"]
                .as_i64()
                .unwrap();
            self.positions[i].version = version;
        }
    }
}

#[tokio::test]
async fn maintained_counts_equal_a_fresh_group_by_after_random_writes() {
    let mut world = World::new().await;

    for step in 0..70 {
        world.step(step).await;
        assert_eq!(
            stored_counts(&world.app).await,
            fresh_counts(&world.app).await,
            "counts after step {step}"
        );
        if step % 5 == 4 || matches!(step, 30 | 40 | 50 | 60) {
            assert_stats_agree(&world.app, step).await;
        }
    }

    let published = world.positions.iter().filter(|p| p.published).count();
    assert!(
        published > 5,
        "the sequence published enough to count: {published}"
    );
    assert_stats_agree(&world.app, 70).await;
}
