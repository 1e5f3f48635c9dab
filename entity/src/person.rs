//! A speaker or participant (DESIGN.md, Person).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// `name` folded for case-insensitive search; kept by `before_save`.
    pub name_folded: String,
    /// [`crate::person_key`] of `name`: the same person matches on it.
    pub match_key: String,
    /// [`crate::person_token_key`] of `name`: likely duplicates share it.
    pub token_key: String,
    pub affiliation: Option<String>,
    pub stakeholder_group_id: Option<i64>,
    /// The stakeholder group as first written for this person.
    pub stakeholder_group_raw: Option<String>,
    pub region_id: Option<i64>,
    /// The region as first written for this person.
    pub region_raw: Option<String>,
    /// Self-declared, never required; readable only by admins and the
    /// organizers of this person's sessions.
    pub gender: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "stakeholder_group_id", to = "id")]
    pub stakeholder_group: BelongsTo<Option<super::stakeholder_group::Entity>>,
    #[sea_orm(belongs_to, from = "region_id", to = "id")]
    pub region: BelongsTo<Option<super::region::Entity>>,
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// Keep `name_folded` in step with `name` on every write.
    async fn before_save<C: ConnectionTrait>(
        mut self,
        _db: &C,
        _insert: bool,
    ) -> Result<Self, DbErr> {
        if self.name.is_set() {
            let name = self.name.as_ref();
            self.name_folded = sea_orm::Set(crate::fold(name));
            self.match_key = sea_orm::Set(crate::person_key(name));
            self.token_key = sea_orm::Set(crate::person_token_key(name));
        }
        Ok(self)
    }
}
