//! `speakingTime` over interventions imported from the fixtures: shares
//! that add up, totals equal to the interventions themselves, and the
//! counts the database keeps equal to a fresh `GROUP BY` after every kind
//! of write that moves an intervention (imports, re-imports, names settled
//! in review, roles added and removed, people merged and deleted, sessions
//! moved to another event and deleted).

use sea_orm::{ConnectionTrait, Statement};

use super::*;

const SPEAKING: &str = r#"query($filter: SpeakingTimeFilter, $groupBy: [SpeakingTimeDimension!]!) {
    speakingTime(filter: $filter, groupBy: $groupBy) {
        groupBy total { interventions words seconds estimatedSeconds }
        buckets { stakeholderGroup { code } region { code } role floor participationMode year
            session { code } event { code }
            totals { interventions words seconds estimatedSeconds } shareOfTotal shareWithinGroup } } }"#;

/// Rows of `sql` as sorted text.
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
            let text = |i: usize| r.try_get_by_index::<String>(i).unwrap();
            let floor = r
                .try_get_by_index::<bool>(5)
                .unwrap_or_else(|_| int(5) == 1);
            format!(
                "{}/{}/{}/{}/{}/{floor}={},{},{},{}",
                int(0),
                int(1),
                int(2),
                text(3),
                text(4),
                int(6),
                int(7),
                int(8),
                int(9)
            )
        })
        .collect();
    out.sort();
    out
}

/// The kept counts, and the same counted from the interventions now.
async fn counts_and_fresh(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let stored = rows(
        app,
        "SELECT event_id, stakeholder_group_id, region_id, participation, role, is_floor, \
         n, words, seconds, estimated_seconds FROM intervention_count WHERE n <> 0 \
         OR words <> 0 OR seconds <> 0 OR estimated_seconds <> 0",
    )
    .await;
    let fresh = rows(
        app,
        "SELECT COALESCE(s.event_id, 0), COALESCE(i.stakeholder_group_id, 0), \
         COALESCE(i.region_id, 0), COALESCE(i.participation, ''), COALESCE(i.role, ''), \
         i.is_floor, CAST(COUNT(*) AS BIGINT), CAST(SUM(i.words) AS BIGINT), \
         CAST(SUM(i.seconds) AS BIGINT), \
         CAST(SUM(CASE WHEN i.seconds_estimated THEN i.seconds ELSE 0 END) AS BIGINT) \
         FROM intervention i JOIN session s ON s.id = i.session_id \
         WHERE i.in_transcript GROUP BY 1, 2, 3, 4, 5, 6",
    )
    .await;
    (stored, fresh)
}

pub(super) async fn assert_counts_agree(app: &TestApp, step: &str) {
    let (stored, fresh) = counts_and_fresh(app).await;
    assert_eq!(stored, fresh, "after {step}");
}

/// Import every fixture's panel and transcript; gives the session codes.
async fn import_all(app: &TestApp, admin: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/transcripts");
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".proposal.txt").map(str::to_owned))
        .collect();
    stems.sort();
    let mut out = Vec::new();
    for stem in stems {
        let code = import_panel(app, admin, &stem).await;
        let text = if dir.join(format!("{stem}.txt")).exists() {
            fixture(&format!("{stem}.txt"))
        } else {
            fixture(&format!("{stem}.html"))
        };
        imported(app, admin, &code, &text).await;
        out.push((stem, code));
    }
    out
}

