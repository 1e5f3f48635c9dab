//! Reference data objects, served from the in-memory snapshot.

use async_graphql::{Context, Description, ID, Object};
use entity::{document, paragraph, region, stakeholder_group, stance, topic};

use super::{Position, Session, loaders, reference as snapshot, required_reference};
use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        loaders::{PositionId, PositionsCiting, SessionId, SessionsCiting},
    },
    service::page::Page,
};

/// A UN regional group as IGF forms use it.
#[derive(Description)]
pub struct Region(pub region::Model);

#[Object(use_type_description)]
impl Region {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Region, self.0.id)
    }
    /// Stable slug, such as `weog`; filters take it.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Display name, such as "Western European and Others Group (WEOG)".
    async fn name(&self) -> &str {
        &self.0.name
    }
}

/// A stakeholder group: Government, Civil Society, Technical Community,
/// Private Sector, Intergovernmental Organization.
#[derive(Description)]
pub struct StakeholderGroup(pub stakeholder_group::Model);

#[Object(use_type_description)]
impl StakeholderGroup {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::StakeholderGroup, self.0.id)
    }
    /// Stable slug, such as `civil-society`; filters take it.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Display name, such as "Civil Society".
    async fn name(&self) -> &str {
        &self.0.name
    }
}

/// A topic of debate with its taxonomy of stances.
#[derive(Description)]
pub struct Topic(pub topic::Model);

#[Object(use_type_description)]
impl Topic {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Topic, self.0.id)
    }
    /// Stable slug, such as `enhanced-cooperation`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the topic covers.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Optimistic-concurrency version; an update names the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// What marks a mention of the topic in an intervention, case aside
    /// (`Intervention.topics`, and the `topic` filters of `interventions`
    /// and `speakingTime`).
    async fn keywords(&self) -> Vec<&str> {
        self.0.keyword_list()
    }
    /// The stances one can take on this topic, in display order.
    async fn stances(&self, ctx: &Context<'_>) -> Vec<Stance> {
        snapshot(ctx)
            .stances_of(self.0.id)
            .cloned()
            .map(Stance)
            .collect()
    }
}

/// One stance in a topic's taxonomy.
#[derive(Description)]
pub struct Stance(pub stance::Model);

#[Object(use_type_description)]
impl Stance {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Stance, self.0.id)
    }
    /// Slug, unique within its topic, such as `ongoing-commitment`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Short display name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What holding this stance means.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Display order within the topic, from 1.
    async fn order(&self) -> i32 {
        self.0.position
    }
    /// Optimistic-concurrency version; an update names the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The topic this stance belongs to.
    async fn topic(&self, ctx: &Context<'_>) -> AppResult<Topic> {
        let id = self.0.topic_id;
        required_reference(ctx, "topic", id, |r| r.topic(id).cloned().map(Topic)).await
    }
}

/// A document the debate cites, such as the Tunis Agenda.
#[derive(Description)]
pub struct Document(pub document::Model);

#[Object(use_type_description)]
impl Document {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Document, self.0.id)
    }
    /// Stable slug, such as `tunis-agenda`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Full title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Year of adoption.
    async fn year(&self) -> Option<i32> {
        self.0.year
    }
    /// Where the document is published.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// Optimistic-concurrency version; an update names the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The paragraphs stored for this document, by number.
    async fn paragraphs(&self, ctx: &Context<'_>) -> Vec<Paragraph> {
        snapshot(ctx)
            .paragraphs_of(self.0.id)
            .cloned()
            .map(Paragraph)
            .collect()
    }
}

/// A numbered paragraph of a cited document.
#[derive(Description)]
pub struct Paragraph(pub paragraph::Model);

#[Object(use_type_description)]
impl Paragraph {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Paragraph, self.0.id)
    }
    /// The paragraph's number in its document, such as 69.
    async fn number(&self) -> i32 {
        self.0.number
    }
    /// The paragraph's text; null until an admin adds it.
    async fn text(&self) -> Option<&str> {
        self.0.text.as_deref()
    }
    /// Optimistic-concurrency version; an update names the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The document it belongs to.
    async fn document(&self, ctx: &Context<'_>) -> AppResult<Document> {
        let id = self.0.document_id;
        required_reference(ctx, "document", id, |r| {
            r.document(id).cloned().map(Document)
        })
        .await
    }
    /// The sessions that cite this paragraph, in the order they were
    /// stored.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn cited_by_sessions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<Conn<Session>> {
        let (first, after) = connection::nested_request(Scope::Sessions, first, after)?;
        let all = loaders(ctx)
            .load_one(SessionsCiting(self.0.id))
            .await?
            .unwrap_or_default();
        let (ids, page) = page_of(&all, first, after);
        let mut found = loaders(ctx)
            .load_many(ids.iter().map(|i| SessionId(*i)))
            .await?;
        let rows = ids
            .iter()
            .filter_map(|i| found.remove(&SessionId(*i)))
            .collect();
        Ok(connection::connection(
            Scope::Sessions,
            Page { rows, ..page },
            TotalCount::Known(all.len() as i64),
            |s| (None, s.id),
            Session,
        ))
    }
    /// The published positions that cite this paragraph, in recording
    /// order; drafts never show here.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn cited_by_positions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<Conn<Position>> {
        let (first, after) = connection::nested_request(Scope::Positions, first, after)?;
        let all = loaders(ctx)
            .load_one(PositionsCiting(self.0.id))
            .await?
            .unwrap_or_default();
        let (ids, page) = page_of(&all, first, after);
        let mut found = loaders(ctx)
            .load_many(ids.iter().map(|i| PositionId(*i)))
            .await?;
        let rows = ids
            .iter()
            .filter_map(|i| found.remove(&PositionId(*i)))
            .collect();
        Ok(connection::connection(
            Scope::Positions,
            Page { rows, ..page },
            TotalCount::Known(all.len() as i64),
            |p| (None, p.id),
            Position,
        ))
    }
}

/// The ids of one page of `all` (ascending ids) after `after`, and the
/// page's flags, its rows still to load: citations are few per paragraph,
/// so they are read whole, for every paragraph of the request at once.
fn page_of<M>(all: &[i64], first: u64, after: Option<i64>) -> (Vec<i64>, Page<M>) {
    let mut ids: Vec<i64> = all
        .iter()
        .copied()
        .filter(|id| after.is_none_or(|a| *id > a))
        .take(first as usize + 1)
        .collect();
    let has_next = ids.len() as u64 > first;
    ids.truncate(first as usize);
    (
        ids,
        Page {
            rows: Vec::new(),
            has_previous: after.is_some(),
            has_next,
        },
    )
}
