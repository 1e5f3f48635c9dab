//! The kept speaking-time counts equal a fresh `GROUP BY` over the
//! interventions through a long random sequence of writes made through the
//! API (replayable from its seed): re-imports that drop, move and return
//! turns; roles added, changed and removed (which match labels again and
//! copy new groups and regions onto interventions); sessions deleted with
//! their transcripts and imported again. After every step `speakingTime`
//! answers the same from the counts as from a scan of the interventions.

use std::collections::BTreeMap;

use super::{speaking::assert_counts_agree, *};

/// A small deterministic generator (xorshift), so a failure replays.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const GROUPS: [&str; 4] = [
    "government",
    "civil-society",
    "technical-community",
    "private-sector",
];
const REGIONS: [&str; 5] = [
    "african",
    "asia-pacific",
    "eastern-european",
    "grulac",
    "weog",
];
const KINDS: [&str; 3] = ["SPEAKER", "MODERATOR", "RAPPORTEUR"];

const ROLES: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) { id roles { id version role } } }"#;

const BY_GROUP: &str = r#"query($groupBy: [SpeakingTimeDimension!]!) {
    speakingTime(groupBy: $groupBy) { buckets { stakeholderGroup { code } region { code }
        totals { interventions words seconds estimatedSeconds } } } }"#;

/// `speakingTime` by group and region, summed over `extra` (a dimension
/// that sends the question to the counts or to the scan).
async fn by_group_and_region(app: &TestApp, extra: &str) -> BTreeMap<String, String> {
    let answer = app
        .data(
            BY_GROUP,
            json!({ "groupBy": [extra, "STAKEHOLDER_GROUP", "REGION"] }),
        )
        .await;
    let mut sums: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    for b in answer["speakingTime"]["buckets"].as_array().unwrap() {
        let key = format!("{}/{}", b["stakeholderGroup"]["code"], b["region"]["code"]);
        let t = &b["totals"];
        let sum = sums.entry(key).or_default();
        for (i, f) in ["interventions", "words", "seconds", "estimatedSeconds"]
            .iter()
            .enumerate()
        {
            sum[i] += t[*f].as_i64().unwrap();
        }
    }
    sums.into_iter()
        .map(|(k, v)| (k, format!("{v:?}")))
        .collect()
}

struct Replay {
    app: TestApp,
    admin: String,
    dice: Dice,
    /// Fixture stem, session code and the transcript as first imported.
    sessions: Vec<(String, String, String)>,
}

