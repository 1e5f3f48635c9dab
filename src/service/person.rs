//! People: the filtered list behind `people`.

use entity::person;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};

use super::page::{self, Page, PageRequest};
use super::session::contains_folded;
use crate::error::AppResult;

#[derive(Debug, Default, Clone)]
pub struct PersonFilter {
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    /// Every word must occur in the name, in any case and with or without
    /// accents.
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
    // Each word is compared as people are matched (`entity::person_key`,
    // stored with every write of a name): in any case, without accents, and
    // with punctuation read as a space, so `jose` finds José, `nguyen`
    // finds Nguyễn and `sample-kovacs` finds Sample-Kovács. A word of
    // punctuation alone says nothing about the name.
    for word in &filter.name_words {
        let key = entity::person_key(word);
        if !key.is_empty() {
            q = q.filter(contains_folded(
                (person::Entity, person::Column::MatchKey),
                &key,
            ));
        }
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

pub mod load;
