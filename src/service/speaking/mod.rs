//! Speaking time: interventions in transcripts, their words and seconds,
//! by any mix of up to four dimensions, with each bucket's share of the
//! total and within its group.
//!
//! The everyday dimensions (event, year, stakeholder group, region,
//! participation mode, role, floor or panel) are read from the counts the
//! database keeps on every write (`intervention_count`), so the answer
//! costs the same whatever the number of interventions; a session or a
//! session kind is counted with a `GROUP BY` over the interventions of the
//! session index. Shares are of seconds, measured and estimated added
//! together; every answer says how many of its seconds were estimated.

use std::collections::HashMap;

use entity::{event, intervention, person, position::ParticipationMode, session_role::RoleKind};
use sea_orm::{
    ActiveEnum, ConnectionTrait,
    sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Query, SelectStatement},
};

mod filter;

pub use filter::{SpeakingFilter, SpeakingFilterSpec, event_id, restrict, topic_keywords};

use crate::error::{AppError, AppResult};

/// What speaking time can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Event,
    Year,
    Session,
    StakeholderGroup,
    Region,
    ParticipationMode,
    Role,
    Floor,
    /// The speaker's self-declared gender (restricted: see [`GenderView`]).
    Gender,
}

/// How declared genders may be shown: in full (admins), or only where at
/// least `min_people` people declared the same gender, the rest counted
/// under none (everyone else), as panel balance shows them.
#[derive(Debug, Clone, Copy)]
pub struct GenderView {
    pub full: bool,
    pub min_people: usize,
}

/// Interventions, words and seconds, and how many of the seconds were
/// estimated from words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub interventions: i64,
    pub words: i64,
    pub seconds: i64,
    pub estimated_seconds: i64,
}

impl std::ops::AddAssign for Totals {
    fn add_assign(&mut self, o: Self) {
        self.interventions += o.interventions;
        self.words += o.words;
        self.seconds += o.seconds;
        self.estimated_seconds += o.estimated_seconds;
    }
}

/// One bucket's key: the value of each grouped dimension (`None` both for
/// a dimension not grouped by and for an intervention with no value there,
/// such as an unmatched speaker's region).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Key {
    pub event_id: Option<i64>,
    pub year: Option<i32>,
    pub session_id: Option<i64>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub participation: Option<ParticipationMode>,
    pub role: Option<RoleKind>,
    pub floor: Option<bool>,
    /// Trimmed, in lower case.
    pub gender: Option<String>,
}

impl Key {
    /// The key without `dim`: the bucket's group.
    fn without(&self, dim: Dimension) -> Key {
        let mut k = self.clone();
        match dim {
            Dimension::Event => k.event_id = None,
            Dimension::Year => k.year = None,
            Dimension::Session => k.session_id = None,
            Dimension::StakeholderGroup => k.stakeholder_group_id = None,
            Dimension::Region => k.region_id = None,
            Dimension::ParticipationMode => k.participation = None,
            Dimension::Role => k.role = None,
            Dimension::Floor => k.floor = None,
            Dimension::Gender => k.gender = None,
        }
        k
    }
}

#[derive(Debug, Clone)]
pub struct Bucket {
    pub key: Key,
    pub totals: Totals,
    /// Seconds over all the seconds counted.
    pub share_of_total: f64,
    /// Seconds over those of the buckets that share this one's values in
    /// every grouped dimension but the last one asked for.
    pub share_within_group: f64,
}

#[derive(Debug, Clone)]
pub struct SpeakingTime {
    pub group_by: Vec<Dimension>,
    pub total: Totals,
    pub buckets: Vec<Bucket>,
    /// With `GENDER` grouped: the distinct people who spoke in each bucket.
    people: HashMap<Key, i64>,
}

/// Most buckets one answer may hold.
pub const MAX_BUCKETS: usize = 10_000;

/// Whether the maintained counts can answer: they are kept by event,
/// group, region, participation, role and floor (year from the event).
fn counts_answer(filter: &SpeakingFilter, dims: &[Dimension]) -> bool {
    filter.session_id.is_none()
        && filter.session_kind.is_none()
        && !dims.contains(&Dimension::Session)
        && !dims.contains(&Dimension::Gender)
        && filter.mentions.is_none()
}

