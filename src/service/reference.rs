//! Reference data (regions, stakeholder groups, topics, stances, cited
//! documents): small, read on nearly every request, so kept in memory and
//! looked up by id or code without a query.

use entity::{
    alias::{self, AliasKind},
    document, paragraph, region, stakeholder_group, stance, topic,
};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use crate::error::{AppError, AppResult};

#[derive(Debug, Default)]
pub struct ReferenceData {
    pub regions: Vec<region::Model>,
    pub stakeholder_groups: Vec<stakeholder_group::Model>,
    pub topics: Vec<topic::Model>,
    pub stances: Vec<stance::Model>,
    pub documents: Vec<document::Model>,
    pub paragraphs: Vec<paragraph::Model>,
    /// Text as written that admins mapped to a region or group.
    pub aliases: Vec<alias::Model>,
}

/// Look up a code in a list of reference rows, or say which codes exist.
fn by_code<'a, T>(
    rows: &'a [T],
    code: &str,
    what: &str,
    code_of: impl Fn(&T) -> &str,
) -> AppResult<&'a T> {
    rows.iter().find(|r| code_of(r) == code).ok_or_else(|| {
        let known: Vec<&str> = rows.iter().map(&code_of).collect();
        AppError::bad_input(format!(
            "unknown {what} `{code}`; known: {}",
            known.join(", ")
        ))
    })
}

impl ReferenceData {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        Ok(Self {
            regions: region::Entity::find()
                .order_by_asc(region::Column::Id)
                .all(db)
                .await?,
            stakeholder_groups: stakeholder_group::Entity::find()
                .order_by_asc(stakeholder_group::Column::Id)
                .all(db)
                .await?,
            topics: topic::Entity::find()
                .order_by_asc(topic::Column::Id)
                .all(db)
                .await?,
            stances: stance::Entity::find()
                .order_by_asc(stance::Column::TopicId)
                .order_by_asc(stance::Column::Position)
                .all(db)
                .await?,
            documents: document::Entity::find()
                .order_by_asc(document::Column::Id)
                .all(db)
                .await?,
            paragraphs: paragraph::Entity::find()
                .order_by_asc(paragraph::Column::DocumentId)
                .order_by_asc(paragraph::Column::Number)
                .all(db)
                .await?,
            aliases: alias::Entity::find().all(db).await?,
        })
    }

    pub fn region(&self, id: i64) -> Option<&region::Model> {
        self.regions.iter().find(|r| r.id == id)
    }
    pub fn stakeholder_group(&self, id: i64) -> Option<&stakeholder_group::Model> {
        self.stakeholder_groups.iter().find(|g| g.id == id)
    }
    pub fn topic(&self, id: i64) -> Option<&topic::Model> {
        self.topics.iter().find(|t| t.id == id)
    }
    pub fn stance(&self, id: i64) -> Option<&stance::Model> {
        self.stances.iter().find(|s| s.id == id)
    }
    pub fn document(&self, id: i64) -> Option<&document::Model> {
        self.documents.iter().find(|d| d.id == id)
    }
    pub fn paragraph(&self, id: i64) -> Option<&paragraph::Model> {
        self.paragraphs.iter().find(|p| p.id == id)
    }
    pub fn stances_of(&self, topic_id: i64) -> impl Iterator<Item = &stance::Model> {
        self.stances.iter().filter(move |s| s.topic_id == topic_id)
    }
    pub fn paragraphs_of(&self, document_id: i64) -> impl Iterator<Item = &paragraph::Model> {
        self.paragraphs
            .iter()
            .filter(move |p| p.document_id == document_id)
    }

    pub fn region_by_code(&self, code: &str) -> AppResult<&region::Model> {
        by_code(&self.regions, code, "region", |r| &r.code)
    }
    pub fn stakeholder_group_by_code(&self, code: &str) -> AppResult<&stakeholder_group::Model> {
        by_code(&self.stakeholder_groups, code, "stakeholder group", |g| {
            &g.code
        })
    }
    pub fn topic_by_code(&self, code: &str) -> AppResult<&topic::Model> {
        by_code(&self.topics, code, "topic", |t| &t.code)
    }
    /// Stances with this code, in one topic or in all of them.
    pub fn stances_by_code(&self, code: &str, topic_id: Option<i64>) -> AppResult<Vec<i64>> {
        let ids: Vec<i64> = self
            .stances
            .iter()
            .filter(|s| s.code == code && topic_id.is_none_or(|t| s.topic_id == t))
            .map(|s| s.id)
            .collect();
        if ids.is_empty() {
            let mut known: Vec<&str> = self
                .stances
                .iter()
                .filter(|s| topic_id.is_none_or(|t| s.topic_id == t))
                .map(|s| s.code.as_str())
                .collect();
            known.dedup();
            return Err(AppError::bad_input(format!(
                "unknown stance `{code}`; known: {}",
                known.join(", ")
            )));
        }
        Ok(ids)
    }

    /// The canonical region for a region as written in a proposal
    /// (`Western European and Others Group (WEOG)`, `Asia-Pacific`, …), or
    /// none when it maps to no UN regional group (`North America`).
    pub fn match_region(&self, raw: &str) -> Option<&region::Model> {
        let text = normalize(raw);
        if let Some(id) = self.alias(AliasKind::Region, &text) {
            return self.region(id);
        }
        let has = |w: &str| text.contains(w);
        let code = if has("weog") || has("western europe") {
            "weog"
        } else if has("eastern europe") {
            "eastern-european"
        } else if has("asia") && has("pacific") {
            "asia-pacific"
        } else if has("grulac") || has("latin america") || has("caribbean") {
            "grulac"
        } else if has("africa") {
            "african"
        } else if has("intergovernmental") || has("international organi") {
            "intergovernmental-organization"
        } else {
            return None;
        };
        self.regions.iter().find(|r| r.code == code)
    }

    /// The canonical stakeholder group for a group as written, or none.
    pub fn match_stakeholder_group(&self, raw: &str) -> Option<&stakeholder_group::Model> {
        let text = normalize(raw);
        if let Some(id) = self.alias(AliasKind::StakeholderGroup, &text) {
            return self.stakeholder_group(id);
        }
        let has = |w: &str| text.contains(w);
        // "Intergovernmental" contains "government": test it first.
        let code = if has("intergovernmental") || has("international organi") {
            "intergovernmental-organization"
        } else if has("government") {
            "government"
        } else if has("civil society") {
            "civil-society"
        } else if has("technical") {
            "technical-community"
        } else if has("private sector") || has("business") {
            "private-sector"
        } else {
            return None;
        };
        self.stakeholder_groups.iter().find(|g| g.code == code)
    }
}

