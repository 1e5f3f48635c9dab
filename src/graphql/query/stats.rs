use async_graphql::{Context, Object};

use super::position::PositionFilterInput;
use crate::{
    error::{AppError, AppResult},
    graphql::types::{
        PositionStats, Stance, StanceComparison, StanceDifference, StanceProfile, StatsDimension,
        Topic,
    },
    service::stats::{self, Dimension},
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
        let refs = state.reference();
        let topic = refs.topic_by_code(&topic)?.clone();
        let mut counts = Vec::with_capacity(2);
        for (name, side) in [("a", a), ("b", b)] {
            if side.topic.as_deref().is_some_and(|t| t != topic.code) {
                return Err(AppError::invalid(
                    format!("{name}.topic"),
                    "give the topic once, as `topic`, not inside the filters",
                ));
            }
            let mut filter = side.resolve(state).await?;
            filter.topic_id = Some(topic.id);
            let s = stats::cached_position_stats(
                &state.db,
                &state.stats_cache,
                &filter,
                &[Dimension::Stance],
            )
            .await?;
            counts.push(s);
        }
        let stances: Vec<_> = refs.stances_of(topic.id).cloned().collect();
        let count_of = |s: &stats::Stats, id: i64| {
            s.buckets
                .iter()
                .find(|b| b.key.stance_id == Some(id))
                .map_or(0, |b| b.count)
        };
        let profile = |s: &stats::Stats| {
            let per: Vec<i64> = stances.iter().map(|st| count_of(s, st.id)).collect();
            let leading = per
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .max_by(|(i, x), (j, y)| x.cmp(y).then(j.cmp(i)))
                .map(|(i, _)| Stance(stances[i].clone()));
            StanceProfile {
                total: s.total,
                division: stats::normalized_entropy(&per, stances.len()),
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
            topic: Topic(topic.clone()),
            a: profile(sa),
            b: profile(sb),
            stances: stances
                .iter()
                .map(|st| {
                    let (count_a, count_b) = (count_of(sa, st.id), count_of(sb, st.id));
                    StanceDifference {
                        stance: Stance(st.clone()),
                        count_a,
                        count_b,
                        share_a: share(count_a, sa.total),
                        share_b: share(count_b, sb.total),
                    }
                })
                .collect(),
        })
    }
}