const COUNTS: &str = "intervention_count";

fn alias(i: usize) -> Alias {
    Alias::new(format!("d{i}"))
}

/// The sums every query selects, as `n`, `w`, `s`, `es`.
fn sums(q: &mut SelectStatement, n: Expr, w: Expr, s: Expr, es: Expr) {
    for (e, name) in [(n, "n"), (w, "w"), (s, "s"), (es, "es")] {
        q.expr_as(Func::cast_as(Func::sum(e), "BIGINT"), Alias::new(name));
    }
}

/// `SELECT d0.., SUM(..) FROM intervention_count [JOIN event] WHERE ..`.
fn counts_query(filter: &SpeakingFilter, dims: &[Dimension]) -> SelectStatement {
    let counts = Alias::new(COUNTS);
    let col = |c: &str| Expr::col((counts.clone(), Alias::new(c)));
    let none = |c: &str, none: &str| Expr::cust(format!("NULLIF({COUNTS}.{c}, {none})"));
    let mut q = Query::select();
    q.from(counts.clone()).and_where(col("n").gt(0));
    if dims.contains(&Dimension::Year) || filter.year.is_some() {
        q.join(
            JoinType::LeftJoin,
            event::Entity,
            Expr::col((event::Entity, event::Column::Id)).equals((counts.clone(), "event_id")),
        );
    }
    if let Some(id) = filter.event_id {
        q.and_where(col("event_id").eq(id));
    }
    if let Some(y) = filter.year {
        q.and_where(Expr::col((event::Entity, event::Column::Year)).eq(y));
    }
    if let Some(id) = filter.stakeholder_group_id {
        q.and_where(col("stakeholder_group_id").eq(id));
    }
    if let Some(id) = filter.region_id {
        q.and_where(col("region_id").eq(id));
    }
    if let Some(m) = filter.participation {
        q.and_where(col("participation").eq(m.to_value()));
    }
    if let Some(r) = filter.role {
        q.and_where(col("role").eq(r.to_value()));
    }
    if let Some(f) = filter.floor {
        q.and_where(col("is_floor").eq(f));
    }
    for (i, d) in dims.iter().enumerate() {
        let e = match d {
            Dimension::Event => none("event_id", "0"),
            Dimension::Year => Expr::col((event::Entity, event::Column::Year)).cast_as("BIGINT"),
            Dimension::StakeholderGroup => none("stakeholder_group_id", "0"),
            Dimension::Region => none("region_id", "0"),
            Dimension::ParticipationMode => none("participation", "''"),
            Dimension::Role => none("role", "''"),
            Dimension::Floor => {
                Expr::cust(format!("CASE WHEN {COUNTS}.is_floor THEN 1 ELSE 0 END"))
            }
            Dimension::Session | Dimension::Gender => unreachable!("not counted"),
        };
        q.expr_as(e.clone(), alias(i));
        q.add_group_by([e]);
    }
    sums(
        &mut q,
        col("n"),
        col("words"),
        col("seconds"),
        col("estimated_seconds"),
    );
    q
}

/// The same answer from the interventions themselves: `SELECT d0..,
/// SUM(..) FROM intervention JOIN session JOIN event WHERE in_transcript
/// AND ..`.
fn scan_query(filter: &SpeakingFilter, dims: &[Dimension]) -> SelectStatement {
    let i = |c: intervention::Column| Expr::col((intervention::Entity, c));
    let mut q = Query::select();
    q.from(intervention::Entity);
    restrict(&mut q, filter);
    if dims.contains(&Dimension::Gender) {
        q.join(
            JoinType::LeftJoin,
            person::Entity,
            Expr::col((person::Entity, person::Column::Id))
                .equals((intervention::Entity, intervention::Column::PersonId)),
        );
    }
    for (n, d) in dims.iter().enumerate() {
        let e = match d {
            Dimension::Event => i(intervention::Column::EventId),
            Dimension::Year => Expr::col((event::Entity, event::Column::Year)).cast_as("BIGINT"),
            Dimension::Session => i(intervention::Column::SessionId),
            Dimension::StakeholderGroup => i(intervention::Column::StakeholderGroupId),
            Dimension::Region => i(intervention::Column::RegionId),
            Dimension::ParticipationMode => i(intervention::Column::Participation),
            Dimension::Role => i(intervention::Column::Role),
            Dimension::Floor => Expr::cust("CASE WHEN intervention.is_floor THEN 1 ELSE 0 END"),
            Dimension::Gender => gender_expr(),
        };
        q.expr_as(e.clone(), alias(n));
        q.add_group_by([e]);
    }
    let estimated =
        Expr::cust("CASE WHEN intervention.seconds_estimated THEN intervention.seconds ELSE 0 END");
    sums(
        &mut q,
        Expr::val(1),
        i(intervention::Column::Words),
        i(intervention::Column::Seconds),
        estimated,
    );
    q
}