#[tokio::test]
async fn shares_add_up_and_totals_are_the_interventions_own() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    import_all(&app, &admin).await;
    assert_counts_agree(&app, "the imports").await;

    let ask = |filter: Value, dims: Value| {
        let app = &app;
        async move {
            app.data(SPEAKING, json!({ "filter": filter, "groupBy": dims }))
                .await["speakingTime"]
                .clone()
        }
    };
    let all = ask(json!({ "event": EVENT }), json!([])).await;
    let db = app.db();
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(words) AS BIGINT) AS w, \
        CAST(SUM(seconds) AS BIGINT) AS s, \
        CAST(SUM(CASE WHEN seconds_estimated THEN seconds ELSE 0 END) AS BIGINT) AS es \
        FROM intervention WHERE in_transcript";
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    let t = &all["total"];
    for (column, field) in [
        ("n", "interventions"),
        ("w", "words"),
        ("s", "seconds"),
        ("es", "estimatedSeconds"),
    ] {
        assert_eq!(
            row.try_get::<i64>("", column).unwrap(),
            t[field].as_i64().unwrap(),
            "{field}"
        );
    }
    assert!(t["estimatedSeconds"].as_i64().unwrap() < t["seconds"].as_i64().unwrap());

    for (filter, dims) in [
        (
            json!({ "event": EVENT }),
            json!(["STAKEHOLDER_GROUP", "REGION"]),
        ),
        (json!({}), json!(["FLOOR", "ROLE"])),
        (
            json!({ "floor": false }),
            json!(["REGION", "PARTICIPATION_MODE", "YEAR", "EVENT"]),
        ),
        (
            json!({ "sessionKind": "WORKSHOP" }),
            json!(["SESSION", "STAKEHOLDER_GROUP"]),
        ),
    ] {
        let answer = ask(filter.clone(), dims.clone()).await;
        let buckets = answer["buckets"].as_array().unwrap();
        assert!(!buckets.is_empty(), "{filter} {dims}: {answer}");
        let sum = |f: &dyn Fn(&Value) -> f64| buckets.iter().map(f).sum::<f64>();
        let of_total = sum(&|b| b["shareOfTotal"].as_f64().unwrap());
        assert!((of_total - 1.0).abs() < 1e-9, "{filter} {dims}: {of_total}");
        let seconds = sum(&|b| b["totals"]["seconds"].as_f64().unwrap());
        assert_eq!(seconds as i64, answer["total"]["seconds"].as_i64().unwrap());
        // Within each group (every dimension but the last), shares add to 1.
        let last = dims.as_array().unwrap().len() - 1;
        let fields = [
            "stakeholderGroup",
            "region",
            "role",
            "floor",
            "participationMode",
            "year",
            "session",
            "event",
        ];
        let dim_field = |d: &Value| match d.as_str().unwrap() {
            "STAKEHOLDER_GROUP" => "stakeholderGroup",
            "REGION" => "region",
            "ROLE" => "role",
            "FLOOR" => "floor",
            "PARTICIPATION_MODE" => "participationMode",
            "YEAR" => "year",
            "SESSION" => "session",
            _ => "event",
        };
        let last_field = dim_field(&dims[last]);
        let mut groups: std::collections::HashMap<String, f64> = Default::default();
        for b in buckets {
            let group: Vec<String> = fields
                .iter()
                .filter(|f| **f != last_field)
                .map(|f| b[*f].to_string())
                .collect();
            *groups.entry(group.join("|")).or_default() += b["shareWithinGroup"].as_f64().unwrap();
        }
        for (g, share) in groups {
            assert!(
                (share - 1.0).abs() < 1e-9,
                "{filter} {dims} group {g}: {share}"
            );
        }
    }
    // The floor's and the panel's time add up to the whole.
    let split = ask(json!({}), json!(["FLOOR"])).await;
    let floor: i64 = split["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["totals"]["seconds"].as_i64().unwrap())
        .sum();
    assert_eq!(floor, all["total"]["seconds"].as_i64().unwrap());
}

