//! Which interventions count: one filter for `speakingTime`, the search
//! over interventions and the intervention exports, applied by one
//! function ([`restrict`]), so the three always select the same rows.

use entity::{
    event, intervention, position::ParticipationMode, session, session::SessionKind,
    session_role::RoleKind,
};
use sea_orm::{
    ActiveEnum, ConnectionTrait,
    sea_query::{Expr, ExprTrait, JoinType, SelectStatement},
};

use crate::{
    error::{AppError, AppResult},
    service::reference::ReferenceData,
};

/// Which interventions count; all given filters must hold. Interventions
/// gone from their transcript (kept because a position cites them) never
/// count.
#[derive(Debug, Clone, Default)]
pub struct SpeakingFilter {
    pub event_id: Option<i64>,
    pub year: Option<i32>,
    pub session_id: Option<i64>,
    pub session_kind: Option<SessionKind>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub participation: Option<ParticipationMode>,
    pub role: Option<RoleKind>,
    /// `true`: the floor only; `false`: the panel (everyone else) only.
    pub floor: Option<bool>,
    /// Interventions that mention any of these keywords (a topic's).
    pub mentions: Option<Vec<String>>,
}

/// The filter as callers give it, by codes; [`SpeakingFilterSpec::resolve`]
/// turns it into ids, naming the field of anything unknown.
#[derive(Debug, Clone, Default)]
pub struct SpeakingFilterSpec {
    /// Event code.
    pub event: Option<String>,
    pub year: Option<i32>,
    /// Session id (already decoded from its global ID).
    pub session_id: Option<i64>,
    pub session_kind: Option<SessionKind>,
    /// Stakeholder group code.
    pub stakeholder_group: Option<String>,
    /// Region code.
    pub region: Option<String>,
    pub participation: Option<ParticipationMode>,
    pub role: Option<RoleKind>,
    pub floor: Option<bool>,
    /// Topic code: interventions that mention one of its keywords.
    pub topic: Option<String>,
}

impl SpeakingFilterSpec {
    /// Resolve codes into ids, refusing unknown ones with `BAD_USER_INPUT`
    /// on the field that holds them.
    pub async fn resolve(
        self,
        db: &impl ConnectionTrait,
        refs: &ReferenceData,
    ) -> AppResult<SpeakingFilter> {
        let group = |code: &String| {
            refs.stakeholder_group_by_code(code)
                .map(|g| g.id)
                .map_err(|e| AppError::invalid("stakeholderGroup", e.to_string()))
        };
        let region = |code: &String| {
            refs.region_by_code(code)
                .map(|r| r.id)
                .map_err(|e| AppError::invalid("region", e.to_string()))
        };
        Ok(SpeakingFilter {
            event_id: event_id(db, self.event.as_deref()).await?,
            year: self.year,
            session_id: self.session_id,
            session_kind: self.session_kind,
            stakeholder_group_id: self.stakeholder_group.as_ref().map(group).transpose()?,
            region_id: self.region.as_ref().map(region).transpose()?,
            participation: self.participation,
            role: self.role,
            floor: self.floor,
            mentions: self
                .topic
                .as_deref()
                .map(|code| topic_keywords(refs, "topic", code))
                .transpose()?,
        })
    }
}

/// The id of the event with code `code`, or `BAD_USER_INPUT` on `event`.
pub async fn event_id(db: &impl ConnectionTrait, code: Option<&str>) -> AppResult<Option<i64>> {
    let Some(code) = code else { return Ok(None) };
    let event = crate::service::event::by_code(db, code)
        .await?
        .ok_or_else(|| AppError::invalid("event", format!("no event with code `{code}`")))?;
    Ok(Some(event.id))
}

/// A topic's keywords, or `BAD_USER_INPUT` naming `field` when the topic is
/// unknown or has none yet.
pub fn topic_keywords(refs: &ReferenceData, field: &str, code: &str) -> AppResult<Vec<String>> {
    let topic = refs
        .topic_by_code(code)
        .map_err(|e| AppError::invalid(field, e.to_string()))?;
    let keywords: Vec<String> = topic
        .keyword_list()
        .iter()
        .map(|k| (*k).to_owned())
        .collect();
    if keywords.is_empty() {
        return Err(AppError::invalid(
            field,
            format!("topic `{code}` has no keywords yet; admins give them with updateTopic"),
        ));
    }
    Ok(keywords)
}

/// Restrict a statement over `intervention` to what `filter` selects: it
/// joins `session` (inner) and `event` (left), so callers may select their
/// columns, and keeps interventions in their transcript only.
pub fn restrict(q: &mut SelectStatement, filter: &SpeakingFilter) {
    let i = |c: intervention::Column| Expr::col((intervention::Entity, c));
    q.join(
        JoinType::InnerJoin,
        session::Entity,
        Expr::col((session::Entity, session::Column::Id))
            .equals((intervention::Entity, intervention::Column::SessionId)),
    )
    .join(
        JoinType::LeftJoin,
        event::Entity,
        Expr::col((event::Entity, event::Column::Id))
            .equals((intervention::Entity, intervention::Column::EventId)),
    )
    // Written as the bare column, not `= $n`: a prepared statement's
    // generic plan then still matches the partial index over interventions
    // in their transcript (PostgreSQL's full-text index is one).
    .and_where(i(intervention::Column::InTranscript));
    if let Some(id) = filter.event_id {
        q.and_where(i(intervention::Column::EventId).eq(id));
    }
    if let Some(y) = filter.year {
        q.and_where(Expr::col((event::Entity, event::Column::Year)).eq(y));
    }
    if let Some(id) = filter.session_id {
        q.and_where(i(intervention::Column::SessionId).eq(id));
    }
    if let Some(k) = filter.session_kind {
        q.and_where(Expr::col((session::Entity, session::Column::Kind)).eq(k.to_value()));
    }
    if let Some(id) = filter.stakeholder_group_id {
        q.and_where(i(intervention::Column::StakeholderGroupId).eq(id));
    }
    if let Some(id) = filter.region_id {
        q.and_where(i(intervention::Column::RegionId).eq(id));
    }
    if let Some(m) = filter.participation {
        q.and_where(i(intervention::Column::Participation).eq(m.to_value()));
    }
    if let Some(r) = filter.role {
        q.and_where(i(intervention::Column::Role).eq(r.to_value()));
    }
    if let Some(f) = filter.floor {
        q.and_where(i(intervention::Column::IsFloor).eq(f));
    }
    if let Some(keywords) = &filter.mentions {
        q.cond_where(crate::service::transcript::mentioning(keywords));
    }
}
