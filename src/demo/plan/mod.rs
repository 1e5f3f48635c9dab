//! The rows demo data consists of, computed from a seed without touching
//! the database: the same seed and sizes give the same rows. Each part
//! (events, people, sessions, positions) draws from its own ChaCha8 stream,
//! so changing `--positions` leaves people and sessions as they were.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use entity::{
    event::{self, EventKind},
    person, policy_question,
    position::{self, ParticipationMode, PositionSource, PositionStatus},
    session::{self, SessionFormat, SessionKind},
    session_role::{self, RoleKind},
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use super::words::{self, StanceWords};

/// Event codes of demo data start with this, and nothing else's should:
/// it is how `demo-data` tells its own sessions from real ones.
pub const EVENT_PREFIX: &str = "demo-";

/// Years of the generated IGF annual meetings.
pub const FIRST_YEAR: i32 = 2016;
pub const LAST_YEAR: i32 = 2025;

/// A reference row the generator uses: id, code and display name.
#[derive(Debug, Clone)]
pub struct Ref {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// The reference data rows point at.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub groups: Vec<Ref>,
    pub regions: Vec<Ref>,
    pub topic_id: i64,
    /// The topic's stances.
    pub stances: Vec<Ref>,
}

/// The first id of each table; rows get consecutive ids from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstIds {
    pub event: i64,
    pub session: i64,
    pub person: i64,
    pub role: i64,
    pub question: i64,
    pub position: i64,
}

/// What positions need to know about a session.
struct SessionFacts {
    id: i64,
    year: i32,
    starts_at: DateTime<Utc>,
    minutes: i64,
    /// People on the panel: person index, group index, region index.
    panel: Vec<(usize, usize, usize)>,
    first_question: i64,
    questions: i64,
}

/// What positions need to know about a person.
struct PersonFacts {
    group: usize,
    region: usize,
}

/// Every row but the positions, and a generator for those.
pub struct Plan {
    pub events: Vec<event::Model>,
    pub people: Vec<person::Model>,
    pub sessions: Vec<session::Model>,
    pub roles: Vec<session_role::Model>,
    pub questions: Vec<policy_question::Model>,
    catalog: Catalog,
    facts: Vec<SessionFacts>,
    person_facts: Vec<PersonFacts>,
    first_person: i64,
    next_position: i64,
    rng: ChaCha8Rng,
    /// How many of the positions generated so far are published.
    pub published: u64,
}

/// One RNG per part, each on its own stream of the seed.
fn stream(seed: u64, part: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(part);
    rng
}

