//! Aggregates over published positions: counts by any mix of dimensions,
//! shares, and the comparison of two groups' stance distributions.
//!
//! Counting happens in the database (`GROUP BY`); Rust only turns the
//! buckets, which are few, into shares.

use std::{
    collections::HashMap,
    num::NonZeroUsize,
    sync::{Arc, Mutex},
};

use entity::{
    event,
    position::{self, ParticipationMode},
    session,
};
use sea_orm::{
    ConnectionTrait, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Query, SelectStatement},
};

mod compare;

pub use compare::{StanceComparison, StanceDifference, StanceProfile, compare_stances};

use super::position::{PositionFilter, published};
use crate::error::{AppError, AppResult};

/// What positions can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Stance,
    StakeholderGroup,
    Region,
    Event,
    Session,
    ParticipationMode,
    Year,
}

/// Most dimensions one request may group by.
pub const MAX_DIMENSIONS: usize = 4;
/// Most buckets one answer may hold; narrower filters get under it.
pub const MAX_BUCKETS: usize = 10_000;

/// One bucket's key: the value of each grouped dimension (`None` both for
/// a dimension not grouped by and for a position that has no value there,
/// such as an undeclared region).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Key {
    pub stance_id: Option<i64>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub event_id: Option<i64>,
    pub session_id: Option<i64>,
    pub participation_mode: Option<ParticipationMode>,
    pub year: Option<i32>,
}

impl Key {
    /// The key with one dimension left out: the bucket's "group".
    fn without(&self, dim: Dimension) -> Key {
        let mut k = self.clone();
        match dim {
            Dimension::Stance => k.stance_id = None,
            Dimension::StakeholderGroup => k.stakeholder_group_id = None,
            Dimension::Region => k.region_id = None,
            Dimension::Event => k.event_id = None,
            Dimension::Session => k.session_id = None,
            Dimension::ParticipationMode => k.participation_mode = None,
            Dimension::Year => k.year = None,
        }
        k
    }

