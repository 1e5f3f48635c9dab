//! Reading the reference data: `regions`, `stakeholderGroups`, `topics` and
//! `documents` from the in-memory snapshot, and `events`.

use async_graphql::{Context, Object};

use crate::{
    error::AppResult,
    graphql::types::{Document, Event, Region, StakeholderGroup, Topic, reference},
    service,
    state::AppState,
};

#[derive(Default)]
pub struct ReferenceQuery;

#[Object]
impl ReferenceQuery {
    /// The UN regional groups IGF forms use.
    async fn regions(&self, ctx: &Context<'_>) -> Vec<Region> {
        reference(ctx).regions.iter().cloned().map(Region).collect()
    }
    /// The stakeholder groups.
    async fn stakeholder_groups(&self, ctx: &Context<'_>) -> Vec<StakeholderGroup> {
        reference(ctx)
            .stakeholder_groups
            .iter()
            .cloned()
            .map(StakeholderGroup)
            .collect()
    }
    /// Topics of debate, each with its stances.
    async fn topics(&self, ctx: &Context<'_>) -> Vec<Topic> {
        reference(ctx).topics.iter().cloned().map(Topic).collect()
    }
    /// The documents the debate cites, each with its stored paragraphs.
    async fn documents(&self, ctx: &Context<'_>) -> Vec<Document> {
        reference(ctx)
            .documents
            .iter()
            .cloned()
            .map(Document)
            .collect()
    }
    /// IGF annual meetings and NRI events, newest year first.
    #[graphql(complexity = "20 * child_complexity")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only events of this year.")] year: Option<i32>,
    ) -> AppResult<Vec<Event>> {
        let db = &ctx.data_unchecked::<AppState>().db;
        Ok(service::event::list(db, year)
            .await?
            .into_iter()
            .map(Event)
            .collect())
    }
}