impl ReferenceData {
    /// The target of an admin's alias for this normalised text.
    fn alias(&self, kind: AliasKind, normalized: &str) -> Option<i64> {
        self.aliases
            .iter()
            .find(|a| a.kind == kind && a.text == normalized)
            .map(|a| a.target_id)
    }
}

/// Text as aliases and the review queue key it: lower case, every run of
/// non-alphanumerics one space.
pub fn normalize(raw: &str) -> String {
    raw.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A stakeholder group or region as declared: the canonical id where the
/// code is given or the text maps to one, and the text as written.
pub type Declared = (Option<i64>, Option<String>);

/// One declaration: the canonical row by code (which must exist) or by
/// the text as written (mapped where it can be), and the text kept beside it.
fn declare<'a>(
    field: &str,
    code: Option<&str>,
    written: Option<&str>,
    by_code: impl Fn(&str) -> AppResult<(i64, &'a str)>,
    by_text: impl Fn(&str) -> Option<i64>,
) -> AppResult<Declared> {
    let written = written.map(str::trim).filter(|w| !w.is_empty());
    match code {
        Some(code) => {
            let (id, name) = by_code(code).map_err(|e| AppError::invalid(field, e.to_string()))?;
            Ok((Some(id), Some(written.unwrap_or(name).to_owned())))
        }
        None => Ok((written.and_then(by_text), written.map(Into::into))),
    }
}

impl ReferenceData {
    /// Declare a stakeholder group by `code` or as written.
    pub fn declare_group(
        &self,
        field: &str,
        code: Option<&str>,
        written: Option<&str>,
    ) -> AppResult<Declared> {
        declare(
            field,
            code,
            written,
            |c| {
                self.stakeholder_group_by_code(c)
                    .map(|g| (g.id, g.name.as_str()))
            },
            |w| self.match_stakeholder_group(w).map(|g| g.id),
        )
    }

    /// Declare a region by `code` or as written.
    pub fn declare_region(
        &self,
        field: &str,
        code: Option<&str>,
        written: Option<&str>,
    ) -> AppResult<Declared> {
        declare(
            field,
            code,
            written,
            |c| self.region_by_code(c).map(|r| (r.id, r.name.as_str())),
            |w| self.match_region(w).map(|r| r.id),
        )
    }
}
