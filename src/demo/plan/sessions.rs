//! The sessions of demo data, each drawn whole (code, title, texts,
//! schedule, policy questions, panel), then given ids in the order lists
//! are read, with their roles and questions.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use entity::{
    event::EventKind,
    policy_question,
    position::ParticipationMode,
    session::{self, SessionFormat, SessionKind},
    session_role::{self, RoleKind},
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use super::{
    FIRST_YEAR, FirstIds, Plan, SessionFacts, capitalize, distinct, events::EventDraft, midnight,
    pick, weighted,
};
use crate::demo::words;

use SessionKind as K;

/// Kinds of IGF sessions, the prefix of their codes, and how common.
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

/// The same for NRI events.
const NRI_KINDS: &[(SessionKind, &str, u32)] =
    &[(K::NriSession, "Session", 85), (K::Workshop, "WS", 15)];

/// A session being planned, before it gets its id.
struct SessionDraft {
    event: usize,
    model: session::Model,
    facts: SessionFacts,
    roles: Vec<RoleDraft>,
    questions: Vec<String>,
}

pub(super) struct RoleDraft {
    role: RoleKind,
    person: Option<usize>,
    group: usize,
    region: usize,
}

/// The texts of a session, drawn from its subject and the actor it names.
struct Texts {
    description: String,
    gains: Vec<&'static str>,
    hybrid: Option<String>,
}

impl Texts {
    fn draw(rng: &mut ChaCha8Rng, fill: &impl Fn(&str) -> String) -> Self {
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
        Self {
            description,
            gains,
            hybrid,
        }
    }
}

fn draw_title(rng: &mut ChaCha8Rng, subject: &str) -> String {
    match rng.random_range(0..3) {
        0 => format!("{} {subject}", pick(rng, words::TITLE_VERBS)),
        1 => format!(
            "{} {subject} {}",
            pick(rng, words::TITLE_VERBS),
            pick(rng, words::TITLE_QUALIFIERS)
        ),
        _ => format!("{}: {}", capitalize(subject), pick(rng, words::TITLE_TAILS)),
    }
}

/// How long a session of `kind` lasts, in minutes, and its format.
fn draw_length_and_format(rng: &mut ChaCha8Rng, kind: SessionKind) -> (i64, SessionFormat) {
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
    (minutes, format)
}

fn draw_start(rng: &mut ChaCha8Rng, event: &EventDraft) -> DateTime<Utc> {
    let day = rng.random_range(0..event.days);
    midnight(event.start)
        + Duration::days(day)
        + Duration::hours(rng.random_range(9..=17))
        + Duration::minutes(pick(rng, &[0, 30]))
}

fn draw_room(rng: &mut ChaCha8Rng, igf: bool, kind: SessionKind) -> String {
    if igf {
        if kind == K::MainSession {
            "Main Hall".to_owned()
        } else {
            format!("Workshop Room {}", rng.random_range(1..=12))
        }
    } else {
        format!("Room {}", pick(rng, &["A", "B", "C", "D"]))
    }
}

/// Three to five policy questions, mostly about the session's subject.
fn draw_questions(rng: &mut ChaCha8Rng, subject: &str) -> Vec<String> {
    let n = rng.random_range(3..=5);
    distinct(rng, words::QUESTIONS.len(), n)
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
        .collect()
}

impl Plan {
    pub(super) fn plan_sessions(
        &mut self,
        rng: &mut ChaCha8Rng,
        count: usize,
        events: &[EventDraft],
        first: FirstIds,
    ) {
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
            let pool = events[e].region.map(|r| people_by_region[r].as_slice());
            drafts.push(self.draft_session(rng, e, &events[e], &mut numbers, pool));
        }
        // Sessions in the order of their events, then by code, so ids
        // follow the way lists are read.
        drafts.sort_by(|a, b| (a.event, &a.model.code).cmp(&(b.event, &b.model.code)));
        let mut next = (first.role, first.question);
        for (i, draft) in drafts.into_iter().enumerate() {
            self.place_session(draft, first.session + i as i64, first.event, &mut next);
        }
    }

    /// One session of event `e`, drawn whole; `numbers` holds the last
    /// number given in each event to each code prefix, and `pool` the
    /// people an NRI event draws most of its speakers from.
    fn draft_session(
        &self,
        rng: &mut ChaCha8Rng,
        e: usize,
        event: &EventDraft,
        numbers: &mut HashMap<(usize, &'static str), i64>,
        pool: Option<&[usize]>,
    ) -> SessionDraft {
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
        let title = draw_title(rng, subject);
        let (minutes, format) = draw_length_and_format(rng, kind);
        let starts_at = draw_start(rng, event);
        let actor = pick(rng, words::ACTORS);
        let fill = |t: &str| t.replace("{s}", subject).replace("{a}", actor);
        let texts = Texts::draw(rng, &fill);
        let room = draw_room(rng, igf, kind);
        let outcomes = fill(pick(rng, words::OUTCOMES));
        let questions = draw_questions(rng, subject);
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
            format_raw: None,
            duration_minutes: Some(minutes as i32),
            format_description: None,
            description: Some(texts.description),
            expected_outcomes: Some(outcomes),
            hybrid_format: texts.hybrid,
            participant_gains: json!(texts.gains),
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
        SessionDraft {
            event: e,
            model,
            facts,
            roles,
            questions,
        }
    }

    /// Give `draft` the id `id`, and its roles and questions the next ids
    /// of `next` (role, question); keep all three.
    fn place_session(
        &mut self,
        draft: SessionDraft,
        id: i64,
        first_event: i64,
        next: &mut (i64, i64),
    ) {
        let SessionDraft {
            event: e,
            mut model,
            mut facts,
            roles,
            questions,
        } = draft;
        let (role_id, question_id) = next;
        model.id = id;
        model.event_id = first_event + e as i64;
        facts.id = id;
        facts.first_question = *question_id;
        let mut order: HashMap<RoleKind, i32> = HashMap::new();
        for r in roles {
            let position = order.entry(r.role).or_default();
            *position += 1;
            let (group, region) = (
                &self.catalog.groups[r.group],
                &self.catalog.regions[r.region],
            );
            self.roles.push(session_role::Model {
                id: *role_id,
                session_id: id,
                person_id: r.person.map(|p| self.first_person + p as i64),
                role: r.role,
                position: *position,
                stakeholder_group_id: Some(group.id),
                stakeholder_group_raw: Some(group.name.clone()),
                region_id: Some(region.id),
                region_raw: Some(region.name.clone()),
                affiliation: None,
                // Online moderators online, one other role in four too.
                participation: Some(
                    if r.role == RoleKind::OnlineModerator || *role_id % 4 == 0 {
                        ParticipationMode::Online
                    } else {
                        ParticipationMode::Onsite
                    },
                ),
                version: 1,
            });
            *role_id += 1;
        }
        for (n, text) in questions.into_iter().enumerate() {
            self.questions.push(policy_question::Model {
                id: *question_id,
                session_id: id,
                position: n as i32 + 1,
                text,
                version: 1,
            });
            *question_id += 1;
        }
        self.sessions.push(model);
        self.facts.push(facts);
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
    pub(super) fn declared(
        &self,
        rng: &mut ChaCha8Rng,
        group: usize,
        region: usize,
    ) -> (usize, usize) {
        if rng.random_bool(0.95) {
            (group, region)
        } else {
            (
                rng.random_range(0..self.catalog.groups.len()),
                rng.random_range(0..self.catalog.regions.len()),
            )
        }
    }
}
