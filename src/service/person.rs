//! People: the filtered list behind `people`.

use entity::person;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};

use super::page::{self, Page, PageRequest};
use super::session::contains_word;
use crate::error::AppResult;

#[derive(Debug, Default, Clone)]
pub struct PersonFilter {
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    /// Every word must occur in the name, in any case.
    pub name_words: Vec<String>,
}

pub fn select(filter: &PersonFilter) -> Select<person::Entity> {
    let mut q = person::Entity::find();
    if let Some(id) = filter.stakeholder_group_id {
        q = q.filter(person::Column::StakeholderGroupId.eq(id));
    }
    if let Some(id) = filter.region_id {
        q = q.filter(person::Column::RegionId.eq(id));
    }
    for word in &filter.name_words {
        q = q.filter(contains_word(
            (person::Entity, person::Column::NameFolded),
            word,
        ));
    }
    q
}

/// A page of people in a stable order: by name in any case, then id.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &PersonFilter,
    request: &PageRequest,
) -> AppResult<Page<person::Model>> {
    page::fetch(
        db,
        select(filter),
        Some(person::Column::NameFolded),
        person::Column::Id,
        request,
    )
    .await
}
