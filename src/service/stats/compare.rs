//! `compareStances`: two groups' stance distributions on one topic, side
//! by side, from two counts by stance.

use entity::{stance, topic};
use sea_orm::ConnectionTrait;

use super::{Dimension, Stats, StatsCache, cached_position_stats, normalized_entropy};
use crate::{
    error::{AppError, AppResult},
    service::{position::PositionFilterSpec, reference::ReferenceData},
};

/// One group of a stance comparison: how many published positions it has
/// on the topic, how divided it is, and the stance most of it takes.
#[derive(Debug, Clone)]
pub struct StanceProfile {
    pub total: i64,
    pub division: Option<f64>,
    /// The first in taxonomy order on a tie; none without positions.
    pub leading: Option<stance::Model>,
}

/// One stance of a comparison, with both groups' counts and shares.
#[derive(Debug, Clone)]
pub struct StanceDifference {
    pub stance: stance::Model,
    pub count_a: i64,
    pub count_b: i64,
    pub share_a: f64,
    pub share_b: f64,
}

/// Two groups' stances on a topic side by side (`compareStances`).
#[derive(Debug, Clone)]
pub struct StanceComparison {
    pub topic: topic::Model,
    pub a: StanceProfile,
    pub b: StanceProfile,
    /// Every stance of the topic, in taxonomy order.
    pub stances: Vec<StanceDifference>,
}

/// Compare the stances on topic `topic` (a code) of the published
/// positions that `a` and `b` select. The topic is given once: a filter
/// naming another is refused, with the field `a.topic` or `b.topic`.
pub async fn compare_stances(
    db: &impl ConnectionTrait,
    cache: &StatsCache,
    refs: &ReferenceData,
    topic: &str,
    a: PositionFilterSpec,
    b: PositionFilterSpec,
) -> AppResult<StanceComparison> {
    let topic = refs.topic_by_code(topic)?.clone();
    let mut counts = Vec::with_capacity(2);
    for (name, side) in [("a", a), ("b", b)] {
        if side.topic.as_deref().is_some_and(|t| t != topic.code) {
            return Err(AppError::invalid(
                format!("{name}.topic"),
                "give the topic once, as `topic`, not inside the filters",
            ));
        }
        let mut filter = side.resolve(db, refs).await?;
        filter.topic_id = Some(topic.id);
        counts.push(cached_position_stats(db, cache, &filter, &[Dimension::Stance]).await?);
    }
    let stances: Vec<_> = refs.stances_of(topic.id).cloned().collect();
    let count_of = |s: &Stats, id: i64| {
        s.buckets
            .iter()
            .find(|b| b.key.stance_id == Some(id))
            .map_or(0, |b| b.count)
    };
    let profile = |s: &Stats| {
        let per: Vec<i64> = stances.iter().map(|st| count_of(s, st.id)).collect();
        let leading = per
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .max_by(|(i, x), (j, y)| x.cmp(y).then(j.cmp(i)))
            .map(|(i, _)| stances[i].clone());
        StanceProfile {
            total: s.total,
            division: normalized_entropy(&per, stances.len()),
            leading,
        }
    };
    let share = |n: i64, total: i64| {
        if total == 0 {
            0.0
        } else {
            n as f64 / total as f64
        }
    };
    let (sa, sb) = (&counts[0], &counts[1]);
    Ok(StanceComparison {
        a: profile(sa),
        b: profile(sb),
        stances: stances
            .iter()
            .map(|st| {
                let (count_a, count_b) = (count_of(sa, st.id), count_of(sb, st.id));
                StanceDifference {
                    stance: st.clone(),
                    count_a,
                    count_b,
                    share_a: share(count_a, sa.total),
                    share_b: share(count_b, sb.total),
                }
            })
            .collect(),
        topic,
    })
}
