//! Panel balance, in the spirit of IGF's diversity criteria for workshops:
//! who is on a panel by stakeholder group, region and declared gender, who
//! is missing, and a score an organizer can act on.
//!
//! Speakers are the `speaker` roles, organizers the `organizer` roles
//! (moderators and rapporteurs are not counted, except in [`onsite`]: who
//! is in the room). A role's group and region are the ones declared for the
//! session, or else its person's. Gender is self-declared and only ever
//! reported here in aggregate.

pub mod onsite;

use std::collections::{BTreeMap, HashMap};

use entity::{
    person,
    position::ParticipationMode,
    session::{self},
    session_role::{self, RoleKind},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QuerySelect, RelationTrait,
    sea_query::{Expr, Func},
};

use super::reference::ReferenceData;
use crate::service::viewer::Viewer;

/// Stakeholder groups a balanced panel draws on (intergovernmental
/// organizations are counted but not expected).
pub const MAIN_GROUPS: [&str; 4] = [
    "government",
    "civil-society",
    "technical-community",
    "private-sector",
];
/// The five UN regional groups.
pub const UN_REGIONS: [&str; 5] = [
    "african",
    "asia-pacific",
    "eastern-european",
    "grulac",
    "weog",
];

/// One counted role.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Seat {
    pub owner: i64,
    pub role: RoleKind,
    /// Null for a role with no person named.
    pub person_id: Option<i64>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub gender: Option<String>,
    /// Onsite or online, where recorded.
    pub participation: Option<ParticipationMode>,
}

impl Seat {
    /// Speakers and organizers make the panel that is counted; a
    /// moderator's seat only tells who is in the room.
    pub fn on_panel(&self) -> bool {
        matches!(self.role, RoleKind::Speaker | RoleKind::Organizer)
    }
}

/// Whose roles to count: some sessions, or all sessions of some events.
pub enum Scope<'a> {
    Sessions(&'a [i64]),
    Events(&'a [i64]),
}

/// The speaker, organizer and moderator roles of each session (or event)
/// in `scope`, keyed by session (or event) id, in one statement.
pub async fn seats(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
) -> Result<HashMap<i64, Vec<Seat>>, DbErr> {
    let mut q = session_role::Entity::find()
        .select_only()
        .join(JoinType::LeftJoin, session_role::Relation::Person.def())
        .column(session_role::Column::Role)
        .column(session_role::Column::PersonId)
        .expr_as(
            Func::coalesce([
                Expr::col((
                    session_role::Entity,
                    session_role::Column::StakeholderGroupId,
                )),
                Expr::col((person::Entity, person::Column::StakeholderGroupId)),
            ]),
            "stakeholder_group_id",
        )
        .expr_as(
            Func::coalesce([
                Expr::col((session_role::Entity, session_role::Column::RegionId)),
                Expr::col((person::Entity, person::Column::RegionId)),
            ]),
            "region_id",
        )
        .column_as(person::Column::Gender, "gender")
        .column(session_role::Column::Participation)
        .filter(session_role::Column::Role.is_in([
            RoleKind::Speaker,
            RoleKind::Organizer,
            RoleKind::Moderator,
        ]));
    q = match scope {
        Scope::Sessions(ids) => q
            .column_as(session_role::Column::SessionId, "owner")
            .filter(session_role::Column::SessionId.is_in(ids.iter().copied())),
        Scope::Events(ids) => q
            .join(JoinType::InnerJoin, session_role::Relation::Session.def())
            .column_as(session::Column::EventId, "owner")
            .filter(session::Column::EventId.is_in(ids.iter().copied())),
    };
    let rows = q.into_model::<Seat>().all(db).await?;
    let mut map: HashMap<i64, Vec<Seat>> = HashMap::new();
    for seat in rows {
        map.entry(seat.owner).or_default().push(seat);
    }
    Ok(map)
}

/// Whether the viewer sees the declared genders of these seats in full:
/// admins do, and an organizer who may read the gender of every person
/// with a declared gender among them (see [`super::person::may_edit`]);
/// `sessions_of` gives the `(session id, event id)` of each such person's
/// sessions.
pub fn sees_genders_in_full(
    viewer: &Viewer,
    seats: &[Seat],
    sessions_of: &HashMap<i64, Vec<(i64, i64)>>,
) -> bool {
    viewer.is_admin()
        || (viewer.user().is_some()
            && declared_people(seats).all(|person| {
                super::person::may_edit(viewer, sessions_of.get(&person).map_or(&[], Vec::as_slice))
            }))
}

/// The people among `seats` who declared a gender.
pub fn declared_people(seats: &[Seat]) -> impl Iterator<Item = i64> + '_ {
    seats
        .iter()
        .filter(|s| declared(s).is_some())
        .filter_map(|s| s.person_id)
}

