//! The positions of demo data, drawn one by one on their own stream: most
//! taken in a session (by its panel, mostly), the rest written
//! submissions and reports; stances weighted by the declared group.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::position::{self, ParticipationMode, PositionSource, PositionStatus};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{FIRST_YEAR, LAST_YEAR, Plan, midnight, pick, weighted, year_end};
use crate::demo::words::{self, StanceWords};

/// Where a position was taken, by whom, and when.
struct Taken {
    session_id: Option<i64>,
    question_id: Option<i64>,
    /// Person index; `None` for someone anonymous.
    person: Option<usize>,
    /// Declared group and region indexes.
    group: usize,
    region: usize,
    mode: Option<ParticipationMode>,
    source: PositionSource,
    recorded_at: DateTime<Utc>,
}

impl Plan {
    /// The next `n` positions.
    pub fn positions(&mut self, n: usize) -> Vec<position::Model> {
        let mut rng = std::mem::replace(&mut self.rng, ChaCha8Rng::seed_from_u64(0));
        let out = (0..n).map(|_| self.position(&mut rng)).collect();
        self.rng = rng;
        out
    }

    fn position(&mut self, rng: &mut ChaCha8Rng) -> position::Model {
        let tied = !self.facts.is_empty() && rng.random_bool(0.92);
        let taken = if tied {
            self.in_session(rng)
        } else {
            self.outside_sessions(rng)
        };
        let (stance, words) = self.stance(rng, taken.group);
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
        let (g, r) = (
            &self.catalog.groups[taken.group],
            &self.catalog.regions[taken.region],
        );
        let id = self.next_position;
        self.next_position += 1;
        position::Model {
            id,
            topic_id: self.catalog.topic_id,
            stance_id: stance,
            summary,
            quote,
            session_id: taken.session_id,
            policy_question_id: taken.question_id,
            intervention_id: None,
            person_id: taken.person.map(|p| self.first_person + p as i64),
            stakeholder_group_id: Some(g.id),
            stakeholder_group_raw: Some(g.name.clone()),
            region_id: Some(r.id),
            region_raw: Some(r.name.clone()),
            participation_mode: taken.mode,
            source: taken.source,
            status,
            recorded_at: taken.recorded_at,
            recorded_by_id: None,
            version: 1,
            created_at: taken.recorded_at,
            updated_at: taken.recorded_at,
        }
    }

    /// Someone drawn at random, as they declare themselves.
    fn anyone(&self, rng: &mut ChaCha8Rng) -> (Option<usize>, usize, usize) {
        let p = rng.random_range(0..self.person_facts.len());
        let (g, r) = self.declared(rng, self.person_facts[p].group, self.person_facts[p].region);
        (Some(p), g, r)
    }

    /// No one named, from any group and region.
    fn anonymous(&self, rng: &mut ChaCha8Rng) -> (Option<usize>, usize, usize) {
        (
            None,
            rng.random_range(0..self.catalog.groups.len()),
            rng.random_range(0..self.catalog.regions.len()),
        )
    }

    /// A position taken in a session, often on one of its questions.
    fn in_session(&self, rng: &mut ChaCha8Rng) -> Taken {
        let s = &self.facts[rng.random_range(0..self.facts.len())];
        let question_id = rng
            .random_bool(0.65)
            .then(|| s.first_question + rng.random_range(0..s.questions));
        // The panel mostly; sometimes someone from the floor, named or not.
        let r: f64 = rng.random();
        let (person, group, region) = if r < 0.8 && !s.panel.is_empty() {
            let (p, g, r) = pick(rng, &s.panel);
            (Some(p), g, r)
        } else if r < 0.93 {
            self.anyone(rng)
        } else {
            self.anonymous(rng)
        };
        let mode = Some(if rng.random_bool(0.7) {
            ParticipationMode::Onsite
        } else {
            ParticipationMode::Online
        });
        let (year, starts_at, minutes) = (s.year, s.starts_at, s.minutes);
        let (source, recorded_at) = if rng.random_bool(0.92) {
            let at = starts_at + Duration::seconds(rng.random_range(0..minutes * 60));
            (PositionSource::Intervention, at)
        } else {
            let later = starts_at
                + Duration::days(rng.random_range(1..=21))
                + Duration::seconds(rng.random_range(0..86_400));
            (PositionSource::Report, later.min(year_end(year)))
        };
        Taken {
            session_id: Some(s.id),
            question_id,
            person,
            group,
            region,
            mode,
            source,
            recorded_at,
        }
    }

    /// A written submission or a report, in some year of the meetings.
    fn outside_sessions(&self, rng: &mut ChaCha8Rng) -> Taken {
        let (person, group, region) = if rng.random_bool(0.6) {
            self.anyone(rng)
        } else {
            self.anonymous(rng)
        };
        let source = if rng.random_bool(0.75) {
            PositionSource::WrittenSubmission
        } else {
            PositionSource::Report
        };
        let year = rng.random_range(FIRST_YEAR..=LAST_YEAR);
        let start = midnight(NaiveDate::from_ymd_opt(year, 1, 1).expect("a date"));
        let seconds = (year_end(year) - start).num_seconds();
        Taken {
            session_id: None,
            question_id: None,
            person,
            group,
            region,
            mode: None,
            source,
            recorded_at: start + Duration::seconds(rng.random_range(0..seconds)),
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