#[tokio::test]
async fn kept_counts_equal_a_fresh_group_by_after_every_kind_of_write() {
    let app = spawn_empty_app().await;
    let admin = app.login_as(UserRole::Admin).await;
    let sessions = import_all(&app, &admin).await;
    assert_counts_agree(&app, "the imports").await;

    // Re-imports with edits, dropped and returning turns.
    for (stem, code) in &sessions {
        let v2 = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/api/transcripts")
            .join(format!("{stem}.v2.txt"));
        if v2.exists() {
            imported(&app, &admin, code, &fixture(&format!("{stem}.v2.txt"))).await;
            assert_counts_agree(&app, &format!("{stem} v2")).await;
            imported(&app, &admin, code, &fixture(&format!("{stem}.txt"))).await;
            assert_counts_agree(&app, &format!("{stem} v1 again")).await;
        }
    }
    // A name settled in review.
    let queue = app
        .data_as(
            &admin,
            r#"{ reviewQueue(filter: { kind: UNMATCHED_SPEAKER }, first: 1) { nodes { id version } } }"#,
            json!({}),
        )
        .await;
    let item = queue["reviewQueue"]["nodes"][0].clone();
    let someone = app
        .data_as(
            &admin,
            r#"mutation { createPerson(input: { name: "Wilhelmina Countwell", stakeholderGroup: "government", region: "grulac" }) { id } }"#,
            json!({}),
        )
        .await["createPerson"]["id"]
        .clone();
    app.data_as(
        &admin,
        r#"mutation($id: ID!, $version: Int!, $person: ID) {
            resolveReviewItem(id: $id, version: $version, person: $person) { status } }"#,
        json!({ "id": item["id"], "version": item["version"], "person": someone }),
    )
    .await;
    assert_counts_agree(&app, "a name settled").await;

    // A corrected panel (roles replaced), then a speaker deleted.
    let (stem, code) = sessions
        .iter()
        .find(|(s, _)| s == "b-unknown-speaker")
        .unwrap();
    let proposal = fixture(&format!("{stem}.proposal.txt")).replace(
        "\n\nOnsite Moderator",
        "\nSpeaker 3: Tove Brindlemoor, Civil Society, WEOG [onsite]\n\nOnsite Moderator",
    );
    app.data_as(
        &admin,
        IMPORT_PROPOSAL,
        json!({ "event": EVENT, "text": proposal }),
    )
    .await;
    assert_counts_agree(&app, "a corrected panel").await;
    let session = read(&app, &admin, code).await;
    let speaker = nodes(&session)
        .iter()
        .find(|n| n["person"].is_object())
        .unwrap()["person"]["id"]
        .clone();
    app.data_as(
        &admin,
        r#"mutation($id: ID!) { deletePerson(id: $id, version: 1, cascade: true) { id } }"#,
        json!({ "id": speaker }),
    )
    .await;
    assert_counts_agree(&app, "a speaker deleted").await;

    // A session moved to another event (the API fixes a session's event,
    // so the database is written directly, as a repair would), then one
    // deleted.
    let (_, code) = &sessions[0];
    let moved = session_model(&app, code).await;
    app.data_as(
        &admin,
        r#"mutation { createEvent(input: { code: "igf-2023", name: "IGF 2023", year: 2023, kind: IGF }) { code } }"#,
        json!({}),
    )
    .await;
    let db = app.db();
    let sql = format!(
        "UPDATE session SET event_id = (SELECT id FROM event WHERE code = 'igf-2023') WHERE id = {}",
        moved.id
    );
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
    assert_counts_agree(&app, "a session moved").await;
    let (_, code) = &sessions[1];
    let gone = session_model(&app, code).await;
    app.data_as(
        &admin,
        r#"mutation($id: ID!, $version: Int!) { deleteSession(id: $id, version: $version, cascade: true) { id } }"#,
        json!({ "id": node_id("Session", gone.id), "version": gone.version }),
    )
    .await;
    assert_counts_agree(&app, "a session deleted").await;
}

const SEATS: &str = r#"query($event: String!, $code: String!) {
    session(event: $event, code: $code) { balance { seatsAgainstSpeakingTime {
        panelSeconds floorSeconds floorShare estimatedSeconds
        byStakeholderGroup { stakeholderGroup { code } seats seatShare seconds speakingShare }
        byRegion { region { code } seats seatShare seconds speakingShare } } } }
    sessionReport(event: $event, code: $code) }"#;

#[tokio::test]
async fn a_panels_seats_stand_beside_its_speaking_time_in_the_balance_and_the_report() {
    let stem = "a-panel-and-floor";
    let (app, admin, code) = with_panel(stem).await;
    let vars = json!({ "event": EVENT, "code": code });
    let before = app.data_as(&admin, SEATS, vars.clone()).await;
    let none = &before["session"]["balance"]["seatsAgainstSpeakingTime"];
    assert_eq!(none["panelSeconds"], 0);
    assert!(
        !before["sessionReport"]
            .as_str()
            .unwrap()
            .contains("speaking time")
    );

    imported(&app, &admin, &code, &fixture(&format!("{stem}.txt"))).await;
    let expected: Value = serde_json::from_str(&fixture(&format!("{stem}.expected.json"))).unwrap();
    let turns = expected["interventions"].as_array().unwrap();
    let seconds = |pick: &dyn Fn(&Value) -> bool| -> i64 {
        turns
            .iter()
            .filter(|t| pick(t))
            .map(|t| t["seconds"].as_i64().unwrap())
            .sum()
    };
    let panel = seconds(&|t| t["isFloor"] == false);
    let floor = seconds(&|t| t["isFloor"] == true);
    let data = app.data_as(&admin, SEATS, vars).await;
    let s = &data["session"]["balance"]["seatsAgainstSpeakingTime"];
    assert_eq!(
        (s["panelSeconds"].as_i64(), s["floorSeconds"].as_i64()),
        (Some(panel), Some(floor))
    );
    let share = s["floorShare"].as_f64().unwrap();
    assert!(
        (share - floor as f64 / (panel + floor) as f64).abs() < 1e-9,
        "{s}"
    );
    for (list, key, field) in [
        ("byStakeholderGroup", "stakeholderGroup", "stakeholderGroup"),
        ("byRegion", "region", "region"),
    ] {
        let rows = s[list].as_array().unwrap();
        let total_share: f64 = rows
            .iter()
            .map(|r| r["speakingShare"].as_f64().unwrap())
            .sum();
        assert!((total_share - 1.0).abs() < 1e-9, "{list}: {total_share}");
        let seat_share: f64 = rows.iter().map(|r| r["seatShare"].as_f64().unwrap()).sum();
        assert!((seat_share - 1.0).abs() < 1e-9, "{list}: {seat_share}");
        for r in rows {
            let code = &r[key]["code"];
            let want = seconds(&|t| t["role"] == "SPEAKER" && t[field] == *code);
            assert_eq!(r["seconds"].as_i64(), Some(want), "{list} {code}");
        }
    }
    let report = data["sessionReport"].as_str().unwrap();
    let percent = (floor * 100 + (panel + floor) / 2) / (panel + floor);
    assert!(
        report.contains("## Seats against speaking time"),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "- The floor: {percent}% of all speaking time ({floor} of {} s",
            panel + floor
        )),
        "{report}"
    );
}