/// A seat's declared gender as counted: trimmed, lower case, `None` when
/// empty or when the seat is not on the panel.
fn declared(seat: &Seat) -> Option<String> {
    if !seat.on_panel() {
        return None;
    }
    seat.gender
        .as_deref()
        .map(|g| g.trim().to_lowercase())
        .filter(|g| !g.is_empty())
}

/// The seats as those who may not read genders see them: a gender fewer
/// than `k` different people declared counts as undisclosed, so that no
/// count of it can point at a person. Everything computed from the seats
/// (tallies, the gender criterion, the advice) then shows only what such
/// counts show.
pub fn undisclosed_below(mut seats: Vec<Seat>, k: usize) -> Vec<Seat> {
    let mut people: HashMap<String, std::collections::HashSet<Option<i64>>> = HashMap::new();
    for (i, seat) in seats.iter().enumerate() {
        if let Some(gender) = declared(seat) {
            // A role with no person named counts as a person of its own.
            let who = seat.person_id.or(Some(-(i as i64) - 1));
            people.entry(gender).or_default().insert(who);
        }
    }
    for seat in &mut seats {
        if declared(seat).is_some_and(|g| people.get(&g).is_none_or(|p| p.len() < k)) {
            seat.gender = None;
        }
    }
    seats
}

/// How a viewer sees the declared genders of a balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenderView {
    /// As declared: admins, the command line, and organizers who may read
    /// every counted person's gender.
    Full,
    /// Only genders at least this many people declared; the rest count as
    /// undisclosed.
    AtLeast(usize),
}

impl GenderView {
    /// The view `viewer` gets of `seats` (see [`sees_genders_in_full`]):
    /// for an organizer, the sessions of the people who declared a gender
    /// are read from `db`.
    pub async fn of(
        db: &impl ConnectionTrait,
        viewer: &Viewer,
        seats: &[Seat],
        k: usize,
    ) -> Result<Self, DbErr> {
        if viewer.is_admin() {
            return Ok(Self::Full);
        }
        let mut sessions_of: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
        if viewer.user().is_some() {
            let people: Vec<i64> = declared_people(seats).collect();
            for (person, session, event) in
                super::role::load::sessions_of_people(db, &people).await?
            {
                sessions_of
                    .entry(person)
                    .or_default()
                    .push((session, event));
            }
        }
        Ok(Self::given(viewer, seats, &sessions_of, k))
    }

    /// The same, with the sessions of the people who declared a gender
    /// already at hand.
    pub fn given(
        viewer: &Viewer,
        seats: &[Seat],
        sessions_of: &HashMap<i64, Vec<(i64, i64)>>,
        k: usize,
    ) -> Self {
        if sees_genders_in_full(viewer, seats, sessions_of) {
            Self::Full
        } else {
            Self::AtLeast(k)
        }
    }
}

/// The balance of `seats` in `view`. In a reduced view the gender
/// criterion and the advice say the rule whether or not anything was
/// hidden, so that they never tell that someone declared a gender few
/// others did.
pub fn assess_seen(seats: Vec<Seat>, refs: &ReferenceData, view: GenderView) -> Balance {
    let GenderView::AtLeast(k) = view else {
        return assess(&seats, refs);
    };
    let seats = undisclosed_below(seats, k);
    let mut balance = assess(&seats, refs);
    let rule = format!("genders declared by fewer than {k} people count as undisclosed");
    for criterion in balance.criteria.iter_mut().filter(|c| c.name == "gender") {
        criterion.note = match criterion.points {
            Some(_) => format!("{}; {rule}", criterion.note),
            None if balance.total.speakers == 0 => criterion.note.clone(),
            None => format!("no gender that at least {k} people declared; {rule}"),
        };
    }
    for advice in &mut balance.advice {
        if advice.starts_with("No speaker has declared a gender") {
            *advice = format!(
                "Gender balance is assessed only from genders that at least {k} people declared."
            );
        }
    }
    balance
}

/// Speakers and organizers under one key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub speakers: i64,
    pub organizers: i64,
}

impl Tally {
    fn add(&mut self, role: RoleKind) {
        match role {
            RoleKind::Speaker => self.speakers += 1,
            RoleKind::Organizer => self.organizers += 1,
            _ => {}
        }
    }
}