/// A declared gender as counted: trimmed, lower case, none when empty.
fn gender_expr() -> Expr {
    Expr::cust("NULLIF(LOWER(TRIM(person.gender)), '')")
}

/// Speaking time of the interventions `filter` selects, grouped by `dims`,
/// genders shown as `genders` allows: for those who may not read them, a
/// bucket shows its gender only when at least `min_people` distinct people
/// of that gender spoke in it; the others are counted under none, with the
/// rest of their group.
pub async fn speaking_time_seen(
    db: &impl ConnectionTrait,
    filter: &SpeakingFilter,
    dims: &[Dimension],
    genders: GenderView,
) -> AppResult<SpeakingTime> {
    let answer = speaking_time(db, filter, dims).await?;
    if genders.full || !dims.contains(&Dimension::Gender) {
        return Ok(answer);
    }
    let mut merged: Vec<(Key, Totals)> = Vec::new();
    for b in answer.buckets {
        let mut key = b.key;
        let people = answer.people.get(&key).copied().unwrap_or(0);
        if key.gender.is_some() && (people as usize) < genders.min_people {
            key.gender = None;
        }
        match merged.iter_mut().find(|(k, _)| *k == key) {
            Some((_, t)) => *t += b.totals,
            None => merged.push((key, b.totals)),
        }
    }
    Ok(shares(dims, merged))
}

/// Speaking time of the interventions `filter` selects, grouped by `dims`,
/// genders in full.
pub async fn speaking_time(
    db: &impl ConnectionTrait,
    filter: &SpeakingFilter,
    dims: &[Dimension],
) -> AppResult<SpeakingTime> {
    super::stats::check_dimensions(dims)?;
    let mut q = if counts_answer(filter, dims) {
        counts_query(filter, dims)
    } else {
        scan_query(filter, dims)
    };
    // One row over the limit is enough to refuse.
    q.limit(MAX_BUCKETS as u64 + 1);
    if dims.contains(&Dimension::Gender) {
        q.expr_as(
            Expr::cust("COUNT(DISTINCT intervention.person_id)"),
            Alias::new("people"),
        );
    }
    let mut rows = Vec::new();
    for row in db.query_all(&q).await? {
        let mut key = Key::default();
        for (i, d) in dims.iter().enumerate() {
            let name = format!("d{i}");
            let int = || row.try_get::<Option<i64>>("", &name);
            let text = || row.try_get::<Option<String>>("", &name);
            match d {
                Dimension::Event => key.event_id = int()?,
                Dimension::Year => key.year = int()?.map(|y| y as i32),
                Dimension::Session => key.session_id = int()?,
                Dimension::StakeholderGroup => key.stakeholder_group_id = int()?,
                Dimension::Region => key.region_id = int()?,
                Dimension::ParticipationMode => {
                    key.participation =
                        text()?.and_then(|t| ParticipationMode::try_from_value(&t).ok())
                }
                Dimension::Role => {
                    key.role = text()?.and_then(|t| RoleKind::try_from_value(&t).ok())
                }
                Dimension::Floor => {
                    key.floor = row.try_get::<Option<i32>>("", &name)?.map(|f| f == 1)
                }
                Dimension::Gender => key.gender = text()?,
            }
        }
        let totals = Totals {
            interventions: row.try_get::<Option<i64>>("", "n")?.unwrap_or(0),
            words: row.try_get::<Option<i64>>("", "w")?.unwrap_or(0),
            seconds: row.try_get::<Option<i64>>("", "s")?.unwrap_or(0),
            estimated_seconds: row.try_get::<Option<i64>>("", "es")?.unwrap_or(0),
        };
        if totals.interventions > 0 {
            let people = if dims.contains(&Dimension::Gender) {
                row.try_get::<Option<i64>>("", "people")?.unwrap_or(0)
            } else {
                0
            };
            rows.push((key, totals, people));
        }
        if rows.len() > MAX_BUCKETS {
            return Err(AppError::invalid(
                "groupBy",
                format!(
                    "the answer would hold more than {MAX_BUCKETS} buckets; filter further or group by fewer dimensions"
                ),
            ));
        }
    }
    let people = rows.iter().map(|(k, _, p)| (k.clone(), *p)).collect();
    let mut answer = shares(dims, rows.into_iter().map(|(k, t, _)| (k, t)).collect());
    answer.people = people;
    Ok(answer)
}

