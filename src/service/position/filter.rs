//! The position filter as callers give it (codes, a session id, years),
//! resolved once into a [`PositionFilter`] of ids. `positions`,
//! `positionStats`, `compareStances` and the exports all go through here,
//! so they refuse the same things with the same words.

use entity::position::ParticipationMode;
use sea_orm::ConnectionTrait;

use super::PositionFilter;
use crate::{
    error::{AppError, AppResult},
    service::{self, reference::ReferenceData},
};

/// Filters on positions by code; all given must hold. Field names are
/// those of GraphQL's `PositionFilterInput`, which error fields repeat.
#[derive(Debug, Default, Clone)]
pub struct PositionFilterSpec {
    /// Topic code.
    pub topic: Option<String>,
    /// Stance code (within `topic` if given).
    pub stance: Option<String>,
    /// Session id (already decoded from its global ID).
    pub session_id: Option<i64>,
    /// Event code.
    pub event: Option<String>,
    /// Stakeholder group code, as declared with the position.
    pub stakeholder_group: Option<String>,
    /// Region code, as declared with the position.
    pub region: Option<String>,
    pub participation_mode: Option<ParticipationMode>,
    /// The event's year; not with `year_from`/`year_to`.
    pub year: Option<i32>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
}

impl PositionFilterSpec {
    /// Resolve codes into ids, refusing unknown ones with `BAD_USER_INPUT`.
    pub async fn resolve(
        self,
        db: &impl ConnectionTrait,
        refs: &ReferenceData,
    ) -> AppResult<PositionFilter> {
        if self.year.is_some() && (self.year_from.is_some() || self.year_to.is_some()) {
            return Err(AppError::invalid(
                "year",
                "give either year or yearFrom/yearTo, not both",
            ));
        }
        if let (Some(from), Some(to)) = (self.year_from, self.year_to)
            && from > to
        {
            return Err(AppError::invalid("yearFrom", "yearFrom is after yearTo"));
        }
        let topic_id = self
            .topic
            .map(|c| refs.topic_by_code(&c).map(|t| t.id))
            .transpose()?;
        let event_id = match &self.event {
            Some(code) => Some(service::event::require(db, code).await?.id),
            None => None,
        };
        Ok(PositionFilter {
            topic_id,
            stance_ids: self
                .stance
                .map(|c| refs.stances_by_code(&c, topic_id))
                .transpose()?,
            session_id: self.session_id,
            event_id,
            stakeholder_group_id: self
                .stakeholder_group
                .map(|c| refs.stakeholder_group_by_code(&c).map(|g| g.id))
                .transpose()?,
            region_id: self
                .region
                .map(|c| refs.region_by_code(&c).map(|r| r.id))
                .transpose()?,
            participation_mode: self.participation_mode,
            year_from: self.year.or(self.year_from),
            year_to: self.year.or(self.year_to),
        })
    }
}
