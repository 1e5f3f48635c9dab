//! The transcripts of demo data, drawn on their own stream: each session
//! gets a transcript whose turns are spoken by its panel (the moderator
//! opens and closes), by the floor (sometimes introducing themselves) and,
//! now and then, by someone the captioner named who is on no panel. About
//! half the transcripts are timed, the rest estimated from the words, as
//! the importer does.

use std::collections::HashMap;

use entity::{
    intervention,
    session_role::{self, RoleKind},
    transcript,
};
use rand::Rng;

use super::{Plan, capitalize, pick};
use crate::{demo::words, import::transcript::WORDS_PER_MINUTE};

/// What speakers say, `{f}` a focus of the debate.
const SENTENCES: &[&str] = &[
    "Thank you, and good morning to everyone in the room and online.",
    "Enhanced cooperation is still an open commitment of the Tunis Agenda.",
    "We should look at {f} before we design anything new.",
    "In our region the question of {f} comes up at every national meeting.",
    "Paragraph 69 asks governments to act on an equal footing, and that has not happened yet.",
    "The existing mechanisms can carry much of this work if they are opened up.",
    "I would like to add a point on {f}.",
    "Our experience shows that small steps build trust faster than new bodies.",
    "The Global Digital Compact gives us a chance to settle this.",
    "Let me answer the question from the floor directly.",
    "We need more voices from the Global South in these rooms.",
    "That is a fair point, and I partly agree with it.",
];

/// Generic labels the captioner uses for the floor.
const FLOOR: &[&str] = &["AUDIENCE", "ATTENDEE", "PARTICIPANT"];

/// The next ids of the two tables.
#[derive(Debug, Clone, Copy)]
pub struct NextIds {
    pub transcript: i64,
    pub intervention: i64,
}

/// A session's speakers: its moderator (if any) and other roles that speak.
struct Panel<'a> {
    moderator: Option<&'a session_role::Model>,
    speakers: Vec<&'a session_role::Model>,
}

impl Plan {
    /// The transcripts and interventions of sessions `from..to` (indexes
    /// into `sessions`), `total` interventions spread evenly over all the
    /// sessions; a session given none has no transcript.
    pub fn transcripts(
        &mut self,
        from: usize,
        to: usize,
        total: usize,
        next: &mut NextIds,
    ) -> (Vec<transcript::Model>, Vec<intervention::Model>) {
        let mut by_session: HashMap<i64, Vec<&session_role::Model>> = HashMap::new();
        let ids: Vec<i64> = self.sessions[from..to].iter().map(|s| s.id).collect();
        for r in &self.roles {
            if ids.contains(&r.session_id) {
                by_session.entry(r.session_id).or_default().push(r);
            }
        }
        let sessions = self.sessions.len();
        let names: HashMap<i64, String> = by_session
            .values()
            .flatten()
            .filter_map(|r| r.person_id)
            .map(|p| {
                (
                    p,
                    self.people[(p - self.first_person) as usize].name.clone(),
                )
            })
            .collect();
        let mut rng = std::mem::replace(&mut self.transcript_rng, super::stream(0, 0));
        let (mut transcripts, mut interventions) = (Vec::new(), Vec::new());
        for (i, session) in self.sessions[from..to].iter().enumerate() {
            let n = total / sessions + usize::from(from + i < total % sessions);
            if n == 0 {
                continue;
            }
            let roles = by_session.remove(&session.id).unwrap_or_default();
            let panel = Panel {
                moderator: roles
                    .iter()
                    .copied()
                    .find(|r| r.role == RoleKind::Moderator),
                speakers: roles
                    .iter()
                    .copied()
                    .filter(|r| r.role != RoleKind::Organizer && r.person_id.is_some())
                    .collect(),
            };
            let timed = rng.random_bool(0.5);
            let mut t = transcript::Model {
                id: next.transcript,
                session_id: session.id,
                turns: i32::try_from(n).unwrap_or(i32::MAX),
                words: 0,
                seconds: 0,
                estimated_seconds: 0,
                digest: format!("demo:{}", session.id),
                warnings: String::new(),
                version: 1,
                created_at: session.created_at,
                updated_at: session.created_at,
            };
            next.transcript += 1;
            for ord in 1..=n {
                let turn = draw_turn(&mut rng, &panel, &names, ord, n, timed);
                t.words += i64::from(turn.words);
                t.seconds += i64::from(turn.seconds);
                if turn.seconds_estimated {
                    t.estimated_seconds += i64::from(turn.seconds);
                }
                interventions.push(intervention::Model {
                    id: next.intervention,
                    session_id: session.id,
                    event_id: Some(session.event_id),
                    transcript_id: t.id,
                    ord: i32::try_from(ord).unwrap_or(i32::MAX),
                    created_at: session.created_at,
                    updated_at: session.created_at,
                    ..turn
                });
                next.intervention += 1;
            }
            transcripts.push(t);
        }
        self.transcript_rng = rng;
        (transcripts, interventions)
    }
}

