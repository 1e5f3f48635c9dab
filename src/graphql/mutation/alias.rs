//! `addAlias`: map text as written to a region or stakeholder group
//! (`service::alias`).

use async_graphql::{Context, Enum, Object};
use entity::alias::AliasKind;

use super::env;
use crate::{error::AppResult, service::alias};

/// What an alias maps to.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum AliasKindInput {
    /// A UN regional group.
    Region,
    /// A stakeholder group.
    StakeholderGroup,
}

impl From<AliasKindInput> for AliasKind {
    fn from(kind: AliasKindInput) -> Self {
        match kind {
            AliasKindInput::Region => AliasKind::Region,
            AliasKindInput::StakeholderGroup => AliasKind::StakeholderGroup,
        }
    }
}

#[derive(Default)]
pub struct AliasMutation;

#[Object]
impl AliasMutation {
    /// Map text as written to a region or stakeholder group from now on
    /// (admins); every stored row that carries it and has no canonical value
    /// is mapped too. Answers how many rows it mapped.
    async fn add_alias(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Whether the text names a region or a stakeholder group.")]
        kind: AliasKindInput,
        #[graphql(desc = "The text as written, at most 200 characters.")] text: String,
        #[graphql(desc = "The code of the region or stakeholder group it means.")] code: String,
    ) -> AppResult<i64> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let mapped = alias::add(
            &state.db,
            &viewer.actor(),
            &state.reference(),
            kind.into(),
            &text,
            &code,
        )
        .await?;
        state.reload_reference().await?;
        Ok(mapped as i64)
    }
}