    /// Sort order: each dimension in the order asked, missing values last.
    fn sort_tuple(&self, dims: &[Dimension]) -> Vec<(bool, i64)> {
        dims.iter()
            .map(|d| {
                let v = match d {
                    Dimension::Stance => self.stance_id,
                    Dimension::StakeholderGroup => self.stakeholder_group_id,
                    Dimension::Region => self.region_id,
                    Dimension::Event => self.event_id,
                    Dimension::Session => self.session_id,
                    Dimension::ParticipationMode => self.participation_mode.map(|m| match m {
                        ParticipationMode::Onsite => 0,
                        ParticipationMode::Online => 1,
                    }),
                    Dimension::Year => self.year.map(i64::from),
                };
                (v.is_none(), v.unwrap_or_default())
            })
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Bucket {
    pub key: Key,
    pub count: i64,
    /// `count` over all matching positions.
    pub share_of_total: f64,
    /// `count` over the positions that share this bucket's values in every
    /// grouped dimension but the last one asked for.
    pub share_within_group: f64,
}

#[derive(Debug, Clone)]
pub struct Stats {
    pub group_by: Vec<Dimension>,
    pub total: i64,
    pub buckets: Vec<Bucket>,
}

/// Refuse repeated dimensions and too many of them.
pub fn check_dimensions<D: PartialEq + std::fmt::Debug>(dims: &[D]) -> AppResult<()> {
    if dims.len() > MAX_DIMENSIONS {
        return Err(AppError::invalid(
            "groupBy",
            format!("group by at most {MAX_DIMENSIONS} dimensions"),
        ));
    }
    for (i, d) in dims.iter().enumerate() {
        if dims[..i].contains(d) {
            return Err(AppError::invalid(
                "groupBy",
                format!("{d:?} is given twice; give each dimension once"),
            ));
        }
    }
    Ok(())
}

const COUNT: &str = "n";

fn dim_alias(i: usize) -> Alias {
    Alias::new(format!("d{i}"))
}

/// The expression a dimension groups by, over `position` joined to its
/// session and event.
fn dim_expr(dim: Dimension) -> Expr {
    match dim {
        Dimension::Stance => Expr::col((position::Entity, position::Column::StanceId)),
        Dimension::StakeholderGroup => {
            Expr::col((position::Entity, position::Column::StakeholderGroupId))
        }
        Dimension::Region => Expr::col((position::Entity, position::Column::RegionId)),
        Dimension::Event => Expr::col((session::Entity, session::Column::EventId)),
        Dimension::Session => Expr::col((position::Entity, position::Column::SessionId)),
        Dimension::ParticipationMode => {
            Expr::col((position::Entity, position::Column::ParticipationMode))
        }
        Dimension::Year => Expr::col((event::Entity, event::Column::Year)).cast_as("BIGINT"),
    }
}

/// `SELECT d0.., COUNT(*) FROM position [JOIN session, event] WHERE filter
/// AND published GROUP BY d0..`.
fn group_by_query(filter: &PositionFilter, dims: &[Dimension]) -> SelectStatement {
    let mut q = super::position::select(filter, published()).into_query();
    q.clear_selects();
    let needs_session = dims
        .iter()
        .any(|d| matches!(d, Dimension::Event | Dimension::Year));
    if needs_session {
        q.join(
            JoinType::LeftJoin,
            session::Entity,
            Expr::col((session::Entity, session::Column::Id))
                .equals((position::Entity, position::Column::SessionId)),
        );
    }
    if dims.contains(&Dimension::Year) {
        q.join(
            JoinType::LeftJoin,
            event::Entity,
            Expr::col((event::Entity, event::Column::Id))
                .equals((session::Entity, session::Column::EventId)),
        );
    }
    for (i, d) in dims.iter().enumerate() {
        q.expr_as(dim_expr(*d), dim_alias(i));
        q.add_group_by([dim_expr(*d)]);
    }
    q.expr_as(
        Func::cast_as(Func::count(Expr::cust("*")), "BIGINT"),
        Alias::new(COUNT),
    );
    q
}

fn mode_of(text: Option<String>) -> Option<ParticipationMode> {
    match text.as_deref() {
        Some("onsite") => Some(ParticipationMode::Onsite),
        Some("online") => Some(ParticipationMode::Online),
        _ => None,
    }
}

/// Whether the maintained counts can answer: they are kept by topic,
/// stance, stakeholder group, region, event and participation mode (year
/// comes from the event), not by session.
fn counts_answer(filter: &PositionFilter, dims: &[Dimension]) -> bool {
    filter.session_id.is_none() && !dims.contains(&Dimension::Session)
}

const COUNTS: &str = "position_count";

/// A counter column, with the stored "none" (0 or '') read back as NULL.
fn count_col(col: &str, none: &str) -> Expr {
    Expr::cust(format!("NULLIF({COUNTS}.{col}, {none})"))
}

/// `SELECT d0.., SUM(n) FROM position_count [JOIN event] WHERE filter GROUP
/// BY d0..`: the same answer as [`group_by_query`] from a few thousand
/// counter rows, whatever the number of positions.
fn counts_query(filter: &PositionFilter, dims: &[Dimension]) -> SelectStatement {
    let counts = Alias::new(COUNTS);
    let col = |c: &str| Expr::col((counts.clone(), Alias::new(c)));
    let mut q = Query::select();
    q.from(counts.clone()).and_where(col("n").gt(0));
    let needs_event =
        dims.contains(&Dimension::Year) || filter.year_from.is_some() || filter.year_to.is_some();
    if needs_event {
        q.join(
            JoinType::LeftJoin,
            event::Entity,
            Expr::col((event::Entity, event::Column::Id))
                .equals((counts.clone(), Alias::new("event_id"))),
        );
    }
    if let Some(id) = filter.topic_id {
        q.and_where(col("topic_id").eq(id));
    }
    if let Some(ids) = &filter.stance_ids {
        q.and_where(col("stance_id").is_in(ids.iter().copied()));
    }
    if let Some(id) = filter.event_id {
        q.and_where(col("event_id").eq(id));
    }
    if let Some(id) = filter.stakeholder_group_id {
        q.and_where(col("stakeholder_group_id").eq(id));
    }
    if let Some(id) = filter.region_id {
        q.and_where(col("region_id").eq(id));
    }
    if let Some(mode) = filter.participation_mode {
        q.and_where(col("participation_mode").eq(mode_text(mode)));
    }
    if let Some(y) = filter.year_from {
        q.and_where(Expr::col((event::Entity, event::Column::Year)).gte(y));
    }
    if let Some(y) = filter.year_to {
        q.and_where(Expr::col((event::Entity, event::Column::Year)).lte(y));
    }
    for (i, d) in dims.iter().enumerate() {
        let e = match d {
            Dimension::Stance => col("stance_id"),
            Dimension::StakeholderGroup => count_col("stakeholder_group_id", "0"),
            Dimension::Region => count_col("region_id", "0"),
            Dimension::Event => count_col("event_id", "0"),
            Dimension::ParticipationMode => count_col("participation_mode", "''"),
            Dimension::Year => Expr::col((event::Entity, event::Column::Year)).cast_as("BIGINT"),
            Dimension::Session => unreachable!("sessions are not counted"),
        };
        q.expr_as(e.clone(), dim_alias(i));
        q.add_group_by([e]);
    }
    q.expr_as(
        Func::cast_as(Func::sum(col("n")), "BIGINT"),
        Alias::new(COUNT),
    );
    q
}

fn mode_text(mode: ParticipationMode) -> &'static str {
    match mode {
        ParticipationMode::Onsite => "onsite",
        ParticipationMode::Online => "online",
    }
}

/// Answers already computed, each under the `stats_generation` it was
/// computed at: any change to the counts grows the generation, so an entry
/// is used only while nothing it counted has changed, on any instance.
pub struct StatsCache(Mutex<lru::LruCache<String, (i64, Arc<Stats>)>>);

impl Default for StatsCache {
    fn default() -> Self {
        Self(Mutex::new(lru::LruCache::new(
            NonZeroUsize::new(1024).expect("non-zero"),
        )))
    }
}

async fn generation(db: &impl ConnectionTrait) -> AppResult<i64> {
    let q = Query::select()
        .column(Alias::new("n"))
        .from(Alias::new("stats_generation"))
        .and_where(Expr::col(Alias::new("id")).eq(1))
        .to_owned();
    let row = db.query_one(&q).await?;
    Ok(match row {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    })
}

/// [`position_stats`] through `cache`: one single-row read when the answer
/// is known.
pub async fn cached_position_stats(
    db: &impl ConnectionTrait,
    cache: &StatsCache,
    filter: &PositionFilter,
    dims: &[Dimension],
) -> AppResult<Arc<Stats>> {
    check_dimensions(dims)?;
    let key = format!("{filter:?}{dims:?}");
    let now = generation(db).await?;
    if let Some((at, stats)) = cache.0.lock().expect("stats cache lock").get(&key)
        && *at == now
    {
        return Ok(stats.clone());
    }
    let stats = Arc::new(position_stats(db, filter, dims).await?);
    cache
        .0
        .lock()
        .expect("stats cache lock")
        .put(key, (now, stats.clone()));
    Ok(stats)
}

/// Count published positions matching `filter`, grouped by `dims`: from
/// the maintained counts when they can answer, else by `GROUP BY` over the
/// positions.
pub async fn position_stats(
    db: &impl ConnectionTrait,
    filter: &PositionFilter,
    dims: &[Dimension],
) -> AppResult<Stats> {
    check_dimensions(dims)?;
    let q = if counts_answer(filter, dims) {
        counts_query(filter, dims)
    } else {
        group_by_query(filter, dims)
    };
    scan(db, &q, dims).await
}

/// [`position_stats`] by `GROUP BY` over the positions, whatever the
/// filter: what the maintained counts must always agree with.
pub async fn position_stats_by_scan(
    db: &impl ConnectionTrait,
    filter: &PositionFilter,
    dims: &[Dimension],
) -> AppResult<Stats> {
    check_dimensions(dims)?;
    scan(db, &group_by_query(filter, dims), dims).await
}

async fn scan(
    db: &impl ConnectionTrait,
    q: &SelectStatement,
    dims: &[Dimension],
) -> AppResult<Stats> {
    let rows = db.query_all(q).await?;
    if rows.len() > MAX_BUCKETS {
        return Err(AppError::bad_input(format!(
            "this would return {} buckets, more than {MAX_BUCKETS}; narrow the filter or group by fewer dimensions",
            rows.len()
        )));
    }
    let mut raw = Vec::with_capacity(rows.len());
    for row in rows {
        let mut key = Key::default();
        for (i, d) in dims.iter().enumerate() {
            let col = format!("d{i}");
            match d {
                Dimension::Stance => key.stance_id = row.try_get("", &col)?,
                Dimension::StakeholderGroup => key.stakeholder_group_id = row.try_get("", &col)?,
                Dimension::Region => key.region_id = row.try_get("", &col)?,
                Dimension::Event => key.event_id = row.try_get("", &col)?,
                Dimension::Session => key.session_id = row.try_get("", &col)?,
                Dimension::ParticipationMode => {
                    key.participation_mode = mode_of(row.try_get("", &col)?)
                }
                Dimension::Year => {
                    key.year = row
                        .try_get::<Option<i64>>("", &col)?
                        .and_then(|y| i32::try_from(y).ok())
                }
            }
        }
        // `SUM` over no rows is NULL: with no dimension, an empty match is
        // one row that counts nothing.
        let count: i64 = row.try_get::<Option<i64>>("", COUNT)?.unwrap_or(0);
        raw.push((key, count));
    }
    Ok(shares(dims, raw))
}

/// Turn counted keys into buckets with their shares, in key order.
pub fn shares(dims: &[Dimension], mut raw: Vec<(Key, i64)>) -> Stats {
    raw.retain(|(_, n)| *n > 0);
    let total: i64 = raw.iter().map(|(_, n)| n).sum();
    let last = dims.last().copied();
    let mut group_totals: HashMap<Key, i64> = HashMap::new();
    if let Some(last) = last {
        for (k, n) in &raw {
            *group_totals.entry(k.without(last)).or_default() += n;
        }
    }
    let ratio = |n: i64, of: i64| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let mut buckets: Vec<Bucket> = raw
        .into_iter()
        .map(|(key, count)| {
            let group = match last {
                Some(last) => group_totals[&key.without(last)],
                None => total,
            };
            Bucket {
                share_of_total: ratio(count, total),
                share_within_group: ratio(count, group),
                key,
                count,
            }
        })
        .collect();
    buckets.sort_by_cached_key(|b| b.key.sort_tuple(dims));
    Stats {
        group_by: dims.to_vec(),
        total,
        buckets,
    }
}

/// How divided a distribution is: the entropy of its shares over the
/// `categories` possible values, divided by the most it could be. 0 when
/// everyone agrees, 1 when every value is equally common; `None` when
/// nothing was counted.
pub fn normalized_entropy(counts: &[i64], categories: usize) -> Option<f64> {
    let total: i64 = counts.iter().sum();
    if total == 0 {
        return None;
    }
    if categories < 2 {
        return Some(0.0);
    }
    let h: f64 = counts
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| {
            let p = n as f64 / total as f64;
            -p * p.ln()
        })
        .sum();
    Some((h / (categories as f64).ln()).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_is_zero_for_agreement_and_one_for_an_even_split() {
        assert_eq!(normalized_entropy(&[5, 0, 0], 3), Some(0.0));
        let even = normalized_entropy(&[2, 2, 2], 3).unwrap();
        assert!((even - 1.0).abs() < 1e-12);
        assert_eq!(normalized_entropy(&[], 3), None);
    }
}
