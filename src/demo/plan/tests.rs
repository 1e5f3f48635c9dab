//! The generator's promises: determinism, plausible shares, distinct
//! names and panels.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Utc};
use entity::{
    position::{ParticipationMode, PositionStatus},
    session_role::RoleKind,
};

use super::*;
use crate::demo::words;

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
    transcript: 1,
    intervention: 1,
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