/// One criterion of the score.
#[derive(Debug, Clone)]
pub struct Criterion {
    pub name: &'static str,
    /// Points earned; `None` when the criterion cannot be assessed.
    pub points: Option<f64>,
    pub max: f64,
    pub note: String,
}

#[derive(Debug, Clone, Default)]
pub struct Balance {
    pub total: Tally,
    /// Every stakeholder group in reference order, zeros included; `None`
    /// for roles whose group is not declared.
    pub by_group: Vec<(Option<i64>, Tally)>,
    pub by_region: Vec<(Option<i64>, Tally)>,
    /// Declared gender (trimmed, lower case), `None` for undeclared.
    pub by_gender: Vec<(Option<String>, Tally)>,
    pub missing_groups: Vec<i64>,
    pub missing_regions: Vec<i64>,
    pub criteria: Vec<Criterion>,
    pub score: i32,
    pub advice: Vec<String>,
    /// Who is in the room: speakers and moderators onsite and online.
    pub onsite: onsite::Onsite,
}

fn tally_by<K: Ord + Clone>(seats: &[Seat], key: impl Fn(&Seat) -> K) -> BTreeMap<K, Tally> {
    let mut map: BTreeMap<K, Tally> = BTreeMap::new();
    for s in seats {
        map.entry(key(s)).or_default().add(s.role);
    }
    map
}

/// Names joined as "A, B and C".
fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Count the seats and score the panel.
pub fn assess(all_seats: &[Seat], refs: &ReferenceData) -> Balance {
    let panel: Vec<Seat> = all_seats.iter().filter(|s| s.on_panel()).cloned().collect();
    let mut balance = assess_panel(&panel, refs);
    balance.onsite = onsite::Onsite::of(all_seats);
    balance
}

/// Count the panel's seats and score them.
fn assess_panel(seats: &[Seat], refs: &ReferenceData) -> Balance {
    let by_group = tally_by(seats, |s| s.stakeholder_group_id);
    let by_region = tally_by(seats, |s| s.region_id);
    let mut balance = counted(seats, refs, &by_group, &by_region);
    if balance.total.speakers == 0 {
        balance.advice.push("No speaker is listed yet.".into());
        balance.criteria = vec![
            Criterion {
                name: "stakeholder groups",
                points: Some(0.0),
                max: 40.0,
                note: "no speaker".into(),
            },
            Criterion {
                name: "regions",
                points: Some(0.0),
                max: 40.0,
                note: "no speaker".into(),
            },
            Criterion {
                name: "gender",
                points: None,
                max: 20.0,
                note: "no speaker".into(),
            },
        ];
        return balance;
    }
    score_groups(&mut balance, refs, &by_group);
    score_regions(&mut balance, refs, &by_region);
    score_gender(&mut balance);
    let (earned, possible) = balance
        .criteria
        .iter()
        .filter_map(|c| c.points.map(|p| (p, c.max)))
        .fold((0.0, 0.0), |(e, m), (p, x)| (e + p, m + x));
    balance.score = if possible > 0.0 {
        (100.0 * earned / possible).round() as i32
    } else {
        0
    };
    balance
}

fn speakers_in(t: Option<&Tally>) -> i64 {
    t.map_or(0, |t| t.speakers)
}

/// The tallies of a balance, before any criterion: every group and region
/// in reference order (undeclared last), who is missing, and genders.
fn counted(
    seats: &[Seat],
    refs: &ReferenceData,
    by_group: &BTreeMap<Option<i64>, Tally>,
    by_region: &BTreeMap<Option<i64>, Tally>,
) -> Balance {
    let by_gender = tally_by(seats, declared);
    let mut total = Tally::default();
    for s in seats {
        total.add(s.role);
    }
    let mut balance = Balance {
        total,
        ..Default::default()
    };
    for g in &refs.stakeholder_groups {
        let t = by_group.get(&Some(g.id)).cloned().unwrap_or_default();
        if t.speakers == 0 {
            balance.missing_groups.push(g.id);
        }
        balance.by_group.push((Some(g.id), t));
    }
    if let Some(t) = by_group.get(&None) {
        balance.by_group.push((None, t.clone()));
    }
    for r in &refs.regions {
        let t = by_region.get(&Some(r.id)).cloned().unwrap_or_default();
        if t.speakers == 0 {
            balance.missing_regions.push(r.id);
        }
        balance.by_region.push((Some(r.id), t));
    }
    if let Some(t) = by_region.get(&None) {
        balance.by_region.push((None, t.clone()));
    }
    // Declared genders first, by how many speakers; undeclared last.
    let mut genders: Vec<(Option<String>, Tally)> = by_gender.into_iter().collect();
    genders.sort_by_key(|(g, t)| (g.is_none(), -t.speakers, g.clone()));
    balance.by_gender = genders;
    balance
}