impl Replay {
    async fn new(seed: u64) -> Self {
        let app = spawn_empty_app().await;
        let admin = app.login_as(UserRole::Admin).await;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/transcripts");
        let mut stems: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".proposal.txt").map(str::to_owned))
            .filter(|stem| dir.join(format!("{stem}.txt")).exists())
            .collect();
        stems.sort();
        let mut sessions = Vec::new();
        for stem in stems {
            let code = import_panel(&app, &admin, &stem).await;
            let text = fixture(&format!("{stem}.txt"));
            imported(&app, &admin, &code, &text).await;
            sessions.push((stem, code, text));
        }
        Self {
            app,
            admin,
            dice: Dice(seed),
            sessions,
        }
    }

    async fn step(&mut self, step: usize) -> String {
        let s = self.dice.roll(self.sessions.len());
        match self.dice.roll(6) {
            0 | 1 => self.reimport(s).await,
            2 => self.add_role(s).await,
            3 => self.change_role(s).await,
            4 => self.remove_role(s).await,
            _ if step.is_multiple_of(3) => self.delete_and_import_again(s).await,
            _ => self.reimport(s).await,
        }
    }

    /// The original transcript with some turns dropped and two swapped.
    async fn reimport(&mut self, s: usize) -> String {
        let (_, code, text) = self.sessions[s].clone();
        let (head, body) = text.split_once("***\n").unwrap_or(("", &text));
        let mut turns: Vec<String> = Vec::new();
        for line in body.lines() {
            match turns.last_mut() {
                Some(turn) if !line.starts_with(">>") => {
                    turn.push('\n');
                    turn.push_str(line);
                }
                _ => turns.push(line.to_owned()),
            }
        }
        let mut kept: Vec<String> = turns
            .into_iter()
            .filter(|_| self.dice.roll(4) != 0)
            .collect();
        if kept.len() > 2 {
            let (a, b) = (self.dice.roll(kept.len()), self.dice.roll(kept.len()));
            kept.swap(a, b);
        }
        if kept.is_empty() {
            return format!("{code}: nothing to import");
        }
        let version = format!("{head}***\n{}\n", kept.join("\n"));
        imported(&self.app, &self.admin, &code, &version).await;
        format!("{code}: re-imported with {} turns", kept.len())
    }

    async fn roles(&self, s: usize) -> (Value, Vec<Value>) {
        let code = &self.sessions[s].1;
        let data = self
            .app
            .data_as(&self.admin, ROLES, json!({ "event": EVENT, "code": code }))
            .await;
        let session = data["session"].clone();
        let roles = session["roles"].as_array().unwrap().clone();
        (session["id"].clone(), roles)
    }

    fn input(&mut self, kind: &str) -> Value {
        json!({
            "role": kind,
            "stakeholderGroup": GROUPS[self.dice.roll(GROUPS.len())],
            "region": REGIONS[self.dice.roll(REGIONS.len())],
        })
    }

    async fn add_role(&mut self, s: usize) -> String {
        let (session, _) = self.roles(s).await;
        let kind = KINDS[self.dice.roll(KINDS.len())];
        let input = self.input(kind);
        self.app
            .data_as(
                &self.admin,
                r#"mutation($s: ID!, $input: RoleInput!) { addSessionRole(session: $s, input: $input) { id } }"#,
                json!({ "s": session, "input": input }),
            )
            .await;
        format!("{}: a {kind} added", self.sessions[s].1)
    }

    async fn change_role(&mut self, s: usize) -> String {
        let (_, roles) = self.roles(s).await;
        if roles.is_empty() {
            return "no role to change".into();
        }
        let role = roles[self.dice.roll(roles.len())].clone();
        let input = self.input(role["role"].as_str().unwrap());
        self.app
            .data_as(
                &self.admin,
                r#"mutation($id: ID!, $v: Int!, $input: RoleInput!) { updateSessionRole(id: $id, version: $v, input: $input) { id } }"#,
                json!({ "id": role["id"], "v": role["version"], "input": input }),
            )
            .await;
        format!("{}: a role changed to {input}", self.sessions[s].1)
    }

    async fn remove_role(&mut self, s: usize) -> String {
        let (_, roles) = self.roles(s).await;
        if roles.is_empty() {
            return "no role to remove".into();
        }
        let role = roles[self.dice.roll(roles.len())].clone();
        self.app
            .data_as(
                &self.admin,
                r#"mutation($id: ID!, $v: Int!) { deleteSessionRole(id: $id, version: $v) { id } }"#,
                json!({ "id": role["id"], "v": role["version"] }),
            )
            .await;
        format!("{}: a {} removed", self.sessions[s].1, role["role"])
    }

    async fn delete_and_import_again(&mut self, s: usize) -> String {
        let (stem, code, text) = self.sessions[s].clone();
        let gone = session_model(&self.app, &code).await;
        self.app
            .data_as(
                &self.admin,
                r#"mutation($id: ID!, $version: Int!) { deleteSession(id: $id, version: $version, cascade: true) { id } }"#,
                json!({ "id": node_id("Session", gone.id), "version": gone.version }),
            )
            .await;
        assert_counts_agree(&self.app, &format!("{code} deleted")).await;
        let again = import_panel(&self.app, &self.admin, &stem).await;
        imported(&self.app, &self.admin, &again, &text).await;
        self.sessions[s].1 = again;
        format!("{code}: deleted and imported again")
    }
}

#[tokio::test]
async fn kept_counts_equal_a_fresh_group_by_after_random_writes() {
    let mut replay = Replay::new(0x5eed_0017).await;
    assert_counts_agree(&replay.app, "the imports").await;
    for step in 0..40 {
        let what = replay.step(step).await;
        let context = format!("step {step} ({what})");
        assert_counts_agree(&replay.app, &context).await;
        // The same answer from the counts (by event) and from a scan of
        // the interventions (by session).
        let counted = by_group_and_region(&replay.app, "EVENT").await;
        let scanned = by_group_and_region(&replay.app, "SESSION").await;
        assert_eq!(counted, scanned, "{context}");
    }
}
