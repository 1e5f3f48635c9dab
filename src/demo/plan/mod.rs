//! The rows demo data consists of, computed from a seed without touching
//! the database: the same seed and sizes give the same rows. Each part
//! (events, people, sessions, positions) draws from its own ChaCha8 stream,
//! so changing `--positions` leaves people and sessions as they were.
//!
//! Each part is planned in its own file: [`events`], [`people`],
//! [`sessions`] (with their roles and policy questions), [`positions`] and
//! [`transcripts`] (with their interventions).

mod events;
mod people;
mod positions;
mod sessions;
#[cfg(test)]
mod tests;
mod transcripts;

pub use transcripts::NextIds;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use entity::{event, person, policy_question, session, session_role};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use events::plan_events;
use people::plan_people;

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
    pub transcript: i64,
    pub intervention: i64,
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
    transcript_rng: ChaCha8Rng,
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
            transcript_rng: stream(seed, 5),
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
}
