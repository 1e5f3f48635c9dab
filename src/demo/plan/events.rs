//! The events demo sessions belong to: ten IGF annual meetings and NRI
//! events (national, regional, youth) in proportion to the sessions.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use entity::event::{self, EventKind};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{Catalog, EVENT_PREFIX, FIRST_YEAR, LAST_YEAR, midnight, pick, slug, weighted};
use crate::demo::words;

/// An event being planned, before it gets its id.
pub(super) struct EventDraft {
    pub model: event::Model,
    pub start: NaiveDate,
    pub days: i64,
    /// The region an NRI event draws most of its speakers from.
    pub region: Option<usize>,
}

/// Ten IGF annual meetings, and NRI events (national, regional, youth)
/// in proportion to the number of sessions.
pub(super) fn plan_events(
    rng: &mut ChaCha8Rng,
    sessions: usize,
    catalog: &Catalog,
) -> Vec<EventDraft> {
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