/// Buckets with their shares, in a stable order.
fn shares(dims: &[Dimension], mut rows: Vec<(Key, Totals)>) -> SpeakingTime {
    let mut total = Totals::default();
    for (_, t) in &rows {
        total += *t;
    }
    let mut groups: HashMap<Key, i64> = HashMap::new();
    if let Some(last) = dims.last() {
        for (k, t) in &rows {
            *groups.entry(k.without(*last)).or_default() += t.seconds;
        }
    }
    rows.sort_by_key(|(k, _)| format!("{k:?}"));
    let ratio = |a: i64, b: i64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let buckets = rows
        .into_iter()
        .map(|(key, totals)| {
            let group = match dims.last() {
                Some(last) => groups[&key.without(*last)],
                None => total.seconds,
            };
            Bucket {
                share_of_total: ratio(totals.seconds, total.seconds),
                share_within_group: ratio(totals.seconds, group),
                key,
                totals,
            }
        })
        .collect();
    SpeakingTime {
        group_by: dims.to_vec(),
        total,
        buckets,
        people: HashMap::new(),
    }
}

/// The speaking time of one session's (or one event's) speakers, by the
/// stakeholder group and by the region of each one's role, as a panel's
/// balance counts their seats; and the panel's and the floor's.
#[derive(Debug, Clone, Default)]
pub struct PanelTime {
    pub by_group: Vec<(Option<i64>, Totals)>,
    pub by_region: Vec<(Option<i64>, Totals)>,
    /// The speaker roles' time: what `by_group` and `by_region` divide.
    pub speakers: Totals,
    /// Everyone but the floor, matched or not (moderators too).
    pub panel: Totals,
    pub floor: Totals,
}

/// [`PanelTime`] of session `session_id`, or of every session of event
/// `event_id`; three reads of the kept counts (one scan of the session's
/// interventions each for a session).
pub async fn panel_time(
    db: &impl ConnectionTrait,
    session_id: Option<i64>,
    event_id: Option<i64>,
) -> AppResult<PanelTime> {
    let base = SpeakingFilter {
        session_id,
        event_id,
        ..Default::default()
    };
    let speakers = SpeakingFilter {
        role: Some(RoleKind::Speaker),
        ..base.clone()
    };
    let groups = speaking_time(db, &speakers, &[Dimension::StakeholderGroup]).await?;
    let regions = speaking_time(db, &speakers, &[Dimension::Region]).await?;
    let split = speaking_time(db, &base, &[Dimension::Floor]).await?;
    let side = |floor: bool| {
        split
            .buckets
            .iter()
            .find(|b| b.key.floor == Some(floor))
            .map(|b| b.totals)
            .unwrap_or_default()
    };
    Ok(PanelTime {
        by_group: groups
            .buckets
            .iter()
            .map(|b| (b.key.stakeholder_group_id, b.totals))
            .collect(),
        by_region: regions
            .buckets
            .iter()
            .map(|b| (b.key.region_id, b.totals))
            .collect(),
        speakers: groups.total,
        panel: side(false),
        floor: side(true),
    })
}