/// One turn: who, what, how long. Ids, place and times are set by the
/// caller.
fn draw_turn(
    rng: &mut impl Rng,
    panel: &Panel<'_>,
    names: &HashMap<i64, String>,
    ord: usize,
    n: usize,
    timed: bool,
) -> intervention::Model {
    let chair = (ord == 1 || ord == n).then_some(panel.moderator).flatten();
    let roll: f64 = rng.random();
    let role = match chair {
        Some(m) => Some(m),
        None if roll < 0.15 || panel.speakers.is_empty() => None,
        None => Some(panel.speakers[rng.random_range(0..panel.speakers.len())]),
    };
    let mut text: Vec<String> = (0..rng.random_range(1..=6))
        .map(|_| pick(rng, SENTENCES).replace("{f}", pick(rng, words::FOCUS)))
        .collect();
    let (label, is_floor, intro) = match role {
        Some(r) => {
            let name = r.person_id.and_then(|p| names.get(&p)).cloned();
            (name.unwrap_or_default().to_uppercase(), false, None)
        }
        None if roll < 0.03 => (invented_name(rng).to_uppercase(), false, None),
        None => {
            let intro = rng.random_bool(0.5).then(|| {
                format!(
                    "My name is {}, I work for {}.",
                    invented_name(rng),
                    pick(rng, words::BRANDS)
                )
            });
            if let Some(i) = &intro {
                text.insert(0, i.clone());
            }
            (pick(rng, FLOOR).to_owned(), true, intro)
        }
    };
    let text = text.join(" ");
    let words = text.split_whitespace().count() as u32;
    let estimate = (words * 60).div_ceil(WORDS_PER_MINUTE);
    let seconds = if timed {
        (estimate * rng.random_range(80..=125)) / 100
    } else {
        estimate
    };
    let key = crate::service::transcript::matching::key(&label);
    intervention::Model {
        id: 0,
        session_id: 0,
        event_id: None,
        transcript_id: 0,
        ord: 0,
        in_transcript: true,
        label,
        label_key: key,
        text,
        words: words as i32,
        seconds: seconds as i32,
        seconds_estimated: !timed,
        is_floor,
        self_introduction: intro,
        person_id: role.and_then(|r| r.person_id),
        role_id: role.map(|r| r.id),
        role: role.map(|r| r.role),
        stakeholder_group_id: role.and_then(|r| r.stakeholder_group_id),
        region_id: role.and_then(|r| r.region_id),
        participation: role.and_then(|r| r.participation),
        version: 1,
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
    }
}

/// Someone on no panel: a name made of the same parts as demo people's.
fn invented_name(rng: &mut impl Rng) -> String {
    format!(
        "{}{} {}{}{}",
        capitalize(pick(rng, words::GIVEN_STARTS)),
        pick(rng, words::GIVEN_ENDS),
        capitalize(pick(rng, words::FAMILY_STARTS)),
        pick(rng, words::FAMILY_MIDDLES),
        pick(rng, words::FAMILY_ENDS)
    )
}
