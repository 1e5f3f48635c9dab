//! Aggregates over published positions: `positionStats` and
//! `compareStances`, counted by [`crate::service::stats`].

use async_graphql::{Context, Object};

use super::position::PositionFilterInput;
use crate::{
    error::AppResult,
    graphql::types::{
        PositionStats, Stance, StanceComparison, StanceDifference, StanceProfile, StatsDimension,
        Topic,
    },
    service::{
        position::PositionFilterSpec,
        stats::{self, Dimension},
    },
    state::AppState,
};

#[derive(Default)]
pub struct StatsQuery;

#[Object]
impl StatsQuery {
    /// Published positions counted by up to four dimensions at once: by
    /// `[STANCE]` for a topic's split, `[REGION, STANCE]` for a cross-tab
    /// whose `shareWithinGroup` reads "of the region's positions, this
    /// share takes the stance". Drafts are never counted, whoever asks.
    async fn position_stats(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which published positions to count; all given filters must hold.")]
        filter: Option<PositionFilterInput>,
        #[graphql(desc = "Dimensions to count by, each once; [] counts the total only.")]
        group_by: Vec<StatsDimension>,
    ) -> AppResult<PositionStats> {
        let state = ctx.data_unchecked::<AppState>();
        let dims: Vec<Dimension> = group_by.into_iter().map(Into::into).collect();
        stats::check_dimensions(&dims)?;
        let filter = filter.unwrap_or_default().resolve(state).await?;
        Ok(PositionStats(
            stats::cached_position_stats(&state.db, &state.stats_cache, &filter, &dims).await?,
        ))
    }

    /// Two groups' stances on a topic side by side: each stance's share in
    /// both, the difference, how divided each group is, and how far apart
    /// they are. For example Civil Society from the African Group (`a:
    /// {stakeholderGroup: "civil-society", region: "african"}`) against
    /// Governments from WEOG (`b: {stakeholderGroup: "government", region:
    /// "weog"}`).
    async fn compare_stances(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The first group.")] a: PositionFilterInput,
        #[graphql(desc = "The second group.")] b: PositionFilterInput,
        #[graphql(
            desc = "The topic whose stances are compared.",
            default = "enhanced-cooperation"
        )]
        topic: String,
    ) -> AppResult<StanceComparison> {
        let state = ctx.data_unchecked::<AppState>();
        let c = stats::compare_stances(
            &state.db,
            &state.stats_cache,
            &state.reference(),
            &topic,
            PositionFilterSpec::try_from(a)?,
            PositionFilterSpec::try_from(b)?,
        )
        .await?;
        let profile = |p: stats::StanceProfile| StanceProfile {
            total: p.total,
            division: p.division,
            leading: p.leading.map(Stance),
        };
        Ok(StanceComparison {
            topic: Topic(c.topic),
            a: profile(c.a),
            b: profile(c.b),
            stances: c
                .stances
                .into_iter()
                .map(|d| StanceDifference {
                    stance: Stance(d.stance),
                    count_a: d.count_a,
                    count_b: d.count_b,
                    share_a: d.share_a,
                    share_b: d.share_b,
                })
                .collect(),
        })
    }
}