const BY_GENDER: &str = r#"query($filter: SpeakingTimeFilter) {
    speakingTime(filter: $filter, groupBy: [GENDER]) {
        total { seconds } buckets { gender totals { seconds } shareWithinGroup } } }"#;

/// `gender → seconds` of an answer by gender.
fn by_gender(answer: &Value) -> std::collections::BTreeMap<String, i64> {
    answer["speakingTime"]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["gender"].as_str().unwrap_or("-").to_owned(),
                b["totals"]["seconds"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn gender_is_shown_in_full_to_admins_and_to_others_only_where_k_people_declared_it() {
    let stem = "a-panel-and-floor";
    let (app, admin, code) = with_panel(stem).await;
    imported(&app, &admin, &code, &fixture(&format!("{stem}.txt"))).await;
    let session = read(&app, &admin, &code).await;
    // The four speakers: three declare "Female", one " male ".
    let mut people: Vec<Value> = Vec::new();
    for n in nodes(&session) {
        if n["role"]["role"] == "SPEAKER" && !people.contains(&n["person"]["id"]) {
            people.push(n["person"]["id"].clone());
        }
    }
    assert_eq!(people.len(), 4, "{session}");
    for (i, id) in people.iter().enumerate() {
        let gender = if i < 3 { "Female" } else { " male " };
        app.data_as(
            &admin,
            r#"mutation($id: ID!, $g: String!) { updatePerson(id: $id, version: 1, input: { gender: $g }) { id } }"#,
            json!({ "id": id, "g": gender }),
        )
        .await;
    }
    let vars = json!({ "filter": { "session": session["id"] } });
    let full = by_gender(&app.data_as(&admin, BY_GENDER, vars.clone()).await);
    let public = by_gender(&app.data(BY_GENDER, vars.clone()).await);
    assert_eq!(
        full.keys().collect::<Vec<_>>(),
        ["-", "female", "male"],
        "{full:?}"
    );
    // One person declared "male": fewer than 3, so counted under none.
    assert_eq!(
        public.keys().collect::<Vec<_>>(),
        ["-", "female"],
        "{public:?}"
    );
    assert_eq!(public["female"], full["female"]);
    assert_eq!(public["-"], full["-"] + full["male"]);
    // An analyst is not an admin: the same as the public.
    let analyst = app.login_as(UserRole::Analyst).await;
    assert_eq!(
        by_gender(&app.data_as(&analyst, BY_GENDER, vars).await),
        public
    );
    // Bucket by bucket: by group and gender, each group's women are fewer
    // than 3, so the public sees no gender there at all.
    let split = r#"query($filter: SpeakingTimeFilter) {
        speakingTime(filter: $filter, groupBy: [STAKEHOLDER_GROUP, GENDER]) {
            buckets { stakeholderGroup { code } gender totals { seconds } } } }"#;
    let vars = json!({ "filter": { "session": session["id"] } });
    let genders = |answer: &Value| -> Vec<Value> {
        answer["speakingTime"]["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["gender"].clone())
            .filter(|g| !g.is_null())
            .collect()
    };
    let seen = app.data(split, vars.clone()).await;
    assert!(genders(&seen).is_empty(), "{seen}");
    let full = app.data_as(&admin, split, vars).await;
    assert!(genders(&full).contains(&json!("female")), "{full}");
}