/// Stakeholder groups: the share of the four main groups on the panel.
fn score_groups(
    balance: &mut Balance,
    refs: &ReferenceData,
    by_group: &BTreeMap<Option<i64>, Tally>,
) {
    let group_name = |code: &str| {
        refs.stakeholder_groups
            .iter()
            .find(|g| g.code == code)
            .map(|g| (g.id, g.name.clone()))
    };
    let groups: Vec<(i64, String)> = MAIN_GROUPS.iter().filter_map(|c| group_name(c)).collect();
    let present = groups
        .iter()
        .filter(|(id, _)| speakers_in(by_group.get(&Some(*id))) > 0)
        .count();
    let absent: Vec<String> = groups
        .iter()
        .filter(|(id, _)| speakers_in(by_group.get(&Some(*id))) == 0)
        .map(|(_, n)| n.clone())
        .collect();
    balance.criteria.push(Criterion {
        name: "stakeholder groups",
        points: Some(40.0 * present as f64 / groups.len().max(1) as f64),
        max: 40.0,
        note: format!(
            "speakers from {present} of the {} stakeholder groups",
            groups.len()
        ),
    });
    for name in &absent {
        balance.advice.push(format!("Add a {name} speaker."));
    }
}

/// Regions: the share of the five UN regional groups on the panel.
fn score_regions(
    balance: &mut Balance,
    refs: &ReferenceData,
    by_region: &BTreeMap<Option<i64>, Tally>,
) {
    let regions: Vec<(i64, String)> = UN_REGIONS
        .iter()
        .filter_map(|c| refs.regions.iter().find(|r| r.code == *c))
        .map(|r| (r.id, r.name.clone()))
        .collect();
    let (here, away): (Vec<_>, Vec<_>) = regions
        .iter()
        .partition(|(id, _)| speakers_in(by_region.get(&Some(*id))) > 0);
    balance.criteria.push(Criterion {
        name: "regions",
        points: Some(40.0 * here.len() as f64 / regions.len().max(1) as f64),
        max: 40.0,
        note: format!(
            "speakers from {} of the {} UN regional groups",
            here.len(),
            regions.len()
        ),
    });
    if !away.is_empty() {
        let here: Vec<String> = here.iter().map(|(_, n)| n.clone()).collect();
        let away: Vec<String> = away.iter().map(|(_, n)| n.clone()).collect();
        balance.advice.push(if here.is_empty() {
            format!(
                "No speaker has a declared region; add speakers from {}.",
                list(&away)
            )
        } else {
            format!(
                "All speakers come from {} ({}); add speakers from {}.",
                if here.len() == 1 {
                    "one region".to_owned()
                } else {
                    format!("{} regions", here.len())
                },
                list(&here),
                list(&away)
            )
        });
    }
}

/// Gender: how far the panel is from one declared gender only.
fn score_gender(balance: &mut Balance) {
    let declared: Vec<i64> = balance
        .by_gender
        .iter()
        .filter(|(g, _)| g.is_some())
        .map(|(_, t)| t.speakers)
        .filter(|n| *n > 0)
        .collect();
    let declared_total: i64 = declared.iter().sum();
    let criterion = if declared_total == 0 {
        balance
            .advice
            .push("No speaker has declared a gender, so gender balance cannot be assessed.".into());
        Criterion {
            name: "gender",
            points: None,
            max: 20.0,
            note: "no speaker has declared a gender".into(),
        }
    } else {
        let largest = *declared.iter().max().unwrap_or(&0) as f64 / declared_total as f64;
        let points = 20.0 * ((1.0 - largest) / 0.5).min(1.0);
        if largest > 0.7 {
            balance.advice.push(format!(
                "{:.0} % of the speakers who declared a gender declared the same one.",
                largest * 100.0
            ));
        }
        Criterion {
            name: "gender",
            points: Some(points),
            max: 20.0,
            note: format!(
                "{declared_total} of {} speakers declared a gender",
                balance.total.speakers
            ),
        }
    };
    balance.criteria.push(criterion);
}
