//! `PositionStats`, `StatsDimension` and the buckets of `positionStats`, over
//! what `service::stats` counted.

use async_graphql::{Context, Description, Enum, Object};

use super::{
    Event, ParticipationMode, Region, Session, StakeholderGroup, Stance, Topic, loaders, reference,
};
use crate::{
    error::AppResult,
    graphql::loaders::{EventId, SessionId},
    service::stats,
};

/// What `positionStats` can count positions by.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Hash, Debug)]
#[graphql(remote = "crate::service::stats::Dimension")]
pub enum StatsDimension {
    /// The stance taken.
    Stance,
    /// The stakeholder group declared with the position.
    StakeholderGroup,
    /// The UN regional group declared with the position.
    Region,
    /// The event of the position's session.
    Event,
    /// The position's session.
    Session,
    /// Onsite or online.
    ParticipationMode,
    /// The year of the position's event.
    Year,
}

/// Published positions counted by the dimensions asked for.
#[derive(Description)]
pub struct PositionStats(pub std::sync::Arc<stats::Stats>);

#[Object(use_type_description)]
impl PositionStats {
    /// The dimensions counted by, in the order given.
    async fn group_by(&self) -> Vec<StatsDimension> {
        self.0.group_by.iter().map(|&d| d.into()).collect()
    }
    /// Published positions matching the filter; each counts once.
    async fn total(&self) -> i64 {
        self.0.total
    }
    /// One bucket per combination of values that occurs, ordered by the
    /// dimensions in the order given (missing values last). Combinations
    /// with no position are left out.
    async fn buckets(&self) -> Vec<StatsBucket> {
        self.0.buckets.iter().cloned().map(StatsBucket).collect()
    }
}

/// A combination of values and how many positions have it. A field of a
/// dimension not grouped by is null; so is the field of a grouped dimension
/// for positions that have no value there (an undeclared region, say).
#[derive(Description)]
pub struct StatsBucket(pub stats::Bucket);

#[Object(use_type_description)]
impl StatsBucket {
    /// The stance, when grouping by `STANCE`.
    async fn stance(&self, ctx: &Context<'_>) -> Option<Stance> {
        reference(ctx)
            .stance(self.0.key.stance_id?)
            .cloned()
            .map(Stance)
    }
    /// The stakeholder group, when grouping by `STAKEHOLDER_GROUP`; null
    /// also for positions with no declared group.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        reference(ctx)
            .stakeholder_group(self.0.key.stakeholder_group_id?)
            .cloned()
            .map(StakeholderGroup)
    }
    /// The region, when grouping by `REGION`; null also for positions
    /// with no declared region.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        reference(ctx)
            .region(self.0.key.region_id?)
            .cloned()
            .map(Region)
    }
    /// The event, when grouping by `EVENT`.
    async fn event(&self, ctx: &Context<'_>) -> AppResult<Option<Event>> {
        let Some(id) = self.0.key.event_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(EventId(id)).await?.map(Event))
    }
    /// The session, when grouping by `SESSION`.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<Option<Session>> {
        let Some(id) = self.0.key.session_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(SessionId(id)).await?.map(Session))
    }
    /// Onsite or online, when grouping by `PARTICIPATION_MODE`; null also
    /// for positions that record neither.
    async fn participation_mode(&self) -> Option<ParticipationMode> {
        self.0.key.participation_mode.map(Into::into)
    }
    /// The event's year, when grouping by `YEAR`.
    async fn year(&self) -> Option<i32> {
        self.0.key.year
    }
    /// Published positions with these values.
    async fn count(&self) -> i64 {
        self.0.count
    }
    /// `count` over `total`: 0 to 1.
    async fn share_of_total(&self) -> f64 {
        self.0.share_of_total
    }
    /// `count` over the positions that share this bucket's values in every
    /// dimension but the last one of `groupBy`: with `groupBy: [REGION,
    /// STANCE]`, the share of the region's positions that take this stance.
    /// Equals `shareOfTotal` when grouping by one dimension.
    async fn share_within_group(&self) -> f64 {
        self.0.share_within_group
    }
}

/// Two groups' stances side by side.
#[derive(Description)]
pub struct StanceComparison {
    pub topic: Topic,
    pub a: StanceProfile,
    pub b: StanceProfile,
    pub stances: Vec<StanceDifference>,
}

#[Object(use_type_description)]
impl StanceComparison {
    /// The topic whose stances are compared.
    async fn topic(&self) -> &Topic {
        &self.topic
    }
    /// The group the `a` filter selects.
    async fn a(&self) -> &StanceProfile {
        &self.a
    }
    /// The group the `b` filter selects.
    async fn b(&self) -> &StanceProfile {
        &self.b
    }
    /// Every stance of the topic, in taxonomy order, with both groups'
    /// shares.
    async fn stances(&self) -> &[StanceDifference] {
        &self.stances
    }
    /// How far apart the two groups are: half the sum of the absolute
    /// share differences (total variation distance), 0 when they split
    /// alike, 1 when they share no stance. Null when a group has no
    /// position.
    async fn distance(&self) -> Option<f64> {
        if self.a.total == 0 || self.b.total == 0 {
            return None;
        }
        Some(
            self.stances
                .iter()
                .map(|s| (s.share_a - s.share_b).abs())
                .sum::<f64>()
                / 2.0,
        )
    }
}

/// One group's stance distribution in a comparison.
#[derive(Description)]
pub struct StanceProfile {
    pub total: i64,
    pub division: Option<f64>,
    pub leading: Option<Stance>,
}

#[Object(use_type_description)]
impl StanceProfile {
    /// Published positions the group's filter matches on the topic.
    async fn total(&self) -> i64 {
        self.total
    }
    /// How divided the group is: the normalized entropy of its stance
    /// shares, 0 when all take one stance, 1 when every stance of the
    /// topic is equally common. Null when the group has no position.
    async fn division(&self) -> Option<f64> {
        self.division
    }
    /// The stance most of the group takes (the first in taxonomy order on a
    /// tie); null when the group has no position.
    async fn leading_stance(&self) -> Option<&Stance> {
        self.leading.as_ref()
    }
}

/// One stance in a comparison.
#[derive(Description)]
pub struct StanceDifference {
    pub stance: Stance,
    pub count_a: i64,
    pub count_b: i64,
    pub share_a: f64,
    pub share_b: f64,
}

#[Object(use_type_description)]
impl StanceDifference {
    /// The stance.
    async fn stance(&self) -> &Stance {
        &self.stance
    }
    /// Positions of group `a` taking it.
    async fn count_a(&self) -> i64 {
        self.count_a
    }
    /// Positions of group `b` taking it.
    async fn count_b(&self) -> i64 {
        self.count_b
    }
    /// Share of group `a`'s positions: 0 to 1 (0 when `a` has none).
    async fn share_a(&self) -> f64 {
        self.share_a
    }
    /// Share of group `b`'s positions: 0 to 1 (0 when `b` has none).
    async fn share_b(&self) -> f64 {
        self.share_b
    }
    /// `shareA - shareB`: positive when the stance is more common in `a`.
    async fn difference(&self) -> f64 {
        self.share_a - self.share_b
    }
}
