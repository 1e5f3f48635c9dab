//! A topic of debate, such as `enhanced-cooperation`, with its stances.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "topic")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    /// What marks a mention of the topic in an intervention, one per line.
    #[sea_orm(column_type = "Text", nullable)]
    pub keywords: Option<String>,
    pub version: i32,
    #[sea_orm(has_many)]
    pub stances: HasMany<super::stance::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The keywords, one per line as stored.
    pub fn keyword_list(&self) -> Vec<&str> {
        self.keywords
            .as_deref()
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .collect()
    }

    /// Whether `text` mentions the topic: a keyword in it, case aside.
    pub fn mentioned_in(&self, text: &str) -> bool {
        let text = crate::fold(text);
        self.keyword_list()
            .iter()
            .any(|k| text.contains(&crate::fold(k)))
    }
}