/// An index drawn with these weights.
fn weighted(rng: &mut impl Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.random_range(0..total.max(1));
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn pick<T: Copy>(rng: &mut impl Rng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// `n` distinct indexes below `len`, in the order drawn.
fn distinct(rng: &mut impl Rng, len: usize, n: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n.min(len) {
        let i = rng.random_range(0..len);
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn slug(s: &str) -> String {
    s.to_lowercase().replace(' ', "-")
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

fn year_end(year: i32) -> DateTime<Utc> {
    midnight(NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("a date")) - Duration::seconds(1)
}

impl Catalog {
    fn group(&self, code: &str) -> usize {
        self.groups
            .iter()
            .position(|g| g.code == code)
            .unwrap_or_default()
    }
    fn region(&self, code: &str) -> usize {
        self.regions
            .iter()
            .position(|r| r.code == code)
            .unwrap_or_default()
    }
}

/// An event being planned, before it gets its id.
struct EventDraft {
    model: event::Model,
    start: NaiveDate,
    days: i64,
    /// The region an NRI event draws most of its speakers from.
    region: Option<usize>,
}

impl Plan {
    /// Plan `sessions` sessions and `people` people from `seed`. `people`
    /// must be at least [`super::MIN_PEOPLE`], so every panel has distinct
    /// members.
    pub fn new(
        seed: u64,
        sessions: usize,
        people: usize,
        catalog: Catalog,
        first: FirstIds,
    ) -> Self {
        let events = plan_events(&mut stream(seed, 1), sessions, &catalog);
        let (people_rows, person_facts) =
            plan_people(&mut stream(seed, 2), people, &catalog, first.person);
        let mut plan = Self {
            events: Vec::new(),
            people: people_rows,
            sessions: Vec::new(),
            roles: Vec::new(),
            questions: Vec::new(),
            catalog,
            facts: Vec::new(),
            person_facts,
            first_person: first.person,
            next_position: first.position,
            rng: stream(seed, 4),
            published: 0,
        };
        plan.plan_sessions(&mut stream(seed, 3), sessions, &events, first);
        plan.events = events
            .into_iter()
            .enumerate()
            .map(|(i, e)| event::Model {
                id: first.event + i as i64,
                ..e.model
            })
            .collect();
        plan
    }

    fn plan_sessions(
        &mut self,
        rng: &mut ChaCha8Rng,
        count: usize,
        events: &[EventDraft],
        first: FirstIds,
    ) {
        use SessionKind as K;
        const IGF_KINDS: &[(SessionKind, &str, u32)] = &[
            (K::Workshop, "WS", 45),
            (K::OpenForum, "Open Forum", 12),
            (K::LightningTalk, "Lightning Talk", 10),
            (K::TownHall, "Town Hall", 5),
            (K::DayZero, "Day 0 Event", 5),
            (K::Networking, "Networking Session", 4),
            (K::DynamicCoalition, "DC Session", 6),
            (K::LaunchAward, "Launch & Award", 3),
            (K::MainSession, "Main Session", 4),
            (K::Other, "Other Session", 6),
        ];
        const NRI_KINDS: &[(SessionKind, &str, u32)] =
            &[(K::NriSession, "Session", 85), (K::Workshop, "WS", 15)];
        let event_weights: Vec<u32> = events
            .iter()
            .map(|e| match e.model.kind {
                EventKind::Igf => 80 + 5 * (e.model.year - FIRST_YEAR).max(0) as u32,
                _ => 10,
            })
            .collect();
        let people_by_region: Vec<Vec<usize>> = (0..self.catalog.regions.len())
            .map(|r| {
                (0..self.person_facts.len())
                    .filter(|p| self.person_facts[*p].region == r)
                    .collect()
            })
            .collect();
        let mut numbers: HashMap<(usize, &str), i64> = HashMap::new();
        let mut drafts: Vec<SessionDraft> = Vec::with_capacity(count);
        for _ in 0..count {
            let e = weighted(rng, &event_weights);
            let event = &events[e];
            let igf = event.model.kind == EventKind::Igf;
            let kinds = if igf { IGF_KINDS } else { NRI_KINDS };
            let (kind, prefix, _) =
                kinds[weighted(rng, &kinds.iter().map(|k| k.2).collect::<Vec<_>>())];
            let number = numbers.entry((e, prefix)).or_default();
            *number += if kind == K::Workshop {
                rng.random_range(1..=9)
            } else {
                1
            };
            let code = format!("{prefix} #{number}");
            let subject = pick(rng, words::SUBJECTS);
            let title = match rng.random_range(0..3) {
                0 => format!("{} {subject}", pick(rng, words::TITLE_VERBS)),
                1 => format!(
                    "{} {subject} {}",
                    pick(rng, words::TITLE_VERBS),
                    pick(rng, words::TITLE_QUALIFIERS)
                ),
                _ => format!("{}: {}", capitalize(subject), pick(rng, words::TITLE_TAILS)),
            };
            let minutes: i64 = match kind {
                K::LightningTalk => pick(rng, &[20, 30]),
                K::MainSession => pick(rng, &[90, 120]),
                K::Networking | K::OpenForum => 60,
                _ => pick(rng, &[60, 75, 90]),
            };
            let format = match kind {
                K::MainSession => SessionFormat::Theater,
                K::LightningTalk => pick(rng, &[SessionFormat::Theater, SessionFormat::Other]),
                _ => [
                    SessionFormat::Roundtable,
                    SessionFormat::Theater,
                    SessionFormat::Classroom,
                    SessionFormat::Other,
                ][weighted(rng, &[40, 35, 15, 10])],
            };
            let day = rng.random_range(0..event.days);
            let starts_at = midnight(event.start)
                + Duration::days(day)
                + Duration::hours(rng.random_range(9..=17))
                + Duration::minutes(pick(rng, &[0, 30]));
            let actor = pick(rng, words::ACTORS);
            let fill = |t: &str| t.replace("{s}", subject).replace("{a}", actor);
            let description = distinct(rng, words::DESCRIPTIONS.len(), 2)
                .into_iter()
                .map(|i| fill(words::DESCRIPTIONS[i]))
                .collect::<Vec<_>>()
                .join(" ");
            let n = rng.random_range(2..=3);
            let gains: Vec<&str> = distinct(rng, words::GAINS.len(), n)
                .into_iter()
                .map(|i| words::GAINS[i])
                .collect();
            let hybrid = rng
                .random_bool(0.7)
                .then(|| pick(rng, words::HYBRID_NOTES).to_owned());
            let room = if igf {
                if kind == K::MainSession {
                    "Main Hall".to_owned()
                } else {
                    format!("Workshop Room {}", rng.random_range(1..=12))
                }
            } else {
                format!("Room {}", pick(rng, &["A", "B", "C", "D"]))
            };
            let outcomes = fill(pick(rng, words::OUTCOMES));
            let n = rng.random_range(3..=5);
            let questions: Vec<String> = distinct(rng, words::QUESTIONS.len(), n)
                .into_iter()
                .map(|i| {
                    let s = if rng.random_bool(0.6) {
                        subject
                    } else {
                        pick(rng, words::SUBJECTS)
                    };
                    words::QUESTIONS[i]
                        .replace("{s}", s)
                        .replace("{a}", pick(rng, words::ACTORS))
                })
                .collect();
            let pool = event.region.map(|r| people_by_region[r].as_slice());
            let roles = self.plan_roles(rng, igf, pool);
            let created = midnight(event.start) - Duration::days(120);
            let model = session::Model {
                id: 0,
                event_id: 0,
                code,
                kind,
                title_folded: entity::fold(&title),
                title,
                format: Some(format),
                duration_minutes: Some(minutes as i32),
                format_description: None,
                description: Some(description),
                expected_outcomes: Some(outcomes),
                hybrid_format: hybrid,
                participant_gains: json!(gains),
                extra_sections: json!([]),
                starts_at: Some(starts_at),
                ends_at: Some(starts_at + Duration::minutes(minutes)),
                room: Some(room),
                online_link: None,
                version: 1,
                created_at: created,
                updated_at: created,
            };
            let facts = SessionFacts {
                id: 0,
                year: event.model.year,
                starts_at,
                minutes,
                panel: roles
                    .iter()
                    .filter(|r| r.role != RoleKind::Organizer)
                    .filter_map(|r| r.person.map(|p| (p, r.group, r.region)))
                    .collect(),
                first_question: 0,
                questions: questions.len() as i64,
            };
            drafts.push(SessionDraft {
                event: e,
                model,
                facts,
                roles,
                questions,
            });
        }
        // Sessions in the order of their events, then by code, so ids
        // follow the way lists are read.
        drafts.sort_by(|a, b| (a.event, &a.model.code).cmp(&(b.event, &b.model.code)));
        let (mut role_id, mut question_id) = (first.role, first.question);
        for (i, draft) in drafts.into_iter().enumerate() {
            let SessionDraft {
                event: e,
                mut model,
                mut facts,
                roles,
                questions,
            } = draft;
            let id = first.session + i as i64;
            model.id = id;
            model.event_id = first.event + e as i64;
            facts.id = id;
            facts.first_question = question_id;
            let mut order: HashMap<RoleKind, i32> = HashMap::new();
            for r in roles {
                let position = order.entry(r.role).or_default();
                *position += 1;
                let (group, region) = (
                    &self.catalog.groups[r.group],
                    &self.catalog.regions[r.region],
                );
                self.roles.push(session_role::Model {
                    id: role_id,
                    session_id: id,
                    person_id: r.person.map(|p| self.first_person + p as i64),
                    role: r.role,
                    position: *position,
                    stakeholder_group_id: Some(group.id),
                    stakeholder_group_raw: Some(group.name.clone()),
                    region_id: Some(region.id),
                    region_raw: Some(region.name.clone()),
                    version: 1,
                });
                role_id += 1;
            }
            for (n, text) in questions.into_iter().enumerate() {
                self.questions.push(policy_question::Model {
                    id: question_id,
                    session_id: id,
                    position: n as i32 + 1,
                    text,
                    version: 1,
                });
                question_id += 1;
            }
            self.sessions.push(model);
            self.facts.push(facts);
        }
    }

    /// Organizers (often anonymous), a moderator, sometimes an online
    /// moderator and a rapporteur, and four to eight speakers (about six);
    /// no one twice on a panel.
    fn plan_roles(
        &self,
        rng: &mut ChaCha8Rng,
        igf: bool,
        pool: Option<&[usize]>,
    ) -> Vec<RoleDraft> {
        let mut taken: HashSet<usize> = HashSet::new();
        let mut pick_person = |rng: &mut ChaCha8Rng| loop {
            // Some people speak often, most rarely: squaring a uniform
            // number favours the front of the list.
            let from = match pool {
                Some(p) if !p.is_empty() && rng.random_bool(0.7) => p,
                _ => &[][..],
            };
            let u: f64 = rng.random();
            let p = if from.is_empty() {
                ((u * u) * self.person_facts.len() as f64) as usize
            } else {
                from[((u * u) * from.len() as f64) as usize]
            };
            if taken.insert(p) {
                return p;
            }
        };
        let mut roles = Vec::with_capacity(10);
        let organizers = if rng.random_bool(0.6) { 2 } else { 1 };
        for _ in 0..organizers {
            if rng.random_bool(0.4) {
                let p = pick_person(rng);
                roles.push(self.role_of(rng, RoleKind::Organizer, p));
            } else {
                roles.push(RoleDraft {
                    role: RoleKind::Organizer,
                    person: None,
                    group: weighted(rng, &[18, 32, 24, 16, 10]).min(self.catalog.groups.len() - 1),
                    region: rng.random_range(0..self.catalog.regions.len()),
                });
            }
        }
        let mut add = |rng: &mut ChaCha8Rng, role| {
            let p = pick_person(rng);
            roles.push(self.role_of(rng, role, p));
        };
        add(rng, RoleKind::Moderator);
        if igf && rng.random_bool(0.6) {
            add(rng, RoleKind::OnlineModerator);
        }
        if rng.random_bool(0.3) {
            add(rng, RoleKind::Rapporteur);
        }
        let speakers = [4, 5, 6, 7, 8][weighted(rng, &[8, 20, 40, 20, 12])];
        for _ in 0..speakers {
            add(rng, RoleKind::Speaker);
        }
        roles
    }

    /// A role declared with the person's own group and region, mostly.
    fn role_of(&self, rng: &mut ChaCha8Rng, role: RoleKind, p: usize) -> RoleDraft {
        let facts = &self.person_facts[p];
        let (group, region) = self.declared(rng, facts.group, facts.region);
        RoleDraft {
            role,
            person: Some(p),
            group,
            region,
        }
    }

    /// The group and region someone declares: their own 95 % of the time,
    /// otherwise another (people change affiliation over the years).
    fn declared(&self, rng: &mut ChaCha8Rng, group: usize, region: usize) -> (usize, usize) {
        if rng.random_bool(0.95) {
            (group, region)
        } else {
            (
                rng.random_range(0..self.catalog.groups.len()),
                rng.random_range(0..self.catalog.regions.len()),
            )
        }
    }

    /// The next `n` positions.
    pub fn positions(&mut self, n: usize) -> Vec<position::Model> {
        let mut rng = std::mem::replace(&mut self.rng, ChaCha8Rng::seed_from_u64(0));
        let out = (0..n).map(|_| self.position(&mut rng)).collect();
        self.rng = rng;
        out
    }

    fn position(&mut self, rng: &mut ChaCha8Rng) -> position::Model {
        let people = self.person_facts.len();
        let groups = self.catalog.groups.len();
        let regions = self.catalog.regions.len();
        let tied = !self.facts.is_empty() && rng.random_bool(0.92);
        let (session_id, question_id, person, group, region, mode, source, recorded_at);
        if tied {
            let s = &self.facts[rng.random_range(0..self.facts.len())];
            session_id = Some(s.id);
            question_id = rng
                .random_bool(0.65)
                .then(|| s.first_question + rng.random_range(0..s.questions));
            // The panel mostly; sometimes someone from the floor, named or not.
            let r: f64 = rng.random();
            (person, group, region) = if r < 0.8 && !s.panel.is_empty() {
                let (p, g, r) = pick(rng, &s.panel);
                (Some(p), g, r)
            } else if r < 0.93 {
                let p = rng.random_range(0..people);
                let (g, r) =
                    self.declared(rng, self.person_facts[p].group, self.person_facts[p].region);
                (Some(p), g, r)
            } else {
                (
                    None,
                    rng.random_range(0..groups),
                    rng.random_range(0..regions),
                )
            };
            mode = Some(if rng.random_bool(0.7) {
                ParticipationMode::Onsite
            } else {
                ParticipationMode::Online
            });
            let (year, starts_at, minutes) = (s.year, s.starts_at, s.minutes);
            if rng.random_bool(0.92) {
                source = PositionSource::Intervention;
                recorded_at = starts_at + Duration::seconds(rng.random_range(0..minutes * 60));
            } else {
                source = PositionSource::Report;
                let later = starts_at
                    + Duration::days(rng.random_range(1..=21))
                    + Duration::seconds(rng.random_range(0..86_400));
                recorded_at = later.min(year_end(year));
            }
        } else {
            session_id = None;
            question_id = None;
            (person, group, region) = if rng.random_bool(0.6) {
                let p = rng.random_range(0..people);
                let (g, r) =
                    self.declared(rng, self.person_facts[p].group, self.person_facts[p].region);
                (Some(p), g, r)
            } else {
                (
                    None,
                    rng.random_range(0..groups),
                    rng.random_range(0..regions),
                )
            };
            mode = None;
            source = if rng.random_bool(0.75) {
                PositionSource::WrittenSubmission
            } else {
                PositionSource::Report
            };
            let year = rng.random_range(FIRST_YEAR..=LAST_YEAR);
            let start = midnight(NaiveDate::from_ymd_opt(year, 1, 1).expect("a date"));
            let seconds = (year_end(year) - start).num_seconds();
            recorded_at = start + Duration::seconds(rng.random_range(0..seconds));
        }
        let (stance, words) = self.stance(rng, group);
        let focus = pick(rng, words::FOCUS);
        let summary = match words {
            Some(w) => pick(rng, w.summaries),
            None => words::OTHER_SUMMARY,
        }
        .replace("{f}", focus);
        let quote = match words {
            Some(w) if rng.random_bool(0.25) => Some(pick(rng, w.quotes).to_owned()),
            _ => None,
        };
        let status = if rng.random_bool(0.95) {
            self.published += 1;
            PositionStatus::Published
        } else {
            PositionStatus::Draft
        };
        let (g, r) = (&self.catalog.groups[group], &self.catalog.regions[region]);
        let id = self.next_position;
        self.next_position += 1;
        position::Model {
            id,
            topic_id: self.catalog.topic_id,
            stance_id: stance,
            summary,
            quote,
            session_id,
            policy_question_id: question_id,
            person_id: person.map(|p| self.first_person + p as i64),
            stakeholder_group_id: Some(g.id),
            stakeholder_group_raw: Some(g.name.clone()),
            region_id: Some(r.id),
            region_raw: Some(r.name.clone()),
            participation_mode: mode,
            source,
            status,
            recorded_at,
            recorded_by_id: None,
            version: 1,
            created_at: recorded_at,
            updated_at: recorded_at,
        }
    }

    /// A stance weighted by the declared group: governments lean to an
    /// ongoing commitment, the technical community to existing mechanisms.
    fn stance(&self, rng: &mut ChaCha8Rng, group: usize) -> (i64, Option<&'static StanceWords>) {
        let column = words::GROUP_ORDER
            .iter()
            .position(|c| *c == self.catalog.groups[group].code)
            .unwrap_or(5);
        let known: Vec<Option<&'static StanceWords>> = self
            .catalog
            .stances
            .iter()
            .map(|s| words::STANCES.iter().find(|w| w.code == s.code))
            .collect();
        let weights: Vec<u32> = known
            .iter()
            .map(|w| w.map_or(5, |w| w.weights[column]))
            .collect();
        let i = weighted(rng, &weights);
        (self.catalog.stances[i].id, known[i])
    }
}

/// A session being planned, before it gets its id.
struct SessionDraft {
    event: usize,
    model: session::Model,
    facts: SessionFacts,
    roles: Vec<RoleDraft>,
    questions: Vec<String>,
}

struct RoleDraft {
    role: RoleKind,
    person: Option<usize>,
    group: usize,
    region: usize,
}

/// Ten IGF annual meetings, and NRI events (national, regional, youth)
/// in proportion to the number of sessions.
fn plan_events(rng: &mut ChaCha8Rng, sessions: usize, catalog: &Catalog) -> Vec<EventDraft> {
    let mut out = Vec::new();
    let created = |start: NaiveDate| midnight(start) - Duration::days(120);
    for (i, year) in (FIRST_YEAR..=LAST_YEAR).enumerate() {
        let month = pick(rng, &[6, 10, 11, 12]);
        let start = NaiveDate::from_ymd_opt(year, month, rng.random_range(1..=20)).expect("a date");
        let city = words::CITIES[i % words::CITIES.len()];
        out.push(EventDraft {
            model: event::Model {
                id: 0,
                code: format!("{EVENT_PREFIX}igf-{year}"),
                name: format!("Internet Governance Forum {year} (demo)"),
                kind: EventKind::Igf,
                year,
                location: Some(city.to_owned()),
                version: 1,
                created_at: created(start),
                updated_at: created(start),
            },
            start,
            days: rng.random_range(4..=5),
            region: None,
        });
    }
    let nri = (sessions / 60).clamp(2, 40);
    let mut codes = HashSet::new();
    while out.len() < 10 + nri {
        let year = rng.random_range(FIRST_YEAR..=LAST_YEAR);
        let (kind, place, region) = match weighted(rng, &[60, 25, 15]) {
            0 => {
                let (c, r) = pick(rng, words::COUNTRIES);
                (EventKind::NriNational, c, r)
            }
            1 => {
                let (c, r) = pick(rng, words::NRI_REGIONS);
                (EventKind::NriRegional, c, r)
            }
            _ => {
                let (c, r) = pick(rng, words::COUNTRIES);
                (EventKind::NriYouth, c, r)
            }
        };
        let (code, name) = match kind {
            EventKind::NriRegional => (
                format!("{EVENT_PREFIX}regional-{}-{year}", slug(place)),
                format!("{place} Regional IGF {year}"),
            ),
            EventKind::NriYouth => (
                format!("{EVENT_PREFIX}youth-{}-{year}", slug(place)),
                format!("{place} Youth IGF {year}"),
            ),
            _ => (
                format!("{EVENT_PREFIX}nri-{}-{year}", slug(place)),
                format!("{place} IGF {year}"),
            ),
        };
        let month = rng.random_range(3..=11);
        let start = NaiveDate::from_ymd_opt(year, month, rng.random_range(1..=25)).expect("a date");
        let days = rng.random_range(1..=2);
        if !codes.insert(code.clone()) {
            continue;
        }
        out.push(EventDraft {
            model: event::Model {
                id: 0,
                code,
                name,
                kind,
                year,
                location: Some(place.to_owned()),
                version: 1,
                created_at: created(start),
                updated_at: created(start),
            },
            start,
            days,
            region: Some(catalog.region(region)),
        });
    }
    out.sort_by(|a, b| {
        (a.model.year, a.model.kind != EventKind::Igf, &a.model.code).cmp(&(
            b.model.year,
            b.model.kind != EventKind::Igf,
            &b.model.code,
        ))
    });
    out
}

/// People with invented, distinct names; groups and regions weighted the
/// way IGF participation is (civil society and the technical community
/// more common, WEOG and Asia-Pacific larger regions).
fn plan_people(
    rng: &mut ChaCha8Rng,
    count: usize,
    catalog: &Catalog,
    first_id: i64,
) -> (Vec<person::Model>, Vec<PersonFacts>) {
    const REGIONS: &[(&str, u32)] = &[
        ("weog", 28),
        ("african", 22),
        ("asia-pacific", 24),
        ("grulac", 14),
        ("eastern-european", 12),
    ];
    let created = midnight(NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a date"));
    let mut names = HashSet::with_capacity(count);
    let mut rows = Vec::with_capacity(count);
    let mut facts = Vec::with_capacity(count);
    for i in 0..count {
        let name = loop {
            let given = format!(
                "{}{}",
                pick(rng, words::GIVEN_STARTS),
                pick(rng, words::GIVEN_ENDS)
            );
            let family = format!(
                "{}{}{}",
                pick(rng, words::FAMILY_STARTS),
                pick(rng, words::FAMILY_MIDDLES),
                pick(rng, words::FAMILY_ENDS)
            );
            let name = if rng.random_bool(0.2) {
                let initial = (b'A' + rng.random_range(0..26u8)) as char;
                format!("{given} {initial}. {family}")
            } else {
                format!("{given} {family}")
            };
            if names.insert(entity::person_key(&name)) {
                break name;
            }
        };
        let group_code = words::GROUP_ORDER[weighted(rng, &[18, 32, 24, 16, 10])];
        let (country, country_region) = {
            let region = REGIONS[weighted(rng, &REGIONS.iter().map(|r| r.1).collect::<Vec<_>>())].0;
            let in_region: Vec<&(&str, &str)> =
                words::COUNTRIES.iter().filter(|c| c.1 == region).collect();
            *in_region[rng.random_range(0..in_region.len())]
        };
        let region_code = if group_code == "intergovernmental-organization" && rng.random_bool(0.8)
        {
            "intergovernmental-organization"
        } else {
            country_region
        };
        let patterns = words::AFFILIATIONS
            .iter()
            .find(|a| a.0 == group_code)
            .map_or(&[][..], |a| a.1);
        let affiliation = (!patterns.is_empty()).then(|| {
            pick(rng, patterns)
                .replace("{c}", country)
                .replace("{b}", pick(rng, words::BRANDS))
        });
        let gender = rng
            .random_bool(0.65)
            .then(|| ["female", "male", "non-binary"][weighted(rng, &[47, 47, 6])].to_owned());
        let (group, region) = (catalog.group(group_code), catalog.region(region_code));
        rows.push(person::Model {
            id: first_id + i as i64,
            name_folded: entity::fold(&name),
            match_key: entity::person_key(&name),
            token_key: entity::person_token_key(&name),
            name,
            affiliation,
            stakeholder_group_id: Some(catalog.groups[group].id),
            stakeholder_group_raw: Some(catalog.groups[group].name.clone()),
            region_id: Some(catalog.regions[region].id),
            region_raw: Some(catalog.regions[region].name.clone()),
            gender,
            version: 1,
            created_at: created,
            updated_at: created,
        });
        facts.push(PersonFacts { group, region });
    }
    (rows, facts)
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn in_year(date: DateTime<Utc>, year: i32) -> bool {
        date.year() == year
    }

    fn catalog() -> Catalog {
        let refs = |codes: &[&str]| {
            codes
                .iter()
                .enumerate()
                .map(|(i, c)| Ref {
                    id: i as i64 + 1,
                    code: (*c).to_owned(),
                    name: c.to_uppercase(),
                })
                .collect()
        };
        Catalog {
            groups: refs(words::GROUP_ORDER),
            regions: refs(&[
                "african",
                "asia-pacific",
                "eastern-european",
                "grulac",
                "weog",
                "intergovernmental-organization",
            ]),
            topic_id: 1,
            stances: refs(&words::STANCES.iter().map(|s| s.code).collect::<Vec<_>>()),
        }
    }

    const FIRST: FirstIds = FirstIds {
        event: 1,
        session: 1,
        person: 1,
        role: 1,
        question: 1,
        position: 1,
    };

    #[test]
    fn the_same_seed_gives_the_same_rows_and_another_seed_others() {
        let mut a = Plan::new(7, 50, 200, catalog(), FIRST);
        let mut b = Plan::new(7, 50, 200, catalog(), FIRST);
        let mut c = Plan::new(8, 50, 200, catalog(), FIRST);
        assert_eq!(a.people, b.people);
        assert_eq!(a.sessions, b.sessions);
        assert_eq!(a.roles, b.roles);
        assert_eq!(a.positions(300), b.positions(300));
        assert_ne!(a.people, c.people);
        assert_ne!(a.positions(10), c.positions(10));
    }

    #[test]
    fn positions_fall_in_their_events_year_and_most_are_published() {
        let mut plan = Plan::new(1, 100, 300, catalog(), FIRST);
        let year_of: HashMap<i64, i32> = plan
            .sessions
            .iter()
            .map(|s| {
                let event = plan.events.iter().find(|e| e.id == s.event_id).unwrap();
                (s.id, event.year)
            })
            .collect();
        let positions = plan.positions(5000);
        for p in &positions {
            if let Some(s) = p.session_id {
                assert!(in_year(p.recorded_at, year_of[&s]), "{p:?}");
            }
        }
        let published = positions
            .iter()
            .filter(|p| p.status == PositionStatus::Published)
            .count();
        assert_eq!(published as u64, plan.published);
        assert!((4600..4900).contains(&published), "{published}");
        let onsite = positions
            .iter()
            .filter(|p| p.participation_mode == Some(ParticipationMode::Onsite))
            .count() as f64;
        let with_mode = positions
            .iter()
            .filter(|p| p.participation_mode.is_some())
            .count() as f64;
        assert!((0.65..0.75).contains(&(onsite / with_mode)));
    }

    #[test]
    fn names_are_distinct_and_panels_have_about_six_speakers() {
        let plan = Plan::new(3, 400, 2000, catalog(), FIRST);
        let keys: HashSet<&str> = plan.people.iter().map(|p| p.match_key.as_str()).collect();
        assert_eq!(keys.len(), 2000);
        let speakers = plan
            .roles
            .iter()
            .filter(|r| r.role == RoleKind::Speaker)
            .count() as f64;
        let mean = speakers / 400.0;
        assert!((5.5..6.6).contains(&mean), "{mean}");
        for s in &plan.sessions {
            let panel: Vec<i64> = plan
                .roles
                .iter()
                .filter(|r| r.session_id == s.id)
                .filter_map(|r| r.person_id)
                .collect();
            let distinct: HashSet<&i64> = panel.iter().collect();
            assert_eq!(distinct.len(), panel.len(), "someone twice in {}", s.code);
        }
    }
}
